//! The detail view: the record's metadata, its whole body wrapped for Chinese with the query's
//! matches, the text cursor and the selection shown, and records by the same author and similar
//! ones — beside the body when the window is wide, below it when narrow.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::{Feedback, sanitize_line};

use super::super::i18n::{Language, Msg, lang_label, queue_short_title};
use super::super::state::{DetailState, State};
use super::super::update::screens::{queue_title, status_label};
use super::super::widgets::text::{fit_parts, fit_spans, spans_width, truncate};
use super::super::widgets::wrap::{clusters, wrap};
use super::Theme;
use super::search::{kind_label, meta_spans};

/// Screen row of the first body line, and the body's left margin.
pub const BODY_TOP: u16 = 5;
pub const BODY_LEFT: u16 = 1;
/// From this width the related records get their own column.
const SIDE_FROM: u16 = 100;

pub fn body_width(width: u16) -> usize {
    let w = if width >= SIDE_FROM {
        width as usize * 62 / 100
    } else {
        width as usize
    };
    w.saturating_sub(2).max(10)
}

/// Body lines visible: the screen less the tab header, three metadata rows, the rule and the
/// status line.
pub fn body_rows(_width: u16, height: u16) -> usize {
    (height as usize).saturating_sub(BODY_TOP as usize + 1)
}

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    let Some(d) = &s.detail else {
        return;
    };
    let Some(r) = &d.record else {
        frame.render_widget(Paragraph::new(s.t(Msg::Loading)).style(Theme::DIM), area);
        return;
    };
    let width = area.width as usize;
    let head = vec![
        title_line(r, width),
        Line::from(fit_spans(meta_spans(s.lang, r, false), width)),
        Line::from(extra_spans(s.lang, d, r, width)),
        Line::styled("─".repeat(width), Theme::BORDER),
    ];
    frame.render_widget(Paragraph::new(head), Rect { height: 4, ..area });
    let body_area = Rect {
        y: area.y + 4,
        height: area.height.saturating_sub(4),
        ..area
    };
    let bw = body_width(area.width);
    let mut lines = body_lines(d, bw);
    if area.width >= SIDE_FROM {
        let side = Rect {
            x: area.x + bw as u16 + 3,
            width: area.width.saturating_sub(bw as u16 + 3),
            ..body_area
        };
        let related = related_lines(s.lang, d, side.width as usize);
        frame.render_widget(Paragraph::new(related), side);
    } else {
        lines.push(Line::from(""));
        lines.extend(related_lines(s.lang, d, bw));
    }
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(d.scroll)
        .take(body_area.height as usize)
        .collect();
    let text_area = Rect {
        x: body_area.x + BODY_LEFT,
        width: (bw as u16).min(body_area.width.saturating_sub(BODY_LEFT)),
        ..body_area
    };
    frame.render_widget(Paragraph::new(visible), text_area);
}

fn title_line(r: &Feedback, width: usize) -> Line<'static> {
    let title = r.title.as_deref().map(sanitize_line).unwrap_or_default();
    let mut spans = vec![
        Span::styled(format!(" #{} ", r.id), Theme::LABEL),
        Span::styled(title, Theme::TITLE),
    ];
    // Only the source's own id: one vochub derived would find nothing in the source's tool.
    if let Some(id) = r.source_id() {
        spans.push(Span::styled(format!("  {}", sanitize_line(id)), Theme::DIM));
    }
    Line::from(fit_spans(spans, width))
}

/// Date with time, language, queues, rating, link: what the list row had no room for. Said in
/// full where it fits; a narrow window gets short queue names, then loses what it needs least.
fn extra_spans(lang: Language, d: &DetailState, r: &Feedback, width: usize) -> Vec<Span<'static>> {
    let full: Vec<Span> = extra_parts(lang, d, r, false)
        .into_iter()
        .flat_map(|(_, p)| p)
        .collect();
    if spans_width(&full) <= width {
        return full;
    }
    fit_parts(extra_parts(lang, d, r, true), width)
}

/// How much each part is needed, when a narrow window cannot show them all.
mod need {
    pub const DATE: u8 = 9;
    pub const QUEUES: u8 = 8;
    pub const RATING: u8 = 7;
    pub const LINK: u8 = 5;
    pub const IMPORT_TIME: u8 = 4;
    pub const LANGUAGE: u8 = 3;
    pub const TIME_ZONE: u8 = 1;
}

