//! `vochub log` and `vochub undo [N]`.

use anyhow::Result;
use clap::Args;

use super::output::print_json;
use crate::domain::sanitize_line;
use crate::service::Hub;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many entries, newest first (0 for all).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The journal entry to undo (default: the newest change not yet undone).
    pub entry: Option<i64>,
    #[arg(long)]
    pub json: bool,
}

pub fn run_log(hub: &Hub, args: LogArgs) -> Result<i32> {
    let entries = hub.journal(args.limit)?;
    if args.json {
        print_json(&entries)?;
        return Ok(0);
    }
    for e in &entries {
        let undone = match e.undone_by {
            Some(by) => format!("  (undone by #{by})"),
            None => String::new(),
        };
        println!(
            "#{:<5} {}  {:<10} {}{undone}",
            e.id,
            e.at.format("%Y-%m-%d %H:%M"),
            sanitize_line(&e.who),
            sanitize_line(&e.summary)
        );
    }
    Ok(0)
}

pub fn run_undo(hub: &mut Hub, args: UndoArgs) -> Result<i32> {
    let entry = hub.undo(args.entry)?;
    if args.json {
        print_json(&entry)?;
    } else {
        println!("{}", sanitize_line(&entry.summary));
    }
    Ok(0)
}
