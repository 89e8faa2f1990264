//! Running a query: top hits in the requested order, the total, and facet counts.

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query as TQuery;
use tantivy::{DocAddress, Order, Searcher};

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
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub score: f32,
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

/// Facet lists are for people to read: the biggest buckets, not all of them.
const FACET_SIZE: u32 = 50;

impl SearchIndex {
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResult> {
        let searcher = self.reader.searcher();
        let query = to_query(self, req.query.expr.as_ref())?;
        let total = searcher.search(&query, &Count)?;
        let limit = if req.limit == 0 { total } else { req.limit };
        let hits = if limit == 0 || req.offset >= total {
            Vec::new()
        } else {
            let docs = self.top_docs(&searcher, &query, limit, req.offset, req.sort)?;
            self.to_hits(&searcher, docs)?
        };
        let facets = if req.facets {
            Some(self.facets(&searcher, &query)?)
        } else {
            None
        };
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
        docs.into_iter()
            .map(|(score, addr)| {
                Ok(SearchHit {
                    id: self.id_of(searcher, addr)?,
                    score,
                })
            })
            .collect()
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
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let by_date = || SortByStaticFastValue::<i64>::for_field("ts");
        let docs: Vec<(f32, DocAddress)> = match sort {
            SortOrder::Relevance => {
                // Equal scores go to the newer record.
                let c = top.order_by((
                    (SortBySimilarityScore, Order::Desc),
                    (by_date(), Order::Desc),
                ));
                searcher
                    .search(query, &c)?
                    .into_iter()
                    .map(|((s, _), a)| (s, a))
                    .collect()
            }
            SortOrder::Newest | SortOrder::Oldest => {
                let order = if sort == SortOrder::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let c = top.order_by((by_date(), order));
                searcher
                    .search(query, &c)?
                    .into_iter()
                    .map(|(_, a)| (0.0, a))
                    .collect()
            }
        };
        Ok(docs)
    }

    pub(super) fn id_of(&self, searcher: &Searcher, addr: DocAddress) -> Result<i64> {
        let seg = searcher.segment_reader(addr.segment_ord);
        let col = seg.fast_fields().u64("id")?;
        col.first(addr.doc_id)
            .map(|v| v as i64)
            .ok_or_else(|| IndexError::Schema("id".into()))
    }

    fn facets(&self, searcher: &Searcher, query: &dyn TQuery) -> Result<Facets> {
        let req = serde_json::json!({
            "tag": {"terms": {"field": "tag_names", "size": FACET_SIZE}},
            "source": {"terms": {"field": "source", "size": FACET_SIZE}},
            "kind": {"terms": {"field": "kind", "size": FACET_SIZE}},
            "month": {"terms": {"field": "month", "size": 240, "order": {"_key": "asc"}}},
        });
        let aggs: Aggregations =
            serde_json::from_value(req).map_err(|e| IndexError::Query(e.to_string()))?;
        let collector = AggregationCollector::from_aggs(aggs, AggContextParams::default());
        let res: AggregationResults = searcher.search(query, &collector)?;
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
