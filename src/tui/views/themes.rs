//! The themes dashboard: each theme with its record and people counts, a weekly sparkline, and
//! counts per kind — zeros dimmed, so a theme only one department hears stands out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::{Kind, ThemeSummary, sanitize_line, sparkline};

use super::super::i18n::Msg;
use super::super::state::State;
use super::super::widgets::text::{pad, pad_left};
use super::Theme;
use super::search::kind_label;

/// A column for each kind, so that a row's columns add up to its records; surveys go with
/// the other kinds, the fewest.
const KIND_COLUMNS: [&[Kind]; 6] = [
    &[Kind::Ticket],
    &[Kind::SalesNote],
    &[Kind::Social],
    &[Kind::Email],
    &[Kind::Review],
    &[Kind::Other, Kind::Survey],
];
/// Width of each kind's column.
const KIND_W: usize = 6;
/// Everything on a wide row but the theme's name.
const WIDE_REST: usize = 1 + 8 + 7 + 15 + KIND_COLUMNS.len() * KIND_W;

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    let width = area.width as usize;
    let wide = width >= WIDE_REST + 12;
    let name_w = if wide {
        width.saturating_sub(WIDE_REST).clamp(12, 28)
    } else {
        width.saturating_sub(30)
    };
    let mut head = vec![
        Span::styled(
            format!(" {}", pad(s.t(Msg::ColTheme), name_w)),
            Theme::LABEL,
        ),
        Span::styled(pad_left(s.t(Msg::ColRecords), 8), Theme::LABEL),
    ];
    if wide {
        head.push(Span::styled(
            pad_left(s.t(Msg::ColAuthors), 7),
            Theme::LABEL,
        ));
    }
    head.push(Span::styled(
        format!("  {}", pad(s.t(Msg::ColWeekly), 13)),
        Theme::LABEL,
    ));
    if wide {
        for kinds in KIND_COLUMNS {
            head.push(Span::styled(
                pad_left(kind_label(s.lang, kinds[0]), KIND_W),
                Theme::LABEL,
            ));
        }
    }
    let mut lines = vec![Line::from(head)];
    if s.themes.items.is_empty() {
        let msg = if s.themes.loaded {
            Msg::Empty
        } else {
            Msg::Loading
        };
        lines.push(Line::styled(format!(" {}", s.t(msg)), Theme::DIM));
    }
    let rows = (area.height as usize).saturating_sub(1);
    for (i, t) in s
        .themes
        .items
        .iter()
        .enumerate()
        .skip(s.themes.offset)
        .take(rows)
    {
        let base = if i == s.themes.selected {
            Theme::SELECTED
        } else {
            Style::new()
        };
        lines.push(row(t, name_w, wide).style(base));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn row(t: &ThemeSummary, name_w: usize, wide: bool) -> Line<'static> {
    let mut spans = vec![
        Span::styled(
            format!(" {}", pad(&sanitize_line(&t.name), name_w)),
            Theme::TAG,
        ),
        Span::raw(pad_left(&t.records.to_string(), 8)),
    ];
    if wide {
        spans.push(Span::styled(
            pad_left(&t.authors.to_string(), 7),
            Theme::DIM,
        ));
    }
    spans.push(Span::styled(
        format!("  {}", pad(&sparkline(&t.weekly), 13)),
        Theme::MATCH,
    ));
    if wide {
        let count = |kinds: &[Kind]| -> u64 {
            t.by_kind
                .iter()
                .filter(|(name, _)| kinds.iter().any(|k| k.as_str() == name))
                .map(|(_, n)| *n)
                .sum()
        };
        for kinds in KIND_COLUMNS {
            let n = count(kinds);
            let (text, style) = if n == 0 {
                ("·".to_string(), Theme::DIM)
            } else {
                (n.to_string(), Style::new())
            };
            spans.push(Span::styled(pad_left(&text, KIND_W), style));
        }
    }
    Line::from(spans)
}
