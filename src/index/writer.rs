//! Writing the index: one writer per index across all processes, so it is taken only for the
//! span of a write and retried within a bound when another vochub process holds it.

use std::thread::sleep;
use std::time::{Duration, Instant};

use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Term;
use tantivy::{TantivyDocument, TantivyError};

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
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().clamp(1, 4))
            .unwrap_or(1);
        let start = Instant::now();
        let mut pause = Duration::from_millis(20);
        loop {
            match self.index.writer_with_num_threads(threads, HEAP_BYTES) {
                Ok(writer) => {
                    return Ok(IndexWriter {
                        index: self,
                        writer,
                    });
                }
                Err(TantivyError::LockFailure(..)) if start.elapsed() < LOCK_WAIT => {
                    sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(500));
                }
                Err(TantivyError::LockFailure(..)) => {
                    return Err(IndexError::Busy(LOCK_WAIT.as_secs()));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

impl SearchIndex {
    /// Merges segments as the merge policy sees fit, changing nothing else: a bulk import calls
    /// this once at its end, having held merges back while it committed.
    pub fn merge(&self) -> Result<()> {
        let mut w = self.writer()?;
        let seq = self.synced_seq()?;
        w.commit(seq)?;
        w.finish()
    }
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
        d.add_i64(f.ts, r.created_at.timestamp());
        d.add_text(f.body_w, &r.body);
        d.add_text(f.body_g, &r.body);
        d.add_text(f.body_c, &r.body);
        if let Some(t) = &r.title {
            d.add_text(f.title_w, t);
            d.add_text(f.title_g, t);
        }
        if let Some(a) = &r.author {
            d.add_text(f.author_w, a);
            d.add_text(f.author_g, a);
            d.add_text(f.author_key, fold_str(a.trim()));
        }
        d.add_text(f.source, fold_str(&r.source));
        d.add_text(f.kind, r.kind.as_str());
        d.add_text(f.lang, r.lang.as_str());
        d.add_text(f.ext_id, &r.external_id);
        d.add_text(f.month, r.created_at.format("%Y-%m").to_string());
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

    /// For a bulk import that commits every few seconds: merging after each commit would
    /// rewrite the growing index again and again, so segments wait for the import's last commit.
    pub fn pause_merges(&self) {
        self.writer.set_merge_policy(Box::new(NoMergePolicy));
    }

    /// Waits for merges so the lock is released cleanly.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
