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
    cut(s, width)
}

/// The start of `s` and `…`, in at most `width` columns, whether or not `s` would fit: for text
/// that something else follows which is left out.
fn cut(s: &str, width: usize) -> String {
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

/// Columns a row of spans takes.
pub fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| str_width(&s.content)).sum()
}

/// Cuts a row of spans to `width` columns, keeping each span's style; a row cut short ends in `…`.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    if spans_width(&spans) <= width {
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
        // The row goes on past this span: it ends with the sign even where the span would just
        // fit, or what follows would vanish without a trace.
        out.push(Span::styled(cut(&s.content, left), s.style));
        break;
    }
    out
}

/// Columns the last part of a row keeps, at the least, when it is cut rather than left out.
const MIN_CUT: usize = 12;

/// A row of parts, each with how much it is needed (higher: kept longer). While the row is too
/// wide the least needed part is left out (of equals, the later one); the last part is cut with
/// `…` instead once every part before it is needed as much, if `MIN_CUT` columns of it would show.
pub fn fit_parts(mut parts: Vec<(u8, Vec<Span<'static>>)>, width: usize) -> Vec<Span<'static>> {
    loop {
        let widths: Vec<usize> = parts.iter().map(|(_, p)| spans_width(p)).collect();
        let total: usize = widths.iter().sum();
        let Some(((last_need, _), last_w)) = parts.last().zip(widths.last()) else {
            break;
        };
        if total <= width {
            break;
        }
        let least = parts.iter().map(|(need, _)| *need).min().unwrap_or(0);
        let room = width.saturating_sub(total - last_w);
        if least >= *last_need && room >= MIN_CUT {
            break;
        }
        let Some(i) = parts.iter().rposition(|(need, _)| *need == least) else {
            break;
        };
        parts.remove(i);
    }
    fit_spans(parts.into_iter().flat_map(|(_, p)| p).collect(), width)
}

/// The first of several renderings of a row, widest first, that fits in `width`; the last one
/// cut to fit when none does.
pub fn first_fitting(
    candidates: impl IntoIterator<Item = Vec<Span<'static>>>,
    width: usize,
) -> Vec<Span<'static>> {
    let mut last = Vec::new();
    for c in candidates {
        if spans_width(&c) <= width {
            return c;
        }
        last = c;
    }
    fit_spans(last, width)
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

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_row_cut_where_a_span_ends_still_shows_the_cut() {
        // "退款" fills the 4 columns exactly; 物流 after it must not vanish unmarked.
        let spans = fit_spans(vec![Span::raw("退款"), Span::raw("物流")], 4);
        assert_eq!(text(&spans), "退…");
        let spans = fit_spans(vec![Span::raw("ab"), Span::raw("cd")], 4);
        assert_eq!(text(&spans), "abcd", "a row that fits is left whole");
    }

    #[test]
    fn the_least_needed_parts_go_first_and_the_last_is_cut_with_a_sign() {
        let part = |need: u8, t: &str| (need, vec![Span::raw(t.to_string())]);
        let row = || {
            vec![
                part(9, "Date 2026-06-07 03:08"),
                part(1, " +00:00"),
                part(2, " Language en"),
                part(8, " Queues Product new p2"),
                part(5, " Link https://example.com/tickets/20260607"),
            ]
        };
        assert_eq!(
            text(&fit_parts(row(), 200)),
            "Date 2026-06-07 03:08 +00:00 Language en Queues Product new p2 Link https://example.com/tickets/20260607"
        );
        // Time zone and language go before the link is cut; the link keeps what room is left.
        let cut = text(&fit_parts(row(), 60));
        assert_eq!(
            cut,
            "Date 2026-06-07 03:08 Queues Product new p2 Link https://ex…"
        );
        // Too little room for a useful piece of the link: it goes, the queue stays whole.
        let narrow = text(&fit_parts(row(), 48));
        assert_eq!(narrow, "Date 2026-06-07 03:08 Queues Product new p2");
    }

    #[test]
    fn the_first_rendering_that_fits_is_taken() {
        let long = vec![Span::raw("Marketing queue")];
        let short = vec![Span::raw("Marketing")];
        assert_eq!(
            text(&first_fitting([long.clone(), short.clone()], 12)),
            "Marketing"
        );
        assert_eq!(text(&first_fitting([long, short], 6)), "Marke…");
    }
}
