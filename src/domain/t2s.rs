//! Traditional → simplified Chinese, one character at a time: what search folding and column-name
//! matching share, so that 退貨 finds 退货 and a `內容` column is the body like `内容`.

use std::sync::OnceLock;

/// Traditional → simplified for one character.
pub fn t2s(c: char) -> char {
    let i = (c as u32).wrapping_sub(T2S_FIRST) as usize;
    match t2s_table().get(i) {
        Some(&s) if s != '\0' => s,
        _ => c,
    }
}

/// The characters the table covers: CJK Unified Ideographs and Extension A, one slot each.
const T2S_FIRST: u32 = 0x3400;
const T2S_LAST: u32 = 0x9FFF;

/// Built once per process from OpenCC's traditional-to-simplified character dictionary (through
/// ferrous-opencc). Only one-to-one character mappings are kept: a phrase-level rewrite would
/// move offsets and make highlights drift. A slot per code point ('\0' where the character
/// stays), not a hash map: every Han character folded looks here, and a search page folds the
/// whole text of each of its hits.
fn t2s_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(build_t2s_table)
}

fn build_t2s_table() -> Vec<char> {
    use ferrous_opencc::{OpenCC, config::BuiltinConfig};
    let mut table = vec!['\0'; (T2S_LAST - T2S_FIRST + 1) as usize];
    let Ok(cc) = OpenCC::from_config(BuiltinConfig::T2s) else {
        return table;
    };
    let ranges = [T2S_FIRST..=0x4DBF, 0x4E00..=T2S_LAST];
    let chars: Vec<char> = ranges
        .into_iter()
        .flatten()
        .filter_map(char::from_u32)
        .collect();
    // One character per line keeps the converter from applying phrase rules across neighbours.
    let mut input = String::with_capacity(chars.len() * 4);
    for c in &chars {
        input.push(*c);
        input.push('\n');
    }
    let converted = cc.convert(&input);
    for (c, line) in chars.iter().zip(converted.split('\n')) {
        let mut it = line.chars();
        if let (Some(s), None) = (it.next(), it.next())
            && s != *c
        {
            table[(*c as u32 - T2S_FIRST) as usize] = s;
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2s_maps_only_han_characters_with_a_simplified_form() {
        assert_eq!(t2s('貨'), '货');
        assert_eq!(t2s('臺'), '台');
        // Ends of the table, a character already simplified, and characters outside it.
        for c in "\u{3400}\u{9FFF}货aé\u{20BB7}\u{F900}\u{33FF}".chars() {
            assert_eq!(t2s(c), c, "{c:?}");
        }
        let mapped = t2s_table().iter().filter(|&&s| s != '\0').count();
        assert!(mapped > 2_000, "{mapped} characters have a simplified form");
    }
}
