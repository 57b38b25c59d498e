//! The config file from the command line: printing the default, finding
//! the file, and refusing a bad one before the terminal is touched.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::bin;
use dossier::config::{Config, DEFAULT_TOML};

/// Runs dossier with its config folder in `home` (never the user's).
fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .output()
        .expect("the dossier binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn print_default_round_trips_as_a_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["config", "--print-default"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert_eq!(printed, DEFAULT_TOML);
    let parsed = Config::parse(&printed, Path::new("printed.toml")).unwrap();
    assert_eq!(parsed, Config::default());

    // Saved where dossier looks, it is read and found good.
    let file = dir.path().join("dossier/config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, &printed).unwrap();
    let out = run(dir.path(), &["config"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{}: ok\n", file.display()));
}

#[test]
fn path_says_where_the_config_is_read_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["config", "--path"]);
    assert!(out.status.success());
    let expected = dir.path().join("dossier").join("config.toml");
    assert_eq!(text(&out.stdout).trim_end(), expected.display().to_string());

    let out = run(
        dir.path(),
        &["config", "--path", "--config", "/etc/mine.toml"],
    );
    assert_eq!(text(&out.stdout).trim_end(), "/etc/mine.toml");

    // No file there: the defaults apply, and that is fine.
    let out = run(dir.path(), &["config"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("the defaults apply"));
}

#[test]
fn commands_that_read_no_config_refuse_the_option() {
    // Accepted, --config would be silently ignored: the user would think
    // their file applied.
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["man", "--config", "x.toml"][..],
        &["completions", "bash", "--config", "x.toml"],
        &["list", "--config", "x.toml"],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("unexpected argument '--config'"), "{err}");
    }
}

#[test]
fn a_bad_config_stops_the_tui_with_exit_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "theme = \"light\"\n[layout]\nsidebar = \"left\"\nsidebar_widht = 30\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    for args in [vec!["--config", f], vec!["config", "--config", f]] {
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(&format!("{f}, line 4")), "{err}");
        assert!(err.contains("unknown field `sidebar_widht`"), "{err}");
        // Nothing was drawn: no escape sequences on stdout.
        assert!(out.stdout.is_empty(), "{:?}", text(&out.stdout));
    }

    // The same file in the default place stops it too.
    let default = dir.path().join("dossier/config.toml");
    std::fs::create_dir_all(default.parent().unwrap()).unwrap();
    std::fs::write(&default, "[keys.list]\n\"ctrl-n\" = \"dwon\"\n").unwrap();
    let out = run(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("config.toml, line 2"), "{err}");
    assert!(err.contains("did you mean `down`?"), "{err}");
}

#[test]
fn a_missing_config_file_given_on_the_command_line_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let out = run(dir.path(), &["--config", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("nope.toml") && err.contains("--config"),
        "{err}"
    );
}

#[test]
fn the_scriptable_commands_do_not_read_the_config() {
    // A broken config must not break `dossier list | ...` pipelines.
    let dir = tempfile::tempdir().unwrap();
    let default = dir.path().join("dossier/config.toml");
    std::fs::create_dir_all(default.parent().unwrap()).unwrap();
    std::fs::write(&default, "not toml at all [").unwrap();
    let out = run(dir.path(), &["list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 6);
}

#[test]
fn the_readme_example_config_is_valid() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Configuration").expect("the section")..];
    let start = section.find("```toml\n").expect("an example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let c = Config::parse(example, Path::new("README.md")).unwrap();
    assert_eq!(c.settings.layout.wrap_width, 80);
    assert!(!c.settings.palette.mono);
}
