//! Quotes: exact spans of a record's body, with a note and themes.

use rusqlite::{Row, Transaction, TransactionBehavior, params};
use serde_json::{Value, json};

use super::journal::append_in;
use super::themes::{IN_THEME, theme_id_in};
use super::{Result, Store};
use crate::domain::Quote;

pub struct NewQuote<'a> {
    pub record_id: i64,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub body_hash: &'a str,
    pub note: Option<&'a str>,
    pub themes: &'a [String],
}

const SELECT: &str = "SELECT q.id, q.record_id, q.start_char, q.end_char, q.text, q.body_hash, q.note, \
     q.created_by, q.created_at, \
     (SELECT group_concat(t.name, char(31)) FROM quote_themes qt JOIN themes t ON t.id = qt.theme_id \
      WHERE qt.quote_id = q.id) FROM quotes q";

fn row_to_quote(row: &Row) -> rusqlite::Result<Quote> {
    let themes: Option<String> = row.get(9)?;
    let mut themes: Vec<String> = themes
        .map(|t| t.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default();
    themes.sort();
    Ok(Quote {
        id: row.get(0)?,
        record_id: row.get(1)?,
        start: row.get::<_, i64>(2)? as usize,
        end: row.get::<_, i64>(3)? as usize,
        text: row.get(4)?,
        body_hash: row.get(5)?,
        note: row.get(6)?,
        created_by: row.get(7)?,
        created_at: super::time_col(row, 8)?,
        themes,
    })
}

pub(super) fn undo_quote_in(tx: &Transaction, data: &Value) -> Result<Vec<i64>> {
    if let Some(id) = data["quote"].as_i64() {
        tx.execute("DELETE FROM quotes WHERE id = ?1", [id])?;
    }
    // Quotes are not in the search index: no record needs re-indexing.
    Ok(Vec::new())
}

impl Store {
    pub fn add_quote(&mut self, q: &NewQuote, who: &str, now: &str) -> Result<Quote> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO quotes (record_id, start_char, end_char, text, body_hash, note, created_by, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![q.record_id, q.start as i64, q.end as i64, q.text, q.body_hash, q.note, who, now],
        )?;
        let id = tx.last_insert_rowid();
        for theme in q.themes {
            let t = theme_id_in(&tx, theme, now)?;
            tx.execute(
                "INSERT OR IGNORE INTO quote_themes (quote_id, theme_id) VALUES (?1, ?2)",
                params![id, t],
            )?;
        }
        let short: String = q.text.chars().take(30).collect();
        let summary = format!("quote #{} from record {}: {short}", id, q.record_id);
        append_in(
            &tx,
            who,
            now,
            "quote",
            &summary,
            &json!({"quote": id, "record": q.record_id, "text": short}),
        )?;
        let quote = tx.query_row(&format!("{SELECT} WHERE q.id = ?1"), [id], row_to_quote)?;
        tx.commit()?;
        Ok(quote)
    }

    /// Quotes, newest first; with a theme, those carrying it or a theme below it.
    pub fn quotes(&self, theme: Option<&str>) -> Result<Vec<Quote>> {
        let sql = format!(
            "{SELECT} WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM quote_themes qt JOIN themes t \
             ON t.id = qt.theme_id WHERE qt.quote_id = q.id AND {IN_THEME}) \
             ORDER BY q.id DESC"
        );
        let v = self
            .conn
            .prepare_cached(&sql)?
            .query_map([theme], row_to_quote)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// The names of the themes quotes carry, sorted.
    pub fn quote_theme_names(&self) -> Result<Vec<String>> {
        let v = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT t.name FROM quote_themes qt JOIN themes t ON t.id = qt.theme_id \
                 ORDER BY t.name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(v)
    }

    pub fn quotes_of_record(&self, record: i64) -> Result<Vec<Quote>> {
        let sql = format!("{SELECT} WHERE q.record_id = ?1 ORDER BY q.start_char");
        let v = self
            .conn
            .prepare_cached(&sql)?
            .query_map([record], row_to_quote)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}
