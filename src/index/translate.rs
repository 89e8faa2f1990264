//! From the parsed query language to tantivy queries.
//!
//! A free-text word must match through the character grams (this is what guarantees recall for
//! any run of Chinese characters), and scores extra when jieba finds it as a whole word, so
//! records holding the query as a word rank above those matched only through grams.

use std::ops::Bound;

use serde::Serialize;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field as TField, IndexRecordOption};

use super::analyzers::{gram_tokens, is_ideographic, word_tokens};
use super::compounds::{compounds_apart, compounds_in, pieces_at_one_position, spellings};
use super::fold::fold_str;
use super::{IndexError, Result, SearchIndex};
use crate::domain::query::{DateRange, Expr, Field, Query};
use crate::domain::{Kind, Lang, Refusal, Status, normalize_theme, parse_queue};

/// How much a whole-word (jieba) match adds over a grams-only match.
const WORD_BOOST: f32 = 2.0;
/// The grams' share of a score. Grams decide whether a record matches; the whole-word match
/// should decide its rank. At full weight BM25 over grams let a short record holding the
/// characters inside other words (宾客服务 for 客服) outscore long records holding the word;
/// a twentieth keeps them as the order among equals. (A constant tier for the whole word
/// would guarantee it, but walks the words' postings twice: 2× the index's search time.)
const GRAMS_WEIGHT: f32 = 0.05;
const TITLE_BOOST: f32 = 1.5;
/// Free-text words of one query written side by side in the record, as if quoted.
const ADJACENT_BOOST: f32 = 3.0;
/// … or within `NEAR_SLOP` positions (about that many characters) of each other.
const NEAR_BOOST: f32 = 1.0;
const NEAR_SLOP: u32 = 8;

pub(super) fn to_query(idx: &SearchIndex, expr: Option<&Expr>) -> Result<Box<dyn TQuery>> {
    match expr {
        None => Ok(Box::new(AllQuery)),
        Some(e) => expr_query(idx, e)?.ok_or_else(|| nothing_searchable(e)),
    }
}

/// A query whose every word is punctuation or symbols that are not indexed. Matching every
/// record (or none) without a word would let `tag` or `route` act on the whole hub.
fn nothing_searchable(e: &Expr) -> IndexError {
    let words = free_text_in(e).iter().map(|t| t.text.clone()).collect();
    Refusal::NothingSearchable { words }.into()
}

/// The tantivy query of one expression, or None when it holds nothing searchable (a word of
/// punctuation alone): such a word is left out of the expression around it, as if not typed.
fn expr_query(idx: &SearchIndex, e: &Expr) -> Result<Option<Box<dyn TQuery>>> {
    let f = &idx.fields;
    Ok(match e {
        Expr::Word { text } | Expr::Phrase { text } => text_query(idx, text),
        // Filters choose records but do not rank them: every match carries the same filter, so
        // its score would only add a constant, and computing it for each of 100,000 matches
        // was a fifth of a filtered search's time.
        Expr::Field { field, value } => Some(filter(field_query(idx, *field, value)?)),
        Expr::Date { range } => Some(filter(date_query(f.ts, f.month, range))),
        Expr::And { items } => {
            let pairs = compounds_apart(items);
            let mut clauses = Vec::new();
            let mut positive = false;
            let mut i = 0;
            while i < items.len() {
                if let Some(&(_, one)) = pairs.iter().find(|(at, _)| *at == i) {
                    if let Some(q) = apart_or_joined(idx, &items[i..i + 2], one)? {
                        positive = true;
                        clauses.push((Occur::Must, q));
                    }
                    i += 2;
                    continue;
                }
                match &items[i] {
                    Expr::Not { item } => {
                        if let Some(q) = expr_query(idx, item)? {
                            clauses.push((Occur::MustNot, q));
                        }
                    }
                    other => {
                        if let Some(q) = expr_query(idx, other)? {
                            positive = true;
                            clauses.push((Occur::Must, q));
                        }
                    }
                }
                i += 1;
            }
            if clauses.is_empty() {
                return Ok(None);
            }
            if !positive {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            if let Some(q) = proximity_query(idx, items) {
                clauses.push((Occur::Should, q));
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        Expr::Or { items } => {
            let mut clauses = Vec::new();
            for item in items {
                if let Some(q) = expr_query(idx, item)? {
                    clauses.push((Occur::Should, q));
                }
            }
            (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn TQuery>)
        }
        Expr::Not { item } => expr_query(idx, item)?.map(|q| {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn TQuery>),
                (Occur::MustNot, q),
            ])) as Box<dyn TQuery>
        }),
    })
}

