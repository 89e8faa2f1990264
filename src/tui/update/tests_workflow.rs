//! `update` for the workflow: tagging, routing, quoting, queues, the quote board, themes,
//! saved searches and undo. Effects are asserted; nothing runs.

use chrono::DateTime;

use crate::domain::{Priority, QueueItem, Quote, Status};
use crate::service::{QueueEntry, QuoteCard};
use crate::tui::action::Action;
use crate::tui::effect::{Change, DetailData, Effect, Failure, Outcome, Target};
use crate::tui::forms::{Saved, ScopeKind};
use crate::tui::i18n::Language;
use crate::tui::keymap::Keymap;
use crate::tui::state::{Mode, Screen, State};

use super::tests::{page, record};
use super::update;

fn when() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-06-02T12:00:00+08:00").unwrap()
}

/// Search screen showing hits 1..=3 for the query "物流".
pub fn searched() -> State {
    let mut s = State::new(Language::En, Keymap::defaults());
    s.width = 100;
    s.height = 30;
    update(&mut s, Action::FocusQuery);
    for c in "物流".chars() {
        update(&mut s, Action::Input(c));
    }
    update(&mut s, Action::Back);
    let g = s.search.generation;
    let mut p = page("物流", &[1, 2, 3]);
    p.total = 40;
    p.hits[0].record.tags = vec!["物流".into(), "价格".into()];
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(p),
        },
    );
    s
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Input(c));
    }
}

fn answer(s: &mut State, o: Outcome) -> Vec<Effect> {
    update(s, Action::Worker(Box::new(o)))
}

