//! The workflow commands as a user types them: the walkthrough, and every bad input's
//! message.

use std::path::Path;

use chrono::Datelike;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .env_remove("VOCHUB_DATA_DIR")
        .env("USER", "tester");
    c
}

fn json(c: &mut Command) -> Value {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn hit_ids(data: &Path, query: &str) -> Vec<i64> {
    // Every record, near-duplicates included: these tests count exact sets.
    let v = json(vochub(data).args(["search", query, "--json", "--limit", "0", "--no-fold"]));
    let mut ids: Vec<i64> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    ids.sort();
    ids
}

fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    vochub(dir.path())
        .arg("import")
        .arg(root.join("tickets.json"))
        .arg(root.join("sales_notes.csv"))
        .arg(root.join("social.jsonl"))
        .assert()
        .success();
    dir
}

#[test]
fn tag_search_undo_route_queue_walkthrough() {
    let dir = imported();
    let d = dir.path();
    let refunds = hit_ids(d, "退款");
    assert!(!refunds.is_empty());
    vochub(d)
        .args(["tag", "退款", "+售后/退款", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} of {} matching records changed",
            refunds.len(),
            refunds.len()
        )));
    assert_eq!(hit_ids(d, "tag:售后"), refunds);
    assert_eq!(hit_ids(d, "tag:售后/退款"), refunds);

    vochub(d)
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::contains("undo"));
    assert!(hit_ids(d, "tag:售后").is_empty());

    vochub(d)
        .args(["tag", "退款", "+售后/退款", "--yes"])
        .assert()
        .success();
    for _ in 0..2 {
        vochub(d)
            .args([
                "route",
                "tag:售后/退款",
                "--to",
                "product",
                "--note",
                "退款流程反馈",
                "--yes",
            ])
            .assert()
            .success();
    }
    let items = json(vochub(d).args(["queue", "product", "--json"]));
    let mut routed: Vec<i64> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record"]["id"].as_i64().unwrap())
        .collect();
    routed.sort();
    assert_eq!(routed, refunds, "each record once");
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["item"]["status"] == "new")
    );

    let item = items[0]["item"]["id"].as_i64().unwrap().to_string();
    vochub(d)
        .args([
            "queue",
            "set",
            &item,
            "--status",
            "accepted",
            "--assignee",
            "李雷",
        ])
        .assert()
        .success();
    vochub(d)
        .args(["queue", "set", &item, "--status", "new"])
        .assert()
        .success();
    vochub(d)
        .args(["queue", "set", &item, "--status", "done"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot move an item from new to done",
        ));
    let log = json(vochub(d).args(["log", "--json", "--limit", "0"]));
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "status" && e["who"] == "tester")
    );

    vochub(d)
        .args(["tag", "退款", "+售后/退款", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("would change: 0"));
}

