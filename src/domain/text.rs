//! Making customer text safe to put on a terminal. A social comment can carry `ESC ]52` (write
//! the clipboard), `ESC [2J` (clear the screen) or a bare CR that overwrites a line; none of it
//! may reach the terminal as a control.

/// Removes escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC forms) and every
/// C0/C1 control character except newline and tab; a carriage return becomes a newline.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(needs_work) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 introducers for the same sequences.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            // Bidi overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Characters that take no space and spell nothing: zero-width space, non-joiner and joiner, word
/// joiner, the byte-order mark (zero-width no-break space) and the soft hyphen. Text pasted from web
/// pages and chat apps carries them between letters, where they would split words for search and
/// make a body of nothing look like text.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// One line: like `sanitize`, with newlines and tabs as spaces.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace(['\n', '\t'], " ")
}

fn needs_work(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        // ESC plus an intermediate byte and a final byte (charset selection and alike).
        Some(c) if (' '..='/').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars) {
    // Parameters and intermediates, up to and including the final byte @..~.
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
        if !(' '..='?').contains(&c) {
            break;
        }
    }
}

fn skip_string(chars: &mut Chars) {
    // Terminated by BEL, ST (ESC \) or C1 ST.
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_sequences_and_controls() {
        assert_eq!(sanitize("好\u{1b}[2J评"), "好评");
        assert_eq!(sanitize("a\u{1b}]52;c;aGk=\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]0;title\u{1b}\\b"), "ab");
        assert_eq!(sanitize("x\u{1b}P1$r\u{1b}\\y"), "xy");
        assert_eq!(sanitize("hide\u{1b}[8mme"), "hideme");
        assert_eq!(sanitize("over\rwrite"), "over\nwrite");
        assert_eq!(sanitize("nul\0bell\u{7}c1\u{9b}31m"), "nulbellc1");
        assert_eq!(sanitize("正常\n文本\t"), "正常\n文本\t");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }
}
