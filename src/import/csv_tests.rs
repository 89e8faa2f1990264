use serde_json::json;

use super::*;
use crate::domain::Kind;
use crate::import::tests::{run, run_with};
use crate::import::{Format, ImportError, ImportOptions};

#[test]
fn rows_become_records_with_mapping_extra_and_defaults() {
    let text = "id,created_at,author,subject,text,rating,tags,channel\n\
                7, 2026-10-03T14:05:00+08:00 ,Ann,Login fails,\"Can't log in, \"\"again\"\"\",4.5,\"login; auth\",web\n\
                8,,,,second,,,\n";
    let (report, sink) = run("support_export.csv", text);
    let report = report.unwrap();
    assert_eq!((report.format, report.read), (Format::Csv, 2));
    let want: Vec<(String, String)> = [
        ("body", "text"),
        ("id", "id"),
        ("date", "created_at"),
        ("author", "author"),
        ("title", "subject"),
        ("rating", "rating"),
        ("tags", "tags"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(report.mapping, want);
    let first = &sink.accepted[0];
    assert_eq!(first.body, "Can't log in, \"again\"");
    assert_eq!(first.external_id.as_deref(), Some("7"));
    assert_eq!(
        first.created_at.unwrap().to_rfc3339(),
        "2026-10-03T14:05:00+08:00"
    );
    assert_eq!(
        (first.author.as_deref(), first.title.as_deref()),
        (Some("Ann"), Some("Login fails"))
    );
    assert_eq!(
        (first.rating, first.tags.clone()),
        (Some(4.5), vec!["login".into(), "auth".into()])
    );
    assert_eq!(
        first.extra,
        serde_json::from_value::<serde_json::Map<_, _>>(json!({"channel": "web"})).unwrap()
    );
    assert_eq!(
        (first.kind, first.source.as_str()),
        (Kind::Ticket, "support_export")
    );
    let second = &sink.accepted[1];
    assert_eq!(
        (
            second.external_id.as_deref(),
            second.created_at,
            second.title.clone()
        ),
        (Some("8"), None, None)
    );
    assert!(second.extra.is_empty());
}

#[test]
fn bodies_of_only_blank_or_zero_width_characters_are_empty() {
    let text = "id,content\n\
                1,\u{200b}\u{200c}\u{200d}\u{2060}\n\
                2,\u{a0}\u{a0}\n\
                3,\u{3000}\n\
                4,\u{feff}\n\
                5,\u{200b}正常\u{200d}\n";
    let (report, sink) = run("zw.csv", text);
    assert_eq!(report.unwrap().read, 5);
    let got = sink.line_reasons();
    let empty = "empty body (column 'content')";
    assert_eq!(got, [(2, empty), (3, empty), (4, empty), (5, empty)]);
    assert_eq!(sink.accepted.len(), 1);
    assert_eq!(sink.accepted[0].body, "正常");
}

#[test]
fn dates_without_an_offset_get_one_offset_per_file() {
    let dates = |text: &str, opts: &ImportOptions| -> Vec<String> {
        let (report, sink) = run_with("notes.csv", text.as_bytes(), opts);
        assert_eq!(report.unwrap().read, sink.accepted.len());
        sink.dates()
    };
    // A Chinese team's notes with one English row: all Beijing time.
    let zh = "id,date,content\n\
              1,2026-07-06 12:05,客户要求下周安排演示\n\
              2,2026-07-06 12:05,Distributor asked for a demo next week\n\
              3,2026-07-06 12:05,报价已发送，等待回复\n";
    let at8 = "2026-07-06T12:05:00+08:00";
    assert_eq!(dates(zh, &ImportOptions::default()), [at8, at8, at8]);
    // An English file with one Chinese row: all UTC.
    let en = "id,date,content\n\
              1,2026-07-06 12:05,Asked for a demo\n\
              2,2026-07-06 12:05,客户要求演示\n\
              3,2026-07-06 12:05,Quote sent\n";
    let at0 = "2026-07-06T12:05:00+00:00";
    assert_eq!(dates(en, &ImportOptions::default()), [at0, at0, at0]);
    // A timezone the user gave (or a saved mapping's) wins over the guess.
    let opts = ImportOptions {
        timezone: chrono::FixedOffset::east_opt(9 * 3600),
        ..ImportOptions::default()
    };
    let at9 = "2026-07-06T12:05:00+09:00";
    assert_eq!(dates(zh, &opts), [at9, at9, at9]);
}

#[test]
fn delimiter_is_sniffed() {
    assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n", "txt"), b',');
    assert_eq!(sniff_delimiter("a\tb\n1, 2\tx; y\n", "txt"), b'\t');
    assert_eq!(sniff_delimiter("a;b;c\n1;\"x,y\";3\n", "txt"), b';');
    assert_eq!(sniff_delimiter("a|b\n1|x, y; z\n", "txt"), b'|');
    // Both split the header in two: the extension breaks the tie.
    assert_eq!(sniff_delimiter("a\tb,c\n", "tsv"), b'\t');
    assert_eq!(sniff_delimiter("a\tb,c\n", "csv"), b',');
    // One column: commas in the text must not split it.
    assert_eq!(sniff_delimiter("text\nhello, world\n", "csv"), NO_DELIMITER);
    let (_, sink) = run("one.csv", "text\nhello, world; and | more\n");
    assert_eq!(sink.accepted[0].body, "hello, world; and | more");
    let (report, sink) = run("x.txt", "评论;评分\n\"很好,推荐\";5\n");
    assert_eq!(report.unwrap().format, Format::Csv);
    assert_eq!(
        (sink.accepted[0].body.as_str(), sink.accepted[0].rating),
        ("很好,推荐", Some(5.0))
    );
}

#[test]
fn chinese_headers_map() {
    let text = "编号\t发布时间\t昵称\t评论内容\t星级\t链接\n1\t2026/10/3 9:30\t小王\t物流很快，包装完好\t5\thttps://e.com/1\n";
    let (report, sink) = run("评价.tsv", text);
    assert_eq!(report.unwrap().format, Format::Tsv);
    let rec = &sink.accepted[0];
    assert_eq!(rec.body, "物流很快，包装完好");
    assert_eq!(
        rec.created_at.unwrap().to_rfc3339(),
        "2026-10-03T09:30:00+08:00"
    );
    assert_eq!(rec.extra["date_assumed_tz"], "+08:00");
    assert_eq!(
        (rec.author.as_deref(), rec.url.as_deref()),
        (Some("小王"), Some("https://e.com/1"))
    );
    assert_eq!((rec.rating, rec.kind), (Some(5.0), Kind::Review));
}

#[test]
fn every_reject_reason_with_its_line() {
    let long = "x".repeat(60);
    let text = format!(
        "id,content,date\n\
         1,fine,2026-10-03\n\
         2,   ,2026-10-03\n\
         3,bad date,{long}\n\
         4\n\
         5,\"multi\nline\",\n\
         \n\
         6,ancient,1899-12-31\n\
         7,still fine,\r\n\
         8,\"never closed,2026-10-03\n\
         9,after the break,\n"
    );
    let (report, sink) = run("r.csv", &text);
    assert_eq!(report.unwrap().read, 9);
    let got = sink.line_reasons();
    let bad_date = format!("unparseable date '{}…' in column 'date'", "x".repeat(40));
    assert_eq!(
        got[..4],
        [
            (3, "empty body (column 'content')"),
            (4, bad_date.as_str()),
            (5, "row has 1 field, the header has 3"),
            (
                9,
                "implausible date '1899-12-31' in column 'date' (year outside 1970..=2100)"
            ),
        ]
    );
    assert_eq!(got[4].0, 11);
    assert!(
        got[4]
            .1
            .starts_with("broken quoting: the quote opened on line 11 is never closed"),
        "{}",
        got[4].1
    );
    let accepted: Vec<&str> = sink.accepted.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(
        accepted,
        ["fine", "multi\nline", "still fine", "after the break"]
    );
    assert_eq!(sink.rejected.len(), 5);
}

#[test]
fn unterminated_quote_on_the_last_line_is_one_reject() {
    let (_, sink) = run("q.csv", "id,text\n1,ok\n2,\"open");
    assert_eq!(sink.accepted.len(), 1);
    assert_eq!(sink.rejected.len(), 1);
    assert_eq!(sink.rejected[0].line, 3);
    assert_eq!(unterminated_quote(b"1,\"a\"\"b\"\n", b','), None);
    assert_eq!(unterminated_quote(b"1,x\"y,\"z", b','), Some(6));
    assert_eq!(unterminated_quote(b"1,\"a\"b,\"c", b','), Some(7));
}

/// Imports `text` as `name` and returns the (line, reason) of every reject and the accepted bodies.
fn outcome(name: &str, text: &str) -> (Format, Vec<(usize, String)>, Vec<String>) {
    let (report, sink) = run(name, text);
    let rejects = sink
        .rejected
        .into_iter()
        .map(|r| (r.line, r.reason))
        .collect();
    let bodies = sink.accepted.into_iter().map(|r| r.body).collect();
    (report.unwrap().format, rejects, bodies)
}

#[test]
fn rows_wider_or_narrower_than_the_header_are_rejected_with_both_counts() {
    // An unquoted comma in the text shifts every later cell one column to the right.
    let text = "id,date,content,author\n\
                1,2024-03-05,价格贵,但质量好,张三\n\
                2,2024-03-06,正常一条,李四\n\
                3,2024-03-07\n";
    let (_, rejects, bodies) = outcome("unquoted_comma.csv", text);
    assert_eq!(
        rejects,
        [
            (2, "row has 5 fields, the header has 4".to_string()),
            (4, "row has 2 fields, the header has 4".to_string()),
        ]
    );
    assert_eq!(bodies, ["正常一条"]);
}

#[test]
fn an_unquoted_line_break_rejects_both_halves_of_the_row() {
    // A tool's CSV (X mentions) goes through the same row reader as the generic one.
    let text = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n\
                1,@a,True,Tue Oct 31 22:10:47 +0000 2017,first half\n\
                of the text,,\n\
                2,@b,True,Tue Oct 31 22:11:47 +0000 2017,whole,,\n";
    let (format, rejects, bodies) = outcome("x_mentions.csv", text);
    assert_eq!(format, Format::X);
    assert_eq!(
        rejects,
        [
            (2, "row has 5 fields, the header has 7".to_string()),
            (3, "row has 3 fields, the header has 7".to_string()),
        ]
    );
    assert_eq!(bodies, ["whole"]);
}

#[test]
fn maps_override_auto_detection() {
    let text = "source_file,source_line,label,review,notes\npos.txt,1,1,不错,备注很长很长很长\n";
    let (report, sink) = run("zh_reviews.csv", text);
    assert!(
        report
            .unwrap()
            .mapping
            .contains(&("body".into(), "review".into()))
    );
    assert_eq!(sink.accepted[0].body, "不错");
    assert_eq!(sink.accepted[0].extra["source_file"], "pos.txt");

    let opts = ImportOptions {
        maps: vec![
            (Target::Body, "notes".into()),
            (Target::Tags, "LABEL".into()),
        ],
        ..ImportOptions::default()
    };
    let (report, sink) = run_with("zh_reviews.csv", text.as_bytes(), &opts);
    let mapping = report.unwrap().mapping;
    assert!(
        mapping.contains(&("body".into(), "notes".into()))
            && mapping.contains(&("tags".into(), "label".into()))
    );
    assert_eq!(
        (
            sink.accepted[0].body.as_str(),
            sink.accepted[0].tags.clone()
        ),
        ("备注很长很长很长", vec!["1".into()])
    );
    assert_eq!(sink.accepted[0].extra["review"], "不错");

    let opts = ImportOptions {
        maps: vec![(Target::Body, "comment".into())],
        ..ImportOptions::default()
    };
    let (report, _) = run_with("zh_reviews.csv", text.as_bytes(), &opts);
    let err = report.unwrap_err();
    assert!(matches!(err, ImportError::UnknownColumn { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("zh_reviews.csv")
            && msg.contains("'comment'")
            && msg.contains("'source_line'"),
        "{msg}"
    );
}

#[test]
fn medical_layout_picks_ask_as_body() {
    let text =
        "department,title,ask,answer\n心血管科,能吃党参吗？,我有高血压可以吃党参吗？,可以。\n";
    let (report, sink) = run("medical.csv", text);
    let mapping = report.unwrap().mapping;
    assert_eq!(mapping[0], ("body".to_string(), "ask".to_string()));
    assert!(mapping.contains(&("title".into(), "title".into())));
    assert_eq!(sink.accepted[0].extra["answer"], "可以。");
    assert_eq!(sink.accepted[0].kind, Kind::Other);
}

#[test]
fn no_body_column_is_a_file_error_listing_columns() {
    let (report, sink) = run("numbers.csv", "a,b,评分\n1,2,3\n");
    let err = report.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ImportError::NoBodyColumn { .. }));
    assert!(
        msg.contains("numbers.csv")
            && msg.contains("'a', 'b', '评分'")
            && msg.contains("--map body=COLUMN")
    );
    assert!(sink.accepted.is_empty() && sink.rejected.is_empty());
}

#[test]
fn kind_and_source_columns_and_options() {
    let text = "text,kind,source\na,ticket,zendesk\nb,nonsense,\nc,,\n";
    let (_, sink) = run("misc.csv", text);
    let got: Vec<(Kind, &str)> = sink
        .accepted
        .iter()
        .map(|r| (r.kind, r.source.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Ticket, "zendesk"),
            (Kind::Other, "misc"),
            (Kind::Other, "misc")
        ]
    );
    assert_eq!(sink.accepted[1].extra["kind"], "nonsense");
    let opts = ImportOptions {
        kind: Some(Kind::Survey),
        source: Some("nps".into()),
        ..ImportOptions::default()
    };
    let (_, sink) = run_with("misc.csv", text.as_bytes(), &opts);
    assert!(
        sink.accepted
            .iter()
            .all(|r| r.kind == Kind::Survey && r.source == "nps")
    );
}

#[test]
fn header_names_are_cleaned() {
    let (_, sink) = run("h.csv", ",text,x,x\n0,hi,1,2\n");
    let extra = &sink.accepted[0].extra;
    assert_eq!(
        (
            extra["column_1"].as_str(),
            extra["x"].as_str(),
            extra["x_2"].as_str()
        ),
        (Some("0"), Some("1"), Some("2"))
    );
}

#[test]
fn huge_fields_and_many_rows_stream() {
    let big = "好".repeat(300_000); // 900 KB: under the 1 MiB body limit
    let mut text = format!("id,text\n1,\"{big}\"\n");
    for i in 2..20_000 {
        text.push_str(&format!("{i},row {i}\n"));
    }
    let (report, sink) = run("big.csv", &text);
    assert_eq!(report.unwrap().read, 19_999);
    assert_eq!(sink.accepted[0].body.chars().count(), 300_000);
    assert_eq!(sink.accepted[19_998].body, "row 19999");
    assert!(sink.rejected.is_empty());
}
