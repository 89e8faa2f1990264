//! Near-duplicates fold into one line inside the index's collector: a wave of reposts larger
//! than the page still leaves the page full, and pages follow each other without repeats.

use chrono::{DateTime, Duration};
use vochub::config::Config;
use vochub::domain::query::SortOrder;
use vochub::domain::{Kind, NewFeedback};
use vochub::service::{Hub, ImportOptions, ImportRequest, SearchOptions, SearchPage};

const WAVE: &str = "云雀手表S3表带戴三周就断了，客服只让自己买新的，大家千万别买！";

fn post(n: usize, minutes: i64, body: &str) -> NewFeedback {
    let mut r = NewFeedback::new("weibo", Kind::Social, body);
    r.external_id = Some(format!("p{n}"));
    let start = DateTime::parse_from_rfc3339("2026-10-01T09:00:00+08:00").unwrap();
    r.created_at = Some(start + Duration::minutes(minutes));
    r
}

/// Five complaints of their own, then the wave's original and 40 reposts, all newer.
fn hub_with_a_wave(dir: &std::path::Path) -> Hub {
    let mut hub = Hub::open(dir, Config::default()).unwrap();
    let own = [
        "表带扣子第二天就松了，走路会自己弹开",
        "换了新表带以后屏幕一直闪，重启也没用",
        "表带的颜色和官网图片差别很大，偏黄",
        "表带太硬，夏天戴着出汗手腕起红疹子",
        "买了两条备用表带，尺寸都不对，退货还要自付运费",
    ];
    let mut recs: Vec<NewFeedback> = own
        .iter()
        .enumerate()
        .map(|(i, b)| post(i, i as i64, b))
        .collect();
    recs.push(post(100, 60, WAVE));
    for i in 0..40 {
        // Reposts carry a mark the original lacks (a lone character and a number: nothing the
        // fingerprint weighs), so a query for it matches only the copies.
        recs.push(post(101 + i, 61 + i as i64, &format!("{WAVE} 转{i}")));
    }
    let summary = hub.ingest(&recs).unwrap();
    assert_eq!(summary.inserted, 46);
    hub
}

fn page(hub: &Hub, query: &str, limit: usize, offset: usize, sort: SortOrder) -> SearchPage {
    let opts = SearchOptions {
        limit,
        offset,
        sort: Some(sort),
        ..Default::default()
    };
    hub.search(query, &opts).unwrap()
}

fn ext_ids(p: &SearchPage) -> Vec<String> {
    p.hits
        .iter()
        .map(|h| h.record.external_id.clone())
        .collect()
}

#[test]
fn a_wave_larger_than_the_page_is_one_line_and_the_page_still_fills() {
    let dir = tempfile::tempdir().unwrap();
    let hub = hub_with_a_wave(dir.path());
    let copies = page(&hub, "表带", 0, 0, SortOrder::Newest);
    let waves: Vec<_> = copies.hits.iter().filter(|h| h.duplicates > 0).collect();
    assert_eq!(waves.len(), 1, "the reposts link to the original");
    assert_eq!(waves[0].duplicates, 40);

    // The 41 newest matches are the wave: newest first, four lines are the wave and three more.
    // By date the wave shows its newest copy, so the dates down the page stay in order, and it
    // counts the rest of the wave: the original and 39 other copies.
    let p = page(&hub, "表带", 4, 0, SortOrder::Newest);
    assert_eq!(p.total, 46, "every record is counted");
    assert_eq!(ext_ids(&p), ["p140", "p4", "p3", "p2"]);
    assert_eq!(p.hits[0].duplicates, 40);
    let original = page(&hub, "别买 -转", 1, 0, SortOrder::Newest);
    assert_eq!(ext_ids(&original), ["p100"]);
    assert_eq!(p.hits[0].duplicate_of, Some(original.hits[0].record.id));
    let dates: Vec<_> = p.hits.iter().map(|h| h.record.created_at).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let oldest = page(&hub, "别买", 1, 0, SortOrder::Oldest);
    assert_eq!(
        ext_ids(&oldest),
        ["p100"],
        "oldest first, the original leads"
    );
    assert_eq!(oldest.hits[0].duplicates, 40);

    for sort in [SortOrder::Relevance, SortOrder::Oldest] {
        let p = page(&hub, "表带", 4, 0, sort);
        assert_eq!(p.hits.len(), 4, "{sort:?}: {:?}", ext_ids(&p));
        let wave = p
            .hits
            .iter()
            .filter(|h| h.record.body.contains("别买"))
            .count();
        assert!(wave <= 1, "{sort:?}: {:?}", ext_ids(&p));
    }
    let unfolded = SearchOptions {
        limit: 4,
        sort: Some(SortOrder::Newest),
        fold_duplicates: false,
        ..Default::default()
    };
    let p = hub.search("表带", &unfolded).unwrap();
    assert_eq!(ext_ids(&p), ["p140", "p139", "p138", "p137"]);
}

#[test]
fn pages_of_folded_hits_follow_each_other_without_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let hub = hub_with_a_wave(dir.path());
    for sort in [SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest] {
        let all = ext_ids(&page(&hub, "表带", 0, 0, sort));
        assert_eq!(all.len(), 6, "{sort:?}: five complaints and the wave");
        let mut paged = Vec::new();
        for offset in [0, 2, 4] {
            paged.extend(ext_ids(&page(&hub, "表带", 2, offset, sort)));
        }
        assert_eq!(paged, all, "{sort:?}");
        assert!(page(&hub, "表带", 2, 6, sort).hits.is_empty());
    }
}

#[test]
fn copies_alone_matching_show_as_one_copy_pointing_at_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let hub = hub_with_a_wave(dir.path());
    let p = page(&hub, "转", 10, 0, SortOrder::Newest);
    assert_eq!(p.total, 40);
    assert_eq!(ext_ids(&p), ["p140"], "the newest copy stands for the wave");
    let original = page(&hub, "别买 -转", 10, 0, SortOrder::Newest);
    assert_eq!(ext_ids(&original), ["p100"]);
    assert_eq!(p.hits[0].duplicate_of, Some(original.hits[0].record.id));
}

#[test]
fn an_original_the_collector_passed_over_is_still_the_one_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = Hub::open(dir.path(), Config::default()).unwrap();
    // One import, merged into one segment: the original (oldest) and a newer complaint, which
    // keeps the original off a one-line page there (all scores equal, below). Then its copy, the newest, in a segment
    // of its own: the wave's best hit, and the original was never kept where it was seen.
    let file = dir.path().join("earlier.csv");
    std::fs::write(
        &file,
        format!(
            "id,created_at,body,source,kind\n\
             p2,2026-10-01T09:00:00+08:00,{WAVE},weibo,social\n\
             p1,2026-10-01T09:30:00+08:00,表带扣子第二天就松了，走路会自己弹开,weibo,social\n"
        ),
    )
    .unwrap();
    let paths = [file];
    let req = ImportRequest::new(&paths, ImportOptions::default());
    assert_eq!(hub.import(&req, &mut |_| {}).unwrap().inserted, 2);
    hub.ingest(&[post(3, 90, &format!("{WAVE}！"))]).unwrap();
    // A query of filters alone scores every match alike, and equal scores rank the newer first:
    // ranked by relevance, the copy places the wave, and its original is shown for it.
    let p = page(&hub, "kind:social", 1, 0, SortOrder::Relevance);
    assert_eq!(ext_ids(&p), ["p2"]);
    assert_eq!(p.hits[0].duplicates, 1);
}
