//! What the importers of particular tools share: streaming a file's records, whatever its shape, into a
//! per-tool converter with their lines, and small readers for the fields those converters pick out.
//!
//! A converter turns one source object into a [`NewFeedback`], or into one it skips (a company's own
//! reply), or says why it cannot; the user's `--kind` and `--source` still win over what the tool's
//! export implies.

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::detect::Shape;
use super::json::{damaged_key, describe, error_message, lookup};
use super::json_scan::{Elements, Item, locate};
use super::record::{
    Emitter, LineCounter, Outcome, check_body, damage_reason, trim_blank, truncate,
};
use super::{ImportError, ImportOptions, csv, dates};
use crate::domain::NewFeedback;

pub(crate) type Object = Map<String, Value>;
/// A tool's converter: one source object to a record, a record it skips, or the reason it cannot.
pub(crate) type Convert<'c, R = Outcome> = dyn FnMut(Object) -> Result<R, String> + 'c;

/// Every record of `text` through `convert` into `out`; only a file that is not the shape it claimed fails.
pub(crate) fn stream(
    text: &str,
    shape: Shape,
    file: &str,
    opts: &ImportOptions,
    out: &mut Emitter,
    convert: &mut Convert,
) -> Result<(), ImportError> {
    let mut finish =
        |obj: Object| convert(obj).map(|row| row.map_record(|rec| overrides(rec, opts)));
    match shape {
        Shape::Delimited(delimiter) => {
            let (header, _) = csv::header_of(text, delimiter, file)?;
            csv::each_row(text, delimiter, &header, out, &mut |rec| {
                finish(csv::row_object(rec, &header))
            });
        }
        Shape::Jsonl => jsonl_lines(text, out, &mut finish),
        Shape::Json => json_elements(text, file, out, &mut finish)?,
        Shape::TweetsJs => {
            // Blanking the assignment keeps every byte offset, so lines stay those of the file.
            let eq = text.find('=').map_or(0, |i| i + 1);
            let padded = format!("{}{}", " ".repeat(eq), &text[eq..]);
            json_elements(&padded, file, out, &mut finish)?;
        }
    }
    Ok(())
}

/// One object per line; a bad line is one reject and the next line is read as usual.
pub(crate) fn jsonl_lines<R: Into<Outcome>>(
    text: &str,
    out: &mut Emitter,
    convert: &mut Convert<R>,
) {
    for (i, line) in text.lines().enumerate() {
        if out.stopped() {
            break;
        }
        let number = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        if let Some(bytes) = out.damaged(start, start + line.len()) {
            out.reject(
                number,
                damage_reason(&bytes, damaged_key(trimmed).as_deref()),
            );
            continue;
        }
        let result = match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Object(obj)) => convert(obj),
            Ok(other) => Err(format!(
                "line holds {}, not a JSON object",
                describe(&other)
            )),
            Err(e) => Err(format!("invalid JSON: {}", error_message(&e, number, true))),
        };
        out.emit(number, result);
    }
}

/// The elements of a JSON document's record array (or its objects in a row), each with the line it starts on.
pub(crate) fn json_elements<R: Into<Outcome>>(
    text: &str,
    file: &str,
    out: &mut Emitter,
    convert: &mut Convert<R>,
) -> Result<(), ImportError> {
    let container = locate(text, file)?;
    let mut lines = LineCounter::new(text);
    for item in Elements::new(text, container) {
        if out.stopped() {
            break;
        }
        match item {
            Item::Value {
                start,
                index,
                text: element,
            } => {
                let line = lines.line_at(start);
                if let Some(bytes) = out.damaged(start, start + element.len()) {
                    out.reject(line, damage_reason(&bytes, damaged_key(element).as_deref()));
                    continue;
                }
                let result = match serde_json::from_str::<Value>(element) {
                    Ok(Value::Object(obj)) => convert(obj),
                    Ok(other) => Err(format!(
                        "{} {index} is {}, not an object",
                        container.element_name(),
                        describe(&other)
                    )),
                    // Minified JSON holds every element on line 1: the index says which one.
                    Err(e) => Err(format!(
                        "invalid JSON: {} {index}: {}",
                        container.element_name(),
                        error_message(&e, line, false)
                    )),
                };
                out.emit(line, result);
            }
            Item::Broken { at, reason } => {
                let line = lines.line_at(at);
                out.reject(line, format!("invalid JSON: {reason}"));
            }
        }
    }
    Ok(())
}

