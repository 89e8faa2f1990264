//! JSONL / NDJSON: one JSON object per line. Each line stands alone, so a broken line is one reject and the
//! next line is read as usual.

use serde_json::{Map, Value};

use super::ImportError;
use super::json::{build, builder_for};
use super::mapping::Mapping;
use super::record::{Emitter, Job};

const SAMPLE_OBJECTS: usize = 100;

pub(crate) fn import(text: &str, job: &Job, out: &mut Emitter) -> Result<Mapping, ImportError> {
    let sample: Vec<Map<String, Value>> = records(text)
        .filter_map(|(_, line)| match serde_json::from_str(line) {
            Ok(Value::Object(obj)) => Some(obj),
            _ => None,
        })
        .take(SAMPLE_OBJECTS)
        .collect();
    let builder = builder_for(&sample, job)?;
    drop(sample);

    super::vendor::jsonl_lines(text, out, &mut |obj| build(builder.as_ref(), obj));
    Ok(builder.map(|b| b.mapping).unwrap_or_default())
}

/// Non-blank lines with their 1-based numbers.
fn records(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::domain::Kind;
    use crate::import::tests::{run, run_with};
    use crate::import::{Format, ImportOptions, Target};

    #[test]
    fn lines_become_records_and_bad_lines_are_rejected() {
        let text = concat!(
            "{\"id\": 1, \"text\": \"first\", \"created_at\": \"2026-10-03T14:05:00+08:00\", \"likes\": 3}\n",
            "\n",
            "{\"id\": 2, \"text\": \"second\", \"tags\": [\"a\", \"b\"]}\r\n",
            "{\"id\": 3, \"text\": \"broken\n",
            "[1, 2]\n",
            "{\"id\": 4, \"text\": \"   \"}\n",
            "{\"id\": 5, \"text\": \"第五条\", \"created_at\": \"2026-10-03 14:05\"}\n",
        );
        let (report, sink) = run("social_dump.jsonl", text);
        let report = report.unwrap();
        assert_eq!(report.format, Format::Jsonl);
        assert_eq!(report.read, 6);
        let bodies: Vec<&str> = sink.accepted.iter().map(|r| r.body.as_str()).collect();
        assert_eq!(bodies, ["first", "second", "第五条"]);
        assert_eq!(sink.accepted[0].extra["likes"], serde_json::json!(3));
        assert_eq!(sink.accepted[0].external_id.as_deref(), Some("1"));
        assert_eq!(sink.accepted[1].tags, ["a", "b"]);
        // Most of the file is English: its dates without an offset are UTC, the Chinese row's too.
        assert_eq!(sink.accepted[2].extra["date_assumed_tz"], "+00:00");
        assert_eq!(sink.accepted[0].source, "social_dump");
        let lines: Vec<usize> = sink.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert!(
            sink.rejected[0]
                .reason
                .starts_with("invalid JSON: EOF while parsing a string at line 4")
        );
        assert_eq!(
            sink.rejected[1].reason,
            "line holds an array, not a JSON object"
        );
        assert_eq!(sink.rejected[2].reason, "empty body (column 'text')");
    }

    #[test]
    fn ndjson_extension_one_line_and_options() {
        let opts = ImportOptions {
            kind: Some(Kind::Email),
            source: Some("crm".into()),
            maps: vec![
                (Target::Body, "msg".into()),
                (Target::Author, "from.addr".into()),
            ],
            ..ImportOptions::default()
        };
        let text =
            "{\"msg\": \"hello\", \"from\": {\"addr\": \"a@example.com\"}, \"kind\": \"ticket\"}\n";
        let (report, sink) = run_with("one.ndjson", text.as_bytes(), &opts);
        let report = report.unwrap();
        assert_eq!(report.format, Format::Jsonl);
        let rec = &sink.accepted[0];
        assert_eq!((rec.kind, rec.source.as_str()), (Kind::Email, "crm"));
        assert_eq!(rec.author.as_deref(), Some("a@example.com"));
        assert!(
            rec.extra.contains_key("from"),
            "a path's parent object stays in extra"
        );
    }
}
