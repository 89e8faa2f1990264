//! `vochub route QUERY --to QUEUE`, `vochub queue QUEUE`, `vochub queue set ITEM`.

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};

use super::output::{fit, print_json};
use super::tag::{confirm, report_plan};
use crate::domain::{counted, sanitize_line};
use crate::service::{Hub, Priority, Scope, Status};

#[derive(Debug, Args)]
pub struct RouteArgs {
    /// Which records: a query, e.g. tag:售后/退款 or 物流 date:2026-10 -快递.
    #[arg(
        value_name = "QUERY",
        required = true,
        num_args = 1..
    )]
    pub query: Vec<String>,
    /// The queue: product or marketing.
    #[arg(long)]
    pub to: String,
    #[arg(long)]
    pub note: Option<String>,
    /// p1 (highest), p2 or p3.
    #[arg(long, default_value = "p2")]
    pub priority: String,
    #[arg(long)]
    pub dry_run: bool,
    /// Route more than 500 records without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct QueueArgs {
    #[command(subcommand)]
    pub action: Option<QueueAction>,
    /// The queue to list: product or marketing.
    pub queue: Option<String>,
    /// Only items in this status: new, accepted, in_progress, done, declined.
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum QueueAction {
    /// Move an item to a new status, assign it, or note something on it.
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The item's id (as `vochub queue QUEUE` prints it).
    pub item: i64,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run_route(hub: &mut Hub, args: RouteArgs) -> Result<i32> {
    let priority = Priority::parse(&args.priority).map_err(anyhow::Error::msg)?;
    let scope = Scope::Query(args.query.join(" "));
    let plan = hub.plan_route(&scope, &args.to)?;
    if args.dry_run {
        return report_plan(&plan, "would be added", args.json);
    }
    confirm(plan.would_change, args.yes)?;
    let r = hub.route(&scope, &args.to, priority, args.note.as_deref())?;
    if args.json {
        print_json(&r)?;
    } else {
        println!(
            "{} added to {}; {} already there",
            counted(r.added, "record"),
            args.to,
            match r.already {
                1 => "1 was".to_string(),
                n => format!("{n} were"),
            }
        );
    }
    Ok(0)
}

pub fn run_queue(hub: &mut Hub, args: QueueArgs) -> Result<i32> {
    if let Some(QueueAction::Set(set)) = args.action {
        return run_set(hub, set);
    }
    let queue = args
        .queue
        .ok_or_else(|| anyhow!("name the queue: vochub queue product (or marketing)"))?;
    let status = parse_status(args.status.as_deref())?;
    let entries = hub.queue_items(&queue, status)?;
    if args.json {
        print_json(&entries)?;
        return Ok(0);
    }
    println!("{}", counted(entries.len(), "item"));
    for e in &entries {
        let i = &e.item;
        println!(
            "{:>5}  {}  {}  {}  #{:<5} {}  {}",
            i.id,
            i.priority.as_str(),
            fit(i.status.as_str(), 11),
            e.record.created_at.format("%Y-%m-%d"),
            e.record.id,
            fit(&e.record.source, 14),
            fit(&sanitize_line(&e.snippet), 50)
        );
    }
    Ok(0)
}

fn run_set(hub: &mut Hub, args: SetArgs) -> Result<i32> {
    let status = parse_status(args.status.as_deref())?;
    if status.is_none() && args.assignee.is_none() && args.note.is_none() {
        return Err(anyhow!(
            "nothing to change: give --status, --assignee or --note"
        ));
    }
    let item = hub.set_queue_item(
        args.item,
        status,
        args.assignee.as_deref(),
        args.note.as_deref(),
    )?;
    if args.json {
        print_json(&item)?;
    } else {
        println!("item {} in {}: {}", item.id, item.queue, item.status);
    }
    Ok(0)
}

fn parse_status(s: Option<&str>) -> Result<Option<Status>> {
    Ok(s.map(Status::parse).transpose()?)
}
