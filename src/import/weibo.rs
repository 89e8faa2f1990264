//! Weibo comments in the official API's shape: `{"comments": [...]}` where each comment has `created_at`
//! (`Tue May 31 17:46:55 +0800 2011`), `text`, `user{id, screen_name}` and the `status` it answers.

use serde_json::{Map, Value};

use super::vendor::{Object, beijing, date, first_text, need_body, text};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "text"),
    ("id", "idstr / id"),
    ("date", "created_at"),
    ("author", "user.screen_name"),
    ("url", "status.mid → m.weibo.cn/detail"),
];

pub(crate) fn comment(c: Object) -> Result<NewFeedback, String> {
    let body = need_body(text(&c, "text").unwrap_or_default(), "'text'")?;
    let mut rec = NewFeedback::new("weibo", Kind::Social, body);
    rec.external_id = first_text(&c, &["idstr", "id", "mid"]);
    rec.created_at = date(&c, "created_at", beijing())?;
    rec.author = first_text(&c, &["user.screen_name", "user.name"]);
    rec.url = first_text(&c, &["status.mid", "status.idstr", "status.id"])
        .map(|mid| format!("https://m.weibo.cn/detail/{mid}"));
    rec.contact = Contact {
        name: rec.author.clone(),
        handle: first_text(&c, &["user.idstr", "user.id"]).map(|id| format!("weibo:{id}")),
        ..Contact::default()
    };
    let mut extra = Map::new();
    let fields = [
        ("status_id", "status.idstr"),
        ("status_id", "status.id"),
        ("status_text", "status.text"),
        ("reply_to", "reply_comment.text"),
        ("location", "user.location"),
        ("like_count", "like_count"),
        ("client", "source"),
    ];
    for (key, path) in fields {
        if !extra.contains_key(key)
            && let Some(v) = text(&c, path)
        {
            extra.insert(key.to_string(), Value::String(v));
        }
    }
    rec.extra = extra;
    Ok(rec)
}
