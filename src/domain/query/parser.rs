//! Recursive-descent parser from tokens to a `Query`.
//!
//! Grammar (OR binds looser than the implicit AND, so `a b OR c` is `(a AND b) OR c`):
//! ```text
//! query   = or_expr
//! or_expr = and_expr { OR and_expr }
//! and_expr= unary { [AND] unary }
//! unary   = { NOT | "-" } primary
//! primary = "(" or_expr ")" | word | phrase | key:value
//! ```
//! Terms that mean nothing to search (punctuation-only words, empty phrases, `sort:`) parse to `None`
//! and vanish from the tree, so the shape rules (flat, no one-item And/Or) hold for what remains.

use chrono::{DateTime, FixedOffset};

use super::ast::{Expr, Field, Query, SortOrder};
use super::dates::{self, DateOp};
use super::error::{QueryError, QueryErrorKind};
use super::lexer::{Token, TokenKind, tokenize};

/// Deep enough for any query a person writes; shallow enough that recursion cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Parses what a person typed; `now` anchors relative dates and its offset is the user's timezone.
///
/// # Errors
/// A `QueryError` with the 0-based character position of the problem and what was expected there.
pub fn parse(input: &str, now: DateTime<FixedOffset>) -> Result<Query, QueryError> {
    let mut parser = Parser {
        tokens: tokenize(input)?,
        pos: 0,
        now,
        sort: None,
        negated: 0,
        depth: 0,
        input_len: input.chars().count(),
    };
    let (expr, _) = parser.or_expr()?;
    // or_expr only stops at the end or at a ')' that no group is waiting for.
    if let Some(tok) = parser.peek() {
        return Err(error(tok.start, QueryErrorKind::UnmatchedClose));
    }
    if expr.is_none()
        && let Some(tok) = parser.tokens.iter().find(|t| punctuation_word(&t.kind))
    {
        // Punctuation alone would otherwise be the empty query, every record: a `tag` or
        // `route` of it would act on the whole hub.
        return Err(error(tok.start, QueryErrorKind::OnlyPunctuation));
    }
    Ok(Query {
        expr,
        sort: parser.sort,
    })
}

