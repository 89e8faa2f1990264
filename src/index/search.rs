//! Running a query: top hits in the requested order, the total, and facet counts.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, Order, Searcher};

use super::collapse::{Collapse, GroupHit};
use super::column_filter::{self, Equals, Filtered};
use super::translate::to_query;
use super::{IndexError, Result, SearchIndex};
use crate::domain::query::{Query, SortOrder};

pub struct SearchRequest<'a> {
    pub query: &'a Query,
    /// 0 means every hit.
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
    pub facets: bool,
    /// A near-duplicate and its original are one hit (see `collapse`); `limit` and `offset`
    /// then count such hits.
    pub collapse: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub score: f32,
    /// When near-duplicates were folded, the group the hit stands for: its original's id.
    #[serde(skip)]
    pub group: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub tag: Vec<(String, u64)>,
    pub source: Vec<(String, u64)>,
    pub kind: Vec<(String, u64)>,
    pub month: Vec<(String, u64)>,
}

#[derive(Debug, Clone)]
pub struct SearchResult {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Option<Facets>,
}

/// The number of matches, the chosen hits as (score, address), and the facet counts if asked.
type Collected = (usize, Vec<(f32, DocAddress)>, Option<AggregationResults>);

/// Facet lists are for people to read: the biggest buckets, not all of them.
const FACET_SIZE: u32 = 50;

impl SearchIndex {
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResult> {
        let searcher = self.reader.searcher();
        let whole = to_query(self, req.query.expr.as_ref())?;
        // Keyword filters beside free text are checked as matches are collected (see
        // `column_filter`); the whole query still scores originals looked up afterwards.
        let (rest, filters) = column_filter::lift(req.query.expr.as_ref());
        let narrow = match filters.is_empty() {
            true => None,
            false => Some(to_query(self, rest.as_ref())?),
        };
        let query: &dyn TQuery = narrow.as_deref().unwrap_or(whole.as_ref());
        let facets = req.facets.then(|| self.facet_collector()).transpose()?;
        let limit = match req.limit {
            // Every hit: the count sizes the collector, so it comes first.
            0 => searcher
                .search(query, &Filtered::new(&filters, Count))?
                .max(1),
            n => n,
        };
        let (total, hits, aggs) = if req.collapse {
            let c = Collapse {
                limit,
                offset: req.offset,
                sort: req.sort,
            };
            let (total, groups, aggs) =
                searcher.search(query, &Filtered::new(&filters, (Count, c, facets)))?;
            let hits = match req.sort {
                SortOrder::Relevance => self.shown_in_groups(&searcher, whole.as_ref(), groups)?,
                // By date a group stands where its newest (oldest) match puts it, and that match
                // is what it shows: the original would break the order with an older date.
                SortOrder::Newest | SortOrder::Oldest => self.best_of_groups(&searcher, &groups)?,
            };
            (total, hits, aggs)
        } else {
            let (total, docs, aggs) = self.collect(
                &searcher, query, &filters, limit, req.offset, req.sort, facets,
            )?;
            (total, self.to_hits(&searcher, docs)?, aggs)
        };
        let facets = aggs.map(facets_from).transpose()?;
        Ok(SearchResult {
            total,
            hits,
            facets,
        })
    }

    /// Record ids for index hits, in the same order.
    pub(super) fn to_hits(
        &self,
        searcher: &Searcher,
        docs: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<SearchHit>> {
        let mut ids = IdColumns::default();
        docs.into_iter()
            .map(|(score, addr)| {
                Ok(SearchHit {
                    id: ids.id_of(searcher, addr)?,
                    score,
                    group: None,
                })
            })
            .collect()
    }

    /// Each group's best match, as a hit standing for its group.
    fn best_of_groups(&self, searcher: &Searcher, groups: &[GroupHit]) -> Result<Vec<SearchHit>> {
        let docs = groups.iter().map(|g| (g.score, g.addr)).collect();
        let mut hits = self.to_hits(searcher, docs)?;
        for (hit, g) in hits.iter_mut().zip(groups) {
            hit.group = Some(g.group as i64);
        }
        Ok(hits)
    }

    /// The hit to show for each group when ranked by relevance: its original when the original
    /// matches too, else the group's best match.
    fn shown_in_groups(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
        groups: Vec<GroupHit>,
    ) -> Result<Vec<SearchHit>> {
        let mut hits = self.best_of_groups(searcher, &groups)?;
        // An original that is itself a copy of an older record heads its own group and may be
        // another group's best match: it is never shown twice.
        let shown: HashSet<i64> = hits.iter().map(|h| h.id).collect();
        let original_unshown = |g: &GroupHit| !shown.contains(&(g.group as i64));
        // Originals the collector did not see may match all the same: one more query for those.
        let unseen: Vec<i64> = groups
            .iter()
            .filter(|g| original_unshown(g) && g.original.is_none())
            .map(|g| g.group as i64)
            .collect();
        let matched = match unseen.is_empty() {
            true => HashMap::new(),
            false => self.scores_among(searcher, query, &unseen)?,
        };
        for (hit, g) in hits.iter_mut().zip(&groups) {
            if !original_unshown(g) {
                continue;
            }
            let original = g
                .original
                .or_else(|| matched.get(&(g.group as i64)).copied());
            if let Some(score) = original {
                hit.id = g.group as i64;
                hit.score = score;
            }
        }
        Ok(hits)
    }

    /// Which of `ids` the query matches, with their scores.
    fn scores_among(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
        ids: &[i64],
    ) -> Result<HashMap<i64, f32>> {
        // One term lookup per id: a term set query walks the id field's whole term dictionary.
        let each: Vec<(Occur, Box<dyn TQuery>)> = ids
            .iter()
            .map(|&id| {
                let term = Term::from_field_u64(self.fields.id, id as u64);
                let q: Box<dyn TQuery> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        // The id clause only narrows: scored 0, it leaves the query's own score.
        let among: Box<dyn TQuery> =
            Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(each)), 0.0));
        let both = BooleanQuery::new(vec![(Occur::Must, query.box_clone()), (Occur::Must, among)]);
        let docs = searcher.search(&both, &TopDocs::with_limit(ids.len()).order_by_score())?;
        let hits = self.to_hits(searcher, docs)?;
        Ok(hits.into_iter().map(|h| (h.id, h.score)).collect())
    }

