//! `update` on a queue screen: declining only when asked twice. Effects are asserted; nothing
//! runs.

use crate::domain::Status;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::i18n::Language;
use crate::tui::state::{Mode, State};

use super::tests_workflow::{entry, searched};
use super::update;

/// The product queue showing items 7 (new) and 8 (accepted, with a note and an assignee).
fn queue(lang: Language) -> State {
    let mut s = searched();
    s.lang = lang;
    update(&mut s, Action::ScreenProduct);
    let mut worked = entry(8, Status::Accepted);
    worked.item.note = Some("等退款".into());
    worked.item.assignee = Some("李雷".into());
    let entries = vec![entry(7, Status::New), worked];
    let queue = "product";
    update(
        &mut s,
        Action::Worker(Box::new(Outcome::Queue { queue, entries })),
    );
    s
}

#[test]
fn stepping_back_from_new_asks_before_declining() {
    let mut s = queue(Language::En);
    assert!(
        update(&mut s, Action::PrevStatus).is_empty(),
        "nothing sent yet"
    );
    let Mode::Confirm(c) = &s.mode else {
        panic!("no question: {:?}", s.mode);
    };
    assert!(c.question.contains("Decline item 7?"), "{}", c.question);
    assert!(c.question.contains("Esc/n"), "{}", c.question);
    // A second `<`, or any other letter, is not a yes.
    assert!(update(&mut s, Action::Input('<')).is_empty());
    assert!(update(&mut s, Action::Input('n')).is_empty());
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.queue.moving, None, "the item was left as it was");

    update(&mut s, Action::PrevStatus);
    let declined = Effect::SetStatus {
        item: 7,
        status: Status::Declined,
    };
    assert_eq!(update(&mut s, Action::Input('y')), vec![declined]);
    // Until the list reloads it still shows "new": another `<` must not ask again.
    assert_eq!(s.queue.moving, Some(7));
    assert!(update(&mut s, Action::PrevStatus).is_empty());
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn stepping_back_from_a_later_status_needs_no_question() {
    let mut s = queue(Language::En);
    update(&mut s, Action::Down);
    let back = Effect::SetStatus {
        item: 8,
        status: Status::New,
    };
    assert_eq!(update(&mut s, Action::PrevStatus), vec![back]);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn the_decline_question_is_asked_in_chinese() {
    let mut s = queue(Language::Zh);
    update(&mut s, Action::PrevStatus);
    let Mode::Confirm(c) = &s.mode else {
        panic!("no question: {:?}", s.mode);
    };
    assert!(c.question.starts_with("拒绝队列项 7？"), "{}", c.question);
}
