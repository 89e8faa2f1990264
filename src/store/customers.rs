//! Customers and the keys that identify them; records point at their customer.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::domain::{Contact, Customer, Feedback};

/// Links `record` to the customer its contact identifies, creating or merging customers as the keys
/// demand; returns the customer, or `None` for a contact with no usable key.
pub(super) fn link_in(
    tx: &Transaction,
    record: i64,
    contact: &Contact,
    now: &str,
) -> Result<Option<i64>> {
    let keys: Vec<(&str, String)> = contact.keys().collect();
    if keys.is_empty() {
        return Ok(None);
    }
    let mut owners: Vec<i64> = Vec::new();
    {
        let mut find = tx.prepare_cached(
            "SELECT customer_id FROM customer_keys WHERE kind = ?1 AND value = ?2",
        )?;
        for (kind, value) in &keys {
            if let Some(id) = find
                .query_row(params![kind, value], |r| r.get::<_, i64>(0))
                .optional()?
            {
                owners.push(id);
            }
        }
    }
    owners.sort_unstable();
    owners.dedup();
    let customer = match owners.split_first() {
        None => {
            tx.prepare_cached("INSERT INTO customers (name, created_at) VALUES (?1, ?2)")?
                .execute(params![contact.name, now])?;
            tx.last_insert_rowid()
        }
        // The oldest customer absorbs the others: one person seen under two keys at first.
        Some((&keep, others)) => {
            for other in others {
                tx.execute(
                    "UPDATE customer_keys SET customer_id = ?1 WHERE customer_id = ?2",
                    params![keep, other],
                )?;
                tx.execute(
                    "UPDATE records SET customer_id = ?1 WHERE customer_id = ?2",
                    params![keep, other],
                )?;
                tx.execute("DELETE FROM customers WHERE id = ?1", [other])?;
            }
            keep
        }
    };
    let mut add = tx.prepare_cached(
        "INSERT OR IGNORE INTO customer_keys (kind, value, customer_id) VALUES (?1, ?2, ?3)",
    )?;
    for (kind, value) in &keys {
        add.execute(params![kind, value, customer])?;
    }
    tx.prepare_cached("UPDATE customers SET name = coalesce(name, ?2) WHERE id = ?1")?
        .execute(params![customer, contact.name])?;
    tx.prepare_cached("UPDATE records SET customer_id = ?1 WHERE id = ?2")?
        .execute(params![customer, record])?;
    Ok(Some(customer))
}

const FIND_CUSTOMERS: &str = "SELECT customer_id FROM customer_keys \
     WHERE kind IN ('email', 'phone', 'handle', 'crm') AND value = ?2 AND (?1 IS NULL OR kind = ?1) \
     UNION \
     SELECT customer_id FROM customer_keys \
     WHERE kind IN ('handle', 'crm') AND substr(value, instr(value, ':') + 1) = ?2 \
       AND (?1 IS NULL OR kind = ?1) \
     ORDER BY customer_id";

impl Store {
    /// Customers one of whose keys is `value` (already normalised), or, for handles and CRM ids
    /// given without their platform, whose key is `platform:value`. Every branch is an index seek:
    /// the primary key for each kind, `customer_keys_bare` (migration 0008) for the bare handle.
    pub fn find_customers(&self, kind: Option<&str>, value: &str) -> Result<Vec<i64>> {
        let ids = self
            .conn
            .prepare_cached(FIND_CUSTOMERS)?
            .query_map(params![kind, value], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    pub fn customer(&self, id: i64) -> Result<Option<Customer>> {
        let found: Option<Option<String>> = self
            .conn
            .prepare_cached("SELECT name FROM customers WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(name) = found else {
            return Ok(None);
        };
        let keys = self
            .conn
            .prepare_cached(
                "SELECT kind, value FROM customer_keys WHERE customer_id = ?1 ORDER BY kind, value",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        Ok(Some(Customer { id, name, keys }))
    }

    /// Everything the customer said, oldest first.
    pub fn records_of_customer(&self, id: i64) -> Result<Vec<Feedback>> {
        self.get_many(&self.record_ids_of_customer(id)?)
    }

    /// The numbers of the customer's records, oldest first (what a query needs, without bodies).
    pub fn record_ids_of_customer(&self, id: i64) -> Result<Vec<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM records WHERE customer_id = ?1 ORDER BY created_ts, id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `customer:` runs on every search: looking a key up must never read every customer's keys.
    #[test]
    fn finding_a_customer_seeks_instead_of_scanning() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {FIND_CUSTOMERS}"))
            .unwrap();
        let sql: Vec<String> = stmt
            .query_map(params![None::<&str>, "larkfan"], |row| row.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            sql.iter().any(|step| step.contains("customer_keys_bare")),
            "{sql:?}"
        );
        assert!(!sql.iter().any(|step| step.starts_with("SCAN")), "{sql:?}");
    }
}
