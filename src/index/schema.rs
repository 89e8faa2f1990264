//! The index schema. Body and title come in pairs: `_w` (jieba words, for precision and ranking)
//! and `_g` (character grams with positions, for recall and phrases; see `analyzers`). Authors
//! have grams only: a name is rarely what people search for, and when it is, grams find it (a
//! words field of names took 4 MiB of a million-record index and ranked nothing that mattered).

use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};

use super::analyzers::{GRAMS, GRAMS_EDGE, WORDS_INDEX};
use super::{IndexError, Result};

#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: Field,
    pub seq: Field,
    /// The original a record near-duplicates, or its own id: what search collapses by.
    pub group: Field,
    pub ts: Field,
    pub body_w: Field,
    pub title_w: Field,
    pub body_g: Field,
    pub title_g: Field,
    pub author_g: Field,
    pub source: Field,
    pub kind: Field,
    pub lang: Field,
    /// Every theme with its ancestors, folded: what `tag:` matches.
    pub tags: Field,
    /// Theme names as written, for facet counts.
    pub tag_names: Field,
    pub queue: Field,
    pub status: Field,
    pub author_key: Field,
    pub month: Field,
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    // Titles and names are a few words each: their length says nothing a score needs, and its
    // norm would be a byte per record per field (most records have no title at all).
    let text = |tokenizer, record, norms| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record)
                .set_fieldnorms(norms),
        )
    };
    let words = IndexRecordOption::WithFreqs;
    let grams = IndexRecordOption::WithFreqsAndPositions;
    // Keyword and number fields only filter (scored as constants) or sort: norms of their
    // length would be a byte per record per field for nothing.
    b.add_u64_field("id", NumericOptions::default().set_indexed().set_fast());
    b.add_u64_field("seq", FAST);
    b.add_u64_field("group", FAST);
    // Date ranges run on the fast column (tantivy picks it for a fast field); no postings.
    b.add_i64_field("ts", FAST);
    b.add_text_field("body_w", text(WORDS_INDEX, words, true));
    b.add_text_field("title_w", text(WORDS_INDEX, words, false));
    b.add_text_field("body_g", text(GRAMS_EDGE, grams, true));
    b.add_text_field("title_g", text(GRAMS, grams, false));
    b.add_text_field("author_g", text(GRAMS, grams, false));
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    for name in ["source", "kind", "lang", "tag_names", "month"] {
        b.add_text_field(name, keyword.clone().set_fast("raw"));
    }
    for name in ["tags", "queue", "status", "author_key"] {
        b.add_text_field(name, keyword.clone());
    }
    b.build()
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> Result<Fields> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| IndexError::Schema(name.to_string()))
        };
        Ok(Fields {
            id: f("id")?,
            seq: f("seq")?,
            group: f("group")?,
            ts: f("ts")?,
            body_w: f("body_w")?,
            title_w: f("title_w")?,
            body_g: f("body_g")?,
            title_g: f("title_g")?,
            author_g: f("author_g")?,
            source: f("source")?,
            kind: f("kind")?,
            lang: f("lang")?,
            tags: f("tags")?,
            tag_names: f("tag_names")?,
            queue: f("queue")?,
            status: f("status")?,
            author_key: f("author_key")?,
            month: f("month")?,
        })
    }
}
