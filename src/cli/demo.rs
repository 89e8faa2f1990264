//! `vochub demo`: the bundled sample data in a fresh data dir, so a first look needs no files.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::config::Config;
use crate::domain::counted;
use crate::service::{Hub, ImportRequest, SearchOptions};

macro_rules! sample {
    ($name:literal) => {
        ($name, include_bytes!(concat!("../../sample-data/", $name)))
    };
}

/// The project's own sample files, built into the binary so the demo runs from anywhere: every
/// channel a hub gathers (helpdesks, CRM, social platforms, mail), each in its tool's own export
/// shape, so the first look shows them side by side. Bytes, since one file is GBK.
const SAMPLES: &[(&str, &[u8])] = &[
    sample!("tickets.json"),
    sample!("sales_notes.csv"),
    sample!("social.jsonl"),
    sample!("legacy_gbk.csv"),
    sample!("zendesk_tickets.json"),
    sample!("zendesk_export.jsonl"),
    sample!("freshdesk_tickets.json"),
    sample!("intercom_conversations.json"),
    sample!("salesforce_tasks.csv"),
    sample!("salesforce_notes.csv"),
    sample!("x_mentions.csv"),
    sample!("x_archive/data/tweets.js"),
    sample!("weibo_comments.json"),
    sample!("xhs_comments.csv"),
    sample!("douyin_comments.json"),
    sample!("douyin_copy_paste_wave.csv"),
    sample!("support_inbox.mbox"),
    sample!("complaint.eml"),
];

/// Marks a data dir the demo made, and so may clear.
const DEMO_MARK: &str = "vochub-demo";

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print stats and a sample search instead of opening the interface.
    #[arg(long)]
    pub no_tui: bool,
}

pub fn run(args: DemoArgs, data_dir: Option<PathBuf>, config: Config) -> Result<i32> {
    // The default place belongs to the demo; a dir the user names is cleared only when a demo
    // made it (its mark), so `--data-dir` pointed at real data never costs anyone their work.
    let named = data_dir.is_some();
    let dir = data_dir.unwrap_or_else(|| std::env::temp_dir().join("vochub-demo"));
    if dir.join("vochub.db").exists() {
        if named && !dir.join(DEMO_MARK).exists() {
            bail!(
                "{} holds a vochub database that is not a demo; give demo an empty or new --data-dir",
                dir.display()
            );
        }
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot clear the old demo data in {}", dir.display()))?;
    }
    let mut hub = Hub::open(&dir, config)?;
    std::fs::write(
        dir.join(DEMO_MARK),
        "made by vochub demo; removed by the next demo\n",
    )?;
    let files_dir = dir.join("sample-data");
    std::fs::create_dir_all(&files_dir)?;
    let mut paths = Vec::new();
    for (name, text) in SAMPLES {
        let p = files_dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&p, text)?;
        paths.push(p);
    }
    let summary = hub.import(
        &ImportRequest::new(&paths, hub.import_options()),
        &mut |_| {},
    )?;
    eprintln!(
        "demo data dir: {} ({} imported)",
        dir.display(),
        counted(
            summary.inserted + summary.updated + summary.unchanged,
            "record"
        )
    );
    if args.no_tui || !crate::tui::AVAILABLE {
        print_overview(&hub)?;
        return Ok(0);
    }
    crate::tui::run(hub)
}

fn print_overview(hub: &Hub) -> Result<()> {
    let stats = hub.stats()?;
    println!("{}", counted(stats.total, "record"));
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
    println!("\nvochub search {query}: {}", counted(page.total, "hit"));
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
