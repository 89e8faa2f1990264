use std::path::Path;

use thiserror::Error;

use crate::domain::query::QueryError;
use crate::domain::{Fault, Refusal};
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
    #[error(
        "no customer is known by '{0}'; give an email, a phone number, a handle (@name or weibo:123), \
         a CRM id (zendesk:361001) or a customer number"
    )]
    NoSuchCustomer(String),
    /// A request the data or the rules refuse; an interface words it in its own language.
    #[error(transparent)]
    Refused(#[from] Refusal),
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
    pub fn disk_full_in(self, dir: &Path) -> ServiceError {
        match ran_out_of_space(&self, dir) {
            true => ServiceError::disk_full(dir),
            false => self,
        }
    }

    /// The disk holding the data dir `dir` is full: the one wording every command gives.
    pub fn disk_full(dir: &Path) -> ServiceError {
        ServiceError::DiskFull {
            path: dir.display().to_string(),
        }
    }
}

/// Whether `e` (or an error it was caused by) is a write to the data dir `dir` that ran out of
/// space: said so outright, or a failure to read or write files while that disk has no room
/// left. An interface asks this of any error a command ended with, whichever write it came from.
pub fn ran_out_of_space(e: &(dyn std::error::Error + 'static), dir: &Path) -> bool {
    let (said_full, io_failed) = signs_of_a_full_disk(e);
    said_full || (io_failed && no_room_left(dir))
}

/// Whether `e` or a cause says the disk is full, and whether one is a failure to read or write
/// files (which on a full disk is often all SQLite says).
fn signs_of_a_full_disk(e: &(dyn std::error::Error + 'static)) -> (bool, bool) {
    let mut said_full = false;
    let mut io_failed = false;
    for c in causes(e) {
        let store = match c.downcast_ref::<ServiceError>() {
            Some(ServiceError::Store(store)) => Some(store),
            _ => c.downcast_ref::<StoreError>(),
        };
        if let Some(store) = store {
            said_full |= store.is_disk_full();
            io_failed |= store.is_io_failure();
        }
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            said_full |= io.kind() == StorageFull;
            // A missing or forbidden file (a mapping, an input) is its own story.
            io_failed |= !matches!(
                io.kind(),
                NotFound | PermissionDenied | InvalidData | InvalidInput | IsADirectory
            );
        }
        // tantivy passes some I/O errors on as text only.
        said_full |= c.to_string().contains("No space left on device");
    }
    (said_full, io_failed)
}

fn causes<'e>(
    e: &'e (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'e (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |c| c.source())
}

/// Less than a mebibyte free for the user on the disk holding `dir`.
fn no_room_left(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
        // SAFETY: statvfs writes only into `stat`, and is read only when it succeeded.
        let ok = unsafe { libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) } == 0;
        if !ok {
            return false;
        }
        // SAFETY: statvfs succeeded, so it filled the struct.
        let stat = unsafe { stat.assume_init() };
        // The fields are 32 bits wide on some platforms.
        #[allow(clippy::unnecessary_cast)]
        let free = (stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64);
        free < 1024 * 1024
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// A failure as an interface reports it: a refusal or a fault (database, disk, index), each as
/// data an interface words in the person's language. Unlike `ServiceError` it can be cloned and
/// sent between threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Refused(Refusal),
    /// `english` is what the command line prints for the same failure.
    Fault {
        fault: Fault,
        english: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Refused(r) => write!(f, "{r}"),
            Problem::Fault { english, .. } => f.write_str(english),
        }
    }
}

impl Problem {
    /// A fault no layer could sort, in these words.
    pub fn other(english: &str) -> Problem {
        Problem::Fault {
            fault: Fault::Other(english.to_string()),
            english: english.to_string(),
        }
    }

    /// A full disk whose layer did not know the place is the data dir's disk: say so, since
    /// that is where the person frees space.
    pub fn on_disk_of(self, dir: &std::path::Path) -> Problem {
        match self {
            Problem::Fault {
                fault: Fault::DiskFull { dir: None },
                english,
            } => Problem::Fault {
                fault: Fault::DiskFull {
                    dir: Some(dir.display().to_string()),
                },
                english,
            },
            other => other,
        }
    }
}

