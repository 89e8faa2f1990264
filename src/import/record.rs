//! What every format shares once a row has been cut into fields: turning mapped values into a
//! [`NewFeedback`] (body, date, rating, tags, kind, source rules) and counting what went to the sink.

use chrono::{FixedOffset, Offset, Utc};
use serde_json::{Map, Value};

use super::company::{CompanyHandles, Side, VALUES_HINT, side_of};
use super::dates::{DateProblem, parse_date_detailed, parse_with_format};
use super::encoding::Damage;
use super::mapping::{self, ColumnStats, Mapping};
use super::repeats::{Place, SeenIds};
use super::{ImportError, ImportOptions, Reject, Sink, Skip, Skipped, Target};
use crate::domain::{Contact, Kind, NewFeedback, is_invisible};

/// Customer feedback is never this long; a bigger field is a broken or hostile file, and
/// indexing it would stall every search.
const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Columns kept beside the mapped fields; a row with more is not a feedback export.
const MAX_EXTRA_FIELDS: usize = 10_000;

/// A row's mapped values as text, before validation; `None` means the field was absent or null.
#[derive(Debug, Default)]
pub(crate) struct RawRecord {
    pub body: Option<String>,
    pub id: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub rating: Option<String>,
    pub tags: Vec<String>,
    /// The tags cell as written, for a saved mapping's own separator.
    pub tags_raw: Option<String>,
    pub kind: Option<String>,
    pub source: Option<String>,
    pub extra: Map<String, Value>,
}

impl RawRecord {
    pub(crate) fn set(&mut self, target: Target, value: Option<String>) {
        let slot = match target {
            Target::Body => &mut self.body,
            Target::Id => &mut self.id,
            Target::Date => &mut self.date,
            Target::Author => &mut self.author,
            Target::Title => &mut self.title,
            Target::Url => &mut self.url,
            Target::Rating => &mut self.rating,
            Target::Kind => &mut self.kind,
            Target::Source => &mut self.source,
            // Read before a record is built (see `Builder::sent_by_company`), and left in `extra`.
            Target::Inbound => return,
            Target::Tags => {
                self.tags = value.as_deref().map(split_tags).unwrap_or_default();
                self.tags_raw = value;
                return;
            }
        };
        *slot = value;
    }
}

/// The file being imported and the user's options.
pub(crate) struct Job<'a> {
    pub file: String,
    pub stem: String,
    pub opts: &'a ImportOptions,
}

impl Job<'_> {
    /// Resolves the mapping for the columns found and fixes the file-wide defaults.
    pub(crate) fn builder(
        &self,
        columns: &[String],
        stats: &[ColumnStats],
        dotted: bool,
    ) -> Result<Builder, ImportError> {
        let mapping = mapping::resolve(&self.file, columns, stats, &self.opts.maps, dotted)?;
        let kind = self
            .opts
            .kind
            .unwrap_or_else(|| mapping::infer_kind(&self.stem, columns));
        let source = self.opts.source.clone().filter(|s| !s.trim().is_empty());
        let offset = self
            .opts
            .timezone
            .unwrap_or_else(|| naive_date_offset(&mapping, columns, stats));
        Ok(Builder {
            mapping,
            kind,
            kind_forced: self.opts.kind.is_some(),
            source,
            default_source: self.stem.clone(),
            date_format: self.opts.date_format.clone(),
            offset,
            tag_separator: self.opts.tag_separator.clone(),
        })
    }
}

pub(crate) struct Builder {
    pub mapping: Mapping,
    kind: Kind,
    kind_forced: bool,
    source: Option<String>,
    default_source: String,
    date_format: Option<String>,
    /// The offset of dates written without one: the saved mapping's or the user's, else the file's.
    offset: FixedOffset,
    tag_separator: Option<String>,
}

impl Builder {
    fn column(&self, target: Target) -> &str {
        self.mapping.get(target).unwrap_or(target.as_str())
    }

    /// Whether the row's value of the mapped `inbound` column (`None`: no such column, or no
    /// value) marks it as sent by the company; `Err` is the reject reason for a value that says
    /// neither side.
    pub(crate) fn sent_by_company(&self, value: Option<&str>) -> Result<bool, String> {
        match value.map_or(Some(Side::Customer), side_of) {
            Some(side) => Ok(side == Side::Company),
            None => Err(format!(
                "unrecognised value '{}' in column '{}' (field inbound); expected {VALUES_HINT}",
                truncate(value.unwrap_or_default().trim(), 40),
                self.column(Target::Inbound)
            )),
        }
    }

