//! The search list loads a first page, then the next hits as the cursor nears its end.

use std::collections::HashSet;

use crate::tui::action::Action;
use crate::tui::effect::{Effect, FIRST_PAGE, NEXT_PAGE};
use crate::tui::i18n::Language;
use crate::tui::keymap::Keymap;
use crate::tui::state::State;

use super::tests::page;
use super::update;

fn ids(from: i64, n: usize) -> Vec<i64> {
    (from..from + n as i64).collect()
}

fn more_requests(effects: &[Effect]) -> Vec<usize> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::MoreHits { from, .. } => Some(*from),
            _ => None,
        })
        .collect()
}

/// The empty query answered with a full first page.
fn first_page() -> State {
    let mut s = State::new(Language::En, Keymap::defaults());
    s.width = 80;
    s.height = 24;
    let sent = update(&mut s, Action::Reload);
    assert!(
        sent.iter()
            .any(|e| matches!(e, Effect::Search { limit, .. } if *limit == FIRST_PAGE)),
        "{sent:?}"
    );
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("", &ids(1, FIRST_PAGE))),
        },
    );
    s
}

/// Moves down one hit at a time until a request for more goes out; returns its `from`.
fn scroll_until_more(s: &mut State) -> usize {
    for _ in 0..s.search.hits_len() {
        let asked = more_requests(&update(s, Action::Down));
        if let Some(&from) = asked.first() {
            return from;
        }
    }
    panic!("no request for more hits at hit {}", s.search.selected);
}

fn answer(s: &mut State, from: usize, n: usize) {
    let g = s.search.generation;
    update(
        s,
        Action::MoreHits {
            generation: g,
            from,
            answer: Ok(Box::new(page("", &ids(from as i64 + 1, n)))),
        },
    );
}

#[test]
fn the_cursor_near_the_end_asks_once_for_the_next_hits() {
    let mut s = first_page();
    assert_eq!(
        more_requests(&update(&mut s, Action::Down)),
        Vec::<usize>::new(),
        "far from the end"
    );
    let from = scroll_until_more(&mut s);
    assert_eq!(from, FIRST_PAGE);
    assert_eq!(
        s.search.selected + s.list_rows(),
        FIRST_PAGE,
        "asked as the last hit loaded came within a screen"
    );
    assert!(
        more_requests(&update(&mut s, Action::Down)).is_empty(),
        "not again while the first request is on its way"
    );
    answer(&mut s, from, NEXT_PAGE);
    assert_eq!(s.search.hits_len(), FIRST_PAGE + NEXT_PAGE);
    let from = scroll_until_more(&mut s);
    assert_eq!(from, FIRST_PAGE + NEXT_PAGE);

    // A short answer is the end of the list: the bottom asks for nothing more.
    answer(&mut s, from, 7);
    assert_eq!(s.search.hits_len(), FIRST_PAGE + NEXT_PAGE + 7);
    assert!(more_requests(&update(&mut s, Action::Bottom)).is_empty());
    assert_eq!(s.search.selected, FIRST_PAGE + NEXT_PAGE + 6);
}

#[test]
fn a_short_first_page_is_the_whole_list() {
    let mut s = State::new(Language::En, Keymap::defaults());
    update(&mut s, Action::Reload);
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("", &ids(1, 12))),
        },
    );
    assert!(more_requests(&update(&mut s, Action::Bottom)).is_empty());
}

#[test]
fn more_hits_for_a_replaced_list_are_dropped() {
    let mut s = first_page();
    let from = scroll_until_more(&mut s);
    let old = s.search.generation;
    update(&mut s, Action::FocusQuery);
    update(&mut s, Action::Input('x'));
    update(
        &mut s,
        Action::MoreHits {
            generation: old,
            from,
            answer: Ok(Box::new(page("", &ids(100, NEXT_PAGE)))),
        },
    );
    assert_eq!(
        s.search.hits_len(),
        FIRST_PAGE,
        "the late page is not added"
    );
    assert!(!s.search.loading_more);
}

#[test]
fn hits_already_listed_are_not_listed_twice() {
    let mut s = first_page();
    let from = scroll_until_more(&mut s);
    let g = s.search.generation;
    // Records added meanwhile moved the ranking: the answer repeats the last two hits.
    let repeated = ids(FIRST_PAGE as i64 - 1, NEXT_PAGE);
    update(
        &mut s,
        Action::MoreHits {
            generation: g,
            from,
            answer: Ok(Box::new(page("", &repeated))),
        },
    );
    let page = s.search.page.as_ref().unwrap();
    let listed: Vec<i64> = page.hits.iter().map(|h| h.record.id).collect();
    let distinct: HashSet<i64> = listed.iter().copied().collect();
    assert_eq!(distinct.len(), listed.len(), "{listed:?}");
    assert_eq!(listed, ids(1, FIRST_PAGE + NEXT_PAGE - 2));
}

#[test]
fn a_failed_page_keeps_the_list_and_says_why() {
    let mut s = first_page();
    let from = scroll_until_more(&mut s);
    let g = s.search.generation;
    update(
        &mut s,
        Action::MoreHits {
            generation: g,
            from,
            answer: Err(crate::service::Problem::other("database is locked")),
        },
    );
    assert_eq!(s.search.hits_len(), FIRST_PAGE);
    let status = s.status.as_ref().expect("a status line");
    assert!(status.error && status.text.contains("database is locked"));
    assert!(
        more_requests(&update(&mut s, Action::Bottom)).is_empty(),
        "no retry loop"
    );
}

#[test]
fn a_reload_asks_for_every_hit_loaded_and_keeps_the_cursor() {
    let mut s = first_page();
    let from = scroll_until_more(&mut s);
    answer(&mut s, from, NEXT_PAGE);
    for _ in 0..70 {
        update(&mut s, Action::Down);
    }
    let on = s.search.current().unwrap().id;
    let sent = update(&mut s, Action::Reload);
    let limit = sent.iter().find_map(|e| match e {
        Effect::Search { limit, .. } => Some(*limit),
        _ => None,
    });
    assert_eq!(limit, Some(FIRST_PAGE + NEXT_PAGE));
    let g = s.search.generation;
    update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("", &ids(1, FIRST_PAGE + NEXT_PAGE))),
        },
    );
    assert_eq!(s.search.current().unwrap().id, on);

    // A new query starts again from a first page.
    update(&mut s, Action::FocusQuery);
    let sent = update(&mut s, Action::Input('a'));
    assert!(
        matches!(&sent[..], [Effect::Search { limit, .. }] if *limit == FIRST_PAGE),
        "{sent:?}"
    );
}

#[test]
fn a_screen_taller_than_the_first_page_asks_for_more_at_once() {
    let mut s = State::new(Language::En, Keymap::defaults());
    s.width = 120;
    s.height = (FIRST_PAGE * crate::tui::views::search::ROWS_PER_HIT + 10) as u16;
    update(&mut s, Action::Reload);
    let g = s.search.generation;
    let sent = update(
        &mut s,
        Action::SearchDone {
            generation: g,
            page: Box::new(page("", &ids(1, FIRST_PAGE))),
        },
    );
    assert_eq!(more_requests(&sent), vec![FIRST_PAGE]);
}
