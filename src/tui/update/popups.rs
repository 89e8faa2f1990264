//! Keys inside a popup. Text popups receive letters as `Input`; Enter confirms, Esc cancels,
//! Tab changes the scope, arrows move between choices and fields.

use crate::domain::{Priority, QUEUES};

use super::super::action::Action;
use super::super::effect::{Effect, Target};
use super::super::forms::{
    Confirm, EXPORT_FORMATS, ItemForm, Picker, PickerPurpose, QuoteField, QuoteForm, RouteField,
    RouteForm, SavedPicker, ScopeKind,
};
use super::super::i18n::Msg;
use super::super::state::{Mode, Screen, State};
use super::super::widgets::input::TextInput;
use super::workflow::{close, target};

pub fn handle(s: &mut State, mode: Mode, action: Action) -> Vec<Effect> {
    if matches!(action, Action::Back) {
        s.mode = Mode::Normal;
        return Vec::new();
    }
    if matches!(action, Action::Quit) {
        s.quit = true; // ctrl-c: fixed while typing, so it always works
        return Vec::new();
    }
    match mode {
        Mode::Picker(p) => picker(s, p, action),
        Mode::Route(f) => route(s, f, action),
        Mode::Quote(f) => quote(s, f, action),
        Mode::Item(f) => item(s, f, action),
        Mode::Confirm(c) => confirm(s, c, action),
        Mode::Saved(p) => saved(s, p, action),
        Mode::Export { format } => export(s, format, action),
        Mode::Normal | Mode::EditQuery | Mode::Help { .. } => Vec::new(),
    }
}

/// Applies a text-editing action to a field; true when it was one.
fn edit(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Input(c) => input.insert(*c),
        Action::Paste(text) => {
            input.insert_paste(text);
        }
        Action::Backspace => {
            input.backspace();
        }
        Action::DeleteWord => {
            input.delete_word();
        }
        Action::ClearInput => {
            input.clear();
        }
        Action::Left => input.left(),
        Action::Right => input.right(),
        Action::Top => input.home(),
        Action::Bottom => input.end(),
        _ => return false,
    }
    true
}

fn cycle_scope(s: &State, scope: ScopeKind) -> ScopeKind {
    // Skip scopes that cover nothing now (no marks, no query).
    let mut next = scope.next();
    while next != scope && target(s, next).is_err() {
        next = next.next();
    }
    next
}

/// Sends the change, or asks first when it covers every match of the query.
fn submit(
    s: &mut State,
    scope: ScopeKind,
    question: String,
    make: impl Fn(Target) -> Effect,
) -> Vec<Effect> {
    match target(s, scope) {
        Err(why) => {
            s.error(why);
            Vec::new()
        }
        Ok((t, _)) if scope == ScopeKind::Matches => {
            s.mode = Mode::Confirm(Confirm {
                question,
                then: make(t),
            });
            Vec::new()
        }
        Ok((t, _)) => {
            close(s);
            vec![make(t)]
        }
    }
}

fn picker(s: &mut State, mut p: Picker, action: Action) -> Vec<Effect> {
    let n = p.choices().len();
    match action {
        Action::Up | Action::ScrollUp => p.selected = p.selected.saturating_sub(1),
        Action::Down | Action::ScrollDown => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
        Action::CycleScope => p.scope = cycle_scope(s, p.scope),
        Action::Open => {
            let Some(choice) = p.chosen() else {
                return Vec::new();
            };
            let theme = choice.name().to_string();
            let add = p.purpose == PickerPurpose::Tag;
            let count = target(s, p.scope).map_or(0, |(_, n)| n);
            let msg = if add {
                Msg::ConfirmTag
            } else {
                Msg::ConfirmUntag
            };
            let question = s.lang.f(msg, &[&count, &theme]);
            return submit(s, p.scope, question, |target| Effect::Tag {
                target,
                theme: theme.clone(),
                add,
            });
        }
        other => {
            if edit(&mut p.input, &other) {
                p.selected = 0;
            }
        }
    }
    s.mode = Mode::Picker(p);
    Vec::new()
}

