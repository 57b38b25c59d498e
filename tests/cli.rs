//! The scriptable CLI, run as a user would run it.

mod common;

use common::{dossier, fixture, stdout_ok};
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    serde_json::from_str(&stdout_ok(args)).expect("valid JSON")
}

/// A user gazetteer in `dir` that adds the byline "Jane Roe" of the mini
/// fixture as a person.
fn jane_roe(dir: &std::path::Path) -> std::path::PathBuf {
    let g = dir.join("mine.json");
    std::fs::write(
        &g,
        r#"[{"name": "Jane Roe", "kind": "person", "aliases": ["Roe"]}]"#,
    )
    .unwrap();
    g
}

#[test]
fn list_prints_the_seed_articles_in_order() {
    let rows = json(&["list", "--json"]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "000_2e5d647943e40601.txt",
            "001_4848f0c9aefd9c35.txt",
            "002_e6a837ad838336d6.txt",
            "003_6bdba29c856ada4f.txt",
            "004_49fb63314729b025.txt"
        ]
    );
    assert_eq!(
        rows[1]["title"],
        "Russia kickstarts process to remove Taliban from terror list"
    );
    assert_eq!(rows[0]["byline"], "Vafa Guliyeva");
    assert!(rows.iter().all(|r| r["actors"].as_u64().unwrap() > 5));
}

#[test]
fn plain_list_has_a_header_and_one_line_per_article() {
    let out = stdout_ok(&["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with("ID"));
    assert!(lines[3].contains("Taliban Not Terrorists"));
}

#[test]
fn mention_offsets_cut_the_mention_out_of_the_seed_file() {
    let rows = json(&["mentions", "Bortnikov", "--json"]);
    assert_eq!(rows.len(), 8);
    for r in &rows {
        assert_eq!(common::seed_span(r), r["text"].as_str().unwrap().as_bytes());
        assert_eq!(r["actor"], "Alexander Bortnikov");
        assert_eq!(r["kind"], "person");
        assert!(
            r["context"]
                .as_str()
                .unwrap()
                .contains(r["text"].as_str().unwrap())
        );
    }
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"Bortinkov"));
    assert!(texts.contains(&"Aleksandr Bortnikov"));
}

#[test]
fn all_mentions_cover_every_actor_and_never_the_verb_is() {
    let rows = json(&["mentions", "--json"]);
    assert!(rows.len() > 200);
    assert!(rows.iter().all(|r| r["text"] != "is"));
    let is_org = rows.iter().filter(|r| r["text"] == "IS").count();
    assert_eq!(is_org, 1, "the one 'IS' in seed 000 is the Islamic State");
}