impl ServiceError {
    /// The refusal inside, whichever layer refused; every other failure is a fault, sorted by
    /// the layer that knows its library's codes.
    pub fn problem(&self) -> Problem {
        let refusal = match self {
            ServiceError::Refused(r)
            | ServiceError::Store(StoreError::Refused(r))
            | ServiceError::Index(IndexError::Refused(r)) => Some(r.clone()),
            ServiceError::Query(e) => Some(Refusal::Query(e.clone())),
            _ => None,
        };
        refusal.map_or_else(
            || Problem::Fault {
                fault: self.fault(),
                english: self.to_string(),
            },
            Problem::Refused,
        )
    }

    fn fault(&self) -> Fault {
        if let ServiceError::DiskFull { path } = self {
            return Fault::DiskFull {
                dir: Some(path.clone()),
            };
        }
        if signs_of_a_full_disk(self).0 {
            return Fault::DiskFull { dir: None };
        }
        match self {
            ServiceError::Store(e) => e.fault(),
            ServiceError::Index(e) => e.fault(),
            ServiceError::DataDir { path, reason } => Fault::Io {
                path: Some(path.clone()),
                detail: reason.clone(),
            },
            _ => Fault::Other(self.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::{QueryError, QueryErrorKind};

    #[test]
    fn refusals_from_every_layer_reach_the_interface_as_data() {
        let from_store = ServiceError::Store(StoreError::Refused(Refusal::NothingToUndo));
        assert_eq!(
            from_store.problem(),
            Problem::Refused(Refusal::NothingToUndo)
        );
        let words = vec!["★".to_string()];
        let from_index = ServiceError::Index(IndexError::Refused(Refusal::NothingSearchable {
            words: words.clone(),
        }));
        assert_eq!(
            from_index.problem(),
            Problem::Refused(Refusal::NothingSearchable { words })
        );
        let e = QueryError {
            position: 4,
            kind: QueryErrorKind::ExpectedTerm,
        };
        let query = ServiceError::Query(e.clone());
        assert_eq!(query.problem(), Problem::Refused(Refusal::Query(e)));
    }

    #[test]
    fn faults_keep_their_words_and_english_is_unchanged() {
        let busy = ServiceError::Index(IndexError::Busy(5));
        assert_eq!(
            busy.problem(),
            Problem::Fault {
                fault: Fault::IndexBusy { seconds: 5 },
                english: busy.to_string()
            }
        );
        let missing = ServiceError::Refused(Refusal::NoSuchRecord(9));
        assert_eq!(missing.to_string(), "no record with id 9");
        let refused = ServiceError::Store(StoreError::Refused(Refusal::NothingToUndo));
        assert!(
            refused
                .to_string()
                .starts_with("you have no change to undo")
        );
    }

    #[test]
    fn a_full_disk_is_named_by_the_data_dir_it_holds() {
        let known = ServiceError::DiskFull {
            path: "/data/voc".into(),
        };
        assert!(matches!(
            known.problem(),
            Problem::Fault { fault: Fault::DiskFull { dir: Some(d) }, .. } if d == "/data/voc"
        ));
        // The index only knows its file; the interface names the data dir around it.
        let from_index = ServiceError::Index(IndexError::Io {
            path: "/data/voc/index/x.store".into(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        });
        let p = from_index.problem();
        assert!(
            matches!(
                &p,
                Problem::Fault {
                    fault: Fault::DiskFull { dir: None },
                    ..
                }
            ),
            "{p:?}"
        );
        let placed = p.on_disk_of(std::path::Path::new("/data/voc"));
        assert!(matches!(
            placed,
            Problem::Fault { fault: Fault::DiskFull { dir: Some(d) }, english }
                if d == "/data/voc" && english == from_index.to_string()
        ));
    }
}