/// A word of punctuation alone, or an empty phrase (`""`): terms that vanish from the tree.
fn punctuation_word(kind: &TokenKind) -> bool {
    match kind {
        TokenKind::Word(text) => text.chars().all(is_punctuation),
        TokenKind::Phrase(text) => text.trim().is_empty(),
        _ => false,
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    now: DateTime<FixedOffset>,
    sort: Option<SortOrder>,
    /// How many NOT/- enclose the current term; `sort:` cannot be negated.
    negated: usize,
    depth: usize,
    input_len: usize,
}

fn error(position: usize, kind: QueryErrorKind) -> QueryError {
    QueryError { position, kind }
}

fn starts_term(tok: &Token) -> bool {
    !matches!(tok.kind, TokenKind::Or | TokenKind::And | TokenKind::RParen)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn term_next(&self) -> bool {
        self.peek().is_some_and(starts_term)
    }

    /// Returns the expression and whether any term was written (even one that vanished),
    /// which is what decides "nothing on a side of OR".
    fn or_expr(&mut self) -> Result<(Option<Expr>, bool), QueryError> {
        let (first, mut wrote) = self.and_expr()?;
        let mut items: Vec<Expr> = first.into_iter().collect();
        while let Some(tok) = self.peek().filter(|t| t.kind == TokenKind::Or) {
            let at = tok.start;
            if !wrote {
                return Err(error(at, QueryErrorKind::TermBefore { op: "OR" }));
            }
            self.pos += 1;
            let (next, wrote_next) = self.and_expr()?;
            if !wrote_next {
                return Err(error(at, QueryErrorKind::TermAfter { op: "OR" }));
            }
            wrote = true;
            items.extend(next);
        }
        Ok((combine(items, false), wrote))
    }

    fn and_expr(&mut self) -> Result<(Option<Expr>, bool), QueryError> {
        let mut items = Vec::new();
        let mut wrote = false;
        while let Some(tok) = self.peek() {
            match tok.kind {
                TokenKind::Or | TokenKind::RParen => break,
                TokenKind::And => {
                    let at = tok.start;
                    if !wrote {
                        return Err(error(at, QueryErrorKind::TermBefore { op: "AND" }));
                    }
                    self.pos += 1;
                    if !self.term_next() {
                        return Err(error(at, QueryErrorKind::TermAfter { op: "AND" }));
                    }
                }
                _ => {
                    wrote = true;
                    items.extend(self.unary()?);
                }
            }
        }
        Ok((combine(items, true), wrote))
    }

    /// A loop rather than recursion, so `-----a` cannot grow the stack.
    fn unary(&mut self) -> Result<Option<Expr>, QueryError> {
        let mut negations = 0;
        while let Some(tok) = self.peek() {
            let (start, end) = (tok.start, tok.end);
            match tok.kind {
                TokenKind::Not => {
                    self.pos += 1;
                    if !self.term_next() {
                        return Err(error(start, QueryErrorKind::TermAfter { op: "NOT" }));
                    }
                }
                TokenKind::Minus => {
                    self.pos += 1;
                    if !self
                        .peek()
                        .is_some_and(|t| starts_term(t) && t.start == end)
                    {
                        return Err(error(start, QueryErrorKind::TermAfterMinus));
                    }
                }
                _ => break,
            }
            negations += 1;
        }
        self.negated += negations;
        let item = self.primary();
        self.negated -= negations;
        Ok(item?.map(|e| if negations % 2 == 1 { negate(e) } else { e }))
    }

    fn primary(&mut self) -> Result<Option<Expr>, QueryError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(error(self.input_len, QueryErrorKind::ExpectedTerm));
        };
        self.pos += 1;
        match tok.kind {
            TokenKind::LParen => self.group(tok.start),
            ref kind if punctuation_word(kind) => Ok(None),
            TokenKind::Word(text) => Ok(Some(Expr::Word { text })),
            TokenKind::Phrase(text) => {
                let text = text.trim();
                Ok((!text.is_empty()).then(|| Expr::Phrase {
                    text: text.to_string(),
                }))
            }
            TokenKind::Keyed {
                key,
                value,
                value_start,
            } => self.keyed(tok.start, &key, value.trim(), value_start),
            // Callers only get here after checking starts_term, but never trust that with a panic.
            _ => Err(error(tok.start, QueryErrorKind::ExpectedTerm)),
        }
    }

    fn group(&mut self, open: usize) -> Result<Option<Expr>, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(open, QueryErrorKind::TooDeep { max: MAX_DEPTH }));
        }
        let (expr, wrote) = self.or_expr()?;
        self.depth -= 1;
        match self.peek() {
            Some(close) if close.kind == TokenKind::RParen => {
                if !wrote {
                    return Err(error(close.start, QueryErrorKind::EmptyGroup { open }));
                }
                self.pos += 1;
                Ok(expr)
            }
            _ => Err(error(
                self.input_len,
                QueryErrorKind::UnclosedGroup { open },
            )),
        }
    }

    fn keyed(
        &mut self,
        start: usize,
        key: &str,
        value: &str,
        value_start: usize,
    ) -> Result<Option<Expr>, QueryError> {
        let lower = key.to_ascii_lowercase();
        if value.is_empty() {
            let key = key.to_string();
            return Err(error(value_start, QueryErrorKind::MissingValue { key }));
        }
        let op = match lower.as_str() {
            "sort" => {
                if self.negated > 0 {
                    return Err(error(start, QueryErrorKind::NegatedSort));
                }
                self.sort = Some(sort_order(value).ok_or_else(|| {
                    let value = value.to_string();
                    error(value_start, QueryErrorKind::BadSort { value })
                })?);
                return Ok(None);
            }
            "after" => DateOp::After,
            "before" => DateOp::Before,
            "date" => DateOp::On,
            "id" => return record_id(value, value_start).map(Some),
            _ => {
                // The lexer only makes Keyed tokens for known keys; a word is the harmless fallback.
                return Ok(Some(match Field::parse(key) {
                    Some(field) => Expr::Field {
                        field,
                        value: value.to_string(),
                    },
                    None => Expr::Word {
                        text: format!("{key}:{value}"),
                    },
                }));
            }
        };
        let range = dates::resolve(op, value, self.now).map_err(|m| error(value_start, m))?;
        Ok(Some(Expr::Date { range }))
    }
}

