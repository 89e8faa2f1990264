//! Render snapshots of every screen at 80×24 and 120×40 with Chinese records, through the real
//! `update` and the worker's `perform` run synchronously on a hub with fixed data, so every
//! snapshot is the same on every machine. Wide characters must line up; escape sequences in
//! record text must not survive.

use std::collections::VecDeque;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::Hub;
use vochub::tui::action::Action;
use vochub::tui::effect::Outcome;
use vochub::tui::i18n::Language;
use vochub::tui::keymap::{Code, Key, Keymap, typing_action};
use vochub::tui::state::State;
use vochub::tui::update::update;
use vochub::tui::{views, worker};

#[allow(clippy::too_many_arguments)]
fn rec(
    kind: Kind,
    source: &str,
    id: &str,
    date: &str,
    author: &str,
    title: Option<&str>,
    body: &str,
    tags: &[&str],
) -> NewFeedback {
    let mut r = NewFeedback::new(source, kind, body);
    r.external_id = Some(id.into());
    r.created_at = Some(DateTime::parse_from_rfc3339(date).unwrap());
    r.author = Some(author.into());
    r.title = title.map(str::to_string);
    r.tags = tags.iter().map(|t| t.to_string()).collect();
    r
}

pub fn fixture() -> Vec<NewFeedback> {
    vec![
        rec(
            Kind::Ticket,
            "tickets",
            "T-1",
            "2026-06-02T12:24:41+08:00",
            "苏先生",
            Some("快递被冒签"),
            "【来电记录】物流显示已签收，可我根本没收到，问了小区驿站和门卫都说没有，快递员电话也打不通。处理：已登记催件。",
            &["物流/冒签"],
        ),
        rec(
            Kind::Social,
            "weibo",
            "W-1",
            "2026-06-05T09:00:00+08:00",
            "隔壁老李",
            None,
            "#智能穿戴# 物流慢到怀疑人生，下单7天了，蹲一个发货",
            &["物流"],
        ),
        rec(
            Kind::Ticket,
            "tickets",
            "T-2",
            "2026-06-07T03:08:38+00:00",
            "jcheng@outlook.com",
            Some("Price adjustment request"),
            "I bought the Lark Buds Lite for $45 last week and now it's on sale for $36. Do you offer price adjustment? Thanks.",
            &["pricing"],
        ),
        rec(
            Kind::SalesNote,
            "sales_notes",
            "SN-1",
            "2026-06-08T16:15:00+08:00",
            "西安长安跑团（俱乐部）",
            Some("长安跑团需求确认"),
            "跑团年底有城市马拉松，想给完赛会员定制云雀耳机 Lite，数量还没定。对方担心数据安全，健康数据不能出境，要求书面说明数据存储位置。已把需求转给产品经理，周五前答复能否排期。",
            &["数据安全"],
        ),
        rec(
            Kind::Social,
            "xiaohongshu",
            "X-1",
            "2026-06-10T20:00:00+08:00",
            "跑步的老王",
            None,
            "买完云雀手环 7第三天就降价，申请退差价，客服让我退款重新拍，这操作我是没想到的 #云雀科技#",
            &["价格", "退款"],
        ),
        rec(
            Kind::Email,
            "mail",
            "M-1",
            "2026-06-11T10:30:00+08:00",
            "张静",
            Some("手环边框掉漆"),
            "云雀手环 7 拆开就发现边框掉了一小块漆，这真的是新品吗？质量把控有问题。谢谢！",
            &[],
        ),
        rec(
            Kind::Ticket,
            "tickets",
            "T-3",
            "2026-06-12T08:00:00+08:00",
            "苏先生",
            Some("又是物流"),
            "物流又慢了，上次冒签的事还没解决，这次又等了五天。",
            &["物流"],
        ),
        rec(
            Kind::Social,
            "weibo",
            "W-2",
            "2026-06-13T11:11:00+08:00",
            "坏人",
            None,
            "好评\u{1b}[2J清屏\u{1b}]52;c;aGk=\u{7}测试物流",
            &[],
        ),
    ]
}

pub struct Ui {
    pub hub: Hub,
    pub state: State,
    _dir: tempfile::TempDir,
}

