//! The search index (tantivy): derived from the store, rebuildable at any time, and the reason
//! search answers in milliseconds. Chinese-aware through the analyzers registered here, in the
//! index's only constructor: an index opened without them would silently mis-read Chinese.

pub mod analyzers;
mod collapse;
mod column_filter;
mod compounds;
mod english;
mod error;
mod explain;
pub mod fold;
mod schema;
mod search;
mod segmenter;
mod similar;
pub mod snippet;
mod translate;
mod writer;

use std::path::Path;
use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::directory::MmapDirectory;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy};

/// The month of a record with no date of its own (its time is its import's).
pub const UNDATED: &str = "undated";

pub use error::IndexError;
pub use explain::{Explained, FieldMatch, HitMatches, TermAnalysis};
pub use schema::Fields;
pub use search::{Facets, SearchHit, SearchRequest, SearchResult};
pub use segmenter::Segmenter;
pub use similar::SimilarResult;
pub use translate::{TextField, Via, highlight_terms};
pub use writer::{DocInput, IndexWriter, MergeHold};

pub type Result<T> = std::result::Result<T, IndexError>;

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    jieba: Arc<Segmenter>,
    /// Opening found an index of another schema and started it afresh.
    recreated: bool,
    /// A bulk write is under way: writers leave segments unmerged until it merges them itself.
    merges_held: Arc<std::sync::atomic::AtomicBool>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when absent. `user_dicts` are extra jieba
    /// dictionaries (one word per line, optional frequency and tag) named in the config.
    pub fn open(dir: &Path, user_dicts: &[&Path]) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let open_err = |e: &dyn std::fmt::Display| IndexError::Open {
            path: dir.display().to_string(),
            reason: e.to_string(),
        };
        let mmap = MmapDirectory::open(dir).map_err(|e| open_err(&e))?;
        let mut recreated = false;
        let index = match Index::open_or_create(mmap, schema::build()) {
            Ok(index) => index,
            // Written by a vochub with another schema. The index is derived: start it afresh
            // (its change number is then 0) and the store fills it on the next catch-up.
            Err(tantivy::TantivyError::SchemaError(_)) => {
                std::fs::remove_dir_all(dir).map_err(|e| IndexError::Io {
                    path: dir.display().to_string(),
                    source: e,
                })?;
                std::fs::create_dir_all(dir).map_err(|e| IndexError::Io {
                    path: dir.display().to_string(),
                    source: e,
                })?;
                let mmap = MmapDirectory::open(dir).map_err(|e| open_err(&e))?;
                recreated = true;
                Index::create(mmap, schema::build(), Default::default())
                    .map_err(|e| open_err(&e))?
            }
            Err(e) => return Err(open_err(&e)),
        };
        let mut index = Self::with_analyzers(index, user_dicts)?;
        index.recreated = recreated;
        Ok(index)
    }

    /// Whether `open` replaced an index of another schema with an empty one.
    pub fn recreated(&self) -> bool {
        self.recreated
    }

    /// A throwaway index in memory (benchmarks and tests), built the same way as on disk.
    pub fn in_memory(user_dicts: &[&Path]) -> Result<SearchIndex> {
        let schema = schema::build();
        Self::with_analyzers(Index::create_in_ram(schema), user_dicts)
    }

    fn with_analyzers(index: Index, user_dicts: &[&Path]) -> Result<SearchIndex> {
        let jieba = Arc::new(Segmenter::start(user_dicts)?);
        let tokenizers = index.tokenizers();
        tokenizers.register(
            analyzers::WORDS_INDEX,
            TextAnalyzer::from(analyzers::WordsTokenizer::new(jieba.clone())),
        );
        tokenizers.register(
            analyzers::GRAMS,
            TextAnalyzer::from(analyzers::GramsTokenizer::new(analyzers::Unigrams::All)),
        );
        tokenizers.register(
            analyzers::GRAMS_EDGE,
            TextAnalyzer::from(analyzers::GramsTokenizer::new(analyzers::Unigrams::Edges)),
        );
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            jieba,
            recreated: false,
            merges_held: Default::default(),
        })
    }

    /// The store change number this index reflects (0 for a new index).
    pub fn synced_seq(&self) -> Result<u64> {
        let metas = self.index.load_metas()?;
        Ok(writer::seq_from_payload(metas.payload.as_deref()))
    }

    /// Picks up commits made since the last reload, by this process or another.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Each segment's documents (deleted ones included) and live documents: how the index is split.
    pub fn segment_sizes(&self) -> Vec<(u32, u32)> {
        let searcher = self.reader.searcher();
        let mut sizes: Vec<(u32, u32)> = searcher
            .segment_readers()
            .iter()
            .map(|s| (s.max_doc(), s.num_docs()))
            .collect();
        sizes.sort_unstable();
        sizes
    }

    pub fn jieba(&self) -> &Jieba {
        self.jieba.get()
    }

    /// `text`'s words as the words field cuts it (after folding: traditional characters would
    /// otherwise be cut as unknown ones), punctuation left out.
    pub fn words_of(&self, text: &str) -> Vec<String> {
        let folded = fold::fold_str(text);
        self.jieba()
            .cut(&folded, true)
            .into_iter()
            .filter(|t| analyzers::is_word(t.word))
            .map(|t| t.word.to_string())
            .collect()
    }
}
