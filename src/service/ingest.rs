//! Import: files → importer → batches upserted into the store and fed to the index as they are
//! stored (see `feed`) → theme rules.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use super::feed::IndexFeed;
use super::file_ids::FileIds;
use super::{Hub, Result, ServiceError, now};
use crate::domain::NewFeedback;
use crate::import::{
    FileReport, ImportOptions, Reject, Sink, Skipped, Wait, import_path, input_name,
};
use crate::store::{Changes, Store};

/// Rows per store transaction: big enough to amortise the commit (at a million records, each
/// transaction rewrites a few thousand pages of the secondary indexes however few rows it holds),
/// small enough to lose little work if the process dies.
const BATCH: usize = 20_000;
/// Rejects kept for the report; beyond this only the count grows.
const MAX_KEPT_REJECTS: usize = 10_000;

/// Tells the person what an input waits for (the input's name, and what).
pub type WaitNotice<'a> = dyn Fn(&str, Wait) + 'a;

pub struct ImportRequest<'a> {
    pub paths: &'a [PathBuf],
    pub options: ImportOptions,
    /// Set (by a ctrl-c handler) to stop at the next record: what was read is stored and
    /// indexed, the rest is left for a re-run of the same import.
    pub stop: Option<&'a AtomicBool>,
    /// Told before an input that waits for another program is opened (see [`Wait`]).
    pub waiting: Option<&'a WaitNotice<'a>>,
}

impl<'a> ImportRequest<'a> {
    pub fn new(paths: &'a [PathBuf], options: ImportOptions) -> Self {
        ImportRequest {
            paths,
            options,
            stop: None,
            waiting: None,
        }
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct ImportSummary {
    pub read: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Rows replaced by a later row of the same file with the same id (see `warnings`).
    pub repeated: usize,
    /// Rows read and not stored because they are not what a customer said: a company's own
    /// replies (see `skips` for the files and reasons). Counted in `read`.
    pub skipped: usize,
    /// Files that could not be read at all; each has an entry in `errors` with line 0.
    pub failed_files: usize,
    /// Rejected rows (file, line, reason), and whole files (line 0, the reason naming the file).
    pub errors: Vec<Reject>,
    /// Repeated ids (the line of the row kept, the reason the line of the one it replaced), and
    /// files that held no records (line 0).
    pub warnings: Vec<Reject>,
    /// What `skipped` counts, by file and reason.
    pub skips: Vec<Skipped>,
    #[serde(skip)]
    pub files: Vec<FileReport>,
    /// The input a stop (ctrl-c) cut short: its later records, and the inputs after it, were not
    /// read. The theme rules did not run; the next import runs them on what this one stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_in: Option<String>,
    /// (theme, records) the theme rules tagged among the imported records.
    #[serde(skip)]
    pub themed: Vec<(String, usize)>,
}

/// What a dry run shows: how each file was understood and its first records.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file: FileReport,
    pub sample: Vec<NewFeedback>,
    pub rejects: Vec<Reject>,
    pub warnings: Vec<Reject>,
}

struct StoreSink<'a, 'i> {
    store: &'a mut Store,
    feed: &'a mut IndexFeed<'i>,
    batch: Vec<NewFeedback>,
    summary: &'a mut ImportSummary,
    failed: Option<ServiceError>,
    progress: &'a mut dyn FnMut(usize),
    ids: FileIds,
    stop: Option<&'a AtomicBool>,
    waiting: Option<&'a WaitNotice<'a>>,
}

impl StoreSink<'_, '_> {
    /// Writes the batch, keeping back the rows that would change a stored record (see `FileIds`);
    /// once a batch's worth is held, they are written too.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        let held = self.write(&batch, Changes::HoldUpdates);
        let mut held = held.into_iter().peekable();
        for (at, rec) in batch.into_iter().enumerate() {
            if held.next_if_eq(&at).is_some() {
                self.ids.hold(rec);
            }
        }
        self.batch = Vec::with_capacity(BATCH);
        self.ids.flushed();
        if self.ids.held() >= BATCH {
            self.release();
        }
        (self.progress)(self.summary.read);
    }

    /// Writes the held rows no later row of the file replaced: at its end, or when too many wait.
    fn release(&mut self) {
        let rows = self.ids.release();
        self.write(&rows, Changes::All);
    }

    /// Stores and indexes `recs`, counting what happened; returns the places of the rows held.
    fn write(&mut self, recs: &[NewFeedback], changes: Changes) -> Vec<usize> {
        if recs.is_empty() || self.failed.is_some() {
            return Vec::new();
        }
        match self.store.upsert(recs, now(), changes) {
            Ok(out) => {
                self.summary.inserted += out.inserted;
                self.summary.updated += out.updated;
                self.summary.unchanged += out.unchanged;
                if let Err(e) = self.feed.add(self.store, &out) {
                    self.failed = Some(e);
                }
                out.held
            }
            Err(e) => {
                self.failed = Some(e.into());
                Vec::new()
            }
        }
    }

