//! The triage workflow through the service: tags reach the index at once, routing adds a record
//! once, statuses move only along allowed transitions, quotes keep exact spans, and every change
//! can be undone from the journal.

use chrono::DateTime;
use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{ExportFormat, Hub, Priority, Scope, SearchOptions, Status, TagChange};

fn hub_with_records() -> (tempfile::TempDir, Hub) {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(
        dir.path(),
        Config {
            user: Some("王芳".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let texts = [
        ("t1", Kind::Ticket, "退款三天了还没到账"),
        ("t2", Kind::Ticket, "物流太慢，快递一直没动"),
        ("t3", Kind::Social, "申请退款被拒绝，客服态度很差"),
        ("t4", Kind::SalesNote, "客户觉得价格偏高，希望有年付折扣"),
        (
            "t5",
            Kind::Email,
            "=HYPERLINK(\"http://evil.example\",\"点我\") 退款呢？",
        ),
    ];
    let recs: Vec<NewFeedback> = texts
        .iter()
        .enumerate()
        .map(|(i, (id, kind, body))| {
            let mut r = NewFeedback::new("test", *kind, *body);
            r.external_id = Some(id.to_string());
            r.author = Some(format!("客户{i}"));
            r.created_at = Some(
                DateTime::parse_from_rfc3339(&format!("2026-10-0{}T10:00:00+08:00", i + 1))
                    .unwrap(),
            );
            r
        })
        .collect();
    hub.ingest(&recs).unwrap();
    (dir, hub)
}

fn ids(hub: &Hub, q: &str) -> Vec<i64> {
    let mut v: Vec<i64> = hub
        .search(
            q,
            &SearchOptions {
                limit: 0,
                ..Default::default()
            },
        )
        .unwrap()
        .hits
        .iter()
        .map(|h| h.record.id)
        .collect();
    v.sort();
    v
}

fn q(s: &str) -> Scope {
    Scope::Query(s.into())
}

#[test]
fn tags_reach_the_index_hierarchically_and_undo_reverts_them() {
    let (_d, mut hub) = hub_with_records();
    let refunds = ids(&hub, "退款");
    assert_eq!(refunds.len(), 3);
    let r = hub
        .tag(&q("退款"), &[TagChange::Add("售后/退款".into())])
        .unwrap();
    assert_eq!(r.changed, 3);
    assert_eq!(ids(&hub, "tag:售后"), refunds);
    assert_eq!(ids(&hub, "tag:售后/退款"), refunds);
    assert_eq!(ids(&hub, "tag:售后/退款"), ids(&hub, "TAG:售后/退款"));
    // Tagging again changes nothing and writes no journal entry.
    let again = hub
        .tag(&q("退款"), &[TagChange::Add("售后/退款".into())])
        .unwrap();
    assert_eq!((again.changed, again.journal_id), (0, None));
    // Names compare case-insensitively.
    hub.tag(&q("物流"), &[TagChange::Add("Logistics/Delay".into())])
        .unwrap();
    assert_eq!(ids(&hub, "tag:logistics").len(), 1);
    let undone = hub.undo(None).unwrap();
    assert!(
        undone.summary.contains("Logistics/Delay"),
        "{}",
        undone.summary
    );
    assert!(ids(&hub, "tag:logistics").is_empty());
    hub.undo(None).unwrap();
    assert!(ids(&hub, "tag:售后").is_empty());
    // Removing a theme, and undoing the removal.
    hub.tag(&q("退款"), &[TagChange::Add("售后".into())])
        .unwrap();
    let rm = hub
        .tag(&q("客服"), &[TagChange::Remove("售后".into())])
        .unwrap();
    assert_eq!(rm.removed, 1);
    assert_eq!(ids(&hub, "tag:售后").len(), 2);
    hub.undo(None).unwrap();
    assert_eq!(ids(&hub, "tag:售后").len(), 3);
}

#[test]
fn undo_takes_back_your_own_newest_change_never_a_teammates_made_since() {
    let (dir, mut wang) = hub_with_records();
    let teammate = Config {
        user: Some("李雷".into()),
        ..Default::default()
    };
    let mut li = Hub::open(dir.path(), teammate).unwrap();
    wang.tag(&q("退款"), &[TagChange::Add("售后".into())])
        .unwrap();
    li.tag(&q("物流"), &[TagChange::Add("物流".into())])
        .unwrap();
    let undone = wang.undo(None).unwrap();
    assert!(undone.summary.contains("售后"), "{}", undone.summary);
    assert!(ids(&wang, "tag:售后").is_empty());
    assert_eq!(ids(&wang, "tag:物流").len(), 1, "李雷's change stays");
    let none = wang.undo(None).unwrap_err().to_string();
    assert!(none.starts_with("you have no change to undo"), "{none}");
    // Named, a teammate's change can still be undone.
    let journal = li.journal(0).unwrap();
    let theirs = journal.iter().find(|e| e.who == "李雷").unwrap();
    wang.undo(Some(theirs.id)).unwrap();
    assert!(ids(&wang, "tag:物流").is_empty());
}

#[test]
fn routing_adds_once_and_statuses_follow_the_transitions() {
    let (_d, mut hub) = hub_with_records();
    let first = hub
        .route(&q("退款"), "product", Priority::P1, Some("退款流程"))
        .unwrap();
    assert_eq!((first.added, first.already), (3, 0));
    let second = hub
        .route(&q("退款"), "product", Priority::P2, None)
        .unwrap();
    assert_eq!((second.added, second.already), (0, 3));
    assert!(
        hub.route(&q("退款"), "sales", Priority::P2, None)
            .unwrap_err()
            .to_string()
            .contains("product, marketing")
    );
    let items = hub.queue_items("product", None).unwrap();
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|e| e.item.status == Status::New && e.item.routed_by == "王芳")
    );
    assert_eq!(ids(&hub, "queue:product").len(), 3);

    let id = items[0].item.id;
    // Every legal step, and the illegal ones in between.
    let illegal = |hub: &mut Hub, to| {
        hub.set_queue_item(id, Some(to), None, None)
            .unwrap_err()
            .to_string()
    };
    assert!(illegal(&mut hub, Status::Done).contains("from new it can go to: accepted, declined"));
    assert!(illegal(&mut hub, Status::InProgress).contains("cannot move"));
    hub.set_queue_item(id, Some(Status::Accepted), Some("李雷"), None)
        .unwrap();
    assert!(illegal(&mut hub, Status::Done).contains("from accepted"));
    hub.set_queue_item(id, Some(Status::InProgress), None, Some("在排期"))
        .unwrap();
    // The journal says what changed: a note or assignee set on its own is no status step.
    let said = |hub: &Hub| hub.journal(1).unwrap()[0].summary.clone();
    assert_eq!(
        said(&hub),
        format!("product item {id}: accepted → in_progress, note “在排期”")
    );
    hub.set_queue_item(id, None, Some(""), None).unwrap();
    assert_eq!(said(&hub), format!("product item {id}: unassigned"));
    hub.undo(None).unwrap();
    let done = hub
        .set_queue_item(id, Some(Status::Done), None, None)
        .unwrap();
    assert_eq!(done.status, Status::Done);
    assert_eq!(done.assignee.as_deref(), Some("李雷"));
    assert!(illegal(&mut hub, Status::New).contains("from done"));
    hub.set_queue_item(id, Some(Status::InProgress), None, None)
        .unwrap();
    hub.set_queue_item(id, Some(Status::Declined), None, None)
        .unwrap();
    assert!(illegal(&mut hub, Status::Done).contains("from declined"));
    hub.set_queue_item(id, Some(Status::New), None, None)
        .unwrap();
    assert_eq!(ids(&hub, "status:new queue:product").len(), 3);
    hub.set_queue_item(id, Some(Status::Accepted), None, None)
        .unwrap();
    assert_eq!(ids(&hub, "status:accepted").len(), 1);
    // Undo the status change, then the route.
    hub.undo(None).unwrap();
    assert_eq!(
        hub.queue_items("product", Some(Status::New)).unwrap().len(),
        3
    );
    let journal = hub.journal(0).unwrap();
    let route_entry = journal.iter().find(|e| e.action == "route").unwrap().id;
    hub.undo(Some(route_entry)).unwrap();
    assert!(hub.queue_items("product", None).unwrap().is_empty());
    assert!(
        hub.set_queue_item(9999, Some(Status::Accepted), None, None)
            .unwrap_err()
            .to_string()
            .contains("9999")
    );
}

#[test]
fn quotes_keep_exact_spans_and_export_safely() {
    let (_d, mut hub) = hub_with_records();
    let rec = ids(&hub, "到账")[0];
    let quote = hub
        .add_quote_text(rec, "三天了还没到账", Some("典型"), &["售后/退款".into()])
        .unwrap();
    assert_eq!((quote.start, quote.end), (2, 9));
    let err = hub
        .add_quote_text(rec, "这句话不在里面", None, &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not contain"), "{err}");
    assert!(hub.add_quote(rec, 5, 500, None, &[]).is_err());
    let evil = ids(&hub, "kind:email")[0];
    hub.add_quote_text(
        evil,
        "=HYPERLINK(\"http://evil.example\",\"点我\")",
        None,
        &["安全".into()],
    )
    .unwrap();

    let cards = hub.quotes(Some("售后")).unwrap();
    assert_eq!(cards.len(), 1);
    assert!(!cards[0].stale);

    let csv = hub.export_quotes(ExportFormat::Csv, None).unwrap();
    assert!(csv.starts_with("\u{FEFF}quote_id,"), "a BOM for Excel");
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    for row in rdr.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell: {cell}"
            );
        }
    }
    assert!(csv.contains("'=HYPERLINK"));
    let md = hub
        .export_quotes(ExportFormat::Markdown, Some("安全"))
        .unwrap();
    assert!(md.contains("> \\=HYPERLINK"), "{md}");
    assert!(!md.contains("[点我]"));
    let json: serde_json::Value =
        serde_json::from_str(&hub.export_quotes(ExportFormat::Json, None).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    for k in [
        "text",
        "source",
        "kind",
        "created_at",
        "author",
        "record_id",
        "themes",
    ] {
        assert!(json[0].get(k).is_some(), "{k}");
    }

    // The record's text changes on re-import: the quote survives, flagged.
    let mut changed = NewFeedback::new("test", Kind::Ticket, "退款三天了还没到账，现在到了");
    changed.external_id = Some("t1".into());
    changed.author = Some("客户0".into());
    changed.created_at = Some(DateTime::parse_from_rfc3339("2026-10-01T10:00:00+08:00").unwrap());
    hub.ingest(&[changed]).unwrap();
    let cards = hub.quotes(Some("售后/退款")).unwrap();
    assert_eq!(cards.len(), 1);
    assert!(cards[0].stale);
}

