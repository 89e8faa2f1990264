//! What a journal entry did, read from its data rather than its summary. The summary is English
//! written when the change was made; an interface in another language words the change from
//! this instead, and falls back to the summary only for entries whose data it does not know.

use std::collections::BTreeSet;

use serde_json::Value;

use super::workflow::{JournalEntry, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalChange {
    /// Themes added to and removed from `records` records.
    Tag {
        added: Vec<String>,
        removed: Vec<String>,
        records: usize,
    },
    Route {
        queue: String,
        records: usize,
    },
    /// A queue item changed; `assignee` and `note` hold what each became, where the change set
    /// them (an empty text: taken away).
    Status {
        item: i64,
        from: Status,
        to: Status,
        assignee: Option<String>,
        note: Option<String>,
    },
    /// `text` is the quote's opening words; entries written before it was kept have none.
    Quote {
        quote: i64,
        record: i64,
        text: Option<String>,
    },
    Undo {
        entry: i64,
    },
}

impl JournalEntry {
    /// The change this entry records, or `None` when its data has an unknown shape.
    pub fn change(&self) -> Option<JournalChange> {
        let d = &self.data;
        Some(match self.action.as_str() {
            "tag" => {
                let (added, mut ids) = names_and_ids(&d["added"]);
                let (removed, removed_ids) = names_and_ids(&d["removed"]);
                ids.extend(removed_ids);
                JournalChange::Tag {
                    added,
                    removed,
                    records: ids.len(),
                }
            }
            "route" => JournalChange::Route {
                queue: d["queue"].as_str()?.to_string(),
                records: d["items"].as_array()?.len(),
            },
            "status" => {
                let set = |k: &str| {
                    let after = &d["after"][k];
                    (d["before"][k] != *after).then(|| after.as_str().unwrap_or("").to_string())
                };
                JournalChange::Status {
                    item: d["item"].as_i64()?,
                    from: Status::parse(d["before"]["status"].as_str()?).ok()?,
                    to: Status::parse(d["after"]["status"].as_str()?).ok()?,
                    assignee: set("assignee"),
                    note: set("note"),
                }
            }
            "quote" => JournalChange::Quote {
                quote: d["quote"].as_i64()?,
                record: d["record"].as_i64()?,
                text: d["text"].as_str().map(str::to_string),
            },
            "undo" => JournalChange::Undo {
                entry: self.undoes.or_else(|| d["undid"].as_i64())?,
            },
            _ => return None,
        })
    }
}

/// The distinct theme names and record ids of `[[id, name], …]`, names in first-seen order.
fn names_and_ids(pairs: &Value) -> (Vec<String>, BTreeSet<i64>) {
    let mut names: Vec<String> = Vec::new();
    let mut ids = BTreeSet::new();
    for pair in pairs.as_array().into_iter().flatten() {
        if let Some(id) = pair[0].as_i64() {
            ids.insert(id);
        }
        if let Some(name) = pair[1].as_str()
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_string());
        }
    }
    (names, ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(action: &str, data: Value) -> JournalEntry {
        JournalEntry {
            id: 9,
            at: chrono::DateTime::parse_from_rfc3339("2026-06-20T09:30:00+08:00").expect("date"),
            who: "agent".into(),
            action: action.into(),
            summary: String::new(),
            data,
            undoes: None,
            undone_by: None,
        }
    }

    #[test]
    fn a_tag_counts_each_record_once_and_names_each_theme_once() {
        let e = entry(
            "tag",
            json!({"added": [[1, "物流"], [2, "物流"], [2, "延迟"]], "removed": [[3, "价格"]]}),
        );
        assert_eq!(
            e.change(),
            Some(JournalChange::Tag {
                added: vec!["物流".into(), "延迟".into()],
                removed: vec!["价格".into()],
                records: 3,
            })
        );
    }

    #[test]
    fn status_route_quote_and_undo_read_their_data() {
        let status = entry(
            "status",
            json!({"item": 5, "before": {"status": "new"}, "after": {"status": "accepted"}}),
        );
        assert_eq!(
            status.change(),
            Some(JournalChange::Status {
                item: 5,
                from: Status::New,
                to: Status::Accepted,
                assignee: None,
                note: None,
            })
        );
        let noted = entry(
            "status",
            json!({"item": 5, "before": {"status": "new", "assignee": "李雷", "note": null},
                   "after": {"status": "new", "assignee": null, "note": "回电"}}),
        );
        assert_eq!(
            noted.change(),
            Some(JournalChange::Status {
                item: 5,
                from: Status::New,
                to: Status::New,
                assignee: Some(String::new()),
                note: Some("回电".into()),
            })
        );
        let route = entry("route", json!({"queue": "product", "items": [4, 7]}));
        assert_eq!(
            route.change(),
            Some(JournalChange::Route {
                queue: "product".into(),
                records: 2
            })
        );
        let quote = entry("quote", json!({"quote": 1, "record": 7}));
        assert!(matches!(
            quote.change(),
            Some(JournalChange::Quote { text: None, .. })
        ));
        let undo = entry("undo", json!({"undid": 3}));
        assert_eq!(undo.change(), Some(JournalChange::Undo { entry: 3 }));
    }

    #[test]
    fn unknown_shapes_fall_back_to_the_summary() {
        assert_eq!(entry("status", json!({"item": 5})).change(), None);
        assert_eq!(entry("merge", json!({})).change(), None);
    }
}
