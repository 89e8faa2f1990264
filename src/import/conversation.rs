//! A help-desk conversation folded into one record: the body is what the customer wrote (the opening
//! message and their own later public messages); every message, the company's replies and internal
//! notes included, is kept in `extra.thread`. Agents' macros would otherwise make every ticket match the
//! same searches, and an agent's words could be quoted as a customer's.

use serde_json::Value;

use super::vendor::{Object, need_body};

/// Who wrote a message, as far as the export says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Customer,
    /// An agent, admin or bot of the company.
    Company,
    /// The export does not say (no requester to compare with, an author of no known type).
    Unknown,
}

/// What the customer said, and the whole thread.
#[derive(Default)]
pub(crate) struct Conversation {
    words: Vec<String>,
    thread: Vec<Value>,
    /// An opening the company wrote (an outbound ticket or message), for the thread.
    company_opening: Option<String>,
    /// Whether anyone known to be the company wrote something.
    company_wrote: bool,
}

impl Conversation {
    /// Starts with the message that opened the conversation, and who wrote it: a customer's joins the
    /// body; one the company wrote (proactive tickets, outbound mail) is kept in the thread only.
    pub(crate) fn open(opening: Option<String>, side: Side) -> Self {
        let opening = opening.filter(|o| !o.trim().is_empty());
        let mut talk = Conversation::default();
        match side {
            Side::Company => {
                talk.company_wrote = opening.is_some();
                talk.company_opening = opening;
            }
            Side::Customer | Side::Unknown => talk.words.extend(opening),
        }
        talk
    }

    /// One message; a public one the customer wrote joins the body.
    pub(crate) fn add(&mut self, side: Side, public: bool, text: String, author: Value, at: Value) {
        let said = !text.trim().is_empty();
        if side == Side::Customer && public && said && !self.words.contains(&text) {
            self.words.push(text.clone());
        }
        self.company_wrote |= side == Side::Company && said;
        self.thread.push(serde_json::json!({
            "author": author,
            "public": public,
            "created_at": at,
            "body": text,
        }));
    }

    /// The body (or why there is none) and the thread in `extra`; `None` when only the company wrote,
    /// so there is nothing of the customer's to keep.
    pub(crate) fn finish(
        mut self,
        extra: &mut Object,
        fields: &str,
    ) -> Result<Option<String>, String> {
        if let Some(opening) = self.company_opening.take() {
            // Help desks repeat the opening as the first message of the thread; kept once.
            if !self.thread.iter().any(|m| m["body"] == opening.as_str()) {
                let message = serde_json::json!({
                    "author": null,
                    "public": true,
                    "created_at": null,
                    "body": opening,
                });
                self.thread.insert(0, message);
            }
        }
        if !self.thread.is_empty() {
            extra.insert("thread".into(), Value::Array(self.thread));
        }
        if self.words.is_empty() && self.company_wrote {
            return Ok(None);
        }
        need_body(self.words.join("\n\n"), fields).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(talk: Conversation) -> Result<Option<String>, String> {
        talk.finish(&mut Object::new(), "'description'")
    }

    #[test]
    fn an_opening_the_company_wrote_stays_out_of_the_body() {
        let mut talk =
            Conversation::open(Some("We noticed your order is late".into()), Side::Company);
        talk.add(
            Side::Customer,
            true,
            "Yes, still waiting".into(),
            Value::Null,
            Value::Null,
        );
        let mut extra = Object::new();
        assert_eq!(
            talk.finish(&mut extra, "'description'"),
            Ok(Some("Yes, still waiting".into()))
        );
        assert_eq!(extra["thread"][0]["body"], "We noticed your order is late");
        assert_eq!(extra["thread"].as_array().map(Vec::len), Some(2));

        let unanswered = Conversation::open(Some("Your warranty ends soon".into()), Side::Company);
        assert_eq!(said(unanswered), Ok(None), "only the company wrote");
        let mut replies = Conversation::open(None, Side::Unknown);
        replies.add(
            Side::Company,
            true,
            "Any news?".into(),
            Value::Null,
            Value::Null,
        );
        assert_eq!(said(replies), Ok(None));
    }

    #[test]
    fn a_conversation_with_no_words_at_all_is_still_an_empty_body() {
        let mut talk = Conversation::open(None, Side::Customer);
        talk.add(
            Side::Unknown,
            true,
            "from someone".into(),
            Value::Null,
            Value::Null,
        );
        assert_eq!(said(talk), Err("empty body (field 'description')".into()));
    }
}
