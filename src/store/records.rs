//! Feedback records: reads, and the change feed the index follows (writes are in `upsert`).

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use super::{Result, Store, StoreError};
use crate::domain::{Feedback, Kind, detect_lang};

/// A record as the index needs it: the record, its change number and its queue memberships.
#[derive(Debug, Clone)]
pub struct RecordState {
    pub feedback: Feedback,
    pub seq: u64,
    /// (queue, status) pairs.
    pub routes: Vec<(String, String)>,
    /// The record this one near-duplicates, when it is a copy (search folds the two).
    pub original: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub total: u64,
    pub by_source: Vec<(String, u64)>,
    pub by_kind: Vec<(String, u64)>,
    pub by_month: Vec<(String, u64)>,
}

/// Source and kind are numbers in `records`, named in `sources` and `kinds` (a handful of rows).
const SELECT_RECORD: &str = "SELECT r.id, (SELECT name FROM sources WHERE id = r.source), \
     (SELECT name FROM kinds WHERE id = r.kind), r.external_id, r.created_ts, r.date_is_import, \
     r.author, r.title, r.body, r.url, r.rating, r.extra, r.content_hash, r.seq, r.created_off, r.duplicate_of, \
     (SELECT group_concat(t.name, char(31)) FROM record_themes rt JOIN themes t ON t.id = rt.theme_id \
      WHERE rt.record_id = r.id) AS tags, r.id_derived \
     FROM records r";

impl Store {
    /// One record, without its queue routes (the index needs those; readers do not).
    pub fn get(&self, id: i64) -> Result<Feedback> {
        Ok(self.read(id)?.feedback)
    }

    pub fn get_state(&self, id: i64) -> Result<RecordState> {
        let state = self.read(id)?;
        self.with_routes(state)
    }

