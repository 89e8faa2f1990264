//! Why vochub refused what a person asked, as data: which value, which record, which journal
//! entry. The store, the index and the service return these instead of sentences, so that the
//! command line can print `Display` (English) while the interface words the same refusal in
//! the person's language without reading English back.

use std::fmt;

use super::feedback::Kind;
use super::query::QueryError;
use super::workflow::{QUEUES, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The query does not parse.
    Query(QueryError),
    /// Every word of the query is punctuation or symbols the index does not hold.
    NothingSearchable {
        words: Vec<String>,
    },
    UnknownKind(String),
    UnknownLang(String),
    UnknownQueue(String),
    UnknownStatus(String),
    /// A theme name with no name in it (`/`, spaces).
    ThemeEmpty(String),
    ThemeControl {
        name: String,
        code: u32,
    },
    ThemeTooLong {
        chars: usize,
    },
    NoSuchRecord(i64),
    /// A change that would act on a scope with no query: every record.
    EmptyScope,
    NoThemeChanges,
    Transition {
        from: Status,
        to: Status,
    },
    NoQueueItem(i64),
    NoJournalEntry(i64),
    NothingToUndo,
    AlreadyUndone {
        entry: i64,
        by: i64,
    },
    UndoOfUndo {
        entry: i64,
    },
    CannotUndo {
        entry: i64,
        action: String,
    },
    /// A status change is undone only while the item still has the status it set.
    ChangedSince {
        queue: String,
        item: i64,
        entry: i64,
        status: Status,
    },
    BadSavedName(String),
    /// `saved:` names that lead back to the search being saved.
    SavedLoop {
        name: String,
        path: Vec<String>,
    },
    SavedInUse {
        name: String,
        users: Vec<String>,
    },
    SavedTooDeep {
        name: String,
        max: usize,
    },
    /// `saved:NAME` in a query, with the names that do exist.
    UnknownSaved {
        name: String,
        known: Vec<String>,
    },
    /// Removing a saved search that is not there.
    NoSavedSearch(String),
    QuoteOutside {
        record: i64,
        start: usize,
        end: usize,
        len: usize,
    },
    EmptyQuote,
    QuoteNotInRecord {
        record: i64,
        text: String,
    },
    /// The same words of the same record are already quote `quote`.
    QuoteExists {
        record: i64,
        quote: i64,
    },
    /// An export would hold no quote: none carries `theme` (or none exists), with the themes
    /// that quotes do carry.
    NoQuotesToExport {
        theme: Option<String>,
        known: Vec<String>,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Refusal::*;
        match self {
            Query(e) => write!(f, "{e}"),
            NothingSearchable { words } => write!(
                f,
                "nothing to search for in {}: search needs letters, digits, Chinese characters or emoji",
                quoted(words)
            ),
            UnknownKind(v) => {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                write!(
                    f,
                    "unknown kind '{v}' (expected one of: {})",
                    known.join(", ")
                )
            }
            UnknownLang(v) => write!(f, "unknown language '{v}' (expected zh, en or other)"),
            UnknownQueue(v) => write!(f, "unknown queue '{v}' (queues: {})", QUEUES.join(", ")),
            UnknownStatus(v) => write!(f, "unknown status '{v}' (statuses: {})", statuses()),
            ThemeEmpty(raw) => write!(f, "'{raw}' is not a theme name: it is empty"),
            ThemeControl { name, code } => write!(
                f,
                "theme name '{}' contains a control character (U+{code:04X})",
                name.escape_debug()
            ),
            ThemeTooLong { chars } => {
                write!(f, "theme name is {chars} characters long; the limit is 100")
            }
            NoSuchRecord(id) => write!(f, "no record with id {id}"),
            EmptyScope => {
                f.write_str("the query is empty: say which records, e.g. 退款 or tag:物流")
            }
            NoThemeChanges => {
                f.write_str("no theme changes given: use +THEME to add, -THEME to remove")
            }
            Transition { from, to } => {
                let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
                write!(
                    f,
                    "cannot move an item from {from} to {to}; from {from} it can go to: {}",
                    allowed.join(", ")
                )
            }
            NoQueueItem(id) => write!(f, "no queue item {id}"),
            NoJournalEntry(id) => write!(f, "no journal entry {id}"),
            NothingToUndo => f.write_str(
                "you have no change to undo (`vochub journal` lists everyone's; `vochub undo N` undoes one)",
            ),
            AlreadyUndone { entry, by } => {
                write!(f, "journal entry {entry} was already undone by entry {by}")
            }
            UndoOfUndo { entry } => {
                write!(
                    f,
                    "entry {entry} is an undo; redo the change itself instead"
                )
            }
            CannotUndo { entry, action } => write!(f, "entry {entry} ({action}) cannot be undone"),
            ChangedSince {
                queue,
                item,
                entry,
                status,
            } => write!(
                f,
                "{queue} item {item} has changed since entry {entry} (it is now {status}); \
                 undo the later changes first, newest first, or set it with `vochub queue set`"
            ),
            BadSavedName(name) => write!(
                f,
                "'{name}' cannot name a saved search: use one word without spaces or ':'"
            ),
            SavedLoop { name, path } => {
                write!(
                    f,
                    "'{name}' would use itself: {name} → {}",
                    path.join(" → ")
                )
            }
            SavedInUse { name, users } => write!(
                f,
                "'{name}' is used by saved:{name} in {}; change or remove {} first",
                users.join(", "),
                if users.len() == 1 { "it" } else { "them" }
            ),
            SavedTooDeep { name, max } => write!(
                f,
                "saved search '{name}' refers to itself (through saved: more than {max} deep)"
            ),
            UnknownSaved { name, known } if known.is_empty() => write!(
                f,
                "no saved search named '{name}' (there are none yet; `vochub saved add NAME QUERY` makes one)"
            ),
            UnknownSaved { name, known } => write!(
                f,
                "no saved search named '{name}' (saved searches: {})",
                known.join(", ")
            ),
            NoSavedSearch(name) => write!(f, "no saved search named '{name}'"),
            QuoteOutside {
                record,
                start,
                end,
                len,
            } => write!(
                f,
                "quote span {start}..{end} is not inside record {record} (its text has {len} characters)"
            ),
            EmptyQuote => f.write_str("the quote text is empty"),
            QuoteNotInRecord { record, text } => write!(
                f,
                "record {record} does not contain the text \"{text}\"; a quote must be the customer's exact words"
            ),
            QuoteExists { record, quote } => write!(
                f,
                "record {record} already has these words as quote {quote}; nothing saved"
            ),
            NoQuotesToExport { theme: None, .. } => f.write_str(
                "there are no quotes to export yet; save one with `vochub quote add ID --text …`",
            ),
            NoQuotesToExport {
                theme: Some(t),
                known,
            } if known.is_empty() => write!(
                f,
                "no quote has the theme '{t}' (no quote has a theme yet); nothing written"
            ),
            NoQuotesToExport {
                theme: Some(t),
                known,
            } => write!(
                f,
                "no quote has the theme '{t}'; nothing written (themes with quotes: {})",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<QueryError> for Refusal {
    fn from(e: QueryError) -> Refusal {
        Refusal::Query(e)
    }
}

/// `'a', 'b'`: the words as typed, each in quotes.
pub fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn statuses() -> String {
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_move_names_where_the_item_may_go() {
        let r = Refusal::Transition {
            from: Status::Done,
            to: Status::New,
        };
        assert_eq!(
            r.to_string(),
            "cannot move an item from done to new; from done it can go to: in_progress"
        );
    }

    #[test]
    fn nothing_searchable_quotes_each_word() {
        let r = Refusal::NothingSearchable {
            words: vec!["，。".into(), "！".into()],
        };
        assert_eq!(
            r.to_string(),
            "nothing to search for in '，。', '！': search needs letters, digits, Chinese characters or emoji"
        );
    }

    #[test]
    fn an_unknown_saved_search_says_how_to_make_one_only_when_there_are_none() {
        let none = Refusal::UnknownSaved {
            name: "x".into(),
            known: vec![],
        };
        assert!(none.to_string().contains("vochub saved add"), "{none}");
        let some = Refusal::UnknownSaved {
            name: "x".into(),
            known: vec!["退款".into()],
        };
        assert!(
            some.to_string().ends_with("(saved searches: 退款)"),
            "{some}"
        );
    }
}
