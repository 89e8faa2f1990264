//! The list screens: themes dashboard, the two queues, the quote board and the journal. Moving
//! through them and opening what is under the cursor; what the queue keys do to an item is in
//! `queue`.

use crate::domain::{Status, sanitize_line};

use super::super::action::Action;
use super::super::effect::Effect;
use super::super::forms::ItemField;
use super::super::i18n::Msg;
use super::super::state::{DetailState, ListView, Mode, Screen, State};
use super::super::views::quotes::ROWS_PER_QUOTE;
use super::{queue, search};

/// Switches to a list screen and asks for its contents.
pub fn show(s: &mut State, screen: Screen) -> Vec<Effect> {
    s.screen = screen;
    if let Some(q) = queue_of(screen) {
        // The other queue's items are not this one's; never show them under this title.
        if s.queue
            .list
            .items
            .first()
            .is_some_and(|e| e.item.queue != q)
        {
            s.queue.list = ListView::default();
        }
    }
    reload(s)
}

/// The load effect for the screen showing now, if it is a list screen.
pub fn reload(s: &State) -> Vec<Effect> {
    match s.screen {
        Screen::Themes => vec![Effect::LoadThemes],
        Screen::Product | Screen::Marketing => queue_of(s.screen)
            .map(|queue| Effect::LoadQueue {
                queue,
                status: s.queue.filter,
            })
            .into_iter()
            .collect(),
        Screen::Quotes => vec![Effect::LoadQuotes { theme: None }],
        Screen::Journal => vec![Effect::LoadJournal],
        Screen::Search | Screen::Detail => Vec::new(),
    }
}

pub fn queue_of(screen: Screen) -> Option<&'static str> {
    match screen {
        Screen::Product => Some("product"),
        Screen::Marketing => Some("marketing"),
        _ => None,
    }
}

// The words for queues and statuses live with the rest of the catalogue; refusals use them too.
pub use super::super::i18n::{queue_title, status_label};

fn next_filter(f: Option<Status>) -> Option<Status> {
    match f {
        None => Some(Status::ALL[0]),
        Some(st) => {
            let i = Status::ALL.iter().position(|x| *x == st).unwrap_or(0);
            Status::ALL.get(i + 1).copied()
        }
    }
}

pub fn normal(s: &mut State, action: Action) -> Vec<Effect> {
    let rows = s.screen_rows();
    let per_item = if s.screen == Screen::Quotes {
        ROWS_PER_QUOTE
    } else {
        1
    };
    let page = (rows / per_item).max(1);
    let len = match s.screen {
        Screen::Themes => s.themes.items.len(),
        Screen::Product | Screen::Marketing => s.queue.list.items.len(),
        Screen::Quotes => s.quotes.list.items.len(),
        _ => s.journal.items.len(),
    };
    if let Some(sel) = moved(&action, current(s), len, page) {
        set_current(s, sel, page);
        return Vec::new();
    }
    match (s.screen, &action) {
        (_, Action::Back) => {
            s.screen = Screen::Search;
            Vec::new()
        }
        (Screen::Themes, Action::Open) => {
            let Some(name) = s.themes.current().map(|t| t.name.clone()) else {
                return Vec::new();
            };
            s.search.input =
                super::super::widgets::input::TextInput::new(&format!("tag:\"{name}\""));
            s.screen = Screen::Search;
            search::rerun(s)
        }
        (Screen::Product | Screen::Marketing, Action::Open) => {
            let Some(r) = s.queue.list.current().map(|e| e.record.clone()) else {
                return Vec::new();
            };
            open_record(s, r)
        }
        (Screen::Product | Screen::Marketing, Action::NextStatus | Action::PrevStatus) => {
            queue::step(s, &action)
        }
        (Screen::Product | Screen::Marketing, Action::Note) => {
            queue::start_edit(s, ItemField::Note)
        }
        (Screen::Product | Screen::Marketing, Action::Assign) => {
            queue::start_edit(s, ItemField::Assignee)
        }
        (Screen::Product | Screen::Marketing, Action::FilterStatus) => {
            s.queue.filter = next_filter(s.queue.filter);
            s.queue.list.selected = 0;
            s.queue.list.offset = 0;
            reload(s)
        }
        (Screen::Quotes, _) => quote_board(s, action),
        _ => Vec::new(),
    }
}

