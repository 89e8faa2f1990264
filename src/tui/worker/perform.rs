//! One effect → one answer. The only code in the interface that calls the service.

use std::path::PathBuf;

use crate::domain::{Feedback, JournalChange, TagChange, sanitize};
use crate::service::{Hub, Problem, Result, Scope, SearchOptions, ServiceError, match_spans};

use super::super::action::Action;
use super::super::effect::{Change, DetailData, Effect, Failure, NEXT_PAGE, Outcome, Target};
use super::super::forms::{ItemField, Saved};

/// A hit's snippet on the search screen, in characters.
const SNIPPET_CHARS: usize = 160;
/// Journal entries the journal screen shows.
const JOURNAL: usize = 200;

/// Performs one effect and returns the answer to feed back to `update` (public so that tests
/// can drive the interface synchronously, with no thread).
pub fn perform(hub: &mut Hub, effect: Effect) -> Option<Action> {
    let outcome = match effect {
        Effect::Search {
            generation,
            query,
            limit,
        } => return Some(search(hub, generation, &query, limit)),
        Effect::MoreHits {
            generation,
            query,
            from,
        } => {
            let answer = hub
                .search(&query, &screen_options(NEXT_PAGE, from, false))
                .map(Box::new)
                .map_err(|e| problem(hub, &e));
            return Some(Action::MoreHits {
                generation,
                from,
                answer,
            });
        }
        // The run loop writes to the terminal; the worker never sees these.
        Effect::Clipboard(_) => return None,
        Effect::LoadDetail { id, terms } => detail(hub, id, &terms)
            .map(|d| Outcome::Detail(Box::new(d)))
            .map_err(Failure::from),
        Effect::LoadThemes => hub.themes().map(Outcome::Themes).map_err(Failure::from),
        Effect::LoadQueue { queue, status } => hub
            .queue_items(queue, status)
            .map(|entries| Outcome::Queue { queue, entries })
            .map_err(Failure::from),
        Effect::LoadQuotes { theme } => hub
            .quotes(theme.as_deref())
            .map(Outcome::Quotes)
            .map_err(Failure::from),
        Effect::LoadJournal => hub
            .journal(JOURNAL)
            .map(Outcome::Journal)
            .map_err(Failure::from),
        Effect::LoadSaved => saved(hub).map(Outcome::Saved).map_err(Failure::from),
        other => change(hub, other).map(Outcome::Changed),
    };
    let outcome = outcome.unwrap_or_else(|failure| {
        Outcome::Failed(match failure {
            Failure::Service(p) => Failure::Service(p.on_disk_of(hub.data_dir())),
            other => other,
        })
    });
    Some(Action::Worker(Box::new(outcome)))
}

/// The problem, with the data dir named when it is the disk that is full.
fn problem(hub: &Hub, e: &crate::service::ServiceError) -> Problem {
    e.problem().on_disk_of(hub.data_dir())
}

/// The search screen's view of hits `offset..offset + limit`; facet counts only for a first page
/// (the next pages keep the ones it brought).
fn screen_options(limit: usize, offset: usize, facets: bool) -> SearchOptions {
    SearchOptions {
        limit,
        offset,
        facets,
        snippet_chars: SNIPPET_CHARS,
        // A person reads these hits: words typed together that find nothing are tried apart.
        loosen: true,
        ..Default::default()
    }
}

fn search(hub: &Hub, generation: u64, query: &str, limit: usize) -> Action {
    match hub.search(query, &screen_options(limit, 0, true)) {
        Ok(page) => Action::SearchDone {
            generation,
            page: Box::new(page),
        },
        Err(e) => Action::SearchFailed {
            generation,
            problem: problem(hub, &e),
        },
    }
}

fn scope(target: Target) -> Scope {
    match target {
        Target::Ids(ids) => Scope::Ids(ids),
        Target::Query(q) => Scope::Query(q),
    }
}

