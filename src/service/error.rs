use thiserror::Error;

use crate::domain::query::QueryError;
use crate::import::ImportError;
use crate::index::IndexError;
use crate::store::StoreError;

#[derive(Debug, Error)]
pub enum ServiceError {
    #[error("data directory {path}: {reason}")]
    DataDir { path: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("nothing could be imported:\n{}", .0.reasons())]
    NothingImported(Box<super::ImportSummary>),
    #[error("no record with id {0}")]
    NoSuchRecord(i64),
    #[error(
        "no customer is known by '{0}'; give an email, a phone number, a handle (@name or weibo:123), \
         a CRM id (zendesk:361001) or a customer number"
    )]
    NoSuchCustomer(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "the disk holding the data directory {path} is full; free some space there (or move the \
         data dir, --data-dir) and run the command again. What was stored before the disk filled \
         is kept, and importing the same files again adds only what is missing"
    )]
    DiskFull { path: String },
}

impl ServiceError {
    /// Says "the disk is full" where the database or the index ran out of space: SQLite's
    /// own words ("database or disk is full", twice over) name neither the place nor a way out.
    pub(super) fn disk_full_in(self, dir: &std::path::Path) -> ServiceError {
        match is_disk_full(&self) {
            true => ServiceError::DiskFull {
                path: dir.display().to_string(),
            },
            false => self,
        }
    }
}

fn is_disk_full(e: &ServiceError) -> bool {
    if let ServiceError::Store(store) = e
        && store.is_disk_full()
    {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::StorageFull
        {
            return true;
        }
        // tantivy passes some I/O errors on as text only.
        if c.to_string().contains("No space left on device") {
            return true;
        }
        cause = c.source();
    }
    false
}
