//! `vochub saved`, `vochub saved add NAME QUERY`, `vochub saved rm NAME`.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{fit, print_json};
use crate::service::Hub;

#[derive(Debug, Args)]
pub struct SavedArgs {
    #[command(subcommand)]
    pub action: Option<SavedAction>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SavedAction {
    /// Save a query under a name; use it as saved:NAME in other queries.
    Add {
        name: String,
        /// The query (quote it when it has several words or starts with '-').
        #[arg(allow_hyphen_values = true)]
        query: String,
    },
    /// Remove a saved search.
    Rm { name: String },
}

pub fn run(hub: &mut Hub, args: SavedArgs) -> Result<i32> {
    match args.action {
        Some(SavedAction::Add { name, query }) => {
            hub.save_search(&name, &query)?;
            println!("saved '{name}'");
        }
        Some(SavedAction::Rm { name }) => {
            hub.remove_saved(&name)?;
            println!("removed '{name}'");
        }
        None => {
            let list = hub.saved_searches()?;
            if args.json {
                print_json(&list)?;
            } else {
                for s in &list {
                    println!("{} {:>7}  {}", fit(&s.name, 16), s.count, s.query);
                }
            }
        }
    }
    Ok(0)
}
