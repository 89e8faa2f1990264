//! Reads the dates customer tools export: ISO 8601/RFC 3339, slashes, Chinese 年月日, Twitter/Weibo, RFC 2822
//! and epoch seconds/milliseconds.
//!
//! A date without an offset is taken in the offset the caller gives: predictable beats clever. Years outside
//! 1970..=2100 are refused because they are almost always a wrong column or a unit mistake, not real feedback.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses `s` as a date; a date without an offset is read in `default_offset`.
pub fn parse_date(s: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    parse_date_detailed(s, default_offset).ok().map(|p| p.at)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParsedDate {
    pub at: DateTime<FixedOffset>,
    /// True when the text had no offset and `default_offset` was assumed.
    pub assumed_offset: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateProblem {
    Unparseable,
    Implausible,
}

pub(crate) fn parse_date_detailed(
    s: &str,
    default_offset: FixedOffset,
) -> Result<ParsedDate, DateProblem> {
    let s = s.trim();
    // Real dates are short; refusing long strings early keeps a junk column from costing anything.
    if s.is_empty() || s.len() > 64 {
        return Err(DateProblem::Unparseable);
    }
    let parsed = parse_any(s, default_offset).ok_or(DateProblem::Unparseable)?;
    if (1970..=2100).contains(&parsed.at.year()) {
        Ok(parsed)
    } else {
        Err(DateProblem::Implausible)
    }
}

/// A date in the user's own chrono format (a saved mapping's `date_format`): with an offset if the format has
/// one, else a date-time or a bare date in `offset`.
pub(crate) fn parse_with_format(s: &str, fmt: &str, offset: FixedOffset) -> Option<ParsedDate> {
    let s = s.trim();
    if let Ok(at) = DateTime::parse_from_str(s, fmt) {
        return Some(ParsedDate {
            at,
            assumed_offset: false,
        });
    }
    let naive = NaiveDateTime::parse_from_str(s, fmt)
        .ok()
        .or_else(|| NaiveDate::parse_from_str(s, fmt).ok()?.and_hms_opt(0, 0, 0))?;
    let at = offset.from_local_datetime(&naive).single()?;
    (1970..=2100).contains(&at.year()).then_some(ParsedDate {
        at,
        assumed_offset: true,
    })
}

const WITH_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M:%S%.f %:z",
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%d %H:%M%:z",
    "%Y/%m/%d %H:%M:%S%.f %z",
    // Twitter and Weibo: `Tue May 31 17:46:55 +0800 2011`.
    "%a %b %d %H:%M:%S %z %Y",
];

const NAIVE_DATETIME: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S%.f",
    "%Y.%m.%d %H:%M",
];

const NAIVE_DATE: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"];

fn parse_any(s: &str, default_offset: FixedOffset) -> Option<ParsedDate> {
    if let Some(at) = parse_epoch(s) {
        return Some(ParsedDate {
            at,
            assumed_offset: false,
        });
    }
    let owned;
    let s = if s.contains(['年', '月', '日', '：']) {
        owned = normalize_cjk(s);
        owned.as_str()
    } else {
        s
    };
    // Most exports use one naive format throughout; skipping a dozen offset formats that cannot match
    // keeps a million-row import from spending most of its time here.
    let may_have_offset = s.contains('+')
        || s.get(10..).is_some_and(|rest| rest.contains('-'))
        || s.bytes().any(|b| b.is_ascii_alphabetic() && b != b'T');
    if may_have_offset && let Some(at) = parse_with_offset(s) {
        return Some(ParsedDate {
            at,
            assumed_offset: false,
        });
    }
    let naive = NAIVE_DATETIME
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            NAIVE_DATE
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    let at = default_offset.from_local_datetime(&naive).single()?;
    Some(ParsedDate {
        at,
        assumed_offset: true,
    })
}

fn parse_with_offset(s: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Some(at);
    }
    let owned;
    let s = match s
        .strip_suffix(['Z', 'z'])
        .or_else(|| s.strip_suffix(" UTC"))
    {
        Some(rest) if rest.len() > 10 => {
            owned = format!("{rest}+00:00");
            owned.as_str()
        }
        _ => s,
    };
    WITH_OFFSET
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
        .or_else(|| DateTime::parse_from_rfc2822(s).ok())
}

/// Epoch seconds (10 digits, optionally with a fraction) or milliseconds (13 digits), read as UTC.
fn parse_epoch(s: &str) -> Option<DateTime<FixedOffset>> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let utc = match int.len() {
        10 => {
            let secs: i64 = int.parse().ok()?;
            let digits = &frac[..frac.len().min(9)];
            let nanos = if digits.is_empty() {
                0
            } else {
                digits.parse::<u32>().ok()? * 10u32.pow(9 - digits.len() as u32)
            };
            Utc.timestamp_opt(secs, nanos).single()?
        }
        13 if frac.is_empty() => Utc.timestamp_millis_opt(int.parse().ok()?).single()?,
        _ => return None,
    };
    Some(utc.fixed_offset())
}