impl Ui {
    pub fn new(lang: Language, width: u16, height: u16) -> Ui {
        let dir = tempfile::tempdir().unwrap();
        let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
        hub.ingest(&fixture()).unwrap();
        let mut ui = Ui {
            hub,
            state: State::new(lang, Keymap::defaults()),
            _dir: dir,
        };
        ui.act(Action::Resize { width, height });
        ui.act(Action::Reload);
        ui
    }

    /// Runs an action and every effect it leads to, to the end, like the worker would.
    pub fn act(&mut self, action: Action) {
        let mut queue = VecDeque::from([action]);
        while let Some(a) = queue.pop_front() {
            for effect in update(&mut self.state, a) {
                if let Some(mut answer) = worker::perform(&mut self.hub, effect) {
                    steady(&mut answer);
                    queue.push_back(answer);
                }
            }
        }
    }

    /// Types keys as a person would: letters are text while typing, commands otherwise.
    /// `<esc>` and `<enter>` stand for those keys.
    pub fn keys(&mut self, keys: &str) {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            let (code, len) = if rest.starts_with("<esc>") {
                (Code::Esc, 5)
            } else if rest.starts_with("<enter>") {
                (Code::Enter, 7)
            } else if rest.starts_with("<tab>") {
                (Code::Tab, 5)
            } else {
                (Code::Char(c), c.len_utf8())
            };
            rest = &rest[len..];
            let key = Key::plain(code);
            let action = if self.state.mode.is_typing() {
                typing_action(&key)
            } else {
                self.state.keymap.action(&key)
            };
            if let Some(a) = action {
                self.act(a);
            }
        }
    }

    pub fn render(&self) -> String {
        self.render_with_cursor().0
    }

    /// The screen, and where the terminal cursor is left (the column as a cell index).
    pub fn render_with_cursor(&self) -> (String, ratatui::layout::Position) {
        use ratatui::backend::Backend;
        let mut t = Terminal::new(TestBackend::new(self.state.width, self.state.height)).unwrap();
        t.draw(|f| views::draw(f, &self.state)).unwrap();
        let cursor = t.backend_mut().get_cursor_position().unwrap();
        (screen_text(t.backend().buffer()), cursor)
    }
}

/// Timings, clocks and "the last 12 weeks" differ run to run; snapshots must not.
fn steady(answer: &mut Action) {
    let fixed = DateTime::parse_from_rfc3339("2026-06-20T09:30:00+08:00").unwrap();
    match answer {
        Action::SearchDone { page, .. } => page.took_ms = 0.0,
        Action::Worker(outcome) => match outcome.as_mut() {
            Outcome::Journal(entries) => entries.iter_mut().for_each(|e| e.at = fixed),
            Outcome::Themes(list) => list.iter_mut().for_each(|t| {
                t.weekly = (0..12u64).map(|w| (w * t.records) % 5).collect();
            }),
            _ => {}
        },
        _ => {}
    }
}

/// The screen as text, one line a row between bars, with the cell a wide character covers left
/// out — so a misaligned Chinese line shows as a bar out of line.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push('|');
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str("|\n");
    }
    out
}

