//! The one catalogue of every string the interface shows, in English and Simplified Chinese.
//! Views ask for a `Msg` in the `Language` the state carries; nothing else spells out labels.
//! Templates use `{0}`, `{1}` … filled by [`fill`]; an English count names its noun in the
//! singular, `{0:record}`, and reads "1 record" or "3 records".

use crate::config::Config;
use crate::domain::{Lang, Status, counted};

mod faults;
mod journal;
mod refusals;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Zh,
}

impl Language {
    /// The config's `language`, else `LC_ALL`, else `LANG`; `zh*` means Chinese.
    pub fn choose(config: &Config) -> Language {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let pick = config
            .language
            .clone()
            .or_else(|| env("LC_ALL"))
            .or_else(|| env("LANG"));
        Self::from_tag(pick.as_deref().unwrap_or(""))
    }

    pub fn from_tag(tag: &str) -> Language {
        if tag.trim().to_ascii_lowercase().starts_with("zh") || tag.contains('中') {
            Language::Zh
        } else {
            Language::En
        }
    }

    pub fn t(self, msg: Msg) -> &'static str {
        match self {
            Language::En => msg.en(),
            Language::Zh => msg.zh(),
        }
    }

    /// A template with its `{0}`, `{1}` … filled in.
    pub fn f(self, msg: Msg, args: &[&dyn std::fmt::Display]) -> String {
        fill(self.t(msg), args)
    }

    /// `label: ` as this language writes it; Chinese takes the full-width colon, with no space.
    pub fn label(self, label: &str) -> String {
        match self {
            Language::En => format!("{label}: "),
            Language::Zh => format!("{label}："),
        }
    }

    /// A remark after a sentence, in this language's parentheses.
    pub fn aside(self, text: &str) -> String {
        match self {
            Language::En => format!("  ({text})"),
            Language::Zh => format!("（{text}）"),
        }
    }

    /// What a named action does, for the help screen.
    pub fn action_help(self, name: &str) -> &'static str {
        ACTION_HELP
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, en, zh)| if self == Language::Zh { *zh } else { *en })
            .unwrap_or("")
    }
}

pub fn queue_title(queue: &str) -> Msg {
    if queue == "marketing" {
        Msg::ScreenMarketing
    } else {
        Msg::ScreenProduct
    }
}

/// The queue's name where room is short: the tab bar and a narrow record view.
pub fn queue_short_title(queue: &str) -> Msg {
    if queue == "marketing" {
        Msg::TabMarketing
    } else {
        Msg::TabProduct
    }
}

/// A record's detected language; English shows the code the query language takes (`lang:zh`).
pub fn lang_label(lang: Lang) -> Msg {
    match lang {
        Lang::Zh => Msg::LangZh,
        Lang::En => Msg::LangEn,
        Lang::Other => Msg::LangOther,
    }
}

pub fn status_label(status: Status) -> Msg {
    match status {
        Status::New => Msg::StatusNew,
        Status::Accepted => Msg::StatusAccepted,
        Status::InProgress => Msg::StatusInProgress,
        Status::Done => Msg::StatusDone,
        Status::Declined => Msg::StatusDeclined,
    }
}

/// `{N}` becomes argument N; `{N:noun}` becomes argument N counted with the noun, in the plural
/// unless the count is one (see `counted`). Anything else in braces is left as written.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &rest[open + 1..open + len];
        let (index, noun) = match inside.split_once(':') {
            Some((index, noun)) => (index, Some(noun)),
            None => (inside, None),
        };
        match (index.parse::<usize>().ok().and_then(|i| args.get(i)), noun) {
            (Some(arg), None) => out.push_str(&arg.to_string()),
            (Some(arg), Some(noun)) => out.push_str(&counted(arg, noun)),
            (None, _) => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

macro_rules! catalogue {
    ($($name:ident => $en:expr, $zh:expr;)*) => {
        /// A user-facing string; see the catalogue below for its words in each language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name,)* }
        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];
            pub fn en(self) -> &'static str { match self { $(Msg::$name => $en,)* } }
            pub fn zh(self) -> &'static str { match self { $(Msg::$name => $zh,)* } }
        }
    };
}

