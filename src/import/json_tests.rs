use serde_json::json;

use super::*;
use crate::domain::Kind;
use crate::import::json_scan::skip_value;
use crate::import::tests::{run, run_with};
use crate::import::{Format, ImportError, ImportOptions};

fn bodies(sink: &crate::import::tests::VecSink) -> Vec<&str> {
    sink.accepted.iter().map(|r| r.body.as_str()).collect()
}

#[test]
fn array_of_objects_keeps_json_types_in_extra() {
    let text = r#"[
  {"id": 101, "text": "app crashes", "created_at": "Tue May 31 17:46:55 +0800 2011",
   "user": {"id": 9, "screen_name": "wang"}, "retweet_count": 4, "verified": true, "tags": ["bug", " crash "]},
  {"id": "102", "text": ["line one", "line two"], "user": null, "score": "4"}
]"#;
    let (report, sink) = run("weibo.json", text);
    let report = report.unwrap();
    assert_eq!((report.format, report.read), (Format::Json, 2));
    let first = &sink.accepted[0];
    assert_eq!(first.body, "app crashes");
    assert_eq!(first.external_id.as_deref(), Some("101"));
    assert_eq!(first.author.as_deref(), Some("wang"));
    assert_eq!(
        first.created_at.unwrap().to_rfc3339(),
        "2011-05-31T17:46:55+08:00"
    );
    assert_eq!(first.tags, ["bug", "crash"]);
    assert_eq!(first.extra["retweet_count"], json!(4));
    assert_eq!(first.extra["verified"], json!(true));
    assert_eq!(first.extra["user"], json!({"id": 9, "screen_name": "wang"}));
    assert!(!first.extra.contains_key("text") && !first.extra.contains_key("id"));
    assert_eq!(first.kind, Kind::Social);
    let second = &sink.accepted[1];
    assert_eq!(second.body, "line one\nline two");
    assert_eq!((second.author.clone(), second.rating), (None, Some(4.0)));
}

#[test]
fn wrapper_objects_are_unwrapped() {
    let text = r#"{"count": 2, "users": [{"name": "x"}],
      "tickets": [{"ticket_id": "T1", "subject": "Refund", "description": "Where is my refund?",
                   "requester": {"email": "a@b.c"}},
                  {"ticket_id": "T2", "description": "Thanks"}],
      "next_page": null}"#;
    let (report, sink) = run("export.json", text);
    let report = report.unwrap();
    assert!(
        report
            .mapping
            .contains(&("author".into(), "requester".into()))
    );
    assert_eq!(bodies(&sink), ["Where is my refund?", "Thanks"]);
    assert_eq!(sink.accepted[0].author.as_deref(), Some("a@b.c"));
    assert_eq!(
        (sink.accepted[0].kind, sink.accepted[0].title.as_deref()),
        (Kind::Ticket, Some("Refund"))
    );
    assert_eq!(sink.rejected, vec![]);

    let (report, sink) = run("d.json", r#"{"data": [{"body": "x"}]}"#);
    assert_eq!((report.unwrap().read, bodies(&sink)), (1, vec!["x"]));
    let (report, sink) = run("d.json", r#"{"data": [], "total": 0}"#);
    assert_eq!((report.unwrap().read, sink.accepted.len()), (0, 0));
    let (report, _) = run("d.json", "[]");
    assert_eq!(report.unwrap().mapping, vec![]);
}

#[test]
fn single_and_concatenated_objects_are_records() {
    let (_, sink) = run("one.json", r#"{"text": "solo", "tags": ["a"]}"#);
    assert_eq!(
        (bodies(&sink), sink.accepted[0].tags.clone()),
        (vec!["solo"], vec!["a".to_string()])
    );
    let text = "{\n  \"text\": \"first\"\n}\n{\n  \"text\": \"second\"\n}\n";
    let (report, sink) = run("pretty.json", text);
    assert_eq!(report.unwrap().format, Format::Json);
    assert_eq!(bodies(&sink), ["first", "second"]);
}

#[test]
fn bad_elements_are_rejected_with_index_and_line() {
    let text = "[\n  {\"text\": \"ok\"},\n  \"just a string\",\n  {\"text\": tru},\n  {\"text\": \"\"},\n  {\"text\": \"last\"}\n]\n";
    let (report, sink) = run("mixed.json", text);
    assert_eq!(report.unwrap().read, 5);
    assert_eq!(bodies(&sink), ["ok", "last"]);
    let got = sink.line_reasons();
    assert_eq!(got[0], (3, "array element 1 is a string, not an object"));
    assert_eq!(got[1].0, 4);
    assert!(
        got[1]
            .1
            .starts_with("invalid JSON: array element 2: expected ident at line 4"),
        "{}",
        got[1].1
    );
    assert_eq!(got[2], (5, "empty body (column 'text')"));
}

#[test]
fn a_bad_element_of_minified_json_is_named_by_its_index() {
    let text = r#"[{"id":"a","text":"好的"},{"id":"b","text":"大","rating":1e400},{"id":"c","text":"另一个"}]"#;
    let (_, sink) = run("min.json", text);
    assert_eq!(bodies(&sink), ["好的", "另一个"]);
    let got: Vec<(usize, &str)> = sink
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [(
            1,
            "invalid JSON: array element 1: number out of range at line 1 (column 37 of this element)"
        )]
    );
}

#[test]
fn a_truncated_array_delivers_what_came_before() {
    let text = "[\n{\"text\": \"a\"},\n{\"text\": \"b\"},\n{\"text\": \"c, cut off";
    let (report, sink) = run("cut.json", text);
    assert_eq!(report.unwrap().read, 3);
    assert_eq!(bodies(&sink), ["a", "b"]);
    assert_eq!(sink.rejected.len(), 1);
    assert_eq!(sink.rejected[0].line, 4);
    assert!(
        sink.rejected[0]
            .reason
            .starts_with("invalid JSON: array element 2 is cut off"),
        "{:?}",
        sink.rejected
    );

    let (_, sink) = run("cut2.json", "[{\"text\": \"a\"},\n {\"text\": \"b\"}\n");
    assert_eq!(bodies(&sink), ["a", "b"]);
    assert_eq!(sink.rejected[0].line, 3);
    assert!(sink.rejected[0].reason.contains("never closed"));

    let (_, sink) = run("comma.json", "[{\"text\": \"a\"}\n {\"text\": \"b\"}]");
    assert_eq!(bodies(&sink), ["a"]);
    assert_eq!(sink.rejected[0].line, 2);
    assert!(
        sink.rejected[0]
            .reason
            .contains("expected ',' or ']' after array element 0, found '{'")
    );

    let (_, sink) = run("tail.json", "[{\"text\": \"a\"}]\n[{\"text\": \"b\"}]");
    assert_eq!(bodies(&sink), ["a"]);
    assert_eq!(sink.rejected[0].line, 2);
}

#[test]
fn a_body_inside_an_object_decides_the_file_offset_too() {
    let text = r#"[{"c": {"text": "物流太慢了"}, "time": "2026-07-06 12:05"},
                  {"c": {"text": "still waiting"}, "time": "2026-07-06 12:05"}]"#;
    let maps = vec![
        (Target::Body, "c.text".into()),
        (Target::Date, "time".into()),
    ];
    let opts = ImportOptions {
        maps,
        ..ImportOptions::default()
    };
    let (_, sink) = run_with("t.json", text.as_bytes(), &opts);
    assert_eq!(sink.dates(), ["2026-07-06T12:05:00+08:00"; 2]);
}

