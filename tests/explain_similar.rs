//! `explain` (how a query was read and why hits matched) and `similar` (more-like-this), through
//! the service as the TUI calls them and through the command line with their bad inputs.

use std::path::Path;

use predicates::prelude::*;
use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback, Refusal};
use vochub::service::{Hub, ServiceError, TextField, Via};

mod common;
use common::{json_out, vochub};

fn rec(ext: &str, title: Option<&str>, body: &str) -> NewFeedback {
    let mut r = NewFeedback::new("t", Kind::Ticket, body);
    r.external_id = Some(ext.into());
    r.title = title.map(str::to_string);
    r
}

fn hub_with(records: &[NewFeedback]) -> (tempfile::TempDir, Hub) {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    hub.ingest(records).unwrap();
    (dir, hub)
}

fn corpus() -> Vec<NewFeedback> {
    vec![
        rec("refund", Some("退款问题"), "你好世界，我的退款一直没有到账"),
        rec("service", None, "价格和服务都不错，下次还来"),
        rec("kimono", None, "她穿着和服拍照，很好看"),
    ]
}

#[test]
fn explain_shows_folding_segmentation_and_grams() {
    let (_dir, hub) = hub_with(&corpus());
    let ex = hub.explain("你好世界 退貨 -和服", 5).unwrap();
    let t: Vec<_> = ex.terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(t, ["你好世界", "退貨", "和服"]);
    let hello = &ex.terms[0];
    assert_eq!(hello.words, ["你好", "世界"]);
    assert_eq!(hello.grams, ["你好", "好世", "世界"]);
    assert!(!hello.negated && !hello.phrase);
    let refund = &ex.terms[1];
    assert_eq!(refund.folded, "退货");
    assert_eq!(refund.grams, ["退货"]);
    assert!(ex.terms[2].negated);
    let single = hub.explain("\"退\"", 0).unwrap();
    assert_eq!(
        single.terms[0].grams,
        ["退"],
        "a lone character is its unigram"
    );
    assert!(single.terms[0].phrase);
    assert_eq!(single.total, 1);
    assert!(single.hits.is_empty(), "top 0 explains no hit");
}

#[test]
fn explain_names_the_fields_and_analyzers_that_matched() {
    let (_dir, hub) = hub_with(&corpus());
    let ex = hub.explain("退款", 5).unwrap();
    assert_eq!(ex.total, 1);
    let hit = &ex.hits[0];
    assert_eq!(hit.hit.record.external_id, "refund");
    let mut ways: Vec<(TextField, Via)> = hit.matches.iter().map(|m| (m.field, m.via)).collect();
    ways.sort_by_key(|(f, v)| (*f as u8, *v as u8));
    assert_eq!(
        ways,
        [
            (TextField::Body, Via::Words),
            (TextField::Body, Via::Grams),
            (TextField::Title, Via::Words),
            (TextField::Title, Via::Grams),
        ]
    );
    let parts: f32 = hit.matches.iter().map(|m| m.score).sum();
    assert!(
        (parts - hit.hit.score).abs() < 1e-3,
        "one term, no filters: the parts add up to the score ({parts} vs {})",
        hit.hit.score
    );

    // 和服 inside 和 + 服务 matches through grams only; as a word it also matches as words.
    let ex = hub.explain("和服", 5).unwrap();
    let by_ext = |ext: &str| {
        let h = ex
            .hits
            .iter()
            .find(|h| h.hit.record.external_id == ext)
            .unwrap();
        h.matches
            .iter()
            .map(|m| (m.field, m.via))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_ext("service"), [(TextField::Body, Via::Grams)]);
    assert!(by_ext("kimono").contains(&(TextField::Body, Via::Words)));
    assert_eq!(ex.hits[0].hit.record.external_id, "kimono");
}

#[test]
fn explain_names_the_compound_two_words_typed_apart_matched_as() {
    let (_dir, hub) = hub_with(&[
        rec("joined", None, "No followup from the team yet"),
        rec("apart", None, "Please follow up with the courier"),
    ]);
    let ex = hub.explain("follow up", 5).unwrap();
    assert_eq!(ex.total, 2);
    let terms = |ext: &str| -> Vec<String> {
        let h = ex.hits.iter().find(|h| h.hit.record.external_id == ext);
        let mut t: Vec<String> = h.unwrap().matches.iter().map(|m| m.term.clone()).collect();
        t.dedup();
        t
    };
    assert_eq!(terms("joined"), ["followup"]);
    assert_eq!(terms("apart"), ["follow", "up", "followup"]);
}

#[test]
fn explain_of_a_malformed_query_gives_the_parsers_position() {
    let (_dir, hub) = hub_with(&corpus());
    match hub.explain("退款 (到账", 5) {
        Err(ServiceError::Query(e)) => {
            assert_eq!(e.position, 6, "{e}");
            assert!(e.kind.to_string().contains("expected a closing ')'"), "{e}");
        }
        other => panic!("expected a query error, got {other:?}"),
    }
}

