//! What a queue screen does to the item under the cursor: step its status forward or back,
//! decline it (only when asked to twice), and open the one-line prompts for its note and assignee.

use crate::domain::{Status, sanitize_line};
use crate::service::QueueEntry;

use super::super::action::Action;
use super::super::effect::Effect;
use super::super::forms::{Confirm, ItemField, ItemForm};
use super::super::i18n::Msg;
use super::super::state::{Mode, State};
use super::super::widgets::input::TextInput;

/// Forward along the work path (new → accepted → in progress → done), else the first way out.
/// Done is the end: nothing comes after it, and reopening is `backward`'s deliberate step, not
/// what "next" should do to a finished item.
pub fn forward(status: Status) -> Option<Status> {
    match status {
        Status::Done => None,
        other => other.next().first().copied(),
    }
}

/// One step back along the work path; a new item steps back to declined, a declined one reopens.
pub fn backward(status: Status) -> Status {
    match status {
        Status::New => Status::Declined,
        Status::Accepted | Status::Declined => Status::New,
        Status::InProgress => Status::Accepted,
        Status::Done => Status::InProgress,
    }
}

/// `>` and `<` on the item under the cursor.
pub fn step(s: &mut State, action: &Action) -> Vec<Effect> {
    let Some(item) = s.queue.list.current().map(|e| e.item.clone()) else {
        return Vec::new();
    };
    if s.queue.moving == Some(item.id) {
        return Vec::new();
    }
    let next = if matches!(action, Action::NextStatus) {
        forward(item.status)
    } else {
        Some(backward(item.status))
    };
    let Some(status) = next else {
        let text = s.lang.f(Msg::AlreadyDone, &[&s.keymap.hint("prev_status")]);
        s.info(text);
        return Vec::new();
    };
    let then = Effect::SetStatus {
        item: item.id,
        status,
    };
    // Stepping back from new is not a step back but a decision, one a person pressing `<` to
    // undo a slip does not mean to make: it is asked for in words first.
    if status == Status::Declined {
        let question = s.lang.f(Msg::ConfirmDecline, &[&item.id]);
        s.mode = Mode::Confirm(Confirm { question, then });
        return Vec::new();
    }
    s.queue.moving = Some(item.id);
    vec![then]
}

/// `n` and `a`: a prompt for the note or the assignee of the item under the cursor, holding what
/// it says now so that it can be corrected rather than retyped.
pub fn start_edit(s: &mut State, field: ItemField) -> Vec<Effect> {
    let Some(e) = s.queue.list.current() else {
        let text = s.t(Msg::NoItem).to_string();
        s.error(text);
        return Vec::new();
    };
    let now = match field {
        ItemField::Note => e.item.note.as_deref(),
        ItemField::Assignee => e.item.assignee.as_deref(),
    };
    let form = ItemForm {
        item: e.item.id,
        field,
        about: about(e),
        was: now.unwrap_or("").trim().to_string(),
        input: TextInput::new(now.unwrap_or("")),
    };
    s.mode = Mode::Item(form);
    Vec::new()
}

/// `#12 苏先生: 物流又慢了`: which item the prompt is about.
fn about(e: &QueueEntry) -> String {
    let who = sanitize_line(e.record.author.as_deref().unwrap_or("-"));
    format!("#{} {who}: {}", e.item.id, sanitize_line(&e.snippet))
}

/// Enter in the prompt: the new text is saved (an empty one clears the field); the same text
/// again changes nothing, so it is not journaled as a change either.
pub fn submit_edit(s: &mut State, form: ItemForm) -> Vec<Effect> {
    s.mode = Mode::Normal;
    let value = form.input.text().trim().to_string();
    if value == form.was {
        let text = s.t(Msg::NothingChanged).to_string();
        s.info(text);
        return Vec::new();
    }
    vec![Effect::EditItem {
        item: form.item,
        field: form.field,
        value,
    }]
}
