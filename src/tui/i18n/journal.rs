//! The catalogue's page for journal entries. An entry's summary is English, written when the
//! change was made; in Chinese the line is worded from what the entry's data says it did, and
//! the summary is kept only for entries whose data has a shape this build does not know.

use crate::domain::{JournalChange, JournalEntry};

use super::{Language, queue_title, status_label};

impl Language {
    /// What the entry did, for the journal screen and the undo message.
    pub fn journal_line(self, e: &JournalEntry) -> String {
        match (self, e.change()) {
            (Language::Zh, Some(change)) => zh_change(&change),
            _ => e.summary.clone(),
        }
    }
}

fn zh_change(c: &JournalChange) -> String {
    let zh = Language::Zh;
    match c {
        JournalChange::Tag {
            added,
            removed,
            records,
        } => {
            let ops: Vec<String> = added
                .iter()
                .map(|t| format!("+{t}"))
                .chain(removed.iter().map(|t| format!("-{t}")))
                .collect();
            format!("主题 {}（{records} 条记录）", ops.join(" "))
        }
        JournalChange::Route { queue, records } => {
            format!("将 {records} 条记录分派到{}", zh.t(queue_title(queue)))
        }
        JournalChange::Status {
            item,
            from,
            to,
            assignee,
            note,
        } => {
            let mut what = Vec::new();
            match assignee.as_deref() {
                Some("") => what.push("取消指派".to_string()),
                Some(a) => what.push(format!("指派给 {a}")),
                None => {}
            }
            match note.as_deref() {
                Some("") => what.push("清除备注".to_string()),
                Some(n) => what.push(format!("备注“{n}”")),
                None => {}
            }
            if from != to || what.is_empty() {
                let step = format!(
                    "{} → {}",
                    zh.t(status_label(*from)),
                    zh.t(status_label(*to))
                );
                what.insert(0, step);
            }
            format!("队列条目 {item}：{}", what.join("，"))
        }
        JournalChange::Quote {
            quote,
            record,
            text: Some(text),
        } => format!("引用 #{quote}（记录 {record}）：{text}"),
        JournalChange::Quote { quote, record, .. } => format!("引用 #{quote}（记录 {record}）"),
        JournalChange::Undo { entry } => format!("撤销 #{entry}"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(action: &str, summary: &str, data: serde_json::Value) -> JournalEntry {
        JournalEntry {
            id: 3,
            at: chrono::DateTime::parse_from_rfc3339("2026-06-20T09:30:00+08:00").expect("date"),
            who: "agent".into(),
            action: action.into(),
            summary: summary.into(),
            data,
            undoes: None,
            undone_by: None,
        }
    }

    #[test]
    fn chinese_lines_come_from_the_data_english_from_the_summary() {
        let cases = [
            (
                entry(
                    "route",
                    "route 2 records to product",
                    json!({"queue": "product", "items": [4, 7]}),
                ),
                "将 2 条记录分派到产品队列",
            ),
            (
                entry(
                    "tag",
                    "tag +延迟 on 1 record",
                    json!({"added": [[7, "延迟"]], "removed": []}),
                ),
                "主题 +延迟（1 条记录）",
            ),
            (
                entry(
                    "status",
                    "product item 1: new → accepted",
                    json!({"item": 1, "before": {"status": "new"}, "after": {"status": "accepted"}}),
                ),
                "队列条目 1：新建 → 已接受",
            ),
            (
                entry(
                    "status",
                    "product item 1: assigned to 李雷, note “回电”",
                    json!({"item": 1, "before": {"status": "new", "assignee": null, "note": null},
                           "after": {"status": "new", "assignee": "李雷", "note": "回电"}}),
                ),
                "队列条目 1：指派给 李雷，备注“回电”",
            ),
            (
                entry(
                    "quote",
                    "quote #1 from record 7: 物流又慢",
                    json!({"quote": 1, "record": 7, "text": "物流又慢"}),
                ),
                "引用 #1（记录 7）：物流又慢",
            ),
            (
                entry("undo", "undo #2: route …", json!({"undid": 2})),
                "撤销 #2",
            ),
        ];
        for (e, zh) in cases {
            assert_eq!(Language::Zh.journal_line(&e), zh);
            assert_eq!(Language::En.journal_line(&e), e.summary);
        }
    }

    #[test]
    fn an_entry_of_unknown_shape_keeps_its_summary() {
        let odd = entry("merge", "merge 2 customers", json!({}));
        assert_eq!(Language::Zh.journal_line(&odd), "merge 2 customers");
    }
}
