//! Intercom conversations (`{"type": "conversation.list", "conversations": [...]}` or single conversation
//! objects): the opening message in `source`, the rest in `conversation_parts`, which become the thread.

use serde_json::{Map, Value};

use super::vendor::{
    Conversation, Object, first_text, html_to_text, keep, string_list, tags_under, text, utc,
};
use crate::domain::{Contact, Kind, NewFeedback};

pub(crate) const MAPPING: &[(&str, &str)] = &[
    ("body", "source.body + the contact's conversation_parts"),
    ("id", "id"),
    ("date", "created_at (epoch seconds)"),
    ("author", "source.author.name"),
    ("title", "source.subject / title"),
    ("tags", "tags.tags[].name → intercom/…"),
];

/// Intercom writes customers as `user`, `lead` or `contact`; `admin` and `bot` are the company's side.
fn is_customer(author: Option<&Value>) -> bool {
    let kind = author.and_then(|a| a.get("type")).and_then(Value::as_str);
    matches!(kind, Some("user" | "lead" | "contact"))
}

pub(crate) fn conversation(c: Object) -> Result<NewFeedback, String> {
    let opening = text(&c, "source.body").map(|html| html_to_text(&html));
    let mut talk = Conversation::open(opening);
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
        talk.add(is_customer(author), public, body, who, at);
    }
    let mut extra = Map::new();
    let body = talk.finish(&mut extra, "'source.body' or 'conversation_parts'")?;

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
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use crate::import::tests::run;

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