    pub(super) fn id_of(&self, searcher: &Searcher, addr: DocAddress) -> Result<i64> {
        IdColumns::default().id_of(searcher, addr)
    }

    /// (score, address) of the hits in `sort` order; scores are 0 unless sorted by relevance.
    pub(super) fn top_docs(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
        limit: usize,
        offset: usize,
        sort: SortOrder,
    ) -> Result<Vec<(f32, DocAddress)>> {
        Ok(self
            .collect(searcher, query, &[], limit, offset, sort, None)?
            .1)
    }

    /// The number of matches, the top `limit` after `offset` in `sort` order, and the facet
    /// counts, all gathered in one pass over the matching documents (a separate count and
    /// facet search walked 100,000 matches three times).
    // The query and its lifted filters travel apart: the filters become a collector.
    #[allow(clippy::too_many_arguments)]
    fn collect(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
        filters: &[Equals],
        limit: usize,
        offset: usize,
        sort: SortOrder,
        facets: Option<AggregationCollector>,
    ) -> Result<Collected> {
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let by_date = || SortByStaticFastValue::<i64>::for_field("ts");
        Ok(match sort {
            SortOrder::Relevance => {
                // Equal scores go to the newer record.
                let c = top.order_by((
                    (SortBySimilarityScore, Order::Desc),
                    (by_date(), Order::Desc),
                ));
                let (total, docs, aggs) =
                    searcher.search(query, &Filtered::new(filters, (Count, c, facets)))?;
                let docs = docs.into_iter().map(|((s, _), a)| (s, a)).collect();
                (total, docs, aggs)
            }
            SortOrder::Newest | SortOrder::Oldest => {
                let order = if sort == SortOrder::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let c = top.order_by((by_date(), order));
                let (total, docs, aggs) =
                    searcher.search(query, &Filtered::new(filters, (Count, c, facets)))?;
                let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
                (total, docs, aggs)
            }
        })
    }

    fn facet_collector(&self) -> Result<AggregationCollector> {
        let req = serde_json::json!({
            "tag": {"terms": {"field": "tag_names", "size": FACET_SIZE}},
            "source": {"terms": {"field": "source", "size": FACET_SIZE}},
            "kind": {"terms": {"field": "kind", "size": FACET_SIZE}},
            "month": {"terms": {"field": "month", "size": 240, "order": {"_key": "asc"}}},
        });
        let aggs: Aggregations =
            serde_json::from_value(req).map_err(|e| IndexError::Query(e.to_string()))?;
        Ok(AggregationCollector::from_aggs(
            aggs,
            AggContextParams::default(),
        ))
    }

    /// (id, seq) of every indexed record, by id: what `check` compares the store against.
    pub fn doc_seqs(&self) -> Result<Vec<(i64, u64)>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for seg in searcher.segment_readers() {
            let ids = seg.fast_fields().u64("id")?;
            let seqs = seg.fast_fields().u64("seq")?;
            for doc in seg.doc_ids_alive() {
                if let (Some(id), Some(seq)) = (ids.first(doc), seqs.first(doc)) {
                    out.push((id as i64, seq));
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}

/// The `id` column of each segment, opened once per search: opening it decodes the column's
/// block index, and doing that for every one of 200 hits was a third of a page's time.
#[derive(Default)]
struct IdColumns(HashMap<u32, Column<u64>>);

impl IdColumns {
    fn id_of(&mut self, searcher: &Searcher, addr: DocAddress) -> Result<i64> {
        let col = match self.0.entry(addr.segment_ord) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let seg = searcher.segment_reader(addr.segment_ord);
                e.insert(seg.fast_fields().u64("id")?)
            }
        };
        col.first(addr.doc_id)
            .map(|v| v as i64)
            .ok_or_else(|| IndexError::Schema("id".into()))
    }
}

fn facets_from(res: AggregationResults) -> Result<Facets> {
    let json = serde_json::to_value(&res).map_err(|e| IndexError::Query(e.to_string()))?;
    let buckets = |name: &str| -> Vec<(String, u64)> {
        json.get(name)
            .and_then(|a| a.get("buckets"))
            .and_then(|b| b.as_array())
            .map(|arr| {
                arr.iter()
                    .filter_map(|b| {
                        Some((
                            b.get("key")?.as_str()?.to_string(),
                            b.get("doc_count")?.as_u64()?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Facets {
        tag: buckets("tag"),
        source: buckets("source"),
        kind: buckets("kind"),
        month: buckets("month"),
    })
}
