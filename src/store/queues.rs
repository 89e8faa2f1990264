//! Queue items: records (or quotes) routed to the product or marketing queue, and their
//! movement through statuses.

use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::Serialize;
use serde_json::{Value, json};

use super::journal::{append_in, next_seq_in, touch_in};
use super::{Result, Store};
use crate::domain::{Priority, QueueItem, Refusal, Status, counted};

#[derive(Debug, Clone, Default, Serialize)]
pub struct RouteResult {
    pub added: usize,
    /// Already in that queue: left as they were.
    pub already: usize,
    pub journal_id: Option<i64>,
}

/// What a route call asks for.
pub struct RouteSpec<'a> {
    pub queue: &'a str,
    pub priority: Priority,
    pub note: Option<&'a str>,
    pub quote: Option<i64>,
}

/// The fields of an item a status change may alter.
#[derive(Debug, Clone, Default)]
pub struct ItemChange<'a> {
    pub status: Option<Status>,
    pub assignee: Option<&'a str>,
    pub note: Option<&'a str>,
}

const SELECT: &str = "SELECT id, queue, record_id, quote_id, status, priority, assignee, note, \
                      routed_by, routed_at, updated_at FROM queue_items";

fn row_to_item(row: &Row) -> rusqlite::Result<QueueItem> {
    let status: String = row.get(4)?;
    let priority: String = row.get(5)?;
    Ok(QueueItem {
        id: row.get(0)?,
        queue: row.get(1)?,
        record_id: row.get(2)?,
        quote_id: row.get(3)?,
        status: Status::parse(&status).unwrap_or(Status::New),
        priority: Priority::parse(&priority).unwrap_or(Priority::P2),
        assignee: row.get(6)?,
        note: row.get(7)?,
        routed_by: row.get(8)?,
        routed_at: super::time_col(row, 9)?,
        updated_at: super::time_col(row, 10)?,
    })
}

fn item_in(tx: &Transaction, id: i64) -> Result<Option<QueueItem>> {
    Ok(tx
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], row_to_item)
        .optional()?)
}

/// "product item 5: new → accepted", "… assigned to 李雷", "… note “回电”": what the change did,
/// so that a note or an assignee set on its own is not read back as a status left as it was.
fn item_summary(
    before: &QueueItem,
    status: Status,
    assignee: Option<&str>,
    note: Option<&str>,
) -> String {
    let mut what = Vec::new();
    if assignee != before.assignee.as_deref() {
        what.push(match assignee.filter(|a| !a.is_empty()) {
            Some(a) => format!("assigned to {a}"),
            None => "unassigned".to_string(),
        });
    }
    if note != before.note.as_deref() {
        what.push(match note.filter(|n| !n.is_empty()) {
            Some(n) => format!("note “{n}”"),
            None => "note removed".to_string(),
        });
    }
    if status != before.status || what.is_empty() {
        what.insert(0, format!("{} → {status}", before.status));
    }
    format!("{} item {}: {}", before.queue, before.id, what.join(", "))
}

