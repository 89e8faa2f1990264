//! Giving disk back: bodies written before the compact format are rewritten in it, and the file
//! is rebuilt without its free pages (SQLite never shrinks a file by itself).

use rusqlite::{TransactionBehavior, params};
use serde::Serialize;

use super::{Result, Store, body};

/// Rows rewritten per transaction: short enough not to hold other writers up for long.
const BATCH: i64 = 10_000;

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Compacted {
    /// Bodies now stored in the shorter form.
    pub bodies: usize,
    pub bytes_before: u64,
    pub bytes_after: u64,
}

impl Store {
    /// Rewrites every body kept in a longer form than today's vochub would choose (text that is
    /// shorter as UTF-16 or coded, UTF-16 that is shorter coded), then vacuums. The records
    /// themselves do not change (no change number moves; the index is untouched).
    pub fn compact(&mut self) -> Result<Compacted> {
        let mut out = Compacted {
            bytes_before: self.file_bytes()?,
            ..Default::default()
        };
        let mut after: i64 = 0;
        loop {
            // Immediate, as it reads and then rewrites: see `set_theme_description`.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // (id, body, bytes it takes now)
            let rows: Vec<(i64, String, usize)> = tx
                .prepare_cached(
                    "SELECT id, body FROM records WHERE id > ?1 \
                     AND (typeof(body) = 'text' OR length(body) % 2 = 0) ORDER BY id LIMIT ?2",
                )?
                .query_map(params![after, BATCH], |r| {
                    let now = body::stored_len(r.get_ref(1)?);
                    Ok((r.get(0)?, body::decode(r, 1)?, now))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let Some(&(last, ..)) = rows.last() else {
                break;
            };
            {
                let mut update = tx.prepare_cached("UPDATE records SET body = ?2 WHERE id = ?1")?;
                for (id, text, now) in &rows {
                    let value = body::encode(text);
                    if body::written_len(&value) < *now {
                        update.execute(params![id, value])?;
                        out.bodies += 1;
                    }
                }
            }
            tx.commit()?;
            after = last;
        }
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        out.bytes_after = self.file_bytes()?;
        Ok(out)
    }

    /// Pages in use times page size: the database's size once the write-ahead log is folded in.
    fn file_bytes(&self) -> Result<u64> {
        let (pages, size): (i64, i64) = self.conn.query_row(
            "SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((pages * size) as u64)
    }
}
