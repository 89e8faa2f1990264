//! `?`: every named action with the keys bound to it now and what it does, generated from the
//! keymap in force so help can never disagree with the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::super::action::Action;
use super::super::i18n::{Language, Msg};
use super::super::state::State;
use super::super::widgets::text::pad;
use super::super::widgets::wrap::str_width;
use super::Theme;

/// Columns for the keys and for the names the config's `[keys]` uses.
const KEYS: usize = 18;
const NAME: usize = 18;

pub fn lines(s: &State) -> Vec<Line<'static>> {
    let mut out = match s.lang {
        Language::En => english_rows(s),
        Language::Zh => chinese_rows(s),
    };
    out.push(Line::from(""));
    out.push(Line::styled(s.t(Msg::HelpEditing).to_string(), Theme::DIM));
    out
}

/// Keys, the action's config name, what it does.
fn english_rows(s: &State) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(vec![
        Span::styled(pad(s.t(Msg::HelpKeys), KEYS), Theme::LABEL),
        Span::styled(pad(s.t(Msg::HelpAction), NAME), Theme::LABEL),
        Span::styled(s.t(Msg::HelpWhat).to_string(), Theme::LABEL),
    ])];
    for (name, _) in Action::NAMED {
        out.push(Line::from(vec![
            Span::styled(pad(&keys_of(s, name), KEYS), Theme::MATCH),
            Span::styled(pad(name, NAME), Theme::DIM),
            Span::raw(s.lang.action_help(name).to_string()),
        ]));
    }
    out
}

/// Keys, what the action does in Chinese, and then, dimmed, the English name the config's
/// `[keys]` takes: the person reads the Chinese, and copies the name only to rebind a key.
fn chinese_rows(s: &State) -> Vec<Line<'static>> {
    let what = Action::NAMED
        .iter()
        .map(|(name, _)| str_width(s.lang.action_help(name)))
        .max()
        .unwrap_or(0)
        + 2;
    let mut out = vec![Line::from(vec![
        Span::styled(pad(s.t(Msg::HelpKeys), KEYS), Theme::LABEL),
        Span::styled(pad(s.t(Msg::HelpAction), what), Theme::LABEL),
        Span::styled(s.t(Msg::HelpConfigName).to_string(), Theme::DIM),
    ])];
    for (name, _) in Action::NAMED {
        out.push(Line::from(vec![
            Span::styled(pad(&keys_of(s, name), KEYS), Theme::MATCH),
            Span::raw(pad(s.lang.action_help(name), what)),
            Span::styled(name.to_string(), Theme::DIM),
        ]));
    }
    out
}

fn keys_of(s: &State, name: &str) -> String {
    s.keymap.keys_of(name).join(", ")
}

pub fn draw(frame: &mut Frame, s: &State, area: Rect, scroll: u16) {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::BORDER)
        .title(Span::styled(
            format!(" {} ", s.t(Msg::HelpTitle)),
            Theme::TITLE,
        ));
    frame.render_widget(
        Paragraph::new(lines(s))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
