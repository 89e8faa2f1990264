//! Every file in `sample-data/` through the real command line: the good samples import whole, each broken
//! sample names its bad line and keeps its good rows, and re-importing changes nothing.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{sample, shared, vochub};

/// `import --json` of `paths`; the summary, or the stderr when the command failed.
fn import(data: &Path, args: &[&str], paths: &[PathBuf]) -> Result<Value, String> {
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

/// (file, records it holds) for every good sample.
const GOOD: &[(&str, u64)] = &[
    ("tickets.json", 140),
    ("sales_notes.csv", 90),
    ("social.jsonl", 111),
    ("legacy_gbk.csv", 10),
];

#[test]
fn every_good_sample_imports_whole_and_reimports_unchanged() {
    let listed: Vec<&str> = GOOD.iter().map(|(f, _)| *f).collect();
    for entry in std::fs::read_dir(sample("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_file() && name != "README.md" {
            assert!(
                listed.contains(&name.as_str()),
                "{name} has no expected count here"
            );
        }
    }
    for (file, count) in GOOD {
        let dir = tempfile::tempdir().unwrap();
        let paths = [sample(file)];
        let first = import(dir.path(), &[], &paths).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(first["inserted"], *count, "{file}: {first}");
        assert_eq!(first["rejected"], 0, "{file}: {}", first["errors"]);
        let again = import(dir.path(), &[], &paths).unwrap();
        assert_eq!(
            (&again["inserted"], &again["updated"], &again["unchanged"]),
            (&Value::from(0), &Value::from(0), &Value::from(*count)),
            "{file}: re-import must change nothing"
        );
    }
}

/// (file, good rows kept, bad line, words its reason must contain).
const BROKEN: &[(&str, u64, usize, &[&str])] = &[
    ("bad_date.csv", 3, 3, &["date '2026-13-45'", "'日期'"]),
    ("empty_body.csv", 3, 4, &["empty body", "'内容'"]),
    (
        "broken_quoting.csv",
        3,
        5,
        &["quote opened on line 5 is never closed"],
    ),
    ("invalid_line.jsonl", 4, 3, &["invalid JSON", "EOF"]),
    (
        "broken_array.json",
        3,
        32,
        &["array element 3 is cut off", "never closed"],
    ),
    (
        "bad_utf8.csv",
        3,
        3,
        &[
            "invalid UTF-8 bytes (0xBA 0xC3) in column '内容'",
            "re-save the file as UTF-8",
        ],
    ),
];

#[test]
fn every_broken_sample_names_file_line_and_reason_and_keeps_good_rows() {
    for (file, kept, line, words) in BROKEN {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(&format!("broken/{file}"));
        let summary = import(dir.path(), &[], std::slice::from_ref(&path))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(summary["inserted"], *kept, "{file}: {summary}");
        let first = &summary["errors"][0];
        assert_eq!(first["file"], path.display().to_string(), "{file}");
        assert_eq!(first["line"], *line, "{file}: {first}");
        let reason = first["reason"].as_str().unwrap();
        for w in *words {
            assert!(reason.contains(w), "{file}: '{reason}' lacks '{w}'");
        }
    }
}

#[test]
fn whole_file_failures_say_what_to_do() {
    let cases: &[(&str, &[&str])] = &[
        ("empty.csv", &["empty.csv is empty"]),
        (
            "no_body_column.csv",
            &["'编号', '日期', '客户', '金额'", "--map body=COLUMN"],
        ),
    ];
    for (file, words) in cases {
        let dir = tempfile::tempdir().unwrap();
        let err = import(dir.path(), &[], &[sample(&format!("broken/{file}"))]).unwrap_err();
        for w in *words {
            assert!(err.contains(w), "{file}: '{err}' lacks '{w}'");
        }
    }
    let listed: Vec<String> = BROKEN
        .iter()
        .map(|b| b.0.to_string())
        .chain(cases.iter().map(|c| c.0.to_string()))
        .collect();
    for entry in std::fs::read_dir(sample("broken")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "README.md" || listed.contains(&name),
            "{name} is not tested"
        );
    }
}

#[test]
fn shared_gb18030_csv_reads_as_chinese() {
    let Some(path) = shared("zh_medical_consult_gb18030_sample.csv") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let summary = import(dir.path(), &[], &[path]).unwrap();
    // Nine questions are asked twice word for word; without ids they are one record each.
    assert_eq!(
        (&summary["read"], &summary["inserted"], &summary["rejected"]),
        (&Value::from(300), &Value::from(291), &Value::from(0))
    );
    let out = vochub(dir.path())
        .args(["search", "高血压", "--json", "--limit", "3"])
        .output()
        .unwrap();
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    let body = page["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        body.contains("高血压") && !body.contains('\u{FFFD}'),
        "{body}"
    );
}
