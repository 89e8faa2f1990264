//! What a queue screen does to the item under the cursor: step its status forward or back, and
//! decline it (only when asked to twice).

use crate::domain::Status;

use super::super::action::Action;
use super::super::effect::Effect;
use super::super::forms::Confirm;
use super::super::i18n::Msg;
use super::super::state::{Mode, State};

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
