//! Use cases: the only code that writes to both the store and the index. The CLI and the TUI
//! call these and nothing below them.
//!
//! Every write commits to the store first, then brings the index up to the store's change
//! number; a crash in between leaves the index behind, and the next command to open the data dir
//! catches it up (or, when another process is writing the index, that process does).

mod customers;
mod error;
mod explain;
mod feed;
mod file_ids;
mod ingest;
mod maintain;
mod quotes;
mod saved;
mod search;
mod similar;
mod text;
mod themes;
mod workflow;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};

use crate::config::Config;
use crate::index::{DocInput, IndexWriter, SearchIndex};
use crate::store::{RecordState, Store};

pub use customers::CustomerPage;
pub use error::{Problem, ServiceError, ran_out_of_space};
pub use explain::{ExplainedHit, Explanation};
pub use ingest::{ImportRequest, ImportSummary, Preview};
pub use maintain::{CheckReport, CompactReport, disk_size};
pub use quotes::{ExportFormat, QuoteCard};
pub use saved::SavedSearch;
pub use search::{DEFAULT_LIMIT, Hit, SearchOptions, SearchPage};
pub use text::match_spans;
pub use themes::{ThemeRule, WEEKS, load_rules_file, user_rules_path};
pub use workflow::{JournalEntry, Plan, QueueEntry, Scope};

pub use crate::domain::{Priority, QueueItem, Quote, Status, TagChange, ThemeSummary};
pub use crate::store::{RouteResult, TagResult};

pub use crate::import::{
    FileReport, Format, ImportOptions, Reject, SavedMapping, Skip, Skipped, Target, Wait,
    input_name,
};
pub use crate::index::snippet::Snippet;
pub use crate::index::{Facets, FieldMatch, TermAnalysis, TextField, Via};
pub use crate::store::Compacted;
pub use crate::store::Stats;

pub type Result<T> = std::result::Result<T, ServiceError>;

const DB_FILE: &str = "vochub.db";
const INDEX_DIR: &str = "index";

/// One open data dir: the store, the index, and who is working on it.
pub struct Hub {
    store: Store,
    index: SearchIndex,
    dir: PathBuf,
    config: Config,
    /// Stored records the last query run through this hub could not see (see `missed`).
    missed: Cell<u64>,
    /// Whether queries count what they miss: it costs two reads a query (the index's last
    /// commit from disk, the store's change number), which the interface's keystroke searches
    /// should not pay for a count only the command line reports.
    counting_missed: bool,
}

impl Hub {
    /// Opens the data dir, creating it (private to the user) when it does not exist.
    pub fn open(dir: &Path, config: Config) -> Result<Hub> {
        Self::open_telling(dir, config, &mut |_| {})
    }

    /// As [`Hub::open`], saying through `notice` what an upgrade from an older vochub is doing
    /// before it does it: on a large data dir that takes seconds, with nothing else to see.
    pub fn open_telling(dir: &Path, config: Config, notice: &mut dyn FnMut(&str)) -> Result<Hub> {
        let hub = Self::open_as_found(dir, config, notice)?;
        catch_up_on_open(&hub.store, &hub.index, notice).map_err(|e| e.disk_full_in(dir))?;
        Ok(hub)
    }

    /// As [`Hub::open_telling`], but an index that lags the store is left as it is found, for
    /// `check` to report rather than find already repaired.
    pub fn open_as_found(dir: &Path, config: Config, notice: &mut dyn FnMut(&str)) -> Result<Hub> {
        Self::open_dir(dir, config, notice).map_err(|e| e.disk_full_in(dir))
    }

