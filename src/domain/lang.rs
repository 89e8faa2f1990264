use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    Other,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            "en" | "english" | "英文" => Some(Lang::En),
            "other" => Some(Lang::Other),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Chinese when a fair share of the letters are Han characters (Chinese feedback often
/// mixes in product names and English words); English when the letters are mostly ASCII.
pub fn detect_lang(text: &str) -> Lang {
    let Letters { han, ascii, other } = count_letters(text);
    let letters = han + ascii + other;
    if letters == 0 {
        return Lang::Other;
    }
    // A Han character carries roughly a word's worth of meaning; weigh it against ~4 Latin letters.
    if han * 4 >= ascii && han > 0 {
        Lang::Zh
    } else if ascii * 10 >= letters * 7 {
        Lang::En
    } else {
        Lang::Other
    }
}

#[derive(Debug, Default, PartialEq)]
struct Letters {
    han: usize,
    ascii: usize,
    other: usize,
}

/// Every record read from the store is detected again (the language is not stored), so a page
/// of long mails runs this over its whole text: runs of ASCII, the bulk of English text, are
/// counted eight bytes at a time in a machine word, and only other characters are decoded.
fn count_letters(text: &str) -> Letters {
    let bytes = text.as_bytes();
    let mut n = Letters::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii()
            && let Some(word) = ascii_word(bytes, i)
        {
            n.ascii += ascii_letters(word);
            i += 8;
            continue;
        }
        // `i` only ever moves by whole characters, so it is on a character boundary.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if c.is_ascii() {
            n.ascii += usize::from(c.is_ascii_alphabetic());
        } else if is_cjk(c) {
            n.han += 1;
        } else if c.is_alphabetic() {
            n.other += 1;
        }
        i += c.len_utf8();
    }
    n
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i` as one word, when there are eight and all are ASCII: how text that is
/// mostly ASCII is walked a word at a time, here and by the index's folding.
pub fn ascii_word(bytes: &[u8], i: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    let word = u64::from_le_bytes(eight);
    (word & HIGH_BITS == 0).then_some(word)
}

/// ASCII letters among the eight ASCII bytes of `word`. Setting bit 5 makes capitals small and
/// moves no other byte into a..z; adding 0x80 - b holds a byte's high bit when it is at least b,
/// and no byte below 0x80 carries into the next.
fn ascii_letters(word: u64) -> usize {
    let small = word | 0x2020_2020_2020_2020;
    let from_a = small.wrapping_add(0x1f1f_1f1f_1f1f_1f1f) & HIGH_BITS;
    let past_z = small.wrapping_add(0x0505_0505_0505_0505) & HIGH_BITS;
    (from_a & !past_z).count_ones() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_cases() {
        assert_eq!(detect_lang("物流太慢了，等了一周"), Lang::Zh);
        assert_eq!(detect_lang("iPhone15 的电池不耐用"), Lang::Zh);
        assert_eq!(detect_lang("The refund never arrived"), Lang::En);
        assert_eq!(detect_lang("Доставка задерживается"), Lang::Other);
        assert_eq!(detect_lang("12345 !!!"), Lang::Other);
    }

    /// The letters counted one character at a time, as the definition reads.
    fn letters_by_char(text: &str) -> Letters {
        let mut n = Letters::default();
        for c in text.chars() {
            if is_cjk(c) {
                n.han += 1;
            } else if c.is_ascii_alphabetic() {
                n.ascii += 1;
            } else if c.is_alphabetic() {
                n.other += 1;
            }
        }
        n
    }

    #[test]
    fn a_word_of_ascii_counts_its_letters() {
        for text in ["abcdefgh", "ABCDEFGH", "@[`{ 09~", "Ok, 4512", "zZaA.-_!"] {
            let word = u64::from_le_bytes(text.as_bytes().try_into().unwrap());
            let want = text.bytes().filter(u8::is_ascii_alphabetic).count();
            assert_eq!(ascii_letters(word), want, "{text}");
        }
        // Every byte value below 0x80, eight at a time.
        for b in 0u8..0x80 {
            let word = u64::from_le_bytes([b; 8]);
            assert_eq!(
                ascii_letters(word),
                8 * usize::from(b.is_ascii_alphabetic()),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn blocks_of_ascii_count_as_characters_do() {
        let long = "Order #4512 never ARRIVED, please refund it: 退款 ÉTÉ ① ok";
        assert_eq!(count_letters(long), letters_by_char(long));
        assert_eq!(
            count_letters(&long.repeat(7)),
            letters_by_char(&long.repeat(7))
        );
    }

    proptest::proptest! {
        #[test]
        fn counts_match_the_definition(text in "[a-zA-Z0-9 ,.!é退款物流ÀЖ①\\n😀]{0,80}") {
            proptest::prop_assert_eq!(count_letters(&text), letters_by_char(&text));
        }
    }
}
