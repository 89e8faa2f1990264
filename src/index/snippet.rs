//! Snippets: a window of a record's text around its matches, with the matched spans marked.
//! Matches are found in the folded text and mapped back, so 退貨 is highlighted for 退货 and
//! ＡＰＰ for app; spans always fall on character boundaries. A query holding English words
//! matches them as search does, by their stem and as whole words: `refund` marks all of
//! "refunded", and not the "app" inside "happy".

use std::ops::Range;

use serde::Serialize;

use super::analyzers::{Units, query_units, units};
use super::english::stem;
use super::fold::{Folded, fold};
use crate::domain::is_invisible;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges into `text`, sorted, non-overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The text cut at highlight boundaries: (piece, is_match), in order.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::with_capacity(self.highlights.len() * 2 + 1);
        let mut last = 0;
        for r in &self.highlights {
            if r.start > last {
                out.push((&self.text[last..r.start], false));
            }
            out.push((&self.text[r.clone()], true));
            last = r.end;
        }
        if last < self.text.len() {
            out.push((&self.text[last..], false));
        }
        out
    }

    /// The snippet with each highlight wrapped in `open` … `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.segments()
            .into_iter()
            .map(|(s, hit)| {
                if hit {
                    format!("{open}{s}{close}")
                } else {
                    s.to_string()
                }
            })
            .collect()
    }
}

