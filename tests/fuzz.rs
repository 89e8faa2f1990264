//! Property tests: the query parser and every importer take arbitrary input without panicking,
//! and what they accept is well-formed. Bounded (PROPTEST_CASES, default 256) so CI stays quick.

use std::path::Path;

use proptest::prelude::*;
use vochub::domain::NewFeedback;
use vochub::domain::query::parse;
use vochub::import::{Format, ImportOptions, Reject, Sink, import_path};

struct Count {
    accepted: Vec<NewFeedback>,
    rejected: Vec<Reject>,
}

impl Sink for Count {
    fn accept(&mut self, rec: NewFeedback) {
        self.accepted.push(rec);
    }
    fn reject(&mut self, rej: Reject) {
        self.rejected.push(rej);
    }
}

fn import_bytes(dir: &Path, name: &str, bytes: &[u8], format: Format) -> Count {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut sink = Count {
        accepted: Vec::new(),
        rejected: Vec::new(),
    };
    let opts = ImportOptions {
        format,
        ..Default::default()
    };
    if let Ok(report) = import_path(&path, &opts, &mut sink) {
        assert_eq!(
            report.read,
            sink.accepted.len() + sink.rejected.len(),
            "every row counted once"
        );
    }
    for r in &sink.accepted {
        assert!(!r.body.trim().is_empty(), "an accepted record has a body");
    }
    for r in &sink.rejected {
        assert!(!r.reason.is_empty());
    }
    sink
}

/// Text that looks like the inputs people really send: CSV/JSON punctuation, Chinese, quotes.
fn messy_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(":".to_string()),
            Just("\t".to_string()),
            Just("退款".to_string()),
            Just("content".to_string()),
            Just("2026-10-01".to_string()),
            Just("\u{feff}".to_string()),
            "[a-z0-9 ]{0,6}",
            "\\PC{0,4}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn query_parser_never_panics(input in "\\PC{0,80}") {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap();
        if let Err(e) = parse(&input, now) {
            prop_assert!(e.position <= input.chars().count());
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn query_parser_takes_query_shaped_noise(input in "([()\"“”-]|OR|AND|NOT|tag:|date:|after:|sort:|退款|a| ){0,30}") {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap();
        let _ = parse(&input, now);
    }

    #[test]
    fn importers_take_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        for (name, format) in [("a.csv", Format::Csv), ("a.tsv", Format::Tsv), ("a.json", Format::Json), ("a.jsonl", Format::Jsonl), ("a.dat", Format::Auto)] {
            import_bytes(dir.path(), name, &bytes, format);
        }
    }

    #[test]
    fn importers_take_messy_text(text in messy_text()) {
        let dir = tempfile::tempdir().unwrap();
        for (name, format) in [("b.csv", Format::Csv), ("b.tsv", Format::Tsv), ("b.json", Format::Json), ("b.jsonl", Format::Jsonl), ("b.txt", Format::Auto)] {
            import_bytes(dir.path(), name, text.as_bytes(), format);
        }
        let csv = format!("id,content\n1,{text}\n2,ok\n");
        import_bytes(dir.path(), "c.csv", csv.as_bytes(), Format::Auto);
    }
}
