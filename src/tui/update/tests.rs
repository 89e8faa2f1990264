//! `update` driven directly: no terminal, no worker. One group per family of actions.

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::domain::query::{Query, SortOrder};
use crate::domain::{Feedback, Kind, Lang};
use crate::service::{Hit, SearchPage, Snippet};
use crate::tui::action::Action;
use crate::tui::effect::{DetailData, Effect, Failure, Outcome};
use crate::tui::i18n::Language;
use crate::tui::keymap::Keymap;
use crate::tui::state::{Mode, Screen, State};
use crate::tui::views;

use super::update;

pub fn record(id: i64, body: &str) -> Feedback {
    Feedback {
        id,
        source: "tickets".into(),
        kind: Kind::Ticket,
        external_id: format!("T-{id}"),
        id_derived: false,
        created_at: DateTime::parse_from_rfc3339("2026-06-02T12:00:00+08:00").unwrap(),
        date_is_import_time: false,
        author: Some("苏先生".into()),
        title: None,
        body: body.into(),
        lang: Lang::Zh,
        url: None,
        rating: None,
        extra: serde_json::Value::Null,
        content_hash: String::new(),
        tags: vec![],
    }
}

/// What the view draws of `s`, one line per row (a wide character's second cell is empty).
pub fn screen(s: &State) -> String {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("terminal");
    t.draw(|f| views::draw(f, s)).expect("draw");
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn page(query: &str, ids: &[i64]) -> SearchPage {
    SearchPage {
        query: query.into(),
        parsed: Query {
            expr: None,
            sort: None,
        },
        sort: SortOrder::Relevance,
        total: ids.len(),
        took_ms: 1.0,
        hits: ids
            .iter()
            .map(|&id| Hit {
                record: record(id, "物流显示已签收，可我根本没收到。快递员电话也打不通！"),
                score: 1.0,
                snippet: Snippet {
                    text: "物流显示已签收".into(),
                    highlights: std::iter::once(0..6).collect(),
                },
                duplicates: 0,
                duplicate_of: None,
            })
            .collect(),
        facets: None,
        terms: vec!["物流".into()],
        apart: None,
    }
}

fn state() -> State {
    let mut s = State::new(Language::En, Keymap::defaults());
    s.width = 80;
    s.height = 24;
    s
}

/// A state showing hits 1..=n for the empty query.
fn with_hits(n: i64) -> State {
    let mut s = state();
    update(&mut s, Action::Reload);
    let ids: Vec<i64> = (1..=n).collect();
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("", &ids)),
        },
    );
    s
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(update(s, Action::Input(c)));
    }
    effects
}

#[test]
fn typing_searches_with_a_new_generation_each_key() {
    let mut s = state();
    assert!(update(&mut s, Action::FocusQuery).is_empty());
    assert_eq!(s.mode, Mode::EditQuery);
    let effects = typed(&mut s, "退款");
    assert_eq!(
        effects,
        vec![Effect::search(1, "退"), Effect::search(2, "退款")]
    );
    assert!(s.search.searching);
    // 'q' while typing is a letter, not quit.
    typed(&mut s, "q");
    assert!(!s.quit);
    assert_eq!(s.search.input.text(), "退款q");
    assert_eq!(
        update(&mut s, Action::Backspace),
        vec![Effect::search(4, "退款")]
    );
    update(&mut s, Action::Back);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn stale_answers_are_dropped() {
    let mut s = state();
    update(&mut s, Action::FocusQuery);
    typed(&mut s, "ab");
    let old = Action::SearchDone {
        generation: 1,
        page: Box::new(page("a", &[1])),
    };
    update(&mut s, old);
    assert!(
        s.search.page.is_none(),
        "generation 1 is stale once 2 is sent"
    );
    update(
        &mut s,
        Action::SearchFailed {
            generation: 1,
            problem: crate::service::Problem::other("late"),
        },
    );
    assert!(s.search.error.is_none());
    update(
        &mut s,
        Action::SearchDone {
            generation: 2,
            page: Box::new(page("ab", &[1, 2])),
        },
    );
    assert_eq!(s.search.hits_len(), 2);
    assert!(!s.search.searching);
}

#[test]
fn a_fault_during_a_search_is_an_error_not_a_query_mistake() {
    let mut s = state();
    update(&mut s, Action::FocusQuery);
    typed(&mut s, "refund");
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchFailed {
            generation: g,
            problem: crate::service::Problem::other("database error: database is locked"),
        },
    );
    let shown = s.search.error.as_deref().unwrap_or_default();
    assert_eq!(shown, "Error: database error: database is locked");
}

