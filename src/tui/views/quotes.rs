//! The quote board: quotes grouped by theme, each with who said it, where and when.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::sanitize_line;

use super::super::i18n::Msg;
use super::super::state::State;
use super::super::widgets::text::{fit_spans, pad};
use super::Theme;

/// Screen rows a quote takes: the words, then the attribution.
pub const ROWS_PER_QUOTE: usize = 2;

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    let width = area.width as usize;
    let shown = s
        .quotes
        .theme
        .clone()
        .unwrap_or_else(|| s.t(Msg::StatusAll).to_string());
    let mut lines = vec![super::filter_line(s, &shown)];
    let list = &s.quotes.list;
    lines.extend(super::empty_line(s, list));
    let rows = (area.height as usize).saturating_sub(1) / ROWS_PER_QUOTE;
    let theme_w = 12;
    for (base, (theme, ci)) in super::visible(list, rows) {
        let Some(c) = s.quotes.cards.get(*ci) else {
            continue;
        };
        let r = &c.record;
        let words = vec![
            Span::styled(format!(" {} ", pad(theme, theme_w)), Theme::TAG),
            Span::raw(format!("“{}”", sanitize_line(&c.quote.text))),
        ];
        let mut by = vec![
            Span::raw(" ".repeat(theme_w + 2)),
            Span::styled(
                format!(
                    "— {} · {} · {} · #{}",
                    sanitize_line(r.author.as_deref().unwrap_or("-")),
                    sanitize_line(&r.source),
                    r.created_at.format("%Y-%m-%d"),
                    r.id
                ),
                Theme::DIM,
            ),
        ];
        if let Some(note) = &c.quote.note {
            by.push(Span::styled(
                format!("  {}", sanitize_line(note)),
                Theme::MARK,
            ));
        }
        if c.stale {
            by.push(Span::styled(format!("  {}", s.t(Msg::Stale)), Theme::ERROR));
        }
        lines.push(Line::from(fit_spans(words, width)).style(base));
        lines.push(Line::from(fit_spans(by, width)).style(base));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
