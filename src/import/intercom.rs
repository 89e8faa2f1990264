//! Intercom conversations (`{"type": "conversation.list", "conversations": [...]}` or single conversation
//! objects): the opening message in `source`, the rest in `conversation_parts`, which become the thread.

use serde_json::{Map, Value};

use super::Skip;
use super::conversation::{Conversation, Side};
use super::record::Outcome;
use super::vendor::{Object, first_text, html_to_text, keep, string_list, tags_under, text, utc};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "source.body + the contact's conversation_parts"),
    ("id", "id"),
    ("date", "created_at (epoch seconds)"),
    ("author", "source.author.name"),
    ("title", "source.subject / title"),
    ("tags", "tags.tags[].name → intercom/…"),
];

/// Intercom writes customers as `user`, `lead` or `contact`; `admin`, `bot` and `team` are the
/// company's side.
fn side_of(author: Option<&Value>) -> Side {
    match author.and_then(|a| a.get("type")).and_then(Value::as_str) {
        Some("user" | "lead" | "contact") => Side::Customer,
        Some("admin" | "bot" | "team") => Side::Company,
        _ => Side::Unknown,
    }
}

pub(crate) fn conversation(c: Object) -> Result<Outcome, String> {
    let opening = text(&c, "source.body").map(|html| html_to_text(&html));
    // A conversation an admin started (an outbound message) opens with the company's words.
    let opener = match side_of(c.get("source").and_then(|s| s.get("author"))) {
        Side::Company => Side::Company,
        _ => Side::Customer,
    };
    let mut talk = Conversation::open(opening, opener);
    let parts = c
        .get("conversation_parts")
        .and_then(|p| p.get("conversation_parts"))
        .and_then(Value::as_array);
    for part in parts.into_iter().flatten().filter_map(Value::as_object) {
        let body = text(part, "body")
            .map(|html| html_to_text(&html))
            .unwrap_or_default();
        if body.is_empty() {
            continue; // assignments, state changes: no words
        }
        let author = part.get("author");
        let public = text(part, "part_type").as_deref() != Some("note");
        let who = author
            .and_then(|a| a.get("name"))
            .cloned()
            .unwrap_or_default();
        let at = part.get("created_at").cloned().unwrap_or_default();
        talk.add(side_of(author), public, body, who, at);
    }
    let mut extra = Map::new();
    let Some(body) = talk.finish(&mut extra, "'source.body' or 'conversation_parts'")? else {
        return Ok(Outcome::Skip(Skip::CompanyOnly));
    };

    let mut rec = NewFeedback::new("intercom", Kind::Ticket, body);
    rec.external_id = text(&c, "id");
    // Intercom's times are epoch seconds, a UTC instant.
    rec.created_at = super::vendor::date(&c, "created_at", utc())?;
    rec.title = first_text(&c, &["title", "source.subject"]).map(|t| html_to_text(&t));
    rec.url = text(&c, "source.url");
    rec.author = first_text(&c, &["source.author.name", "source.author.email"]);
    let contact_id = first_text(&c, &["contacts.contacts.0.id", "source.author.id"]);
    rec.contact = Contact {
        name: text(&c, "source.author.name"),
        email: text(&c, "source.author.email"),
        phone: None,
        handle: None,
        crm_id: contact_id.map(|id| format!("intercom:{id}")),
    };
    rec.tags = tags_under(
        "intercom",
        string_list(c.get("tags").and_then(|t| t.get("tags"))),
    );
    keep(
        &mut extra,
        &c,
        &["state", "priority", "open", "read", "custom_attributes"],
    );
    if let Some(channel) = text(&c, "source.delivered_as") {
        extra.insert("channel".into(), Value::String(channel));
    }
    rec.extra = extra;
    Ok(Outcome::Record(rec))
}

#[cfg(test)]
mod tests {
    use crate::import::tests::run;

    #[test]
    fn a_message_an_admin_sent_is_not_the_customers() {
        let text = r#"{"type": "conversation.list", "conversations": [
            {"type": "conversation", "id": "9", "created_at": 1791000000,
             "source": {"delivered_as": "admin_initiated", "body": "<p>Try our new sleep chart!</p>", "author": {"type": "admin", "name": "Lark Team"}},
             "conversation_parts": {"conversation_parts": [
                {"part_type": "comment", "body": "<p>It shows nothing since the update</p>", "author": {"type": "user", "name": "Mia"}}]}},
            {"type": "conversation", "id": "10", "created_at": 1791000100,
             "source": {"delivered_as": "admin_initiated", "body": "<p>Rate us</p>", "author": {"type": "admin", "name": "Lark Team"}},
             "conversation_parts": {"conversation_parts": []}}]}"#;
        let (report, sink) = run("ic_out.json", text);
        let report = report.unwrap();
        let bodies: Vec<&str> = sink.accepted.iter().map(|t| t.body.as_str()).collect();
        assert_eq!(bodies, ["It shows nothing since the update"]);
        assert_eq!(
            sink.accepted[0].extra["thread"][0]["body"],
            "Try our new sleep chart!"
        );
        assert_eq!(report.skipped[0].count, 1);
    }

    #[test]
    fn parts_by_the_user_join_the_body_and_notes_stay_in_the_thread() {
        let text = include_str!("../../sample-data/intercom_conversations.json");
        let (report, sink) = run("ic.json", text);
        assert_eq!(report.unwrap().format, crate::import::Format::Intercom);
        let c = &sink.accepted[0];
        assert_eq!(
            c.body,
            "Hi, my Lark App premium renewal failed but I was still charged. Can you check?\n\n\
             Got it, thank you! Also the sleep chart is blank since yesterday."
        );
        let thread = c.extra["thread"].as_array().unwrap();
        assert_eq!(thread.len(), 3, "the close part has no words");
        assert_eq!(thread[1]["public"], false);
        assert_eq!(
            c.contact.crm_id.as_deref(),
            Some("intercom:65f0a1b2c3d4e5f600000001")
        );
        assert_eq!(c.tags, ["intercom/billing", "intercom/sleep"]);
        assert_eq!(c.extra["channel"], "customer_initiated");
    }
}
