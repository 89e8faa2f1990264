//! Salesforce exports as Data Loader writes them: Task (`Id, WhoId, WhatId, Subject, ActivityDate, Status,
//! Description, OwnerId, CreatedDate…`), Note (`ParentId, Title, Body`) and ContentNote (`Title, Content,
//! TextPreview`). Data Loader upper-cases API names and may add relationship columns (`Who.Name`), so fields
//! are looked up case-insensitively. Every record is a sales note.

use serde_json::{Map, Value};

use super::vendor::{Object, date, first_text, html_to_text, need_body, text, utc};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    (
        "body",
        "Description (Task) / Body (Note) / Content or TextPreview (ContentNote)",
    ),
    ("id", "Id"),
    ("date", "CreatedDate, else ActivityDate"),
    ("author", "Who.Name / Account.Name"),
    ("title", "Subject / Title"),
];

/// Columns kept in `extra` when present, by their lower-cased API name.
const KEPT: &[&str] = &[
    "whoid",
    "whatid",
    "accountid",
    "ownerid",
    "owner.name",
    "status",
    "priority",
    "type",
    "tasksubtype",
    "activitydate",
    "isclosed",
    "parentid",
    "isprivate",
    "lastmodifieddate",
];

pub(crate) fn row(obj: Object) -> Result<NewFeedback, String> {
    let names: Vec<String> = obj.keys().cloned().collect();
    // Reasons name the column as the file spells it.
    let original = |lower: &str| {
        names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(lower))
            .cloned()
            .unwrap_or_else(|| lower.to_string())
    };
    let r: Object = obj
        .into_iter()
        .map(|(k, v)| (k.trim().to_lowercase(), v))
        .collect();
    let body = first_text(&r, &["description", "body"])
        .or_else(|| text(&r, "content").map(|c| content_text(&c)))
        .or_else(|| text(&r, "textpreview"))
        .unwrap_or_default();
    let body = need_body(body, "'Description', 'Body' or 'Content'")?;
    let mut rec = NewFeedback::new("salesforce", Kind::SalesNote, body);
    rec.external_id = text(&r, "id");
    // CreatedDate is a UTC instant; ActivityDate a calendar day, read as UTC midnight.
    let field = if text(&r, "createddate").is_some() {
        "createddate"
    } else {
        "activitydate"
    };
    rec.created_at = date(&r, field, utc())
        .map_err(|e| e.replace(&format!("'{field}'"), &format!("'{}'", original(field))))?;
    rec.title = first_text(&r, &["subject", "title"]);
    rec.author = first_text(&r, &["who.name", "account.name", "what.name"]);
    // WhoId is the Contact or Lead the activity is about; a Note's parent may be one too.
    let person = first_text(&r, &["whoid", "parentid", "linkedentityid"]);
    rec.contact = Contact {
        name: text(&r, "who.name"),
        email: first_text(&r, &["who.email", "email"]),
        phone: first_text(&r, &["who.phone", "phone"]),
        handle: None,
        crm_id: person.map(|id| format!("salesforce:{id}")),
    };
    let mut extra = Map::new();
    for key in KEPT {
        if let Some(v) = text(&r, key) {
            extra.insert((*key).to_string(), Value::String(v));
        }
    }
    rec.extra = extra;
    Ok(rec)
}

/// ContentNote.Content is the note's HTML, base64-encoded when exported through the API.
fn content_text(content: &str) -> String {
    let html = decode_base64(content)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| content.to_string());
    html_to_text(&html)
}

/// Standard base64; `None` when `s` is not base64 (then it is taken as the text itself).
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if s.len() < 8 || !s.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for chunk in s.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_content_notes_decode_and_plain_text_stays() {
        assert_eq!(
            decode_base64("PHA+5aW9PC9wPg==").as_deref(),
            Some("<p>好</p>".as_bytes())
        );
        assert_eq!(content_text("PHA+5aW9PC9wPg=="), "好");
        assert_eq!(content_text("客户要求 12 月前交货"), "客户要求 12 月前交货");
        assert_eq!(decode_base64("not base64!"), None);
    }
}
