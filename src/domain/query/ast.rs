use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// A parsed query: the boolean expression plus options pulled out of it (`sort:`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Query {
    /// `None` when the query holds only options (or nothing): match every record.
    pub expr: Option<Expr>,
    /// From `sort:newest|oldest|relevance` inside the query; `None` when absent.
    pub sort: Option<SortOrder>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Expr {
    /// Free text word (one whitespace-delimited token, not quoted), searched in title, body and author.
    Word {
        text: String,
    },
    /// `"exact phrase"`: the words in this order, next to each other.
    Phrase {
        text: String,
    },
    /// `field:value` (value may be quoted). Field names are case-insensitive.
    Field {
        field: Field,
        value: String,
    },
    /// `after:`, `before:`, `date:` resolved to a half-open instant range [start, end).
    Date {
        range: DateRange,
    },
    And {
        items: Vec<Expr>,
    },
    Or {
        items: Vec<Expr>,
    },
    Not {
        item: Box<Expr>,
    },
}

impl Expr {
    /// Calls `visit` with each word, phrase, field and date of the expression, and whether an odd
    /// number of `Not`s stands over it: what every reader of a query's parts needs, in one walk.
    pub fn for_each_leaf(&self, visit: &mut impl FnMut(&Expr, bool)) {
        fn walk(e: &Expr, negated: bool, visit: &mut impl FnMut(&Expr, bool)) {
            match e {
                Expr::And { items } | Expr::Or { items } => {
                    items.iter().for_each(|i| walk(i, negated, visit))
                }
                Expr::Not { item } => walk(item, !negated, visit),
                leaf => visit(leaf, negated),
            }
        }
        walk(self, false, visit)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Tag,
    Source,
    Kind,
    Author,
    /// The author, or any record of the customer the value names (email, phone, handle, CRM
    /// id): the service expands it through the customer links.
    Customer,
    Lang,
    Queue,
    Status,
    /// A record's vochub id: a number, as `search` lists it.
    Id,
    /// The id the record's source system gave it (a ticket number such as T-20260921-0041):
    /// the service looks it up and turns it into vochub ids.
    Ext,
    Saved,
}

impl Field {
    pub fn parse(name: &str) -> Option<Field> {
        let f = match name.to_ascii_lowercase().as_str() {
            "tag" | "theme" => Field::Tag,
            "source" | "from" => Field::Source,
            "kind" | "type" => Field::Kind,
            "author" => Field::Author,
            "customer" => Field::Customer,
            "lang" | "language" => Field::Lang,
            "queue" => Field::Queue,
            "status" => Field::Status,
            "id" => Field::Id,
            "ext" | "external_id" => Field::Ext,
            "saved" => Field::Saved,
            _ => return None,
        };
        Some(f)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Tag => "tag",
            Field::Source => "source",
            Field::Kind => "kind",
            Field::Author => "author",
            Field::Customer => "customer",
            Field::Lang => "lang",
            Field::Queue => "queue",
            Field::Status => "status",
            Field::Id => "id",
            Field::Ext => "ext",
            Field::Saved => "saved",
        }
    }
}

/// Half-open range of instants; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
}
