//! Store: the real migrations on an in-memory database; upserts are idempotent and update in place.

use chrono::{DateTime, FixedOffset};
use vochub::domain::{Kind, NewFeedback};
use vochub::store::{NewQuote, Store};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ticket(id: &str, body: &str) -> NewFeedback {
    let mut r = NewFeedback::new("zendesk", Kind::Ticket, body);
    r.external_id = Some(id.to_string());
    r.created_at = Some(at("2026-10-03T14:05:00+08:00"));
    r.author = Some("王芳".into());
    r
}

#[test]
fn reimport_is_idempotent_and_changes_update_in_place() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2026-11-01T09:00:00+08:00");
    let batch = vec![ticket("T-1", "退款一直没到账"), ticket("T-2", "物流太慢了")];

    let first = store.upsert_batch(&batch, now).unwrap();
    assert_eq!((first.inserted, first.updated, first.unchanged), (2, 0, 0));
    let seq_after_first = store.current_seq().unwrap();

    let again = store.upsert_batch(&batch, now).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 2));
    assert!(again.changed.is_empty());
    assert_eq!(store.stats().unwrap().total, 2);

    let id = first.changed[0];
    let before = store.get_state(id).unwrap();
    let edited = vec![ticket("T-1", "退款一直没到账，已经催了三次")];
    let third = store.upsert_batch(&edited, now).unwrap();
    assert_eq!((third.inserted, third.updated, third.unchanged), (0, 1, 0));
    assert_eq!(third.changed, vec![id], "updated in place, same id");
    let after = store.get_state(id).unwrap();
    assert_eq!(after.feedback.body, "退款一直没到账，已经催了三次");
    assert!(after.seq > before.seq && after.seq > seq_after_first);
    assert_eq!(store.stats().unwrap().total, 2);
}

#[test]
fn records_without_ids_get_one_from_their_content() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2026-11-01T09:00:00+08:00");
    let mut r = NewFeedback::new("weibo", Kind::Social, "客服态度真差");
    r.author = Some("小李".into());
    let out = store.upsert_batch(&[r.clone(), r.clone()], now).unwrap();
    assert_eq!((out.inserted, out.unchanged), (1, 1));
    let rec = store.get(out.changed[0]).unwrap();
    assert!(rec.external_id.starts_with("h-"), "{}", rec.external_id);
    // No date in the source: import time, flagged.
    assert!(rec.date_is_import_time);
    assert_eq!(rec.created_at, now);
}

#[test]
fn same_external_id_in_two_sources_are_two_records() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2026-11-01T09:00:00+08:00");
    let a = ticket("1", "价格太贵");
    let mut b = a.clone();
    b.source = "freshdesk".into();
    let out = store.upsert_batch(&[a, b], now).unwrap();
    assert_eq!(out.inserted, 2);
}

