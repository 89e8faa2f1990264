//! The Chinese search regression table: (records, query, ids that must match exactly).
//! Runs on an on-disk index that is closed and reopened first, so the analyzers registered by
//! the index's constructor are what answers.

use chrono::{DateTime, Duration, FixedOffset, Local};
use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{Hub, SearchOptions};

mod common;

fn rec(
    ext: &str,
    kind: Kind,
    source: &str,
    date: &str,
    author: &str,
    body: &str,
    tags: &[&str],
) -> NewFeedback {
    let mut r = NewFeedback::new(source, kind, body);
    r.external_id = Some(ext.into());
    r.created_at = Some(DateTime::parse_from_rfc3339(date).unwrap());
    r.author = Some(author.into());
    r.tags = tags.iter().map(|t| t.to_string()).collect();
    r
}

fn corpus() -> Vec<NewFeedback> {
    let recent: DateTime<FixedOffset> = (Local::now() - Duration::days(2)).fixed_offset();
    let mut v = vec![
        rec(
            "a",
            Kind::Ticket,
            "zendesk",
            "2026-10-03T14:05:00+08:00",
            "王芳",
            "你好世界，我的退款一直没有到账",
            &["售后/退款"],
        ),
        rec(
            "b",
            Kind::Ticket,
            "zendesk",
            "2026-10-10T09:00:00+08:00",
            "李雷",
            "物流太慢了，快递三天都没动",
            &["物流/延迟"],
        ),
        rec(
            "c",
            Kind::Social,
            "weibo",
            "2026-09-15T20:00:00+08:00",
            "小红",
            "iPhone15 连不上云雀手表，Pro版也不行",
            &[],
        ),
        rec(
            "d",
            Kind::Social,
            "xiaohongshu",
            "2026-08-01T10:00:00+08:00",
            "阿杰",
            "退貨流程太麻煩了，客服態度也不好",
            &[],
        ),
        rec(
            "e",
            Kind::SalesNote,
            "crm",
            "2026-07-20T11:00:00+08:00",
            "陈总",
            "客户说5G套餐价格太贵，想要年付折扣",
            &["价格"],
        ),
        rec(
            "f",
            Kind::Review,
            "shop",
            "2026-10-20T08:00:00+08:00",
            "Tom",
            "The refund never arrived and support ignored me",
            &[],
        ),
        rec(
            "g",
            Kind::Review,
            "shop",
            "2026-10-21T08:00:00+08:00",
            "Amy",
            "Great watch, battery lasts a week",
            &[],
        ),
        rec(
            "h",
            Kind::Ticket,
            "zendesk",
            "2026-06-05T08:00:00+08:00",
            "张伟",
            "ＡＰＰ闪退，打不开，更新后才这样",
            &["功能/稳定性"],
        ),
        rec(
            "i",
            Kind::Ticket,
            "zendesk",
            "2026-10-25T08:00:00+08:00",
            "王芳",
            "申请退款后又想要换货，可以吗",
            &[],
        ),
        rec(
            "j",
            Kind::Social,
            "weibo",
            "2026-10-26T08:00:00+08:00",
            "路人甲",
            "质量很好，推荐购买",
            &[],
        ),
        rec(
            "k",
            Kind::Email,
            "mail",
            "2026-09-01T08:00:00Z",
            "bob@example.com",
            "Please add dark mode to the app",
            &["功能需求"],
        ),
        // Another source's record with the same id as zendesk's "b".
        rec(
            "b",
            Kind::Other,
            "crm",
            "2026-08-05T10:00:00+08:00",
            "某人",
            "仓库盘点导出乱码",
            &[],
        ),
        // Emoji are searched as terms; a skin tone is not part of the one it modifies.
        rec(
            "s",
            Kind::Social,
            "douyin",
            "2026-07-15T21:00:00+08:00",
            "路人甲",
            "发货要等一周😡😡",
            &[],
        ),
        rec(
            "t",
            Kind::Social,
            "douyin",
            "2026-07-16T21:00:00+08:00",
            "路人乙",
            "耳机好用👍🏻 发货也快",
            &[],
        ),
    ];
    // Pasted from a web page: zero-width characters between every two letters.
    v.push(rec(
        "z",
        Kind::Other,
        "crm",
        "2026-08-06T10:00:00+08:00",
        "某人",
        "零\u{200b}宽\u{200c}字\u{200d}符\u{feff}测试",
        &[],
    ));
    v.push(rec(
        "r",
        Kind::Social,
        "weibo",
        &recent.to_rfc3339(),
        "新用户",
        "刚买的耳机，音质不错",
        &[],
    ));
    v
}

