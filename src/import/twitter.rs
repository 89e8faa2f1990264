//! X/Twitter: the archive's `tweets.js` (`window.YTD.tweets.part0 = [{"tweet": {...}}]`), API JSON (v1.1
//! statuses or v2 `{"data": [...], "includes": {"users": [...]}}`) and CSV exports of mentions and replies
//! (`tweet_id, author_id, created_at, text, in_response_to_tweet_id…`).
//!
//! An archive's tweets are its owner's, and name no author; the owner is read from `account.js` beside
//! `tweets.js` when the archive is unpacked as X delivers it.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::detect::Shape;
use super::vendor::{Object, date, first_text, need_body, text, utc};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "full_text / text"),
    ("id", "id_str / id / tweet_id"),
    ("date", "created_at"),
    (
        "author",
        "user.screen_name / includes.users / author_id / account.js",
    ),
];

/// Who wrote what, when the tweets themselves do not say: the archive owner, or the users a v2 page includes.
#[derive(Default)]
pub(crate) struct People {
    owner: Option<String>,
    users: HashMap<String, String>,
}

impl People {
    pub(crate) fn of(text: &str, shape: Shape, file: &Path) -> People {
        let mut people = People::default();
        if shape == Shape::TweetsJs {
            people.owner = file
                .parent()
                .and_then(|dir| std::fs::read_to_string(dir.join("account.js")).ok())
                .and_then(|js| archive_owner(&js));
        } else if shape == Shape::Json
            && text.trim_start().starts_with('{')
            && let Ok(page) = serde_json::from_str::<Value>(text)
        {
            let users = page.pointer("/includes/users").and_then(Value::as_array);
            for user in users.into_iter().flatten() {
                if let (Some(id), Some(name)) = (
                    user.get("id").and_then(Value::as_str),
                    user.get("username").and_then(Value::as_str),
                ) {
                    people.users.insert(id.to_string(), name.to_string());
                }
            }
        }
        people
    }
}

fn archive_owner(js: &str) -> Option<String> {
    let json = js.split_once('=')?.1;
    let accounts: Value = serde_json::from_str(json.trim().trim_end_matches(';')).ok()?;
    accounts
        .pointer("/0/account/username")
        .and_then(Value::as_str)
        .map(str::to_string)
}

pub(crate) fn tweet(people: &People, obj: Object) -> Result<NewFeedback, String> {
    let t = match obj.get("tweet") {
        Some(Value::Object(inner)) => inner.clone(),
        _ => obj,
    };
    let body = need_body(
        first_text(&t, &["full_text", "text"]).unwrap_or_default(),
        "'full_text' or 'text'",
    )?;
    let mut rec = NewFeedback::new("x", Kind::Social, body);
    rec.external_id = first_text(&t, &["id_str", "tweet_id", "id"]);
    rec.created_at = date(&t, "created_at", utc())?;
    let author_id = first_text(&t, &["user.id_str", "author_id"]);
    rec.author = text(&t, "user.screen_name")
        .or_else(|| {
            author_id
                .as_ref()
                .and_then(|id| people.users.get(id).cloned())
        })
        .or_else(|| author_id.clone())
        .or_else(|| people.owner.clone());
    rec.url = rec
        .external_id
        .as_deref()
        .map(|id| match rec.author.as_deref() {
            Some(name) if !name.bytes().all(|b| b.is_ascii_digit()) => {
                format!("https://x.com/{name}/status/{id}")
            }
            _ => format!("https://x.com/i/status/{id}"),
        });
    rec.contact = Contact {
        name: text(&t, "user.name"),
        handle: rec.author.as_deref().map(|a| format!("x:{a}")),
        ..Contact::default()
    };
    let fields = [
        (
            "in_reply_to",
            &["in_reply_to_status_id_str", "in_response_to_tweet_id"][..],
        ),
        (
            "in_reply_to_user",
            &["in_reply_to_screen_name", "in_reply_to_user_id"],
        ),
        ("conversation_id", &["conversation_id"]),
        ("response_tweet_id", &["response_tweet_id"]),
        ("inbound", &["inbound"]),
        (
            "like_count",
            &["favorite_count", "public_metrics.like_count"],
        ),
        (
            "retweet_count",
            &["retweet_count", "public_metrics.retweet_count"],
        ),
        ("lang", &["lang"]),
    ];
    let mut extra = Map::new();
    for (key, paths) in fields {
        if let Some(v) = first_text(&t, paths) {
            extra.insert(key.to_string(), Value::String(v));
        }
    }
    rec.extra = extra;
    Ok(rec)
}
