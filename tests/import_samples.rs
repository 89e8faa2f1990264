//! Every file in `sample-data/` through the real command line: the good samples import whole, each broken
//! sample names its bad line and keeps its good rows, and re-importing changes nothing.

use std::path::PathBuf;

use serde_json::Value;

mod common;
use common::{import, sample, shared, shown, vochub};

/// (file, format `--format auto` must choose, records it holds) for every good sample.
const GOOD: &[(&str, &str, u64)] = &[
    ("tickets.json", "json", 140),
    ("sales_notes.csv", "csv", 90),
    ("social.jsonl", "social-crawl", 111),
    ("legacy_gbk.csv", "csv", 10),
    ("zendesk_tickets.json", "zendesk", 8),
    ("zendesk_export.jsonl", "zendesk", 4),
    ("weibo_comments.json", "weibo", 8),
    ("xhs_comments.csv", "social-crawl", 6),
    ("douyin_comments.json", "social-crawl", 5),
    ("support_inbox.mbox", "mbox", 6),
    ("complaint.eml", "eml", 1),
    ("maildir", "maildir", 2),
    ("salesforce_tasks.csv", "salesforce", 4),
    ("salesforce_notes.csv", "salesforce", 2),
    ("x_archive/data/tweets.js", "x", 3),
    ("x_mentions.csv", "x", 4),
    ("freshdesk_tickets.json", "freshdesk", 4),
    ("intercom_conversations.json", "intercom", 2),
    ("douyin_copy_paste_wave.csv", "social-crawl", 6),
];

/// What the first record of a tool's sample must look like once stored.
struct First {
    file: &'static str,
    kind: &'static str,
    source: &'static str,
    author: &'static str,
    body_starts: &'static str,
    created_at: &'static str,
}

const FIRSTS: &[First] = &[
    First {
        file: "zendesk_tickets.json",
        kind: "ticket",
        source: "zendesk",
        author: "林晓雯",
        body_starts: "云雀手表 S3 戴着洗手后表盘起雾",
        created_at: "2026-09-14T02:31:07Z",
    },
    First {
        file: "zendesk_export.jsonl",
        kind: "ticket",
        source: "zendesk",
        author: "周芳",
        // The requester's follow-up joins the description; the agent's reply and note do not.
        body_starts: "跑步时心率显示 190 多，但我根本没那么累，和胸带对比差了快 40。\n\n升级了还是一样",
        created_at: "2026-10-08T07:10:02Z",
    },
    First {
        file: "weibo_comments.json",
        kind: "social",
        source: "weibo",
        author: "数码阿杰",
        body_starts: "首发就下单了，希望这次表带别再掉色了[二哈]",
        created_at: "2026-09-12T10:03:12+08:00",
    },
    First {
        // Milliseconds since the epoch, shown in Beijing time as the app shows it.
        file: "xhs_comments.csv",
        kind: "social",
        source: "xiaohongshu",
        author: "小鹿爱跑步",
        body_starts: "S3 的表带是真的好看",
        created_at: "2026-09-24T15:40:00+08:00",
    },
    First {
        file: "douyin_comments.json",
        kind: "social",
        source: "douyin",
        author: "数码控老白",
        body_starts: "开箱视频里的 S3 屏幕好亮",
        created_at: "2026-10-01T16:00:00+08:00",
    },
    First {
        file: "social.jsonl",
        kind: "social",
        source: "xiaohongshu",
        author: "跑步的老王",
        body_starts: "买完云雀手环 7第三天就降价",
        created_at: "2026-06-01T09:36:44+08:00",
    },
    First {
        // GB2312 encoded-word sender; the signature after "-- " is gone.
        file: "support_inbox.mbox",
        kind: "email",
        source: "email",
        author: "林晓雯",
        body_starts: "您好：\n\n我的云雀手表 S3 洗手后表盘进水起雾",
        created_at: "2026-10-01T09:12:40+08:00",
    },
    First {
        file: "complaint.eml",
        kind: "email",
        source: "email",
        author: "王建国",
        body_starts: "云雀客服：\n\n我司上月采购的 200 副云雀耳机 Pro",
        created_at: "2026-10-07T09:45:00+08:00",
    },
    First {
        file: "maildir",
        kind: "email",
        source: "email",
        author: "Daniel Ong",
        body_starts: "Hi Lark team,",
        created_at: "2026-10-06T11:00:00+08:00",
    },
    First {
        file: "salesforce_tasks.csv",
        kind: "sales_note",
        source: "salesforce",
        author: "王建国",
        body_starts: "王建国反馈有 12 副耳机无法配对",
        created_at: "2026-10-08T07:30:00Z",
    },
    First {
        // ContentNote: base64 HTML made plain text.
        file: "salesforce_notes.csv",
        kind: "sales_note",
        source: "salesforce",
        author: "",
        body_starts: "试点 500 台手环已全部激活。\n药房反馈",
        created_at: "2026-10-15T02:05:00Z",
    },
    First {
        // The archive owner comes from account.js beside tweets.js.
        file: "x_archive/data/tweets.js",
        kind: "social",
        source: "x",
        author: "LarkTechHelp",
        body_starts: "@the_real_hazel Sorry about the double charge!",
        created_at: "2026-10-08T09:15:02Z",
    },
    First {
        file: "x_mentions.csv",
        kind: "social",
        source: "x",
        author: "the_real_hazel",
        body_starts: "@LarkTechHelp charged twice",
        created_at: "2026-10-08T08:51:10Z",
    },
    First {
        file: "freshdesk_tickets.json",
        kind: "ticket",
        source: "freshdesk",
        author: "刘洋",
        body_starts: "新买的云雀手表 S3 扫码绑定一直提示",
        created_at: "2026-10-14T02:20:00Z",
    },
    First {
        file: "intercom_conversations.json",
        kind: "ticket",
        source: "intercom",
        author: "Mei Tanaka",
        body_starts: "Hi, my Lark App premium renewal failed",
        created_at: "2026-10-04T08:00:00Z",
    },
];

