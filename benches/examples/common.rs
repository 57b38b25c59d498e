//! What the measuring examples share (each includes this file as a module).

use dossier::corpus::Corpus;

/// The corpus at `path`, or the reason it cannot be read on stderr and
/// exit status 2.
pub fn corpus_or_exit(path: &str) -> Corpus {
    Corpus::load_path(std::path::Path::new(path)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    })
}