#[test]
fn dotted_maps_and_unknown_keys() {
    let text = r#"[{"full_text": "hi", "user": {"screen_name": "li", "name": "Li Lei"}, "meta": {"links": ["u1"]}}]"#;
    let opts = ImportOptions {
        maps: vec![
            (Target::Author, "user.screen_name".into()),
            (Target::Body, "full_text".into()),
            (Target::Url, "meta.links.0".into()),
        ],
        ..ImportOptions::default()
    };
    let (report, sink) = run_with("t.json", text.as_bytes(), &opts);
    assert!(
        report
            .unwrap()
            .mapping
            .contains(&("author".into(), "user.screen_name".into()))
    );
    let rec = &sink.accepted[0];
    assert_eq!(
        (rec.author.as_deref(), rec.url.as_deref()),
        (Some("li"), Some("u1"))
    );

    let opts = ImportOptions {
        maps: vec![(Target::Author, "poster.name".into())],
        ..opts
    };
    let (report, _) = run_with("t.json", text.as_bytes(), &opts);
    let err = report.unwrap_err();
    assert!(matches!(err, ImportError::UnknownColumn { .. }));
    assert!(
        err.to_string().contains("'full_text', 'meta', 'user'"),
        "{err}"
    );

    let (report, _) = run("t.json", r#"[{"full_text": "hi", "n": 1}]"#);
    let msg = report.unwrap_err().to_string();
    assert!(
        msg.contains("'full_text', 'n'") && msg.contains("--map body=COLUMN"),
        "{msg}"
    );
}

#[test]
fn scanner_handles_strings_with_brackets_and_escapes() {
    let text = r#"[{"text": "a ] } [ { \" \\", "x": [1, {"y": "]"}]}, {"text": "b"}]"#;
    let (_, sink) = run("s.json", text);
    assert_eq!(bodies(&sink), ["a ] } [ { \" \\", "b"]);
    assert_eq!(skip_value(b"[1, [2], {\"a\": \"]\"}]x", 0), Ok(20));
    assert!(skip_value(b"[1, 2}", 0).is_err());
    assert_eq!(skip_value(b"12.5e3,", 0), Ok(6));
    let deep = "[".repeat(100_000);
    let (_, sink) = run("deep.json", &deep);
    assert_eq!(sink.rejected.len(), 1);
}
