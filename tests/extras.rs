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
    // The environment and the files, as --help says them too.
    let help = stdout_ok(&["--help"]);
    for var in [
        "NO_COLOR",
        "PAGER",
        "DOSSIER_LOG",
        "XDG_DATA_HOME",
        "config.toml",
    ] {
        assert!(page.contains(var), "man page lacks {var}");
        assert!(help.contains(var), "--help lacks {var}");
    }
}

#[test]
fn every_page_the_man_page_names_can_be_read() {
    let page = stdout_ok(&["man"]);
    // clap_mangen names each command's page as dossier\-list(1).
    let named: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("dossier\\-")?.strip_suffix("(1)"))
        .collect();
    assert!(
        named.contains(&"list") && named.contains(&"export"),
        "{named:?}"
    );
    assert!(!named.contains(&"help"), "help has no page of its own");
    for name in &named {
        let sub = stdout_ok(&["man", name]);
        assert!(sub.contains(&format!(".TH dossier-{name} 1")), "{sub}");
    }
    let out = dossier(&["man", "lsit"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no command lsit") && err.contains("list"),
        "{err}"
    );

    // Installed, every page is there for `man dossier-list`.
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("man1");
    let out = dossier(&["man", "--dir", man1.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    for name in named
        .iter()
        .map(|n| format!("dossier-{n}.1"))
        .chain(["dossier.1".into()])
    {
        let text = std::fs::read_to_string(man1.join(&name)).unwrap_or_default();
        assert!(text.starts_with('.'), "{name} is not a written page");
    }
}

/// Runs `dossier list` with its data directory in `data` and `DOSSIER_LOG`
/// as given (unset for `None`).
fn list_with_log(data: &std::path::Path, log: Option<&str>) -> std::process::Output {
    let mut cmd = std::process::Command::new(common::bin());
    cmd.arg("list")
        .env("XDG_DATA_HOME", data)
        .env("HOME", data)
        .env_remove("DOSSIER_LOG");
    if let Some(filter) = log {
        cmd.env("DOSSIER_LOG", filter);
    }
    cmd.output().expect("dossier runs")
}

#[test]
fn dossier_log_writes_load_events_to_a_file_in_the_data_directory() {
    let data = tempfile::tempdir().unwrap();
    let out = list_with_log(data.path(), Some("info"));
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "nothing about logs on the screen");
    let log = data.path().join("dossier").join("dossier.log");
    let text = std::fs::read_to_string(&log).expect("the log file exists");
    let loaded = text
        .lines()
        .find(|l| l.contains("loaded"))
        .unwrap_or_else(|| panic!("no load event in:\n{text}"));
    assert!(loaded.contains("articles=5"), "{loaded}");
    assert!(loaded.contains("ms="), "{loaded}");
    // A second run appends.
    list_with_log(data.path(), Some("info"));
    let again = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        again.matches("dossier started").count(),
        2,
        "appended:\n{again}"
    );
}

#[test]
fn without_dossier_log_there_is_no_log_file() {
    let data = tempfile::tempdir().unwrap();
    let out = list_with_log(data.path(), None);
    assert!(out.status.success());
    assert!(
        !data.path().join("dossier").exists(),
        "nothing is written to the data directory"
    );
}

#[test]
fn a_bad_log_filter_is_explained_and_the_command_still_runs() {
    let data = tempfile::tempdir().unwrap();
    let out = list_with_log(data.path(), Some("dossier=[[["));
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("DOSSIER_LOG") && err.contains("not a log filter"),
        "{err}"
    );
    assert!(String::from_utf8(out.stdout).unwrap().lines().count() == 6);
}

#[test]
fn the_tui_logs_to_the_file_and_never_to_the_screen() {
    let Some(t) = common::Tmux::start(100, 30) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    t.type_line(&format!(
        "DOSSIER_LOG=debug XDG_DATA_HOME={} {} ; echo EXIT=$?",
        data.path().display(),
        common::bin()
    ));
    t.wait_for("the panes", |s| s.contains("Articles (5)"));
    t.keys(&["/"]);
    t.keys(&["-l", "crocus"]);
    t.wait_for("the filtered list", |s| s.contains("Articles 2/5"));
    t.keys(&["Enter", "q"]);
    let s = t.wait_for("a clean exit", |s| s.contains("EXIT=0"));
    for level in ["INFO", "DEBUG", "dossier::"] {
        assert!(!s.contains(level), "{level} reached the screen:\n{s}");
    }
    let log = std::fs::read_to_string(data.path().join("dossier/dossier.log")).unwrap();
    assert!(log.contains("loaded the seed articles"), "{log}");
    assert!(
        log.lines()
            .any(|l| l.contains("DEBUG") && l.contains("search") && l.contains("crocus")),
        "each search is logged at debug:\n{log}"
    );
}