    /// The file is read: the last batch and every row still held. Stopped part way, the held
    /// rows are left unwritten: an unread later row may replace them, and the next import reads
    /// them again.
    fn finish(&mut self) {
        self.flush();
        if !self.stopped() {
            self.release();
        }
    }
}

impl Sink for StoreSink<'_, '_> {
    fn accept(&mut self, mut rec: NewFeedback) {
        if self.stopped() {
            return;
        }
        self.summary.read += 1;
        // A repeated id replaces its earlier row while both are in the batch or the earlier one is
        // held, so the record is written once, as the later row has it. One written before is
        // updated.
        let earlier = self.ids.place(&mut rec, self.batch.len());
        match earlier.and_then(|i| self.batch.get_mut(i)) {
            Some(slot) => *slot = rec,
            None => self.batch.push(rec),
        }
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn reject(&mut self, rej: Reject) {
        self.summary.read += 1;
        keep_reject(self.summary, rej);
    }

    fn repeated(&mut self, warning: Reject) {
        self.summary.repeated += 1;
        keep(&mut self.summary.warnings, warning);
    }

    fn stopped(&self) -> bool {
        asked_to_stop(self.stop)
    }

    fn waiting(&mut self, file: &str, on: Wait) {
        if let Some(tell) = self.waiting {
            tell(file, on);
        }
    }
}

fn asked_to_stop(stop: Option<&AtomicBool>) -> bool {
    stop.is_some_and(|s| s.load(Ordering::SeqCst))
}

fn keep_reject(summary: &mut ImportSummary, rej: Reject) {
    summary.rejected += 1;
    keep(&mut summary.errors, rej);
}

fn keep(list: &mut Vec<Reject>, item: Reject) {
    if list.len() < MAX_KEPT_REJECTS {
        list.push(item);
    }
}

impl ImportSummary {
    /// Why nothing was stored: the files that failed or held no records, then the first rejected rows.
    pub fn reasons(&self) -> String {
        let whole_files = self.errors.iter().chain(&self.warnings);
        let mut reasons: Vec<String> = whole_files
            .filter(|e| e.line == 0)
            .map(|e| e.reason.clone())
            .collect();
        reasons.extend(self.skips.iter().map(|s| {
            format!(
                "{}: skipped {} {}; vochub keeps what customers said",
                s.file,
                s.count,
                s.why.describe()
            )
        }));
        reasons.extend(
            self.errors
                .iter()
                .filter(|e| e.line > 0)
                .take(20)
                .map(|e| format!("{}:{}: {}", e.file, e.line, e.reason)),
        );
        if reasons.is_empty() {
            reasons.push("no files were given".into());
        }
        reasons.join("\n")
    }
}

impl Hub {
    /// What this data dir's config asks of every import (its company's own mail addresses and
    /// accounts, whose words are not the customers'); a command sets its own options over these.
    pub fn import_options(&self) -> ImportOptions {
        ImportOptions {
            company_senders: self.config.company_senders.clone(),
            company_handles: self.config.company_handles.clone(),
            ..ImportOptions::default()
        }
    }

