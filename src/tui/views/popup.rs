//! The popups drawn over a screen: theme picker, route form, quote form, queue item prompt,
//! confirmation, saved searches, export. Each is a bordered box in the middle; the active text field has the cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::{Priority, QUEUES, sanitize_line};

use super::super::forms::{
    Choice, EXPORT_FORMATS, ItemField, ItemForm, Picker, PickerPurpose, QuoteField, QuoteForm,
    RouteField, RouteForm, SavedPicker,
};
use super::super::i18n::Msg;
use super::super::state::{Mode, State};
use super::super::update::scope_label;
use super::super::update::screens::queue_title;
use super::super::widgets::input::TextInput;
use super::super::widgets::text::{pad, truncate};
use super::super::widgets::wrap::{str_width, wrap};
use super::Theme;

pub fn draw(frame: &mut Frame, s: &State, area: Rect) {
    let (title, lines, cursor) = match &s.mode {
        Mode::Picker(p) => picker(s, p, area),
        Mode::Route(f) => route(s, f, area),
        Mode::Quote(f) => quote(s, f, area),
        Mode::Item(f) => item(s, f, area),
        Mode::Confirm(c) => (s.t(Msg::ConfirmTitle), wrapped(&c.question, area), None),
        Mode::Saved(p) => saved(s, p, area),
        Mode::Export { format } => export(s, *format),
        _ => return,
    };
    let width = box_width(area);
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 3,
        width,
        height,
    };
    super::clear_edges(frame, rect);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::LABEL)
        .title(Span::styled(format!(" {title} "), Theme::TITLE));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
    // (row within the box, column) of the active field's cursor.
    if let Some((row, col)) = cursor {
        let x = (rect.x + 1 + col).min(rect.x + rect.width.saturating_sub(2));
        frame.set_cursor_position(Position::new(x, rect.y + 1 + row));
    }
}

type Popup = (&'static str, Vec<Line<'static>>, Option<(u16, u16)>);

fn label(s: &State, m: Msg) -> String {
    s.lang.label(s.t(m))
}

fn box_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(72)
}

/// Columns inside the box's borders.
fn inner(area: Rect) -> usize {
    box_width(area).saturating_sub(2) as usize
}

/// A text as the box's rows: the box is as tall as its lines, so a long question must be
/// wrapped here, or its end (the keys that answer it) would fall below the border.
fn wrapped(text: &str, area: Rect) -> Vec<Line<'static>> {
    let chars: Vec<char> = text.chars().collect();
    wrap(text, inner(area))
        .iter()
        .map(|l| {
            Line::raw(
                chars[l.start..l.end]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string(),
            )
        })
        .collect()
}

/// `label: text` on one line of a box drawn over `area`, and the column the cursor goes to when
/// it is the active field. A text longer than the line scrolls with the cursor rather than wrap.
/// `label` comes with its colon (see `Language::label`), or is empty.
fn field(label: &str, input: &TextInput, active: bool, area: Rect) -> (Line<'static>, u16) {
    let mark = if active { "▸" } else { " " };
    let prefix = format!("{mark} {label}");
    let (shown, col) = input.window(inner(area).saturating_sub(str_width(&prefix)));
    let col = (str_width(&prefix) + col) as u16;
    let style = if active { Theme::MATCH } else { Theme::DIM };
    let line = Line::from(vec![
        Span::styled(prefix, style),
        Span::raw(sanitize_line(&shown)),
    ]);
    (line, col)
}

fn scope_line(s: &State, scope: super::super::forms::ScopeKind) -> Line<'static> {
    let text = s.lang.f(
        Msg::ScopeLabel,
        &[&s.keymap.hint("cycle_scope"), &scope_label(s, scope)],
    );
    Line::styled(text, Theme::LABEL)
}

