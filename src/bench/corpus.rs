//! The corpus a run measures: a file the user names, or real Chinese customer text grown to N
//! records. Growing repeats the texts of `../shared/data/zh_*.csv` (the GB18030 one included) with
//! new ids, dates and customer handles, so every record is distinct to the store while the
//! language stays real. Without that folder the project's own `sample-data/` is grown instead.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use serde::{Deserialize, Serialize};

use crate::domain::{Lang, NewFeedback, detect_lang};
use crate::service::{Hub, ImportOptions};

/// Where the grown texts came from, and the corpus file a run imports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Corpus {
    pub path: PathBuf,
    pub records: usize,
    /// Bytes of the file as handed to the importer.
    pub file_bytes: u64,
    /// UTF-8 bytes of what customers wrote (body, title, author): the yardstick for sizes on disk.
    pub text_bytes: u64,
    /// The files the texts were taken from, or the corpus the user named.
    pub origin: Vec<String>,
    /// Grown with `--distinct`: texts that seldom repeat.
    #[serde(default)]
    pub distinct: bool,
    /// Grown with `--short`: every text cut to about half its length.
    #[serde(default)]
    pub short: bool,
    /// Most of its records are English: without `--queries`, the English mix is timed.
    #[serde(default)]
    pub english: bool,
}

/// Dates are spread over these three years, so date ranges and sort:newest have work to do.
const FIRST_DAY: (i32, u32, u32) = (2023, 1, 1);
const SPAN_DAYS: i64 = 3 * 365;
/// Distinct customer handles in a grown corpus.
const CUSTOMERS: u64 = 5_000;

/// Reads a corpus file the user supplied, to know its size in records and text.
pub fn describe(path: &Path) -> Result<Corpus> {
    let preview = Hub::preview(path, &ImportOptions::default(), usize::MAX)
        .with_context(|| format!("cannot read the corpus {}", path.display()))?;
    let text_bytes = preview.sample.iter().map(text_len).sum();
    let english = preview
        .sample
        .iter()
        .filter(|r| detect_lang(&r.body) == Lang::En)
        .count();
    Ok(Corpus {
        path: path.to_path_buf(),
        records: preview.sample.len(),
        file_bytes: std::fs::metadata(path)?.len(),
        text_bytes,
        origin: vec![path.display().to_string()],
        distinct: false,
        short: false,
        english: english * 2 > preview.sample.len(),
    })
}

/// The texts to grow from: the shared Chinese data when present, else `sample-data/`.
pub fn seeds(shared: Option<&Path>) -> Result<(Vec<NewFeedback>, Vec<String>)> {
    let found = shared.map(Path::to_path_buf).or_else(|| {
        candidates("../shared/data")
            .into_iter()
            .find(|d| !zh_files(d).is_empty())
    });
    let mut files: Vec<(PathBuf, Option<String>)> = Vec::new();
    match found.as_deref().map(zh_files) {
        Some(zh) if !zh.is_empty() => {
            for f in zh {
                let short = short_source(&f);
                files.push((f, Some(short)));
            }
        }
        _ => {
            eprintln!(
                "bench: no Chinese data in ../shared/data (zh_*.csv); growing the project's sample-data/ instead"
            );
            let dir = candidates("sample-data")
                .into_iter()
                .find(|d| d.is_dir())
                .context("neither ../shared/data nor sample-data/ was found: run from the project root or pass --corpus FILE")?;
            for f in sorted_files(&dir) {
                files.push((f, None));
            }
        }
    }
    let mut seeds = Vec::new();
    let mut origin = Vec::new();
    for (file, source) in files {
        let opts = ImportOptions {
            source,
            ..Default::default()
        };
        match Hub::preview(&file, &opts, usize::MAX) {
            Ok(p) => {
                origin.push(format!("{} ({} records)", file.display(), p.sample.len()));
                seeds.extend(p.sample);
            }
            Err(e) => eprintln!("bench: skipping {}: {e}", file.display()),
        }
    }
    if seeds.is_empty() {
        bail!("no records could be read to grow a corpus from; pass --corpus FILE");
    }
    Ok((seeds, origin))
}

