//! Date values of `after:`, `before:` and `date:` resolved to instants.
//! Everything is relative to the `now` handed in, and calendar days begin at midnight in `now`'s offset,
//! which is taken to be the user's timezone; that keeps parsing pure and testable.

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveTime, TimeZone};

use super::ast::DateRange;
use super::error::{DateError, QueryErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateOp {
    After,
    Before,
    On,
}

/// `after:D` starts at the start of D, `before:D` ends at the start of D, `date:D` is all of D.
/// The error says what is wrong with the value; the caller knows where the value is.
pub(crate) fn resolve(
    op: DateOp,
    value: &str,
    now: DateTime<FixedOffset>,
) -> Result<DateRange, QueryErrorKind> {
    let period = period(value.trim(), now).map_err(QueryErrorKind::Date)?;
    let key = match op {
        DateOp::After => "after",
        DateOp::Before => "before",
        DateOp::On => return Ok(period),
    };
    let Some(start) = period.start else {
        return Err(QueryErrorKind::DateWithoutStart {
            key,
            value: value.to_string(),
        });
    };
    Ok(match op {
        DateOp::Before => DateRange {
            start: None,
            end: Some(start),
        },
        _ => DateRange {
            start: Some(start),
            end: None,
        },
    })
}

fn period(value: &str, now: DateTime<FixedOffset>) -> Result<DateRange, DateError> {
    if value.is_empty() {
        return Err(DateError::Empty);
    }
    let Some((left, right)) = value.split_once("..") else {
        return single(value, now);
    };
    if left.is_empty() && right.is_empty() {
        return Err(DateError::NoSides);
    }
    // Relative forms have no end of their own ("the last 7 days" runs until now), so they would make
    // `2026-01-01..7d` ambiguous; range sides must be calendar periods.
    let side = |s: &str| -> Result<Option<DateRange>, DateError> {
        if s.is_empty() {
            return Ok(None);
        }
        if relative(s, now)?.is_some() {
            return Err(DateError::RelativeSide(s.to_string()));
        }
        single(s, now).map(Some)
    };
    let start = side(left)?.and_then(|p| p.start);
    let end = side(right)?.and_then(|p| p.end);
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        return Err(DateError::Backwards(value.to_string()));
    }
    Ok(DateRange { start, end })
}

fn single(value: &str, now: DateTime<FixedOffset>) -> Result<DateRange, DateError> {
    if let Some(range) = relative(value, now)? {
        return Ok(range);
    }
    if let Some(range) = named(value, now)? {
        return Ok(range);
    }
    calendar(value, *now.offset())
}

/// `7d`, `2w`, `3m`, `1y`: from N units before now, open-ended.
fn relative(value: &str, now: DateTime<FixedOffset>) -> Result<Option<DateRange>, DateError> {
    let Some(unit) = value.chars().last() else {
        return Ok(None);
    };
    let digits = &value[..value.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let too_far = || DateError::TooFarBack(value.to_string());
    let n: u32 = digits.parse().map_err(|_| too_far())?;
    let start = match unit.to_ascii_lowercase() {
        'd' => now.checked_sub_days(Days::new(u64::from(n))),
        'w' => now.checked_sub_days(Days::new(u64::from(n) * 7)),
        'm' => now.checked_sub_months(Months::new(n)),
        'y' => n
            .checked_mul(12)
            .and_then(|months| now.checked_sub_months(Months::new(months))),
        _ => return Ok(None),
    };
    let start = start.ok_or_else(too_far)?;
    Ok(Some(DateRange {
        start: Some(start),
        end: None,
    }))
}

/// `today`, `this-week` (ISO weeks start on Monday), …: whole calendar periods around now.
fn named(value: &str, now: DateTime<FixedOffset>) -> Result<Option<DateRange>, DateError> {
    let name = value.to_ascii_lowercase().replace('_', "-");
    let today = now.date_naive();
    let monday =
        today.checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())));
    let month1 = today.with_day(1);
    let jan1 = NaiveDate::from_ymd_opt(today.year(), 1, 1);
    let (start, end) = match name.as_str() {
        "today" => (Some(today), today.succ_opt()),
        "yesterday" => (today.pred_opt(), Some(today)),
        "this-week" => (
            monday,
            monday.and_then(|d| d.checked_add_days(Days::new(7))),
        ),
        "last-week" => (
            monday.and_then(|d| d.checked_sub_days(Days::new(7))),
            monday,
        ),
        "this-month" => (
            month1,
            month1.and_then(|d| d.checked_add_months(Months::new(1))),
        ),
        "last-month" => (
            month1.and_then(|d| d.checked_sub_months(Months::new(1))),
            month1,
        ),
        "this-year" => (
            jan1,
            jan1.and_then(|d| d.checked_add_months(Months::new(12))),
        ),
        "last-year" => (
            jan1.and_then(|d| d.checked_sub_months(Months::new(12))),
            jan1,
        ),
        _ => return Ok(None),
    };
    let offset = *now.offset();
    match (start, end) {
        (Some(s), Some(e)) => days(s, e, offset).map(Some),
        _ => Err(DateError::Unrepresentable(value.to_string())),
    }
}

