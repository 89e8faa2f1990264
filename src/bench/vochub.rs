//! vochub's side of a run, through the service layer exactly as the CLI uses it: `Hub::import`
//! for import (parse → SQLite → index committed) and `Hub::search` for queries (top 20, snippets).

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::measure::{cpu_secs, disk_size, peak_rss, timed};
use super::peer_sql::Peer;
use super::peers::PeerDb;
use super::queries::BenchQuery;
use crate::config::Config;
use crate::domain::query::{self, SortOrder};
use crate::index::highlight_terms;
use crate::service::{Hub, ImportRequest, SearchOptions, now};

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct ImportFigures {
    pub records: usize,
    pub secs: f64,
    pub cpu_secs: f64,
    pub peak_rss: u64,
    pub db_bytes: u64,
    pub index_bytes: u64,
}

/// Imports the corpus into a fresh data dir, timing from opening the hub to the committed index.
pub fn import(corpus: &Path, dir: &Path, config: Config) -> Result<ImportFigures> {
    let started = Instant::now();
    let mut hub = Hub::open(dir, config)?;
    let paths = [corpus.to_path_buf()];
    let summary = hub.import(
        &ImportRequest::new(&paths, hub.import_options()),
        &mut |_| {},
    )?;
    // Closing checkpoints SQLite's WAL, so the sizes below are the files a user keeps.
    drop(hub);
    let secs = started.elapsed().as_secs_f64();
    let index_bytes = disk_size(&dir.join("index"));
    Ok(ImportFigures {
        records: summary.inserted + summary.updated + summary.unchanged,
        secs,
        cpu_secs: cpu_secs(),
        peak_rss: peak_rss(),
        db_bytes: disk_size(dir).saturating_sub(index_bytes),
        index_bytes,
    })
}

/// One query's timings on one system; `hits` is None when the system cannot express it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QueryTimes {
    pub category: String,
    pub text: String,
    pub hits: Option<usize>,
    pub ms: Vec<f64>,
    /// The same runs in CPU time of the searching thread.
    pub cpu_ms: Vec<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchFigures {
    pub vochub: Vec<QueryTimes>,
    pub fts5: Vec<QueryTimes>,
    pub like: Vec<QueryTimes>,
    /// Hits vochub found in all (not just the top 20), per query: how broad the mix is.
    pub totals: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
pub struct SearchPlan {
    pub reps: usize,
    /// A slow system repeats the mix fewer times, so one run stays within minutes.
    pub budget_secs: f64,
}

/// Runs the mix on vochub and on both peers: one untimed pass to warm caches, then up to
/// `reps` timed passes each.
pub fn search(
    dir: &Path,
    peers_db: &Path,
    config: Config,
    mix: &[BenchQuery],
    plan: SearchPlan,
) -> Result<SearchFigures> {
    let hub = Hub::open(dir, config)?;
    let peers = PeerDb::open(peers_db)?;
    let opts = SearchOptions::default();
    let mut totals = Vec::with_capacity(mix.len());
    let vochub = time_mix(mix, plan, |text| {
        let page = hub.search(text, &opts)?;
        if totals.len() < mix.len() {
            totals.push(page.total);
        }
        Ok(Some(page.hits.len()))
    })?;
    let on_peer = |peer: Peer| {
        time_mix(mix, plan, |text| {
            let parsed = query::parse(text, now())?;
            let sort = parsed.sort.unwrap_or(SortOrder::Relevance);
            let terms = highlight_terms(&parsed);
            peers.search(peer, &parsed, sort, &terms, opts.snippet_chars)
        })
    };
    let fts5 = on_peer(Peer::Fts5)?;
    let like = on_peer(Peer::Like)?;
    Ok(SearchFigures {
        vochub,
        fts5,
        like,
        totals,
    })
}

fn time_mix(
    mix: &[BenchQuery],
    plan: SearchPlan,
    mut run: impl FnMut(&str) -> Result<Option<usize>>,
) -> Result<Vec<QueryTimes>> {
    let mut out: Vec<QueryTimes> = Vec::with_capacity(mix.len());
    let warm = Instant::now();
    for q in mix {
        out.push(QueryTimes {
            category: q.category.clone(),
            text: q.text.clone(),
            hits: run(&q.text)?,
            ms: Vec::new(),
            cpu_ms: Vec::new(),
        });
    }
    let pass = warm.elapsed().as_secs_f64().max(1e-6);
    let reps = ((plan.budget_secs / pass) as usize).clamp(1, plan.reps.max(1));
    for _ in 0..reps {
        for (q, times) in mix.iter().zip(out.iter_mut()) {
            if times.hits.is_none() {
                continue;
            }
            let (result, wall, cpu) = timed(|| run(&q.text));
            result?;
            times.ms.push(wall);
            times.cpu_ms.push(cpu);
        }
    }
    Ok(out)
}
