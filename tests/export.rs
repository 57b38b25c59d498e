//! `dossier export`, checked by parsing what it writes back: JSON with
//! serde_json, CSV with the csv crate, Markdown by its headings and quotes.

mod common;

use common::{dossier, stdout_ok};
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    serde_json::from_str(&stdout_ok(args)).expect("valid JSON")
}

/// The header and records of CSV output, checking it is RFC 4180 shaped:
/// every line ends in CRLF and every record has the header's width.
fn csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(text.ends_with("\r\n"), "CSV lines end in CRLF");
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(rows.iter().all(|row| row.len() == header.len()));
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn json_articles_are_every_article_with_stable_fields() {
    let rows = json(&["export", "--format", "json"]);
    let listed = json(&["list", "--json"]);
    assert_eq!(rows.len(), 5);
    for (r, l) in rows.iter().zip(&listed) {
        assert_eq!(r["id"], l["id"]);
        assert_eq!(r["title"], l["title"]);
        assert_eq!(r["actors"], l["actors"]);
        for field in ["byline", "source", "date", "url"] {
            assert!(r.get(field).is_some(), "{field} is always there");
        }
    }
    assert_eq!(rows[0]["byline"], "Vafa Guliyeva");
}

#[test]
fn a_query_exports_the_filters_matches_in_its_order() {
    let matches = json(&["filter", "putin", "--json"]);
    let (header, rows) = csv(&stdout_ok(&["export", "-f", "csv", "putin"]));
    assert_eq!(
        header,
        [
            "id",
            "title",
            "byline",
            "source",
            "date",
            "url",
            "actors",
            "bookmarked",
            "read",
            "note"
        ]
    );
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = matches.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, want);
    assert!(!ids.is_empty() && ids.len() < 5, "putin narrows the seeds");
    // A title with a comma is quoted and comes back whole.
    let all = csv(&stdout_ok(&["export", "-f", "csv"])).1;
    assert!(all.iter().any(|r| r[1]
        == "Process To Remove Taliban From List of Terrorist Groups Almost Complete, Says Russia"));
}

