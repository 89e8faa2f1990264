//! The query mix: one query a line, `[name]` lines start a category, `#` lines are comments.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// The mix shipped with vochub (see the file for how it was chosen).
pub const DEFAULT_MIX: &str = include_str!("../../assets/bench_queries.txt");
/// The mix for a corpus whose records are mostly English.
pub const ENGLISH_MIX: &str = include_str!("../../assets/bench_queries_en.txt");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchQuery {
    pub category: String,
    pub text: String,
}

/// A query mix and where it came from, which the report names.
#[derive(Debug, Clone)]
pub struct Mix {
    pub origin: String,
    pub queries: Vec<BenchQuery>,
}

/// The user's own mix.
pub fn load(path: &Path) -> Result<Mix> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the query file {}", path.display()))?;
    let queries = parse(&text);
    if queries.is_empty() {
        bail!(
            "{} holds no queries: write one query a line",
            path.display()
        );
    }
    Ok(Mix {
        origin: path.display().to_string(),
        queries,
    })
}

/// One of the mixes vochub ships: Chinese words fit the grown corpus and most Chinese data; on
/// English data they would find nothing, and a search that finds nothing times nothing.
pub fn shipped(english: bool) -> Mix {
    let (text, origin) = if english {
        (ENGLISH_MIX, "assets/bench_queries_en.txt")
    } else {
        (DEFAULT_MIX, "assets/bench_queries.txt")
    };
    Mix {
        origin: origin.into(),
        queries: parse(text),
    }
}

pub fn parse(text: &str) -> Vec<BenchQuery> {
    let mut category = "queries".to_string();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            category = name.trim().to_string();
            continue;
        }
        out.push(BenchQuery {
            category: category.clone(),
            text: line.to_string(),
        });
    }
    out
}

/// Categories in the order they first appear.
pub fn categories(queries: &[BenchQuery]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in queries {
        if !out.contains(&q.category) {
            out.push(q.category.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query;

    #[test]
    fn categories_and_comments() {
        let q = parse("# c\n退款\n[phrase]\n\"服务态度\"\n\n[x]\na b\n");
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].category, "queries");
        assert_eq!(q[1].category, "phrase");
        assert_eq!(categories(&q), vec!["queries", "phrase", "x"]);
    }

    #[test]
    fn shipped_mixes_parse_in_the_query_language() {
        for english in [false, true] {
            let mix = shipped(english);
            assert!(categories(&mix.queries).len() >= 6, "{}", mix.origin);
            for q in &mix.queries {
                query::parse(&q.text, crate::service::now())
                    .unwrap_or_else(|e| panic!("{}: {}: {e}", mix.origin, q.text));
            }
        }
        // The two mixes time the same kinds of search, so their reports compare.
        assert_eq!(
            categories(&shipped(true).queries),
            categories(&shipped(false).queries)
        );
    }

    #[test]
    fn a_file_without_queries_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mix.txt");
        std::fs::write(&path, "# only a comment\n[single word]\n").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(
            err.contains("mix.txt") && err.contains("no queries"),
            "{err}"
        );
    }
}
