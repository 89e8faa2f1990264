//! Near-duplicate links: each record's SimHash, and the earliest record of the same source within
//! `MAX_DISTANCE` bits of it. Links are facts for search to fold by; no record is ever dropped.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::originals::Originals;
use super::{Result, Store, id_list};
use crate::domain::simhash::simhash;

/// A body's fingerprint and the original it near-duplicates: the columns an insert or update
/// writes with the record, so no second write is needed.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fingerprint {
    pub hash: Option<i64>,
    pub original: Option<i64>,
}

impl Fingerprint {
    /// The fingerprint to remember for this record as an original, if it is one.
    pub fn as_original(&self) -> Option<u64> {
        self.hash
            .filter(|_| self.original.is_none())
            .map(|h| h as u64)
    }
}

/// Fingerprints `body` and finds the earliest original of `source` within `MAX_DISTANCE` bits, among
/// records older than `before` (the record itself when it is updated; all records for a new one).
pub(super) fn fingerprint(
    tx: &Transaction,
    originals: &mut Originals,
    source: &str,
    body: &str,
    before: Option<i64>,
) -> Result<Fingerprint> {
    let Some(h) = simhash(body) else {
        return Ok(Fingerprint::default());
    };
    let original = originals.nearest(tx, source, h, before.unwrap_or(i64::MAX))?;
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
