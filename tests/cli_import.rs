//! `vochub import` on files that say something twice: the records kept, the warnings given, and a
//! re-import that changes nothing.

use std::path::{Path, PathBuf};
use std::process::Child;

use serde_json::Value;

mod common;
use common::{import, json_out, shown, vochub};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn counts(v: &Value) -> [u64; 4] {
    ["inserted", "updated", "unchanged", "repeated"].map(|k| v[k].as_u64().unwrap())
}

/// (id the record is known by, body) of every record that matches `query`, in id order: the
/// source's id, or the one vochub derived when the source gave none.
fn records(data: &Path, query: &str) -> Vec<(String, String)> {
    let v = json_out(vochub(data).args(["search", query, "--json", "--no-fold", "--limit", "0"]));
    let mut ids: Vec<u64> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_u64().unwrap())
        .collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            let rec = shown(data, id);
            let known_by = rec["external_id"].as_str().or(rec["derived_id"].as_str());
            (
                known_by.unwrap().to_string(),
                rec["body"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn a_text_said_twice_without_ids_stays_two_records_and_reimport_settles() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    // The same text with two labels: an id derived from the text alone would make them one record.
    let one = write(dir.path(), "senti.csv", "review,label\n太好用了推荐,1\n");
    let first = import(&data, &[], std::slice::from_ref(&one)).unwrap();
    assert_eq!(counts(&first), [1, 0, 0, 0]);
    let plain = records(&data, "推荐")[0].0.clone();

    // The hub holds the record under the id the first row always had: the second row is added.
    let both = write(
        dir.path(),
        "senti.csv",
        "review,label\n太好用了推荐,0\n太好用了推荐,1\n",
    );
    let v = import(&data, &[], std::slice::from_ref(&both)).unwrap();
    assert_eq!(counts(&v), [1, 1, 0, 0]);
    let again = import(&data, &[], &[both]).unwrap();
    assert_eq!(counts(&again), [0, 0, 2, 0]);
    let ids: Vec<String> = records(&data, "推荐").into_iter().map(|r| r.0).collect();
    assert_eq!(ids, [plain.clone(), format!("{plain}-2")]);
}

#[test]
fn an_id_given_twice_keeps_the_later_row_and_names_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let text = "{\"id\":\"same\",\"content\":\"第一版本 物流\"}\n\
                {\"id\":\"other\",\"content\":\"别的 物流\"}\n\
                {\"id\":\"same\",\"content\":\"第二版本 物流\"}\n";
    let path = write(dir.path(), "dup.jsonl", text);
    let v = import(&data, &[], std::slice::from_ref(&path)).unwrap();
    assert_eq!(counts(&v), [2, 0, 0, 1]);
    assert_eq!(v["read"], 3);
    let warning = &v["warnings"][0];
    assert_eq!(warning["line"], 3);
    assert_eq!(
        warning["reason"],
        "id \"same\" also on line 1; the later row is kept"
    );
    let kept = records(&data, "物流");
    assert_eq!(
        kept,
        [
            ("same".to_string(), "第二版本 物流".to_string()),
            ("other".to_string(), "别的 物流".to_string()),
        ]
    );
    let again = import(&data, &[], std::slice::from_ref(&path)).unwrap();
    assert_eq!(counts(&again), [0, 0, 2, 1]);

    let out = vochub(&data).arg("import").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("dup.jsonl:3: id \"same\" also on line 1; the later row is kept"),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("unchanged 2  rejected 0  repeated 1"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn an_id_repeated_more_than_a_batch_apart_settles_on_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    // The store takes a file 20,000 rows at a time: the two rows of "same" fall in different batches.
    let file = |last: &str| {
        let mut text = String::from("{\"id\":\"same\",\"content\":\"第一版本 物流\"}\n");
        for i in 0..20_000 {
            text.push_str(&format!("{{\"id\":\"f{i}\",\"content\":\"填充 {i}\"}}\n"));
        }
        text.push_str(&format!(
            "{{\"id\":\"same\",\"content\":\"{last} 物流\"}}\n"
        ));
        write(dir.path(), "export.jsonl", &text)
    };
    let path = file("第二版本");
    let first = import(&data, &[], std::slice::from_ref(&path)).unwrap();
    assert_eq!(first["read"], 20_002);
    // The earlier row was stored before the later one was read: the pair is inserted and updated.
    assert_eq!(counts(&first), [20_001, 1, 0, 1]);
    let kept = [("same".to_string(), "第二版本 物流".to_string())];
    assert_eq!(records(&data, "物流"), kept);

    // The earlier row no longer writes itself over the later one, and the later one back.
    let again = import(&data, &[], std::slice::from_ref(&path)).unwrap();
    assert_eq!(counts(&again), [0, 0, 20_001, 1]);
    assert_eq!(records(&data, "物流"), kept);

    // A later export changed the record: written once, as its last row says.
    let changed = import(&data, &[], &[file("第三版本")]).unwrap();
    assert_eq!(counts(&changed), [0, 1, 20_000, 1]);
    assert_eq!(
        records(&data, "物流"),
        [("same".to_string(), "第三版本 物流".to_string())]
    );
}

/// Runs `vochub import ARGS`: (exit code, stdout, stderr).
fn run(data: &Path, args: &[&str], paths: &[&Path]) -> (i32, String, String) {
    outcome(vochub(data).arg("import").args(args).args(paths))
}

/// (exit code, stdout, stderr) of a command that ran to its end.
fn outcome(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap(),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn files_that_fail_as_a_whole_are_named_once_and_make_the_exit_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let folder = dir.path().join("adir");
    std::fs::create_dir(&folder).unwrap();
    let good = write(dir.path(), "good.csv", "id,content\n1,物流很快\n");
    // A file the kernel refuses to read, even for root.
    let unreadable = Path::new("/proc/self/mem");
    let paths = [folder.as_path(), unreadable, good.as_path()];

    let (code, stdout, stderr) = run(&data, &[], &paths);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.contains("inserted 1") && stdout.contains("files failed 2"),
        "{stdout}"
    );
    let folder = folder.display().to_string();
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(&folder)).collect();
    assert_eq!(
        lines,
        [format!(
            "  {folder} is a directory; pass the files inside it instead"
        )],
        "{stderr}"
    );
    assert!(stderr.contains("  cannot read /proc/self/mem:"), "{stderr}");

    let (code, stdout, _) = run(&data, &["--json"], &paths);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (&v["failed_files"], &v["unchanged"], &v["rejected"]),
        (&2.into(), &1.into(), &0.into())
    );
    let lines: Vec<&Value> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["line"])
        .collect();
    assert_eq!(lines, [&Value::from(0), &Value::from(0)]);
}

