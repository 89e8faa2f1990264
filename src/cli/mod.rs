//! The command line: one file per subcommand, `--json` wherever data is printed. Speaks only to
//! the service layer.

mod argv;
mod bench;
mod customer;
mod demo;
mod explain;
mod import;
mod interrupt;
mod journal;
mod keys;
mod maintain;
mod missed;
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

/// Reads the process's command line, query words starting with '-' included (see `argv`).
pub fn parse() -> Cli {
    Cli::parse_from(argv::arrange(std::env::args_os().collect()))
}

/// Runs the command; the returned code is the process exit status.
pub fn run(cli: Cli) -> Result<i32> {
    let config = Config::load(cli.config.as_deref())?;
    let Some(command) = cli.command else {
        let hub = open(&cli.data_dir, config)?;
        return crate::tui::run(hub);
    };
    let acted = missed::Acted::by(&command);
    let how: Opener = match command {
        // `check` reports an index that lags the store rather than find it already repaired.
        Command::Check(_) => Hub::open_as_found,
        _ => Hub::open_telling,
    };
    let job: Job = match command {
        // Bench and demo write to data dirs of their own; keys writes nothing.
        Command::Bench(args) => return bench::run(args, cli.config),
        Command::Keys(args) => return keys::run(&config, args),
        Command::Demo(args) => return demo::run(args, cli.data_dir.clone(), config),
        Command::Import(args) => Box::new(|hub: &mut Hub| import::run(hub, args)),
        Command::Search(args) => Box::new(|hub: &mut Hub| search::run(hub, args)),
        Command::Explain(args) => Box::new(|hub: &mut Hub| explain::run(hub, args)),
        Command::Show(args) => Box::new(|hub: &mut Hub| show::run_show(hub, args)),
        Command::Customer(args) => Box::new(|hub: &mut Hub| customer::run(hub, args)),
        Command::Similar(args) => Box::new(|hub: &mut Hub| similar::run(hub, args)),
        Command::Stats(args) => Box::new(|hub: &mut Hub| show::run_stats(hub, args)),
        Command::Reindex => Box::new(maintain::run_reindex),
        Command::Check(args) => Box::new(|hub: &mut Hub| maintain::run_check(hub, args)),
        Command::Compact => Box::new(maintain::run_compact),
        Command::Tag(args) => Box::new(|hub: &mut Hub| tag::run(hub, args)),
        Command::Themes(args) => Box::new(|hub: &mut Hub| themes::run(hub, args)),
        Command::Route(args) => Box::new(|hub: &mut Hub| route::run_route(hub, args)),
        Command::Queue(args) => Box::new(|hub: &mut Hub| route::run_queue(hub, args)),
        Command::Quote(args) => Box::new(|hub: &mut Hub| quote::run_quote(hub, args)),
        Command::Quotes(args) => Box::new(|hub: &mut Hub| quote::run_quotes(hub, args)),
        Command::Log(args) => Box::new(|hub: &mut Hub| journal::run_log(hub, args)),
        Command::Undo(args) => Box::new(|hub: &mut Hub| journal::run_undo(hub, args)),
        Command::Saved(args) => Box::new(|hub: &mut Hub| saved::run(hub, args)),
    };
    let on_data_dir = || -> Result<i32> {
        let mut hub = open_by(&cli.data_dir, config, how)?;
        if acted.is_some() {
            hub.count_missed();
        }
        let code = job(&mut hub)?;
        // Said once here, after the command's own output, for every command that runs a query.
        if let Some(acted) = acted {
            missed::warn(&hub, acted);
        }
        Ok(code)
    };
    on_data_dir().map_err(|e| explain_disk_full(e, &cli.data_dir))
}

/// A command's work on the open data dir.
type Job = Box<dyn FnOnce(&mut Hub) -> Result<i32>>;

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