#[test]
fn query_errors_show_and_clear() {
    let mut s = state();
    update(&mut s, Action::FocusQuery);
    typed(&mut s, "(");
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchFailed {
            generation: g,
            problem: unclosed_group(),
        },
    );
    let shown = s.search.error.as_deref().unwrap();
    assert!(shown.contains("expected a closing ')'"), "{shown}");
    typed(&mut s, "a)");
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("(a)", &[1])),
        },
    );
    assert!(s.search.error.is_none());
}

#[test]
fn moving_through_hits_scrolls_and_clamps() {
    let mut s = with_hits(30);
    let rows = s.list_rows();
    update(&mut s, Action::Up);
    assert_eq!(s.search.selected, 0);
    for _ in 0..rows {
        update(&mut s, Action::Down);
    }
    assert_eq!(s.search.selected, rows);
    assert_eq!(s.search.offset, 1, "the list scrolled by one");
    update(&mut s, Action::Bottom);
    assert_eq!(s.search.selected, 29);
    update(&mut s, Action::Down);
    assert_eq!(s.search.selected, 29);
    update(&mut s, Action::PageUp);
    assert_eq!(s.search.selected, 29 - rows);
    update(&mut s, Action::Top);
    assert_eq!((s.search.selected, s.search.offset), (0, 0));
    update(&mut s, Action::ScrollDown);
    assert_eq!(s.search.selected, 3);
}

#[test]
fn mouse_click_selects_then_opens() {
    let mut s = with_hits(5);
    // Hit 2 occupies rows LIST_TOP+4 and +5.
    let row = crate::tui::views::search::LIST_TOP + 4;
    assert!(update(&mut s, Action::Click { column: 5, row }).is_empty());
    assert_eq!(s.search.selected, 2);
    let effects = update(
        &mut s,
        Action::Click {
            column: 5,
            row: row + 1,
        },
    );
    assert_eq!(s.screen, Screen::Detail);
    assert!(matches!(effects[..], [Effect::LoadDetail { id: 3, .. }]));
    // A click on the query bar starts typing.
    let mut s = with_hits(1);
    update(&mut s, Action::Click { column: 10, row: 1 });
    assert_eq!(s.mode, Mode::EditQuery);
}

#[test]
fn marks_toggle_and_escape_clears_them() {
    let mut s = with_hits(3);
    update(&mut s, Action::Mark);
    update(&mut s, Action::Mark);
    assert_eq!(s.search.marks.iter().copied().collect::<Vec<_>>(), [1, 2]);
    update(&mut s, Action::Up);
    update(&mut s, Action::Mark);
    assert_eq!(s.search.marks.iter().copied().collect::<Vec<_>>(), [1]);
    update(&mut s, Action::Back);
    assert!(s.search.marks.is_empty());
}

#[test]
fn reload_keeps_the_cursor_on_the_same_record() {
    let mut s = with_hits(5);
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    let effects = update(&mut s, Action::DataChanged { total: 6 });
    assert_eq!(effects.len(), 1);
    assert!(s.status.as_ref().unwrap().text.contains('6'));
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("", &[9, 1, 2, 3, 4, 5])),
        },
    );
    assert_eq!(s.search.current().unwrap().id, 3);
}

#[test]
fn a_change_made_elsewhere_reruns_the_search_and_says_so() {
    let mut s = with_hits(5);
    s.total_records = Some(5);
    let effects = update(&mut s, Action::DataChanged { total: 5 });
    assert_eq!(effects.len(), 1, "the search runs again");
    let status = &s.status.as_ref().unwrap().text;
    assert!(status.contains("changed elsewhere"), "{status}");
}

#[test]
fn records_another_command_has_not_indexed_yet_are_counted_in_the_status_line() {
    let mut s = with_hits(2);
    let effects = update(&mut s, Action::Unsearchable { pending: 1200 });
    assert!(
        effects.is_empty(),
        "nothing to search again until they are indexed"
    );
    let status = s.status.clone().unwrap().text;
    assert!(
        status.contains("1200 records that another vochub command is still indexing"),
        "{status}"
    );
    // Said once: while the count moves, the hit count beside the query carries it.
    s.info("Tagged 2 records");
    update(&mut s, Action::Unsearchable { pending: 2400 });
    assert_eq!(s.status.as_ref().unwrap().text, "Tagged 2 records");
    assert_eq!(s.unsearchable, 2400);
    update(&mut s, Action::Unsearchable { pending: 0 });
    assert_eq!(s.unsearchable, 0);
}

fn opened() -> State {
    opened_as(|_| {})
}

