//! Splits query text into tokens that remember where they came from (0-based character positions),
//! so every parse error can point at the character the person typed.
//!
//! Chinese IME users get full-width `（ ）`, `：`, `｜` and the quotes “…”, 「…」, 『…』 for free: they are
//! treated exactly like their ASCII counterparts.

use super::ast::Field;
use super::error::{QueryError, QueryErrorKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    LParen,
    RParen,
    Or,
    And,
    Not,
    /// A `-` at the start of a term; the parser checks that a term follows without a space.
    Minus,
    Word(String),
    Phrase(String),
    /// `key:value` where the key is a field or an option the parser understands (`after`, `sort`, …).
    /// The value has its quotes removed; `value_start` is its first character (after any quote).
    Keyed {
        key: String,
        value: String,
        value_start: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    /// One past the last character, so adjacency is `a.end == b.start`.
    pub end: usize,
}

/// Keys that are not `Field`s but are still `key:value` syntax.
pub(crate) const OPTION_KEYS: [&str; 4] = ["after", "before", "date", "sort"];

/// Every name `Field::parse` accepts, for error messages (a test keeps the two in step).
pub(crate) const FIELD_NAMES: [&str; 16] = [
    "tag",
    "theme",
    "source",
    "from",
    "kind",
    "type",
    "author",
    "customer",
    "lang",
    "language",
    "queue",
    "status",
    "id",
    "ext",
    "external_id",
    "saved",
];

fn is_known_key(name: &str) -> bool {
    Field::parse(name).is_some() || OPTION_KEYS.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// A key typed with a slip: one letter wrong, missing, extra or two swapped (`tga`, `sourc`,
/// `auther`), two for longer keys. Short words (`re:`, `to:`) are left as text.
fn near_a_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let allowed = if key.len() >= 5 { 2 } else { 1 };
    key.len() >= 3
        && FIELD_NAMES
            .iter()
            .chain(&OPTION_KEYS)
            .any(|k| strsim::osa_distance(&key, k) <= allowed)
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

fn is_open_paren(c: char) -> bool {
    c == '(' || c == '（'
}

fn is_close_paren(c: char) -> bool {
    c == ')' || c == '）'
}

fn is_bar(c: char) -> bool {
    c == '|' || c == '｜'
}

fn is_colon(c: char) -> bool {
    c == ':' || c == '：'
}

/// Quotes do not end a word: `5"screen` stays one word, only a quote at the start of a term opens a phrase.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || is_open_paren(c) || is_close_paren(c) || is_bar(c)
}

pub(crate) fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut pos = 0;
    while let Some(&c) = chars.get(pos) {
        let start = pos;
        let kind = if c.is_whitespace() {
            pos += 1;
            continue;
        } else if is_open_paren(c) {
            pos += 1;
            TokenKind::LParen
        } else if is_close_paren(c) {
            pos += 1;
            TokenKind::RParen
        } else if is_bar(c) {
            // `||` out of habit from programming languages means the same as `|`.
            while chars.get(pos).is_some_and(|&c| is_bar(c)) {
                pos += 1;
            }
            TokenKind::Or
        } else if c == '-' {
            pos += 1;
            TokenKind::Minus
        } else if closing_quote(c).is_some() {
            let (text, end) = read_quoted(&chars, pos)?;
            pos = end;
            TokenKind::Phrase(text)
        } else {
            let (kind, end) = read_word(&chars, pos)?;
            pos = end;
            kind
        };
        tokens.push(Token {
            kind,
            start,
            end: pos,
        });
    }
    Ok(tokens)
}

/// Reads a quoted run starting at the opening quote; returns its content and the position after the closer.
fn read_quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let opener = chars.get(open).copied().unwrap_or('"');
    let closer = closing_quote(opener).unwrap_or('"');
    let body = open + 1;
    match chars.iter().skip(body).position(|&c| c == closer) {
        Some(len) => Ok((chars[body..body + len].iter().collect(), body + len + 1)),
        None => Err(QueryError {
            position: chars.len(),
            kind: QueryErrorKind::UnclosedQuote {
                opener,
                closer,
                open,
            },
        }),
    }
}

fn read_word(chars: &[char], start: usize) -> Result<(TokenKind, usize), QueryError> {
    let mut end = start;
    while chars.get(end).is_some_and(|&c| !ends_word(c)) {
        end += 1;
    }
    if let Some(colon) = (start..end).find(|&i| is_colon(chars[i])) {
        let key: String = chars[start..colon].iter().collect();
        let after = colon + 1;
        let quoted = chars
            .get(after)
            .is_some_and(|&c| closing_quote(c).is_some());
        if is_known_key(&key) {
            let (value, value_end) = if quoted {
                read_quoted(chars, after)?
            } else {
                (chars[after..end].iter().collect(), end)
            };
            let value_start = if quoted { after + 1 } else { after };
            let kind = TokenKind::Keyed {
                key,
                value,
                value_start,
            };
            return Ok((kind, value_end));
        }
        // Unknown `foo:bar` stays a word (URLs, times, pasted "备注:xxx"), but `foo:"…"` can only be a
        // mistyped field; as a word it would split the phrase into nonsense, so say so instead.
        // So is `tga:退款`, a letter or two from a key: as a word it would quietly find nothing.
        let letters = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic());
        if letters && (quoted || (after < end && near_a_key(&key))) {
            return Err(QueryError {
                position: start,
                kind: QueryErrorKind::UnknownField { key },
            });
        }
    }
    let text: String = chars[start..end].iter().collect();
    let kind = match text.as_str() {
        "OR" => TokenKind::Or,
        "AND" => TokenKind::And,
        "NOT" => TokenKind::Not,
        _ => TokenKind::Word(text),
    };
    Ok((kind, end))
}

