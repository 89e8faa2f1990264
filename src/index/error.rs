use thiserror::Error;

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
