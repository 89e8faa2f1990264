//! Writing records: the idempotent batched upsert an import runs, and the fingerprints it uses
//! to know a record it has seen before.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Timelike};
use rusqlite::types::Null;
use rusqlite::{
    OptionalExtension, ToSql, Transaction, TransactionBehavior, params, params_from_iter,
};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::records::RecordState;
use super::{Result, Store};
use crate::domain::{Feedback, NewFeedback, detect_lang};

#[derive(Debug, Default, Clone, Serialize)]
pub struct UpsertOutcome {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Ids inserted or updated in this batch.
    #[serde(skip)]
    pub changed: Vec<i64>,
    /// The change number every changed row got.
    pub seq: u64,
    /// Each changed record as the index needs it, in `changed` order: an import indexes a batch
    /// as it stores it instead of reading it back.
    #[serde(skip)]
    pub written: Vec<Written>,
    /// With `Changes::HoldUpdates`: the places in the batch of the records that would have changed
    /// a stored record, left unwritten.
    #[serde(skip)]
    pub held: Vec<usize>,
}

/// Which records a batch writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changes {
    All,
    /// New records only; one that would change a stored record is handed back in `held`. An
    /// import keeps those until its file ends, since a later row of the file may replace them.
    HoldUpdates,
}

/// A record as the batch left it.
#[derive(Debug, Clone)]
pub struct Written {
    pub state: RecordState,
    /// Its id is new to the store, so no index can hold an older copy of it.
    pub new: bool,
}

/// The source's own id, or one derived from what the record says, so re-importing a file whose
/// rows have no ids still finds the same records.
pub fn external_id_for(rec: &NewFeedback) -> String {
    match rec.own_id() {
        Some(id) => id.to_string(),
        None => derived_id(content_key(rec), 1),
    }
}

/// Whether the id `external_id_for` gives was derived rather than the source's.
fn id_is_derived(rec: &NewFeedback) -> bool {
    rec.id_derived || rec.own_id().is_none()
}

/// What a record without an id of its own is known by: 64 bits of a hash of its body, author,
/// title and date (not of its other fields, which a source may correct on a later export).
pub fn content_key(rec: &NewFeedback) -> u64 {
    let date = rec.created_at.map(|d| d.to_rfc3339()).unwrap_or_default();
    let d = digest(&[
        rec.body.as_str(),
        rec.author.as_deref().unwrap_or(""),
        rec.title.as_deref().unwrap_or(""),
        &date,
    ]);
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// The id derived from `key` for the `occurrence`-th record (from 1) that says the same in one
/// file. The first keeps the plain `h-…` id hubs already hold, so numbering the later ones did
/// not duplicate any record stored before.
pub fn derived_id(key: u64, occurrence: u32) -> String {
    match occurrence {
        0 | 1 => format!("h-{key:016x}"),
        n => format!("h-{key:016x}-{n}"),
    }
}

/// Fingerprint of a record's body: a quote keeps it to notice when the text it came from changes.
pub fn body_hash(body: &str) -> String {
    hash_parts(&[body])[..32].to_string()
}

fn hash_parts(parts: &[&str]) -> String {
    digest(parts).iter().map(|b| format!("{b:02x}")).collect()
}

fn digest(parts: &[&str]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().into()
}

/// The numbers `records` keeps for source and kind names (rows of `sources` and `kinds`),
/// remembered for one batch; a name not seen before gets a row.
struct NameIds {
    table: &'static str,
    known: HashMap<String, i64>,
}

impl NameIds {
    fn new(table: &'static str) -> NameIds {
        NameIds {
            table,
            known: HashMap::new(),
        }
    }

    fn id(&mut self, tx: &Transaction, name: &str) -> Result<i64> {
        if let Some(&id) = self.known.get(name) {
            return Ok(id);
        }
        let table = self.table;
        let found = tx
            .prepare_cached(&format!("SELECT id FROM {table} WHERE name = ?1"))?
            .query_row([name], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                tx.prepare_cached(&format!("INSERT INTO {table} (name) VALUES (?1)"))?
                    .execute([name])?;
                tx.last_insert_rowid()
            }
        };
        self.known.insert(name.to_string(), id);
        Ok(id)
    }
}

