//! What went wrong underneath a request that was itself fine: the database or the index busy
//! with another process, a full disk, a damaged file. The store and the index sort their own
//! failures into these kinds, so that an interface can say in the person's language what
//! happened and what to do, keeping the system's words only as a detail.

/// A failure of the machinery, not of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Another process held the database past the wait for its lock.
    DatabaseBusy,
    /// The database file is damaged or is not a vochub database at all.
    DatabaseCorrupt { detail: String },
    /// The database was written by a newer vochub than this one.
    DatabaseTooNew { found: i64, known: i64 },
    /// The disk holding the data is full; `dir` is the data dir when the layer knew it.
    DiskFull { dir: Option<String> },
    /// Another process kept the search index's write lock for `seconds`.
    IndexBusy { seconds: u64 },
    /// The search index cannot be read as it is; it can be rebuilt from the database.
    IndexBroken { detail: String },
    /// Reading or writing a file failed; `detail` is the system's own words.
    Io {
        path: Option<String>,
        detail: String,
    },
    /// Anything else, in the words of the layer that failed.
    Other(String),
}