fn picker(s: &State, p: &Picker, area: Rect) -> Popup {
    let title = if p.purpose == PickerPurpose::Tag {
        s.t(Msg::PickTag)
    } else {
        s.t(Msg::PickUntag)
    };
    let (input, col) = field("", &p.input, true, area);
    let mut lines = vec![input, scope_line(s, p.scope)];
    let room = (area.height as usize).saturating_sub(7).clamp(1, 12);
    let choices = p.choices();
    let first = p.selected.saturating_sub(room - 1);
    for (i, c) in choices.iter().enumerate().skip(first).take(room) {
        let text = match c {
            Choice::Existing(n) => format!("  {}", sanitize_line(n)),
            Choice::New(n) => format!("  {}", s.lang.f(Msg::NewTheme, &[&sanitize_line(n)])),
        };
        let style = if i == p.selected {
            Theme::SELECTED
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    if choices.is_empty() {
        lines.push(Line::styled(
            format!("  {}", s.t(Msg::NoThemes)),
            Theme::DIM,
        ));
    }
    lines.push(Line::styled(s.t(Msg::PickHint), Theme::DIM));
    (title, lines, Some((0, col)))
}

/// `[chosen]` among the options.
fn options(names: &[String], chosen: usize) -> String {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == chosen {
                format!("[{n}]")
            } else {
                format!(" {n} ")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn route(s: &State, f: &RouteForm, area: Rect) -> Popup {
    let mark = |on: bool| if on { "▸" } else { " " };
    let queues: Vec<String> = QUEUES
        .iter()
        .map(|q| s.t(queue_title(q)).to_string())
        .collect();
    let qi = QUEUES.iter().position(|q| *q == f.queue).unwrap_or(0);
    let prios = [Priority::P1, Priority::P2, Priority::P3];
    let pnames: Vec<String> = prios
        .iter()
        .map(|p| {
            s.t(match p {
                Priority::P1 => Msg::PriorityP1,
                Priority::P2 => Msg::PriorityP2,
                Priority::P3 => Msg::PriorityP3,
            })
            .to_string()
        })
        .collect();
    let pi = prios.iter().position(|p| *p == f.priority).unwrap_or(1);
    let (note, col) = field(
        &label(s, Msg::RouteNote),
        &f.note,
        f.field == RouteField::Note,
        area,
    );
    let lines = vec![
        scope_line(s, f.scope),
        Line::raw(format!(
            "{} {}{}",
            mark(f.field == RouteField::Queue),
            label(s, Msg::RouteQueue),
            options(&queues, qi)
        )),
        Line::raw(format!(
            "{} {}{}",
            mark(f.field == RouteField::Priority),
            label(s, Msg::RoutePriority),
            options(&pnames, pi)
        )),
        note,
        Line::styled(s.t(Msg::RouteHint), Theme::DIM),
    ];
    let cursor = (f.field == RouteField::Note).then_some((3, col));
    (s.t(Msg::RouteTitle), lines, cursor)
}

fn quote(s: &State, f: &QuoteForm, area: Rect) -> Popup {
    let (note, ncol) = field(
        &label(s, Msg::RouteNote),
        &f.note,
        f.field == QuoteField::Note,
        area,
    );
    let (themes, tcol) = field(
        &label(s, Msg::QuoteThemes),
        &f.themes,
        f.field == QuoteField::Themes,
        area,
    );
    let text = truncate(&format!("“{}”", sanitize_line(&f.text)), 200);
    let lines = vec![
        Line::styled(text, Theme::MATCH),
        note,
        themes,
        Line::styled(s.t(Msg::QuoteHint), Theme::DIM),
    ];
    // The quoted text may wrap; the fields sit after however many rows it takes.
    let text_rows = (str_width(&lines[0].to_string()) / 68 + 1) as u16;
    let cursor = match f.field {
        QuoteField::Note => (text_rows, ncol),
        QuoteField::Themes => (text_rows + 1, tcol),
    };
    (s.t(Msg::QuoteTitle), lines, Some(cursor))
}

/// The queue item's note or assignee: which item, the field, and the keys.
fn item(s: &State, f: &ItemForm, area: Rect) -> Popup {
    let (title, name) = match f.field {
        ItemField::Note => (Msg::ItemNoteTitle, Msg::RouteNote),
        ItemField::Assignee => (Msg::ItemAssignTitle, Msg::ItemAssignee),
    };
    let (input, col) = field(&label(s, name), &f.input, true, area);
    let lines = vec![
        // One row, so that the field stays on the row the cursor is put on.
        Line::styled(truncate(&f.about, inner(area)), Theme::DIM),
        input,
        Line::styled(s.t(Msg::ItemHint), Theme::DIM),
    ];
    (s.t(title), lines, Some((1, col)))
}

fn saved(s: &State, p: &SavedPicker, area: Rect) -> Popup {
    let mut lines = Vec::new();
    if p.list.is_empty() {
        lines.push(Line::styled(s.t(Msg::SavedNone), Theme::DIM));
    }
    for (i, sv) in p.list.iter().enumerate() {
        let text = format!(
            " {} {:>5}  {}",
            pad(&sanitize_line(&sv.name), 16),
            sv.count,
            sanitize_line(&sv.query)
        );
        let style = if i == p.selected && p.name.text().is_empty() {
            Theme::SELECTED
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    let (name, col) = field(&label(s, Msg::SavedName), &p.name, true, area);
    let row = lines.len() as u16;
    lines.push(name);
    lines.push(Line::styled(s.t(Msg::SavedHint), Theme::DIM));
    (s.t(Msg::SavedTitle), lines, Some((row, col)))
}

fn export(s: &State, format: usize) -> Popup {
    let names: Vec<String> = EXPORT_FORMATS.iter().map(|(_, e)| e.to_string()).collect();
    let theme = s
        .quotes
        .theme
        .clone()
        .unwrap_or_else(|| s.t(Msg::StatusAll).to_string());
    let lines = vec![
        Line::raw(format!("{}{theme}", label(s, Msg::ColTheme))),
        Line::raw(options(&names, format)),
        Line::styled(s.t(Msg::ExportHint), Theme::DIM),
    ];
    (s.t(Msg::ExportTitle), lines, None)
}
