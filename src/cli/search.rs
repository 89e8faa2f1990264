//! `vochub search QUERY` and `vochub search --stdin`.

use std::io::{BufRead, Write};

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::output::{fit, marked_snippet};
use crate::domain::counted;
use crate::domain::query::SortOrder;
use crate::service::{DEFAULT_LIMIT, Hit, Hub, SearchOptions, SearchPage};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, e.g. 退款 物流, "原价退款", tag:物流 date:2026-10, -快递 (see README).
    #[arg(
        value_name = "QUERY",
        required_unless_present = "stdin",
        num_args = 1..
    )]
    pub query: Vec<String>,
    /// Maximum hits; 0 means every hit.
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    /// Order of hits (default: a sort: in the query, else relevance).
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// List near-duplicates (reposts, pasted complaints) one by one instead of folding them into a count.
    #[arg(long)]
    pub no_fold: bool,
    /// Read one query per line from stdin, print one JSON object per line.
    #[arg(long)]
    pub stdin: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

impl From<SortArg> for SortOrder {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Newest => SortOrder::Newest,
            SortArg::Oldest => SortOrder::Oldest,
        }
    }
}

pub fn run(hub: &Hub, args: SearchArgs) -> Result<i32> {
    let opts = SearchOptions {
        limit: args.limit,
        sort: args.sort.map(Into::into),
        facets: args.json && !args.stdin,
        fold_duplicates: !args.no_fold,
        // Scripts get the query as typed; a person reading the table gets its words apart when
        // that finds nothing.
        loosen: !args.json && !args.stdin,
        ..Default::default()
    };
    if args.stdin {
        return run_stdin(hub, &opts);
    }
    let text = args.query.join(" ");
    if text.trim().is_empty() {
        bail!("the query is empty: give words to search for, or a filter such as tag:物流");
    }
    let page = hub.search(&text, &opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&page_json(&page))?);
    } else {
        print_table(&page);
    }
    Ok(0)
}

fn run_stdin(hub: &Hub, opts: &SearchOptions) -> Result<i32> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v = match hub.search(&line, opts) {
            Ok(page) => page_json(&page),
            Err(e) => json!({"query": line, "error": e.to_string()}),
        };
        writeln!(out, "{}", serde_json::to_string(&v)?)?;
    }
    Ok(0)
}

pub fn page_json(page: &SearchPage) -> Value {
    let hits: Vec<Value> = page.hits.iter().map(hit_json).collect();
    let mut v = json!({
        "query": page.query,
        "total": page.total,
        "took_ms": (page.took_ms * 1000.0).round() / 1000.0,
        "hits": hits,
    });
    if let Some(f) = &page.facets {
        let obj = |list: &[(String, u64)]| -> Value {
            Value::Object(list.iter().map(|(k, n)| (k.clone(), json!(n))).collect())
        };
        v["facets"] = json!({
            "tag": obj(&f.tag), "source": obj(&f.source), "kind": obj(&f.kind), "month": obj(&f.month),
        });
    }
    v
}

/// One hit as `search --json` prints it (also used by `similar` and `explain`).
pub fn hit_json(h: &Hit) -> Value {
    let r = &h.record;
    json!({
        "id": r.id,
        "external_id": r.source_id(),
        "derived_id": r.derived_id(),
        "source": r.source,
        "kind": r.kind,
        "created_at": r.created_at.to_rfc3339(),
        "author": r.author,
        "title": r.title,
        "url": r.url,
        "snippet": h.snippet.marked("【", "】"),
        "tags": r.tags,
        "score": h.score,
        "duplicates": h.duplicates,
        "duplicate_of": h.duplicate_of,
    })
}

/// One hit as a table row: id, date, kind/source, author, snippet.
pub fn print_hit_row(h: &Hit) {
    let r = &h.record;
    let copies = match h.duplicates {
        0 => String::new(),
        n => format!("  (+{})", counted(n, "near-duplicate")),
    };
    // A record the source gave no date holds its import time: not a day the customer wrote.
    let day = match r.date_is_import_time {
        true => "(no date) ".to_string(),
        false => r.created_at.format("%Y-%m-%d").to_string(),
    };
    println!(
        "{:>6}  {day}  {} {} {}{copies}",
        r.id,
        fit(&format!("{}/{}", r.kind, r.source), 20),
        fit(r.author.as_deref().unwrap_or("-"), 12),
        marked_snippet(&h.snippet)
    );
}

fn print_table(page: &SearchPage) {
    let query = crate::domain::sanitize_line(&page.query);
    match &page.apart {
        None => println!(
            "{} for {query} ({:.1} ms)",
            counted(page.total, "hit"),
            page.took_ms
        ),
        Some(apart) => println!(
            "No record holds {query} as typed; {} for its words apart, {} ({:.1} ms)",
            counted(page.total, "hit"),
            crate::domain::sanitize_line(apart),
            page.took_ms
        ),
    }
    page.hits.iter().for_each(print_hit_row);
    let shown: usize = page.hits.iter().map(|h| 1 + h.duplicates).sum();
    if shown < page.total {
        println!(
            "… {} in all (near-duplicates folded into one line); use --limit N (0 for all)",
            counted(page.total, "match")
        );
    }
}
