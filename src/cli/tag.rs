//! `vochub tag QUERY +THEME -THEME ... [--dry-run] [--yes]`, and the confirmation rule shared
//! with `route`: a change to many records needs `--yes`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};
use clap::Args;

use super::output::{fit, print_json};
use crate::domain::{counted, sanitize_line};
use crate::service::{Hub, Plan, Scope, TagChange};

/// A change to more records than this needs `--yes` (or a "y" at the prompt).
pub const CONFIRM_ABOVE: usize = 500;

#[derive(Debug, Args)]
pub struct TagArgs {
    /// The query (quote it when it has several words), then +THEME / -THEME changes.
    /// Example: vochub tag "退款 -换货" +售后/退款 -待分类 (options may come before or after)
    #[arg(required = true, value_name = "QUERY +THEME -THEME")]
    pub args: Vec<String>,
    /// Show how many records would change, and a sample, without changing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Apply to more than 500 records without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run(hub: &mut Hub, args: TagArgs) -> Result<i32> {
    let Some((query, ops)) = args.args.split_first() else {
        bail!("give a query and at least one +THEME or -THEME");
    };
    if ops.is_empty() {
        bail!(
            "no theme changes given: add +THEME to tag or -THEME to untag, e.g. vochub tag 退款 +售后/退款"
        );
    }
    let changes = ops
        .iter()
        .map(|a| TagChange::parse(a).map_err(anyhow::Error::msg))
        .collect::<Result<Vec<_>>>()?;
    let scope = Scope::Query(query.clone());
    let plan = hub.plan_tags(&scope, &changes)?;
    if args.dry_run {
        return report_plan(&plan, "would change", args.json);
    }
    confirm(plan.would_change, args.yes)?;
    let result = hub.tag(&scope, &changes)?;
    if args.json {
        print_json(&result)?;
    } else {
        println!(
            "{} of {} changed ({} added, {} removed)",
            result.changed,
            counted(plan.matched, "matching record"),
            counted(result.added, "theme"),
            result.removed
        );
    }
    Ok(0)
}

/// Refuses a large change without `--yes`; asks when a person is at the terminal.
pub fn confirm(count: usize, yes: bool) -> Result<()> {
    if count <= CONFIRM_ABOVE || yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "this would change {} (more than {CONFIRM_ABOVE}); add --yes to confirm",
            counted(count, "record")
        );
    }
    eprint!(
        "This changes {}. Continue? [y/N] ",
        counted(count, "record")
    );
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
        bail!("cancelled; nothing changed");
    }
    Ok(())
}

pub fn report_plan(plan: &Plan, verb: &str, json: bool) -> Result<i32> {
    if json {
        print_json(plan)?;
        return Ok(0);
    }
    println!(
        "{} {}; {verb}: {}",
        counted(plan.matched, "record"),
        if plan.matched == 1 {
            "matches"
        } else {
            "match"
        },
        plan.would_change
    );
    for r in &plan.sample {
        println!(
            "  {:>6}  {}  {}",
            r.id,
            r.created_at.format("%Y-%m-%d"),
            fit(&sanitize_line(&r.body), 60)
        );
    }
    Ok(0)
}
