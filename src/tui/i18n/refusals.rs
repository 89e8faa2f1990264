//! The catalogue's page for what the layers below refuse: query mistakes, unknown values,
//! undo and workflow refusals. English is the refusal's own `Display` (what the command line
//! prints); Chinese is worded here from the same data, so positions, names and values appear in
//! both. The matches are exhaustive: a new kind of refusal does not compile until it has Chinese.

use crate::domain::Refusal;
use crate::domain::query::{DateError, QueryError, QueryErrorKind};
use crate::service::Problem;

use super::{Language, queue_title, status_label};

/// The date forms, as `DATE_FORMS` lists them in English; the forms themselves are syntax.
const DATE_FORMS: &str = "2026-10-01、2026/10/01、2026-10（整月）、2026（整年）、\
     2026-10-01..2026-10-15（任一侧可留空）、7d、2w、3m、1y（最近 N 天/周/月/年）、today、yesterday、\
     this-week、last-week、this-month、last-month、this-year、last-year";

impl Language {
    /// Why something failed, in this language.
    pub fn problem(self, p: &Problem) -> String {
        match p {
            Problem::Refused(r) => self.refusal(r),
            Problem::Fault { fault, english } => self.fault(fault, english),
        }
    }

    pub fn refusal(self, r: &Refusal) -> String {
        match self {
            Language::En => r.to_string(),
            Language::Zh => zh_refusal(r),
        }
    }

    pub fn query_error(self, e: &QueryError) -> String {
        match self {
            Language::En => e.to_string(),
            Language::Zh => format!("第 {} 个字符处：{}", e.position + 1, zh_query(&e.kind)),
        }
    }
}

/// `“a”、“b”`: values as typed, in Chinese quotation marks.
fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Names as the query language spells them, in a Chinese list.
fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join("、")
}

fn zh_query(kind: &QueryErrorKind) -> String {
    use QueryErrorKind::*;
    match kind {
        UnmatchedClose => "多了一个“)”：前面没有与它配对的“(”".into(),
        OnlyPunctuation => {
            "没有可搜索的内容：标点和空引号不参与搜索；请使用字母、数字、汉字或表情符号".into()
        }
        TermBefore { op } => format!("“{op}”前面缺少搜索词"),
        TermAfter { op } => format!("“{op}”后面缺少搜索词"),
        TermAfterMinus => {
            "“-”后面应紧跟搜索词（中间不能有空格）；要搜索“-”本身，请把它放在引号里".into()
        }
        ExpectedTerm => "这里缺少搜索词".into(),
        TooDeep { max } => format!("括号嵌套超过 {max} 层"),
        EmptyGroup { open } => format!("第 {} 个字符处开始的括号里没有搜索词", open + 1),
        UnclosedGroup { open } => format!("第 {} 个字符处的“(”缺少配对的“)”", open + 1),
        MissingValue { key } => format!(
            "“{key}:”后面应紧跟一个值（冒号后不能有空格），例如 {key}:{}",
            QueryErrorKind::example_value(key)
        ),
        NegatedSort => "sort: 决定整个查询的排序，不能取反".into(),
        BadSort { value } => {
            format!("无法识别的排序“{value}”：应为 sort:newest、sort:oldest 或 sort:relevance")
        }
        UnclosedQuote {
            opener,
            closer,
            open,
        } => format!(
            "第 {} 个字符处的引号 {opener} 缺少对应的结束引号 {closer}",
            open + 1
        ),
        UnknownField { key } => format!(
            "没有名为“{key}”的字段；可用的字段有 {}；要搜索这段文字本身，请把它整个放在引号里",
            QueryErrorKind::known_keys()
        ),
        Date(e) => format!("{}；可用的写法：{DATE_FORMS}", zh_date(e)),
        DateWithoutStart { key, value } => {
            format!("{key}: 需要有起点的日期，而“{value}”没有起点；请写成 {key}:2026-10-01")
        }
        IdNotNumber { value } => format!(
            "id: 后面应是记录在 vochub 中的编号，即搜索结果列出的数字（如 id:42）；\
             要按来源系统给它的编号查找，请写 ext:{value}"
        ),
    }
}

