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
        let sql = match self {
            StoreError::Open { source, .. } | StoreError::Migration { source, .. } => source,
            StoreError::Sql(source) => source,
            _ => return false,
        };
        sql.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
    }
}