catalogue! {
    AppName => "vochub", "vochub";
    ScreenSearch => "Search", "搜索";
    ScreenDetail => "Record", "记录";
    ScreenThemes => "Themes", "主题";
    ScreenProduct => "Product queue", "产品队列";
    ScreenMarketing => "Marketing queue", "市场队列";
    ScreenQuotes => "Quotes", "引用";
    ScreenJournal => "Journal", "操作日志";
    TabProduct => "Product", "产品";
    TabMarketing => "Marketing", "市场";
    ScreenHelp => "Keys", "按键";
    QueryPlaceholder => "type to search: 退款 \"原价退款\" tag:物流 -快递 date:2026-06 sort:newest", "输入即搜索：退款 \"原价退款\" tag:物流 -快递 date:2026-06 sort:newest";
    Hits => "{0:hit}", "{0} 条结果";
    HitsShown => "{0:hit}, showing {1}", "{0} 条结果，显示 {1} 条";
    HitsApart => "{0:hit} for {1}", "分开搜 {1}：{0} 条结果";
    Took => "{0} ms", "{0} 毫秒";
    Searching => "searching…", "搜索中…";
    Loading => "loading…", "加载中…";
    MoreFailed => "The list ends here: the next hits could not be read ({0})", "列表到此为止：后面的结果读取失败（{0}）";
    NoHits => "Nothing matches. Try fewer words, or OR between them.", "没有匹配的记录。试试更少的词，或用 OR 连接。";
    FacetThemes => "Themes", "主题";
    FacetSources => "Sources", "来源";
    FacetKinds => "Kinds", "类型";
    NoThemes => "(no themes yet)", "（暂无主题）";
    FacetNone => "(none)", "（无）";
    NearDuplicates => "+{0} alike", "+{0} 条相似";
    KindTicket => "ticket", "工单";
    KindSales => "sales", "销售";
    KindSocial => "social", "社媒";
    KindEmail => "email", "邮件";
    KindReview => "review", "评价";
    KindSurvey => "survey", "问卷";
    KindOther => "other", "其他";
    Marked => "{0} marked", "已选 {0} 条";
    MarksDropped => "Marks cleared ({0}): marks belong to one query's results", "已清除 {0} 个标记：标记只属于一次查询的结果";
    TooSmall => "Window too small: {0}×{1}. Needs at least 40×12.", "窗口太小：{0}×{1}，至少需要 40×12。";
    HintSearch => "{0} help  {1} search  {2} open  {3} tag  {4} route  {5} quit", "{0} 帮助  {1} 搜索  {2} 打开  {3} 打标签  {4} 分派  {5} 退出";
    HintEditing => "typing — Enter: to results  Esc: leave the query", "输入中 — 回车：到结果列表  Esc：离开搜索框";
    HintPopup => "Enter: confirm  Esc: cancel", "回车：确认  Esc：取消";
    Error => "Error: {0}", "错误：{0}";
    QueryError => "Query: {0}", "查询有误：{0}";
    WriteFailed => "Cannot write {0}: {1}", "无法写入 {0}：{1}";
    WorkerStopped => "The background worker stopped; restart vochub", "后台任务已停止；请重新启动 vochub";
    ClipboardFailed => "Cannot copy to the clipboard: {0}", "无法复制到剪贴板：{0}";
    FieldDate => "Date", "日期";
    FieldAuthor => "Author", "作者";
    FieldSource => "Source", "来源";
    FieldKind => "Kind", "类型";
    FieldLang => "Language", "语言";
    LangZh => "zh", "中文";
    LangEn => "en", "英文";
    LangOther => "other", "其他";
    FieldRating => "Rating", "评分";
    FieldUrl => "Link", "链接";
    FieldThemes => "Themes", "主题";
    FieldId => "Id", "编号";
    FieldQueues => "Queues", "队列";
    FieldQuotes => "Quotes", "引用";
    ImportTime => "(import time: the source had no date)", "（导入时间：来源没有日期）";
    ImportTimeShort => "(import time)", "（导入时间）";
    NoDate => "(no date)", "（无日期）";
    SameAuthor => "Same author", "同一作者";
    Similar => "Similar records", "相似记录";
    NoneYet => "none", "无";
    DetailHint => "{0} back  {1} select text  {2} tag  {3} route  {4} save quote", "{0} 返回  {1} 选择文本  {2} 打标签  {3} 分派  {4} 保存引用";
    HelpTitle => "Keys (from your keymap; change them under [keys] in the config)", "按键（来自当前键位表；可在配置文件 [keys] 中修改）";
    HelpAction => "Action", "操作";
    HelpKeys => "Keys", "按键";
    HelpWhat => "What it does", "作用";
    HelpConfigName => "Name in [keys]", "[keys] 中的名称";
    HelpEditing => "While typing: Enter → results, Esc leaves, Backspace, ctrl-w word, ctrl-u clear, ctrl-c quits.", "输入时：回车到结果，Esc 离开，Backspace 删除，ctrl-w 删词，ctrl-u 清空，ctrl-c 退出。";
    KeysProblem => "Config: {0}", "配置：{0}";
    KeyNoAction => "[keys] {0}: no such action (see ? for the list)", "[keys] {0}：没有这个操作（按 ? 查看列表）";
    KeyUnreadable => "[keys] {0}: cannot read key '{1}' (examples: \"q\", \"ctrl-c\", \"pagedown\", \"f5\")", "[keys] {0}：无法识别按键“{1}”（例如 \"q\"、\"ctrl-c\"、\"pagedown\"、\"f5\"）";
    NewRecords => "New records arrived: {0} in total", "有新记录：共 {0} 条";
    Unsearchable => "Not searchable yet: {0:record} that another vochub command is still indexing", "另一个 vochub 命令正在为 {0} 条新记录建索引，建好之前搜不到它们";
    StillIndexing => "{0} more being indexed", "另有 {0} 条索引中";
    ChangedElsewhere => "Records were changed elsewhere; the list shows them as they are now", "记录在别处有改动，列表已更新";
    NotTerminal => "vochub: {0:record} in {1}.\nThe interactive interface needs a terminal; try `vochub search QUERY` or `vochub --help`.", "vochub：{1} 中有 {0} 条记录。\n交互界面需要终端；可试试 `vochub search 查询词` 或 `vochub --help`。";
    NotAvailable => "Not available yet in this build: {0}", "此版本暂不支持：{0}";
    Selection => "selection: {0:character}", "已选 {0} 个字";
    Cursor => "cursor at {0}", "光标位置 {0}";
    DoneTagged => "Tagged {0:record} with “{1}”", "已为 {0} 条记录添加主题“{1}”";
    DoneUntagged => "Removed “{1}” from {0:record}", "已从 {0} 条记录移除主题“{1}”";
    DoneRouted => "Sent {0:record} to the {1} ({2} already there)", "已将 {0} 条记录分派到{1}（{2} 条原本已在）";
    DoneRoutedAllNew => "Sent {0:record} to the {1}", "已将 {0} 条记录分派到{1}";
    DoneMoved => "Item {0} is now {1}", "队列项 {0} 已改为“{1}”";
    DoneNoted => "Item {0}: note saved", "队列项 {0}：备注已保存";
    DoneNoteCleared => "Item {0}: note removed", "队列项 {0}：备注已清除";
    DoneAssigned => "Item {0} is assigned to {1}", "队列项 {0} 已指派给 {1}";
    DoneUnassigned => "Item {0} is assigned to no one now", "队列项 {0} 已取消指派";
    NothingChanged => "Nothing changed: the text is as it was", "没有改动：内容与原来相同";
    NoItem => "No queue item under the cursor", "光标处没有队列项";
    DoneQuoted => "Saved quote #{0}", "已保存引用 #{0}";
    DoneUndone => "Undone: {0}", "已撤销：{0}";
    DoneSaved => "Saved this search as “{0}”", "已将当前搜索保存为“{0}”";
    DoneExported => "Exported {0:quote} to {1}", "已导出 {0} 条引用到 {1}";
    UndoHint => "{0} undoes", "按 {0} 撤销";
    Copied => "Copied the quote to the clipboard ({0:character})", "已复制引用到剪贴板（{0} 个字）";
    NoCurrent => "No record under the cursor", "光标处没有记录";
    NoMarked => "No records marked (space marks one)", "没有已标记的记录（空格键标记）";
    NoQuery => "Type a query first: the change would cover every match", "请先输入查询：该操作将作用于全部匹配";
    QueryBroken => "The query has an error, so it matches nothing yet: fix it first", "查询有误，目前不匹配任何记录：请先修正";
    ScopeCurrent => "this record", "当前记录";
    ScopeMarked => "{0:marked record}", "已标记的 {0} 条记录";
    ScopeMatches => "all {0:match} of the query", "查询的全部 {0} 条匹配";
    ScopeLabel => "Scope ({0} changes it): {1}", "范围（按 {0} 切换）：{1}";
    SelectFirst => "Select some text first ({0} starts a selection)", "请先选择文本（按 {0} 开始选择）";
    ConfirmTag => "Tag all {0:matching record} with “{1}”? Enter/y: yes  Esc/n: no", "为全部 {0} 条匹配记录添加主题“{1}”？回车/y：确定  Esc/n：取消";
    ConfirmUntag => "Remove “{1}” from all {0:matching record}? Enter/y: yes  Esc/n: no", "从全部 {0} 条匹配记录移除主题“{1}”？回车/y：确定  Esc/n：取消";
    ConfirmRoute => "Send all {0:matching record} to the {1}? Enter/y: yes  Esc/n: no", "将全部 {0} 条匹配记录分派到{1}？回车/y：确定  Esc/n：取消";
    ConfirmReplaceSaved => "Replace the saved search “{0}” ({1})? Enter/y: yes  Esc/n: no", "替换已保存的搜索“{0}”（{1}）？回车/y：确定  Esc/n：取消";
    ConfirmDecline => "Decline item {0}? That is a decision, not a step back.\nEnter/y: decline  Esc/n: keep it new", "拒绝队列项 {0}？拒绝是一个决定，不是退回一步。\n回车/y：拒绝  Esc/n：保留为新建";
    ConfirmTitle => "Confirm", "确认";
    PickTag => "Tag with theme", "添加主题";
    PickUntag => "Remove theme", "移除主题";
    PickHint => "type to filter · ↑↓ choose · Enter apply · Esc cancel", "输入以筛选 · ↑↓ 选择 · 回车确定 · Esc 取消";
    NewTheme => "+ new theme “{0}”", "+ 新建主题“{0}”";
    RouteTitle => "Route to a queue", "分派到队列";
    RouteQueue => "Queue", "队列";
    RoutePriority => "Priority", "优先级";
    RouteNote => "Note", "备注";
    RouteHint => "↑↓ field · ←→ change · type the note · Enter send · Esc cancel", "↑↓ 切换字段 · ←→ 修改 · 直接输入备注 · 回车发送 · Esc 取消";
    PriorityP1 => "p1 high", "p1 高";
    PriorityP2 => "p2 normal", "p2 中";
    PriorityP3 => "p3 low", "p3 低";
    ItemNoteTitle => "Note on the queue item", "队列项备注";
    ItemAssignTitle => "Assign the queue item", "指派队列项";
    ItemAssignee => "Assignee", "负责人";
    ItemHint => "Enter save (empty removes it) · Esc cancel", "回车保存（留空即清除）· Esc 取消";
    QuoteTitle => "Save quote", "保存引用";
    QuoteThemes => "Themes (comma-separated)", "主题（逗号分隔）";
    QuoteHint => "↑↓ field · Enter save · Esc cancel", "↑↓ 切换字段 · 回车保存 · Esc 取消";
    SavedTitle => "Saved searches", "已保存的搜索";
    SavedName => "Save the current query as", "将当前查询保存为";
    SavedHint => "↑↓ choose · Enter run · type a name + Enter to save · Esc cancel", "↑↓ 选择 · 回车运行 · 输入名称后回车保存 · Esc 取消";
    SavedNone => "(none saved yet)", "（暂无）";
    ExportTitle => "Export quotes", "导出引用";
    ExportHint => "←→ format · Enter write the file in the current directory · Esc cancel", "←→ 选择格式 · 回车写入当前目录 · Esc 取消";
    StatusNew => "new", "新建";
    StatusAccepted => "accepted", "已接受";
    StatusInProgress => "in progress", "处理中";
    StatusDone => "done", "已完成";
    AlreadyDone => "This item is done: that is the last step ({0} reopens it)", "该条目已完成，这是最后一步（{0} 可重新打开）";
    StatusDeclined => "declined", "已拒绝";
    StatusAll => "all", "全部";
    NoTheme => "(no theme)", "（无主题）";
    ColTheme => "Theme", "主题";
    ColRecords => "Records", "记录数";
    ColAuthors => "People", "人数";
    ColWeekly => "Last 12 weeks", "近 12 周";
    ColStatus => "Status", "状态";
    ColPriority => "Pri.", "优先";
    ColWhen => "When", "时间";
    ColWho => "Who", "操作人";
    ColWhat => "What", "内容";
    Filter => "Showing: {0}  ({1} changes it)", "显示：{0}（按 {1} 切换）";
    QueueHint => "{0}/{1} status  {2} note  {3} assign  {4} filter  {5} open  {6} help", "{0}/{1} 改状态  {2} 备注  {3} 指派  {4} 筛选  {5} 打开  {6} 帮助";
    QuotesHint => "{0} copy  {1} export  {2} theme  {3} open record", "{0} 复制  {1} 导出  {2} 按主题  {3} 打开记录";
    ThemesHint => "{0} search this theme  {1} tag  {2} back", "{0} 搜索该主题  {1} 打标签  {2} 返回";
    JournalHint => "{0} undo the newest change", "{0} 撤销最近一次更改";
    Empty => "Nothing here yet.", "这里还没有内容。";
    Undone => "(undone)", "（已撤销）";
    Stale => "(the record changed since)", "（记录已变更）";
}

