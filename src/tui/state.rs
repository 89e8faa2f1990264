//! Everything the interface knows, as plain data: which screen, which popup (`Mode`), what each
//! screen shows and where its cursor is. `update` changes it; views only read it.

use std::collections::BTreeSet;

use crate::domain::{Feedback, JournalEntry, QueueItem, Quote, Status, ThemeSummary};
use crate::service::{QueueEntry, QuoteCard, SearchPage};

use super::forms::{Confirm, ItemForm, Picker, QuoteForm, RouteForm, SavedPicker};
use super::i18n::{Language, Msg};
use super::keymap::Keymap;
use super::widgets::input::TextInput;

/// The full-size screens. The detail view remembers where it was opened from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Search,
    Detail,
    Themes,
    Product,
    Marketing,
    Quotes,
    Journal,
}

impl Screen {
    pub fn title(self) -> Msg {
        match self {
            Screen::Search => Msg::ScreenSearch,
            Screen::Detail => Msg::ScreenDetail,
            Screen::Themes => Msg::ScreenThemes,
            Screen::Product => Msg::ScreenProduct,
            Screen::Marketing => Msg::ScreenMarketing,
            Screen::Quotes => Msg::ScreenQuotes,
            Screen::Journal => Msg::ScreenJournal,
        }
    }

    /// The name on a tab when the full names do not fit.
    pub fn short_title(self) -> Msg {
        match self {
            Screen::Product => Msg::TabProduct,
            Screen::Marketing => Msg::TabMarketing,
            other => other.title(),
        }
    }
}

/// What has the keyboard on top of the screen. One value at a time, so two popups can never
/// both be open and every key has exactly one meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Typing in the query bar.
    EditQuery,
    Help {
        scroll: u16,
    },
    Picker(Picker),
    Route(RouteForm),
    Quote(QuoteForm),
    /// The note or assignee of a queue item.
    Item(ItemForm),
    Confirm(Confirm),
    Saved(SavedPicker),
    /// Choosing the export format (index into `forms::EXPORT_FORMATS`).
    Export {
        format: usize,
    },
}

impl Mode {
    /// Whether letters are text rather than commands (then `q` does not quit).
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            Mode::EditQuery
                | Mode::Picker(_)
                | Mode::Route(_)
                | Mode::Quote(_)
                | Mode::Item(_)
                | Mode::Confirm(_)
                | Mode::Saved(_)
        )
    }
}

/// A scrollable list with a cursor: the themes, queue, quotes and journal screens use one.
#[derive(Debug, Clone)]
pub struct ListView<T> {
    pub items: Vec<T>,
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// False until the first answer arrives ("loading…" until then).
    pub loaded: bool,
}

impl<T> Default for ListView<T> {
    fn default() -> Self {
        ListView {
            items: Vec::new(),
            selected: 0,
            offset: 0,
            loaded: false,
        }
    }
}

impl<T> ListView<T> {
    pub fn current(&self) -> Option<&T> {
        self.items.get(self.selected)
    }