    fn read(&self, id: i64) -> Result<RecordState> {
        let sql = format!("{SELECT_RECORD} WHERE r.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        stmt.query_row([id], row_to_state)
            .optional()?
            .ok_or(StoreError::NotFound(id))
    }

    /// The records a source knows by `external_id`, whichever source: one index seek a source.
    pub fn ids_with_external_id(&self, external_id: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM records WHERE source IN (SELECT id FROM sources) \
             AND external_id = ?1 ORDER BY id",
        )?;
        let ids = stmt
            .query_map([external_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Records by id, in the order asked; ids no longer in the store are skipped. One statement
    /// for the lot: a page of 200 hits read one by one cost 200 statements.
    pub fn get_many(&self, ids: &[i64]) -> Result<Vec<Feedback>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::id_list(ids)?;
        let sql = format!("{SELECT_RECORD} WHERE r.id IN (SELECT value FROM json_each(?1))");
        let mut found: std::collections::HashMap<i64, Feedback> = self
            .conn
            .prepare_cached(&sql)?
            .query_map([list], |r| {
                row_to_state(r).map(|s| (s.feedback.id, s.feedback))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// Streams every record changed after `since`, in id order, to `each`; returns the change
    /// number the caller is then in step with. Read in one snapshot so nothing slips between.
    pub fn changed_since(
        &self,
        since: u64,
        mut each: impl FnMut(RecordState) -> Result<()>,
    ) -> Result<u64> {
        let tx = self.conn.unchecked_transaction()?;
        let upto: i64 = tx.query_row("SELECT value FROM counters WHERE name = 'seq'", [], |r| {
            r.get(0)
        })?;
        {
            let sql = format!("{SELECT_RECORD} WHERE r.seq > ?1 ORDER BY r.id");
            let mut stmt = tx.prepare(&sql)?;
            let mut rows = stmt.query([since as i64])?;
            while let Some(row) = rows.next()? {
                let state = row_to_state(row)?;
                each(self.with_routes(state)?)?;
            }
        }
        tx.commit()?;
        Ok(upto as u64)
    }

    /// Ids deleted after `since` (the index must drop them).
    pub fn deleted_since(&self, since: u64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM tombstones WHERE seq > ?1")?;
        let ids = stmt
            .query_map([since as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// How many records changed after `since`: those an index at that change does not reflect.
    pub fn count_changed_since(&self, since: u64) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM records WHERE seq > ?1",
            [since as i64],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// (id, seq) of every record, by id: what `check` compares the index against.
    pub fn record_seqs(&self) -> Result<Vec<(i64, u64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, seq FROM records ORDER BY id")?;
        let v = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// SQLite's own consistency check: "ok", or what is damaged.
    pub fn integrity(&self) -> Result<String> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA quick_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("; "))
    }

    pub fn stats(&self) -> Result<Stats> {
        let total: i64 = self
            .conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))?;
        let group = |sql: &str| -> Result<Vec<(String, u64)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let v = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(v)
        };
        Ok(Stats {
            total: total as u64,
            by_source: group(
                "SELECT (SELECT name FROM sources WHERE id = source) n, count(*) c FROM records \
                 GROUP BY source ORDER BY c DESC, n",
            )?,
            by_kind: group(
                "SELECT (SELECT name FROM kinds WHERE id = kind) n, count(*) c FROM records \
                 GROUP BY kind ORDER BY c DESC, n",
            )?,
            by_month: group(
                // Records with no date of their own were not written in their import's month.
                "SELECT CASE WHEN date_is_import THEN 'undated' \
                 ELSE strftime('%Y-%m', created_ts + created_off, 'unixepoch') END m, count(*) \
                 FROM records GROUP BY m ORDER BY m",
            )?,
        })
    }

    fn with_routes(&self, mut state: RecordState) -> Result<RecordState> {
        state.routes = self.routes_of(state.feedback.id)?;
        Ok(state)
    }
}

pub(super) fn row_to_state(row: &Row) -> rusqlite::Result<RecordState> {
    let kind: String = row.get(2)?;
    let extra: Option<String> = row.get(11)?;
    let extra = match extra {
        Some(json) => serde_json::from_str(&json).unwrap_or(serde_json::Value::Null),
        None => serde_json::Value::Object(Default::default()),
    };
    let tags: Option<String> = row.get(16)?;
    let mut tags: Vec<String> = tags
        .map(|t| t.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default();
    tags.sort();
    let body = super::body::decode(row, 8)?;
    let feedback = Feedback {
        id: row.get(0)?,
        source: row.get(1)?,
        kind: kind.parse().unwrap_or(Kind::Other),
        external_id: row.get(3)?,
        id_derived: row.get(17)?,
        created_at: instant(row, 4, 14)?,
        date_is_import_time: row.get(5)?,
        author: row.get(6)?,
        title: row.get(7)?,
        // Not stored: always what the detector says of the body (see migration 0007).
        lang: detect_lang(&body),
        body,
        url: row.get(9)?,
        rating: row.get(10)?,
        extra,
        content_hash: super::upsert::hash_hex(row.get(12)?),
        tags,
    };
    Ok(RecordState {
        feedback,
        seq: row.get::<_, i64>(13)? as u64,
        routes: Vec::new(),
        original: row.get(15)?,
    })
}

/// Epoch seconds at column `ts` and the source's UTC offset at `off`, as the source wrote it.
fn instant(
    row: &Row,
    ts: usize,
    off: usize,
) -> rusqlite::Result<chrono::DateTime<chrono::FixedOffset>> {
    let (secs, offset): (i64, i32) = (row.get(ts)?, row.get(off)?);
    let zone = chrono::FixedOffset::east_opt(offset)
        .ok_or(rusqlite::Error::IntegralValueOutOfRange(off, offset.into()))?;
    let utc = chrono::DateTime::from_timestamp(secs, 0)
        .ok_or(rusqlite::Error::IntegralValueOutOfRange(ts, secs))?;
    Ok(utc.with_timezone(&zone))
}
