//! An import's way into the index: each stored batch goes straight to the index writer, whose
//! threads tokenize while the next batch is parsed and stored (reading every record back from
//! SQLite after the import, as a catch-up does, cost as much again and ran on one core).
//!
//! The index is committed every few seconds and its writer let go in between, so other vochub
//! processes sharing the data dir wait at most that long to write. Segments are not merged while
//! the import runs (each merge would rewrite the growing index again); the import merges once at
//! its end.

use std::time::{Duration, Instant};

use super::{Result, catch_up, doc_input};
use crate::index::{IndexWriter, SearchIndex};
use crate::store::{Store, UpsertOutcome, Written};

/// How long an import holds the index writer before committing and letting others have it.
const COMMIT_EVERY: Duration = Duration::from_secs(10);

pub(super) struct IndexFeed<'i> {
    index: &'i SearchIndex,
    writer: Option<IndexWriter<'i>>,
    /// The store change the committed index reflects.
    since: u64,
    /// The change number of the last batch fed.
    last: u64,
    /// Each batch's change number followed the previous one: no other process changed the
    /// store in between, so the index reflects the store up to `last`.
    unbroken: bool,
    /// Another process committed to the index since this import last did: it may have caught
    /// up on batches this import stored but had not fed yet, so new records are replaced, not
    /// added, until the next commit (added, they would be in the index twice).
    overtaken: bool,
    chunk_started: Instant,
    commit_every: Duration,
}