#[test]
fn source_tags_become_themes_and_change_feed_sees_records() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2026-11-01T09:00:00+08:00");
    let mut r = ticket("T-9", "手表表带断了");
    r.tags = vec!["质量/表带".into(), "zendesk/vip".into()];
    store.upsert_batch(&[r], now).unwrap();
    let mut seen = Vec::new();
    let upto = store
        .changed_since(0, |s| {
            seen.push(s.feedback.tags.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(
        seen,
        vec![vec!["zendesk/vip".to_string(), "质量/表带".to_string()]]
    );
    assert_eq!(upto, store.current_seq().unwrap());
    let mut none = 0;
    store
        .changed_since(upto, |_| {
            none += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(none, 0);
}

#[test]
fn reopening_a_file_database_keeps_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    {
        let mut told = false;
        let mut s = Store::open_telling(&path, &mut |_| told = true).unwrap();
        assert!(!told, "a new database is not an upgrade");
        s.upsert_batch(
            &[ticket("T-1", "质量不错")],
            at("2026-11-01T09:00:00+08:00"),
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.stats().unwrap().total, 1);
}

#[test]
fn a_batch_reports_each_record_as_the_store_reads_it() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2026-11-01T09:00:00+08:00");
    let mut tagged = ticket("T-2", "物流太慢了");
    tagged.tags = vec!["物流/延迟".into()];
    let mut undated = NewFeedback::new("weibo", Kind::Social, "客服态度真差");
    undated.extra.insert("likes".into(), 3.into());
    let first = store
        .upsert_batch(&[ticket("T-1", "退款一直没到账"), tagged, undated], now)
        .unwrap();
    assert_eq!(first.written.len(), 3);
    assert_eq!(first.seq, store.current_seq().unwrap());
    for w in &first.written {
        assert!(w.new);
        let stored = store.get_state(w.state.feedback.id).unwrap();
        assert_eq!(w.state.feedback, stored.feedback);
        assert_eq!((w.state.seq, &w.state.routes), (stored.seq, &stored.routes));
    }
    assert_eq!(first.written[1].state.feedback.tags, vec!["物流/延迟"]);

    let edited = store
        .upsert_batch(&[ticket("T-1", "退款一直没到账，催了三次")], now)
        .unwrap();
    let w = &edited.written[0];
    assert!(!w.new, "an update keeps its id");
    assert_eq!(w.state.feedback, store.get(w.state.feedback.id).unwrap());
    assert_eq!(edited.seq, first.seq + 1);
}

#[test]
fn get_many_keeps_the_order_asked_and_skips_missing_ids() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at("2026-11-01T09:00:00+08:00");
    let out = store
        .upsert_batch(
            &[
                ticket("T-1", "一"),
                ticket("T-2", "二"),
                ticket("T-3", "三"),
            ],
            now,
        )
        .unwrap();
    let (a, b, c) = (out.changed[0], out.changed[1], out.changed[2]);
    let got: Vec<String> = store
        .get_many(&[c, 9_999, a, b])
        .unwrap()
        .into_iter()
        .map(|f| f.body)
        .collect();
    assert_eq!(got, vec!["三", "一", "二"]);
    assert!(store.get_many(&[]).unwrap().is_empty());
}

/// A database as vochub wrote it before migration 0005 (dates and hashes as text, band columns),
/// holding `rec` as record 7, tagged 退款 and quoted once. Returns the content hash it stored.
fn write_version_4_database(path: &std::path::Path, rec: &NewFeedback) -> String {
    use sha2::{Digest, Sha256};
    // The content hash as vochub wrote it then: SHA-256 of the fields, 32 hex digits.
    let mut h = Sha256::new();
    for part in [
        "ticket",
        "2026-10-03T14:05:00+08:00",
        "王芳",
        "",
        &rec.body,
        "",
        "",
        "{}",
        "",
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in [
        include_str!("../assets/migrations/0001_records.sql"),
        include_str!("../assets/migrations/0002_workflow.sql"),
        include_str!("../assets/migrations/0003_customers.sql"),
        include_str!("../assets/migrations/0004_drop_created_index.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = 4;
         INSERT INTO records (id, source, kind, external_id, created_at, created_ts, author, body,
             lang, extra, content_hash, imported_at, updated_at, seq, simhash)
         VALUES (7, 'zendesk', 'ticket', 'T-1', '2026-10-03T14:05:00+08:00', 1791007500, '王芳',
             '{}', 'zh', '{{}}', '{}', '2026-11-01T01:00:00+00:00',
             '2026-11-01T01:00:00+00:00', 1, {});
         INSERT INTO themes (id, name, created_at) VALUES (1, '退款', '2026-11-01T01:00:00+00:00');
         INSERT INTO record_themes VALUES (7, 1);
         INSERT INTO quotes (record_id, start_char, end_char, text, body_hash, created_by, created_at)
         VALUES (7, 0, 2, '退款', 'x', 'pm', '2026-11-01T01:00:00+00:00');",
        rec.body,
        &hash[..32],
        vochub::domain::simhash::simhash(&rec.body).unwrap() as i64
    ))
    .unwrap();
    hash
}

/// A data dir from before quote ids were given once, whose quote #2 was added and undone (only
/// the journal remembers it): after the upgrade its quotes keep their themes, and the next quote
/// is #3, not #2 again.
#[test]
fn an_older_database_does_not_give_an_undone_quote_id_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let rec = ticket("T-1", "退款一直没到账，已经催了三次");
    write_version_4_database(&path, &rec);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            r#"INSERT INTO quote_themes VALUES (1, 1);
               INSERT INTO journal (at, who, action, summary, data)
               VALUES ('2026-11-01T02:00:00+00:00', 'pm', 'quote', 'quote #2 from record 7: 一直',
                       '{"quote": 2, "record": 7, "text": "一直"}');"#,
        )
        .unwrap();

    let mut store = Store::open(&path).unwrap();
    let kept = store.quotes_of_record(7).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].id, kept[0].themes.clone()),
        (1, vec!["退款".to_string()])
    );
    let q = NewQuote {
        record_id: 7,
        start: 2,
        end: 4,
        text: "一直",
        body_hash: "x",
        note: None,
        themes: &[],
    };
    let added = store
        .add_quote(&q, "pm", "2026-11-02T01:00:00+00:00")
        .unwrap();
    assert_eq!(added.id, 3);
}

