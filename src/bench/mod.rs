//! `vochub bench`: how fast vochub imports, searches and answers keystrokes on a corpus, next to
//! what a user would reach for instead (SQLite FTS5 with the trigram tokenizer, and a plain LIKE
//! scan) built from the same rows in the same run, at one or several sizes.
//!
//! A service-level room beside `service`: it drives vochub only through `Hub`, and is the one
//! place outside the store allowed to speak SQL, because the peers it measures are SQLite.
//! Each measurement runs in a child process (this binary, `bench --worker JOB`), so peak memory
//! and time to first frame are those of a fresh process, never inherited from an earlier step.

pub mod corpus;
mod markdown;
mod measure;
mod peer_sql;
mod peers;
mod queries;
mod report;
mod targets;
mod tui;
mod vochub;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::config::Config;
pub use markdown::render as markdown;
pub use report::{Report, ScaleReport};

use corpus::Corpus;
use queries::{BenchQuery, Mix};
use vochub::SearchPlan;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Measure this file as it is, instead of growing a corpus.
    pub corpus: Option<PathBuf>,
    /// Sizes to grow the corpus to (ignored with `corpus`).
    pub scales: Vec<usize>,
    /// Grow texts that seldom repeat instead of repeating the real ones.
    pub distinct: bool,
    /// Cut each grown text to about half its length.
    pub short: bool,
    pub queries: Option<PathBuf>,
    /// Where the Chinese texts to grow from are (default ../shared/data).
    pub shared_data: Option<PathBuf>,
    /// Timed passes over the query mix.
    pub reps: usize,
    /// Seconds a slow system may spend on its timed passes before repeating less.
    pub budget_secs: f64,
    pub work_dir: Option<PathBuf>,
    pub keep: bool,
    /// The `--config` file, handed on to the worker processes.
    pub config_path: Option<PathBuf>,
}

/// One measurement, run in a child process.
#[derive(Debug, Serialize, Deserialize)]
enum Job {
    Import {
        corpus: PathBuf,
        dir: PathBuf,
    },
    Peers {
        corpus: PathBuf,
        db: PathBuf,
    },
    Search {
        dir: PathBuf,
        db: PathBuf,
        mix: Vec<BenchQuery>,
        reps: usize,
        budget_secs: f64,
    },
    Tui {
        dir: PathBuf,
        mix: Vec<BenchQuery>,
    },
}

#[derive(Debug, Serialize, Deserialize)]
struct JobFile {
    config: Option<PathBuf>,
    job: Job,
}

pub fn run(opts: &Options) -> Result<Report> {
    // The user's mix is read before anything is measured, so a wrong path fails at once.
    let named = opts.queries.as_deref().map(queries::load).transpose()?;
    let work = match &opts.work_dir {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("vochub-bench-{}", std::process::id())),
    };
    std::fs::create_dir_all(&work)
        .with_context(|| format!("cannot create the work dir {}", work.display()))?;
    let result = run_in(opts, named, &work);
    if !opts.keep && opts.work_dir.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        eprintln!("bench: data kept in {}", work.display());
    }
    result
}

fn run_in(opts: &Options, named: Option<Mix>, work: &Path) -> Result<Report> {
    let given = match &opts.corpus {
        Some(file) => {
            progress(&format!("reading {}", file.display()));
            Some(corpus::describe(file)?)
        }
        None => None,
    };
    let english = given.as_ref().is_some_and(|c| c.english);
    let mix = named.unwrap_or_else(|| queries::shipped(english));
    progress(&format!(
        "query mix: {} ({} queries)",
        mix.origin,
        mix.queries.len()
    ));
    let mut scales = Vec::new();
    if let Some(c) = given {
        let dir = work.join("corpus");
        fresh_dir(&dir)?;
        scales.push(measure_scale(opts, &mix.queries, c, &dir)?);
    } else {
        if opts.scales.is_empty() {
            bail!("no size given: pass --size N, --scales N,M or --corpus FILE");
        }
        let (seeds, origin) = corpus::seeds(opts.shared_data.as_deref())?;
        for &n in &opts.scales {
            let dir = work.join(n.to_string());
            fresh_dir(&dir)?;
            progress(&format!("{n} records: growing the corpus"));
            let file = dir.join("corpus.csv");
            let c = corpus::grow(&seeds, &origin, n, opts.distinct, opts.short, &file)?;
            scales.push(measure_scale(opts, &mix.queries, c, &dir)?);
        }
    }
    Ok(Report::new(&mix, scales))
}

