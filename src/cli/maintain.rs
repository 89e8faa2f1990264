//! `vochub reindex`, `vochub check [--repair]` and `vochub compact`.

use anyhow::Result;
use clap::Args;

use super::output::print_json;
use crate::domain::counted;
use crate::service::{CheckReport, Hub};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fix what the check finds (re-index missing and stale records, drop extra ones).
    #[arg(long)]
    pub repair: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run_reindex(hub: &mut Hub) -> Result<i32> {
    let started = std::time::Instant::now();
    let n = hub.reindex()?;
    println!(
        "reindexed {} in {:.1} s",
        counted(n, "record"),
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

pub fn run_compact(hub: &mut Hub) -> Result<i32> {
    let c = hub.compact()?;
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "database {:.1} MiB -> {:.1} MiB ({} rewritten in the compact form)",
        mib(c.store.bytes_before),
        mib(c.store.bytes_after),
        counted(c.store.bodies, "body")
    );
    println!(
        "index {:.1} MiB -> {:.1} MiB ({} merged into one)",
        mib(c.index_bytes_before),
        mib(c.index_bytes_after),
        counted(c.segments, "segment")
    );
    Ok(0)
}

pub fn run_check(hub: &mut Hub, args: CheckArgs) -> Result<i32> {
    let report = if args.repair {
        hub.repair()?
    } else {
        hub.check()?
    };
    if args.json {
        print_json(&report)?;
    } else {
        describe(&report, args.repair);
    }
    for w in &report.permission_warnings {
        eprintln!("warning: {w}");
    }
    let repaired = args.repair && report.database == "ok";
    Ok(if report.ok() || repaired { 0 } else { 1 })
}

fn describe(r: &CheckReport, repaired: bool) {
    if r.database != "ok" {
        println!("the database is damaged: {}", r.database);
        println!("restore it from a backup; `vochub reindex` cannot repair the database itself");
    }
    let agree = r.missing.is_empty() && r.stale.is_empty() && r.extra.is_empty();
    if agree {
        if r.database == "ok" {
            println!(
                "ok: the index holds the database's {}",
                counted(r.store_records, "record")
            );
        }
        return;
    }
    println!(
        "the index differs from the database ({} in the database, {} in the index):",
        counted(r.store_records, "record"),
        r.index_records
    );
    for (what, ids) in [
        ("missing from the index", &r.missing),
        ("stale in the index", &r.stale),
        ("in the index but not the database", &r.extra),
    ] {
        if !ids.is_empty() {
            println!("  {} {what}: {}", ids.len(), list(ids));
        }
    }
    if repaired {
        println!("repaired.");
    } else {
        println!("run `vochub check --repair` (or `vochub reindex`) to fix it");
    }
}

fn list(ids: &[i64]) -> String {
    let shown: Vec<String> = ids.iter().take(20).map(|i| i.to_string()).collect();
    let more = if ids.len() > 20 {
        format!(" … (+{})", ids.len() - 20)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}
