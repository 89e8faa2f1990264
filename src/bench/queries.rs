//! The query mix: one query a line, `[name]` lines start a category, `#` lines are comments.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// The mix shipped with vochub (see the file for how it was chosen).
pub const DEFAULT_MIX: &str = include_str!("../../assets/bench_queries.txt");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchQuery {
    pub category: String,
    pub text: String,
}

pub fn load(path: Option<&Path>) -> Result<Vec<BenchQuery>> {
    let (text, origin) = match path {
        Some(p) => (
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the query file {}", p.display()))?,
            p.display().to_string(),
        ),
        None => (DEFAULT_MIX.to_string(), "assets/bench_queries.txt".into()),
    };
    let queries = parse(&text);
    if queries.is_empty() {
        bail!("{origin} holds no queries: write one query a line");
    }
    Ok(queries)
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
    fn default_mix_parses_in_the_query_language() {
        let mix = load(None).unwrap();
        assert!(categories(&mix).len() >= 6);
        for q in &mix {
            query::parse(&q.text, crate::service::now()).unwrap();
        }
    }
}
