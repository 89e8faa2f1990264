//! Deciding how to read a file from what it holds: first its shape (delimited text, a JSON document, JSON
//! Lines, an X archive script), then whether it is a known tool's export, judged by the field names of its
//! header or first record. The extension only breaks ties, so a renamed export is still recognised.

use serde_json::{Map, Value};

use super::json_scan::{Elements, Item, locate};
use super::mapping::normalize;
use super::{Format, ImportError, csv};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Delimited(u8),
    Json,
    Jsonl,
    /// `window.YTD.tweets.part0 = [...]`: a JSON array behind a script assignment.
    TweetsJs,
}

/// How a file will be read: its shape and, when a tool's export was recognised, that tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detected {
    pub shape: Shape,
    pub vendor: Option<Format>,
}

pub(crate) fn detect(
    text: &str,
    ext: &str,
    forced: Format,
    mapped: bool,
    file: &str,
) -> Result<Detected, ImportError> {
    if text.trim_start().starts_with("window.YTD.") {
        return Ok(Detected {
            shape: Shape::TweetsJs,
            vendor: Some(Format::X),
        });
    }
    let shape = shape(text, ext, forced, file)?;
    let vendor = match forced {
        // Columns mapped by hand mean the user reads the file as a generic table.
        Format::Auto if mapped => None,
        Format::Auto => sniff_vendor(text, shape),
        Format::Csv | Format::Tsv | Format::Json | Format::Jsonl => None,
        vendor => {
            check_shape(vendor, shape, file)?;
            Some(vendor)
        }
    };
    Ok(Detected { shape, vendor })
}

/// Content decides; the extension only breaks ties (delimiter choice, a one-line `.jsonl`, non-JSON in `.json`).
fn shape(text: &str, ext: &str, forced: Format, file: &str) -> Result<Shape, ImportError> {
    let first = text.trim_start().chars().next();
    let json_ext = matches!(ext, "json" | "jsonl" | "ndjson");
    match forced {
        Format::Tsv => return Ok(Shape::Delimited(b'\t')),
        Format::Csv => return Ok(Shape::Delimited(csv::sniff_delimiter(text, ext))),
        Format::Jsonl => return Ok(Shape::Jsonl),
        _ => {}
    }
    match first {
        Some('[') => Ok(Shape::Json),
        Some('{') if forced != Format::Json && looks_like_jsonl(text, ext) => Ok(Shape::Jsonl),
        Some('{') => Ok(Shape::Json),
        _ if forced == Format::Json || json_ext => {
            let line = text.len() - text.trim_start().len();
            Err(ImportError::Malformed {
                file: file.to_string(),
                line: 1 + text[..line].matches('\n').count(),
                detail: "expected JSON to start with '[' or '{'; if this is CSV or TSV, pass --format csv or \
                         --format tsv"
                    .to_string(),
            })
        }
        _ => Ok(Shape::Delimited(csv::sniff_delimiter(text, ext))),
    }
}

/// JSONL: the first line is a whole JSON object and another line starts with `{` (or the file says `.jsonl`).
fn looks_like_jsonl(text: &str, ext: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    let more = lines.next().is_some_and(|l| l.starts_with('{'));
    if !more && !matches!(ext, "jsonl" | "ndjson") {
        return false;
    }
    matches!(serde_json::from_str::<Value>(first), Ok(Value::Object(_)))
}

/// A forced tool format must fit the file's shape, or every row would be rejected for the same reason.
fn check_shape(vendor: Format, shape: Shape, file: &str) -> Result<(), ImportError> {
    let delimited = matches!(shape, Shape::Delimited(_));
    let fits = match vendor {
        Format::Zendesk | Format::Freshdesk | Format::Intercom | Format::Weibo => !delimited,
        Format::Salesforce => delimited,
        _ => true,
    };
    if fits {
        return Ok(());
    }
    let (wants, found) = if delimited {
        ("JSON or JSON Lines", "CSV")
    } else {
        ("CSV", "JSON")
    };
    Err(ImportError::Malformed {
        file: file.to_string(),
        line: 1,
        detail: format!(
            "--format {vendor} reads {wants}, but this file is {found}; drop --format to let vochub choose"
        ),
    })
}

fn sniff_vendor(text: &str, shape: Shape) -> Option<Format> {
    match shape {
        Shape::Delimited(delimiter) => {
            let (header, _) = csv::header_of(text, delimiter, "").ok()?;
            classify_columns(&header)
        }
        Shape::Json => {
            let container = locate(text, "").ok()?;
            Elements::new(text, container).find_map(|item| match item {
                Item::Value { text, .. } => match serde_json::from_str(text) {
                    Ok(Value::Object(obj)) => Some(classify_object(&obj)),
                    _ => None,
                },
                Item::Broken { .. } => Some(None),
            })?
        }
        Shape::Jsonl => text.lines().find(|l| !l.trim().is_empty()).and_then(|l| {
            match serde_json::from_str(l) {
                Ok(Value::Object(obj)) => classify_object(&obj),
                _ => None,
            }
        }),
        Shape::TweetsJs => Some(Format::X),
    }
}

