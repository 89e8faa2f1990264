//! Fitting text into columns by display width: truncation with an ellipsis, padding, and the
//! same for a row of styled spans. A wide character that would straddle the edge is left out
//! rather than cut in half, and an emoji sequence is never split (see `wrap`).

use ratatui::text::Span;

use unicode_segmentation::UnicodeSegmentation;

use super::wrap::{grapheme_width, str_width};

/// At most `width` columns; ends with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Truncated or padded with spaces to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = str_width(&t);
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// Like `pad`, with the text against the right edge.
pub fn pad_left(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = str_width(&t);
    format!("{}{t}", " ".repeat(width.saturating_sub(w)))
}

/// Cuts a row of spans to `width` columns, keeping each span's style.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    if total <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut left = width;
    for s in spans {
        let w = str_width(&s.content);
        if w < left {
            left -= w;
            out.push(s);
            continue;
        }
        out.push(Span::styled(truncate(&s.content, left), s.style));
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_wide_characters() {
        assert_eq!(truncate("物流太慢了", 6), "物流…");
        assert_eq!(truncate("物流太慢了", 5), "物流…");
        assert_eq!(truncate("物流", 4), "物流");
        assert_eq!(pad("物流", 6), "物流  ");
        assert_eq!(pad_left("12", 4), "  12");
        let spans = fit_spans(vec![Span::raw("退款"), Span::raw("物流太慢")], 7);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "退款物…");
        // A skin-toned thumb is cut whole or not at all.
        assert_eq!(truncate("ab👍🏼cd", 4), "ab…");
        assert_eq!(truncate("ab👍🏼cd", 5), "ab👍🏼…");
    }
}
