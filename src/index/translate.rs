//! From the parsed query language to tantivy queries.
//!
//! A free-text word must match through the character grams (this is what guarantees recall for
//! any run of Chinese characters), and scores extra when jieba finds it as a whole word, so
//! records holding the query as a word rank above those matched only through grams.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field as TField, IndexRecordOption};

use super::analyzers::{gram_tokens, word_tokens};
use super::fold::fold_str;
use super::{IndexError, Result, SearchIndex};
use crate::domain::query::{DateRange, Expr, Field, Query};
use crate::domain::{Kind, Lang, normalize_theme};

/// How much a whole-word (jieba) match adds over a grams-only match.
const WORD_BOOST: f32 = 2.0;
const TITLE_BOOST: f32 = 1.5;

pub(super) fn to_query(idx: &SearchIndex, expr: Option<&Expr>) -> Result<Box<dyn TQuery>> {
    match expr {
        None => Ok(Box::new(AllQuery)),
        Some(e) => expr_query(idx, e),
    }
}

fn expr_query(idx: &SearchIndex, e: &Expr) -> Result<Box<dyn TQuery>> {
    let f = &idx.fields;
    Ok(match e {
        Expr::Word { text } | Expr::Phrase { text } => text_query(idx, text),
        // Filters choose records but do not rank them: every match carries the same filter, so
        // its score would only add a constant, and computing it for each of 100,000 matches
        // was a fifth of a filtered search's time.
        Expr::Field { field, value } => filter(field_query(idx, *field, value)?),
        Expr::Date { range } => filter(date_query(f.ts, range)),
        Expr::And { items } => {
            let mut clauses = Vec::new();
            let mut positive = false;
            for item in items {
                match item {
                    Expr::Not { item } => clauses.push((Occur::MustNot, expr_query(idx, item)?)),
                    other => {
                        positive = true;
                        clauses.push((Occur::Must, expr_query(idx, other)?));
                    }
                }
            }
            if !positive {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Or { items } => {
            let clauses = items
                .iter()
                .map(|i| Ok((Occur::Should, expr_query(idx, i)?)))
                .collect::<Result<Vec<_>>>()?;
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Not { item } => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn TQuery>),
            (Occur::MustNot, expr_query(idx, item)?),
        ])),
    })
}

/// Free text or a phrase: must match as grams in body, title or author; scores more as words.
fn text_query(idx: &SearchIndex, text: &str) -> Box<dyn TQuery> {
    let f = &idx.fields;
    let grams = gram_tokens(text, false);
    if grams.is_empty() {
        return Box::new(AllQuery);
    }
    let positions: Vec<(usize, String)> = grams.into_iter().map(|t| (t.position, t.text)).collect();
    let mut recall = Vec::new();
    for (field, boost) in [(f.body_g, 1.0), (f.title_g, TITLE_BOOST), (f.author_g, 1.0)] {
        let q = seq_query(field, &positions);
        recall.push((Occur::Should, boosted(q, boost)));
    }
    let words: Vec<String> = word_tokens(idx.jieba(), text, false)
        .into_iter()
        .map(|t| t.text)
        .collect();
    let mut precision = Vec::new();
    if !words.is_empty() {
        for (field, boost) in [
            (f.body_w, WORD_BOOST),
            (f.title_w, WORD_BOOST * TITLE_BOOST),
        ] {
            let all: Vec<(Occur, Box<dyn TQuery>)> = words
                .iter()
                .map(|w| (Occur::Must, term(field, w)))
                .collect();
            precision.push((
                Occur::Should,
                boosted(Box::new(BooleanQuery::new(all)), boost),
            ));
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(recall)))];
    if !precision.is_empty() {
        clauses.push((Occur::Should, Box::new(BooleanQuery::new(precision))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// One token is a term; several are a phrase at their analyzer positions.
fn seq_query(field: TField, tokens: &[(usize, String)]) -> Box<dyn TQuery> {
    if tokens.len() == 1 {
        return term(field, &tokens[0].1);
    }
    let base = tokens[0].0;
    let terms = tokens
        .iter()
        .map(|(p, t)| (p - base, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

fn term(field: TField, text: &str) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn filter(q: Box<dyn TQuery>) -> Box<dyn TQuery> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn boosted(q: Box<dyn TQuery>, boost: f32) -> Box<dyn TQuery> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn field_query(idx: &SearchIndex, field: Field, value: &str) -> Result<Box<dyn TQuery>> {
    let f = &idx.fields;
    let folded = fold_str(value.trim());
    Ok(match field {
        Field::Tag => {
            let name = normalize_theme(value).map_err(IndexError::Query)?;
            term(f.tags, &fold_str(&name))
        }
        Field::Source => term(f.source, &folded),
        Field::Kind => {
            let kind: Kind = value
                .parse()
                .map_err(|e| IndexError::Query(format!("{e}")))?;
            term(f.kind, kind.as_str())
        }
        Field::Lang => {
            let lang = Lang::parse(value).ok_or_else(|| {
                IndexError::Query(format!(
                    "unknown language '{value}' (expected zh, en or other)"
                ))
            })?;
            term(f.lang, lang.as_str())
        }
        Field::Author => {
            // Exact handle, or the name's characters in order ("author:张" finds 张伟).
            let grams: Vec<(usize, String)> = gram_tokens(value, false)
                .into_iter()
                .map(|t| (t.position, t.text))
                .collect();
            let mut clauses = vec![(Occur::Should, term(f.author_key, &folded))];
            if !grams.is_empty() {
                clauses.push((Occur::Should, seq_query(f.author_g, &grams)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Field::Queue => term(f.queue, &folded),
        Field::Status => term(f.status, &folded.replace('-', "_")),
        Field::Id => {
            let mut clauses = vec![(Occur::Should, term(f.ext_id, value.trim()))];
            if let Ok(n) = value.trim().parse::<u64>() {
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_u64(f.id, n),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Field::Saved => {
            // The service expands saved searches before the query reaches the index.
            return Err(IndexError::Query(format!(
                "saved search '{value}' was not expanded"
            )));
        }
    })
}

fn date_query(field: TField, range: &DateRange) -> Box<dyn TQuery> {
    let lower = match range.start {
        Some(s) => Bound::Included(Term::from_field_i64(field, s.timestamp())),
        None => Bound::Unbounded,
    };
    let upper = match range.end {
        Some(e) => Bound::Excluded(Term::from_field_i64(field, e.timestamp())),
        None => Bound::Unbounded,
    };
    if let (Some(s), Some(e)) = (range.start, range.end)
        && s >= e
    {
        return Box::new(EmptyQuery);
    }
    Box::new(RangeQuery::new(lower, upper))
}

/// The folded texts of the query's positive words and phrases: what snippets highlight.
pub fn highlight_terms(q: &Query) -> Vec<String> {
    fn walk(e: &Expr, out: &mut Vec<String>) {
        match e {
            Expr::Word { text } | Expr::Phrase { text } => {
                let t = fold_str(text.trim());
                if !t.is_empty() && !out.contains(&t) {
                    out.push(t);
                }
            }
            Expr::And { items } | Expr::Or { items } => items.iter().for_each(|i| walk(i, out)),
            Expr::Not { .. } | Expr::Field { .. } | Expr::Date { .. } => {}
        }
    }
    let mut out = Vec::new();
    if let Some(e) = &q.expr {
        walk(e, &mut out);
    }
    out
}