#[test]
fn nothing_imported_names_each_file_and_still_prints_json() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let header_only = write(dir.path(), "header_only.csv", "id,date,content,author\n");
    let named = format!("{} holds no records", header_only.display());

    let (code, stdout, stderr) = run(&data, &[], &[&header_only]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains(&named), "{stderr}");

    let (code, stdout, stderr) = run(&data, &["--json"], &[&header_only]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nothing could be imported"), "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["inserted"], 0);
    assert_eq!(v["warnings"][0]["reason"], named.as_str());
}

#[test]
fn a_dry_run_of_several_files_is_one_json_document() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let a = write(dir.path(), "a.csv", "id,content\n1,物流很快\n");
    let b = write(
        dir.path(),
        "b.jsonl",
        "{\"id\":\"x\",\"content\":\"退款\"}\n",
    );
    let missing = dir.path().join("missing.csv");
    let (code, stdout, stderr) = run(&data, &["--dry-run", "--json"], &[&a, &b, &missing]);
    assert_eq!(code, 1, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let formats: Vec<&Value> = v["previews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["file"]["format"])
        .collect();
    assert_eq!(formats, [&Value::from("csv"), &Value::from("jsonl")]);
    assert_eq!(v["errors"][0]["file"], missing.display().to_string());
    assert!(
        v["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("cannot read")
    );
}

/// `vochub import - ARGS` with `input` on standard input: (exit code, stdout, stderr).
fn run_stdin(data: &Path, args: &[&str], input: &[u8]) -> (i32, String, String) {
    outcome(
        vochub(data)
            .args(["import", "-"])
            .args(args)
            .write_stdin(input),
    )
}

#[test]
fn a_dash_reads_standard_input_detected_by_content_and_named_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let csv = "id,content\nA1,物流太慢了，等了一周\nA2,\nA3,refund never arrived\n";
    let (code, out, err) = run_stdin(&data, &["--json"], csv.as_bytes());
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["inserted"].as_u64(), v["rejected"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(v["errors"][0]["file"], "<stdin>");
    assert_eq!(v["errors"][0]["line"], 3, "{v}");
    // The same input again is matched on (source, id): nothing changes.
    let (_, out, _) = run_stdin(&data, &["--json"], csv.as_bytes());
    let again: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(counts(&again), [0, 0, 2, 0]);
    assert_eq!(
        records(&data, "refund"),
        [("A3".into(), "refund never arrived".into())]
    );

    // JSON Lines is recognised by content as from a file, and the report names <stdin>.
    let jsonl = "{\"id\":\"J1\",\"text\":\"耳机断连\"}\n{\"id\":\"J2\",\"text\":\"屏幕碎了\"}\n";
    let (code, _, err) = run_stdin(&data, &[], jsonl.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("<stdin>: jsonl"), "{err}");

    // A whole-input problem names it too.
    let (code, _, err) = run_stdin(&data, &[], b"");
    assert_eq!(code, 2);
    assert!(err.contains("<stdin> is empty"), "{err}");
}

#[test]
fn standard_input_takes_a_saved_mapping_and_a_forced_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let mapping = common::sample("mappings/crm_export.toml");
    let csv = std::fs::read(common::sample("mappings/crm_export.csv")).unwrap();
    let (code, out, err) = run_stdin(
        &data,
        &["--json", "--mapping", mapping.to_str().unwrap()],
        &csv,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["inserted"], 4, "{v}");
    assert_eq!(shown(&data, 1)["source"], "legacy-crm");

    // Tab-separated text read as CSV keeps its tabs in one column: --format decides, not detection.
    let tsv = "id\tcontent\nT1\t包装破损\n";
    let (code, _, err) = run_stdin(&data, &["--format", "tsv"], tsv.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("<stdin>: tsv"), "{err}");
    assert_eq!(
        records(&data, "包装破损"),
        [("T1".into(), "包装破损".into())]
    );
}

/// A named pipe in a fresh dir, and `vochub ARGS PIPE` started on it; returns the first line it
/// wrote to stderr, which must come before anything writes to the pipe.
fn notice_before_a_pipe_is_written(args: &[&str]) -> (tempfile::TempDir, PathBuf, Child, String) {
    use std::io::{BufRead, BufReader};
    use std::os::unix::ffi::OsStrExt;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let pipe = dir.path().join("feed.csv");
    let name = std::ffi::CString::new(pipe.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo only creates a file at a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("vochub"))
        .arg("--data-dir")
        .arg(&data)
        .env_remove("VOCHUB_DATA_DIR")
        .args(args)
        .arg(&pipe)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The notice comes before vochub blocks on the pipe: reading it does not need a writer.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut notice = String::new();
        let _ = stderr.read_line(&mut notice);
        let _ = tx.send(notice);
    });
    let Ok(notice) = rx.recv_timeout(std::time::Duration::from_secs(60)) else {
        let _ = child.kill();
        panic!("vochub waited on the pipe without a word");
    };
    assert!(
        notice.contains(&format!("waiting for data on the pipe {}", pipe.display())),
        "{notice}"
    );
    (dir, pipe, child, notice)
}

