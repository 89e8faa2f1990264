//! The fingerprints of every original (a record that near-duplicates no earlier record of its
//! source), held in memory while a store imports, a source at a time.
//!
//! SQLite answered this before, with four band indexes: four lookups a record, and with a
//! million distinct texts each 16-bit band value named several originals of the record's source,
//! whose rows SQLite then read for their fingerprints. Those random reads made the store, not the
//! index, the bottleneck of importing distinct text (a million distinct records took over twice
//! as long as a million repeating a few thousand texts), and the four indexes took about 72 bytes
//! an original. Now a source's originals are loaded once, the first time a batch needs them.

use std::collections::HashMap;

use rusqlite::{Transaction, params};
use rustc_hash::FxHashMap;

use super::Result;
use crate::domain::simhash::{MAX_DISTANCE, bands, distance};

/// Originals compared per band at most: a crowd of similar originals must not make every insert
/// scan all of them.
const MAX_CANDIDATES: usize = 64;

#[derive(Default)]
pub(super) struct Originals {
    /// The change number the loaded sources reflect.
    seq: i64,
    sources: HashMap<String, Source>,
}

#[derive(Default)]
struct Source {
    /// Each original's fingerprint, by record id: where to find it in the bands when it changes.
    hashes: FxHashMap<i64, u64>,
    /// Per band, the originals with each band value (id and fingerprint), by ascending id. The
    /// fingerprints sit beside the ids so that comparing a band's few candidates reads one run
    /// of memory (looked up by id instead, they were a twentieth of a distinct import's CPU).
    bands: [FxHashMap<u16, Vec<(i64, u64)>>; 4],
}

impl Originals {
    /// Brings the loaded sources up to change `seq` (the store's, before this batch writes):
    /// other processes and other commands may have written records since they were read.
    pub fn catch_up(&mut self, tx: &Transaction, seq: i64) -> Result<()> {
        if seq == self.seq {
            return Ok(());
        }
        if !self.sources.is_empty() {
            let mut stmt = tx.prepare_cached(
                "SELECT id, (SELECT name FROM sources WHERE id = source), simhash, \
                 duplicate_of IS NULL FROM records WHERE seq > ?1",
            )?;
            let mut rows = stmt.query([self.seq])?;
            while let Some(row) = rows.next()? {
                let source: String = row.get(1)?;
                if let Some(s) = self.sources.get_mut(&source) {
                    let hash: Option<i64> = row.get(2)?;
                    let original: bool = row.get(3)?;
                    s.set(row.get(0)?, hash.filter(|_| original).map(|h| h as u64));
                }
            }
        }
        self.seq = seq;
        Ok(())
    }

    /// The earliest original of `source` older than `before` within [`MAX_DISTANCE`] bits of `h`.
    pub fn nearest(
        &mut self,
        tx: &Transaction,
        source: &str,
        h: u64,
        before: i64,
    ) -> Result<Option<i64>> {
        Ok(self.source(tx, source)?.nearest(h, before))
    }

    /// Records what a batch just wrote for record `id` of `source`: its fingerprint when it is an
    /// original, `None` when it is a copy or too short to fingerprint.
    pub fn wrote(&mut self, source: &str, id: i64, original: Option<u64>) {
        if let Some(s) = self.sources.get_mut(source) {
            s.set(id, original);
        }
    }

    /// Called once the batch committed: what was written is now the store's change `seq`.
    pub fn committed(&mut self, seq: i64) {
        self.seq = seq;
    }

    fn source(&mut self, tx: &Transaction, name: &str) -> Result<&Source> {
        if !self.sources.contains_key(name) {
            let s = Source::load(tx, name)?;
            self.sources.insert(name.to_string(), s);
        }
        Ok(&self.sources[name])
    }
}

