//! Helpers shared by the command-line tests.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The vochub binary on data dir `data`, deaf to the caller's VOCHUB_DATA_DIR.
pub fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
    c
}

/// Parses command output as JSON, showing the output when it is not.
pub fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}
