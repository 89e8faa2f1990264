//! The report as Markdown: one set of tables per scale, then how the figures grow.
//! In a peer's cell, `(N×)` is vochub's advantage: above 1 vochub is better, below 1 worse.

use std::fmt::Write;

use super::measure::{Latency, mib};
use super::report::{Report, ScaleReport, Side};
use super::targets::ratio;
use super::vochub::QueryTimes;
use crate::service::DEFAULT_LIMIT as PAGE;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let m = &r.machine;
    let _ = writeln!(
        out,
        "vochub {} ({} build), {}; {} × {} cores, {:.0} GiB, {}\n",
        r.vochub_version, r.build, r.date, m.cpu, m.cores, m.memory_gib, m.arch
    );
    if r.build == "debug" {
        out.push_str(
            "**Debug build: these figures say little; use `cargo run --release -- bench`.**\n\n",
        );
    }
    for s in &r.scales {
        scale(&mut out, s, r.queries.len(), &r.mix);
    }
    if r.scales.len() > 1 {
        growth(&mut out, &r.scales);
    }
    out
}

fn scale(out: &mut String, s: &ScaleReport, queries: usize, mix: &str) {
    let c = &s.corpus;
    let _ = writeln!(
        out,
        "## {} records ({:.1} MB of text, {:.1} MB file{}{})\n",
        c.records,
        c.text_bytes as f64 / 1e6,
        c.file_bytes as f64 / 1e6,
        if c.distinct { ", distinct texts" } else { "" },
        if c.short { ", short texts" } else { "" }
    );
    import_table(out, s);
    search_table(out, s, queries, mix);
    if let Some(warning) = empty_searches(&s.raw_search.totals) {
        out.push_str(&warning);
    }
    tui_table(out, s);
    out.push_str("| target | measured | met |\n|---|---|---|\n");
    for t in &s.targets {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            t.target,
            t.value,
            if t.met { "yes" } else { "**no**" }
        );
    }
    out.push('\n');
}

fn import_table(out: &mut String, s: &ScaleReport) {
    let i = &s.import;
    out.push_str("**Import** (parse → SQLite → index committed)\n\n");
    out.push_str(
        "| | vochub | SQLite FTS5 trigram | plain table (for LIKE) |\n|---|---|---|---|\n",
    );
    let row = |out: &mut String,
               name: &str,
               f: &dyn Fn(&Side) -> f64,
               fmt: &dyn Fn(f64) -> String,
               higher_better: bool| {
        let v = f(&i.vochub);
        let cell = |p: &Side| {
            let x = f(p);
            let adv = if higher_better {
                ratio(v, x)
            } else {
                ratio(x, v)
            };
            format!("{} ({})", fmt(x), times(adv))
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} |",
            fmt(v),
            cell(&i.fts5),
            cell(&i.like)
        );
    };
    row(
        out,
        "records/s",
        &|x| x.records_per_sec,
        &|x| format!("{x:.0}"),
        true,
    );
    row(
        out,
        "MB/s (file)",
        &|x| x.mb_per_sec,
        &|x| format!("{x:.2}"),
        true,
    );
    row(out, "seconds", &|x| x.secs, &|x| format!("{x:.2}"), false);
    row(
        out,
        "CPU seconds",
        &|x| x.cpu_secs,
        &|x| format!("{x:.2}"),
        false,
    );
    row(
        out,
        "peak RSS MiB",
        &|x| mib(x.peak_rss),
        &|x| format!("{x:.0}"),
        false,
    );
    row(
        out,
        "on disk MiB",
        &|x| mib(x.disk_bytes),
        &|x| format!("{x:.1}"),
        false,
    );
    row(
        out,
        "on disk ÷ raw text",
        &|x| x.disk_ratio,
        &|x| format!("{x:.2}"),
        false,
    );
    out.push('\n');
}

/// How full vochub's pages were: near-duplicates fold into one line, so a page of a query
/// matching few distinct texts holds fewer than 20, and a latency is only as telling as its page.
fn page_fill(runs: &[QueryTimes]) -> String {
    let lines: Vec<usize> = runs.iter().filter_map(|q| q.hits).collect();
    let full = lines.iter().filter(|&&n| n >= PAGE).count();
    let mean = lines.iter().sum::<usize>() as f64 / lines.len().max(1) as f64;
    format!(
        "vochub's pages held {mean:.1} lines on average, {full} of {} a full {PAGE}",
        lines.len()
    )
}

/// A query that finds nothing stops at once: when most of the mix does, the latencies above
/// time no work, which is what a mix in another language than the data's gives.
fn empty_searches(totals: &[usize]) -> Option<String> {
    let empty = totals.iter().filter(|&&t| t == 0).count();
    (empty * 2 > totals.len()).then(|| {
        format!(
            "**{empty} of {} queries found nothing in this corpus**, so the search figures time \
             searches with no work to do. Pass `--queries FILE` with words from this data.\n\n",
            totals.len()
        )
    })
}

