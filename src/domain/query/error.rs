//! What can be wrong with a query, as data: the kind of mistake and what it is about (a key, a
//! value, where a parenthesis opened). `Display` words it in English for the command line; an
//! interface in another language words the same kinds itself, so nothing reads the English back.

use std::fmt;

use super::lexer::{FIELD_NAMES, OPTION_KEYS};

/// A malformed query: where (character position, 0-based) and what was wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub position: usize,
    pub kind: QueryErrorKind,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "query error at character {}: {}",
            self.position + 1,
            self.kind
        )
    }
}

impl std::error::Error for QueryError {}

/// The mistakes the lexer and parser recognise. Positions inside (`open`) are 0-based, like
/// `QueryError::position`; messages count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryErrorKind {
    /// A `)` that no `(` opened.
    UnmatchedClose,
    /// Only punctuation or empty quotes: as the empty query it would match every record.
    OnlyPunctuation,
    /// `OR`/`AND` with nothing on its left.
    TermBefore {
        op: &'static str,
    },
    /// `OR`/`AND`/`NOT` with nothing on its right.
    TermAfter {
        op: &'static str,
    },
    /// A `-` followed by a space or by nothing.
    TermAfterMinus,
    ExpectedTerm,
    TooDeep {
        max: usize,
    },
    /// `()` with nothing inside.
    EmptyGroup {
        open: usize,
    },
    /// A `(` never closed.
    UnclosedGroup {
        open: usize,
    },
    /// `key:` with no value after the colon.
    MissingValue {
        key: String,
    },
    NegatedSort,
    BadSort {
        value: String,
    },
    UnclosedQuote {
        opener: char,
        closer: char,
        open: usize,
    },
    /// `foo:"…"` where `foo` is no field.
    UnknownField {
        key: String,
    },
    /// A value of `after:`, `before:` or `date:` that is no date.
    Date(DateError),
    /// `after:`/`before:` given a range without a start (`..2026-10`).
    DateWithoutStart {
        key: &'static str,
        value: String,
    },
    /// `id:` given something other than a vochub id (a number).
    IdNotNumber {
        value: String,
    },
}

/// The date forms people may write, listed after every date mistake.
pub const DATE_FORMS: &str = "2026-10-01, 2026/10/01, 2026-10 (a month), 2026 (a year), \
     2026-10-01..2026-10-15 (either side may be empty), 7d, 2w, 3m, 1y (the last N \
     days/weeks/months/years), today, yesterday, this-week, last-week, this-month, \
     last-month, this-year, last-year";

impl QueryErrorKind {
    /// A value that would have worked after `key:`, for the message that asks for one.
    pub fn example_value(key: &str) -> &'static str {
        match key.to_ascii_lowercase().as_str() {
            "after" | "before" | "date" => "2026-10-01",
            "sort" => "newest",
            _ => "\"物流 延迟\"",
        }
    }

    /// Every key a query understands, fields first, for "unknown field".
    pub fn known_keys() -> String {
        format!("{}, {}", FIELD_NAMES.join(", "), OPTION_KEYS.join(", "))
    }
}

