//! The peers vochub is measured against, built from the same corpus file in the same run: the
//! rows in a plain SQLite table (what a `LIKE` scan reads), then an FTS5 trigram index over them
//! (SQLite's own full-text search, and its only tokenizer that finds Chinese without spaces).
//!
//! Both parse the file with vochub's importer, so parsing costs the same on every side; rows go
//! in with the store's pragmas and batch size; FTS5 is built in one `rebuild` (its fastest bulk path).

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use rusqlite::{Connection, params, params_from_iter};
use serde::{Deserialize, Serialize};

use super::measure::{cpu_secs, disk_size, peak_rss};
use super::peer_sql::{Peer, translate};
use crate::domain::query::{Query, SortOrder};
use crate::domain::{NewFeedback, detect_lang};
use crate::import::{ImportOptions, Reject, Sink, import_path};
use crate::index::snippet::snippet;

/// The store's batch size, so transaction costs match.
const BATCH: usize = 5_000;

/// One side's import: time end to end, peak memory, size on disk.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct BuildFigures {
    pub records: usize,
    pub secs: f64,
    pub cpu_secs: f64,
    pub peak_rss: u64,
    pub disk_bytes: u64,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct PeerBuilds {
    pub like: BuildFigures,
    pub fts5: BuildFigures,
}

/// Builds both peers into a fresh database at `db`.
pub fn build(corpus: &Path, db: &Path) -> Result<PeerBuilds> {
    let started = Instant::now();
    let mut conn =
        Connection::open(db).with_context(|| format!("cannot create {}", db.display()))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(
        "CREATE TABLE rows (id INTEGER PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, \
         lang TEXT NOT NULL, created_ts INTEGER NOT NULL, author TEXT, title TEXT, body TEXT NOT NULL);
         CREATE INDEX rows_ts ON rows(created_ts);",
    )?;
    let mut sink = RowSink {
        conn: &mut conn,
        batch: Vec::with_capacity(BATCH),
        inserted: 0,
        failed: None,
    };
    import_path(corpus, &ImportOptions::default(), &mut sink)?;
    sink.flush();
    if let Some(e) = sink.failed.take() {
        return Err(e.into());
    }
    let records = sink.inserted;
    checkpoint(&conn)?;
    let like = figures(records, started, db);
    conn.execute_batch(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, author, content='rows', \
         content_rowid='id', tokenize='trigram');
         INSERT INTO fts(fts) VALUES('rebuild');",
    )?;
    checkpoint(&conn)?;
    let fts5 = figures(records, started, db);
    Ok(PeerBuilds { like, fts5 })
}

/// Where a build stands now: time since `started`, memory so far, the database's size.
fn figures(records: usize, started: Instant, db: &Path) -> BuildFigures {
    BuildFigures {
        records,
        secs: started.elapsed().as_secs_f64(),
        cpu_secs: cpu_secs(),
        peak_rss: peak_rss(),
        disk_bytes: db_size(db),
    }
}

/// Folds the WAL into the database so the size on disk is the database's own.
fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

fn db_size(db: &Path) -> u64 {
    let wal = db.with_extension("db-wal");
    disk_size(db) + disk_size(&wal)
}

struct RowSink<'c> {
    conn: &'c mut Connection,
    batch: Vec<NewFeedback>,
    inserted: usize,
    failed: Option<rusqlite::Error>,
}

impl RowSink<'_> {
    fn flush(&mut self) {
        if self.batch.is_empty() || self.failed.is_some() {
            return;
        }
        match insert_rows(self.conn, &self.batch) {
            Ok(()) => self.inserted += self.batch.len(),
            Err(e) => self.failed = Some(e),
        }
        self.batch.clear();
    }
}

impl Sink for RowSink<'_> {
    fn accept(&mut self, rec: NewFeedback) {
        self.batch.push(rec);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }
    fn reject(&mut self, _rej: Reject) {}
    // The peers' plain table has no ids: it keeps every row, repeated ids too.
    fn repeated(&mut self, _warning: Reject) {}
}

fn insert_rows(conn: &mut Connection, recs: &[NewFeedback]) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO rows (source, kind, lang, created_ts, author, title, body) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in recs {
            stmt.execute(params![
                r.source.to_lowercase(),
                r.kind.as_str(),
                detect_lang(&r.body).as_str(),
                r.created_at.map(|d| d.timestamp()).unwrap_or(0),
                r.author,
                r.title,
                r.body,
            ])?;
        }
    }
    tx.commit()
}

/// An opened peer database, for queries.
pub struct PeerDb {
    conn: Connection,
}

impl PeerDb {
    pub fn open(db: &Path) -> Result<PeerDb> {
        let conn = Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        // Give SQLite the same chance vochub has: memory-mapped files and a roomy page cache.
        conn.pragma_update(None, "mmap_size", 1i64 << 32)?;
        conn.pragma_update(None, "cache_size", -262_144i64)?;
        Ok(PeerDb { conn })
    }

    /// Runs one query the way vochub answers it: the top 20 with a snippet each. Returns the
    /// number of hits, or None when this peer cannot express the query.
    pub fn search(
        &self,
        peer: Peer,
        q: &Query,
        sort: SortOrder,
        terms: &[String],
        snippet_chars: usize,
    ) -> Result<Option<usize>> {
        let Some(sql) = translate(q, sort, peer) else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(&sql.sql)?;
        let mut rows = stmt.query(params_from_iter(sql.params.iter()))?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let body: String = row.get(1)?;
            std::hint::black_box(snippet(&body, terms, snippet_chars));
            n += 1;
        }
        Ok(Some(n))
    }
}
