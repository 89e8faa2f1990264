//! Writing the index: one writer per index across all processes, so it is taken only for the
//! span of a write and retried within a bound when another vochub process holds it.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tantivy::index::SegmentId;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Term;
use tantivy::{SegmentMeta, TantivyDocument, TantivyError};

use super::{IndexError, Result, SearchIndex};
use crate::domain::{Feedback, theme_with_ancestors};
use crate::index::fold::fold_str;

/// How long a writer waits for another process's commit before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);
/// Shared by the indexing threads; large enough that an import commits few segments.
const HEAP_BYTES: usize = 192 * 1024 * 1024;

/// What the index needs to know of one record.
pub struct DocInput<'a> {
    pub feedback: &'a Feedback,
    pub seq: u64,
    /// (queue, status) pairs.
    pub routes: &'a [(String, String)],
    /// The record this one near-duplicates: search shows the two as one line.
    pub original: Option<i64>,
}

pub struct IndexWriter<'i> {
    index: &'i SearchIndex,
    writer: tantivy::IndexWriter<TantivyDocument>,
}

pub(super) fn seq_from_payload(payload: Option<&str>) -> u64 {
    payload
        .and_then(|p| p.strip_prefix("seq:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

impl SearchIndex {
    /// Takes the index's write lock, waiting for another process's commit to finish.
    pub fn writer(&self) -> Result<IndexWriter<'_>> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(20);
        loop {
            if let Some(writer) = self.try_writer()? {
                return Ok(writer);
            }
            if start.elapsed() >= LOCK_WAIT {
                return Err(IndexError::Busy(LOCK_WAIT.as_secs()));
            }
            sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(500));
        }
    }

    /// Takes the index's write lock if no other process holds it; `None` at once when one does.
    pub fn try_writer(&self) -> Result<Option<IndexWriter<'_>>> {
        match self.index.writer_with_num_threads(threads(), HEAP_BYTES) {
            Ok(writer) => {
                if self.merges_held.load(Ordering::SeqCst) {
                    writer.set_merge_policy(Box::new(NoMergePolicy));
                }
                Ok(Some(IndexWriter {
                    index: self,
                    writer,
                }))
            }
            Err(TantivyError::LockFailure(..)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// A bulk write in progress (an import, a rebuild): it commits every few seconds, and merging
/// after each commit would rewrite the growing index again and again, so segments wait for
/// [`MergeHold::merge`]. Dropped without it (an error), merges resume at the next commit.
pub struct MergeHold {
    held: Arc<AtomicBool>,
    before: HashSet<SegmentId>,
}

impl SearchIndex {
    pub fn hold_merges(&self) -> Result<MergeHold> {
        let before = self.index.searchable_segment_ids()?.into_iter().collect();
        self.merges_held.store(true, Ordering::SeqCst);
        Ok(MergeHold {
            held: self.merges_held.clone(),
            before,
        })
    }
}

impl Drop for MergeHold {
    fn drop(&mut self) {
        self.held.store(false, Ordering::SeqCst);
    }
}

impl MergeHold {
    /// Merges the segments made during the hold, and older ones too small to keep apart, into
    /// one. Larger older segments are left to the default policy, which merges them only once
    /// several of a size have gathered, so a small import into a large index rewrites little
    /// more than it added. One segment, not one per core merged side by side: each segment
    /// keeps its own dictionary of terms and short posting lists, and a million short records
    /// took 157 MiB in two against 140 in one; the single merge takes about 3.5 s longer.
    pub fn merge(self, index: &SearchIndex) -> Result<()> {
        self.held.store(false, Ordering::SeqCst);
        // The segments are read once the lock is ours: another process's commit may have merged
        // some meanwhile. Their metas are let go before the files are collected: while one
        // lives, its files stay.
        let mut w = index.writer()?;
        if let Some(ids) = segments_to_merge(&index.index.searchable_segment_metas()?, &self.before)
        {
            w.writer.merge(&ids).wait()?;
        }
        // A commit that changes nothing lets the default policy look at what is left, and
        // deletes the merged segments' files (once the reader no longer holds them).
        index.reload()?;
        let seq = index.synced_seq()?;
        w.commit(seq)?;
        w.finish()
    }
}

impl SearchIndex {
    /// Merges every segment into one; returns how many there were. After many imports, the
    /// larger segments each left apart (see [`MergeHold::merge`]) become one: smaller on disk
    /// and searched with less work.
    pub fn merge_into_one(&self) -> Result<usize> {
        let mut w = self.writer()?;
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            w.writer.merge(&ids).wait()?;
        }
        // As after an import's merge: the reader lets go of the old segments before the commit
        // deletes their files.
        self.reload()?;
        let seq = self.synced_seq()?;
        w.commit(seq)?;
        w.finish()?;
        Ok(ids.len())
    }
}

/// Indexing threads: one per core, up to four.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().clamp(1, 4))
        .unwrap_or(1)
}

/// The segments an import's merge rewrites: those it added, and older ones under half its
/// size. `None` when that is a single segment without deleted records (nothing to gain).
fn segments_to_merge(metas: &[SegmentMeta], before: &HashSet<SegmentId>) -> Option<Vec<SegmentId>> {
    let added: u64 = metas
        .iter()
        .filter(|m| !before.contains(&m.id()))
        .map(|m| m.num_docs() as u64)
        .sum();
    let picked: Vec<&SegmentMeta> = metas
        .iter()
        .filter(|m| !before.contains(&m.id()) || (m.num_docs() as u64) * 2 < added)
        .collect();
    let worth = picked.len() > 1 || picked.iter().any(|m| m.has_deletes());
    worth.then(|| picked.iter().map(|m| m.id()).collect())
}

impl IndexWriter<'_> {
    /// Replaces the record's document (tantivy has no partial update: delete, then add).
    pub fn upsert(&mut self, doc: DocInput) -> Result<()> {
        self.delete(doc.feedback.id);
        self.add(doc)
    }

    /// Adds the record's document without looking for an older one: for ids new to the store,
    /// where a delete would cost a term lookup per segment at commit and find nothing.
    pub fn add(&mut self, doc: DocInput) -> Result<()> {
        let f = &self.index.fields;
        let r = doc.feedback;
        let mut d = TantivyDocument::default();
        d.add_u64(f.id, r.id as u64);
        d.add_u64(f.seq, doc.seq);
        d.add_u64(f.group, doc.original.unwrap_or(r.id) as u64);
        d.add_i64(f.ts, r.created_at.timestamp());
        d.add_text(f.body_w, &r.body);
        d.add_text(f.body_g, &r.body);
        if let Some(t) = &r.title {
            d.add_text(f.title_w, t);
            d.add_text(f.title_g, t);
        }
        if let Some(a) = &r.author {
            d.add_text(f.author_g, a);
            d.add_text(f.author_key, fold_str(a.trim()));
        }
        d.add_text(f.source, fold_str(&r.source));
        d.add_text(f.kind, r.kind.as_str());
        d.add_text(f.lang, r.lang.as_str());
        // A record with no date of its own carries its import time for sorting, but is in no
        // month: date filters and month counts leave it out (see `UNDATED`).
        if r.date_is_import_time {
            d.add_text(f.month, super::UNDATED);
        } else {
            d.add_text(f.month, r.created_at.format("%Y-%m").to_string());
        }
        let mut seen = std::collections::HashSet::new();
        for tag in &r.tags {
            d.add_text(f.tag_names, tag);
            for t in theme_with_ancestors(&fold_str(tag)) {
                if seen.insert(t.clone()) {
                    d.add_text(f.tags, t);
                }
            }
        }
        for (queue, status) in doc.routes {
            d.add_text(f.queue, queue);
            d.add_text(f.status, status);
        }
        self.writer.add_document(d)?;
        Ok(())
    }

    pub fn delete(&mut self, id: i64) {
        let f = &self.index.fields;
        self.writer
            .delete_term(Term::from_field_u64(f.id, id as u64));
    }

    pub fn delete_all(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Commits, recording that the index now reflects store change `seq`, and reloads readers.
    pub fn commit(&mut self, seq: u64) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&format!("seq:{seq}"));
        prepared.commit()?;
        self.index.reload()
    }

    /// Waits for merges so the lock is released cleanly.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(sizes: &[u32]) -> (tantivy::Index, Vec<SegmentMeta>) {
        let index = tantivy::Index::create_in_ram(super::super::schema::build());
        let metas = sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect();
        (index, metas)
    }

    #[test]
    fn an_import_merges_what_it_added_into_one_segment() {
        let (_index, metas) = segments(&[90_000, 80_000, 60_000, 40_000, 30_000, 20_000]);
        let mut got = segments_to_merge(&metas, &HashSet::new()).unwrap();
        got.sort();
        let mut want: Vec<SegmentId> = metas.iter().map(|m| m.id()).collect();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn older_large_segments_are_left_and_a_lone_clean_segment_is_not_rewritten() {
        let (_index, metas) = segments(&[500_000, 8_000, 3_000, 1_000]);
        let before: HashSet<SegmentId> = [metas[0].id(), metas[3].id()].into();
        // 11,000 added: the two new segments and the small older one.
        let mut got = segments_to_merge(&metas, &before).unwrap();
        got.sort();
        let mut want = vec![metas[1].id(), metas[2].id(), metas[3].id()];
        want.sort();
        assert_eq!(got, want);

        let (_index, one) = segments(&[8_000]);
        assert!(segments_to_merge(&one, &HashSet::new()).is_none());
        let with_deletes = vec![one[0].clone().with_delete_meta(10, 1)];
        assert!(segments_to_merge(&with_deletes, &HashSet::new()).is_some());
    }
}
