//! Keeping the derived index honest: full rebuilds, and a check that store and index agree.

use std::path::Path;

use serde::Serialize;

use super::{Compacted, Hub, Result};

#[derive(Debug, Default, Clone, Serialize)]
pub struct CheckReport {
    pub store_records: usize,
    pub index_records: usize,
    /// In the store, not in the index.
    pub missing: Vec<i64>,
    /// In both, but the index holds an older version.
    pub stale: Vec<i64>,
    /// In the index, not in the store.
    pub extra: Vec<i64>,
    /// Files or folders readable by others than the owner.
    pub permission_warnings: Vec<String>,
    /// SQLite's consistency check of the database: "ok" when sound.
    pub database: String,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.database == "ok"
            && self.missing.is_empty()
            && self.stale.is_empty()
            && self.extra.is_empty()
    }
}

/// What `compact` did to the database and to the index.
#[derive(Debug, Default, Clone, Serialize)]
pub struct CompactReport {
    pub store: Compacted,
    /// Index segments before (after, there is one).
    pub segments: usize,
    pub index_bytes_before: u64,
    pub index_bytes_after: u64,
}

impl Hub {
    /// Stores older records in the compact format, returns the free space to the disk, and
    /// merges the index into one segment.
    pub fn compact(&mut self) -> Result<CompactReport> {
        let store = self.store.compact()?;
        let index_dir = self.dir.join(super::INDEX_DIR);
        let index_bytes_before = disk_size(&index_dir);
        let segments = self.index.merge_into_one()?;
        Ok(CompactReport {
            store,
            segments,
            index_bytes_before,
            index_bytes_after: disk_size(&index_dir),
        })
    }

    /// Rebuilds the index from the store. Returns the number of records indexed.
    pub fn reindex(&mut self) -> Result<usize> {
        let hold = self.index.hold_merges()?;
        let mut writer = self.index.writer()?;
        writer.delete_all()?;
        let (n, upto) = super::feed_index(&self.store, &mut writer, 0, true)?;
        writer.commit(upto)?;
        writer.finish()?;
        hold.merge(&self.index)?;
        Ok(n)
    }

    /// Compares every record's change number in the store and in the index. Read-only.
    pub fn check(&self) -> Result<CheckReport> {
        self.index.reload()?;
        let store = self.store.record_seqs()?;
        let index = self.index.doc_seqs()?;
        let mut report = CheckReport {
            store_records: store.len(),
            index_records: index.len(),
            permission_warnings: self.permission_warnings(),
            database: self.store.integrity()?,
            ..Default::default()
        };
        let (mut i, mut j) = (0, 0);
        while i < store.len() || j < index.len() {
            match (store.get(i), index.get(j)) {
                (Some(&(sid, sseq)), Some(&(iid, iseq))) if sid == iid => {
                    if iseq != sseq {
                        report.stale.push(sid);
                    }
                    i += 1;
                    j += 1;
                }
                (Some(&(sid, _)), Some(&(iid, _))) if sid < iid => {
                    report.missing.push(sid);
                    i += 1;
                }
                (Some(&(sid, _)), None) => {
                    report.missing.push(sid);
                    i += 1;
                }
                (_, Some(&(iid, _))) => {
                    report.extra.push(iid);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        Ok(report)
    }

    /// Fixes what `check` found: re-indexes missing and stale records, drops extra ones.
    pub fn repair(&mut self) -> Result<CheckReport> {
        let report = self.check()?;
        if report.ok() {
            return Ok(report);
        }
        let mut writer = self.index.writer()?;
        for id in &report.extra {
            writer.delete(*id);
        }
        for id in report.missing.iter().chain(&report.stale) {
            let state = self.store.get_state(*id)?;
            writer.upsert(super::doc_input(&state))?;
        }
        writer.commit(self.store.current_seq()?)?;
        writer.finish()?;
        Ok(report)
    }

    /// One warning per path (or per folder of index files) that others can read.
    fn permission_warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let open_to_others = |p: &std::path::Path| {
                std::fs::metadata(p)
                    .map(|m| m.permissions().mode() & 0o077 != 0)
                    .unwrap_or(false)
            };
            for p in [self.dir.clone(), self.dir.join(super::DB_FILE)] {
                if open_to_others(&p) {
                    out.push(format!(
                        "{} can be read by other users; run: chmod go-rwx {}",
                        p.display(),
                        p.display()
                    ));
                }
            }
            let index = self.dir.join(super::INDEX_DIR);
            let wide = std::fs::read_dir(&index)
                .map(|entries| {
                    entries
                        .flatten()
                        .filter(|e| open_to_others(&e.path()))
                        .count()
                })
                .unwrap_or(0);
            if wide > 0 || open_to_others(&index) {
                out.push(format!(
                    "{} in {} can be read by other users; run: chmod -R go-rwx {}",
                    crate::domain::counted(wide, "file"),
                    index.display(),
                    index.display()
                ));
            }
        }
        out
    }
}

/// Bytes of every file under `path` (or of `path` itself when it is a file).
pub fn disk_size(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| disk_size(&e.path()))
                .sum()
        })
        .unwrap_or(0)
}