/// What tells a changed record from an unchanged one: the first 64 bits of a SHA-256 of every
/// field a source sends (an integer column: 32 hex digits cost a million records 24 MB more).
fn content_hash(rec: &NewFeedback) -> i64 {
    let date = rec.created_at.map(|d| d.to_rfc3339()).unwrap_or_default();
    let extra = serde_json::to_string(&rec.extra).unwrap_or_default();
    let rating = rec.rating.map(|r| r.to_string()).unwrap_or_default();
    let tags = rec.tags.join("\u{1f}");
    // Who said it counts as content only when known, so records without a contact keep their old hash.
    let contact = serde_json::to_string(&rec.contact).unwrap_or_default();
    let mut parts = vec![
        rec.kind.as_str(),
        &date,
        rec.author.as_deref().unwrap_or(""),
        rec.title.as_deref().unwrap_or(""),
        &rec.body,
        rec.url.as_deref().unwrap_or(""),
        &rating,
        &extra,
        &tags,
    ];
    if !rec.contact.is_empty() {
        parts.push(&contact);
    }
    let d = digest(&parts);
    i64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// The content hash as readers see it: 16 hex digits.
pub(super) fn hash_hex(hash: i64) -> String {
    format!("{:016x}", hash as u64)
}

impl Store {
    /// 64 MiB of page cache for importing (SQLite's default is 2 MiB): an import looks every
    /// record up in the (source, external_id) index, and at a million records that index no
    /// longer fits in 2 MiB, so each lookup became a read system call. Only importers take it:
    /// the interface, which reads a page of hits at a time, held 55 MiB more with it (the
    /// harness's interface run on a million distinct records).
    fn grow_cache(&mut self) -> Result<()> {
        if !self.grown_cache {
            self.conn.pragma_update(None, "cache_size", -65_536)?;
            self.grown_cache = true;
        }
        Ok(())
    }

    /// Inserts new records, updates changed ones in place, leaves identical ones untouched; all in
    /// one transaction. Every changed row gets the same new change number.
    pub fn upsert_batch(
        &mut self,
        recs: &[NewFeedback],
        now: DateTime<FixedOffset>,
    ) -> Result<UpsertOutcome> {
        self.upsert(recs, now, Changes::All)
    }

    /// `upsert_batch`, writing only what `changes` allows.
    pub fn upsert(
        &mut self,
        recs: &[NewFeedback],
        now: DateTime<FixedOffset>,
        changes: Changes,
    ) -> Result<UpsertOutcome> {
        self.grow_cache()?;
        // Sized for the whole batch up front: grown by doubling, the records' states (a few MB
        // for a batch of an import) were copied a dozen times, into fresh pages each time.
        let mut out = UpsertOutcome {
            changed: Vec::with_capacity(recs.len()),
            written: Vec::with_capacity(recs.len()),
            ..UpsertOutcome::default()
        };
        // Changed records whose stored form involves rows this batch did not write (themes
        // attached before, queue routes): read back once the batch is committed.
        let mut read_back: Vec<usize> = Vec::new();
        // Left empty (reloaded by the next batch) if this one fails: it would hold rows never
        // committed.
        let mut originals = std::mem::take(&mut self.originals);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq: i64 = tx.query_row(
            "UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value",
            [],
            |r| r.get(0),
        )?;
        out.seq = seq as u64;
        originals.catch_up(&tx, seq - 1)?;
        // Customers keep RFC 3339 text.
        let now_s = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        let mut sources = NameIds::new("sources");
        let mut kinds = NameIds::new("kinds");
        {
            let mut find = tx.prepare_cached(
                "SELECT id, content_hash FROM records WHERE source = ?1 AND external_id = ?2",
            )?;
            // Both statements take the record's columns as ?3.. in the same order (`columns`
            // below); the insert puts source and external id first, the update the row id.
            let mut insert = tx.prepare_cached(
                "INSERT INTO records (source, external_id, kind, created_ts, created_off, \
                 date_is_import, author, title, body, url, rating, extra, content_hash, seq, \
                 simhash, duplicate_of, id_derived) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE records SET kind = ?3, created_ts = ?4, created_off = ?5, date_is_import = ?6, \
                 author = ?7, title = ?8, body = ?9, url = ?10, rating = ?11, extra = ?12, \
                 content_hash = ?13, seq = ?14, simhash = ?15, duplicate_of = ?16 \
                 WHERE id = ?1",
            )?;
            for (at, rec) in recs.iter().enumerate() {
                let ext = external_id_for(rec);
                let derived = id_is_derived(rec);
                let source = sources.id(&tx, &rec.source)?;
                let kind = kinds.id(&tx, rec.kind.as_str())?;
                let hash = content_hash(rec);
                let existing: Option<(i64, i64)> = find
                    .query_row(params![source, ext], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                // Re-importing an export mostly finds records as they were: nothing more to do.
                let existing = match existing {
                    Some((_, old)) if old == hash => {
                        out.unchanged += 1;
                        continue;
                    }
                    Some(_) if changes == Changes::HoldUpdates => {
                        out.held.push(at);
                        continue;
                    }
                    other => other.map(|(id, _)| id),
                };
                // Kept to the second (created_ts): what is written is what a read returns.
                let created = rec.created_at.unwrap_or(now);
                let created = created.with_nanosecond(0).unwrap_or(created);
                let lang = detect_lang(&rec.body);
                // Most sources send nothing beyond the known fields: NULL, not "{}".
                let extra = match rec.extra.is_empty() {
                    true => None,
                    false => serde_json::to_string(&rec.extra).ok(),
                };
                let new = existing.is_none();
                let fp = super::duplicates::fingerprint(
                    &tx,
                    &mut originals,
                    &rec.source,
                    &rec.body,
                    existing,
                )?;
                let created_off = created.offset().local_minus_utc();
                let body = super::body::encode(&rec.body);
                let columns: [&dyn ToSql; 14] = [
                    &kind,
                    &created.timestamp(),
                    &created_off,
                    &rec.created_at.is_none(),
                    &rec.author,
                    &rec.title,
                    &body,
                    &rec.url,
                    &rec.rating,
                    &extra,
                    &hash,
                    &seq,
                    &fp.hash,
                    &fp.original,
                ];
                let id = match existing {
                    Some(id) => {
                        // ?2 is not in the update; binding it is harmless and keeps one layout.
                        let head: [&dyn ToSql; 2] = [&id, &Null];
                        update.execute(params_from_iter(head.into_iter().chain(columns)))?;
                        out.updated += 1;
                        id
                    }
                    None => {
                        let head: [&dyn ToSql; 2] = [&source, &ext];
                        // An id is derived or not for good: only the insert writes the mark.
                        let tail: [&dyn ToSql; 1] = [&derived];
                        let all = head.into_iter().chain(columns).chain(tail);
                        insert.execute(params_from_iter(all))?;
                        out.inserted += 1;
                        tx.last_insert_rowid()
                    }
                };
                originals.wrote(&rec.source, id, fp.as_original());
                super::customers::link_in(&tx, id, &rec.contact, &now_s)?;
                for tag in &rec.tags {
                    // A source's tag is customer-controlled text: cleaned, and skipped when
                    // nothing usable is left, rather than failing the whole batch.
                    let clean = crate::domain::sanitize_line(tag);
                    if crate::domain::normalize_theme(&clean).is_ok() {
                        super::themes::attach_in(&tx, id, &clean, &now_s)?;
                    }
                }
                if !new || !rec.tags.is_empty() {
                    read_back.push(out.written.len());
                }
                let feedback = Feedback {
                    id,
                    source: rec.source.clone(),
                    kind: rec.kind,
                    external_id: ext,
                    id_derived: derived,
                    created_at: created,
                    date_is_import_time: rec.created_at.is_none(),
                    author: rec.author.clone(),
                    title: rec.title.clone(),
                    body: rec.body.clone(),
                    lang,
                    url: rec.url.clone(),
                    rating: rec.rating,
                    extra: Value::Object(rec.extra.clone()),
                    content_hash: hash_hex(hash),
                    tags: Vec::new(),
                };
                let state = RecordState {
                    feedback,
                    seq: seq as u64,
                    routes: Vec::new(),
                    original: fp.original,
                };
                out.written.push(Written { state, new });
                out.changed.push(id);
            }
        }
        // Marked with the records themselves, so that rules an interrupted import never ran
        // still run at the next import (see `rules_pending`).
        if !out.changed.is_empty() {
            tx.prepare_cached("INSERT OR IGNORE INTO rules_pending (seq) VALUES (?1)")?
                .execute([seq])?;
        }
        tx.commit()?;
        originals.committed(seq);
        self.originals = originals;
        // Themes are stored under the name that first created them (case differs), and an
        // updated record keeps its themes and routes: the store's own reading is the truth.
        for i in read_back {
            let id = out.written[i].state.feedback.id;
            out.written[i].state = self.get_state(id)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{Kind, NewFeedback};
    use crate::store::Store;

    fn cache_size(store: &Store) -> i64 {
        store
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn derived_ids_of_first_occurrences_are_the_ones_hubs_already_hold() {
        let mut rec = NewFeedback::new("weibo", Kind::Social, "客服态度真差");
        rec.author = Some("小李".into());
        // The id this record got before occurrences were counted: it must never change.
        assert_eq!(super::external_id_for(&rec), "h-5e847aedbf9946b9");
        let key = super::content_key(&rec);
        assert_eq!(super::derived_id(key, 1), "h-5e847aedbf9946b9");
        assert_eq!(super::derived_id(key, 2), "h-5e847aedbf9946b9-2");
    }

    #[test]
    fn only_an_import_grows_the_page_cache() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("vochub.db")).unwrap();
        let default = cache_size(&store);
        assert!(
            default > -65_536,
            "a reader keeps SQLite's own cache: {default}"
        );
        let now = chrono::Utc::now().fixed_offset();
        let rec = NewFeedback::new("mail", Kind::Ticket, "退款三天了还没到账");
        store.upsert_batch(&[rec], now).unwrap();
        assert_eq!(cache_size(&store), -65_536);
    }

    #[test]
    fn holding_updates_writes_new_records_and_hands_back_changed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("vochub.db")).unwrap();
        let now = chrono::Utc::now().fixed_offset();
        let rec = |id: &str, body: &str| {
            let mut r = NewFeedback::new("crm", Kind::SalesNote, body);
            r.external_id = Some(id.into());
            r
        };
        store
            .upsert_batch(&[rec("a", "报价太高"), rec("b", "想要试用")], now)
            .unwrap();
        let batch = [rec("a", "报价太高"), rec("b", "试用满意"), rec("c", "续约")];
        let out = store
            .upsert(&batch, now, super::Changes::HoldUpdates)
            .unwrap();
        assert_eq!((out.inserted, out.updated, out.unchanged), (1, 0, 1));
        assert_eq!(out.held, [1]);
        assert_eq!(out.changed.len(), 1, "only the new record was written");
        let b = store.ids_with_external_id("b").unwrap();
        assert_eq!(store.get(b[0]).unwrap().body, "想要试用");
    }
}
