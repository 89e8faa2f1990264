//! The detail view: a text cursor over the record's body that moves by character, word, sentence
//! and line, an optional selection (for quotes), and scrolling that follows the cursor.

use super::super::action::Action;
use super::super::effect::{DetailData, Effect};
use super::super::state::{DetailState, State};
use super::super::views::detail as layout;
use super::super::widgets::wrap::{locate, wrap};

pub fn apply(s: &mut State, data: DetailData) {
    let Some(d) = s.detail.as_mut() else {
        return;
    };
    if d.id != data.record.id {
        return; // the person already moved on to another record
    }
    d.set_record(data.record);
    d.same_author = data.same_author;
    d.similar = data.similar;
    d.word_starts = data.word_starts;
    d.routes = data.routes;
    d.quotes = data.quotes;
    d.highlights = data.highlights;
    let len = d.body_len();
    d.cursor = d.cursor.min(len.saturating_sub(1));
}

pub fn normal(s: &mut State, action: Action) -> Vec<Effect> {
    let width = layout::body_width(s.width);
    let rows = layout::body_rows(s.width, s.height);
    let Some(d) = s.detail.as_mut() else {
        s.screen = super::super::state::Screen::Search;
        return Vec::new();
    };
    match action {
        Action::Back => {
            if d.anchor.take().is_none() {
                s.screen = d.back;
            }
            return Vec::new();
        }
        Action::Select => {
            d.anchor = match d.anchor {
                Some(_) => None,
                None => Some(d.cursor),
            };
        }
        Action::Left => d.cursor = d.cursor.saturating_sub(1),
        Action::Right => d.cursor = (d.cursor + 1).min(d.body_len().saturating_sub(1)),
        Action::WordNext => d.cursor = next_word(d),
        Action::WordPrev => d.cursor = prev_word(d),
        Action::SentenceNext => d.cursor = next_sentence(&d.body_chars(), d.cursor),
        Action::SentencePrev => d.cursor = prev_sentence(&d.body_chars(), d.cursor),
        Action::Up => move_lines(d, width, -1),
        Action::Down => move_lines(d, width, 1),
        Action::ScrollUp => move_lines(d, width, -3),
        Action::ScrollDown => move_lines(d, width, 3),
        Action::PageUp => move_lines(d, width, -(rows as isize)),
        Action::PageDown => move_lines(d, width, rows as isize),
        Action::Top => d.cursor = 0,
        Action::Bottom => d.cursor = d.body_len().saturating_sub(1),
        Action::Click { column, row } => click(d, width, column, row),
        _ => return Vec::new(),
    }
    keep_cursor_visible(s);
    Vec::new()
}

fn click(d: &mut DetailState, width: usize, column: u16, row: u16) {
    if row < layout::BODY_TOP || column as usize >= width + layout::BODY_LEFT as usize {
        return;
    }
    let line = d.scroll + (row - layout::BODY_TOP) as usize;
    let col = (column - layout::BODY_LEFT.min(column)) as usize;
    let text = d.body().to_string();
    let lines = wrap(&text, width);
    if let Some(l) = lines.get(line) {
        d.cursor = char_at_column(&text, l.start, l.end, col);
    }
}

/// The character of line `start..end` drawn at display column `col` (or the line's last one).
fn char_at_column(text: &str, start: usize, end: usize, col: usize) -> usize {
    let mut at = 0;
    for (i, c) in text.chars().enumerate().skip(start).take(end - start) {
        let w = super::super::widgets::wrap::char_width(c);
        if c == '\n' || at + w > col {
            return i;
        }
        at += w;
    }
    end.saturating_sub(1).max(start)
}

fn move_lines(d: &mut DetailState, width: usize, by: isize) {
    let text = d.body().to_string();
    let lines = wrap(&text, width);
    let (line, col) = locate(&text, &lines, d.cursor);
    let target = (line as isize + by).clamp(0, lines.len() as isize - 1) as usize;
    if target == line {
        // Already on the first or last line: scroll what lies beyond (related records).
        d.scroll = (d.scroll as isize + by).max(0) as usize;
        return;
    }
    let l = lines[target];
    d.cursor = char_at_column(&text, l.start, l.end, col);
}

pub fn keep_cursor_visible(s: &mut State) {
    let width = layout::body_width(s.width);
    let rows = layout::body_rows(s.width, s.height).max(1);
    let Some(d) = s.detail.as_mut() else {
        return;
    };
    let text = d.body().to_string();
    let lines = wrap(&text, width);
    let (line, _) = locate(&text, &lines, d.cursor);
    if line < d.scroll {
        d.scroll = line;
    } else if line >= d.scroll + rows {
        d.scroll = line + 1 - rows;
    }
}

fn next_word(d: &DetailState) -> usize {
    let starts = word_starts(d);
    starts
        .into_iter()
        .find(|&w| w > d.cursor)
        .unwrap_or(d.body_len().saturating_sub(1))
}

fn prev_word(d: &DetailState) -> usize {
    let starts = word_starts(d);
    starts
        .into_iter()
        .rev()
        .find(|&w| w < d.cursor)
        .unwrap_or(0)
}

/// Word starts from the service (jieba); until they arrive, runs of letters, and each Chinese
/// character on its own.
fn word_starts(d: &DetailState) -> Vec<usize> {
    if !d.word_starts.is_empty() {
        return d.word_starts.clone();
    }
    let chars = d.body_chars();
    (0..chars.len())
        .filter(|&i| {
            let c = chars[i];
            c.is_alphanumeric()
                && (i == 0
                    || !chars[i - 1].is_alphanumeric()
                    || crate::domain::is_cjk(c)
                    || crate::domain::is_cjk(chars[i - 1]))
        })
        .collect()
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '.' | '；' | ';' | '\n' | '…'
    )
}

/// Start of the sentence after the cursor: past the next sentence end and any spaces.
pub fn next_sentence(chars: &[char], cursor: usize) -> usize {
    let mut i = cursor;
    while i < chars.len() && !ends_sentence(chars[i]) {
        i += 1;
    }
    while i < chars.len() && (ends_sentence(chars[i]) || chars[i].is_whitespace()) {
        i += 1;
    }
    i.min(chars.len().saturating_sub(1))
}

/// Start of the sentence the cursor is in, or of the previous one when already at a start.
pub fn prev_sentence(chars: &[char], cursor: usize) -> usize {
    let start_of = |mut i: usize| {
        while i > 0 && !ends_sentence(chars[i - 1]) {
            i -= 1;
        }
        i
    };
    let here = start_of(cursor.min(chars.len()));
    if here < cursor {
        return here;
    }
    let mut i = here;
    while i > 0 && (ends_sentence(chars[i - 1]) || chars[i - 1].is_whitespace()) {
        i -= 1;
    }
    start_of(i)
}