#[test]
fn quotes_add_list_and_export_csv_without_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("evil.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"e1\",\"content\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"点我领取退款\\\") 退款到底什么时候到\"}\n",
    )
    .unwrap();
    vochub(d).arg("import").arg(&file).assert().success();
    let id = hit_ids(d, "退款")[0].to_string();
    vochub(d)
        .args([
            "quote",
            "add",
            &id,
            "--text",
            "=HYPERLINK(\"http://evil.example\",\"点我领取退款\")",
            "--note",
            "钓鱼",
            "+安全",
        ])
        .assert()
        .success();
    vochub(d)
        .args(["quote", "add", &id, "--text", "完全不在里面的话"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not contain"));
    let out = d.join("quotes.csv");
    vochub(d)
        .args(["quotes", "export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut rows = 0;
    for row in rdr.records() {
        rows += 1;
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet would run: {cell}"
            );
        }
    }
    assert_eq!(rows, 1);
    let cards = json(vochub(d).args(["quotes", "--theme", "安全", "--json"]));
    assert_eq!(cards.as_array().unwrap().len(), 1);
    vochub(d)
        .args(["quotes", "export", "--format", "pdf"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("md, csv or json"));

    // The same words again, with a space typed after them: the quote is there already.
    vochub(d)
        .args([
            "quote",
            "add",
            &id,
            "--text",
            "=HYPERLINK(\"http://evil.example\",\"点我领取退款\") ",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already has these words as quote 1",
        ));
    // A theme no quote has: said so, with the themes that have quotes, and no file written.
    let empty = d.join("q.md");
    vochub(d)
        .args(["quotes", "export", "--theme", "不存在", "--out"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no quote has the theme '不存在'"))
        .stderr(predicate::str::contains("themes with quotes: 安全"))
        .stderr(predicate::str::contains("wrote").not());
    assert!(!empty.exists(), "no header-only file");
}

#[test]
fn large_changes_need_yes_when_not_at_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut csv = String::from("id,content\n");
    for i in 0..520 {
        csv.push_str(&format!("n{i},第{i}条反馈：价格有点高\n"));
    }
    let file = d.join("many.csv");
    std::fs::write(&file, csv).unwrap();
    vochub(d).arg("import").arg(&file).assert().success();
    vochub(d)
        .args(["tag", "价格", "+定价/偏高"])
        .write_stdin("")
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("would change 520 records")
                .and(predicate::str::contains("--yes")),
        );
    assert!(hit_ids(d, "tag:定价").is_empty(), "nothing changed");
    vochub(d)
        .args(["tag", "价格", "+定价/偏高", "--yes"])
        .assert()
        .success();
    assert_eq!(hit_ids(d, "tag:定价").len(), 520);
    vochub(d)
        .args(["route", "价格", "--to", "marketing"])
        .write_stdin("")
        .assert()
        .failure()
        .stderr(predicate::str::contains("--yes"));
}

#[test]
fn bad_workflow_inputs_are_named() {
    let dir = imported();
    let d = dir.path();
    vochub(d)
        .args(["route", "退款", "--to", "sales"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown queue 'sales'"));
    vochub(d)
        .args(["queue", "sales"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("product, marketing"));
    vochub(d)
        .args(["queue", "product", "--status", "closed"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown status 'closed'"));
    vochub(d)
        .args(["route", "退款", "--to", "product", "--priority", "p9"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("p1, p2 or p3"));
    vochub(d)
        .args(["tag", "", "+x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("query is empty"));
    vochub(d)
        .args(["route", " ", "--to", "product"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("query is empty"));
    vochub(d)
        .args(["tag", "退款"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("+THEME"));
    vochub(d)
        .args(["tag", "退款", "售后"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("expected +THEME or -THEME"));
    vochub(d)
        .args(["queue", "set", "12345", "--status", "done"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no queue item 12345"));
    vochub(d)
        .args(["queue", "set", "1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing to change"));
    vochub(d)
        .args(["undo", "999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no journal entry 999"));
    vochub(d)
        .args(["quote", "add", "99999", "--text", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("99999"));
    vochub(d)
        .args(["saved", "rm", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no saved search named 'nope'"));
    vochub(d)
        .args(["saved", "add", "x", "(退款"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("')'"));
    vochub(d).args(["themes", "--json"]).assert().success();
}

#[test]
fn theme_rules_tag_imported_records_and_apply_is_idempotent() {
    let dir = imported();
    let d = dir.path();
    let themes = json(vochub(d).args(["themes", "--json"]));
    // The most heard first, names breaking ties: one-record themes do not push large ones down.
    let order: Vec<(u64, String)> = themes
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["records"].as_u64().unwrap(),
                t["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(order.len() > 2, "{order:?}");
    assert!(
        order
            .windows(2)
            .all(|w| w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)),
        "{order:?}"
    );
    let refunds = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "退款退货")
        .expect("rule theme");
    assert!(refunds["records"].as_u64().unwrap() > 0);
    assert_eq!(refunds["weekly"].as_array().unwrap().len(), 12);
    // The weeks are the last twelve, Monday to Sunday, ending with this one.
    let today = chrono::Local::now().date_naive();
    let this_monday = today - chrono::Days::new(today.weekday().num_days_from_monday() as u64);
    let from = (this_monday - chrono::Days::new(77)).to_string();
    assert_eq!(refunds["weeks_from"], from.as_str());
    let table = vochub(d).arg("themes").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with(&format!(
            "theme {:19}records authors  weeks from {}",
            "",
            &from[5..]
        )),
        "{table}"
    );
    let first_row = table.lines().nth(1).unwrap();
    assert!(
        first_row.starts_with(&order[0].1),
        "the table in the same order: {table}"
    );
    let row = table.lines().find(|l| l.starts_with("退款退货")).unwrap();
    let weekly: Vec<u64> = serde_json::from_value(refunds["weekly"].clone()).unwrap();
    assert!(row.contains(&vochub::domain::sparkline(&weekly)), "{row}");
    let this_week = weekly[11].to_string();
    let last_week = weekly[10].to_string();
    let counts: Vec<&str> = row.split_whitespace().collect();
    assert!(
        counts
            .windows(2)
            .any(|w| w == [this_week.as_str(), last_week.as_str()]),
        "{row}"
    );
    assert_eq!(
        hit_ids(d, "tag:退款退货"),
        hit_ids(d, "退款 OR 退货 OR 退钱 OR refund OR return")
    );
    vochub(d)
        .args(["themes", "apply"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no records needed new themes"));
    let rules = d.join("mine.toml");
    std::fs::write(
        &rules,
        "[[theme]]\nname = \"硬件/表带\"\nquery = \"表带\"\n",
    )
    .unwrap();
    vochub(d)
        .args(["themes", "apply", "--rules"])
        .arg(&rules)
        .assert()
        .success()
        .stdout(predicate::str::contains("硬件/表带"));
    std::fs::write(&rules, "[[theme]]\nname = \"x\"\nquery = \"(表带\"\n").unwrap();
    vochub(d)
        .args(["themes", "apply", "--rules"])
        .arg(&rules)
        .assert()
        .failure()
        .stderr(predicate::str::contains("theme rule 'x'"));
}
