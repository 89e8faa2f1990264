//! Ranking: what should come first when several records match.
//! Each case pits a record that deserves to win against one that plain term statistics favour
//! (shorter, or holding the query characters more often), so the test fails if the boost that
//! makes the difference is lost.

use chrono::DateTime;
use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{Hub, SearchOptions};

fn rec(ext: &str, body: &str) -> NewFeedback {
    let mut r = NewFeedback::new("t", Kind::Ticket, body);
    r.external_id = Some(ext.into());
    // One date for all: ties must not decide these cases.
    r.created_at = Some(DateTime::parse_from_rfc3339("2026-10-01T00:00:00+08:00").unwrap());
    r
}

fn order(hub: &Hub, query: &str) -> Vec<String> {
    hub.search(query, &SearchOptions::default())
        .unwrap()
        .hits
        .iter()
        .map(|h| h.record.external_id.clone())
        .collect()
}

fn hub_with(records: &[NewFeedback]) -> (tempfile::TempDir, Hub) {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    hub.ingest(records).unwrap();
    (dir, hub)
}

#[test]
fn whole_word_ranks_above_a_match_only_through_grams() {
    // 和服 (kimono) is a word in "word"; in "grams" the two characters belong to 和 + 服务
    // (and … service), so only the character grams match. "grams" is shorter and holds the pair
    // twice, which is what BM25 over grams alone would reward.
    let (_dir, hub) = hub_with(&[
        rec("grams", "价格和服务都不错，价格和服务我都满意"),
        rec(
            "word",
            "她穿着新买的和服去拍照，照片效果很好，就是快递慢了一点，包装也有些破损",
        ),
    ]);
    assert_eq!(order(&hub, "和服"), ["word", "grams"]);
}

#[test]
fn whole_word_outranks_grams_for_shi_jie() {
    // 世界 as a word vs 世 + 界限 (… boundary): the characters touch but the words do not.
    let (_dir, hub) = hub_with(&[
        rec("grams", "这是出世界限的东西，出世界限"),
        rec(
            "word",
            "这款耳机是世界上我用过最舒服的，续航也长，客服回复也快，推荐给朋友们",
        ),
    ]);
    let got = order(&hub, "世界");
    assert_eq!(got.first().map(String::as_str), Some("word"), "{got:?}");
}

#[test]
fn whole_word_wins_even_when_it_is_common_and_the_text_long() {
    // The grams-only record (宾客 + 服务) is short and holds the pair twice; the record with the
    // word is long, which BM25 punishes in both its scores. With the grams at full weight the
    // short record came first; at their reduced weight (GRAMS_WEIGHT) the word wins.
    let mut records = vec![rec("grams", "为宾客服务，为宾客服务")];
    // A long review that names 客服 once, as a word: BM25 shrinks both its scores by length.
    let long = format!(
        "首先感谢客服小姐。{}",
        "午餐是二十个菜里挑四个，四菜一汤一主食一水果，三个大人带个孩子肯定够吃。".repeat(14)
    );
    records.push(rec("word", &long));
    for (i, w) in ["电话", "邮件", "微信", "短信", "在线"].iter().enumerate() {
        records.push(rec(&format!("other{i}"), &format!("{w}联系客服")));
    }
    // Records without 客服 at all, so that it is not in every record.
    for i in 0..50 {
        records.push(rec(
            &format!("filler{i}"),
            &format!("订单{i}已经发货，物流很快"),
        ));
    }
    let (_dir, hub) = hub_with(&records);
    let got = order(&hub, "客服");
    let word = got.iter().position(|e| e == "word");
    let grams = got.iter().position(|e| e == "grams");
    assert!(word.is_some() && grams.is_some(), "{got:?}");
    assert!(word < grams, "{got:?}");
}

#[test]
fn adjacent_words_rank_above_the_same_words_scattered() {
    let (_dir, hub) = hub_with(&[
        rec("scattered", "物流信息一直不更新，问了客服也没用，回复太慢"),
        rec(
            "adjacent",
            "这次买的东西质量还可以，颜色和图片一样，尺码也合适，就是物流太慢，等了一个多星期才到",
        ),
    ]);
    assert_eq!(order(&hub, "物流 太慢"), ["adjacent", "scattered"]);
    let (_dir2, hub) = hub_with(&[
        rec("scattered", "The battery is fine. My life got easier"),
        rec(
            "adjacent",
            "I bought this watch last month for running and the battery life is shorter than the box says",
        ),
    ]);
    assert_eq!(order(&hub, "battery life"), ["adjacent", "scattered"]);
}

#[test]
fn exact_phrase_ranks_above_scattered_words_of_the_phrase() {
    // A quoted phrase matches only where its characters are contiguous; the scattered record
    // still matches the unquoted words, and must come second when both are asked for.
    let (_dir, hub) = hub_with(&[
        rec("scattered", "退款申请提交了，到现在还没有到账"),
        rec(
            "phrase",
            "上周申请退款，客服说三个工作日内退款到账，结果一直没有消息，请尽快处理",
        ),
    ]);
    assert_eq!(order(&hub, "\"退款到账\""), ["phrase"]);
    assert_eq!(order(&hub, "退款 到账"), ["phrase", "scattered"]);
    assert_eq!(
        order(&hub, "\"退款到账\" OR (退款 到账)"),
        ["phrase", "scattered"]
    );
}