/// (query, externals ids expected, in any order)
const CASES: &[(&str, &[&str])] = &[
    // whole words and sub-words
    ("退款", &["a", "i"]),
    ("物流", &["b"]),
    ("快递", &["b"]),
    ("世界", &["a"]),
    ("好世界", &["a"]),
    ("你好世界", &["a"]),
    ("到账", &["a"]),
    ("没有到", &["a"]),
    // single characters
    ("退", &["a", "d", "h", "i"]),
    ("慢", &["b"]),
    ("贵", &["e"]),
    ("音", &["r"]),
    ("价", &["e"]),
    // traditional ↔ simplified
    ("退货", &["d"]),
    ("退貨", &["d"]),
    ("麻烦", &["d"]),
    ("客服态度", &["d"]),
    ("客服態度", &["d"]),
    ("物流太慢", &["b"]),
    ("物流太慢", &["b"]),
    // full-width and case
    ("app", &["h", "k"]),
    ("ＡＰＰ", &["h", "k"]),
    ("App闪退", &["h"]),
    ("闪退", &["h"]),
    // mixed Latin/CJK product names
    ("iPhone15", &["c"]),
    ("iphone", &["c"]),
    ("IPHONE15", &["c"]),
    ("Pro版", &["c"]),
    ("5G套餐", &["e"]),
    ("5g套餐", &["e"]),
    // a lone character beside Latin meets the first or last character of a run
    ("说5G", &["e"]),
    ("5G套", &["e"]),
    ("\"说5G套\"", &["e"]),
    ("套餐", &["e"]),
    ("云雀手表", &["c"]),
    ("手表", &["c"]),
    // English
    ("refund", &["f"]),
    ("REFUND", &["f"]),
    ("battery week", &["g"]),
    ("dark mode", &["k"]),
    // AND, OR, NOT, groups
    ("退款 到账", &["a"]),
    ("退款 换货", &["i"]),
    ("退款 OR refund", &["a", "i", "f"]),
    ("退款 -换货", &["a"]),
    ("退款 NOT 换货", &["a"]),
    ("(物流 OR 质量) -快递", &["j"]),
    ("refund OR (质量 推荐)", &["f", "j"]),
    // phrases
    ("\"你好世界\"", &["a"]),
    ("\"refund never\"", &["f"]),
    ("\"never refund\"", &[]),
    ("\"退款后又\"", &["i"]),
    ("“太慢了”", &["b"]),
    // a space between Chinese words in a phrase separates words, it is not in the text
    ("\"物流 太慢\"", &["b"]),
    ("\"refund  never\"", &["f"]),
    // fields
    ("tag:售后", &["a"]),
    ("tag:售后/退款", &["a"]),
    ("tag:物流", &["b"]),
    ("tag:功能", &["h"]),
    ("tag:功能需求", &["k"]),
    ("source:weibo", &["c", "j", "r"]),
    ("source:WEIBO 质量", &["j"]),
    // What people call the platform finds what its importer stored, with a word or alone.
    ("source:微博", &["c", "j", "r"]),
    ("source:微博 质量", &["j"]),
    ("source:小红书 退货", &["d"]),
    ("kind:评价", &["f", "g"]),
    ("kind:社媒 -source:微博", &["d", "s", "t"]),
    ("kind:review", &["f", "g"]),
    ("kind:sales_note", &["e"]),
    ("kind:social -source:weibo", &["d", "s", "t"]),
    ("author:王芳", &["a", "i"]),
    ("customer:王芳 换货", &["i"]),
    ("author:张", &["h"]),
    ("lang:en", &["f", "g", "k"]),
    ("lang:zh 退款", &["a", "i"]),
    ("ext:e", &["e"]),
    // a source's id names a record in every source that uses it; id: is vochub's own number
    ("ext:b", &["b", "b"]),
    ("external_id:b kind:other", &["b"]),
    ("id:1", &["a"]),
    ("id:#1", &["a"]),
    ("id:1 OR ext:e", &["a", "e"]),
    ("-ext:b 乱码", &[]),
    ("ext:nothing", &[]),
    ("ext:nothing OR id:1", &["a"]),
    ("ext:nothing 退款", &[]),
    // dates
    ("date:2026-10", &["a", "b", "f", "g", "i", "j"]),
    ("date:2026-10-01..2026-10-10", &["a", "b"]),
    ("after:2026-10-21 before:2026-10-26", &["g", "i"]),
    ("before:2026-07-01", &["h"]),
    ("date:2026-09 kind:social", &["c"]),
    ("date:7d", &["r"]),
    ("date:this-year 音质", &["r"]),
    // emoji, and words of punctuation alone (left out, as if not typed)
    ("😡", &["s"]),
    ("👍", &["t"]),
    ("发货 😡", &["s"]),
    ("发货 -😡", &["t"]),
    ("\"一周😡\"", &["s"]),
    ("退款 ！", &["a", "i"]),
    ("退款 -！", &["a", "i"]),
    ("退款 OR ，", &["a", "i"]),
    // zero-width characters in the text or the query are not there for search
    ("零宽", &["z"]),
    ("零宽字符测试", &["z"]),
    ("\"宽字符\"", &["z"]),
    ("字\u{200b}符", &["z"]),
    // nothing
    ("不存在的词", &[]),
    ("退款 kind:email", &[]),
];

