//! `vochub customer EMAIL|PHONE|HANDLE|ID`: what one customer said, across channels.

use anyhow::Result;
use clap::Args;

use super::output::{fit, print_json};
use crate::domain::{counted, sanitize_line};
use crate::service::Hub;

#[derive(Debug, Args)]
pub struct CustomerArgs {
    /// An email, phone number, handle (@name, weibo:123), CRM id (zendesk:361001) or customer number.
    pub who: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(hub: &Hub, args: CustomerArgs) -> Result<i32> {
    let pages = hub.customers(&args.who)?;
    if args.json {
        print_json(&pages)?;
        return Ok(0);
    }
    for page in &pages {
        let c = &page.customer;
        let keys: Vec<String> = c.keys.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!(
            "customer #{}  {}  ({})",
            c.id,
            sanitize_line(c.name.as_deref().unwrap_or("(no name)")),
            sanitize_line(&keys.join(", "))
        );
        let channels: Vec<String> = page
            .channels
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        println!(
            "  {}: {}",
            counted(page.records.len(), "record"),
            sanitize_line(&channels.join(", "))
        );
        for r in &page.records {
            let what = r
                .title
                .as_deref()
                .map_or_else(|| r.body.clone(), |t| format!("{t}: {}", r.body));
            println!(
                "  #{:<6} {} {} {}",
                r.id,
                r.created_at.format("%Y-%m-%d %H:%M"),
                fit(&format!("{}/{}", r.source, r.kind), 22),
                fit(&what, 60)
            );
        }
    }
    Ok(0)
}
