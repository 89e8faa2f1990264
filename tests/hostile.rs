//! Hostile and broken input: each case gets its message, nothing panics, good rows are kept.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn vochub(data: &Path) -> Command {
    let mut c = Command::cargo_bin("vochub").unwrap();
    c.arg("--data-dir").arg(data).env_remove("VOCHUB_DATA_DIR");
    c
}

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        Case {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    /// Imports and returns the JSON summary; the command must not crash.
    fn import(&self, path: &Path) -> Value {
        let out = vochub(&self.data())
            .args(["import", "--json"])
            .arg(path)
            .output()
            .unwrap();
        assert!(out.status.code().is_some(), "killed by a signal");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.status.success(), "{stderr}");
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn reasons(v: &Value) -> Vec<(u64, String)> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn nul_bytes_reject_the_row_and_keep_the_rest() {
    let c = Case::new();
    let f = c.file(
        "nul.csv",
        b"id,content\n1,\xe9\x80\x80\x00\xe6\xac\xbe\n2,good row\n",
    );
    let v = c.import(&f);
    assert_eq!(v["inserted"], 1);
    let r = reasons(&v);
    assert_eq!(r[0].0, 2);
    assert!(r[0].1.contains("NUL byte in column 'content'"), "{r:?}");
}

#[test]
fn a_50_mb_field_is_refused_with_its_size() {
    let c = Case::new();
    let mut bytes = b"id,content\n1,".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 50_000_000));
    bytes.extend(b"\n2,small and fine\n");
    let v = c.import(&c.file("big.csv", &bytes));
    assert_eq!(v["inserted"], 1);
    let r = reasons(&v);
    assert!(
        r[0].1.contains("body is 47.7 MiB") && r[0].1.contains("up to 1 MiB"),
        "{r:?}"
    );
}

#[test]
fn a_row_with_a_million_columns_is_refused() {
    let c = Case::new();
    let mut text = String::from("id,content\n1,fine\n2,wide");
    for _ in 0..1_000_000 {
        text.push_str(",v");
    }
    text.push('\n');
    let v = c.import(&c.file("wide.csv", text.as_bytes()));
    assert_eq!(v["inserted"], 1, "{v}");
    let r = reasons(&v);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, 3);
}

#[test]
fn unterminated_quotes_keep_rows_before_and_after() {
    let c = Case::new();
    let v = c.import(&c.file("q.csv", b"id,content\n1,\"ok\"\n2,\"never closed\n3,fine\n"));
    assert_eq!(v["inserted"], 2);
    let r = reasons(&v);
    assert_eq!(r[0].0, 3);
    assert!(r[0].1.contains("broken quoting"), "{r:?}");
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let c = Case::new();
    let deep = format!(
        "[{{\"content\":\"ok\"}},{}{}]",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let v = c.import(&c.file("deep.json", deep.as_bytes()));
    assert_eq!(v["inserted"], 1);
    assert!(reasons(&v)[0].1.contains("recursion limit"), "{v}");
    let only_deep = format!("[{}1{}]", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    vochub(&c.data())
        .arg("import")
        .arg(c.file("deeper.json", only_deep.as_bytes()))
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("nothing could be imported")
                .and(predicate::str::contains("recursion limit")),
        );
}

#[test]
fn dates_out_of_range_or_unparseable_are_named() {
    let c = Case::new();
    let f = c.file(
        "d.csv",
        b"id,date,content\n1,0000-01-01,a\n2,99999-01-01,b\n3,not a date,c\n4,2026-10-01,d\n",
    );
    let v = c.import(&f);
    assert_eq!(v["inserted"], 1);
    let r = reasons(&v);
    assert!(
        r[0].1
            .contains("implausible date '0000-01-01' in column 'date'"),
        "{r:?}"
    );
    assert!(r[1].1.contains("'99999-01-01'"), "{r:?}");
    assert!(r[2].1.contains("unparseable date 'not a date'"), "{r:?}");
}

#[test]
fn a_bom_mid_file_and_cr_only_line_ends_read_cleanly() {
    let c = Case::new();
    let v = c.import(&c.file("bom.csv", b"id,content\n1,first\n\xef\xbb\xbf2,second\n"));
    assert_eq!(v["inserted"], 2);
    let out = vochub(&c.data())
        .args(["search", "second", "--json"])
        .output()
        .unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits["hits"][0]["external_id"], "2");
    let v = c.import(&c.file("cr.csv", b"id,content\r1,one\r2,two\r"));
    assert_eq!(v["inserted"], 2);
}

