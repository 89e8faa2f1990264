//! English counts: "1 record", "2 records", "0 records". Chinese needs no plural (记录 is the same
//! for one or many), so only English text goes through here.

use std::fmt::Display;

/// A count and its noun, the noun in the plural unless the count is exactly one. The noun is
/// given in the singular; when it is a phrase, its last word takes the plural ("stored record" →
/// "stored records"). Takes anything printable so that counts of every integer type, and the
/// interface's template arguments, go through the one rule.
pub fn counted(n: impl Display, noun: &str) -> String {
    let n = n.to_string();
    if n == "1" {
        return format!("{n} {noun}");
    }
    format!("{n} {}", plural(noun))
}

/// The English plural of a noun (or of a phrase's last word). Enough for the nouns vochub
/// counts: "hit", "match", "entry", "person"; not a general English inflector.
pub fn plural(noun: &str) -> String {
    let (head, last) = match noun.rfind(' ') {
        Some(space) => noun.split_at(space + 1),
        None => ("", noun),
    };
    let word = match last {
        "person" => "people".to_string(),
        _ if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| last.ends_with(e)) =>
        {
            format!("{last}es")
        }
        _ if last.ends_with('y') && !ends_in_vowel_y(last) => {
            format!("{}ies", &last[..last.len() - 1])
        }
        _ => format!("{last}s"),
    };
    format!("{head}{word}")
}

/// "day", "key": a vowel before the y keeps it ("days"); "entry" does not ("entries").
fn ends_in_vowel_y(word: &str) -> bool {
    let mut back = word.chars().rev();
    back.next();
    back.next().is_some_and(|c| "aeiou".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "record"), "1 record");
        assert_eq!(counted(1_u64, "hit"), "1 hit");
        assert_eq!(counted(0_usize, "record"), "0 records");
        assert_eq!(counted(2, "item"), "2 items");
        assert_eq!(counted(11, "item"), "11 items");
        assert_eq!(counted(21, "item"), "21 items");
    }

    #[test]
    fn nouns_take_their_english_plural() {
        assert_eq!(counted(3, "match"), "3 matches");
        assert_eq!(counted(3, "entry"), "3 entries");
        assert_eq!(counted(3, "day"), "3 days");
        assert_eq!(counted(3, "person"), "3 people");
        assert_eq!(counted(3, "near-duplicate"), "3 near-duplicates");
        assert_eq!(counted(2, "stored record"), "2 stored records");
        assert_eq!(counted(1, "stored record"), "1 stored record");
    }
}
