//! What a packager and a shell user expect around the program itself:
//! `--version` with the commit, shell completions, a man page, and logs
//! written to a file only when asked for.

mod common;

use common::{dossier, stdout_ok};

#[test]
fn version_names_the_release_and_the_commit() {
    let out = stdout_ok(&["--version"]);
    let line = out.trim_end();
    let rest = line
        .strip_prefix(concat!("dossier ", env!("CARGO_PKG_VERSION"), " ("))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("unexpected --version: {line:?}"));
    let hex = rest.len() >= 7 && rest.chars().all(|c| c.is_ascii_hexdigit());
    assert!(hex || rest == "unknown", "not a short hash: {rest:?}");
    assert_eq!(out.lines().count(), 1);
    assert!(dossier(&["-V"]).status.success());
}
