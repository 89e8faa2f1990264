//! Triage: tagging themes, routing to queues, moving queue items, and the journal with undo.

use serde::Serialize;

use super::{Hub, Result, now};
use crate::domain::query::Query;
use crate::domain::{Feedback, Priority, QueueItem, Refusal, Status, TagChange, parse_queue};
use crate::index::SearchRequest;
use crate::index::snippet::snippet;
use crate::store::{ItemChange, RouteResult, RouteSpec, TagResult};

pub use crate::domain::JournalEntry;

/// Which records a change applies to.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every record the query matches.
    Query(String),
    Ids(Vec<i64>),
}

/// What a change would do, before it is made.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub matched: usize,
    /// Records the change would actually alter.
    pub would_change: usize,
    pub sample: Vec<Feedback>,
}

/// A queue item with what the person working the queue needs to see of its record.
#[derive(Debug, Clone, Serialize)]
pub struct QueueEntry {
    pub item: QueueItem,
    pub record: Feedback,
    pub snippet: String,
}

const SAMPLE: usize = 5;

impl Hub {
    /// The record ids a scope covers, best match first for queries.
    pub fn resolve(&self, scope: &Scope) -> Result<Vec<i64>> {
        match scope {
            Scope::Ids(ids) => {
                for id in ids {
                    self.record(*id)?;
                }
                Ok(ids.clone())
            }
            Scope::Query(q) => {
                if q.trim().is_empty() {
                    return Err(Refusal::EmptyScope.into());
                }
                let parsed = self.parse_query(q)?;
                self.note_missed()?;
                self.ids_matching(&parsed)
            }
        }
    }

    /// Every record the parsed query matches, best match first.
    pub(super) fn ids_matching(&self, parsed: &Query) -> Result<Vec<i64>> {
        let result = self.index.search(&SearchRequest {
            query: parsed,
            limit: 0,
            offset: 0,
            sort: crate::domain::query::SortOrder::Relevance,
            facets: false,
            collapse: false,
        })?;
        Ok(result.hits.into_iter().map(|h| h.id).collect())
    }

    fn plan(&self, ids: &[i64], would_change: usize) -> Result<Plan> {
        let n = ids.len().min(SAMPLE);
        Ok(Plan {
            matched: ids.len(),
            would_change,
            sample: self.store.get_many(&ids[..n])?,
        })
    }

    pub fn plan_tags(&self, scope: &Scope, changes: &[TagChange]) -> Result<Plan> {
        let ids = self.resolve(scope)?;
        let n = self.store.count_tag_changes(&ids, changes)?;
        self.plan(&ids, n)
    }

    /// Adds and removes themes on every record in scope; the index sees it at once.
    pub fn tag(&mut self, scope: &Scope, changes: &[TagChange]) -> Result<TagResult> {
        if changes.is_empty() {
            return Err(Refusal::NoThemeChanges.into());
        }
        let who = self.config.user_name();
        self.tag_by(scope, changes, &who)
    }

    fn tag_by(&mut self, scope: &Scope, changes: &[TagChange], who: &str) -> Result<TagResult> {
        self.catch_up()?;
        let ids = self.resolve(scope)?;
        let result = self
            .store
            .apply_tags(&ids, changes, who, &now().to_rfc3339())?;
        self.catch_up()?;
        Ok(result)
    }

    pub fn plan_route(&self, scope: &Scope, queue: &str) -> Result<Plan> {
        let queue = parse_queue(queue)?;
        let ids = self.resolve(scope)?;
        let mut already = 0;
        for id in &ids {
            if self.store.routes_of(*id)?.iter().any(|(q, _)| q == queue) {
                already += 1;
            }
        }
        self.plan(&ids, ids.len() - already)
    }

    /// Puts every record in scope in the queue (once: records already there stay as they are).
    pub fn route(
        &mut self,
        scope: &Scope,
        queue: &str,
        priority: Priority,
        note: Option<&str>,
    ) -> Result<RouteResult> {
        let queue = parse_queue(queue)?;
        self.catch_up()?;
        let ids = self.resolve(scope)?;
        let who = self.config.user_name();
        let spec = RouteSpec {
            queue,
            priority,
            note,
            quote: None,
        };
        let result = self.store.route(&ids, &spec, &who, &now().to_rfc3339())?;
        self.catch_up()?;
        Ok(result)
    }

    pub fn queue_items(&self, queue: &str, status: Option<Status>) -> Result<Vec<QueueEntry>> {
        let queue = parse_queue(queue)?;
        let items = self.store.queue_items(queue, status)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let record = self.record(item.record_id)?;
            let snippet = snippet(&record.body, &[], 60).text;
            out.push(QueueEntry {
                item,
                record,
                snippet,
            });
        }
        Ok(out)
    }

    pub fn set_queue_item(
        &mut self,
        item: i64,
        status: Option<Status>,
        assignee: Option<&str>,
        note: Option<&str>,
    ) -> Result<QueueItem> {
        self.catch_up()?;
        let who = self.config.user_name();
        let change = ItemChange {
            status,
            assignee,
            note,
        };
        let updated = self
            .store
            .update_item(item, &change, &who, &now().to_rfc3339())?;
        self.catch_up()?;
        Ok(updated)
    }

    /// Newest first; 0 means all.
    pub fn journal(&self, limit: usize) -> Result<Vec<JournalEntry>> {
        Ok(self.store.journal(limit)?)
    }

    pub fn journal_entry(&self, id: i64) -> Result<Option<JournalEntry>> {
        Ok(self.store.journal_entry(id)?)
    }

    /// Reverts journal entry `id`, or the newest change not yet undone.
    pub fn undo(&mut self, id: Option<i64>) -> Result<JournalEntry> {
        self.catch_up()?;
        let who = self.config.user_name();
        let entry = self.store.undo(id, &who, &now().to_rfc3339())?;
        self.catch_up()?;
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::domain::{Kind, NewFeedback, TagChange};
    use crate::service::{Hub, Scope, now};

    #[test]
    fn a_tag_says_what_its_own_query_missed_not_what_its_count_before_did() {
        let dir = tempfile::tempdir().unwrap();
        let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
        // Stored as a command killed between the store's commit and the index's leaves them.
        let recs: Vec<NewFeedback> = ["退款没到账", "退款被拒"]
            .iter()
            .enumerate()
            .map(|(i, body)| {
                let mut r = NewFeedback::new("crashed", Kind::Ticket, *body);
                r.external_id = Some(format!("k{i}"));
                r
            })
            .collect();
        hub.store.upsert_batch(&recs, now()).unwrap();
        // What the interface's idle check reads, from the version it already has or afresh.
        let version = hub.index_version().unwrap();
        assert_eq!(hub.unsearchable_after(version).unwrap(), 2);
        assert_eq!(hub.unsearchable().unwrap(), 2);
        let scope = Scope::Query("退款".into());
        let add = [TagChange::Add("售后".into())];
        // Uncounted unless asked for: the interface's searches do not pay for the count.
        hub.plan_tags(&scope, &add).unwrap();
        assert_eq!(hub.missed(), 0);
        hub.count_missed();
        let plan = hub.plan_tags(&scope, &add).unwrap();
        assert_eq!((plan.matched, hub.missed()), (0, 2));
        // The tag catches the index up before its query runs, so it reaches both.
        let done = hub.tag(&scope, &add).unwrap();
        assert_eq!((done.changed, hub.missed()), (2, 0));
        assert_eq!(hub.unsearchable().unwrap(), 0);
        assert_eq!(hub.unsearchable_after(version).unwrap(), 2);
    }
}