fn both_sizes(name: &str, lang: Language, keys: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut ui = Ui::new(lang, w, h);
        ui.keys(keys);
        let screen = ui.render();
        assert!(!screen.contains('\u{1b}'), "an escape reached the screen");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

#[test]
fn search_home() {
    both_sizes("search_home_zh", Language::Zh, "");
}

#[test]
fn search_query() {
    both_sizes("search_query_zh", Language::Zh, "/物流<enter>j ");
}

#[test]
fn search_english() {
    both_sizes("search_query_en", Language::En, "/refund OR 退款<enter>");
}

#[test]
fn words_typed_together_that_nothing_holds_are_searched_apart_and_the_bar_says_so() {
    // 快递 and 驿站 are both in T-1, never side by side.
    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys("/快递驿站<enter>");
    let screen = ui.render();
    assert!(screen.contains("分开搜 (快递 驿站)：1 条结果"), "{screen}");
    assert!(
        screen.contains("小区驿站"),
        "the record is listed: {screen}"
    );
}

#[test]
fn search_no_hits() {
    both_sizes("search_no_hits_en", Language::En, "/qqqzzz<enter>");
}

#[test]
fn a_wave_of_reposts_is_one_line_that_says_how_many_more() {
    let mut ui = Ui::new(Language::Zh, 120, 40);
    let wave = "云雀手表S3表带戴三周就断了，客服只让自己买新的，大家千万别买！";
    let posts: Vec<NewFeedback> = (0..4)
        .map(|i| {
            let date = format!("2026-06-1{i}T10:00:00+08:00");
            let body = format!("{wave}{}", "！".repeat(i));
            rec(
                Kind::Social,
                "douyin",
                &format!("w{i}"),
                &date,
                &format!("用户{i}"),
                None,
                &body,
                &[],
            )
        })
        .collect();
    ui.hub.ingest(&posts).unwrap();
    ui.keys("/表带<enter>");
    let screen = ui.render();
    let lines: Vec<&str> = screen.lines().filter(|l| l.contains("千万别买")).collect();
    assert_eq!(lines.len(), 1, "{screen}");
    let head = screen
        .lines()
        .find(|l| l.contains("用户0"))
        .unwrap_or_default();
    assert!(head.contains("+3 条相似"), "{screen}");
}

#[test]
fn search_query_error() {
    both_sizes("search_error_zh", Language::Zh, "/(物流");
}

#[test]
fn detail_with_selection() {
    both_sizes("detail_zh", Language::Zh, "/物流<enter>Gk<enter>wwvww");
}

#[test]
fn detail_english() {
    both_sizes("detail_en", Language::En, "/price<enter><enter>");
}

#[test]
fn help_screen() {
    both_sizes("help_zh", Language::Zh, "?");
    both_sizes("help_en", Language::En, "?");
}

#[test]
fn records_still_being_indexed_elsewhere_show_beside_the_hit_count() {
    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys("/物流<enter>");
    ui.act(Action::Unsearchable { pending: 1200 });
    let screen = ui.render();
    let bar = screen.lines().nth(1).unwrap();
    assert!(bar.contains("0 毫秒 · 另有 1200 条索引中"), "{bar}");
    assert!(screen.contains("建好之前搜不到它们"), "{screen}");
    ui.act(Action::Unsearchable { pending: 0 });
    assert!(!ui.render().contains("索引中"));
}

#[test]
fn small_and_too_small() {
    let mut ui = Ui::new(Language::Zh, 40, 12);
    ui.keys("/物流<enter>");
    insta::assert_snapshot!("search_zh_40x12", ui.render());
    ui.act(Action::Resize {
        width: 39,
        height: 12,
    });
    insta::assert_snapshot!("too_small_zh", ui.render());
}

/// Tags, routes and quotes the first 物流 hit, as a person would.
const WORK: &str = "/物流<enter>t延迟<enter>r<enter><enter>vwws<enter><esc>";

#[test]
fn themes_dashboard() {
    both_sizes("themes_zh", Language::Zh, &format!("{WORK}2"));
}

#[test]
fn queue_screen() {
    both_sizes("queue_product_zh", Language::Zh, &format!("{WORK}3"));
}

#[test]
fn quote_board() {
    both_sizes("quotes_zh", Language::Zh, &format!("{WORK}5"));
}

#[test]
fn journal_screen() {
    both_sizes("journal_zh", Language::Zh, &format!("{WORK}6"));
    both_sizes("journal_en", Language::En, &format!("{WORK}6"));
}

#[test]
fn detail_after_work() {
    both_sizes("detail_worked_zh", Language::Zh, &format!("{WORK}<enter>"));
}

#[test]
fn a_query_longer_than_its_bar_shows_its_end_and_the_cursor() {
    let mut ui = Ui::new(Language::Zh, 80, 24);
    let query = format!("{}尾巴", "退款 OR 物流 ".repeat(8));
    ui.keys(&format!("/{query}"));
    let (screen, cursor) = ui.render_with_cursor();
    let bar = screen.lines().nth(1).unwrap();
    assert!(bar.contains("物流 尾巴"), "{bar}");
    // Just after 尾巴, inside the bar: cells 0..3 are " / ", each Chinese character two cells.
    let buf_row: String = bar.chars().skip(1).collect();
    let end = buf_row.find("尾巴").unwrap();
    let cells = unicode_width::UnicodeWidthStr::width(&buf_row[..end]) + 4;
    assert_eq!((cursor.x as usize, cursor.y), (cells, 1), "{bar}");
    // Home: the start is back in view.
    ui.act(Action::Top);
    let screen = ui.render();
    let bar = screen.lines().nth(1).unwrap();
    assert!(bar.starts_with("| / 退款 OR 物流"), "{bar}");
}

#[test]
fn a_long_route_note_scrolls_inside_its_box() {
    let mut ui = Ui::new(Language::Zh, 80, 24);
    ui.keys("/物流<enter>r");
    let note = format!("{}结束", "请尽快回电，".repeat(12));
    ui.act(Action::Paste(note));
    let (screen, cursor) = ui.render_with_cursor();
    let row = screen.lines().nth(cursor.y as usize).unwrap();
    assert!(row.contains("回电，结束"), "{screen}");
    let rows = screen.lines().filter(|l| l.contains("回电")).count();
    assert_eq!(rows, 1, "the note wrapped: {screen}");
}

/// Columns of a row of `screen_text`, glyph by glyph as a terminal draws them.
fn row_width(row: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    row.graphemes(true)
        .map(unicode_width::UnicodeWidthStr::width)
        .sum()
}

#[test]
fn an_emoji_with_a_skin_tone_is_one_glyph_under_the_cursor_and_in_the_list() {
    let mut ui = Ui::new(Language::Zh, 80, 24);
    let body = format!("好评👍🏼👍🏼，{}", "发货神速，".repeat(12));
    let post = rec(
        Kind::Review,
        "shop",
        "R-1",
        "2026-06-09T10:00:00+08:00",
        "买家",
        None,
        &body,
        &[],
    );
    ui.hub.ingest(&[post]).unwrap();
    // The list cuts the snippet; the cursor then moves onto each thumb in turn.
    for keys in ["/神速<enter>", "<enter>l", "l", "l", "l"] {
        ui.keys(keys);
        let screen = ui.render();
        for row in screen.lines() {
            assert_eq!(row_width(row), 82, "a glyph split on this row:\n{row}");
        }
        assert!(screen.contains("好评👍🏼👍🏼"), "{screen}");
    }
    let d = ui.state.detail.as_ref().unwrap();
    assert_eq!(d.cursor, 6, "好 评 👍🏼 👍🏼: four steps onto ，");
}

#[test]
fn popups() {
    both_sizes("picker_zh", Language::Zh, "/物流<enter>t延");
    both_sizes("route_zh", Language::Zh, "/物流<enter>r");
    both_sizes("quote_form_zh", Language::Zh, "/物流<enter><enter>vwws");
    both_sizes("confirm_zh", Language::Zh, "/物流<enter>t<tab>价格<enter>");
    both_sizes("picker_en", Language::En, "/物流<enter>t<tab>");
}

#[test]
fn scrolling_to_the_end_loads_every_hit_once_in_order() {
    let mut ui = Ui::new(Language::Zh, 80, 24);
    let phrases = [
        "快递三天没动",
        "客服态度很好",
        "屏幕有坏点",
        "退款迟迟不到账",
        "电池不耐用",
        "包装破损",
        "发票开错了",
        "会员续费失败",
        "蓝牙老是断开",
        "表带容易断",
        "充电器发烫",
        "物流信息不更新",
        "赠品没有收到",
        "说明书看不懂",
        "颜色和图片不一样",
        "尺码偏小",
        "安装师傅迟到",
        "噪音很大",
    ];
    let mut seed = 7u64;
    let posts: Vec<NewFeedback> = (0..160)
        .map(|i| {
            let body: String = (0..5)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    phrases[(seed >> 33) as usize % phrases.len()]
                })
                .collect::<Vec<_>>()
                .join("，");
            let date = format!("2026-05-{:02}T10:00:00+08:00", 1 + i % 28);
            rec(
                Kind::Ticket,
                "helpdesk",
                &format!("p{i}"),
                &date,
                "顾客",
                None,
                &body,
                &[],
            )
        })
        .collect();
    ui.hub.ingest(&posts).unwrap();
    ui.keys("/sort:newest<enter>");
    let first = ui.state.search.hits_len();
    for _ in 0..10 {
        ui.keys("G");
    }
    let page = ui.state.search.page.as_ref().unwrap();
    let shown: Vec<i64> = page.hits.iter().map(|h| h.record.id).collect();
    let opts = vochub::service::SearchOptions {
        limit: 0,
        ..Default::default()
    };
    let all: Vec<i64> = ui
        .hub
        .search("sort:newest", &opts)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.record.id)
        .collect();
    assert!(
        first < all.len(),
        "a first page of {first} of {} hits",
        all.len()
    );
    assert_eq!(shown, all);
}

