//! `vochub themes`, `vochub themes apply`, `vochub themes rules`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{fit, print_json};
use crate::domain::{most_heard_first, sparkline};
use crate::service::{Hub, WEEKS, load_rules_file, user_rules_path};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ThemesArgs {
    #[command(subcommand)]
    pub action: Option<ThemesAction>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ThemesAction {
    /// Tag every record that a theme rule's query matches.
    Apply {
        /// A rules file to apply instead of the bundled and user rules.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// List the theme rules in force and where the user's file lives.
    Rules {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(hub: &mut Hub, args: ThemesArgs) -> Result<i32> {
    match args.action {
        Some(ThemesAction::Apply { rules }) => {
            let rules = match rules {
                Some(path) => load_rules_file(&path)?,
                None => hub.theme_rules()?,
            };
            let applied = hub.apply_theme_rules(&rules, None)?;
            if applied.is_empty() {
                println!("no records needed new themes");
            }
            for (theme, n) in applied {
                println!("{n:>6}  {theme}");
            }
            Ok(0)
        }
        Some(ThemesAction::Rules { json }) => {
            let rules = hub.theme_rules()?;
            if json {
                print_json(&rules)?;
            } else {
                for r in &rules {
                    println!("{}  ←  {}", fit(&r.name, 18), r.query);
                }
                if let Some(p) = user_rules_path() {
                    println!("\nyour rules file: {}", p.display());
                }
            }
            Ok(0)
        }
        None => list(hub, args.json),
    }
}

fn list(hub: &Hub, json: bool) -> Result<i32> {
    let mut themes = hub.themes()?;
    // The same order as the interface's theme screen, in the table and in --json alike.
    most_heard_first(&mut themes);
    if json {
        print_json(&themes)?;
        return Ok(0);
    }
    let Some(first) = themes.first() else {
        println!("no themes yet: `vochub tag QUERY +THEME` or `vochub themes apply` adds them");
        return Ok(0);
    };
    // The weekly bars end with this week; the header says where they begin.
    let weeks = format!("weeks from {}", first.weeks_from.format("%m-%d"));
    let trend = WEEKS.max(weeks.len());
    println!(
        "{} records authors  {} this  last  by kind",
        fit("theme", 24),
        fit(&weeks, trend),
    );
    for t in &themes {
        let kinds: Vec<String> = t.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let week = |back: usize| t.weekly.iter().rev().nth(back).copied().unwrap_or(0);
        println!(
            "{} {:>7} {:>7}  {} {:>4} {:>5}  {}",
            fit(&t.name, 24),
            t.records,
            t.authors,
            fit(&sparkline(&t.weekly), trend),
            week(0),
            week(1),
            kinds.join(", ")
        );
    }
    Ok(0)
}
