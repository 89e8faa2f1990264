//! `vochub bench`: import, search and interface figures on a corpus, beside SQLite FTS5 trigram
//! and a LIKE scan, as a Markdown table or JSON. The measuring lives in `crate::bench`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::bench::{self, Options};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Measure this importable file as it is.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["size", "scales"])]
    pub corpus: Option<PathBuf>,
    /// Grow real Chinese text (../shared/data, else sample-data/) to N records.
    #[arg(long, value_name = "N", conflicts_with = "scales")]
    pub size: Option<usize>,
    /// Run at several sizes and report how the figures grow, e.g. 10000,100000,1000000.
    #[arg(long, value_name = "N,M,…", value_delimiter = ',')]
    pub scales: Vec<usize>,
    /// Query mix, one query a line, `[name]` starts a category (default: assets/bench_queries.txt,
    /// or assets/bench_queries_en.txt for a --corpus that is mostly English).
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// Grow texts that seldom repeat: past the first round of real texts, each record joins
    /// the first half of one to the second half of another. Without it the texts repeat, and
    /// most records are near-duplicates, which the store keeps as links and search folds.
    #[arg(long, conflicts_with = "corpus")]
    pub distinct: bool,
    /// Cut every grown text to about half its length: a million records are then about 100 MB
    /// of text instead of 200, and what each record costs beside its text weighs twice as much.
    #[arg(long, conflicts_with = "corpus")]
    pub short: bool,
    /// Folder with the zh_*.csv files to grow from (default: ../shared/data).
    #[arg(long, value_name = "DIR")]
    pub shared_data: Option<PathBuf>,
    /// Timed passes over the query mix.
    #[arg(long, default_value_t = 5)]
    pub reps: usize,
    /// Seconds a slow side may spend on timed passes before it repeats the mix fewer times.
    #[arg(long, default_value_t = 60.0)]
    pub budget: f64,
    /// Where to build the corpora and databases (default: a temporary dir, removed afterwards).
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<PathBuf>,
    /// Keep the temporary work dir.
    #[arg(long)]
    pub keep: bool,
    /// Print JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Print a report saved with --json as Markdown, measuring nothing.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["corpus", "size", "scales", "json"])]
    pub render: Option<PathBuf>,
    /// Internal: run one measurement described in FILE (the harness starts itself this way).
    #[arg(long, hide = true, value_name = "FILE")]
    pub worker: Option<PathBuf>,
}

pub fn run(args: BenchArgs, config_path: Option<PathBuf>) -> Result<i32> {
    if let Some(job) = &args.worker {
        println!("{}", bench::run_worker(job)?);
        return Ok(0);
    }
    if let Some(file) = &args.render {
        let text = std::fs::read(file)
            .with_context(|| format!("cannot read the report {}", file.display()))?;
        let report: bench::Report = serde_json::from_slice(&text).with_context(|| {
            format!(
                "{} is not a report saved by `vochub bench --json`",
                file.display()
            )
        })?;
        print!("{}", bench::markdown(&report));
        return Ok(0);
    }
    if args.reps == 0 {
        bail!("--reps must be at least 1");
    }
    let scales = match (args.size, args.scales.is_empty()) {
        (Some(n), _) => vec![n],
        (None, false) => args.scales,
        (None, true) => vec![10_000],
    };
    if scales.contains(&0) {
        bail!("a size must be at least 1 record");
    }
    let opts = Options {
        corpus: args.corpus,
        scales,
        distinct: args.distinct,
        short: args.short,
        queries: args.queries,
        shared_data: args.shared_data,
        reps: args.reps,
        budget_secs: args.budget,
        work_dir: args.work_dir,
        keep: args.keep,
        config_path,
    };
    let report = bench::run(&opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", bench::markdown(&report));
    }
    Ok(0)
}
