//! Numbered SQL migrations from `assets/migrations/`, applied in order and tracked with
//! `PRAGMA user_version` (a migration crate would pin an older rusqlite).

use rusqlite::{Connection, TransactionBehavior};

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
];

pub fn apply(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::TooNew {
            found: current,
            known,
        });
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
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
        tx.pragma_update(None, "user_version", i as i64 + 1)
            .map_err(run)?;
        tx.commit()?;
    }
    Ok(())
}