fn quote_board(s: &mut State, action: Action) -> Vec<Effect> {
    let card = s
        .quotes
        .list
        .current()
        .and_then(|(_, i)| s.quotes.cards.get(*i))
        .cloned();
    match action {
        Action::Open => card.map(|c| open_record(s, c.record)).unwrap_or_default(),
        Action::Copy => {
            let Some(c) = card else {
                return Vec::new();
            };
            let who = c.record.author.as_deref().unwrap_or("-");
            let text = format!(
                "“{}” — {}, {} {}",
                c.quote.text,
                who,
                c.record.source,
                c.record.created_at.format("%Y-%m-%d")
            );
            s.info(s.lang.f(Msg::Copied, &[&text.chars().count()]));
            vec![Effect::Clipboard(text)]
        }
        Action::Export => {
            s.mode = Mode::Export { format: 0 };
            Vec::new()
        }
        Action::FilterStatus => {
            // Cycle through the themes that have quotes, then back to all of them.
            let themes = board_themes(s);
            s.quotes.theme = match &s.quotes.theme {
                None => themes.first().cloned(),
                Some(t) => themes
                    .iter()
                    .position(|x| x == t)
                    .and_then(|i| themes.get(i + 1).cloned()),
            };
            s.quotes.list.selected = 0;
            s.quotes.list.offset = 0;
            rebuild_board(s);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn open_record(s: &mut State, record: crate::domain::Feedback) -> Vec<Effect> {
    let mut d = DetailState::new(record.id, Vec::new(), s.screen);
    let id = record.id;
    d.set_record(record);
    s.detail = Some(d);
    s.screen = Screen::Detail;
    vec![Effect::LoadDetail {
        id,
        terms: Vec::new(),
    }]
}

fn current(s: &State) -> usize {
    match s.screen {
        Screen::Themes => s.themes.selected,
        Screen::Product | Screen::Marketing => s.queue.list.selected,
        Screen::Quotes => s.quotes.list.selected,
        _ => s.journal.selected,
    }
}

fn set_current(s: &mut State, sel: usize, page: usize) {
    match s.screen {
        Screen::Themes => {
            s.themes.selected = sel;
            s.themes.keep_visible(page);
        }
        Screen::Product | Screen::Marketing => {
            s.queue.list.selected = sel;
            s.queue.list.keep_visible(page);
        }
        Screen::Quotes => {
            s.quotes.list.selected = sel;
            s.quotes.list.keep_visible(page);
        }
        _ => {
            s.journal.selected = sel;
            s.journal.keep_visible(page);
        }
    }
}

/// Where a movement key takes the cursor in a list of `len`, or `None` for other actions.
fn moved(action: &Action, sel: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::ScrollUp => sel.saturating_sub(3),
        Action::ScrollDown => (sel + 3).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

/// Every theme the quote board has a group for, in board order.
fn board_themes(s: &State) -> Vec<String> {
    let mut themes: Vec<String> = s
        .quotes
        .cards
        .iter()
        .flat_map(|c| c.quote.themes.iter().map(|t| sanitize_line(t)))
        .collect();
    themes.sort();
    themes.dedup();
    themes
}

/// The quote board's rows: each quote under each of its themes (or "no theme"), grouped by
/// theme, restricted to the chosen theme when there is one.
pub fn rebuild_board(s: &mut State) {
    let none = s.t(Msg::NoTheme).to_string();
    let mut rows: Vec<(String, usize)> = Vec::new();
    for (i, c) in s.quotes.cards.iter().enumerate() {
        if c.quote.themes.is_empty() {
            rows.push((none.clone(), i));
        }
        for t in &c.quote.themes {
            rows.push((sanitize_line(t), i));
        }
    }
    if let Some(t) = &s.quotes.theme {
        rows.retain(|(theme, _)| theme == t);
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    s.quotes.list.set(rows);
}
