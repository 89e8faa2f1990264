use tantivy::TantivyError;
use tantivy::directory::error::{OpenReadError, OpenWriteError};
use thiserror::Error;

use crate::domain::Fault;

#[derive(Debug, Error)]
pub enum IndexError {
    #[error("cannot open the search index at {path}: {reason}; `vochub reindex` rebuilds it")]
    Open { path: String, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("jieba dictionary {path}: {reason}")]
    Dictionary { path: String, reason: String },
    #[error(
        "the search index is being written by another vochub process and stayed busy for {0} s; try again"
    )]
    Busy(u64),
    #[error("the index is missing field '{0}'; run `vochub reindex` to rebuild it")]
    Schema(String),
    /// A query the index cannot run as asked (a word of punctuation alone, an unknown status…).
    #[error(transparent)]
    Refused(#[from] crate::domain::Refusal),
    #[error("{0}")]
    Query(String),
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl IndexError {
    /// Which kind of failure this is, for an interface to word. The index is derived from the
    /// database, so whatever makes it unreadable is one kind: rebuild it.
    pub fn fault(&self) -> Fault {
        match self {
            IndexError::Busy(seconds) => Fault::IndexBusy { seconds: *seconds },
            IndexError::Open { reason, .. } => Fault::IndexBroken {
                detail: reason.clone(),
            },
            IndexError::Schema(_) => Fault::IndexBroken {
                detail: self.to_string(),
            },
            IndexError::Io { path, source } => Fault::Io {
                path: Some(path.clone()),
                detail: source.to_string(),
            },
            IndexError::Tantivy(e) => tantivy_fault(e),
            _ => Fault::Other(self.to_string()),
        }
    }
}

fn tantivy_fault(e: &TantivyError) -> Fault {
    let io = |path: &std::path::Path, detail: &std::io::Error| Fault::Io {
        path: Some(path.display().to_string()),
        detail: detail.to_string(),
    };
    match e {
        TantivyError::IoError(detail) => Fault::Io {
            path: None,
            detail: detail.to_string(),
        },
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
            io(filepath, io_error)
        }
        TantivyError::OpenReadError(_)
        | TantivyError::OpenDirectoryError(_)
        | TantivyError::DataCorruption(_)
        | TantivyError::IncompatibleIndex(_)
        | TantivyError::FieldNotFound(_)
        | TantivyError::SchemaError(_) => Fault::IndexBroken {
            detail: e.to_string(),
        },
        _ => Fault::Other(format!("search index error: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use tantivy::error::DataCorruption;

    use super::*;

    #[test]
    fn a_held_lock_is_busy_and_damage_means_rebuild() {
        assert_eq!(
            IndexError::Busy(30).fault(),
            Fault::IndexBusy { seconds: 30 }
        );
        let open = IndexError::Open {
            path: "/d/index".into(),
            reason: "meta.json is not JSON".into(),
        };
        assert_eq!(
            open.fault(),
            Fault::IndexBroken {
                detail: "meta.json is not JSON".into()
            }
        );
        let corrupt = IndexError::Tantivy(TantivyError::DataCorruption(DataCorruption::new(
            PathBuf::from("a.idx"),
            "bad footer".into(),
        )));
        assert!(
            matches!(corrupt.fault(), Fault::IndexBroken { detail } if detail.contains("bad footer"))
        );
        assert!(matches!(
            IndexError::Schema("body".into()).fault(),
            Fault::IndexBroken { .. }
        ));
    }

    #[test]
    fn io_failures_keep_the_system_words_and_the_file() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let words = denied.to_string();
        let e = IndexError::Tantivy(TantivyError::OpenWriteError(OpenWriteError::IoError {
            io_error: Arc::new(denied),
            filepath: PathBuf::from("/d/index/x.store"),
        }));
        assert_eq!(
            e.fault(),
            Fault::Io {
                path: Some("/d/index/x.store".into()),
                detail: words
            }
        );
        let plain = std::io::Error::other("short read");
        let e = IndexError::Tantivy(TantivyError::IoError(Arc::new(plain)));
        assert!(matches!(e.fault(), Fault::Io { path: None, detail } if detail == "short read"));
    }
}
