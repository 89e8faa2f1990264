//! `vochub bench` end to end at a tiny size: every section is filled and the peers answered the
//! same queries. Timings are never asserted (they belong to the harness, not to tests).

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn bench(work: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("bench")
        .arg("--work-dir")
        .arg(work)
        .arg("--reps")
        .arg("1");
    c
}

#[test]
fn grown_corpus_reports_every_section_as_json() {
    let work = tempfile::tempdir().unwrap();
    let out = bench(work.path())
        .args(["--size", "300", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let scale = &report["scales"][0];
    assert_eq!(scale["corpus"]["records"], 300);
    for side in ["vochub", "fts5", "like"] {
        assert_eq!(scale["import"][side]["records"], 300, "{side}");
        assert!(scale["import"][side]["disk_bytes"].as_u64().unwrap() > 0);
    }
    let mix = report["queries"].as_array().unwrap().len();
    for side in ["vochub", "fts5", "like"] {
        let times = scale["raw_search"][side].as_array().unwrap();
        assert_eq!(times.len(), mix, "{side}");
    }
    assert!(scale["search"]["vochub"]["samples"].as_u64().unwrap() >= mix as u64);
    assert!(scale["tui"]["keystrokes"]["samples"].as_u64().unwrap() > 0);
    assert_eq!(scale["targets"].as_array().unwrap().len(), 9);
    // A saved report prints again as Markdown without measuring anything.
    let saved = work.path().join("report.json");
    std::fs::write(&saved, &out.stdout).unwrap();
    Command::cargo_bin("vochub")
        .unwrap()
        .args(["bench", "--render"])
        .arg(&saved)
        .assert()
        .success()
        .stdout(predicate::str::contains("## 300 records"));
}

#[test]
fn a_users_file_in_markdown() {
    let work = tempfile::tempdir().unwrap();
    let tickets = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/tickets.json");
    bench(work.path())
        .arg("--corpus")
        .arg(&tickets)
        .assert()
        .success()
        .stdout(predicate::str::contains("## 140 records"))
        .stdout(predicate::str::contains("| records/s |"))
        .stdout(predicate::str::contains("| p99 |"))
        .stdout(predicate::str::contains("first frame"));
}

#[test]
fn how_the_corpus_was_grown_is_said_in_the_report() {
    let work = tempfile::tempdir().unwrap();
    bench(work.path())
        .args(["--size", "200", "--distinct", "--short"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## 200 records ("))
        .stdout(predicate::str::contains(
            "file, distinct texts, short texts)",
        ));
}

#[test]
fn bad_arguments_are_explained() {
    let work = tempfile::tempdir().unwrap();
    bench(work.path())
        .args(["--size", "0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("at least 1 record"));
    let empty = work.path().join("none.txt");
    std::fs::write(&empty, "# only a comment\n").unwrap();
    bench(work.path())
        .args(["--size", "10", "--queries"])
        .arg(&empty)
        .assert()
        .failure()
        .stderr(predicate::str::contains("holds no queries"));
    // Growing texts and measuring the user's own file are two different corpora.
    for grown in ["--distinct", "--short"] {
        bench(work.path())
            .args([grown, "--corpus", "tickets.json"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("cannot be used with"));
    }
}