#[test]
fn invalid_utf8_and_empty_files_and_directories() {
    let c = Case::new();
    vochub(&c.data())
        .arg("import")
        .arg(c.file("empty.csv", b""))
        .assert()
        .failure()
        .stderr(predicate::str::contains("empty.csv is empty"));
    vochub(&c.data())
        .arg("import")
        .arg(c.dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("is a directory"));
    // Unreadable: a file the kernel refuses to read, even for root.
    vochub(&c.data())
        .args(["import", "/proc/self/mem"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot read /proc/self/mem"));
}

#[test]
fn a_read_only_data_dir_gives_a_clear_error_and_stays_intact() {
    let c = Case::new();
    let f = c.file("ok.csv", "id,content\n1,退款没到\n".as_bytes());
    c.import(&f);
    let data = c.data();
    let before = std::fs::read(data.join("vochub.db")).unwrap();
    let _guard = match ReadOnly::make(&data) {
        Some(g) => g,
        None => {
            eprintln!("skipped: cannot make {} read-only here", data.display());
            return;
        }
    };
    let f2 = c.file("more.csv", "id,content\n2,物流太慢\n".as_bytes());
    vochub(&data)
        .arg("import")
        .arg(&f2)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot be written"))
        .stderr(predicate::str::contains(
            "needs write access, even to search",
        ));
    drop(_guard);
    assert_eq!(
        std::fs::read(data.join("vochub.db")).unwrap(),
        before,
        "database untouched"
    );
    vochub(&data).arg("check").assert().success();
}

/// A read-only view of a directory: permissions for a normal user, a read-only bind mount for
/// root (root ignores permission bits).
struct ReadOnly {
    path: PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn make(path: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .ok()?
            .stdout
            == b"0\n";
        if !root {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o500)).ok()?;
            return Some(ReadOnly {
                path: path.to_path_buf(),
                mounted: false,
            });
        }
        let ok = |args: &[&str]| {
            std::process::Command::new("mount")
                .args(args)
                .arg(path)
                .arg(path)
                .status()
                .map(|s| s.success())
                .unwrap_or(false)
        };
        if !ok(&["--bind"]) {
            return None;
        }
        let ro = std::process::Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(path)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        let guard = ReadOnly {
            path: path.to_path_buf(),
            mounted: true,
        };
        if !ro {
            return None;
        }
        Some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.mounted {
            let _ = std::process::Command::new("umount")
                .arg(&self.path)
                .status();
        } else {
            let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o700));
        }
    }
}

/// A data dir on a disk that fills up during an import (a small partition, a shared server).
/// SQLite said only "database error: database or disk is full: … database or disk is full":
/// not which disk, nor that the records stored before it filled are kept.
#[test]
fn a_full_disk_names_the_data_dir_and_keeps_what_was_stored() {
    let c = Case::new();
    let mount = c.dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let _guard = match SmallDisk::mount(&mount) {
        Some(g) => g,
        None => {
            eprintln!("skipped: cannot mount a small disk here (needs root)");
            return;
        }
    };
    let mut rows = String::from("id,content\n");
    for i in 0..60_000 {
        rows.push_str(&format!(
            "r{i},第{i}位客户说退款三天了还没到账，物流也太慢了\n"
        ));
    }
    let f = c.file("big.csv", rows.as_bytes());
    let data = mount.join("data");
    let out = vochub(&data).arg("import").arg(&f).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("is full"), "{stderr}");
    assert!(stderr.contains(&data.display().to_string()), "{stderr}");
    assert!(stderr.contains("free some space"), "{stderr}");
}

/// The disk fills after the import, while agents tag and route. SQLite said "database or disk is
/// full" twice over: the data dir was named only by the import's message and the open's.
#[test]
fn a_disk_that_fills_later_is_named_by_tag_route_and_an_export() {
    let c = Case::new();
    let mount = c.dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let Some(disk) = SmallDisk::mount(&mount) else {
        eprintln!("skipped: cannot mount a small disk here (needs root)");
        return;
    };
    let mut rows = String::from("id,content\n");
    for i in 0..3000 {
        rows.push_str(&format!("m{i},第{i}位客户说退款三天了还没到账\n"));
    }
    let data = mount.join("data");
    let f = c.file("mid.csv", rows.as_bytes());
    assert!(
        vochub(&data)
            .arg("import")
            .arg(&f)
            .output()
            .unwrap()
            .status
            .success()
    );
    // Room left to open the data dir, not to tag or route three thousand records.
    disk.fill(300 * 1024);
    for args in [
        &["tag", "退款", "+满盘", "--yes"][..],
        &["route", "退款", "--to", "product", "--yes"],
    ] {
        let out = vochub(&data).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "the disk holding the data directory {} is full; free some space there",
                data.display()
            )),
            "{args:?}: {stderr}"
        );
    }
    // The interface's tag words it the same way in its status line.
    let mut hub = vochub::service::Hub::open(&data, Default::default()).unwrap();
    let tag = vochub::tui::effect::Effect::Tag {
        target: vochub::tui::effect::Target::Query("退款".into()),
        theme: "满盘".into(),
        add: true,
    };
    let answer = vochub::tui::worker::perform(&mut hub, tag);
    let shown = format!("{answer:?}");
    assert!(
        shown.contains(&format!(
            "the disk holding the data directory {}",
            data.display()
        )),
        "{shown}"
    );
    drop(hub);

    // An export file on another disk that is full is named itself, not the data dir.
    let other = c.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let Some(full) = SmallDisk::mount(&other) else {
        return;
    };
    full.fill(0);
    let elsewhere = c.data();
    let status = vochub(&elsewhere)
        .arg("import")
        .arg(&f)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    assert!(
        vochub(&elsewhere)
            .args(["quote", "add", "1", "--text", "退款"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let out_file = other.join("quotes.md");
    let out = vochub(&elsewhere)
        .args(["quotes", "export", "--out"])
        .arg(&out_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot write {}: the disk holding it is full",
            out_file.display()
        )),
        "{stderr}"
    );
}

/// A 3 MB tmpfs: smaller than the database the import writes.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(path: &Path) -> Option<SmallDisk> {
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=3M", "tmpfs"])
            .arg(path)
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then(|| SmallDisk(path.to_path_buf()))
    }

    /// Fills the disk with a file of zeros until `leave` bytes are free.
    fn fill(&self, leave: u64) {
        use std::io::Write;
        let mut filler = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        loop {
            let free = fs_free(&self.0);
            if free <= leave {
                break;
            }
            let n = (free - leave).min(block.len() as u64) as usize;
            if filler
                .write_all(&block[..n])
                .and_then(|_| filler.sync_data())
                .is_err()
            {
                break;
            }
        }
    }
}

/// Bytes free for the user on the disk holding `path`.
fn fs_free(path: &Path) -> u64 {
    let out = std::process::Command::new("df")
        .args(["-B1", "--output=avail"])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().nth(1).unwrap().trim().parse().unwrap()
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}