#[test]
fn a_querys_actor_export_counts_spellings_in_its_matches_too() {
    // helper-21: under a filter, mentions and articles were counted in the
    // matches but the spellings over the whole corpus.
    let rows = json(&[
        "export",
        "--what",
        "actors",
        "--format",
        "json",
        "kickstarts",
    ]);
    let all = json(&["export", "--what", "actors", "--format", "json"]);
    assert!(!rows.is_empty());
    let mut narrowed = 0;
    for r in &rows {
        let spelled: u64 = r["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["count"].as_u64().unwrap())
            .sum();
        assert_eq!(spelled, r["mentions"].as_u64().unwrap(), "{r}");
        let whole = all.iter().find(|a| a["name"] == r["name"]).unwrap();
        if whole["mentions"] != r["mentions"] {
            narrowed += 1;
        }
    }
    assert!(narrowed > 0, "the query narrows some actor's counts");
}

#[test]
fn actors_export_with_counts_and_spellings() {
    let (header, rows) = csv(&stdout_ok(&["export", "--what", "actors", "-f", "csv"]));
    assert_eq!(header, ["name", "kind", "mentions", "articles", "variants"]);
    let b = rows
        .iter()
        .find(|r| r[0] == "Alexander Bortnikov")
        .expect("Bortnikov exported");
    assert_eq!(b[1], "person");
    assert_eq!(b[2], "8");
    assert_eq!(b[3], "4");
    assert!(b[4].contains("Bortinkov (1)"), "{}", b[4]);
    let json_rows = json(&["export", "--what", "actors", "-f", "json"]);
    assert_eq!(json_rows.len(), rows.len());
    let counts: Vec<u64> = json_rows
        .iter()
        .map(|r| r["mentions"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most named first");
    // With a query: the actors the filtered sidebar shows, counted there.
    let filtered = json(&["filter", "kremlin", "--sidebar", "--json"]);
    let exported = json(&["export", "--what", "actors", "-f", "json", "kremlin"]);
    assert_eq!(exported.len(), filtered.len());
    for (e, f) in exported.iter().zip(&filtered) {
        assert_eq!((&e["name"], &e["mentions"]), (&f["name"], &f["mentions"]));
    }
}

#[test]
fn mentions_export_spans_that_cut_the_mention_out_of_the_file() {
    let rows = json(&["export", "--actor", "bortnikov", "-f", "json"]);
    assert_eq!(rows.len(), 8);
    for r in &rows {
        let text = r["text"].as_str().unwrap();
        assert_eq!(common::seed_span(r), text.as_bytes());
        let sentence = r["sentence"].as_str().unwrap();
        assert!(sentence.contains(text), "{sentence}");
        assert!(!sentence.contains('\n'), "one sentence: {sentence}");
        assert_eq!(r["actor"], "Alexander Bortnikov");
        assert!(!r["title"].as_str().unwrap().is_empty());
    }
    let (header, csv_rows) = csv(&stdout_ok(&[
        "export",
        "--what",
        "mentions",
        "--actor",
        "Bortnikov",
        "-f",
        "csv",
    ]));
    assert_eq!(csv_rows.len(), 8);
    let (start, sentence) = (col(&header, "start"), col(&header, "sentence"));
    for (c, j) in csv_rows.iter().zip(&rows) {
        assert_eq!(c[start], j["start"].as_u64().unwrap().to_string());
        assert_eq!(c[sentence], j["sentence"].as_str().unwrap());
    }
    // A query keeps only the mentions in its matches.
    let narrowed = json(&["export", "--actor", "bortnikov", "-f", "json", "crocus"]);
    assert!(!narrowed.is_empty() && narrowed.len() < rows.len());
}

#[test]
fn markdown_mentions_read_as_a_briefing() {
    let md = stdout_ok(&["export", "--actor", "Bortnikov", "--format", "md"]);
    let first = md.lines().next().unwrap();
    assert!(
        first.starts_with("# Alexander Bortnikov: 8 mentions in 4 articles"),
        "{first}"
    );
    let titles = json(&["list", "--json"]);
    let headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(headings.len(), 4, "one section per article naming him");
    for h in &headings {
        assert!(titles.iter().any(|t| t["title"] == *h), "{h} is a title");
    }
    assert!(md.contains("*By Vafa Guliyeva*"), "the byline is there");
    let quotes: Vec<&str> = md.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(quotes.len() >= 4);
    assert!(quotes.iter().all(|q| q.contains("**")), "mentions in bold");
    assert!(quotes.iter().any(|q| q.contains("**Bortinkov**")));
}

#[test]
fn markdown_articles_and_actors() {
    let md = stdout_ok(&["export", "-f", "md", "putin"]);
    assert!(md.starts_with("# Articles ("), "{md}");
    assert!(md.contains("matching \"putin\""));
    // The query as typed, not as Rust escapes it (helper-32 saw
    // `matching "t:\\"£\\""`).
    let md = stdout_ok(&["export", "-f", "md", "\"kabulov stated\""]);
    let from = md
        .lines()
        .find(|l| l.starts_with("From "))
        .unwrap_or_default();
    assert!(from.ends_with("matching \"\"kabulov stated\"\"."), "{md}");
    let md = stdout_ok(&["export", "-f", "md", "putin"]);
    let n = json(&["filter", "putin", "--json"]).len();
    assert_eq!(md.lines().filter(|l| l.starts_with("## ")).count(), n);
    assert!(md.contains("Names "), "each article says whom it names");
    let md = stdout_ok(&["export", "-f", "md", "--what", "actors"]);
    assert!(md.starts_with("# Actors ("));
    assert!(md.contains("| Actor | Kind | Mentions | Articles | Spellings |"));
    assert!(
        md.lines()
            .any(|l| l.starts_with("| Alexander Bortnikov | person | 8 | 4 |"))
    );
}

#[test]
fn an_output_folder_missing_or_a_file_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let said = |out: &std::path::Path| {
        let out = dossier(&["export", "-o", out.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = said(&dir.path().join("nodir").join("x.json"));
    assert!(err.contains("nodir does not exist; create it"), "{err}");
    std::fs::write(dir.path().join("file"), "").unwrap();
    let err = said(&dir.path().join("file").join("x.json"));
    assert!(err.contains("file is not a folder; create it"), "{err}");
}

#[test]
fn output_is_written_atomically_and_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bortnikov.csv");
    let p = path.to_str().unwrap();
    let out = dossier(&["export", "--actor", "Bortnikov", "-o", p]);
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let (_, rows) = csv(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(rows.len(), 8, "the format came from the extension");
    // Again over it, with fewer rows: the file is replaced, not appended
    // to, and no temporary file is left beside it.
    let first = std::fs::metadata(&path).unwrap().len();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("replaced"),
        "a new file replaces nothing"
    );
    let out = dossier(&["export", "--actor", "Bortnikov", "-o", p, "crocus"]);
    assert!(out.status.success());
    // helper-38: it was replaced without a word.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("{p} replaced (it held {first} bytes)")),
        "{err}"
    );
    let (_, fewer) = csv(&std::fs::read_to_string(&path).unwrap());
    assert!(fewer.len() < 8);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("bortnikov.csv")]);
}

#[test]
fn a_format_the_file_name_contradicts_is_written_and_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("articles.csv");
    let p = path.to_str().unwrap();
    let out = dossier(&["export", "-f", "json", "-o", p]);
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("writing json into") && err.contains("whose name says csv"),
        "{err}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with('['), "the format given wins: {text}");
    // Where they agree, or the name says nothing, nothing is said.
    for name in ["articles.json", "articles.txt"] {
        let path = dir.path().join(name);
        let out = dossier(&["export", "-f", "json", "-o", path.to_str().unwrap()]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("warning"), "{name}: {err}");
    }
}

