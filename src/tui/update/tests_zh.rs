//! The Chinese interface says in Chinese what the layers below refuse: query mistakes with
//! their position, index refusals, undo, workflow and saved-search refusals, faults (busy,
//! full, damaged) and write failures. Each test goes through `update` (and the view where it draws) as a person would.

use chrono::DateTime;

use crate::domain::query::parse;
use crate::domain::{Fault, JournalEntry, Refusal, Status};
use crate::service::Problem;
use crate::tui::action::Action;
use crate::tui::effect::{Change, Failure, Outcome};
use crate::tui::i18n::Language;
use crate::tui::keymap::Keymap;
use crate::tui::state::State;

use super::tests::screen;
use super::update;

/// A Chinese interface with `query` typed in the bar, its search not yet answered.
fn typed_zh(query: &str) -> State {
    let mut s = State::new(Language::Zh, Keymap::defaults());
    s.width = 100;
    s.height = 30;
    update(&mut s, Action::FocusQuery);
    for c in query.chars() {
        update(&mut s, Action::Input(c));
    }
    s
}

/// The search answers `problem`; returns what the results pane says.
fn search_fails(s: &mut State, problem: Problem) -> String {
    let generation = s.search.generation;
    update(
        s,
        Action::SearchFailed {
            generation,
            problem,
        },
    );
    s.search.error.clone().unwrap_or_default()
}

fn parse_error(input: &str) -> Problem {
    let now = DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").expect("date");
    Problem::Refused(Refusal::Query(parse(input, now).expect_err(input)))
}

/// The status line after the worker answers `outcome`.
fn status_after(s: &mut State, outcome: Outcome) -> String {
    let failed = matches!(outcome, Outcome::Failed(_));
    update(s, Action::Worker(Box::new(outcome)));
    let st = s.status.clone().expect("a status line");
    // A failure shows as one, a change does not.
    assert_eq!(st.error, failed, "{st:?}");
    st.text
}

fn refused(r: Refusal) -> Outcome {
    Outcome::Failed(Failure::Service(Problem::Refused(r)))
}

#[test]
fn a_query_mistake_is_shown_in_chinese_with_its_position() {
    let mut s = typed_zh("(物流");
    let shown = search_fails(&mut s, parse_error("(物流"));
    assert_eq!(
        shown,
        "查询有误：第 4 个字符处：第 1 个字符处的“(”缺少配对的“)”"
    );
    let drawn = screen(&s);
    // Wide characters take two cells, and the buffer holds an empty cell after each.
    let compact: String = drawn.chars().filter(|c| *c != ' ').collect();
    assert!(compact.contains("查询有误：第4个字符处"), "{drawn}");
    assert!(!drawn.contains("query error"), "{drawn}");
    assert!(!drawn.contains("expected"), "{drawn}");
}

#[test]
fn a_bad_date_names_the_month_in_chinese() {
    let mut s = typed_zh("date:2025-13-01");
    let shown = search_fails(&mut s, parse_error("date:2025-13-01"));
    assert!(
        shown.starts_with("查询有误：第 6 个字符处：“2025-13-01”中的月份 13 不在 1 到 12 之间"),
        "{shown}"
    );
}

#[test]
fn refusals_of_the_index_are_shown_in_chinese() {
    let mut s = typed_zh("status:bogus");
    let shown = search_fails(
        &mut s,
        Problem::Refused(Refusal::UnknownStatus("bogus".into())),
    );
    assert!(shown.starts_with("查询有误：未知的状态“bogus”"), "{shown}");
    let mut s = typed_zh("★");
    let words = vec!["★".to_string()];
    let shown = search_fails(
        &mut s,
        Problem::Refused(Refusal::NothingSearchable { words }),
    );
    assert!(shown.contains("“★” 中没有可搜索的内容"), "{shown}");
}

#[test]
fn undo_refusals_are_shown_in_chinese() {
    let mut s = typed_zh("物流");
    let nothing = status_after(&mut s, refused(Refusal::NothingToUndo));
    assert_eq!(
        nothing,
        "错误：你没有可以撤销的更改（`vochub journal` 列出所有人的更改，`vochub undo 编号` 撤销其中一条）"
    );
    let changed = status_after(
        &mut s,
        refused(Refusal::ChangedSince {
            queue: "product".into(),
            item: 4,
            entry: 12,
            status: Status::Done,
        }),
    );
    assert!(
        changed.starts_with("错误：产品队列的条目 4 在日志条目 #12 之后又改过（现在是“已完成”）"),
        "{changed}"
    );
}

