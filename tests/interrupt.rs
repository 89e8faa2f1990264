//! Stopping an import with ctrl-c (SIGINT) or SIGTERM: it keeps what it stored, with the index
//! agreeing, says what that was, and the same import run again completes it. A second ctrl-c
//! ends it at once.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// Several store batches, so that a stop lands between two of them.
const ROWS: usize = 60_000;

fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
    c.stdin(Stdio::null());
    c
}

fn corpus(dir: &Path) -> PathBuf {
    let mut s = String::from("id,content\n");
    for i in 0..ROWS {
        s.push_str(&format!("r{i},第{i}条：退款一直没到账\n"));
    }
    let p = dir.join("big.csv");
    std::fs::write(&p, s).unwrap();
    p
}

/// Records in the database, read as another program would, without opening the hub.
fn stored(data: &Path) -> u64 {
    let db = data.join("vochub.db");
    if !db.exists() {
        return 0;
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(&db, flags) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| n as u64)
}

/// Starts `import --json FILE` and waits until its first batch is stored.
fn import_under_way(data: &Path, file: &Path) -> Child {
    let mut child = vochub(data)
        .args(["import", "--json"])
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while stored(data) == 0 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be stopped"
        );
        assert!(Instant::now() < deadline, "no batch stored in two minutes");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn send(child: &Child, signal: i32) {
    // SAFETY: kill only sends a signal to our own child, whose id is valid until it is waited on.
    let sent = unsafe { libc::kill(child.id() as i32, signal) };
    assert_eq!(sent, 0);
}

/// The store's change number and the one the index reflects, read without opening the hub
/// (opening would catch the index up and hide a gap the stop left).
fn store_and_index_seq(data: &Path) -> (u64, u64) {
    let store = vochub::store::Store::open(&data.join("vochub.db")).unwrap();
    let index = vochub::index::SearchIndex::open(&data.join("index"), &[]).unwrap();
    (store.current_seq().unwrap(), index.synced_seq().unwrap())
}

fn stop_with(signal: i32, code: i32, cause: &str) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = corpus(dir.path());
    let child = import_under_way(&data, &file);
    send(&child, signal);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept = summary["inserted"].as_u64().unwrap();
    assert!(kept > 0 && kept < ROWS as u64, "{summary}");
    assert_eq!(summary["stopped_in"], file.display().to_string());
    assert!(
        stderr.contains(&format!(
            "import stopped by {cause} in {}: {kept} records from it are stored",
            file.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("Running the same import again is safe"),
        "{stderr}"
    );
    // What it says it stored is what the database holds, and the index has all of it.
    assert_eq!(stored(&data), kept);
    let (store_seq, index_seq) = store_and_index_seq(&data);
    assert_eq!(index_seq, store_seq);

    let out = vochub(&data)
        .args(["import", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let again: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(again["unchanged"].as_u64(), Some(kept), "{again}");
    assert_eq!(again["inserted"].as_u64(), Some(ROWS as u64 - kept));
    assert_eq!(stored(&data), ROWS as u64);
}

#[test]
fn ctrl_c_stops_an_import_which_says_what_it_stored_and_a_rerun_completes_it() {
    stop_with(libc::SIGINT, 130, "ctrl-c (SIGINT)");
}

#[test]
fn sigterm_stops_an_import_the_same_way() {
    stop_with(libc::SIGTERM, 143, "SIGTERM");
}

#[test]
fn a_second_ctrl_c_quits_at_once_without_waiting_for_the_stop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = corpus(dir.path());
    let mut child = import_under_way(&data, &file);
    send(&child, libc::SIGINT);
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut heard = String::new();
    stderr.read_line(&mut heard).unwrap();
    assert!(
        heard.contains("press ctrl-c again to quit at once"),
        "{heard}"
    );
    send(&child, libc::SIGINT);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(!rest.contains("import stopped by"), "{rest}");
}
