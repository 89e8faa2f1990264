//! Email: mbox files, single `.eml` messages and Maildir folders, parsed by mail-parser (MIME, encoded words,
//! GB2312/GBK/Big5/ISO-8859-1 parts). The body is what the sender wrote this time: quoted replies, forwarded
//! headers and signatures are trimmed, since they repeat earlier mails and would make every reply in a thread
//! match the same search. Threads are kept through Message-ID, In-Reply-To and References.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset};
use mail_parser::{Address, HeaderValue, Message, MessageParser, MimeHeaders};
use serde_json::{Map, Value};

use super::record::{Emitter, Outcome, check_body};
use super::{Format, ImportError, ImportOptions, Skip};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "text part, quotes and signature trimmed"),
    ("id", "Message-ID"),
    ("date", "Date"),
    ("author", "From"),
    ("title", "Subject"),
];

/// Headers that open nearly every message; two of them in the first lines make a file an email.
const COMMON_HEADERS: &[&str] = &[
    "from:",
    "to:",
    "subject:",
    "date:",
    "message-id:",
    "received:",
    "return-path:",
    "mime-version:",
    "delivered-to:",
    "content-type:",
];

/// Which email format `bytes` are, judged by content (the extension only settles a lone message).
pub(crate) fn sniff(bytes: &[u8], ext: &str) -> Option<Format> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let mut lines = head.lines();
    let first = lines.next()?;
    let headers = lines
        .take(40)
        .take_while(|l| !l.is_empty())
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            COMMON_HEADERS.iter().any(|h| l.starts_with(h))
        })
        .count();
    if first.starts_with("From ") && headers >= 1 {
        return Some(Format::Mbox);
    }
    let first_is_header = COMMON_HEADERS
        .iter()
        .any(|h| first.to_ascii_lowercase().starts_with(h));
    if headers >= 1 && (first_is_header || ext == "eml") {
        return Some(Format::Eml);
    }
    None
}

/// A Maildir has `cur` and `new` folders (and usually `tmp`).
pub(crate) fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

/// The messages of an mbox, each with the line of its `From ` separator.
pub(crate) fn import_mbox(bytes: &[u8], opts: &ImportOptions, out: &mut Emitter) {
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (byte offset, line)
    let mut line = 1;
    let mut pos = 0;
    let mut blank_before = true;
    while pos < bytes.len() {
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| pos + n + 1);
        let text = &bytes[pos..end];
        // mboxrd wants a blank line before each separator; some exporters leave it out, so a
        // line that carries a separator's delivery date starts a message all the same.
        let separator = text.starts_with(b"From ")
            && (blank_before
                || std::str::from_utf8(text)
                    .ok()
                    .and_then(envelope_date)
                    .is_some());
        if separator {
            starts.push((pos, line));
        }
        blank_before = text.iter().all(|b| b.is_ascii_whitespace());
        pos = end;
        line += 1;
    }
    for (i, &(start, line)) in starts.iter().enumerate() {
        if out.stopped() {
            break;
        }
        let end = starts.get(i + 1).map_or(bytes.len(), |&(next, _)| next);
        let chunk = &bytes[start..end];
        // The separator line is mbox's, not the message's; `>From ` lines were escaped by mbox (mboxrd).
        let body_start = chunk
            .iter()
            .position(|&b| b == b'\n')
            .map_or(chunk.len(), |n| n + 1);
        let raw = unescape_from(&chunk[body_start..]);
        let envelope = std::str::from_utf8(&chunk[..body_start])
            .ok()
            .and_then(envelope_date);
        out.emit(line, message(&raw, envelope, opts));
    }
}

pub(crate) fn import_eml(bytes: &[u8], opts: &ImportOptions, out: &mut Emitter) {
    out.emit(1, message(bytes, None, opts));
}

/// Every message in `cur/` and `new/`, in file-name order (delivery order for the usual names). A message
/// that cannot be read is rejected with its own file named; `tmp/` holds deliveries in progress and is skipped.
pub(crate) fn import_maildir(
    dir: &Path,
    opts: &ImportOptions,
    out: &mut Emitter,
) -> Result<(), ImportError> {
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["cur", "new"] {
        let folder = dir.join(sub);
        let entries = std::fs::read_dir(&folder).map_err(|source| ImportError::Io {
            file: folder.display().to_string(),
            source,
        })?;
        files.extend(
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file()),
        );
    }
    files.sort();
    for path in files {
        if out.stopped() {
            break;
        }
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let result = std::fs::read(&path)
            .map_err(|e| format!("cannot read it: {e}"))
            .and_then(|bytes| message(&bytes, None, opts));
        out.emit_member(name, result);
    }
    Ok(())
}

