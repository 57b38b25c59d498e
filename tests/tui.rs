//! The real terminal: the built binary inside tmux, read back with
//! capture-pane, as a person would see it.

mod common;

use common::{Tmux, bin};

/// The sidebar's title on the seeds, as the library counts their actors.
fn seed_actors() -> String {
    format!(
        "Actors ({})",
        dossier::library::Library::seeds().actors.len()
    )
}

#[test]
fn three_panes_keys_and_a_clean_exit() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("cd /tmp && {} ; echo EXIT=$?", bin()));
    // Wait for the whole first frame: a capture can catch a frame half
    // drawn.
    let all = seed_actors();
    let s = t.wait_for("the three panes and the status bar", |s| {
        s.contains("Articles (5)")
            && s.contains(&all)
            && s.lines().last().is_some_and(|l| l.contains("5 articles"))
    });
    assert!(s.contains("Kremlin considers removing"), "{s}");
    assert!(s.contains("Russia is weighing the possibility"), "{s}");
    assert!(
        s.lines().last().unwrap().contains("5 articles"),
        "status bar on the last line:\n{s}"
    );

    // Select Bortnikov in the sidebar: the list narrows to the 4 articles naming him.
    t.keys(&["Tab", "Tab"]);
    for _ in 0..6 {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    let s = t.wait_for("the narrowed list", |s| {
        s.contains("Articles 4/5 · ") && s.contains("Bortnikov selected: 4 articles")
    });
    assert!(
        !s.contains("Taliban Not Terrorists"),
        "article 002 does not name him:\n{s}"
    );

    // n twice: the second jump crosses into article 001's "Aleksandr Bortnikov".
    t.keys(&["n", "n"]);
    let s = t.wait_for("the jump into article 2", |s| s.contains("mention 2 of 8"));
    assert!(s.contains("Article 2 of 4"), "{s}");
    assert!(
        s.contains("Aleksandr Bortnikov, the head of the Federal"),
        "{s}"
    );

    // Help is drawn from the keymap.
    t.keys(&["?"]);
    let s = t.wait_for("help", |s| s.contains("Keys"));
    assert!(s.contains("next mention of the selected actor"), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("help closed", |s| !s.contains(" Keys "));

    // Resize to two panes: the focused sidebar keeps the right-hand slot,
    // and Tab (to the list) brings the reader back with the same article.
    t.resize(80, 24);
    let s = t.wait_for("two panes", |s| {
        s.contains(&all) && !s.contains("Article 2 of 4")
    });
    assert!(s.contains("Articles 4/5"), "{s}");
    t.keys(&["Tab"]);
    t.wait_for("the reader on the right", |s| {
        s.contains("Article 2 of 4") && !s.contains(&all)
    });
    t.resize(120, 40);
    t.wait_for("three panes again", |s| {
        s.contains(&all) && s.contains("Article 2 of 4")
    });

    // q quits, the shell prints the exit status and still echoes input.
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    let s = t.shell_modes();
    assert!(
        s.contains("icanon") && s.lines().any(|l| l.trim() == "echo"),
        "terminal modes restored:\n{s}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    a_signal_restores_the_terminal("TERM", 143);
}

#[test]
fn sigquit_restores_the_terminal() {
    // Its default action would dump core with the terminal still raw.
    a_signal_restores_the_terminal("QUIT", 131);
}

/// Sends SIG`sig` to the app and checks that it exits with `code` and
/// leaves the shell's terminal modes as they were.
fn a_signal_restores_the_terminal(sig: &str, code: u8) {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    t.type_line(&format!(
        "{} & echo $! > {}; fg; echo EXIT=$?",
        bin(),
        pidfile.display()
    ));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    let pid = std::fs::read_to_string(&pidfile).unwrap().trim().to_owned();
    std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid])
        .status()
        .unwrap();
    // The command line holds "EXIT=$?" too: wait for the status's own line.
    let s = t.wait_for("exit after the signal", |s| {
        s.lines().any(|l| l.starts_with("EXIT="))
    });
    assert!(
        s.contains(&format!("EXIT={code}")),
        "killed by SIG{sig} reports {code}:\n{s}"
    );
    assert!(!s.contains("core dumped"), "{s}");
    // (The shell puts its own modes back after a job a signal killed, so
    // the screen, the mouse and the cursor are what show a restore.)
    assert_eq!(t.format("#{alternate_on}"), "0", "the app's screen left up");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture left on");
    assert_eq!(t.format("#{cursor_flag}"), "1", "the cursor left hidden");
    let s = t.shell_modes();
    assert!(s.contains("icanon"), "raw mode was left:\n{s}");
}

