//! Themes (tags): hierarchical names like `物流/延迟` or `pricing/discount`.

use super::Refusal;

/// Cleans a theme name as a user or a source typed it: segments trimmed, empty segments dropped.
/// Case is kept for display; comparisons elsewhere ignore it.
pub fn normalize_theme(raw: &str) -> Result<String, Refusal> {
    let segments: Vec<&str> = raw
        .split(['/', '／'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() {
        return Err(Refusal::ThemeEmpty(raw.to_string()));
    }
    if let Some(bad) = raw.chars().find(|c| c.is_control()) {
        return Err(Refusal::ThemeControl {
            name: raw.to_string(),
            code: bad as u32,
        });
    }
    let name = segments.join("/");
    if name.chars().count() > 100 {
        return Err(Refusal::ThemeTooLong {
            chars: name.chars().count(),
        });
    }
    Ok(name)
}

/// The theme and every ancestor: `物流/延迟/同城` → `物流`, `物流/延迟`, `物流/延迟/同城`.
/// Indexed this way, `tag:物流` finds records tagged with any theme below it.
pub fn theme_with_ancestors(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut acc = String::new();
    for seg in name.split('/') {
        if !acc.is_empty() {
            acc.push('/');
        }
        acc.push_str(seg);
        out.push(acc.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize_theme(" 物流 / 延迟 ").unwrap(), "物流/延迟");
        assert_eq!(
            normalize_theme("pricing//discount/").unwrap(),
            "pricing/discount"
        );
        assert!(normalize_theme(" / ").is_err());
        assert!(normalize_theme("a\u{1b}[2J").is_err());
    }

    #[test]
    fn ancestors() {
        assert_eq!(theme_with_ancestors("物流/延迟"), vec!["物流", "物流/延迟"]);
    }
}
