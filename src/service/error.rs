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
}
