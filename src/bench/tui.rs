//! Interface latency: the time to the first frame when opening a data dir, and keystroke to
//! frame while queries are typed one character at a time, rendered to a ratatui `TestBackend`.
//!
//! Until the interface (src/tui) lands, this drives a stand-in with the same per-keystroke work
//! the interface's worker does: `Hub::search` with its page size (200 hits), facets and 160-
//! character snippets, then a frame of a prompt, a status line and the hit list with highlights.
//! Every keystroke is searched and drawn; the real worker may skip stale ones, so this is the
//! worst case of typing.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, Paragraph};
use serde::{Deserialize, Serialize};

use super::measure::{Latency, peak_rss, timed};
use super::queries::BenchQuery;
use crate::config::Config;
use crate::domain::sanitize_line;
use crate::service::{Hub, SearchOptions, SearchPage};

/// A common terminal size; the list shows what fits.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// What the interface's worker asks for on every keystroke.
const PAGE_SIZE: usize = 200;
const SNIPPET_CHARS: usize = 160;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TuiFigures {
    /// Opening the data dir to the first painted frame (no results yet).
    pub first_frame_ms: f64,
    /// … to the first frame showing results (the newest records).
    pub first_results_ms: f64,
    pub keystrokes: Latency,
    /// The same keystrokes in CPU time of the drawing thread.
    pub keystrokes_cpu: Latency,
    /// Keystrokes whose prefix was not yet a valid query (`after:20`): an error line, no search.
    pub unfinished: usize,
    pub peak_rss: u64,
    /// Which interface was driven: "stand-in" or "src/tui".
    pub driver: String,
}

pub fn measure(dir: &Path, config: Config, mix: &[BenchQuery]) -> Result<TuiFigures> {
    let started = Instant::now();
    let hub = Hub::open(dir, config)?;
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    draw(&mut term, "", None)?;
    let first_frame_ms = started.elapsed().as_secs_f64() * 1000.0;
    let opts = SearchOptions {
        limit: PAGE_SIZE,
        facets: true,
        snippet_chars: SNIPPET_CHARS,
        ..Default::default()
    };
    let page = hub.search("", &opts);
    draw(&mut term, "", Some(&page))?;
    let first_results_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut samples = Vec::new();
    let mut cpu_samples = Vec::new();
    let mut unfinished = 0;
    for q in mix {
        let mut typed = String::new();
        for c in q.text.chars() {
            typed.push(c);
            let (drawn, wall, cpu) = timed(|| {
                let page = hub.search(&typed, &opts);
                draw(&mut term, &typed, Some(&page)).map(|_| page.is_err())
            });
            unfinished += usize::from(drawn?);
            samples.push(wall);
            cpu_samples.push(cpu);
        }
    }
    Ok(TuiFigures {
        first_frame_ms,
        first_results_ms,
        keystrokes: Latency::of(&samples),
        keystrokes_cpu: Latency::of(&cpu_samples),
        unfinished,
        peak_rss: peak_rss(),
        driver: "stand-in".into(),
    })
}

type SearchOutcome = crate::service::Result<SearchPage>;

fn draw(term: &mut Terminal<TestBackend>, typed: &str, page: Option<&SearchOutcome>) -> Result<()> {
    term.draw(|f| {
        let [prompt, status, list] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(f.area());
        f.render_widget(
            Paragraph::new(format!("› {typed}")).block(Block::default().borders(Borders::ALL)),
            prompt,
        );
        let (line, items) = match page {
            None => ("…".to_string(), Vec::new()),
            Some(Err(e)) => (sanitize_line(&e.to_string()), Vec::new()),
            Some(Ok(p)) => (
                format!("{} hits, {:.1} ms", p.total, p.took_ms),
                hit_items(p),
            ),
        };
        f.render_widget(Paragraph::new(line), status);
        f.render_widget(List::new(items), list);
    })?;
    Ok(())
}

fn hit_items(page: &SearchPage) -> Vec<ListItem<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    page.hits
        .iter()
        .map(|h| {
            let mut spans = vec![Span::raw(format!(
                "{} {:<10} ",
                h.record.created_at.format("%Y-%m-%d"),
                h.record.source
            ))];
            for (piece, hit) in h.snippet.segments() {
                let text = sanitize_line(piece);
                spans.push(if hit {
                    Span::styled(text, bold)
                } else {
                    Span::raw(text)
                });
            }
            ListItem::new(Line::from(spans))
        })
        .collect()
}