fn zh_date(e: &DateError) -> String {
    use DateError::*;
    match e {
        Empty => "缺少日期".into(),
        NoSides => "日期范围至少要写一侧".into(),
        RelativeSide(s) => format!("“{s}”是从现在往前数的时间，不能作为范围的一侧"),
        Backwards(v) => format!("范围“{v}”的结束早于开始"),
        TooFarBack(v) => format!("“{v}”往前推得太远，超出了日期所能表示的范围"),
        Unrepresentable(v) => format!("“{v}”超出了可表示的日期范围"),
        YearZero(v) => format!("“{v}”中的 0 年并不存在"),
        YearDigits(v) => format!("“{v}”中的年份应为四位数字，例如 2026"),
        Month { month, value } => format!("“{value}”中的月份 {month} 不在 1 到 12 之间"),
        NotADay(v) => format!("“{v}”不是日历上存在的日子"),
        NotADate(v) => format!("无法识别的日期“{v}”"),
    }
}

fn zh_refusal(r: &Refusal) -> String {
    use Refusal::*;
    let zh = Language::Zh;
    match r {
        Query(e) => zh.query_error(e),
        NothingSearchable { words } => format!(
            "{} 中没有可搜索的内容：搜索需要字母、数字、汉字或表情符号",
            quoted(words)
        ),
        UnknownKind(v) => {
            let known = listed(crate::domain::Kind::ALL.iter().map(|k| k.as_str()));
            format!("未知的类型“{v}”（可用：{known}）")
        }
        UnknownLang(v) => format!("未知的语言“{v}”（可用：zh、en、other）"),
        UnknownQueue(v) => {
            let known = listed(crate::domain::QUEUES.iter().copied());
            format!("未知的队列“{v}”（可用：{known}）")
        }
        UnknownStatus(v) => {
            let known = listed(crate::domain::Status::ALL.iter().map(|s| s.as_str()));
            format!("未知的状态“{v}”（可用：{known}）")
        }
        ThemeEmpty(raw) => format!("“{raw}”不能作为主题名：其中没有名字"),
        ThemeControl { name, code } => format!(
            "主题名“{}”含有控制字符（U+{code:04X}）",
            name.escape_debug()
        ),
        ThemeTooLong { chars } => format!("主题名有 {chars} 个字，最多 100 个"),
        NoSuchRecord(id) => format!("没有编号为 {id} 的记录"),
        EmptyScope => "查询为空：请指明要处理哪些记录，例如 退款 或 tag:物流".into(),
        NoThemeChanges => "没有给出主题变更：用 +主题 添加，用 -主题 移除".into(),
        Transition { from, to } => {
            let allowed: Vec<String> = from
                .next()
                .iter()
                .map(|s| format!("“{}”", zh.t(status_label(*s))))
                .collect();
            format!(
                "不能把条目从“{}”改为“{}”；“{}”只能改为 {}",
                zh.t(status_label(*from)),
                zh.t(status_label(*to)),
                zh.t(status_label(*from)),
                allowed.join("、")
            )
        }
        NoQueueItem(id) => format!("没有编号为 {id} 的队列条目"),
        NoJournalEntry(id) => format!("没有编号为 #{id} 的日志条目"),
        NothingToUndo => "你没有可以撤销的更改（`vochub journal` 列出所有人的更改，`vochub undo 编号` 撤销其中一条）".into(),
        AlreadyUndone { entry, by } => format!("日志条目 #{entry} 已被条目 #{by} 撤销"),
        UndoOfUndo { entry } => format!("条目 #{entry} 本身就是一次撤销；请重新做原来的更改"),
        CannotUndo { entry, action } => format!("条目 #{entry}（{action}）无法撤销"),
        ChangedSince {
            queue,
            item,
            entry,
            status,
        } => format!(
            "{}的条目 {item} 在日志条目 #{entry} 之后又改过（现在是“{}”）；\
             请先从最新的开始撤销后来的更改，或用 `vochub queue set` 直接设置",
            zh.t(queue_title(queue)),
            zh.t(status_label(*status))
        ),
        BadSavedName(name) => {
            format!("“{name}”不能作为已保存搜索的名称：请用一个不含空格和“:”的词")
        }
        SavedLoop { name, path } => {
            format!("“{name}”会用到它自己：{name} → {}", path.join(" → "))
        }
        SavedInUse { name, users } => format!(
            "已保存的搜索 {} 通过 saved:{name} 用到了“{name}”；请先修改或删除它们",
            quoted(users)
        ),
        SavedTooDeep { name, max } => {
            format!("已保存的搜索“{name}”引用了它自己（saved: 嵌套超过 {max} 层）")
        }
        UnknownSaved { name, known } if known.is_empty() => format!(
            "没有名为“{name}”的已保存搜索（目前还没有；可用 `vochub saved add 名称 查询` 创建）"
        ),
        UnknownSaved { name, known } => {
            format!("没有名为“{name}”的已保存搜索（已有：{}）", known.join("、"))
        }
        NoSavedSearch(name) => format!("没有名为“{name}”的已保存搜索"),
        QuoteOutside {
            record,
            start,
            end,
            len,
        } => format!("引用范围 {start}..{end} 不在记录 {record} 内（正文共 {len} 个字）"),
        EmptyQuote => "引用的文字为空".into(),
        QuoteNotInRecord { record, text } => {
            format!("记录 {record} 中没有“{text}”这段文字；引用必须是客户的原话")
        }
        QuoteExists { record, quote } => {
            format!("记录 {record} 的这段文字已是引用 {quote}，未重复保存")
        }
        NoQuotesToExport { theme: None, .. } => "还没有可导出的引用".into(),
        NoQuotesToExport {
            theme: Some(t),
            known,
        } if known.is_empty() => format!("没有带主题“{t}”的引用（引用都还没有主题），未写文件"),
        NoQuotesToExport {
            theme: Some(t),
            known,
        } => format!(
            "没有带主题“{t}”的引用，未写文件（有引用的主题：{}）",
            known.join("、")
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::Status;
    use crate::domain::query::parse;

    /// English words that only the English `Display` uses; finding one means a Chinese
    /// message fell through to English.
    const ENGLISH: &[&str] = &[
        "expected",
        "unknown",
        "cannot",
        "nothing",
        "there is",
        "is not",
        "needs",
        "would",
        "already",
        "character",
        "query error",
        "does not",
        "refers",
        "empty",
    ];

    fn chinese(text: &str) {
        assert!(
            text.chars().any(crate::domain::is_cjk),
            "no Chinese: {text}"
        );
        let lower = text.to_lowercase();
        for word in ENGLISH {
            assert!(!lower.contains(word), "English {word:?} in: {text}");
        }
    }

    fn zh_parse_error(input: &str) -> String {
        let now = DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").expect("date");
        let e = parse(input, now).expect_err(input);
        let text = Language::Zh.refusal(&Refusal::Query(e));
        chinese(&text);
        text
    }

    #[test]
    fn query_mistakes_are_chinese_and_keep_the_position() {
        assert_eq!(
            zh_parse_error("\"unclosed"),
            "第 10 个字符处：第 1 个字符处的引号 \" 缺少对应的结束引号 \""
        );
        assert_eq!(
            zh_parse_error("((("),
            "第 4 个字符处：第 3 个字符处的“(”缺少配对的“)”"
        );
        assert_eq!(
            zh_parse_error("，。！"),
            "第 1 个字符处：没有可搜索的内容：标点和空引号不参与搜索；请使用字母、数字、汉字或表情符号"
        );
        assert_eq!(
            zh_parse_error("tag:"),
            "第 5 个字符处：“tag:”后面应紧跟一个值（冒号后不能有空格），例如 tag:\"物流 延迟\""
        );
        let date = zh_parse_error("date:2025-13-01");
        assert!(
            date.starts_with(
                "第 6 个字符处：“2025-13-01”中的月份 13 不在 1 到 12 之间；可用的写法：2026-10-01"
            ),
            "{date}"
        );
        assert!(zh_parse_error("a OR").contains("“OR”后面缺少搜索词"));
        assert!(zh_parse_error("sort:random").contains("“random”"));
        assert!(zh_parse_error("tga:\"x\"").contains("没有名为“tga”的字段"));
        assert!(zh_parse_error("after:..2026-10").contains("“..2026-10”没有起点"));
        assert!(zh_parse_error("id:T-1042").ends_with("请写 ext:T-1042"));
    }

    #[test]
    fn english_is_the_display_the_command_line_prints() {
        let r = Refusal::UnknownStatus("bogus".into());
        assert_eq!(Language::En.refusal(&r), r.to_string());
        let fault = Problem::Fault {
            fault: crate::domain::Fault::DatabaseBusy,
            english: "database error: database is locked".into(),
        };
        assert_eq!(
            Language::En.problem(&fault),
            "database error: database is locked"
        );
    }

    #[test]
    fn every_refusal_has_chinese_words_and_its_data() {
        let cases: Vec<(Refusal, &str)> = vec![
            (
                Refusal::NothingSearchable {
                    words: vec!["★".into(), "☆".into()],
                },
                "“★”、“☆” 中没有可搜索的内容",
            ),
            (Refusal::UnknownKind("memo".into()), "“memo”"),
            (Refusal::UnknownLang("fr".into()), "“fr”"),
            (Refusal::UnknownQueue("sales".into()), "“sales”"),
            (Refusal::UnknownStatus("bogus".into()), "未知的状态“bogus”"),
            (Refusal::ThemeEmpty(" / ".into()), "“ / ”"),
            (
                Refusal::ThemeControl {
                    name: "a\u{1b}".into(),
                    code: 0x1b,
                },
                "U+001B",
            ),
            (Refusal::ThemeTooLong { chars: 140 }, "140"),
            (Refusal::NoSuchRecord(41), "41"),
            (Refusal::EmptyScope, "tag:物流"),
            (Refusal::NoThemeChanges, "+主题"),
            (
                Refusal::Transition {
                    from: Status::Done,
                    to: Status::New,
                },
                "不能把条目从“已完成”改为“新建”；“已完成”只能改为 “处理中”",
            ),
            (Refusal::NoQueueItem(12), "12"),
            (Refusal::NoJournalEntry(77), "#77"),
            (
                Refusal::NothingToUndo,
                "你没有可以撤销的更改（`vochub journal` 列出所有人的更改，`vochub undo 编号` 撤销其中一条）",
            ),
            (
                Refusal::AlreadyUndone { entry: 3, by: 4 },
                "#3 已被条目 #4 撤销",
            ),
            (Refusal::UndoOfUndo { entry: 5 }, "#5"),
            (
                Refusal::CannotUndo {
                    entry: 6,
                    action: "merge".into(),
                },
                "#6（merge）",
            ),
            (
                Refusal::ChangedSince {
                    queue: "marketing".into(),
                    item: 8,
                    entry: 36,
                    status: Status::InProgress,
                },
                "市场队列的条目 8 在日志条目 #36 之后又改过（现在是“处理中”）",
            ),
            (
                Refusal::BadSavedName("a b".into()),
                "“a b”不能作为已保存搜索的名称",
            ),
            (
                Refusal::SavedLoop {
                    name: "周报".into(),
                    path: vec!["月报".into(), "周报".into()],
                },
                "周报 → 月报 → 周报",
            ),
            (
                Refusal::SavedInUse {
                    name: "退款".into(),
                    users: vec!["周报".into()],
                },
                "“周报” 通过 saved:退款",
            ),
            (
                Refusal::SavedTooDeep {
                    name: "环".into(),
                    max: 8,
                },
                "8 层",
            ),
            (
                Refusal::UnknownSaved {
                    name: "周报".into(),
                    known: vec![],
                },
                "目前还没有",
            ),
            (
                Refusal::UnknownSaved {
                    name: "周报".into(),
                    known: vec!["退款".into(), "物流".into()],
                },
                "已有：退款、物流",
            ),
            (Refusal::NoSavedSearch("周报".into()), "“周报”"),
            (
                Refusal::QuoteOutside {
                    record: 7,
                    start: 5,
                    end: 90,
                    len: 20,
                },
                "5..90 不在记录 7 内（正文共 20 个字）",
            ),
            (Refusal::EmptyQuote, "引用的文字为空"),
            (
                Refusal::QuoteNotInRecord {
                    record: 7,
                    text: "原价".into(),
                },
                "记录 7 中没有“原价”",
            ),
            (
                Refusal::QuoteExists {
                    record: 66,
                    quote: 4,
                },
                "已是引用 4",
            ),
            (
                Refusal::NoQuotesToExport {
                    theme: None,
                    known: vec![],
                },
                "还没有可导出的引用",
            ),
            (
                Refusal::NoQuotesToExport {
                    theme: Some("不存在".into()),
                    known: vec!["价格".into(), "售后/退款".into()],
                },
                "有引用的主题：价格、售后/退款",
            ),
        ];
        for (refusal, part) in cases {
            let text = Language::Zh.refusal(&refusal);
            chinese(&text);
            assert!(text.contains(part), "{refusal:?}: {text}");
        }
    }
}
