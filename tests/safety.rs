//! Terminal and privacy safety: what a customer typed never reaches the terminal as a control
//! sequence, and the data dir is private.

use std::path::Path;

use assert_cmd::Command;

fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
    c
}

/// Lines of JSON whose text tries to clear the screen, set the title, write the clipboard,
/// hide text, overwrite a line, and use C1 controls.
const HOSTILE: &str = r#"{"id":"h1","author":"evil\u001b]0;pwned\u0007","title":"t\u001b[2Jcleared","content":"退款\u001b[2J\u001b[H没到账\u001b]52;c;cm0gLXJmIC8=\u0007 hidden\u001b[8mtext\u001b[0m over\rwrite \u009b31mred \u001bP1$r\u001b\\ end","tags":"ok\u001b[31m,正常"}
{"id":"h2","author":"bob","content":"物流 \u001b[1A\u001b[2Kline gone \u0007 bell"}
"#;

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c);
        assert!(!bad, "{what} printed control U+{:04X}: {text:?}", c as u32);
    }
}

#[test]
fn no_control_sequence_reaches_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let file = dir.path().join("hostile.jsonl");
    std::fs::write(&file, HOSTILE).unwrap();
    let out = vochub(&d).args(["import"]).arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean("import", &out.stdout);
    assert_clean("import (stderr)", &out.stderr);

    vochub(&d)
        .args([
            "route",
            "退款 OR 物流",
            "--to",
            "product",
            "--note",
            "x\u{1b}[2J",
        ])
        .assert()
        .success();
    let id = {
        let out = vochub(&d)
            .args(["search", "退款", "--json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["hits"][0]["id"].as_i64().unwrap().to_string()
    };
    vochub(&d)
        .args(["quote", "add", &id, "--text", "没到账"])
        .assert()
        .success();
    let commands: &[&[&str]] = &[
        &["search", "退款"],
        &["search", "物流 OR 退款", "--limit", "0"],
        &["show", &id],
        &["stats"],
        &["themes"],
        &["queue", "product"],
        &["quotes"],
        &["log"],
        &["search", "author:evil"],
    ];
    for args in commands {
        let out = vochub(&d).args(*args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&format!("{args:?}"), &out.stdout);
        assert_clean(&format!("{args:?} (stderr)"), &out.stderr);
    }
    // JSON carries the text, escaped as JSON escapes it: no raw ESC byte on the wire.
    for args in [
        &["search", "退款", "--json"][..],
        &["show", &id, "--json"],
        &["queue", "product", "--json"],
    ] {
        let out = vochub(&d).args(args).output().unwrap();
        assert!(!out.stdout.contains(&0x1b), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("\\u001b"), "{args:?} keeps the text, escaped");
    }
    // The text is kept as imported: vochub cleans what it prints, not what it stores.
    let out = vochub(&d).args(["show", &id, "--json"]).output().unwrap();
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rec["body"].as_str().unwrap().contains("\u{1b}]52;"));
    assert!(
        rec["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| !t.as_str().unwrap().contains('\u{1b}'))
    );
}

#[test]
fn the_data_dir_is_private_and_check_warns_when_it_is_not() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let file = dir.path().join("a.csv");
    std::fs::write(&file, "id,content\n1,退款没到\n").unwrap();
    vochub(&d).arg("import").arg(&file).assert().success();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&d), 0o700);
    assert_eq!(mode(&d.join("vochub.db")), 0o600);
    for entry in std::fs::read_dir(d.join("index")).unwrap() {
        let p = entry.unwrap().path();
        assert_eq!(mode(&p) & 0o077, 0, "{} is {:o}", p.display(), mode(&p));
    }
    let out = vochub(&d).arg("check").output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(d.join("vochub.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = vochub(&d).arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("can be read by other users") && err.contains("chmod go-rwx"),
        "{err}"
    );
    assert!(err.contains("vochub.db"), "{err}");
}