#[test]
fn journal_records_who_what_and_undo_is_journaled() {
    let (_d, mut hub) = hub_with_records();
    hub.tag(&q("价格"), &[TagChange::Add("价格".into())])
        .unwrap();
    let undo = hub.undo(None).unwrap();
    let log = hub.journal(10).unwrap();
    assert_eq!(log[0].id, undo.id);
    assert_eq!(log[0].action, "undo");
    assert_eq!(log[0].undoes, Some(log[1].id));
    assert_eq!(log[1].undone_by, Some(undo.id));
    assert_eq!(log[1].who, "王芳");
    assert_eq!(log[1].data["added"][0][1], "价格");
    assert!(
        hub.undo(Some(log[1].id))
            .unwrap_err()
            .to_string()
            .contains("already undone")
    );
    assert!(
        hub.undo(Some(undo.id))
            .unwrap_err()
            .to_string()
            .contains("is an undo")
    );
    assert!(hub.undo(Some(424242)).is_err());
}

#[test]
fn theme_summaries_count_children_authors_and_kinds() {
    let (_d, mut hub) = hub_with_records();
    hub.tag(&q("退款 -客服"), &[TagChange::Add("售后/退款".into())])
        .unwrap();
    hub.tag(&q("客服"), &[TagChange::Add("售后/态度".into())])
        .unwrap();
    let themes = hub.themes().unwrap();
    let parent = themes.iter().find(|t| t.name == "售后/退款").unwrap();
    assert_eq!(parent.records, 2);
    assert_eq!(parent.weekly.len(), vochub::service::WEEKS);
    let kinds: Vec<&str> = parent.by_kind.iter().map(|(k, _)| k.as_str()).collect();
    assert!(
        kinds.contains(&"ticket") && kinds.contains(&"email"),
        "{kinds:?}"
    );
}

