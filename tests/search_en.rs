//! The English search regression table: word forms (refund, refunds, refunded), possessives,
//! contractions, versions, handles and mixed Chinese-English text, on an on-disk index that is
//! closed and reopened first, so the analyzers registered by the index's constructor answer.
//! Snippets must mark the whole word the record holds, in the record's own characters.

use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{Hub, SearchOptions};

mod common;

fn corpus() -> Vec<NewFeedback> {
    [
        ("a", "I requested a refund three days ago"),
        ("b", "Still waiting for my refunds, this is ridiculous"),
        ("c", "They refunded me twice by mistake"),
        ("d", "Please cancel my subscription"),
        ("e", "My order was cancelled without notice"),
        ("f", "The cancellation fee is too high"),
        ("g", "I was charged twice for the same order"),
        ("h", "Hidden charges on my bill"),
        ("i", "The app keeps crashing on iOS 11.1"),
        ("j", "Best apps for the watch?"),
        ("k", "Very happy with the service"),
        ("l", "The customer's order never arrived"),
        ("m", "Customers complain about slow delivery"),
        ("n", "I can't log in to my e-mail account"),
        (
            "o",
            "@AppleSupport update v2.3 broke #wifi https://t.co/abc123",
        ),
        ("p", "iPhones退款太慢"),
        ("q", "ＡＰＰｓ闪退了"),
        ("r", "退款一直没有到账"),
        ("s", "CUSTOMER SERVICE IS TERRIBLE"),
        ("t", "Please resend the email with my receipt"),
        ("u", "I don’t get any notifications"),
        ("v", "Our customs declaration is missing"),
        ("w", "The delivery is three days late"),
        ("x", "It was delivered to the wrong address"),
        ("y", "Cant find the settings"),
        ("z", "Wi-Fi drops every evening, dont know why"),
        ("za", "We'll call you back"),
        ("zb", "Lately the service is great"),
    ]
    .into_iter()
    .map(|(ext, body)| {
        let mut r = NewFeedback::new("test", Kind::Ticket, body);
        r.external_id = Some(ext.into());
        r
    })
    .collect()
}

/// (query, external ids it must find, and no others)
const CASES: &[(&str, &[&str])] = &[
    // every form of a word finds every other
    ("refund", &["a", "b", "c"]),
    ("refunds", &["a", "b", "c"]),
    ("refunded", &["a", "b", "c"]),
    ("REFUNDING", &["a", "b", "c"]),
    ("cancel", &["d", "e", "f"]),
    ("cancelled", &["d", "e", "f"]),
    ("cancellation", &["d", "e", "f"]),
    ("charge", &["g", "h"]),
    ("charged", &["g", "h"]),
    ("app", &["i", "j", "q"]),
    ("apps", &["i", "j", "q"]),
    // whole words only: "app" is not the inside of "happy"
    ("happy", &["k"]),
    // customs is not customer, though Snowball gives both one stem
    ("customer", &["l", "m", "s"]),
    ("custom", &["v"]),
    ("customer's", &["l", "m", "s"]),
    ("customers", &["l", "m", "s"]),
    // phrases: the words side by side, in order, each in any form
    ("\"charged twice\"", &["g"]),
    ("\"charge twice\"", &["g"]),
    ("\"twice charged\"", &[]),
    ("\"cancel my subscriptions\"", &["d"]),
    ("\"customer's order\"", &["l"]),
    ("\"customers order\"", &["l"]),
    ("\"refund never\"", &[]),
    // forms Snowball parts: delivery and delivered, complaint and complain
    ("delivery", &["m", "w", "x"]),
    ("delivered", &["m", "w", "x"]),
    ("complaint", &["m"]),
    ("notified", &["u"]),
    // forms Snowball joins: lately is not late
    ("late", &["w"]),
    ("lately", &["zb"]),
    // contractions and hyphens, written or typed without their mark
    ("can't", &["n", "y"]),
    ("cant", &["n", "y"]),
    ("don't", &["u", "z"]),
    ("dont", &["u", "z"]),
    ("\"log in\"", &["n"]),
    ("\"cant log in\"", &["n"]),
    ("e-mail", &["n", "t"]),
    ("email", &["n", "t"]),
    ("emails", &["n", "t"]),
    ("\"email account\"", &["n"]),
    ("\"e-mail account\"", &["n"]),
    ("mail", &["n"]),
    ("wifi", &["o", "z"]),
    ("wi-fi", &["o", "z"]),
    // only n't joins: we'll is not well
    ("well", &[]),
    // versions
    ("\"iOS 11.1\"", &["i"]),
    ("11.1", &["i"]),
    ("11.2", &[]),
    ("v2.3", &["o"]),
    // handles, hashtags, links
    ("@AppleSupport", &["o"]),
    ("applesupport", &["o"]),
    ("#wifi", &["o", "z"]),
    ("https://t.co/abc123", &["o"]),
    // mixed Chinese and English: the English part in any form, the Chinese as it is
    ("iPhone退款", &["p"]),
    ("iphone", &["p"]),
    ("App闪退", &["q"]),
    ("apps闪退", &["q"]),
    ("退款", &["p", "r"]),
    ("退款 OR refunds", &["a", "b", "c", "p", "r"]),
    // NOT excludes every form of the word
    ("charge -twice", &["h"]),
    ("refund -refunded", &[]),
    // nothing
    ("refund policy", &[]),
];