fn route(s: &mut State, mut f: RouteForm, action: Action) -> Vec<Effect> {
    use RouteField::*;
    match (&action, f.field) {
        (Action::Up, Priority) => f.field = Queue,
        (Action::Up, Note) => f.field = Priority,
        (Action::Down, Queue) => f.field = Priority,
        (Action::Down, Priority) => f.field = Note,
        (Action::Left | Action::Right, Queue) => {
            let i = QUEUES.iter().position(|q| *q == f.queue).unwrap_or(0);
            f.queue = QUEUES[(i + 1) % QUEUES.len()];
        }
        (Action::Left, Priority) => f.priority = step_priority(f.priority, -1),
        (Action::Right, Priority) => f.priority = step_priority(f.priority, 1),
        (Action::CycleScope, _) => f.scope = cycle_scope(s, f.scope),
        (Action::Open, _) => {
            let count = target(s, f.scope).map_or(0, |(_, n)| n);
            let queue_name = s.t(super::screens::queue_title(f.queue));
            let question = s.lang.f(Msg::ConfirmRoute, &[&count, &queue_name]);
            let note = Some(f.note.text().trim().to_string()).filter(|n| !n.is_empty());
            let (queue, priority) = (f.queue, f.priority);
            return submit(s, f.scope, question, |target| Effect::Route {
                target,
                queue,
                priority,
                note: note.clone(),
            });
        }
        // Letters always go to the note, whichever field is highlighted.
        (other, _) => {
            if edit(&mut f.note, other) {
                f.field = Note;
            }
        }
    }
    s.mode = Mode::Route(f);
    Vec::new()
}

fn step_priority(p: Priority, by: i32) -> Priority {
    let all = [Priority::P1, Priority::P2, Priority::P3];
    let i = all.iter().position(|x| *x == p).unwrap_or(1) as i32;
    all[(i + by).clamp(0, 2) as usize]
}

fn quote(s: &mut State, mut f: QuoteForm, action: Action) -> Vec<Effect> {
    match action {
        Action::Up | Action::Down | Action::CycleScope => {
            f.field = match f.field {
                QuoteField::Note => QuoteField::Themes,
                QuoteField::Themes => QuoteField::Note,
            }
        }
        Action::Open => {
            let note = Some(f.note.text().trim().to_string()).filter(|n| !n.is_empty());
            close(s);
            return vec![Effect::AddQuote {
                record: f.record,
                start: f.start,
                end: f.end,
                note,
                themes: f.theme_list(),
            }];
        }
        other => {
            let field = match f.field {
                QuoteField::Note => &mut f.note,
                QuoteField::Themes => &mut f.themes,
            };
            edit(field, &other);
        }
    }
    s.mode = Mode::Quote(f);
    Vec::new()
}

fn item(s: &mut State, mut f: ItemForm, action: Action) -> Vec<Effect> {
    if matches!(action, Action::Open) {
        return super::queue::submit_edit(s, f);
    }
    edit(&mut f.input, &action);
    s.mode = Mode::Item(f);
    Vec::new()
}

fn confirm(s: &mut State, c: Confirm, action: Action) -> Vec<Effect> {
    match action {
        Action::Open | Action::Input('y' | 'Y') => {
            close(s);
            // A status change asked about is under way: the list shows the old status until
            // it reloads, and another step must not be taken from it.
            if let Effect::SetStatus { item, .. } = &c.then {
                s.queue.moving = Some(*item);
            }
            vec![c.then]
        }
        Action::Input('n' | 'N') => {
            s.mode = Mode::Normal;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn saved(s: &mut State, mut p: SavedPicker, action: Action) -> Vec<Effect> {
    match action {
        Action::Up | Action::ScrollUp => p.selected = p.selected.saturating_sub(1),
        Action::Down | Action::ScrollDown => {
            p.selected = (p.selected + 1).min(p.list.len().saturating_sub(1))
        }
        Action::Open => {
            let name = p.name.text().trim().to_string();
            s.mode = Mode::Normal;
            if !name.is_empty() {
                let query = s.search.input.text().to_string();
                let earlier = p.list.iter().find(|e| e.name == name && e.query != query);
                let then = Effect::SaveSearch { name, query };
                // Saving over a teammate's search has no undo: ask first, showing what it held.
                if let Some(e) = earlier {
                    let question = s.lang.f(Msg::ConfirmReplaceSaved, &[&e.name, &e.query]);
                    s.mode = Mode::Confirm(Confirm { question, then });
                    return Vec::new();
                }
                return vec![then];
            }
            let Some(saved) = p.list.get(p.selected) else {
                return Vec::new();
            };
            s.search.input = TextInput::new(&saved.query);
            s.screen = Screen::Search;
            return super::search::rerun(s);
        }
        other => {
            edit(&mut p.name, &other);
        }
    }
    s.mode = Mode::Saved(p);
    Vec::new()
}

fn export(s: &mut State, format: usize, action: Action) -> Vec<Effect> {
    let n = EXPORT_FORMATS.len();
    let format = match action {
        Action::Left | Action::Up => (format + n - 1) % n,
        Action::Right | Action::Down | Action::CycleScope => (format + 1) % n,
        Action::Open => {
            s.mode = Mode::Normal;
            let (fmt, ext) = EXPORT_FORMATS[format % n];
            return vec![Effect::ExportQuotes {
                format: fmt,
                ext,
                // The "no theme" group is not a theme the service knows.
                theme: s.quotes.theme.clone().filter(|t| t != s.t(Msg::NoTheme)),
            }];
        }
        _ => format,
    };
    s.mode = Mode::Export { format };
    Vec::new()
}
