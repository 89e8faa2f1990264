//! The search screen: query bar with hit count, the result list (two rows a hit: who/when/what,
//! then the snippet with the match highlighted) and facet counts at the side.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::{Feedback, Kind, sanitize_line};
use crate::service::Hit;

use super::super::i18n::{Language, Msg};
use super::super::state::{Mode, State};
use super::super::widgets::text::{fit_spans, pad, pad_left, truncate};
use super::super::widgets::wrap::{str_width, wrap};
use super::Theme;

/// Screen rows of the query bar and of the first hit (row 0 is the tab header).
pub const QUERY_ROW: u16 = 1;
pub const LIST_TOP: u16 = 3;
pub const ROWS_PER_HIT: usize = 2;

/// Facets need room; below this width the list takes it all.
const FACETS_FROM: u16 = 70;

fn facet_width(width: u16) -> u16 {
    if width < FACETS_FROM {
        0
    } else if width >= 110 {
        30
    } else {
        24
    }
}

/// Columns of the result list.
pub fn list_width(width: u16) -> u16 {
    match facet_width(width) {
        0 => width,
        f => width - f - 1,
    }
}

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    query_bar(frame, s, Rect { height: 1, ..area });
    let rule = "─".repeat(area.width as usize);
    frame.render_widget(
        Paragraph::new(rule).style(Theme::BORDER),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    let lw = list_width(area.width);
    list(frame, s, Rect { width: lw, ..body });
    if lw < area.width {
        let sep = Rect {
            x: body.x + lw,
            width: 1,
            ..body
        };
        let bar: Vec<Line> = (0..sep.height).map(|_| Line::from("│")).collect();
        frame.render_widget(Paragraph::new(bar).style(Theme::BORDER), sep);
        facets(
            frame,
            s,
            Rect {
                x: body.x + lw + 1,
                width: area.width - lw - 1,
                ..body
            },
        );
    }
}

fn query_bar(frame: &mut Frame, s: &State, area: Rect) {
    let editing = s.mode == Mode::EditQuery;
    let count = count_label(s);
    let count_w = str_width(&count) as u16 + 1;
    let field_w = area.width.saturating_sub(count_w + 3) as usize;
    let (shown, col) = s.search.input.window(field_w);
    let text = sanitize_line(&shown);
    let prompt = Span::styled(" / ", if editing { Theme::MATCH } else { Theme::DIM });
    let field = if text.is_empty() && !editing {
        Span::styled(pad(s.t(Msg::QueryPlaceholder), field_w), Theme::DIM)
    } else {
        Span::raw(pad(&text, field_w))
    };
    let line = Line::from(vec![
        prompt,
        field,
        Span::styled(pad_left(&count, count_w as usize), Theme::LABEL),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if editing {
        frame.set_cursor_position(Position::new(area.x + 3 + col as u16, area.y));
    }
}

fn count_label(s: &State) -> String {
    if s.search.searching && s.search.page.is_none() {
        return s.t(Msg::Searching).to_string();
    }
    let Some(p) = &s.search.page else {
        return String::new();
    };
    let mut ms = s.lang.f(Msg::Took, &[&format!("{:.0}", p.took_ms)]);
    if s.unsearchable > 0 {
        ms = format!(
            "{ms} · {}",
            s.lang.f(Msg::StillIndexing, &[&s.unsearchable])
        );
    }
    if let Some(apart) = &p.apart {
        // Nothing held the query as typed: say what was searched instead.
        let apart = s.lang.f(Msg::HitsApart, &[&p.total, apart]);
        format!("{} · {ms}", sanitize_line(&apart))
    } else if p.hits.len() < p.total {
        format!(
            "{} · {ms}",
            s.lang.f(Msg::HitsShown, &[&p.total, &p.hits.len()])
        )
    } else {
        format!("{} · {ms}", s.lang.f(Msg::Hits, &[&p.total]))
    }
}

fn list(frame: &mut Frame, s: &State, area: Rect) {
    let width = area.width as usize;
    if let Some(err) = &s.search.error {
        // Wrapped, not cut: where the error is and what was expected come at its end. The
        // interface's own wrapping breaks Chinese between characters, where a word wrapper
        // would only break at the few spaces and leave "第 1" alone on a line.
        // Every line keeps the one-column margin the first has, so the text reads as a block.
        let whole = sanitize_line(err);
        let text: Vec<char> = whole.chars().collect();
        let lines: Vec<Line> = wrap(&whole, width.saturating_sub(1))
            .iter()
            .map(|l| {
                Line::raw(format!(
                    " {}",
                    text[l.start..l.end].iter().collect::<String>()
                ))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).style(Theme::ERROR), area);
        return;
    }
    let Some(page) = &s.search.page else {
        let msg = if s.search.searching {
            s.t(Msg::Searching)
        } else {
            ""
        };
        frame.render_widget(Paragraph::new(msg).style(Theme::DIM), area);
        return;
    };
    if page.hits.is_empty() {
        frame.render_widget(Paragraph::new(s.t(Msg::NoHits)).style(Theme::DIM), area);
        return;
    }
    let rows = area.height as usize / ROWS_PER_HIT;
    let mut lines = Vec::new();
    for (i, hit) in page
        .hits
        .iter()
        .enumerate()
        .skip(s.search.offset)
        .take(rows)
    {
        let selected = i == s.search.selected;
        let marked = s.search.marks.contains(&hit.record.id);
        let base = if selected {
            Theme::SELECTED
        } else {
            Style::new()
        };
        lines.push(meta_line(s.lang, hit, marked, width).style(base));
        lines.push(snippet_line(hit, width).style(base));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn kind_label(lang: Language, kind: Kind) -> &'static str {
    lang.t(match kind {
        Kind::Ticket => Msg::KindTicket,
        Kind::SalesNote => Msg::KindSales,
        Kind::Social => Msg::KindSocial,
        Kind::Email => Msg::KindEmail,
        Kind::Review => Msg::KindReview,
        Kind::Survey => Msg::KindSurvey,
        Kind::Other => Msg::KindOther,
    })
}

/// Columns wide enough for every kind label in the language, so dates line up.
fn kind_width(lang: Language) -> usize {
    Kind::ALL
        .iter()
        .map(|k| str_width(kind_label(lang, *k)))
        .max()
        .unwrap_or(6)
}

/// `● 工单 2026-06-02 苏先生 · tickets.json  #物流 #投诉`
pub fn meta_spans(lang: Language, r: &Feedback, marked: bool) -> Vec<Span<'static>> {
    let mut spans = meta_head(lang, r, marked);
    spans.extend(tag_spans(r));
    spans
}

/// A record's day, or a mark in its place when the source gave no date: the stored one is only
/// when it was imported, and shown as a day it would read as when the customer wrote.
fn list_date(lang: Language, r: &Feedback) -> String {
    match r.date_is_import_time {
        true => pad(lang.t(Msg::NoDate), 10),
        false => r.created_at.format("%Y-%m-%d").to_string(),
    }
}

/// The record line without its themes.
fn meta_head(lang: Language, r: &Feedback, marked: bool) -> Vec<Span<'static>> {
    vec![
        Span::styled(if marked { "●" } else { " " }, Theme::MARK),
        Span::styled(
            format!("{} ", pad(kind_label(lang, r.kind), kind_width(lang))),
            Theme::LABEL,
        ),
        Span::styled(format!("{} ", list_date(lang, r)), Theme::DIM),
        Span::styled(
            truncate(&sanitize_line(r.author.as_deref().unwrap_or("-")), 16),
            Theme::TITLE,
        ),
        Span::styled(
            format!(" · {}", truncate(&sanitize_line(&r.source), 16)),
            Theme::DIM,
        ),
    ]
}

fn tag_spans(r: &Feedback) -> impl Iterator<Item = Span<'static>> + '_ {
    r.tags
        .iter()
        .map(|t| Span::styled(format!("  #{}", sanitize_line(t)), Theme::TAG))
}

fn meta_line(lang: Language, hit: &Hit, marked: bool, width: usize) -> Line<'static> {
    let mut spans = meta_head(lang, &hit.record, marked);
    // A wave of reposts is one line: how many more said the same is part of what it says. It
    // goes before the themes, which a narrow screen cuts first.
    if hit.duplicates > 0 {
        let alike = lang.f(Msg::NearDuplicates, &[&hit.duplicates]);
        spans.push(Span::styled(format!("  {alike}"), Theme::MATCH));
    }
    spans.extend(tag_spans(&hit.record));
    Line::from(fit_spans(spans, width))
}

