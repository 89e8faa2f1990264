//! Top hits with near-duplicates collapsed: the best `limit` groups after `offset`, a group being
//! an original and its copies (the `group` fast field). Collapsing here rather than over a fixed
//! window of hits means a wave of a hundred reposts is one line and the page still fills.
//!
//! Each segment keeps its best `offset + limit` groups, ranked by their best hit (the classic
//! first-pass grouping): a hit below the worst kept group is dropped after one comparison, so
//! most hits cost no more than they do in a plain top-k. A group pushed out can only come back
//! with a better hit than the one it lost with, so its rank stays exact. Merging the segments'
//! lists by best hit is exact too: a group missing from its best segment's list is beaten there
//! by `offset + limit` groups that rank above it overall.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::domain::query::SortOrder;

/// The best hit of a group: a bigger key ranks first, then the earlier document.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key {
    score: Score,
    /// The record's time, negated when the oldest come first.
    when: i64,
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.when.cmp(&other.when))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

pub(super) type Rank = (Key, Reverse<DocAddress>);

/// One group on a page: its best hit, and its original's score when the original was seen
/// matching (`None` says only that it was not seen: it may match all the same).
#[derive(Debug, Clone, Copy)]
pub(super) struct GroupHit {
    /// The best hit's score (0 unless by relevance).
    pub score: Score,
    pub addr: DocAddress,
    pub group: u64,
    pub original: Option<Score>,
}

/// A group as a segment kept it.
pub(super) type Kept = (Rank, u64, Option<Score>);

pub(super) struct Collapse {
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
}

impl Collector for Collapse {
    type Fruit = Vec<GroupHit>;
    type Child = SegmentCollapse;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentCollapse {
            ord,
            keep: self.limit + self.offset,
            sort: self.sort,
            groups: seg.fast_fields().u64("group")?,
            ids: seg.fast_fields().u64("id")?,
            dates: seg.fast_fields().i64("ts")?,
            top: Top::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == SortOrder::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Kept>>) -> tantivy::Result<Vec<GroupHit>> {
        // An original lives in one segment and its copies may live in others.
        let mut best: HashMap<u64, (Rank, Option<Score>)> = HashMap::new();
        for (rank, group, original) in fruits.into_iter().flatten() {
            let slot = best.entry(group).or_insert((rank, original));
            slot.0 = slot.0.max(rank);
            slot.1 = slot.1.or(original);
        }
        let mut ranked: Vec<Kept> = best.into_iter().map(|(g, (r, o))| (r, g, o)).collect();
        ranked.sort_unstable_by_key(|&(rank, _, _)| Reverse(rank));
        Ok(ranked
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|((key, Reverse(addr)), group, original)| GroupHit {
                score: key.score,
                addr,
                group,
                original,
            })
            .collect())
    }
}

pub(super) struct SegmentCollapse {
    ord: SegmentOrdinal,
    keep: usize,
    sort: SortOrder,
    groups: Column<u64>,
    ids: Column<u64>,
    dates: Column<i64>,
    top: Top,
}

impl SegmentCollapse {
    fn key(&self, doc: DocId, score: Score) -> Key {
        let ts = self.dates.first(doc).unwrap_or(i64::MIN);
        match self.sort {
            SortOrder::Relevance => Key { score, when: ts },
            SortOrder::Newest => Key {
                score: 0.0,
                when: ts,
            },
            SortOrder::Oldest => Key {
                score: 0.0,
                when: ts.checked_neg().unwrap_or(i64::MAX),
            },
        }
    }
}

impl SegmentCollector for SegmentCollapse {
    type Fruit = Vec<Kept>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let full = self.top.len() >= self.keep;
        // By relevance, most hits lose on the score alone: no column read for them.
        if full
            && self.sort == SortOrder::Relevance
            && self.top.worst().is_some_and(|w| score < w.0.score)
        {
            return;
        }
        let rank = (
            self.key(doc, score),
            Reverse(DocAddress::new(self.ord, doc)),
        );
        if !self.top.would_take(rank, self.keep) {
            return;
        }
        // Written for every record; an index from before the field cannot be open (other schema).
        let id = self.ids.first(doc).unwrap_or(u64::MAX);
        let group = self.groups.first(doc).unwrap_or(id);
        // Noting the original here spares most searches a second query for it.
        let original = (id == group).then_some(rank.0.score);
        self.top.offer(rank, group, self.keep, original);
    }

    fn harvest(self) -> Self::Fruit {
        self.top
            .by_group
            .into_iter()
            .map(|(g, held)| (held.rank, g, held.original))
            .collect()
    }
}

