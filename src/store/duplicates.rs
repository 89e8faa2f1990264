//! Near-duplicate links: each record's SimHash, and the earliest record of the same source within
//! [`MAX_DISTANCE`] bits of it. Links are facts for search to fold by; no record is ever dropped.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::{Result, Store, id_list};
use crate::domain::simhash::{MAX_DISTANCE, bands, distance, simhash};

/// Originals compared per new record at most.
const MAX_CANDIDATES: i64 = 64;

/// A body's fingerprint and the original it near-duplicates: the columns an insert or update
/// writes with the record, so no second write is needed.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fingerprint {
    pub hash: Option<i64>,
    pub original: Option<i64>,
}

/// Band `n` of a stored SimHash, spelled exactly as the expression indexes `records_band0..3`
/// (migration 0005) spell it, or SQLite will not use them.
fn band_sql(n: usize) -> String {
    match n {
        0 => "simhash & 65535".to_string(),
        _ => format!("(simhash >> {}) & 65535", 16 * n),
    }
}

/// Fingerprints `body` and finds the earliest original of `source` within [`MAX_DISTANCE`] bits, among
/// records older than `before` (the record itself when it is updated; all records for a new one).
pub(super) fn fingerprint(
    tx: &Transaction,
    source: &str,
    body: &str,
    before: Option<i64>,
) -> Result<Fingerprint> {
    let Some(h) = simhash(body) else {
        return Ok(Fingerprint::default());
    };
    let b = bands(h);
    let before = before.unwrap_or(i64::MAX);
    let mut original: Option<i64> = None;
    // One lookup per band, each pinned to its partial index: left to itself the planner may walk every
    // record of the source through the (source, external_id) index instead.
    for (band, value) in b.iter().enumerate() {
        let sql = format!(
            "SELECT id, simhash FROM records INDEXED BY records_band{band} \
             WHERE source = ?1 AND {} = ?2 AND duplicate_of IS NULL AND simhash IS NOT NULL \
             AND id < ?3 LIMIT ?4",
            band_sql(band)
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        // Bounded: a crowd of similar originals must not make every insert scan all of them.
        let mut rows = stmt.query(params![source, value, before, MAX_CANDIDATES])?;
        while let Some(row) = rows.next()? {
            let (other, other_hash): (i64, i64) = (row.get(0)?, row.get(1)?);
            // Stored as SQLite's signed integer; the bits are what count. The earliest close original wins.
            if distance(h, other_hash as u64) <= MAX_DISTANCE && original.is_none_or(|o| other < o)
            {
                original = Some(other);
            }
        }
    }
    Ok(Fingerprint {
        hash: Some(h as i64),
        original,
    })
}

impl Store {
    /// The original each of `ids` near-duplicates, for those that are copies. One statement for
    /// the whole list: search reads it for every hit it considers.
    pub fn duplicate_links(&self, ids: &[i64]) -> Result<HashMap<i64, i64>> {
        self.id_pairs(
            "SELECT id, duplicate_of FROM records \
             WHERE id IN (SELECT value FROM json_each(?1)) AND duplicate_of IS NOT NULL",
            ids,
        )
    }

    /// How many records near-duplicate each of `ids` (absent: none).
    pub fn duplicate_counts(&self, ids: &[i64]) -> Result<HashMap<i64, i64>> {
        self.id_pairs(
            "SELECT duplicate_of, count(*) FROM records \
             WHERE duplicate_of IN (SELECT value FROM json_each(?1)) GROUP BY duplicate_of",
            ids,
        )
    }

    fn id_pairs(&self, sql: &str, ids: &[i64]) -> Result<HashMap<i64, i64>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let pairs = self
            .conn
            .prepare_cached(sql)?
            .query_map([id_list(ids)?], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(pairs)
    }
}
