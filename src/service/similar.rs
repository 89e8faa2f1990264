//! Similar records: more-like-this over a record's key terms, for spotting duplicates and
//! grouping feedback about the same thing.

use super::search::{Hit, dress_hits};
use super::{Hub, Result};

/// Snippet length of similar hits, in characters: as in search results.
const SNIPPET_CHARS: usize = 80;

impl Hub {
    /// The records most like record `id`, best first; `limit` 0 means every record sharing a
    /// key term. The snippets highlight the key words of record `id` they contain.
    pub fn similar(&self, id: i64, limit: usize) -> Result<Vec<Hit>> {
        let record = self.record(id)?;
        let found = self
            .index
            .similar(id, record.title.as_deref(), &record.body, limit)?;
        // Near-duplicates are what a look for similar records is for: each is listed.
        dress_hits(self, &found.hits, &found.key_words, SNIPPET_CHARS)
    }
}