/// The best groups so far, both by rank (to find the worst) and by group (to find a group's hit).
#[derive(Default)]
struct Top {
    by_rank: BTreeMap<Rank, u64>,
    /// Thousands of hits a search reach this map: hashed with Fx, as record ids are not chosen
    /// to collide, the default hasher (built to withstand keys that are) cost more than that.
    by_group: FxHashMap<u64, Held>,
    /// The first of `by_rank`, kept at hand: every hit is compared with it.
    worst: Option<Rank>,
}

/// A kept group: its best hit, and its original's score once the original was offered.
struct Held {
    rank: Rank,
    original: Option<Score>,
}

impl Top {
    fn len(&self) -> usize {
        self.by_rank.len()
    }

    fn worst(&self) -> Option<Rank> {
        self.worst
    }

    /// Whether a hit of this rank could enter or improve the kept groups: not when it is no
    /// better than the worst of a full list (its group, if kept, already has a better hit).
    fn would_take(&self, rank: Rank, keep: usize) -> bool {
        keep > 0 && (self.len() < keep || self.worst().is_some_and(|w| rank > w))
    }

    /// `original`: the hit is the group's original, with its score.
    fn offer(&mut self, rank: Rank, group: u64, keep: usize, original: Option<Score>) {
        if !self.would_take(rank, keep) {
            return;
        }
        match self.by_group.get_mut(&group) {
            Some(held) => {
                held.original = held.original.or(original);
                if rank > held.rank {
                    self.by_rank.remove(&held.rank);
                    self.by_rank.insert(rank, group);
                    held.rank = rank;
                }
            }
            None => {
                if self.by_rank.len() >= keep
                    && let Some((_, out)) = self.by_rank.pop_first()
                {
                    self.by_group.remove(&out);
                }
                self.by_rank.insert(rank, group);
                self.by_group.insert(group, Held { rank, original });
            }
        }
        self.worst = self.by_rank.keys().next().copied();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(score: f32, doc: u32) -> Rank {
        (Key { score, when: 0 }, Reverse(DocAddress::new(0, doc)))
    }

    /// Offers (score, group) hits in order, keeping `keep` groups; the kept (group, score), best first.
    fn run(hits: &[(f32, u64)], keep: usize) -> Vec<(u64, f32)> {
        let mut top = Top::default();
        for (doc, &(score, group)) in hits.iter().enumerate() {
            top.offer(rank(score, doc as u32), group, keep, None);
        }
        let mut out: Vec<(Rank, u64)> = top.by_rank.into_iter().collect();
        out.sort_by_key(|&(rank, _)| Reverse(rank));
        out.into_iter().map(|(r, g)| (g, r.0.score)).collect()
    }

    #[test]
    fn a_group_is_one_entry_at_its_best_hit() {
        let hits = [(1.0, 7), (3.0, 7), (2.0, 8), (0.5, 7), (2.5, 9)];
        assert_eq!(run(&hits, 5), vec![(7, 3.0), (9, 2.5), (8, 2.0)]);
    }

    #[test]
    fn a_group_pushed_out_comes_back_at_its_true_best() {
        // Group 1 is pushed out by 2 and 3, then returns with a better hit than before.
        let hits = [(1.0, 1), (2.0, 2), (3.0, 3), (4.0, 1), (0.1, 4)];
        assert_eq!(run(&hits, 2), vec![(1, 4.0), (3, 3.0)]);
    }

    #[test]
    fn a_wave_of_copies_leaves_room_for_the_other_groups() {
        let mut hits: Vec<(f32, u64)> = (0..100).map(|i| (10.0 + i as f32, 1)).collect();
        hits.extend([(5.0, 2), (4.0, 3), (3.0, 4)]);
        let got: Vec<u64> = run(&hits, 3).into_iter().map(|(g, _)| g).collect();
        assert_eq!(got, vec![1, 2, 3]);
    }

    #[test]
    fn a_kept_group_remembers_its_original_whichever_comes_first() {
        let mut top = Top::default();
        // Group 1: the original first, then a better copy. Group 2: a copy, then the original.
        top.offer(rank(1.0, 0), 1, 3, Some(1.0));
        top.offer(rank(2.0, 1), 1, 3, None);
        top.offer(rank(3.0, 2), 2, 3, None);
        top.offer(rank(0.5, 3), 2, 3, Some(0.5));
        top.offer(rank(0.7, 4), 3, 3, None);
        let held = |g: u64| {
            let h = &top.by_group[&g];
            (h.rank.0.score, h.original)
        };
        assert_eq!(held(1), (2.0, Some(1.0)));
        assert_eq!(held(2), (3.0, Some(0.5)));
        assert_eq!(held(3), (0.7, None));
    }

    #[test]
    fn equal_keys_rank_the_earlier_document_first() {
        assert!(rank(1.0, 3) > rank(1.0, 4));
        assert!(rank(2.0, 9) > rank(1.0, 1));
    }
}
