//! Search: parse the query language, run it on the index, and dress the hits from the store.

use std::collections::HashMap;
use std::time::Instant;

use serde::Serialize;

use super::{Hub, Result, now};
use crate::domain::query::{self, Loosened, Query, SortOrder};
use crate::domain::{Feedback, Refusal};
use crate::index::snippet::{Snippet, snippet};
use crate::index::{Facets, SearchHit, SearchRequest, SearchResult, highlight_terms};

/// Hits a search shows unless asked for another number.
pub const DEFAULT_LIMIT: usize = 20;

#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// 0 means every hit.
    pub limit: usize,
    pub offset: usize,
    /// Overrides a `sort:` in the query when given.
    pub sort: Option<SortOrder>,
    pub facets: bool,
    /// Snippet length in characters.
    pub snippet_chars: usize,
    /// Show a near-duplicate only as its original's count when both match (default); off lists every record.
    pub fold_duplicates: bool,
    /// When nothing matches, search again with Chinese words typed together split apart (see
    /// `Query::loosened`): for people reading results, never for commands that act on them.
    pub loosen: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
            sort: None,
            facets: false,
            snippet_chars: 80,
            fold_duplicates: true,
            loosen: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub record: Feedback,
    pub score: f32,
    pub snippet: Snippet,
    /// Stored records that are near-duplicates of this one (reposts, pasted complaints); they are folded
    /// into this hit when they match too.
    pub duplicates: usize,
    /// The original this record near-duplicates, when it is a copy itself.
    pub duplicate_of: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct SearchPage {
    pub query: String,
    pub parsed: Query,
    pub sort: SortOrder,
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
    /// Folded words of the query, for highlighting elsewhere (the detail view).
    pub terms: Vec<String>,
    /// Set when the query as typed found nothing and these are the hits of its Chinese words
    /// split apart: the query that found them, which acting on every match must run.
    pub apart: Option<String>,
}

impl Hub {
    /// Parses the query language and expands `saved:NAME` and `ext:X` and `customer:X` references.
    pub fn parse_query(&self, text: &str) -> Result<Query> {
        let parsed = query::parse(text, now())?;
        self.expand(parsed, 0)
    }

    pub fn search(&self, text: &str, opts: &SearchOptions) -> Result<SearchPage> {
        let started = Instant::now();
        let parsed = self.parse_query(text)?;
        let sort = opts.sort.or(parsed.sort).unwrap_or(SortOrder::Relevance);
        let mut found = self.run(&parsed, sort, opts)?;
        let mut wider_query = None;
        let split = match found.total == 0 && opts.loosen {
            true => self.loosened(&parsed, text),
            false => None,
        };
        if let Some((l, typed_apart)) = split {
            let wider = self.run(&l.query, sort, opts)?;
            if wider.total > 0 {
                found = wider;
                wider_query = Some((l.query, typed_apart));
            }
        }
        let searched = wider_query.as_ref().map_or(&parsed, |(q, _)| q);
        let terms = highlight_terms(searched);
        let apart = wider_query.map(|(_, text)| text);
        let hits = dress_hits(self, &found.hits, &terms, opts.snippet_chars)?;
        Ok(SearchPage {
            query: text.to_string(),
            parsed,
            sort,
            total: found.total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets: found.facets,
            terms,
            apart,
        })
    }

    /// The query with its Chinese words split apart, and its text; `None` when no word splits or
    /// the text cannot say the split query (see `Loosened::text`).
    fn loosened(&self, parsed: &Query, text: &str) -> Option<(Loosened, String)> {
        let l = parsed.loosened(|t| self.index.words_of(t))?;
        let apart = l.text(text);
        let back = self.parse_query(&apart).ok()?;
        l.is(&back).then_some((l, apart))
    }

    fn run(&self, q: &Query, sort: SortOrder, opts: &SearchOptions) -> Result<SearchResult> {
        self.note_missed()?;
        // Folded, the index hands back one hit per original and its copies.
        Ok(self.index.search(&SearchRequest {
            query: q,
            limit: opts.limit,
            offset: opts.offset,
            sort,
            facets: opts.facets,
            collapse: opts.fold_duplicates,
        })?)
    }

    /// One record by its id; `Refusal::NoSuchRecord` when there is none.
    pub fn record(&self, id: i64) -> Result<Feedback> {
        self.store.get(id).map_err(|e| match e {
            crate::store::StoreError::NotFound(id) => Refusal::NoSuchRecord(id).into(),
            other => other.into(),
        })
    }

    pub fn stats(&self) -> Result<crate::store::Stats> {
        Ok(self.store.stats()?)
    }
}

/// Index hits → records from the store, in the same order, with snippets highlighting `terms`
/// and their near-duplicate links. A hit that stands for a folded group counts the rest of it:
/// the original's copies, or for a copy shown, the original and the other copies, which is as
/// many. The index may briefly hold an id the store has dropped; such hits are skipped.
pub(super) fn dress_hits(
    hub: &Hub,
    found: &[SearchHit],
    terms: &[String],
    snippet_chars: usize,
) -> Result<Vec<Hit>> {
    let ids: Vec<i64> = found.iter().map(|h| h.id).collect();
    let links = hub.store.duplicate_links(&ids)?;
    let mut counted = ids.clone();
    counted.extend(found.iter().filter_map(|h| h.group));
    let counts = hub.store.duplicate_counts(&counted)?;
    let mut by_id: HashMap<i64, Feedback> = hub
        .store
        .get_many(&ids)?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mut hits = Vec::with_capacity(found.len());
    for h in found {
        if let Some(record) = by_id.remove(&h.id) {
            hits.push(Hit {
                snippet: snippet(&record.body, terms, snippet_chars),
                record,
                score: h.score,
                duplicates: counts.get(&h.group.unwrap_or(h.id)).copied().unwrap_or(0) as usize,
                duplicate_of: links.get(&h.id).copied(),
            });
        }
    }
    Ok(hits)
}
