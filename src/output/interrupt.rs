//! Cleans up after an interrupted run: on SIGINT, SIGTERM or SIGHUP the temporary files and
//! the folders this run created are removed before the process ends as the signal asks.
//!
//! Moving a set of files into place holds the same lock the signal handler takes, so a signal
//! in the middle of it waits until the set is complete or rolled back: the folder never holds
//! a mix of old and new files.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// What an interrupted run must remove: files first, then the folders it created.
#[derive(Debug, Default)]
pub(super) struct Pending {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    files: Vec::new(),
    folders: Vec::new(),
});

/// The list of what to remove, locked; while held, a signal waits.
pub(super) fn pending() -> MutexGuard<'static, Pending> {
    watch();
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Pending {
    pub(super) fn add_file(&mut self, path: &Path) {
        self.files.push(path.to_path_buf());
    }

    pub(super) fn add_folders(&mut self, folders: &[PathBuf]) {
        self.folders.extend_from_slice(folders);
    }

    /// Forgets `path`: it was moved into place or removed.
    pub(super) fn forget_file(&mut self, path: &Path) {
        self.files.retain(|p| p != path);
    }

    /// Forgets the folders: they now hold the plan.
    pub(super) fn forget_folders(&mut self, folders: &[PathBuf]) {
        self.folders.retain(|p| !folders.contains(p));
    }

    fn remove_all(&mut self) {
        for file in self.files.drain(..) {
            let _ = std::fs::remove_file(file);
        }
        super::folders::remove_created(&std::mem::take(&mut self.folders));
    }
}

/// Starts the thread that waits for a termination signal, once per process.
fn watch() {
    static START: Once = Once::new();
    START.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            // Without the handler a signal still ends the run; only the cleanup is lost, and
            // the next run in the folder sweeps what is left.
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            {
                std::thread::spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        PENDING
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .remove_all();
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
            }
        }
    });
}
