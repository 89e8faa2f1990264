//! Wrapping text to a display width, with Chinese in mind: a wide character takes two columns,
//! a line may break between any two Han characters, Latin words stay whole when they fit, and
//! closing punctuation (，。！」…) is never left at the start of a line.
//!
//! Lines are character ranges into the text, so the quote cursor (a character index) maps to a
//! (line, column) without re-measuring anything.

use unicode_width::UnicodeWidthChar;

/// One display line: characters `start..end` of the text (a trailing newline excluded from
/// drawing but included in the range, so ranges tile the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrappedLine {
    pub start: usize,
    pub end: usize,
}

/// Columns a character takes; controls (already sanitized away) and tabs count as one.
pub fn char_width(c: char) -> usize {
    if c == '\t' {
        return 1;
    }
    c.width().unwrap_or(0)
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Characters that must not begin a line (Chinese and Latin closing punctuation).
fn no_line_start(c: char) -> bool {
    "，。、；：！？）】」』》〉”’…—,.;:!?)]}%".contains(c)
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && char_width(c) == 1
}

pub fn wrap(text: &str, width: usize) -> Vec<WrappedLine> {
    let width = width.max(2);
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut col = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let w = char_width(c);
        let fits = col + w <= width || i == start;
        // A newline ends its line; so does a space that overflows, swallowed by the line.
        if c == '\n' || (c == ' ' && !fits) {
            lines.push(WrappedLine { start, end: i + 1 });
            start = i + 1;
            col = 0;
            i += 1;
            continue;
        }
        if fits {
            col += w;
            i += 1;
            continue;
        }
        let brk = break_point(&chars, start, i);
        lines.push(WrappedLine { start, end: brk });
        start = brk;
        col = chars[brk..i].iter().map(|c| char_width(*c)).sum();
    }
    if start < chars.len() || lines.is_empty() {
        lines.push(WrappedLine {
            start,
            end: chars.len(),
        });
    }
    lines
}

/// Where to end a line that would overflow at `at`: before the Latin word `at` is part of, and
/// never so that the next line starts with closing punctuation. Falls back to `at`.
fn break_point(chars: &[char], start: usize, at: usize) -> usize {
    let mut brk = at;
    if is_word_char(chars[at]) {
        let mut s = at;
        while s > start && is_word_char(chars[s - 1]) {
            s -= 1;
        }
        if s > start {
            brk = s;
        }
    }
    // Pull one character down with the punctuation, as Chinese typesetting does.
    while brk > start + 1 && no_line_start(chars[brk]) {
        brk -= 1;
    }
    brk
}

/// The (line, column) where character `index` is drawn.
pub fn locate(text: &str, lines: &[WrappedLine], index: usize) -> (usize, usize) {
    let line = lines
        .iter()
        .position(|l| index < l.end)
        .unwrap_or(lines.len().saturating_sub(1));
    let start = lines.get(line).map_or(0, |l| l.start);
    let col = text
        .chars()
        .skip(start)
        .take(index.saturating_sub(start))
        .map(char_width)
        .sum();
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(text, width)
            .iter()
            .map(|l| chars[l.start..l.end].iter().collect::<String>())
            .collect()
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(show("物流太慢了", 4), ["物流", "太慢", "了"]);
        for l in show("物流显示已签收，可我根本没收到", 7) {
            assert!(str_width(&l) <= 7, "{l}");
        }
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        let lines = show("已签收，可我", 6);
        assert_eq!(lines, ["已签", "收，可", "我"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(show("Lark Buds Lite", 10), ["Lark Buds ", "Lite"]);
        assert_eq!(show("退款refund", 6), ["退款", "refund"]);
        assert_eq!(show("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn newlines_break_and_cursor_locates() {
        let text = "第一行\n第二";
        let lines = wrap(text, 20);
        assert_eq!(lines.len(), 2);
        assert_eq!(locate(text, &lines, 4), (1, 0));
        assert_eq!(locate(text, &lines, 5), (1, 2));
        assert_eq!(locate(text, &lines, 2), (0, 4));
    }
}
