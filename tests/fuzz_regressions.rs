//! Every input under `tests/fuzz/regressions/<target>/` replayed through
//! the fuzz target's own checks (`tests/fuzz/checks.rs`): inputs that once
//! crashed a target stay fixed, and the seed inputs keep the checks
//! themselves exercised by a plain `cargo test`, without nightly or
//! libFuzzer.

#[path = "fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// Runs `check` on each file of `regressions/<target>/`, naming the file
/// whose input panics.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for file in files {
        let bytes = std::fs::read(&file).expect("a regression input");
        let ran = std::panic::catch_unwind(|| check(&bytes));
        assert!(
            ran.is_ok(),
            "{} fails its check (see above)",
            file.display()
        );
    }
}

#[test]
fn jsonl_inputs_load_cleanly() {
    replay("jsonl", checks::jsonl);
}

#[test]
fn txt_inputs_load_cleanly() {
    replay("txt", checks::txt);
}

#[test]
fn query_inputs_parse_and_search_cleanly() {
    replay("query", checks::query);
}
