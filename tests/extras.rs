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

#[test]
fn completions_know_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_ok(&["completions", shell]);
        assert!(script.len() > 500, "{shell}: {script}");
        for sub in ["export", "mentions", "filter", "completions"] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let bash = stdout_ok(&["completions", "bash"]);
    assert!(
        bash.contains("complete ") && bash.contains("_dossier"),
        "{bash}"
    );
    let fish = stdout_ok(&["completions", "fish"]);
    assert!(fish.contains("complete -c dossier"), "{fish}");
    let out = dossier(&["completions", "tcsh"]);
    assert!(!out.status.success(), "an unknown shell is refused");
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let page = stdout_ok(&["man"]);
    let th = page
        .lines()
        .find(|l| l.starts_with(".TH"))
        .unwrap_or_else(|| panic!("no .TH header:\n{page}"));
    assert!(th.to_lowercase().contains("dossier"), "{th}");
    assert!(page.starts_with('.'), "roff starts with a request");
    assert!(page.contains(".SH NAME") || page.contains(".SH \"NAME\""));
    for sub in ["export", "mentions", "briefing", "completions", "man"] {
        assert!(page.contains(sub), "man page lacks {sub}");
    }
}
