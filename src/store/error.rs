use thiserror::Error;

use crate::domain::Fault;

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
    fn sql(&self) -> Option<&rusqlite::Error> {
        match self {
            StoreError::Open { source, .. } | StoreError::Migration { source, .. } => Some(source),
            StoreError::Sql(source) => Some(source),
            _ => None,
        }
    }

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
        self.sql().and_then(rusqlite::Error::sqlite_error_code)
    }

    /// Which kind of failure this is, for an interface to word; SQLite's codes, not its text,
    /// decide.
    pub fn fault(&self) -> Fault {
        use rusqlite::ErrorCode::*;
        if let StoreError::TooNew { found, known } = self {
            return Fault::DatabaseTooNew {
                found: *found,
                known: *known,
            };
        }
        let Some(sql) = self.sql() else {
            return Fault::Other(self.to_string());
        };
        let detail = sql.to_string();
        match sql.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => Fault::DatabaseBusy,
            Some(DiskFull) => Fault::DiskFull { dir: None },
            Some(DatabaseCorrupt | NotADatabase) => Fault::DatabaseCorrupt { detail },
            Some(SystemIoFailure | CannotOpen | PermissionDenied | ReadOnly) => Fault::Io {
                path: match self {
                    StoreError::Open { path, .. } => Some(path.clone()),
                    _ => None,
                },
                detail,
            },
            _ => Fault::Other(self.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::ffi;

    use super::*;

    fn sqlite(code: i32, message: &str) -> StoreError {
        StoreError::Sql(rusqlite::Error::SqliteFailure(
            ffi::Error::new(code),
            Some(message.into()),
        ))
    }

    #[test]
    fn sqlite_codes_decide_the_kind_of_fault() {
        assert_eq!(
            sqlite(ffi::SQLITE_BUSY, "database is locked").fault(),
            Fault::DatabaseBusy
        );
        assert_eq!(
            sqlite(ffi::SQLITE_LOCKED, "database table is locked").fault(),
            Fault::DatabaseBusy
        );
        assert_eq!(
            sqlite(ffi::SQLITE_FULL, "database or disk is full").fault(),
            Fault::DiskFull { dir: None }
        );
        assert_eq!(
            sqlite(ffi::SQLITE_CORRUPT, "database disk image is malformed").fault(),
            Fault::DatabaseCorrupt {
                detail: "database disk image is malformed".into()
            }
        );
        assert!(matches!(
            sqlite(ffi::SQLITE_NOTADB, "file is not a database").fault(),
            Fault::DatabaseCorrupt { .. }
        ));
        assert_eq!(
            sqlite(ffi::SQLITE_IOERR, "disk I/O error").fault(),
            Fault::Io {
                path: None,
                detail: "disk I/O error".into()
            }
        );
        assert_eq!(
            StoreError::TooNew { found: 9, known: 7 }.fault(),
            Fault::DatabaseTooNew { found: 9, known: 7 }
        );
    }

    #[test]
    fn a_real_lock_held_by_another_connection_is_busy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v.db");
        let holder = rusqlite::Connection::open(&path).expect("open");
        holder
            .execute_batch("CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
            .expect("hold the write lock");
        let other = rusqlite::Connection::open(&path).expect("open");
        let e = other
            .execute("INSERT INTO t VALUES (2)", [])
            .expect_err("the lock is held");
        assert_eq!(StoreError::Sql(e).fault(), Fault::DatabaseBusy);
    }

    #[test]
    fn an_open_failure_names_the_file() {
        let e = StoreError::Open {
            path: "/data/vochub.db".into(),
            source: rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_CANTOPEN), None),
        };
        assert!(matches!(
            e.fault(),
            Fault::Io { path: Some(p), .. } if p == "/data/vochub.db"
        ));
    }
}
