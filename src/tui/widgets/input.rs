//! A one-line text field: the text and a cursor counted in characters, so that editing Chinese
//! never lands inside a character. Display columns come from `unicode-width`.

use unicode_width::UnicodeWidthStr;

use super::wrap::{cluster_end, cluster_start, clusters};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextInput {
    text: String,
    /// Cursor position in characters, 0..=len.
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(b, _)| b)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text at the cursor as one line: a field holds one line, so line breaks and
    /// tabs become spaces, and control characters and escape sequences (a pasted `ESC [2J`) are
    /// dropped, as in any text drawn. True when anything was inserted.
    pub fn insert_paste(&mut self, pasted: &str) -> bool {
        let clean = crate::domain::sanitize_line(pasted);
        if clean.is_empty() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        true
    }

    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    /// Deletes back to the start of the word before the cursor (ctrl-w).
    pub fn delete_word(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == self.cursor {
            return false;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
        true
    }

    pub fn clear(&mut self) -> bool {
        let changed = !self.text.is_empty();
        self.text.clear();
        self.cursor = 0;
        changed
    }

    /// One glyph left: an emoji sequence is stepped over whole.
    pub fn left(&mut self) {
        self.cursor = cluster_start(&self.text, self.cursor.saturating_sub(1));
    }

    pub fn right(&mut self) {
        let len = self.text.chars().count();
        self.cursor = cluster_end(&self.text, self.cursor).min(len);
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Display column of the cursor: wide characters before it count twice.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.byte_at(self.cursor)].width()
    }

    /// What a field `width` columns wide shows, and the cursor's column in it. The window starts
    /// at the text's start while the cursor fits there; past that it ends at the cursor, so what
    /// is being typed is always in view. Only whole characters are shown: a wide one that would
    /// straddle an edge is left out, never drawn in half.
    pub fn window(&self, width: usize) -> (String, usize) {
        let units = clusters(&self.text);
        // The cluster under the cursor: its width, or one blank cell after the end.
        let here = units.iter().position(|u| self.cursor < u.start + u.len);
        let cur = here.unwrap_or(units.len());
        let under = here.map_or(1, |k| units[k].width.max(1));
        let before: usize = units[..cur].iter().map(|u| u.width).sum();
        let mut first = 0;
        if before + under > width {
            first = cur;
            let mut used = under;
            while first > 0 && used + units[first - 1].width <= width {
                first -= 1;
                used += units[first].width;
            }
        }
        let chars: Vec<char> = self.text.chars().collect();
        let mut shown = String::new();
        let mut used = 0;
        for u in &units[first..] {
            if used + u.width > width {
                break;
            }
            used += u.width;
            shown.extend(&chars[u.start..u.start + u.len]);
        }
        let col = units[first..cur].iter().map(|u| u.width).sum();
        (shown, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_character_and_measures_by_width() {
        let mut t = TextInput::new("退款");
        assert_eq!(t.cursor_column(), 4);
        t.left();
        t.insert('x');
        assert_eq!(t.text(), "退x款");
        assert_eq!(t.cursor_column(), 3);
        assert!(t.backspace());
        assert_eq!(t.text(), "退款");
        t.end();
        t.insert(' ');
        for c in "物流".chars() {
            t.insert(c);
        }
        assert!(t.delete_word());
        assert_eq!(t.text(), "退款 ");
        assert!(t.clear());
        assert!(!t.backspace());
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_cursor_in_view() {
        let mut t = TextInput::new("abc退款物流");
        // 11 columns; 6 fit, plus the blank cell after the end for the cursor.
        assert_eq!(t.window(7), ("款物流".into(), 6));
        assert_eq!(
            t.window(6),
            ("物流".into(), 4),
            "退 款 would be cut in half"
        );
        t.home();
        assert_eq!(t.window(6), ("abc退".into(), 0));
        for _ in 0..4 {
            t.right();
        }
        // The cursor on 款 (two columns): the window ends after it.
        assert_eq!(t.window(6), ("bc退款".into(), 4));
        assert_eq!(TextInput::new("短").window(10), ("短".into(), 2));
        assert_eq!(t.window(0), (String::new(), 0));
        // A skin-toned thumb is one glyph: stepped over, and shown or hidden whole.
        let mut e = TextInput::new("👍🏼ab");
        e.home();
        e.right();
        assert_eq!(e.cursor(), 2);
        e.left();
        assert_eq!(e.cursor(), 0);
        e.end();
        assert_eq!(e.window(3), ("ab".into(), 2));
        assert_eq!(e.window(5), ("👍🏼ab".into(), 4));
    }

    #[test]
    fn a_paste_is_one_line_of_text_at_the_cursor() {
        let mut t = TextInput::new("[]");
        t.left();
        assert!(t.insert_paste("退款没到账\r\nquick\treply\u{1b}[2J please\n"));
        assert_eq!(t.text(), "[退款没到账 quick reply please ]");
        assert_eq!(t.cursor(), t.text().chars().count() - 1);
        assert!(!t.insert_paste("\u{7}"));
    }
}