#[test]
fn a_file_of_no_usable_article_leaves_with_the_reason_and_status_2() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.jsonl");
    std::fs::write(&file, "not json\n{\"text\": \"no title, no body\"}\n").unwrap();
    t.type_line(&format!("{} {}; echo EXIT=$?", bin(), file.display()));
    let s = t.wait_for("exit", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(s.contains("broken.jsonl: no articles found"), "{s}");
    assert_eq!(t.format("#{alternate_on}"), "0", "the app's screen left up");
    assert!(t.shell_modes().contains("icanon"), "raw mode was left");
}

#[test]
fn typing_a_filter_narrows_the_list_and_the_sidebar() {
    let all = seed_actors();
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("{} ; echo EXIT=$?", bin()));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    t.keys(&["/"]);
    t.wait_for("the filter line", |s| {
        s.lines().last().unwrap_or("").starts_with("/ ")
    });
    // Typed one key at a time, with no Enter: the screen follows each key.
    for k in ["l", "a", "v"] {
        t.keys(&[k]);
    }
    let s = t.wait_for("the narrowed list", |s| {
        s.contains("1 of 5 articles · 1 actor")
    });
    assert!(s.contains("Articles 1/5"), "{s}");
    assert!(s.contains("Sergey Lavrov"), "the sidebar names him:\n{s}");
    assert!(
        !s.contains("Kremlin considers"),
        "article 000 is filtered out:\n{s}"
    );
    // Enter keeps it; n jumps to the match in the reader.
    t.keys(&["Enter", "n"]);
    let s = t.wait_for("the first match", |s| s.contains("Match 1 of"));
    assert!(s.contains("Lavrov"), "{s}");
    // Esc clears it: everything is back.
    t.keys(&["Escape"]);
    t.wait_for("all articles", |s| {
        s.contains("Articles (5)") && s.contains(&all)
    });
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn esc_and_a_key_sent_together_are_two_keys() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("{} ; echo EXIT=$?", bin()));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    t.keys(&["/"]);
    for k in ["l", "a", "v"] {
        t.keys(&[k]);
    }
    t.wait_for("the narrowed list", |s| s.contains("Articles 1/5"));
    // One write, "\x1bj": the terminal's bytes for Alt-j as well.
    t.keys(&["Escape", "j"]);
    t.wait_for("all articles, the second one open", |s| {
        s.contains("Articles (5)") && s.contains("Article 2 of 5")
    });
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn concordance_sort_jump_to_a_misspelling_and_back() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.type_line(&format!("{} ; echo EXIT=$?", bin()));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    // Select Bortnikov in the sidebar, then m: his concordance.
    t.keys(&["Tab", "Tab"]);
    for _ in 0..6 {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    t.wait_for("Bortnikov selected", |s| {
        s.contains("Articles 4/5 · ") && s.contains("Bortnikov selected: 4 articles")
    });
    t.keys(&["m"]);
    let s = t.wait_for("the concordance", |s| {
        s.contains("Concordance: Alexander Bortnikov")
    });
    assert!(s.contains("8 mentions in 4 articles"), "{s}");
    // Every mention starts in the same column.
    let columns: Vec<usize> = s
        .lines()
        .filter(|l| l.starts_with('┃'))
        .filter_map(common::bortnikov_column)
        .collect();
    assert!(columns.len() >= 8, "{s}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "aligned:\n{s}");
    // s: sorted by the word to the left.
    t.keys(&["s"]);
    t.wait_for("sorted", |s| s.contains("sorted by word to the left (1L)"));
    // Walk down to the misspelt "Bortinkov" line and read it there.
    let row = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with('┃') && (l.contains("Bortnikov") || l.contains("Bortinkov")))
            .position(|l| l.contains("Bortinkov"))
    };
    let s = t.screen();
    let at = row(&s).expect("a Bortinkov line");
    // The cursor stays on its line when sorting: go to the top first.
    t.keys(&["g"]);
    for _ in 0..at {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    let s = t.wait_for("the article at the mention", |s| {
        s.contains("Article ") && s.contains("Bortinkov also announced")
    });
    assert!(s.contains("Alexander Bortnikov: mention"), "{s}");
    // Esc returns to the concordance, cursor kept; Backspace goes back
    // further, to the panes before m.
    t.keys(&["Escape"]);
    t.wait_for("the concordance again", |s| {
        s.contains("Concordance: Alexander Bortnikov") && s.contains("(1L)")
    });
    t.keys(&["Escape"]);
    t.wait_for("the panes", |s| s.contains("Articles 4/5 · "));
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn sigint_while_loading_restores_the_terminal() {
    let Some(t) = Tmux::start(100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Some(fifo) = common::fifo(dir.path(), "feed.jsonl") else {
        return;
    };
    let pidfile = dir.path().join("pid");
    t.type_line(&format!(
        "{} {} & echo $! > {}; fg; echo EXIT=$?",
        bin(),
        fifo.display(),
        pidfile.display()
    ));
    // Loading waits on the pipe forever: interrupt it there.
    t.wait_for("the loading screen", |s| {
        s.contains("Loading") || s.contains("Reading")
    });
    let pid = std::fs::read_to_string(&pidfile).unwrap().trim().to_owned();
    std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    let s = t.wait_for("exit after SIGINT", |s| {
        s.lines().any(|l| l.starts_with("EXIT="))
    });
    assert!(
        s.contains("EXIT=130"),
        "killed by SIGINT reports 128+2:\n{s}"
    );
    let s = t.shell_modes();
    assert!(s.contains("icanon"), "raw mode was left:\n{s}");
}

#[test]
fn timeline_expand_the_4_october_event_and_read_a_source() {
    let Some(t) = Tmux::start(110, 30) else {
        return;
    };
    t.type_line(&format!("{} ; echo EXIT=$?", bin()));
    t.wait_for("the app", |s| s.contains("Articles (5)"));
    t.keys(&["t"]);
    let s = t.wait_for("the timeline", |s| s.contains("events in date order"));
    // Dates in order, at their precision, the inferred year marked.
    let at = |label: &str| s.find(label).unwrap_or_else(|| panic!("{label}:\n{s}"));
    assert!(
        at("2003") < at("June 2023") && at("June 2023") < at("29 May 2024"),
        "{s}"
    );
    let line = s
        .lines()
        .find(|l| l.contains("4 October 2024?"))
        .expect("the 4 October row");
    assert!(line.contains("×2"), "two sources:\n{s}");
    // Walk to it and show its sources.
    let row = s
        .lines()
        .filter(|l| l.starts_with('┃'))
        .skip(1)
        .position(|l| l.contains("4 October 2024?"))
        .unwrap();
    for _ in 0..row {
        t.keys(&["j"]);
    }
    t.keys(&["Space"]);
    let s = t.wait_for("the sources", |s| s.matches('↳').count() == 2);
    assert!(s.contains("Process To Remove"), "{s}");
    // The second source: its article, the sentence on screen.
    t.keys(&["j", "j", "Enter"]);
    let s = t.wait_for("the reader", |s| s.contains("Article 4 of 5"));
    assert!(s.contains("(October 4)"), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("back in the timeline", |s| {
        s.contains("events in date order")
    });
    t.keys(&["q"]);
    t.wait_for("the shell", |s| s.contains("EXIT=0"));
}

#[test]
fn marks_and_queries_last_a_read_article_a_bookmark_and_a_search_come_back() {
    let Some(t) = Tmux::start(120, 30) else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    let articles = common::synthetic(3);
    common::write_folder(corpus.path(), &articles);
    let title = |i: usize| articles[i].0.clone();
    let run = format!(
        "cd /tmp && {} {} ; echo EXIT=$?",
        bin(),
        corpus.path().display()
    );
    t.type_line(&run);
    t.wait_for("the corpus", |s| s.contains("Articles (3) · 3 unread"));
    // The first article, open for three seconds once the user has pressed
    // a key (shown at start, it is not theirs yet), becomes read.
    t.keys(&["k"]);
    t.wait_for("the first article read", |s| s.contains("2 unread"));
    // Bookmark the second.
    t.keys(&["j", "b"]);
    let s = t.wait_for("the bookmark", |s| s.contains("1★"));
    assert!(s.contains("Bookmarked"), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    let marks: Vec<_> = std::fs::read_dir(t.data_home().join("dossier/marks"))
        .expect("the marks folder under XDG_DATA_HOME")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(marks.len(), 1, "{marks:?}");

    // Again on the same corpus: the marks are there.
    t.type_line("clear");
    t.type_line(&run);
    let s = t.wait_for("the marks again", |s| {
        s.contains("Articles (3) · 2 unread · 1★")
    });
    let starred = s
        .lines()
        .find(|l| l.contains(&title(1)[..20]))
        .unwrap_or_else(|| panic!("the second title on screen:\n{s}"));
    assert!(starred.contains("•★"), "unread and bookmarked:\n{s}");
    let read = s.lines().find(|l| l.contains(&title(0)[..20])).unwrap();
    assert!(!read.contains('•') && !read.contains('★'), "{s}");

    // is:bookmarked lists only the bookmark.
    t.keys(&["/"]);
    t.keys(&["-l", "is:bookmarked"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("the filtered list", |s| s.contains("Articles 1/3"));
    assert!(s.contains(&title(1)[..20]), "{s}");
    assert!(!s.contains(&title(2)[..20]), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));

    // The query is kept too: next time, / and Up bring it back.
    let saved = std::fs::read_to_string(t.data_home().join("dossier/queries.txt"))
        .expect("the queries file under XDG_DATA_HOME");
    assert_eq!(saved, "is:bookmarked\n");
    t.type_line("clear");
    t.type_line(&run);
    t.wait_for("the corpus again", |s| s.contains("Articles (3)"));
    t.keys(&["/", "Up"]);
    let s = t.wait_for("the query recalled", |s| s.contains("Articles 1/3"));
    assert!(s.contains("is:bookmarked"), "{s}");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
}

#[test]
fn marks_a_save_lost_are_said_on_the_way_out() {
    // helper-30: a bookmark made where marks could not be saved was lost
    // with no word at exit.
    let Some(t) = Tmux::start(120, 30) else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    common::write_folder(corpus.path(), &common::synthetic(3));
    let run = format!(
        "cd /tmp && {} {} ; echo EXIT=$?",
        bin(),
        corpus.path().display()
    );
    t.type_line(&run);
    t.wait_for("the corpus", |s| s.contains("Articles (3) · 3 unread"));
    t.keys(&["b"]);
    t.wait_for("the first bookmark saved", |s| s.contains("1★"));
    // The marks folder becomes a file: no save can write into it (not
    // even as root, which permissions would not stop).
    let marks = t.data_home().join("dossier/marks");
    let waited = std::time::Instant::now();
    while std::fs::read_dir(&marks).map_or(0, Iterator::count) == 0
        && waited.elapsed().as_secs() < 10
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::fs::remove_dir_all(&marks).unwrap();
    std::fs::write(&marks, "in the way").unwrap();
    t.keys(&["j", "b"]);
    t.wait_for("the failed save said", |s| s.contains("Marks not saved"));
    t.keys(&["q"]);
    let s = t.wait_for("exit", |s| s.contains("EXIT=0"));
    // The bookmark, and the second article's read state too when the
    // failed save took 3 s or more to be said (a loaded CI machine did):
    // one or two marks, each lost and said so. (The wording of one is
    // checked in app::marks.)
    let lost = [
        "dossier: 1 mark changed in this session (a read state, bookmark or note) was not saved",
        "dossier: 2 marks changed in this session (read states, bookmarks or notes) were not saved",
    ];
    assert!(lost.iter().any(|l| s.contains(l)), "{s}");
}