fn measure_scale(
    opts: &Options,
    mix: &[BenchQuery],
    corpus: Corpus,
    dir: &Path,
) -> Result<ScaleReport> {
    let data = dir.join("vochub");
    let db = dir.join("peers.db");
    for stale in [&data, &dir.join("peers.db"), &dir.join("peers.db-wal")] {
        remove(stale)?;
    }
    let n = corpus.records;
    progress(&format!("{n} records: vochub import"));
    let import = spawn(
        opts,
        dir,
        Job::Import {
            corpus: corpus.path.clone(),
            dir: data.clone(),
        },
    )?;
    progress(&format!("{n} records: FTS5 trigram and plain-table import"));
    let peers = spawn(
        opts,
        dir,
        Job::Peers {
            corpus: corpus.path.clone(),
            db: db.clone(),
        },
    )?;
    progress(&format!("{n} records: search"));
    let search = spawn(
        opts,
        dir,
        Job::Search {
            dir: data.clone(),
            db,
            mix: mix.to_vec(),
            reps: opts.reps,
            budget_secs: opts.budget_secs,
        },
    )?;
    progress(&format!("{n} records: interface"));
    let tui = spawn(
        opts,
        dir,
        Job::Tui {
            dir: data,
            mix: mix.to_vec(),
        },
    )?;
    Ok(ScaleReport::new(corpus, import, peers, search, tui))
}

/// Runs `job` in a child process of this binary and reads its JSON answer.
fn spawn<T: DeserializeOwned>(opts: &Options, dir: &Path, job: Job) -> Result<T> {
    let file = dir.join("job.json");
    let spec = JobFile {
        config: opts.config_path.clone(),
        job,
    };
    std::fs::write(&file, serde_json::to_vec(&spec)?)?;
    let exe =
        std::env::current_exe().context("cannot find the vochub binary to run a measurement")?;
    let out = Command::new(exe)
        .arg("bench")
        .arg("--worker")
        .arg(&file)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("cannot start a measurement process")?;
    if !out.status.success() {
        bail!(
            "a measurement process failed ({}); its messages are above",
            out.status
        );
    }
    serde_json::from_slice(&out.stdout)
        .context("a measurement process answered something unreadable")
}

/// The child side of `spawn`: runs the job described in `file`, returns its answer as JSON.
pub fn run_worker(file: &Path) -> Result<String> {
    let text = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let spec: JobFile = serde_json::from_slice(&text)?;
    let config = Config::load(spec.config.as_deref())?;
    Ok(match spec.job {
        Job::Import { corpus, dir } => {
            serde_json::to_string(&vochub::import(&corpus, &dir, config)?)?
        }
        Job::Peers { corpus, db } => serde_json::to_string(&peers::build(&corpus, &db)?)?,
        Job::Search {
            dir,
            db,
            mix,
            reps,
            budget_secs,
        } => {
            let plan = SearchPlan { reps, budget_secs };
            serde_json::to_string(&vochub::search(&dir, &db, config, &mix, plan)?)?
        }
        Job::Tui { dir, mix } => serde_json::to_string(&tui::measure(&dir, config, &mix)?)?,
    })
}

fn fresh_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Removes what an earlier run left under the work dir (never anything else).
fn remove(path: &Path) -> Result<()> {
    let r = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else if path.exists() {
        std::fs::remove_file(path)
    } else {
        Ok(())
    };
    r.with_context(|| format!("cannot clear {}", path.display()))
}

fn progress(what: &str) {
    eprintln!("bench: {what}…");
}
