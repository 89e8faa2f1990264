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
        write!(f, "{}", super::Refusal::UnknownKind(self.0.clone()))
    }
}

impl std::error::Error for ParseKindError {}

impl FromStr for Kind {
    type Err = ParseKindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        // The Chinese names are the interface's own labels, and what Chinese exports write.
        let kind = match norm.as_str() {
            "ticket" | "tickets" | "support" | "工单" => Kind::Ticket,
            "sales_note" | "sales" | "note" | "sales_notes" | "销售" | "销售记录" => {
                Kind::SalesNote
            }
            "social" | "comment" | "post" | "社媒" | "评论" => Kind::Social,
            "email" | "mail" | "邮件" => Kind::Email,
            "review" | "reviews" | "评价" => Kind::Review,
            "survey" | "问卷" => Kind::Survey,
            "other" | "其他" => Kind::Other,
            _ => return Err(ParseKindError(s.to_string())),
        };
        Ok(kind)
    }
}

/// The person behind a record, as far as the source tells: what links one customer's words across channels.
/// Handles and CRM ids carry their system (`weibo:1876543210`, `zendesk:3923`) so that equal numbers on two
/// platforms never merge two people.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub handle: Option<String>,
    pub crm_id: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.keys().next().is_none()
    }

    /// The identifying keys as `(kind, value)`, normalised so that the same person compares equal:
    /// emails lower-cased, phones reduced to digits (a leading `86` country code dropped), handles lower-cased.
    pub fn keys(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        let email = self
            .email
            .as_deref()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| e.contains('@'));
        let phone = self
            .phone
            .as_deref()
            .map(normalize_phone)
            .filter(|p| p.len() >= 5);
        let handle = self
            .handle
            .as_deref()
            .map(|h| h.trim().trim_start_matches('@').to_lowercase())
            .filter(|h| !h.is_empty());
        let crm = self
            .crm_id
            .as_deref()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        [
            ("email", email),
            ("phone", phone),
            ("handle", handle),
            ("crm", crm),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
    }
}