/// What the service refuses reaches a Chinese screen in Chinese, through the real worker.
#[test]
fn refusals_from_below_the_interface_are_chinese() {
    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys("/status:bogus");
    let screen = ui.render();
    assert!(screen.contains("查询有误：未知的状态“bogus”"), "{screen}");
    assert!(!screen.contains("unknown status"), "{screen}");

    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys("u");
    let screen = ui.render();
    assert!(screen.contains("错误：你没有可以撤销的更改"), "{screen}");
    assert!(!screen.contains("nothing to undo"), "{screen}");
}

#[test]
fn an_undo_says_in_chinese_what_it_undid() {
    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys(&format!("{WORK}u"));
    let screen = ui.render();
    assert!(
        screen.contains("已撤销：#3：引用 #1（记录 7）：物流又慢"),
        "{screen}"
    );
}

#[test]
fn chinese_forms_and_messages_use_chinese_punctuation() {
    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys("/物流<enter>r");
    let form = ui.render();
    for label in ["队列：", "优先级：", "备注："] {
        assert!(form.contains(label), "{label} in\n{form}");
    }
    assert!(!form.contains("队列:"), "{form}");
    // Sent to a queue where none of it was: no "(0 already there)", and the undo hint in
    // Chinese parentheses.
    ui.keys("<enter>");
    let status = ui.render().lines().last().unwrap_or_default().to_string();
    assert!(
        status.contains("已将 1 条记录分派到产品队列（按 u 撤销）"),
        "{status}"
    );
}

