//! SQLite: the source of truth. Every record, theme, queue item and journal entry lives here;
//! the search index is rebuilt from it at will. The only module that speaks SQL.

mod body;
mod body_code;
mod compact;
mod customers;
mod duplicates;
mod error;
mod journal;
mod migrate;
mod originals;
mod queues;
mod quotes;
mod records;
mod saved;
mod themes;
mod upsert;

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

pub use compact::Compacted;
pub use error::StoreError;
pub use queues::{ItemChange, RouteResult, RouteSpec};
pub use quotes::NewQuote;
pub use records::{RecordState, Stats};
pub use themes::{PendingRules, TagResult};
pub use upsert::{Changes, UpsertOutcome, Written, body_hash, content_key, derived_id};

pub type Result<T> = std::result::Result<T, StoreError>;

/// Reads an RFC 3339 timestamp column (how every time is stored).
fn time_col(
    row: &rusqlite::Row,
    i: usize,
) -> rusqlite::Result<chrono::DateTime<chrono::FixedOffset>> {
    let s: String = row.get(i)?;
    chrono::DateTime::parse_from_rfc3339(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub struct Store {
    conn: Connection,
    /// Loaded by the first import that needs them, kept for the next batches.
    originals: originals::Originals,
    /// Whether the page cache has been grown for importing (see [`Store::grow_cache`]).
    grown_cache: bool,
}

/// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one statement for a list.
fn id_list(ids: &[i64]) -> Result<String> {
    serde_json::to_string(ids).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl Store {
    /// Opens (creating if needed) the database file, in WAL mode with a busy timeout so several
    /// vochub processes can share one data dir.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_telling(path, &mut |_| {})
    }

    /// As [`Store::open`], calling `upgrading` first when the database was written by an older
    /// vochub and is about to be upgraded (which takes a while on a large store), with about how
    /// many seconds that takes a million records.
    pub fn open_telling(path: &Path, upgrading: &mut dyn FnMut(u32)) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            source: e,
        })?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Checkpoint at 160 MB of write-ahead log (the default is 4 MB): an import's transaction
        // writes more than 4 MB, so every commit copied its pages back into the database, and the
        // same hot index pages again at the next. A million-record import spent half its system
        // time on that (11 -> 5.5 s), and 67-76 s -> 55-57 s in all.
        conn.pragma_update(None, "wal_autocheckpoint", 40_000)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if let Some(seconds) = migrate::upgrade_cost(version) {
            upgrading(seconds);
        }
        Self::setup(conn)
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // One plan per statement, whatever its parameters: without this, statements using partial
        // indexes with bound values (the near-duplicate lookups of the time) were re-prepared on
        // every step, a sixth of an import's CPU time. No statistics tables exist, so the plans
        // themselves do not change.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        let found = migrate::apply(&mut conn)?;
        let mut store = Store {
            conn,
            originals: Default::default(),
            grown_cache: false,
        };
        if (1..migrate::COMPACT_RECORDS).contains(&found) {
            // Migrating rebuilt the records table into new pages and left the old ones free,
            // so the file just grew by its size. Give that back once, and store the older
            // bodies compactly (6.5 s for a million records). Best effort: the data is fully
            // migrated either way, and `vochub compact` does the same later (another process
            // holding the database open can make this wait out the busy timeout and give up).
            let _ = store.compact();
        }
        Ok(store)
    }

    /// The newest change number: the index is in step when it has seen this one.
    pub fn current_seq(&self) -> Result<u64> {
        let v: i64 =
            self.conn
                .query_row("SELECT value FROM counters WHERE name = 'seq'", [], |r| {
                    r.get(0)
                })?;
        Ok(v as u64)
    }
}