    /// Validates and converts one row; `Err` is the reject reason.
    pub(crate) fn build(&self, raw: RawRecord) -> Result<NewFeedback, String> {
        let body = raw.body.as_deref().map(trim_blank).unwrap_or_default();
        check_body(body, &format!("column '{}'", self.column(Target::Body)))?;
        if raw.extra.len() > MAX_EXTRA_FIELDS {
            return Err(format!(
                "row has {} unmapped fields; vochub keeps at most {MAX_EXTRA_FIELDS} per record",
                raw.extra.len()
            ));
        }
        let mut extra = raw.extra;
        let created_at = match raw.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(date) => {
                let offset = self.offset;
                let custom = self
                    .date_format
                    .as_deref()
                    .and_then(|fmt| parse_with_format(date, fmt, offset));
                match custom.map_or_else(|| parse_date_detailed(date, offset), Ok) {
                    Ok(parsed) => {
                        if parsed.assumed_offset {
                            extra.insert(
                                "date_assumed_tz".into(),
                                Value::String(offset.to_string()),
                            );
                        }
                        Some(parsed.at)
                    }
                    Err(problem) => {
                        let (what, why) = match problem {
                            DateProblem::Unparseable => ("unparseable", ""),
                            DateProblem::Implausible => {
                                ("implausible", " (year outside 1970..=2100)")
                            }
                        };
                        let col = self.column(Target::Date);
                        return Err(format!(
                            "{what} date '{}' in column '{col}'{why}",
                            truncate(date, 40)
                        ));
                    }
                }
            }
        };
        let rating = raw.rating.as_deref().and_then(|r| {
            let parsed = parse_rating(r);
            if parsed.is_none() && !r.trim().is_empty() {
                extra.insert(
                    self.column(Target::Rating).to_string(),
                    Value::String(r.to_string()),
                );
            }
            parsed
        });
        let kind = match (self.kind_forced, raw.kind.as_deref().map(str::trim)) {
            (false, Some(k)) if !k.is_empty() => k.parse().unwrap_or_else(|_| {
                extra.insert(
                    self.column(Target::Kind).to_string(),
                    Value::String(k.to_string()),
                );
                self.kind
            }),
            _ => self.kind,
        };
        let source = self
            .source
            .clone()
            .or_else(|| non_empty(raw.source))
            .unwrap_or_else(|| self.default_source.clone());

        let mut rec = NewFeedback::new(source, kind, body);
        rec.external_id = non_empty(raw.id);
        rec.created_at = created_at;
        rec.author = non_empty(raw.author);
        rec.title = non_empty(raw.title);
        rec.url = non_empty(raw.url);
        rec.contact = contact_of(rec.author.as_deref(), &rec.extra);
        rec.rating = rating;
        rec.tags = match (&self.tag_separator, raw.tags_raw) {
            (Some(sep), Some(cell)) => cell
                .split(sep.as_str())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            _ => raw.tags,
        };
        rec.extra = extra;
        Ok(rec)
    }
}

/// The offset of a file's dates written without one, decided once for the whole file: local Beijing
/// time when at least half of the sampled bodies hold Chinese characters (an export of a Chinese
/// team, whose English rows share its clock), UTC otherwise. Deciding per row shifted a file's
/// English rows eight hours from their Chinese neighbours.
fn naive_date_offset(mapping: &Mapping, columns: &[String], stats: &[ColumnStats]) -> FixedOffset {
    let body = mapping.get(Target::Body).and_then(|name| {
        // A dotted JSON path (`comment.text`) was sampled as its top-level object.
        let top = name.split('.').next().unwrap_or(name);
        columns
            .iter()
            .position(|c| c == name)
            .or_else(|| columns.iter().position(|c| c == top))
    });
    let chinese = body
        .and_then(|i| stats.get(i))
        .is_some_and(|s| s.nonempty > 0 && s.han * 2 >= s.nonempty);
    let hours = if chinese { 8 } else { 0 };
    FixedOffset::east_opt(hours * 3600).unwrap_or(utc())
}

