//! `vochub quote add ID --text "…"`, `vochub quotes`, `vochub quotes export`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::output::{fit, print_json};
use crate::domain::{counted, sanitize_line};
use crate::service::{ExportFormat, Hub};

#[derive(Debug, Args)]
pub struct QuoteArgs {
    #[command(subcommand)]
    pub action: QuoteAction,
}

#[derive(Debug, Subcommand)]
pub enum QuoteAction {
    /// Save the customer's exact words from a record as a quote.
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The record's id.
    pub id: i64,
    /// The exact words, as they appear in the record.
    #[arg(long)]
    pub text: String,
    #[arg(long)]
    pub note: Option<String>,
    /// Themes for the quote: +THEME ...
    #[arg(value_name = "+THEME")]
    pub themes: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct QuotesArgs {
    #[command(subcommand)]
    pub action: Option<QuotesAction>,
    /// Only quotes with this theme (or one below it).
    #[arg(long)]
    pub theme: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum QuotesAction {
    /// Write quote cards to a file (or stdout): md, csv or json.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, default_value = "md")]
    pub format: String,
    #[arg(long)]
    pub theme: Option<String>,
    /// Output file (default: stdout).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run_quote(hub: &mut Hub, args: QuoteArgs) -> Result<i32> {
    let QuoteAction::Add(add) = args.action;
    let mut themes = Vec::new();
    for t in &add.themes {
        match t.strip_prefix('+') {
            Some(name) => themes.push(name.to_string()),
            None => bail!("themes for a quote are written +THEME, got '{t}'"),
        }
    }
    let q = hub.add_quote_text(add.id, &add.text, add.note.as_deref(), &themes)?;
    if add.json {
        print_json(&q)?;
    } else {
        println!(
            "quote {} saved from record {} (characters {}..{})",
            q.id, q.record_id, q.start, q.end
        );
    }
    Ok(0)
}

/// The export file could not be written. Its disk may be another than the data dir's, so a full
/// one is named by the file, not by the data dir.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {}", .path.display(), reason(.source))]
pub struct ExportWriteError {
    path: PathBuf,
    source: std::io::Error,
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::StorageFull => "the disk holding it is full; free some space there, \
                                            or write the export elsewhere (--out), and run the \
                                            command again"
            .to_string(),
        _ => e.to_string(),
    }
}

pub fn run_quotes(hub: &Hub, args: QuotesArgs) -> Result<i32> {
    if let Some(QuotesAction::Export(ex)) = args.action {
        let format = ExportFormat::parse(&ex.format)?;
        let text = hub.export_quotes(format, ex.theme.as_deref())?;
        match &ex.out {
            Some(path) => {
                std::fs::write(path, text.as_bytes()).map_err(|source| ExportWriteError {
                    path: path.clone(),
                    source,
                })?;
                eprintln!("wrote {}", path.display());
            }
            None => print!("{text}"),
        }
        return Ok(0);
    }
    let cards = hub.quotes(args.theme.as_deref())?;
    if args.json {
        print_json(&cards)?;
        return Ok(0);
    }
    println!("{}", counted(cards.len(), "quote"));
    for c in &cards {
        let stale = if c.stale { " (record changed)" } else { "" };
        println!(
            "{:>5}  #{:<5} {}  {}{stale}",
            c.quote.id,
            c.record.id,
            fit(&c.quote.themes.join(","), 16),
            sanitize_line(&c.quote.text)
        );
    }
    Ok(0)
}