/// `id:42` (or `id:#42`, as `show` writes it) names one record by its vochub id. Another value
/// once also meant the source's id; that is `ext:` now, and the refusal says so.
fn record_id(value: &str, value_start: usize) -> Result<Expr, QueryError> {
    let number = value.trim().trim_start_matches('#');
    if number.parse::<u64>().is_err() {
        let value = value.to_string();
        return Err(error(value_start, QueryErrorKind::IdNotNumber { value }));
    }
    Ok(Expr::Field {
        field: Field::Id,
        value: number.to_string(),
    })
}

fn sort_order(value: &str) -> Option<SortOrder> {
    match value.to_ascii_lowercase().as_str() {
        "newest" => Some(SortOrder::Newest),
        "oldest" => Some(SortOrder::Oldest),
        "relevance" => Some(SortOrder::Relevance),
        _ => None,
    }
}

/// Flattens same-kind children and unwraps single items, so equal queries have equal trees.
fn combine(items: Vec<Expr>, and: bool) -> Option<Expr> {
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expr::And { items } if and => flat.extend(items),
            Expr::Or { items } if !and => flat.extend(items),
            other => flat.push(other),
        }
    }
    match flat.len() {
        0 => None,
        1 => flat.pop(),
        _ if and => Some(Expr::And { items: flat }),
        _ => Some(Expr::Or { items: flat }),
    }
}

/// `NOT NOT x` and `-(-x)` are just `x`.
fn negate(expr: Expr) -> Expr {
    match expr {
        Expr::Not { item } => *item,
        other => Expr::Not {
            item: Box::new(other),
        },
    }
}