impl<'i> IndexFeed<'i> {
    pub fn new(index: &'i SearchIndex) -> Result<IndexFeed<'i>> {
        let since = index.synced_seq()?;
        Ok(IndexFeed {
            index,
            writer: None,
            since,
            last: since,
            unbroken: true,
            overtaken: false,
            chunk_started: Instant::now(),
            commit_every: COMMIT_EVERY,
        })
    }

    /// Indexes what one stored batch wrote; commits when the writer has been held long enough.
    pub fn add(&mut self, store: &Store, out: &UpsertOutcome) -> Result<()> {
        self.note(out.seq);
        let writer = match &mut self.writer {
            Some(w) => w,
            None => {
                let w = self.index.writer()?;
                self.overtaken = self.index.synced_seq()? != self.since;
                self.chunk_started = Instant::now();
                self.writer.insert(w)
            }
        };
        index_written(writer, &out.written, self.overtaken)?;
        if self.chunk_started.elapsed() >= self.commit_every {
            self.commit(store)?;
        }
        Ok(())
    }

    /// Commits what was fed and lets the writer go. When another process wrote to the store
    /// meanwhile, the index catches up on the gap from the store.
    pub fn commit(&mut self, store: &Store) -> Result<()> {
        if let Some(mut w) = self.writer.take() {
            w.commit(self.upto())?;
            w.finish()?;
        }
        if !self.unbroken {
            catch_up(store, self.index)?;
        }
        self.since = self.index.synced_seq()?;
        self.last = self.since;
        self.unbroken = true;
        Ok(())
    }

    fn note(&mut self, seq: u64) {
        self.unbroken &= seq == self.last + 1;
        self.last = seq;
    }

    fn upto(&self) -> u64 {
        if self.unbroken { self.last } else { self.since }
    }
}

fn index_written(writer: &mut IndexWriter, written: &[Written], overtaken: bool) -> Result<()> {
    for w in written {
        let doc = doc_input(&w.state);
        if w.new && !overtaken {
            writer.add(doc)?;
        } else {
            writer.upsert(doc)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, NewFeedback};

    fn batch(from: usize, n: usize) -> Vec<NewFeedback> {
        (from..from + n)
            .map(|i| {
                let mut r = NewFeedback::new("t", Kind::Ticket, format!("第{i}条 退款"));
                r.external_id = Some(i.to_string());
                r
            })
            .collect()
    }

    #[test]
    fn vouches_only_for_an_unbroken_run_of_change_numbers() {
        let index = SearchIndex::in_memory(&[]).unwrap();
        let mut f = IndexFeed::new(&index).unwrap();
        assert_eq!(f.upto(), 0, "nothing fed");
        f.note(1);
        f.note(2);
        assert_eq!(f.upto(), 2);
        f.note(4); // another process took 3
        f.note(5);
        assert_eq!(f.upto(), 0);
    }

    #[test]
    fn commits_as_it_goes_and_catches_up_on_writes_it_did_not_feed() {
        let mut store = Store::open_in_memory().unwrap();
        let index = SearchIndex::in_memory(&[]).unwrap();
        let mut f = IndexFeed::new(&index).unwrap();
        f.commit_every = Duration::ZERO;
        for k in 0..3 {
            let out = store
                .upsert_batch(&batch(k * 10, 10), crate::service::now())
                .unwrap();
            f.add(&store, &out).unwrap();
            assert_eq!(
                index.synced_seq().unwrap(),
                out.seq,
                "committed after each batch"
            );
        }
        assert_eq!(index.num_docs(), 30);
        // Another writer's batch the feed never sees, then one it does: the gap is read back.
        store
            .upsert_batch(&batch(100, 5), crate::service::now())
            .unwrap();
        f.commit_every = COMMIT_EVERY;
        let out = store
            .upsert_batch(&batch(200, 5), crate::service::now())
            .unwrap();
        f.add(&store, &out).unwrap();
        f.commit(&store).unwrap();
        assert_eq!(index.num_docs(), 40);
        assert_eq!(index.synced_seq().unwrap(), store.current_seq().unwrap());
    }

    #[test]
    fn a_batch_another_process_indexed_first_is_not_indexed_twice() {
        let mut store = Store::open_in_memory().unwrap();
        let index = SearchIndex::in_memory(&[]).unwrap();
        let mut f = IndexFeed::new(&index).unwrap();
        let out = store
            .upsert_batch(&batch(0, 10), crate::service::now())
            .unwrap();
        // Between this import's store commit and its turn with the index writer, another
        // vochub command (a tag, the interface) caught the index up on the new batch.
        catch_up(&store, &index).unwrap();
        f.add(&store, &out).unwrap();
        f.commit(&store).unwrap();
        assert_eq!(index.num_docs(), 10);
    }

    /// Feeds `n` new records in batches of `per`, committing after each: a segment per batch.
    fn feed(store: &mut Store, index: &SearchIndex, from: usize, n: usize, per: usize) {
        let mut f = IndexFeed::new(index).unwrap();
        f.commit_every = Duration::ZERO;
        for start in (from..from + n).step_by(per) {
            let out = store
                .upsert_batch(&batch(start, per), crate::service::now())
                .unwrap();
            f.add(store, &out).unwrap();
        }
    }

    /// Rewrites the bodies of the first `n` records fed and indexes them in one commit: their
    /// older copies stay in their segments, deleted.
    fn update_first(store: &mut Store, index: &SearchIndex, n: usize) {
        let mut changed = batch(0, n);
        for r in &mut changed {
            r.body.push_str(" 已更新");
        }
        let out = store.upsert_batch(&changed, crate::service::now()).unwrap();
        let mut f = IndexFeed::new(index).unwrap();
        f.add(store, &out).unwrap();
        f.commit(store).unwrap();
    }

    #[test]
    fn a_held_import_merges_its_own_segments_and_leaves_older_large_ones_alone() {
        let mut store = Store::open_in_memory().unwrap();
        let index = SearchIndex::in_memory(&[]).unwrap();

        let hold = index.hold_merges().unwrap();
        feed(&mut store, &index, 0, 300, 50);
        assert!(
            index.segment_sizes().len() >= 6,
            "held: one segment per commit"
        );
        hold.merge(&index).unwrap();
        let first = index.segment_sizes();
        assert_eq!(
            first,
            vec![(300, 300)],
            "a small import merges into one segment"
        );

        // A small import: three new segments, and five records of the first import updated
        // (deleted from the old segment, added to a fourth).
        let hold = index.hold_merges().unwrap();
        feed(&mut store, &index, 1000, 30, 10);
        update_first(&mut store, &index, 5);
        hold.merge(&index).unwrap();

        let after = index.segment_sizes();
        let old: Vec<_> = after.iter().filter(|s| s.0 >= 100).collect();
        assert_eq!(old.len(), first.len(), "the large segments stay: {after:?}");
        assert_eq!(
            old.iter().map(|s| s.0).sum::<u32>(),
            300,
            "not rewritten: still holding their deleted copies"
        );
        let new: Vec<_> = after.iter().filter(|s| s.0 < 100).collect();
        assert_eq!(
            new.len(),
            1,
            "the import's own segments became one: {after:?}"
        );
        assert_eq!(new[0], &(35, 35));
        assert_eq!(index.num_docs(), 330);
    }

    #[test]
    fn small_imports_one_after_another_do_not_pile_up_segments() {
        let mut store = Store::open_in_memory().unwrap();
        let index = SearchIndex::in_memory(&[]).unwrap();
        for k in 0..12 {
            let hold = index.hold_merges().unwrap();
            feed(&mut store, &index, k * 10, 5, 5);
            hold.merge(&index).unwrap();
        }
        let sizes = index.segment_sizes();
        assert!(sizes.len() < 8, "twelve imports left {sizes:?}");
        assert_eq!(index.num_docs(), 60);
    }

    #[test]
    fn merging_into_one_drops_deleted_copies() {
        let mut store = Store::open_in_memory().unwrap();
        let index = SearchIndex::in_memory(&[]).unwrap();
        let _hold = index.hold_merges().unwrap();
        feed(&mut store, &index, 0, 100, 25);
        update_first(&mut store, &index, 5);
        let before = index.segment_sizes().len();
        assert!(before >= 5, "a segment or more per commit");

        assert_eq!(index.merge_into_one().unwrap(), before);
        assert_eq!(index.segment_sizes(), vec![(100, 100)]);
        assert_eq!(index.synced_seq().unwrap(), store.current_seq().unwrap());
    }
}