/// `_` and `%` are plain characters in theme names (helpdesk tags like `app_5_2` are common):
/// a theme counts its own children, never a look-alike's.
#[test]
fn theme_counts_take_underscores_literally() {
    let (_d, mut hub) = hub_with_records();
    // 退款 -客服: t1, t5.  物流: t2.  客服: t3.
    hub.tag(&q("退款 -客服"), &[TagChange::Add("app_5".into())])
        .unwrap();
    hub.tag(&q("物流"), &[TagChange::Add("appx5/sub".into())])
        .unwrap();
    hub.tag(&q("客服"), &[TagChange::Add("APP_5/Sub".into())])
        .unwrap();
    let themes = hub.themes().unwrap();
    let count = |name: &str| themes.iter().find(|t| t.name == name).unwrap().records;
    assert_eq!(count("appx5/sub"), 1);
    // Its own two records and its (differently cased) child's, not the look-alike's.
    assert_eq!(count("app_5"), 3);
}

#[test]
fn saved_searches_expand_and_refuse_loops_and_unknown_names() {
    let (_d, mut hub) = hub_with_records();
    hub.save_search("refunds", "退款 -kind:social").unwrap();
    assert_eq!(ids(&hub, "saved:refunds").len(), 2);
    assert_eq!(ids(&hub, "saved:refunds 到账").len(), 1);
    assert_eq!(hub.saved_searches().unwrap()[0].count, 2);
    let err = hub
        .search("saved:nope", &SearchOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no saved search named 'nope'") && err.contains("refunds"),
        "{err}"
    );
    assert!(hub.save_search("bad name", "x").is_err());
    assert!(hub.save_search("broken", "(退款").is_err());
    assert!(hub.save_search("odd", "kind:bogus 退款").is_err());
    // A loop through saved: references is refused when saved, not followed forever later.
    hub.save_search("a", "退款").unwrap();
    hub.save_search("b", "saved:a").unwrap();
    hub.save_search("c", "saved:b 到账").unwrap();
    let err = hub.save_search("a", "saved:c").unwrap_err().to_string();
    assert!(err.contains("'a' would use itself: a → c → b → a"), "{err}");
    assert!(hub.save_search("a", "saved:a").is_err());
    assert_eq!(
        hub.save_search("a", "退款 OR 物流").unwrap().as_deref(),
        Some("退款")
    );
    // A saved search others use stays until they no longer do.
    let err = hub.remove_saved("b").unwrap_err().to_string();
    assert!(err.contains("used by saved:b in c"), "{err}");
    hub.remove_saved("c").unwrap();
    hub.remove_saved("b").unwrap();
    hub.remove_saved("refunds").unwrap();
    assert!(hub.remove_saved("refunds").is_err());
}