/// Writes one CSV row to the pipe and closes it; vochub's output once it has read it, which must
/// be a success.
fn write_one_row_and_wait(pipe: &Path, child: Child) -> std::process::Output {
    use std::io::Write;
    let mut writer = std::fs::OpenOptions::new().write(true).open(pipe).unwrap();
    writer
        .write_all("id,content\nP1,从管道来的反馈：耳机断连\n".as_bytes())
        .unwrap();
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    out
}

#[test]
fn a_named_pipe_says_it_waits_for_data_then_imports_what_is_written() {
    let (dir, pipe, child, notice) = notice_before_a_pipe_is_written(&["import", "--json"]);
    let data = dir.path().join("hub");
    assert!(notice.contains("ctrl-c twice to give up"), "{notice}");
    let out = write_one_row_and_wait(&pipe, child);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["inserted"], 1, "{v}");
    assert_eq!(
        records(&data, "耳机"),
        [("P1".into(), "从管道来的反馈：耳机断连".into())]
    );
}

#[test]
fn a_dry_run_on_a_named_pipe_says_it_waits_too() {
    let (_dir, pipe, child, notice) = notice_before_a_pipe_is_written(&["import", "--dry-run"]);
    // No handler is installed for a dry run: the first ctrl-c quits.
    assert!(notice.contains("(press ctrl-c to give up)"), "{notice}");
    let out = write_one_row_and_wait(&pipe, child);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("从管道来的反馈"), "{shown}");
}

