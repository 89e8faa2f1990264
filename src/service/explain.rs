//! `explain`: the parsed query, how its words were segmented, and why the top hits matched.

use serde::Serialize;

use std::collections::HashMap;

use super::search::{Hit, dress_hits};
use super::{Hub, Result};
use crate::domain::query::{Query, SortOrder};
use crate::index::{FieldMatch, SearchHit, TermAnalysis, highlight_terms};

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub query: String,
    pub parsed: Query,
    pub sort: SortOrder,
    pub terms: Vec<TermAnalysis>,
    pub total: usize,
    pub hits: Vec<ExplainedHit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExplainedHit {
    pub hit: Hit,
    pub matches: Vec<FieldMatch>,
}

/// Snippets in an explanation only orient the reader; the matches say the rest.
const SNIPPET_CHARS: usize = 40;

impl Hub {
    /// Parses `text` as `search` does and explains its first `top` hits.
    pub fn explain(&self, text: &str, top: usize) -> Result<Explanation> {
        let parsed = self.parse_query(text)?;
        let sort = parsed.sort.unwrap_or(SortOrder::Relevance);
        self.note_missed()?;
        let explained = self.index.explain(&parsed, sort, top)?;
        let terms = highlight_terms(&parsed);
        let found: Vec<SearchHit> = explained
            .hits
            .iter()
            .map(|h| SearchHit {
                id: h.id,
                score: h.score,
                group: None,
            })
            .collect();
        let mut matches: HashMap<i64, Vec<FieldMatch>> = explained
            .hits
            .into_iter()
            .map(|h| (h.id, h.matches))
            .collect();
        let hits = dress_hits(self, &found, &terms, SNIPPET_CHARS)?
            .into_iter()
            .map(|hit| ExplainedHit {
                matches: matches.remove(&hit.record.id).unwrap_or_default(),
                hit,
            })
            .collect();
        Ok(Explanation {
            query: text.to_string(),
            parsed,
            sort,
            terms: explained.terms,
            total: explained.total,
            hits,
        })
    }
}