#[test]
fn undoing_an_older_status_change_is_refused_once_the_item_moved_on() {
    let (_d, mut hub) = hub_with_records();
    hub.route(&q("退款"), "product", Priority::P2, None)
        .unwrap();
    let id = hub.queue_items("product", None).unwrap()[0].item.id;
    hub.set_queue_item(id, Some(Status::Accepted), Some("韩梅梅"), None)
        .unwrap();
    let accepted = hub.journal(1).unwrap()[0].id;
    hub.set_queue_item(id, Some(Status::InProgress), None, None)
        .unwrap();
    hub.set_queue_item(id, Some(Status::Done), None, Some("已修复"))
        .unwrap();
    let err = hub.undo(Some(accepted)).unwrap_err().to_string();
    assert!(
        err.contains(&format!("has changed since entry {accepted}")),
        "{err}"
    );
    let item = hub.queue_items("product", Some(Status::Done)).unwrap();
    assert_eq!(item.len(), 1, "the item stays done");
    assert_eq!(item[0].item.note.as_deref(), Some("已修复"));
    // Newest first, each undo goes through.
    for _ in 0..3 {
        hub.undo(None).unwrap();
    }
    let back = &hub.queue_items("product", None).unwrap();
    let back = back.iter().find(|e| e.item.id == id).unwrap();
    assert_eq!(back.item.status, Status::New);
    assert_eq!(back.item.assignee, None);
}