#[test]
fn similar_finds_records_about_the_same_thing_and_not_itself() {
    let (_dir, hub) = hub_with(&[
        rec(
            "ear1",
            None,
            "蓝牙耳机续航太短，充满电只能用两个小时，降噪效果也一般",
        ),
        rec("ear2", None, "这个蓝牙耳机的续航很差，两个小时就没电了"),
        rec("ear3", None, "耳机降噪还行，但是续航不太够"),
        rec("ship1", None, "物流太慢了，快递一个星期才到，包装也破了"),
        rec("ship2", None, "快递员态度很差，物流信息一直不更新"),
        rec("other", None, "客服回复很快，问题解决了，谢谢"),
    ]);
    let id_of = |ext: &str| {
        hub.search(&format!("ext:{ext}"), &Default::default())
            .unwrap()
            .hits[0]
            .record
            .id
    };
    let ear1 = id_of("ear1");
    let hits = hub.similar(ear1, 10).unwrap();
    let order: Vec<&str> = hits.iter().map(|h| h.record.external_id.as_str()).collect();
    assert!(
        !order.contains(&"ear1"),
        "a record is not similar to itself: {order:?}"
    );
    assert_eq!(&order[..2], ["ear2", "ear3"], "{order:?}");
    let first = &hits[0].snippet;
    assert!(
        first.marked("[", "]").contains("[蓝牙耳机]") || first.marked("[", "]").contains("[续航]"),
        "shared key words are highlighted: {}",
        first.marked("[", "]")
    );
    let ship = hub.similar(id_of("ship1"), 1).unwrap();
    assert_eq!(ship.len(), 1, "the limit is kept");
    assert_eq!(ship[0].record.external_id, "ship2");
    match hub.similar(999_999, 5) {
        Err(ServiceError::Refused(Refusal::NoSuchRecord(999_999))) => {}
        other => panic!("expected NoSuchRecord, got {other:?}"),
    }
}

#[test]
fn similar_counts_english_words_in_any_form_as_shared() {
    let (_dir, hub) = hub_with(&[
        rec("a", None, "They refunded my order but not the shipping"),
        rec("b", None, "Please refund the orders I cancelled"),
        rec("c", None, "The shipping label never printed"),
        rec("d", None, "My order arrived"),
        rec("e", None, "Great coffee and friendly staff"),
        rec("f", None, "Screen cracked after a week"),
    ]);
    let (order, marked) = like_a(&hub);
    // b shares refund, order and the; as written it shared only "the", below c and d.
    assert_eq!(order.first().map(String::as_str), Some("b"), "{order:?}");
    assert!(
        marked.contains("[refund]") && marked.contains("[orders]"),
        "the shared words are highlighted in the form b holds: {marked}"
    );
}

#[test]
fn similar_counts_british_and_american_spellings_as_one_word() {
    let (_dir, hub) = hub_with(&[
        rec("a", None, "The colour of my favourite jumper faded"),
        rec("b", None, "Favorite colors, faded"),
        rec("c", None, "The jumper arrived"),
        rec("d", None, "My parcel arrived"),
        rec("e", None, "Great coffee and friendly staff"),
    ]);
    let (order, marked) = like_a(&hub);
    // b shares colour, favourite and faded; as spelt it shared only faded, as c shares jumper.
    assert_eq!(order.first().map(String::as_str), Some("b"), "{order:?}");
    assert_eq!(marked, "[Favorite] [colors], [faded]");
}

/// The records most like record a, by external id, and the first one's snippet marked with [ ].
fn like_a(hub: &Hub) -> (Vec<String>, String) {
    let a = hub.search("ext:a", &Default::default()).unwrap().hits[0]
        .record
        .id;
    let hits = hub.similar(a, 10).unwrap();
    let order = hits.iter().map(|h| h.record.external_id.clone()).collect();
    let marked = hits
        .first()
        .map(|h| h.snippet.marked("[", "]"))
        .unwrap_or_default();
    (order, marked)
}

#[test]
fn cli_explain_and_similar_with_their_bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let tickets = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/tickets.json");
    vochub(dir.path())
        .arg("import")
        .arg(&tickets)
        .assert()
        .success();

    let v = json_out(vochub(dir.path()).args(["explain", "退款 -物流", "--json"]));
    assert_eq!(v["parsed"]["expr"]["op"], "and");
    assert_eq!(v["terms"][0]["grams"][0], "退款");
    assert_eq!(v["terms"][1]["negated"], true);
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5, "top 5 by default");
    assert!(
        hits[0]["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["via"] == "grams")
    );
    vochub(dir.path())
        .args(["explain", "退款"])
        .assert()
        .success()
        .stdout(predicate::str::contains("grams  退款"))
        .stdout(predicate::str::contains("退款: body"));
    vochub(dir.path())
        .args(["explain", "退款 (到账"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("query error at character 7"))
        .stderr(predicate::str::contains("expected a closing ')'"));
    vochub(dir.path())
        .args(["explain", "tag:"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "expected a value right after 'tag:'",
        ));

    let id_num = hits[0]["id"].as_i64().unwrap();
    let id = id_num.to_string();
    let v = json_out(vochub(dir.path()).args(["similar", &id, "--limit", "3", "--json"]));
    let similar = v["hits"].as_array().unwrap();
    assert_eq!(similar.len(), 3);
    assert!(
        similar
            .iter()
            .all(|h| h["id"].as_i64() != Some(id_num) && h.get("snippet").is_some())
    );
    vochub(dir.path())
        .args(["similar", "99999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no record with id 99999"));
    vochub(dir.path())
        .args(["similar", "abc"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("invalid digit"));
}
