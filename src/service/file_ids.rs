//! The ids one file's records are stored under. A text said twice in one file (the same words, author,
//! title and date, told apart only by fields such as a label) stays two records; an id the file gives
//! twice keeps only the later row. Either way, re-importing the file finds every record unchanged.
//!
//! An id repeated further apart than one batch is the hard case: on a re-import, the earlier row
//! would be written over the stored later one, and the later row back over it, every time. So a
//! row that would change a stored record is held until the file ends (or until too many are held),
//! and a later row with its id drops it.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::domain::NewFeedback;
use crate::store::{content_key, derived_id};

#[derive(Default)]
pub(super) struct FileIds {
    /// Content keys of the file's records without an id.
    seen: FxHashSet<u64>,
    /// For a key seen more than once, how many times so far: the n-th copy is stored as `h-…-n`.
    copies: FxHashMap<u64, u32>,
    /// Where each (source, id) sits in the batch being filled, by `NewFeedback::own_id_key`.
    pending: FxHashMap<u64, usize>,
    /// Rows that would change a stored record, in the order they were read; `None` once a later
    /// row replaced them.
    held: Vec<Option<NewFeedback>>,
    /// Where each held row's (source, id) sits in `held`.
    held_at: FxHashMap<u64, usize>,
}

impl FileIds {
    /// Gives a record without an id the one derived from its content, numbered by occurrence (the
    /// first keeps the plain one; the store would otherwise hash the content again), and returns the
    /// batch slot of an earlier row with the same source and id, which `rec` is to replace.
    pub(super) fn place(&mut self, rec: &mut NewFeedback, slot: usize) -> Option<usize> {
        let Some(id) = rec.own_id_key() else {
            // Derived below from the text: no earlier row can be held under it.
            let key = content_key(rec);
            let n = if self.seen.insert(key) {
                1
            } else {
                let n = self.copies.entry(key).or_insert(1);
                *n += 1;
                *n
            };
            rec.external_id = Some(derived_id(key, n));
            rec.id_derived = true;
            return None;
        };
        if let Some(at) = self.held_at.remove(&id) {
            self.held[at] = None;
        }
        match self.pending.entry(id) {
            Entry::Occupied(earlier) => Some(*earlier.get()),
            Entry::Vacant(v) => {
                v.insert(slot);
                None
            }
        }
    }

    /// The batch was stored: a later row with one of its ids can only update the stored record now.
    pub(super) fn flushed(&mut self) {
        self.pending.clear();
    }

    /// Keeps back a row the store would have written over a stored record.
    pub(super) fn hold(&mut self, rec: NewFeedback) {
        if let Some(id) = rec.own_id_key() {
            self.held_at.insert(id, self.held.len());
        }
        self.held.push(Some(rec));
    }

    pub(super) fn held(&self) -> usize {
        self.held_at.len()
    }

    /// The held rows no later row replaced, in the order they were read, to be written now.
    pub(super) fn release(&mut self) -> Vec<NewFeedback> {
        self.held_at.clear();
        self.held.drain(..).flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn rec(id: Option<&str>, body: &str) -> NewFeedback {
        let mut r = NewFeedback::new("weibo", Kind::Social, body);
        r.external_id = id.map(str::to_string);
        r
    }

    #[test]
    fn repeated_texts_are_numbered_and_repeated_ids_point_at_the_earlier_slot() {
        let mut ids = FileIds::default();
        let mut first = rec(None, "好评");
        let mut second = rec(None, "好评");
        let mut third = rec(None, "好评");
        assert_eq!(ids.place(&mut first, 0), None);
        assert_eq!(ids.place(&mut second, 1), None);
        assert_eq!(ids.place(&mut third, 2), None);
        let plain = derived_id(content_key(&first), 1);
        assert_eq!(
            first.external_id,
            Some(plain.clone()),
            "the first keeps the id it always had"
        );
        assert_eq!(second.external_id, Some(format!("{plain}-2")));
        assert_eq!(third.external_id, Some(format!("{plain}-3")));

        assert_eq!(ids.place(&mut rec(Some("same"), "第一版本"), 3), None);
        assert_eq!(ids.place(&mut rec(Some(" same "), "第二版本"), 4), Some(3));
        ids.flushed();
        assert_eq!(ids.place(&mut rec(Some("same"), "第三版本"), 0), None);
    }

    #[test]
    fn a_later_row_drops_the_held_row_with_its_id() {
        let mut ids = FileIds::default();
        ids.hold(rec(Some("a"), "旧的 a"));
        ids.hold(rec(Some("b"), "旧的 b"));
        ids.hold(rec(Some("c"), "旧的 c"));
        assert_eq!(ids.held(), 3);
        ids.place(&mut rec(Some(" b "), "新的 b"), 0);
        assert_eq!(ids.held(), 2);
        let bodies: Vec<String> = ids.release().into_iter().map(|r| r.body).collect();
        assert_eq!(bodies, ["旧的 a", "旧的 c"], "in the order they were read");
        assert_eq!(ids.held(), 0);
        assert!(ids.release().is_empty());
    }
}
