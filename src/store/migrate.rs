//! Numbered SQL migrations from `assets/migrations/`, applied in order and tracked with
//! `PRAGMA user_version` (a migration crate would pin an older rusqlite).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::{Result, StoreError};

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_records",
        include_str!("../../assets/migrations/0001_records.sql"),
    ),
    (
        "0002_workflow",
        include_str!("../../assets/migrations/0002_workflow.sql"),
    ),
    (
        "0003_customers",
        include_str!("../../assets/migrations/0003_customers.sql"),
    ),
    (
        "0004_drop_created_index",
        include_str!("../../assets/migrations/0004_drop_created_index.sql"),
    ),
    (
        "0005_compact_records",
        include_str!("../../assets/migrations/0005_compact_records.sql"),
    ),
    (
        "0006_originals_index",
        include_str!("../../assets/migrations/0006_originals_index.sql"),
    ),
    (
        "0007_lean_records",
        include_str!("../../assets/migrations/0007_lean_records.sql"),
    ),
    (
        "0008_customer_handles",
        include_str!("../../assets/migrations/0008_customer_handles.sql"),
    ),
    (
        "0009_rules_pending",
        include_str!("../../assets/migrations/0009_rules_pending.sql"),
    ),
    (
        "0010_quote_ids_once",
        include_str!("../../assets/migrations/0010_quote_ids_once.sql"),
    ),
    (
        "0011_derived_ids",
        include_str!("../../assets/migrations/0011_derived_ids.sql"),
    ),
];

/// The version from which records are stored compactly (migration 0005): a data dir older than
/// this is compacted once after migrating.
pub const COMPACT_RECORDS: i64 = 5;

/// A database at `version` was written by an older vochub and has migrations to run (0 is a
/// database not yet set up, which takes no time): about how many seconds they take a million
/// records, measured on the 2-core bench machine.
pub fn upgrade_cost(version: i64) -> Option<u32> {
    match version {
        v if !(1..MIGRATIONS.len() as i64).contains(&v) => None,
        // Rebuilding the records table, then compacting it (16 s, measured before 0006), and
        // what the later ones add: 0006's index of the originals (2 s), 0007 rebuilding the
        // records table again, leaner (4.6 s).
        v if v < COMPACT_RECORDS => Some(23),
        v if v < 6 => Some(7),
        v if v < 7 => Some(5),
        // 0008 indexes the customer keys, 0009 creates an empty table and 0010 rebuilds the
        // quotes table, which holds what people picked by hand: nothing to announce.
        _ => None,
    }
}

/// Brings the database to the newest version; returns the version it found.
pub fn apply(conn: &mut Connection) -> Result<i64> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::TooNew {
            found: current,
            known,
        });
    }
    if current == known {
        return Ok(current);
    }
    // A migration that rebuilds a table drops the old one: with foreign keys on, that would
    // cascade into every row referring to it. Off while migrating (it cannot change inside a
    // transaction), and each migration's result is checked before it commits.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let applied = run_pending(conn, current as usize);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    applied.map(|_| current)
}

fn run_pending(conn: &mut Connection, from: usize) -> Result<()> {
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        let run = |e| StoreError::Migration {
            name: name.to_string(),
            source: e,
        };
        tx.execute_batch(sql).map_err(run)?;
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()
            .map_err(run)?;
        if let Some(table) = broken {
            return Err(StoreError::Invalid(format!(
                "migration {name} left rows of {table} pointing at nothing"
            )));
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)
            .map_err(run)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_are_announced_with_their_cost() {
        assert_eq!(upgrade_cost(0), None, "a new database");
        assert_eq!(upgrade_cost(4), Some(23));
        assert_eq!(upgrade_cost(5), Some(7));
        assert_eq!(upgrade_cost(6), Some(5), "rebuilding the records table");
        assert_eq!(upgrade_cost(7), None, "an index of the customer keys");
        assert_eq!(upgrade_cost(8), None, "an empty table");
        assert_eq!(upgrade_cost(9), None, "rebuilding the small quotes table");
        assert_eq!(upgrade_cost(MIGRATIONS.len() as i64), None, "current");
    }
}
