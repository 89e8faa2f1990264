//! Helpers the command-line test files share: the binary on a private data dir, where samples
//! live, and JSON output.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// `vochub --data-dir DATA`, deaf to the user's own `VOCHUB_DATA_DIR`.
pub fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
    c
}

pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// A file of `../shared/data`, or `None` (with a note) on machines that lack it.
pub fn shared(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

/// Parses command output as JSON, showing the output when it is not.
pub fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

/// Runs `cmd`, insists it succeeded (showing its stderr when not), and returns what it printed.
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `cmd`, insists it succeeded, and parses what it printed as JSON.
pub fn json_out(cmd: &mut Command) -> Value {
    json_of(&stdout_of(cmd))
}

/// `import --json` of `paths`; the summary, or the stderr when the command failed.
pub fn import(data: &Path, args: &[&str], paths: &[PathBuf]) -> Result<Value, String> {
    let out = vochub(data)
        .args(["import", "--json"])
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `vochub show ID --json`.
pub fn shown(data: &Path, id: u64) -> Value {
    json_out(vochub(data).args(["show", &id.to_string(), "--json"]))
}

/// The cases of a search regression table, (query, external ids it must find and no others),
/// that `hub` answers otherwise: one line each, saying what was expected and what came.
pub fn table_failures(hub: &vochub::service::Hub, cases: &[(&str, &[&str])]) -> Vec<String> {
    let opts = vochub::service::SearchOptions {
        limit: 0,
        ..Default::default()
    };
    let mut failures = Vec::new();
    for (query, expected) in cases {
        let page = hub
            .search(query, &opts)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(
            page.total,
            page.hits.len(),
            "{query}: total agrees with hits"
        );
        let mut got: Vec<&str> = page
            .hits
            .iter()
            .map(|h| h.record.external_id.as_str())
            .collect();
        got.sort();
        let mut want = expected.to_vec();
        want.sort();
        if got != want {
            failures.push(format!("{query:?}: expected {want:?}, got {got:?}"));
        }
    }
    failures
}
