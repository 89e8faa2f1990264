//! `vochub demo`: the bundled sample data in a fresh data dir, so a first look needs no files.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use crate::config::Config;
use crate::service::{Hub, ImportOptions, ImportRequest, SearchOptions};

/// The project's own sample files, built into the binary so the demo runs from anywhere.
const SAMPLES: &[(&str, &str)] = &[
    (
        "tickets.json",
        include_str!("../../sample-data/tickets.json"),
    ),
    (
        "sales_notes.csv",
        include_str!("../../sample-data/sales_notes.csv"),
    ),
    (
        "social.jsonl",
        include_str!("../../sample-data/social.jsonl"),
    ),
];

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print stats and a sample search instead of opening the interface.
    #[arg(long)]
    pub no_tui: bool,
}

pub fn run(args: DemoArgs, data_dir: Option<PathBuf>, config: Config) -> Result<i32> {
    let dir = data_dir.unwrap_or_else(|| std::env::temp_dir().join("vochub-demo"));
    if dir.join("vochub.db").exists() {
        // A fresh demo each time: only ever remove what a demo created.
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot clear the old demo data in {}", dir.display()))?;
    }
    let mut hub = Hub::open(&dir, config)?;
    let files_dir = dir.join("sample-data");
    std::fs::create_dir_all(&files_dir)?;
    let mut paths = Vec::new();
    for (name, text) in SAMPLES {
        let p = files_dir.join(name);
        std::fs::write(&p, text)?;
        paths.push(p);
    }
    let summary = hub.import(
        &ImportRequest {
            paths: &paths,
            options: ImportOptions::default(),
        },
        &mut |_| {},
    )?;
    eprintln!(
        "demo data dir: {} ({} records imported)",
        dir.display(),
        summary.inserted + summary.updated + summary.unchanged
    );
    if args.no_tui || !crate::tui::AVAILABLE {
        print_overview(&hub)?;
        return Ok(0);
    }
    crate::tui::run(hub)
}

fn print_overview(hub: &Hub) -> Result<()> {
    let stats = hub.stats()?;
    println!("{} records", stats.total);
    for (kind, n) in &stats.by_kind {
        println!("  {kind:<12} {n}");
    }
    let query = "退款";
    let page = hub.search(
        query,
        &SearchOptions {
            limit: 5,
            ..Default::default()
        },
    )?;
    println!("\nvochub search {query}: {} hits", page.total);
    for h in &page.hits {
        println!(
            "  #{:<5} {} {}",
            h.record.id,
            h.record.created_at.format("%Y-%m-%d"),
            super::output::marked_snippet(&h.snippet)
        );
    }
    println!(
        "\nTry: vochub --data-dir {} search '退款 OR refund' --limit 10",
        hub.data_dir().display()
    );
    Ok(())
}