/// A tool's export by the columns it always has; generic CSV otherwise.
pub(crate) fn classify_columns(header: &[String]) -> Option<Format> {
    let names: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let has = |n: &str| names.iter().any(|c| c == n);
    if (has("whoid") && has("whatid"))
        || (has("parentid") && has("title") && has("body"))
        || has("textpreview")
    {
        return Some(Format::Salesforce);
    }
    if has("tweetid") && (has("authorid") || has("inresponsetotweetid")) {
        return Some(Format::X);
    }
    if is_crawl(&has) {
        return Some(Format::SocialCrawl);
    }
    None
}

/// A tool's record by the keys it always has; `None` means a generic JSON record.
pub(crate) fn classify_object(obj: &Map<String, Value>) -> Option<Format> {
    let has = |k: &str| obj.contains_key(k);
    let is_obj = |k: &str| obj.get(k).is_some_and(Value::is_object);
    let is_num = |k: &str| obj.get(k).is_some_and(Value::is_number);
    if has("conversation_parts") || obj.get("type").and_then(Value::as_str) == Some("conversation")
    {
        return Some(Format::Intercom);
    }
    if has("fr_due_by")
        || has("fr_escalated")
        || (is_num("status") && is_num("source") && has("requester_id"))
    {
        return Some(Format::Freshdesk);
    }
    if is_obj("via") && (has("requester_id") || has("requester")) {
        return Some(Format::Zendesk);
    }
    let tweet_text = has("full_text") || has("text");
    if is_obj("tweet") || (tweet_text && has("id_str") && has("created_at")) {
        return Some(Format::X);
    }
    if has("author_id") && has("text") && (has("conversation_id") || has("edit_history_tweet_ids"))
    {
        return Some(Format::X);
    }
    if is_obj("user") && (has("mid") || has("idstr") || is_obj("status")) {
        return Some(Format::Weibo);
    }
    let keys: Vec<String> = obj.keys().map(|k| normalize(k)).collect();
    if is_crawl(&|n: &str| keys.iter().any(|k| k == n)) {
        return Some(Format::SocialCrawl);
    }
    None
}

/// MediaCrawler-style comment dumps: a comment id next to a note/video id or the platforms' user fields.
fn is_crawl(has: &dyn Fn(&str) -> bool) -> bool {
    has("commentid")
        && ["noteid", "awemeid", "iplocation", "createtime", "nickname"]
            .iter()
            .any(|k| has(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn tools_are_told_apart_by_their_keys() {
        let cases = [
            (
                r#"{"id":1,"via":{"channel":"email"},"requester_id":5,"status":"open"}"#,
                Some(Format::Zendesk),
            ),
            (
                r#"{"id":1,"status":2,"source":1,"requester_id":5,"fr_due_by":"x"}"#,
                Some(Format::Freshdesk),
            ),
            (
                r#"{"type":"conversation","id":"1","source":{}}"#,
                Some(Format::Intercom),
            ),
            (
                r#"{"tweet":{"id_str":"1","full_text":"hi"}}"#,
                Some(Format::X),
            ),
            (
                r#"{"id":"1","text":"hi","author_id":"2","conversation_id":"1"}"#,
                Some(Format::X),
            ),
            (
                r#"{"id":1,"mid":"1","text":"好","user":{"id":2},"status":{"id":3}}"#,
                Some(Format::Weibo),
            ),
            (
                r#"{"comment_id":"1","content":"好","note_id":"9","ip_location":"上海"}"#,
                Some(Format::SocialCrawl),
            ),
            (r#"{"id":1,"text":"plain","user":{"name":"a"}}"#, None),
        ];
        for (json, want) in cases {
            assert_eq!(classify_object(&obj(json)), want, "{json}");
        }
        let cols = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            classify_columns(&cols(&["Id", "WhoId", "WhatId", "Subject"])),
            Some(Format::Salesforce)
        );
        assert_eq!(
            classify_columns(&cols(&["Id", "ParentId", "Title", "Body"])),
            Some(Format::Salesforce)
        );
        assert_eq!(
            classify_columns(&cols(&["tweet_id", "author_id", "text"])),
            Some(Format::X)
        );
        assert_eq!(
            classify_columns(&cols(&["comment_id", "aweme_id", "content"])),
            Some(Format::SocialCrawl)
        );
        assert_eq!(classify_columns(&cols(&["编号", "内容"])), None);
    }

    #[test]
    fn forced_tool_formats_must_fit_the_shape() {
        let err = detect("a,b\n1,2\n", "csv", Format::Zendesk, false, "t.csv")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--format zendesk reads JSON or JSON Lines, but this file is CSV"),
            "{err}"
        );
        let d = detect(
            "window.YTD.tweets.part0 = []",
            "js",
            Format::Auto,
            false,
            "t.js",
        )
        .unwrap();
        assert_eq!(
            d,
            Detected {
                shape: Shape::TweetsJs,
                vendor: Some(Format::X)
            }
        );
    }
}
