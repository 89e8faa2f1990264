//! The detail view: a text cursor over the record's body that moves by character, word, sentence
//! and line, an optional selection (for quotes), and scrolling that follows the cursor.

use super::super::action::Action;
use super::super::effect::{DetailData, Effect};
use super::super::state::{DetailState, State};
use super::super::views::detail as layout;
use super::super::widgets::wrap::{cluster_end, cluster_start, clusters, locate, wrap};

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
        // By glyph: the cursor never rests inside an emoji sequence.
        Action::Left => d.cursor = cluster_start(d.body(), d.cursor.saturating_sub(1)),
        Action::Right => {
            let next = cluster_end(d.body(), d.cursor);
            if next < d.body_len() {
                d.cursor = next;
            }
        }
        Action::WordNext => d.cursor = next_word(d),
        Action::WordPrev => d.cursor = prev_word(d),
        // Selecting, `)` stops on the sentence's last character, so the selection covers it
        // exactly; moving, it goes on to where the next sentence starts.
        Action::SentenceNext if d.anchor.is_some() => {
            d.cursor = sentence_end(&d.body_chars(), d.cursor)
        }
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

/// The glyph of line `start..end` drawn at display column `col` (or the line's last one), as
/// the character index where it starts.
fn char_at_column(text: &str, start: usize, end: usize, col: usize) -> usize {
    let mut at = 0;
    let mut last = start;
    for u in clusters(text)
        .into_iter()
        .filter(|u| u.start >= start && u.start < end)
    {
        if u.first == '\n' || at + u.width > col {
            return u.start;
        }
        at += u.width;
        last = u.start;
    }
    last
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

/// Whether the character at `i` ends a sentence. A `.` with a letter or digit right after it is
/// inside a token (`1.0.3`, `$29.99`, `a@b.com`, the first dot of `e.g.`), and one followed by a
/// lower-case word is an abbreviation (`e.g. the`), not a full stop.
fn ends_sentence(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n' | '…' => true,
        '.' => {
            let next = chars.get(i + 1).copied();
            if next.is_some_and(char::is_alphanumeric) {
                return false;
            }
            let word = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            !word.is_some_and(|c| c.is_lowercase())
        }
        _ => false,
    }
}

/// Closing quotes and brackets that belong to the sentence they follow (`…销售”。`, `…"`).
fn closes(c: char) -> bool {
    "”’」』）》】〉)]\"'".contains(c)
}

/// Start of the sentence after the cursor: past the next sentence end, what closes it and any
/// spaces.
pub fn next_sentence(chars: &[char], cursor: usize) -> usize {
    let mut i = cursor;
    while i < chars.len() && !ends_sentence(chars, i) {
        i += 1;
    }
    while i < chars.len()
        && (ends_sentence(chars, i) || closes(chars[i]) || chars[i].is_whitespace())
    {
        i += 1;
    }
    i.min(chars.len().saturating_sub(1))
}

/// The last character of the sentence the cursor is in — its end mark with the quotes and
/// brackets that close it — or of the next sentence when the cursor is already there. A
/// selection moved here covers the sentence exactly. A line break ends a sentence but is not
/// part of it.
pub fn sentence_end(chars: &[char], cursor: usize) -> usize {
    let end_from = |from: usize| {
        let mut i = from;
        while i < chars.len() && !ends_sentence(chars, i) {
            i += 1;
        }
        if i >= chars.len() {
            return chars.len().saturating_sub(1);
        }
        if chars[i] == '\n' {
            return i.saturating_sub(1).max(from.min(i));
        }
        while i + 1 < chars.len()
            && chars[i + 1] != '\n'
            && (ends_sentence(chars, i + 1) || closes(chars[i + 1]))
        {
            i += 1;
        }
        i
    };
    let end = end_from(cursor);
    if end == cursor && cursor + 1 < chars.len() {
        // Skip the break and spaces before the next sentence.
        let mut from = cursor + 1;
        while from < chars.len() && chars[from].is_whitespace() {
            from += 1;
        }
        return end_from(from.min(chars.len() - 1));
    }
    end
}

/// Start of the sentence the cursor is in, or of the previous one when already at a start.
pub fn prev_sentence(chars: &[char], cursor: usize) -> usize {
    let boundary = |i: usize| {
        ends_sentence(chars, i)
            || closes(chars[i]) && i > 0 && {
                let mut j = i;
                while j > 0 && closes(chars[j]) {
                    j -= 1;
                }
                ends_sentence(chars, j)
            }
    };
    let start_of = |mut i: usize| {
        while i > 0 && !boundary(i - 1) {
            i -= 1;
        }
        i
    };
    let here = start_of(cursor.min(chars.len()));
    if here < cursor {
        return here;
    }
    let mut i = here;
    while i > 0 && (boundary(i - 1) || chars[i - 1].is_whitespace()) {
        i -= 1;
    }
    start_of(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The text from the cursor through `sentence_end`.
    fn through_end(text: &str, from: usize) -> String {
        let c = chars(text);
        c[from..=sentence_end(&c, from)].iter().collect()
    }

    #[test]
    fn dots_inside_numbers_addresses_and_abbreviations_are_not_sentence_ends() {
        let text = "Updated to firmware 1.0.3 for $29.99, e.g. via a@b.com. Still broken! Next";
        let c = chars(text);
        let next = next_sentence(&c, 0);
        assert_eq!(c[next..].iter().collect::<String>(), "Still broken! Next");
        assert_eq!(
            through_end(text, 0),
            "Updated to firmware 1.0.3 for $29.99, e.g. via a@b.com."
        );
    }

    #[test]
    fn a_sentence_ends_with_its_closing_quote_and_the_next_begins_after() {
        let text = "他说“影响二次销售”。可是没人回。“别再卖了！”然后";
        assert_eq!(through_end(text, 0), "他说“影响二次销售”。");
        let c = chars(text);
        let second = next_sentence(&c, 0);
        assert_eq!(c[second], '可');
        // From the end of one sentence, the next end is the next sentence's.
        assert_eq!(through_end(text, second), "可是没人回。");
        let end = sentence_end(&c, second);
        let third: String = c[end + 1..=sentence_end(&c, end)].iter().collect();
        assert_eq!(third, "“别再卖了！”");
        assert_eq!(c[next_sentence(&c, second)], '“');
        assert_eq!(c[prev_sentence(&c, c.len() - 1)], '然');
        assert_eq!(
            prev_sentence(&c, c.len() - 2),
            end + 1,
            "past the closing ”"
        );
        assert_eq!(prev_sentence(&c, end + 1), second);
    }

    #[test]
    fn a_line_break_ends_a_sentence_without_being_part_of_it() {
        let text = "第一行没有句号\n第二行。";
        assert_eq!(through_end(text, 0), "第一行没有句号");
        let c = chars(text);
        assert_eq!(
            sentence_end(&c, 6),
            11,
            "from the end, on to the next line's"
        );
    }
}
