//! A user's config in the real terminal: the built binary inside tmux,
//! started with `--config`, obeys the keys the file binds.

mod common;

use common::{Tmux, bin};

#[test]
fn a_config_file_rebinds_keys_in_the_running_app() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.toml");
    std::fs::write(
        &file,
        r#"
[keys.global]
"ctrl-n" = "down"
"j" = "none"
"Q" = "quit"
"q" = "none"
"#,
    )
    .unwrap();
    t.type_line(&format!(
        "{} --config {} ; echo EXIT=$?",
        bin(),
        file.display()
    ));
    t.wait_for("the app", |s| {
        s.contains("Articles (5)") && s.contains("Article 1 of 5")
    });

    // j does nothing now; Ctrl-n moves down the list.
    t.keys(&["j"]);
    t.keys(&["C-n"]);
    let s = t.wait_for("the second article", |s| s.contains("Article 2 of 5"));
    assert!(s.contains("Russia kickstarts"), "{s}");

    // q no longer quits; the help shows the keys in effect.
    t.keys(&["q", "?"]);
    let s = t.wait_for("help", |s| s.contains(" Keys "));
    let down = s
        .lines()
        .find(|l| l.contains("down one row"))
        .expect("the down row");
    assert!(down.contains("C-n"), "{down}");
    assert!(!down.contains(" j "), "j is unbound: {down}");
    let quit = s
        .lines()
        .find(|l| l.contains(" quit") && l.contains("C-c"))
        .expect("the quit row");
    assert!(quit.contains('Q'), "{quit}");
    t.keys(&["Escape"]);
    t.wait_for("help closed", |s| !s.contains(" Keys "));
    t.keys(&["Q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}