#[test]
fn actors_merge_spellings_and_report_them_with_counts() {
    let rows = json(&["actors", "--json"]);
    let find = |name: &str| {
        rows.iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let b = find("Alexander Bortnikov");
    assert_eq!(b["mentions"], 8);
    assert_eq!(b["articles"], 4);
    let variants: Vec<(&str, u64)> = b["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["text"].as_str().unwrap(), v["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        variants,
        [
            ("Alexander Bortnikov", 5),
            ("Aleksandr Bortnikov", 1),
            ("Bortinkov", 1),
            ("Bortnikov", 1)
        ]
    );
    let k = find("ISIS-K");
    let spellings: Vec<&str> = k["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect();
    assert!(spellings.contains(&"Wilayat Khorasan") && spellings.contains(&"Khorasan Province"));
    let fsb = find("Federal Security Service");
    assert_eq!(fsb["kind"], "organization");
    // Sorted by mentions.
    let counts: Vec<u64> = rows
        .iter()
        .map(|r| r["mentions"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn a_missing_corpus_is_one_line_naming_it_and_exit_code_2() {
    let out = dossier(&["list", "--corpus", "/nowhere/corpus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/nowhere/corpus"), "{err}");
    assert!(out.stdout.is_empty());
    // The TUI refuses the same way, before touching the terminal.
    let out = dossier(&["/nowhere/corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing was drawn");
}

#[test]
fn an_unknown_actor_is_explained() {
    let out = dossier(&["mentions", "Zzyzx Qwerty"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no actor matches") && err.contains("dossier actors"),
        "{err}"
    );
}

#[test]
fn a_blank_actor_is_refused_before_the_corpus_loads() {
    // helper-34: `quotes ""` loaded the whole corpus, then said no actor
    // matched. A corpus that does not exist shows which comes first.
    for args in [
        &["quotes", "", "--corpus", "/nowhere/corpus"][..],
        &["related", " ", "--corpus", "/nowhere/corpus"],
        &["mentions", "", "--corpus", "/nowhere/corpus"],
        &["export", "--actor", "", "--corpus", "/nowhere/corpus"],
    ] {
        let out = dossier(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("an actor's name is needed") && !err.contains("/nowhere"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_misspelt_actor_is_taken_as_the_closest_and_said_so() {
    let out = dossier(&["mentions", "Putni", "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("taking the closest, Vladimir Putin"), "{err}");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["actor"] == "Vladimir Putin"),
        "{rows:?}"
    );
    // A word two names share, one far more named: that one, said so.
    let out = dossier(&["mentions", "ministry", "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("taking the most named, Russian Ministry of Foreign Affairs"),
        "{err}"
    );
    assert!(err.contains("Russian Ministry of Justice"), "{err}");
}

#[test]
fn a_folder_and_its_jsonl_twin_give_the_same_actors_and_mentions() {
    let folder = fixture("mini");
    let jsonl = fixture("mini.jsonl");
    let (f, j) = (folder.to_str().unwrap(), jsonl.to_str().unwrap());
    assert_eq!(
        stdout_ok(&["actors", "--json", "--corpus", f]),
        stdout_ok(&["actors", "--json", "--corpus", j])
    );
    // Ids are the same (the JSONL gives them); offsets agree too.
    assert_eq!(
        stdout_ok(&["mentions", "--json", "--corpus", f]),
        stdout_ok(&["mentions", "--json", "--corpus", j])
    );
    let list = json(&["list", "--json", "--corpus", f]);
    assert_eq!(list[2]["id"], "world/c-lavrov.txt");
    assert_eq!(list[2]["byline"], "Jane Roe");
}

#[test]
fn a_user_gazetteer_adds_actors() {
    let dir = tempfile::tempdir().unwrap();
    let g = jane_roe(dir.path());
    let corpus = fixture("mini");
    let rows = json(&[
        "actors",
        "--json",
        "--corpus",
        corpus.to_str().unwrap(),
        "--actors",
        g.to_str().unwrap(),
    ]);
    assert!(
        rows.iter()
            .any(|r| r["name"] == "Jane Roe" && r["kind"] == "person")
    );
    // Every command takes it the same way, filter and export too
    // (filter's --actors used to be a flag, and refused the file).
    let c = corpus.to_str().unwrap();
    let gz = g.to_str().unwrap();
    let sidebar = json(&[
        "filter",
        "--actors",
        gz,
        "roe",
        "--sidebar",
        "--json",
        "--corpus",
        c,
    ]);
    assert!(
        sidebar.iter().any(|r| r["name"] == "Jane Roe"),
        "{sidebar:?}"
    );
    let actors = json(&[
        "export", "--actors", gz, "--what", "actors", "-f", "json", "--corpus", c,
    ]);
    assert!(actors.iter().any(|r| r["name"] == "Jane Roe"), "{actors:?}");
    std::fs::write(&g, "[{\"name\": \"X\", \"kind\": \"planet\"}]").unwrap();
    let out = dossier(&["actors", "--actors", g.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("mine.json:1:") && err.contains("planet"),
        "{err}"
    );
}

#[test]
fn a_bare_path_after_a_subcommand_is_told_to_use_corpus() {
    let out = dossier(&["list", "seeds"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("dossier list --corpus seeds"), "{err}");
    // A word that is no file gets clap's message alone.
    let out = dossier(&["list", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("--corpus no-such-thing"), "{err}");
}

#[test]
fn a_word_after_the_corpus_is_one_too_many_or_a_subcommand_out_of_place() {
    let out = dossier(&["seeds", "extra"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unexpected argument 'extra'") && !err.contains("subcommand"),
        "{err}"
    );
    let out = dossier(&["seeds", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("dossier list --corpus PATH"), "{err}");
}

#[test]
fn a_full_disk_is_one_line_for_every_printing_command() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let printing: [&[&str]; 6] = [
        &["list"],
        &["completions", "bash"],
        &["actors"],
        &["--help"],
        &["--version"],
        &["export", "-f", "csv", "-o", "/dev/stdout"],
    ];
    for args in printing {
        let out = std::process::Command::new(common::bin())
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with("dossier: cannot write to stdout: ")
                && err.contains("free some space")
                && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn an_export_to_dev_stdout_is_stdout_as_the_shell_opened_it() {
    // helper-23: `-o /dev/stdout >> log` renamed a new file over log, and
    // into a pipe it failed ("cannot write /dev/stdout: No such file").
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.csv");
    std::fs::write(&log, "kept 1\nkept 2\n").unwrap();
    let append = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    for to in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        let out = std::process::Command::new(common::bin())
            .args(["export", "-f", "csv", "-o", to])
            .stdout(append.try_clone().unwrap())
            .output()
            .unwrap();
        assert!(out.status.success(), "{to}: {:?}", out);
    }
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("kept 1\nkept 2\nid,title,"), "{text}");
    assert_eq!(text.matches("id,title,").count(), 3, "{text}");
    // Into a pipe, as `| head` would read it.
    let out = dossier(&["export", "-f", "csv", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 6);
}

#[test]
fn an_export_to_a_descriptor_not_open_says_so() {
    let out = dossier(&["export", "-f", "csv", "-o", "/dev/fd/97"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("descriptor 97 is not open") && !err.contains("folder is writable"),
        "{err}"
    );
}

#[test]
fn the_browser_without_a_terminal_says_what_to_do_instead() {
    // Output captured: stdout is a pipe, not a terminal.
    let out = dossier(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no escape codes into the pipe");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("needs a terminal") && err.contains("dossier list"),
        "{err}"
    );
}

#[test]
fn an_empty_folder_is_refused_by_the_browser_as_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    for args in [&["list", "--corpus", d][..], &[d]] {
        let out = dossier(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("no articles found"), "{args:?}: {err}");
    }
}

#[test]
fn path_and_corpus_together_are_refused() {
    let out = dossier(&["seeds", "--corpus", "seeds"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("give the corpus once"), "{err}");
    // A subcommand after --corpus is read as PATH: the corpus was given
    // once, in the wrong place.
    let out = dossier(&["--corpus", "seeds", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("put the options after it: dossier list [OPTIONS]")
            && !err.contains("give the corpus once"),
        "{err}"
    );
}

#[test]
fn filter_prints_ranked_articles_with_why_they_matched() {
    let rows = json(&["filter", "bortnikov | lavrov crocus", "--json"]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"003_6bdba29c856ada4f.txt") && ids.contains(&"004_49fb63314729b025.txt"));
    let scores: Vec<i64> = rows.iter().map(|r| r["score"].as_i64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    let words: Vec<&str> = rows[0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.contains(&"crocus"), "{words:?}");
    let fields: Vec<&str> = rows[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(fields.contains(&"body"));
    // The typo rule at work: "Bortinkov" is reported as a matched word.
    let b = json(&["filter", "bortnikov", "--json"]);
    let in_001 = b
        .iter()
        .find(|r| r["id"] == "001_4848f0c9aefd9c35.txt")
        .unwrap();
    assert!(
        in_001["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "bortinkov")
    );
    // A hint is said, not taken for an error (helper-31: "-war" exited 2).
    let out = dossier(&["filter", "--", "-war"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("write !war"),
        "{out:?}"
    );
    // One or two letters name the words they matched too (helper-30: "ab"
    // listed none, while the TUI highlighted "about").
    for row in json(&["filter", "ab", "--json"]) {
        let words = row["words"].as_array().unwrap();
        assert!(!words.is_empty(), "{row}");
        assert!(
            words.iter().all(|w| w.as_str().unwrap().starts_with("ab")),
            "{row}"
        );
    }
}

#[test]
fn a_query_asking_for_an_unknown_kind_or_mark_is_refused() {
    for args in [
        &["filter", "k:wizard kabul"][..],
        &["export", "is:later"],
        &["filter", "t:@putin"],
    ] {
        let out = dossier(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: no empty answer");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("dossier: "), "{args:?}: {err}");
    }
    // A long query cut to its first terms still runs, with a warning.
    let words: Vec<String> = (0..50).map(|i| format!("w{i}")).collect();
    let out = dossier(&["filter", &words.join(" ")]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("only the first 40 terms"), "{err}");
}

#[test]
fn filter_actors_prints_the_filtered_sidebar() {
    let rows = json(&["filter", "crocus", "--sidebar", "--json"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], "Crocus City Hall");
    assert_eq!(rows[0]["articles"], 2);
}

#[test]
fn filter_takes_a_corpus_and_a_gazetteer() {
    let dir = tempfile::tempdir().unwrap();
    let g = jane_roe(dir.path());
    let corpus = fixture("mini");
    let rows = json(&[
        "filter",
        "@roe",
        "--json",
        "--corpus",
        corpus.to_str().unwrap(),
        "--gazetteer",
        g.to_str().unwrap(),
    ]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "world/c-lavrov.txt");
}

#[test]
fn mentions_kwic_aligns_every_mention_in_one_column() {
    let out = stdout_ok(&["mentions", "Bortnikov", "--kwic", "--width", "110"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 8, "one line per mention:\n{out}");
    let column =
        |l: &str| common::bortnikov_column(l).unwrap_or_else(|| panic!("no mention in {l:?}"));
    let first = column(lines[0]);
    assert!(lines.iter().all(|l| column(l) == first), "aligned:\n{out}");
    assert!(lines.iter().all(|l| l.chars().count() <= 110), "{out}");
    assert!(out.contains("Bortinkov also announced"));
}

#[test]
fn a_kwic_wider_than_a_thousand_cells_is_refused() {
    // helper-33: --width 65535 padded every line with 32,000 spaces.
    let out = dossier(&["mentions", "Kabulov", "--kwic", "--width", "65535"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--width") && err.contains("1000"), "{err}");
    let out = stdout_ok(&["mentions", "Kabulov", "--kwic", "--width", "1000"]);
    assert!(out.lines().all(|l| l.chars().count() <= 1000), "{out}");
}

#[test]
fn a_narrow_kwic_keeps_every_article_id_whole() {
    // A script reads the id to open the article: "000_2e5d…" is useless.
    let out = stdout_ok(&["mentions", "Kabulov", "--kwic", "--width", "40"]);
    let ids: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .collect();
    assert!(!ids.is_empty(), "{out}");
    assert!(
        ids.iter()
            .all(|id| id.ends_with(".txt") && !id.contains('…')),
        "{out}"
    );
}

#[test]
fn mentions_kwic_sorts_by_the_word_to_the_right() {
    let out = stdout_ok(&["mentions", "Kabulov", "--kwic", "--sort", "right"]);
    let after: Vec<String> = out
        .lines()
        .map(|l| {
            let i = l.find("Kabulov").expect("the mention") + "Kabulov".len();
            // The next word, punctuation skipped (as AntConc's 1R).
            l[i..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase()
        })
        .collect();
    let mut sorted = after.clone();
    sorted.sort();
    assert_eq!(after, sorted);
}

#[test]
fn related_ranks_the_actors_named_with_one_above_chance() {
    let rows = json(&["related", "Bortnikov", "--json"]);
    let first = &rows[0];
    assert_eq!(first["scope"], "sentence");
    assert_eq!(first["name"], "Federal Security Service");
    for r in &rows {
        let (together, expected) = (
            r["together"].as_f64().unwrap(),
            r["expected"].as_f64().unwrap(),
        );
        assert!(together > expected, "{r}");
    }
    assert!(rows.iter().any(|r| r["scope"] == "article"));
    let plain = stdout_ok(&["related", "Bortnikov"]);
    assert!(plain.starts_with("SCOPE"), "{plain}");
}

#[test]
fn filter_is_terms_read_the_marks_the_tui_saved() {
    use dossier::state::{Change, Store};
    let data = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    common::write_folder(corpus.path(), &common::synthetic(4));
    let origin = dossier::corpus::Origin::Folder(corpus.path().to_owned());
    let ids = ["000/000001.txt", "000/000003.txt"];
    Store::for_corpus(&data.path().join("dossier"), &origin)
        .save(
            &[
                Change::Bookmark(ids[0].into(), true),
                Change::Bookmark(ids[1].into(), true),
                Change::Read(ids[1].into()),
            ],
            1,
        )
        .unwrap();
    let run_as = |sub: &str, query: &str| -> Vec<String> {
        let out = std::process::Command::new(common::bin())
            .args([sub, query])
            .args(if sub == "export" {
                &["--format", "json"][..]
            } else {
                &["--json"][..]
            })
            .arg("--corpus")
            .arg(corpus.path())
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        rows.iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let run = |query: &str| run_as("filter", query);
    assert_eq!(run("is:bookmarked"), ids);
    assert_eq!(run("is:bookmarked is:unread"), [ids[0]]);
    assert_eq!(run("is:read").len(), 1);
    assert_eq!(run("is:unread").len(), 3);
    // Exporting a query reads the same marks.
    let mut exported = run_as("export", "is:bookmarked");
    exported.sort();
    assert_eq!(exported, ids);
    assert_eq!(run_as("export", "is:unread").len(), 3);
}

#[test]
fn exported_articles_carry_the_readers_bookmarks_and_notes() {
    use dossier::state::{Change, Store};
    let data = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    common::write_folder(corpus.path(), &common::synthetic(3));
    let origin = dossier::corpus::Origin::Folder(corpus.path().to_owned());
    let (starred, noted) = ("000/000001.txt", "000/000002.txt");
    Store::for_corpus(&data.path().join("dossier"), &origin)
        .save(
            &[
                Change::Bookmark(starred.into(), true),
                Change::Read(starred.into()),
                Change::Note(noted.into(), "ask the desk, \"why now?\"".into()),
            ],
            1,
        )
        .unwrap();
    let export = |format: &str| -> String {
        let out = std::process::Command::new(common::bin())
            .args(["export", "--format", format, "--corpus"])
            .arg(corpus.path())
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let rows: Vec<Value> = serde_json::from_str(&export("json")).unwrap();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(row(starred)["bookmarked"], true);
    assert_eq!(row(starred)["read"], true);
    assert_eq!(row(starred)["note"], Value::Null);
    assert_eq!(row(noted)["bookmarked"], false);
    assert_eq!(row(noted)["note"], "ask the desk, \"why now?\"");
    // CSV: the same, in three columns at the end.
    let csv = export("csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[7..], ["bookmarked", "read", "note"]);
    let cells: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let line = |id: &str| cells.iter().find(|c| c[0] == id).unwrap().clone();
    assert_eq!(line(starred)[7..], ["true", "true", ""]);
    assert_eq!(
        line(noted)[7..],
        ["false", "false", "ask the desk, \"why now?\""]
    );
    // Markdown: a star after the title and the note under the byline.
    let md = export("md");
    // (The folder's second article.)
    let starred_title = md.lines().find(|l| l.starts_with("## 2. ")).unwrap();
    assert!(starred_title.ends_with(" ★"), "{md}");
    assert!(
        md.contains("> **Note:** ask the desk, \"why now?\""),
        "{md}"
    );
    assert_eq!(md.matches('★').count(), 1, "{md}");
    // `list --json` stays as it was: marks are the export's.
    let out = std::process::Command::new(common::bin())
        .args(["list", "--json", "--corpus"])
        .arg(corpus.path())
        .env("XDG_DATA_HOME", data.path())
        .output()
        .unwrap();
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(listed[0].get("bookmarked").is_none(), "{:?}", listed[0]);
}

#[test]
fn options_before_a_subcommand_get_told_where_they_go() {
    let out = common::dossier(&["--no-mouse", "config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("put the options after it: dossier config [OPTIONS]"),
        "{err}"
    );
    // A real corpus path that happens not to exist gets no such hint.
    let out = common::dossier(&["no-such-corpus"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("put the options after"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn a_mistyped_command_gets_the_command_it_is_one_slip_from() {
    let out = common::dossier(&["lst"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lst: no such file or folder"), "{err}");
    assert!(err.contains("did you mean `dossier list`?"), "{err}");
    // A word no command is near is still told it is not one.
    let out = common::dossier(&["stats"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stats: no such file or folder"), "{err}");
    assert!(
        err.contains("`stats` is not a command either; `dossier --help` lists them"),
        "{err}"
    );
    // A name that looks like a folder is not told so.
    let err = common::dossier(&["no-such-corpus"]).stderr;
    assert!(!String::from_utf8_lossy(&err).contains("not a command"));
}

#[test]
fn a_named_pipe_in_a_folder_is_skipped_with_a_warning_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Budget vote\nThe council met.\n").unwrap();
    if common::fifo(dir.path(), "feed.txt").is_none() {
        return;
    }
    let out = common::dossier(&["list", "--corpus", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feed.txt: a named pipe or device, not a file; skipped"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn a_corpus_piped_in_is_read_as_jsonl() {
    let mini = std::fs::read(fixture("mini.jsonl")).unwrap();
    for corpus in ["-", "/dev/stdin"] {
        let out = common::dossier_fed(&["list", "--corpus", corpus], &mini);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let listed = String::from_utf8(out.stdout).unwrap();
        assert_eq!(listed.lines().count(), 4, "{corpus}: {listed}");
        assert!(
            listed.contains("Lavrov: \"They are the real power\""),
            "{listed}"
        );
    }
}

#[test]
fn a_corpus_given_a_subcommand_without_corpus_gets_a_tip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    for arg in [d, "-"] {
        let out = dossier(&["list", arg]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(&format!(
                "tip: a subcommand reads a corpus given with --corpus: dossier list --corpus {arg}"
            )),
            "{err}"
        );
    }
    // An option it does not know is not taken for a corpus.
    let err = String::from_utf8(dossier(&["list", "--frobnicate"]).stderr).unwrap();
    assert!(!err.contains("tip:"), "{err}");
}

#[test]
fn marks_are_not_kept_for_a_corpus_piped_in() {
    use dossier::state::{Change, Store};
    use std::io::Write;
    use std::process::{Command, Stdio};
    // A pipe is named as a process substitution names it (/dev/fd/63)
    // or as a fifo is: the name says nothing of what comes through it.
    let dir = tempfile::tempdir().unwrap();
    let Some(pipe) = common::fifo(dir.path(), "feed") else {
        return;
    };
    // Marks kept (by an older dossier) for what came through it before.
    let data = tempfile::tempdir().unwrap();
    let origin = dossier::corpus::Origin::File(pipe.clone());
    Store::for_corpus(&data.path().join("dossier"), &origin)
        .save(&[Change::Bookmark("1".into(), true)], 1)
        .unwrap();
    let child = Command::new(common::bin())
        .args(["filter", "is:bookmarked", "--corpus"])
        .arg(&pipe)
        .env("XDG_DATA_HOME", data.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feed = r#"{"title": "Another feed altogether", "body": "Nothing bookmarked here."}"#;
    std::fs::OpenOptions::new()
        .write(true)
        .open(&pipe)
        .unwrap()
        .write_all(feed.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let (listed, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        !listed.contains("Another feed"),
        "the earlier feed's bookmark applied: {listed}"
    );
    assert!(
        err.contains(
            "a corpus read from a pipe has no name to keep marks under: is: terms see no marks"
        ),
        "{err}"
    );
}

#[test]
fn bad_input_piped_in_is_named_stdin_and_told_it_must_be_jsonl() {
    let piped = |bytes: &[u8]| {
        let out = common::dossier_fed(&["list", "--corpus", "-"], bytes);
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    for nothing in [&b""[..], b"\n\n  \n"] {
        assert_eq!(
            piped(nothing).trim_end(),
            "dossier: stdin: no line of JSON was piped in. A pipe is read as JSONL: one {\"title\", \"body\"} object per line."
        );
    }
    // What was skipped is named first, not a note on its encoding (the
    // line is Latin-1, read as such, then found not to be JSON).
    let said = piped(b"caf\xe9 au lait\n");
    assert!(
        said.starts_with(
            "dossier: stdin: no articles found. stdin:1: not valid JSON (expected value at column 1); skipped. A pipe is read as JSONL"
        ),
        "{said}"
    );
    // Loaded, with a warning, it is named so too.
    let out = common::dossier_fed(&["list", "--corpus", "-"], br#"{"title": "A title alone"}"#);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("dossier: 1 article loaded from stdin, 1 warning"),
        "{said}"
    );
    let said = piped(b"1\n2\n3\n");
    assert!(said.contains("; skipped (each article is an object with a \"title\" and a \"body\" string), and 2 more skipped."), "{said}");
}

#[test]
fn an_empty_file_is_listed_and_found_by_its_file_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("minutes-draft.txt"), b"").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Budget vote\nThe council met.\n").unwrap();
    let corpus = dir.path().to_str().unwrap();
    let rows = json(&["list", "--json", "--corpus", corpus]);
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["minutes-draft.txt", "Budget vote"]);
    let found = json(&["filter", "minutes", "--json", "--corpus", corpus]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["title"], "minutes-draft.txt");
}

#[test]
fn json_and_csv_into_a_pipe_closed_early_end_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("many.jsonl");
    // Far more output than a pipe holds, so the reader's leaving is seen.
    let line = r#"{"title": "Talks", "body": "Vladimir Putin met Zamir Kabulov in Moscow. Putin said so."}"#;
    std::fs::write(&corpus, format!("{line}\n").repeat(3000)).unwrap();
    let corpus = corpus.to_str().unwrap();
    for args in [
        &["mentions", "--json", "--corpus", corpus][..],
        &["list", "--json", "--corpus", corpus],
        &[
            "export", "--format", "csv", "--what", "mentions", "--actor", "Putin", "--corpus",
            corpus,
        ],
    ] {
        let mut child = Command::new(common::bin())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        // (The pipe closes here, as `| head -c 64` would close it.)
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?}\n{err}", out.status);
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn many_load_warnings_are_counted_after_the_first_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.jsonl");
    let mut text = String::from("{\"title\": \"Kept\", \"body\": \"Kabul.\"}\n");
    for i in 0..25 {
        text.push_str(&format!("not json {i}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    let warnings = |args: &[&str]| {
        let out = dossier(args);
        assert!(out.status.success(), "{args:?} failed");
        let err = String::from_utf8(out.stderr).unwrap();
        err.lines()
            .filter(|l| l.starts_with("warning: "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let some = warnings(&["list", "--corpus", path]);
    assert_eq!(some.len(), 21, "{some:#?}");
    assert!(some[0].contains("broken.jsonl:2:"), "{}", some[0]);
    assert_eq!(
        some[20],
        "warning: and 5 more warnings (--all-warnings prints every one)"
    );
    let all = warnings(&["list", "--corpus", path, "--all-warnings"]);
    assert_eq!(all.len(), 25, "{all:#?}");
    assert!(all[24].contains("broken.jsonl:26:"), "{}", all[24]);
}

#[test]
fn a_hard_wrapped_file_keeps_its_offsets_and_names_across_its_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Envoy speaks\r\n\
        Russia plans to remove the Taliban from the list of terrorist\r\n\
        organizations, the presidential envoy Zamir Kabulov told reporters\r\n\
        in Moscow on Friday, a day after Sergey Lavrov met the Taliban in\r\n\
        Kabul.\r\n\
        \r\n\
        Zamir Kabulov said the decision would come within weeks, and that\r\n\
        the Federal Security Service had already backed the change.\r\n";
    std::fs::write(dir.path().join("wrapped.txt"), text).unwrap();
    let rows = json(&[
        "mentions",
        "--json",
        "--corpus",
        dir.path().to_str().unwrap(),
    ]);
    let names: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    for r in &rows {
        let at = |k: &str| r[k].as_u64().unwrap() as usize;
        assert_eq!(
            &text.as_bytes()[at("start")..at("end")],
            r["text"].as_str().unwrap().as_bytes(),
            "offsets point into the file as it is"
        );
    }
    assert!(names.contains(&"Sergey Lavrov"), "{names:?}");
    // "Taliban in\r\nKabul" is read as one paragraph: Kabul is named where
    // the line broke.
    assert!(names.contains(&"Kabul"), "{names:?}");
}
