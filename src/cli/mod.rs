//! The command line: one file per subcommand, `--json` wherever data is printed. Speaks only to
//! the service layer.

mod bench;
mod customer;
mod demo;
mod explain;
mod import;
mod interrupt;
mod journal;
mod keys;
mod maintain;
mod output;
mod quote;
mod route;
mod saved;
mod search;
mod show;
mod similar;
mod tag;
mod themes;

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::config::{self, Config};
use crate::service::{Hub, ServiceError, ran_out_of_space};

#[derive(Debug, Parser)]
#[command(
    name = "vochub",
    version,
    about = "One local hub for what customers say: tickets, sales notes and social comments, searchable in Chinese and English.",
    long_about = None
)]
pub struct Cli {
    /// Data directory (default: $VOCHUB_DATA_DIR, else the platform data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Configuration file (default: config.toml in the platform config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import feedback files (CSV, TSV, JSON, JSON Lines) into the hub.
    Import(import::ImportArgs),
    /// Search with the query language (see README): words, "phrases", OR, -not, tag:, date:…
    Search(search::SearchArgs),
    /// Show how a query is parsed and segmented, and why its top hits matched.
    Explain(explain::ExplainArgs),
    /// Show one record in full.
    Show(show::ShowArgs),
    /// Everything one customer said, across channels: by email, phone, @handle or CRM id.
    Customer(customer::CustomerArgs),
    /// Records most like one record: near-duplicates and feedback about the same thing.
    Similar(similar::SimilarArgs),
    /// Counts by source, kind and month.
    Stats(show::StatsArgs),
    /// Rebuild the search index from the database.
    Reindex,
    /// Verify that the search index holds exactly the database's records.
    Check(maintain::CheckArgs),
    /// Shrink the database file: store older records compactly and give free space back.
    Compact,
    /// Add or remove themes on every record a query matches: tag QUERY +THEME -THEME.
    Tag(tag::TagArgs),
    /// Themes with their counts; `themes apply` runs the theme rules.
    Themes(themes::ThemesArgs),
    /// Send every record a query matches to the product or marketing queue.
    Route(route::RouteArgs),
    /// List a queue's items, or `queue set ITEM --status S` to move one.
    Queue(route::QueueArgs),
    /// Save a customer's exact words from a record as a quote.
    Quote(quote::QuoteArgs),
    /// List quotes, or `quotes export --format md|csv|json`.
    Quotes(quote::QuotesArgs),
    /// The journal of changes (tags, routes, statuses, quotes), newest first.
    Log(journal::LogArgs),
    /// Revert the last change, or journal entry N.
    Undo(journal::UndoArgs),
    /// Saved searches with live counts; `saved add NAME QUERY`, `saved rm NAME`.
    Saved(saved::SavedArgs),
    /// Measure import, search and interface speed beside SQLite FTS5 and LIKE (see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// The interface's actions, their keys (as the config binds them) and what each does.
    Keys(keys::KeysArgs),
    /// Import the bundled sample data into a fresh demo data dir and show it.
    Demo(demo::DemoArgs),
}