/// A customer-support tweet CSV holds the company's replies beside the customers' tweets: only
/// the customers' become records, the summary counts the others, and a re-import changes nothing.
#[test]
fn the_companys_replies_are_counted_as_skipped_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("hub");
    let file = write(
        dir.path(),
        "support.csv",
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n\
         11,115712,True,Tue Oct 31 22:10:47 +0000 2017,@sprintcare my bill doubled again,12,\n\
         12,sprintcare,False,Tue Oct 31 22:11:45 +0000 2017,@115712 We are sorry about your bill,,11\n",
    );
    let out = vochub(&data).arg("import").arg(&file).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("read 2  inserted 1  updated 0  unchanged 0  rejected 0  skipped 1\n"),
        "{stdout}"
    );
    let line = format!(
        "  skipped 1 replies by the company (inbound False) in {}",
        file.display()
    );
    assert!(stdout.contains(&line), "{stdout}");
    assert_eq!(
        records(&data, "bill"),
        [("11".into(), "@sprintcare my bill doubled again".into())]
    );

    let again = import(&data, &[], std::slice::from_ref(&file)).unwrap();
    assert_eq!(counts(&again), [0, 0, 1, 0]);
    assert_eq!(
        (again["read"].as_u64(), again["skipped"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(again["skips"][0]["why"], "company_reply");

    let dry = vochub(&data)
        .args(["import", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&dry.stdout);
    assert!(
        shown.contains("  skipped 1 replies by the company (inbound False)\n"),
        "{shown}"
    );
}

/// The real support tweets: every tweet the file marks as the company's is skipped, none stored.
#[test]
fn the_shared_support_tweets_keep_only_what_customers_wrote() {
    let Some(tweets) = common::shared("en_twcs_sample_93.csv") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&tweets).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let at = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "inbound")
        .unwrap();
    let sides: Vec<(String, String)> = rows
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[at].to_string(), r[1].to_string()))
        .collect();
    let replies = sides
        .iter()
        .filter(|(inbound, _)| inbound == "False")
        .count();
    assert!(replies > 0);
    let v = import(dir.path(), &[], &[tweets]).unwrap();
    assert_eq!(v["skipped"].as_u64(), Some(replies as u64), "{v}");
    assert_eq!(v["inserted"].as_u64(), Some((sides.len() - replies) as u64));
    // No account the file marks as the company's is the author of a stored record.
    for (_, author) in sides.iter().filter(|(inbound, _)| inbound == "False") {
        let found = json_out(vochub(dir.path()).args([
            "search",
            &format!("author:{author}"),
            "--json",
            "--limit",
            "0",
        ]));
        assert_eq!(found["total"], 0, "{author}: {found}");
    }
}