/// The parts of the metadata row in order, each with how much it is needed; `short` words them
/// for a narrow window.
fn extra_parts(
    lang: Language,
    d: &DetailState,
    r: &Feedback,
    short: bool,
) -> Vec<(u8, Vec<Span<'static>>)> {
    let label = |m: Msg| Span::styled(format!(" {} ", lang.t(m)), Theme::LABEL);
    let mut parts = vec![
        (
            need::DATE,
            vec![
                label(Msg::FieldDate),
                Span::raw(r.created_at.format("%Y-%m-%d %H:%M").to_string()),
            ],
        ),
        (
            need::TIME_ZONE,
            vec![Span::raw(r.created_at.format(" %:z").to_string())],
        ),
    ];
    if r.date_is_import_time {
        let remark = if short {
            Msg::ImportTimeShort
        } else {
            Msg::ImportTime
        };
        let span = Span::styled(format!(" {}", lang.t(remark)), Theme::DIM);
        parts.push((need::IMPORT_TIME, vec![span]));
    }
    let language = Span::raw(lang.t(lang_label(r.lang)).to_string());
    parts.push((need::LANGUAGE, vec![label(Msg::FieldLang), language]));
    if !d.routes.is_empty() {
        let routes: Vec<String> = d
            .routes
            .iter()
            .map(|i| {
                let queue = match short {
                    true => queue_short_title(&i.queue),
                    false => queue_title(&i.queue),
                };
                format!(
                    "{} {} {}",
                    lang.t(queue),
                    lang.t(status_label(i.status)),
                    i.priority.as_str()
                )
            })
            .collect();
        let list = Span::styled(routes.join(", "), Theme::MARK);
        parts.push((need::QUEUES, vec![label(Msg::FieldQueues), list]));
    }
    if let Some(rating) = r.rating {
        let value = Span::raw(rating.to_string());
        parts.push((need::RATING, vec![label(Msg::FieldRating), value]));
    }
    if let Some(url) = &r.url {
        let link = Span::styled(sanitize_line(url), Theme::DIM);
        parts.push((need::LINK, vec![label(Msg::FieldUrl), link]));
    }
    parts
}

/// The wrapped body, each character styled by what it is: cursor, selected, matched or plain.
fn body_lines(d: &DetailState, width: usize) -> Vec<Line<'static>> {
    let text = d.body();
    let chars: Vec<char> = text.chars().collect();
    // Byte highlights → per-character flags.
    let mut matched = vec![false; chars.len()];
    for (i, (b, _)) in text.char_indices().enumerate() {
        matched[i] = d.highlights.iter().any(|r| r.contains(&b));
    }
    let selection = d.selection();
    let mut starts: Vec<usize> = (0..chars.len()).collect();
    for u in clusters(text) {
        starts[u.start..u.start + u.len].fill(u.start);
    }
    wrap(text, width)
        .iter()
        .map(|l| {
            let mut spans: Vec<Span> = Vec::new();
            let mut run = String::new();
            let mut run_style = Style::new();
            for i in l.start..l.end {
                let c = match chars[i] {
                    '\n' => ' ', // shows the cursor when it sits on a line break
                    '\t' => ' ',
                    c => c,
                };
                // Every character of a glyph takes the style of its first: a style change inside
                // an emoji sequence would split it into two spans, drawn as two glyphs.
                let g = starts[i];
                let style = if g == d.cursor {
                    Theme::CURSOR
                } else if selection.is_some_and(|(a, b)| g >= a && g < b) {
                    Theme::SELECTION
                } else if matched[g] {
                    Theme::MATCH
                } else {
                    Style::new()
                };
                if style != run_style && !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), run_style));
                }
                run_style = style;
                if chars[i] != '\n' || i == d.cursor {
                    run.push(c);
                }
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, run_style));
            }
            Line::from(spans)
        })
        .collect()
}

fn related_lines(lang: Language, d: &DetailState, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !d.quotes.is_empty() {
        lines.push(Line::styled(
            lang.t(Msg::FieldQuotes).to_string(),
            Theme::LABEL,
        ));
        for q in &d.quotes {
            let text = format!("  #{} “{}”", q.id, sanitize_line(&q.text));
            lines.push(Line::styled(truncate(&text, width), Theme::MATCH));
        }
        lines.push(Line::from(""));
    }
    for (title, list) in [
        (Msg::SameAuthor, &d.same_author),
        (Msg::Similar, &d.similar),
    ] {
        lines.push(Line::styled(lang.t(title).to_string(), Theme::LABEL));
        if list.is_empty() {
            lines.push(Line::styled(
                format!("  {}", lang.t(Msg::NoneYet)),
                Theme::DIM,
            ));
        }
        for r in list {
            let head = format!(
                "  #{} {} {} ",
                r.id,
                kind_label(lang, r.kind),
                r.created_at.format("%Y-%m-%d")
            );
            lines.push(Line::styled(truncate(&head, width), Theme::DIM));
            let text = r.title.clone().unwrap_or_else(|| r.body.clone());
            lines.push(Line::raw(truncate(
                &format!("    {}", sanitize_line(&text)),
                width,
            )));
        }
        lines.push(Line::from(""));
    }
    lines
}

#[cfg(test)]
mod tests {
    use crate::tui::update::tests::{opened_as, screen};

    #[test]
    fn the_title_line_shows_the_source_id_and_never_one_vochub_derived() {
        let title = |id: &str, derived: bool| {
            let s = opened_as(|r| {
                r.external_id = id.into();
                r.id_derived = derived;
                r.title = Some("快递被冒签".into());
            });
            // Spaces dropped: the buffer pads each wide character's second cell with one.
            let row = screen(&s).lines().nth(1).unwrap_or_default().to_string();
            row.replace(' ', "")
        };
        assert_eq!(title("T-1042", false), "#1快递被冒签T-1042");
        assert_eq!(title("h-5e847aedbf9946b9", true), "#1快递被冒签");
    }
}
