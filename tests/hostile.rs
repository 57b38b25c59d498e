//! Hostile input: every bad file or line is reported by name and the rest
//! loads; nothing from a corpus reaches the terminal as a control sequence,
//! in the TUI or in any CLI output.

mod common;

use common::hostile::{self, NASTY};
use common::{Tmux, bin, dossier};
use dossier::corpus::Corpus;

fn folder() -> (tempfile::TempDir, Vec<hostile::Expected>) {
    let dir = tempfile::tempdir().unwrap();
    let expected = hostile::write_folder(dir.path(), 300_000);
    (dir, expected)
}

#[test]
fn each_bad_file_is_reported_by_name_and_the_rest_loads() {
    let (dir, expected) = folder();
    let c = Corpus::load_path(dir.path()).expect("a hostile folder still loads");
    let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    for e in &expected {
        assert!(
            said.iter()
                .any(|w| w.starts_with(e.place) && w.contains(e.says)),
            "no warning for {} mentioning {:?}; got {said:#?}",
            e.place,
            e.says
        );
    }
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title()).collect();
    for kept in [
        "Putin met Kabulov in Moscow",
        "Prices rise",
        "A BOM and CRLF title",
        "Only a title here",
    ] {
        assert!(titles.contains(&kept), "{kept} is kept: {titles:?}");
    }
    assert!(
        !titles.iter().any(|t| t.starts_with("PK")),
        "binary skipped: {titles:?}"
    );
    let latin = c
        .articles
        .iter()
        .find(|a| a.title() == "Prices rise")
        .unwrap();
    assert!(
        latin.text.contains("pound fell to \u{a3}1.20"),
        "a file with no UTF-8 is read as Windows-1252: {:?}",
        latin.text
    );
    assert!(
        titles.iter().all(|t| !t.starts_with('\u{feff}')),
        "the BOM is not part of a title"
    );
    let long = c.articles.iter().find(|a| a.id == "one-line.txt").unwrap();
    assert_long_line_kept(long, &hostile::one_line(300_000));
}

/// The article of a file that is one long line: a short title, and the
/// title and body together hold the whole line.
fn assert_long_line_kept(a: &dossier::corpus::Article, line: &[u8]) {
    let line = std::str::from_utf8(line).unwrap().trim_end();
    assert!(a.title().chars().count() <= dossier::corpus::TITLE_MAX_CHARS);
    assert!(a.title().starts_with("One line Putin"), "{}", a.title());
    assert_eq!(a.title().len() + 1 + a.body().len(), line.len());
    assert!(
        line.starts_with(a.title()) && line.ends_with(a.body()),
        "the body holds the rest of the line"
    );
}