fn normalize_phone(raw: &str) -> String {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("86") {
        // Mainland mobiles are 11 digits starting with 1; +86 in front is the same number.
        Some(rest) if rest.len() == 11 && rest.starts_with('1') => rest.to_string(),
        _ => digits,
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
    /// `external_id` was derived by vochub from the content (an import numbering a text said twice
    /// puts it there), not given by the source.
    #[serde(skip)]
    pub id_derived: bool,
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
    /// Who said it, for the customer table.
    pub contact: Contact,
}

impl NewFeedback {
    pub fn new(source: impl Into<String>, kind: Kind, body: impl Into<String>) -> Self {
        NewFeedback {
            source: source.into(),
            kind,
            external_id: None,
            id_derived: false,
            created_at: None,
            author: None,
            title: None,
            body: body.into(),
            url: None,
            rating: None,
            extra: Map::new(),
            tags: Vec::new(),
            contact: Contact::default(),
        }
    }

    /// The source's own id, trimmed, when it gave one.
    pub fn own_id(&self) -> Option<&str> {
        self.external_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
    }

    /// 64 bits of a hash of the source and its own id: what tells one file's rows with the same id
    /// apart from the rest. Kept instead of the strings because an import remembers one for every
    /// row (a million as strings would hold some 70 MB) and must not allocate for each.
    pub fn own_id_key(&self) -> Option<u64> {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let id = self.own_id()?;
        let mut h = DefaultHasher::new();
        (self.source.as_str(), id).hash(&mut h);
        Some(h.finish())
    }
}

/// A stored record: what the store holds and every reader sees.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    /// vochub's own id: assigned once, never reused, unchanged by re-imports.
    pub id: i64,
    pub source: String,
    pub kind: Kind,
    /// The source's id, or when it gave none the one vochub derived to recognise the record on a
    /// re-import (see `id_derived`).
    pub external_id: String,
    /// `external_id` is vochub's own derivation: it means nothing outside vochub.
    pub id_derived: bool,
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

impl Feedback {
    /// The id the source system knows the record by; `None` when it gave none.
    pub fn source_id(&self) -> Option<&str> {
        (!self.id_derived).then_some(self.external_id.as_str())
    }

    /// The id vochub derived for a record whose source gave none; `None` when the source gave one.
    /// It names the record to `ext:` queries and nothing outside vochub.
    pub fn derived_id(&self) -> Option<&str> {
        self.id_derived.then_some(self.external_id.as_str())
    }
}

/// What `--json` prints of a record. `external_id` is the source's id or null, so that a script
/// copying it into the source's own tool never hands over an id vochub made up; the made-up one
/// is `derived_id` (null when the source gave an id), for scripts that find records by `ext:`.
/// Both keys are always there, so the shape does not depend on the source.
impl Serialize for Feedback {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Taken apart field by field, so that a field added to `Feedback` cannot be left out here
        // without the compiler saying so.
        let Feedback {
            id,
            source,
            kind,
            external_id: _,
            id_derived: _,
            created_at,
            date_is_import_time,
            author,
            title,
            body,
            lang,
            url,
            rating,
            extra,
            content_hash,
            tags,
        } = self;
        let mut s = serializer.serialize_struct("Feedback", 16)?;
        s.serialize_field("id", id)?;
        s.serialize_field("source", source)?;
        s.serialize_field("kind", kind)?;
        s.serialize_field("external_id", &self.source_id())?;
        s.serialize_field("derived_id", &self.derived_id())?;
        s.serialize_field("created_at", created_at)?;
        s.serialize_field("date_is_import_time", date_is_import_time)?;
        s.serialize_field("author", author)?;
        s.serialize_field("title", title)?;
        s.serialize_field("body", body)?;
        s.serialize_field("lang", lang)?;
        s.serialize_field("url", url)?;
        s.serialize_field("rating", rating)?;
        s.serialize_field("extra", extra)?;
        s.serialize_field("content_hash", content_hash)?;
        s.serialize_field("tags", tags)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_by_their_english_and_chinese_names() {
        for (name, kind) in [
            ("Sales Note", Kind::SalesNote),
            ("工单", Kind::Ticket),
            ("销售", Kind::SalesNote),
            ("社媒", Kind::Social),
            (" 评价 ", Kind::Review),
            ("问卷", Kind::Survey),
        ] {
            assert_eq!(name.parse::<Kind>().ok(), Some(kind), "{name}");
        }
        assert!("工作".parse::<Kind>().is_err());
    }

    #[test]
    fn contact_keys_are_normalised() {
        let c = Contact {
            name: Some("王女士".into()),
            email: Some(" Wang.Li@Example.COM ".into()),
            phone: Some("+86 138-0013-8000".into()),
            handle: Some("@Weibo:LarkFan".into()),
            crm_id: Some("salesforce:003XX".into()),
        };
        let keys: Vec<(&str, String)> = c.keys().collect();
        assert_eq!(
            keys,
            [
                ("email", "wang.li@example.com".to_string()),
                ("phone", "13800138000".into()),
                ("handle", "weibo:larkfan".into()),
                ("crm", "salesforce:003XX".into()),
            ]
        );
        let nobody = Contact {
            email: Some("not an address".into()),
            ..Contact::default()
        };
        assert!(nobody.is_empty() && Contact::default().is_empty());
    }

    fn stored(external_id: &str, id_derived: bool) -> Feedback {
        Feedback {
            id: 7,
            source: "reviews.csv".into(),
            kind: Kind::Review,
            external_id: external_id.into(),
            id_derived,
            created_at: DateTime::parse_from_rfc3339("2026-11-20T09:30:00+08:00").unwrap(),
            date_is_import_time: false,
            author: None,
            title: None,
            body: "表带断了".into(),
            lang: Lang::Zh,
            url: None,
            rating: None,
            extra: Value::Null,
            content_hash: "c".into(),
            tags: Vec::new(),
        }
    }

    #[test]
    fn json_gives_the_source_id_as_external_id_and_a_derived_one_under_its_own_name() {
        let json = |r: &Feedback| serde_json::to_value(r).unwrap();
        let given = json(&stored("T-1042", false));
        assert_eq!(given["external_id"], "T-1042");
        assert_eq!(given["derived_id"], Value::Null);
        let derived = json(&stored("h-5e847aedbf9946b9", true));
        assert_eq!(derived["external_id"], Value::Null);
        assert_eq!(derived["derived_id"], "h-5e847aedbf9946b9");
        // Scripts see the same keys whichever the source.
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&given), keys(&derived));
        assert_eq!(keys(&given).len(), 16);
        assert_eq!(given["body"], "表带断了");
        assert_eq!(given["created_at"], "2026-11-20T09:30:00+08:00");
    }
}
