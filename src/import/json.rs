//! JSON: an array of objects, an object wrapping one array of objects (`{"tickets":[...]}`), or one or more
//! objects in a row.
//!
//! `json_scan` finds where each element starts and ends and only that element is parsed, so a million-element
//! file never becomes one big `Value`, every element knows its line, a bad element is one reject, and a file
//! cut off mid-array still delivers everything before the cut.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::json_scan::{Elements, Item, locate};
use super::mapping::{ColumnStats, Mapping};
use super::record::{Builder, Emitter, Job, Outcome, RawRecord, contains_han};
use super::{ImportError, Skip, Target};

/// Objects read before choosing the mapping.
const SAMPLE_OBJECTS: usize = 100;
/// Where an author object keeps a printable name, best first.
const AUTHOR_KEYS: &[&str] = &[
    "name",
    "screen_name",
    "display_name",
    "username",
    "login",
    "nickname",
    "email",
];

pub(crate) fn import(text: &str, job: &Job, out: &mut Emitter) -> Result<Mapping, ImportError> {
    let container = locate(text, &job.file)?;
    let sample: Vec<Map<String, Value>> = Elements::new(text, container)
        .filter_map(|item| match item {
            Item::Value { text, .. } => match serde_json::from_str(text) {
                Ok(Value::Object(obj)) => Some(obj),
                _ => None,
            },
            Item::Broken { .. } => None,
        })
        .take(SAMPLE_OBJECTS)
        .collect();
    let builder = builder_for(&sample, job)?;
    drop(sample);

    super::vendor::json_elements(text, &job.file, out, &mut |obj| {
        build(builder.as_ref(), obj)
    })?;
    Ok(builder.map(|b| b.mapping).unwrap_or_default())
}

/// The mapping chosen from the sampled objects; `None` when the file holds no object at all.
pub(crate) fn builder_for(
    sample: &[Map<String, Value>],
    job: &Job,
) -> Result<Option<Builder>, ImportError> {
    let mut columns: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for obj in sample {
        for key in obj.keys() {
            if seen.insert(key) {
                columns.push(key.clone());
            }
        }
    }
    if columns.is_empty() {
        return Ok(None);
    }
    let stats: Vec<ColumnStats> = columns
        .iter()
        .map(|key| {
            let mut s = ColumnStats {
                rows: sample.len(),
                ..ColumnStats::default()
            };
            for value in sample.iter().filter_map(|obj| obj.get(key)) {
                match value {
                    Value::Null => {}
                    Value::String(text) if text.trim().is_empty() => {}
                    Value::String(text) => {
                        s.nonempty += 1;
                        s.chars += text.chars().count();
                        s.han += usize::from(contains_han(text));
                    }
                    _ => {
                        s.nonempty += 1;
                        s.han += usize::from(holds_han(value));
                    }
                }
            }
            s
        })
        .collect();
    job.builder(&columns, &stats, true).map(Some)
}

/// Whether any string inside `value` holds a Chinese character: a body mapped to a path inside an
/// object (`comment.text`) was sampled as the whole object.
fn holds_han(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) if contains_han(s) => return true,
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    false
}

pub(crate) fn build(builder: Option<&Builder>, obj: Map<String, Value>) -> Result<Outcome, String> {
    let Some(b) = builder else {
        return Err("no field could be mapped for this object".to_string());
    };
    let inbound = b
        .mapping
        .get(Target::Inbound)
        .and_then(|path| obj.get(path).or_else(|| lookup(&obj, path)))
        .and_then(|v| text_of(Target::Inbound, v));
    if b.sent_by_company(inbound.as_deref())? {
        return Ok(Outcome::Skip(Skip::CompanyMarked));
    }
    b.build(object_raw(obj, &b.mapping)).map(Outcome::from)
}

/// Takes the mapped fields out of `obj`; everything else goes to `extra` with its JSON type intact.
/// An object value (an author record, a path's parent) is also kept whole, since only part of it was used.
fn object_raw(mut obj: Map<String, Value>, mapping: &Mapping) -> RawRecord {
    let mut raw = RawRecord::default();
    for (target, path) in mapping.pairs() {
        // Read by `build`, and kept in `extra` as it was before it was mapped.
        if *target == Target::Inbound {
            continue;
        }
        let (value, direct) = match obj.get(path) {
            Some(v) => (Some(v), true),
            None => (lookup(&obj, path), false),
        };
        let Some(value) = value else { continue };
        if *target == Target::Tags {
            raw.tags = tags_of(value);
        } else {
            raw.set(*target, text_of(*target, value));
        }
        if direct && !value.is_object() {
            obj.remove(path);
        }
    }
    raw.extra = obj;
    raw
}

/// `user.screen_name`, `items.0.text`: follows object keys and array indexes.
pub(crate) fn lookup<'v>(obj: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    let mut parts = path.split('.');
    let mut current = obj.get(parts.next()?)?;
    for part in parts {
        current = match current {
            Value::Object(map) => map.get(part)?,
            Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn text_of(target: Target, value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        Value::Object(map) if target == Target::Author => AUTHOR_KEYS
            .iter()
            .filter_map(|k| map.get(*k).and_then(Value::as_str))
            .find(|s| !s.trim().is_empty())
            .map(str::to_string),
        Value::Object(_) => Some(value.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(|v| text_of(target, v)).collect();
            let sep = if target == Target::Body { "\n" } else { ", " };
            Some(parts.join(sep))
        }
    }
}

fn tags_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => super::record::split_tags(s),
        Value::Array(items) => items
            .iter()
            .filter_map(|v| match v {
                Value::Object(map) => ["name", "label", "title"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(Value::as_str))
                    .map(str::to_string),
                other => text_of(Target::Tags, other),
            })
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        other => text_of(Target::Tags, other)
            .map(|t| super::record::split_tags(&t))
            .unwrap_or_default(),
    }
}

/// The first key (dotted for nested objects) whose text holds a replacement character.
pub(crate) fn damaged_key(element: &str) -> Option<String> {
    fn walk(value: &Value, path: &str) -> Option<String> {
        match value {
            Value::String(s) if s.contains('\u{FFFD}') => Some(path.to_string()),
            Value::Object(map) => map.iter().find_map(|(k, v)| {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(v, &p)
            }),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| walk(v, &format!("{path}.{i}"))),
            _ => None,
        }
    }
    let value: Value = serde_json::from_str(element).ok()?;
    walk(&value, "").filter(|p| !p.is_empty())
}

pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message with its line made absolute (`first_line` is where the parsed text starts).
/// On that first line the column counts from the start of the parsed text, which is said when it matters.
pub(crate) fn error_message(e: &serde_json::Error, first_line: usize, starts_line: bool) -> String {
    let msg = e.to_string();
    let msg = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(m, _)| m);
    let line = first_line + e.line().saturating_sub(1);
    if e.line() <= 1 && !starts_line {
        format!(
            "{msg} at line {line} (column {} of this element)",
            e.column()
        )
    } else {
        format!("{msg} at line {line}, column {}", e.column())
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
