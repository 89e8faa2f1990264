//! Quotes through the service: exports carry what traces a quote back to its source, an export
//! with nothing in it is refused, quote ids are never given twice, and the same span is kept once.

use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{ExportFormat, Hub};

/// A ticket with its own id and a social post with a link, plus the hub that holds them.
fn hub_with_sources() -> (tempfile::TempDir, Hub, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    let mut ticket = NewFeedback::new("zendesk", Kind::Ticket, "到现在14天了还没到账，太慢了");
    ticket.external_id = Some("T-20260921-0041".into());
    let mut post = NewFeedback::new("x", Kind::Social, "Pricing is way too high for small teams");
    post.external_id = Some("1970000000000000385".into());
    post.url = Some("https://x.com/lark/status/1970000000000000385".into());
    hub.ingest(&[ticket, post]).unwrap();
    // Two records in an empty store: ids 1 and 2, in whichever order the store gave them.
    let id_of = |hub: &Hub, ext: &str| {
        (1..=2)
            .find(|&id| hub.record(id).unwrap().external_id == ext)
            .unwrap()
    };
    let t = id_of(&hub, "T-20260921-0041");
    let p = id_of(&hub, "1970000000000000385");
    (dir, hub, t, p)
}

#[test]
fn every_export_format_carries_the_link_and_the_source_id() {
    let (_d, mut hub, ticket, post) = hub_with_sources();
    hub.add_quote_text(ticket, "14天了还没到账", None, &[])
        .unwrap();
    hub.add_quote_text(post, "way too high", None, &[]).unwrap();

    let md = hub.export_quotes(ExportFormat::Markdown, None).unwrap();
    assert!(
        md.contains("<https://x.com/lark/status/1970000000000000385>"),
        "{md}"
    );
    assert!(md.contains("zendesk (ticket) T-20260921-0041"), "{md}");
    assert!(
        !md.contains("record "),
        "vochub's own number means nothing to a reader: {md}"
    );

    let csv = hub.export_quotes(ExportFormat::Csv, None).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "quote_id",
            "text",
            "note",
            "themes",
            "record_id",
            "source",
            "kind",
            "created_at",
            "author",
            "stale",
            "url",
            "external_id"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let by_record = |id: i64| {
        rows.iter()
            .find(|r| r[4] == id.to_string())
            .unwrap()
            .clone()
    };
    assert_eq!(
        &by_record(post)[10],
        "https://x.com/lark/status/1970000000000000385"
    );
    assert_eq!(&by_record(post)[11], "1970000000000000385");
    assert_eq!(&by_record(ticket)[10], "");
    assert_eq!(&by_record(ticket)[11], "T-20260921-0041");

    let json: serde_json::Value =
        serde_json::from_str(&hub.export_quotes(ExportFormat::Json, None).unwrap()).unwrap();
    let cards = json.as_array().unwrap();
    let card = |id: i64| cards.iter().find(|c| c["record_id"] == id).unwrap();
    assert_eq!(
        card(post)["url"],
        "https://x.com/lark/status/1970000000000000385"
    );
    assert_eq!(card(post)["external_id"], "1970000000000000385");
    assert!(card(ticket)["url"].is_null());
    assert_eq!(card(ticket)["external_id"], "T-20260921-0041");
}

/// An undone quote's id is not given to the next quote: the journal's "quote #N" and an exported
/// quote_id always name one quote.
#[test]
fn a_quote_id_is_never_given_twice() {
    let (_d, mut hub, ticket, _) = hub_with_sources();
    let first = hub.add_quote_text(ticket, "14天了", None, &[]).unwrap();
    hub.undo(None).unwrap();
    assert!(hub.quotes(None).unwrap().is_empty(), "undone");
    let second = hub.add_quote_text(ticket, "14天了", None, &[]).unwrap();
    assert!(second.id > first.id, "{} after {}", second.id, first.id);
}

