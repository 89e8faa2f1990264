//! Decides which column (or JSON key) feeds which field of a record: `--map` overrides first, then
//! auto-detection from well-known English and Chinese column names; also guesses the record kind.
//!
//! Names are compared case-insensitively with `_`, `-` and spaces ignored and traditional characters read as
//! simplified, so `Review_Body`, `review-body` and `reviewbody` are one name, and `內容` is `内容`. Within a
//! field, the earlier synonym wins; only among equally good body columns does the sample's average text
//! length decide.

use super::{ImportError, Target};
use crate::domain::{Kind, is_cjk, t2s};

// Tables read better one field per paragraph than one word per line.
#[rustfmt::skip]
const BODY: &[&str] = &[
    "text", "body", "content", "comment", "comments", "review", "reviewbody", "review_body", "description",
    "message", "feedback", "note", "notes", "ask", "question",
    "内容", "正文", "评论", "评论内容", "留言", "反馈", "描述", "问题", "详情", "备注",
];
#[rustfmt::skip]
const ID: &[&str] = &[
    "id", "external_id", "ticket_id", "comment_id", "tweet_id", "case_id",
    "编号", "id号", "工单号", "工单编号", "评论id",
];
#[rustfmt::skip]
const DATE: &[&str] = &[
    "created_at", "createdat", "created", "date", "time", "timestamp", "datetime", "create_time", "activitydate",
    "createddate", "日期", "时间", "创建时间", "发布时间", "评论时间",
];
#[rustfmt::skip]
const AUTHOR: &[&str] = &[
    "author", "user", "username", "user_name", "screen_name", "nickname", "customer", "customer_name",
    "requester", "name", "email", "from",
    "用户", "用户名", "客户", "客户名称", "昵称", "作者", "联系人",
];
const TITLE: &[&str] = &["title", "subject", "summary", "headline", "标题", "主题"];
const URL: &[&str] = &["url", "link", "permalink", "链接"];
const RATING: &[&str] = &["rating", "stars", "star", "score", "评分", "星级"];
const TAGS: &[&str] = &["tags", "labels", "标签"];

fn synonyms(target: Target) -> &'static [&'static str] {
    match target {
        Target::Body => BODY,
        Target::Id => ID,
        Target::Date => DATE,
        Target::Author => AUTHOR,
        Target::Title => TITLE,
        Target::Url => URL,
        Target::Rating => RATING,
        Target::Tags => TAGS,
        Target::Kind => &["kind"],
        Target::Source => &["source"],
        // Only when asked for: a column guessed to be the direction would drop or reject the rows
        // of a file whose importer never did before.
        Target::Inbound => &[],
    }
}

/// Lower-cased, trimmed, without `_`, `-`, ASCII or ideographic spaces, and in simplified
/// characters, so a Taiwan or Hong Kong export's `內容` and `客戶` are the body and the author.
pub(crate) fn normalize(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        // Only Han characters look in the table, so ASCII headers never build it.
        .map(|c| if is_cjk(c) { t2s(c) } else { c })
        .collect()
}

/// What the first rows of a column looked like; only text columns contribute characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ColumnStats {
    pub rows: usize,
    pub nonempty: usize,
    pub chars: usize,
    /// Non-empty values holding a Chinese character: how Chinese the file is.
    pub han: usize,
}

/// The chosen source column (or dotted JSON path) of each field, in [`Target::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Mapping {
    pairs: Vec<(Target, String)>,
}

impl Mapping {
    pub(crate) fn get(&self, target: Target) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, c)| c.as_str())
    }

    pub(crate) fn pairs(&self) -> &[(Target, String)] {
        &self.pairs
    }

    pub(crate) fn report(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|(t, c)| (t.as_str().to_string(), c.clone()))
            .collect()
    }
}