/// Writes `n` records grown from `seeds` as CSV (the commonest export) to `path`; with `distinct`,
/// texts past the first round are joined from two real ones (see [`joined`]); with `short`, each
/// text is cut to about half its length (see [`shortened`]).
pub fn grow(
    seeds: &[NewFeedback],
    origin: &[String],
    n: usize,
    distinct: bool,
    short: bool,
    path: &Path,
) -> Result<Corpus> {
    let mut w = csv::Writer::from_path(path)
        .with_context(|| format!("cannot write the corpus {}", path.display()))?;
    w.write_record([
        "id",
        "created_at",
        "author",
        "title",
        "body",
        "source",
        "kind",
        "rating",
    ])?;
    let mut text_bytes = 0u64;
    for i in 0..n {
        let seed = &seeds[spread(i, seeds.len())];
        let mut r = variant(seed, i as u64);
        if distinct && i >= seeds.len() {
            let other = &seeds[(mix(!(i as u64)) % seeds.len() as u64) as usize];
            r.body = match short {
                // A quarter of each: the two halves of a short text still come from two records.
                true => joined(shortened(&seed.body), &other.body[middle(&other.body)..]),
                false => joined(&seed.body, &other.body),
            };
        } else if short {
            r.body = shortened(&r.body).to_string();
        }
        text_bytes += text_len(&r);
        let rating = r.rating.map(|x| x.to_string()).unwrap_or_default();
        w.write_record([
            r.external_id.as_deref().unwrap_or(""),
            &r.created_at.map(|d| d.to_rfc3339()).unwrap_or_default(),
            r.author.as_deref().unwrap_or(""),
            r.title.as_deref().unwrap_or(""),
            &r.body,
            &r.source,
            r.kind.as_str(),
            &rating,
        ])?;
    }
    w.flush()?;
    drop(w);
    Ok(Corpus {
        path: path.to_path_buf(),
        records: n,
        file_bytes: std::fs::metadata(path)?.len(),
        text_bytes,
        origin: origin.to_vec(),
        distinct,
        short,
        // Grown from Chinese texts (sample-data/ is mostly Chinese too): the default mix.
        english: false,
    })
}

/// The first half of `a`'s characters and the second half of `b`'s: a text of about the same
/// length, made of what customers wrote, that few other records repeat. Repeating the real texts
/// makes nearly every record a near-duplicate, which costs the store and the index far less than
/// distinct text does (a million distinct records imported in over twice the time when the store
/// looked near-duplicates up in SQLite); this is the measure of the unflattered case.
fn joined(a: &str, b: &str) -> String {
    format!("{}{}", &a[..middle(a)], &b[middle(b)..])
}

/// The first half of a text's characters. The grown corpus holds about 200 bytes of text a record
/// (200 MB at a million); shortened, about 100 MB, where what each record costs beside its text
/// (ids, dates, index entries) weighs twice as much against it.
fn shortened(s: &str) -> &str {
    &s[..middle(s)]
}

/// The byte offset of the character at the middle of `s`.
fn middle(s: &str) -> usize {
    s.char_indices()
        .nth(s.chars().count() / 2)
        .map_or(s.len(), |(at, _)| at)
}

/// The i-th grown record: the seed's words, with its own id, date and (when the seed had none)
/// customer handle, all derived from `i` so runs are repeatable.
fn variant(seed: &NewFeedback, i: u64) -> NewFeedback {
    let mut r = seed.clone();
    r.external_id = Some(format!("bench-{i}"));
    let h = mix(i);
    let offset = Duration::seconds((h % (SPAN_DAYS as u64 * 86_400)) as i64);
    r.created_at = first_day().map(|d| d + offset);
    if r.author.is_none() {
        r.author = Some(format!("客户{:04}", (h >> 32) % CUSTOMERS));
    }
    r
}

/// Midnight in Beijing, where most of the customers write from.
fn first_day() -> Option<DateTime<FixedOffset>> {
    let (y, m, d) = FIRST_DAY;
    FixedOffset::east_opt(8 * 3600)?
        .with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
}

/// Walks the seeds with a stride coprime to their count, so every file is represented at any
/// size (a corpus smaller than the seeds would otherwise hold only the first file's texts).
fn spread(i: usize, len: usize) -> usize {
    const STRIDE: usize = 7_919;
    let stride = if len.is_multiple_of(STRIDE) {
        1
    } else {
        STRIDE
    };
    (i % len) * stride % len
}

/// splitmix64: a cheap, well-spread hash so dates and handles look random but never change.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn text_len(r: &NewFeedback) -> u64 {
    (r.body.len()
        + r.title.as_ref().map_or(0, String::len)
        + r.author.as_ref().map_or(0, String::len)) as u64
}

/// `rel` under the working directory, then under the source tree this binary was built from.
fn candidates(rel: &str) -> Vec<PathBuf> {
    vec![
        PathBuf::from(rel),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel),
    ]
}

fn zh_files(dir: &Path) -> Vec<PathBuf> {
    sorted_files(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("zh_") && n.ends_with(".csv"))
        })
        .collect()
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file() && !is_readme(p))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn is_readme(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "md")
}