fn change(hub: &mut Hub, effect: Effect) -> std::result::Result<Change, Failure> {
    // A full disk is worded as the command line words it, naming the data dir.
    let dir = hub.data_dir().to_path_buf();
    let fail = |e: ServiceError| Failure::from(e.disk_full_in(&dir));
    Ok(match effect {
        Effect::Tag { target, theme, add } => {
            let c = if add {
                TagChange::Add(theme.clone())
            } else {
                TagChange::Remove(theme.clone())
            };
            let r = hub.tag(&scope(target), &[c]).map_err(fail)?;
            Change::Tagged {
                theme,
                add,
                changed: r.changed,
            }
        }
        Effect::Route {
            target,
            queue,
            priority,
            note,
        } => {
            let r = hub
                .route(&scope(target), queue, priority, note.as_deref())
                .map_err(fail)?;
            Change::Routed {
                queue,
                added: r.added,
                already: r.already,
            }
        }
        Effect::SetStatus { item, status } => {
            hub.set_queue_item(item, Some(status), None, None)
                .map_err(fail)?;
            Change::Moved { item, status }
        }
        Effect::EditItem { item, field, value } => {
            let (assignee, note) = match field {
                ItemField::Assignee => (Some(value.as_str()), None),
                ItemField::Note => (None, Some(value.as_str())),
            };
            hub.set_queue_item(item, None, assignee, note)
                .map_err(fail)?;
            Change::Edited { item, field, value }
        }
        Effect::AddQuote {
            record,
            start,
            end,
            note,
            themes,
        } => {
            let q = hub
                .add_quote(record, start, end, note.as_deref(), &themes)
                .map_err(fail)?;
            Change::Quoted { id: q.id }
        }
        Effect::Undo => {
            let undo = hub.undo(None).map_err(fail)?;
            // The undo's own entry only says which entry it reverted; that entry says what.
            let target = match undo.change() {
                Some(JournalChange::Undo { entry }) => hub.journal_entry(entry).map_err(fail)?,
                _ => None,
            };
            Change::Undone {
                summary: undo.summary,
                target,
            }
        }
        Effect::SaveSearch { name, query } => {
            hub.save_search(&name, &query).map_err(fail)?;
            Change::SavedSearch { name }
        }
        Effect::ExportQuotes { format, ext, theme } => {
            let text = hub.export_quotes(format, theme.as_deref()).map_err(fail)?;
            let count = hub.quotes(theme.as_deref()).map_err(fail)?.len();
            let path = export_path(theme.as_deref(), ext);
            std::fs::write(&path, text).map_err(|e| Failure::Write {
                path: path.display().to_string(),
                kind: e.kind(),
                reason: e.to_string(),
            })?;
            Change::Exported {
                path: path.display().to_string(),
                count,
            }
        }
        // Loads and searches are answered in `perform`.
        _ => {
            let fault = Problem::other("internal: not a change");
            return Err(Failure::Service(fault));
        }
    })
}

/// `vochub-quotes[-THEME].EXT` in the current directory, where the person started vochub.
fn export_path(theme: Option<&str>, ext: &str) -> PathBuf {
    let suffix = theme
        .map(|t| format!("-{}", t.replace(['/', '\\', ' '], "_")))
        .unwrap_or_default();
    PathBuf::from(format!("vochub-quotes{suffix}.{ext}"))
}

fn saved(hub: &Hub) -> Result<Vec<Saved>> {
    Ok(hub
        .saved_searches()?
        .into_iter()
        .map(|s| Saved {
            name: s.name,
            query: s.query,
            count: s.count,
        })
        .collect())
}

fn detail(hub: &Hub, id: i64, terms: &[String]) -> Result<DetailData> {
    let record = hub.record(id)?;
    let same_author = match record.author.as_deref() {
        Some(a) if !a.contains('"') => related(hub, &format!("author:\"{a}\" sort:newest"), id)?,
        _ => Vec::new(),
    };
    let similar = similar(hub, &record)?;
    // Offsets must index the text as drawn, which is the sanitized body.
    let text = sanitize(&record.body);
    Ok(DetailData {
        word_starts: hub.word_starts(&text),
        highlights: match_spans(&text, terms),
        routes: hub.queue_items_of_record(id)?,
        quotes: hub.quotes_of_record(id)?,
        record,
        same_author,
        similar,
    })
}

/// More like this one, as `vochub similar` ranks them (the index leaves the record itself out).
fn similar(hub: &Hub, record: &Feedback) -> Result<Vec<Feedback>> {
    Ok(hub
        .similar(record.id, 5)?
        .into_iter()
        .map(|h| h.record)
        .collect())
}

fn related(hub: &Hub, query: &str, except: i64) -> Result<Vec<Feedback>> {
    let opts = SearchOptions {
        limit: 6,
        snippet_chars: 1,
        ..Default::default()
    };
    Ok(hub
        .search(query, &opts)?
        .hits
        .into_iter()
        .map(|h| h.record)
        .filter(|r| r.id != except)
        .take(5)
        .collect())
}