/// The user's `--kind` and `--source` over what the tool's export implies.
pub(crate) fn overrides(mut rec: NewFeedback, opts: &ImportOptions) -> NewFeedback {
    if let Some(kind) = opts.kind {
        rec.kind = kind;
    }
    if let Some(source) = opts
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        rec.source = source.to_string();
    }
    rec
}

/// A field as trimmed text: strings and numbers (ids are often numbers); empty means absent.
pub(crate) fn text(obj: &Object, path: &str) -> Option<String> {
    let value = obj.get(path).or_else(|| lookup(obj, path))?;
    let s = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// The first of `paths` that has text.
pub(crate) fn first_text(obj: &Object, paths: &[&str]) -> Option<String> {
    paths.iter().find_map(|p| text(obj, p))
}

/// A date field; a date without an offset is read in `offset`. A field that is present but unreadable is the
/// record's reject reason, naming the field.
pub(crate) fn date(
    obj: &Object,
    path: &str,
    offset: FixedOffset,
) -> Result<Option<DateTime<FixedOffset>>, String> {
    let Some(raw) = text(obj, path) else {
        return Ok(None);
    };
    dates::parse_date(&raw, offset).map(Some).ok_or_else(|| {
        format!(
            "unparseable date '{}' in field '{path}'",
            truncate(&raw, 40)
        )
    })
}

/// The body, or the reject reason naming the fields it was looked for in.
pub(crate) fn need_body(body: String, fields: &str) -> Result<String, String> {
    let body = trim_blank(&body);
    check_body(body, &format!("field {fields}"))?;
    Ok(body.to_string())
}

/// Copies the listed keys that are present (and not null) from `obj` into `extra`.
pub(crate) fn keep(extra: &mut Object, obj: &Object, keys: &[&str]) {
    for key in keys {
        if let Some(v) = obj.get(*key).filter(|v| !v.is_null()) {
            extra.insert((*key).to_string(), v.clone());
        }
    }
}

/// Themes from a source's tags, under the source's name (`zendesk/退款`).
pub(crate) fn tags_under(prefix: &str, tags: impl IntoIterator<Item = String>) -> Vec<String> {
    tags.into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .map(|t| format!("{prefix}/{t}"))
        .collect()
}

/// The strings of an array field (tags, labels); anything else gives none.
pub(crate) fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
        .collect()
}

/// A fixed mapping as the report shows it.
pub(crate) fn report(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect()
}

pub(crate) fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!("zero is a valid offset"))
}

/// Beijing time: what Chinese platforms show their users, so epoch times from them are stored in it.
pub(crate) fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(utc)
}

/// Strips HTML tags and decodes the few entities help desks use, for bodies exported as HTML.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if ["p", "br", "div", "li", "tr"].iter().any(|t| {
            tag == *t || tag.starts_with(&format!("{t} ")) || tag.starts_with(&format!("{t}/"))
        }) {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_lines_of_text() {
        assert_eq!(
            html_to_text("<p>表带断了&nbsp;<b>两次</b></p><p>A &amp; B<br/>ok</p>"),
            "表带断了 两次\nA & B\nok"
        );
        assert_eq!(html_to_text("no tags < here"), "no tags < here");
    }

    #[test]
    fn fields_as_text_and_dates_with_their_field() {
        let obj: Object =
            serde_json::from_str(r#"{"id": 42, "a": {"b": " x "}, "d": "2026-13-45", "e": ""}"#)
                .unwrap();
        assert_eq!(text(&obj, "id").as_deref(), Some("42"));
        assert_eq!(text(&obj, "a.b").as_deref(), Some("x"));
        assert_eq!(
            first_text(&obj, &["e", "missing", "a.b"]).as_deref(),
            Some("x")
        );
        assert_eq!(
            date(&obj, "d", utc()).unwrap_err(),
            "unparseable date '2026-13-45' in field 'd'"
        );
        assert_eq!(date(&obj, "missing", utc()), Ok(None));
    }
}
