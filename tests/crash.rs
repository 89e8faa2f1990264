//! Crash safety: `kill -9` at random moments during import, tagging and reindex. The database
//! never breaks, nothing committed is lost, re-running the import gives one copy of each
//! record, and the next command catches the index up so `check` passes and search finds it all.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// Kills that must land on a running process.
const KILLS: usize = 24;
/// Rounds allowed to get there: a kill that finds its process already done counts for nothing.
const MAX_ROUNDS: usize = 120;
const ROWS: usize = 20_000;

fn command(data: &Path) -> std::process::Command {
    let mut c = std::process::Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
    c.stdout(Stdio::null())
        .stderr(Stdio::null())
        .stdin(Stdio::null());
    c
}

/// The output of a command that must succeed.
fn output_of(data: &Path, args: &[&str]) -> std::process::Output {
    let out = command(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn output_json(data: &Path, args: &[&str]) -> Value {
    serde_json::from_slice(&output_of(data, args).stdout).unwrap()
}

fn corpus(dir: &Path) -> PathBuf {
    let mut s = String::from("id,date,content\n");
    for i in 0..ROWS {
        s.push_str(&format!(
            "c{i},2026-10-{:02} 10:00,第{i}条：{}\n",
            i % 28 + 1,
            ["退款一直没到账", "物流太慢了", "客服态度不错", "价格偏贵"][i % 4]
        ));
    }
    let p = dir.join("corpus.csv");
    std::fs::write(&p, s).unwrap();
    p
}

/// A small deterministic generator: the same "random" moments on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// Returns true when the process was still running, i.e. the kill cut something off.
fn kill_after(mut child: Child, ms: u64) -> bool {
    std::thread::sleep(Duration::from_millis(ms));
    let running = matches!(child.try_wait(), Ok(None));
    // SIGKILL: no cleanup, no flush; exactly what a crash or the OOM killer does.
    let _ = child.kill();
    let _ = child.wait();
    running
}

#[test]
fn kill_nine_during_import_tagging_and_reindex_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = corpus(dir.path());
    let mut rng = Lcg(20261125);
    let mut tagged = Vec::new();
    let mut cut_off = 0;
    // How long each kind of command may run before its kill (import, tag, reindex). A command
    // that finished before its kill halves its window, so the test adapts to the machine's
    // speed instead of counting kills that cut nothing off.
    let mut window = [1500u64; 3];
    let mut round = 0;
    while cut_off < KILLS && round < MAX_ROUNDS {
        let op = round % 3;
        let ms = 10 + rng.next(window[op]);
        let child = match op {
            0 => command(&data).arg("import").arg(&file).spawn().unwrap(),
            1 => command(&data)
                .args(["tag", "退款", &format!("+round{round}"), "--yes"])
                .spawn()
                .unwrap(),
            _ => command(&data).arg("reindex").spawn().unwrap(),
        };
        if kill_after(child, ms) {
            cut_off += 1;
        } else {
            window[op] = (window[op] / 2).max(40);
        }
        // Whatever was cut off, the database is sound (the index may lag: check exits 1 then).
        let out = command(&data)
            .args(["check", "--json"])
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "round {round}: {:?}",
            out.status
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["database"], "ok", "round {round}: {report}");
        if op == 1 {
            tagged.push(round);
        }
        round += 1;
    }
    assert!(
        cut_off >= KILLS,
        "only {cut_off} of {round} kills hit a running process"
    );
    // Re-running the import completes it: exactly one copy of each row.
    let out = command(&data).arg("import").arg(&file).status().unwrap();
    assert!(out.success());
    let stats = output_json(&data, &["stats", "--json"]);
    assert_eq!(stats["total"], ROWS as u64);
    let check = command(&data).arg("check").status().unwrap();
    assert!(check.success(), "the import caught the index up");
    // A tag either committed whole, with its journal entry, or left no trace at all.
    let log = output_json(&data, &["log", "--json", "--limit", "0"]);
    for round in tagged {
        let tag = format!("round{round}");
        let found = output_json(
            &data,
            &["search", &format!("tag:{tag}"), "--json", "--limit", "0"],
        )["total"]
            .as_u64()
            .unwrap();
        let journaled: usize = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "tag")
            .filter_map(|e| e["data"]["added"].as_array())
            .map(|added| added.iter().filter(|p| p[1] == tag.as_str()).count())
            .sum();
        assert_eq!(found as usize, journaled, "tag {tag}");
    }
}

