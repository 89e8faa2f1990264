//! The structural side of JSON import: where the records are (an array, an array inside a wrapper object, or
//! objects in a row) and where each one starts and ends. Only brackets and strings are tracked, in one linear
//! pass with an explicit stack, so deep nesting cannot overflow and huge files cost no more than reading them;
//! serde_json validates each element afterwards.

use super::ImportError;

/// Array names that usually hold the records when a wrapper object has several arrays.
const WRAPPER_KEYS: &[&str] = &[
    "data",
    "items",
    "records",
    "results",
    "rows",
    "tickets",
    "comments",
    "reviews",
    "entries",
    "posts",
    "statuses",
    "messages",
    "feedback",
    "responses",
    "conversations",
];

/// Where the records are: the elements of the array opening at `open`, or whole values from `from` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    Array { open: usize, top_level: bool },
    Values { from: usize },
    Nothing,
}

impl Container {
    pub(crate) fn element_name(self) -> &'static str {
        match self {
            Container::Values { .. } => "top-level value",
            _ => "array element",
        }
    }
}

pub(crate) fn locate(text: &str, file: &str) -> Result<Container, ImportError> {
    let b = text.as_bytes();
    let open = skip_ws(b, 0);
    match b.get(open) {
        Some(b'[') => Ok(Container::Array {
            open,
            top_level: true,
        }),
        Some(b'{') => Ok(locate_in_object(b, open)),
        _ => Err(ImportError::Malformed {
            file: file.to_string(),
            line: 1 + text[..open].matches('\n').count(),
            detail:
                "expected JSON to start with '[' or '{'; if this is CSV or TSV, pass --format csv"
                    .into(),
        }),
    }
}

/// Picks the array of objects inside a wrapper object; several objects in a row, or one object without
/// such an array, are records themselves.
fn locate_in_object(b: &[u8], open: usize) -> Container {
    if let Ok(end) = skip_value(b, open)
        && b.get(skip_ws(b, end)) == Some(&b'{')
    {
        return Container::Values { from: open };
    }
    struct Candidate {
        key: String,
        open: usize,
        len: usize,
        objects: bool,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut pos = open + 1;
    loop {
        pos = skip_ws(b, pos);
        match b.get(pos) {
            Some(b',') => pos += 1,
            Some(b'"') => {
                let Ok(key_end) = skip_string(b, pos) else {
                    break;
                };
                let key: String = std::str::from_utf8(&b[pos..key_end])
                    .ok()
                    .and_then(|k| serde_json::from_str(k).ok())
                    .unwrap_or_default();
                pos = skip_ws(b, key_end);
                if b.get(pos) != Some(&b':') {
                    break;
                }
                let start = skip_ws(b, pos + 1);
                let end = skip_value(b, start);
                if b.get(start) == Some(&b'[') {
                    let first = skip_ws(b, start + 1);
                    let len = end.as_ref().map_or(b.len(), |e| e - start);
                    candidates.push(Candidate {
                        key,
                        open: start,
                        len,
                        objects: b.get(first) == Some(&b'{'),
                    });
                }
                match end {
                    Ok(end) => pos = end,
                    Err(_) => break,
                }
            }
            _ => break,
        }
    }
    let known = |c: &Candidate| WRAPPER_KEYS.contains(&c.key.to_ascii_lowercase().as_str());
    let chosen = candidates
        .iter()
        .filter(|c| c.objects)
        .max_by_key(|c| (known(c), c.len))
        .or_else(|| candidates.iter().find(|c| c.len <= 2 && known(c)));
    match chosen {
        Some(c) if c.objects => Container::Array {
            open: c.open,
            top_level: false,
        },
        Some(_) => Container::Nothing,
        None => Container::Values { from: open },
    }
}

pub(crate) enum Item<'a> {
    Value {
        start: usize,
        index: usize,
        text: &'a str,
    },
    Broken {
        at: usize,
        reason: String,
    },
}

