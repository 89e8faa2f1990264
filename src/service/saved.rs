//! Saved searches, and their expansion when a query says `saved:NAME`.

use serde::Serialize;

use super::{Hub, Result, ServiceError, now};
use crate::domain::query::{Expr, Field, Query};

#[derive(Debug, Clone, Serialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
    /// Records the query matches now.
    pub count: usize,
}

/// Saved searches may use other saved searches; deeper than this is a loop.
const MAX_NESTING: usize = 8;

impl Hub {
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) || name.contains(':') {
            return Err(ServiceError::Invalid(format!(
                "'{name}' cannot name a saved search: use one word without spaces or ':'"
            )));
        }
        // Refuse what would fail later: the query must parse and its saved: names must exist.
        self.parse_query(query)?;
        Ok(self.store.save_search(name, query, &now().to_rfc3339())?)
    }

    pub fn remove_saved(&mut self, name: &str) -> Result<()> {
        Ok(self.store.remove_saved(name.trim())?)
    }

    /// Every saved search with its live count.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut out = Vec::new();
        for (name, query) in self.store.saved_searches()? {
            let count = self
                .resolve(&super::Scope::Query(query.clone()))
                .map(|ids| ids.len())?;
            out.push(SavedSearch { name, query, count });
        }
        Ok(out)
    }

    /// Replaces each `saved:NAME` with the saved query's expression, and each `id:X` with the
    /// records it names.
    pub(super) fn expand(&self, q: Query, depth: usize) -> Result<Query> {
        let expr = match q.expr {
            Some(e) => Some(self.expand_expr(e, depth)?),
            None => None,
        };
        Ok(Query { expr, sort: q.sort })
    }

    fn expand_expr(&self, e: Expr, depth: usize) -> Result<Expr> {
        Ok(match e {
            Expr::Field {
                field: Field::Saved,
                value,
            } => {
                if depth >= MAX_NESTING {
                    return Err(ServiceError::Invalid(format!(
                        "saved search '{value}' refers to itself (through saved: more than {MAX_NESTING} deep)"
                    )));
                }
                let Some(text) = self.store.saved_query(&value)? else {
                    let names: Vec<String> = self
                        .store
                        .saved_searches()?
                        .into_iter()
                        .map(|(n, _)| n)
                        .collect();
                    let known = if names.is_empty() {
                        "there are none yet; `vochub saved add NAME QUERY` makes one".to_string()
                    } else {
                        format!("saved searches: {}", names.join(", "))
                    };
                    return Err(ServiceError::Invalid(format!(
                        "no saved search named '{value}' ({known})"
                    )));
                };
                let inner = crate::domain::query::parse(&text, now())?;
                match self.expand(inner, depth + 1)?.expr {
                    Some(e) => e,
                    // A saved search of options only matches everything: an empty AND.
                    None => Expr::And { items: Vec::new() },
                }
            }
            Expr::Field {
                field: Field::Id,
                value,
            } => self.expand_id(value)?,
            Expr::And { items } => Expr::And {
                items: self.expand_all(items, depth)?,
            },
            Expr::Or { items } => Expr::Or {
                items: self.expand_all(items, depth)?,
            },
            Expr::Not { item } => Expr::Not {
                item: Box::new(self.expand_expr(*item, depth)?),
            },
            other => other,
        })
    }

    /// `id:X` is a record's number, or the id its source gave it. The index knows records by
    /// number only (the store already indexes the sources' ids), so the latter become numbers
    /// here: `id:T-1042` is every record some source calls T-1042.
    fn expand_id(&self, value: String) -> Result<Expr> {
        let numbers = self.store.ids_with_external_id(value.trim())?;
        let by_number = |v: String| Expr::Field {
            field: Field::Id,
            value: v,
        };
        let mut items = vec![by_number(value)];
        items.extend(numbers.into_iter().map(|n| by_number(n.to_string())));
        Ok(Expr::Or { items })
    }

    fn expand_all(&self, items: Vec<Expr>, depth: usize) -> Result<Vec<Expr>> {
        items
            .into_iter()
            .map(|i| self.expand_expr(i, depth))
            .collect()
    }
}