fn snippet_line(hit: &Hit, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw("   ")];
    if let Some(t) = &hit.record.title {
        spans.push(Span::styled(
            format!("{} · ", sanitize_line(t)),
            Theme::TITLE,
        ));
    }
    for (piece, is_match) in hit.snippet.segments() {
        let style = if is_match { Theme::MATCH } else { Style::new() };
        spans.push(Span::styled(sanitize_line(piece), style));
    }
    Line::from(fit_spans(spans, width))
}

fn facets(frame: &mut Frame, s: &State, area: Rect) {
    let Some(page) = s.search.page.as_ref() else {
        return;
    };
    let Some(f) = page.facets.as_ref() else {
        return;
    };
    let width = area.width as usize;
    let mut lines = Vec::new();
    let rows = area.height as usize;
    let groups = [
        (Msg::FacetThemes, &f.tag),
        (Msg::FacetSources, &f.source),
        (Msg::FacetKinds, &f.kind),
    ];
    // Share the rows out so that every group shows something.
    let per_group = rows.saturating_sub(groups.len() * 2) / groups.len();
    for (title, list) in groups {
        lines.push(Line::styled(format!(" {}", s.t(title)), Theme::LABEL));
        if list.is_empty() {
            // Hits none of which has a theme are worth saying so; anything else empty is no hits.
            let empty = match title {
                Msg::FacetThemes if page.total > 0 => Msg::NoThemes,
                _ => Msg::FacetNone,
            };
            lines.push(Line::styled(format!("  {}", s.t(empty)), Theme::DIM));
        }
        for (name, n) in list.iter().take(per_group.max(1)) {
            let label = if title == Msg::FacetKinds {
                name.parse::<Kind>()
                    .map(|k| kind_label(s.lang, k).to_string())
                    .unwrap_or_else(|_| sanitize_line(name))
            } else {
                sanitize_line(name)
            };
            let count = n.to_string();
            let name_w = width.saturating_sub(count.len() + 3);
            lines.push(Line::from(vec![
                Span::raw(format!("  {}", pad(&label, name_w))),
                Span::styled(format!("{count} "), Theme::DIM),
            ]));
        }
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_without_a_date_of_its_own_shows_no_day_in_the_list() {
        let mut r = crate::tui::update::tests::record(7, "退款");
        assert_eq!(list_date(Language::Zh, &r), "2026-06-02");
        r.date_is_import_time = true;
        assert_eq!(list_date(Language::Zh, &r), "（无日期）");
        assert_eq!(list_date(Language::En, &r), "(no date) ");
    }
}
