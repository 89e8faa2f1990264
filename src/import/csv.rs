//! CSV and TSV: the delimiter is sniffed among `,` `\t` `;` `|`, the first row is the header, and each later
//! row is streamed to the sink with the physical line it starts on.
//!
//! The csv crate is lenient and never fails on text input, so the one quoting error that matters is checked
//! here: a quote that never closes swallows the rest of the file into one field. That row is rejected and
//! reading resumes on the line after the stray quote, so the good rows behind it still arrive. A row with
//! more or fewer fields than the header is rejected too: its cells no longer line up with the columns.

use std::collections::HashSet;

use csv::{Reader, ReaderBuilder, StringRecord};
use serde_json::Value;

use super::mapping::{ColumnStats, Mapping};
use super::record::{Emitter, Job, LineCounter, Outcome, RawRecord, contains_han, damage_reason};
use super::{ImportError, Skip, Target};

const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];
const SNIFF_BYTES: usize = 64 * 1024;
const SNIFF_ROWS: usize = 30;
const SAMPLE_ROWS: usize = 50;

fn reader(text: &str, delimiter: u8) -> Reader<&[u8]> {
    ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// Stands in for the delimiter of a one-column file, so that commas in its text do not split it.
pub(crate) const NO_DELIMITER: u8 = 0x1F;

/// Picks the delimiter that gives the header at least two fields and the most rows agreeing with it;
/// the extension's usual delimiter wins ties. A header that none of them splits means a single column.
pub(crate) fn sniff_delimiter(text: &str, ext: &str) -> u8 {
    let mut cut = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let prefix = &text[..cut];
    let preferred = if matches!(ext, "tsv" | "tab") {
        b'\t'
    } else {
        b','
    };
    let order =
        std::iter::once(preferred).chain(DELIMITERS.into_iter().filter(|&d| d != preferred));
    let mut best: Option<(u8, (usize, usize))> = None;
    for delimiter in order {
        let mut rdr = reader(prefix, delimiter);
        let mut rec = StringRecord::new();
        let mut counts = Vec::new();
        while counts.len() < SNIFF_ROWS && rdr.read_record(&mut rec).unwrap_or(false) {
            counts.push(rec.len());
        }
        if cut < text.len() && counts.len() > 1 {
            counts.pop(); // the sample may end mid-row
        }
        let Some((&header, rows)) = counts.split_first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let agreeing = rows.iter().filter(|&&n| n == header).count();
        let percent = if rows.is_empty() {
            100
        } else {
            agreeing * 100 / rows.len()
        };
        let score = (percent, header);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((delimiter, score));
        }
    }
    best.map_or(NO_DELIMITER, |(d, _)| d)
}

/// Streams the rows of `text` into `out`; returns the mapping used.
pub(crate) fn import(
    text: &str,
    delimiter: u8,
    job: &Job,
    out: &mut Emitter,
) -> Result<Mapping, ImportError> {
    let (header, header_end) = header_of(text, delimiter, &job.file)?;
    let stats = sample_stats(&text[header_end..], delimiter, header.len());
    let builder = job.builder(&header, &stats, false)?;
    let plan = Plan::new(&builder.mapping, &header);
    each_row(text, delimiter, &header, out, &mut |rec| {
        // Read in place: the direction is known before anything of the row is copied.
        if builder.sent_by_company(plan.inbound.and_then(|i| rec.get(i)))? {
            return Ok(Outcome::Skip(Skip::CompanyMarked));
        }
        builder.build(plan.raw(rec, &header)).map(Outcome::from)
    });
    Ok(builder.mapping)
}

/// The cleaned header row and the byte offset where the data rows begin.
pub(crate) fn header_of(
    text: &str,
    delimiter: u8,
    file: &str,
) -> Result<(Vec<String>, usize), ImportError> {
    let mut rdr = reader(text, delimiter);
    let mut rec = StringRecord::new();
    if !rdr.read_record(&mut rec).unwrap_or(false) {
        return Err(ImportError::Empty {
            file: file.to_string(),
        });
    }
    let end = (rdr.position().byte() as usize).min(text.len());
    Ok((clean_header(&rec), end))
}

/// A data row as a JSON object of its non-empty cells, for the importers that read fields by name.
pub(crate) fn row_object(rec: &StringRecord, header: &[String]) -> serde_json::Map<String, Value> {
    header
        .iter()
        .zip(rec.iter())
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), Value::String(v.to_string())))
        .collect()
}

