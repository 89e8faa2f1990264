//! Queries as people type them on the command line: an exclusion first (`-退款`), options
//! before or after the query, and `id:` for one record against `ext:` for a source's id.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{json_out, stdout_of, vochub};

/// A data dir holding `rows` (external id, text), imported in this order.
fn hub_with(dir: &Path, rows: &[(&str, &str)]) -> PathBuf {
    let mut csv = String::from("id,content\n");
    for (id, text) in rows {
        csv.push_str(&format!("{id},{text}\n"));
    }
    let file = dir.join("rows.csv");
    std::fs::write(&file, csv).unwrap();
    let data = dir.join("data");
    stdout_of(vochub(&data).arg("import").arg(&file));
    data
}

/// The source ids of `search ARGS --json`, sorted.
fn found(data: &Path, args: &[&str]) -> Vec<String> {
    let page = json_out(vochub(data).arg("search").args(args).arg("--json"));
    let mut ids: Vec<String> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["external_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

const ROWS: &[(&str, &str)] = &[
    ("q1", "退款一直没到账"),
    ("q2", "物流太慢了"),
    ("q3", "退款和物流都慢"),
];

#[test]
fn a_query_may_start_with_an_exclusion_and_options_may_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub_with(dir.path(), ROWS);
    assert_eq!(found(&data, &["-退款"]), ["q2"]);
    assert_eq!(found(&data, &["-退款 物流"]), ["q2"]);
    assert_eq!(found(&data, &["-退款", "物流"]), ["q2"]);
    assert_eq!(found(&data, &["物流", "-退款"]), ["q2"]);
    assert_eq!(found(&data, &["--sort", "newest", "-退款"]), ["q2"]);
    // Options after the query are options still, not words of it.
    let page = json_out(vochub(&data).args(["search", "-快递", "--limit", "1", "--json"]));
    assert_eq!(page["total"], 3, "{page}");
    assert_eq!(page["hits"].as_array().unwrap().len(), 1, "{page}");
    assert_eq!(page["query"], "-快递", "{page}");
    let explained = json_out(vochub(&data).args(["explain", "-退款", "物流", "--json"]));
    assert_eq!(explained["total"], 1, "{explained}");

    let plan = json_out(vochub(&data).args(["tag", "-退款", "+物流", "--dry-run", "--json"]));
    assert_eq!(plan["matched"], 1, "{plan}");
    let tagged = json_out(vochub(&data).args(["tag", "-退款 物流", "+物流", "-待分类", "--json"]));
    assert_eq!(tagged["changed"], 1, "{tagged}");
    let routed =
        json_out(vochub(&data).args(["route", "-退款", "物流", "--to", "product", "--json"]));
    assert_eq!(routed["added"], 1, "{routed}");
    stdout_of(vochub(&data).args(["saved", "add", "no-refunds", "-退款", "物流"]));
    let saved: Value = json_out(vochub(&data).args(["saved", "--json"]));
    assert_eq!(saved[0]["query"], "-退款 物流", "{saved}");
    assert_eq!(saved[0]["count"], 1, "{saved}");
}

#[test]
fn a_mistyped_option_after_the_query_is_refused_with_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub_with(dir.path(), ROWS);
    vochub(&data)
        .args(["search", "退款", "--limt", "5"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--limit"));
}

#[test]
fn id_names_one_record_and_ext_names_what_its_source_called_it() {
    let dir = tempfile::tempdir().unwrap();
    // vochub numbers the rows 1 and 2 as they come; the source calls the first one "2".
    let data = hub_with(dir.path(), &[("2", "第一条反馈"), ("1", "第二条反馈")]);
    let first = json_out(vochub(&data).args(["search", "ext:2", "--json"]));
    assert_eq!(first["hits"][0]["id"], 1, "{first}");

    assert_eq!(found(&data, &["id:1"]), ["2"]);
    assert_eq!(found(&data, &["id:2"]), ["1"]);
    assert_eq!(found(&data, &["ext:1"]), ["1"]);
    assert_eq!(found(&data, &["external_id:2"]), ["2"]);
    assert!(found(&data, &["ext:3"]).is_empty());
    // What `id:` took before for a source's id now says what to write instead.
    vochub(&data)
        .args(["search", "id:T-20261120-0044"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("write ext:T-20261120-0044"));
}
