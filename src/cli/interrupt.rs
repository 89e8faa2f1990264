//! ctrl-c (SIGINT) and SIGTERM during an import: the first asks it to stop where the store and
//! the index agree, and it reports what it stored; a second ends the process at once, as a
//! `kill -9` would, which the store and the index are built to survive.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::flag;
use signal_hook::iterator::Signals;

pub struct Interrupt {
    stop: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Installs the handlers for the rest of the process; `said` is told when the first signal
    /// arrives, on a thread of its own, so the person knows the stop was heard.
    pub fn install(said: impl Fn(&str) + Send + 'static) -> std::io::Result<Interrupt> {
        let stop = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        for sig in [SIGINT, SIGTERM] {
            // In this order: the first signal finds `stop` unset, so the shutdown does nothing,
            // and then sets it; a second finds it set and exits with the shell's code for it.
            flag::register_conditional_shutdown(sig, 128 + sig, stop.clone())?;
            flag::register_usize(sig, signal.clone(), sig as usize)?;
            flag::register(sig, stop.clone())?;
        }
        // A handler may not print; a thread woken by the signal does.
        let mut signals = Signals::new([SIGINT, SIGTERM])?;
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                said(&format!(
                    "{}: stopping once what was read is stored (press ctrl-c again to quit at \
                     once)",
                    name(sig)
                ));
            }
        });
        Ok(Interrupt { stop, signal })
    }

    /// What the import watches.
    pub fn flag(&self) -> &AtomicBool {
        &self.stop
    }

    /// What asked to stop, in words: "ctrl-c (SIGINT)" or "SIGTERM".
    pub fn cause(&self) -> &'static str {
        name(self.signal.load(Ordering::SeqCst) as i32)
    }

    /// The exit status of a command a signal stopped: 128 + its number, as shells report it.
    pub fn exit_code(&self) -> i32 {
        128 + self.signal.load(Ordering::SeqCst) as i32
    }
}

fn name(sig: i32) -> &'static str {
    match sig {
        SIGTERM => "SIGTERM",
        _ => "ctrl-c (SIGINT)",
    }
}