/// Iterates over the elements of a container; stops after the first structural break.
pub(crate) struct Elements<'a> {
    text: &'a str,
    container: Container,
    pos: usize,
    index: usize,
    need_comma: bool,
    done: bool,
}

impl<'a> Elements<'a> {
    pub(crate) fn new(text: &'a str, container: Container) -> Self {
        let (pos, done) = match container {
            Container::Array { open, .. } => (open + 1, false),
            Container::Values { from } => (from, false),
            Container::Nothing => (0, true),
        };
        Elements {
            text,
            container,
            pos,
            index: 0,
            need_comma: false,
            done,
        }
    }

    fn broken(&mut self, at: usize, reason: String) -> Option<Item<'a>> {
        self.done = true;
        Some(Item::Broken { at, reason })
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let b = self.text.as_bytes();
        let in_array = matches!(self.container, Container::Array { .. });
        while !self.done {
            self.pos = skip_ws(b, self.pos);
            let Some(&c) = b.get(self.pos) else {
                self.done = true;
                if in_array {
                    return self.broken(
                        self.pos,
                        "the array is never closed (the file ends early)".into(),
                    );
                }
                return None;
            };
            if in_array && c == b']' {
                self.done = true;
                let after = skip_ws(b, self.pos + 1);
                if matches!(
                    self.container,
                    Container::Array {
                        top_level: true,
                        ..
                    }
                ) && after < b.len()
                {
                    return self.broken(
                        after,
                        "unexpected content after the array; it was not read".into(),
                    );
                }
                return None;
            }
            if c == b',' && (self.need_comma || !in_array) {
                self.pos += 1;
                self.need_comma = false;
                continue;
            }
            if in_array && self.need_comma {
                let found = self
                    .text
                    .get(self.pos..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or(' ');
                let reason = format!(
                    "expected ',' or ']' after array element {}, found '{found}'; the rest of the array was not read",
                    self.index.saturating_sub(1)
                );
                return self.broken(self.pos, reason);
            }
            let start = self.pos;
            match skip_value(b, start) {
                Ok(end) => {
                    self.pos = end;
                    self.need_comma = true;
                    self.index += 1;
                    let text = self.text.get(start..end).unwrap_or("");
                    return Some(Item::Value {
                        start,
                        index: self.index - 1,
                        text,
                    });
                }
                Err(problem) => {
                    let reason = format!(
                        "{} {} is cut off: {problem}; nothing after it could be read",
                        self.container.element_name(),
                        self.index
                    );
                    return self.broken(start, reason);
                }
            }
        }
        None
    }
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && matches!(b[pos], b' ' | b'\t' | b'\n' | b'\r') {
        pos += 1;
    }
    pos
}

/// End of the string starting at the quote at `pos`.
fn skip_string(b: &[u8], pos: usize) -> Result<usize, &'static str> {
    let mut i = pos + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err("a string is never closed")
}

/// End of the value starting at `pos`, found structurally (brackets and strings); serde_json validates it later.
pub(crate) fn skip_value(b: &[u8], pos: usize) -> Result<usize, &'static str> {
    match b.get(pos) {
        None => Err("the file ends where a value was expected"),
        Some(b'"') => skip_string(b, pos),
        Some(b'[' | b'{') => {
            let mut stack: Vec<u8> = Vec::new();
            let mut i = pos;
            while i < b.len() {
                match b[i] {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    open @ (b'[' | b'{') => stack.push(if open == b'[' { b']' } else { b'}' }),
                    close @ (b']' | b'}') => {
                        if stack.pop() != Some(close) {
                            return Err("a bracket does not match the one it closes");
                        }
                        if stack.is_empty() {
                            return Ok(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            Err("an object or array is never closed (the file ends early)")
        }
        Some(_) => {
            let end = b[pos..]
                .iter()
                .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                .map_or(b.len(), |n| pos + n);
            if end == pos {
                Err("a value is missing")
            } else {
                Ok(end)
            }
        }
    }
}
