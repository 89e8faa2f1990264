//! The terminal interface, built as a small machine (see ARCHITECTURE.md): a key becomes an
//! `Action`, `update` turns it into new `State` plus `Effect`s, the worker thread performs the
//! effects against the `Hub` and answers with more actions, and `views::draw` paints the state.
//!
//! This file is the run loop that wires those together; it holds no behaviour of its own.

pub mod action;
pub mod effect;
pub mod forms;
pub mod i18n;
pub mod keymap;
pub mod state;
mod terminal;
pub mod update;
pub mod views;
pub mod widgets;
pub mod worker;

use std::io::IsTerminal;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::service::Hub;

use action::Action;
use effect::Effect;
use i18n::{Language, Msg};
use keymap::{Key, Keymap, typing_action};
use state::State;

/// Whether the interactive interface exists in this build.
pub const AVAILABLE: bool = true;

/// How long to wait for input before looking at the worker's answers again.
const POLL: Duration = Duration::from_millis(30);

pub fn run(hub: Hub) -> anyhow::Result<i32> {
    let lang = Language::choose(hub.config());
    if !std::io::stdout().is_terminal() {
        let total = hub.stats()?.total;
        let dir = hub.data_dir().display().to_string();
        println!("{}", lang.f(Msg::NotTerminal, &[&total, &dir]));
        return Ok(0);
    }
    let (keymap, problems) = Keymap::with_overrides(&hub.config().keys);
    let mut state = State::new(lang, keymap);
    if let Some(p) = problems.first() {
        let text = lang.f(Msg::KeysProblem, &[&p.words(lang)]);
        state.error(text);
    }
    let worker = worker::Worker::spawn(hub);
    let result = event_loop(&mut state, &worker);
    worker.stop();
    result.map(|_| 0)
}

/// Every named action with the keys the config binds to it and what it does, in the interface
/// language: what `?` shows inside the interface, for `vochub keys`. Also the config's binding
/// problems, so they can be fixed before opening the interface.
pub fn key_table(config: &crate::config::Config) -> (Vec<KeyRow>, Vec<String>) {
    let lang = Language::choose(config);
    let (keymap, problems) = Keymap::with_overrides(&config.keys);
    let rows = action::Action::NAMED
        .iter()
        .map(|(name, _)| KeyRow {
            action: name,
            keys: keymap.keys_of(name).to_vec(),
            what: lang.action_help(name),
        })
        .collect();
    (rows, problems.iter().map(ToString::to_string).collect())
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct KeyRow {
    pub action: &'static str,
    pub keys: Vec<String>,
    pub what: &'static str,
}

fn event_loop(state: &mut State, worker: &worker::Worker) -> anyhow::Result<()> {
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    state.width = size.width;
    state.height = size.height;
    // The first frame paints before any result exists; the first search follows it.
    guard.terminal.draw(|f| views::draw(f, state))?;
    dispatch(state, worker, Action::Reload);
    loop {
        let mut dirty = false;
        if event::poll(POLL)? {
            // Take every event already waiting, so a burst of keys draws once.
            loop {
                if let Some(a) = to_action(state, event::read()?) {
                    dispatch(state, worker, a);
                    dirty = true;
                }
                if state.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        while let Ok(a) = worker.answers.try_recv() {
            dispatch(state, worker, a);
            dirty = true;
        }
        if state.quit {
            return Ok(());
        }
        if dirty {
            guard.terminal.draw(|f| views::draw(f, state))?;
        }
    }
}

fn dispatch(state: &mut State, worker: &worker::Worker, action: Action) {
    for effect in update::update(state, action) {
        match effect {
            Effect::Clipboard(text) => {
                if let Err(e) = terminal::copy_to_clipboard(&text) {
                    let msg = state.lang.f(Msg::ClipboardFailed, &[&e]);
                    state.error(msg);
                }
            }
            other => {
                if worker.effects.send(other).is_err() {
                    let msg = state.lang.t(Msg::WorkerStopped).to_string();
                    state.error(msg);
                }
            }
        }
    }
}

fn to_action(state: &State, ev: Event) -> Option<Action> {
    match ev {
        // Only presses: terminals that report releases would otherwise act twice.
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let key = Key::from_event(&k)?;
            if state.mode.is_typing() {
                typing_action(&key)
            } else {
                state.keymap.action(&key)
            }
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // One action for the whole paste: its letters must never reach the keymap as commands.
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's key table is what `?` shows in English: every action, its default keys and
    /// its words, in the same order.
    #[test]
    fn the_readme_key_table_is_the_help_screen() {
        let readme = include_str!("../../README.md");
        let rows: Vec<String> = readme
            .lines()
            .skip_while(|l| *l != "| keys | action | what it does |")
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(str::to_string)
            .collect();
        let keymap = Keymap::defaults();
        let expected: Vec<String> = Action::NAMED
            .iter()
            .map(|(name, _)| {
                let keys: Vec<String> = keymap
                    .keys_of(name)
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect();
                let what = Language::En.action_help(name);
                format!("| {} | `{name}` | {what} |", keys.join(", "))
            })
            .collect();
        assert_eq!(rows, expected);
    }

    #[test]
    fn a_paste_event_is_one_action_whatever_the_mode() {
        let s = State::new(Language::En, Keymap::defaults());
        let action = to_action(&s, Event::Paste("q\nu".into()));
        assert!(matches!(action, Some(Action::Paste(t)) if t == "q\nu"));
    }
}
