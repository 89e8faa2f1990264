//! The English search regression table: word forms (refund, refunds, refunded), possessives,
//! contractions, words hyphenated, apart or joined, British and American spellings, versions,
//! handles and mixed Chinese-English text, on an on-disk index that is
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
        // the same words typed apart, hyphenated or as one
        ("fa", "Any follow-up on my ticket?"),
        ("fb", "No followup from the team yet"),
        ("fc", "Please follow up with the courier"),
        ("fd", "The check-in desk was closed"),
        ("fe", "I could not check in online"),
        ("ff", "Checkin failed at the gate"),
        ("fg", "Send the invoice by e mail"),
        ("fh", "Need a third-party charger"),
        ("fi", "No thirdparty tools allowed"),
        ("sa", "A state-of-the-art dud"),
        ("sb", "Signed-in users see a blank page"),
        ("la", "Cannot login since Monday"),
        ("lc", "The log-in page is blank"),
        // two words whose join is another word
        ("ma", "Maybe the parcel is lost"),
        ("mb", "It may be lost in transit"),
        ("mc", "Everyday low prices"),
        ("md", "It fails every day"),
        ("me", "Anyone home?"),
        ("mf", "The service is back up and running"),
        ("mg", "Restore it from a backup"),
        // contractions typed without their apostrophe
        ("ga", "I'm locked out of my account"),
        ("gb", "im locked out again"),
        ("gc", "You're not listening"),
        ("gd", "youre right, thanks"),
        ("ge", "Your parcel is here"),
        ("gf", "I’ve tried everything"),
        ("gg", "ive reset it already"),
        ("gh", "The page doesn't load"),
        ("gi", "the page doesnt load either"),
        ("gj", "It wasnt me"),
        ("gk", "Isn’t it obvious"),
        ("gl", "I didnt ask for this"),
        ("wa", "The door wont open"),
        ("wb", "It won't boot"),
        ("wc", "It won’t start"),
        (
            "gm",
            "I'll be there; he'll know, she'll see, we're here, I'd say so",
        ),
        // British and American spellings
        ("ba", "Love the new colours"),
        ("bb", "the color is off"),
        ("bc", "my favourite feature"),
        ("bd", "Favorites list is empty"),
        ("be", "They keep canceling my orders"),
        ("bf", "organised by the team"),
        ("bg", "Organization of the menu is a mess"),
        ("bh", "Visited the centre today"),
        ("bi", "Call center hours"),
        ("bj", "Odd behaviour after the upgrade"),
        ("bk", "We analyzed the logs"),
        ("bl", "Licence expired"),
        ("bm", "license key rejected"),
        ("bn", "travelling abroad"),
        ("bo", "Traveled last week"),
        ("bp", "The catalogue is outdated"),
        ("bq", "catalog search"),
        ("br", "I paid by cheque"),
        ("bs", "Check the status"),
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
    ("cancel", &["be", "d", "e", "f"]),
    ("cancelled", &["be", "d", "e", "f"]),
    ("cancellation", &["be", "d", "e", "f"]),
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
    ("\"log in\"", &["la", "lc", "n"]),
    ("\"cant log in\"", &["n"]),
    ("e-mail", &["fg", "n", "t"]),
    ("email", &["fg", "n", "t"]),
    ("emails", &["fg", "n", "t"]),
    ("\"email account\"", &["n"]),
    ("\"e-mail account\"", &["n"]),
    ("mail", &["fg", "n"]),
    ("wifi", &["o", "z"]),
    ("wi-fi", &["o", "z"]),
    // a compound typed as one word, hyphenated or as two words, quoted or not, finds all three
    ("\"follow up\"", &["fa", "fb", "fc"]),
    ("follow up", &["fa", "fb", "fc"]),
    ("Follow Up", &["fa", "fb", "fc"]),
    ("follow-up", &["fa", "fb", "fc"]),
    ("followup", &["fa", "fb", "fc"]),
    ("followups", &["fa", "fb", "fc"]),
    ("\"follow up with\"", &["fc"]),
    ("\"followup with\"", &["fc"]),
    ("\"check in\"", &["fd", "fe", "ff"]),
    ("check in", &["fd", "fe", "ff"]),
    ("check-in", &["fd", "fe", "ff"]),
    ("checkin", &["fd", "fe", "ff"]),
    ("\"e mail\"", &["fg", "n", "t"]),
    ("e mail", &["fg", "n", "t"]),
    ("login", &["la", "lc", "n"]),
    ("log in", &["la", "lc", "n"]),
    ("log-in", &["la", "lc", "n"]),
    ("can not", &["la"]),
    ("cannot", &["la"]),
    // only free words typed side by side are a compound
    ("\"follow\" up", &["fa", "fc"]),
    // a hyphenated word's pieces as a phrase find it hyphenated, not written as one word
    ("\"third party\"", &["fh"]),
    ("third party", &["fh"]),
    ("third-party", &["fh", "fi"]),
    ("thirdparty", &["fh", "fi"]),
    // … in other forms, inside a longer phrase, and of up to four pieces
    ("\"third parties\"", &["fh"]),
    ("\"a third party charger\"", &["fh"]),
    ("\"state of the art\"", &["sa"]),
    ("\"signed in\"", &["sb"]),
    // two words whose join is another word meet neither way
    ("\"may be\"", &["mb"]),
    ("may be", &["mb"]),
    ("maybe", &["ma"]),
    ("\"every day\"", &["md"]),
    ("everyday", &["mc"]),
    ("\"any one\"", &[]),
    ("anyone", &["me"]),
    // back up is mostly "back up and running", not a backup
    ("\"back up\"", &["mf"]),
    ("backup", &["mg"]),
    ("\"by e-mail\"", &["fg"]),
    // contractions typed without their apostrophe, where that is no other word
    ("im", &["ga", "gb"]),
    ("i'm", &["ga", "gb"]),
    ("\"im locked out\"", &["ga", "gb"]),
    ("youre", &["gc", "gd"]),
    ("you're", &["gc", "gd"]),
    ("your", &["ge"]),
    ("ive", &["gf", "gg"]),
    ("i've", &["gf", "gg"]),
    ("doesnt", &["gh", "gi"]),
    ("doesn't", &["gh", "gi"]),
    ("wasn't", &["gj"]),
    ("isnt", &["gk"]),
    ("didn't", &["gl"]),
    ("wont", &["wa", "wb", "wc"]),
    ("won't", &["wa", "wb", "wc"]),
    ("won’t", &["wa", "wb", "wc"]),
    ("\"wont open\"", &["wa"]),
    ("\"won't boot\"", &["wb"]),
    // we'll is not well, nor I'll ill, he'll hell, she'll shell, we're were, I'd id
    ("well", &[]),
    ("ill", &[]),
    ("hell", &[]),
    ("shell", &[]),
    ("were", &[]),
    ("id", &[]),
    // British and American spellings, in every form
    ("colour", &["ba", "bb"]),
    ("colors", &["ba", "bb"]),
    ("favorite", &["bc", "bd"]),
    ("favourites", &["bc", "bd"]),
    ("canceled", &["be", "d", "e", "f"]),
    ("organize", &["bf", "bg"]),
    ("organisation", &["bf", "bg"]),
    ("center", &["bh", "bi"]),
    ("centres", &["bh", "bi"]),
    ("behavior", &["bj"]),
    ("analyse", &["bk"]),
    ("licence", &["bl", "bm"]),
    ("licensed", &["bl", "bm"]),
    ("traveling", &["bn", "bo"]),
    ("travelled", &["bn", "bo"]),
    ("catalogue", &["bp", "bq"]),
    ("catalogs", &["bp", "bq"]),
    // a cheque is not a check
    ("cheque", &["br"]),
    ("check", &["bs", "fd", "fe"]),
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
    // a phrase of pieces marks the word written hyphenated or as one, and the reverse
    ("\"follow up\"", "fa", "Any [follow-up] on my ticket?"),
    ("\"follow up\"", "fb", "No [followup] from the team yet"),
    ("follow-up", "fc", "Please [follow up] with the courier"),
    ("\"check in\"", "fd", "The [check-in] desk was closed"),
    ("\"e mail\"", "n", "…'t log in to my [e-mail] account"),
    ("e-mail", "fg", "… the invoice by [e mail]"),
    ("email", "fg", "… the invoice by [e mail]"),
    ("follow up", "fb", "No [followup] from the team yet"),
    ("followup", "fc", "Please [follow up] with the courier"),
    ("log in", "la", "Cannot [login] since Monday"),
    ("\"third party\"", "fh", "Need a [third-party] charger"),
    ("\"state of the art\"", "sa", "A [state-of-the-art] dud"),
    ("wont", "wb", "It [won't] boot"),
    ("won't", "wa", "The door [wont] open"),
    ("im", "ga", "[I'm] locked out of my account"),
    ("you're", "gd", "[youre] right, thanks"),
    ("colour", "bb", "the [color] is off"),
    ("organize", "bf", "[organised] by the team"),
    ("licence", "bm", "[license] key rejected"),
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
    // email and e-mail also find "e mail" (fg)
    for (query, first, found) in [
        ("email", "t", 3),
        ("e-mail", "n", 3),
        ("cant", "y", 2),
        ("can't", "n", 2),
    ] {
        let page = hub.search(query, &SearchOptions::default()).unwrap();
        assert_eq!(page.hits.len(), found, "{query}");
        assert_eq!(page.hits[0].record.external_id, first, "{query}, as typed");
    }
}
