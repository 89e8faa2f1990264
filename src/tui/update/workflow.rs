//! Starting a change: which records it covers (the scope), and the popup that asks for the
//! rest — theme picker, route form, quote form, saved searches.

use super::super::action::Action;
use super::super::effect::{Effect, Target};
use super::super::forms::{
    Picker, PickerPurpose, QuoteField, QuoteForm, RouteForm, SavedPicker, ScopeKind,
};
use super::super::i18n::Msg;
use super::super::state::{Mode, Screen, State};
use super::super::widgets::input::TextInput;

/// The record the cursor is on, on whichever screen.
pub fn current_record(s: &State) -> Option<i64> {
    match s.screen {
        Screen::Detail => s.detail.as_ref().map(|d| d.id),
        Screen::Search => s.search.current().map(|r| r.id),
        Screen::Product | Screen::Marketing => s.queue.list.current().map(|e| e.record.id),
        Screen::Quotes => s
            .quotes
            .list
            .current()
            .and_then(|(_, i)| s.quotes.cards.get(*i))
            .map(|c| c.record.id),
        Screen::Themes | Screen::Journal => None,
    }
}

/// Where a new popup's scope starts: the marked records when there are any (and we are on the
/// search screen, where marks are made), else the current record.
fn default_scope(s: &State) -> ScopeKind {
    if s.screen == Screen::Search && !s.search.marks.is_empty() {
        ScopeKind::Marked
    } else {
        ScopeKind::Current
    }
}

/// The records a scope covers now, and how many; or the message saying why there are none.
pub fn target(s: &State, scope: ScopeKind) -> Result<(Target, usize), String> {
    match scope {
        ScopeKind::Current => current_record(s)
            .map(|id| (Target::Ids(vec![id]), 1))
            .ok_or_else(|| s.t(Msg::NoCurrent).to_string()),
        ScopeKind::Marked if s.search.marks.is_empty() => Err(s.t(Msg::NoMarked).to_string()),
        ScopeKind::Marked => {
            let ids: Vec<i64> = s.search.marks.iter().copied().collect();
            let n = ids.len();
            Ok((Target::Ids(ids), n))
        }
        ScopeKind::Matches => {
            let page = s.search.page.as_ref();
            let typed = s.search.input.text().trim().to_string();
            // The hits shown may be those of the words apart: act on what found them.
            let apart = page
                .filter(|p| p.query.trim() == typed)
                .and_then(|p| p.apart.clone());
            let q = apart.unwrap_or(typed);
            let total = page.map_or(0, |p| p.total);
            if q.is_empty() {
                Err(s.t(Msg::NoQuery).to_string())
            } else if s.search.error.is_some() {
                Err(s.t(Msg::QueryBroken).to_string())
            } else {
                Ok((Target::Query(q), total))
            }
        }
    }
}

/// Describes a scope for a popup: "this record", "3 marked", "all 120 matches".
pub fn scope_label(s: &State, scope: ScopeKind) -> String {
    match target(s, scope) {
        Ok((_, n)) => match scope {
            ScopeKind::Current => s.t(Msg::ScopeCurrent).to_string(),
            ScopeKind::Marked => s.lang.f(Msg::ScopeMarked, &[&n]),
            ScopeKind::Matches => s.lang.f(Msg::ScopeMatches, &[&n]),
        },
        Err(why) => why,
    }
}

/// `t`, `T`, `r`: opens the theme picker or the route form.
pub fn start(s: &mut State, action: &Action) -> Vec<Effect> {
    let scope = default_scope(s);
    if let Err(why) = target(s, scope) {
        s.error(why);
        return Vec::new();
    }
    match action {
        Action::Route => {
            s.mode = Mode::Route(RouteForm::new(scope));
            Vec::new()
        }
        Action::Untag => {
            let themes = current_tags(s);
            s.mode = Mode::Picker(Picker::new(PickerPurpose::Untag, themes, scope));
            Vec::new()
        }
        _ => {
            let themes = s.themes.items.iter().map(|t| t.name.clone()).collect();
            s.mode = Mode::Picker(Picker::new(PickerPurpose::Tag, themes, scope));
            // Fresh theme names (someone may have tagged elsewhere) arrive into the picker.
            vec![Effect::LoadThemes]
        }
    }
}

/// Themes of the current record, for untagging it.
pub fn current_tags(s: &State) -> Vec<String> {
    let record = match s.screen {
        Screen::Detail => s.detail.as_ref().and_then(|d| d.record.as_ref()),
        Screen::Search => s.search.current(),
        Screen::Product | Screen::Marketing => s.queue.list.current().map(|e| &e.record),
        _ => None,
    };
    let mine: Vec<String> = record.map(|r| r.tags.clone()).unwrap_or_default();
    if !mine.is_empty() {
        return mine;
    }
    s.themes.items.iter().map(|t| t.name.clone()).collect()
}

/// `s` in the detail view: the selection becomes a quote form.
pub fn start_quote(s: &mut State) -> Vec<Effect> {
    let Some(d) = &s.detail else {
        return Vec::new();
    };
    let Some((a, b)) = d.selection() else {
        let text = s.lang.f(Msg::SelectFirst, &[&s.keymap.hint("select")]);
        s.error(text);
        return Vec::new();
    };
    let (start, end) = d.original_range(a, b);
    let text: String = d.body().chars().skip(a).take(b - a).collect();
    let themes = d
        .record
        .as_ref()
        .map(|r| r.tags.join(", "))
        .unwrap_or_default();
    s.mode = Mode::Quote(QuoteForm {
        record: d.id,
        start,
        end,
        text,
        note: TextInput::default(),
        themes: TextInput::new(&themes),
        field: QuoteField::Note,
    });
    Vec::new()
}

pub fn open_saved(s: &mut State) -> Vec<Effect> {
    s.mode = Mode::Saved(SavedPicker {
        list: Vec::new(),
        selected: 0,
        name: TextInput::default(),
    });
    vec![Effect::LoadSaved]
}

/// After a change is sent from a popup: back to the screen, the selection it quoted dropped.
pub fn close(s: &mut State) {
    s.mode = Mode::Normal;
    if let Some(d) = s.detail.as_mut() {
        d.anchor = None;
    }
}