#[test]
fn chinese_regression_table() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
        hub.ingest(&corpus()).unwrap();
    }
    // Reopen: tokenizers must come back with the index.
    let hub = Hub::open(dir.path(), Config::default()).unwrap();
    let failures = common::table_failures(&hub, CASES);
    assert!(CASES.len() >= 60);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn ties_go_to_the_newer_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    hub.ingest(&[
        rec(
            "x1",
            Kind::Ticket,
            "t",
            "2026-10-01T00:00:00+08:00",
            "a",
            "这个价格比起全世界限量版便宜",
            &[],
        ),
        rec(
            "x2",
            Kind::Ticket,
            "t",
            "2026-09-01T00:00:00+08:00",
            "a",
            "价格很公道",
            &[],
        ),
        rec(
            "x3",
            Kind::Ticket,
            "t",
            "2026-10-05T00:00:00+08:00",
            "a",
            "价格很公道",
            &[],
        ),
    ])
    .unwrap();
    // Identical texts would fold into one hit; this test is about their order.
    let unfolded = SearchOptions {
        fold_duplicates: false,
        ..Default::default()
    };
    let page = hub.search("价格", &unfolded).unwrap();
    let order: Vec<&str> = page
        .hits
        .iter()
        .map(|h| h.record.external_id.as_str())
        .collect();
    // x2 and x3 are identical texts: the newer (x3) first.
    let p2 = order.iter().position(|&i| i == "x2").unwrap();
    let p3 = order.iter().position(|&i| i == "x3").unwrap();
    assert!(p3 < p2, "{order:?}");
}