/// Two words side by side that are one compound (follow up): both words, or the compound
/// written as one word (followup), which also finds it hyphenated.
fn apart_or_joined(idx: &SearchIndex, pair: &[Expr], one: &str) -> Result<Option<Box<dyn TQuery>>> {
    let mut both = Vec::new();
    for word in pair {
        if let Some(q) = expr_query(idx, word)? {
            both.push((Occur::Must, q));
        }
    }
    let mut either: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    if !both.is_empty() {
        either.push((Occur::Should, Box::new(BooleanQuery::new(both))));
    }
    if let Some(q) = text_query(idx, one) {
        either.push((Occur::Should, q));
    }
    Ok((!either.is_empty()).then(|| Box::new(BooleanQuery::new(either)) as Box<dyn TQuery>))
}

/// A text field free-text terms are looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextField {
    Body,
    Title,
    Author,
}

/// Which analyzer a match came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Whole jieba words: only adds score.
    Words,
    /// Character grams in sequence: decides whether a record matches at all.
    Grams,
}

/// One way a free-text term can match a record, with its boost applied.
pub(super) struct TextPart {
    pub field: TextField,
    pub via: Via,
    pub query: Box<dyn TQuery>,
}

/// The parts of a free-text term (empty when it holds nothing searchable): `text_query`
/// combines them and `explain` checks each against a hit, so both see the same queries.
pub(super) fn text_parts(idx: &SearchIndex, text: &str) -> Vec<TextPart> {
    let f = &idx.fields;
    let positions = gram_positions(text);
    if positions.is_empty() {
        return Vec::new();
    }
    // The same words written otherwise also match: Chinese words typed with a space between
    // them written together, English words hyphenated, apart or as one.
    let mut variants = pieces_at_one_position(text);
    variants.insert(0, positions);
    for other in std::iter::once(tighten(text)).chain(spellings(&fold_str(text))) {
        let other = gram_positions(&other);
        if !other.is_empty() && !variants.contains(&other) {
            variants.push(other);
        }
    }
    let mut parts = Vec::new();
    for (field, tf, boost) in [
        (TextField::Body, f.body_g, 1.0),
        (TextField::Title, f.title_g, TITLE_BOOST),
        (TextField::Author, f.author_g, 1.0),
    ] {
        // The body's grams hold a character alone only at the end of a run; everywhere else it
        // begins a bigram. A lone character is therefore every body term it starts.
        let pick = |tokens: &[(usize, String)]| match tokens {
            [(_, t)] if field == TextField::Body && is_one_ideograph(t) => starting_with(tf, t),
            _ => seq_query(tf, tokens),
        };
        let query = match variants.as_slice() {
            [one] => pick(one),
            all => Box::new(BooleanQuery::new(
                all.iter().map(|v| (Occur::Should, pick(v))).collect(),
            )),
        };
        let query = boosted(query, boost * GRAMS_WEIGHT);
        parts.push(TextPart {
            field,
            via: Via::Grams,
            query,
        });
    }
    let words: Vec<String> = word_tokens(idx.jieba(), text, false)
        .into_iter()
        .map(|t| t.text)
        .collect();
    if words.is_empty() {
        return parts;
    }
    for (field, tf, boost) in [
        (TextField::Body, f.body_w, WORD_BOOST),
        (TextField::Title, f.title_w, WORD_BOOST * TITLE_BOOST),
        // Authors have no words field (see the schema): grams alone find a name.
    ] {
        let all: Vec<(Occur, Box<dyn TQuery>)> =
            words.iter().map(|w| (Occur::Must, term(tf, w))).collect();
        parts.push(TextPart {
            field,
            via: Via::Words,
            query: boosted(Box::new(BooleanQuery::new(all)), boost),
        });
    }
    parts
}

