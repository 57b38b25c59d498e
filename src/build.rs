//! Build script (at `src/build.rs` because the project's top level is
//! fixed): stamps the git commit into `--version`.
//!
//! Sets `DOSSIER_VERSION` to "0.1.0 (abc1234)", or "0.1.0 (unknown)" when
//! git or the repository is missing (a source tarball must still build).
//! It reruns only when HEAD moves (a commit, a checkout), not on every
//! edit, so it does not mark a dirty tree: such a mark would be as old as
//! the last commit and would lie.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=src/build.rs");
    println!("cargo:rerun-if-env-changed=DOSSIER_GIT_HASH");
    let hash = std::env::var("DOSSIER_GIT_HASH")
        .ok()
        .filter(|h| !h.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    // Rerun when HEAD moves: HEAD itself (a checkout), the branch it
    // points to (a commit) and packed refs (a gc). Only files that exist
    // are named: a missing one would rerun the script on every build.
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            if Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo:rustc-env=DOSSIER_VERSION={version} ({hash})");
}

/// The trimmed output of a successful git command, or `None`.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}
