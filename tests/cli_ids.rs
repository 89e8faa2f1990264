//! The ids a person or a script is shown are the source's, or plainly vochub's own. A record whose
//! source gave no id is known inside vochub by one derived from its text (`h-…`); a support agent
//! who copied that into the help desk would find nothing, so `--json` gives it as `derived_id`
//! with `external_id` null, and `show` says the source gave no id.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

mod common;
use common::{json_out, stdout_of, vochub};

/// A data dir holding one customer's ticket, whose file gives ids, and review, whose file does not.
fn hub(dir: &Path) -> PathBuf {
    let tickets = dir.join("tickets.csv");
    std::fs::write(
        &tickets,
        "id,author,content\nT-1042,li@example.com,退款一直没到账\n",
    )
    .unwrap();
    let reviews = dir.join("reviews.csv");
    std::fs::write(
        &reviews,
        "author,content\nli@example.com,退款申请了三天还没处理\n",
    )
    .unwrap();
    let data = dir.join("data");
    stdout_of(vochub(&data).arg("import").arg(&tickets).arg(&reviews));
    data
}

/// The hits of `search QUERY --json`.
fn hits(data: &Path, query: &str) -> Vec<Value> {
    let page = json_out(vochub(data).args(["search", query, "--json"]));
    page["hits"].as_array().unwrap().clone()
}

/// (vochub id, derived id) of the two records: the ticket first, then the review.
fn the_two(data: &Path) -> ((i64, Value), (i64, String)) {
    let found = hits(data, "退款");
    assert_eq!(found.len(), 2, "{found:?}");
    let by_source = |name: &str| {
        found
            .iter()
            .find(|h| h["source"].as_str().unwrap().contains(name))
            .unwrap_or_else(|| panic!("no {name} hit: {found:?}"))
    };
    let (ticket, review) = (by_source("tickets"), by_source("reviews"));
    let derived = review["derived_id"].as_str().unwrap().to_string();
    (
        (ticket["id"].as_i64().unwrap(), ticket["derived_id"].clone()),
        (review["id"].as_i64().unwrap(), derived),
    )
}

/// (external_id, derived_id) of each record in `records`, by vochub id.
fn ids_of(records: &Value) -> Vec<(i64, Value, Value)> {
    let mut ids: Vec<(i64, Value, Value)> = records
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {records}"))
        .iter()
        .map(|r| {
            let object = r.as_object().unwrap();
            assert!(object.contains_key("external_id"), "{r}");
            assert!(object.contains_key("derived_id"), "{r}");
            (
                r["id"].as_i64().unwrap(),
                r["external_id"].clone(),
                r["derived_id"].clone(),
            )
        })
        .collect();
    ids.sort_by_key(|(id, ..)| *id);
    ids
}

/// What every record list must say of the two: the ticket's id, and the review's derived one
/// under its own name.
fn expected(ticket: i64, review: i64, derived: &str) -> Vec<(i64, Value, Value)> {
    let mut both = vec![
        (ticket, json!("T-1042"), Value::Null),
        (review, Value::Null, json!(derived)),
    ];
    both.sort_by_key(|(id, ..)| *id);
    both
}

/// The records of a list of queue entries or quote cards.
fn records_in(list: &Value) -> Value {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|e| e["record"].clone())
        .collect()
}

#[test]
fn search_json_gives_the_source_id_or_null_and_a_derived_one_under_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub(dir.path());
    let ((ticket, ticket_derived), (review, derived)) = the_two(&data);
    assert_eq!(ticket_derived, Value::Null);
    assert!(derived.starts_with("h-"), "{derived}");
    let expected = expected(ticket, review, &derived);
    assert_eq!(ids_of(&Value::Array(hits(&data, "退款"))), expected);

    // A script that kept the derived id still finds the record with `ext:`; so does the source's.
    let by_derived = hits(&data, &format!("ext:{derived}"));
    assert_eq!(
        ids_of(&Value::Array(by_derived)),
        [expected_of(&expected, review)]
    );
    let by_source = hits(&data, "ext:T-1042");
    assert_eq!(
        ids_of(&Value::Array(by_source)),
        [expected_of(&expected, ticket)]
    );
}

fn expected_of(expected: &[(i64, Value, Value)], id: i64) -> (i64, Value, Value) {
    expected.iter().find(|e| e.0 == id).unwrap().clone()
}

#[test]
fn show_says_the_source_gave_no_id_instead_of_printing_the_derived_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub(dir.path());
    let ((ticket, _), (review, derived)) = the_two(&data);
    let show = |id: i64| {
        String::from_utf8(stdout_of(vochub(&data).args(["show", &id.to_string()]))).unwrap()
    };

    for (id, said) in [(review, "(no source id)"), (ticket, "T-1042")] {
        let plain = show(id);
        let head = plain.lines().next().unwrap();
        assert!(head.starts_with(&format!("#{id}  ")), "{plain}");
        assert!(head.ends_with(&format!("  {said}")), "{plain}");
        assert!(!plain.contains(&derived), "{plain}");
    }
    for (id, external_id, derived_id) in expected(ticket, review, &derived) {
        let record = json_out(vochub(&data).args(["show", &id.to_string(), "--json"]));
        assert_eq!(record["external_id"], external_id, "{record}");
        assert_eq!(record["derived_id"], derived_id, "{record}");
    }
}

#[test]
fn every_json_that_carries_a_record_says_the_same_of_its_ids() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub(dir.path());
    let ((ticket, _), (review, derived)) = the_two(&data);
    let expected = expected(ticket, review, &derived);

    let pages = json_out(vochub(&data).args(["customer", "li@example.com", "--json"]));
    assert_eq!(ids_of(&pages[0]["records"]), expected, "customer");

    let plan = json_out(vochub(&data).args(["tag", "退款", "+退款", "--dry-run", "--json"]));
    assert_eq!(ids_of(&plan["sample"]), expected, "tag --dry-run");

    stdout_of(vochub(&data).args(["route", "退款", "--to", "product"]));
    let queue = json_out(vochub(&data).args(["queue", "product", "--json"]));
    assert_eq!(ids_of(&records_in(&queue)), expected, "queue");

    for id in [ticket, review] {
        stdout_of(vochub(&data).args(["quote", "add", &id.to_string(), "--text", "退款"]));
    }
    let cards = json_out(vochub(&data).args(["quotes", "--json"]));
    assert_eq!(ids_of(&records_in(&cards)), expected, "quotes");
}
