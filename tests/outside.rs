//! The real terminal for the mouse and for leaving the app: the built
//! binary inside tmux, clicked with the mouse sequences a terminal sends.

#![cfg(unix)]

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
    // The list's title keeps its counts and leaves the name (dropped
    // whole at this width) to the status line.
    let s = t.wait_for("the list narrowed to Putin", |s| {
        s.contains("Articles 4/5 · ") && s.contains("Vladimir Putin selected: 4 articles")
    });
    assert!(!s.contains("naming Vladim…"), "never cut mid-word: {s}");

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

    // The config's switch does the same.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[ui]\nmouse = false\n").unwrap();
    t.type_line(&format!(
        "clear; {} --config '{}'; echo EXIT=$?",
        bin(),
        config.display()
    ));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

/// A stand-in pager in `dir`, its name with a space in it (so it only runs
/// if `$PAGER` is split into words as a shell would, not by spaces): it
/// copies the file it is given, says what it got, and waits for a line.
fn stub_pager(dir: &std::path::Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("my pager");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncp \"$2\" '{seen}'\necho \"STUB-PAGER got $# args: $1 $(basename \"$2\")\"\necho \"$2\" > '{path}'\nread line\n",
            seen = dir.join("seen.txt").display(),
            path = dir.join("path.txt").display(),
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn o_hands_the_article_to_the_pager_and_comes_back_on_its_exit() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pager = stub_pager(dir.path());
    t.type_line(&format!(
        "cd /tmp && TMPDIR=/tmp PAGER=\"'{}' -X\" {} ; echo EXIT=$?",
        pager.display(),
        bin()
    ));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    t.keys(&["o"]);
    let s = t.wait_for("the pager", |s| s.contains("STUB-PAGER"));
    assert!(!s.contains("Articles (5)"), "the TUI left the screen:\n{s}");
    assert!(
        s.contains("STUB-PAGER got 2 args: -X dossier-") && s.contains("-000_2e5d647943e40601.txt"),
        "the pager got its own argument and a file named after the article:\n{s}"
    );
    let seen = std::fs::read_to_string(dir.path().join("seen.txt")).unwrap();
    assert!(
        seen.starts_with("Kremlin considers removing Taliban"),
        "{seen}"
    );
    assert!(seen.contains("id: 000_2e5d647943e40601.txt"), "{seen}");
    assert!(
        seen.contains("Russia is weighing the possibility"),
        "{seen}"
    );

    // The pager reads a line: Enter must reach it, not dossier.
    t.keys(&["Enter"]);
    t.wait_for("the TUI back", |s| {
        s.contains("Articles (5)") && !s.contains("STUB-PAGER")
    });
    let path = std::fs::read_to_string(dir.path().join("path.txt")).unwrap();
    assert!(
        !std::path::Path::new(path.trim()).exists(),
        "the temporary copy is removed"
    );
    // Keys work again.
    t.keys(&["j"]);
    t.wait_for("the second article", |s| s.contains("Article 2 of 5"));
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));

    // A pager that does not exist is named in the status bar.
    t.type_line(&format!(
        "clear; PAGER=/nonexistent/pager {} ; echo EXIT=$?",
        bin()
    ));
    t.wait_for("the app again", |s| s.contains("Articles (5)"));
    t.keys(&["o"]);
    let s = t.wait_for("the failure", |s| s.contains("Could not start"));
    assert!(
        s.contains("Could not start /nonexistent/pager (from $PAGER)"),
        "{s}"
    );
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    let s = t.shell_modes();
    assert!(s.contains("icanon"), "terminal restored:\n{s}");
}

