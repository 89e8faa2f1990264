//! More-like-this: the records that share a record's key terms.
//!
//! Key terms are the record's jieba words (query mode, so a long word is not counted again
//! through its sub-words) and its character bigrams, each set ranked by tf-idf against this
//! index's document frequencies; the best of each are ORed on the word and gram fields, boosted
//! by weight, with the record itself excluded. An English word counts by its stem, looked up in
//! the gram fields that hold stems, so "refunded my order" and "refund the orders" share two
//! words, as search would find them. Words alone miss slang and names jieba splits;
//! bigrams alone over-reward common pairs; together they ranked best on the real samples (see
//! BENCHMARKS.md, "Similar records"), ahead of tantivy's MoreLikeThisQuery, which sees only the
//! index-time analyzer and ignores term frequency in the candidates.

use std::collections::HashMap;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::analyzers::{gram_tokens, is_ideographic, word_tokens};
use super::fold::fold_str;
use super::search::SearchHit;
use super::{Result, SearchIndex};
use crate::domain::query::SortOrder;

/// Per kind (words, bigrams): enough to describe a record, few enough to stay specific.
const KEY_TERMS: usize = 30;

/// What `similar` found, and the key words (of two or more characters) it looked for, which
/// are what a snippet should highlight.
#[derive(Debug, Clone)]
pub struct SimilarResult {
    pub key_words: Vec<String>,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq)]
struct KeyTerm {
    text: String,
    /// tf-idf scaled so the best term of its kind weighs 1.
    weight: f32,
    /// The body and title fields it is looked up in.
    fields: [Field; 2],
}

impl SearchIndex {
    /// The records most like record `id`, whose text is `title` and `body`; `limit` 0 means
    /// every record that shares a key term.
    pub fn similar(
        &self,
        id: i64,
        title: Option<&str>,
        body: &str,
        limit: usize,
    ) -> Result<SimilarResult> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let text = match title {
            Some(t) => format!("{t}\n{body}"),
            None => body.to_string(),
        };
        let words = word_tokens(self.jieba(), &text, false)
            .into_iter()
            .map(|t| t.text)
            // Numbers (prices, order ids) say little about what a record is about; English
            // words count by their stems, below.
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !is_english(w));
        let grams = gram_tokens(&text, false);
        // A stem can be a word of its own (happi): a highlight needs the word as written.
        let mut written: HashMap<&str, String> = HashMap::new();
        for t in grams.iter().filter(|t| is_english(&t.text)) {
            written
                .entry(&t.text)
                .or_insert_with(|| fold_str(&text[t.offset_from..t.offset_to]));
        }
        let stems = grams.iter().map(|t| &t.text).filter(|t| is_english(t));
        let mut key_words = weigh(&searcher, [f.body_w, f.title_w], words)?;
        key_words.extend(weigh(&searcher, [f.body_g, f.title_g], stems.cloned())?);
        let key_words = best(key_words);
        let bigrams = grams
            .iter()
            .map(|t| t.text.clone())
            .filter(|g| g.chars().count() == 2 && g.chars().all(is_ideographic));
        let key_grams = best(weigh(&searcher, [f.body_g, f.title_g], bigrams)?);

        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for keys in [&key_words, &key_grams] {
            for k in keys {
                for field in k.fields {
                    let q = TermQuery::new(
                        Term::from_field_text(field, &k.text),
                        IndexRecordOption::WithFreqs,
                    );
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(q), k.weight)),
                    ));
                }
            }
        }
        // Single characters (了, 很) would light up everywhere; words of two or more say more.
        let key_words: Vec<String> = key_words
            .into_iter()
            .map(|k| written.get(k.text.as_str()).cloned().unwrap_or(k.text))
            .filter(|w| w.chars().count() > 1)
            .collect();
        if clauses.is_empty() {
            return Ok(SimilarResult {
                key_words,
                hits: Vec::new(),
            });
        }
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.id, id as u64),
                IndexRecordOption::Basic,
            )),
        ));
        let query = BooleanQuery::new(clauses);
        let limit = if limit == 0 {
            query.count(&searcher)?
        } else {
            limit
        };
        let docs = if limit == 0 {
            Vec::new()
        } else {
            self.top_docs(&searcher, &query, limit, 0, SortOrder::Relevance)?
        };
        let hits = self.to_hits(&searcher, docs)?;
        Ok(SimilarResult { key_words, hits })
    }
}

/// A run of ASCII letters: an English word, or the stem the gram fields hold for it.
fn is_english(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Each of `terms` with its tf-idf, by its document frequency in the first of `fields`; a term
/// no other record holds is left out.
fn weigh(
    searcher: &Searcher,
    fields: [Field; 2],
    terms: impl Iterator<Item = String>,
) -> Result<Vec<KeyTerm>> {
    let field = fields[0];
    let docs = searcher.num_docs().max(1);
    let mut tf: HashMap<String, u32> = HashMap::new();
    for t in terms {
        *tf.entry(t).or_default() += 1;
    }
    let mut keys = Vec::with_capacity(tf.len());
    for (text, n) in tf {
        // Deleted documents count in doc_freq until merged away: clamp to the live count.
        let df = searcher
            .doc_freq(&Term::from_field_text(field, &text))?
            .min(docs);
        // A term only this record holds cannot lead to another one.
        if df < 2 {
            continue;
        }
        // BM25's idf, and a damped tf so one repeated word does not carry the record.
        let idf = (1.0 + ((docs - df) as f32 + 0.5) / (df as f32 + 0.5)).ln();
        let weight = (1.0 + (n as f32).ln()) * idf;
        keys.push(KeyTerm {
            text,
            weight,
            fields,
        });
    }
    Ok(keys)
}

/// The `KEY_TERMS` of `keys` with the highest tf-idf, scaled so the best weighs 1.
fn best(mut keys: Vec<KeyTerm>) -> Vec<KeyTerm> {
    // Ties broken by text so the same record always yields the same query.
    keys.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.text.cmp(&b.text)));
    keys.truncate(KEY_TERMS);
    if let Some(best) = keys.first().map(|k| k.weight).filter(|w| *w > 0.0) {
        for k in &mut keys {
            k.weight /= best;
        }
    }
    keys
}