#[cfg(test)]
mod tests {
    use super::TokenKind::*;
    use super::*;

    fn kinds(input: &str) -> Vec<TokenKind> {
        tokenize(input)
            .expect("lexes")
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    fn word(s: &str) -> TokenKind {
        Word(s.to_string())
    }

    fn keyed(key: &str, value: &str, value_start: usize) -> TokenKind {
        Keyed {
            key: key.to_string(),
            value: value.to_string(),
            value_start,
        }
    }

    #[test]
    fn field_names_match_field_parse() {
        for name in FIELD_NAMES {
            assert!(Field::parse(name).is_some(), "{name}");
        }
    }

    #[test]
    fn positions_are_characters_not_bytes() {
        let toks = tokenize("物流 (延迟)").expect("lexes");
        let spans: Vec<(usize, usize)> = toks.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(spans, vec![(0, 2), (3, 4), (4, 6), (6, 7)]);
    }

    #[test]
    fn operators_and_keywords() {
        assert_eq!(
            kinds("a OR b | c || d AND NOT e"),
            vec![
                word("a"),
                Or,
                word("b"),
                Or,
                word("c"),
                Or,
                word("d"),
                And,
                Not,
                word("e")
            ]
        );
        // Only uppercase, whole words are keywords.
        assert_eq!(
            kinds("or and not ORDER NOTE"),
            vec![
                word("or"),
                word("and"),
                word("not"),
                word("ORDER"),
                word("NOTE")
            ]
        );
        assert_eq!(kinds("NOT(a)"), vec![Not, LParen, word("a"), RParen]);
    }

    #[test]
    fn minus_only_at_term_start() {
        assert_eq!(kinds("-a"), vec![Minus, word("a")]);
        assert_eq!(kinds("5G-套餐 a-b"), vec![word("5G-套餐"), word("a-b")]);
        assert_eq!(kinds("(-a)"), vec![LParen, Minus, word("a"), RParen]);
    }

    #[test]
    fn full_width_punctuation() {
        assert_eq!(
            kinds("（a｜b） tag：物流"),
            vec![
                LParen,
                word("a"),
                Or,
                word("b"),
                RParen,
                keyed("tag", "物流", 10)
            ]
        );
    }

    #[test]
    fn phrases_in_every_quote_style() {
        for q in [
            "\"物流 延迟\"",
            "“物流 延迟”",
            "「物流 延迟」",
            "『物流 延迟』",
        ] {
            assert_eq!(kinds(q), vec![Phrase("物流 延迟".into())], "{q}");
        }
        assert_eq!(kinds("\"a\"b"), vec![Phrase("a".into()), word("b")]);
        // A quote inside a word is just a character.
        assert_eq!(kinds("5\"screen"), vec![word("5\"screen")]);
    }

    #[test]
    fn keyed_values() {
        assert_eq!(kinds("tag:物流"), vec![keyed("tag", "物流", 4)]);
        assert_eq!(
            kinds("TAG:\"物流 延迟\""),
            vec![keyed("TAG", "物流 延迟", 5)]
        );
        assert_eq!(
            kinds("source:http://x"),
            vec![keyed("source", "http://x", 7)]
        );
        assert_eq!(kinds("tag:"), vec![keyed("tag", "", 4)]);
        assert_eq!(kinds("(tag:a)"), vec![LParen, keyed("tag", "a", 5), RParen]);
        assert_eq!(kinds("sort:newest"), vec![keyed("sort", "newest", 5)]);
        assert_eq!(kinds("after:2026"), vec![keyed("after", "2026", 6)]);
    }

    #[test]
    fn unknown_keys_are_words() {
        assert_eq!(kinds("http://x.cn/a"), vec![word("http://x.cn/a")]);
        assert_eq!(kinds("10:30 :foo"), vec![word("10:30"), word(":foo")]);
        assert_eq!(kinds("备注:\"x\""), vec![word("备注:\"x\"")]);
    }

    #[test]
    fn a_key_with_a_slip_is_an_error_other_unknown_keys_stay_words() {
        for (query, key) in [
            ("tga:退款 物流", "tga"),
            ("sourc:weibo", "sourc"),
            ("Auther:王芳", "Auther"),
            ("stauts:new", "stauts"),
        ] {
            let err = tokenize(query).expect_err(query);
            assert_eq!(err.kind, QueryErrorKind::UnknownField { key: key.into() });
        }
        for text in [
            "re:退款",
            "note:退款",
            "https://x.cn",
            "bug:42",
            "tga:",
            "errors:退款",
        ] {
            assert_eq!(kinds(text), vec![word(text)], "{text}");
        }
    }

    #[test]
    fn unknown_key_before_a_quote_is_an_error() {
        let err = tokenize("a tga:\"物流 延迟\"").expect_err("unknown field");
        assert_eq!(err.position, 2);
        assert_eq!(err.kind, QueryErrorKind::UnknownField { key: "tga".into() });
        assert!(err.to_string().contains("unknown field 'tga'"), "{err}");
    }

    #[test]
    fn unterminated_quotes() {
        let err = tokenize("a \"物流").expect_err("unterminated");
        assert_eq!(err.position, 5);
        let quote = QueryErrorKind::UnclosedQuote {
            opener: '"',
            closer: '"',
            open: 2,
        };
        assert_eq!(err.kind, quote);
        assert!(err.to_string().contains("closing '\"'"), "{err}");
        assert!(err.to_string().contains("character 3"), "{err}");
        let err = tokenize("tag:「物流").expect_err("unterminated");
        assert!(
            matches!(err.kind, QueryErrorKind::UnclosedQuote { closer: '」', .. }),
            "{err}"
        );
        // A mismatched closer does not close.
        assert!(tokenize("“物流\"").is_err());
    }
}
