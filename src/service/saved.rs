//! Saved searches, and their expansion when a query says `saved:NAME`.

use serde::Serialize;

use super::{Hub, Result, now};
use crate::domain::Refusal;
use crate::domain::query::{Expr, Field, Query};

#[derive(Debug, Clone, Serialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
    /// Records the query matches now (0 when it cannot run).
    pub count: usize,
    /// Why the query cannot run now, e.g. a saved search it uses was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Saved searches may use other saved searches; deeper than this is a loop.
const MAX_NESTING: usize = 8;

impl Hub {
    /// Saves (or replaces) a search; returns the query it replaced.
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<Option<String>> {
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) || name.contains(':') {
            return Err(Refusal::BadSavedName(name.to_string()).into());
        }
        // Refuse what would fail later: the query must run (it parses, its saved: names exist,
        // its field values are known), and none of its saved: names may lead back to this one.
        let probe = super::SearchOptions {
            limit: 1,
            ..Default::default()
        };
        self.search(query, &probe)?;
        if let Some(path) = self.saved_path(query, name, 0)? {
            let name = name.to_string();
            return Err(Refusal::SavedLoop { name, path }.into());
        }
        let before = self.store.saved_query(name)?;
        self.store.save_search(name, query, &now().to_rfc3339())?;
        Ok(before)
    }

    /// Removes a saved search no other one uses (removing it would break them).
    pub fn remove_saved(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        let users: Vec<String> = self
            .store
            .saved_searches()?
            .into_iter()
            .filter(|(other, query)| other != name && saved_names(query).iter().any(|n| n == name))
            .map(|(other, _)| other)
            .collect();
        if !users.is_empty() {
            let name = name.to_string();
            return Err(Refusal::SavedInUse { name, users }.into());
        }
        Ok(self.store.remove_saved(name)?)
    }

    /// Every saved search with its live count; one that cannot run says why instead.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut out = Vec::new();
        for (name, query) in self.store.saved_searches()? {
            let (count, error) = match self.resolve(&super::Scope::Query(query.clone())) {
                Ok(ids) => (ids.len(), None),
                Err(e) => (0, Some(e.to_string())),
            };
            out.push(SavedSearch {
                name,
                query,
                count,
                error,
            });
        }
        Ok(out)
    }

    /// The chain of saved searches by which `query` reaches `target`, if it does.
    fn saved_path(&self, query: &str, target: &str, depth: usize) -> Result<Option<Vec<String>>> {
        if depth > MAX_NESTING {
            return Ok(None);
        }
        for used in saved_names(query) {
            if used == target {
                return Ok(Some(vec![used]));
            }
            let Some(inner) = self.store.saved_query(&used)? else {
                continue;
            };
            if let Some(mut rest) = self.saved_path(&inner, target, depth + 1)? {
                rest.insert(0, used);
                return Ok(Some(rest));
            }
        }
        Ok(None)
    }

    /// Replaces each `saved:NAME` with the saved query's expression, and each `ext:X` and
    /// `customer:X` with the records it names.
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
                    return Err(Refusal::SavedTooDeep {
                        name: value,
                        max: MAX_NESTING,
                    }
                    .into());
                }
                let Some(text) = self.store.saved_query(&value)? else {
                    let known = self
                        .store
                        .saved_searches()?
                        .into_iter()
                        .map(|(n, _)| n)
                        .collect();
                    return Err(Refusal::UnknownSaved { name: value, known }.into());
                };
                let inner = crate::domain::query::parse(&text, now())?;
                match self.expand(inner, depth + 1)?.expr {
                    Some(e) => e,
                    // A saved search of options only matches everything: an empty AND.
                    None => Expr::And { items: Vec::new() },
                }
            }
            Expr::Field {
                field: Field::Ext,
                value,
            } => self.expand_ext(value)?,
            Expr::Field {
                field: Field::Customer,
                value,
            } => self.expand_customer(value)?,
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

    /// `ext:X` is the id a source gave a record. The index knows records by their vochub id
    /// only (the store already indexes the sources' ids), so it becomes those ids here:
    /// `ext:T-1042` is every record some source calls T-1042. The field itself stays among them
    /// and matches nothing in the index, so that an id no source gave finds no record rather
    /// than leaving an empty condition, which would match every record.
    fn expand_ext(&self, value: String) -> Result<Expr> {
        let numbers = self.store.ids_with_external_id(value.trim())?;
        let mut items: Vec<Expr> = numbers
            .into_iter()
            .map(|n| Expr::Field {
                field: Field::Id,
                value: n.to_string(),
            })
            .collect();
        items.push(Expr::Field {
            field: Field::Ext,
            value,
        });
        Ok(Expr::Or { items })
    }

    /// `customer:X` is what `vochub customer X` lists (every channel the customer links), and
    /// the records whose author X names, as `author:X`.
    fn expand_customer(&self, value: String) -> Result<Expr> {
        let records = self.customer_record_ids(&value)?;
        let mut items = vec![Expr::Field {
            field: Field::Author,
            value,
        }];
        items.extend(records.into_iter().map(|id| Expr::Field {
            field: Field::Id,
            value: id.to_string(),
        }));
        Ok(Expr::Or { items })
    }

    fn expand_all(&self, items: Vec<Expr>, depth: usize) -> Result<Vec<Expr>> {
        items
            .into_iter()
            .map(|i| self.expand_expr(i, depth))
            .collect()
    }
}

/// The names a query uses as `saved:NAME` (none when it does not parse).
fn saved_names(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(Query { expr: Some(e), .. }) = crate::domain::query::parse(query, now()) {
        e.for_each_leaf(&mut |leaf, _| {
            if let Expr::Field {
                field: Field::Saved,
                value,
            } = leaf
            {
                out.push(value.clone())
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::service::Hub;

    #[test]
    fn the_list_survives_a_saved_search_that_cannot_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
        hub.save_search("fine", "退款").unwrap();
        // As a hub written before names were checked on saving could hold it.
        hub.store
            .save_search("stale", "saved:gone 退款", "2026-11-01T00:00:00+08:00")
            .unwrap();
        let list = hub.saved_searches().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].name.as_str(), list[0].error.as_ref()),
            ("fine", None)
        );
        let err = list[1].error.as_deref().unwrap_or_default();
        assert!(err.contains("no saved search named 'gone'"), "{err}");
    }
}