    fn open_dir(dir: &Path, config: Config, notice: &mut dyn FnMut(&str)) -> Result<Hub> {
        private_umask();
        create_private_dir(dir)?;
        let db = dir.join(DB_FILE);
        let mut upgrading = |seconds| {
            notice(&format!(
                "upgrading the database to this version's format, once \
                 (about {seconds} s a million records)"
            ))
        };
        // Created under the private umask: 0600. An existing file's mode is the user's choice,
        // which `check` reports on rather than silently changes.
        let store = Store::open_telling(&db, &mut upgrading)
            .map_err(|e| explain_unwritable(dir, e.into()))?;
        let dicts: Vec<&Path> = config.dictionaries.iter().map(PathBuf::as_path).collect();
        let index = SearchIndex::open(&dir.join(INDEX_DIR), &dicts)?;
        if index.recreated() {
            // A new vochub changed the index's layout: rebuild it from the store once, now,
            // rather than answer searches from an empty index until the next write.
            notice(
                "rebuilding the search index for this version, once (about 35 s a million records)",
            );
            catch_up(&store, &index)?;
        }
        Ok(Hub {
            store,
            index,
            dir: dir.to_path_buf(),
            config,
            missed: Cell::new(0),
            counting_missed: false,
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Brings the index up to the store: every writing command calls this first, so a crash or
    /// another process's write is caught up. Returns how many records were (re)indexed.
    pub fn catch_up(&mut self) -> Result<usize> {
        catch_up(&self.store, &self.index)
    }

    /// The store change the index reflects. Every write by any process moves it, so an open
    /// interface can tell that someone else changed something, even when no record was added.
    pub fn index_version(&self) -> Result<u64> {
        Ok(self.index.synced_seq()?)
    }

    /// Stored records search cannot find yet: another process (holding the index while it
    /// writes) stored them and has not committed them to the index. It will; a reader can say so.
    pub fn unsearchable(&self) -> Result<u64> {
        self.unsearchable_after(self.index_version()?)
    }

    /// `unsearchable` for a caller that has just read the index's version, which is the one
    /// file read `unsearchable` would repeat.
    pub fn unsearchable_after(&self, version: u64) -> Result<u64> {
        if version < self.store.current_seq()? {
            Ok(self.store.count_changed_since(version)?)
        } else {
            Ok(0)
        }
    }

    /// Stored records that the last query run through this hub could not see, because the index
    /// lacked them when it ran: a tag, a route or a count by query left them out. A command asks
    /// once it has run, since a writing one catches the index up before its query and again
    /// after, and neither `unsearchable` before nor after would say what the query missed. The
    /// last query, not the first: `tag` counts what it would change before it catches up.
    /// Counted only after [`Hub::count_missed`].
    pub fn missed(&self) -> u64 {
        self.missed.get()
    }

    /// Makes every query from now on note what the index lacks when it runs, for `missed`.
    pub fn count_missed(&mut self) {
        self.counting_missed = true;
    }

    /// Notes what the index lacks, just before a query runs on it.
    fn note_missed(&self) -> Result<()> {
        if self.counting_missed {
            self.missed.set(self.unsearchable()?);
        }
        Ok(())
    }

    /// Picks up changes other processes committed to the index.
    pub fn refresh(&self) -> Result<()> {
        self.index.reload()?;
        Ok(())
    }
}

fn catch_up(store: &Store, index: &SearchIndex) -> Result<usize> {
    if lags(store, index)?.is_none() {
        return Ok(0);
    }
    catch_up_with(store, index, index.writer()?)
}

/// The change number the index is synced to, when the store has changes after it.
fn lags(store: &Store, index: &SearchIndex) -> Result<Option<u64>> {
    let since = index.synced_seq()?;
    Ok((since < store.current_seq()?).then_some(since))
}

/// A command killed between its store commit and its index commit (kill -9, a power cut) leaves
/// records that search would not find until the next writing command. Opening catches them up
/// when no other process is writing to the index, taking its lock without waiting: a search
/// must not stall behind a long import, which indexes what it stores itself.
fn catch_up_on_open(
    store: &Store,
    index: &SearchIndex,
    notice: &mut dyn FnMut(&str),
) -> Result<()> {
    let Some(since) = lags(store, index)? else {
        return Ok(());
    };
    if let Some(writer) = index.try_writer()? {
        let missing = store.count_changed_since(since)?;
        if missing > 0 {
            notice(&format!(
                "adding {} to the search index, which did not have {} yet",
                crate::domain::counted(missing, "stored record"),
                if missing == 1 { "it" } else { "them" }
            ));
        }
        catch_up_with(store, index, writer)?;
    }
    Ok(())
}

fn catch_up_with(store: &Store, index: &SearchIndex, mut writer: IndexWriter) -> Result<usize> {
    // Read again under the lock: another process may have caught the index up while this one
    // waited for it (two vochub commands started on a new data dir), and records it added must
    // not be added a second time as if the index were still empty.
    let lag = lags(store, index)?;
    index.reload()?;
    let Some(since) = lag else {
        writer.finish()?;
        return Ok(0);
    };
    for id in store.deleted_since(since)? {
        writer.delete(id);
    }
    // An empty index (new, or rebuilt for another schema) has nothing to replace.
    let fresh = since == 0 && index.num_docs() == 0;
    let (n, upto) = feed_index(store, &mut writer, since, fresh)?;
    writer.commit(upto)?;
    writer.finish()?;
    Ok(n)
}

/// What the index needs of a stored record.
pub(super) fn doc_input(state: &RecordState) -> DocInput<'_> {
    DocInput {
        feedback: &state.feedback,
        seq: state.seq,
        routes: &state.routes,
        original: state.original,
    }
}

/// Streams every record changed after `since` into the index writer; returns how many, and the
/// store change number the index will then reflect. `fresh`: the index holds none of them, so
/// each is added without deleting an older copy first (a million such deletes, queued until the
/// commit, held over a gigabyte while a rebuild ran).
fn feed_index(
    store: &Store,
    writer: &mut IndexWriter,
    since: u64,
    fresh: bool,
) -> Result<(usize, u64)> {
    let mut n = 0;
    let upto = store.changed_since(since, |state| {
        n += 1;
        let doc = doc_input(&state);
        let done = if fresh {
            writer.add(doc)
        } else {
            writer.upsert(doc)
        };
        done.map_err(|e| crate::store::StoreError::Invalid(e.to_string()))
    })?;
    Ok((n, upto))
}

/// Keeps memory freed by the index writer from lingering in the process. Each index segment is
/// built in large buffers (tens of MB) freed when it is written; glibc then raises its mmap
/// threshold and serves later large buffers from the heap, where freed memory is not given back:
/// importing 1M records held ~230 MB more than it used. A fixed threshold returns them. The
/// vochub binary allocates through mimalloc (see Cargo.toml), so there this concerns only what the
/// bundled SQLite allocates through the C library; programs on glibc's allocator keep the fix.
pub fn tune_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; called before any threads start.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}

pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| ServiceError::DataDir {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        restrict(dir);
    } else if !dir.is_dir() {
        return Err(ServiceError::DataDir {
            path: dir.display().to_string(),
            reason: "it exists and is not a directory".into(),
        });
    }
    Ok(())
}

/// SQLite says only "unable to open database file" when the folder cannot be written; say why.
fn explain_unwritable(dir: &Path, err: ServiceError) -> ServiceError {
    let probe = dir.join(".vochub-write-test");
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            err
        }
        Err(e) => ServiceError::DataDir {
            path: dir.display().to_string(),
            reason: format!(
                "it cannot be written ({e}); vochub keeps its database and index there and needs \
                 write access, even to search (a read-only copy: copy the folder somewhere writable)"
            ),
        },
    }
}

/// Files this process creates from now on (database, WAL, index segments) are the user's alone.
fn private_umask() {
    #[cfg(unix)]
    // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Customer text is personal data: the data dir is 0700 and the database 0600.
fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
}
