//! Keys → named actions. The defaults carry vim keys and arrow keys side by side; the config's
//! `[keys]` table replaces the keys of any action it names. Help is generated from this map, so
//! what `?` shows is always what the keys do.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::i18n::{Language, Msg};

/// A key as the keymap knows it: the key plus whether ctrl or alt was held. Shift is folded into
/// the character (`G`, `?`), since terminals disagree on reporting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

const DEFAULTS: &[(&str, &[&str])] = &[
    ("quit", &["q", "ctrl-c"]),
    ("back", &["esc"]),
    ("help", &["?", "f1"]),
    ("focus_query", &["/"]),
    ("up", &["k", "up"]),
    ("down", &["j", "down"]),
    ("page_up", &["pageup", "ctrl-b"]),
    ("page_down", &["pagedown", "ctrl-f"]),
    ("top", &["g", "home"]),
    ("bottom", &["G", "end"]),
    ("open", &["enter"]),
    ("left", &["h", "left"]),
    ("right", &["l", "right"]),
    ("word_next", &["w"]),
    ("word_prev", &["b"]),
    ("sentence_next", &[")"]),
    ("sentence_prev", &["("]),
    ("select", &["v"]),
    ("mark", &["space"]),
    ("tag", &["t"]),
    ("untag", &["T"]),
    ("route", &["r"]),
    ("save_quote", &["s"]),
    ("cycle_scope", &["tab"]),
    ("undo", &["u"]),
    ("screen_search", &["1"]),
    ("screen_themes", &["2"]),
    ("screen_product", &["3"]),
    ("screen_marketing", &["4"]),
    ("screen_quotes", &["5"]),
    ("screen_journal", &["6"]),
    ("saved_searches", &["'"]),
    ("next_status", &[">"]),
    ("prev_status", &["<"]),
    ("filter_status", &["f"]),
    ("note", &["n"]),
    ("assign", &["a"]),
    ("export", &["e"]),
    ("copy", &["y"]),
    ("reload", &["ctrl-r", "f5"]),
];

#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: BTreeMap<Key, Action>,
    /// Action name → its keys as written, for help.
    by_name: BTreeMap<&'static str, Vec<String>>,
}

/// A config binding that could not be used; the interface shows these in its status line,
/// `vochub keys` prints them (in English, its `Display`).
#[derive(Debug, Clone, PartialEq)]
pub enum KeymapProblem {
    NoSuchAction(String),
    BadKey { action: String, key: String },
}

impl KeymapProblem {
    pub fn words(&self, lang: Language) -> String {
        match self {
            KeymapProblem::NoSuchAction(name) => lang.f(Msg::KeyNoAction, &[name]),
            KeymapProblem::BadKey { action, key } => lang.f(Msg::KeyUnreadable, &[action, key]),
        }
    }
}

impl fmt::Display for KeymapProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(Language::En))
    }
}

impl Keymap {
    pub fn defaults() -> Keymap {
        Self::with_overrides(&BTreeMap::new()).0
    }

    /// The defaults with each action named in `overrides` bound to the given keys instead.
    /// Unknown action names and unparsable keys are reported, not fatal.
    pub fn with_overrides(
        overrides: &BTreeMap<String, Vec<String>>,
    ) -> (Keymap, Vec<KeymapProblem>) {
        let mut problems = Vec::new();
        for name in overrides.keys() {
            if Action::from_name(name).is_none() {
                problems.push(KeymapProblem::NoSuchAction(name.clone()));
            }
        }
        let mut by_name = BTreeMap::new();
        for (name, _) in Action::NAMED {
            let keys: Vec<String> = match overrides.get(*name) {
                Some(keys) => keys.clone(),
                None => DEFAULTS
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, k)| k.iter().map(|s| s.to_string()).collect())
                    .unwrap_or_default(),
            };
            by_name.insert(*name, keys);
        }
        let mut by_key = BTreeMap::new();
        // Overridden actions are bound last so that a key moved onto them wins over its default.
        let order = by_name
            .iter()
            .filter(|(n, _)| !overrides.contains_key(**n))
            .chain(by_name.iter().filter(|(n, _)| overrides.contains_key(**n)));
        for (name, keys) in order {
            let Some(action) = Action::from_name(name) else {
                continue;
            };
            for text in keys {
                match parse_key(text) {
                    Some(key) => {
                        by_key.insert(key, action.clone());
                    }
                    None => problems.push(KeymapProblem::BadKey {
                        action: name.to_string(),
                        key: text.clone(),
                    }),
                }
            }
        }
        // A key taken over by an override no longer belongs to its old action in help either.
        let mut keymap = Keymap { by_key, by_name };
        keymap.drop_shadowed();
        (keymap, problems)
    }

    fn drop_shadowed(&mut self) {
        let by_key = &self.by_key;
        for (name, keys) in self.by_name.iter_mut() {
            keys.retain(|k| {
                parse_key(k)
                    .and_then(|key| by_key.get(&key))
                    .and_then(Action::name)
                    == Some(*name)
            });
        }
    }

    pub fn action(&self, key: &Key) -> Option<Action> {
        self.by_key.get(key).cloned()
    }

    /// The keys bound to an action, as a person would type them into the config.
    pub fn keys_of(&self, name: &str) -> &[String] {
        self.by_name.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first key of an action, for hints ("? help").
    pub fn hint(&self, name: &str) -> String {
        self.keys_of(name).first().cloned().unwrap_or_default()
    }
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let code = match ev.code {
            KeyCode::Char(c) => Code::Char(c),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => Code::BackTab,
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::F(n) => Code::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        })
    }

    pub fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
}

