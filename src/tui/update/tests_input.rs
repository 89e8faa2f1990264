//! `update` for text that arrives other than key by key (a paste), and for what a query change
//! or a query error does to the results on screen.

use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::state::{Mode, Screen};

use super::tests_workflow::searched;
use super::update;

fn paste(text: &str) -> Action {
    Action::Paste(text.into())
}

#[test]
fn a_paste_into_the_query_bar_is_one_line_of_text() {
    let mut s = searched();
    update(&mut s, Action::FocusQuery);
    let effects = update(&mut s, paste("退款没到账\nquick reply please"));
    assert_eq!(s.search.input.text(), "物流退款没到账 quick reply please");
    assert!(!s.quit, "the pasted q is a letter");
    assert_eq!(s.mode, Mode::EditQuery);
    assert!(matches!(&effects[..], [Effect::Search { query, .. }] if query.ends_with("please")));
}

#[test]
fn a_paste_outside_a_field_goes_to_the_query_bar_never_to_the_keymap() {
    let mut s = searched();
    update(&mut s, Action::Open);
    assert_eq!(s.screen, Screen::Detail);
    // "u" is undo, "q" quit, "t" tag: none of them may act.
    let effects = update(&mut s, paste("buyer quit\tthen"));
    assert!(!s.quit);
    assert!(!effects.contains(&Effect::Undo));
    assert_eq!((s.screen, &s.mode), (Screen::Search, &Mode::EditQuery));
    assert_eq!(s.search.input.text(), "物流buyer quit then");
}

#[test]
fn a_paste_lands_in_the_popup_field_that_has_focus() {
    let mut s = searched();
    update(&mut s, Action::Tag);
    update(&mut s, paste("退款\n"));
    let Mode::Picker(p) = &s.mode else {
        panic!("picker closed: {:?}", s.mode)
    };
    assert_eq!(p.input.text(), "退款 ");
    update(&mut s, Action::Back);
    update(&mut s, Action::Route);
    update(&mut s, paste("call back\r\ntoday"));
    let Mode::Route(f) = &s.mode else {
        panic!("route form closed: {:?}", s.mode)
    };
    assert_eq!(f.note.text(), "call back today");
}

#[test]
fn a_paste_in_help_does_nothing() {
    let mut s = searched();
    update(&mut s, Action::Help);
    assert!(update(&mut s, paste("q")).is_empty());
    assert!(!s.quit);
    assert_eq!(s.mode, Mode::Help { scroll: 0 });
}

/// `searched()` with " (" typed after the query and the search answering with an error.
fn broken() -> crate::tui::state::State {
    let mut s = searched();
    update(&mut s, Action::FocusQuery);
    update(&mut s, Action::Input(' '));
    update(&mut s, Action::Input('('));
    update(&mut s, Action::Back);
    let generation = s.search.generation;
    update(
        &mut s,
        Action::SearchFailed {
            generation,
            problem: super::tests::unclosed_group(),
        },
    );
    s
}

#[test]
fn a_query_error_takes_the_earlier_hits_off_screen() {
    let mut s = broken();
    assert!(s.search.error.is_some());
    assert_eq!(s.search.hits_len(), 0, "hits of the earlier query stayed");
    assert!(update(&mut s, Action::Open).is_empty());
    assert_eq!(s.screen, Screen::Search);
}

#[test]
fn all_matches_of_a_broken_query_are_refused_up_front() {
    let mut s = broken();
    use crate::tui::forms::ScopeKind;
    let why = super::workflow::target(&s, ScopeKind::Matches).unwrap_err();
    assert!(why.contains("error"), "{why}");
    // Nothing to tag at all: no popup opens, the status line says why.
    assert!(update(&mut s, Action::Tag).is_empty());
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

#[test]
fn a_new_query_clears_the_marks_and_says_so() {
    let mut s = searched();
    update(&mut s, Action::Mark);
    update(&mut s, Action::Mark);
    // A reload of the same query keeps them (a change reloads the list it was made in).
    update(&mut s, Action::Reload);
    assert_eq!(s.search.marks.len(), 2);
    update(&mut s, Action::FocusQuery);
    update(&mut s, Action::Input('x'));
    assert!(s.search.marks.is_empty(), "marks outlived their list");
    assert!(s.status.as_ref().is_some_and(|st| st.text.contains('2')));
    // So a change made next covers the record under the cursor, not the old marks.
    update(&mut s, Action::Back);
    update(&mut s, Action::Tag);
    let Mode::Picker(p) = &s.mode else {
        panic!("picker closed: {:?}", s.mode)
    };
    assert_eq!(p.scope, crate::tui::forms::ScopeKind::Current);
}

#[test]
fn v_then_close_paren_selects_exactly_one_sentence() {
    let mut s = searched();
    if let Some(p) = s.search.page.as_mut() {
        p.hits[0].record.body = "买家说“影响二次销售”。可是没人回。".into();
    }
    update(&mut s, Action::Open);
    update(&mut s, Action::Select);
    update(&mut s, Action::SentenceNext);
    let d = s.detail.as_ref().unwrap();
    let (a, b) = d.selection().unwrap();
    let picked: String = d.body_chars()[a..b].iter().collect();
    assert_eq!(picked, "买家说“影响二次销售”。");
    // Without a selection, `)` goes on to where the next sentence starts.
    update(&mut s, Action::Select);
    update(&mut s, Action::SentenceNext);
    let d = s.detail.as_ref().unwrap();
    assert_eq!(d.body_chars()[d.cursor], '可');
}
