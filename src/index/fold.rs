//! Folding: the one normalisation applied to indexed text and to queries alike, so that
//! ＡＰＰ, App and app meet, 退貨 finds 退货, and zero-width characters vanish. Works character
//! by character so every folded byte can be traced back to the original text (highlights must
//! land on what the user sees).

use unicode_normalization::UnicodeNormalization;

use crate::domain::{ascii_word, t2s};

/// Folded text plus, for each folded byte, the byte offset in the original it came from.
pub struct Folded {
    pub text: String,
    /// `orig[i]` is the original byte offset of folded byte `i`; one extra entry for the end.
    /// Empty when the text is all ASCII: folding keeps every byte where it was.
    orig: Vec<u32>,
    orig_len: usize,
}

impl Folded {
    /// Maps a folded byte offset back to the original text.
    pub fn original_offset(&self, folded: usize) -> usize {
        if self.orig.is_empty() {
            return folded.min(self.orig_len);
        }
        self.orig
            .get(folded)
            .map(|&o| o as usize)
            .unwrap_or(self.orig_len)
    }
}

pub fn fold(text: &str) -> Folded {
    // ASCII folds to the same length: every offset is its own, and no map is needed.
    if text.is_ascii() {
        return Folded {
            text: text.to_ascii_lowercase(),
            orig: Vec::new(),
            orig_len: text.len(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut orig = Vec::with_capacity(text.len() + 1);
    let mut buf = [0u8; 4];
    let bytes = text.as_bytes();
    let mut ob = 0;
    while ob < bytes.len() {
        // A run of ASCII folds byte for byte (lowercase, same length), with no character
        // decoded: most of an English mail, whose snippet folds all of it.
        if bytes[ob].is_ascii() {
            let run = ascii_run(&bytes[ob..]);
            let start = out.len();
            out.push_str(&text[ob..ob + run]);
            if let Some(copied) = out.get_mut(start..) {
                copied.make_ascii_lowercase();
            }
            orig.extend(ob as u32..(ob + run) as u32);
            ob += run;
            continue;
        }
        let Some(c) = text.get(ob..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        fold_char(c, |f| {
            let before = out.len();
            out.push_str(f.encode_utf8(&mut buf));
            for _ in before..out.len() {
                orig.push(ob as u32);
            }
        });
        ob += c.len_utf8();
    }
    orig.push(text.len() as u32);
    Folded {
        text: out,
        orig,
        orig_len: text.len(),
    }
}

/// How many bytes `bytes` starts with that are ASCII, checked a machine word at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while ascii_word(bytes, n).is_some() {
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii()).count()
}

/// Folds without keeping offsets: for query terms and comparisons.
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if crate::domain::is_cjk(c) && !('\u{F900}'..='\u{FAFF}').contains(&c) {
        // Unified ideographs are NFKC-stable and have no case: only the script fold applies.
        emit(t2s(c));
        return;
    }
    // NFKC keeps zero-width characters; a 零\u{200B}宽 pasted from the web must still be 零宽.
    if crate::domain::is_invisible(c) {
        return;
    }
    for n in std::iter::once(c).nfkc() {
        for l in n.to_lowercase() {
            emit(if crate::domain::is_cjk(l) { t2s(l) } else { l });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_and_script() {
        assert_eq!(fold_str("ＡＰＰ退貨"), "app退货");
        assert_eq!(fold_str("iPhone15 Pro版"), "iphone15 pro版");
        assert_eq!(fold_str("物流太慢"), "物流太慢");
        assert_eq!(fold_str("臺灣 發貨"), "台湾 发货");
        assert_eq!(fold_str("①"), "1");
    }

    #[test]
    fn offsets_map_back_to_original() {
        let src = "Ａ退貨b";
        let f = fold(src);
        assert_eq!(f.text, "a退货b");
        // folded "退" starts at byte 1, original at byte 3 (Ａ is 3 bytes)
        assert_eq!(f.original_offset(1), 3);
        assert_eq!(f.original_offset(f.text.len()), src.len());
        let plain = fold("abc");
        assert_eq!(plain.original_offset(2), 2);
    }

    #[test]
    fn zero_width_characters_fold_away_and_offsets_skip_them() {
        let src = "零\u{200b}宽\u{200c}字\u{200d}符\u{feff}测\u{2060}试\u{ad}";
        assert_eq!(fold_str(src), "零宽字符测试");
        let f = fold(src);
        assert_eq!(f.text, "零宽字符测试");
        // Folded "宽" (bytes 3..6) is the original's bytes 6..9, after the 3-byte U+200B.
        assert_eq!(f.original_offset(3), 6);
        assert_eq!(&src[f.original_offset(3)..f.original_offset(3) + 3], "宽");
        assert_eq!(f.original_offset(f.text.len()), src.len());
    }

    /// Folds and offsets a character at a time, as `fold` did before ASCII runs were copied.
    fn fold_by_char(text: &str) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut orig = Vec::new();
        for (ob, c) in text.char_indices() {
            fold_char(c, |f| {
                for _ in 0..f.len_utf8() {
                    orig.push(ob);
                }
                out.push(f);
            });
        }
        orig.push(text.len());
        (out, orig)
    }

    proptest::proptest! {
        #[test]
        fn ascii_runs_fold_as_characters_do(text in "[a-zA-Z0-9 ,.!ÉéＡ退貨款①\\n😀\u{200b}\u{feff}]{0,60}") {
            let folded = fold(&text);
            let (want, offsets) = fold_by_char(&text);
            proptest::prop_assert_eq!(&folded.text, &want);
            for (i, o) in offsets.iter().enumerate() {
                proptest::prop_assert_eq!(folded.original_offset(i), *o);
            }
        }
    }
}
