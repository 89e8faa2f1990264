//! `source:`, `kind:` and `lang:` beside free text, checked on the field's column as matches are
//! collected instead of intersected with the text query. Each of these fields holds one value a
//! record, and a filter on one keeps a large share of the records: walking its posting list
//! beside the text's cost as much as scoring every match (`酒店 source:reviews`: 40 M instructions
//! a search against 22 M for `酒店`), where reading a column value costs a few instructions a
//! match: 29 M with the check here (BENCHMARKS.md, "Field filters checked as matches are
//! collected").

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::translate::{keyword_value, source_alias};
use crate::domain::query::{Expr, Field};

/// A record's one value in a keyword column must be `value`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Equals {
    pub column: &'static str,
    pub value: String,
}

/// Splits the keyword filters out of a top-level AND that also holds free text (there the text
/// narrows the matches first; without text a filter's posting list is the cheapest way to find
/// its records, and it stays in the query). Filters whose value is not valid stay too, so the
/// query reports them.
pub(super) fn lift(expr: Option<&Expr>) -> (Option<Expr>, Vec<Equals>) {
    let Some(Expr::And { items }) = expr else {
        return (expr.cloned(), Vec::new());
    };
    let has_text = items
        .iter()
        .any(|i| matches!(i, Expr::Word { .. } | Expr::Phrase { .. }));
    if !has_text {
        return (expr.cloned(), Vec::new());
    }
    let mut kept = Vec::new();
    let mut filters = Vec::new();
    for item in items {
        match equals(item) {
            Some(f) => filters.push(f),
            None => kept.push(item.clone()),
        }
    }
    (Some(Expr::And { items: kept }), filters)
}

/// The column check for `source:`, `kind:` or `lang:`, the value written as the query's term
/// would be.
fn equals(item: &Expr) -> Option<Equals> {
    let Expr::Field { field, value } = item else {
        return None;
    };
    let column = match field {
        Field::Source => "source",
        Field::Kind => "kind",
        Field::Lang => "lang",
        _ => return None,
    };
    let value = keyword_value(*field, value).ok()?;
    // Two names for one platform are one column value or the other: left to the query.
    if *field == Field::Source && source_alias(&value).is_some() {
        return None;
    }
    Some(Equals { column, value })
}

/// Passes on to `inner` only the matches every filter holds for.
pub(super) struct Filtered<C> {
    filters: Vec<Equals>,
    inner: C,
}

impl<C> Filtered<C> {
    pub fn new(filters: &[Equals], inner: C) -> Filtered<C> {
        Filtered {
            filters: filters.to_vec(),
            inner,
        }
    }
}

impl<C: Collector> Collector for Filtered<C> {
    type Fruit = C::Fruit;
    type Child = FilteredSegment<C::Child>;

    fn check_schema(&self, schema: &tantivy::schema::Schema) -> tantivy::Result<()> {
        self.inner.check_schema(schema)
    }

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let mut checks = Vec::with_capacity(self.filters.len());
        let mut nothing = false;
        for f in &self.filters {
            // A value the segment's column never holds: no record of the segment can pass.
            let check = match seg.fast_fields().str(f.column)? {
                Some(col) => col
                    .dictionary()
                    .term_ord(f.value.as_bytes())?
                    .map(|ord| (col.ords().clone(), ord)),
                None => None,
            };
            match check {
                Some(c) => checks.push(c),
                None => nothing = true,
            }
        }
        Ok(FilteredSegment {
            checks,
            nothing,
            inner: self.inner.for_segment(ord, seg)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<C::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

pub(super) struct FilteredSegment<S> {
    /// (the column's term ordinals, the ordinal wanted)
    checks: Vec<(Column<u64>, u64)>,
    nothing: bool,
    inner: S,
}

impl<S> FilteredSegment<S> {
    fn passes(&self, doc: DocId) -> bool {
        !self.nothing
            && self
                .checks
                .iter()
                .all(|(col, want)| col.first(doc) == Some(*want))
    }
}

impl<S: SegmentCollector> SegmentCollector for FilteredSegment<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.passes(doc) {
            self.inner.collect(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        if self.checks.is_empty() && !self.nothing {
            return self.inner.collect_block(docs);
        }
        let kept: Vec<DocId> = docs.iter().copied().filter(|&d| self.passes(d)).collect();
        self.inner.collect_block(&kept);
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> crate::domain::query::Query {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").unwrap();
        crate::domain::query::parse(q, now).unwrap()
    }

    fn lifted(q: &str) -> (Option<Expr>, Vec<(&'static str, String)>) {
        let q = parse(q);
        let (e, f) = lift(q.expr.as_ref());
        (e, f.into_iter().map(|f| (f.column, f.value)).collect())
    }

    #[test]
    fn keyword_filters_beside_text_are_lifted_and_the_rest_stays() {
        let (rest, filters) = lifted("酒店 source:Reviews kind:review lang:zh tag:价格");
        assert_eq!(
            filters,
            vec![
                ("source", "reviews".to_string()),
                ("kind", "review".to_string()),
                ("lang", "zh".to_string())
            ]
        );
        let Some(Expr::And { items }) = rest else {
            panic!("an AND remains")
        };
        assert_eq!(items.len(), 2, "the word and the tag: {items:?}");
    }

    #[test]
    fn filters_alone_negated_or_invalid_stay_in_the_query() {
        for q in [
            "source:reviews",
            "source:reviews kind:review",
            "酒店 -source:weibo",
            "酒店 OR source:weibo",
            "酒店 kind:nonsense",
        ] {
            let (rest, filters) = lifted(q);
            assert!(filters.is_empty(), "{q}: {filters:?}");
            assert_eq!(rest, parse(q).expr, "{q}");
        }
    }
}
