//! What `update` asks the outside world to do, and what comes back. Effects are plain data so
//! that tests can assert on them; the worker (or, for terminal output, the run loop) performs them.

use std::ops::Range;

use crate::domain::Feedback;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Run a query; the answer carries the same generation so stale ones can be dropped.
    Search { generation: u64, query: String },
    /// Load a record and what surrounds it, for the detail view.
    LoadDetail { id: i64, terms: Vec<String> },
    /// Put text on the clipboard through the terminal (OSC 52); done by the run loop.
    Clipboard(String),
}

impl Effect {
    pub fn search(generation: u64, query: &str) -> Effect {
        Effect::Search {
            generation,
            query: query.to_string(),
        }
    }
}

/// The answer to an effect other than a search.
#[derive(Debug, Clone)]
pub enum Outcome {
    Detail(Box<DetailData>),
    /// An effect failed; the text is for the status line.
    Failed(String),
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
}