/// Runs the command; the returned code is the process exit status.
pub fn run(cli: Cli) -> Result<i32> {
    let config = Config::load(cli.config.as_deref())?;
    let Some(command) = cli.command else {
        let hub = open(&cli.data_dir, config)?;
        return crate::tui::run(hub);
    };
    // Bench and demo write to data dirs of their own; keys writes nothing.
    let on_data_dir = !matches!(
        command,
        Command::Bench(_) | Command::Keys(_) | Command::Demo(_)
    );
    let result = match command {
        Command::Bench(args) => bench::run(args, cli.config),
        Command::Keys(args) => keys::run(&config, args),
        Command::Demo(args) => demo::run(args, cli.data_dir.clone(), config),
        Command::Import(args) => import::run(&mut open(&cli.data_dir, config)?, args),
        Command::Search(args) => search::run(&open(&cli.data_dir, config)?, args),
        Command::Explain(args) => explain::run(&open(&cli.data_dir, config)?, args),
        Command::Show(args) => show::run_show(&open(&cli.data_dir, config)?, args),
        Command::Customer(args) => customer::run(&open(&cli.data_dir, config)?, args),
        Command::Similar(args) => similar::run(&open(&cli.data_dir, config)?, args),
        Command::Stats(args) => show::run_stats(&open(&cli.data_dir, config)?, args),
        Command::Reindex => maintain::run_reindex(&mut open(&cli.data_dir, config)?),
        Command::Check(args) => {
            let hub = open_by(&cli.data_dir, config, Hub::open_as_found);
            maintain::run_check(&mut hub?, args)
        }
        Command::Compact => maintain::run_compact(&mut open(&cli.data_dir, config)?),
        Command::Tag(args) => tag::run(&mut open(&cli.data_dir, config)?, args),
        Command::Themes(args) => themes::run(&mut open(&cli.data_dir, config)?, args),
        Command::Route(args) => route::run_route(&mut open(&cli.data_dir, config)?, args),
        Command::Queue(args) => route::run_queue(&mut open(&cli.data_dir, config)?, args),
        Command::Quote(args) => quote::run_quote(&mut open(&cli.data_dir, config)?, args),
        Command::Quotes(args) => quote::run_quotes(&open(&cli.data_dir, config)?, args),
        Command::Log(args) => journal::run_log(&open(&cli.data_dir, config)?, args),
        Command::Undo(args) => journal::run_undo(&mut open(&cli.data_dir, config)?, args),
        Command::Saved(args) => saved::run(&mut open(&cli.data_dir, config)?, args),
    };
    match on_data_dir {
        true => result.map_err(|e| explain_disk_full(e, &cli.data_dir)),
        false => result,
    }
}

/// Whichever write ran out of space (a tag, a route, a saved search, the index), the command
/// ends with the one wording that names the data dir and says what to do, not SQLite's or the
/// system's words.
fn explain_disk_full(e: anyhow::Error, flag: &Option<PathBuf>) -> anyhow::Error {
    if e.is::<quote::ExportWriteError>() {
        return e;
    }
    match config::resolve_data_dir(flag.as_deref()) {
        Ok(dir) if ran_out_of_space(e.as_ref(), &dir) => ServiceError::disk_full(&dir).into(),
        _ => e,
    }
}

/// The message for an error that ends a command: each cause once. Many errors already quote
/// their cause in their own text (`cannot read x.csv: No such file or directory`), and printing
/// the chain as it is would say the cause twice.
pub fn error_message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn open(flag: &Option<PathBuf>, config: Config) -> Result<Hub> {
    open_by(flag, config, Hub::open_telling)
}

type Opener = fn(&Path, Config, &mut dyn FnMut(&str)) -> Result<Hub, ServiceError>;

fn open_by(flag: &Option<PathBuf>, config: Config, how: Opener) -> Result<Hub> {
    let dir = config::resolve_data_dir(flag.as_deref())?;
    Ok(how(&dir, config, &mut |what| eprintln!("vochub: {what}…"))?)
}

#[cfg(test)]
mod tests {
    use super::error_message;
    use anyhow::Context;

    #[test]
    fn a_cause_quoted_by_its_error_is_said_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot read x.csv: {source} (check the path and its permissions)")]
        struct Quoting {
            source: std::io::Error,
        }
        let source = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let e = Err::<(), _>(Quoting { source })
            .context("cannot read the corpus x.csv")
            .unwrap_err();
        assert_eq!(
            error_message(&e),
            "cannot read the corpus x.csv: cannot read x.csv: No such file or directory \
             (check the path and its permissions)"
        );
    }

    #[test]
    fn a_cause_not_quoted_is_kept() {
        let e = Err::<(), _>(std::io::Error::other("disk full"))
            .context("cannot write report.json")
            .unwrap_err();
        assert_eq!(error_message(&e), "cannot write report.json: disk full");
    }
}
