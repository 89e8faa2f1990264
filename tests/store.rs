//! Store: the real migrations on an in-memory database; upserts are idempotent and update in place.

use chrono::{DateTime, FixedOffset};
use vochub::domain::{Kind, NewFeedback};
use vochub::store::Store;

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
        let mut s = Store::open(&path).unwrap();
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
