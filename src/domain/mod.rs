//! The vocabulary of vochub: feedback records, their kinds and languages, and the parsed query language.
//! Pure data and pure functions only: no I/O, no storage, no terminal.

mod customer;
pub mod export;
mod fault;
mod feedback;
mod journal;
mod lang;
mod plural;
pub mod query;
mod refusal;
pub mod simhash;
mod t2s;
mod text;
mod theme;
mod workflow;

pub use customer::Customer;
pub use fault::Fault;
pub use feedback::{Contact, Feedback, Kind, NewFeedback, ParseKindError};
pub use journal::JournalChange;
pub use lang::{Lang, ascii_word, detect_lang, is_cjk};
pub use plural::{counted, plural};
pub use refusal::Refusal;
pub use t2s::t2s;
pub use text::{is_invisible, sanitize, sanitize_line};
pub use theme::{normalize_theme, theme_with_ancestors};
pub use workflow::{
    JournalEntry, Priority, QUEUES, QueueItem, Quote, Status, TagChange, ThemeSummary,
    most_heard_first, parse_queue, sparkline,
};