#[test]
fn workflow_and_saved_search_refusals_are_shown_in_chinese() {
    let mut s = typed_zh("物流");
    let moved = status_after(
        &mut s,
        refused(Refusal::Transition {
            from: Status::New,
            to: Status::Done,
        }),
    );
    assert_eq!(
        moved,
        "错误：不能把条目从“新建”改为“已完成”；“新建”只能改为 “已接受”、“已拒绝”"
    );
    let named = status_after(&mut s, refused(Refusal::BadSavedName("周 报".into())));
    assert!(named.contains("“周 报”不能作为已保存搜索的名称"), "{named}");
}

fn fault(fault: Fault, english: &str) -> Problem {
    Problem::Fault {
        fault,
        english: english.into(),
    }
}

#[test]
fn faults_and_write_failures_are_worded_in_chinese() {
    let mut s = typed_zh("物流");
    let locked = fault(Fault::DatabaseBusy, "database error: database is locked");
    assert_eq!(
        status_after(&mut s, Outcome::Failed(Failure::Service(locked))),
        "错误：数据库正被另一个 vochub 进程（例如一次导入）占用：请稍等片刻再试"
    );
    let full = fault(
        Fault::DiskFull {
            dir: Some("/home/li/.local/share/vochub".into()),
        },
        "the disk holding the data directory /home/li/.local/share/vochub is full",
    );
    let said = status_after(&mut s, Outcome::Failed(Failure::Service(full)));
    assert!(
        said.starts_with(
            "错误：数据目录 /home/li/.local/share/vochub 所在的磁盘已满：请在该磁盘上腾出空间后再试"
        ),
        "{said}"
    );
    let write = Failure::Write {
        path: "vochub-quotes.md".into(),
        kind: std::io::ErrorKind::PermissionDenied,
        reason: "Permission denied (os error 13)".into(),
    };
    assert_eq!(
        status_after(&mut s, Outcome::Failed(write)),
        "无法写入 vochub-quotes.md：没有写入权限：请在可写的目录中启动 vochub 再导出\
         （Permission denied (os error 13)）"
    );
}

#[test]
fn a_fault_during_a_search_is_not_called_a_query_mistake() {
    let mut s = typed_zh("物流");
    let busy = fault(
        Fault::IndexBusy { seconds: 30 },
        "the search index is being written by another vochub process",
    );
    let shown = search_fails(&mut s, busy);
    assert!(
        shown.starts_with("错误：搜索索引正被另一个 vochub 进程写入"),
        "{shown}"
    );
    assert!(!shown.contains("查询有误"), "{shown}");
    let drawn = screen(&s);
    assert!(!drawn.contains("search index"), "{drawn}");
}

#[test]
fn a_damaged_index_says_how_to_rebuild_it_and_what_is_damaged() {
    let mut s = typed_zh("物流");
    let broken = fault(
        Fault::IndexBroken {
            detail: "Data corrupted: 'meta.json'".into(),
        },
        "search index error: Data corrupted: 'meta.json'",
    );
    let said = status_after(&mut s, Outcome::Failed(Failure::Service(broken)));
    assert!(
        said.contains("运行 `vochub reindex` 从数据库重建索引"),
        "{said}"
    );
    assert!(said.ends_with("（Data corrupted: 'meta.json'）"), "{said}");
}

#[test]
fn an_undo_says_what_it_undid_in_chinese() {
    let mut s = typed_zh("物流");
    let target = JournalEntry {
        id: 2,
        at: DateTime::parse_from_rfc3339("2026-06-20T09:30:00+08:00").expect("date"),
        who: "agent".into(),
        action: "route".into(),
        summary: "route 1 record to product".into(),
        data: serde_json::json!({"queue": "product", "items": [5]}),
        undoes: None,
        undone_by: Some(4),
    };
    let undone = Change::Undone {
        summary: "undo #2: route 1 record to product".into(),
        target: Some(target),
    };
    assert_eq!(
        status_after(&mut s, Outcome::Changed(undone)),
        "已撤销：#2：将 1 条记录分派到产品队列"
    );
}

#[test]
fn a_long_query_error_wraps_as_one_indented_block_with_whole_words() {
    let mut s = typed_zh("date:2025-13-01");
    search_fails(&mut s, parse_error("date:2025-13-01"));
    let drawn = screen(&s);
    // The bar shows the query (2025); the error's rows are the ones listing 2026 forms.
    let rows: Vec<&str> = drawn
        .lines()
        .skip(2)
        .filter(|l| l.contains("2026") || l.contains("this-"))
        .collect();
    assert!(rows.len() > 1, "{drawn}");
    for row in &rows {
        assert!(row.starts_with(' ') && !row.starts_with("  "), "{drawn}");
    }
    for form in [
        "2026-10-01、",
        "2026/10/01、",
        "this-week、",
        "last-month、",
    ] {
        assert!(rows.iter().any(|r| r.contains(form)), "{form}\n{drawn}");
    }
}
