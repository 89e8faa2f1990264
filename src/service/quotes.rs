//! Quotes: exact words a customer said, kept with their source, and exported as cards.

use serde::Serialize;

use super::{Hub, Result, ServiceError, now};
use crate::domain::export::{csv_cell, markdown_link, markdown_text};
use crate::domain::{Feedback, Quote, Refusal, normalize_theme};
use crate::store::{NewQuote, body_hash};

/// A quote with its record, and whether the record's text has changed since it was taken.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteCard {
    pub quote: Quote,
    pub record: Feedback,
    /// The record's body changed after the quote was taken; the span may no longer match.
    pub stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Json,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Result<ExportFormat> {
        match s.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(ExportFormat::Markdown),
            "csv" => Ok(ExportFormat::Csv),
            "json" => Ok(ExportFormat::Json),
            _ => Err(ServiceError::Invalid(format!(
                "unknown export format '{s}' (expected md, csv or json)"
            ))),
        }
    }
}

impl Hub {
    /// Saves characters `start..end` (character offsets) of the record's body as a quote.
    pub fn add_quote(
        &mut self,
        record: i64,
        start: usize,
        end: usize,
        note: Option<&str>,
        themes: &[String],
    ) -> Result<Quote> {
        let r = self.record(record)?;
        let len = r.body.chars().count();
        if start >= end || end > len {
            return Err(Refusal::QuoteOutside {
                record,
                start,
                end,
                len,
            }
            .into());
        }
        // A second card of the same words would count one customer twice in an export.
        if let Some(same) = self
            .store
            .quotes_of_record(record)?
            .into_iter()
            .find(|q| (q.start, q.end) == (start, end))
        {
            return Err(Refusal::QuoteExists {
                record,
                quote: same.id,
            }
            .into());
        }
        let text: String = r.body.chars().skip(start).take(end - start).collect();
        let themes = themes
            .iter()
            .map(|t| normalize_theme(t).map_err(ServiceError::from))
            .collect::<Result<Vec<_>>>()?;
        let who = self.config.user_name();
        let hash = body_hash(&r.body);
        let q = NewQuote {
            record_id: record,
            start,
            end,
            text: &text,
            body_hash: &hash,
            note,
            themes: &themes,
        };
        Ok(self.store.add_quote(&q, &who, &now().to_rfc3339())?)
    }

    /// Finds `text` in the record's body and saves that span (the first occurrence).
    pub fn add_quote_text(
        &mut self,
        record: i64,
        text: &str,
        note: Option<&str>,
        themes: &[String],
    ) -> Result<Quote> {
        let r = self.record(record)?;
        let wanted = text.trim();
        if wanted.is_empty() {
            return Err(Refusal::EmptyQuote.into());
        }
        let Some(byte) = r.body.find(wanted) else {
            let text = crate::domain::sanitize_line(wanted);
            return Err(Refusal::QuoteNotInRecord { record, text }.into());
        };
        let start = r.body[..byte].chars().count();
        let end = start + wanted.chars().count();
        self.add_quote(record, start, end, note, themes)
    }

    pub fn quotes(&self, theme: Option<&str>) -> Result<Vec<QuoteCard>> {
        let theme = theme_filter(theme)?;
        let mut out = Vec::new();
        for quote in self.store.quotes(theme.as_deref())? {
            let record = self.record(quote.record_id)?;
            let stale = body_hash(&record.body) != quote.body_hash;
            out.push(QuoteCard {
                quote,
                record,
                stale,
            });
        }
        Ok(out)
    }

    pub fn quotes_of_record(&self, record: i64) -> Result<Vec<Quote>> {
        Ok(self.store.quotes_of_record(record)?)
    }