fn unescape_from(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    for line in raw.split_inclusive(|&b| b == b'\n') {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

/// The delivery time on an mbox separator (`From addr Thu Aug 22 17:19:36 2002`, asctime in UTC).
fn envelope_date(separator: &str) -> Option<DateTime<FixedOffset>> {
    let words: Vec<&str> = separator.split_whitespace().skip(2).collect();
    let text = words.get(words.len().checked_sub(5)?..)?.join(" ");
    let naive = chrono::NaiveDateTime::parse_from_str(&text, "%a %b %d %H:%M:%S %Y").ok()?;
    Some(naive.and_utc().fixed_offset())
}

/// A Date header mail-parser could not read: without its zone (`Wed, 1 Aug 2001 14:43:21`, taken as UTC),
/// or in one of the other shapes the date reader knows.
fn loose_date(raw: &str) -> Option<DateTime<FixedOffset>> {
    let raw = raw.trim();
    let no_weekday = raw.split_once(", ").map_or(raw, |(_, rest)| rest);
    chrono::NaiveDateTime::parse_from_str(no_weekday, "%d %b %Y %H:%M:%S")
        .ok()
        .map(|n| n.and_utc().fixed_offset())
        .or_else(|| super::dates::parse_date(raw, super::vendor::utc()))
}

fn message(
    raw: &[u8],
    envelope: Option<DateTime<FixedOffset>>,
    opts: &ImportOptions,
) -> Result<Outcome, String> {
    let msg = MessageParser::default()
        .parse(raw)
        .filter(|m| !m.headers().is_empty())
        .ok_or("not an email message: no headers could be read")?;
    let from = msg.from().and_then(Address::first);
    let (mut name, mut email) = (
        from.and_then(|a| a.name()).map(str::to_string),
        from.and_then(|a| a.address()).map(str::to_string),
    );
    let mut subject = msg.subject().map(str::to_string);
    if name.iter().chain(&subject).any(|v| v.contains('\u{FFFD}')) {
        // 8-bit header bytes with no encoded word (old clients wrote GBK or Latin-1 raw):
        // mail-parser reads them as UTF-8 with replacement characters.
        if let Some(raw) = raw_header(&msg, "From") {
            (name, email) = split_address(&raw);
        }
        subject = raw_header(&msg, "Subject").or(subject);
    }
    // Before the body is judged: the company's own mail is skipped even when it has no text.
    if email
        .as_deref()
        .is_some_and(|a| opts.company_senders.sent(a))
    {
        return Ok(Outcome::Skip(Skip::CompanyMail));
    }
    let text = body_text(&msg);
    let trimmed = trim_reply(&text);
    // A bare forward is all quote; keeping it whole beats losing the message.
    let body = if trimmed.is_empty() {
        text.trim().to_string()
    } else {
        trimmed
    };
    check_body(&body, "the message's text part").map_err(|e| {
        if body.is_empty() && msg.attachment_count() > 0 {
            format!("{e}: the message has only attachments")
        } else {
            e
        }
    })?;
    let mut rec = NewFeedback::new("email", Kind::Email, body);
    rec.author = name
        .as_deref()
        .or(email.as_deref())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    rec.contact = Contact {
        name,
        email,
        ..Contact::default()
    };
    rec.title = subject
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    rec.external_id = msg.message_id().map(str::to_string);
    rec.extra = thread(&msg);
    rec.created_at = msg.date().and_then(to_chrono).or_else(|| {
        let header = msg.header_raw("Date").and_then(loose_date);
        let (at, from) = match header {
            Some(at) => (at, "Date header without a zone, read as UTC"),
            None => (envelope?, "mbox delivery time"),
        };
        rec.extra
            .insert("date_source".into(), Value::String(from.into()));
        Some(at)
    });
    Ok(Outcome::Record(super::vendor::overrides(rec, opts)))
}

/// A header's value from its raw bytes, in the charset the detector finds, lines unfolded.
fn raw_header(msg: &Message, name: &str) -> Option<String> {
    let h = msg
        .headers()
        .iter()
        .find(|h| h.name.as_str().eq_ignore_ascii_case(name))?;
    let raw = msg
        .raw_message()
        .get(h.offset_start as usize..h.offset_end as usize)?;
    let text = super::encoding::decode_legacy(raw);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `"Name" <addr>`, `Name <addr>` or a bare address, as (name, address).
fn split_address(raw: &str) -> (Option<String>, Option<String>) {
    let clean =
        |s: &str| Some(s.trim().trim_matches('"').trim().to_string()).filter(|s| !s.is_empty());
    match raw.rsplit_once('<') {
        Some((name, rest)) => (clean(name), clean(rest.trim_end_matches('>'))),
        None if raw.contains('@') => (None, clean(raw)),
        None => (clean(raw), None),
    }
}

/// The first text body. A part that declares no charset (or one nobody knows) yet holds 8-bit bytes
/// was written in some local charset (old mail clients); mail-parser reads it as UTF-8 with replacement characters, so its raw bytes
/// are decoded again with the charset detector instead.
fn body_text(msg: &Message) -> String {
    let text = msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    if !text.contains('\u{FFFD}') {
        return text;
    }
    let Some(part) = msg
        .text_bodies()
        .next()
        .or_else(|| msg.html_bodies().next())
    else {
        return text;
    };
    // A charset label encoding_rs does not know (a typo, a vendor's name) is as good as none.
    let declared = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_some_and(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_some());
    let plain_transfer = part
        .content_transfer_encoding()
        .is_none_or(|e| matches!(e.to_ascii_lowercase().as_str(), "7bit" | "8bit" | "binary"));
    let (start, end) = (
        part.raw_body_offset() as usize,
        part.raw_end_offset() as usize,
    );
    let Some(raw) = msg.raw_message().get(start..end) else {
        return text;
    };
    if declared || !plain_transfer {
        return text;
    }
    let decoded = super::encoding::decode_legacy(raw);
    if part.is_text_html() {
        super::vendor::html_to_text(&decoded)
    } else {
        decoded
    }
}

fn to_chrono(d: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    let at = DateTime::parse_from_rfc3339(&d.to_rfc3339()).ok()?;
    // A year like 0102 is a broken Date header, not a message from antiquity.
    (1970..=2100).contains(&at.year()).then_some(at)
}

/// Message-ID, In-Reply-To, References and a thread id (the first message of the thread as far as known).
fn thread(msg: &Message) -> Map<String, Value> {
    let ids = |v: &HeaderValue| -> Vec<String> {
        match v {
            HeaderValue::Text(t) => vec![t.to_string()],
            HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
            _ => Vec::new(),
        }
    };
    let in_reply_to = ids(msg.in_reply_to());
    let references = ids(msg.references());
    let mut extra = Map::new();
    let thread_id = references
        .first()
        .or(in_reply_to.first())
        .cloned()
        .or_else(|| msg.message_id().map(str::to_string));
    if let Some(id) = thread_id {
        extra.insert("thread_id".into(), Value::String(id));
    }
    if !in_reply_to.is_empty() {
        extra.insert("in_reply_to".into(), Value::String(in_reply_to.join(" ")));
    }
    if !references.is_empty() {
        extra.insert("references".into(), Value::from(references));
    }
    let to: Vec<String> = msg
        .to()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.address())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if !to.is_empty() {
        extra.insert("to".into(), Value::from(to));
    }
    extra
}

/// The new text of a reply: everything before the quoted message, the forwarded header block or the
/// signature; `>` lines dropped wherever they are.
pub(crate) fn trim_reply(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let next = lines.get(i + 1).map_or("", |l| l.trim());
        if starts_quoted_message(t, next, &lines[i + 1..]) || is_signature_start(line) {
            break;
        }
        if t.starts_with('>') {
            continue;
        }
        kept.push(line.trim_end());
    }
    kept.join("\n").trim().to_string()
}

fn starts_quoted_message(t: &str, next: &str, after: &[&str]) -> bool {
    let lower = t.to_ascii_lowercase();
    let dashed = t.starts_with("---") || t.starts_with("———") || t.starts_with("____");
    if dashed
        && (lower.contains("original message") || t.contains("原始邮件") || t.contains("邮件原件"))
    {
        return true;
    }
    if lower.starts_with("on ")
        && (lower.ends_with("wrote:") || next.to_ascii_lowercase().ends_with("wrote:"))
    {
        return true;
    }
    if t.starts_with('在') && (t.ends_with("写道：") || t.ends_with("写道:")) {
        return true;
    }
    // Outlook and Foxmail put the quoted mail's headers in the text: From/发件人, then Sent/Date/发送时间.
    let header = |s: &str, names: &[&str]| names.iter().any(|n| s.starts_with(n));
    header(t, &["From:", "发件人:", "发件人："])
        && after.iter().take(3).any(|l| {
            header(
                l.trim(),
                &[
                    "Sent:",
                    "Date:",
                    "发送时间:",
                    "发送时间：",
                    "时间:",
                    "日期:",
                ],
            )
        })
}

fn is_signature_start(line: &str) -> bool {
    let t = line.trim();
    line == "-- "
        || t == "--"
        || t.starts_with("Sent from my")
        || t.starts_with("发自我的")
        || t.starts_with("Get Outlook for")
}

#[cfg(test)]
#[path = "email_tests.rs"]
mod tests;