#[test]
fn a_record_names_its_language_in_chinese() {
    let mut ui = Ui::new(Language::Zh, 120, 40);
    ui.keys("/物流<enter><enter>");
    let screen = ui.render();
    assert!(screen.contains("语言 中文"), "{screen}");
}

#[test]
fn every_tab_keeps_its_whole_name_at_80_and_120_columns() {
    for (lang, names) in [
        (
            Language::En,
            [
                "1 Search",
                "2 Themes",
                "3 Product",
                "4 Marketing",
                "5 Quotes",
                "6 Journal",
            ],
        ),
        (
            Language::Zh,
            [
                "1 搜索",
                "2 主题",
                "3 产品队列",
                "4 市场队列",
                "5 引用",
                "6 操作日志",
            ],
        ),
    ] {
        for (w, h) in [(80, 24), (120, 40)] {
            let ui = Ui::new(lang, w, h);
            let screen = ui.render();
            let tabs = screen.lines().next().unwrap_or_default();
            for name in names {
                assert!(tabs.contains(&format!("{name} ")), "{name} at {w}: {tabs}");
            }
            assert!(!tabs.contains('…'), "{tabs}");
        }
    }
    let ui = Ui::new(Language::En, 120, 40);
    let tabs = ui.render().lines().next().unwrap_or_default().to_string();
    assert!(
        tabs.contains("3 Product queue  4 Marketing queue"),
        "{tabs}"
    );
}

/// A record in both queues, with a rating and a long link: more than 80 columns of metadata.
fn rated_and_routed(lang: Language, width: u16, height: u16) -> Ui {
    use vochub::service::{Priority, Scope};
    let mut ui = Ui::new(lang, width, height);
    let mut r = rec(
        Kind::Review,
        "shop",
        "R-9",
        "2026-06-15T10:00:00+08:00",
        "买家小周",
        Some("表带断了"),
        "表带戴了三周就断了。",
        &["质量"],
    );
    r.rating = Some(2.0);
    r.url = Some("https://shop.example.com/reviews/2026/06/15/R-9?from=vochub".into());
    ui.hub.ingest(&[r]).unwrap();
    let scope = Scope::Query("表带".into());
    for (queue, p) in [("product", Priority::P1), ("marketing", Priority::P3)] {
        ui.hub.route(&scope, queue, p, None).unwrap();
    }
    ui.keys("/表带<enter><enter>");
    ui
}

