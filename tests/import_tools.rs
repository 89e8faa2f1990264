//! What the tool importers do beyond reading their samples: saved mappings, near-duplicate waves,
//! updated exports and mail threads, through the command line.

use serde_json::Value;

mod common;
use common::{import, json_out, sample, shown, vochub};

#[test]
fn a_saved_mapping_reads_a_gb18030_crm_export_with_its_own_dates_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = sample("mappings/crm_export.toml");
    let csv = sample("mappings/crm_export.csv");
    let args = ["--mapping", mapping.to_str().unwrap()];
    let summary = import(dir.path(), &args, std::slice::from_ref(&csv)).unwrap();
    assert_eq!(
        (&summary["inserted"], &summary["rejected"]),
        (&Value::from(4), &Value::from(0))
    );
    let rec = shown(dir.path(), 1);
    assert_eq!(
        (
            &rec["kind"],
            &rec["source"],
            &rec["author"],
            &rec["created_at"]
        ),
        (
            &Value::from("ticket"),
            &Value::from("legacy-crm"),
            &Value::from("杭州西溪智能家居有限公司"),
            &Value::from("2026-10-03T14:05:00+08:00")
        )
    );
    assert_eq!(
        rec["body"],
        "员工反馈耳机 Pro 佩戴一小时后耳朵疼，希望提供更小号的耳塞套。"
    );
    let tags: Vec<&str> = rec["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for t in ["耳机 Pro", "佩戴", "配件"] {
        assert!(tags.contains(&t), "{tags:?}");
    }
    assert_eq!(rec["extra"]["联系电话"], "0571-86001234");
    // Without the mapping no column looks like the text: the error says so.
    let err = import(dir.path(), &[], &[csv]).unwrap_err();
    assert!(err.contains("--map body=COLUMN"), "{err}");
}

#[test]
fn a_copy_paste_wave_is_stored_whole_and_shown_once_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let summary = import(dir.path(), &[], &[sample("douyin_copy_paste_wave.csv")]).unwrap();
    assert_eq!(summary["inserted"], 6, "nothing is dropped");
    let page = json_out(vochub(dir.path()).args(["search", "表带", "--json", "--limit", "0"]));
    let hits = page["hits"].as_array().unwrap();
    let ids: Vec<i64> = hits.iter().map(|h| h["id"].as_i64().unwrap()).collect();
    assert_eq!(hits.len(), 3, "{ids:?}");
    let wave = hits.iter().find(|h| h["id"] == 1).unwrap();
    assert_eq!(wave["duplicates"], 3);
    assert!(hits.iter().all(|h| h["duplicate_of"].is_null()));
    // The copies are still there, each pointing at the first.
    for id in 2..=4 {
        assert!(!ids.contains(&id));
        let copy = shown(dir.path(), id as u64);
        assert!(copy["body"].as_str().unwrap().contains("表带戴三周就断了"));
    }
    // The reply that shares words but says something else stays its own hit.
    assert!(ids.contains(&5));
    let plain = vochub(dir.path())
        .args(["search", "表带"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&plain.stdout).contains("(+3 near-duplicates)"));
    // Newest first, four to a page: 6, 5, then the wave at the rank of its newest copy (4), shown
    // as that copy, with the count of the rest and a link to the original; the six records make
    // only three lines, so the page holds three.
    let page =
        json_out(vochub(dir.path()).args(["search", "表带 sort:newest", "--json", "--limit", "4"]));
    let hits = page["hits"].as_array().unwrap();
    let ids: Vec<i64> = hits.iter().map(|h| h["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![6, 5, 4]);
    assert_eq!(hits[2]["duplicates"], 3);
    assert_eq!(hits[2]["duplicate_of"], 1);
    assert!(hits[..2].iter().all(|h| h["duplicate_of"].is_null()));
}

#[test]
fn an_updated_export_updates_only_the_changed_records() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    // A help-desk export where one ticket got a new reply and another was solved.
    let original = std::fs::read_to_string(sample("zendesk_export.jsonl")).unwrap();
    let export = work.path().join("zendesk_export.jsonl");
    std::fs::write(&export, &original).unwrap();
    import(dir.path(), &[], std::slice::from_ref(&export)).unwrap();
    let mut lines: Vec<Value> = original
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines[2]["comments"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": 1, "author_id": 361006, "body": "今天又试了，还是不充电。", "public": true,
            "created_at": "2026-10-12T08:00:00Z"
        }));
    lines[3]["status"] = "solved".into();
    let updated: Vec<String> = lines.iter().map(|v| v.to_string()).collect();
    std::fs::write(&export, updated.join("\n")).unwrap();
    let summary = import(dir.path(), &[], std::slice::from_ref(&export)).unwrap();
    assert_eq!(
        (
            &summary["inserted"],
            &summary["updated"],
            &summary["unchanged"]
        ),
        (&Value::from(0), &Value::from(2), &Value::from(2)),
        "{summary}"
    );
    let ticket = shown(dir.path(), 3);
    assert!(
        ticket["body"]
            .as_str()
            .unwrap()
            .ends_with("今天又试了，还是不充电。")
    );
    assert_eq!(shown(dir.path(), 4)["extra"]["status"], "solved");

    // The same for a spreadsheet: one edited cell, one new row.
    let csv = std::fs::read_to_string(sample("sales_notes.csv")).unwrap();
    let notes = work.path().join("sales_notes.csv");
    std::fs::write(&notes, &csv).unwrap();
    import(dir.path(), &[], std::slice::from_ref(&notes)).unwrap();
    let edited = csv.replacen(",需求确认,50800", ",方案报价,50800", 1)
        + "SN-2026-9999,2026-11-20 10:00,新客户,新联系人,新增记录,新客户第一次沟通，想了解云雀手表 S3 批量价格。,初步接触,\n";
    std::fs::write(&notes, edited).unwrap();
    let summary = import(dir.path(), &[], std::slice::from_ref(&notes)).unwrap();
    assert_eq!(
        (
            &summary["inserted"],
            &summary["updated"],
            &summary["unchanged"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(89)),
        "{summary}"
    );
}

#[test]
fn mail_threads_keep_only_the_new_words_and_their_thread() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[], &[sample("support_inbox.mbox")]).unwrap();
    let reply = shown(dir.path(), 3);
    assert_eq!(
        reply["body"],
        "寄回要我自己出运费吗？来回快递要一周，能不能先寄新的给我？"
    );
    assert_eq!(reply["extra"]["thread_id"], "20261001091240.lxw@163.com");
    assert_eq!(reply["extra"]["in_reply_to"], "reply-1001@yunque.example");
    let big5 = shown(dir.path(), 4);
    assert_eq!(big5["title"], "耳機 Pro 香港保養");
    assert_eq!(big5["author"], "陳大文");
    let latin1 = shown(dir.path(), 5);
    assert!(latin1["body"].as_str().unwrap().contains("Très frustrant!"));
    assert_eq!(latin1["created_at"], "2026-10-05T10:22:05+02:00");
    let html = shown(dir.path(), 6);
    assert!(
        html["body"].as_str().unwrap().starts_with("Hi team,"),
        "{}",
        html["body"]
    );
}