/// The issue's 50 MB single-line file, alone and in a folder: a short
/// title, the rest of the line in the body, a warning naming it, and a
/// list row of a title's length. Ignored as slow: `cargo test --release --
/// --ignored` runs it.
#[test]
#[ignore = "writes and loads 50 MB; run with cargo test --release -- --ignored"]
fn a_50_mb_single_line_file_loads_with_a_short_title() {
    let dir = tempfile::tempdir().unwrap();
    let line = hostile::one_line(50 << 20);
    std::fs::write(dir.path().join("huge.txt"), &line).unwrap();
    std::fs::write(dir.path().join("small.txt"), "Small\n\nPutin spoke.\n").unwrap();
    let c = Corpus::load_path(dir.path()).expect("loads");
    assert_eq!(c.len(), 2);
    let huge = c.articles.iter().find(|a| a.id == "huge.txt").unwrap();
    assert_long_line_kept(huge, &line);
    let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    let bytes = line.trim_ascii_end().len();
    assert!(
        said.iter()
            .any(|w| w.starts_with("huge.txt:") && w.contains(&format!("{bytes} bytes long"))),
        "{said:?}"
    );
    let file = dir.path().join("huge.txt");
    let one = Corpus::load_path(&file).expect("loads as one file");
    assert_long_line_kept(&one.articles[0], &line);
    let out = dossier(&["list", "--corpus", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.len() < 1000, "{} bytes listed", out.stdout.len());
}

/// The issue's 100,000 files in one folder: every one loads, in name
/// order, with no warning. Ignored as slow, like the 50 MB file.
#[test]
#[ignore = "writes and loads 100,000 files; run with cargo test --release -- --ignored"]
fn a_hundred_thousand_files_in_one_folder_all_load() {
    const N: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..N {
        let text = format!("Report {i}\n\nPutin met Kabulov in Moscow, day {i}.\n");
        std::fs::write(dir.path().join(format!("{i:06}.txt")), text).unwrap();
    }
    let c = Corpus::load_path(dir.path()).expect("loads");
    assert_eq!(c.len(), N);
    assert!(
        c.warnings.is_empty(),
        "{:?}",
        &c.warnings[..3.min(c.warnings.len())]
    );
    assert_eq!(c.articles[0].id, "000000.txt");
    assert_eq!(c.articles[N - 1].title(), format!("Report {}", N - 1));
}

/// A file and a folder this process may not read: each is one warning
/// naming it and saying what to do, and the rest loads. Root reads
/// everything whatever the mode says, so there the check is skipped.
#[cfg(unix)]
#[test]
fn files_and_folders_without_read_permission_are_named_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    put("ok.txt", "Fine\n\nPutin spoke.\n");
    put("secret.txt", "Secret\n\nNot for you.\n");
    std::fs::create_dir(dir.path().join("locked")).unwrap();
    put("locked/inside.txt", "Inside\n\nNor this.\n");
    let mode = |name: &str, m: u32| {
        std::fs::set_permissions(dir.path().join(name), std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode("secret.txt", 0o000);
    mode("locked", 0o000);
    let readable = std::fs::read(dir.path().join("secret.txt")).is_ok();
    let c = (!readable).then(|| Corpus::load_path(dir.path()));
    // Give the permissions back so the folder can be cleaned up.
    mode("locked", 0o755);
    mode("secret.txt", 0o644);
    let Some(c) = c else {
        eprintln!(
            "skipped: this process reads a chmod 000 file (it runs as root), so permission \
             denial cannot be checked here; gone.txt in the hostile folder checks the same warning"
        );
        return;
    };
    let c = c.expect("the readable rest loads");
    assert_eq!(c.len(), 1, "only ok.txt");
    let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    for place in ["secret.txt", "locked"] {
        assert!(
            said.iter()
                .any(|w| w.starts_with(&format!("{place}: cannot be read"))
                    && w.contains("ermission denied")
                    && w.contains("that you may read it")),
            "{place}: {said:#?}"
        );
    }
}

#[test]
fn each_bad_jsonl_line_is_reported_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let expected = hostile::write_jsonl(&path);
    let c = Corpus::load_path(&path).expect("loads");
    assert_eq!(
        c.len(),
        4,
        "the three good lines, and the body without a title"
    );
    assert_eq!(c.articles[1].title(), "no title");
    let long = &c.articles[3];
    assert!(long.title().len() <= dossier::corpus::TITLE_MAX_CHARS);
    assert!(long.body().ends_with("Kabulov said\n\nAnd more."));
    let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    for e in &expected {
        assert!(
            said.iter()
                .any(|w| w.contains(e.place) && w.contains(e.says)),
            "no warning for line {} mentioning {:?}; got {said:#?}",
            e.place,
            e.says
        );
    }
}

/// Bytes a terminal would act on: C0 other than newline, DEL, and the
/// UTF-8 of C1 controls and bidi overrides.
fn control_bytes(out: &str) -> Vec<char> {
    out.chars()
        .filter(|&c| c != '\n' && dossier::text::is_unsafe(c))
        .collect()
}

#[test]
fn no_cli_output_carries_a_control_character() {
    let (dir, _) = folder();
    let jsonl_dir = tempfile::tempdir().unwrap();
    let jsonl = jsonl_dir.path().join("feed.jsonl");
    hostile::write_jsonl(&jsonl);
    for corpus in [dir.path(), jsonl.as_path()] {
        let c = corpus.to_str().unwrap();
        let runs: Vec<Vec<&str>> = vec![
            vec!["list", "--corpus", c],
            vec!["list", "--json", "--corpus", c],
            vec!["actors", "--corpus", c],
            vec!["actors", "--json", "--corpus", c],
            vec!["mentions", "--corpus", c],
            vec!["mentions", "--json", "--corpus", c],
            vec!["mentions", "Kabulov", "--kwic", "--corpus", c],
            vec!["related", "Putin", "--corpus", c],
            vec!["related", "Putin", "--json", "--corpus", c],
            vec!["filter", "putin", "--corpus", c],
            vec!["filter", "putin", "--json", "--corpus", c],
            vec!["filter", "putin", "--sidebar", "--corpus", c],
            vec!["timeline", "--corpus", c],
            vec!["timeline", "--json", "--corpus", c],
            vec!["quotes", "Putin", "--corpus", c],
            vec!["quotes", "Putin", "--json", "--corpus", c],
            vec!["briefing", "--corpus", c],
        ];
        for args in runs {
            let out = dossier(&args);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{args:?}: {stderr}");
            assert!(!stdout.is_empty(), "{args:?} printed nothing");
            for (what, text) in [("stdout", &stdout), ("stderr", &stderr)] {
                let bad = control_bytes(text);
                assert!(bad.is_empty(), "{args:?} {what} carries {bad:?}:\n{text}");
            }
            if args.contains(&"--json") {
                let rows: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
                let back = rows.to_string();
                if args[0] == "list" {
                    assert!(
                        back.contains(&serde_json::to_string(NASTY).unwrap()[1..10]),
                        "JSON keeps the exact text, escaped"
                    );
                }
            }
        }
    }
}

#[test]
fn the_tui_shows_the_hostile_corpus_inert_and_lists_its_warnings() {
    let Some(t) = Tmux::start(120, 32) else {
        return;
    };
    let (dir, _) = folder();
    t.type_line(&format!(
        "{} {} ; echo EXIT=$?",
        bin(),
        dir.path().display()
    ));
    let s = t.wait_for("the loaded corpus", |s| s.contains("load warnings"));
    let last = s.lines().last().unwrap_or("");
    assert!(
        last.contains("load warnings"),
        "the status bar is on the last line:\n{s}"
    );
    assert!(
        s.contains("^[]0;owned^G"),
        "the title-setting sequence is shown as inert text:\n{s}"
    );
    // Every row is as wide as the screen at most: nothing drawn outside.
    assert!(s.lines().all(|l| unicode_width(l) <= 120), "{s}");
    t.keys(&["w"]);
    let s = t.wait_for("the warnings list", |s| s.contains("Load warnings ("));
    assert!(s.contains("latin1.txt") && s.contains("binary.txt"), "{s}");
    t.keys(&["w"]);
    t.wait_for("closed", |s| !s.contains("Load warnings ("));
    // Open the article full of controls: shown as placeholders.
    t.keys(&["/"]);
    for k in ["c", "o", "n", "t", "r", "o", "l", "s"] {
        t.keys(&[k]);
    }
    t.keys(&["Enter"]);
    // The bidi override in its body is shown as a placeholder, not obeyed.
    let s = t.wait_for("the controls article in the reader", |s| {
        s.contains("Article 1 of 1") && s.contains("<U+202E>")
    });
    assert!(s.contains("^[[2J"), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit", |s| s.contains("EXIT=0"));
    let s = t.shell_modes();
    assert!(s.contains("icanon"), "{s}");
}

fn unicode_width(s: &str) -> usize {
    dossier::text::display_width(s)
}
