//! The palette: few colours, used for meaning (match, selection, error), so the screen stays calm.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme;

impl Theme {
    pub const BRAND: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD);
    pub const TAB: Style = Style::new().fg(Color::Gray).bg(Color::Black);
    pub const TAB_ON: Style = Style::new()
        .fg(Color::White)
        .bg(Color::DarkGray)
        .add_modifier(Modifier::BOLD);
    pub const STATUS: Style = Style::new().fg(Color::White);
    pub const HINT: Style = Style::new().fg(Color::DarkGray);
    pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    pub const MARK: Style = Style::new().fg(Color::Yellow);
    pub const MATCH: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    pub const SELECTED: Style = Style::new().bg(Color::DarkGray);
    pub const DIM: Style = Style::new().fg(Color::DarkGray);
    pub const LABEL: Style = Style::new().fg(Color::Cyan);
    pub const TAG: Style = Style::new().fg(Color::Green);
    pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
    pub const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);
    pub const SELECTION: Style = Style::new().bg(Color::Blue).fg(Color::White);
    pub const BORDER: Style = Style::new().fg(Color::DarkGray);
}
