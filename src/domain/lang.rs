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
    let (mut han, mut ascii, mut other) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if is_cjk(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            ascii += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
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
}