/// An import stores its files batch by batch and runs the theme rules once they are all in.
/// Stopped in between (ctrl-c halfway through a large file), its records were never themed, and
/// re-importing the file found them unchanged, so they stayed out of every theme for good.
#[test]
fn theme_rules_an_interrupted_import_never_ran_run_at_the_next_import() {
    use vochub::domain::{Kind, NewFeedback};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    output_json(&data, &["stats", "--json"]);
    // What the interrupted import left: its records stored, its rules not run.
    {
        let mut store = vochub::store::Store::open(&data.join("vochub.db")).unwrap();
        let mut rec = NewFeedback::new("corpus", Kind::Ticket, "第1条：退款一直没到账");
        rec.external_id = Some("c1".into());
        store
            .upsert_batch(&[rec], chrono::Utc::now().fixed_offset())
            .unwrap();
    }
    let file = dir.path().join("corpus.csv");
    std::fs::write(&file, "id,content\nc2,第2条：物流太慢了\n").unwrap();
    let status = command(&data).arg("import").arg(&file).status().unwrap();
    assert!(status.success());
    let themed = output_json(&data, &["search", "tag:退款退货", "--json"]);
    assert_eq!(themed["total"], 1, "{themed}");
    let late = output_json(&data, &["search", "tag:物流配送/延迟", "--json"]);
    assert_eq!(late["total"], 1, "{late}");
}

/// Stores records as a command killed between the store's commit and the index's leaves them:
/// in the database, not in the search index.
fn store_without_indexing(data: &Path, bodies: &[&str]) {
    use vochub::domain::{Kind, NewFeedback};
    let mut store = vochub::store::Store::open(&data.join("vochub.db")).unwrap();
    let recs: Vec<NewFeedback> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let mut rec = NewFeedback::new("crashed", Kind::Ticket, *body);
            rec.external_id = Some(format!("k{i}"));
            rec
        })
        .collect();
    store
        .upsert_batch(&recs, chrono::Utc::now().fixed_offset())
        .unwrap();
}

/// (hits total, stderr) of `vochub search QUERY --json`.
fn search_total(data: &Path, query: &str) -> (u64, String) {
    let out = command(data)
        .args(["search", query, "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    (page["total"].as_u64().unwrap(), stderr)
}

#[test]
fn a_search_right_after_a_crash_finds_what_was_stored_but_not_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("first.csv");
    std::fs::write(&file, "id,content\nf1,屏幕碎了\n").unwrap();
    assert!(
        command(&data)
            .arg("import")
            .arg(&file)
            .status()
            .unwrap()
            .success()
    );
    store_without_indexing(&data, &["屏幕闪烁，一直黑屏", "screen flickers"]);

    let (total, stderr) = search_total(&data, "屏幕");
    assert_eq!(total, 2, "{stderr}");
    assert!(
        stderr.contains("adding 2 stored records to the search index, which did not have them"),
        "{stderr}"
    );
    // Caught up once: the next search has nothing to add and says nothing.
    let (total, stderr) = search_total(&data, "screen");
    assert_eq!((total, stderr.as_str()), (1, ""));
}

#[test]
fn a_search_while_another_process_writes_the_index_says_what_it_cannot_find_yet() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    output_json(&data, &["stats", "--json"]);
    store_without_indexing(&data, &["退款一直没到账", "退款被拒"]);
    // Another process mid-import: it holds the index's lock and will index these itself.
    let index = vochub::index::SearchIndex::open(&data.join("index"), &[]).unwrap();
    let writer = index.writer().unwrap();
    let (total, stderr) = search_total(&data, "退款");
    assert_eq!(total, 0);
    assert!(
        stderr.contains("2 stored records are not searchable yet"),
        "{stderr}"
    );
    writer.finish().unwrap();
    drop(index);
    let (total, _) = search_total(&data, "退款");
    assert_eq!(total, 2);
}

/// stderr of a command that must succeed.
fn stderr_of(data: &Path, args: &[&str]) -> String {
    String::from_utf8_lossy(&output_of(data, args).stderr).into_owned()
}

#[test]
fn every_command_that_runs_a_query_says_what_the_index_does_not_hold_yet() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stderr_of(&data, &["saved", "add", "refunds", "退款"]);
    store_without_indexing(&data, &["退款一直没到账"]);
    let index = vochub::index::SearchIndex::open(&data.join("index"), &[]).unwrap();
    let writer = index.writer().unwrap();
    let lacking = "1 stored record is not searchable yet: another vochub command is adding it";
    for args in [
        &["search", "退款"][..],
        &["search", "-物流", "--json"],
        &["explain", "退款"],
        &["saved"],
        &["tag", "退款", "+售后", "--dry-run"],
        &["route", "退款", "--to", "product", "--dry-run"],
    ] {
        let stderr = stderr_of(&data, args);
        assert!(stderr.contains(lacking), "{args:?}: {stderr}");
        assert!(stderr.contains("leaves it out"), "{args:?}: {stderr}");
    }
    // Commands that run no query have nothing to say about it.
    assert_eq!(stderr_of(&data, &["stats"]), "");
    writer.finish().unwrap();
    drop(index);
    let caught_up = stderr_of(&data, &["stats"]);
    assert!(
        caught_up.contains("adding 1 stored record to the search index"),
        "{caught_up}"
    );
    assert_eq!(stderr_of(&data, &["tag", "退款", "+售后"]), "");
}
