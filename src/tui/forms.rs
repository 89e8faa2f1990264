//! The popups' own state: theme picker, route form, quote form, queue item prompt, confirmation,
//! saved searches and export. Each lives inside a `Mode` variant, so only one can be open at a time.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::domain::Priority;
use crate::service::ExportFormat;

use super::effect::Effect;
use super::widgets::input::TextInput;

/// Which records a change applies to, as the person chose it in the popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The record under the cursor (or open in the detail view).
    Current,
    /// The records marked with space.
    Marked,
    /// Every record the query matches, however many pages.
    Matches,
}

impl ScopeKind {
    pub fn next(self) -> ScopeKind {
        match self {
            ScopeKind::Current => ScopeKind::Marked,
            ScopeKind::Marked => ScopeKind::Matches,
            ScopeKind::Matches => ScopeKind::Current,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerPurpose {
    Tag,
    Untag,
}

/// Fuzzy theme picker: type to filter existing themes; what is typed can also become a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub purpose: PickerPurpose,
    pub input: TextInput,
    /// Themes to choose from, best first when nothing is typed.
    pub themes: Vec<String>,
    pub selected: usize,
    pub scope: ScopeKind,
}

/// One line of the picker: an existing theme, or the typed text as a new theme.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    Existing(String),
    New(String),
}

impl Choice {
    pub fn name(&self) -> &str {
        match self {
            Choice::Existing(n) | Choice::New(n) => n,
        }
    }
}

impl Picker {
    pub fn new(purpose: PickerPurpose, themes: Vec<String>, scope: ScopeKind) -> Picker {
        Picker {
            purpose,
            input: TextInput::default(),
            themes,
            selected: 0,
            scope,
        }
    }

    /// The lines to show: fuzzy matches by score, then (when tagging and nothing matches the
    /// typed text exactly) the typed text as a new theme.
    pub fn choices(&self) -> Vec<Choice> {
        let typed = self.input.text().trim();
        let mut out: Vec<Choice> = if typed.is_empty() {
            self.themes.iter().cloned().map(Choice::Existing).collect()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart)
                .match_list(self.themes.iter(), &mut matcher)
                .into_iter()
                .map(|(t, _)| Choice::Existing(t.clone()))
                .collect()
        };
        let exact = self.themes.iter().any(|t| t.eq_ignore_ascii_case(typed));
        if self.purpose == PickerPurpose::Tag && !typed.is_empty() && !exact {
            out.push(Choice::New(typed.to_string()));
        }
        out
    }

    pub fn chosen(&self) -> Option<Choice> {
        self.choices().into_iter().nth(self.selected)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteField {
    Queue,
    Priority,
    Note,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteForm {
    pub queue: &'static str,
    pub priority: Priority,
    pub note: TextInput,
    pub field: RouteField,
    pub scope: ScopeKind,
}

impl RouteForm {
    pub fn new(scope: ScopeKind) -> RouteForm {
        RouteForm {
            queue: crate::domain::QUEUES[0],
            priority: Priority::P2,
            note: TextInput::default(),
            field: RouteField::Queue,
            scope,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteField {
    Note,
    Themes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteForm {
    pub record: i64,
    /// Character span in the stored body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub note: TextInput,
    /// Comma-separated theme names.
    pub themes: TextInput,
    pub field: QuoteField,
}

impl QuoteForm {
    pub fn theme_list(&self) -> Vec<String> {
        self.themes
            .text()
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Which text of a queue item a prompt edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemField {
    Note,
    Assignee,
}

/// The one-line prompt for a queue item's note or assignee.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemForm {
    pub item: i64,
    pub field: ItemField,
    /// Which item, in words, for the prompt's first line.
    pub about: String,
    /// What the field held when the prompt opened, trimmed.
    pub was: String,
    pub input: TextInput,
}

/// A change big enough to ask first; `then` runs on yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub then: Effect,
}

/// Saved searches: pick one to run, or type a name to save the current query under it.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedPicker {
    pub list: Vec<Saved>,
    pub selected: usize,
    pub name: TextInput,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub name: String,
    pub query: String,
    pub count: usize,
}

pub const EXPORT_FORMATS: [(ExportFormat, &str); 3] = [
    (ExportFormat::Markdown, "md"),
    (ExportFormat::Csv, "csv"),
    (ExportFormat::Json, "json"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picker_matches_fuzzily_and_offers_a_new_theme() {
        let themes = vec!["物流/延迟".to_string(), "价格".into(), "pricing".into()];
        let mut p = Picker::new(PickerPurpose::Tag, themes, ScopeKind::Current);
        assert_eq!(p.choices().len(), 3);
        for c in "prc".chars() {
            p.input.insert(c);
        }
        assert_eq!(
            p.choices(),
            [
                Choice::Existing("pricing".into()),
                Choice::New("prc".into())
            ]
        );
        p.input.clear();
        p.input.insert('延');
        assert_eq!(p.choices()[0], Choice::Existing("物流/延迟".into()));
        p.purpose = PickerPurpose::Untag;
        assert_eq!(p.choices().len(), 1, "untag offers no new theme");
    }
}
