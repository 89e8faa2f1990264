//! X/Twitter: the archive's `tweets.js` (`window.YTD.tweets.part0 = [{"tweet": {...}}]`), API JSON (v1.1
//! statuses or v2 `{"data": [...], "includes": {"users": [...]}}`) and CSV exports of mentions and replies
//! (`tweet_id, author_id, created_at, text, in_response_to_tweet_id…`).
//!
//! An archive's tweets are its owner's, and name no author; the owner is read from `account.js` beside
//! `tweets.js` when the archive is unpacked as X delivers it.
//!
//! A customer-support CSV holds both sides of each thread: `inbound` True for what customers wrote,
//! False for the replies the company's own accounts sent. Only the customers' tweets become records;
//! the replies are counted as skipped (they stay on X, linked from a tweet's `response_tweet_id`).

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::Skip;
use super::company::{Side, side_of};
use super::detect::Shape;
use super::record::Outcome;
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

pub(crate) fn tweet(people: &People, obj: Object) -> Result<Outcome, String> {
    let t = match obj.get("tweet") {
        Some(Value::Object(inner)) => inner.clone(),
        _ => obj,
    };
    if by_company(&t) {
        return Ok(Outcome::Skip(Skip::CompanyReply));
    }
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
        // Always "True" on what is kept; still stored, so records imported before stay unchanged.
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
    Ok(Outcome::Record(rec))
}

/// Whether the export marks the tweet as sent by the company (`inbound` False, however written);
/// a tweet it does not mark, or marks with a value of neither side, is taken as a customer's, as
/// before.
fn by_company(t: &Object) -> bool {
    text(t, "inbound").is_some_and(|v| side_of(&v) == Some(Side::Company))
}

#[cfg(test)]
mod tests {
    use crate::import::tests::run;
    use crate::import::{Format, Skip};

    #[test]
    fn the_companys_replies_in_a_support_csv_are_skipped_and_counted() {
        let text = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n\
                    1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@sprintcare my bill doubled,2,\n\
                    2,sprintcare,False,Tue Oct 31 22:11:45 +0000 2017,@115712 Please DM us,,1\n\
                    3,115712,True,Tue Oct 31 22:13:01 +0000 2017,@sprintcare sent a DM,,2\n";
        let (report, sink) = run("twcs.csv", text);
        let report = report.unwrap();
        assert_eq!(report.format, Format::X);
        assert_eq!(
            sink.kept(),
            [
                ("1", "@sprintcare my bill doubled"),
                ("3", "@sprintcare sent a DM")
            ]
        );
        assert_eq!(report.read, 3);
        let skipped: Vec<(Skip, usize)> = report.skipped.iter().map(|s| (s.why, s.count)).collect();
        assert_eq!(skipped, [(Skip::CompanyReply, 1)]);
    }

    #[test]
    fn an_inbound_flag_given_as_json_is_read_too() {
        let text = r#"[
            {"id_str": "7", "created_at": "2026-10-08T09:15:02Z", "text": "where is my refund", "inbound": true},
            {"id_str": "8", "created_at": "2026-10-08T09:20:00Z", "text": "We are on it!", "inbound": false}
        ]"#;
        let (report, sink) = run("mentions.json", text);
        let report = report.unwrap();
        assert_eq!(report.format, Format::X, "{report:?}");
        assert_eq!(sink.accepted.len(), 1);
        assert_eq!(sink.accepted[0].body, "where is my refund");
        assert_eq!(report.skipped[0].count, 1);
    }
}
