//! What a run found: per scale, the raw figures of each side and the summaries the tables show.

use serde::{Deserialize, Serialize};

use super::corpus::Corpus;
use super::measure::Latency;
use super::peers::{BuildFigures, PeerBuilds};
use super::queries::{BenchQuery, Mix, categories};
use super::targets::{Check, check};
use super::tui::TuiFigures;
use super::vochub::{ImportFigures, QueryTimes, SearchFigures};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub date: String,
    pub machine: Machine,
    /// "release" or "debug": a debug build's figures say little about vochub.
    pub build: String,
    pub vochub_version: String,
    /// The query file timed, or the shipped mix's path.
    #[serde(default)]
    pub mix: String,
    pub queries: Vec<BenchQuery>,
    pub scales: Vec<ScaleReport>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub arch: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScaleReport {
    pub corpus: Corpus,
    pub import: Imports,
    pub search: Searches,
    pub tui: TuiFigures,
    pub targets: Vec<Check>,
    /// Every timing of every query, for anyone who wants more than percentiles.
    pub raw_search: SearchFigures,
}

/// Import end to end on each side.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Imports {
    pub vochub: Side,
    pub fts5: Side,
    pub like: Side,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Side {
    pub records: usize,
    pub secs: f64,
    pub cpu_secs: f64,
    pub records_per_sec: f64,
    pub mb_per_sec: f64,
    pub peak_rss: u64,
    pub disk_bytes: u64,
    /// Size on disk over the raw text size.
    pub disk_ratio: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Searches {
    pub vochub: Latency,
    /// vochub's latencies in CPU time: what the figures would be on an otherwise idle machine.
    pub vochub_cpu: Latency,
    pub fts5: Latency,
    pub like: Latency,
    /// Queries each peer could express (vochub answers all of them).
    pub fts5_queries: usize,
    pub like_queries: usize,
    pub by_category: Vec<CategoryLatency>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CategoryLatency {
    pub category: String,
    pub queries: usize,
    pub vochub: Latency,
    pub fts5: Latency,
    pub like: Latency,
}

impl Report {
    pub fn new(mix: &Mix, scales: Vec<ScaleReport>) -> Report {
        Report {
            date: chrono::Local::now()
                .format("%Y-%m-%d %H:%M %:z")
                .to_string(),
            machine: Machine::this(),
            build: if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
            .into(),
            vochub_version: env!("CARGO_PKG_VERSION").into(),
            mix: mix.origin.clone(),
            queries: mix.queries.clone(),
            scales,
        }
    }
}

impl ScaleReport {
    pub fn new(
        corpus: Corpus,
        import: ImportFigures,
        peers: PeerBuilds,
        search: SearchFigures,
        tui: TuiFigures,
    ) -> ScaleReport {
        let vochub = Side {
            records: import.records,
            secs: import.secs,
            cpu_secs: import.cpu_secs,
            peak_rss: import.peak_rss,
            disk_bytes: import.db_bytes + import.index_bytes,
            ..Default::default()
        };
        let imports = Imports {
            vochub: rates(vochub, &corpus),
            fts5: rates(peer_side(peers.fts5), &corpus),
            like: rates(peer_side(peers.like), &corpus),
        };
        let mut report = ScaleReport {
            import: imports,
            search: summarise(&search),
            corpus,
            tui,
            targets: Vec::new(),
            raw_search: search,
        };
        report.targets = check(&report);
        report
    }
}

fn peer_side(b: BuildFigures) -> Side {
    Side {
        records: b.records,
        secs: b.secs,
        cpu_secs: b.cpu_secs,
        peak_rss: b.peak_rss,
        disk_bytes: b.disk_bytes,
        ..Default::default()
    }
}

fn rates(mut s: Side, corpus: &Corpus) -> Side {
    let secs = s.secs.max(1e-9);
    s.records_per_sec = s.records as f64 / secs;
    s.mb_per_sec = corpus.file_bytes as f64 / 1e6 / secs;
    s.disk_ratio = s.disk_bytes as f64 / corpus.text_bytes.max(1) as f64;
    s
}

fn summarise(f: &SearchFigures) -> Searches {
    let all = |v: &[QueryTimes], cat: Option<&str>| -> Latency {
        let samples: Vec<f64> = v
            .iter()
            .filter(|q| cat.is_none_or(|c| q.category == c))
            .flat_map(|q| q.ms.iter().copied())
            .collect();
        Latency::of(&samples)
    };
    let cpu: Vec<f64> = f
        .vochub
        .iter()
        .flat_map(|q| q.cpu_ms.iter().copied())
        .collect();
    let supported = |v: &[QueryTimes]| v.iter().filter(|q| q.hits.is_some()).count();
    let queries: Vec<BenchQuery> = f
        .vochub
        .iter()
        .map(|q| BenchQuery {
            category: q.category.clone(),
            text: q.text.clone(),
        })
        .collect();
    let by_category = categories(&queries)
        .into_iter()
        .map(|c| CategoryLatency {
            queries: queries.iter().filter(|q| q.category == c).count(),
            vochub: all(&f.vochub, Some(&c)),
            fts5: all(&f.fts5, Some(&c)),
            like: all(&f.like, Some(&c)),
            category: c,
        })
        .collect();
    Searches {
        vochub: all(&f.vochub, None),
        vochub_cpu: Latency::of(&cpu),
        fts5: all(&f.fts5, None),
        like: all(&f.like, None),
        fts5_queries: supported(&f.fts5),
        like_queries: supported(&f.like),
        by_category,
    }
}

impl Machine {
    fn this() -> Machine {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("model name"))
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        let memory_gib = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("MemTotal:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            })
            .map(|kb| kb / 1024.0 / 1024.0)
            .unwrap_or(0.0);
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory_gib,
            arch: std::env::consts::ARCH.into(),
        }
    }
}
