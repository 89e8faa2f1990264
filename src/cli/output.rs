//! Plain-text output helpers: customer text is sanitised before it reaches the terminal, and
//! columns are padded by display width (a Chinese character takes two cells).

use std::io::IsTerminal;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::sanitize_line;
use crate::service::Snippet;

/// Truncates to `width` display cells (adding "…"), then pads to exactly `width`.
pub fn fit(text: &str, width: usize) -> String {
    let clean = sanitize_line(text);
    let mut out = String::new();
    let mut used = 0;
    let total = UnicodeWidthStr::width(clean.as_str());
    let limit = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    for c in clean.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > limit {
            break;
        }
        out.push(c);
        used += w;
    }
    if total > width {
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// A snippet with its matches marked: reverse video on a terminal, 【】 when piped.
/// The marks are ours; every piece between them came from a customer and is cleaned.
pub fn marked_snippet(s: &Snippet) -> String {
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\u{1b}[7m", "\u{1b}[0m")
    } else {
        ("【", "】")
    };
    s.segments()
        .into_iter()
        .map(|(piece, hit)| {
            let clean = sanitize_line(piece);
            if hit {
                format!("{open}{clean}{close}")
            } else {
                clean
            }
        })
        .collect()
}

pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
