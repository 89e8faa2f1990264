//! Themes: how widely each is heard, and the rules that tag records automatically.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Hub, Result, ServiceError, now};
use crate::domain::query::{Expr, Field};
use crate::domain::{TagChange, ThemeSummary, normalize_theme};

/// Weeks of history in a theme's sparkline.
pub const WEEKS: usize = 12;

const DEFAULT_RULES: &str = include_str!("../../assets/themes.toml");
const RULES_USER: &str = "bundled rules (assets/themes.toml)";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeRule {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub query: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    theme: Vec<ThemeRule>,
}

/// Where a user's own rules live.
pub fn user_rules_path() -> Option<PathBuf> {
    crate::config::default_config_path().map(|p| p.with_file_name("themes.toml"))
}

fn parse_rules(text: &str, origin: &str) -> Result<Vec<ThemeRule>> {
    let file: RulesFile = toml::from_str(text)
        .map_err(|e| ServiceError::Invalid(format!("theme rules in {origin}: {e}")))?;
    file.theme
        .into_iter()
        .map(|mut r| {
            r.name = normalize_theme(&r.name)
                .map_err(|e| ServiceError::Invalid(format!("theme rules in {origin}: {e}")))?;
            Ok(r)
        })
        .collect()
}

impl Hub {
    pub fn themes(&self) -> Result<Vec<ThemeSummary>> {
        Ok(self.store.theme_summaries(WEEKS, now())?)
    }

    /// The bundled rules plus the user's own file (when it exists).
    pub fn theme_rules(&self) -> Result<Vec<ThemeRule>> {
        let mut rules = parse_rules(DEFAULT_RULES, RULES_USER)?;
        if let Some(path) = user_rules_path().filter(|p| p.exists()) {
            rules.extend(load_rules_file(&path)?);
        }
        Ok(rules)
    }

    /// Tags what each rule matches — every record, or only `only` (the records an import just
    /// added). Returns (theme, records newly tagged) per rule that changed something.
    ///
    /// Tags go to the store rule by rule and the index catches up once at the end (a catch-up
    /// per rule cost a writer, a commit and a segment each), or earlier when a rule asks for
    /// themes that an earlier rule may have just set.
    pub fn apply_theme_rules(
        &mut self,
        rules: &[ThemeRule],
        only: Option<&[i64]>,
    ) -> Result<Vec<(String, usize)>> {
        self.catch_up()?;
        // Noted once, now: later the index lags behind this call's own tags, which it still
        // holds (with their themes before), and which are not missing from it.
        self.note_missed()?;
        let mut out = Vec::new();
        let keep: Option<std::collections::HashSet<i64>> =
            only.map(|ids| ids.iter().copied().collect());
        let mut index_behind = false;
        for rule in rules {
            let in_rule =
                |e: ServiceError| ServiceError::Invalid(format!("theme rule '{}': {e}", rule.name));
            let parsed = self.parse_query(&rule.query).map_err(in_rule)?;
            if index_behind && asks_for_themes(parsed.expr.as_ref()) {
                self.catch_up()?;
                index_behind = false;
            }
            let mut ids = self.ids_matching(&parsed).map_err(in_rule)?;
            if let Some(keep) = &keep {
                ids.retain(|id| keep.contains(id));
            }
            if ids.is_empty() {
                continue;
            }
            let stamp = now().to_rfc3339();
            if let Some(d) = &rule.description {
                self.store.set_theme_description(&rule.name, d, &stamp)?;
            }
            let result = self.store.apply_tags(
                &ids,
                &[TagChange::Add(rule.name.clone())],
                "rules",
                &stamp,
            )?;
            if result.changed > 0 {
                index_behind = true;
                out.push((rule.name.clone(), result.changed));
            }
        }
        if index_behind {
            self.catch_up()?;
        }
        Ok(out)
    }
}

/// Does the query filter on themes (`tag:`)?
fn asks_for_themes(e: Option<&Expr>) -> bool {
    let mut found = false;
    if let Some(e) = e {
        e.for_each_leaf(&mut |leaf, _| {
            found |= matches!(
                leaf,
                Expr::Field {
                    field: Field::Tag,
                    ..
                }
            )
        });
    }
    found
}

pub fn load_rules_file(path: &Path) -> Result<Vec<ThemeRule>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ServiceError::Invalid(format!("cannot read {}: {e}", path.display())))?;
    parse_rules(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_parse() {
        let rules = parse_rules(DEFAULT_RULES, RULES_USER).unwrap();
        assert!(rules.len() >= 5);
        for r in &rules {
            crate::domain::query::parse(&r.query, now()).unwrap();
        }
    }
}