#[test]
fn tag_the_current_record_with_a_new_theme() {
    let mut s = searched();
    assert_eq!(update(&mut s, Action::Tag), vec![Effect::LoadThemes]);
    assert!(s.mode.is_typing(), "the picker takes letters");
    typed(&mut s, "物流/延迟");
    let effects = update(&mut s, Action::Open);
    assert_eq!(
        effects,
        vec![Effect::Tag {
            target: Target::Ids(vec![1]),
            theme: "物流/延迟".into(),
            add: true
        }]
    );
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn tagging_every_match_asks_first() {
    let mut s = searched();
    update(&mut s, Action::Tag);
    // No marks: the scope goes straight from this record to all matches.
    update(&mut s, Action::CycleScope);
    let Mode::Picker(p) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert_eq!(p.scope, ScopeKind::Matches);
    typed(&mut s, "价格");
    assert!(update(&mut s, Action::Open).is_empty());
    let Mode::Confirm(c) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert!(c.question.contains("40"), "{}", c.question);
    // 'n' says no; nothing is sent.
    assert!(update(&mut s, Action::Input('n')).is_empty());
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn every_match_of_a_query_searched_apart_is_what_found_the_hits() {
    let mut s = searched();
    let p = s.search.page.as_mut().unwrap();
    p.apart = Some("(物流 快递)".into());
    let matches = |s: &State| super::workflow::target(s, ScopeKind::Matches).unwrap().0;
    assert_eq!(matches(&s), Target::Query("(物流 快递)".into()));
    // Typed on: the page on screen is the earlier query's, and its split no longer applies.
    update(&mut s, Action::FocusQuery);
    typed(&mut s, "慢");
    assert_eq!(matches(&s), Target::Query("物流慢".into()));
}

#[test]
fn marked_records_are_the_default_scope() {
    let mut s = searched();
    update(&mut s, Action::Mark);
    update(&mut s, Action::Mark);
    update(&mut s, Action::Route);
    let Mode::Route(f) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert_eq!(f.scope, ScopeKind::Marked);
    update(&mut s, Action::Right); // queue: product → marketing
    update(&mut s, Action::Down);
    update(&mut s, Action::Left); // priority p2 → p1
    typed(&mut s, "急");
    assert_eq!(
        update(&mut s, Action::Open),
        vec![Effect::Route {
            target: Target::Ids(vec![1, 2]),
            queue: "marketing",
            priority: Priority::P1,
            note: Some("急".into())
        }]
    );
}

#[test]
fn untag_offers_the_records_own_themes() {
    let mut s = searched();
    update(&mut s, Action::Untag);
    let Mode::Picker(p) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert_eq!(p.themes, ["物流", "价格"]);
    update(&mut s, Action::Down);
    let e = update(&mut s, Action::Open);
    assert!(matches!(&e[..], [Effect::Tag { theme, add: false, .. }] if theme == "价格"));
}

#[test]
fn nothing_to_act_on_is_said_not_crashed() {
    let mut s = State::new(Language::En, Keymap::defaults());
    assert!(update(&mut s, Action::Tag).is_empty());
    assert!(s.status.as_ref().unwrap().error);
    assert_eq!(s.mode, Mode::Normal);
}

fn detail_open() -> State {
    let mut s = searched();
    update(&mut s, Action::Open);
    let record = s.detail.as_ref().unwrap().record.clone().unwrap();
    answer(
        &mut s,
        Outcome::Detail(Box::new(DetailData {
            record,
            same_author: vec![],
            similar: vec![],
            word_starts: vec![0, 2, 4, 5, 8],
            highlights: vec![],
            routes: vec![],
            quotes: vec![],
        })),
    );
    s
}

#[test]
fn quote_the_selection_with_note_and_themes() {
    let mut s = detail_open();
    update(&mut s, Action::SaveQuote);
    assert!(s.status.as_ref().unwrap().error, "no selection yet");
    update(&mut s, Action::Select);
    update(&mut s, Action::WordNext);
    update(&mut s, Action::WordNext);
    update(&mut s, Action::Left);
    update(&mut s, Action::SaveQuote);
    let Mode::Quote(f) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert_eq!(f.text, "物流显示");
    typed(&mut s, "原话");
    update(&mut s, Action::Down);
    update(&mut s, Action::ClearInput);
    typed(&mut s, "物流，体验");
    assert_eq!(
        update(&mut s, Action::Open),
        vec![Effect::AddQuote {
            record: 1,
            start: 0,
            end: 4,
            note: Some("原话".into()),
            themes: vec!["物流".into(), "体验".into()]
        }]
    );
    assert_eq!(s.detail.as_ref().unwrap().anchor, None, "selection dropped");
}

pub fn entry(id: i64, status: Status) -> QueueEntry {
    QueueEntry {
        item: QueueItem {
            id,
            queue: "product".into(),
            record_id: id,
            quote_id: None,
            status,
            priority: Priority::P2,
            assignee: None,
            note: None,
            routed_by: "me".into(),
            routed_at: when(),
            updated_at: when(),
        },
        record: record(id, "物流太慢"),
        snippet: "物流太慢".into(),
    }
}

#[test]
fn a_second_step_waits_for_the_first_to_show() {
    let mut s = searched();
    update(&mut s, Action::ScreenProduct);
    let shown = |status| Outcome::Queue {
        queue: "product",
        entries: vec![entry(7, status)],
    };
    answer(&mut s, shown(Status::Accepted));
    let first = update(&mut s, Action::NextStatus);
    assert_eq!(
        first,
        vec![Effect::SetStatus {
            item: 7,
            status: Status::InProgress
        }]
    );
    // Pressed again before the list reloads, `>` would step from the accepted still shown and
    // ask for "in progress" a second time.
    assert!(update(&mut s, Action::NextStatus).is_empty());
    answer(&mut s, shown(Status::InProgress));
    assert_eq!(
        update(&mut s, Action::NextStatus),
        vec![Effect::SetStatus {
            item: 7,
            status: Status::Done
        }]
    );
    // A refused move leaves the list as it was: the next press is taken again.
    answer(&mut s, Outcome::Failed(Failure::fault("locked")));
    assert_eq!(update(&mut s, Action::NextStatus).len(), 1);
}

#[test]
fn queue_items_move_through_statuses_and_open() {
    let mut s = searched();
    assert_eq!(
        update(&mut s, Action::ScreenProduct),
        vec![Effect::LoadQueue {
            queue: "product",
            status: None
        }]
    );
    answer(
        &mut s,
        Outcome::Queue {
            queue: "product",
            entries: vec![
                entry(7, Status::New),
                entry(8, Status::InProgress),
                entry(9, Status::Done),
            ],
        },
    );
    assert_eq!(
        update(&mut s, Action::NextStatus),
        vec![Effect::SetStatus {
            item: 7,
            status: Status::Accepted
        }]
    );
    update(&mut s, Action::Down);
    assert_eq!(
        update(&mut s, Action::PrevStatus),
        vec![Effect::SetStatus {
            item: 8,
            status: Status::Accepted
        }]
    );
    // Done is the last step: `>` leaves it done and says so; `<` is the way to reopen it.
    update(&mut s, Action::Down);
    assert!(update(&mut s, Action::NextStatus).is_empty());
    assert!(s.status.as_ref().unwrap().text.contains("done"));
    assert_eq!(
        update(&mut s, Action::PrevStatus),
        vec![Effect::SetStatus {
            item: 9,
            status: Status::InProgress
        }]
    );
    update(&mut s, Action::Top);
    assert_eq!(
        update(&mut s, Action::FilterStatus),
        vec![Effect::LoadQueue {
            queue: "product",
            status: Some(Status::New)
        }]
    );
    // A late answer for the other queue does not land here.
    answer(
        &mut s,
        Outcome::Queue {
            queue: "marketing",
            entries: vec![],
        },
    );
    assert_eq!(s.queue.list.items.len(), 3);
    let e = update(&mut s, Action::Open);
    assert!(matches!(&e[..], [Effect::LoadDetail { id: 7, .. }]));
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Product);
}

fn card(id: i64, themes: &[&str]) -> QuoteCard {
    QuoteCard {
        quote: Quote {
            id,
            record_id: id,
            start: 0,
            end: 2,
            text: "物流".into(),
            body_hash: String::new(),
            note: None,
            themes: themes.iter().map(|t| t.to_string()).collect(),
            created_by: "me".into(),
            created_at: when(),
        },
        record: record(id, "物流太慢"),
        stale: false,
    }
}

#[test]
fn quote_board_groups_copies_and_exports() {
    let mut s = searched();
    assert_eq!(
        update(&mut s, Action::ScreenQuotes),
        vec![Effect::LoadQuotes { theme: None }]
    );
    answer(
        &mut s,
        Outcome::Quotes(vec![card(1, &["物流", "价格"]), card(2, &[])]),
    );
    let rows: Vec<&str> = s
        .quotes
        .list
        .items
        .iter()
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(rows, ["(no theme)", "价格", "物流"]);
    let e = update(&mut s, Action::Copy);
    assert!(matches!(&e[..], [Effect::Clipboard(t)] if t.contains("物流") && t.contains("苏先生")));
    update(&mut s, Action::FilterStatus);
    assert_eq!(s.quotes.theme.as_deref(), Some("价格"));
    assert_eq!(s.quotes.list.items.len(), 1);
    update(&mut s, Action::Export);
    update(&mut s, Action::Right);
    let e = update(&mut s, Action::Open);
    assert!(
        matches!(&e[..], [Effect::ExportQuotes { ext: "csv", theme: Some(t), .. }] if t == "价格")
    );
}

#[test]
fn themes_dashboard_opens_a_theme_search() {
    let mut s = searched();
    assert_eq!(
        update(&mut s, Action::ScreenThemes),
        vec![Effect::LoadThemes]
    );
    answer(
        &mut s,
        Outcome::Themes(vec![crate::domain::ThemeSummary {
            name: "物流/延迟".into(),
            description: None,
            records: 3,
            authors: 2,
            by_kind: vec![("ticket".into(), 3)],
            weekly: vec![0, 1, 2],
            weeks_from: chrono::NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
        }]),
    );
    let e = update(&mut s, Action::Open);
    assert_eq!(s.screen, Screen::Search);
    assert_eq!(s.search.input.text(), "tag:\"物流/延迟\"");
    assert!(matches!(&e[..], [Effect::Search { .. }]));
}

#[test]
fn every_change_says_so_and_reloads() {
    let mut s = searched();
    assert_eq!(update(&mut s, Action::Undo), vec![Effect::Undo]);
    let e = answer(
        &mut s,
        Outcome::Changed(Change::Tagged {
            theme: "物流".into(),
            add: true,
            changed: 3,
        }),
    );
    let st = s.status.clone().unwrap();
    assert!(
        !st.error && st.text.contains("3") && st.text.contains("u undoes"),
        "{st:?}"
    );
    assert!(matches!(&e[..], [Effect::Search { .. }]));
    update(&mut s, Action::ScreenJournal);
    let e = answer(
        &mut s,
        Outcome::Changed(Change::Undone {
            summary: "tag +物流".into(),
            target: None,
        }),
    );
    assert!(e.contains(&Effect::LoadJournal));
    answer(&mut s, Outcome::Failed(Failure::fault("locked")));
    assert!(s.status.as_ref().unwrap().error);
}

#[test]
fn saved_searches_run_and_save() {
    let mut s = searched();
    assert_eq!(
        update(&mut s, Action::SavedSearches),
        vec![Effect::LoadSaved]
    );
    answer(
        &mut s,
        Outcome::Saved(vec![Saved {
            name: "refunds".into(),
            query: "退款".into(),
            count: 4,
        }]),
    );
    let e = update(&mut s, Action::Open);
    assert_eq!(s.search.input.text(), "退款");
    assert!(matches!(&e[..], [Effect::Search { .. }]));
    update(&mut s, Action::SavedSearches);
    typed(&mut s, "mine");
    assert_eq!(
        update(&mut s, Action::Open),
        vec![Effect::SaveSearch {
            name: "mine".into(),
            query: "退款".into()
        }]
    );
}

#[test]
fn saving_over_another_query_of_the_same_name_asks_first() {
    let mut s = searched();
    let list = vec![Saved {
        name: "refunds".into(),
        query: "退款".into(),
        count: 4,
    }];
    let save_as_refunds = |s: &mut State| {
        update(s, Action::SavedSearches);
        answer(s, Outcome::Saved(list.clone()));
        typed(s, "refunds");
        update(s, Action::Open)
    };
    assert!(save_as_refunds(&mut s).is_empty(), "nothing saved yet");
    let Mode::Confirm(c) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert!(c.question.contains("“refunds” (退款)"), "{}", c.question);
    assert_eq!(
        update(&mut s, Action::Input('y')),
        vec![Effect::SaveSearch {
            name: "refunds".into(),
            query: "物流".into()
        }]
    );
    // 'n' keeps the saved query.
    save_as_refunds(&mut s);
    assert!(update(&mut s, Action::Input('n')).is_empty());
    assert_eq!(s.mode, Mode::Normal);
}
