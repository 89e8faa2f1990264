//! The worker's answers: lists for the screens, popups filled in, and after every change a
//! status-line message plus a reload of whatever shows the changed records.

use super::super::effect::{Change, Effect, Failure, Outcome};
use super::super::forms::{ItemField, PickerPurpose};
use super::super::i18n::{Language, Msg};
use super::super::state::{Mode, Screen, State};
use super::{detail, screens, search};

pub fn apply(s: &mut State, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Detail(data) => detail::apply(s, *data),
        Outcome::Themes(mut list) => {
            // An open tag picker lists the themes as soon as they arrive.
            if let Mode::Picker(p) = &mut s.mode
                && p.purpose == PickerPurpose::Tag
            {
                p.themes = list.iter().map(|t| t.name.clone()).collect();
            }
            crate::domain::most_heard_first(&mut list);
            s.themes.set(list);
        }
        Outcome::Queue { queue, entries } => {
            if screens::queue_of(s.screen) == Some(queue) {
                s.queue.list.set(entries);
                s.queue.moving = None;
            }
        }
        Outcome::Quotes(cards) => {
            s.quotes.cards = cards;
            screens::rebuild_board(s);
        }
        Outcome::Journal(entries) => s.journal.set(entries),
        Outcome::Saved(list) => {
            if let Mode::Saved(p) = &mut s.mode {
                p.list = list;
            }
        }
        Outcome::Changed(change) => return changed(s, change),
        Outcome::Failed(failure) => {
            // A refused or failed move leaves the list as it was, so it is right again.
            s.queue.moving = None;
            let text = failure_text(s.lang, &failure);
            s.error(text);
        }
    }
    Vec::new()
}

/// A failed effect in the person's language.
pub fn failure_text(l: Language, failure: &Failure) -> String {
    match failure {
        Failure::Service(p) => l.f(Msg::Error, &[&l.problem(p)]),
        Failure::Write { path, kind, reason } => {
            l.f(Msg::WriteFailed, &[path, &l.write_trouble(*kind, reason)])
        }
    }
}

fn changed(s: &mut State, change: Change) -> Vec<Effect> {
    let l = s.lang;
    let text = match &change {
        Change::Tagged {
            theme,
            add: true,
            changed,
        } => l.f(Msg::DoneTagged, &[changed, theme]),
        Change::Tagged { theme, changed, .. } => l.f(Msg::DoneUntagged, &[changed, theme]),
        // "(0 were already there)" says nothing.
        Change::Routed {
            queue,
            added,
            already: 0,
        } => l.f(
            Msg::DoneRoutedAllNew,
            &[added, &l.t(screens::queue_title(queue))],
        ),
        Change::Routed {
            queue,
            added,
            already,
        } => l.f(
            Msg::DoneRouted,
            &[added, &l.t(screens::queue_title(queue)), already],
        ),
        Change::Moved { item, status } => l.f(
            Msg::DoneMoved,
            &[item, &l.t(screens::status_label(*status))],
        ),
        Change::Edited { item, field, value } => match (field, value.is_empty()) {
            (ItemField::Note, false) => l.f(Msg::DoneNoted, &[item]),
            (ItemField::Note, true) => l.f(Msg::DoneNoteCleared, &[item]),
            (ItemField::Assignee, false) => l.f(
                Msg::DoneAssigned,
                &[item, &crate::domain::sanitize_line(value)],
            ),
            (ItemField::Assignee, true) => l.f(Msg::DoneUnassigned, &[item]),
        },
        Change::Quoted { id } => l.f(Msg::DoneQuoted, &[id]),
        // In Chinese the reverted entry is worded from its data; the summary is English.
        Change::Undone {
            target: Some(target),
            ..
        } if l == Language::Zh => {
            let what = format!("#{}：{}", target.id, l.journal_line(target));
            l.f(Msg::DoneUndone, &[&what])
        }
        // The journal names an undo "undo #36: …"; after "Undone:" that would say it twice.
        Change::Undone { summary, .. } => {
            let what = summary.strip_prefix("undo ").unwrap_or(summary);
            l.f(Msg::DoneUndone, &[&what])
        }
        Change::SavedSearch { name } => l.f(Msg::DoneSaved, &[name]),
        Change::Exported { path, count } => l.f(Msg::DoneExported, &[count, path]),
    };
    let hint = s.keymap.hint("undo");
    // Offer undo only where something changed and the journal holds it: a route or tag that
    // found every record already done has nothing to take back, and saving a search is not
    // journaled (u would undo an earlier change).
    let undoable = match &change {
        Change::Exported { .. } | Change::Undone { .. } | Change::SavedSearch { .. } => false,
        Change::Routed { added, .. } => *added > 0,
        Change::Tagged { changed, .. } => *changed > 0,
        _ => true,
    };
    if undoable {
        s.info(format!("{text}{}", l.aside(&l.f(Msg::UndoHint, &[&hint]))));
    } else {
        s.info(text);
    }
    // Everything that may show the changed records is asked for again.
    let mut effects = search::rerun(s);
    if s.screen == Screen::Detail
        && let Some(d) = &s.detail
    {
        effects.push(Effect::LoadDetail {
            id: d.id,
            terms: d.terms.clone(),
        });
    }
    effects.extend(screens::reload(s));
    effects
}
