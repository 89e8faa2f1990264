//! The change journal: append-only, and the undo of each kind of change.

use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde_json::{Value, json};

use super::{Result, Store};
use crate::domain::{JournalEntry, Refusal};

/// Appends an entry inside the caller's transaction, so a change and its record commit together.
pub(super) fn append_in(
    tx: &Transaction,
    who: &str,
    now: &str,
    action: &str,
    summary: &str,
    data: &Value,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO journal (at, who, action, summary, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![now, who, action, summary, data.to_string()])?;
    Ok(tx.last_insert_rowid())
}

/// A new change number for the records a change touches, so the index re-reads them.
pub(super) fn next_seq_in(tx: &Transaction) -> Result<i64> {
    Ok(tx.query_row(
        "UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value",
        [],
        |r| r.get(0),
    )?)
}

pub(super) fn touch_in(tx: &Transaction, record: i64, seq: i64) -> Result<()> {
    tx.prepare_cached("UPDATE records SET seq = ?2 WHERE id = ?1")?
        .execute(params![record, seq])?;
    Ok(())
}

const SELECT: &str = "SELECT id, at, who, action, summary, data, undoes, undone_by FROM journal";

fn row_to_entry(row: &Row) -> rusqlite::Result<JournalEntry> {
    let data: String = row.get(5)?;
    Ok(JournalEntry {
        id: row.get(0)?,
        at: super::time_col(row, 1)?,
        who: row.get(2)?,
        action: row.get(3)?,
        summary: row.get(4)?,
        data: serde_json::from_str(&data).unwrap_or(Value::Null),
        undoes: row.get(6)?,
        undone_by: row.get(7)?,
    })
}

impl Store {
    /// The newest entries first.
    pub fn journal(&self, limit: usize) -> Result<Vec<JournalEntry>> {
        let sql = format!("{SELECT} ORDER BY id DESC LIMIT ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = if limit == 0 { i64::MAX } else { limit as i64 };
        let v = stmt
            .query_map([limit], row_to_entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    pub fn journal_entry(&self, id: i64) -> Result<Option<JournalEntry>> {
        let sql = format!("{SELECT} WHERE id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], row_to_entry)
            .optional()?)
    }

    /// Reverts entry `id`, or `who`'s newest change not yet undone (a teammate's is undone only
    /// by naming it); journals the undo itself.
    pub fn undo(&mut self, id: Option<i64>, who: &str, now: &str) -> Result<JournalEntry> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let target = match id {
            Some(id) => tx
                .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row_to_entry)
                .optional()?
                .ok_or(Refusal::NoJournalEntry(id))?,
            None => tx
                .query_row(
                    &format!(
                        "{SELECT} WHERE undone_by IS NULL AND action != 'undo' AND who = ?1 \
                         ORDER BY id DESC LIMIT 1"
                    ),
                    [who],
                    row_to_entry,
                )
                .optional()?
                .ok_or(Refusal::NothingToUndo)?,
        };
        if let Some(by) = target.undone_by {
            return Err(Refusal::AlreadyUndone {
                entry: target.id,
                by,
            }
            .into());
        }
        if target.action == "undo" {
            return Err(Refusal::UndoOfUndo { entry: target.id }.into());
        }
        let seq = next_seq_in(&tx)?;
        let touched = match target.action.as_str() {
            "tag" => super::themes::undo_tag_in(&tx, &target.data, now)?,
            "route" => super::queues::undo_route_in(&tx, &target.data)?,
            "status" => super::queues::undo_status_in(&tx, target.id, &target.data, now)?,
            "quote" => super::quotes::undo_quote_in(&tx, &target.data)?,
            other => {
                return Err(Refusal::CannotUndo {
                    entry: target.id,
                    action: other.to_string(),
                }
                .into());
            }
        };
        for r in &touched {
            touch_in(&tx, *r, seq)?;
        }
        let summary = format!("undo #{}: {}", target.id, target.summary);
        let undo_id = append_in(
            &tx,
            who,
            now,
            "undo",
            &summary,
            &json!({"undid": target.id}),
        )?;
        tx.execute(
            "UPDATE journal SET undoes = ?2 WHERE id = ?1",
            params![undo_id, target.id],
        )?;
        tx.execute(
            "UPDATE journal SET undone_by = ?2 WHERE id = ?1",
            params![target.id, undo_id],
        )?;
        let entry = tx.query_row(&format!("{SELECT} WHERE id = ?1"), [undo_id], row_to_entry)?;
        tx.commit()?;
        Ok(entry)
    }
}
