//! Logs, only when asked for: with `DOSSIER_LOG` set to a filter (`info`,
//! `dossier=debug`), events go to `dossier.log` in the data directory
//! (`$XDG_DATA_HOME/dossier` on Linux), appended, never to the screen the
//! TUI owns. Without it nothing is set up, so a log call costs one check.

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// The variable that turns logging on and holds its filter.
pub const VAR: &str = "DOSSIER_LOG";

/// The log file: `dossier.log` in the platform's data directory.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.data_dir().join("dossier.log"))
}

/// Starts logging when `DOSSIER_LOG` is set. A bad filter or a log file
/// that cannot be opened is said once on stderr (before any screen is
/// drawn) and the program goes on without logs.
pub fn init() {
    let Some(filter) = std::env::var(VAR).ok().filter(|f| !f.trim().is_empty()) else {
        return;
    };
    let filter = match EnvFilter::try_new(&filter) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "dossier: {VAR}={:?} is not a log filter ({e}); try {VAR}=info or {VAR}=dossier=debug",
                dossier::text::safe_line(&filter)
            );
            return;
        }
    };
    let Some(path) = path() else {
        eprintln!(
            "dossier: {VAR} is set but there is no home directory to keep a log in; set HOME or XDG_DATA_HOME"
        );
        return;
    };
    let opened = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| OpenOptions::new().create(true).append(true).open(&path));
    let file = match opened {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "dossier: {VAR} is set but {} cannot be opened: {e}; check that its folder is writable, or set XDG_DATA_HOME",
                dossier::text::safe_line(&path.display().to_string())
            );
            return;
        }
    };
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .try_init();
    if installed.is_ok() {
        tracing::info!(
            version = env!("DOSSIER_VERSION"),
            args = ?std::env::args().skip(1).collect::<Vec<_>>(),
            "dossier started"
        );
    }
}
