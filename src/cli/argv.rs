//! A query may start with '-' (`vochub search -退款`, an exclusion), and a word of it may too
//! (`vochub search 物流 -快递`). clap reads such a word as an option; told to take hyphens as
//! values (`allow_hyphen_values`), it takes every word after the first as one, real options
//! included (`--limit 5` would join the query), and a mistyped `--limt` too. So, before clap
//! reads the command line, the words given to a command that takes a query are put after a
//! `--`, in their order, and the options it knows stay before it: what the person typed, as they
//! meant it, whichever order they typed it in.

use std::ffi::OsString;

use clap::{Command, CommandFactory};

use super::Cli;

/// The command line, with the query words of a query-taking command after a `--`.
pub fn arrange(args: Vec<OsString>) -> Vec<OsString> {
    let mut root = Cli::command();
    root.build();
    arrange_for(&root, args)
}

fn arrange_for(root: &Command, args: Vec<OsString>) -> Vec<OsString> {
    let mut rest = args.into_iter();
    let mut out: Vec<OsString> = rest.next().into_iter().collect();
    let mut cmd = root;
    // Up to the command that takes the query, everything stays as typed.
    while !takes_query(cmd) {
        let Some(arg) = rest.next() else {
            return out;
        };
        if arg == "--" {
            out.push(arg);
            out.extend(rest);
            return out;
        }
        if let Some(sub) = arg.to_str().and_then(|name| cmd.find_subcommand(name)) {
            cmd = sub;
        } else if option(cmd, &arg) == Some(true)
            && let Some(value) = rest.next()
        {
            out.push(arg);
            out.push(value);
            continue;
        }
        out.push(arg);
    }
    let mut words = Vec::new();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            words.extend(rest.by_ref());
            break;
        }
        match option(cmd, &arg) {
            None => words.push(arg),
            Some(takes_value) => {
                out.push(arg);
                if takes_value && let Some(value) = rest.next() {
                    out.push(value);
                }
            }
        }
    }
    if !words.is_empty() {
        out.push("--".into());
        out.extend(words);
    }
    out
}

/// A command takes a query when a positional argument of it is named QUERY in its help
/// (`tag`'s is QUERY +THEME -THEME). Its words need no `allow_hyphen_values`: they all arrive
/// after the `--`, and with it a mistyped option would be taken for a word of the query.
fn takes_query(cmd: &Command) -> bool {
    cmd.get_positionals().any(|a| {
        a.get_value_names()
            .and_then(|names| names.first())
            .is_some_and(|name| name.as_str().starts_with("QUERY"))
    })
}

/// `Some(takes a separate value)` when `arg` is one of the command's options; `None` for a word.
/// `--anything` stays an option, so that a mistyped one (`--limt`) is refused by clap with its
/// suggestion rather than searched for. `-x` is an option only when every letter after the
/// dash is one of the command's short options (`-y`, `-h`); `-退款` and `-tag:价格` are words.
fn option(cmd: &Command, arg: &OsString) -> Option<bool> {
    let text = arg.to_str()?;
    if let Some(long) = text.strip_prefix("--") {
        let (name, attached) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        let known = cmd.get_arguments().find(|a| {
            a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|all| all.contains(&name))
        });
        return Some(known.is_some_and(|a| a.get_action().takes_values() && !attached));
    }
    let letters = text.strip_prefix('-').filter(|l| !l.is_empty())?;
    let mut last_takes_value = false;
    for c in letters.chars() {
        let known = cmd.get_arguments().find(|a| {
            a.get_short() == Some(c)
                || a.get_all_short_aliases()
                    .is_some_and(|all| all.contains(&c))
        })?;
        last_takes_value = known.get_action().takes_values();
    }
    Some(last_takes_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arranged(line: &str) -> Vec<String> {
        let args = line.split(' ').map(OsString::from).collect();
        arrange(args)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn query_words_go_after_the_options_and_a_double_dash() {
        assert_eq!(
            arranged("vochub search -退款 物流 --limit 5 --json"),
            [
                "vochub", "search", "--limit", "5", "--json", "--", "-退款", "物流"
            ]
        );
        assert_eq!(
            arranged("vochub --data-dir d search 物流 -快递"),
            ["vochub", "--data-dir", "d", "search", "--", "物流", "-快递"]
        );
        assert_eq!(
            arranged("vochub tag -退款 +售后 -待分类 -y --dry-run"),
            [
                "vochub",
                "tag",
                "-y",
                "--dry-run",
                "--",
                "-退款",
                "+售后",
                "-待分类"
            ]
        );
        assert_eq!(
            arranged("vochub saved add refunds -tag:价格 退款"),
            [
                "vochub",
                "saved",
                "add",
                "--",
                "refunds",
                "-tag:价格",
                "退款"
            ]
        );
    }

    #[test]
    fn what_is_not_a_query_stays_as_typed() {
        for line in [
            "vochub search --stdin",
            "vochub search --limit 5 -- -tag:价格 退款",
            "vochub show 12 --json",
            "vochub import -",
            "vochub queue set 3 --status done",
        ] {
            assert_eq!(arranged(line).join(" "), line);
        }
        // A mistyped option stays an option, for clap to refuse with its suggestion.
        assert_eq!(
            arranged("vochub search 退款 --limt 5"),
            ["vochub", "search", "--limt", "--", "退款", "5"]
        );
    }
}