#[test]
fn a_record_metadata_row_fits_by_leaving_out_what_is_needed_least() {
    for (lang, keep) in [
        (
            Language::En,
            ["Product new p1, Marketing new p3", "Rating 2"],
        ),
        (Language::Zh, ["产品 新建 p1, 市场 新建 p3", "评分 2"]),
    ] {
        for (w, h) in [(80, 24), (120, 40)] {
            let ui = rated_and_routed(lang, w, h);
            let screen = ui.render();
            let row = screen.lines().nth(3).unwrap_or_default();
            for part in keep {
                assert!(row.contains(part), "{part} at {w}: {row}");
            }
            assert!(!row.contains("+08:00"), "the time zone goes first: {row}");
            // The link comes last: whole, cut with a sign, or left out.
            let link = "https://shop.example.com/reviews/2026/06/15/R-9?from=vochub";
            let end = row.trim_end_matches([' ', '|']);
            assert!(
                !end.contains("https") || end.ends_with(link) || end.ends_with('…'),
                "{row}"
            );
            insta::assert_snapshot!(format!("detail_routed_{lang:?}_{w}x{h}"), screen);
        }
    }
    // With room, every part in full.
    let ui = rated_and_routed(Language::En, 200, 40);
    let screen = ui.render();
    let row = screen.lines().nth(3).unwrap_or_default();
    for part in [
        "+08:00",
        "Language zh",
        "Product queue new p1",
        "R-9?from=vochub",
    ] {
        assert!(row.contains(part), "{part}: {row}");
    }
}

#[test]
fn a_new_item_is_declined_only_when_the_question_is_answered_yes() {
    both_sizes("decline_zh", Language::Zh, &format!("{WORK}3<"));
    both_sizes("decline_en", Language::En, &format!("{WORK}3<"));
    let mut ui = Ui::new(Language::En, 80, 24);
    let status = |ui: &Ui| ui.hub.queue_items("product", None).unwrap()[0].item.status;
    ui.keys(&format!("{WORK}3<<<esc>"));
    assert_eq!(status(&ui).as_str(), "new");
    ui.keys("<y");
    assert_eq!(status(&ui).as_str(), "declined");
    assert!(ui.render().contains("declined"));
}

#[test]
fn a_queue_item_gets_a_note_and_an_assignee_and_u_takes_them_back() {
    both_sizes("item_prompt_zh", Language::Zh, &format!("{WORK}3a李"));
    both_sizes("item_prompt_en", Language::En, &format!("{WORK}3n"));
    let noted = format!("{WORK}3n等退款到账<enter>a李雷<enter>");
    both_sizes("queue_noted_zh", Language::Zh, &noted);
    let mut ui = Ui::new(Language::Zh, 80, 24);
    ui.keys(&noted);
    let item = |ui: &Ui| ui.hub.queue_items("product", None).unwrap()[0].item.clone();
    assert_eq!(item(&ui).note.as_deref(), Some("等退款到账"));
    assert_eq!(item(&ui).assignee.as_deref(), Some("李雷"));
    let screen = ui.render();
    assert!(screen.contains("@李雷 [等退款到账]"), "{screen}");
    assert!(screen.contains("已指派给 李雷（按 u 撤销）"), "{screen}");
    ui.keys("u");
    let screen = ui.render();
    assert!(
        screen.contains("队列条目 1：指派给 李雷"),
        "the undo says what: {screen}"
    );
    assert_eq!(item(&ui).assignee, None);
    assert_eq!(item(&ui).note.as_deref(), Some("等退款到账"));
    ui.keys("u");
    assert_eq!(item(&ui).note, None);
    let screen = ui.render();
    let row = screen.lines().nth(2).unwrap_or_default();
    assert!(!row.contains("等退款到账"), "{row}");
    assert!(screen.contains("队列条目 1：备注“等退款到账”"), "{screen}");
}
