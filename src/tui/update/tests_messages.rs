//! What the status line says after a change, and what the hint line offers in a popup.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::tui::action::Action;
use crate::tui::effect::{Change, Outcome};
use crate::tui::state::State;
use crate::tui::views;

use super::tests_workflow::searched;
use super::update;

fn changed(s: &mut State, change: Change) -> String {
    update(s, Action::Worker(Box::new(Outcome::Changed(change))));
    s.status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default()
}

#[test]
fn undo_is_offered_only_when_something_changed() {
    let mut s = searched();
    let routed = |added| Change::Routed {
        queue: "product",
        added,
        already: 3,
    };
    assert!(changed(&mut s, routed(2)).contains("u undoes"));
    let noop = changed(&mut s, routed(0));
    assert!(!noop.contains("undoes"), "{noop}");
    let tagged = Change::Tagged {
        theme: "物流".into(),
        add: true,
        changed: 0,
    };
    assert!(!changed(&mut s, tagged).contains("undoes"));
    // Saving a search is not journaled: u would take back an earlier, unrelated change.
    let saved = changed(
        &mut s,
        Change::SavedSearch {
            name: "周报".into(),
        },
    );
    assert!(
        saved.contains("周报") && !saved.contains("undoes"),
        "{saved}"
    );
}

#[test]
fn an_undo_says_undone_once() {
    let mut s = searched();
    let summary = "undo #36: tag 3 records with 物流".into();
    let text = changed(
        &mut s,
        Change::Undone {
            summary,
            target: None,
        },
    );
    assert_eq!(text, "Undone: #36: tag 3 records with 物流");
}

#[test]
fn a_popup_hints_its_own_keys_not_the_query_bars() {
    let mut s = searched();
    update(&mut s, Action::Route);
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| views::draw(f, &s)).unwrap();
    let buf = t.backend().buffer();
    let last: String = (0..buf.area.width)
        .map(|x| buf[(x, buf.area.height - 1)].symbol().to_string())
        .collect();
    assert!(!last.contains("leave the query"), "{last}");
    assert!(last.contains("Esc: cancel"), "{last}");
}
