//! `update` on a queue screen: declining only when asked twice, and the prompts for an item's
//! note and assignee. Effects are asserted; nothing runs.

use crate::domain::Status;
use crate::tui::action::Action;
use crate::tui::effect::{Change, Effect, Outcome};
use crate::tui::forms::ItemField;
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

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Input(c));
    }
}

fn status_text(s: &State) -> String {
    s.status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default()
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

#[test]
fn a_note_is_typed_in_a_prompt_and_saved_on_enter() {
    let mut s = queue(Language::En);
    assert!(update(&mut s, Action::Note).is_empty());
    assert!(s.mode.is_typing(), "letters are the note's, not commands");
    typed(&mut s, "refund slow");
    let effects = update(&mut s, Action::Open);
    assert_eq!(
        effects,
        vec![Effect::EditItem {
            item: 7,
            field: ItemField::Note,
            value: "refund slow".into()
        }]
    );
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn the_prompt_holds_what_the_item_says_now_and_esc_keeps_it() {
    let mut s = queue(Language::En);
    update(&mut s, Action::Down);
    update(&mut s, Action::Assign);
    let Mode::Item(f) = &s.mode else {
        panic!("no prompt: {:?}", s.mode);
    };
    assert_eq!(f.input.text(), "李雷");
    assert!(f.about.starts_with("#8 "), "{}", f.about);
    update(&mut s, Action::ClearInput);
    typed(&mut s, "韩梅梅");
    assert!(update(&mut s, Action::Back).is_empty());
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn an_emptied_prompt_clears_and_an_unchanged_one_sends_nothing() {
    let mut s = queue(Language::En);
    update(&mut s, Action::Down);
    update(&mut s, Action::Note);
    assert!(update(&mut s, Action::Open).is_empty(), "the same note");
    assert!(
        status_text(&s).contains("Nothing changed"),
        "{:?}",
        s.status
    );
    update(&mut s, Action::Note);
    update(&mut s, Action::ClearInput);
    let cleared = Effect::EditItem {
        item: 8,
        field: ItemField::Note,
        value: String::new(),
    };
    assert_eq!(update(&mut s, Action::Open), vec![cleared]);
}

#[test]
fn a_saved_note_or_assignee_says_so_offers_undo_and_reloads_the_queue() {
    let mut s = queue(Language::En);
    let effects = update(
        &mut s,
        Action::Worker(Box::new(Outcome::Changed(Change::Edited {
            item: 7,
            field: ItemField::Assignee,
            value: "Li Lei".into(),
        }))),
    );
    let text = status_text(&s);
    assert!(text.contains("Item 7 is assigned to Li Lei"), "{text}");
    assert!(text.contains("u undoes"), "{text}");
    let reload = Effect::LoadQueue {
        queue: "product",
        status: None,
    };
    assert!(effects.contains(&reload), "{effects:?}");
}

#[test]
fn note_and_assign_need_an_item_under_the_cursor() {
    let mut s = searched();
    update(&mut s, Action::ScreenMarketing);
    let queue = "marketing";
    let entries = Vec::new();
    update(
        &mut s,
        Action::Worker(Box::new(Outcome::Queue { queue, entries })),
    );
    assert!(update(&mut s, Action::Note).is_empty());
    assert_eq!(s.mode, Mode::Normal);
    assert!(status_text(&s).contains("No queue item"), "{:?}", s.status);
}
