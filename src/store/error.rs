use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("database migration {name} failed: {source}")]
    Migration {
        name: String,
        source: rusqlite::Error,
    },
    #[error(
        "the database was written by a newer vochub (schema {found}, this build knows {known}); upgrade vochub"
    )]
    TooNew { found: i64, known: i64 },
    #[error("record {0} not found")]
    NotFound(i64),
    /// A request the data rules out (nothing to undo, a move the workflow forbids…).
    #[error(transparent)]
    Refused(#[from] crate::domain::Refusal),
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// SQLite ran out of disk space (SQLITE_FULL).
    pub fn is_disk_full(&self) -> bool {
        self.code() == Some(rusqlite::ErrorCode::DiskFull)
    }

    /// SQLite could not read or write its files, for whatever reason. On a full disk it often
    /// says this rather than SQLITE_FULL: growing the shared-memory file fails first.
    pub fn is_io_failure(&self) -> bool {
        use rusqlite::ErrorCode::{CannotOpen, DiskFull, SystemIoFailure};
        matches!(self.code(), Some(SystemIoFailure | DiskFull | CannotOpen))
    }

    fn code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            StoreError::Open { source, .. } | StoreError::Migration { source, .. } => source,
            StoreError::Sql(source) => source,
            _ => return None,
        }
        .sqlite_error_code()
    }
}
