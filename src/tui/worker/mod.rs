//! The worker thread: it owns the `Hub` (which is not `Sync`), performs effects in order and
//! answers with actions. Searches are coalesced: of the searches waiting, only the newest runs,
//! so typing fast never queues up work. When idle it looks for records other processes added.
//! `perform` (one effect → one answer) lives in its own file and is what tests call directly.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::service::{Hub, SearchOptions};

use super::action::Action;
use super::effect::Effect;

mod perform;

pub use perform::perform;
/// How long the worker waits for work before checking for other processes' imports.
const IDLE: Duration = Duration::from_secs(1);

pub struct Worker {
    pub effects: Sender<Effect>,
    pub answers: Receiver<Action>,
    handle: JoinHandle<()>,
}

impl Worker {
    pub fn spawn(hub: Hub) -> Worker {
        let (effects, effect_rx) = channel::<Effect>();
        let (answer_tx, answers) = channel::<Action>();
        let handle = std::thread::spawn(move || run(hub, effect_rx, answer_tx));
        Worker {
            effects,
            answers,
            handle,
        }
    }

    /// Stops the worker: closing its channel ends its loop.
    pub fn stop(self) {
        drop(self.effects);
        let _ = self.handle.join();
    }
}

fn run(mut hub: Hub, effects: Receiver<Effect>, answers: Sender<Action>) {
    // The index's change number moves with every write by any process: an import, and also a
    // tag or a route that leaves the number of records as it was.
    let mut known_version = hub.index_version().ok();
    let mut known_total = count(&hub);
    // Records another process has stored but not yet indexed (a long import commits its index
    // every few seconds): said, so that a count that keeps growing is not a mystery.
    let mut known_pending = 0;
    loop {
        let first = match effects.recv_timeout(IDLE) {
            Ok(e) => e,
            Err(RecvTimeoutError::Timeout) => {
                let version = refreshed_version(&hub);
                if let Some(version) = version
                    && Some(version) != known_version
                {
                    known_version = Some(version);
                    known_total = count(&hub).or(known_total);
                    if let Some(total) = known_total
                        && answers.send(Action::DataChanged { total }).is_err()
                    {
                        return;
                    }
                }
                let pending = match version {
                    Some(v) => hub.unsearchable_after(v),
                    None => hub.unsearchable(),
                };
                let pending = pending.unwrap_or(known_pending);
                if pending != known_pending {
                    known_pending = pending;
                    if answers.send(Action::Unsearchable { pending }).is_err() {
                        return;
                    }
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut batch = vec![first];
        batch.extend(effects.try_iter());
        for effect in coalesce(batch) {
            let answer = perform(&mut hub, effect);
            if let Some(a) = answer
                && answers.send(a).is_err()
            {
                return;
            }
        }
        // This interface's own changes move the index too; they are not news from elsewhere.
        known_version = hub.index_version().ok().or(known_version);
    }
}

/// Drops every search but the newest, and the requests for more hits sent before it (they are
/// for a list it replaces); other effects keep their order.
pub fn coalesce(batch: Vec<Effect>) -> Vec<Effect> {
    let newest = batch
        .iter()
        .rposition(|e| matches!(e, Effect::Search { .. }));
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, e)| match e {
            Effect::Search { .. } => Some(*i) == newest,
            Effect::MoreHits { .. } => newest.is_none_or(|n| *i > n),
            _ => true,
        })
        .map(|(_, e)| e)
        .collect()
}

fn count(hub: &Hub) -> Option<u64> {
    let opts = SearchOptions {
        limit: 1,
        snippet_chars: 1,
        ..Default::default()
    };
    hub.search("", &opts).ok().map(|p| p.total as u64)
}

fn refreshed_version(hub: &Hub) -> Option<u64> {
    hub.refresh().ok()?;
    hub.index_version().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_search_survives() {
        let batch = vec![
            Effect::search(1, "a"),
            Effect::LoadDetail {
                id: 3,
                terms: vec![],
            },
            Effect::search(2, "ab"),
            Effect::search(3, "abc"),
        ];
        let out = coalesce(batch);
        assert_eq!(out.len(), 2);
        assert!(matches!(out[0], Effect::LoadDetail { id: 3, .. }));
        assert_eq!(out[1], Effect::search(3, "abc"));
    }

    #[test]
    fn more_hits_survive_only_after_the_newest_search() {
        let more = |generation, from| Effect::MoreHits {
            generation,
            query: "a".into(),
            from,
        };
        let out = coalesce(vec![more(1, 50), Effect::search(2, "ab"), more(2, 50)]);
        assert_eq!(out, vec![Effect::search(2, "ab"), more(2, 50)]);
        let alone = coalesce(vec![more(1, 50), more(1, 150)]);
        assert_eq!(alone.len(), 2, "no newer search: both kept");
    }
}
