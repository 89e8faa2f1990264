//! What `update` asks the outside world to do, and what comes back. Effects are plain data so
//! that tests can assert on them; the worker (or, for terminal output, the run loop) performs them.

use std::ops::Range;

use crate::domain::{Feedback, JournalEntry, Priority, QueueItem, Quote, Status, ThemeSummary};
use crate::service::{ExportFormat, Problem, QueueEntry, QuoteCard, ServiceError};

use super::forms::{ItemField, Saved};

/// Records a change applies to: explicit ids, or whatever a query matches when it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Ids(Vec<i64>),
    Query(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Run a query for its first `limit` hits; the answer carries the same generation so stale
    /// ones can be dropped.
    Search {
        generation: u64,
        query: String,
        limit: usize,
    },
    /// The next hits of the page on screen, from hit `from` on, as the cursor nears its end.
    MoreHits {
        generation: u64,
        query: String,
        from: usize,
    },
    /// Load a record and what surrounds it, for the detail view.
    LoadDetail {
        id: i64,
        terms: Vec<String>,
    },
    LoadThemes,
    LoadQueue {
        queue: &'static str,
        status: Option<Status>,
    },
    LoadQuotes {
        theme: Option<String>,
    },
    LoadJournal,
    LoadSaved,
    /// Add (`add`) or remove a theme.
    Tag {
        target: Target,
        theme: String,
        add: bool,
    },
    Route {
        target: Target,
        queue: &'static str,
        priority: Priority,
        note: Option<String>,
    },
    SetStatus {
        item: i64,
        status: Status,
    },
    /// Set a queue item's note or assignee; an empty value clears it.
    EditItem {
        item: i64,
        field: ItemField,
        value: String,
    },
    AddQuote {
        record: i64,
        start: usize,
        end: usize,
        note: Option<String>,
        themes: Vec<String>,
    },
    Undo,
    SaveSearch {
        name: String,
        query: String,
    },
    ExportQuotes {
        format: ExportFormat,
        ext: &'static str,
        theme: Option<String>,
    },
    /// Put text on the clipboard through the terminal (OSC 52); done by the run loop.
    Clipboard(String),
}

/// Hits a new query asks for: a few screens' worth. Every keystroke runs a search, and each hit
/// on the page is read from the store and given a snippet, so a smaller first page answers
/// sooner; the rest comes a page at a time as the cursor nears the end of the list.
pub const FIRST_PAGE: usize = 50;
/// Hits each further page adds.
pub const NEXT_PAGE: usize = 100;

#[cfg(test)]
impl Failure {
    /// A fault with these words, as a database or disk would report it.
    pub fn fault(text: &str) -> Failure {
        Failure::Service(Problem::other(text))
    }
}

#[cfg(test)]
impl Effect {
    /// A new query's search, as `update` sends it.
    pub fn search(generation: u64, query: &str) -> Effect {
        Effect::Search {
            generation,
            query: query.to_string(),
            limit: FIRST_PAGE,
        }
    }
}

/// The answer to an effect other than a search.
#[derive(Debug, Clone)]
pub enum Outcome {
    Detail(Box<DetailData>),
    Themes(Vec<ThemeSummary>),
    Queue {
        queue: &'static str,
        entries: Vec<QueueEntry>,
    },
    Quotes(Vec<QuoteCard>),
    Journal(Vec<JournalEntry>),
    Saved(Vec<Saved>),
    /// A change was made; the status line says what, and screens reload.
    Changed(Change),
    /// An effect failed; the status line words why.
    Failed(Failure),
}

/// Why an effect failed, kept as data until the status line words it in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The service refused or faulted.
    Service(Problem),
    /// The export file could not be written; `reason` is the system's own words.
    Write {
        path: String,
        kind: std::io::ErrorKind,
        reason: String,
    },
}

impl From<ServiceError> for Failure {
    fn from(e: ServiceError) -> Failure {
        Failure::Service(e.problem())
    }
}

/// What a change did, in numbers the status line turns into words.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Tagged {
        theme: String,
        add: bool,
        changed: usize,
    },
    Routed {
        queue: &'static str,
        added: usize,
        already: usize,
    },
    Moved {
        item: i64,
        status: Status,
    },
    Edited {
        item: i64,
        field: ItemField,
        value: String,
    },
    Quoted {
        id: i64,
    },
    Undone {
        /// The undo's journal summary, "undo #36: …".
        summary: String,
        /// The entry it reverted, when it could be read back.
        target: Option<JournalEntry>,
    },
    SavedSearch {
        name: String,
    },
    Exported {
        path: String,
        count: usize,
    },
}

#[derive(Debug, Clone)]
pub struct DetailData {
    pub record: Feedback,
    pub same_author: Vec<Feedback>,
    pub similar: Vec<Feedback>,
    /// Character index where each word of the body starts, for the word cursor.
    pub word_starts: Vec<usize>,
    /// Byte ranges of the body matching the query, for highlighting.
    pub highlights: Vec<Range<usize>>,
    pub routes: Vec<QueueItem>,
    pub quotes: Vec<Quote>,
}
