//! The journal: every change, newest first, with who made it and whether it was undone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::sanitize_line;

use super::super::i18n::Msg;
use super::super::state::State;
use super::super::widgets::text::{fit_spans, pad};
use super::Theme;

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    let width = area.width as usize;
    let mut lines = vec![Line::from(fit_spans(
        vec![
            Span::styled(format!(" {:>5} ", "#"), Theme::LABEL),
            Span::styled(pad(s.t(Msg::ColWhen), 12), Theme::LABEL),
            Span::styled(pad(s.t(Msg::ColWho), 12), Theme::LABEL),
            Span::styled(s.t(Msg::ColWhat).to_string(), Theme::LABEL),
        ],
        width,
    ))];
    let list = &s.journal;
    lines.extend(super::empty_line(s, list));
    let rows = (area.height as usize).saturating_sub(1);
    for (base, e) in super::visible(list, rows) {
        let mut spans = vec![
            Span::styled(format!(" {:>5} ", e.id), Theme::DIM),
            Span::styled(pad(&e.at.format("%m-%d %H:%M").to_string(), 12), Theme::DIM),
            Span::styled(pad(&sanitize_line(&e.who), 12), Theme::TITLE),
            Span::raw(sanitize_line(&s.lang.journal_line(e))),
        ];
        if e.undone_by.is_some() {
            spans.push(Span::styled(format!(" {}", s.t(Msg::Undone)), Theme::DIM));
        }
        lines.push(Line::from(fit_spans(spans, width)).style(base));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
