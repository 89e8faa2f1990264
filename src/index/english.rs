//! English word forms: what makes `refund` find "refunds" and "refunded", `cancel` find
//! "cancelled" and `app` find "apps". Runs of ASCII letters are reduced to their Snowball
//! English stem in the gram fields, at index time and at query time alike, so every form of a
//! word meets the same term; a possessive `'s` is dropped (customer's is customer). Chinese,
//! digits and letters outside ASCII are left as they are: the stemmer is for English, and
//! calling it on every Chinese bigram would cost an import for nothing.
//!
//! The same word typed differently meets here too: British spellings are stemmed as American
//! ones (colour is color), a hyphenated word or a contraction is also the word written joined
//! (e-mail is email, I'm is im); words written apart or as one meet in `compounds`.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};

/// The English stem of a run of folded (lowercase) ASCII letters. Other text comes back as it is.
pub fn stem(word: &str) -> Cow<'_, str> {
    // Snowball leaves words of one or two letters as they are; skipping them saves the call
    // for "a", "my", "is", "to", which are a good share of English text.
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    if let Some(stem) = overridden(word) {
        return Cow::Borrowed(stem);
    }
    let stem = Stemmer::new(Algorithm::English).stem(word);
    match american(&stem) {
        Some(us) => Cow::Borrowed(us),
        None => stem,
    }
}

/// The American stem for the stem of a British spelling, so that every form of colour meets
/// every form of color. Mapped after Snowball, stem to stem, one line covers a word's family
/// (colour, colours, coloured, colourful). Only spellings where the British stem is no other
/// word's: cheque stays apart from check, which mostly means something else. Each American stem
/// keeps the first letter of its word, which highlighting relies on (see snippet).
fn american(stem: &str) -> Option<&'static str> {
    Some(match stem {
        "colour" => "color",
        "favour" => "favor",
        "favourit" => "favorit",
        "behaviour" => "behavior",
        "honour" => "honor",
        "neighbour" => "neighbor",
        "centr" => "center",
        "organis" => "organiz",
        "apologis" => "apolog",
        "realis" => "realiz",
        "recognis" => "recogn",
        "analys" => "analyz",
        "licenc" => "licens",
        "catalogu" => "catalog",
        _ => return None,
    })
}

/// Where Snowball goes wrong for words customers write often, found on the real support
/// tweets (every group below occurs there): the stem it would give, and why it will not do.
/// Each override keeps its word's first letter, which highlighting relies on (see snippet).
/// Only whole words are listed; a form not listed gets Snowball's stem.
fn overridden(word: &str) -> Option<&'static str> {
    Some(match word {
        // Snowball: custom. "customer service" is not "custom firmware" nor "customs".
        "customer" | "customers" => "customer",
        // Snowball: busi, shared with busy ("the line is busy" is not about a business).
        "business" | "businesses" => "business",
        // Snowball: import, shared with import (a data import is not "important").
        "important" | "importantly" | "importance" => "important",
        // Snowball: wonder, shared with wondering (praise is not a question).
        "wonderful" | "wonderfully" => "wonderful",
        // Snowball: late, shared with late ("arrived late" is a complaint, "lately" is not).
        "lately" => "lately",
        // Snowball: deliveri, apart from deliver, delivered, delivering (deliv).
        "delivery" | "deliveries" => "deliv",
        // Snowball: notif, apart from notify, notified (notifi).
        "notification" | "notifications" => "notifi",
        // Snowball: experienc, apart from experience, experiences (experi).
        "experienced" | "experiencing" => "experi",
        // Snowball: complaint, apart from complain, complained (complain).
        "complaint" | "complaints" => "complain",
        // Snowball: your, shared with your (you're typed without its apostrophe).
        "youre" => "youre",
        _ => return None,
    })
}

/// Is `chars[i]` a mark that ties the run of letters ending before it to the letters after it
/// into one word: a hyphen between ASCII letters (e-mail), or the apostrophe of a contraction
/// that is no other word when typed without it (can't, don’t, I'm, you're, I've)? Other
/// apostrophes (we'll, I'd, O'Neil) do not join: "well" is not "we'll".
pub fn joins_at(chars: &[(usize, char)], i: usize) -> bool {
    let letter = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_alphabetic());
    if i == 0 || !letter(i - 1) || !letter(i + 1) {
        return false;
    }
    match chars[i].1 {
        c if is_hyphen(c) => true,
        '\'' | '\u{2019}' => {
            let mut end = i + 1;
            while letter(end) {
                end += 1;
            }
            if chars.get(end).is_some_and(|(_, c)| c.is_alphanumeric()) {
                return false;
            }
            let mut start = i - 1;
            while start > 0 && letter(start - 1) {
                start -= 1;
            }
            let word = |r: std::ops::Range<usize>| chars[r].iter().map(|(_, c)| *c).collect();
            let (before, after): (String, String) = (word(start..i), word(i + 1..end));
            contraction_joins(&before, &after)
        }
        _ => false,
    }
}

