use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Lang;

/// What sort of conversation a record came from; drives filters and the per-department counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ticket,
    SalesNote,
    Social,
    Email,
    Review,
    Survey,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Ticket,
        Kind::SalesNote,
        Kind::Social,
        Kind::Email,
        Kind::Review,
        Kind::Survey,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ticket => "ticket",
            Kind::SalesNote => "sales_note",
            Kind::Social => "social",
            Kind::Email => "email",
            Kind::Review => "review",
            Kind::Survey => "survey",
            Kind::Other => "other",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseKindError(pub String);

impl fmt::Display for ParseKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown kind '{}' (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for ParseKindError {}

impl FromStr for Kind {
    type Err = ParseKindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let kind = match norm.as_str() {
            "ticket" | "tickets" | "support" => Kind::Ticket,
            "sales_note" | "sales" | "note" | "sales_notes" => Kind::SalesNote,
            "social" | "comment" | "post" => Kind::Social,
            "email" | "mail" => Kind::Email,
            "review" | "reviews" => Kind::Review,
            "survey" => Kind::Survey,
            "other" => Kind::Other,
            _ => return Err(ParseKindError(s.to_string())),
        };
        Ok(kind)
    }
}

/// A record as an importer hands it over, before the store has given it an id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewFeedback {
    /// Where it came from: a system name (`zendesk`, `weibo`) or the file's name.
    pub source: String,
    pub kind: Kind,
    /// The source's own id; `None` lets the store derive one from the content.
    pub external_id: Option<String>,
    /// `None` when the source gave no date: the store then uses import time and flags it.
    pub created_at: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub url: Option<String>,
    pub rating: Option<f64>,
    /// Every other field the source had, kept so nothing the customer's tool knew is lost.
    pub extra: Map<String, Value>,
    /// Themes the source already attached (e.g. Zendesk tags), applied on import.
    pub tags: Vec<String>,
}

impl NewFeedback {
    pub fn new(source: impl Into<String>, kind: Kind, body: impl Into<String>) -> Self {
        NewFeedback {
            source: source.into(),
            kind,
            external_id: None,
            created_at: None,
            author: None,
            title: None,
            body: body.into(),
            url: None,
            rating: None,
            extra: Map::new(),
            tags: Vec::new(),
        }
    }
}

/// A stored record: what the store holds and every reader sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feedback {
    /// vochub's own id: assigned once, never reused, unchanged by re-imports.
    pub id: i64,
    pub source: String,
    pub kind: Kind,
    pub external_id: String,
    pub created_at: DateTime<FixedOffset>,
    /// True when the source had no date and `created_at` is the import time.
    pub date_is_import_time: bool,
    pub author: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub lang: Lang,
    pub url: Option<String>,
    pub rating: Option<f64>,
    pub extra: Value,
    pub content_hash: String,
    pub tags: Vec<String>,
}
