//! Drawing: `draw(frame, &State)` picks the screen, then the popup `Mode` on top, then the status
//! line. Views read the state and never change it; they sanitize every piece of record text.

pub mod detail;
pub mod help;
pub mod journal;
mod popup;
pub mod queue;
pub mod quotes;
pub mod search;
mod style;
pub mod themes;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::i18n::Msg;
use super::state::{ListView, Mode, Screen, State};
use super::widgets::text::{first_fitting, pad};
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
        Screen::Themes => themes::draw(frame, s, main),
        Screen::Product | Screen::Marketing => queue::draw(frame, s, main),
        Screen::Quotes => quotes::draw(frame, s, main),
        Screen::Journal => journal::draw(frame, s, main),
    }
    match s.mode {
        Mode::Help { scroll } => help::draw(frame, s, main, scroll),
        Mode::Normal | Mode::EditQuery => {}
        _ => popup::draw(frame, s, main),
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

/// The numbered screen tabs: the number is the key that opens each. A narrow terminal gets the
/// short names, then loses the brand, then names only the screen showing: every tab keeps its key.
fn header(frame: &mut Frame, s: &State, area: Rect) {
    let current = if s.screen == Screen::Detail {
        s.detail.as_ref().map_or(Screen::Search, |d| d.back)
    } else {
        s.screen
    };
    let tabs = |short: bool, only_current: bool| {
        TABS.iter().map(move |(screen, action)| {
            let name = match (short, only_current && *screen != current) {
                (_, true) => String::new(),
                (true, false) => format!("{} ", s.t(screen.short_title())),
                (false, false) => format!("{} ", s.t(screen.title())),
            };
            let label = format!(" {} {name}", s.keymap.hint(action));
            let style = if *screen == current {
                Theme::TAB_ON
            } else {
                Theme::TAB
            };
            Span::styled(label, style)
        })
    };
    let brand = || std::iter::once(Span::styled(" vochub ", Theme::BRAND));
    let spans = first_fitting(
        [
            brand().chain(tabs(false, false)).collect(),
            brand().chain(tabs(true, false)).collect(),
            tabs(true, false).collect(),
            tabs(true, true).collect(),
        ],
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(Line::from(spans)).style(Theme::TAB), area);
}

const TABS: [(Screen, &str); 6] = [
    (Screen::Search, "screen_search"),
    (Screen::Themes, "screen_themes"),
    (Screen::Product, "screen_product"),
    (Screen::Marketing, "screen_marketing"),
    (Screen::Quotes, "screen_quotes"),
    (Screen::Journal, "screen_journal"),
];

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
    match s.mode {
        Mode::EditQuery => return s.t(Msg::HintEditing).to_string(),
        // A popup has its own keys; the query bar's would mislead there.
        _ if s.mode.is_typing() => return s.t(Msg::HintPopup).to_string(),
        _ => {}
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
        Screen::Product | Screen::Marketing => s.lang.f(
            Msg::QueueHint,
            &[
                &k("next_status"),
                &k("prev_status"),
                &k("note"),
                &k("assign"),
                &k("filter_status"),
                &k("open"),
                &k("help"),
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

/// Prepares the cells around an overlay: a wide character just left of it would otherwise
/// cover its left border (the terminal draws the character's second half there, and ratatui
/// skips that cell), and one cut at the right edge would leave half a character behind.
pub fn clear_edges(frame: &mut Frame, rect: Rect) {
    let buf = frame.buffer_mut();
    let area = buf.area;
    for y in rect.y..rect.y + rect.height {
        if rect.x > area.x {
            let left = &mut buf[(rect.x - 1, y)];
            if str_width(left.symbol()) > 1 {
                left.set_symbol(" ");
            }
        }
        let right_x = rect.x + rect.width;
        if right_x < area.x + area.width {
            let right = &mut buf[(right_x, y)];
            if right.symbol().is_empty() {
                right.set_symbol(" ");
            }
        }
    }
}

/// "Showing: X (f changes it)", the first line of the filterable list screens.
fn filter_line(s: &State, shown: &str) -> Line<'static> {
    let text = s
        .lang
        .f(Msg::Filter, &[&shown, &s.keymap.hint("filter_status")]);
    Line::styled(format!(" {text}"), Theme::LABEL)
}

/// What an empty list says: still loading, or nothing there.
fn empty_line<T>(s: &State, list: &ListView<T>) -> Option<Line<'static>> {
    let msg = if list.loaded {
        Msg::Empty
    } else {
        Msg::Loading
    };
    list.items
        .is_empty()
        .then(|| Line::styled(format!(" {}", s.t(msg)), Theme::DIM))
}

/// The items that fit in `rows` from the list's scroll offset, each with its row style.
fn visible<T>(
    list: &ListView<T>,
    rows: usize,
) -> impl Iterator<Item = (ratatui::style::Style, &T)> {
    list.items
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(rows)
        .map(move |(i, item)| {
            let style = if i == list.selected {
                Theme::SELECTED
            } else {
                ratatui::style::Style::new()
            };
            (style, item)
        })
}