impl fmt::Display for QueryErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use QueryErrorKind::*;
        match self {
            UnmatchedClose => f.write_str("unexpected ')' with no matching '(' before it"),
            OnlyPunctuation => f.write_str(
                "nothing to search for: punctuation and empty quotes are not searched; \
                 use letters, digits, Chinese characters or emoji",
            ),
            TermBefore { op } => write!(f, "expected a term before '{op}'"),
            TermAfter { op } => write!(f, "expected a term after '{op}'"),
            TermAfterMinus => f.write_str(
                "expected a term right after '-' (no space between); \
                 to search for a dash itself, put it in quotes",
            ),
            ExpectedTerm => f.write_str("expected a term"),
            TooDeep { max } => write!(f, "the query nests parentheses more than {max} deep"),
            EmptyGroup { open } => write!(
                f,
                "expected a term inside the parentheses opened at character {}",
                open + 1
            ),
            UnclosedGroup { open } => write!(
                f,
                "expected a closing ')' for the '(' at character {}",
                open + 1
            ),
            MissingValue { key } => write!(
                f,
                "expected a value right after '{key}:' (no space), e.g. {key}:{}",
                Self::example_value(key)
            ),
            NegatedSort => f.write_str("sort: orders the whole query and cannot be negated"),
            BadSort { .. } => f.write_str("expected sort:newest, sort:oldest or sort:relevance"),
            UnclosedQuote {
                opener,
                closer,
                open,
            } => write!(
                f,
                "expected a closing '{closer}' for the quote '{opener}' at character {}",
                open + 1
            ),
            UnknownField { key } => write!(
                f,
                "unknown field '{key}'; known fields are {}; to search for the text itself, \
                 put all of it in quotes",
                Self::known_keys()
            ),
            Date(e) => write!(f, "{e}; accepted forms: {DATE_FORMS}"),
            DateWithoutStart { key, value } => write!(
                f,
                "{key}: needs a date with a beginning, and '{value}' has none; write {key}:2026-10-01"
            ),
            IdNotNumber { value } => write!(
                f,
                "id: takes a record's vochub id, a number as search lists it (id:42); for the id \
                 its source gave it, write ext:{value}"
            ),
        }
    }
}

/// Why a date value is no date; each carries the text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    /// `..` alone.
    NoSides,
    /// `7d..`: a relative form has no end of its own.
    RelativeSide(String),
    Backwards(String),
    TooFarBack(String),
    Unrepresentable(String),
    YearZero(String),
    YearDigits(String),
    Month {
        month: u16,
        value: String,
    },
    /// A calendar date that does not exist (30 February).
    NotADay(String),
    NotADate(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DateError::*;
        match self {
            Empty => f.write_str("expected a date"),
            NoSides => f.write_str("a date range needs at least one side"),
            RelativeSide(s) => write!(
                f,
                "'{s}' counts back from now and cannot be one side of a range"
            ),
            Backwards(v) => write!(f, "the range '{v}' ends before it starts"),
            TooFarBack(v) => write!(f, "'{v}' reaches further back than dates go"),
            Unrepresentable(v) => write!(f, "'{v}' falls outside the dates I can represent"),
            YearZero(v) => write!(f, "year 0 does not exist in '{v}'"),
            YearDigits(v) => write!(f, "a year has four digits, like 2026, in '{v}'"),
            Month { month, value } => {
                write!(f, "month {month} is not between 1 and 12 in '{value}'")
            }
            NotADay(v) => write!(f, "'{v}' is not a day in the calendar"),
            NotADate(v) => write!(f, "'{v}' is not a date I understand"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_from_one_in_words_and_zero_in_data() {
        let e = QueryError {
            position: 4,
            kind: QueryErrorKind::UnclosedGroup { open: 0 },
        };
        assert_eq!(
            e.to_string(),
            "query error at character 5: expected a closing ')' for the '(' at character 1"
        );
    }

    #[test]
    fn a_date_mistake_lists_the_forms_but_a_missing_start_does_not() {
        let bad = QueryErrorKind::Date(DateError::Month {
            month: 13,
            value: "2025-13-01".into(),
        });
        let text = bad.to_string();
        assert!(
            text.starts_with(
                "month 13 is not between 1 and 12 in '2025-13-01'; accepted forms: 2026-10-01"
            ),
            "{text}"
        );
        let open = QueryErrorKind::DateWithoutStart {
            key: "after",
            value: "..2026-10".into(),
        };
        assert!(!open.to_string().contains("accepted forms"), "{open}");
    }

    #[test]
    fn a_missing_value_suggests_one_that_fits_the_key() {
        let sort = QueryErrorKind::MissingValue { key: "sort".into() };
        assert!(sort.to_string().ends_with("e.g. sort:newest"), "{sort}");
        let tag = QueryErrorKind::MissingValue { key: "tag".into() };
        assert!(tag.to_string().ends_with("e.g. tag:\"物流 延迟\""), "{tag}");
    }
}