/// Keys while typing text: letters are text, and only fixed editing keys are commands, so a
/// rebinding can never make a letter impossible to type.
pub fn typing_action(key: &Key) -> Option<Action> {
    let action = match key.code {
        Code::Char('c') if key.ctrl => Action::Quit,
        Code::Char('w') if key.ctrl => Action::DeleteWord,
        Code::Char('u') if key.ctrl => Action::ClearInput,
        Code::Char('h') if key.ctrl => Action::Backspace,
        Code::Char(c) if !key.ctrl && !key.alt => Action::Input(c),
        Code::Esc => Action::Back,
        Code::Enter => Action::Open,
        Code::Backspace => Action::Backspace,
        Code::Left => Action::Left,
        Code::Right => Action::Right,
        Code::Home => Action::Top,
        Code::End => Action::Bottom,
        Code::Up => Action::Up,
        Code::Down => Action::Down,
        Code::PageUp => Action::PageUp,
        Code::PageDown => Action::PageDown,
        Code::Tab => Action::CycleScope,
        _ => return None,
    };
    Some(action)
}

/// Reads "q", "G", "ctrl-c", "alt-x", "space", "enter", "pagedown", "f5".
pub fn parse_key(text: &str) -> Option<Key> {
    let mut ctrl = false;
    let mut alt = false;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("c-")) {
            ctrl = true;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("alt-").or(lower.strip_prefix("m-")) {
            alt = true;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => Code::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        _ => match rest.to_ascii_lowercase().as_str() {
            "space" => Code::Char(' '),
            "enter" | "return" => Code::Enter,
            "esc" | "escape" => Code::Esc,
            "tab" => Code::Tab,
            "backtab" | "shift-tab" => Code::BackTab,
            "backspace" => Code::Backspace,
            "delete" | "del" => Code::Delete,
            "up" => Code::Up,
            "down" => Code::Down,
            "left" => Code::Left,
            "right" => Code::Right,
            "home" => Code::Home,
            "end" => Code::End,
            "pageup" | "pgup" => Code::PageUp,
            "pagedown" | "pgdn" => Code::PageDown,
            f if f.starts_with('f') => {
                Code::F(f[1..].parse().ok().filter(|n| *n >= 1 && *n <= 24)?)
            }
            _ => return None,
        },
    };
    Some(Key { code, ctrl, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        parse_key(s).unwrap()
    }

    #[test]
    fn every_action_has_a_default_key() {
        let km = Keymap::defaults();
        for (name, _) in Action::NAMED {
            assert!(!km.keys_of(name).is_empty(), "{name} has no key");
        }
    }

    #[test]
    fn vim_and_arrows_both_work() {
        let km = Keymap::defaults();
        assert!(matches!(km.action(&key("j")), Some(Action::Down)));
        assert!(matches!(km.action(&key("down")), Some(Action::Down)));
        assert!(matches!(km.action(&key("ctrl-c")), Some(Action::Quit)));
        assert!(matches!(km.action(&key("G")), Some(Action::Bottom)));
    }

    #[test]
    fn override_moves_a_key_and_reports_mistakes() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["x".to_string()]);
        o.insert(
            "help".to_string(),
            vec!["q".to_string(), "ctrl-nope".to_string()],
        );
        o.insert("fly".to_string(), vec!["z".to_string()]);
        let (km, problems) = Keymap::with_overrides(&o);
        assert!(matches!(km.action(&key("x")), Some(Action::Quit)));
        assert!(matches!(km.action(&key("q")), Some(Action::Help)));
        assert_eq!(km.keys_of("quit"), ["x"]);
        assert_eq!(km.keys_of("help"), ["q"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.to_string().contains("fly")));
        assert!(problems.iter().any(|p| p.to_string().contains("ctrl-nope")));
        let zh: Vec<String> = problems.iter().map(|p| p.words(Language::Zh)).collect();
        assert!(zh.iter().any(|t| t.contains("没有这个操作")), "{zh:?}");
        assert!(
            zh.iter().any(|t| t.contains("无法识别按键“ctrl-nope”")),
            "{zh:?}"
        );
    }

    #[test]
    fn parses_key_names() {
        assert_eq!(key("ctrl-C"), key("ctrl-c"));
        assert_eq!(key("space").code, Code::Char(' '));
        assert_eq!(key("f5").code, Code::F(5));
        assert_eq!(key("PageDown").code, Code::PageDown);
        assert!(parse_key("f99").is_none());
        assert!(parse_key("").is_none());
    }
}
