//! `vochub show ID` and `vochub stats`.

use anyhow::Result;
use clap::Args;

use super::output::print_json;
use crate::domain::{sanitize, sanitize_line};
use crate::service::Hub;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's vochub id (as `search` prints it).
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub json: bool,
}

pub fn run_show(hub: &Hub, args: ShowArgs) -> Result<i32> {
    let r = hub.record(args.id)?;
    if args.json {
        print_json(&r)?;
        return Ok(0);
    }
    let date_note = if r.date_is_import_time {
        " (import time: the source had no date)"
    } else {
        ""
    };
    // vochub's derived id would name nothing in the source's own tool: say there is none.
    let source_id = match r.source_id() {
        Some(id) => sanitize_line(id),
        None => "(no source id)".to_string(),
    };
    println!(
        "#{}  {} / {}  {source_id}",
        r.id,
        r.kind,
        sanitize_line(&r.source),
    );
    println!(
        "date    {}{date_note}",
        r.created_at.format("%Y-%m-%d %H:%M %:z")
    );
    if let Some(a) = &r.author {
        println!("author  {}", sanitize_line(a));
    }
    println!("lang    {}", r.lang);
    if let Some(rating) = r.rating {
        println!("rating  {rating}");
    }
    if let Some(u) = &r.url {
        println!("url     {}", sanitize_line(u));
    }
    if !r.tags.is_empty() {
        println!("themes  {}", sanitize_line(&r.tags.join(", ")));
    }
    if let Some(t) = &r.title {
        println!("\n{}", sanitize_line(t));
    }
    println!("\n{}", sanitize(&r.body));
    Ok(0)
}

pub fn run_stats(hub: &Hub, args: StatsArgs) -> Result<i32> {
    let s = hub.stats()?;
    if args.json {
        let obj = |list: &[(String, u64)]| -> serde_json::Value {
            serde_json::Value::Object(
                list.iter()
                    .map(|(k, n)| (k.clone(), serde_json::json!(n)))
                    .collect(),
            )
        };
        print_json(&serde_json::json!({
            "total": s.total,
            "by_source": obj(&s.by_source),
            "by_kind": obj(&s.by_kind),
            "by_month": obj(&s.by_month),
        }))?;
        return Ok(0);
    }
    println!("total {}", s.total);
    for (title, list) in [
        ("source", &s.by_source),
        ("kind", &s.by_kind),
        ("month", &s.by_month),
    ] {
        println!("\nby {title}");
        for (k, n) in list {
            println!("  {:<24} {n:>8}", sanitize_line(k));
        }
    }
    Ok(0)
}