/// The first of two hits opened, its record changed by `edit` before the detail arrives.
pub fn opened_as(edit: impl FnOnce(&mut Feedback)) -> State {
    let mut s = with_hits(2);
    update(&mut s, Action::Open);
    let mut record = s.detail.as_ref().unwrap().record.clone().unwrap();
    edit(&mut record);
    update(
        &mut s,
        Action::Worker(Box::new(Outcome::Detail(Box::new(DetailData {
            record,
            same_author: vec![],
            similar: vec![],
            // 物流 显示 已 签收 ， 可 我 根本 没 收到 。
            word_starts: vec![0, 2, 4, 5, 8, 9, 10, 12, 13],
            highlights: std::iter::once(0..6).collect(),
            routes: vec![],
            quotes: vec![],
        })))),
    );
    s
}

#[test]
fn detail_opens_with_the_record_and_goes_back() {
    let mut s = opened();
    assert_eq!(s.screen, Screen::Detail);
    let d = s.detail.as_ref().unwrap();
    assert_eq!(d.id, 1);
    assert_eq!(d.word_starts.len(), 9);
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Search);
}

#[test]
fn late_detail_for_another_record_is_ignored() {
    let mut s = opened();
    update(
        &mut s,
        Action::Worker(Box::new(Outcome::Detail(Box::new(DetailData {
            record: record(99, "别的"),
            same_author: vec![],
            similar: vec![],
            word_starts: vec![],
            highlights: vec![],
            routes: vec![],
            quotes: vec![],
        })))),
    );
    assert_eq!(s.detail.as_ref().unwrap().id, 1);
}

#[test]
fn cursor_moves_by_char_word_and_sentence() {
    let mut s = opened();
    let cur = |s: &State| s.detail.as_ref().unwrap().cursor;
    update(&mut s, Action::Right);
    assert_eq!(cur(&s), 1);
    update(&mut s, Action::WordNext);
    assert_eq!(cur(&s), 2);
    update(&mut s, Action::WordNext);
    assert_eq!(cur(&s), 4);
    update(&mut s, Action::WordPrev);
    assert_eq!(cur(&s), 2);
    update(&mut s, Action::SentenceNext);
    assert_eq!(cur(&s), 16, "after 。");
    update(&mut s, Action::SentencePrev);
    assert_eq!(cur(&s), 0);
    update(&mut s, Action::Left);
    assert_eq!(cur(&s), 0);
    update(&mut s, Action::Bottom);
    assert_eq!(cur(&s), 25);
}

#[test]
fn selection_extends_with_the_cursor_and_escape_drops_it_first() {
    let mut s = opened();
    update(&mut s, Action::WordNext);
    update(&mut s, Action::Select);
    update(&mut s, Action::WordNext);
    update(&mut s, Action::Right);
    assert_eq!(s.detail.as_ref().unwrap().selection(), Some((2, 6)));
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Detail);
    assert_eq!(s.detail.as_ref().unwrap().selection(), None);
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Search);
}

#[test]
fn lines_move_by_display_width() {
    let mut s = opened();
    s.width = 40; // body 38 columns: 19 Chinese characters a line
    update(&mut s, Action::Right);
    update(&mut s, Action::Down);
    let d = s.detail.as_ref().unwrap();
    assert_eq!(d.cursor, 20);
    update(&mut s, Action::Up);
    assert_eq!(s.detail.as_ref().unwrap().cursor, 1);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = with_hits(1);
    update(&mut s, Action::Help);
    assert_eq!(s.mode, Mode::Help { scroll: 0 });
    update(&mut s, Action::Down);
    assert_eq!(s.mode, Mode::Help { scroll: 1 });
    update(&mut s, Action::Back);
    assert_eq!(s.mode, Mode::Normal);
    update(&mut s, Action::Help);
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn quit_and_resize() {
    let mut s = with_hits(20);
    update(&mut s, Action::Bottom);
    update(
        &mut s,
        Action::Resize {
            width: 40,
            height: 12,
        },
    );
    assert_eq!((s.width, s.height), (40, 12));
    assert!(s.search.offset + s.list_rows() > s.search.selected);
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn worker_failures_reach_the_status_line() {
    let mut s = state();
    update(
        &mut s,
        Action::Worker(Box::new(Outcome::Failed(Failure::fault("disk full")))),
    );
    let st = s.status.unwrap();
    assert!(st.error && st.text.contains("disk full"));
}

/// What the service answers for `(`: a group never closed.
pub fn unclosed_group() -> crate::service::Problem {
    use crate::domain::query::{QueryError, QueryErrorKind};
    let e = QueryError {
        position: 1,
        kind: QueryErrorKind::UnclosedGroup { open: 0 },
    };
    crate::service::Problem::Refused(crate::domain::Refusal::Query(e))
}