/// Chooses the mapping for `columns`; `dotted` allows `--map author=user.screen_name` (JSON only).
pub(crate) fn resolve(
    file: &str,
    columns: &[String],
    stats: &[ColumnStats],
    maps: &[(Target, String)],
    dotted: bool,
) -> Result<Mapping, ImportError> {
    let normalized: Vec<String> = columns.iter().map(|c| normalize(c)).collect();
    let mut used = vec![false; columns.len()];
    let mut chosen: Vec<(Target, String)> = Vec::new();

    for (target, wanted) in maps {
        let (idx, name) = find_column(columns, &normalized, wanted, dotted).ok_or_else(|| {
            ImportError::UnknownColumn {
                file: file.to_string(),
                target: target.as_str().to_string(),
                column: wanted.clone(),
                columns: columns.to_vec(),
            }
        })?;
        used[idx] = true;
        chosen.retain(|(t, _)| t != target);
        chosen.push((*target, name));
    }

    for target in Target::ALL {
        if chosen.iter().any(|(t, _)| *t == target) {
            continue;
        }
        let syns: Vec<String> = synonyms(target).iter().map(|s| normalize(s)).collect();
        let best = (0..columns.len())
            .filter(|&i| !used[i])
            .filter_map(|i| {
                syns.iter()
                    .position(|s| *s == normalized[i])
                    .map(|rank| (i, rank))
            })
            .min_by(|&(a, rank_a), &(b, rank_b)| {
                let key = |i: usize, rank: usize| {
                    let s = stats.get(i).cloned().unwrap_or_default();
                    // A body column that is empty in every sampled row is a worse choice than any filled one.
                    let empty = target == Target::Body && s.rows > 0 && s.nonempty == 0;
                    (empty, rank)
                };
                key(a, rank_a).cmp(&key(b, rank_b)).then_with(|| {
                    if target == Target::Body {
                        avg_len(stats.get(b)).total_cmp(&avg_len(stats.get(a)))
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
            });
        if let Some((i, _)) = best {
            used[i] = true;
            chosen.push((target, columns[i].clone()));
        }
    }

    if !chosen.iter().any(|(t, _)| *t == Target::Body) {
        return Err(ImportError::NoBodyColumn {
            file: file.to_string(),
            columns: columns.to_vec(),
        });
    }
    chosen.sort_by_key(|(t, _)| Target::ALL.iter().position(|x| x == t));
    Ok(Mapping { pairs: chosen })
}

fn avg_len(stats: Option<&ColumnStats>) -> f64 {
    match stats {
        Some(s) if s.rows > 0 => s.chars as f64 / s.rows as f64,
        _ => 0.0,
    }
}

/// Finds `wanted` exactly, then by normalized name, then (JSON) as a dotted path whose first segment is a column.
fn find_column(
    columns: &[String],
    normalized: &[String],
    wanted: &str,
    dotted: bool,
) -> Option<(usize, String)> {
    if let Some(i) = columns.iter().position(|c| c == wanted) {
        return Some((i, columns[i].clone()));
    }
    let norm = normalize(wanted);
    if let Some(i) = normalized.iter().position(|c| *c == norm) {
        return Some((i, columns[i].clone()));
    }
    if dotted {
        let (head, rest) = wanted.split_once('.')?;
        let i = columns
            .iter()
            .position(|c| c == head)
            .or_else(|| normalized.iter().position(|c| *c == normalize(head)))?;
        return Some((i, format!("{}.{rest}", columns[i])));
    }
    None
}

/// Guesses the kind of conversation from the file stem and column names.
pub(crate) fn infer_kind(stem: &str, columns: &[String]) -> Kind {
    const RULES: &[(Kind, &[&str])] = &[
        (
            Kind::Ticket,
            &["ticket", "ticketid", "subject", "requester", "工单"],
        ),
        (
            Kind::SalesNote,
            &[
                "opportunity",
                "account",
                "sales",
                "crm",
                "商机",
                "拜访",
                "销售",
                "阶段",
            ],
        ),
        (
            Kind::Social,
            &[
                "retweet",
                "repost",
                "likecount",
                "screenname",
                "tweet",
                "weibo",
                "点赞",
                "转发",
                "微博",
            ],
        ),
        (
            Kind::Review,
            &["review", "reviewbody", "rating", "star", "评分", "评价"],
        ),
    ];
    let names: Vec<&str> = std::iter::once(stem)
        .chain(columns.iter().map(String::as_str))
        .collect();
    for (kind, keywords) in RULES {
        if names
            .iter()
            .any(|name| keywords.iter().any(|kw| name_suggests(name, kw)))
        {
            return *kind;
        }
    }
    Kind::Other
}

/// A keyword matches a whole name, or one `_`/`-`/space/camelCase-separated word of it (plural allowed);
/// Chinese keywords match anywhere. Whole words keep `star` from matching `start_time`.
fn name_suggests(name: &str, keyword: &str) -> bool {
    if !keyword.is_ascii() {
        return name.contains(keyword);
    }
    if normalize(name) == keyword {
        return true;
    }
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if (!c.is_alphanumeric() || (c.is_uppercase() && prev_lower)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase();
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
    }
    words.push(word);
    words
        .iter()
        .any(|w| w == keyword || w.strip_suffix('s') == Some(keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }
    fn stats(lens: &[usize]) -> Vec<ColumnStats> {
        lens.iter()
            .map(|&l| ColumnStats {
                rows: 10,
                nonempty: 10,
                chars: l * 10,
                han: 0,
            })
            .collect()
    }

    #[test]
    fn english_and_chinese_headers_map() {
        let c = cols(&[
            "Ticket ID",
            "Created-At",
            "Subject",
            "Requester",
            "Description",
            "Tags",
        ]);
        let m = resolve("f", &c, &stats(&[5, 10, 20, 8, 200, 5]), &[], false).unwrap();
        assert_eq!(
            m.report(),
            vec![
                ("body".to_string(), "Description".to_string()),
                ("id".into(), "Ticket ID".into()),
                ("date".into(), "Created-At".into()),
                ("author".into(), "Requester".into()),
                ("title".into(), "Subject".into()),
                ("tags".into(), "Tags".into()),
            ]
        );
        let c = cols(&[
            "工单编号",
            "创建时间",
            "客户名称",
            "主题",
            "评论内容",
            "评分",
            "标签",
        ]);
        let m = resolve("f", &c, &stats(&[1; 7]), &[], false).unwrap();
        assert_eq!(m.get(Target::Body), Some("评论内容"));
        assert_eq!(m.get(Target::Id), Some("工单编号"));
        assert_eq!(m.get(Target::Date), Some("创建时间"));
        assert_eq!(m.get(Target::Author), Some("客户名称"));
        assert_eq!(m.get(Target::Title), Some("主题"));
        assert_eq!(m.get(Target::Rating), Some("评分"));
        assert_eq!(m.get(Target::Tags), Some("标签"));
    }

    #[test]
    fn traditional_chinese_headers_map_and_keep_their_names() {
        let c = cols(&["編號", "日期", "內容", "客戶", "標題", "評分", "標籤"]);
        let m = resolve("f", &c, &stats(&[1; 7]), &[], false).unwrap();
        let want = [
            (Target::Body, "內容"),
            (Target::Id, "編號"),
            (Target::Date, "日期"),
            (Target::Author, "客戶"),
            (Target::Title, "標題"),
            (Target::Rating, "評分"),
            (Target::Tags, "標籤"),
        ];
        for (target, column) in want {
            assert_eq!(m.get(target), Some(column), "{target:?}");
        }
        // A --map written in either script finds the column.
        let maps = vec![(Target::Author, "客户".to_string())];
        let m = resolve("f", &c, &stats(&[1; 7]), &maps, false).unwrap();
        assert_eq!(m.get(Target::Author), Some("客戶"));
    }

    #[test]
    fn body_prefers_earlier_synonym_then_longer_text() {
        let c = cols(&["department", "title", "ask", "answer"]);
        let m = resolve("f", &c, &stats(&[3, 15, 60, 200]), &[], false).unwrap();
        assert_eq!(
            (m.get(Target::Body), m.get(Target::Title)),
            (Some("ask"), Some("title"))
        );
        let c = cols(&["note", "comments", "description"]);
        let m = resolve("f", &c, &stats(&[500, 10, 900]), &[], false).unwrap();
        assert_eq!(m.get(Target::Body), Some("comments"));
        // Same synonym twice (after normalization): the longer text wins.
        let c = cols(&["review_body", "ReviewBody"]);
        let m = resolve("f", &c, &stats(&[10, 90]), &[], false).unwrap();
        assert_eq!(m.get(Target::Body), Some("ReviewBody"));
        // A body column empty in every sampled row loses to a filled one.
        let mut s = stats(&[0, 40]);
        s[0].nonempty = 0;
        let m = resolve("f", &cols(&["text", "review"]), &s, &[], false).unwrap();
        assert_eq!(m.get(Target::Body), Some("review"));
    }

    #[test]
    fn maps_override_and_unknown_columns_are_errors() {
        let c = cols(&["text", "summary", "user"]);
        let maps = vec![
            (Target::Body, "Summary".to_string()),
            (Target::Title, "text".to_string()),
        ];
        let m = resolve("f", &c, &stats(&[1, 1, 1]), &maps, false).unwrap();
        assert_eq!(m.get(Target::Body), Some("summary"));
        assert_eq!(m.get(Target::Title), Some("text"));
        assert_eq!(m.get(Target::Author), Some("user"));

        let maps = vec![(Target::Author, "user.screen_name".to_string())];
        let m = resolve("f", &c, &[], &maps, true).unwrap();
        assert_eq!(m.get(Target::Author), Some("user.screen_name"));
        let err = resolve("f.csv", &c, &[], &maps, false)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("user.screen_name") && err.contains("'text', 'summary', 'user'"),
            "{err}"
        );
    }

    #[test]
    fn no_body_column_lists_columns() {
        let err = resolve("x.csv", &cols(&["a", "评分"]), &[], &[], false).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ImportError::NoBodyColumn { .. }));
        assert!(
            msg.contains("'a', '评分'") && msg.contains("--map body=COLUMN"),
            "{msg}"
        );
    }

    #[test]
    fn kinds_are_inferred_from_names() {
        assert_eq!(infer_kind("tickets_2026", &cols(&["text"])), Kind::Ticket);
        assert_eq!(
            infer_kind("export", &cols(&["Opportunity Name", "note"])),
            Kind::SalesNote
        );
        assert_eq!(
            infer_kind("export", &cols(&["likeCount", "text"])),
            Kind::Social
        );
        assert_eq!(
            infer_kind("zh_weibo_senti_sample", &cols(&["label", "review"])),
            Kind::Social
        );
        assert_eq!(
            infer_kind("dump", &cols(&["tweet_id", "text"])),
            Kind::Social
        );
        assert_eq!(
            infer_kind("dump", &cols(&["reviewbody", "star"])),
            Kind::Review
        );
        assert_eq!(
            infer_kind("dump", &cols(&["客户", "工单内容"])),
            Kind::Ticket
        );
        assert_eq!(
            infer_kind("dump", &cols(&["start_time", "text"])),
            Kind::Other
        );
        assert_eq!(
            infer_kind("medical", &cols(&["department", "title", "ask", "answer"])),
            Kind::Other
        );
    }
}
