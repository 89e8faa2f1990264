//! jieba, loaded in the background. Its 350,000-word dictionary takes a noticeable part of a
//! second to load, and opening a data dir (the interface's first frame, a one-line `search`)
//! should not wait for it: loading starts when the index opens and the first text that needs
//! segmenting waits for it to finish.

use std::path::Path;
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

use jieba_rs::Jieba;

use super::{IndexError, Result};

/// Product and brand words jieba should keep whole (iPhone15, 5G套餐, 会员年卡…).
const BUILTIN_DICT: &str = include_str!("../../assets/jieba_user.txt");

pub struct Segmenter {
    ready: OnceLock<Jieba>,
    loading: Mutex<Option<JoinHandle<Jieba>>>,
    /// The user's dictionaries, already read and checked, for loading without the thread.
    user_dicts: Vec<Vec<u8>>,
}

impl Segmenter {
    /// Reads and checks the user's dictionaries now (a bad one is an error at open, as before),
    /// then loads everything on a background thread.
    pub fn start(user_dicts: &[&Path]) -> Result<Segmenter> {
        let mut dicts = Vec::with_capacity(user_dicts.len());
        for path in user_dicts {
            let bytes = std::fs::read(path).map_err(|e| IndexError::Io {
                path: path.display().to_string(),
                source: e,
            })?;
            Jieba::empty()
                .load_dict(&mut bytes.as_slice())
                .map_err(|e| IndexError::Dictionary {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })?;
            dicts.push(bytes);
        }
        let for_thread = dicts.clone();
        let handle = std::thread::Builder::new()
            .name("vochub-jieba".into())
            .spawn(move || load(&for_thread))
            .ok();
        Ok(Segmenter {
            ready: OnceLock::new(),
            loading: Mutex::new(handle),
            user_dicts: dicts,
        })
    }

    /// jieba with every dictionary, waiting for the background load the first time.
    pub fn get(&self) -> &Jieba {
        self.ready.get_or_init(|| {
            let handle = self.loading.lock().ok().and_then(|mut h| h.take());
            // Without the thread (it could not start, or it panicked), load here.
            handle
                .and_then(|h| h.join().ok())
                .unwrap_or_else(|| load(&self.user_dicts))
        })
    }
}

fn load(user_dicts: &[Vec<u8>]) -> Jieba {
    let mut jieba = Jieba::new();
    // The built-in list is tested with the project, and the user's were checked at open: a
    // failure here cannot be one a user could fix, so the words load as far as they can.
    let _ = jieba.load_dict(&mut BUILTIN_DICT.as_bytes());
    for d in user_dicts {
        let _ = jieba.load_dict(&mut d.as_slice());
    }
    jieba
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_words_stay_whole_and_bad_user_dicts_fail_at_start() {
        let s = Segmenter::start(&[]).unwrap();
        let words: Vec<&str> = s
            .get()
            .cut("我的iPhone15坏了", true)
            .iter()
            .map(|t| t.word)
            .collect();
        assert!(words.contains(&"iPhone15"), "{words:?}");
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, "云雀 notanumber\n").unwrap();
        assert!(matches!(
            Segmenter::start(&[bad.as_path()]),
            Err(IndexError::Dictionary { .. })
        ));
    }
}