fn reopened() -> (tempfile::TempDir, Hub) {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
        hub.ingest(&corpus()).unwrap();
    }
    let hub = Hub::open(dir.path(), Config::default()).unwrap();
    (dir, hub)
}

#[test]
fn english_regression_table() {
    let (_dir, hub) = reopened();
    let failures = common::table_failures(&hub, CASES);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// The snippet of the hit `ext` for `query`, matches marked with [ ].
fn marked(hub: &Hub, query: &str, ext: &str) -> String {
    let page = hub.search(query, &SearchOptions::default()).unwrap();
    let hit = page
        .hits
        .iter()
        .find(|h| h.record.external_id == ext)
        .unwrap_or_else(|| panic!("{query}: no hit {ext}"));
    hit.snippet.marked("[", "]")
}

/// (query, record, its snippet with the matches marked)
const SNIPPETS: &[(&str, &str, &str)] = &[
    // the whole word, in the form the record holds
    ("refund", "c", "They [refunded] me twice by mistake"),
    (
        "refunded",
        "b",
        "… waiting for my [refunds], this is ridiculous",
    ),
    (
        "cancellations",
        "e",
        "My order was [cancelled] without notice",
    ),
    (
        "\"charge twice\"",
        "g",
        "I was [charged twice] for the same order",
    ),
    ("customers", "s", "[CUSTOMER] SERVICE IS TERRIBLE"),
    // "app" inside "happy" is not the word app
    ("happy OR app", "k", "Very [happy] with the service"),
    (
        "v2.3",
        "o",
        "…eSupport update [v2.3] broke #wifi https://t.co/abc123",
    ),
    // mixed text: the marks point into the original characters (three bytes a full-width letter)
    ("iPhone退款", "p", "[iPhones退款]太慢"),
    ("app闪退", "q", "[ＡＰＰｓ闪退]了"),
    ("apps", "q", "[ＡＰＰｓ]闪退了"),
    // both spellings mark the whole word the record holds; a piece marks only itself
    ("email", "n", "…'t log in to my [e-mail] account"),
    ("e-mail", "t", "…ease resend the [email] with my receipt"),
    ("cant", "n", "I [can't] log in to my e-mail account"),
    ("don't", "u", "I [don’t] get any notifications"),
    (
        "\"email account\"",
        "n",
        "…'t log in to my [e-mail account]",
    ),
    ("mail", "n", "… log in to my e-[mail] account"),
    ("delivered", "w", "The [delivery] is three days late"),
    ("退款", "p", "iPhones[退款]太慢"),
];

#[test]
fn snippets_mark_the_whole_word_in_the_form_the_record_holds() {
    let (_dir, hub) = reopened();
    for (query, ext, want) in SNIPPETS {
        assert_eq!(marked(&hub, query, ext), *want, "{query}");
    }
}

#[test]
fn the_form_typed_ranks_above_other_forms() {
    let (_dir, hub) = reopened();
    let page = hub.search("refunded", &SearchOptions::default()).unwrap();
    assert_eq!(page.hits[0].record.external_id, "c", "refunded, as typed");
    let page = hub.search("refunds", &SearchOptions::default()).unwrap();
    assert_eq!(page.hits[0].record.external_id, "b", "refunds, as typed");
    for (query, first) in [
        ("email", "t"),
        ("e-mail", "n"),
        ("cant", "y"),
        ("can't", "n"),
    ] {
        let page = hub.search(query, &SearchOptions::default()).unwrap();
        assert_eq!(page.hits.len(), 2, "{query}");
        assert_eq!(page.hits[0].record.external_id, first, "{query}, as typed");
    }
}