/// `zh_weibo_senti_sample.csv` → `weibo`: short enough to type in `source:`.
fn short_source(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.split('_')
        .find(|p| !p.is_empty() && *p != "zh")
        .unwrap_or(&stem)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    #[test]
    fn grown_records_are_distinct_and_repeatable() {
        let seed = NewFeedback::new("weibo", Kind::Social, "服务态度很好");
        let a = variant(&seed, 7);
        let b = variant(&seed, 8);
        assert_ne!(a.external_id, b.external_id);
        assert_eq!(a.created_at, variant(&seed, 7).created_at);
        assert_eq!(a.body, "服务态度很好");
        assert!(a.author.is_some());
    }

    #[test]
    fn spread_visits_every_seed_once_per_round() {
        for len in [1, 2, 10, 7_919, 15_838] {
            let mut seen: Vec<usize> = (0..len).map(|i| spread(i, len)).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), len);
        }
    }

    #[test]
    fn grows_a_readable_csv() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = vec![
            NewFeedback::new("weibo", Kind::Social, "快递太慢了，三天都没动"),
            NewFeedback::new("reviews", Kind::Review, "酒店早餐不错，交通方便"),
        ];
        let path = dir.path().join("c.csv");
        let c = grow(&seeds, &[], 5, false, false, &path).unwrap();
        assert_eq!(c.records, 5);
        let back = describe(&path).unwrap();
        assert_eq!(back.records, 5);
        assert_eq!(back.text_bytes, c.text_bytes);
    }

    /// Two texts of ten characters each.
    fn two_seeds() -> Vec<NewFeedback> {
        vec![
            NewFeedback::new("weibo", Kind::Social, "快递太慢了三天都没动"),
            NewFeedback::new("reviews", Kind::Review, "酒店早餐不错交通方便"),
        ]
    }

    #[test]
    fn distinct_growth_keeps_the_first_round_and_joins_halves_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = two_seeds();
        let path = dir.path().join("c.csv");
        grow(&seeds, &[], 6, true, false, &path).unwrap();
        let back = Hub::preview(&path, &ImportOptions::default(), usize::MAX).unwrap();
        let bodies: Vec<&str> = back.sample.iter().map(|r| r.body.as_str()).collect();
        assert_eq!(
            &bodies[..2],
            &["快递太慢了三天都没动", "酒店早餐不错交通方便"]
        );
        for b in &bodies[2..] {
            assert_eq!(b.chars().count(), 10, "{b}");
            assert!(
                b.starts_with("快递太慢了") || b.starts_with("酒店早餐不"),
                "{b}"
            );
            assert!(
                b.ends_with("三天都没动") || b.ends_with("错交通方便"),
                "{b}"
            );
        }
        let mixed = bodies[2..]
            .iter()
            .any(|b| b.starts_with("快递") != b.ends_with("没动"));
        assert!(mixed, "some texts join two different records: {bodies:?}");
        assert_eq!(joined("一二三", ""), "一");
        assert_eq!(joined("", "一二三"), "二三");
    }

    #[test]
    fn short_growth_halves_each_text_and_keeps_distinct_ones_apart() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = two_seeds();
        let bodies = |distinct: bool| {
            let path = dir.path().join(format!("{distinct}.csv"));
            let c = grow(&seeds, &[], 40, distinct, true, &path).unwrap();
            assert!(c.short);
            let back = Hub::preview(&path, &ImportOptions::default(), usize::MAX).unwrap();
            back.sample.into_iter().map(|r| r.body).collect::<Vec<_>>()
        };
        for b in bodies(false) {
            assert!(["快递太慢了", "酒店早餐不"].contains(&b.as_str()), "{b}");
        }
        let distinct = bodies(true);
        assert_eq!(&distinct[..2], &["快递太慢了", "酒店早餐不"]);
        for b in &distinct[2..] {
            // The first quarter of one text and the last (rounded up) of another.
            assert_eq!(b.chars().count(), 5, "{b}");
            assert!(b.starts_with("快递") || b.starts_with("酒店"), "{b}");
            assert!(b.ends_with("都没动") || b.ends_with("通方便"), "{b}");
        }
        assert!(
            distinct[2..]
                .iter()
                .any(|b| b.starts_with("快递") != b.ends_with("都没动")),
            "some texts join two different records: {distinct:?}"
        );
    }

    #[test]
    fn short_names_for_shared_files() {
        assert_eq!(
            short_source(Path::new("zh_weibo_senti_sample.csv")),
            "weibo"
        );
        assert_eq!(short_source(Path::new("tickets.json")), "tickets");
    }
}
