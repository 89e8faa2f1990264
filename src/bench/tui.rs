//! Interface latency, driving the real interface (src/tui): its `update`, the worker's
//! `perform` and `views::draw` into a ratatui `TestBackend`, exactly as the run loop wires them
//! but on one thread. Measured: opening a data dir to the first painted frame, to the first
//! frame with results, and keystroke to frame while each query of the mix is typed one
//! character at a time. Every keystroke's search runs and is drawn; the real worker skips
//! searches made stale by faster typing, so these are the worst case of typing.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::{Deserialize, Serialize};

use super::measure::{Latency, peak_rss, timed};
use super::queries::BenchQuery;
use crate::config::Config;
use crate::service::Hub;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::i18n::Language;
use crate::tui::keymap::Keymap;
use crate::tui::state::State;
use crate::tui::{update, views, worker};

/// A common terminal size.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// An answer can ask for more work (a detail to load…); a bound keeps a bug from looping.
const MAX_ROUNDS: usize = 8;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TuiFigures {
    /// Opening the data dir to the first painted frame (no results yet).
    pub first_frame_ms: f64,
    /// … to the first frame showing results (the newest records).
    pub first_results_ms: f64,
    pub keystrokes: Latency,
    /// The same keystrokes in CPU time of the drawing thread.
    pub keystrokes_cpu: Latency,
    /// Keystrokes whose prefix was not yet a valid query (`after:20`): an error line, no hits.
    pub unfinished: usize,
    /// Keystrokes after which the list showed hits.
    pub showed_hits: usize,
    pub peak_rss: u64,
    /// Which interface was driven.
    pub driver: String,
}

struct Ui {
    hub: Hub,
    state: State,
    term: Terminal<TestBackend>,
}

impl Ui {
    /// Runs the action through `update`, performs the effects as the worker would, feeds the
    /// answers back, and draws once, as the run loop does after a burst of input.
    fn act(&mut self, action: Action) -> Result<()> {
        let mut pending = vec![action];
        for _ in 0..MAX_ROUNDS {
            let mut answers = Vec::new();
            for a in pending.drain(..) {
                for effect in update::update(&mut self.state, a) {
                    if matches!(effect, Effect::Clipboard(_)) {
                        continue;
                    }
                    answers.extend(worker::perform(&mut self.hub, effect));
                }
            }
            if answers.is_empty() {
                break;
            }
            pending = answers;
        }
        self.draw()
    }

    fn draw(&mut self) -> Result<()> {
        let state = &self.state;
        self.term.draw(|f| views::draw(f, state))?;
        Ok(())
    }
}

pub fn measure(dir: &Path, config: Config, mix: &[BenchQuery]) -> Result<TuiFigures> {
    let started = Instant::now();
    // What `vochub` does before the interface starts: open the data dir, then paint.
    let hub = Hub::open(dir, config)?;
    let (keymap, _) = Keymap::with_overrides(&hub.config().keys);
    let mut state = State::new(Language::choose(hub.config()), keymap);
    state.width = WIDTH;
    state.height = HEIGHT;
    let term = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    let mut ui = Ui { hub, state, term };
    ui.draw()?;
    let first_frame_ms = started.elapsed().as_secs_f64() * 1000.0;
    ui.act(Action::Reload)?;
    let first_results_ms = started.elapsed().as_secs_f64() * 1000.0;
    ui.act(Action::FocusQuery)?;
    let mut samples = Vec::new();
    let mut cpu_samples = Vec::new();
    let mut unfinished = 0;
    let mut showed_hits = 0;
    for q in mix {
        ui.act(Action::ClearInput)?;
        for c in q.text.chars() {
            let (drawn, wall, cpu) = timed(|| ui.act(Action::Input(c)));
            drawn?;
            samples.push(wall);
            cpu_samples.push(cpu);
            showed_hits += usize::from(ui.state.search.hits_len() > 0);
            unfinished += usize::from(
                crate::domain::query::parse(ui.state.search.input.text(), crate::service::now())
                    .is_err(),
            );
        }
    }
    Ok(TuiFigures {
        first_frame_ms,
        first_results_ms,
        keystrokes: Latency::of(&samples),
        keystrokes_cpu: Latency::of(&cpu_samples),
        unfinished,
        showed_hits,
        peak_rss: peak_rss(),
        driver: "src/tui (update → perform → draw)".into(),
    })
}