#[test]
fn ctrl_z_stops_and_fg_brings_the_screen_back() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("cd /tmp && {}", bin()));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    t.keys(&["C-z"]);
    let s = t.wait_for("the shell", |s| s.contains("Stopped"));
    assert!(!s.contains("Articles (5)"), "{s}");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse released");
    let s = t.shell_modes();
    assert!(
        s.contains("icanon"),
        "the shell has a normal terminal:\n{s}"
    );
    t.type_line("fg");
    t.wait_for("the TUI back", |s| s.contains("Articles (5)"));
    assert_eq!(t.format("#{mouse_any_flag}"), "1", "mouse captured again");
    t.keys(&["j"]);
    t.wait_for("keys work", |s| s.contains("Article 2 of 5"));
    t.keys(&["q"]);
    t.wait_for("the shell", |s| !s.contains("Articles (5)"));
    t.type_line("echo EXIT=$?");
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn y_and_big_y_reach_the_clipboard_through_osc_52() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    // tmux keeps what an application copies with OSC 52 as a buffer.
    t.command(&["set", "-g", "set-clipboard", "on"]);
    t.type_line(&format!("cd /tmp && {} ; echo EXIT=$?", bin()));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    let buffer = |want: &str| {
        let start = std::time::Instant::now();
        loop {
            // show-buffer fails while there is none.
            if !t.command(&["list-buffers"]).trim().is_empty() {
                let got = t.command(&["show-buffer"]);
                if got.starts_with(want) || start.elapsed().as_secs() > 10 {
                    return got;
                }
            } else if start.elapsed().as_secs() > 10 {
                panic!("nothing reached tmux's buffers");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    t.keys(&["Y"]);
    t.wait_for("the note", |s| s.contains("copied 24 characters"));
    assert_eq!(buffer("000_"), "000_2e5d647943e40601.txt");
    t.keys(&["y"]);
    t.wait_for("the note", |s| s.contains("the article"));
    let got = buffer("Kremlin");
    assert!(got.starts_with("Kremlin considers removing"), "{got}");
    assert!(got.contains("Russia is weighing the possibility"), "{got}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn e_opens_a_copy_and_keeps_it_when_the_editor_changed_it() {
    use std::os::unix::fs::PermissionsExt;
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor");
    std::fs::write(&editor, "#!/bin/sh\necho 'my note' >> \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    // $VISUAL comes first; the temporary copy goes to TMPDIR.
    t.type_line(&format!(
        "cd /tmp && TMPDIR='{d}' VISUAL='{e}' EDITOR=/nonexistent {b} ; echo EXIT=$?",
        d = dir.path().display(),
        e = editor.display(),
        b = bin()
    ));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    t.keys(&["e"]);
    let s = t.wait_for("the note", |s| s.contains("Edited copy kept in"));
    assert!(s.contains(&dir.path().display().to_string()), "{s}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("000_2e5d647943e40601"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(text.starts_with("Kremlin considers") && text.ends_with("my note\n"));
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn ctrl_c_in_the_pager_stops_the_pager_not_dossier() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pager = stub_pager(dir.path());
    t.type_line(&format!(
        "cd /tmp && PAGER=\"'{}' -X\" {} ; echo EXIT=$?",
        pager.display(),
        bin()
    ));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    t.keys(&["o"]);
    t.wait_for("the pager", |s| s.contains("STUB-PAGER"));
    t.keys(&["C-c"]);
    let s = t.wait_for("the TUI back", |s| s.contains("Articles (5)"));
    assert!(s.contains("my pager exited with"), "{s}");
    // The signal watcher would have ended dossier within a second.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    t.keys(&["j"]);
    let s = t.wait_for("still running", |s| s.contains("Article 2 of 5"));
    assert!(!s.contains("EXIT="), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn keys_typed_into_the_pager_all_reach_it_and_none_reach_dossier() {
    use std::os::unix::fs::PermissionsExt;
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Like less, it reads single keys in non-canonical mode, the moment
    // they are typed: dossier must not be reading at the same time.
    let pager = dir.path().join("rawpager");
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\nstty -icanon -echo min 1\necho RAW-PAGER-READY\ndd bs=1 count=6 of='{}' 2>/dev/null\nstty icanon echo\n",
            dir.path().join("keys.txt").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    t.type_line(&format!(
        "cd /tmp && PAGER='{}' {} ; echo EXIT=$?",
        pager.display(),
        bin()
    ));
    t.wait_for("the three panes", |s| s.contains("Articles (5)"));
    t.keys(&["o"]);
    t.wait_for("the pager", |s| s.contains("RAW-PAGER-READY"));
    for k in ["j", "j", "j", "G", "j", "q"] {
        t.keys(&[k]);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    let s = t.wait_for("the TUI back", |s| s.contains("Articles (5)"));
    let keys = std::fs::read_to_string(dir.path().join("keys.txt")).unwrap();
    assert_eq!(keys, "jjjGjq", "every key went to the pager");
    assert!(s.contains("Article 1 of 5"), "no key moved dossier:\n{s}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn a_pasted_line_break_does_not_run_the_rest_of_the_paste_as_keys() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    t.type_line(&format!("{}; echo EXIT=$?", bin()));
    t.wait_for("the panes", |s| s.contains("Articles (5)"));
    t.keys(&["/"]);
    // tmux pastes with bracketed-paste markers only when the app asked for
    // them (-p): without them, the q after the line break would quit.
    t.command(&["set-buffer", "kabulov\nq"]);
    t.command(&["paste-buffer", "-p", "-t", "main"]);
    let s = t.wait_for("the pasted query", |s| s.contains("kabulov q"));
    assert!(!s.contains("EXIT="), "dossier is still running:\n{s}");
    // Esc and q apart: sent together they read as Alt-q.
    t.keys(&["Escape"]);
    t.wait_for("the filter cleared", |s| s.contains("Articles (5)"));
    t.keys(&["q"]);
    let s = t.wait_for("the exit", |s| s.contains("EXIT="));
    assert!(s.contains("EXIT=0"), "{s}");
}

#[test]
fn big_o_hands_the_url_to_browser_and_says_it_opened_it() {
    use std::os::unix::fs::PermissionsExt;
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("linked.jsonl");
    std::fs::write(
        &corpus,
        "{\"title\": \"Envoy in Kabul\", \"body\": \"Zamir Kabulov met officials.\", \"url\": \"https://example.org/kabul\"}\n",
    )
    .unwrap();
    let got = dir.path().join("got.txt");
    let browser = dir.path().join("browser");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", got.display()),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    t.type_line(&format!(
        "BROWSER='{}' {} '{}' ; echo EXIT=$?",
        browser.display(),
        bin(),
        corpus.display()
    ));
    t.wait_for("the panes", |s| s.contains("Articles (1)"));
    t.keys(&["O"]);
    let s = t.wait_for("the message", |s| s.contains("Opened "));
    assert!(
        s.contains("Opened https://example.org/kabul with "),
        "the status line says what was opened:\n{s}"
    );
    assert_eq!(
        std::fs::read_to_string(&got).unwrap().trim(),
        "https://example.org/kabul"
    );
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}