/// An older data dir opens with its records, themes and quotes intact and compacted, and
/// re-importing the same rows finds them unchanged.
#[test]
fn an_older_database_is_migrated_and_keeps_what_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let rec = ticket("T-1", "退款一直没到账，已经催了三次");
    let old_hash = write_version_4_database(&path, &rec);

    let mut told = 0;
    let mut cost = 0;
    drop(
        Store::open_telling(&path, &mut |seconds| {
            told += 1;
            cost = seconds;
        })
        .unwrap(),
    );
    assert_eq!(
        (told, cost),
        (1, 23),
        "version 4 needs upgrading, the long way"
    );
    let mut store = Store::open_telling(&path, &mut |_| told += 1).unwrap();
    assert_eq!(told, 1, "upgraded once");
    let got = store.get(7).unwrap();
    assert_eq!(got.created_at, at("2026-10-03T14:05:00+08:00"));
    assert_eq!(got.created_at.offset().local_minus_utc(), 8 * 3600);
    assert_eq!(got.body, rec.body);
    assert_eq!(got.extra, serde_json::json!({}));
    assert_eq!(got.tags, vec!["退款".to_string()]);
    assert_eq!(got.content_hash, old_hash[..16]);
    assert_eq!(store.quotes_of_record(7).unwrap().len(), 1);
    assert_eq!(
        store.stats().unwrap().by_month,
        vec![("2026-10".to_string(), 1)]
    );
    let raw = rusqlite::Connection::open(&path).unwrap();
    let (kind, free): (String, i64) = raw
        .query_row(
            "SELECT typeof(body), (SELECT freelist_count FROM pragma_freelist_count()) \
             FROM records WHERE id = 7",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (kind.as_str(), free),
        ("blob", 0),
        "compacted when migrated"
    );

    let copy = ticket("T-2", &format!("{} 20261103", rec.body));
    let again = store
        .upsert_batch(&[rec, copy], at("2026-11-02T09:00:00+08:00"))
        .unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (1, 0, 1));
    // The migrated record's fingerprint is found, read from the records table: 0006's index of
    // the originals is gone again after 0007.
    assert_eq!(again.written[0].state.original, Some(7));
    let indexes: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        !indexes.iter().any(|n| n == "records_originals"),
        "{indexes:?}"
    );
}