fn search_table(out: &mut String, s: &ScaleReport, queries: usize, mix: &str) {
    let se = &s.search;
    let mix = if mix.is_empty() {
        String::new()
    } else {
        format!(" from {mix}")
    };
    let _ = writeln!(
        out,
        "**Search** (top 20 with snippets; {} queries{mix} × {} timed passes for vochub; FTS5 {} queries, LIKE {}; {})\n",
        queries,
        se.vochub.samples / queries.max(1),
        se.fts5_queries,
        se.like_queries,
        page_fill(&s.raw_search.vochub)
    );
    out.push_str("| ms | vochub | SQLite FTS5 trigram | LIKE scan |\n|---|---|---|---|\n");
    for (name, pick) in [
        ("p50", (|l: &Latency| l.p50) as fn(&Latency) -> f64),
        ("p95", |l| l.p95),
        ("p99", |l| l.p99),
        ("mean", |l| l.mean),
    ] {
        let v = pick(&se.vochub);
        let _ = writeln!(
            out,
            "| {name} | {v:.2} | {:.2} ({}) | {:.2} ({}) |",
            pick(&se.fts5),
            times(ratio(pick(&se.fts5), v)),
            pick(&se.like),
            times(ratio(pick(&se.like), v))
        );
    }
    out.push_str(
        "\n| category (p50 / p99 ms) | vochub | FTS5 trigram | LIKE |\n|---|---|---|---|\n",
    );
    for c in &se.by_category {
        let pair = |l: &Latency| format!("{:.2} / {:.2}", l.p50, l.p99);
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} | {} |",
            c.category,
            c.queries,
            pair(&c.vochub),
            pair(&c.fts5),
            pair(&c.like)
        );
    }
    out.push('\n');
}

fn tui_table(out: &mut String, s: &ScaleReport) {
    let t = &s.tui;
    let _ = writeln!(
        out,
        "**Interface** ({}; {} keystrokes, each searched and drawn; {} showed hits, {} were \
         an unfinished query such as `after:20`)\n",
        t.driver, t.keystrokes.samples, t.showed_hits, t.unfinished
    );
    out.push_str("| first frame | first results | keystroke p50 | p95 | p99 | p99 in CPU time | peak RSS |\n|---|---|---|---|---|---|---|\n");
    let _ = writeln!(
        out,
        "| {:.0} ms | {:.0} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.0} MiB |\n",
        t.first_frame_ms,
        t.first_results_ms,
        t.keystrokes.p50,
        t.keystrokes.p95,
        t.keystrokes.p99,
        t.keystrokes_cpu.p99,
        mib(t.peak_rss)
    );
}

type Figure = fn(&ScaleReport) -> f64;

/// Each figure at each scale, and how much it grew from the first scale to the last.
fn growth(out: &mut String, scales: &[ScaleReport]) {
    out.push_str("## Growth\n\n| figure |");
    for s in scales {
        let _ = write!(out, " {} |", s.corpus.records);
    }
    out.push_str(" last ÷ first |\n|---|");
    for _ in scales {
        out.push_str("---|");
    }
    out.push_str("---|\n");
    let figures: [(&str, Figure); 11] = [
        ("import records/s", |s| s.import.vochub.records_per_sec),
        ("import peak RSS MiB", |s| mib(s.import.vochub.peak_rss)),
        ("on disk ÷ raw text", |s| s.import.vochub.disk_ratio),
        ("search p50 ms", |s| s.search.vochub.p50),
        ("search p99 ms", |s| s.search.vochub.p99),
        ("search p99 CPU ms", |s| s.search.vochub_cpu.p99),
        ("FTS5 p99 ms", |s| s.search.fts5.p99),
        ("LIKE p99 ms", |s| s.search.like.p99),
        ("keystroke p99 ms", |s| s.tui.keystrokes.p99),
        ("first frame ms", |s| s.tui.first_frame_ms),
        ("interface peak RSS MiB", |s| mib(s.tui.peak_rss)),
    ];
    for (name, f) in figures {
        let _ = write!(out, "| {name} |");
        for s in scales {
            let _ = write!(out, " {:.2} |", f(s));
        }
        let (first, last) = (f(&scales[0]), f(&scales[scales.len() - 1]));
        let _ = writeln!(out, " {:.2}× |", ratio(last, first));
    }
    out.push('\n');
}

/// A ratio with the precision it deserves: 0.43×, 3.1×, 250×.
fn times(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}×")
    } else if x >= 10.0 {
        format!("{x:.1}×")
    } else {
        format!("{x:.2}×")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_fill_counts_full_pages_and_skips_queries_not_run() {
        let run = |hits| QueryTimes {
            hits,
            ..Default::default()
        };
        let runs = [run(Some(20)), run(Some(4)), run(None), run(Some(0))];
        assert_eq!(
            page_fill(&runs),
            "vochub's pages held 8.0 lines on average, 1 of 3 a full 20"
        );
    }

    #[test]
    fn a_mix_that_mostly_finds_nothing_is_called_out() {
        // The shipped mix has a few queries meant to find nothing; that alone says nothing.
        assert_eq!(empty_searches(&[0, 0, 12, 3, 40]), None);
        let warning = empty_searches(&[0, 0, 0, 3]).unwrap();
        assert!(
            warning.contains("3 of 4 queries found nothing"),
            "{warning}"
        );
        assert!(warning.contains("--queries"), "{warning}");
    }
}