/// `2026-10-01`, `2026/10/01`, `2026-10`, `2026`, and the Chinese `2026年10月1日` people paste.
fn calendar(value: &str, offset: FixedOffset) -> Result<DateRange, DateError> {
    let normalized = if value.contains('年') {
        value
            .replace(['年', '月'], "-")
            .trim_end_matches(['日', '号'])
            .trim_end_matches('-')
            .to_string()
    } else {
        value.replace('/', "-")
    };
    let parts: Vec<&str> = normalized.split('-').collect();
    let not_a_date = || DateError::NotADate(value.to_string());
    // At most four digits, so u16 holds every value and widening is lossless.
    let number = |s: &str, max_len: usize| -> Option<u16> {
        let ok = !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit());
        if ok { s.parse().ok() } else { None }
    };
    let year_text = parts.first().copied().unwrap_or_default();
    let year = match number(year_text, 4) {
        Some(0) => return Err(DateError::YearZero(value.to_string())),
        Some(y) if year_text.len() == 4 => i32::from(y),
        _ if !year_text.is_empty() && year_text.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(DateError::YearDigits(value.to_string()));
        }
        _ => return Err(not_a_date()),
    };
    let month = match parts.get(1) {
        None => None,
        Some(m) => match number(m, 2) {
            Some(m @ 1..=12) => Some(u32::from(m)),
            Some(month) => {
                let value = value.to_string();
                return Err(DateError::Month { month, value });
            }
            None => return Err(not_a_date()),
        },
    };
    let day = match parts.get(2) {
        None => None,
        Some(d) => Some(u32::from(number(d, 2).ok_or_else(not_a_date)?)),
    };
    if parts.len() > 3 {
        return Err(not_a_date());
    }
    let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
        .ok_or_else(|| DateError::NotADay(value.to_string()))?;
    let next = match (month, day) {
        (_, Some(_)) => first.succ_opt(),
        (Some(_), None) => first.checked_add_months(Months::new(1)),
        (None, _) => first.checked_add_months(Months::new(12)),
    };
    let next = next.ok_or_else(not_a_date)?;
    days(first, next, offset)
}