impl Source {
    /// Reads the originals of source `name`, paid once per process by the first batch that
    /// needs them. They are read from the records table itself, in one pass in id order: with a
    /// million records, about 0.2 s, where a covering index of (source, simhash) read them in
    /// 0.06 s but took 22 bytes an original on disk. An index on the source alone (the one
    /// behind its external ids) would be worse than the pass: a random row read per original.
    fn load(tx: &Transaction, name: &str) -> Result<Source> {
        let mut stmt = tx.prepare_cached(
            "SELECT id, simhash FROM records NOT INDEXED \
             WHERE source = (SELECT id FROM sources WHERE name = ?1) \
             AND duplicate_of IS NULL AND simhash IS NOT NULL ORDER BY id",
        )?;
        // Pushed oldest first (the order the table is read in), each band's candidates are in
        // the order they are taken.
        let rows = stmt
            .query_map(params![name], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<Vec<(i64, u64)>>>()?;
        let mut s = Source {
            hashes: FxHashMap::with_capacity_and_hasher(rows.len(), Default::default()),
            bands: Default::default(),
        };
        // Each list sized before it is filled: grown one push at a time, reallocating was a
        // fifth of the load.
        for (band, lists) in s.bands.iter_mut().enumerate() {
            let mut sizes = vec![0usize; 1 << 16];
            for (_, hash) in &rows {
                sizes[bands(*hash)[band] as usize] += 1;
            }
            for (value, &n) in sizes.iter().enumerate().filter(|(_, n)| **n > 0) {
                lists.insert(value as u16, Vec::with_capacity(n));
            }
        }
        for (id, hash) in rows {
            s.hashes.insert(id, hash);
            for (band, value) in bands(hash).iter().enumerate() {
                s.bands[band]
                    .entry(*value as u16)
                    .or_default()
                    .push((id, hash));
            }
        }
        Ok(s)
    }

    fn nearest(&self, h: u64, before: i64) -> Option<i64> {
        let mut best: Option<i64> = None;
        for (band, value) in bands(h).iter().enumerate() {
            let Some(candidates) = self.bands[band].get(&(*value as u16)) else {
                continue;
            };
            // Ascending: the first close one is this band's earliest.
            let close = candidates
                .iter()
                .take_while(|(id, _)| *id < before)
                .take(MAX_CANDIDATES)
                .find(|(_, o)| distance(h, *o) <= MAX_DISTANCE);
            if let Some(&(id, _)) = close {
                best = Some(best.map_or(id, |b| b.min(id)));
            }
        }
        best
    }

    fn set(&mut self, id: i64, original: Option<u64>) {
        if let Some(old) = self.hashes.remove(&id) {
            for (band, value) in bands(old).iter().enumerate() {
                if let Some(ids) = self.bands[band].get_mut(&(*value as u16))
                    && let Ok(at) = ids.binary_search_by_key(&id, |e| e.0)
                {
                    ids.remove(at);
                }
            }
        }
        let Some(hash) = original else { return };
        self.hashes.insert(id, hash);
        for (band, value) in bands(hash).iter().enumerate() {
            let ids = self.bands[band].entry(*value as u16).or_default();
            if let Err(at) = ids.binary_search_by_key(&id, |e| e.0) {
                ids.insert(at, (id, hash));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::Source;
    use crate::domain::simhash::{MAX_DISTANCE, distance};

    use crate::domain::{Kind, NewFeedback};
    use crate::store::Store;

    const COMPLAINT: &str = "订单12345退款三天了还没到账，客服一直不回复，非常失望";
    const OTHER: &str = "手表充电很快，屏幕清楚，表带戴着也舒服，推荐购买";

    fn rec(source: &str, ext: &str, body: &str) -> NewFeedback {
        let mut r = NewFeedback::new(source, Kind::Ticket, body);
        r.external_id = Some(ext.to_string());
        r
    }

    /// Imports `recs` as one batch; returns each record's id and the original it copies.
    fn import(store: &mut Store, recs: &[NewFeedback]) -> Vec<(i64, Option<i64>)> {
        let now = chrono::Utc::now().fixed_offset();
        let out = store.upsert_batch(recs, now).unwrap();
        let ids: Vec<i64> = out.written.iter().map(|w| w.state.feedback.id).collect();
        let links: HashMap<i64, i64> = store.duplicate_links(&ids).unwrap();
        ids.iter().map(|id| (*id, links.get(id).copied())).collect()
    }

    #[test]
    fn a_copy_points_at_the_earliest_original_of_its_own_source() {
        let mut store = Store::open_in_memory().unwrap();
        let copy = COMPLAINT.replace("12345", "67890");
        let got = import(
            &mut store,
            &[
                rec("mail", "1", COMPLAINT),
                rec("mail", "2", OTHER),
                rec("mail", "3", &copy),
                rec("weibo", "1", &copy),
            ],
        );
        assert_eq!(got[2].1, Some(got[0].0), "a copy within one batch");
        assert_eq!(got[3].1, None, "another source's text is not an original");
        let later = import(&mut store, &[rec("mail", "4", &copy)]);
        assert_eq!(later[0].1, Some(got[0].0), "a copy in a later batch");
    }

    #[test]
    fn originals_written_by_another_process_between_batches_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vochub.db");
        let mut one = Store::open(&path).unwrap();
        let mut two = Store::open(&path).unwrap();
        import(&mut one, &[rec("mail", "1", OTHER)]);
        let theirs = import(&mut two, &[rec("mail", "2", COMPLAINT)]);
        let copy = COMPLAINT.replace("12345", "555");
        let mine = import(&mut one, &[rec("mail", "3", &copy)]);
        assert_eq!(mine[0].1, Some(theirs[0].0));
    }

    #[test]
    fn an_original_rewritten_into_a_copy_stops_being_one() {
        let mut store = Store::open_in_memory().unwrap();
        let first = import(
            &mut store,
            &[rec("mail", "1", COMPLAINT), rec("mail", "2", OTHER)],
        );
        // Record 2 now says what record 1 said: it becomes a copy of record 1...
        let copy = COMPLAINT.replace("12345", "999");
        let rewritten = import(&mut store, &[rec("mail", "2", &copy)]);
        assert_eq!(rewritten[0], (first[1].0, Some(first[0].0)));
        // ...and what it said before is nobody's text now: a new record saying it is an original.
        let again = import(&mut store, &[rec("mail", "3", OTHER)]);
        assert_eq!(again[0].1, None);
        // A record rewritten looks only at older records: record 1, rewritten to copy record 3,
        // stays an original.
        let back = import(&mut store, &[rec("mail", "1", OTHER)]);
        assert_eq!(back[0], (first[0].0, None));
    }

    /// Fingerprints in a few families of close ones (a base with up to four bits flipped), so
    /// that near and not-quite-near pairs are common.
    fn fingerprint() -> impl Strategy<Value = u64> {
        (0..4u64, proptest::collection::vec(0..64u32, 0..5)).prop_map(|(family, flips)| {
            let base = family.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            flips.iter().fold(base, |h, bit| h ^ 1 << bit)
        })
    }

    proptest! {
        /// The bands find exactly what comparing with every original finds: the earliest
        /// original within `MAX_DISTANCE` bits, after records are rewritten or become copies.
        #[test]
        fn bands_find_what_a_full_scan_finds(
            writes in proptest::collection::vec((0..40i64, proptest::option::of(fingerprint())), 1..120),
            probes in proptest::collection::vec((fingerprint(), 0..45i64), 1..20),
        ) {
            let mut source = Source::default();
            let mut truth: HashMap<i64, u64> = HashMap::new();
            for (id, original) in writes {
                source.set(id, original);
                match original {
                    Some(h) => truth.insert(id, h),
                    None => truth.remove(&id),
                };
            }
            for (h, before) in probes {
                let want = truth
                    .iter()
                    .filter(|(id, o)| **id < before && distance(h, **o) <= MAX_DISTANCE)
                    .map(|(id, _)| *id)
                    .min();
                prop_assert_eq!(source.nearest(h, before), want);
            }
        }
    }
}