/// `2026年10月3日 14：05` → `2026-10-3 14:05`, which the ordinary formats then read.
fn normalize_cjk(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '年' | '月' => out.push('-'),
            '日' => out.push(' '),
            '：' => out.push(':'),
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn east8() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }
    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }
    fn rfc(s: &str, off: FixedOffset) -> String {
        parse_date(s, off)
            .map(|d| d.to_rfc3339())
            .unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn iso_and_rfc3339_variants() {
        assert_eq!(
            rfc("2026-10-03T14:05:00+08:00", utc()),
            "2026-10-03T14:05:00+08:00"
        );
        assert_eq!(
            rfc("2026-10-03T06:05:00Z", east8()),
            "2026-10-03T06:05:00+00:00"
        );
        assert_eq!(
            rfc("2026-10-03 14:05:00+08:00", utc()),
            "2026-10-03T14:05:00+08:00"
        );
        assert_eq!(
            rfc("2026-10-03T14:05:00.250+0800", utc()),
            "2026-10-03T14:05:00.250+08:00"
        );
        assert_eq!(
            rfc("2026-10-03 14:05:00", east8()),
            "2026-10-03T14:05:00+08:00"
        );
        assert_eq!(rfc("2026-10-03T14:05", utc()), "2026-10-03T14:05:00+00:00");
        assert_eq!(rfc("2026-10-03", east8()), "2026-10-03T00:00:00+08:00");
        assert_eq!(
            rfc("2026-10-03 06:05:00 UTC", east8()),
            "2026-10-03T06:05:00+00:00"
        );
    }

    #[test]
    fn slashes_and_chinese() {
        assert_eq!(
            rfc("2026/10/03 14:05", east8()),
            "2026-10-03T14:05:00+08:00"
        );
        assert_eq!(rfc("2026/10/3", east8()), "2026-10-03T00:00:00+08:00");
        assert_eq!(rfc("2026/1/3 9:05:07", utc()), "2026-01-03T09:05:07+00:00");
        assert_eq!(rfc("2026年10月3日", east8()), "2026-10-03T00:00:00+08:00");
        assert_eq!(
            rfc("2026年10月3日 14:05", east8()),
            "2026-10-03T14:05:00+08:00"
        );
        assert_eq!(
            rfc("2026年10月3日14：05", east8()),
            "2026-10-03T14:05:00+08:00"
        );
    }

    #[test]
    fn twitter_rfc2822_and_epochs() {
        assert_eq!(
            rfc("Tue May 31 17:46:55 +0800 2011", utc()),
            "2011-05-31T17:46:55+08:00"
        );
        assert_eq!(
            rfc("Tue Oct 31 22:10:47 +0000 2017", east8()),
            "2017-10-31T22:10:47+00:00"
        );
        assert_eq!(
            rfc("Sat, 03 Oct 2026 14:05:00 +0800", utc()),
            "2026-10-03T14:05:00+08:00"
        );
        assert_eq!(rfc("1791007500", east8()), "2026-10-03T06:05:00+00:00");
        assert_eq!(
            rfc("1791007500123", east8()),
            "2026-10-03T06:05:00.123+00:00"
        );
        assert_eq!(rfc("1791007500.5", utc()), "2026-10-03T06:05:00.500+00:00");
    }

    #[test]
    fn assumed_offset_is_reported() {
        let naive = parse_date_detailed("2026-10-03 14:05", east8()).unwrap();
        assert!(naive.assumed_offset);
        let aware = parse_date_detailed("2026-10-03T14:05:00+08:00", utc()).unwrap();
        assert!(!aware.assumed_offset);
        assert!(
            !parse_date_detailed("1791007500", utc())
                .unwrap()
                .assumed_offset
        );
    }

    #[test]
    fn garbage_and_implausible_years() {
        for s in [
            "",
            "soon",
            "12345",
            "2026-13-40",
            "31/12/2026 x",
            "99999999999999999999",
        ] {
            assert_eq!(parse_date(s, utc()), None, "{s}");
        }
        assert_eq!(
            parse_date_detailed("1900-01-01", utc()),
            Err(DateProblem::Implausible)
        );
        assert_eq!(
            parse_date_detailed("2101-01-01", utc()),
            Err(DateProblem::Implausible)
        );
        assert_eq!(
            parse_date_detailed("0999999999", utc()),
            Ok(ParsedDate {
                at: Utc.timestamp_opt(999_999_999, 0).unwrap().fixed_offset(),
                assumed_offset: false
            })
        );
        assert_eq!(
            parse_date_detailed("9999999999", utc()),
            Err(DateProblem::Implausible)
        );
        assert_eq!(
            parse_date_detailed(&"2".repeat(500), utc()),
            Err(DateProblem::Unparseable)
        );
    }
}
