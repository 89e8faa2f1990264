//! Explaining a query: how each free-text term is folded and segmented, and for the top hits,
//! which field matched it through which analyzer and what that added to the score. The parts
//! checked are the very queries `translate` combines, so the explanation cannot drift from search.

use serde::Serialize;
use tantivy::query::{EnableScoring, Query as TQuery};
use tantivy::{DocAddress, DocSet, Searcher};

use super::analyzers::{gram_tokens, word_tokens};
use super::compounds::compounds_in;
use super::fold::fold_str;
use super::translate::{TextField, Via, free_text, text_parts, to_query};
use super::{Result, SearchIndex};
use crate::domain::query::{Query, SortOrder};

/// One free-text word or phrase of the query, as the analyzers see it.
#[derive(Debug, Clone, Serialize)]
pub struct TermAnalysis {
    /// As typed.
    pub text: String,
    pub phrase: bool,
    /// Under NOT / `-`: excludes records, so it never explains a hit.
    pub negated: bool,
    pub folded: String,
    /// jieba in query (default) mode: looked up in the word fields.
    pub words: Vec<String>,
    /// Character grams looked up in sequence in the gram fields: bigrams for a run of two or
    /// more characters, the character itself when it stands alone, Latin and digit runs whole.
    pub grams: Vec<String>,
}

/// A term found in a field of a hit.
#[derive(Debug, Clone, Serialize)]
pub struct FieldMatch {
    pub term: String,
    pub field: TextField,
    pub via: Via,
    /// What this part added to the hit's score (boost included).
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct HitMatches {
    pub id: i64,
    /// The hit's relevance score under the whole query (also when sorted by date).
    pub score: f32,
    pub matches: Vec<FieldMatch>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub terms: Vec<TermAnalysis>,
    pub total: usize,
    pub hits: Vec<HitMatches>,
}

impl SearchIndex {
    /// How the analyzers read each free-text term of `query`.
    pub fn analyze(&self, query: &Query) -> Vec<TermAnalysis> {
        free_text(query)
            .into_iter()
            .map(|t| TermAnalysis {
                folded: fold_str(t.text.trim()),
                words: word_tokens(self.jieba(), &t.text, false)
                    .into_iter()
                    .map(|w| w.text)
                    .collect(),
                grams: gram_tokens(&t.text, false)
                    .into_iter()
                    .map(|g| g.text)
                    .collect(),
                text: t.text,
                phrase: t.phrase,
                negated: t.negated,
            })
            .collect()
    }

    /// The analysis of `query`, and the field matches of its first `top` hits in `sort` order.
    pub fn explain(&self, query: &Query, sort: SortOrder, top: usize) -> Result<Explained> {
        let searcher = self.reader.searcher();
        let whole = to_query(self, query.expr.as_ref())?;
        let total = whole.count(&searcher)?;
        let terms = self.analyze(query);
        let docs = if top == 0 || total == 0 {
            Vec::new()
        } else {
            self.top_docs(&searcher, whole.as_ref(), top, 0, sort)?
        };
        let positive: Vec<&TermAnalysis> = terms.iter().filter(|t| !t.negated).collect();
        let mut parts: Vec<_> = positive
            .iter()
            .map(|t| (t.text.clone(), text_parts(self, &t.text)))
            .collect();
        // `follow up` also finds followup, which neither word matches alone.
        for one in query.expr.as_ref().map(compounds_in).unwrap_or_default() {
            parts.push((one.to_string(), text_parts(self, one)));
        }
        let mut hits = Vec::with_capacity(docs.len());
        for (_, addr) in docs {
            let mut matches = Vec::new();
            for (term, term_parts) in &parts {
                for part in term_parts {
                    if let Some(score) = score_at(&searcher, part.query.as_ref(), addr)? {
                        matches.push(FieldMatch {
                            term: term.clone(),
                            field: part.field,
                            via: part.via,
                            score,
                        });
                    }
                }
            }
            hits.push(HitMatches {
                id: self.id_of(&searcher, addr)?,
                score: score_at(&searcher, whole.as_ref(), addr)?.unwrap_or(0.0),
                matches,
            });
        }
        Ok(Explained { terms, total, hits })
    }
}

/// The score `query` gives the document at `addr`, or `None` when it does not match it.
fn score_at(searcher: &Searcher, query: &dyn TQuery, addr: DocAddress) -> Result<Option<f32>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let reader = searcher.segment_reader(addr.segment_ord);
    let mut scorer = weight.scorer(reader, 1.0)?;
    // A scorer starts on its first match; seeking backwards is not allowed.
    if scorer.doc() > addr.doc_id || scorer.seek(addr.doc_id) != addr.doc_id {
        return Ok(None);
    }
    Ok(Some(scorer.score()))
}
