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

/// The SGR parameter lists in `screen` (what `ESC [ ... m` sets).
fn sgr_params(screen: &str) -> Vec<Vec<u16>> {
    screen
        .split("\x1b[")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (rest[end..].starts_with('m')).then(|| {
                rest[..end]
                    .split(';')
                    .map(|p| p.parse().unwrap_or(0))
                    .collect()
            })
        })
        .collect()
}

/// Whether an SGR parameter list sets a colour (other than the default).
fn sets_colour(params: &[u16]) -> bool {
    params
        .iter()
        .any(|&p| matches!(p, 30..=37 | 38 | 40..=47 | 48 | 58 | 90..=97 | 100..=107))
}

#[test]
fn no_color_in_the_environment_draws_without_colour() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    // First with colour, so the check below can tell.
    t.type_line(&format!("{} ; echo EXIT=$?", bin()));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    let coloured = t.screen_styled();
    assert!(
        sgr_params(&coloured).iter().any(|p| sets_colour(p)),
        "the default theme has colour:\n{coloured:?}"
    );
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    t.type_line("clear");

    t.type_line(&format!("NO_COLOR=1 {} ; echo EXIT2=$?", bin()));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    // Select an actor so mentions are highlighted too.
    t.keys(&["Tab", "Tab", "Enter"]);
    t.wait_for("an actor selected", |s| s.contains("n/N walk its mentions"));
    let plain = t.screen_styled();
    let params = sgr_params(&plain);
    let coloured: Vec<&Vec<u16>> = params.iter().filter(|p| sets_colour(p)).collect();
    assert!(coloured.is_empty(), "colours with NO_COLOR: {coloured:?}");
    // Reverse video marks the selection instead.
    assert!(params.iter().any(|p| p.contains(&7)), "{plain:?}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT2=0"));
}
