//! Freshdesk tickets as the API returns them (`GET /api/v2/tickets`, a JSON array, optionally with
//! `include=requester` and `conversations`). Status, priority and source arrive as numbers; they are stored
//! under the names the Freshdesk UI shows, so `extra` reads like the help desk.

use serde_json::{Map, Value};

use super::Skip;
use super::conversation::{Conversation, Side};
use super::record::Outcome;
use super::vendor::{
    Object, date, first_text, html_to_text, keep, string_list, tags_under, text, utc,
};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "description_text + requester's conversations"),
    ("id", "id"),
    ("date", "created_at"),
    ("author", "requester.name"),
    ("title", "subject"),
    ("tags", "tags → freshdesk/…"),
];

fn status(code: i64) -> Option<&'static str> {
    Some(match code {
        2 => "open",
        3 => "pending",
        4 => "resolved",
        5 => "closed",
        _ => return None,
    })
}

fn priority(code: i64) -> Option<&'static str> {
    Some(match code {
        1 => "low",
        2 => "medium",
        3 => "high",
        4 => "urgent",
        _ => return None,
    })
}

fn source(code: i64) -> Option<&'static str> {
    Some(match code {
        1 => "email",
        2 => "portal",
        3 => "phone",
        4 => "forum",
        5 => "twitter",
        6 => "facebook",
        7 => "chat",
        8 => "mobihelp",
        9 => "feedback_widget",
        10 => "outbound_email",
        _ => return None,
    })
}

/// A Freshdesk text field: the plain variant when exported, else the HTML one made plain.
fn plain(obj: &Object, field: &str) -> Option<String> {
    text(obj, &format!("{field}_text"))
        .or_else(|| text(obj, field).map(|html| html_to_text(&html)))
        .filter(|t| !t.trim().is_empty())
}

/// The source code of a ticket an agent opened by writing to the customer.
const OUTBOUND_EMAIL: i64 = 10;

pub(crate) fn ticket(t: Object) -> Result<Outcome, String> {
    let requester_id = text(&t, "requester_id");
    let opener = match t.get("source").and_then(Value::as_i64) {
        Some(OUTBOUND_EMAIL) => Side::Company,
        _ => Side::Customer,
    };
    let mut talk = Conversation::open(plain(&t, "description"), opener);
    for c in t
        .get("conversations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        // `incoming` marks what came from outside the help desk; an agent's reply is never incoming.
        let side = match (&requester_id, text(c, "user_id")) {
            (Some(requester), Some(user)) if user == *requester => Side::Customer,
            _ if c.get("incoming") == Some(&Value::Bool(false)) => Side::Company,
            _ => Side::Unknown,
        };
        let public = c.get("private") != Some(&Value::Bool(true));
        let body = plain(c, "body").unwrap_or_default();
        let author = c.get("user_id").cloned().unwrap_or_default();
        let at = c.get("created_at").cloned().unwrap_or_default();
        talk.add(side, public, body, author, at);
    }
    let mut extra = Map::new();
    let Some(body) = talk.finish(&mut extra, "'description_text' or 'description'")? else {
        return Ok(Outcome::Skip(Skip::CompanyOnly));
    };

    let mut rec = NewFeedback::new("freshdesk", Kind::Ticket, body);
    rec.external_id = text(&t, "id");
    rec.created_at = date(&t, "created_at", utc())?;
    rec.title = text(&t, "subject");
    rec.author = first_text(&t, &["requester.name", "name", "email"]);
    rec.contact = Contact {
        name: first_text(&t, &["requester.name", "name"]),
        email: first_text(&t, &["requester.email", "email"]),
        phone: first_text(&t, &["requester.mobile", "requester.phone", "phone"]),
        handle: None,
        crm_id: requester_id.map(|id| format!("freshdesk:{id}")),
    };
    rec.tags = tags_under("freshdesk", string_list(t.get("tags")));

    type Names = fn(i64) -> Option<&'static str>;
    let coded: [(&str, Names); 3] = [
        ("status", status),
        ("priority", priority),
        ("source", source),
    ];
    for (field, name) in coded {
        if let Some(code) = t.get(field).and_then(Value::as_i64) {
            // An unknown code (a custom status) is kept as the number rather than guessed.
            let value = name(code).map_or(Value::from(code), Value::from);
            extra.insert(field.to_string(), value);
        }
    }
    keep(
        &mut extra,
        &t,
        &[
            "type",
            "company_id",
            "responder_id",
            "group_id",
            "due_by",
            "updated_at",
        ],
    );
    if let Some(Value::Object(custom)) = t.get("custom_fields") {
        let set: Map<String, Value> = custom
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !set.is_empty() {
            extra.insert("custom_fields".into(), Value::Object(set));
        }
    }
    rec.extra = extra;
    Ok(Outcome::Record(rec))
}

#[cfg(test)]
mod tests {
    use crate::import::tests::run;

    #[test]
    fn an_outbound_email_is_the_agents_and_the_reply_the_customers() {
        let text = r#"[{"id": 31, "subject": "Your S3 order", "description_text": "Hi, your S3 ships next week.", "status": 2, "priority": 1, "source": 10, "requester_id": 5001, "created_at": "2026-10-08T07:10:02Z",
            "conversations": [{"user_id": 5001, "incoming": true, "private": false, "body_text": "Next week is too late, cancel it"},
                              {"user_id": 77, "incoming": false, "private": false, "body_text": "Cancelled, refund on its way"}]},
            {"id": 32, "subject": "Survey", "description_text": "How did we do?", "status": 5, "priority": 1, "source": 10, "requester_id": 5002, "created_at": "2026-10-09T07:10:02Z"}]"#;
        let (report, sink) = run("fd_out.json", text);
        let report = report.unwrap();
        assert_eq!(report.format, crate::import::Format::Freshdesk);
        let bodies: Vec<&str> = sink.accepted.iter().map(|t| t.body.as_str()).collect();
        assert_eq!(bodies, ["Next week is too late, cancel it"]);
        assert_eq!(
            sink.accepted[0].extra["thread"].as_array().unwrap().len(),
            3
        );
        assert_eq!(report.skipped[0].count, 1, "the survey nobody answered");
    }

    #[test]
    fn codes_become_names_and_the_requesters_reply_joins_the_body() {
        let (report, sink) = run(
            "fd.json",
            include_str!("../../sample-data/freshdesk_tickets.json"),
        );
        assert_eq!(report.unwrap().format, crate::import::Format::Freshdesk);
        let t = &sink.accepted[0];
        assert_eq!(
            (&t.extra["status"], &t.extra["priority"], &t.extra["source"]),
            (&"open".into(), &"high".into(), &"portal".into())
        );
        assert_eq!(
            t.body,
            "新买的云雀手表 S3 扫码绑定一直提示“设备已被绑定”，可我是第一次用。\n\n序列号 S3A2609120017，麻烦尽快。"
        );
        assert_eq!(t.extra["thread"].as_array().unwrap().len(), 3);
        assert_eq!(t.extra["custom_fields"]["cf_order_number"], "FD-ORD-30012");
        assert_eq!(t.contact.phone.as_deref(), Some("13700001111"));
        assert_eq!(t.tags, ["freshdesk/s3", "freshdesk/绑定"]);
        let last = &sink.accepted[3];
        assert_eq!(
            (
                &last.extra["status"],
                &last.extra["priority"],
                &last.extra["source"]
            ),
            (&"closed".into(), &"urgent".into(), &"chat".into())
        );
    }
}