/// Free text or a phrase: must match as grams in body, title or author; scores more as words.
fn text_query(idx: &SearchIndex, text: &str) -> Option<Box<dyn TQuery>> {
    let parts = text_parts(idx, text);
    if parts.is_empty() {
        return None;
    }
    let (recall, precision): (Vec<TextPart>, Vec<TextPart>) =
        parts.into_iter().partition(|p| p.via == Via::Grams);
    let should = |ps: Vec<TextPart>| -> Box<dyn TQuery> {
        Box::new(BooleanQuery::new(
            ps.into_iter().map(|p| (Occur::Should, p.query)).collect(),
        ))
    };
    let mut clauses = vec![(Occur::Must, should(recall))];
    if !precision.is_empty() {
        clauses.push((Occur::Should, should(precision)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Scores records where the And's free-text words stand together: written side by side (as if
/// quoted) scores most, within a few characters of each other less. Adds score, never matches.
fn proximity_query(idx: &SearchIndex, items: &[Expr]) -> Option<Box<dyn TQuery>> {
    let texts: Vec<&str> = items
        .iter()
        .filter_map(|i| match i {
            Expr::Word { text } | Expr::Phrase { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if texts.len() < 2 {
        return None;
    }
    let adjacent = gram_positions(&tighten(&texts.join(" ")));
    let apart = gram_positions(&texts.join(" "));
    if adjacent.len() < 2 {
        return None;
    }
    let f = &idx.fields;
    let mut clauses = Vec::new();
    for (field, boost) in [(f.body_g, 1.0), (f.title_g, TITLE_BOOST)] {
        clauses.push((
            Occur::Should,
            boosted(seq_query(field, &adjacent), ADJACENT_BOOST * boost),
        ));
        let base = apart[0].0;
        let terms = apart
            .iter()
            .map(|(p, t)| (p - base, Term::from_field_text(field, t)))
            .collect();
        let near = PhraseQuery::new_with_offset_and_slop(terms, NEAR_SLOP);
        clauses.push((Occur::Should, boosted(Box::new(near), NEAR_BOOST * boost)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Chinese is written without spaces, so a space typed between two Chinese characters
/// ("物流 太慢") separates words, not text: drop it. Spaces elsewhere stay (battery life).
pub(super) fn tighten(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
            if matches!((out.chars().last(), next),
                (Some(a), Some(&b)) if is_ideographic(a) && is_ideographic(b))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn is_one_ideograph(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_ideographic(c))
}

fn gram_positions(text: &str) -> Vec<(usize, String)> {
    gram_tokens(text, false)
        .into_iter()
        .map(|t| (t.position, t.text))
        .collect()
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

/// Every term of `field` that begins with the character `c` (UTF-8 keeps code point order, so
/// they all sort between `c` and the character after it). Scored as a constant.
fn starting_with(field: TField, c: &str) -> Box<dyn TQuery> {
    let next = c
        .chars()
        .next()
        .and_then(|ch| char::from_u32(ch as u32 + 1))
        .map(|n| Term::from_field_text(field, &n.to_string()));
    let upper = next.map_or(Bound::Unbounded, Bound::Excluded);
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_text(field, c)),
        upper,
    ))
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
            let name = normalize_theme(value)?;
            term(f.tags, &fold_str(&name))
        }
        Field::Source => {
            let name = keyword_value(field, value)?;
            match source_alias(&name) {
                Some(alias) => Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term(f.source, &name)),
                    (Occur::Should, term(f.source, alias)),
                ])),
                None => term(f.source, &name),
            }
        }
        Field::Kind => term(f.kind, &keyword_value(field, value)?),
        Field::Lang => term(f.lang, &keyword_value(field, value)?),
        // Unexpanded (the service turns it into the customer's records or the author).
        Field::Author | Field::Customer => {
            // Exact handle, or the name's characters in order ("author:张" finds 张伟).
            let grams = gram_positions(value);
            let mut clauses = vec![(Occur::Should, term(f.author_key, &folded))];
            if !grams.is_empty() {
                clauses.push((Occur::Should, seq_query(f.author_g, &grams)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Field::Queue => term(f.queue, &keyword_value(field, value)?),
        Field::Status => term(f.status, &keyword_value(field, value)?),
        // A record's vochub id.
        Field::Id => match value.trim().parse::<u64>() {
            Ok(n) => Box::new(TermQuery::new(
                Term::from_field_u64(f.id, n),
                IndexRecordOption::Basic,
            )),
            Err(_) => Box::new(EmptyQuery),
        },
        // The ids sources give records are not in the index: the service looks them up in the
        // store and adds the vochub ids they name beside this (service/saved.rs).
        Field::Ext => Box::new(EmptyQuery),
        Field::Saved => {
            // The service expands saved searches before the query reaches the index.
            return Err(IndexError::Query(format!(
                "saved search '{value}' was not expanded"
            )));
        }
    })
}

/// What `source:`, `kind:` or `lang:` asks for, written as the index writes the field: the
/// folded source name, the kind's or language's own name. Both the query's terms and the
/// collector's column checks (`column_filter`) take it from here.
pub(super) fn keyword_value(field: Field, value: &str) -> Result<String> {
    Ok(match field {
        Field::Kind => {
            let kind: Kind = value
                .parse()
                .map_err(|_| Refusal::UnknownKind(value.to_string()))?;
            kind.as_str().to_string()
        }
        Field::Lang => {
            let lang = Lang::parse(value).ok_or_else(|| Refusal::UnknownLang(value.to_string()))?;
            lang.as_str().to_string()
        }
        // A misspelt queue or status would otherwise find nothing, silently.
        Field::Queue => parse_queue(value)?.to_string(),
        Field::Status => Status::parse(value)?.as_str().to_string(),
        _ => fold_str(value.trim()),
    })
}

/// The source name an importer stores for what people call the platform (`source:微博` also
/// finds what the Weibo importer stored as weibo). Both are searched: a source imported with
/// `--source twitter` keeps its own name.
pub(super) fn source_alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "微博" | "新浪微博" => "weibo",
        "小红书" | "xhs" => "xiaohongshu",
        "抖音" => "douyin",
        "twitter" | "推特" => "x",
        "邮件" | "mail" => "email",
        _ => return None,
    })
}

/// Records in the range, leaving out those without a date of their own: their time is when
/// they were imported, which says nothing of when the customer wrote.
fn date_query(field: TField, month: TField, range: &DateRange) -> Box<dyn TQuery> {
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
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(RangeQuery::new(lower, upper))),
        (Occur::MustNot, term(month, super::UNDATED)),
    ]))
}

