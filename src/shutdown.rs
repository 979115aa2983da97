//! Stopping on a signal without losing work.
//!
//! SIGTERM (a logout or shutdown, `kill`), SIGINT (Ctrl+C in the terminal
//! Unknot was started from) and SIGHUP (that terminal closing) leave nobody
//! to ask. A signal only raises a [`ShutdownRequest`] and wakes the window,
//! which then saves what is safe and closes, on its own thread and between
//! two frames, so no write is cut in half. A second signal ends the process
//! at once, for when that gets stuck.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Raised once a signal asked Unknot to stop. Clones share one flag.
#[derive(Debug, Clone, Default)]
pub struct ShutdownRequest(Arc<AtomicBool>);

impl ShutdownRequest {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks for the stop, as a signal does.
    pub fn request(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_requested(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The exit status when a second signal comes before the window closed.
#[cfg(unix)]
const EXIT_ON_SECOND_SIGNAL: i32 = 1;

/// Listens for SIGTERM, SIGINT and SIGHUP on a thread of its own, raising
/// the returned request and then calling `wake` (to have the window look at
/// it at once, even while hidden) for each.
#[cfg(unix)]
pub fn listen(wake: impl Fn() + Send + 'static) -> std::io::Result<ShutdownRequest> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let signals = [SIGTERM, SIGINT, SIGHUP];
    let request = ShutdownRequest::new();
    for signal in signals {
        // Runs before the flag is raised for this signal, so only a
        // second signal finds it raised.
        signal_hook::flag::register_conditional_shutdown(
            signal,
            EXIT_ON_SECOND_SIGNAL,
            Arc::clone(&request.0),
        )?;
    }
    let mut incoming = signal_hook::iterator::Signals::new(signals)?;
    let raised = request.clone();
    std::thread::Builder::new()
        .name("unknot-signals".to_owned())
        .spawn(move || {
            for _ in incoming.forever() {
                raised.request();
                wake();
            }
        })?;
    Ok(request)
}

/// Without Unix signals there is nothing to listen for.
#[cfg(not(unix))]
pub fn listen(_wake: impl Fn() + Send + 'static) -> std::io::Result<ShutdownRequest> {
    Ok(ShutdownRequest::new())
}

#[cfg(all(test, unix))]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_signal_raises_the_request_and_wakes_the_window() {
        let (woken, wake) = std::sync::mpsc::channel();
        let request = listen(move || {
            let _ = woken.send(());
        })
        .unwrap();
        assert!(!request.is_requested());
        signal_hook::low_level::raise(signal_hook::consts::SIGTERM).unwrap();
        wake.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(request.is_requested());
    }
}
