//! Near-duplicate links: each record's SimHash, and the earliest record of the same source within
//! [`MAX_DISTANCE`] bits of it. Links are facts for search to fold by; no record is ever dropped.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::domain::simhash::{MAX_DISTANCE, bands, distance, simhash};

/// Fingerprints `body` and links record `id` to the first earlier near-duplicate's original.
pub(super) fn link_in(tx: &Transaction, id: i64, source: &str, body: &str) -> Result<Option<i64>> {
    let Some(h) = simhash(body) else {
        tx.prepare_cached(
            "UPDATE records SET simhash = NULL, sh_band0 = NULL, sh_band1 = NULL, sh_band2 = NULL, \
             sh_band3 = NULL, duplicate_of = NULL WHERE id = ?1",
        )?
        .execute([id])?;
        return Ok(None);
    };
    let b = bands(h);
    let mut candidates = tx.prepare_cached(
        "SELECT id, simhash, duplicate_of FROM records WHERE source = ?1 AND id < ?2 \
         AND (sh_band0 = ?3 OR sh_band1 = ?4 OR sh_band2 = ?5 OR sh_band3 = ?6) ORDER BY id",
    )?;
    let mut rows = candidates.query(params![source, id, b[0], b[1], b[2], b[3]])?;
    let mut original = None;
    while let Some(row) = rows.next()? {
        let (other, other_hash, other_original): (i64, i64, Option<i64>) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        // Stored as SQLite's signed integer; the bits are what count.
        if distance(h, other_hash as u64) <= MAX_DISTANCE {
            original = Some(other_original.unwrap_or(other));
            break;
        }
    }
    tx.prepare_cached(
        "UPDATE records SET simhash = ?2, sh_band0 = ?3, sh_band1 = ?4, sh_band2 = ?5, sh_band3 = ?6, \
         duplicate_of = ?7 WHERE id = ?1",
    )?
    .execute(params![id, h as i64, b[0], b[1], b[2], b[3], original])?;
    Ok(original)
}

/// For each record: the original it duplicates (if any) and how many records duplicate it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DuplicateInfo {
    pub duplicate_of: Option<i64>,
    pub duplicates: usize,
}

impl Store {
    pub fn duplicate_info(&self, ids: &[i64]) -> Result<HashMap<i64, DuplicateInfo>> {
        let mut of = self
            .conn
            .prepare_cached("SELECT duplicate_of FROM records WHERE id = ?1")?;
        let mut count = self
            .conn
            .prepare_cached("SELECT count(*) FROM records WHERE duplicate_of = ?1")?;
        let mut out = HashMap::with_capacity(ids.len());
        for &id in ids {
            let duplicate_of: Option<i64> = of.query_row([id], |r| r.get(0)).optional()?.flatten();
            let duplicates: i64 = count.query_row([id], |r| r.get(0))?;
            out.insert(
                id,
                DuplicateInfo {
                    duplicate_of,
                    duplicates: duplicates as usize,
                },
            );
        }
        Ok(out)
    }
}