pub(super) fn undo_route_in(tx: &Transaction, data: &Value) -> Result<Vec<i64>> {
    let mut touched = Vec::new();
    for id in data["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_i64)
    {
        if let Some(item) = item_in(tx, id)? {
            tx.execute("DELETE FROM queue_items WHERE id = ?1", [id])?;
            touched.push(item.record_id);
        }
    }
    Ok(touched)
}

/// Puts an item back as entry `entry` found it, only if nothing has changed it since: writing
/// the old status over later ones would drop their assignee and note, and could skip steps the
/// status rules require (done straight back to new).
pub(super) fn undo_status_in(
    tx: &Transaction,
    entry: i64,
    data: &Value,
    now: &str,
) -> Result<Vec<i64>> {
    let Some(id) = data["item"].as_i64() else {
        return Ok(Vec::new());
    };
    let Some(item) = item_in(tx, id)? else {
        return Ok(Vec::new());
    };
    let after = &data["after"];
    let changed_since = after.is_object()
        && (after["status"].as_str() != Some(item.status.as_str())
            || after["assignee"].as_str() != item.assignee.as_deref()
            || after["note"].as_str() != item.note.as_deref());
    if changed_since {
        return Err(Refusal::ChangedSince {
            queue: item.queue,
            item: id,
            entry,
            status: item.status,
        }
        .into());
    }
    let before = &data["before"];
    tx.execute(
        "UPDATE queue_items SET status = ?2, assignee = ?3, note = ?4, updated_at = ?5 WHERE id = ?1",
        params![
            id,
            before["status"].as_str().unwrap_or(item.status.as_str()),
            before["assignee"].as_str(),
            before["note"].as_str(),
            now
        ],
    )?;
    Ok(vec![item.record_id])
}

impl Store {
    /// Puts each record in the queue once; records already there are counted, not re-added.
    pub fn route(
        &mut self,
        ids: &[i64],
        spec: &RouteSpec,
        who: &str,
        now: &str,
    ) -> Result<RouteResult> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq = next_seq_in(&tx)?;
        let mut created = Vec::new();
        let mut result = RouteResult::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO queue_items (queue, record_id, quote_id, status, priority, note, \
                 routed_by, routed_at, updated_at) VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?6, ?7, ?7)",
            )?;
            for &id in ids {
                let n = insert.execute(params![
                    spec.queue,
                    id,
                    spec.quote,
                    spec.priority.as_str(),
                    spec.note,
                    who,
                    now
                ])?;
                if n == 0 {
                    result.already += 1;
                } else {
                    created.push(tx.last_insert_rowid());
                    touch_in(&tx, id, seq)?;
                }
            }
        }
        result.added = created.len();
        if !created.is_empty() {
            let records = counted(created.len(), "record");
            let summary = format!("route {records} to {}", spec.queue);
            let data = json!({"queue": spec.queue, "items": created});
            result.journal_id = Some(append_in(&tx, who, now, "route", &summary, &data)?);
        }
        tx.commit()?;
        Ok(result)
    }

    /// Moves an item to a new status (checked against the allowed transitions) and/or sets its
    /// assignee and note.
    pub fn update_item(
        &mut self,
        id: i64,
        change: &ItemChange,
        who: &str,
        now: &str,
    ) -> Result<QueueItem> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let item = item_in(&tx, id)?.ok_or(Refusal::NoQueueItem(id))?;
        let status = change.status.unwrap_or(item.status);
        item.status.check_transition(status)?;
        let assignee = change
            .assignee
            .map(str::to_string)
            .or(item.assignee.clone());
        let note = change.note.map(str::to_string).or(item.note.clone());
        tx.execute(
            "UPDATE queue_items SET status = ?2, assignee = ?3, note = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, status.as_str(), assignee, note, now],
        )?;
        let seq = next_seq_in(&tx)?;
        touch_in(&tx, item.record_id, seq)?;
        let summary = item_summary(&item, status, assignee.as_deref(), note.as_deref());
        let data = json!({
            "item": id,
            "before": {"status": item.status.as_str(), "assignee": item.assignee, "note": item.note},
            "after": {"status": status.as_str(), "assignee": assignee, "note": note},
        });
        append_in(&tx, who, now, "status", &summary, &data)?;
        let updated = item_in(&tx, id)?.ok_or(Refusal::NoQueueItem(id))?;
        tx.commit()?;
        Ok(updated)
    }

    /// Items of a queue, optionally of one status: highest priority first, then oldest first.
    pub fn queue_items(&self, queue: &str, status: Option<Status>) -> Result<Vec<QueueItem>> {
        let sql = format!(
            "{SELECT} WHERE queue = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY priority, routed_at, id"
        );
        let v = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![queue, status.map(|s| s.as_str())], row_to_item)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    pub fn items_of_record(&self, record: i64) -> Result<Vec<QueueItem>> {
        let sql = format!("{SELECT} WHERE record_id = ?1 ORDER BY id");
        let v = self
            .conn
            .prepare_cached(&sql)?
            .query_map([record], row_to_item)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }

    /// (queue, status) of each queue item for the record: what the index's queue:/status: see.
    pub fn routes_of(&self, record: i64) -> Result<Vec<(String, String)>> {
        let v = self
            .conn
            .prepare_cached(
                "SELECT queue, status FROM queue_items WHERE record_id = ?1 ORDER BY id",
            )?
            .query_map([record], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    }
}