#[test]
fn snippets_highlight_on_character_boundaries() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    hub.ingest(&corpus()).unwrap();
    let page = hub.search("退貨", &SearchOptions::default()).unwrap();
    let s = &page.hits[0].snippet;
    assert_eq!(s.marked("[", "]"), "[退貨]流程太麻煩了，客服態度也不好");
    let page = hub.search("app", &SearchOptions::default()).unwrap();
    let h = page
        .hits
        .iter()
        .find(|h| h.record.external_id == "h")
        .unwrap();
    assert!(h.snippet.marked("[", "]").starts_with("[ＡＰＰ]闪退"));
}

#[test]
fn a_query_of_punctuation_alone_is_refused_not_matched_against_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    hub.ingest(&corpus()).unwrap();
    for query in ["，。！", "-！", "\"。\"", "！ OR ？", "\"→\" OR ！"] {
        let err = hub
            .search(query, &SearchOptions::default())
            .err()
            .unwrap_or_else(|| panic!("{query}: searched instead of refusing"))
            .to_string();
        assert!(err.contains("nothing to search for"), "{query}: {err}");
    }
}

#[test]
fn a_record_without_a_date_is_in_no_date_range_week_or_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    let mut undated = NewFeedback::new("reviews", Kind::Review, "耳机音质一般，降噪不错");
    undated.tags = vec!["音质".into()];
    let mut dated = undated.clone();
    dated.body = "耳机音质很好，就是有点贵".into();
    dated.created_at = Some((Local::now() - Duration::days(1)).fixed_offset());
    hub.ingest(&[undated, dated]).unwrap();
    let count = |q: &str| hub.search(q, &SearchOptions::default()).unwrap().total;
    assert_eq!(count("耳机"), 2, "found by its words");
    assert_eq!(count("耳机 sort:newest"), 2);
    for q in [
        "耳机 date:7d",
        "耳机 date:this-year",
        "耳机 after:2000-01-01",
    ] {
        assert_eq!(count(q), 1, "{q}: only the dated one");
    }
    assert_eq!(
        count("耳机 -date:7d"),
        1,
        "the undated one is outside every range"
    );
    let stats = hub.stats().unwrap();
    assert!(
        stats.by_month.contains(&("undated".to_string(), 1)),
        "{stats:?}"
    );
    let themes = hub.themes().unwrap();
    let sound = themes.iter().find(|t| t.name == "音质").unwrap();
    assert_eq!(sound.records, 2);
    assert_eq!(sound.weekly.iter().sum::<u64>(), 1, "{:?}", sound.weekly);
}

#[test]
fn chinese_words_typed_together_that_find_nothing_are_searched_apart_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    hub.ingest(&corpus()).unwrap();
    let apart = SearchOptions {
        loosen: true,
        ..Default::default()
    };
    let found = |query: &str, opts: &SearchOptions| {
        let page = hub.search(query, opts).unwrap();
        let mut ids: Vec<String> = page
            .hits
            .iter()
            .map(|h| h.record.external_id.clone())
            .collect();
        ids.sort();
        (page.apart, ids)
    };
    // No record holds 物流快递 or 退货客服 side by side; "b" holds 物流 and 快递, "d" 退貨 and 客服.
    assert_eq!(found("物流快递", &SearchOptions::default()), (None, vec![]));
    assert_eq!(
        found("物流快递", &apart),
        (Some("(物流 快递)".to_string()), vec!["b".to_string()])
    );
    assert_eq!(
        found("退貨客服 source:xiaohongshu", &apart),
        (
            Some("(退货 客服) source:xiaohongshu".to_string()),
            vec!["d".to_string()]
        ),
        "split as folded, so traditional characters are cut as words"
    );
    // Found as typed: nothing is loosened.
    assert_eq!(found("物流太慢", &apart), (None, vec!["b".to_string()]));
    // Split apart it would still find nothing: the page says so as typed.
    assert_eq!(found("物流退款", &apart).0, None);
}