#[test]
fn an_export_with_no_quote_is_refused_naming_the_themes_that_have_quotes() {
    let (_d, mut hub, ticket, post) = hub_with_sources();
    let none = hub
        .export_quotes(ExportFormat::Csv, None)
        .unwrap_err()
        .to_string();
    assert!(none.contains("no quotes to export yet"), "{none}");
    hub.add_quote_text(ticket, "还没到账", None, &["售后/退款".into()])
        .unwrap();
    hub.add_quote_text(post, "too high", None, &["价格".into()])
        .unwrap();
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Csv,
        ExportFormat::Json,
    ] {
        let err = hub
            .export_quotes(format, Some("不存在"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no quote has the theme '不存在'"), "{err}");
        assert!(err.contains("themes with quotes: 价格, 售后/退款"), "{err}");
    }
    assert!(hub.export_quotes(ExportFormat::Csv, Some("售后")).is_ok());
}

#[test]
fn the_same_words_of_a_record_are_quoted_once() {
    let (_d, mut hub, ticket, _) = hub_with_sources();
    let first = hub
        .add_quote_text(ticket, "14天了还没到账", None, &[])
        .unwrap();
    // Typed again with a trailing space, and taken again by its span: both name the first.
    let again = hub
        .add_quote_text(ticket, "14天了还没到账 ", Some("又一次"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        again.contains(&format!("already has these words as quote {}", first.id)),
        "{again}"
    );
    assert!(
        hub.add_quote(ticket, first.start, first.end, None, &[])
            .is_err()
    );
    // Overlapping but different words are another quote.
    hub.add_quote_text(ticket, "还没到账", None, &[]).unwrap();
    assert_eq!(hub.quotes(None).unwrap().len(), 2);
}

/// A record whose source gave no id is known in vochub by an id derived from its text (`h-…`);
/// an export leaves that out, since it names nothing in the source, and keeps a real one.
#[test]
fn an_export_gives_no_source_id_for_a_record_the_source_gave_none() {
    let (dir, mut hub, ticket, _) = hub_with_sources();
    // Straight into the store, and through an import that numbers a text said twice (`h-…-2`).
    hub.ingest(&[NewFeedback::new(
        "dianping",
        Kind::Review,
        "服务员很热情，菜一般",
    )])
    .unwrap();
    let file = dir.path().join("reviews.csv");
    std::fs::write(&file, "content,label\n价格太贵了,a\n价格太贵了,b\n").unwrap();
    let paths = [file];
    let request = vochub::service::ImportRequest::new(&paths, Default::default());
    assert_eq!(hub.import(&request, &mut |_| {}).unwrap().inserted, 2);
    let derived: Vec<i64> = (1..=5)
        .filter(|&id| hub.record(id).unwrap().external_id.starts_with("h-"))
        .collect();
    assert_eq!(derived.len(), 3, "{derived:?}");
    for &id in &derived {
        let body = hub.record(id).unwrap().body;
        hub.add_quote(id, 0, 2, None, &[]).unwrap();
        assert!(hub.record(id).unwrap().source_id().is_none(), "{body}");
    }
    hub.add_quote_text(ticket, "还没到账", None, &[]).unwrap();

    let json: serde_json::Value =
        serde_json::from_str(&hub.export_quotes(ExportFormat::Json, None).unwrap()).unwrap();
    for card in json.as_array().unwrap() {
        let want = match card["record_id"].as_i64() == Some(ticket) {
            true => serde_json::json!("T-20260921-0041"),
            false => serde_json::Value::Null,
        };
        assert_eq!(card["external_id"], want, "{card}");
    }

    let csv = hub.export_quotes(ExportFormat::Csv, None).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let ids: Vec<(String, String)> = rdr
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[4].to_string(), r[11].to_string()))
        .collect();
    assert_eq!(ids.len(), 4);
    for (record, id) in ids {
        let want = if record == ticket.to_string() {
            "T-20260921-0041"
        } else {
            ""
        };
        assert_eq!(id, want, "record {record}");
    }

    let md = hub.export_quotes(ExportFormat::Markdown, None).unwrap();
    assert!(!md.contains("h-"), "{md}");
    assert!(md.contains("zendesk (ticket) T-20260921-0041"), "{md}");
    assert!(md.contains("dianping (review) ·"), "{md}");
    assert!(md.contains("reviews (review) ·"), "{md}");
}
