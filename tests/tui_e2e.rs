//! The interface in a real terminal: tmux runs the built binary at 120×40 on a data dir with the
//! sample data; keys are typed with send-keys and the screen read with capture-pane. A person's
//! session — search, tag, route, quote, quit — and then the CLI must show what they did.
//!
//! Every wait polls the screen with a deadline; nothing sleeps a fixed time to synchronise.
//! Skipped (with a message) where tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_vochub");
const WAIT: Duration = Duration::from_secs(30);

/// A tmux server of our own (its own socket), so the test never touches the user's sessions.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Keys by tmux name (Enter, Escape) or, with `literal`, as text.
    fn keys(&self, keys: &str, literal: bool) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        if literal {
            args.push("-l");
        }
        args.push(keys);
        assert!(self.cmd(&args).status.success(), "send-keys {keys}");
    }

    fn type_text(&self, text: &str) {
        self.keys(text, true);
    }

    fn press(&self, key: &str) {
        self.keys(key, false);
    }

    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!("waited {WAIT:?} for {what:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `what`.
    fn wait_gone(&self, what: &str) {
        let start = Instant::now();
        while self.screen().contains(what) {
            assert!(
                start.elapsed() < WAIT,
                "waited {WAIT:?} for {what:?} to go; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn running(&self) -> bool {
        self.cmd(&["has-session", "-t", "e2e"]).status.success()
    }

    /// `q`, then wait for the program (and so its tmux session) to end.
    fn quit(&self) {
        self.press("q");
        let start = Instant::now();
        while self.running() {
            assert!(start.elapsed() < WAIT, "q did not quit:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn vochub(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run vochub");
    assert!(
        out.status.success(),
        "vochub {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn import(data: &Path, files: &[&str]) {
    let files: Vec<String> = files
        .iter()
        .map(|f| sample(f).display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    vochub(data, &args);
}

/// Starts the interface on `data` in a fresh tmux server; `None` when tmux is missing.
fn start(data: &Path, name: &str, lang: &str) -> Option<Tmux> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("skipped: tmux is not installed (apt-get install tmux)");
        return None;
    }
    let tmux = Tmux {
        socket: format!("vochub-e2e-{name}-{}", std::process::id()),
    };
    // No user config may change the keys or the language under test.
    let command = format!(
        "env LANG={lang} LC_ALL= '{BIN}' --data-dir '{}' --config /dev/null",
        data.display()
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "40",
        &command,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(tmux)
}

#[test]
fn search_tag_route_quote_then_quit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &["tickets.json", "social.jsonl", "sales_notes.csv"]);
    let Some(tmux) = start(&data, "work", "en_US.UTF-8") else {
        return;
    };
    // What the CLI finds first is what the interface must show first.
    let expected = vochub(&data, &["search", "物流 快递", "--json"]);
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let first_title = expected["hits"][0]["title"].as_str().unwrap().to_string();
    tmux.wait_for("hits");
    tmux.press("/");
    tmux.wait_for("typing");
    tmux.type_text("物流 快递");
    // The echo of the query comes before its answer: wait for the answer itself.
    tmux.wait_for(&vochub::domain::counted(
        expected["total"].as_u64().unwrap(),
        "hit",
    ));
    let screen = tmux.wait_for(&first_title);
    assert!(screen.contains("/ 物流 快递"), "{screen}");
    tmux.press("Enter");
    tmux.wait_for("? help");

    tmux.press("t");
    tmux.wait_for("Tag with theme");
    tmux.type_text("e2e测试");
    tmux.wait_for("new theme “e2e测试”");
    tmux.press("Enter");
    tmux.wait_for("Tagged 1 record with “e2e测试”");

    tmux.press("r");
    tmux.wait_for("Route to a queue");
    tmux.type_text("from e2e");
    tmux.press("Enter");
    tmux.wait_for("Sent 1 record to the Product queue");

    tmux.press("Enter");
    tmux.wait_for("Same author");
    for k in ["v", "w", "w"] {
        tmux.press(k);
    }
    tmux.wait_for("Queues Product queue");
    tmux.press("s");
    tmux.wait_for("Save quote");
    tmux.press("Enter");
    tmux.wait_for("Saved quote #1");

    tmux.quit();

    let tagged = vochub(&data, &["search", "tag:e2e测试", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&tagged).unwrap();
    assert_eq!(v["total"], 1, "{tagged}");
    let id = v["hits"][0]["id"].as_i64().unwrap();
    assert_eq!(
        Some(id),
        expected["hits"][0]["id"].as_i64(),
        "the first hit was tagged"
    );

    let queue = vochub(&data, &["queue", "product", "--json"]);
    assert!(queue.contains("from e2e"), "{queue}");
    assert!(queue.contains(&format!("\"record_id\": {id}")), "{queue}");

    let quotes = vochub(&data, &["quotes", "--json"]);
    let q: serde_json::Value = serde_json::from_str(&quotes).unwrap();
    let list = q
        .as_array()
        .or_else(|| q["quotes"].as_array())
        .cloned()
        .unwrap_or_default();
    assert_eq!(list.len(), 1, "{quotes}");
    assert!(
        quotes.contains("e2e测试"),
        "the quote carries the record's themes: {quotes}"
    );
}

#[test]
fn records_imported_meanwhile_appear() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &["tickets.json"]);
    let before = vochub(&data, &["stats", "--json"]);
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    // In Chinese this time: LANG=zh_CN.UTF-8 makes every label Chinese.
    let Some(tmux) = start(&data, "import", "zh_CN.UTF-8") else {
        return;
    };
    let screen = tmux.wait_for(&format!("{} 条结果", before["total"]));
    for label in ["1 搜索", "2 主题", "3 产品队列", "帮助", "退出"] {
        assert!(screen.contains(label), "{label} missing:\n{screen}");
    }
    // Another process imports into the same data dir while the interface is open.
    import(&data, &["social.jsonl"]);
    let after = vochub(&data, &["stats", "--json"]);
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    tmux.wait_for(&format!("有新记录：共 {} 条", after["total"]));
    // And it still answers: a query finds a social post that was not there before.
    tmux.press("/");
    tmux.type_text("kind:social");
    tmux.wait_for("社媒 ");
    tmux.press("Enter");
    tmux.quit();
}

/// More input at once than one read of the terminal takes (1.7 KB): all of it must be read, not
/// left waiting in the terminal until the next key. Pasted both ways: as keys (a terminal without
/// bracketed paste) and as a bracketed paste.
#[test]
fn a_long_paste_arrives_whole_without_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &["tickets.json"]);
    let Some(tmux) = start(&data, "paste", "en_US.UTF-8") else {
        return;
    };
    tmux.wait_for("hits");
    for (bracketed, tail) in [(false, "结尾一"), (true, "结尾二")] {
        let long = format!("{} {tail}", "退款 OR 物流 ".repeat(100).trim());
        assert!(long.len() > 1024, "longer than one read");
        tmux.press("/");
        tmux.wait_for("typing");
        tmux.press("C-u");
        assert!(tmux.cmd(&["set-buffer", &long]).status.success());
        let mut paste = vec!["paste-buffer", "-t", "e2e"];
        if bracketed {
            paste.push("-p");
        }
        assert!(tmux.cmd(&paste).status.success());
        // The bar follows the cursor, so the end of the query shows once all of it arrived.
        tmux.wait_for(&format!("物流 {tail}"));
        tmux.press("Escape");
        // An Escape read together with the next key is Alt and that key: let it land alone.
        tmux.wait_gone("typing");
    }
    tmux.quit();
}