#[test]
fn an_unwritable_output_is_named_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "keep").unwrap();
    let cases = [
        dir.path().join("missing/out.json"),
        file.join("out.json"),
        dir.path().to_owned(),
    ];
    for target in cases {
        let t = target.to_str().unwrap();
        let out = dossier(&["export", "-f", "json", "-o", t]);
        assert_ne!(out.status.code(), Some(0), "{t}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(t), "{err}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
    // Without --format, a folder is still the mistake named (it has no
    // extension to take the format from, either).
    let t = dir.path().to_str().unwrap();
    let out = dossier(&["export", "-o", t]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("it is a folder"), "{err}");
}

#[test]
fn a_read_only_output_is_refused_before_loading_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keep.md");
    std::fs::write(&file, "mine").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let t = file.to_str().unwrap();
    // Exit 2: refused with the other checks of the command line, before
    // the corpus is loaded (a refusal at writing time exits 1).
    let out = dossier(&["export", "-o", t]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(t) && err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn an_output_that_is_the_corpus_or_one_of_its_articles_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("small.jsonl");
    let lines = r#"{"title": "One", "body": "Putin spoke."}"#;
    std::fs::write(&jsonl, lines).unwrap();
    let j = jsonl.to_str().unwrap();
    let out = dossier(&["export", "--corpus", j, "-f", "json", "-o", j]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("overwrite the corpus"), "{err}");
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), lines);
    // An article of a folder, by another spelling of its path.
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    let article = folder.join("a.txt");
    std::fs::write(&article, "Title\n\nBody.").unwrap();
    let f = folder.to_str().unwrap();
    let other = format!("{f}/../f/a.txt");
    let out = dossier(&["export", "--corpus", f, "-f", "md", "-o", &other]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&article).unwrap(), "Title\n\nBody.");
    // Beside the articles, a file they are not is fine.
    let beside = folder.join("briefing.md");
    let out = dossier(&["export", "--corpus", f, "-o", beside.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn an_export_of_nothing_says_so_and_writes_an_empty_but_valid_file() {
    let out = dossier(&["export", "zzzzqqqxx", "-f", "json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("nothing to export matching \"zzzzqqqxx\""),
        "{err}"
    );
}

#[test]
fn the_timeline_export_is_the_timeline_narrowed_by_a_query_and_an_actor() {
    let all = json(&["export", "--what", "timeline", "-f", "json"]);
    assert_eq!(
        all,
        json(&["timeline", "--json"]),
        "unnarrowed, the timeline itself"
    );
    // Under a query and an actor: the rows with an event naming the actor
    // in a matching article, each with its reports from those only.
    let matching: Vec<String> = json(&["filter", "crocus", "--json"])
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let narrow = json(&[
        "export",
        "--what",
        "timeline",
        "--actor",
        "Bortnikov",
        "-f",
        "json",
        "crocus",
    ]);
    assert!(!narrow.is_empty() && narrow.len() < all.len());
    for row in &narrow {
        let events = row["events"].as_array().unwrap();
        assert!(
            events
                .iter()
                .all(|e| matching.iter().any(|m| e["article"] == m.as_str()))
        );
        assert_eq!(row["sources"].as_u64().unwrap() as usize, {
            let mut ids: Vec<&str> = events
                .iter()
                .map(|e| e["article"].as_str().unwrap())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        });
        assert!(
            row["actors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "Alexander Bortnikov")
        );
    }
}

#[test]
fn a_statements_export_is_what_the_quotes_command_prints() {
    let quotes = json(&["quotes", "Lavrov", "--json"]);
    assert!(!quotes.is_empty());
    let (header, rows) = csv(&stdout_ok(&[
        "export",
        "--what",
        "statements",
        "--actor",
        "Lavrov",
        "-f",
        "csv",
    ]));
    assert_eq!(rows.len(), quotes.len());
    for (row, q) in rows.iter().zip(&quotes) {
        assert_eq!(row[col(&header, "text")], q["text"].as_str().unwrap());
        assert_eq!(row[col(&header, "speech")], q["speech"].as_str().unwrap());
        assert_eq!(row[col(&header, "via")], q["via"].as_str().unwrap());
    }
    let out = dossier(&["export", "--what", "statements", "-f", "md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--what statements needs --actor NAME: whose statements?"),
        "{err}"
    );
    // None in the query's matches: said, and the file is still valid.
    let out = dossier(&[
        "export",
        "--what",
        "statements",
        "--actor",
        "Lavrov",
        "-f",
        "json",
        "kickstarts",
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to export"));
}

#[test]
fn unclear_requests_are_explained() {
    let out = dossier(&["export", "--what", "mentions", "-f", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--actor"));
    let out = dossier(&["export"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    let out = dossier(&["export", "-f", "json", "--actor", "Zzyzx Qwerty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no actor matches"));
}

#[test]
fn x_in_the_tui_writes_a_file_and_says_where() {
    let Some(t) = common::Tmux::start(120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    t.type_line(&format!(
        "cd {} && {} ; echo EXIT=$?",
        dir.path().display(),
        common::bin()
    ));
    t.wait_for("the panes", |s| s.contains("Articles (5)"));
    t.keys(&["x"]);
    t.wait_for("the export overlay", |s| {
        s.contains("Export") && s.contains("the 5 listed articles")
    });
    t.keys(&["Tab"]);
    t.wait_for("CSV chosen", |s| s.contains("[CSV]"));
    t.keys(&["Enter"]);
    let s = t.wait_for("the status bar naming the file", |s| {
        s.contains("Wrote 5 articles to")
    });
    assert!(!s.contains("[CSV]"), "the overlay closed:\n{s}");
    t.keys(&["q"]);
    t.wait_for("a clean exit", |s| s.contains("EXIT=0"));
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one file, no temporary left: {files:?}");
    let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(
        name.starts_with("dossier-articles-") && name.ends_with(".csv"),
        "{name}"
    );
    assert!(s.contains(&name), "the status bar named {name}:\n{s}");
    let (_, rows) = csv(&std::fs::read_to_string(&files[0]).unwrap());
    assert_eq!(rows.len(), 5);
}

#[test]
fn no_export_carries_a_control_character_and_json_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile::write_folder(dir.path(), 1000);
    let c = dir.path().to_str().unwrap();
    for format in ["json", "csv", "md"] {
        for what in [
            vec!["--what", "articles"],
            vec!["--what", "actors"],
            vec!["--actor", "Kabulov"],
        ] {
            let mut args = vec!["export", "--corpus", c, "-f", format];
            args.extend(&what);
            let out = dossier(&args);
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(!text.is_empty(), "{args:?}");
            // CSV's CRLF line ends are what RFC 4180 asks for, and its
            // fields keep the text's line breaks and tabs (data, not
            // commands to the terminal).
            let kept = |ch: char| ch == '\n' || (format == "csv" && ch == '\t');
            let text = if format == "csv" {
                text.replace("\r\n", "\n")
            } else {
                text
            };
            let bad: Vec<char> = text
                .chars()
                .filter(|&ch| !kept(ch) && dossier::text::is_unsafe(ch))
                .collect();
            assert!(bad.is_empty(), "{args:?} carries {bad:?}:\n{text}");
            if format == "json" && what[1] == "articles" {
                let rows: Vec<Value> = serde_json::from_str(&text).unwrap();
                let nasty = format!("Title {} with controls", common::hostile::NASTY);
                assert!(rows.iter().any(|r| r["title"] == nasty.as_str()));
            }
        }
    }
}
