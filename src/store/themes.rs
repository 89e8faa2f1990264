//! Themes and their links to records: tagging, its undo, and the per-theme summaries.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;
use serde_json::{Value, json};

use super::journal::{append_in, next_seq_in, touch_in};
use super::{Result, Store};
use crate::domain::{TagChange, ThemeSummary, counted, normalize_theme};

/// Theme `t` is the theme ?1 or one below it (物流 takes in 物流/延迟), whatever the case (the
/// names are NOCASE). No LIKE: `_` and `%` are plain characters in helpdesk tags.
pub(super) const IN_THEME: &str =
    "(t.name = ?1 OR lower(substr(t.name, 1, length(?1) + 1)) = lower(?1) || '/')";

#[derive(Debug, Clone, Default, Serialize)]
pub struct TagResult {
    /// Records at least one of whose themes changed.
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
    pub journal_id: Option<i64>,
}

/// Finds or creates the theme (names compare case-insensitively) and links it to the record.
/// Returns true when the link is new.
pub(super) fn attach_in(tx: &Transaction, record: i64, raw: &str, now: &str) -> Result<bool> {
    let name = normalize_theme(raw)?;
    let theme = theme_id_in(tx, &name, now)?;
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO record_themes (record_id, theme_id) VALUES (?1, ?2)",
        )?
        .execute(params![record, theme])?;
    Ok(n > 0)
}

/// Unlinks the theme (exactly this name, not the ones below it). True when a link went away.
fn detach_in(tx: &Transaction, record: i64, name: &str) -> Result<bool> {
    let n = tx
        .prepare_cached(
            "DELETE FROM record_themes WHERE record_id = ?1 \
             AND theme_id = (SELECT id FROM themes WHERE name = ?2)",
        )?
        .execute(params![record, name])?;
    Ok(n > 0)
}

pub(super) fn theme_id_in(tx: &Transaction, name: &str, now: &str) -> Result<i64> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM themes WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO themes (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name, now])?;
    Ok(tx.last_insert_rowid())
}

