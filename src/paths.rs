//! Where dossier keeps files of its own, outside any corpus.
//!
//! Owns the platform's per-user locations (through the `directories` crate,
//! which on Linux honours `XDG_DATA_HOME`); must not create, read or write
//! anything there itself: callers do, and tests point the environment at a
//! temporary folder.

use std::path::PathBuf;

/// The folder for dossier's data: the marks kept per corpus. `None` when
/// the platform has no home folder to put it in (then nothing is saved).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.data_dir().to_path_buf())
}
