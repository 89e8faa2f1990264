//! `?`: every named action with the keys bound to it now and what it does, generated from the
//! keymap in force so help can never disagree with the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::super::action::Action;
use super::super::i18n::Msg;
use super::super::state::State;
use super::super::widgets::text::pad;
use super::Theme;

pub fn lines(s: &State) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(vec![
        Span::styled(pad(s.t(Msg::HelpKeys), 18), Theme::LABEL),
        Span::styled(pad(s.t(Msg::HelpAction), 18), Theme::LABEL),
        Span::styled(s.t(Msg::HelpWhat).to_string(), Theme::LABEL),
    ])];
    for (name, _) in Action::NAMED {
        let keys = s.keymap.keys_of(name).join(", ");
        out.push(Line::from(vec![
            Span::styled(pad(&keys, 18), Theme::MATCH),
            Span::styled(pad(name, 18), Theme::DIM),
            Span::raw(s.lang.action_help(name).to_string()),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::styled(s.t(Msg::HelpEditing).to_string(), Theme::DIM));
    out
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
