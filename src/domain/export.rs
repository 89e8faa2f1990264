//! Making text safe for the files marketing opens: spreadsheets run cells that look like
//! formulas, and Markdown renders links and HTML.

/// A CSV/TSV cell a spreadsheet will show as text, never run: cells starting with `= + - @`,
/// tab or CR get a leading apostrophe.
pub fn csv_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        // Full-width look-alikes are converted to formulas by some spreadsheets too.
        Some('＝' | '＋' | '－' | '＠') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Markdown text that renders as the literal text: markup characters are backslash-escaped,
/// and `<` `>` become entities so no HTML gets through.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Block markup only counts at the start of a line; a quote card is a single line.
    if text.starts_with(['#', '+', '-', '.', '>', '=']) {
        out.push('\\');
    }
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A web address as a Markdown autolink when it is plainly one (http or https, nothing that could
/// close the link or start markup); anything else is shown as escaped text, never as a link, so an
/// imported `javascript:` address cannot become clickable.
pub fn markdown_link(url: &str) -> String {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    let plain = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`' | '\\'));
    if web && plain {
        format!("<{url}>")
    } else {
        markdown_text(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("好评"), "好评");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            markdown_text("[点我](http://evil) <img src=x>"),
            "\\[点我\\](http://evil) &lt;img src=x&gt;"
        );
        assert_eq!(markdown_text("**粗体**"), "\\*\\*粗体\\*\\*");
        assert_eq!(markdown_text("# 标题 v5.2.0"), "\\# 标题 v5.2.0");
    }

    #[test]
    fn only_plain_web_addresses_become_links() {
        assert_eq!(
            markdown_link("https://x.com/lark/status/1"),
            "<https://x.com/lark/status/1>"
        );
        assert_eq!(markdown_link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(
            markdown_link("https://a.example/x> <img src=y>"),
            "https://a.example/x&gt; &lt;img src=y&gt;"
        );
    }
}
