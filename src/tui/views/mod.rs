//! Drawing: `draw(frame, &State)` picks the screen, then the popup `Mode` on top, then the status
//! line. Views read the state and never change it; they sanitize every piece of record text.

pub mod detail;
pub mod help;
pub mod search;
mod style;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::i18n::Msg;
use super::state::{Mode, Screen, State};
use super::widgets::text::{fit_spans, pad};
use super::widgets::wrap::str_width;

pub use style::Theme;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, s: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = s.lang.f(Msg::TooSmall, &[&area.width, &area.height]);
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    header(frame, s, Rect { height: 1, ..area });
    let main = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    match s.screen {
        Screen::Search => search::draw(frame, s, main),
        Screen::Detail => detail::draw(frame, s, main),
        other => placeholder(frame, s, main, other),
    }
    if let Mode::Help { scroll } = s.mode {
        help::draw(frame, s, main, scroll);
    }
    status_line(
        frame,
        s,
        Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        },
    );
}

/// The numbered screen tabs: the number is the key that opens each.
fn header(frame: &mut Frame, s: &State, area: Rect) {
    let tabs = [
        (Screen::Search, "screen_search"),
        (Screen::Themes, "screen_themes"),
        (Screen::Product, "screen_product"),
        (Screen::Marketing, "screen_marketing"),
        (Screen::Quotes, "screen_quotes"),
        (Screen::Journal, "screen_journal"),
    ];
    let current = if s.screen == Screen::Detail {
        s.detail.as_ref().map_or(Screen::Search, |d| d.back)
    } else {
        s.screen
    };
    let mut spans = vec![Span::styled(" vochub ", Theme::BRAND)];
    for (screen, action) in tabs {
        let label = format!(" {} {} ", s.keymap.hint(action), s.t(screen.title()));
        let style = if screen == current {
            Theme::TAB_ON
        } else {
            Theme::TAB
        };
        spans.push(Span::styled(label, style));
    }
    let spans = fit_spans(spans, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(Theme::TAB), area);
}

fn status_line(frame: &mut Frame, s: &State, area: Rect) {
    let width = area.width as usize;
    let (text, style) = match &s.status {
        Some(st) if st.error => (st.text.clone(), Theme::ERROR),
        Some(st) => (st.text.clone(), Theme::STATUS),
        None => (hints(s), Theme::HINT),
    };
    let right = if s.search.marks.is_empty() {
        String::new()
    } else {
        format!(" {} ", s.lang.f(Msg::Marked, &[&s.search.marks.len()]))
    };
    let left_w = width.saturating_sub(str_width(&right));
    let line = Line::from(vec![
        Span::styled(pad(&format!(" {text}"), left_w), style),
        Span::styled(right, Theme::MARK),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// Key hints for the screen, spelled with the keys actually bound.
fn hints(s: &State) -> String {
    let k = |name: &str| s.keymap.hint(name);
    if s.mode.is_typing() {
        return s.t(Msg::HintEditing).to_string();
    }
    match s.screen {
        Screen::Detail => s.lang.f(
            Msg::DetailHint,
            &[
                &k("back"),
                &k("select"),
                &k("tag"),
                &k("route"),
                &k("save_quote"),
            ],
        ),
        _ => s.lang.f(
            Msg::HintSearch,
            &[
                &k("help"),
                &k("focus_query"),
                &k("open"),
                &k("tag"),
                &k("route"),
                &k("quit"),
            ],
        ),
    }
}

fn placeholder(frame: &mut Frame, s: &State, area: Rect, screen: Screen) {
    let text = s.lang.f(Msg::NotAvailable, &[&s.t(screen.title())]);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }),
        area.inner(ratatui::layout::Margin::new(1, 1)),
    );
}