/// Every span of `text` whose folded form equals one of the (already folded) `terms`.
pub fn match_spans(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    let folded = fold(text);
    let mut spans = Vec::new();
    let mut words = None;
    for term in terms.iter().filter(|t| !t.is_empty()) {
        if term.bytes().any(|b| b.is_ascii_alphabetic()) {
            let words = words.get_or_insert_with(|| TextUnits::new(&folded));
            words.find(&folded, term, &mut spans);
            continue;
        }
        // Byte search is exact here: a whole UTF-8 term can only match on character boundaries.
        for s in memchr::memmem::find_iter(folded.text.as_bytes(), term.as_bytes()) {
            let (start, end) = (
                folded.original_offset(s),
                folded.original_offset(s + term.len()),
            );
            // The end maps to where the next visible character starts: leave out the zero-width
            // characters folding dropped in between, so the mark ends on the match's last letter.
            let end = start + text[start..end].trim_end_matches(is_invisible).len();
            spans.push(start..end);
        }
    }
    spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The units of a text (see `analyzers::units`), with the stems of its words worked out as a
/// query needs them: a long mail has thousands of words, and only those that begin with a
/// query word's first letter can share its stem.
struct TextUnits {
    units: Units,
    stems: Vec<Option<String>>,
}

impl TextUnits {
    fn new(folded: &Folded) -> TextUnits {
        let units = units(folded);
        TextUnits {
            stems: vec![None; units.list.len()],
            units,
        }
    }

    /// Pushes the original span of every run of units that reads as `term` does: the same
    /// characters, digits and emoji, words of the same stem, with gaps where the term has them.
    /// A joined word's pieces share its position, so the next unit of a run is looked for by
    /// position, not as the next in the list.
    fn find(&mut self, folded: &Folded, term: &str, out: &mut Vec<Range<usize>>) {
        let term_folded = fold(term);
        let term_units = query_units(&term_folded);
        let want: Vec<(String, usize)> = term_units
            .list
            .iter()
            .map(|u| {
                let text = term_units.text(&term_folded, u);
                (stem(text).into_owned(), u.position)
            })
            .collect();
        let Some((first, rest)) = want.split_first() else {
            return;
        };
        for at in 0..self.units.list.len() {
            if !self.unit_is(folded, at, &first.0) {
                continue;
            }
            let base = self.units.list[at].position;
            let mut end = Some(at);
            // How many positions the record's run is behind the term's: a hyphenated word's
            // pieces stand at one position, and search finds "third party" in "third-party".
            let mut behind = 0;
            for (key, position) in rest {
                let Some(prev) = end else { break };
                let position = base + (position - first.1) - behind;
                end = self.unit_at(folded, prev + 1, position, key);
                if end.is_none() {
                    let here = self.units.list[prev].position;
                    end = self.unit_at(folded, prev + 1, here, key);
                    behind += position.saturating_sub(here);
                }
            }
            if let Some(end) = end {
                out.push(self.units.list[at].from..self.units.list[end].to);
            }
        }
    }

    /// The first unit from `i` on at `position` that reads as `key`.
    fn unit_at(&mut self, folded: &Folded, i: usize, position: usize, key: &str) -> Option<usize> {
        let mut k = i;
        while k < self.units.list.len() && self.units.list[k].position <= position {
            if self.units.list[k].position == position && self.unit_is(folded, k, key) {
                return Some(k);
            }
            k += 1;
        }
        None
    }

    /// Does unit `i` read as `key` (a stem, or the unit's own text for what is not a word)?
    fn unit_is(&mut self, folded: &Folded, i: usize, key: &str) -> bool {
        let u = self.units.list[i];
        let text = self.units.text(folded, &u);
        if text == key {
            return true;
        }
        // A stem keeps its word's first letter; any other text had to be equal.
        if text.as_bytes().first() != key.as_bytes().first() {
            return false;
        }
        let stem = self.stems[i].get_or_insert_with(|| stem(text).into_owned());
        stem == key
    }
}

/// About `max_chars` characters of `text` (newlines flattened), starting a little before the
/// first match so the reader sees its context.
pub fn snippet(text: &str, terms: &[String], max_chars: usize) -> Snippet {
    let spans = match_spans(text, terms);
    let lead = max_chars / 5;
    let first = spans.first().map(|r| r.start).unwrap_or(0);
    let start_char = text[..first].chars().count().saturating_sub(lead);
    let start = text
        .char_indices()
        .nth(start_char)
        .map(|(b, _)| b)
        .unwrap_or(0);
    let end = text[start..]
        .char_indices()
        .nth(max_chars)
        .map(|(b, _)| start + b)
        .unwrap_or(text.len());
    let mut out = String::new();
    let mut highlights = Vec::new();
    if start > 0 {
        out.push('…');
    }
    let mut cursor = start;
    for r in spans.iter().filter(|r| r.end > start && r.start < end) {
        let s = r.start.max(start);
        let e = r.end.min(end);
        push_flat(&mut out, &text[cursor..s]);
        let hs = out.len();
        push_flat(&mut out, &text[s..e]);
        highlights.push(hs..out.len());
        cursor = e;
    }
    push_flat(&mut out, &text[cursor..end]);
    if end < text.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

/// Line breaks and tabs become spaces so a snippet stays on one line.
fn push_flat(out: &mut String, s: &str) {
    for c in s.chars() {
        out.push(if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_folded_matches_on_original_text() {
        let s = snippet("我要退貨，ＡＰＰ打不开", &["退货".into(), "app".into()], 50);
        assert_eq!(s.marked("[", "]"), "我要[退貨]，[ＡＰＰ]打不开");
    }

    #[test]
    fn highlights_skip_zero_width_characters_around_the_match() {
        let text = "零\u{200b}宽\u{200c}字\u{200d}符\u{feff}测试";
        assert_eq!(match_spans(text, &["零宽".into()]), vec![0..9]);
        let s = snippet(text, &["字符".into()], 50);
        assert_eq!(
            s.marked("[", "]"),
            "零\u{200b}宽\u{200c}[字\u{200d}符]\u{feff}测试"
        );
    }

    #[test]
    fn english_words_match_by_stem_and_only_whole() {
        let text = "Happy apps, happier app's";
        assert_eq!(match_spans(text, &["app".into()]), vec![6..10, 20..23]);
        assert_eq!(match_spans(text, &["happiness".into()]), vec![0..5]);
        // A phrase: the words in order, with a gap where the term has one.
        assert_eq!(match_spans(text, &["happy app".into()]), vec![0..10]);
        assert!(match_spans(text, &["app happy".into()]).is_empty());
        let s = snippet("我的ＡＰＰｓ闪退了", &["app闪退".into()], 50);
        assert_eq!(s.marked("[", "]"), "我的[ＡＰＰｓ闪退]了");
    }

    #[test]
    fn a_joined_word_matches_either_spelling_over_the_whole_word() {
        let text = "My e-mail, your email; can't";
        assert_eq!(match_spans(text, &["email".into()]), vec![3..9, 16..21]);
        assert_eq!(match_spans(text, &["e-mail".into()]), vec![3..9, 16..21]);
        assert_eq!(match_spans(text, &["cant".into()]), vec![23..28]);
        assert_eq!(match_spans(text, &["mail".into()]), vec![5..9]);
        // A phrase runs on from a joined word, whose pieces share its position.
        assert_eq!(match_spans(text, &["email your".into()]), vec![3..15]);
        assert_eq!(match_spans(text, &["mail your".into()]), vec![5..15]);
    }

    #[test]
    fn windows_long_text_around_first_match() {
        let text = format!("{}退款{}", "很".repeat(100), "好".repeat(100));
        let s = snippet(&text, &["退款".into()], 30);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.text.chars().count(), 32);
        assert_eq!(&s.text[s.highlights[0].clone()], "退款");
    }

    #[test]
    fn no_terms_gives_the_start() {
        let s = snippet("第一行\n第二行", &[], 10);
        assert_eq!(s.text, "第一行 第二行");
        assert!(s.highlights.is_empty());
    }
}
