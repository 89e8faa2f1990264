//! English words customers write as one word or as two, and what a query looks up for each.
//!
//! A closed compound (followup, login, email, setup) means what its two words mean (follow up,
//! log in, e mail, set up), and a support agent typing either must find both. No rule on the
//! words alone can tell such a pair from one whose join is another word: "may be" is not maybe,
//! "every day" not everyday, "any one" not anyone. So words are joined, and a word split, only
//! where `COMPOUNDS` lists the pair. A hyphenated word needs no list: a record indexes e-mail as
//! email with its pieces at that one position, so a phrase of the pieces looked up at one
//! position finds any hyphenated word (`pieces_at_one_position`), and a query's hyphenated word is
//! looked up joined, as the record holds it.

use std::sync::LazyLock;

use tantivy::tokenizer::Token;

use super::analyzers::gram_tokens;
use super::english::{is_hyphen, joins_at, stem};
use super::fold::fold_str;
use crate::domain::query::Expr;

/// Each compound as its two words, in forms whose stems any form of the words shares (head
/// phones also meets headphone). Listed only where the joined word means what the two words
/// do in customers' writing. Left out on purpose, because on the real support tweets the two
/// words mostly mean something else: back up ("back up and running"), check out ("check out
/// this link"), on line ("on line to order"), pick up (the phone), plug in, make up, any more,
/// face time; and every pair whose join is another word (may be, every day, any one, some
/// time, in to, all ready, be long, a way).
const COMPOUNDS: &[(&str, &str)] = &[
    ("follow", "up"),
    ("check", "in"),
    ("log", "in"),
    ("log", "on"),
    ("log", "out"),
    ("sign", "in"),
    ("sign", "up"),
    ("sign", "out"),
    ("set", "up"),
    ("e", "mail"),
    ("voice", "mail"),
    ("wi", "fi"),
    ("pre", "order"),
    ("can", "not"),
    ("shut", "down"),
    ("time", "out"),
    ("pop", "up"),
    ("drop", "down"),
    ("add", "on"),
    ("opt", "in"),
    ("opt", "out"),
    ("call", "back"),
    ("cash", "back"),
    ("charge", "back"),
    ("over", "charge"),
    ("work", "around"),
    ("down", "load"),
    ("up", "load"),
    ("web", "site"),
    ("home", "page"),
    ("user", "name"),
    ("pass", "word"),
    ("screen", "shot"),
    ("smart", "phone"),
    ("cell", "phone"),
    ("head", "phones"),
    ("head", "set"),
    ("ear", "buds"),
    ("blue", "tooth"),
    ("hot", "spot"),
    ("touch", "screen"),
    ("lap", "top"),
    ("key", "board"),
    ("gift", "card"),
    ("zip", "code"),
    ("post", "code"),
    ("thank", "you"),
    ("week", "end"),
    ("play", "station"),
    ("mac", "book"),
    ("you", "tube"),
    ("pay", "pal"),
];

/// A compound of `COMPOUNDS`, with the stems its spellings are recognised by.
struct Compound {
    first: &'static str,
    second: &'static str,
    joined: String,
    stems: (String, String),
    joined_stem: String,
}

/// Worked out once: a query compares each of its words against every compound.
static KNOWN: LazyLock<Vec<Compound>> = LazyLock::new(|| {
    COMPOUNDS
        .iter()
        .map(|&(first, second)| {
            let joined = format!("{first}{second}");
            Compound {
                first,
                second,
                stems: (stem(first).into_owned(), stem(second).into_owned()),
                joined_stem: stem(&joined).into_owned(),
                joined,
            }
        })
        .collect()
});

/// The compound the folded words `first second` write apart (log in, logged in: login), if
/// any. Words of other letters than ASCII are no English word and join nothing.
pub fn joined(first: &str, second: &str) -> Option<&'static str> {
    if !is_word(first) || !is_word(second) {
        return None;
    }
    let stems = (stem(first), stem(second));
    KNOWN
        .iter()
        .find(|c| c.stems.0 == stems.0 && c.stems.1 == stems.1)
        .map(|c| c.joined.as_str())
}