/// `s` without the blank at its ends: whitespace (NBSP and the ideographic space included) and
/// zero-width characters, a byte-order mark too (files glued together leave one mid-file).
pub(crate) fn trim_blank(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// Why a body cannot be stored, naming where it came from (`column '内容'`, `field 'text'`).
pub(crate) fn check_body(body: &str, origin: &str) -> Result<(), String> {
    // Whitespace and zero-width characters alone are nothing to read or to search.
    if trim_blank(body).is_empty() {
        return Err(format!("empty body ({origin})"));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(format!(
            "body is {:.1} MiB ({origin}); vochub keeps records of up to {} MiB: split or trim the text",
            body.len() as f64 / 1_048_576.0,
            MAX_BODY_BYTES / 1_048_576
        ));
    }
    if body.contains('\0') {
        return Err(format!(
            "NUL byte in {origin}: the file may be binary, or UTF-16 without a byte-order mark"
        ));
    }
    Ok(())
}

fn utc() -> FixedOffset {
    Utc.fix()
}

fn non_empty(s: Option<String>) -> Option<String> {
    let s = s?;
    let t = trim_blank(&s);
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

/// `4`, `4.5`, `4/5`, `4 stars`: the leading number; anything else is kept in `extra` instead.
fn parse_rating(s: &str) -> Option<f64> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .map_or(s.len(), |(i, _)| i);
    let value: f64 = s[..end].parse().ok()?;
    value.is_finite().then_some(value)
}

/// Splits a tags cell on `,` `;` `，` `；` `|`, trimming and dropping empties.
pub(crate) fn split_tags(s: &str) -> Vec<String> {
    s.split([',', ';', '，', '；', '|'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The person behind a generic row: an author that is an email address, and columns that hold an email or a
/// phone number under a usual name.
fn contact_of(author: Option<&str>, extra: &Map<String, Value>) -> Contact {
    const EMAIL: &[&str] = &["email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"];
    const PHONE: &[&str] = &[
        "phone",
        "mobile",
        "tel",
        "手机",
        "手机号",
        "电话",
        "联系电话",
    ];
    let column = |names: &[&str]| {
        extra.iter().find_map(|(k, v)| {
            let k = k.trim().to_lowercase();
            names
                .iter()
                .any(|n| k == *n)
                .then(|| v.as_str())
                .flatten()
                .map(str::to_string)
        })
    };
    let author_email = author.filter(|a| a.contains('@') && a.contains('.') && !a.contains(' '));
    Contact {
        name: author.filter(|a| !a.contains('@')).map(str::to_string),
        email: author_email.map(str::to_string).or_else(|| column(EMAIL)),
        phone: column(PHONE),
        handle: None,
        crm_id: None,
    }
}

/// The reject reason for a row whose text had bytes that are not UTF-8.
pub(crate) fn damage_reason(bytes: &[u8], column: Option<&str>) -> String {
    let mut hex: Vec<String> = bytes.iter().take(8).map(|b| format!("0x{b:02X}")).collect();
    if bytes.len() > 8 {
        hex.push("…".into());
    }
    let place = column
        .map(|c| format!(" in column '{c}'"))
        .unwrap_or_default();
    format!(
        "invalid UTF-8 bytes ({}){place}; re-save the file as UTF-8 or pass the right encoding (--encoding gbk)",
        hex.join(" ")
    )
}

pub(crate) fn contains_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// At most `max` characters, with `…` when cut, so a reject reason stays one readable line.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// What one row or object of a file turned out to be: a record, or one that is read and counted but
/// not stored.
// Nearly every row is a record, moved once to the sink: boxing it would add an allocation a row
// to an import's hot path, for the rare skip. `Result<NewFeedback, String>` was this size too.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Outcome {
    Record(NewFeedback),
    Skip(Skip),
}

impl From<NewFeedback> for Outcome {
    fn from(rec: NewFeedback) -> Self {
        Outcome::Record(rec)
    }
}

impl Outcome {
    pub(crate) fn map_record(self, f: impl FnOnce(NewFeedback) -> NewFeedback) -> Outcome {
        match self {
            Outcome::Record(rec) => Outcome::Record(f(rec)),
            skip => skip,
        }
    }
}

/// Counts what is handed to the sink, so `FileReport::read` is always accepted + rejected + skipped;
/// knows where the decoder replaced invalid bytes, so the row holding them is rejected rather than
/// stored with U+FFFD; and tells the sink when a record's id repeats an earlier row's.
pub(crate) struct Emitter<'s> {
    file: String,
    sink: &'s mut dyn Sink,
    read: usize,
    damage: Vec<Damage>,
    ids: SeenIds,
    /// The message files read so far, for a folder of them: what a repeated id's warning names.
    members: Vec<String>,
    /// Records read and not stored, by reason, in the order the reasons first came up.
    skipped: Vec<(Skip, usize)>,
    /// Checked here, on every format's records, rather than in each importer.
    handles: &'s CompanyHandles,
}

impl<'s> Emitter<'s> {
    pub(crate) fn new(file: String, sink: &'s mut dyn Sink, handles: &'s CompanyHandles) -> Self {
        Emitter {
            file,
            sink,
            read: 0,
            damage: Vec::new(),
            ids: SeenIds::default(),
            members: Vec::new(),
            skipped: Vec::new(),
            handles,
        }
    }

    pub(crate) fn set_damage(&mut self, damage: Vec<Damage>) {
        self.damage = damage;
    }

    /// The invalid bytes replaced within `start..end` of the decoded text, if any.
    pub(crate) fn damaged(&self, start: usize, end: usize) -> Option<Vec<u8>> {
        // Damage is sorted by offset: binary search for the first spot at or after `start`.
        let first = self.damage.partition_point(|d| d.at < start);
        let bytes: Vec<u8> = self.damage[first..]
            .iter()
            .take_while(|d| d.at < end)
            .flat_map(|d| d.bytes.iter().copied())
            .collect();
        (!bytes.is_empty()).then_some(bytes)
    }

    pub(crate) fn emit(&mut self, line: usize, result: Result<impl Into<Outcome>, String>) {
        self.emit_at(Place::Line(line), result.map(Into::into));
    }

    /// A record that is a file of its own in a folder (a Maildir message): its problems name it.
    pub(crate) fn emit_member(&mut self, name: String, result: Result<Outcome, String>) {
        let result = result.map_err(|reason| format!("message {name}: {reason}"));
        self.members.push(name);
        let number = self.members.len();
        self.emit_at(Place::Member(number), result);
    }

    fn emit_at(&mut self, place: Place, result: Result<Outcome, String>) {
        // A message file's problems are about its own first line.
        let line = match place {
            Place::Line(line) => line,
            Place::Member(_) => 1,
        };
        let result = match result {
            Ok(Outcome::Record(rec)) if self.handles.wrote(rec.author.as_deref()) => {
                Ok(Outcome::Skip(Skip::CompanyAccount))
            }
            other => other,
        };
        match result {
            Ok(Outcome::Skip(why)) => {
                self.read += 1;
                match self.skipped.iter_mut().find(|(w, _)| *w == why) {
                    Some((_, n)) => *n += 1,
                    None => self.skipped.push((why, 1)),
                }
            }
            Ok(Outcome::Record(rec)) => {
                let members = &self.members;
                let member = |n: usize| members.get(n - 1).map_or("", String::as_str);
                if let Some(reason) = self.ids.check(&rec, &place, member) {
                    self.sink.repeated(Reject {
                        file: self.file.clone(),
                        line,
                        reason,
                    });
                }
                self.read += 1;
                self.sink.accept(rec);
            }
            Err(reason) => self.reject(line, reason),
        }
    }

    pub(crate) fn reject(&mut self, line: usize, reason: String) {
        self.read += 1;
        self.sink.reject(Reject {
            file: self.file.clone(),
            line,
            reason,
        });
    }

    pub(crate) fn read(&self) -> usize {
        self.read
    }

    pub(crate) fn skipped(&self) -> Vec<Skipped> {
        self.skipped
            .iter()
            .map(|&(why, count)| Skipped {
                file: self.file.clone(),
                why,
                count,
            })
            .collect()
    }

    /// Whether the sink asked to stop; each importer's loop over records ends on it.
    pub(crate) fn stopped(&self) -> bool {
        self.sink.stopped()
    }
}

/// Turns byte offsets into 1-based line numbers; offsets must not go backwards, so the total cost is linear.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    pub(crate) fn line_at(&mut self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if at > self.pos {
            self.line += self.text[self.pos..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.pos = at;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(
            split_tags(" billing, 退款；login | |a;b，c "),
            ["billing", "退款", "login", "a", "b", "c"]
        );
        assert_eq!(parse_rating("4.5"), Some(4.5));
        assert_eq!(parse_rating("4/5"), Some(4.0));
        assert_eq!(parse_rating("5 stars"), Some(5.0));
        assert_eq!(parse_rating("good"), None);
        assert_eq!(truncate("短", 40), "短");
        assert_eq!(
            truncate(&"字".repeat(50), 40),
            format!("{}…", "字".repeat(40))
        );
        assert!(contains_han("ok 好") && !contains_han("ok ｏｋ"));
        assert_eq!(non_empty(Some("  ".into())), None);
        assert_eq!(non_empty(Some(" T-1 ".into())), Some("T-1".into()));
    }
}
