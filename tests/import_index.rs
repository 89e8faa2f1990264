//! An import indexes each batch as it stores it: afterwards the index must hold exactly the
//! store's records at their current versions, theme rules included, on first import and on
//! a re-import that changes some records.

use std::path::{Path, PathBuf};

use vochub::config::Config;
use vochub::index::analyzers::{GRAMS, GRAMS_EDGE, WORDS_INDEX};
use vochub::service::{Hub, ImportOptions, ImportRequest, SearchOptions};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn import(hub: &mut Hub, paths: &[PathBuf]) -> vochub::service::ImportSummary {
    let req = ImportRequest::new(paths, ImportOptions::default());
    hub.import(&req, &mut |_| {}).unwrap()
}

fn ids(hub: &Hub, q: &str) -> Vec<i64> {
    let opts = SearchOptions {
        limit: 0,
        ..Default::default()
    };
    let mut v: Vec<i64> = hub
        .search(q, &opts)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.record.id)
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn index_agrees_with_the_store_after_import_and_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    let files = vec![
        sample("tickets.json"),
        sample("sales_notes.csv"),
        sample("social.jsonl"),
    ];
    let first = import(&mut hub, &files);
    assert!(first.inserted > 300);
    let report = hub.check().unwrap();
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.index_records, first.inserted);
    assert!(!first.themed.is_empty());
    assert_eq!(
        ids(&hub, "tag:退款退货"),
        ids(&hub, "退款 OR 退货 OR 退钱 OR refund OR return")
    );

    // The same rows with one body changed: updated in place, re-indexed, nothing else moves.
    let text = std::fs::read_to_string(sample("sales_notes.csv")).unwrap();
    let first_row = text.lines().nth(1).unwrap();
    let edited_row = first_row.replacen("跑团", "跑团炫彩表带", 1);
    let edited = dir.path().join("sales_notes.csv");
    std::fs::write(&edited, text.replacen(first_row, &edited_row, 1)).unwrap();
    let again = import(&mut hub, &[edited]);
    assert_eq!((again.inserted, again.updated), (0, 1));
    let report = hub.check().unwrap();
    assert!(report.ok(), "{report:?}");
    assert_eq!(ids(&hub, "炫彩表带").len(), 1);
}

#[test]
fn reopened_index_still_finds_what_the_import_fed_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
        import(&mut hub, &[sample("legacy_gbk.csv")]);
    }
    let hub = Hub::open(dir.path(), Config::default()).unwrap();
    assert!(hub.check().unwrap().ok());
    assert!(!ids(&hub, "退").is_empty());
}

#[test]
fn an_index_of_another_schema_is_rebuilt_from_the_store_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    let first = import(&mut hub, &[sample("tickets.json")]);
    let before = ids(&hub, "退");
    assert!(!before.is_empty());
    drop(hub);
    // What an older vochub left behind: an index whose fields are not this version's.
    let index_dir = dir.path().join("index");
    std::fs::remove_dir_all(&index_dir).unwrap();
    std::fs::create_dir_all(&index_dir).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&index_dir, b.build()).unwrap();

    let hub = Hub::open(dir.path(), Config::default()).unwrap();
    let report = hub.check().unwrap();
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.index_records, first.inserted);
    assert_eq!(ids(&hub, "退"), before);
}

#[test]
fn an_index_written_by_the_analyzers_before_zero_width_folding_is_rebuilt() {
    rebuilt_from_analyzers_named(&["vh_words", "vh_grams_edge", "vh_grams"]);
}

#[test]
fn an_index_written_by_the_analyzers_before_english_stems_is_rebuilt() {
    rebuilt_from_analyzers_named(&["vh_words_2", "vh_grams_edge_2", "vh_grams_2"]);
}

#[test]
fn an_index_written_by_the_analyzers_before_joined_words_is_rebuilt() {
    rebuilt_from_analyzers_named(&["vh_words_3", "vh_grams_edge_3", "vh_grams_3"]);
}

#[test]
fn an_index_written_by_the_analyzers_before_british_spellings_is_rebuilt() {
    rebuilt_from_analyzers_named(&["vh_words_4", "vh_grams_edge_4", "vh_grams_4"]);
}

/// Opens a data dir whose index names its analyzers `names` (words, body grams, grams).
fn rebuilt_from_analyzers_named(names: &[&str; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    let mut rec =
        vochub::domain::NewFeedback::new("crm", vochub::domain::Kind::Other, "零\u{200b}宽测试");
    rec.external_id = Some("z".into());
    hub.ingest(&[rec]).unwrap();
    drop(hub);
    // The same fields under the tokenizer names those analyzers had: what such a vochub left.
    let meta = dir.path().join("index").join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let mut old = text.clone();
    for (now, before) in [WORDS_INDEX, GRAMS_EDGE, GRAMS].into_iter().zip(names) {
        old = old.replace(&format!("\"{now}\""), &format!("\"{before}\""));
    }
    assert_ne!(old, text, "the analyzers are still named {names:?}");
    std::fs::write(&meta, old).unwrap();

    // Kept, it would be searched through tokenizers no longer registered under those names.
    let hub = Hub::open(dir.path(), Config::default()).unwrap();
    let report = hub.check().unwrap();
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.index_records, 1);
    assert_eq!(ids(&hub, "零宽").len(), 1);
}
