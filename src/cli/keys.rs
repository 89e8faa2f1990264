//! `vochub keys`: the interface's actions, their keys as the config binds them, and what each
//! does, so a user can write the config's `[keys]` table without opening the interface.

use anyhow::Result;
use clap::Args;

use super::output::{fit, print_json};
use crate::config::Config;

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// Print JSON: [{action, keys, what}], plus the config's binding problems.
    #[arg(long)]
    pub json: bool,
}

pub fn run(config: &Config, args: KeysArgs) -> Result<i32> {
    let (rows, problems) = crate::tui::key_table(config);
    if args.json {
        print_json(&serde_json::json!({ "keys": rows, "problems": problems }))?;
    } else {
        for row in &rows {
            println!(
                "{} {} {}",
                fit(&row.keys.join(", "), 16),
                fit(row.action, 18),
                row.what
            );
        }
        for p in &problems {
            eprintln!("vochub: config {}", crate::domain::sanitize_line(p));
        }
    }
    // A config binding that cannot be used is worth an exit status scripts can see.
    Ok(if problems.is_empty() { 0 } else { 1 })
}
