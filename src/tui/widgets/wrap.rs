//! Wrapping text to a display width, with Chinese in mind: a wide character takes two columns,
//! a line may break between any two Han characters, Latin words stay whole when they fit, and
//! closing punctuation (，。！」…) is never left at the start of a line.
//!
//! Widths are measured, and text cut, by grapheme cluster, never by character: an emoji with a
//! skin tone (👍🏼), a ZWJ family, a flag or a variation selector is one cell pair on the
//! terminal, and cut in two its pieces draw as separate glyphs that outlive the screen.
//!
//! Lines are character ranges into the text, so the quote cursor (a character index) maps to a
//! (line, column) without re-measuring anything.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One display line: characters `start..end` of the text (a trailing newline excluded from
/// drawing but included in the range, so ranges tile the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrappedLine {
    pub start: usize,
    pub end: usize,
}

/// Columns a character takes on its own; controls (already sanitized away) and tabs count as one.
pub fn char_width(c: char) -> usize {
    if c == '\t' {
        return 1;
    }
    c.width().unwrap_or(0)
}

/// Columns a grapheme cluster takes, as ratatui's buffer and the terminal count it.
pub fn grapheme_width(g: &str) -> usize {
    if g == "\t" {
        return 1;
    }
    g.width()
}

pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// A grapheme cluster of a text: where it starts (in characters), how many characters it has,
/// its width and its first character (what line breaking looks at).
#[derive(Debug, Clone, Copy)]
pub struct Cluster {
    pub start: usize,
    pub len: usize,
    pub width: usize,
    pub first: char,
}

pub fn clusters(text: &str) -> Vec<Cluster> {
    let mut start = 0;
    text.graphemes(true)
        .map(|g| {
            let len = g.chars().count();
            let c = Cluster {
                start,
                len,
                width: grapheme_width(g),
                first: g.chars().next().unwrap_or(' '),
            };
            start += len;
            c
        })
        .collect()
}

/// The character index where the cluster holding character `i` starts.
pub fn cluster_start(text: &str, i: usize) -> usize {
    clusters(text)
        .iter()
        .rev()
        .find(|c| c.start <= i)
        .map_or(0, |c| c.start)
}

/// The character index just past the cluster holding character `i`.
pub fn cluster_end(text: &str, i: usize) -> usize {
    clusters(text)
        .iter()
        .find(|c| i < c.start + c.len)
        .map_or(i + 1, |c| c.start + c.len)
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
    let units = clusters(text);
    let total = text.chars().count();
    let mut lines = Vec::new();
    // `start` and `i` index clusters; lines are made of their character ranges.
    let mut start = 0;
    let mut col = 0;
    let mut i = 0;
    let at = |k: usize| units.get(k).map_or(total, |u| u.start);
    while i < units.len() {
        let u = units[i];
        let fits = col + u.width <= width || i == start;
        // A newline ends its line; so does a space that overflows, swallowed by the line.
        if u.first == '\n' || (u.first == ' ' && !fits) {
            lines.push(WrappedLine {
                start: at(start),
                end: at(i + 1),
            });
            start = i + 1;
            col = 0;
            i += 1;
            continue;
        }
        if fits {
            col += u.width;
            i += 1;
            continue;
        }
        let brk = break_point(&units, start, i);
        lines.push(WrappedLine {
            start: at(start),
            end: at(brk),
        });
        start = brk;
        col = units[brk..i].iter().map(|u| u.width).sum();
    }
    if start < units.len() || lines.is_empty() {
        lines.push(WrappedLine {
            start: at(start),
            end: total,
        });
    }
    lines
}

/// Where to end a line that would overflow at cluster `at`: never so that the next line starts
/// with closing punctuation, and before a Latin word rather than inside it. Falls back to `at`.
fn break_point(units: &[Cluster], start: usize, at: usize) -> usize {
    let word = |u: &Cluster| is_word_char(u.first) && u.width == 1;
    let mut brk = at;
    // Pull one character down with the punctuation, as Chinese typesetting does.
    while brk > start + 1 && no_line_start(units[brk].first) {
        brk -= 1;
    }
    // The word that overflows, or the one whose end came down with the punctuation ("2026-10-01、"),
    // goes down whole.
    if word(&units[brk]) {
        let mut s = brk;
        while s > start && word(&units[s - 1]) {
            s -= 1;
        }
        if s > start {
            brk = s;
        }
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
    let before: String = text
        .chars()
        .skip(start)
        .take(index.saturating_sub(start))
        .collect();
    (line, str_width(&before))
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
    fn a_word_whose_end_comes_down_with_punctuation_comes_down_whole() {
        // "、" does not fit and may not start a line; the date before it goes down with it
        // rather than leave "2026-10-0" above and "1、" below.
        assert_eq!(
            show("写法：2026-10-01、2026/10/01", 16),
            ["写法：", "2026-10-01、", "2026/10/01"]
        );
        assert_eq!(show("用 7d、2w", 5), ["用 ", "7d、", "2w"]);
    }

    #[test]
    fn emoji_sequences_are_measured_and_wrapped_whole() {
        // Skin tone, ZWJ family, flag, variation selector, keycap: one two-column cluster each.
        for e in [
            "👍🏼",
            "👨\u{200d}👩\u{200d}👧",
            "🇨🇳",
            "❤\u{fe0f}",
            "1\u{fe0f}\u{20e3}",
        ] {
            assert_eq!(str_width(e), 2, "{e:?}");
        }
        assert_eq!(show("好👍🏼好👍🏼", 4), ["好👍🏼", "好👍🏼"]);
        assert_eq!(show("👍🏼👍🏼👍🏼", 5), ["👍🏼👍🏼", "👍🏼"]);
        let text = "a👍🏼b";
        assert_eq!(cluster_start(text, 2), 1);
        assert_eq!(cluster_end(text, 1), 3);
        assert_eq!(locate(text, &wrap(text, 10), 3), (0, 3));
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
