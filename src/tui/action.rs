//! Everything that can happen to the interface, as one enum: what the person asks for (the named,
//! bindable actions), raw text and mouse input, and the answers the worker sends back.
//! `update` is the only reader; the keymap and the worker are the writers.

use crate::service::{Problem, SearchPage};

use super::effect::Outcome;

/// One thing that happened. Unit variants near the top are the *named* actions a key can be bound
/// to (see [`Action::NAMED`]); the rest carry data and come from typing, the mouse or the worker.
#[derive(Debug, Clone)]
pub enum Action {
    /// Leave the program (ignored while typing text, where `q` is a letter).
    Quit,
    /// Close the popup, stop editing, or go back one screen.
    Back,
    /// Show the key list, generated from the keymap in force.
    Help,
    /// Put the cursor in the query bar.
    FocusQuery,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open what is under the cursor (record, queue item, quote), or confirm a popup.
    Open,
    /// Move left: one character in the quote cursor, or the previous option in a popup.
    Left,
    Right,
    WordNext,
    WordPrev,
    SentenceNext,
    SentencePrev,
    /// Start or drop a text selection in the detail view.
    Select,
    /// Mark or unmark the record under the cursor for a multi-record change.
    Mark,
    /// Tag the current, marked or matching records with a theme (picker).
    Tag,
    /// Remove a theme from the current, marked or matching records (picker).
    Untag,
    /// Send records to the product or marketing queue.
    Route,
    /// Save the selected text as a quote (detail view).
    SaveQuote,
    /// Cycle the scope of the next change: current record → marked → all matches.
    CycleScope,
    /// Undo the last change.
    Undo,
    ScreenSearch,
    ScreenThemes,
    ScreenProduct,
    ScreenMarketing,
    ScreenQuotes,
    ScreenJournal,
    /// Pick one of the saved searches.
    SavedSearches,
    /// Move a queue item to its next status.
    NextStatus,
    PrevStatus,
    /// Cycle which status a queue screen shows.
    FilterStatus,
    /// Write or change the note on a queue item (a one-line prompt).
    Note,
    /// Assign a queue item to someone, or to no one (a one-line prompt).
    Assign,
    /// Export the quote board's quotes to a file.
    Export,
    /// Copy the current quote to the clipboard (OSC 52, works over SSH).
    Copy,
    /// Search again and reload the current screen.
    Reload,

    // ---- text editing (fixed keys, not in the keymap) ----
    Input(char),
    /// Text the terminal delivered as one paste (bracketed paste): it is text wherever it lands,
    /// never a run of key commands.
    Paste(String),
    Backspace,
    DeleteWord,
    ClearInput,

    // ---- mouse and terminal ----
    ScrollUp,
    ScrollDown,
    Click {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },

    // ---- answers from the worker ----
    SearchDone {
        generation: u64,
        page: Box<SearchPage>,
    },
    SearchFailed {
        generation: u64,
        problem: Problem,
    },
    /// The next hits of the page on screen (`Effect::MoreHits`), or why they could not be read.
    MoreHits {
        generation: u64,
        from: usize,
        answer: Result<Box<SearchPage>, Problem>,
    },
    /// The result of any other effect.
    Worker(Box<Outcome>),
    /// Another process changed the hub since we last looked: an import, a tag, a route.
    DataChanged {
        total: u64,
    },
    /// How many records another process has stored that search cannot find yet, when that
    /// changes (0 once its index has caught up).
    Unsearchable {
        pending: u64,
    },
}

impl Action {
    /// Every bindable action with its config name, in the order help lists them.
    pub const NAMED: &'static [(&'static str, Action)] = &[
        ("quit", Action::Quit),
        ("back", Action::Back),
        ("help", Action::Help),
        ("focus_query", Action::FocusQuery),
        ("up", Action::Up),
        ("down", Action::Down),
        ("page_up", Action::PageUp),
        ("page_down", Action::PageDown),
        ("top", Action::Top),
        ("bottom", Action::Bottom),
        ("open", Action::Open),
        ("left", Action::Left),
        ("right", Action::Right),
        ("word_next", Action::WordNext),
        ("word_prev", Action::WordPrev),
        ("sentence_next", Action::SentenceNext),
        ("sentence_prev", Action::SentencePrev),
        ("select", Action::Select),
        ("mark", Action::Mark),
        ("tag", Action::Tag),
        ("untag", Action::Untag),
        ("route", Action::Route),
        ("save_quote", Action::SaveQuote),
        ("cycle_scope", Action::CycleScope),
        ("undo", Action::Undo),
        ("screen_search", Action::ScreenSearch),
        ("screen_themes", Action::ScreenThemes),
        ("screen_product", Action::ScreenProduct),
        ("screen_marketing", Action::ScreenMarketing),
        ("screen_quotes", Action::ScreenQuotes),
        ("screen_journal", Action::ScreenJournal),
        ("saved_searches", Action::SavedSearches),
        ("next_status", Action::NextStatus),
        ("prev_status", Action::PrevStatus),
        ("filter_status", Action::FilterStatus),
        ("note", Action::Note),
        ("assign", Action::Assign),
        ("export", Action::Export),
        ("copy", Action::Copy),
        ("reload", Action::Reload),
    ];

    /// The config name of a bindable action.
    pub fn name(&self) -> Option<&'static str> {
        let d = std::mem::discriminant(self);
        Self::NAMED
            .iter()
            .find(|(_, a)| std::mem::discriminant(a) == d)
            .map(|(n, _)| *n)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, action) in Action::NAMED {
            assert_eq!(action.name(), Some(*name));
            assert!(Action::from_name(name).is_some());
        }
        assert_eq!(Action::Input('x').name(), None);
    }
}
