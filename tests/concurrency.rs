//! Many hands on one data dir: three agents tagging and routing at once while an import runs.
//! Every change must be applied exactly once, the journal complete, and `check` pass.

use std::path::{Path, PathBuf};
use std::thread;

use assert_cmd::Command;
use serde_json::Value;

const AGENTS: usize = 3;
const COMMANDS: usize = 30;

fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
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

fn csv(dir: &Path, name: &str, rows: std::ops::Range<usize>, text: &str) -> PathBuf {
    let mut s = String::from("id,content\n");
    for i in rows {
        s.push_str(&format!("{name}-{i},第{i}位客户：{text}\n"));
    }
    let p = dir.join(format!("{name}.csv"));
    std::fs::write(&p, s).unwrap();
    p
}

#[test]
fn three_agents_and_an_import_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let base = csv(dir.path(), "base", 0..AGENTS * COMMANDS, "耳机连接不稳定");
    vochub(&data).arg("import").arg(&base).assert().success();
    let ids: Vec<i64> = {
        let v = json(vochub(&data).args([
            // Every record: these rows differ only in their number, so search would fold them.
            "search",
            "耳机",
            "--json",
            "--limit",
            "0",
            "--sort",
            "oldest",
            "--no-fold",
        ]));
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids.len(), AGENTS * COMMANDS);
    let late = csv(dir.path(), "late", 0..3000, "物流太慢");

    let mut workers = Vec::new();
    for agent in 0..AGENTS {
        let data = data.clone();
        let ids = ids.clone();
        workers.push(thread::spawn(move || {
            for i in 0..COMMANDS {
                let record = ids[agent * COMMANDS + i];
                let scope = format!("id:{record}");
                // Alternate: a tag on even steps, a route on odd ones; each touches its own record.
                let mut cmd = vochub(&data);
                cmd.env("USER", format!("agent{agent}"));
                if i % 2 == 0 {
                    cmd.args(["tag", &scope, &format!("+agent{agent}/step{i}")]);
                } else {
                    cmd.args([
                        "route",
                        &scope,
                        "--to",
                        "product",
                        "--note",
                        &format!("agent{agent}"),
                    ]);
                }
                let out = cmd.output().unwrap();
                assert!(
                    out.status.success(),
                    "agent {agent} step {i}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }));
    }
    let importer = {
        let data = data.clone();
        thread::spawn(move || {
            let out = vochub(&data).arg("import").arg(&late).output().unwrap();
            assert!(
                out.status.success(),
                "import: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        })
    };
    for w in workers {
        w.join().unwrap();
    }
    importer.join().unwrap();

    // Every tag exactly once, on exactly its record.
    for agent in 0..AGENTS {
        for i in (0..COMMANDS).step_by(2) {
            let v = json(vochub(&data).args([
                "search",
                &format!("tag:agent{agent}/step{i}"),
                "--json",
                "--limit",
                "0",
            ]));
            let hits: Vec<i64> = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_i64().unwrap())
                .collect();
            assert_eq!(
                hits,
                vec![ids[agent * COMMANDS + i]],
                "agent{agent}/step{i}"
            );
        }
    }
    // Every route once.
    let items = json(vochub(&data).args(["queue", "product", "--json"]));
    let mut routed: Vec<i64> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record"]["id"].as_i64().unwrap())
        .collect();
    routed.sort();
    let mut expected: Vec<i64> = (0..AGENTS * COMMANDS)
        .filter(|n| n % COMMANDS % 2 == 1)
        .map(|n| ids[n])
        .collect();
    expected.sort();
    assert_eq!(routed, expected);
    // The journal holds each agent's 30 changes.
    let log = json(vochub(&data).args(["log", "--json", "--limit", "0"]));
    for agent in 0..AGENTS {
        let n = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["who"] == format!("agent{agent}"))
            .count();
        assert_eq!(n, COMMANDS, "journal entries of agent{agent}");
    }
    let stats = json(vochub(&data).args(["stats", "--json"]));
    assert_eq!(stats["total"], (AGENTS * COMMANDS + 3000) as u64);
    vochub(&data).arg("check").assert().success();
}

/// An agent tags in one terminal while a colleague's interface is open on the same data dir.
/// The interface watched only the number of records, so a tag (or a route) made elsewhere
/// never reached it: its list kept showing the themes as they were until something was typed.
#[test]
fn an_open_interface_hears_of_a_tag_made_elsewhere() {
    use std::time::{Duration, Instant};
    use vochub::config::Config;
    use vochub::domain::{Kind, NewFeedback, TagChange};
    use vochub::service::{Hub, Scope};
    use vochub::tui::action::Action;
    use vochub::tui::worker::Worker;

    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    let mut rec = NewFeedback::new("mail", Kind::Email, "退款三天了还没到账");
    rec.external_id = Some("m1".into());
    let id = hub.ingest(&[rec]).unwrap();
    assert_eq!(id.inserted, 1);
    let interface = Worker::spawn(Hub::open(dir.path(), Config::default()).unwrap());

    hub.tag(
        &Scope::Query("退款".into()),
        &[TagChange::Add("售后".into())],
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match interface.answers.recv_timeout(left) {
            Ok(Action::DataChanged { total }) => {
                assert_eq!(total, 1);
                break;
            }
            Ok(_) => continue,
            Err(e) => panic!("the interface never heard of the tag: {e}"),
        }
    }
    interface.stop();
}
