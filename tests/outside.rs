//! The real terminal for the mouse and for leaving the app: the built
//! binary inside tmux, clicked with the mouse sequences a terminal sends.

mod common;

use common::{Tmux, bin};

/// The cell (0-based column, row) where `needle` starts on `screen`, to the
/// right of column `from`.
fn cell(screen: &str, from: usize, needle: &str) -> Option<(usize, usize)> {
    screen.lines().enumerate().find_map(|(row, line)| {
        let chars: Vec<char> = line.chars().collect();
        let right: String = chars.get(from..)?.iter().collect();
        let at = right.find(needle)?;
        Some((from + right[..at].chars().count(), row))
    })
}

/// What a terminal sends for a left click at a cell in SGR mouse mode
/// (1-based): the press and the release.
fn click_sequence((col, row): (usize, usize)) -> String {
    format!("\x1b[<0;{c};{r}M\x1b[<0;{c};{r}m", c = col + 1, r = row + 1)
}

#[test]
fn clicking_an_actor_in_the_sidebar_selects_it_and_the_mouse_is_released_at_exit() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("cd /tmp && {} ; echo EXIT=$?", bin()));
    let s = t.wait_for("the three panes", |s| {
        s.contains("Articles (5)") && s.contains("Vladimir Putin")
    });
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "1",
        "dossier asked for the mouse"
    );
    // The sidebar is the right-most pane: look right of the reader.
    let at = cell(&s, 80, "Vladimir Putin").expect("Putin in the sidebar");
    // The first click puts the cursor there, the second selects him.
    t.keys(&["-l", &click_sequence(at)]);
    t.wait_for("the sidebar focused", |s| s.contains("┏ Actors"));
    t.keys(&["-l", &click_sequence(at)]);
    let s = t.wait_for("the list narrowed to Putin", |s| {
        s.contains("Articles 4/5 naming Vladimir")
    });
    assert!(s.contains("Vladimir Putin: 4 articles"), "{s}");

    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture left on");
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("cd /tmp && {} --no-mouse; echo EXIT=$?", bin()));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}