    /// Imports every file; a bad row is reported and skipped, a bad file is reported and the
    /// others still imported. Fails only when nothing at all could be stored, with the summary.
    pub fn import(
        &mut self,
        req: &ImportRequest,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportSummary> {
        let dir = self.dir.clone();
        self.import_files(req, progress)
            .map_err(|e| e.disk_full_in(&dir))
    }

    fn import_files(
        &mut self,
        req: &ImportRequest,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportSummary> {
        self.catch_up()?;
        let hold = self.index.hold_merges()?;
        let mut summary = ImportSummary::default();
        let mut feed = IndexFeed::new(&self.index)?;
        for path in req.paths {
            if asked_to_stop(req.stop) {
                summary.stopped_in = Some(input_name(path));
                break;
            }
            let result = {
                let mut sink = StoreSink {
                    store: &mut self.store,
                    feed: &mut feed,
                    batch: Vec::with_capacity(BATCH),
                    summary: &mut summary,
                    failed: None,
                    progress,
                    ids: FileIds::default(),
                    stop: req.stop,
                    waiting: req.waiting,
                };
                let r = import_path(path, &req.options, &mut sink);
                sink.finish();
                if let Some(e) = sink.failed.take() {
                    return Err(e);
                }
                r
            };
            let file = input_name(path);
            if asked_to_stop(req.stop) {
                summary.stopped_in = Some(file.clone());
            }
            match result {
                Ok(report) => {
                    // Never handed to the sink, so counted here.
                    for skip in &report.skipped {
                        summary.read += skip.count;
                        summary.skipped += skip.count;
                        summary.skips.push(skip.clone());
                    }
                    if report.read == 0 && summary.stopped_in.is_none() {
                        let reason = format!("{file} holds no records");
                        summary.warnings.push(Reject {
                            file,
                            line: 0,
                            reason,
                        });
                    }
                    summary.files.push(report);
                }
                Err(e) => {
                    // Kept past the cap on rows: a file that failed must always be named.
                    summary.failed_files += 1;
                    summary.errors.push(Reject {
                        file,
                        line: 0,
                        reason: e.to_string(),
                    });
                }
            }
            if summary.stopped_in.is_some() {
                break;
            }
        }
        feed.commit(&self.store)?;
        if summary.stopped_in.is_some() {
            // Out quickly, with the store and the index agreeing. The rules, still marked to
            // run, run at the next import; the segments are merged at a later commit.
            return Ok(summary);
        }
        // The records this import stored or changed, and those of an earlier import that was
        // interrupted before its rules ran: the store marked them as it wrote them.
        let pending = self.store.rules_pending()?;
        if !pending.records.is_empty() {
            let rules = self.theme_rules()?;
            summary.themed = self.apply_theme_rules(&rules, Some(&pending.records))?;
        }
        self.store.rules_done(&pending.batches)?;
        // Merged after the theme rules, so the records they re-indexed are merged in once.
        hold.merge(&self.index)?;
        if summary.inserted + summary.updated + summary.unchanged == 0 {
            return Err(ServiceError::NothingImported(Box::new(summary)));
        }
        Ok(summary)
    }

    /// Parses without storing: the format, encoding and mapping chosen, and the first records.
    pub fn preview(path: &Path, options: &ImportOptions, rows: usize) -> Result<Preview> {
        Self::preview_telling(path, options, rows, &|_, _| {})
    }

    /// `preview`, telling the person first when the input waits for another program (see [`Wait`]).
    pub fn preview_telling(
        path: &Path,
        options: &ImportOptions,
        rows: usize,
        waiting: &WaitNotice,
    ) -> Result<Preview> {
        struct Collect<'a> {
            rows: usize,
            sample: Vec<NewFeedback>,
            rejects: Vec<Reject>,
            warnings: Vec<Reject>,
            waiting: &'a WaitNotice<'a>,
        }
        impl Sink for Collect<'_> {
            fn waiting(&mut self, file: &str, on: Wait) {
                (self.waiting)(file, on);
            }
            fn accept(&mut self, rec: NewFeedback) {
                if self.sample.len() < self.rows {
                    self.sample.push(rec);
                }
            }
            fn reject(&mut self, rej: Reject) {
                if self.rejects.len() < self.rows {
                    self.rejects.push(rej);
                }
            }
            fn repeated(&mut self, warning: Reject) {
                if self.warnings.len() < self.rows {
                    self.warnings.push(warning);
                }
            }
        }
        let mut c = Collect {
            rows,
            sample: Vec::new(),
            rejects: Vec::new(),
            warnings: Vec::new(),
            waiting,
        };
        let file = import_path(path, options, &mut c)?;
        Ok(Preview {
            file,
            sample: c.sample,
            rejects: c.rejects,
            warnings: c.warnings,
        })
    }
}

impl Hub {
    /// Stores records handed over directly (tests, benchmarks, other front ends), then indexes them.
    pub fn ingest(&mut self, records: &[NewFeedback]) -> Result<ImportSummary> {
        self.catch_up()?;
        let mut summary = ImportSummary::default();
        for chunk in records.chunks(BATCH) {
            let out = self.store.upsert_batch(chunk, now())?;
            summary.read += chunk.len();
            summary.inserted += out.inserted;
            summary.updated += out.updated;
            summary.unchanged += out.unchanged;
            // Records handed over directly were never given the theme rules: a later import
            // must not apply them as if it had stored these.
            self.store.rules_done(&[out.seq as i64])?;
        }
        self.catch_up()?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;
    use crate::service::{Hub, ImportRequest};

    /// Every import through the hub, not only the `import` command's, leaves out the mail the
    /// config names as the company's own.
    #[test]
    fn the_configs_company_senders_reach_every_import() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::parse(
            "company_senders = [\"yunque.example\"]",
            Path::new("c.toml"),
        );
        let mut hub = Hub::open(&dir.path().join("hub"), config.unwrap()).unwrap();
        let inbox = dir.path().join("inbox.mbox");
        std::fs::write(
            &inbox,
            "From li@163.com Mon Oct  5 10:00:00 2026\nFrom: li@163.com\n\
             Message-ID: <c1@163.com>\n\n退款什么时候到？\n\n\
             From help@yunque.example Mon Oct  5 11:00:00 2026\nFrom: help@yunque.example\n\
             Message-ID: <s1@yunque.example>\n\n已经在处理了。\n",
        )
        .unwrap();
        let paths = [inbox];
        let request = ImportRequest::new(&paths, hub.import_options());
        let summary = hub.import(&request, &mut |_| {}).unwrap();
        assert_eq!((summary.inserted, summary.skipped), (1, 1));
    }
}