/// ASCII, general (dashes, quotes, ellipsis) and CJK/full-width punctuation. Emoji are not punctuation:
/// 😡 is worth searching for in social comments.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF01}'..='\u{FF0F}').contains(&c)
        || ('\u{FF1A}'..='\u{FF20}').contains(&c)
        || ('\u{FF3B}'..='\u{FF40}').contains(&c)
        || ('\u{FF5B}'..='\u{FF65}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::super::lexer::FIELD_NAMES;
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").expect("valid")
    }

    /// A compact rendering so each expected tree fits on one line.
    fn sx(e: &Expr) -> String {
        let list = |op: &str, items: &[Expr]| {
            let inner: Vec<String> = items.iter().map(sx).collect();
            format!("({op} {})", inner.join(" "))
        };
        let at = |t: Option<DateTime<FixedOffset>>| {
            t.map_or(String::new(), |t| t.format("%Y-%m-%dT%H:%M").to_string())
        };
        match e {
            Expr::Word { text } => text.clone(),
            Expr::Phrase { text } => format!("\"{text}\""),
            Expr::Field { field, value } => format!("{}={value}", field.as_str()),
            Expr::Date { range } => format!("[{}..{}]", at(range.start), at(range.end)),
            Expr::And { items } => list("and", items),
            Expr::Or { items } => list("or", items),
            Expr::Not { item } => format!("(not {})", sx(item)),
        }
    }

    #[test]
    fn leaves_come_in_order_with_their_negation() {
        let q = parse(
            "退款 -(tag:慢 OR \"很慢\") NOT -saved:周报 after:2026-01-01",
            now(),
        )
        .unwrap();
        let mut seen = Vec::new();
        q.expr.unwrap().for_each_leaf(&mut |leaf, negated| {
            seen.push(format!("{}{}", if negated { "-" } else { "" }, sx(leaf)))
        });
        assert_eq!(
            seen,
            [
                "退款",
                "-tag=慢",
                "-\"很慢\"",
                "saved=周报",
                "[2026-01-01T00:00..]"
            ]
        );
    }

    fn p(input: &str) -> String {
        let q = parse(input, now()).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        q.expr.map_or_else(|| "-".to_string(), |e| sx(&e))
    }

    fn sort(input: &str) -> Option<SortOrder> {
        parse(input, now()).expect("parses").sort
    }

    #[test]
    fn words_are_anded_and_kept_as_typed() {
        assert_eq!(p("iPhone 物流 延迟"), "(and iPhone 物流 延迟)");
        assert_eq!(p("a"), "a");
        assert_eq!(p(""), "-");
        assert_eq!(p(" \u{3000}\t"), "-");
        assert_eq!(p("5G-套餐 a-b"), "(and 5G-套餐 a-b)");
        assert_eq!(p("a AND b"), p("a b"));
        assert_eq!(p("or and not"), "(and or and not)");
    }

    #[test]
    fn or_binds_looser_than_and() {
        assert_eq!(p("a b OR c"), "(or (and a b) c)");
        assert_eq!(p("a OR b c"), "(or a (and b c))");
        assert_eq!(p("a AND b OR c AND d"), "(or (and a b) (and c d))");
        assert_eq!(p("a | b｜c || d"), "(or a b c d)");
    }

    #[test]
    fn negation() {
        assert_eq!(p("-a"), "(not a)");
        assert_eq!(p("NOT a b"), "(and (not a) b)");
        assert_eq!(p("-\"a b\" -tag:x"), "(and (not \"a b\") (not tag=x))");
        assert_eq!(p("-(a OR b)"), "(not (or a b))");
        assert_eq!(p("NOT(a b)"), "(not (and a b))");
        assert_eq!(p("--a"), "a");
        assert_eq!(p("NOT -(-a)"), "(not a)");
    }

    #[test]
    fn groups_flatten() {
        assert_eq!(p("(a b) c"), "(and a b c)");
        assert_eq!(p("(a OR b) OR (c | d)"), "(or a b c d)");
        assert_eq!(p("((a))"), "a");
        assert_eq!(p("(a OR b) c"), "(and (or a b) c)");
        assert_eq!(p("（a OR b）c"), "(and (or a b) c)");
        let deep = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert_eq!(p(&deep), "a");
    }

    #[test]
    fn phrases() {
        assert_eq!(p("\"exact phrase\""), "\"exact phrase\"");
        assert_eq!(
            p("“物流 延迟” 「退款 慢」"),
            "(and \"物流 延迟\" \"退款 慢\")"
        );
        assert_eq!(p("\"  a  \""), "\"a\"");
        assert_eq!(p("\"\" a"), "a");
    }

    #[test]
    fn fields() {
        for name in FIELD_NAMES {
            let field = Field::parse(name).expect("known field");
            // id: takes a number (see `ids`).
            let v = if field == Field::Id { "7" } else { "v" };
            assert_eq!(p(&format!("{name}:{v}")), format!("{}={v}", field.as_str()));
        }
        assert_eq!(p("TAG:物流 customer:张三"), "(and tag=物流 customer=张三)");
        assert_eq!(p("tag:\"物流 延迟\""), "tag=物流 延迟");
        assert_eq!(
            p("tag：物流 source:Zendesk"),
            "(and tag=物流 source=Zendesk)"
        );
        assert_eq!(p("(tag:a OR tag:b)"), "(or tag=a tag=b)");
    }

    #[test]
    fn ids() {
        assert_eq!(p("id:42 ext:T-1"), "(and id=42 ext=T-1)");
        assert_eq!(p("id:#42 OR external_id:42"), "(or id=42 ext=42)");
        let e = parse("退款 id:T-1", now()).unwrap_err();
        assert_eq!(e.position, 6);
        assert_eq!(
            e.kind,
            QueryErrorKind::IdNotNumber {
                value: "T-1".into()
            }
        );
    }

    #[test]
    fn unknown_fields_are_words() {
        assert_eq!(p("foo:bar http://x.cn"), "(and foo:bar http://x.cn)");
    }

    #[test]
    fn dates() {
        assert_eq!(p("after:2026-10-01"), "[2026-10-01T00:00..]");
        assert_eq!(p("before:2026/10"), "[..2026-10-01T00:00]");
        assert_eq!(
            p("date:2026-10-01..2026-10-15"),
            "[2026-10-01T00:00..2026-10-16T00:00]"
        );
        assert_eq!(
            p("date:\"2026-10\""),
            "[2026-10-01T00:00..2026-11-01T00:00]"
        );
        assert_eq!(p("a date:7d"), "(and a [2026-11-11T15:30..])");
        assert_eq!(
            p("-DATE:today"),
            "(not [2026-11-18T00:00..2026-11-19T00:00])"
        );
    }

    #[test]
    fn sort_is_an_option_not_a_term() {
        assert_eq!(sort("a sort:newest"), Some(SortOrder::Newest));
        assert_eq!(p("a sort:newest"), "a");
        assert_eq!(p("sort:oldest"), "-");
        assert_eq!(sort("sort:Relevance"), Some(SortOrder::Relevance));
        assert_eq!(sort("sort:newest sort:oldest"), Some(SortOrder::Oldest));
        assert_eq!(sort("a"), None);
        assert_eq!(p("a OR sort:newest"), "a");
        assert_eq!(p("(sort:newest) a"), "a");
    }

    #[test]
    fn punctuation_words_vanish() {
        assert_eq!(p("a , b"), "(and a b)");
        assert_eq!(p("sort:newest"), "-");
        assert_eq!(p("a OR ..."), "a");
        assert_eq!(p("NOT ... a"), "a");
        assert_eq!(p("😡 a,"), "(and 😡 a,)");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let deep = format!("{}a", "(".repeat(MAX_DEPTH + 1));
        let cases: &[(&str, usize, &str)] = &[
            ("NOT", 0, "expected a term after 'NOT'"),
            ("， 。 …", 0, "nothing to search for"),
            ("-！", 1, "nothing to search for"),
            ("(。) OR ？", 1, "nothing to search for"),
            ("\"\"", 0, "nothing to search for"),
            ("“ ”", 0, "nothing to search for"),
            ("sort:newest ，", 12, "nothing to search for"),
            ("a NOT", 2, "after 'NOT'"),
            ("NOT OR a", 0, "after 'NOT'"),
            ("-", 0, "expected a term right after '-'"),
            ("a - b", 2, "after '-'"),
            ("(a", 2, "expected a closing ')' for the '(' at character 1"),
            ("a (b (c)", 8, "for the '(' at character 3"),
            ("a)", 1, "unexpected ')'"),
            (
                "()",
                1,
                "expected a term inside the parentheses opened at character 1",
            ),
            ("OR a", 0, "expected a term before 'OR'"),
            ("a OR", 2, "expected a term after 'OR'"),
            ("a OR OR b", 2, "after 'OR'"),
            ("(OR a)", 1, "before 'OR'"),
            ("(a |)", 3, "after 'OR'"),
            ("AND a", 0, "expected a term before 'AND'"),
            ("a AND", 2, "expected a term after 'AND'"),
            ("a AND OR b", 2, "after 'AND'"),
            ("a \"bc", 5, "expected a closing '\"'"),
            ("tag:", 4, "expected a value right after 'tag:'"),
            ("tag: 物流", 4, "'tag:'"),
            ("tag:\"\"", 5, "'tag:'"),
            ("after:", 6, "after:2026-10-01"),
            (
                "sort:random",
                5,
                "expected sort:newest, sort:oldest or sort:relevance",
            ),
            ("-sort:newest", 1, "cannot be negated"),
            ("NOT (a sort:oldest)", 7, "cannot be negated"),
            ("date:2026-13-01", 5, "month 13"),
            ("after:0000", 6, "year 0"),
            ("before:99999", 7, "four digits"),
            ("a date:garbage", 7, "accepted forms: 2026-10-01"),
            ("date:\"2026-13\"", 6, "month 13"),
            ("tga:\"x\"", 0, "unknown field 'tga'"),
            (&deep, MAX_DEPTH, "more than 64 deep"),
        ];
        for &(input, position, fragment) in cases {
            let err = parse(input, now()).expect_err(input);
            assert_eq!(err.position, position, "{input:?}: {err}");
            assert!(err.to_string().contains(fragment), "{input:?}: {err}");
        }
        let err = parse("a OR", now()).expect_err("error");
        assert_eq!(
            err.to_string(),
            "query error at character 3: expected a term after 'OR'"
        );
    }

    /// Flat, no one-item And/Or, no double negation.
    fn well_shaped(e: &Expr) -> bool {
        match e {
            Expr::And { items } => {
                items.len() > 1
                    && items
                        .iter()
                        .all(|i| !matches!(i, Expr::And { .. }) && well_shaped(i))
            }
            Expr::Or { items } => {
                items.len() > 1
                    && items
                        .iter()
                        .all(|i| !matches!(i, Expr::Or { .. }) && well_shaped(i))
            }
            Expr::Not { item } => !matches!(**item, Expr::Not { .. }) && well_shaped(item),
            _ => true,
        }
    }

    fn check(input: &str) {
        match parse(input, now()) {
            Ok(q) => assert!(q.expr.as_ref().is_none_or(well_shaped), "{input:?}: {q:?}"),
            Err(e) => assert!(e.position <= input.chars().count(), "{input:?}: {e}"),
        }
    }

    #[test]
    fn never_panics_on_tricky_input() {
        let pieces = [
            "(",
            ")",
            "（",
            "）",
            "\"",
            "“",
            "”",
            "「",
            "」",
            "-",
            "--",
            "NOT",
            "OR",
            "AND",
            "|",
            "：",
            ":",
            "tag:",
            "sort:",
            "after:",
            "date:",
            "..",
            "2026-02-30",
            "9999-12-31",
            "7d",
            " ",
            "物流",
            "a",
            "😡",
            "\u{0}",
            "\u{1b}[2J",
            "sort:newest",
            "0001-01-01",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    check(&format!("{a}{b}{c}"));
                    check(&format!("{a} {b} {c}"));
                }
            }
        }
        check(&"(".repeat(100_000));
        check(&"-".repeat(100_000));
        check(&"NOT ".repeat(10_000));
        check("date:9999-12-31 date:0001-01-01 after:999999999y");
    }

    #[test]
    fn never_panics_on_random_bytes() {
        // A fixed LCG keeps the test deterministic without a dependency.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u8
        };
        let alphabet = "()（）\"“”「」-:：|｜ ab物.0123456789dwmy/ORNTAD";
        let chars: Vec<char> = alphabet.chars().collect();
        for _ in 0..20_000 {
            let len = usize::from(next() % 24);
            let bytes: Vec<u8> = (0..len).map(|_| next()).collect();
            check(&String::from_utf8_lossy(&bytes));
            let text: String = (0..len)
                .map(|_| chars[usize::from(next()) % chars.len()])
                .collect();
            check(&text);
        }
    }
}