/// Hands every data row after the header to `convert` with its line; rows with broken quoting, invalid
/// bytes or another number of fields than the header are rejected here, so a converter only ever sees
/// whole, readable rows as wide as the header.
pub(crate) fn each_row<R: Into<Outcome>>(
    text: &str,
    delimiter: u8,
    header: &[String],
    out: &mut Emitter,
    convert: &mut dyn FnMut(&StringRecord) -> Result<R, String>,
) {
    let mut rdr = reader(text, delimiter);
    let mut rec = StringRecord::new();
    if !rdr.read_record(&mut rec).unwrap_or(false) {
        return;
    }
    let mut lines = LineCounter::new(text);
    let mut base = 0; // where the current reader started: it restarts after an unclosed quote
    while !out.stopped() {
        let before = rdr.position().byte();
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.line_at(base + before as usize);
                out.reject(line, format!("broken quoting: {e}"));
                if rdr.position().byte() == before {
                    break;
                }
                continue;
            }
        }
        let start = record_start(
            text,
            base + rec.position().map_or(before, |p| p.byte()) as usize,
        );
        let line = lines.line_at(start);
        let end = base + rdr.position().byte() as usize;
        if end >= text.len()
            && let Some(quote) = unterminated_quote(&text.as_bytes()[start..], delimiter)
        {
            let quote_line = lines.line_at(start + quote);
            out.reject(
                line,
                format!(
                    "broken quoting: the quote opened on line {quote_line} is never closed, so this row would \
                     swallow the rest of the file; the lines after it were read as rows of their own"
                ),
            );
            match text[start + quote..].find('\n') {
                Some(nl) => {
                    base = start + quote + nl + 1;
                    rdr = reader(&text[base..], delimiter);
                    continue;
                }
                None => break,
            }
        }
        if let Some(bytes) = out.damaged(start, end) {
            let column = rec
                .iter()
                .position(|field| field.contains('\u{FFFD}'))
                .and_then(|i| header.get(i));
            out.reject(line, damage_reason(&bytes, column.map(String::as_str)));
            continue;
        }
        // A row of another width has lost its alignment with the header (an unquoted comma or line
        // break in the text): every cell after the break would land in the wrong field.
        if rec.len() != header.len() {
            out.reject(line, width_mismatch(rec.len(), header.len()));
            continue;
        }
        out.emit(line, convert(&rec));
    }
}

/// Which field index feeds each target, and which fields stay out of `extra`.
struct Plan {
    targets: Vec<(Target, usize)>,
    used: Vec<bool>,
    /// The column that says who sent the row. It stays in `extra` too, so a kept row is stored
    /// as it was before the column was mapped.
    inbound: Option<usize>,
}

impl Plan {
    fn new(mapping: &Mapping, header: &[String]) -> Plan {
        let mut used = vec![false; header.len()];
        let mut targets = Vec::new();
        let mut inbound = None;
        for (target, column) in mapping.pairs() {
            let Some(i) = header.iter().position(|h| h == column) else {
                continue;
            };
            if *target == Target::Inbound {
                inbound = Some(i);
            } else {
                used[i] = true;
                targets.push((*target, i));
            }
        }
        Plan {
            targets,
            used,
            inbound,
        }
    }

    /// `rec` has as many fields as `header`: `each_row` rejects the others.
    fn raw(&self, rec: &StringRecord, header: &[String]) -> RawRecord {
        let mut raw = RawRecord::default();
        for &(target, i) in &self.targets {
            raw.set(target, rec.get(i).map(str::to_string));
        }
        // A CSV cannot tell an empty cell from a missing value, so empty cells are not kept.
        for ((name, value), used) in header.iter().zip(rec.iter()).zip(&self.used) {
            if !used && !value.is_empty() {
                raw.extra
                    .insert(name.clone(), Value::String(value.to_string()));
            }
        }
        raw
    }
}

fn width_mismatch(fields: usize, columns: usize) -> String {
    let plural = if fields == 1 { "" } else { "s" };
    format!("row has {fields} field{plural}, the header has {columns}")
}

/// Trimmed names; a blank one becomes `column_N` and a repeated one gets `_2`, `_3` so `extra` keys stay unique.
fn clean_header(rec: &StringRecord) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(rec.len());
    let mut seen: HashSet<String> = HashSet::with_capacity(rec.len());
    for (i, raw) in rec.iter().enumerate() {
        let trimmed = raw.trim().trim_start_matches('\u{feff}').trim();
        let base = if trimmed.is_empty() {
            format!("column_{}", i + 1)
        } else {
            trimmed.to_string()
        };
        let mut name = base.clone();
        let mut n = 2;
        while seen.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        seen.insert(name.clone());
        names.push(name);
    }
    names
}

fn sample_stats(body: &str, delimiter: u8, columns: usize) -> Vec<ColumnStats> {
    let mut stats = vec![ColumnStats::default(); columns];
    let mut rdr = reader(body, delimiter);
    let mut rec = StringRecord::new();
    for _ in 0..SAMPLE_ROWS {
        if !rdr.read_record(&mut rec).unwrap_or(false) {
            break;
        }
        for (i, s) in stats.iter_mut().enumerate() {
            s.rows += 1;
            let value = rec.get(i).unwrap_or("").trim();
            if !value.is_empty() {
                s.nonempty += 1;
                s.chars += value.chars().count();
                s.han += usize::from(contains_han(value));
            }
        }
    }
    stats
}

/// The csv reader may report a record as starting on the blank line before it; step over line breaks.
fn record_start(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    at.min(text.len())
}

/// Offset of the quote that is still open at the end of `record` (csv crate quoting rules), if any.
fn unterminated_quote(record: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut opened = 0;
    for (i, &b) in record.iter().enumerate() {
        let newline = b == b'\n' || b == b'\r';
        state = match state {
            State::FieldStart | State::Unquoted | State::QuoteInQuoted if newline => return None,
            State::FieldStart if b == b'"' => {
                opened = i;
                State::Quoted
            }
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            _ if b == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    (state == State::Quoted).then_some(opened)
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