#[test]
fn each_tool_sample_is_recognised_and_stored_as_the_tool_meant() {
    // All in one data dir: each file's first record gets the id after the previous files' records.
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = FIRSTS.iter().map(|f| sample(f.file)).collect();
    import(dir.path(), &["--format", "auto"], &paths).unwrap();
    let mut id = 1;
    for want in FIRSTS {
        let rec = shown(dir.path(), id);
        let got = |k: &str| rec[k].as_str().unwrap_or_default().to_string();
        assert_eq!(
            (got("kind"), got("source"), got("author"), got("created_at")),
            (
                want.kind.into(),
                want.source.into(),
                want.author.into(),
                want.created_at.into()
            ),
            "{}",
            want.file
        );
        assert!(
            got("body").starts_with(want.body_starts),
            "{}: {}",
            want.file,
            got("body")
        );
        id += GOOD.iter().find(|g| g.0 == want.file).map_or(0, |g| g.2);
    }
}

#[test]
fn every_good_sample_imports_whole_and_reimports_unchanged() {
    let listed: Vec<&str> = GOOD.iter().map(|(f, _, _)| *f).collect();
    for entry in std::fs::read_dir(sample("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // broken/ and mappings/ have tests of their own.
        if !["README.md", "broken", "mappings"].contains(&name.as_str()) {
            assert!(
                listed
                    .iter()
                    .any(|l| l.split('/').next() == Some(name.as_str())),
                "{name} has no expected count here"
            );
        }
    }
    // One dry run reads them all: each file's format and row count, no rejects.
    let paths: Vec<PathBuf> = GOOD.iter().map(|(f, _, _)| sample(f)).collect();
    let dir = tempfile::tempdir().unwrap();
    let out = vochub(dir.path())
        .args(["import", "--dry-run", "--json", "--format", "auto"])
        .args(&paths)
        .output()
        .unwrap();
    let dry: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dry["errors"], Value::Array(vec![]));
    let previews = dry["previews"].as_array().unwrap();
    assert_eq!(previews.len(), GOOD.len());
    for ((file, format, count), preview) in GOOD.iter().zip(previews) {
        assert_eq!(preview["file"]["format"], *format, "{file}");
        assert_eq!(preview["file"]["read"], *count, "{file}");
        assert_eq!(preview["rejects"], Value::Array(vec![]), "{file}");
    }
    // Stored together, and again: the second import changes nothing.
    let total: u64 = GOOD.iter().map(|(_, _, n)| n).sum();
    let first = import(dir.path(), &[], &paths).unwrap();
    assert_eq!(
        (&first["inserted"], &first["rejected"]),
        (&Value::from(total), &Value::from(0)),
        "{first}"
    );
    let again = import(dir.path(), &[], &paths).unwrap();
    assert_eq!(
        (&again["inserted"], &again["updated"], &again["unchanged"]),
        (&Value::from(0), &Value::from(0), &Value::from(total)),
        "re-import must change nothing"
    );
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
    (
        "weibo_empty_text.json",
        2,
        37,
        &["empty body (field 'text')"],
    ),
    (
        "xhs_relative_time.csv",
        2,
        3,
        &["unparseable date '昨天 21:30' in field 'create_time'"],
    ),
    (
        "mbox_attachment_only.mbox",
        2,
        16,
        &["empty body (the message's text part): the message has only attachments"],
    ),
    (
        "salesforce_excel_dates.csv",
        2,
        3,
        &["unparseable date '10/9/2026 11:00 AM' in field 'CREATEDDATE'"],
    ),
    (
        "x_tweets_cut.js",
        1,
        53,
        &["array element 1 is cut off", "never closed"],
    ),
    (
        "freshdesk_empty_description.json",
        2,
        48,
        &["empty body (field 'description_text' or 'description')"],
    ),
    (
        "intercom_truncated_epoch.json",
        2,
        153,
        &["unparseable date '17911872' in field 'created_at'"],
    ),
    (
        "zendesk_no_description.jsonl",
        2,
        2,
        &["empty body (field 'description' or 'comments')"],
    ),
];

#[test]
fn every_broken_sample_names_file_line_and_reason_and_keeps_good_rows() {
    // Each import waits mostly on its index commit, so they run side by side.
    let summaries: Vec<Result<Value, String>> = std::thread::scope(|scope| {
        let running: Vec<_> = BROKEN
            .iter()
            .map(|(file, ..)| {
                scope.spawn(move || {
                    let dir = tempfile::tempdir().unwrap();
                    import(dir.path(), &[], &[sample(&format!("broken/{file}"))])
                })
            })
            .collect();
        running.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for ((file, kept, line, words), summary) in BROKEN.iter().zip(summaries) {
        let path = sample(&format!("broken/{file}"));
        let summary = summary.unwrap_or_else(|e| panic!("{file}: {e}"));
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
    let summary = import(dir.path(), &[], std::slice::from_ref(&path)).unwrap();
    // Nine questions are asked twice word for word. Without ids nothing tells a row listed twice
    // from two patients asking alike, and dropping one would undercount: each row is a record.
    assert_eq!(
        (&summary["read"], &summary["inserted"], &summary["rejected"]),
        (&Value::from(300), &Value::from(300), &Value::from(0))
    );
    let again = import(dir.path(), &[], std::slice::from_ref(&path)).unwrap();
    assert_eq!(again["unchanged"], 300);
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