/// Reverses a `tag` journal entry; returns the records it touched.
pub(super) fn undo_tag_in(tx: &Transaction, data: &Value, now: &str) -> Result<Vec<i64>> {
    let mut touched = Vec::new();
    for (key, add_back) in [("added", false), ("removed", true)] {
        for pair in data[key].as_array().into_iter().flatten() {
            let (Some(record), Some(name)) = (pair[0].as_i64(), pair[1].as_str()) else {
                continue;
            };
            let exists: bool = tx
                .prepare_cached("SELECT EXISTS(SELECT 1 FROM records WHERE id = ?1)")?
                .query_row([record], |r| r.get(0))?;
            if !exists {
                continue;
            }
            let changed = if add_back {
                attach_in(tx, record, name, now)?
            } else {
                detach_in(tx, record, name)?
            };
            if changed {
                touched.push(record);
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    Ok(touched)
}

/// What `rules_pending` found: the batches, and the records still in them.
#[derive(Debug, Default)]
pub struct PendingRules {
    pub batches: Vec<i64>,
    pub records: Vec<i64>,
}

impl Store {
    /// Applies theme changes to every record in `ids`, in one transaction with its journal entry.
    pub fn apply_tags(
        &mut self,
        ids: &[i64],
        changes: &[TagChange],
        who: &str,
        now: &str,
    ) -> Result<TagResult> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq = next_seq_in(&tx)?;
        let mut result = TagResult::default();
        let (mut added, mut removed) = (Vec::new(), Vec::new());
        for &id in ids {
            let mut changed = false;
            for change in changes {
                match change {
                    TagChange::Add(name) => {
                        if attach_in(&tx, id, name, now)? {
                            added.push(json!([id, name]));
                            changed = true;
                        }
                    }
                    TagChange::Remove(name) => {
                        if detach_in(&tx, id, name)? {
                            removed.push(json!([id, name]));
                            changed = true;
                        }
                    }
                }
            }
            if changed {
                touch_in(&tx, id, seq)?;
                result.changed += 1;
            }
        }
        result.added = added.len();
        result.removed = removed.len();
        if result.changed > 0 {
            let ops: Vec<String> = changes
                .iter()
                .map(|c| match c {
                    TagChange::Add(n) => format!("+{n}"),
                    TagChange::Remove(n) => format!("-{n}"),
                })
                .collect();
            let records = counted(result.changed, "record");
            let summary = format!("tag {} on {records}", ops.join(" "));
            let data = json!({"added": added, "removed": removed});
            result.journal_id = Some(append_in(&tx, who, now, "tag", &summary, &data)?);
        }
        tx.commit()?;
        Ok(result)
    }

    /// How many of `ids` a set of theme changes would alter (for dry runs and confirmations).
    pub fn count_tag_changes(&self, ids: &[i64], changes: &[TagChange]) -> Result<usize> {
        let mut has = self.conn.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM record_themes rt JOIN themes t ON t.id = rt.theme_id \
             WHERE rt.record_id = ?1 AND t.name = ?2)",
        )?;
        let mut n = 0;
        for &id in ids {
            let mut would = false;
            for c in changes {
                let (name, want) = match c {
                    TagChange::Add(n) => (n, false),
                    TagChange::Remove(n) => (n, true),
                };
                let present: bool = has.query_row(params![id, name], |r| r.get(0))?;
                would |= present == want;
            }
            n += usize::from(would);
        }
        Ok(n)
    }

    /// Records stored by an import whose theme rules have not run yet (the last import's, and
    /// those of any import interrupted before its rules ran), with the batches they came in. A
    /// record changed since by something else (a tag) has a newer change number and is left
    /// out: it was handled after its import.
    pub fn rules_pending(&self) -> Result<PendingRules> {
        let batches = self
            .conn
            .prepare_cached("SELECT seq FROM rules_pending ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let records = match batches.is_empty() {
            true => Vec::new(),
            false => self
                .conn
                .prepare_cached(
                    "SELECT id FROM records WHERE seq IN (SELECT value FROM json_each(?1)) \
                     ORDER BY id",
                )?
                .query_map([super::id_list(&batches)?], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        };
        Ok(PendingRules { batches, records })
    }

    /// The theme rules have run over these batches.
    pub fn rules_done(&mut self, batches: &[i64]) -> Result<()> {
        self.conn.execute(
            "DELETE FROM rules_pending WHERE seq IN (SELECT value FROM json_each(?1))",
            [super::id_list(batches)?],
        )?;
        Ok(())
    }

    pub fn set_theme_description(
        &mut self,
        name: &str,
        description: &str,
        now: &str,
    ) -> Result<()> {
        // Immediate: it reads the theme, then writes. Begun as a reader, a transaction that
        // another process's commit overtakes cannot become a writer, and fails at once with
        // "database is locked" instead of waiting (an import's theme rules, beside another import).
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = theme_id_in(&tx, name, now)?;
        tx.execute(
            "UPDATE themes SET description = ?2 WHERE id = ?1",
            params![id, description],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every theme with its records (itself and below), authors, per-kind counts and the last
    /// `weeks` weeks of records by creation date, ending with the week holding `now`.
    pub fn theme_summaries(
        &self,
        weeks: usize,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<ThemeSummary>> {
        let mut themes = self
            .conn
            .prepare("SELECT name, description FROM themes ORDER BY name")?;
        let list = themes
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let monday = now.date_naive() - Duration::days(now.weekday().num_days_from_monday() as i64);
        let week0 = monday - Duration::weeks(weeks as i64 - 1);
        let start_ts = week0
            .and_hms_opt(0, 0, 0)
            .and_then(|d| d.and_local_timezone(*now.offset()).single())
            .map(|d| d.timestamp())
            .unwrap_or(0);
        // Records of the theme and of every theme below it (物流 counts 物流/延迟 too).
        let sql = format!(
            "SELECT DISTINCT r.id, (SELECT name FROM kinds WHERE id = r.kind), \
             coalesce(r.author, ''), r.created_ts, r.date_is_import FROM records r \
             JOIN record_themes rt ON rt.record_id = r.id JOIN themes t ON t.id = rt.theme_id \
             WHERE {IN_THEME}"
        );
        let mut rows = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(list.len());
        for (name, description) in list {
            let mut authors = std::collections::HashSet::new();
            let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
            let mut weekly = vec![0u64; weeks];
            let mut records = 0;
            let mut q = rows.query([&name])?;
            while let Some(r) = q.next()? {
                records += 1;
                *by_kind.entry(r.get::<_, String>(1)?).or_default() += 1;
                let author: String = r.get(2)?;
                if !author.is_empty() {
                    authors.insert(author);
                }
                let ts: i64 = r.get(3)?;
                // Undated records count in the theme, not in the week they were imported.
                let undated: bool = r.get(4)?;
                if ts >= start_ts && !undated {
                    let w = ((ts - start_ts) / (7 * 86_400)) as usize;
                    if let Some(slot) = weekly.get_mut(w) {
                        *slot += 1;
                    }
                }
            }
            if records == 0 && description.is_none() {
                // A theme every record has lost (by untagging or undo) is no longer heard.
                continue;
            }
            let mut by_kind: Vec<(String, u64)> = by_kind.into_iter().collect();
            by_kind.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            out.push(ThemeSummary {
                name,
                description,
                records,
                authors: authors.len() as u64,
                by_kind,
                weekly,
                weeks_from: week0,
            });
        }
        Ok(out)
    }
}