    /// New contents; the cursor stays where it was as far as the list still reaches.
    pub fn set(&mut self, items: Vec<T>) {
        self.items = items;
        self.loaded = true;
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    /// Scrolls so the cursor is among the `rows` visible rows.
    pub fn keep_visible(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct QueueState {
    /// Which status the screen shows; `None` shows all.
    pub filter: Option<Status>,
    pub list: ListView<QueueEntry>,
    /// The item whose status change was sent, until the list is reloaded: the status shown
    /// for it is a step behind, so another step would be taken from the wrong one.
    pub moving: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct QuotesState {
    /// Only quotes with this theme; `None` shows every theme's group.
    pub theme: Option<String>,
    pub cards: Vec<QuoteCard>,
    /// One row per (theme, card) pair, built from `cards` and `theme`.
    pub list: ListView<(String, usize)>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: TextInput,
    /// Generation of the newest request sent; answers for older ones are dropped.
    pub generation: u64,
    pub page: Option<SearchPage>,
    pub searching: bool,
    pub error: Option<String>,
    pub selected: usize,
    /// First visible row of the result list.
    pub offset: usize,
    /// Records marked for a batch change.
    pub marks: BTreeSet<i64>,
    /// Hits the newest search asked for.
    pub asked: usize,
    /// The next hits are on their way.
    pub loading_more: bool,
    /// The last answer held fewer hits than asked: the list holds every hit there is.
    pub complete: bool,
}

impl SearchState {
    pub fn hits_len(&self) -> usize {
        self.page.as_ref().map_or(0, |p| p.hits.len())
    }

    pub fn current(&self) -> Option<&Feedback> {
        self.page
            .as_ref()
            .and_then(|p| p.hits.get(self.selected))
            .map(|h| &h.record)
    }
}

/// A record opened in full, with what surrounds it.
#[derive(Debug, Clone)]
pub struct DetailState {
    pub id: i64,
    pub record: Option<Feedback>,
    /// The body as drawn: sanitized. Cursor and selection index its characters.
    pub text: String,
    pub same_author: Vec<Feedback>,
    pub similar: Vec<Feedback>,
    pub routes: Vec<QueueItem>,
    pub quotes: Vec<Quote>,
    /// Folded query words to highlight in the body.
    pub terms: Vec<String>,
    /// Byte ranges of the body that match the query.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// Character index where each word of the body starts (empty until the worker answers).
    pub word_starts: Vec<usize>,
    /// First visible line of the wrapped body.
    pub scroll: usize,
    /// Character index of the text cursor in the body.
    pub cursor: usize,
    /// Where a selection started; the selection runs from here to the cursor.
    pub anchor: Option<usize>,
    pub back: Screen,
}

impl DetailState {
    pub fn new(id: i64, terms: Vec<String>, back: Screen) -> DetailState {
        DetailState {
            id,
            record: None,
            text: String::new(),
            same_author: Vec::new(),
            similar: Vec::new(),
            routes: Vec::new(),
            quotes: Vec::new(),
            terms,
            highlights: Vec::new(),
            word_starts: Vec::new(),
            scroll: 0,
            cursor: 0,
            anchor: None,
            back,
        }
    }

    pub fn set_record(&mut self, record: Feedback) {
        self.text = crate::domain::sanitize(&record.body);
        self.record = Some(record);
    }

    pub fn body(&self) -> &str {
        &self.text
    }

    /// Maps a character range of the drawn text back to the stored body. Sanitizing only ever
    /// drops characters (a lone CR becomes LF), so walking both texts aligns them.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(r) = &self.record else {
            return (start, end);
        };
        if r.body == self.text {
            return (start, end);
        }
        let orig: Vec<char> = r.body.chars().collect();
        let mut map = Vec::with_capacity(self.text.len());
        let mut j = 0;
        for c in self.text.chars() {
            while j < orig.len() && orig[j] != c && !(c == '\n' && orig[j] == '\r') {
                j += 1;
            }
            map.push(j);
            j += 1;
        }
        let at = |i: usize| map.get(i).copied().unwrap_or(orig.len());
        let last = if end > start {
            at(end - 1) + 1
        } else {
            at(start)
        };
        (at(start), last)
    }

    pub fn body_chars(&self) -> Vec<char> {
        self.body().chars().collect()
    }

    pub fn body_len(&self) -> usize {
        self.body().chars().count()
    }

    /// The selected characters as a half-open char range, when a selection is active.
    pub fn selection(&self) -> Option<(usize, usize)> {
        let a = self.anchor?;
        let (s, e) = if a <= self.cursor {
            (a, self.cursor)
        } else {
            (self.cursor, a)
        };
        // The glyph under the cursor is part of the selection, as in vim's visual mode — all of
        // it, so a quote never ends inside an emoji sequence.
        let len = self.body_len();
        Some((
            s,
            super::widgets::wrap::cluster_end(self.body(), e).min(len),
        ))
    }
}

/// A message in the status line, and whether it reports a failure.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone)]
pub struct State {
    pub lang: Language,
    pub keymap: Keymap,
    pub screen: Screen,
    pub mode: Mode,
    pub search: SearchState,
    pub detail: Option<DetailState>,
    pub themes: ListView<ThemeSummary>,
    pub queue: QueueState,
    pub quotes: QuotesState,
    pub journal: ListView<JournalEntry>,
    pub status: Option<StatusLine>,
    /// Terminal size, for paging and mouse hit-testing.
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// Total records the last time we looked; a change means another process imported.
    pub total_records: Option<u64>,
    /// Records another process has stored and not yet indexed: search cannot find them yet.
    pub unsearchable: u64,
}

impl State {
    pub fn new(lang: Language, keymap: Keymap) -> State {
        State {
            lang,
            keymap,
            screen: Screen::Search,
            mode: Mode::Normal,
            search: SearchState::default(),
            detail: None,
            themes: ListView::default(),
            queue: QueueState::default(),
            quotes: QuotesState::default(),
            journal: ListView::default(),
            status: None,
            width: 80,
            height: 24,
            quit: false,
            total_records: None,
            unsearchable: 0,
        }
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        self.lang.t(msg)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: true,
        });
    }

    /// Rows of a list screen (themes, queues, quotes, journal): all but the tab header, the
    /// column header and the status line.
    pub fn screen_rows(&self) -> usize {
        (self.height as usize).saturating_sub(3)
    }

    /// Hits that fit on screen (tab header, query bar, rule and status line excluded).
    pub fn list_rows(&self) -> usize {
        (self.height as usize).saturating_sub(4) / super::views::search::ROWS_PER_HIT
    }
}
