//! A query that found nothing, loosened. Chinese is typed without spaces, and a run of characters
//! such as 物流慢 is searched as written: a record must hold those characters side by side. When
//! no record does, the same words apart (物流 and 慢) usually find what was meant ("物流太慢了").

use super::ast::{Expr, Query};
use crate::domain::is_cjk;

/// A loosened query and what was loosened: each word as typed, with the words it was split into.
#[derive(Debug, Clone, PartialEq)]
pub struct Loosened {
    pub query: Query,
    pub split: Vec<(String, Vec<String>)>,
}

impl Query {
    /// The query with each plain word that holds Chinese split into its words by `words` and the
    /// parts ANDed; `None` when no word splits. Words under a `-`/NOT stay as they are: split, they
    /// would leave out more records, not fewer.
    pub fn loosened(&self, words: impl Fn(&str) -> Vec<String>) -> Option<Loosened> {
        let mut split = Vec::new();
        let expr = loosen(self.expr.as_ref()?, false, &words, &mut split);
        (!split.is_empty()).then_some(Loosened {
            query: Query {
                expr: Some(expr),
                sort: self.sort,
            },
            split,
        })
    }
}

impl Loosened {
    /// The loosened query as it could have been typed: `typed` with each split word replaced by
    /// its words in brackets. Text, so that acting on "all matches" later runs the same query;
    /// the caller checks it parses back to `query` (the word may also stand where splitting it
    /// would mean something else, as in a phrase or a field's value).
    pub fn text(&self, typed: &str) -> String {
        self.split
            .iter()
            .fold(typed.to_string(), |text, (word, parts)| {
                text.replace(word.as_str(), &format!("({})", parts.join(" ")))
            })
    }

    /// Whether `parsed` (the parse of `text`) is this query: the same expression once nested
    /// ANDs and ORs are flattened, since brackets add a level the split did not.
    pub fn is(&self, parsed: &Query) -> bool {
        let flat = |q: &Query| q.expr.as_ref().map(flatten);
        parsed.sort == self.query.sort && flat(parsed) == flat(&self.query)
    }
}

fn flatten(e: &Expr) -> Expr {
    let join = |items: &[Expr], and: bool| -> Vec<Expr> {
        let mut out = Vec::new();
        for item in items.iter().map(flatten) {
            match item {
                Expr::And { items } if and => out.extend(items),
                Expr::Or { items } if !and => out.extend(items),
                other => out.push(other),
            }
        }
        out
    };
    match e {
        Expr::And { items } => Expr::And {
            items: join(items, true),
        },
        Expr::Or { items } => Expr::Or {
            items: join(items, false),
        },
        Expr::Not { item } => Expr::Not {
            item: Box::new(flatten(item)),
        },
        leaf => leaf.clone(),
    }
}

fn loosen(
    e: &Expr,
    negated: bool,
    words: &impl Fn(&str) -> Vec<String>,
    split: &mut Vec<(String, Vec<String>)>,
) -> Expr {
    let many = |items: &[Expr], split: &mut Vec<_>| -> Vec<Expr> {
        items
            .iter()
            .map(|i| loosen(i, negated, words, split))
            .collect()
    };
    match e {
        Expr::And { items } => Expr::And {
            items: many(items, split),
        },
        Expr::Or { items } => Expr::Or {
            items: many(items, split),
        },
        Expr::Not { item } => Expr::Not {
            item: Box::new(loosen(item, !negated, words, split)),
        },
        Expr::Word { text } if !negated && text.chars().any(is_cjk) => {
            let parts: Vec<String> = words(text)
                .into_iter()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .collect();
            if parts.len() < 2 {
                return e.clone();
            }
            let items = parts
                .iter()
                .map(|w| Expr::Word { text: w.clone() })
                .collect();
            split.push((text.clone(), parts));
            Expr::And { items }
        }
        leaf => leaf.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::parse;

    /// Splits on '/', as a segmenter would have cut the text.
    fn cut(text: &str) -> Vec<String> {
        text.split('/').map(str::to_string).collect()
    }

    fn parsed(text: &str) -> Result<Query, crate::domain::query::QueryError> {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00+08:00").unwrap();
        parse(text, now)
    }

    fn q(text: &str) -> Query {
        parsed(text).unwrap()
    }

    fn word(text: &str) -> Expr {
        Expr::Word { text: text.into() }
    }

    #[test]
    fn a_chinese_word_becomes_its_words_anded_and_the_rest_stays() {
        let l = q("物流/慢 -退/款 kind:ticket app").loosened(cut).unwrap();
        assert_eq!(l.split, [("物流/慢".to_string(), cut("物流/慢"))]);
        let Some(Expr::And { items }) = &l.query.expr else {
            panic!("{:?}", l.query)
        };
        assert_eq!(
            items[0],
            Expr::And {
                items: vec![word("物流"), word("慢")]
            }
        );
        assert_eq!(
            items[1..],
            q("-退/款 kind:ticket app")
                .expr
                .map_or(vec![], |e| match e {
                    Expr::And { items } => items,
                    other => vec![other],
                })[..],
            "a negated word, a field and an English word are left alone"
        );
    }

    #[test]
    fn the_loosened_text_parses_back_to_the_loosened_query_unless_the_word_stands_elsewhere() {
        for (typed, apart) in [
            ("物流/慢", "(物流 慢)"),
            (
                "手表/物流 OR 退/钱 kind:ticket",
                "(手表 物流) OR (退 钱) kind:ticket",
            ),
            (
                "(客服/态度 -退款) sort:newest",
                "((客服 态度) -退款) sort:newest",
            ),
        ] {
            let l = q(typed).loosened(cut).unwrap();
            assert_eq!(l.text(typed), apart);
            assert!(l.is(&q(apart)), "{typed}");
        }
        for typed in [
            "物流/慢 -物流/慢",
            "物流/慢 \"物流/慢\"",
            "物流/慢 author:物流/慢",
        ] {
            let l = q(typed).loosened(cut).unwrap();
            let back = parsed(&l.text(typed));
            assert!(back.is_err() || !l.is(&back.unwrap()), "{typed}");
        }
    }

    #[test]
    fn nothing_to_split_is_none() {
        assert_eq!(q("闪退 refund/ed \"物流/慢\"").loosened(cut), None);
        assert_eq!(q("kind:ticket").loosened(cut), None);
        assert_eq!(
            q("物流/，").loosened(cut),
            None,
            "punctuation is not a word"
        );
        let sorted = q("(客服/不理/人 OR 闪退) sort:newest")
            .loosened(cut)
            .unwrap();
        assert_eq!(sorted.split.len(), 1);
        assert_eq!(sorted.query.sort, q("sort:newest").sort);
    }
}
