//! `update(&mut State, Action) -> Vec<Effect>`: the whole behaviour of the interface as one pure
//! function. No terminal, no thread, no service here — tests drive it directly.
//!
//! Dispatch order: terminal events and worker answers first (they apply in any mode), then the
//! popup in `Mode` if any, then the screen.

mod answers;
mod detail;
mod popups;
mod queue;
pub mod screens;
mod search;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_input;
#[cfg(test)]
mod tests_messages;
#[cfg(test)]
mod tests_paging;
#[cfg(test)]
mod tests_queue;
#[cfg(test)]
mod tests_workflow;
#[cfg(test)]
mod tests_zh;
mod workflow;

pub use workflow::scope_label;

use super::action::Action;
use super::effect::Effect;
use super::state::{Mode, Screen, State};

pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize { width, height } => {
            s.width = width;
            s.height = height;
            search::keep_visible(s);
            detail::keep_cursor_visible(s);
            // A taller list may show the last hits loaded.
            search::more_if_near_end(s)
        }
        // An answer may leave the cursor within a screen of the last hit (a tall terminal, a
        // reload at the bottom of the list): the next hits are asked for then, not at the next key.
        Action::SearchDone { generation, page } => {
            search::apply_page(s, generation, *page);
            search::more_if_near_end(s)
        }
        Action::SearchFailed {
            generation,
            problem,
        } => {
            search::apply_failure(s, generation, &problem);
            Vec::new()
        }
        Action::MoreHits {
            generation,
            from,
            answer,
        } => {
            search::apply_more(s, generation, from, answer.map(|p| *p));
            search::more_if_near_end(s)
        }
        Action::Worker(outcome) => answers::apply(s, *outcome),
        Action::DataChanged { total } => {
            // Someone else tagged or routed: the same records, changed.
            let msg = match s.total_records == Some(total) {
                true => super::i18n::Msg::ChangedElsewhere,
                false => super::i18n::Msg::NewRecords,
            };
            s.total_records = Some(total);
            let text = s.lang.f(msg, &[&total]);
            s.info(text);
            search::rerun(s)
        }
        Action::Unsearchable { pending } => {
            // Said once when it starts; the hit count beside the query keeps the number.
            if s.unsearchable == 0 && pending > 0 {
                let text = s.lang.f(super::i18n::Msg::Unsearchable, &[&pending]);
                s.info(text);
            }
            s.unsearchable = pending;
            Vec::new()
        }
        other => match s.mode.clone() {
            Mode::Normal => normal(s, other),
            Mode::EditQuery => search::editing(s, other),
            Mode::Help { scroll } => help(s, other, scroll),
            mode => popups::handle(s, mode, other),
        },
    }
}

/// Keys that mean the same on every screen; the rest go to the screen.
fn normal(s: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            s.quit = true;
            Vec::new()
        }
        Action::Help => {
            s.mode = Mode::Help { scroll: 0 };
            Vec::new()
        }
        Action::FocusQuery => {
            s.screen = Screen::Search;
            s.mode = Mode::EditQuery;
            s.search.input.end();
            Vec::new()
        }
        // Pasted text outside a text field: a paste is text by nature, never a run of commands,
        // and the query bar is the one field a screen offers, so it lands there as if `/` had
        // been pressed first. Dropping it would make the person paste again after `/`.
        Action::Paste(text) => {
            update(s, Action::FocusQuery);
            search::editing(s, Action::Paste(text))
        }
        Action::ScreenSearch => {
            s.screen = Screen::Search;
            Vec::new()
        }
        Action::ScreenThemes => screens::show(s, Screen::Themes),
        Action::ScreenProduct => screens::show(s, Screen::Product),
        Action::ScreenMarketing => screens::show(s, Screen::Marketing),
        Action::ScreenQuotes => screens::show(s, Screen::Quotes),
        Action::ScreenJournal => screens::show(s, Screen::Journal),
        Action::Reload => {
            let mut effects = search::rerun(s);
            effects.extend(screens::reload(s));
            effects
        }
        Action::Undo => vec![Effect::Undo],
        Action::SavedSearches => workflow::open_saved(s),
        Action::Tag | Action::Untag | Action::Route if s.screen != Screen::Journal => {
            workflow::start(s, &action)
        }
        other => match s.screen {
            Screen::Search => search::normal(s, other),
            Screen::Detail => match other {
                Action::SaveQuote => workflow::start_quote(s),
                other => detail::normal(s, other),
            },
            _ => screens::normal(s, other),
        },
    }
}

fn help(s: &mut State, action: Action, scroll: u16) -> Vec<Effect> {
    let scroll = match action {
        Action::Down | Action::ScrollDown => scroll.saturating_add(1),
        Action::Up | Action::ScrollUp => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(s.height / 2),
        Action::PageUp => scroll.saturating_sub(s.height / 2),
        Action::Top => 0,
        Action::Quit => {
            s.quit = true;
            return Vec::new();
        }
        Action::Back | Action::Help | Action::Open => {
            s.mode = Mode::Normal;
            return Vec::new();
        }
        _ => scroll,
    };
    s.mode = Mode::Help { scroll };
    Vec::new()
}
