//! Themes and their links to records.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, StoreError};
use crate::domain::normalize_theme;

/// Finds or creates the theme (names compare case-insensitively) and links it to the record.
/// Returns true when the link is new.
pub(super) fn attach_in(tx: &Transaction, record: i64, raw: &str, now: &str) -> Result<bool> {
    let name = normalize_theme(raw).map_err(StoreError::Invalid)?;
    let theme = theme_id_in(tx, &name, now)?;
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO record_themes (record_id, theme_id) VALUES (?1, ?2)",
        )?
        .execute(params![record, theme])?;
    Ok(n > 0)
}

pub(super) fn theme_id_in(tx: &Transaction, name: &str, now: &str) -> Result<i64> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM themes WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO themes (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name, now])?;
    Ok(tx.last_insert_rowid())
}
