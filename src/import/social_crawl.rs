//! Comment crawls of 小红书, 抖音 and 微博 as the common crawlers write them (CSV, JSON or JSON Lines):
//! `comment_id`, `note_id` or `aweme_id`, `content`, `nickname`, `user_id`, `ip_location`, `like_count` and
//! `create_time` in epoch seconds or milliseconds.
//!
//! The platform comes from a `platform` field, else from the id field (`aweme_id` is 抖音), else from the file
//! name; it becomes the record's source, so `source:douyin` filters one platform.

use serde_json::Map;

use super::vendor::{Object, beijing, date, first_text, need_body, text, utc};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "content"),
    ("id", "comment_id"),
    ("date", "create_time (epoch s/ms)"),
    ("author", "nickname"),
    ("source", "platform / aweme_id / file name"),
    ("url", "note_id or aweme_id"),
];

pub(crate) fn platform_of_name(stem: &str) -> Option<&'static str> {
    let s = stem.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if has(&["xhs", "xiaohongshu", "redbook", "小红书"]) {
        Some("xiaohongshu")
    } else if has(&["douyin", "dy_", "抖音", "aweme"]) {
        Some("douyin")
    } else if has(&["weibo", "微博"]) {
        Some("weibo")
    } else {
        None
    }
}

pub(crate) fn comment(c: Object, from_name: Option<&str>) -> Result<NewFeedback, String> {
    let body = need_body(text(&c, "content").unwrap_or_default(), "'content'")?;
    let platform = text(&c, "platform")
        .map(|p| p.to_lowercase())
        .or_else(|| c.contains_key("aweme_id").then(|| "douyin".to_string()))
        .or_else(|| from_name.map(str::to_string))
        .unwrap_or_else(|| "social".to_string());
    // Chinese platforms show Beijing time; an epoch from X is shown as the UTC it is.
    let offset = if platform == "x" { utc() } else { beijing() };
    let date_field = ["create_time", "create_date_time", "created_at"]
        .into_iter()
        .find(|k| text(&c, k).is_some())
        .unwrap_or("create_time");

    let mut rec = NewFeedback::new(platform.clone(), Kind::Social, body);
    rec.external_id = text(&c, "comment_id");
    rec.created_at = date(&c, date_field, offset)?.map(|d| d.with_timezone(&offset));
    rec.author = first_text(&c, &["nickname", "user_name", "screen_name"]);
    let post = first_text(&c, &["note_id", "aweme_id"]);
    rec.url = post.as_deref().and_then(|id| match platform.as_str() {
        "xiaohongshu" => Some(format!("https://www.xiaohongshu.com/explore/{id}")),
        "douyin" => Some(format!("https://www.douyin.com/video/{id}")),
        "weibo" => Some(format!("https://m.weibo.cn/detail/{id}")),
        "x" => rec
            .external_id
            .as_deref()
            .map(|c| format!("https://x.com/i/status/{c}")),
        _ => None,
    });
    // A nickname is not unique on the Chinese platforms, so only a user id links people; on X the
    // nickname is the @handle, which is.
    let handle = match (text(&c, "user_id"), platform.as_str()) {
        (Some(id), p) => Some(format!("{p}:{id}")),
        (None, "x") => rec.author.as_deref().map(|n| format!("x:{n}")),
        _ => None,
    };
    rec.contact = Contact {
        name: rec.author.clone(),
        handle,
        ..Contact::default()
    };
    let mut extra = Map::new();
    let keep = [
        "note_id",
        "aweme_id",
        "ip_location",
        "like_count",
        "comment_like_count",
        "sub_comment_count",
        "parent_comment_id",
    ];
    for key in keep {
        if let Some(v) = c.get(key).filter(|v| !v.is_null()) {
            extra.insert(key.to_string(), v.clone());
        }
    }
    if let Some(v) = extra.remove("comment_like_count") {
        extra.entry("like_count").or_insert(v);
    }
    rec.extra = extra;
    Ok(rec)
}