/// Midnight-to-midnight in the user's offset; `FixedOffset` has no gaps, so conversion cannot be ambiguous.
fn days(start: NaiveDate, end: NaiveDate, offset: FixedOffset) -> Result<DateRange, DateError> {
    let at = |d: NaiveDate| {
        offset
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .single()
    };
    match (at(start), at(end)) {
        (Some(s), Some(e)) => Ok(DateRange {
            start: Some(s),
            end: Some(e),
        }),
        _ => Err(DateError::Unrepresentable(start.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Wednesday afternoon in Beijing.
    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").expect("valid")
    }

    fn t(s: &str) -> Option<DateTime<FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(s).expect("valid"))
    }

    fn on(v: &str) -> DateRange {
        resolve(DateOp::On, v, now()).unwrap_or_else(|e| panic!("{v}: {e}"))
    }

    fn range(start: &str, end: &str) -> DateRange {
        let parse = |s: &str| if s.is_empty() { None } else { t(s) };
        DateRange {
            start: parse(start),
            end: parse(end),
        }
    }

    #[test]
    fn calendar_forms() {
        let oct1 = range("2026-10-01T00:00:00+08:00", "2026-10-02T00:00:00+08:00");
        assert_eq!(on("2026-10-01"), oct1);
        assert_eq!(on("2026/10/01"), oct1);
        assert_eq!(on("2026-10-1"), oct1);
        assert_eq!(on("2026年10月1日"), oct1);
        let october = range("2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00");
        assert_eq!(on("2026-10"), october);
        assert_eq!(on("2026年10月"), october);
        let year = range("2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
        assert_eq!(on("2026"), year);
        assert_eq!(on("2026年"), year);
        assert_eq!(
            on("2026-12"),
            range("2026-12-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")
        );
        assert_eq!(
            on("2028-02-29"),
            range("2028-02-29T00:00:00+08:00", "2028-03-01T00:00:00+08:00")
        );
    }

    #[test]
    fn ranges_include_their_last_day() {
        assert_eq!(
            on("2026-10-01..2026-10-15"),
            range("2026-10-01T00:00:00+08:00", "2026-10-16T00:00:00+08:00")
        );
        assert_eq!(on("2026-10-01.."), range("2026-10-01T00:00:00+08:00", ""));
        assert_eq!(on("..2026-10"), range("", "2026-11-01T00:00:00+08:00"));
        assert_eq!(
            on("2026-10-01..today"),
            range("2026-10-01T00:00:00+08:00", "2026-11-19T00:00:00+08:00")
        );
    }

    #[test]
    fn relative_forms_count_back_from_now() {
        assert_eq!(on("7d"), range("2026-11-11T15:30:00+08:00", ""));
        assert_eq!(on("2w"), range("2026-11-04T15:30:00+08:00", ""));
        assert_eq!(on("3m"), range("2026-08-18T15:30:00+08:00", ""));
        assert_eq!(on("1Y"), range("2025-11-18T15:30:00+08:00", ""));
    }

    #[test]
    fn named_periods() {
        let d = |a: &str, b: &str| {
            range(
                &format!("{a}T00:00:00+08:00"),
                &format!("{b}T00:00:00+08:00"),
            )
        };
        assert_eq!(on("today"), d("2026-11-18", "2026-11-19"));
        assert_eq!(on("Yesterday"), d("2026-11-17", "2026-11-18"));
        assert_eq!(on("this-week"), d("2026-11-16", "2026-11-23"));
        assert_eq!(on("last_week"), d("2026-11-09", "2026-11-16"));
        assert_eq!(on("this-month"), d("2026-11-01", "2026-12-01"));
        assert_eq!(on("last-month"), d("2026-10-01", "2026-11-01"));
        assert_eq!(on("this-year"), d("2026-01-01", "2027-01-01"));
        assert_eq!(on("last-year"), d("2025-01-01", "2026-01-01"));
    }

    #[test]
    fn today_is_in_the_users_offset_not_utc() {
        // 01:00 in Beijing is still the previous day in UTC.
        let early = DateTime::parse_from_rfc3339("2026-11-18T01:00:00+08:00").expect("valid");
        let r = resolve(DateOp::On, "today", early).expect("today");
        assert_eq!(r.start, t("2026-11-18T00:00:00+08:00"));
        assert_eq!(r.start, t("2026-11-17T16:00:00Z"));
    }

    #[test]
    fn after_and_before_use_the_start() {
        let after = resolve(DateOp::After, "2026-10", now()).expect("after");
        assert_eq!(after, range("2026-10-01T00:00:00+08:00", ""));
        let before = resolve(DateOp::Before, "2026-10", now()).expect("before");
        assert_eq!(before, range("", "2026-10-01T00:00:00+08:00"));
        let before = resolve(DateOp::Before, "7d", now()).expect("before");
        assert_eq!(before, range("", "2026-11-11T15:30:00+08:00"));
        let err = resolve(DateOp::After, "..2026-10", now()).expect_err("no start");
        assert_eq!(
            err,
            QueryErrorKind::DateWithoutStart {
                key: "after",
                value: "..2026-10".into()
            }
        );
        assert!(
            err.to_string()
                .contains("after: needs a date with a beginning"),
            "{err}"
        );
    }

    #[test]
    fn invalid_dates_list_the_accepted_forms() {
        let cases = [
            ("2026-13-01", "month 13"),
            ("0000", "year 0"),
            ("99999", "four digits"),
            ("26-10-01", "four digits"),
            ("2026-02-30", "not a day"),
            ("2026-10-01-02", "not a date"),
            ("2026-1x", "not a date"),
            ("garbage", "not a date"),
            ("", "expected a date"),
            ("..", "at least one side"),
            ("2026-10-15..2026-10-01", "ends before it starts"),
            ("7d..", "cannot be one side"),
            ("99999999999d", "further back"),
            ("9999999m", "further back"),
            ("7x", "not a date"),
            ("d", "not a date"),
        ];
        for (value, why) in cases {
            let err = resolve(DateOp::On, value, now()).expect_err(value);
            assert!(matches!(err, QueryErrorKind::Date(_)), "{value}: {err:?}");
            let err = err.to_string();
            assert!(err.contains(why), "{value}: {err}");
            assert!(err.contains("accepted forms: 2026-10-01"), "{value}: {err}");
        }
    }
}
