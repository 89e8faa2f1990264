//! Saved mappings (`--mapping FILE`): a TOML file that says once how a recurring export is read, so a team's
//! weekly CRM dump needs no `--map` flags. Flags given on the command line still win over the file.
//!
//! ```toml
//! kind = "ticket"                  # optional
//! source = "legacy-crm"            # optional
//! date_format = "%Y年%m月%d日 %H时%M分"  # optional, chrono syntax; tried before the usual formats
//! timezone = "+08:00"              # optional: the offset of dates written without one
//! encoding = "gb18030"             # optional
//! [columns]                        # column → field
//! "单据号" = "id"
//! "客户心声" = "body"
//! "方向" = "inbound"                # optional: rows it marks as the company's are skipped
//! [tags]                           # optional: a multi-value column and its separator
//! column = "标签"
//! separator = "、"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use chrono::FixedOffset;
use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;

use super::{ImportOptions, Target};
use crate::domain::Kind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    kind: Option<String>,
    source: Option<String>,
    date_format: Option<String>,
    timezone: Option<String>,
    encoding: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    tags: Option<Tags>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tags {
    column: String,
    separator: String,
}

/// A mapping file, checked and ready to merge into the options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SavedMapping {
    maps: Vec<(Target, String)>,
    kind: Option<Kind>,
    source: Option<String>,
    date_format: Option<String>,
    timezone: Option<FixedOffset>,
    encoding: Option<String>,
    tag_separator: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("mapping file {file}: {detail}")]
pub struct MappingFileError {
    pub file: String,
    pub detail: String,
}

impl SavedMapping {
    pub fn load(path: &Path) -> Result<SavedMapping, MappingFileError> {
        let fail = |detail: String| MappingFileError {
            file: path.display().to_string(),
            detail,
        };
        let text =
            std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
        Self::parse(&text).map_err(fail)
    }

    pub(crate) fn parse(text: &str) -> Result<SavedMapping, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut maps = Vec::new();
        for (column, field) in &file.columns {
            let target: Target = field
                .parse()
                .map_err(|e| format!("[columns] \"{column}\" = \"{field}\": {e}"))?;
            maps.push((target, column.clone()));
        }
        let mut tag_separator = None;
        if let Some(tags) = file.tags {
            if tags.separator.is_empty() {
                return Err(
                    "[tags] separator is empty; give the text between two tags, e.g. \"、\"".into(),
                );
            }
            maps.retain(|(t, _)| *t != Target::Tags);
            maps.push((Target::Tags, tags.column));
            tag_separator = Some(tags.separator);
        }
        let kind = file
            .kind
            .as_deref()
            .map(|k| k.parse::<Kind>().map_err(|e| format!("kind: {e}")))
            .transpose()?;
        if let Some(fmt) = &file.date_format
            && StrftimeItems::new(fmt).any(|item| matches!(item, Item::Error))
        {
            return Err(format!(
                "date_format '{fmt}' is not a valid chrono format (e.g. \"%d/%m/%Y %H:%M\")"
            ));
        }
        let timezone = file
            .timezone
            .as_deref()
            .map(|tz| {
                parse_offset(tz)
                    .ok_or_else(|| format!("timezone '{tz}' is not an offset like \"+08:00\""))
            })
            .transpose()?;
        Ok(SavedMapping {
            maps,
            kind,
            source: file.source,
            date_format: file.date_format,
            timezone,
            encoding: file.encoding,
            tag_separator,
        })
    }

    /// Fills what the command line left open; the file's columns go first so a `--map` for the same field wins.
    pub fn apply_to(self, opts: &mut ImportOptions) {
        let mut maps = self.maps;
        maps.append(&mut opts.maps);
        opts.maps = maps;
        opts.kind = opts.kind.or(self.kind);
        opts.source = opts.source.take().or(self.source);
        opts.encoding = opts.encoding.take().or(self.encoding);
        opts.date_format = opts.date_format.take().or(self.date_format);
        opts.timezone = opts.timezone.or(self.timezone);
        opts.tag_separator = opts.tag_separator.take().or(self.tag_separator);
    }
}

/// `+08:00`, `+0800`, `UTC`, `Z`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    if matches!(s, "Z" | "z" | "UTC" | "utc") {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_file_merges_under_the_command_line() {
        let saved = SavedMapping::parse(
            "kind = \"ticket\"\nsource = \"crm\"\ndate_format = \"%Y年%m月%d日 %H时%M分\"\ntimezone = \"+08:00\"\n\
             [columns]\n\"客户心声\" = \"body\"\n\"单据号\" = \"id\"\n[tags]\ncolumn = \"标签\"\nseparator = \"、\"\n",
        )
        .unwrap();
        let mut opts = ImportOptions {
            source: Some("override".into()),
            maps: vec![(Target::Id, "编号".into())],
            ..ImportOptions::default()
        };
        saved.apply_to(&mut opts);
        assert_eq!(opts.kind, Some(Kind::Ticket));
        assert_eq!(opts.source.as_deref(), Some("override"));
        assert_eq!(opts.timezone, FixedOffset::east_opt(8 * 3600));
        assert_eq!(opts.tag_separator.as_deref(), Some("、"));
        // The command line's id mapping comes last, so it wins.
        assert_eq!(opts.maps.last(), Some(&(Target::Id, "编号".to_string())));
        assert!(opts.maps.contains(&(Target::Tags, "标签".to_string())));
    }

    #[test]
    fn mistakes_in_the_file_are_named() {
        let cases = [
            (
                "[columns]\n\"x\" = \"bodyy\"\n",
                "[columns] \"x\" = \"bodyy\": unknown field 'bodyy'",
            ),
            ("kind = \"tweet\"\n", "kind: unknown kind 'tweet'"),
            (
                "timezone = \"Beijing\"\n",
                "timezone 'Beijing' is not an offset",
            ),
            (
                "date_format = \"%Q\"\n",
                "date_format '%Q' is not a valid chrono format",
            ),
            ("colums = {}\n", "unknown field `colums`"),
            (
                "[tags]\ncolumn = \"t\"\nseparator = \"\"\n",
                "[tags] separator is empty",
            ),
        ];
        for (text, want) in cases {
            let err = SavedMapping::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
        assert_eq!(
            parse_offset("-0530"),
            FixedOffset::east_opt(-(5 * 3600 + 30 * 60))
        );
    }
}
