//! A one-line text field: the text and a cursor counted in characters, so that editing Chinese
//! never lands inside a character. Display columns come from `unicode-width`.

use unicode_width::UnicodeWidthStr;

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

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
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
    fn a_paste_is_one_line_of_text_at_the_cursor() {
        let mut t = TextInput::new("[]");
        t.left();
        assert!(t.insert_paste("退款没到账\r\nquick\treply\u{1b}[2J please\n"));
        assert_eq!(t.text(), "[退款没到账 quick reply please ]");
        assert_eq!(t.cursor(), t.text().chars().count() - 1);
        assert!(!t.insert_paste("\u{7}"));
    }
}
