//! The terminal interface. Not built yet: `vochub` without a command explains what to run instead.

use crate::service::Hub;

/// Whether the interactive interface exists in this build.
pub const AVAILABLE: bool = false;

pub fn run(hub: Hub) -> anyhow::Result<i32> {
    let stats = hub.stats()?;
    println!(
        "vochub: {} records in {}.\nThe interactive interface is not built yet; try `vochub search QUERY` or `vochub --help`.",
        stats.total,
        hub.data_dir().display()
    );
    Ok(0)
}