/// The hyphens `joins_at` joins words across.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Is `before'after` (folded) a contraction whose apostrophe joins? Every `n't` (can't is
/// cant, won't wont: on the support tweets "wont" always meant won't); of the rest only those
/// that spell no other word without the apostrophe. Left apart: I'll (ill), we'll (well),
/// he'll (hell), she'll (shell), we're (were), I'd (id), we'd (wed), she'd (shed), who're,
/// and it's, whose s is dropped as a possessive's is.
fn contraction_joins(before: &str, after: &str) -> bool {
    match after {
        "t" => before.ends_with('n'),
        "m" => before == "i",
        "re" => matches!(before, "you" | "they"),
        "ve" => matches!(
            before,
            "i" | "you" | "we" | "they" | "could" | "should" | "would" | "might" | "must"
        ),
        "ll" => matches!(before, "you" | "they" | "it" | "that"),
        "d" => matches!(before, "you" | "they" | "he" | "it"),
        _ => false,
    }
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
    fn overrides_part_words_snowball_joins_and_join_forms_it_parts() {
        for (a, b) in [
            ("customer", "custom"),
            ("customers", "customs"),
            ("business", "busy"),
            ("important", "import"),
            ("wonderful", "wondering"),
            ("lately", "late"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
        for forms in [
            &[
                "delivery",
                "deliveries",
                "deliver",
                "delivered",
                "delivering",
            ][..],
            &["notification", "notifications", "notify", "notified"][..],
            &["experience", "experiences", "experienced", "experiencing"][..],
            &["complaint", "complaints", "complain", "complained"][..],
            &["customer", "customers"][..],
        ] {
            for f in forms {
                assert_eq!(stem(f), stem(forms[0]), "{f}");
            }
        }
    }

    #[test]
    fn an_override_keeps_the_first_letter_of_its_word() {
        for word in [
            "customer",
            "businesses",
            "importance",
            "wonderfully",
            "lately",
            "deliveries",
            "notifications",
            "experiencing",
            "complaints",
        ] {
            let stem = overridden(word).unwrap();
            assert_eq!(stem.as_bytes()[0], word.as_bytes()[0], "{word}");
        }
    }

    #[test]
    fn hyphens_and_nt_apostrophes_join_words() {
        let joins = |s: &str, i| joins_at(&chars(s), i);
        assert!(joins("e-mail", 1));
        assert!(joins("wi‐fi", 2));
        assert!(joins("can't", 3));
        assert!(joins("don’t", 3));
        assert!(!joins("we'll", 2), "we'll is not well");
        assert!(!joins("can'the", 3));
        assert!(!joins("covid-19", 5));
        assert!(!joins("-mail", 0));
        assert!(!joins("e--mail", 1));
        assert!(!joins("café-bar", 4));
    }

    #[test]
    fn contractions_join_only_where_the_joined_word_is_no_other() {
        let joins = |s: &str| {
            let c = chars(s);
            let at = c
                .iter()
                .position(|(_, ch)| matches!(ch, '\'' | '’'))
                .unwrap();
            joins_at(&c, at)
        };
        for s in [
            "i'm",
            "you're",
            "they’re",
            "i've",
            "we've",
            "could've",
            "you'll",
            "it'll",
            "you'd",
            "he'd",
            "doesn't",
            "isn't",
            "didn't",
            "wasn't",
            "won't",
            "so i'm.",
        ] {
            assert!(joins(s), "{s}");
        }
        for s in [
            "i'll",
            "we'll",
            "he'll",
            "she'll",
            "we're",
            "i'd",
            "we'd",
            "she'd",
            "who're",
            "it's",
            "customer's",
            "o'neil",
            "i'm2",
            "rock'n'roll",
        ] {
            assert!(!joins(s), "{s}");
        }
    }

    #[test]
    fn a_contraction_typed_without_its_apostrophe_keeps_its_own_stem() {
        assert_eq!(stem("youre"), "youre");
        assert_ne!(stem("youre"), stem("your"));
    }

    #[test]
    fn british_spellings_share_the_american_stem() {
        for forms in [
            &[
                "colour",
                "colours",
                "coloured",
                "colourful",
                "color",
                "colors",
                "colored",
            ][..],
            &["favour", "favoured", "favor", "favored"][..],
            &["favourite", "favourites", "favorite", "favorites"][..],
            &["cancelled", "canceled", "cancelling", "canceling", "cancel"][..],
            &[
                "organise",
                "organised",
                "organising",
                "organisation",
                "organisations",
                "organize",
                "organized",
                "organization",
            ][..],
            &[
                "centre", "centres", "centred", "center", "centers", "centered",
            ][..],
            &[
                "behaviour",
                "behaviours",
                "behavioural",
                "behavior",
                "behavioral",
            ][..],
            &["honour", "honoured", "honor", "honored"][..],
            &["neighbour", "neighbours", "neighbor", "neighbors"][..],
            &[
                "analyse",
                "analysed",
                "analysing",
                "analyze",
                "analyzed",
                "analyzing",
            ][..],
            &[
                "apologise",
                "apologised",
                "apologize",
                "apologized",
                "apologizing",
            ][..],
            &["realise", "realised", "realize", "realized"][..],
            &["recognise", "recognised", "recognize", "recognized"][..],
            &["licence", "licences", "license", "licenses", "licensed"][..],
            &["travelling", "traveling", "travelled", "traveled", "travel"][..],
            &["catalogue", "catalogues", "catalog", "catalogs"][..],
        ] {
            for f in forms {
                assert_eq!(stem(f), stem(forms[0]), "{f}");
            }
        }
        // check mostly means something other than a cheque
        assert_ne!(stem("cheque"), stem("check"));
        assert_ne!(stem("centre"), stem("cent"));
    }

    #[test]
    fn an_american_stem_keeps_the_first_letter_of_its_word() {
        for word in [
            "colour",
            "favourite",
            "centre",
            "organise",
            "licence",
            "catalogue",
        ] {
            let us = stem(word);
            assert_eq!(us.as_bytes()[0], word.as_bytes()[0], "{word}");
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
