//! The search screen: typing in the query bar, moving through hits, marking, opening; and the
//! answers to searches (newest generation wins).

use std::collections::HashSet;

use crate::service::{Problem, SearchPage};

use super::super::action::Action;
use super::super::effect::{Effect, FIRST_PAGE, NEXT_PAGE};
use super::super::i18n::Msg;
use super::super::state::{DetailState, Mode, Screen, State};
use super::super::views::search as layout;

/// Sends the current query as a new generation; older answers still in flight become stale.
/// Reloading the query on screen (after a change, or when records arrive) asks for as many hits
/// as are loaded, so the cursor keeps its record.
pub fn rerun(s: &mut State) -> Vec<Effect> {
    let q = &mut s.search;
    q.generation += 1;
    q.searching = true;
    q.loading_more = false;
    let query = q.input.text().to_string();
    let same = q.page.as_ref().is_some_and(|p| p.query == query);
    q.asked = match same {
        true => q.hits_len().max(FIRST_PAGE),
        false => FIRST_PAGE,
    };
    // Marks belong to the list they were made in, as in a mail client: a new query is a new list,
    // and marks kept from the old one would let a change reach records no longer on screen. A
    // reload of the same query keeps them.
    let dropped = q.marks.len();
    let generation = q.generation;
    if !same && dropped > 0 {
        q.marks.clear();
        let text = s.lang.f(Msg::MarksDropped, &[&dropped]);
        s.info(text);
    }
    vec![Effect::Search {
        generation,
        query,
        limit: s.search.asked,
    }]
}

/// Asks for the next hits when the cursor is within a screen of the last one loaded, unless
/// they are on their way or the list already holds every hit.
pub fn more_if_near_end(s: &mut State) -> Vec<Effect> {
    let rows = s.list_rows().max(1);
    let q = &mut s.search;
    let Some(page) = &q.page else {
        return Vec::new();
    };
    let len = page.hits.len();
    if q.complete || q.loading_more || q.searching || q.selected + rows < len {
        return Vec::new();
    }
    let query = page.query.clone();
    q.loading_more = true;
    vec![Effect::MoreHits {
        generation: q.generation,
        query,
        from: len,
    }]
}

pub fn editing(s: &mut State, action: Action) -> Vec<Effect> {
    let input = &mut s.search.input;
    let changed = match action {
        Action::Input(c) => {
            input.insert(c);
            true
        }
        Action::Paste(text) => input.insert_paste(&text),
        Action::Backspace => input.backspace(),
        Action::DeleteWord => input.delete_word(),
        Action::ClearInput => input.clear(),
        Action::Left => {
            input.left();
            false
        }
        Action::Right => {
            input.right();
            false
        }
        Action::Top => {
            input.home();
            false
        }
        Action::Bottom => {
            input.end();
            false
        }
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            move_selection(s, &action);
            return more_if_near_end(s);
        }
        Action::Back | Action::Open => {
            s.mode = Mode::Normal;
            false
        }
        Action::Quit => {
            s.quit = true;
            false
        }
        Action::Click { column, row } => {
            s.mode = Mode::Normal;
            return click(s, column, row);
        }
        Action::ScrollUp | Action::ScrollDown => {
            move_selection(s, &action);
            return more_if_near_end(s);
        }
        _ => false,
    };
    if changed { rerun(s) } else { Vec::new() }
}

pub fn normal(s: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom
        | Action::ScrollUp
        | Action::ScrollDown => {
            move_selection(s, &action);
            more_if_near_end(s)
        }
        Action::Open => open_current(s),
        Action::Mark => {
            if let Some(id) = s.search.current().map(|r| r.id) {
                if !s.search.marks.remove(&id) {
                    s.search.marks.insert(id);
                }
                move_selection(s, &Action::Down);
            }
            more_if_near_end(s)
        }
        Action::Back => {
            s.search.marks.clear();
            s.status = None;
            Vec::new()
        }
        Action::Click { column, row } => click(s, column, row),
        _ => Vec::new(),
    }
}

/// Opens the highlighted hit in the detail view; the record we already have paints at once,
/// while the worker fetches what surrounds it.
pub fn open_current(s: &mut State) -> Vec<Effect> {
    let Some(record) = s.search.current().cloned() else {
        return Vec::new();
    };
    let terms = s
        .search
        .page
        .as_ref()
        .map(|p| p.terms.clone())
        .unwrap_or_default();
    let mut d = DetailState::new(record.id, terms.clone(), Screen::Search);
    d.set_record(record);
    let id = d.id;
    s.detail = Some(d);
    s.screen = Screen::Detail;
    vec![Effect::LoadDetail { id, terms }]
}

