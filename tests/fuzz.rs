//! Property tests: the query parser and every importer take arbitrary input without panicking,
//! and what they accept is well-formed. Bounded (PROPTEST_CASES, default 256) so CI stays quick.

use std::path::{Path, PathBuf};

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
    fn repeated(&mut self, _warning: Reject) {}
}

fn import_bytes(dir: &Path, name: &str, bytes: &[u8], format: Format) -> Count {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    import_into(&path, format)
}

fn import_into(path: &Path, format: Format) -> Count {
    let mut sink = Count {
        accepted: Vec::new(),
        rejected: Vec::new(),
    };
    let opts = ImportOptions {
        format,
        ..Default::default()
    };
    if let Ok(report) = import_path(path, &opts, &mut sink) {
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

/// Each format-specific importer with a sample of its real shape: random bytes seldom get past
/// a JSON or mbox parser, so these tests break real files instead.
fn shaped_samples() -> Vec<(Format, &'static str, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    [
        (Format::Zendesk, "zendesk_tickets.json"),
        (Format::Zendesk, "zendesk_export.jsonl"),
        (Format::Freshdesk, "freshdesk_tickets.json"),
        (Format::Intercom, "intercom_conversations.json"),
        (Format::Salesforce, "salesforce_tasks.csv"),
        (Format::Salesforce, "salesforce_notes.csv"),
        (Format::X, "x_mentions.csv"),
        (Format::X, "x_archive/data/tweets.js"),
        (Format::Weibo, "weibo_comments.json"),
        (Format::SocialCrawl, "xhs_comments.csv"),
        (Format::SocialCrawl, "douyin_comments.json"),
        (Format::Mbox, "support_inbox.mbox"),
        (Format::Eml, "complaint.eml"),
        (Format::Json, "tickets.json"),
        (Format::Jsonl, "social.jsonl"),
        (Format::Csv, "legacy_gbk.csv"),
    ]
    .into_iter()
    .map(|(format, name)| {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = Path::new(name).file_name().unwrap().to_str().unwrap();
        (format, file, bytes)
    })
    .collect()
}

/// One edit to a real file: cut it short, overwrite a byte, drop a span, or splice text in.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Set(usize, u8),
    Remove(usize, usize),
    Insert(usize, String),
}

fn apply(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for e in edits {
        let at = |i: usize| if b.is_empty() { 0 } else { i % (b.len() + 1) };
        match e {
            Edit::Truncate(i) => {
                let i = at(*i);
                b.truncate(i);
            }
            Edit::Set(i, v) if !b.is_empty() => {
                let i = at(*i).min(b.len() - 1);
                b[i] = *v;
            }
            Edit::Set(..) => {}
            Edit::Remove(i, n) => {
                let i = at(*i);
                let end = (i + n).min(b.len());
                b.drain(i..end);
            }
            Edit::Insert(i, text) => {
                let i = at(*i);
                b.splice(i..i, text.bytes());
            }
        }
    }
    b
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(
        prop_oneof![
            1 => any::<usize>().prop_map(Edit::Truncate),
            4 => (any::<usize>(), any::<u8>()).prop_map(|(i, v)| Edit::Set(i, v)),
            2 => (any::<usize>(), 1..40usize).prop_map(|(i, n)| Edit::Remove(i, n)),
            3 => (any::<usize>(), messy_text()).prop_map(|(i, t)| Edit::Insert(i, t)),
        ],
        1..6,
    )
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
            prop_assert!(!e.kind.to_string().is_empty());
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
        // Every format, the mail folder one included (the bytes become one message in it).
        for format in Format::ALL {
            if format == Format::Maildir {
                let md = dir.path().join("md");
                std::fs::create_dir_all(md.join("cur")).unwrap();
                std::fs::create_dir_all(md.join("new")).unwrap();
                std::fs::create_dir_all(md.join("tmp")).unwrap();
                std::fs::write(md.join("cur").join("1.host:2,S"), &bytes).unwrap();
                import_into(&md, format);
            } else {
                import_bytes(dir.path(), &format!("a.{}", format.as_str()), &bytes, format);
            }
        }
    }

    #[test]
    fn importers_take_messy_text(text in messy_text()) {
        let dir = tempfile::tempdir().unwrap();
        for format in Format::ALL.into_iter().filter(|f| *f != Format::Maildir) {
            import_bytes(dir.path(), &format!("b.{}", format.as_str()), text.as_bytes(), format);
        }
        let csv = format!("id,content\n1,{text}\n2,ok\n");
        import_bytes(dir.path(), "c.csv", csv.as_bytes(), Format::Auto);
    }

    #[test]
    fn importers_take_broken_real_files(pick in 0..16usize, edits in edits()) {
        let samples = shaped_samples();
        let (format, name, bytes) = &samples[pick % samples.len()];
        let broken = apply(bytes, &edits);
        let dir = tempfile::tempdir().unwrap();
        // As its own format, and as `auto` must recognise (or refuse) it.
        import_bytes(dir.path(), name, &broken, *format);
        import_bytes(dir.path(), name, &broken, Format::Auto);
    }
}

/// Unedited, every shaped sample imports cleanly: the edits above start from files that work.
#[test]
fn shaped_samples_import_as_their_format() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name, bytes) in shaped_samples() {
        let got = import_bytes(dir.path(), name, &bytes, format);
        assert!(!got.accepted.is_empty(), "{name} as {format:?}");
    }
}
