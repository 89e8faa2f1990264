//! `vochub explain QUERY`: the parse tree, how each word was folded and segmented, and which
//! fields (through whole words or character grams) matched the top hits, with their scores.

use anyhow::{Result, bail};
use clap::Args;
use serde_json::{Value, json};

use super::output::{marked_snippet, print_json};
use super::search::hit_json;
use crate::domain::query::{DateRange, Expr, SortOrder};
use crate::domain::{counted, sanitize_line};
use crate::service::{Explanation, FieldMatch, Hub, TextField, Via};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The query, exactly as for `search`.
    #[arg(
        value_name = "QUERY",
        required = true,
        num_args = 1..
    )]
    pub query: Vec<String>,
    /// How many of the top hits to explain.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(hub: &Hub, args: ExplainArgs) -> Result<i32> {
    let text = args.query.join(" ");
    if text.trim().is_empty() {
        bail!("the query is empty: give the words or filters to explain, e.g. vochub explain 退款");
    }
    let ex = hub.explain(&text, args.top)?;
    if args.json {
        print_json(&explanation_json(&ex))?;
    } else {
        print_text(&ex);
    }
    Ok(0)
}

fn explanation_json(ex: &Explanation) -> Value {
    let hits: Vec<Value> = ex
        .hits
        .iter()
        .map(|h| {
            let mut v = hit_json(&h.hit);
            v["matches"] = json!(h.matches);
            v
        })
        .collect();
    json!({
        "query": ex.query,
        "parsed": ex.parsed,
        "sort": ex.sort,
        "terms": ex.terms,
        "total": ex.total,
        "hits": hits,
    })
}

fn print_text(ex: &Explanation) {
    println!("query   {}", sanitize_line(&ex.query));
    match &ex.parsed.expr {
        None => println!("parsed  (every record)"),
        Some(e) => {
            println!("parsed");
            for line in tree(e) {
                println!("  {line}");
            }
        }
    }
    println!("sort    {}", sort_name(ex.sort));
    if !ex.terms.is_empty() {
        println!("terms");
    }
    for t in &ex.terms {
        let role = if t.negated { "  (excludes)" } else { "" };
        println!(
            "  {}{role}\n    folded {}\n    words  {}\n    grams  {}",
            sanitize_line(&t.text),
            sanitize_line(&t.folded),
            sanitize_line(&t.words.join(" ")),
            sanitize_line(&t.grams.join(" "))
        );
    }
    println!("top {} of {}", ex.hits.len(), counted(ex.total, "hit"));
    for h in &ex.hits {
        println!(
            "  #{:<6} score {:>7.3}  {}",
            h.hit.record.id,
            h.hit.score,
            marked_snippet(&h.hit.snippet)
        );
        for line in match_lines(&h.matches) {
            println!("           {line}");
        }
        // Field filters and the bonus for words standing together also score; say so, so the
        // figures above visibly add up to the total.
        let rest = h.hit.score - h.matches.iter().map(|m| m.score).sum::<f32>();
        if rest > 0.005 {
            println!("           other clauses (filters, words standing together): {rest:.2}");
        }
    }
}

/// One line per term: "退款: body words 3.20, body grams 1.10".
fn match_lines(matches: &[FieldMatch]) -> Vec<String> {
    let mut terms: Vec<&str> = Vec::new();
    for m in matches {
        if !terms.contains(&m.term.as_str()) {
            terms.push(&m.term);
        }
    }
    terms
        .into_iter()
        .map(|term| {
            let parts: Vec<String> = matches
                .iter()
                .filter(|m| m.term == term)
                .map(|m| format!("{} {} {:.2}", field_name(m.field), via_name(m.via), m.score))
                .collect();
            format!("{}: {}", sanitize_line(term), parts.join(", "))
        })
        .collect()
}

fn sort_name(s: SortOrder) -> &'static str {
    match s {
        SortOrder::Relevance => "relevance",
        SortOrder::Newest => "newest",
        SortOrder::Oldest => "oldest",
    }
}

fn field_name(f: TextField) -> &'static str {
    match f {
        TextField::Body => "body",
        TextField::Title => "title",
        TextField::Author => "author",
    }
}

fn via_name(v: Via) -> &'static str {
    match v {
        Via::Words => "words",
        Via::Grams => "grams",
    }
}

/// The expression as an indented outline, one node per line.
fn tree(e: &Expr) -> Vec<String> {
    fn walk(e: &Expr, depth: usize, out: &mut Vec<String>) {
        let pad = "  ".repeat(depth);
        let line = match e {
            Expr::Word { text } => format!("word {}", sanitize_line(text)),
            Expr::Phrase { text } => format!("phrase \"{}\"", sanitize_line(text)),
            Expr::Field { field, value } => {
                format!("{}: {}", field.as_str(), sanitize_line(value))
            }
            Expr::Date { range } => format!("date {}", date_range(range)),
            Expr::And { .. } => "AND".to_string(),
            Expr::Or { .. } => "OR".to_string(),
            Expr::Not { .. } => "NOT".to_string(),
        };
        out.push(format!("{pad}{line}"));
        match e {
            Expr::And { items } | Expr::Or { items } => {
                items.iter().for_each(|i| walk(i, depth + 1, out))
            }
            Expr::Not { item } => walk(item, depth + 1, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(e, 0, &mut out);
    out
}

/// Half-open, as the index applies it: from the start, up to but not including the end.
fn date_range(r: &DateRange) -> String {
    let at = |t: Option<chrono::DateTime<chrono::FixedOffset>>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M %:z").to_string())
    };
    match (at(r.start), at(r.end)) {
        (Some(s), Some(e)) => format!("from {s} until before {e}"),
        (Some(s), None) => format!("from {s} on"),
        (None, Some(e)) => format!("before {e}"),
        (None, None) => "any".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_outlines_nested_groups() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-18T15:30:00+08:00").unwrap();
        let q =
            crate::domain::query::parse("退款 (物流 OR \"快递 慢\") -tag:价格 date:2026-10", now)
                .unwrap();
        let lines = tree(q.expr.as_ref().unwrap());
        assert_eq!(
            lines,
            [
                "AND",
                "  word 退款",
                "  OR",
                "    word 物流",
                "    phrase \"快递 慢\"",
                "  NOT",
                "    tag: 价格",
                "  date from 2026-10-01 00:00 +08:00 until before 2026-11-01 00:00 +08:00",
            ]
        );
    }
}
