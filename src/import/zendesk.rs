//! Zendesk tickets: API pages (`{"tickets": [...], "users": [...], "organizations": [...]}`, the sideloads
//! optional) and export JSON Lines (one ticket per line, the conversation in `comments`).
//!
//! The body is what the customer said: the description plus the requester's later comments. Agents' replies
//! and internal notes stay in `extra.thread`, so searching customer voice does not find every macro an agent
//! pasted, while the whole conversation is still shown with the record.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::Skip;
use super::conversation::{Conversation, Side};
use super::detect::Shape;
use super::record::Outcome;
use super::vendor::{Object, date, first_text, keep, string_list, tags_under, text, utc};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "description + requester's comments"),
    ("id", "id"),
    ("date", "created_at"),
    ("author", "requester (users sideload or requester object)"),
    ("title", "subject"),
    ("url", "url"),
    ("tags", "tags → zendesk/…"),
];

/// People and organizations a page sideloads, by id.
#[derive(Default)]
pub(crate) struct Sideloads {
    users: HashMap<String, Object>,
    organizations: HashMap<String, String>,
}

impl Sideloads {
    /// Only a page (a JSON object) has sideloads; a page is at most a few hundred tickets, so reading it whole
    /// for them is cheap. A broken page simply has none: its tickets are still read one by one.
    pub(crate) fn of(text: &str, shape: Shape) -> Sideloads {
        let mut side = Sideloads::default();
        if shape != Shape::Json || !text.trim_start().starts_with('{') {
            return side;
        }
        let Ok(Value::Object(page)) = serde_json::from_str::<Value>(text) else {
            return side;
        };
        for user in page
            .get("users")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let (Some(id), Value::Object(obj)) = (user.get("id").map(id_text), user) {
                side.users.insert(id, obj.clone());
            }
        }
        for org in page
            .get("organizations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let (Some(id), Some(name)) = (
                org.get("id").map(id_text),
                org.get("name").and_then(Value::as_str),
            ) {
                side.organizations.insert(id, name.to_string());
            }
        }
        side
    }
}

impl Sideloads {
    fn is_end_user(&self, id: &str) -> bool {
        let role = self.users.get(id).and_then(|u| text(u, "role"));
        role.as_deref() == Some("end-user")
    }
}

fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn ticket(side: &Sideloads, t: Object) -> Result<Outcome, String> {
    let requester_id = text(&t, "requester_id").or_else(|| text(&t, "requester.id"));
    let requester: Option<Object> = match t.get("requester") {
        Some(Value::Object(obj)) => Some(obj.clone()),
        _ => requester_id
            .as_ref()
            .and_then(|id| side.users.get(id).cloned()),
    };
    let person = |key: &str| requester.as_ref().and_then(|r| text(r, key));

    let comments: Vec<&Object> = t
        .get("comments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    let comment_text = |c: &Object| first_text(c, &["plain_body", "body"]).unwrap_or_default();
    // Besides the requester, the people on a ticket are agents, unless the page's users say that one
    // is another end user (a colleague copied in), whose words are not the requester's either.
    let side_of = |author: Option<String>| match (&requester_id, author) {
        (Some(requester), Some(author)) if author == *requester => Side::Customer,
        (Some(_), Some(author)) if side.is_end_user(&author) => Side::Unknown,
        (Some(_), Some(_)) => Side::Company,
        _ => Side::Unknown,
    };
    // Without a description the first comment opens the ticket; with one, the first comment repeats it.
    // Its author (or the submitter) wrote the opening: an agent, on a ticket the company opened.
    let opening = text(&t, "description").or_else(|| comments.first().map(|c| comment_text(c)));
    let opener = comments
        .first()
        .and_then(|c| text(c, "author_id"))
        .or_else(|| text(&t, "submitter_id"));
    let mut talk = Conversation::open(opening, side_of(opener));
    for c in &comments {
        let public = c.get("public") != Some(&Value::Bool(false));
        let author = c.get("author_id").cloned().unwrap_or_default();
        let at = c.get("created_at").cloned().unwrap_or_default();
        talk.add(
            side_of(text(c, "author_id")),
            public,
            comment_text(c),
            author,
            at,
        );
    }
    let mut extra = Map::new();
    let Some(body) = talk.finish(&mut extra, "'description' or 'comments'")? else {
        return Ok(Outcome::Skip(Skip::CompanyOnly));
    };

    let mut rec = NewFeedback::new("zendesk", Kind::Ticket, body);
    rec.external_id = text(&t, "id");
    rec.created_at = date(&t, "created_at", utc())?;
    rec.title = first_text(&t, &["subject", "raw_subject"]);
    rec.url = text(&t, "url");
    rec.author = person("name").or_else(|| text(&t, "via.source.from.name"));
    rec.contact = Contact {
        name: rec.author.clone(),
        email: person("email").or_else(|| text(&t, "via.source.from.address")),
        phone: person("phone"),
        handle: None,
        crm_id: requester_id.map(|id| format!("zendesk:{id}")),
    };
    rec.tags = tags_under("zendesk", string_list(t.get("tags")));

    keep(
        &mut extra,
        &t,
        &[
            "status",
            "priority",
            "type",
            "assignee_id",
            "group_id",
            "updated_at",
            "satisfaction_rating",
        ],
    );
    if let Some(channel) = text(&t, "via.channel") {
        extra.insert("channel".into(), Value::String(channel));
    }
    let org = text(&t, "organization_id")
        .and_then(|id| side.organizations.get(&id).cloned())
        .or_else(|| text(&t, "organization.name"))
        .or_else(|| person("organization"));
    if let Some(org) = org {
        extra.insert("organization".into(), Value::String(org));
    }
    // Custom fields arrive as [{id, value}]; as a map by id they are readable and searchable in `extra`.
    let custom: Map<String, Value> = t
        .get("custom_fields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f.get("id").map(id_text)?, f.get("value")?.clone())))
        .filter(|(_, v)| !v.is_null())
        .collect();
    if !custom.is_empty() {
        extra.insert("custom_fields".into(), Value::Object(custom));
    }
    rec.extra = extra;
    Ok(Outcome::Record(rec))
}

#[cfg(test)]
mod tests {
    use crate::import::tests::run;
    use crate::import::{Format, Skip};

    #[test]
    fn a_ticket_an_agent_opened_keeps_only_the_requesters_words() {
        let ticket = |id: u32, comments: &str| {
            format!(
                r#"{{"id": {id}, "created_at": "2026-10-08T07:10:02Z", "subject": "Recall of S3 straps", "description": "Your S3 strap may be affected by a recall.", "via": {{"channel": "api"}}, "requester_id": 361004, "submitter_id": 900001, "comments": [{{"author_id": 900001, "body": "Your S3 strap may be affected by a recall.", "public": true}}{comments}]}}"#
            )
        };
        let answered = ticket(
            1,
            r#", {"author_id": 361004, "body": "Mine snapped last week, please replace it", "public": true}"#,
        );
        let text = format!("{answered}\n{}\n", ticket(2, ""));
        let (report, sink) = run("outbound.jsonl", &text);
        let report = report.unwrap();
        assert_eq!(report.format, Format::Zendesk);
        assert_eq!(sink.accepted.len(), 1);
        let t = &sink.accepted[0];
        assert_eq!(t.body, "Mine snapped last week, please replace it");
        let thread = t.extra["thread"].as_array().unwrap();
        assert_eq!(
            thread[0]["body"],
            "Your S3 strap may be affected by a recall."
        );
        assert_eq!(thread.len(), 2, "the opening is kept once");
        assert_eq!(report.skipped[0].why, Skip::CompanyOnly);
        assert_eq!(report.skipped[0].count, 1, "the unanswered one");
    }

    #[test]
    fn page_sideloads_fill_requester_organization_and_custom_fields() {
        let page = include_str!("../../sample-data/zendesk_tickets.json");
        let (report, sink) = run("page.json", page);
        assert_eq!(report.unwrap().format, crate::import::Format::Zendesk);
        let t = &sink.accepted[1];
        assert_eq!(t.external_id.as_deref(), Some("81240"));
        assert_eq!(
            t.contact.email.as_deref(),
            Some("daniel.ong@lark-sg.example")
        );
        assert_eq!(t.contact.crm_id.as_deref(), Some("zendesk:361002"));
        assert_eq!(t.extra["organization"], "Lark Distribution SG Pte. Ltd.");
        assert_eq!(t.extra["channel"], "web");
        assert_eq!(
            t.extra["custom_fields"],
            serde_json::json!({"360011": "EP-2026-08"})
        );
        assert_eq!(
            t.tags,
            [
                "zendesk/earbuds_pro",
                "zendesk/connectivity",
                "zendesk/app_5_2"
            ]
        );
        assert_eq!(
            sink.accepted[0].contact.phone.as_deref(),
            Some("+86 138 0013 8000")
        );
    }
}
