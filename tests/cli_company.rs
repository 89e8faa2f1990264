//! `vochub import` keeps only what customers said: rows a mapped `inbound` column marks as the
//! company's, mail from the company's own addresses (`company_senders`) and records by its own
//! accounts (`company_handles`) are counted as skipped, not stored.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::{import, vochub};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs an import of `file`, checks its counts line and the line that says what it skipped, and
/// returns what it wrote to stderr.
fn counted(cmd: &mut Command, file: &Path, counts: &str, skipped: &str) -> String {
    let out = cmd.arg(file).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!("{counts}\n")), "{stdout}");
    let line = format!("  skipped {skipped} in {}\n", file.display());
    assert!(stdout.contains(&line), "{stdout}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn rows_a_mapped_inbound_column_marks_as_the_companys_are_counted_and_bad_values_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let file = write(
        dir.path(),
        "chat.csv",
        "id,direction,message\n\
         1,inbound,my order never came\n\
         2,outbound,Sorry! We are checking\n\
         3,maybe,is this thing on\n",
    );
    let stderr = counted(
        vochub(&data).args(["import", "--map", "inbound=direction"]),
        &file,
        "read 3  inserted 1  updated 0  unchanged 0  rejected 1  skipped 1",
        "1 rows the inbound column marks as sent by the company",
    );
    let reject = format!(
        "{}:4: unrecognised value 'maybe' in column 'direction' (field inbound); expected True/False",
        file.display()
    );
    assert!(stderr.contains(&reject), "{stderr}");

    let again = import(&data, &["--map", "inbound=direction"], &[file]).unwrap();
    assert_eq!(again["unchanged"], 1, "{again}");
    assert_eq!(again["skips"][0]["why"], "company_marked");
    assert_eq!(again["skips"][0]["count"], 1);
}

const INBOX: &str = "From li@163.com Mon Oct  5 10:00:00 2026\n\
                     From: Li <li@163.com>\nSubject: refund\nMessage-ID: <c1@163.com>\n\n\
                     Where is my refund?\n\n\
                     From support@yunque.example Mon Oct  5 11:00:00 2026\n\
                     From: Lark Support <support@yunque.example>\nSubject: Re: refund\n\
                     Message-ID: <s1@yunque.example>\n\n\
                     It is on its way.\n";

#[test]
fn mail_from_the_configured_company_senders_is_counted_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let inbox = write(dir.path(), "inbox.mbox", INBOX);
    let config = write(
        dir.path(),
        "config.toml",
        "company_senders = [\"yunque.example\"]\n",
    );
    counted(
        vochub(&data).arg("--config").arg(&config).arg("import"),
        &inbox,
        "read 2  inserted 1  updated 0  unchanged 0  rejected 0  skipped 1",
        "1 messages from the company's own addresses (company_senders)",
    );

    // Without the setting, the company's answer is imported as before.
    let other = dir.path().join("hub2");
    let empty = write(dir.path(), "empty.toml", "");
    let v = import(
        &other,
        &["--config", empty.to_str().unwrap()],
        std::slice::from_ref(&inbox),
    )
    .unwrap();
    assert_eq!(
        (v["inserted"].as_u64(), v["skipped"].as_u64()),
        (Some(2), Some(0)),
        "{v}"
    );

    // A setting that is no domain or address stops the command, naming the file and the entry.
    refused(
        &data,
        &config,
        "company_senders = [\"support@\"]\n",
        &inbox,
        "company_senders: 'support@' is neither a mail domain",
    );
}

/// Writes `setting` into `config`: an import of `file` with it must stop before reading, with a
/// message naming the config file and saying `why`.
fn refused(data: &Path, config: &Path, setting: &str, file: &Path, why: &str) {
    std::fs::write(config, setting).unwrap();
    let out = vochub(data)
        .arg("--config")
        .arg(config)
        .args(["import", "--dry-run"])
        .arg(file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&config.display().to_string()) && stderr.contains(why),
        "{stderr}"
    );
}

#[test]
fn records_by_the_configured_company_handles_are_counted_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let posts = write(
        dir.path(),
        "weibo.csv",
        "id,author,text\nw1,李娜,表带断了两次\nw2,@云雀官方客服,亲，已为您补发\nw3,王强,客服一直不回\n",
    );
    let config = write(
        dir.path(),
        "config.toml",
        "company_handles = [\"云雀官方客服\"]\n",
    );
    counted(
        vochub(&data).arg("--config").arg(&config).arg("import"),
        &posts,
        "read 3  inserted 2  updated 0  unchanged 0  rejected 0  skipped 1",
        "1 records by the company's own accounts (company_handles)",
    );
    let out = vochub(&data)
        .arg("--config")
        .arg(&config)
        .args(["search", "--json", "客服 OR 补发"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["external_id"].as_str())
        .collect();
    assert_eq!(ids, ["w3"], "{found}");

    // An entry naming no account stops the command, naming the file and the entry.
    refused(
        &data,
        &config,
        "company_handles = [\"@\"]\n",
        &posts,
        "company_handles: '@' names no account",
    );
}