/// The two words of the compound the folded `word` is a form of (logins: log in), if any.
pub fn apart(word: &str) -> Option<(&'static str, &'static str)> {
    if !is_word(word) {
        return None;
    }
    let s = stem(word);
    KNOWN
        .iter()
        .find(|c| c.joined_stem == s)
        .map(|c| (c.first, c.second))
}

fn is_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// The other ways a query's English words may be written, besides `folded` as typed: with each
/// hyphenated word as its pieces apart (follow-up as "follow up"), two words side by side that
/// are a compound as one (follow up as followup), and a compound as its two words (followup as
/// "follow up"). A text of more than `MAX_WORDS` words is only split: each spelling is one more
/// phrase to look up.
pub fn spellings(folded: &str) -> Vec<String> {
    const MAX_WORDS: usize = 8;
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    let split: String = chars
        .iter()
        .enumerate()
        .map(|(i, &(_, c))| {
            if is_hyphen(c) && joins_at(&chars, i) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = Vec::new();
    if split != folded {
        out.push(split.clone());
    }
    let words: Vec<&str> = split.split_whitespace().collect();
    if words.len() > MAX_WORDS {
        return out;
    }
    let with = |at: std::ops::Range<usize>, instead: &str| -> String {
        let mut all: Vec<&str> = words[..at.start].to_vec();
        all.push(instead);
        all.extend(&words[at.end..]);
        all.join(" ")
    };
    for i in 0..words.len() {
        if let Some(one) = words.get(i + 1).and_then(|next| joined(words[i], next)) {
            out.push(with(i..i + 2, one));
        }
        if let Some((first, second)) = apart(words[i]) {
            out.push(with(i..i + 1, &format!("{first} {second}")));
        }
    }
    out
}

/// The compounds written apart among an And's `items`: where two free-text words side by side
/// are one compound (follow up, log in), the index of the first and the compound (followup,
/// login). Only listed compounds (`COMPOUNDS`): "may be" is not maybe.
pub(super) fn compounds_apart(items: &[Expr]) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < items.len() {
        if let (Expr::Word { text: a }, Expr::Word { text: b }) = (&items[i], &items[i + 1])
            && let Some(one) = joined(&fold_str(a), &fold_str(b))
        {
            out.push((i, one));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// The compounds written apart among the query's positive words (see `compounds_apart`): what
/// they also find, for highlights and explanations.
pub(super) fn compounds_in(e: &Expr) -> Vec<&'static str> {
    let mut out = Vec::new();
    match e {
        Expr::And { items } => {
            out.extend(compounds_apart(items).into_iter().map(|(_, one)| one));
            items.iter().for_each(|i| out.extend(compounds_in(i)));
        }
        Expr::Or { items } => items.iter().for_each(|i| out.extend(compounds_in(i))),
        // Excluded words are not looked for in a hit.
        _ => {}
    }
    out
}

/// The phrase `text` with two to four English words side by side looked up at one position,
/// one run at a time, with the word they make joined at that position too: that is how a record
/// holds a hyphenated word (third-party as thirdparti, the stem of thirdparty, with third and
/// party at its position), so "third party" also finds "third-party", but not thirdparty
/// written as one word. The joined word is what makes this cheap: a phrase's words are mostly
/// common ("for help"), their joined form seldom is, and tantivy walks a phrase's rarest term
/// first. It is also what this gives up: the record's joined word is its own spelling, so a
/// piece written in another form than the query's ("logged-in" for "log in", "colour-blind" for
/// "color blind"), or a run inside a longer hyphenated word ("to date" in up-to-date), is not
/// found this way (unquoted, the words still find it). Up to `MAX_WORDS` tokens, since each run
/// is one more phrase to look up.
pub(super) fn pieces_at_one_position(text: &str) -> Vec<Vec<(usize, String)>> {
    const MAX_WORDS: usize = 8;
    const RUN: usize = 4;
    let tokens = gram_tokens(text, false);
    let mut out = Vec::new();
    if tokens.len() > MAX_WORDS {
        return out;
    }
    let slice = |t: &Token| &text[t.offset_from..t.offset_to];
    // A word the query wrote in pieces itself (e-mail) is one joined term; no record holds that
    // term as one piece of a longer word.
    let piece = |t: &Token| {
        t.text.bytes().all(|b| b.is_ascii_lowercase()) && slice(t).chars().all(char::is_alphabetic)
    };
    for i in 0..tokens.len() {
        for j in i + 1..tokens.len().min(i + RUN) {
            let run = &tokens[i..=j];
            if !run.iter().all(piece) {
                break;
            }
            // The run written hyphenated, analyzed as a record's text is: its joined word.
            let hyphenated: Vec<&str> = run.iter().map(slice).collect();
            let joined = match <[Token; 1]>::try_from(gram_tokens(&hyphenated.join("-"), false)) {
                Ok([joined]) => Some(joined.text),
                Err(_) => None,
            };
            let (at, shift) = (tokens[i].position, tokens[j].position - tokens[i].position);
            let mut variant: Vec<(usize, String)> = Vec::with_capacity(tokens.len() + 1);
            for (k, t) in tokens.iter().enumerate() {
                let p = match k {
                    k if k < i => t.position,
                    k if k <= j => at,
                    _ => t.position - shift,
                };
                if k == i
                    && let Some(joined) = &joined
                {
                    variant.push((at, joined.clone()));
                }
                variant.push((p, t.text.clone()));
            }
            out.push(variant);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_is_found_in_any_form_of_its_words() {
        assert_eq!(joined("follow", "up"), Some("followup"));
        assert_eq!(joined("logged", "in"), Some("login"));
        assert_eq!(joined("e", "mails"), Some("email"));
        assert_eq!(apart("followups"), Some(("follow", "up")));
        assert_eq!(apart("logins"), Some(("log", "in")));
        assert_eq!(apart("headphone"), Some(("head", "phones")));
        assert_eq!(apart("cannot"), Some(("can", "not")));
    }

    #[test]
    fn words_whose_join_is_another_word_stay_apart() {
        for (a, b) in [
            ("may", "be"),
            ("any", "one"),
            ("every", "day"),
            ("some", "time"),
            ("in", "to"),
            ("be", "long"),
            ("a", "way"),
            ("back", "up"),
            ("check", "out"),
        ] {
            assert_eq!(joined(a, b), None, "{a} {b}");
            assert_eq!(apart(&format!("{a}{b}")), None, "{a}{b}");
        }
        assert_eq!(joined("up", "后"), None);
    }

    #[test]
    fn spellings_split_hyphens_and_join_or_split_compounds() {
        assert_eq!(spellings("follow up"), ["followup"]);
        assert_eq!(spellings("followup"), ["follow up"]);
        assert_eq!(spellings("follow-up"), ["follow up", "followup"]);
        assert!(spellings("please follow up now").contains(&"please followup now".to_string()));
        assert!(spellings("please followup now").contains(&"please follow up now".to_string()));
        // a hyphenated word that is no listed compound is only split
        assert_eq!(spellings("third-party app"), ["third party app"]);
        for none in [
            "may be",
            "maybe",
            "every day",
            "everyday",
            "up to date",
            "a way",
            "can't log",
            "iphone 15",
            "退款 慢",
            "refund",
        ] {
            assert!(spellings(none).is_empty(), "{none}: {:?}", spellings(none));
        }
        // a long phrase is only split
        let long = "one two three four five six seven eight e-mail";
        assert_eq!(
            spellings(long),
            ["one two three four five six seven eight e mail"]
        );
    }
}
