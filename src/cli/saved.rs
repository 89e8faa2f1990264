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
        /// The query, e.g. tag:售后/退款 -kind:social.
        #[arg(
            value_name = "QUERY",
            required = true,
            num_args = 1..
        )]
        query: Vec<String>,
    },
    /// Remove a saved search.
    Rm { name: String },
}

pub fn run(hub: &mut Hub, args: SavedArgs) -> Result<i32> {
    match args.action {
        Some(SavedAction::Add { name, query }) => {
            let query = query.join(" ");
            match hub.save_search(&name, &query)? {
                Some(before) if before != query => {
                    println!("replaced '{name}' (it was: {before})")
                }
                _ => println!("saved '{name}'"),
            }
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
                    match &s.error {
                        None => println!("{} {:>7}  {}", fit(&s.name, 16), s.count, s.query),
                        Some(e) => println!("{} {:>7}  {}  ({e})", fit(&s.name, 16), "-", s.query),
                    }
                }
            }
        }
    }
    Ok(0)
}
