//! `vochub similar ID`: the records most like one record (more-like-this over its key terms),
//! for spotting duplicates and grouping feedback about the same thing.

use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};

use super::output::print_json;
use super::search::{hit_json, print_hit_row};
use crate::domain::counted;
use crate::service::Hub;

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The record's vochub id (as `search` prints it).
    pub id: i64,
    /// Maximum records; 0 means every record that shares a key term.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON: {"id", "total", "hits": [as in search --json]}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(hub: &Hub, args: SimilarArgs) -> Result<i32> {
    let hits = hub.similar(args.id, args.limit)?;
    if args.json {
        let list: Vec<Value> = hits.iter().map(hit_json).collect();
        print_json(&json!({"id": args.id, "total": hits.len(), "hits": list}))?;
        return Ok(0);
    }
    println!("{} like #{}", counted(hits.len(), "record"), args.id);
    hits.iter().for_each(print_hit_row);
    Ok(0)
}
