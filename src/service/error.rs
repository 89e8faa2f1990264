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
    #[error("nothing could be imported:\n{0}")]
    NothingImported(String),
    #[error("no record with id {0}")]
    NoSuchRecord(i64),
    #[error("{0}")]
    Invalid(String),
}