fn click(s: &mut State, column: u16, row: u16) -> Vec<Effect> {
    if row == layout::QUERY_ROW {
        s.mode = Mode::EditQuery;
        return Vec::new();
    }
    if row < layout::LIST_TOP || column >= layout::list_width(s.width) {
        return Vec::new();
    }
    let index = s.search.offset + (row - layout::LIST_TOP) as usize / layout::ROWS_PER_HIT;
    if index < s.search.hits_len() {
        if index == s.search.selected {
            return open_current(s);
        }
        s.search.selected = index;
    }
    Vec::new()
}

fn move_selection(s: &mut State, action: &Action) {
    let len = s.search.hits_len();
    if len == 0 {
        return;
    }
    let page = s.list_rows().max(1);
    let sel = s.search.selected;
    s.search.selected = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(len - 1),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(len - 1),
        Action::Top => 0,
        Action::Bottom => len - 1,
        // The wheel scrolls the view by a few rows and drags the selection along.
        Action::ScrollUp => sel.saturating_sub(3),
        Action::ScrollDown => (sel + 3).min(len - 1),
        _ => sel,
    };
    keep_visible(s);
}

/// Scrolls the list so the selected hit is on screen.
pub fn keep_visible(s: &mut State) {
    let rows = s.list_rows().max(1);
    let sel = s.search.selected;
    if sel < s.search.offset {
        s.search.offset = sel;
    } else if sel >= s.search.offset + rows {
        s.search.offset = sel + 1 - rows;
    }
}

pub fn apply_page(s: &mut State, generation: u64, page: SearchPage) {
    if generation != s.search.generation {
        return; // stale: a newer request is in flight or answered
    }
    let same_query = s
        .search
        .page
        .as_ref()
        .is_some_and(|p| p.query == page.query);
    // A reload keeps the cursor on the same record; a new query starts at the top.
    let keep = same_query
        .then(|| s.search.current().map(|r| r.id))
        .flatten()
        .and_then(|id| page.hits.iter().position(|h| h.record.id == id));
    s.search.selected = keep.unwrap_or(0);
    if keep.is_none() {
        s.search.offset = 0;
    }
    if s.total_records.is_none() && page.query.trim().is_empty() {
        s.total_records = Some(page.total as u64);
    }
    s.search.complete = page.hits.len() < s.search.asked;
    s.search.page = Some(page);
    s.search.searching = false;
    s.search.error = None;
    keep_visible(s);
}

/// Adds the next hits to the page on screen. Hits already listed are skipped: records added
/// since the first page can shift the ranking by a place or two.
pub fn apply_more(
    s: &mut State,
    generation: u64,
    from: usize,
    answer: Result<SearchPage, Problem>,
) {
    let q = &mut s.search;
    let Some(page) = q.page.as_mut() else {
        return;
    };
    if generation != q.generation || !q.loading_more || from != page.hits.len() {
        return; // for a list since replaced
    }
    q.loading_more = false;
    match answer {
        Ok(more) => {
            q.complete = more.hits.len() < NEXT_PAGE;
            let listed: HashSet<i64> = page.hits.iter().map(|h| h.record.id).collect();
            page.hits.extend(
                more.hits
                    .into_iter()
                    .filter(|h| !listed.contains(&h.record.id)),
            );
        }
        Err(problem) => {
            // The list stays as it is; the status line says why it ends there.
            q.complete = true;
            let text = s.lang.f(Msg::MoreFailed, &[&s.lang.problem(&problem)]);
            s.error(text);
        }
    }
}

pub fn apply_failure(s: &mut State, generation: u64, problem: &Problem) {
    if generation != s.search.generation {
        return;
    }
    // The hits on screen answer an earlier query, not the one in the bar: left there, they could
    // be opened and changed as if they matched it. The list, count and facets go with them.
    let q = &mut s.search;
    q.searching = false;
    q.page = None;
    q.selected = 0;
    q.offset = 0;
    q.loading_more = false;
    q.complete = false;
    // Only a refusal is the query's mistake; a busy database is not something to fix in it.
    let intro = match problem {
        Problem::Refused(_) => Msg::QueryError,
        Problem::Fault { .. } => Msg::Error,
    };
    q.error = Some(s.lang.f(intro, &[&s.lang.problem(problem)]));
}
