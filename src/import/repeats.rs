//! Ids a file gives twice. An export can list a ticket again after it changed, so the later row is the one
//! kept; the sink is warned with both lines, so the user can see which copy won.

use std::hash::{DefaultHasher, Hash, Hasher};

use rustc_hash::FxHashMap;

use super::record::truncate;
use crate::domain::NewFeedback;

/// The line each (source, id) of one file was last seen on. Keyed by a 64-bit hash of the pair rather than
/// the id itself: a million ids kept as strings would hold some 70 MB for the length of an import.
#[derive(Default)]
pub(crate) struct SeenIds {
    lines: FxHashMap<u64, usize>,
}

impl SeenIds {
    /// The warning for `rec`, read on `line`, when an earlier row of the file had its source and id.
    pub(crate) fn check(&mut self, rec: &NewFeedback, line: usize) -> Option<String> {
        let id = rec
            .external_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())?;
        let mut h = DefaultHasher::new();
        (rec.source.as_str(), id).hash(&mut h);
        let earlier = self.lines.insert(h.finish(), line)?;
        let id = truncate(id, 60);
        Some(if earlier == line {
            // Minified JSON: every record is on line 1.
            format!("id {id:?} also earlier on this line; the later row is kept")
        } else {
            format!("id {id:?} also on line {earlier}; the later row is kept")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn rec(source: &str, id: Option<&str>) -> NewFeedback {
        let mut r = NewFeedback::new(source, Kind::Ticket, "正文");
        r.external_id = id.map(str::to_string);
        r
    }

    #[test]
    fn a_repeated_id_names_the_line_it_was_last_seen_on() {
        let mut seen = SeenIds::default();
        assert_eq!(seen.check(&rec("a", Some("same")), 2), None);
        assert_eq!(seen.check(&rec("b", Some("same")), 3), None, "other source");
        assert_eq!(seen.check(&rec("a", None), 4), None);
        assert_eq!(
            seen.check(&rec("a", None), 5),
            None,
            "no id: nothing to repeat"
        );
        assert_eq!(
            seen.check(&rec("a", Some(" same ")), 6).as_deref(),
            Some("id \"same\" also on line 2; the later row is kept")
        );
        assert_eq!(
            seen.check(&rec("a", Some("same")), 9).as_deref(),
            Some("id \"same\" also on line 6; the later row is kept")
        );
        assert_eq!(
            seen.check(&rec("a", Some("same")), 9).as_deref(),
            Some("id \"same\" also earlier on this line; the later row is kept")
        );
    }
}