/// `compact` rewrites bodies kept in an older, longer form (UTF-8 text, UTF-16) in today's
/// shortest one, without changing any record.
#[test]
fn compact_rewrites_older_bodies_and_changes_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let mut store = Store::open(&path).unwrap();
    let zh = ticket("T-1", &"退款一直没到账，已经催了三次。".repeat(40));
    let en = ticket("T-2", "The refund never arrived");
    let utf16 = ticket("T-3", "客服态度很好，问题当天就解决了");
    let ids = store
        .upsert_batch(
            &[zh.clone(), en, utf16.clone()],
            at("2026-11-02T09:00:00+08:00"),
        )
        .unwrap()
        .changed;
    // As older vochubs left them: Chinese as UTF-8 text, and as a UTF-16 BLOB.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE records SET body = ?1 WHERE id = ?2",
        rusqlite::params![zh.body, ids[0]],
    )
    .unwrap();
    let units: Vec<u8> = utf16
        .body
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    raw.execute(
        "UPDATE records SET body = ?1 WHERE id = ?2",
        rusqlite::params![units, ids[2]],
    )
    .unwrap();
    let before = (
        store.get_state(ids[0]).unwrap(),
        store.current_seq().unwrap(),
    );

    let done = store.compact().unwrap();
    assert_eq!(done.bodies, 2, "the two Chinese bodies are shorter coded");
    assert!(done.bytes_after <= done.bytes_before, "{done:?}");
    let after = store.get_state(ids[0]).unwrap();
    assert_eq!(after.feedback, before.0.feedback);
    assert_eq!(
        (after.seq, store.current_seq().unwrap()),
        (before.0.seq, before.1)
    );
    assert_eq!(store.get_state(ids[2]).unwrap().feedback.body, utf16.body);
    let forms: Vec<(String, i64)> = raw
        .prepare("SELECT typeof(body), length(body) % 2 FROM records ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let odd_blob = ("blob".to_string(), 1);
    assert_eq!(forms[0], odd_blob);
    assert_eq!(forms[2], odd_blob);
    assert_eq!(forms[1].0, "text");
    assert_eq!(
        store.compact().unwrap().bodies,
        0,
        "nothing left to rewrite"
    );
}

/// Two vochub processes on one data dir: an import's theme rules describe their themes while
/// another import commits. The description read the theme and then wrote it in a transaction
/// begun as a reader, which fails at once ("database is locked") once another commit overtakes
/// it: the import ended with exit 2 after storing its records.
#[test]
fn describing_a_theme_waits_for_another_process_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vochub.db");
    let mut store = Store::open(&path).unwrap();
    let other = Store::open(&path).unwrap();
    drop(other);
    let (began, wait) = std::sync::mpsc::channel();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "BEGIN IMMEDIATE; UPDATE counters SET value = value + 1 WHERE name = 'seq';",
            )
            .unwrap();
            began.send(()).unwrap();
            // Long enough for the other side to read and reach its write.
            std::thread::sleep(std::time::Duration::from_millis(400));
            conn.execute_batch("COMMIT").unwrap();
        })
    };
    wait.recv().unwrap();
    store
        .set_theme_description("价格", "Price", "2026-11-27T10:00:00+08:00")
        .expect("waits for the other commit, then writes");
    writer.join().unwrap();
}

/// Which ids vochub derived is written with each record; a data dir from before the mark is
/// marked by the form of its ids, so a source's own id (even one starting `h-`) stays a real one.
#[test]
fn derived_ids_are_marked_and_an_older_data_dir_is_marked_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let now = at("2026-11-01T09:00:00+08:00");
    let mut store = Store::open(&path).unwrap();
    let no_id = NewFeedback::new("weibo", Kind::Social, "客服态度真差");
    let mut numbered = NewFeedback::new("weibo", Kind::Social, "又来了");
    numbered.external_id = Some(format!("{}-2", vochub::store::derived_id(42, 1)));
    numbered.id_derived = true;
    let out = store
        .upsert_batch(
            &[
                no_id,
                numbered,
                ticket("T-1", "退款"),
                ticket("h-report", "源系统自己的编号"),
            ],
            now,
        )
        .unwrap();
    let marks = |store: &Store| -> Vec<(String, bool, Option<String>)> {
        out.changed
            .iter()
            .map(|&id| {
                let r = store.get(id).unwrap();
                (
                    r.external_id.clone(),
                    r.id_derived,
                    r.source_id().map(str::to_string),
                )
            })
            .collect()
    };
    let written = marks(&store);
    let derived: Vec<bool> = written.iter().map(|(_, d, _)| *d).collect();
    assert_eq!(derived, [true, true, false, false], "{written:?}");
    assert_eq!(written[2].2.as_deref(), Some("T-1"));
    assert_eq!(written[0].2, None);
    drop(store);

    // As an older vochub left it: no mark.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("ALTER TABLE records DROP COLUMN id_derived; PRAGMA user_version = 10;")
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(marks(&store), written);
}
