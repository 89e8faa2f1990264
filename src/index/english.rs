//! English word forms: what makes `refund` find "refunds" and "refunded", `cancel` find
//! "cancelled" and `app` find "apps". Runs of ASCII letters are reduced to their Snowball
//! English stem in the gram fields, at index time and at query time alike, so every form of a
//! word meets the same term; a possessive `'s` is dropped (customer's is customer). Chinese,
//! digits and letters outside ASCII are left as they are: the stemmer is for English, and
//! calling it on every Chinese bigram would cost an import for nothing.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};

/// The English stem of a run of folded (lowercase) ASCII letters. Other text comes back as it is.
pub fn stem(word: &str) -> Cow<'_, str> {
    // Snowball leaves words of one or two letters as they are; skipping them saves the call
    // for "a", "my", "is", "to", which are a good share of English text.
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    Stemmer::new(Algorithm::English).stem(word)
}

/// Does the apostrophe at `chars[i]` begin a possessive `'s` that ends the word (customer's,
/// customer’s)? The `s` then belongs to no word of its own.
pub fn possessive_at(chars: &[(usize, char)], i: usize) -> bool {
    matches!(chars.get(i), Some((_, '\'' | '\u{2019}')))
        && matches!(chars.get(i + 1), Some((_, 's')))
        && chars.get(i + 2).is_none_or(|(_, c)| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<(usize, char)> {
        s.char_indices().collect()
    }

    #[test]
    fn word_forms_share_a_stem() {
        for (forms, want) in [
            (
                &["refund", "refunds", "refunded", "refunding"][..],
                "refund",
            ),
            (
                &["cancel", "cancelled", "canceled", "cancellation"][..],
                "cancel",
            ),
            (&["charge", "charged", "charges", "charging"][..], "charg"),
            (&["app", "apps"][..], "app"),
        ] {
            for f in forms {
                assert_eq!(stem(f), want, "{f}");
            }
        }
    }

    #[test]
    fn only_lowercase_ascii_words_are_stemmed() {
        assert_eq!(stem("my"), "my");
        assert_eq!(stem("café"), "café");
        assert_eq!(stem("退款"), "退款");
        assert_eq!(stem("15"), "15");
    }

    #[test]
    fn possessive_s_ends_a_word() {
        let c = chars("customer's order");
        assert!(possessive_at(&c, 8));
        let c = chars("customer’s");
        assert!(possessive_at(&c, 8));
        assert!(!possessive_at(&chars("rock'n'roll"), 4));
        assert!(!possessive_at(&chars("it'ss"), 2));
        assert!(!possessive_at(&chars("can't"), 3));
    }
}