/// What each named action does, for the help screen: (name, English, Chinese).
const ACTION_HELP: &[(&str, &str, &str)] = &[
    ("quit", "Quit (not while typing)", "退出（输入时除外）"),
    (
        "back",
        "Close popup / leave the query / go back",
        "关闭弹窗 / 离开搜索框 / 返回",
    ),
    ("help", "Show this list", "显示本列表"),
    ("focus_query", "Type in the query bar", "在搜索框中输入"),
    ("up", "Move up", "上移"),
    ("down", "Move down", "下移"),
    ("page_up", "One page up", "上翻一页"),
    ("page_down", "One page down", "下翻一页"),
    ("top", "Go to the first line", "到第一行"),
    ("bottom", "Go to the last line", "到最后一行"),
    ("open", "Open / confirm", "打开 / 确认"),
    (
        "left",
        "Cursor one character left / previous option",
        "光标左移一个字 / 上一个选项",
    ),
    (
        "right",
        "Cursor one character right / next option",
        "光标右移一个字 / 下一个选项",
    ),
    ("word_next", "Cursor to the next word", "光标到下一个词"),
    ("word_prev", "Cursor to the previous word", "光标到上一个词"),
    (
        "sentence_next",
        "Cursor to the next sentence",
        "光标到下一句",
    ),
    (
        "sentence_prev",
        "Cursor to the previous sentence",
        "光标到上一句",
    ),
    (
        "select",
        "Start or drop a selection (record view)",
        "开始或取消选择（记录视图）",
    ),
    (
        "mark",
        "Mark / unmark the record for a batch change",
        "标记 / 取消标记，用于批量操作",
    ),
    ("tag", "Tag with a theme", "打主题标签"),
    ("untag", "Remove a theme", "移除主题标签"),
    (
        "route",
        "Send to the product or marketing queue",
        "分派到产品或市场队列",
    ),
    (
        "save_quote",
        "Save the selection as a quote",
        "将所选文本保存为引用",
    ),
    (
        "cycle_scope",
        "Change scope: this record / marked / all matches",
        "切换范围：当前记录 / 已标记 / 全部匹配",
    ),
    ("undo", "Undo your last change", "撤销你的上一次更改"),
    ("screen_search", "Search screen", "搜索页"),
    ("screen_themes", "Themes dashboard", "主题看板"),
    ("screen_product", "Product queue", "产品队列"),
    ("screen_marketing", "Marketing queue", "市场队列"),
    ("screen_quotes", "Quote board", "引用看板"),
    ("screen_journal", "Change journal", "操作日志"),
    ("saved_searches", "Saved searches", "已保存的搜索"),
    ("next_status", "Queue item: next status", "队列项：下一状态"),
    (
        "prev_status",
        "Queue item: previous status (asks before declining)",
        "队列项：上一状态（拒绝前先确认）",
    ),
    (
        "filter_status",
        "Queue: cycle the status filter",
        "队列：切换状态筛选",
    ),
    (
        "note",
        "Queue item: write or change its note",
        "队列项：填写或修改备注",
    ),
    (
        "assign",
        "Queue item: assign it to someone",
        "队列项：指派负责人",
    ),
    ("export", "Export the quotes", "导出引用"),
    (
        "copy",
        "Copy to the clipboard (OSC 52)",
        "复制到剪贴板（OSC 52）",
    ),
    ("reload", "Search again / reload", "重新搜索 / 刷新"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    #[test]
    fn every_action_is_described_in_both_languages() {
        for (name, _) in Action::NAMED {
            assert!(!Language::En.action_help(name).is_empty(), "{name}");
            assert!(!Language::Zh.action_help(name).is_empty(), "{name}");
        }
    }

    #[test]
    fn chinese_strings_are_chinese() {
        // Every label except the app name and pure syntax examples carries a CJK character.
        for m in Msg::ALL {
            if *m == Msg::AppName {
                continue;
            }
            assert!(
                m.zh().chars().any(crate::domain::is_cjk),
                "{m:?}: {}",
                m.zh()
            );
        }
    }

    #[test]
    fn language_from_locale() {
        assert_eq!(Language::from_tag("zh_CN.UTF-8"), Language::Zh);
        assert_eq!(Language::from_tag("en_US.UTF-8"), Language::En);
        assert_eq!(Language::from_tag("C"), Language::En);
        assert_eq!(Language::from_tag("zh"), Language::Zh);
    }

    #[test]
    fn fills_templates() {
        assert_eq!(Language::En.f(Msg::Hits, &[&3]), "3 hits");
        assert_eq!(Language::Zh.f(Msg::Hits, &[&3]), "3 条结果");
        assert_eq!(fill("{1} and {0}", &[&"a", &"b"]), "b and a");
        assert_eq!(fill("{x} {9} {", &[&"a"]), "{x} {9} {");
    }

    #[test]
    fn one_is_counted_in_the_singular_in_english_only() {
        assert_eq!(Language::En.f(Msg::Hits, &[&1]), "1 hit");
        assert_eq!(
            Language::En.f(Msg::HitsShown, &[&1, &1]),
            "1 hit, showing 1"
        );
        let tagged = Language::En.f(Msg::DoneTagged, &[&1, &"物流"]);
        assert_eq!(tagged, "Tagged 1 record with “物流”");
        let scope = Language::En.f(Msg::ScopeMatches, &[&1]);
        assert_eq!(scope, "all 1 match of the query");
        let confirm = Language::En.f(Msg::ConfirmRoute, &[&2, &"product queue"]);
        assert!(
            confirm.starts_with("Send all 2 matching records to"),
            "{confirm}"
        );
        assert_eq!(
            Language::Zh.f(Msg::DoneTagged, &[&1, &"物流"]),
            "已为 1 条记录添加主题“物流”"
        );
        // A count in English is never left as "1 records".
        for m in Msg::ALL {
            let text = Language::En.f(*m, &[&1, &1, &1, &1, &1, &1]);
            for noun in [
                "records",
                "hits",
                "items",
                "quotes",
                "matches",
                "characters",
            ] {
                assert!(!text.contains(&format!("1 {noun}")), "{m:?}: {text}");
            }
        }
    }
}
