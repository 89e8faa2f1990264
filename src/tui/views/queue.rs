//! A queue screen (product or marketing): its items filtered by status, each with priority,
//! date, who said it, who has it, the team's note and what the customer said.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::{Priority, sanitize_line};
use crate::service::QueueEntry;

use super::super::i18n::{Language, Msg};
use super::super::state::State;
use super::super::update::screens::status_label;
use super::super::widgets::text::{fit_spans, pad, truncate};
use super::Theme;

/// At most this much of an assignee and of a note in a row, so the customer's words still show;
/// `n` and `a` open the whole text.
const ASSIGNEE_COLS: usize = 12;
const NOTE_COLS: usize = 24;

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    let width = area.width as usize;
    let filter = s
        .queue
        .filter
        .map_or(s.t(Msg::StatusAll), |f| s.t(status_label(f)));
    let mut lines = vec![super::filter_line(s, filter)];
    let list = &s.queue.list;
    lines.extend(super::empty_line(s, list));
    let rows = (area.height as usize).saturating_sub(1);
    for (base, e) in super::visible(list, rows) {
        lines.push(Line::from(fit_spans(row(s.lang, e), width)).style(base));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn row(lang: Language, e: &QueueEntry) -> Vec<Span<'static>> {
    let prio_style = match e.item.priority {
        Priority::P1 => Theme::ERROR,
        Priority::P2 => Style::new(),
        Priority::P3 => Theme::DIM,
    };
    let mut spans = vec![
        Span::styled(format!(" {:>4} ", e.item.id), Theme::DIM),
        Span::styled(pad(lang.t(status_label(e.item.status)), 9), Theme::LABEL),
        Span::styled(format!(" {} ", e.item.priority.as_str()), prio_style),
        Span::styled(
            format!("{} ", e.record.created_at.format("%m-%d")),
            Theme::DIM,
        ),
        Span::styled(
            format!(
                "{} ",
                pad(
                    &sanitize_line(e.record.author.as_deref().unwrap_or("-")),
                    12
                )
            ),
            Theme::TITLE,
        ),
    ];
    // Cleared with an empty prompt, a field holds "": that is no one, no note.
    let set = |v: &Option<String>| v.as_deref().map(sanitize_line).filter(|t| !t.is_empty());
    if let Some(who) = set(&e.item.assignee) {
        spans.push(Span::styled(
            format!("@{} ", truncate(&who, ASSIGNEE_COLS)),
            Theme::TAG,
        ));
    }
    if let Some(note) = set(&e.item.note) {
        spans.push(Span::styled(
            format!("[{}] ", truncate(&note, NOTE_COLS)),
            Theme::MARK,
        ));
    }
    spans.push(Span::raw(sanitize_line(&e.snippet)));
    spans
}
