//! Records a query could not see: stored, but not yet in the search index, which another vochub
//! command holds while it adds them. Every command that runs a query says so once it has run,
//! in one wording, and a command that changed what its query matched says those were left out.

use super::Command;
use super::themes::ThemesAction;
use crate::domain::counted;
use crate::service::Hub;

/// What a command did with the records its queries matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acted {
    /// Listed, counted or explained them.
    Shown,
    Tagged,
    Routed,
    /// `themes apply`: tagged them by the theme rules.
    RulesTagged,
}

impl Acted {
    /// `None` for a command whose answer no missing record changes: one that runs no query, or
    /// runs one only to check it (`saved add`) or on the records it just indexed itself (import).
    pub fn by(command: &Command) -> Option<Acted> {
        Some(match command {
            Command::Search(_) | Command::Explain(_) => Acted::Shown,
            Command::Tag(a) if a.dry_run => Acted::Shown,
            Command::Tag(_) => Acted::Tagged,
            Command::Route(a) if a.dry_run => Acted::Shown,
            Command::Route(_) => Acted::Routed,
            Command::Themes(a) => match a.action {
                Some(ThemesAction::Apply { .. }) => Acted::RulesTagged,
                _ => return None,
            },
            Command::Saved(a) if a.action.is_none() => Acted::Shown,
            _ => return None,
        })
    }

    /// What became of the records it could not see, and what to do.
    fn consequence(self, one: bool) -> String {
        let them = if one { "it" } else { "them" };
        let was = if one { "it was" } else { "they were" };
        match self {
            Acted::Shown => format!(
                "what this command found leaves {them} out: run it again when that has finished"
            ),
            Acted::Tagged => {
                format!("{was} not tagged: run the same tag again when that has finished")
            }
            Acted::Routed => {
                format!("{was} not routed: run the same route again when that has finished")
            }
            Acted::RulesTagged => format!(
                "the theme rules did not tag {them}: run `vochub themes apply` again when that \
                 has finished"
            ),
        }
    }
}

/// The sentence for `n` records the command's queries could not see.
pub fn message(n: u64, acted: Acted) -> String {
    let one = n == 1;
    format!(
        "{} {} not searchable yet: another vochub command is adding {} to the search index; {}",
        counted(n, "stored record"),
        if one { "is" } else { "are" },
        if one { "it" } else { "them" },
        acted.consequence(one)
    )
}

pub fn warn(hub: &Hub, acted: Acted) {
    let n = hub.missed();
    if n > 0 {
        eprintln!("vochub: {}", message(n, acted));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_says_the_records_it_could_not_see_were_left_out() {
        let tagged = message(3, Acted::Tagged);
        assert!(
            tagged.starts_with("3 stored records are not searchable yet"),
            "{tagged}"
        );
        assert!(tagged.contains("they were not tagged"), "{tagged}");
        let routed = message(1, Acted::Routed);
        assert!(
            routed.starts_with("1 stored record is not searchable yet"),
            "{routed}"
        );
        assert!(routed.contains("adding it to"), "{routed}");
        assert!(routed.contains("it was not routed"), "{routed}");
    }
}
