//! The triage workflow's vocabulary: queues and their item statuses, priorities, quotes and the
//! change journal.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::Refusal;

/// The queues teams work. Adding one is adding its name here.
pub const QUEUES: &[&str] = &["product", "marketing"];

pub fn parse_queue(name: &str) -> Result<&'static str, Refusal> {
    let n = name.trim().to_lowercase();
    QUEUES
        .iter()
        .find(|q| **q == n)
        .copied()
        .ok_or_else(|| Refusal::UnknownQueue(name.to_string()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Accepted,
    InProgress,
    Done,
    Declined,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::Accepted,
        Status::InProgress,
        Status::Done,
        Status::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Accepted => "accepted",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Result<Status, Refusal> {
        let n = s.trim().to_lowercase().replace(['-', ' '], "_");
        Status::ALL
            .iter()
            .find(|st| st.as_str() == n)
            .copied()
            .ok_or_else(|| Refusal::UnknownStatus(s.to_string()))
    }

    /// Where an item may go from here. Work moves forward (new → accepted → in_progress →
    /// done), may step back one, may be declined while open, and done or declined items reopen.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            New => &[Accepted, Declined],
            Accepted => &[InProgress, Declined, New],
            InProgress => &[Done, Declined, Accepted],
            Done => &[InProgress],
            Declined => &[New],
        }
    }

    pub fn check_transition(self, to: Status) -> Result<(), Refusal> {
        if self == to || self.next().contains(&to) {
            return Ok(());
        }
        Err(Refusal::Transition { from: self, to })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    P1,
    P2,
    P3,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "p1",
            Priority::P2 => "p2",
            Priority::P3 => "p3",
        }
    }

    pub fn parse(s: &str) -> Result<Priority, String> {
        match s.trim().to_lowercase().as_str() {
            "p1" | "1" | "high" => Ok(Priority::P1),
            "p2" | "2" | "normal" => Ok(Priority::P2),
            "p3" | "3" | "low" => Ok(Priority::P3),
            _ => Err(format!("unknown priority '{s}' (expected p1, p2 or p3)")),
        }
    }
}

/// One theme edit in a `tag` command: `+物流/延迟` adds, `-物流/延迟` removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TagChange {
    Add(String),
    Remove(String),
}

impl TagChange {
    /// Parses `+THEME` / `-THEME`; the theme name is normalised.
    pub fn parse(arg: &str) -> Result<TagChange, String> {
        let (add, rest) = if let Some(r) = arg.strip_prefix('+') {
            (true, r)
        } else if let Some(r) = arg.strip_prefix('-') {
            (false, r)
        } else {
            return Err(format!(
                "expected +THEME or -THEME, got '{arg}' (quote a query of several words)"
            ));
        };
        let name = super::normalize_theme(rest).map_err(|e| e.to_string())?;
        Ok(if add {
            TagChange::Add(name)
        } else {
            TagChange::Remove(name)
        })
    }
}

/// A record (or a quote from it) routed to a queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    pub id: i64,
    pub queue: String,
    pub record_id: i64,
    pub quote_id: Option<i64>,
    pub status: Status,
    pub priority: Priority,
    pub assignee: Option<String>,
    pub note: Option<String>,
    pub routed_by: String,
    pub routed_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

/// An exact span of a record's body, kept with a hash of the body it was taken from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub id: i64,
    pub record_id: i64,
    /// Character (not byte) offsets into the record's body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub body_hash: String,
    pub note: Option<String>,
    pub themes: Vec<String>,
    pub created_by: String,
    pub created_at: DateTime<FixedOffset>,
}

/// One change in the journal: who did what when, and enough to undo it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalEntry {
    pub id: i64,
    pub at: DateTime<FixedOffset>,
    pub who: String,
    /// tag, route, status, quote, quote_remove or undo
    pub action: String,
    pub summary: String,
    /// What changed, before → after, as data.
    pub data: serde_json::Value,
    /// For an undo: the entry it reverted.
    pub undoes: Option<i64>,
    /// Set once this entry has been undone.
    pub undone_by: Option<i64>,
}

/// A theme with how widely it is heard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeSummary {
    pub name: String,
    pub description: Option<String>,
    /// Records tagged with the theme or any theme below it.
    pub records: u64,
    pub authors: u64,
    /// (kind, records) — a theme heard by one department only stands out here.
    pub by_kind: Vec<(String, u64)>,
    /// Records per week, oldest first, the last `WEEKS` weeks ending this week.
    pub weekly: Vec<u64>,
    /// The Monday the first of `weekly`'s weeks begins on.
    pub weeks_from: NaiveDate,
}

/// Themes in the order a dashboard shows them: what customers say most at the top, names
/// breaking ties, so a theme heard once never pushes a large one down the list.
pub fn most_heard_first(themes: &mut [ThemeSummary]) {
    themes.sort_by(|a, b| b.records.cmp(&a.records).then(a.name.cmp(&b.name)));
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Counts as bars scaled to the largest, one character each; a blank for none, so a quiet week
/// never looks like a small one.
pub fn sparkline(counts: &[u64]) -> String {
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => BARS[((n * 7 / max) as usize).min(7)],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_busiest_week() {
        assert_eq!(sparkline(&[0, 1, 2, 4]), " ▂▄█");
        assert_eq!(sparkline(&[0, 0]), "  ");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn transitions() {
        assert!(Status::New.check_transition(Status::Accepted).is_ok());
        assert!(
            Status::Accepted
                .check_transition(Status::InProgress)
                .is_ok()
        );
        assert!(Status::InProgress.check_transition(Status::Done).is_ok());
        assert!(
            Status::InProgress
                .check_transition(Status::Declined)
                .is_ok()
        );
        assert!(Status::Done.check_transition(Status::InProgress).is_ok());
        assert!(Status::Declined.check_transition(Status::New).is_ok());
        let err = Status::New.check_transition(Status::Done).unwrap_err();
        assert!(err.to_string().contains("accepted, declined"), "{err}");
        assert!(Status::Done.check_transition(Status::New).is_err());
        assert!(Status::Declined.check_transition(Status::Done).is_err());
    }

    #[test]
    fn tag_changes() {
        assert_eq!(
            TagChange::parse("+物流/ 延迟").unwrap(),
            TagChange::Add("物流/延迟".into())
        );
        assert_eq!(
            TagChange::parse("-价格").unwrap(),
            TagChange::Remove("价格".into())
        );
        assert!(TagChange::parse("价格").unwrap_err().contains("+THEME"));
        assert!(TagChange::parse("+").is_err());
    }

    #[test]
    fn parsing() {
        assert_eq!(Status::parse("in-progress").unwrap(), Status::InProgress);
        assert!(
            Status::parse("closed")
                .unwrap_err()
                .to_string()
                .contains("in_progress")
        );
        assert_eq!(Priority::parse("P1").unwrap(), Priority::P1);
        assert_eq!(parse_queue("Product").unwrap(), "product");
        assert!(
            parse_queue("sales")
                .unwrap_err()
                .to_string()
                .contains("product, marketing")
        );
    }
}
