//! Ids a file gives twice. An export can list a ticket again after it changed, so the later row is the one
//! kept; the sink is warned with both lines, so the user can see which copy won.

use rustc_hash::FxHashMap;

use super::record::truncate;
use crate::domain::NewFeedback;

/// Where each (source, id) of one file was last seen, by `NewFeedback::own_id_key`: a line, or for a
/// folder of message files, the message's number in reading order.
#[derive(Default)]
pub(crate) struct SeenIds {
    seen: FxHashMap<u64, usize>,
}

/// Where a record was read: a line of the file, or the n-th message file of a folder (from 1).
pub(crate) enum Place {
    Line(usize),
    Member(usize),
}

impl SeenIds {
    /// The warning for `rec`, read at `place`, when an earlier record of the file had its source and
    /// id; `member` names a message file by its number.
    pub(crate) fn check<'m>(
        &mut self,
        rec: &NewFeedback,
        place: &Place,
        member: impl Fn(usize) -> &'m str,
    ) -> Option<String> {
        let at = match place {
            Place::Line(at) | Place::Member(at) => *at,
        };
        let earlier = self.seen.insert(rec.own_id_key()?, at)?;
        let id = truncate(rec.own_id().unwrap_or_default(), 60);
        Some(match place {
            // Minified JSON: every record is on line 1.
            Place::Line(line) if earlier == *line => {
                format!("id {id:?} also earlier on this line; the later row is kept")
            }
            Place::Line(_) => format!("id {id:?} also on line {earlier}; the later row is kept"),
            Place::Member(n) => format!(
                "message {}: id {id:?} also in message {}; this later one is kept",
                member(*n),
                member(earlier)
            ),
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

    fn line(seen: &mut SeenIds, rec: &NewFeedback, line: usize) -> Option<String> {
        seen.check(rec, &Place::Line(line), |_| "")
    }

    #[test]
    fn a_repeated_id_names_the_line_it_was_last_seen_on() {
        let mut seen = SeenIds::default();
        assert_eq!(line(&mut seen, &rec("a", Some("same")), 2), None);
        assert_eq!(
            line(&mut seen, &rec("b", Some("same")), 3),
            None,
            "other source"
        );
        assert_eq!(line(&mut seen, &rec("a", None), 4), None);
        assert_eq!(
            line(&mut seen, &rec("a", None), 5),
            None,
            "no id: nothing to repeat"
        );
        assert_eq!(
            line(&mut seen, &rec("a", Some(" same ")), 6).as_deref(),
            Some("id \"same\" also on line 2; the later row is kept")
        );
        assert_eq!(
            line(&mut seen, &rec("a", Some("same")), 9).as_deref(),
            Some("id \"same\" also on line 6; the later row is kept")
        );
        assert_eq!(
            line(&mut seen, &rec("a", Some("same")), 9).as_deref(),
            Some("id \"same\" also earlier on this line; the later row is kept")
        );
    }

    #[test]
    fn a_repeated_message_id_names_both_message_files() {
        let mut seen = SeenIds::default();
        let names = ["cur/1.eml", "new/2.eml", "new/3.eml"];
        let mut check =
            |n: usize, id| seen.check(&rec("mail", Some(id)), &Place::Member(n), |i| names[i - 1]);
        assert_eq!(check(1, "<a@x>"), None);
        assert_eq!(check(2, "<b@x>"), None);
        assert_eq!(
            check(3, "<a@x>").as_deref(),
            Some(
                "message new/3.eml: id \"<a@x>\" also in message cur/1.eml; this later one is kept"
            )
        );
    }
}
