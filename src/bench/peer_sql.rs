//! The query mix translated for the peers, so they answer the same questions vochub does:
//! words and phrases as substrings of title, body or author; source/kind/lang/author filters;
//! date ranges; newest-first or (FTS5 only) bm25 order; the top 20.
//!
//! FTS5's trigram tokenizer cannot match a term shorter than three characters through its index
//! (most Chinese words are two), so such a term becomes a LIKE on the rows, which is what an
//! FTS5 user is left with. The LIKE peer uses LIKE for every term and has no relevance order.

use rusqlite::types::Value;

use crate::domain::query::{Expr, Field, Query, SortOrder};
use crate::domain::{Kind, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Fts5,
    Like,
}

/// One query as SQL: the statement and its numbered parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct SqlQuery {
    pub sql: String,
    pub params: Vec<Value>,
}

pub const LIMIT: usize = 20;

/// None when the query uses something the peer has no column for (tags, queues, OR, NOT…).
pub fn translate(q: &Query, sort: SortOrder, peer: Peer) -> Option<SqlQuery> {
    let items: Vec<&Expr> = match &q.expr {
        None => Vec::new(),
        Some(Expr::And { items }) => items.iter().collect(),
        Some(e) => vec![e],
    };
    let mut matches: Vec<String> = Vec::new();
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    for item in items {
        match item {
            Expr::Word { text } | Expr::Phrase { text } => {
                if peer == Peer::Fts5 && text.chars().count() >= 3 {
                    matches.push(format!("\"{}\"", text.replace('"', "\"\"")));
                } else {
                    params.push(Value::Text(like_pattern(text)));
                    let n = params.len();
                    conds.push(format!(
                        "(r.body LIKE ?{n} ESCAPE '\\' OR r.title LIKE ?{n} ESCAPE '\\' \
                         OR r.author LIKE ?{n} ESCAPE '\\')"
                    ));
                }
            }
            Expr::Field { field, value } => {
                let (cond, value) = field_cond(*field, value)?;
                params.push(Value::Text(value));
                conds.push(cond.replace("?", &format!("?{}", params.len())));
            }
            Expr::Date { range } => {
                if let Some(s) = range.start {
                    params.push(Value::Integer(s.timestamp()));
                    conds.push(format!("r.created_ts >= ?{}", params.len()));
                }
                if let Some(e) = range.end {
                    params.push(Value::Integer(e.timestamp()));
                    conds.push(format!("r.created_ts < ?{}", params.len()));
                }
            }
            Expr::And { .. } | Expr::Or { .. } | Expr::Not { .. } => return None,
        }
    }
    let order = match sort {
        SortOrder::Relevance if !matches.is_empty() => "fts.rank",
        SortOrder::Oldest => "r.created_ts ASC",
        _ => "r.created_ts DESC",
    };
    let sql = if matches.is_empty() {
        format!(
            "SELECT r.id, r.body FROM rows r WHERE {} ORDER BY {order} LIMIT {LIMIT}",
            where_clause(&conds)
        )
    } else {
        params.push(Value::Text(matches.join(" AND ")));
        conds.insert(0, format!("fts MATCH ?{}", params.len()));
        format!(
            "SELECT r.id, r.body FROM fts JOIN rows r ON r.id = fts.rowid WHERE {} \
             ORDER BY {order} LIMIT {LIMIT}",
            where_clause(&conds)
        )
    };
    Some(SqlQuery { sql, params })
}

fn where_clause(conds: &[String]) -> String {
    if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    }
}

/// The condition (with one `?`) and its value; the peers store source, kind and lang folded.
fn field_cond(field: Field, value: &str) -> Option<(&'static str, String)> {
    let v = value.trim();
    Some(match field {
        Field::Source => ("r.source = ?", v.to_lowercase()),
        Field::Kind => ("r.kind = ?", v.parse::<Kind>().ok()?.as_str().to_string()),
        Field::Lang => ("r.lang = ?", Lang::parse(v)?.as_str().to_string()),
        Field::Author | Field::Customer => ("r.author LIKE ? ESCAPE '\\'", like_pattern(v)),
        _ => return None,
    })
}

/// `%text%` with LIKE's own wildcards escaped, so `100%` means the characters.
fn like_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::parse;

    fn sql(q: &str, peer: Peer) -> Option<SqlQuery> {
        let parsed = parse(q, crate::service::now()).unwrap();
        let sort = parsed.sort.unwrap_or(SortOrder::Relevance);
        translate(&parsed, sort, peer)
    }

    #[test]
    fn long_terms_use_the_trigram_index_short_ones_like() {
        let s = sql("服务态度 好 source:Weibo", Peer::Fts5).unwrap();
        assert!(s.sql.contains("fts MATCH"), "{}", s.sql);
        assert!(s.sql.contains("ORDER BY fts.rank"));
        assert!(s.params.contains(&Value::Text("\"服务态度\"".into())));
        assert!(s.params.contains(&Value::Text("%好%".into())));
        assert!(s.params.contains(&Value::Text("weibo".into())));
    }

    #[test]
    fn like_peer_scans_newest_first() {
        let s = sql("服务态度 date:2024", Peer::Like).unwrap();
        assert!(!s.sql.contains("MATCH"));
        assert!(s.sql.contains("r.created_ts >= ?2 AND r.created_ts < ?3"));
        assert!(s.sql.ends_with("ORDER BY r.created_ts DESC LIMIT 20"));
    }

    #[test]
    fn unsupported_and_escaped() {
        assert!(sql("tag:价格", Peer::Like).is_none());
        assert!(sql("退款 OR 退货", Peer::Fts5).is_none());
        assert_eq!(like_pattern("100%_"), "%100\\%\\_%");
    }
}
