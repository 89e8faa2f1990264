//! Saved searches: a name for a query, usable as `saved:NAME` inside other queries.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::domain::Refusal;

impl Store {
    /// Saves (or replaces) a named query.
    pub fn save_search(&mut self, name: &str, query: &str, now: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO saved_searches (name, query, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT(name) DO UPDATE SET query = excluded.query",
            params![name, query, now],
        )?;
        Ok(())
    }

    pub fn remove_saved(&mut self, name: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM saved_searches WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(Refusal::NoSavedSearch(name.to_string()).into());
        }
        Ok(())
    }

    pub fn saved_query(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT query FROM saved_searches WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    /// (name, query) pairs by name.
    pub fn saved_searches(&self) -> Result<Vec<(String, String)>> {
        let v = self
            .conn
            .prepare_cached("SELECT name, query FROM saved_searches ORDER BY name")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}