    /// Quote cards as a file: text, source, kind, date, author, record id, themes and note, and the
    /// record's link and its id in the source system, so a quote can be traced outside vochub
    /// (empty when the source gave the record no id).
    /// An export that would hold no quote is refused, naming the themes quotes do carry, so no
    /// file with only a header is written.
    pub fn export_quotes(&self, format: ExportFormat, theme: Option<&str>) -> Result<String> {
        let cards = self.quotes(theme)?;
        if cards.is_empty() {
            let theme = theme_filter(theme)?;
            let known = match theme {
                Some(_) => self.store.quote_theme_names()?,
                None => Vec::new(),
            };
            return Err(Refusal::NoQuotesToExport { theme, known }.into());
        }
        Ok(match format {
            ExportFormat::Json => serde_json::to_string_pretty(&cards_json(&cards))
                .map_err(|e| ServiceError::Invalid(e.to_string()))?,
            ExportFormat::Markdown => markdown(&cards),
            ExportFormat::Csv => csv(&cards)?,
        })
    }
}

fn theme_filter(theme: Option<&str>) -> Result<Option<String>> {
    theme
        .map(|t| normalize_theme(t).map_err(ServiceError::from))
        .transpose()
}

fn cards_json(cards: &[QuoteCard]) -> serde_json::Value {
    serde_json::Value::Array(
        cards
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c.quote.id,
                    "text": c.quote.text,
                    "note": c.quote.note,
                    "themes": c.quote.themes,
                    "record_id": c.record.id,
                    "source": c.record.source,
                    "kind": c.record.kind,
                    "created_at": c.record.created_at.to_rfc3339(),
                    "author": c.record.author,
                    "stale": c.stale,
                    "url": c.record.url,
                    "external_id": c.record.source_id(),
                })
            })
            .collect(),
    )
}

fn markdown(cards: &[QuoteCard]) -> String {
    let mut out = String::from("# Customer quotes\n\n");
    for c in cards {
        let r = &c.record;
        out.push_str(&format!("> {}\n\n", markdown_text(&c.quote.text)));
        let mut meta = vec![
            markdown_text(r.author.as_deref().unwrap_or("anonymous")),
            // The source system's own id, so a reader can find the original there; none when the
            // source gave none (vochub's derived id would name nothing there).
            match r.source_id() {
                Some(id) => format!(
                    "{} ({}) {}",
                    markdown_text(&r.source),
                    r.kind,
                    markdown_text(id)
                ),
                None => format!("{} ({})", markdown_text(&r.source), r.kind),
            },
            r.created_at.format("%Y-%m-%d").to_string(),
        ];
        if let Some(url) = r.url.as_deref().filter(|u| !u.trim().is_empty()) {
            meta.push(markdown_link(url));
        }
        if !c.quote.themes.is_empty() {
            meta.push(format!(
                "themes: {}",
                markdown_text(&c.quote.themes.join(", "))
            ));
        }
        out.push_str(&format!("— {}\n", meta.join(" · ")));
        if let Some(note) = &c.quote.note {
            out.push_str(&format!("\nNote: {}\n", markdown_text(note)));
        }
        if c.stale {
            out.push_str("\n(The record's text has changed since this quote was taken.)\n");
        }
        out.push_str("\n---\n\n");
    }
    out
}

fn csv(cards: &[QuoteCard]) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "quote_id",
        "text",
        "note",
        "themes",
        "record_id",
        "source",
        "kind",
        "created_at",
        "author",
        "stale",
        // Added last, so that sheets built on the earlier columns keep their positions.
        "url",
        "external_id",
    ];
    let io = |e: ::csv::Error| ServiceError::Invalid(format!("writing CSV: {e}"));
    w.write_record(header).map_err(io)?;
    for c in cards {
        let r = &c.record;
        let row = [
            c.quote.id.to_string(),
            csv_cell(&c.quote.text),
            csv_cell(c.quote.note.as_deref().unwrap_or("")),
            csv_cell(&c.quote.themes.join("; ")),
            r.id.to_string(),
            csv_cell(&r.source),
            r.kind.to_string(),
            r.created_at.to_rfc3339(),
            csv_cell(r.author.as_deref().unwrap_or("")),
            c.stale.to_string(),
            csv_cell(r.url.as_deref().unwrap_or("")),
            csv_cell(r.source_id().unwrap_or("")),
        ];
        w.write_record(&row).map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ServiceError::Invalid(format!("writing CSV: {e}")))?;
    // The byte order mark tells Excel the file is UTF-8; without it Chinese opens garbled.
    Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
}