/// A free-text word or phrase of a query, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeText {
    pub text: String,
    pub phrase: bool,
    /// Under an odd number of NOT/-: it excludes records rather than finding them.
    pub negated: bool,
}

/// Every free-text word and phrase of the query, in the order written.
pub fn free_text(q: &Query) -> Vec<FreeText> {
    q.expr.as_ref().map(free_text_in).unwrap_or_default()
}

fn free_text_in(e: &Expr) -> Vec<FreeText> {
    let mut out = Vec::new();
    e.for_each_leaf(&mut |leaf, negated| {
        if let Expr::Word { text } | Expr::Phrase { text } = leaf {
            out.push(FreeText {
                text: text.clone(),
                phrase: matches!(leaf, Expr::Phrase { .. }),
                negated,
            })
        }
    });
    out
}

/// The folded texts of the query's positive words and phrases, and the other ways search finds
/// them written (see `text_parts`): what snippets highlight.
pub fn highlight_terms(q: &Query) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |folded: String| {
        if !folded.is_empty() && !out.contains(&folded) {
            out.push(folded);
        }
    };
    for t in free_text(q).into_iter().filter(|t| !t.negated) {
        let typed = fold_str(t.text.trim());
        let others = spellings(&typed);
        for folded in [typed, fold_str(&tighten(&t.text))]
            .into_iter()
            .chain(others)
        {
            add(folded);
        }
    }
    for one in q.expr.as_ref().map(compounds_in).unwrap_or_default() {
        add(one.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_chinese_words_are_dropped_others_kept() {
        assert_eq!(tighten("物流 太慢"), "物流太慢");
        assert_eq!(tighten(" 物流 \u{3000} 太慢 "), "物流太慢");
        assert_eq!(tighten("battery life"), "battery life");
        assert_eq!(tighten("5G 套餐 很贵"), "5G 套餐很贵");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").unwrap();
        let q = crate::domain::query::parse("\"物流 太慢\" -退款", now).unwrap();
        assert_eq!(highlight_terms(&q), ["物流 太慢", "物流太慢"]);
    }
}
