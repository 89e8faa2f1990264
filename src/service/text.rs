//! What a record view needs beyond the record: where words begin (jieba, so a word cursor
//! moves over 物流 / 显示 / 已 / 签收 rather than single characters), where query words match
//! a text (folded, so 退貨 matches 退货), and the queue items that point at the record.

use std::ops::Range;

use super::{Hub, Result};
use crate::domain::QueueItem;
use crate::index::analyzers::is_word;

impl Hub {
    /// Character indices at which a word starts, ascending; punctuation and spaces are not words.
    pub fn word_starts(&self, text: &str) -> Vec<usize> {
        let mut starts: Vec<usize> = self
            .index
            .jieba()
            .cut(text, true)
            .into_iter()
            .filter(|t| is_word(t.word))
            .map(|t| t.start)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// The record's items in every queue.
    pub fn queue_items_of_record(&self, record: i64) -> Result<Vec<QueueItem>> {
        Ok(self.store.items_of_record(record)?)
    }
}

/// Byte ranges of `text` matching the folded `terms` (as `SearchPage::terms` holds them).
pub fn match_spans(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    crate::index::snippet::match_spans(text, terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_chinese_text() {
        let dir = tempfile::tempdir().unwrap();
        let hub = Hub::open(dir.path(), Default::default()).unwrap();
        let starts = hub.word_starts("物流显示已签收，refund please");
        assert_eq!(starts[0], 0);
        assert!(starts.contains(&2), "{starts:?}");
        assert!(starts.contains(&8), "{starts:?}");
        assert!(!starts.contains(&1), "{starts:?}");
    }
}
