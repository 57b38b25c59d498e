//! The story view on the seeds, checked by hand against the five articles:
//! which events are dated how, which reports are grouped, and who said
//! what.

mod common;

use common::{dossier, stdout_ok};
use dossier::actors::Lookup;
use dossier::library::Library;
use dossier::story::quotes::{Speech, Via};
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    serde_json::from_str(&stdout_ok(args)).expect("valid JSON")
}

fn actor(lib: &Library, name: &str) -> dossier::actors::ActorId {
    match lib.actors.lookup(name) {
        Lookup::Found(id) => id,
        other => panic!("{name}: {other:?}"),
    }
}

/// (speech, via, statement) of every statement attributed to `name`.
fn said(lib: &Library, name: &str) -> Vec<(Speech, Via, String)> {
    lib.story()
        .quotes_of(actor(lib, name))
        .iter()
        .map(|q| {
            let text = &lib.corpus.articles[q.doc.ix()].text;
            (
                q.speech,
                q.via,
                text[q.text.start as usize..q.text.end as usize].to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_4_october_decision_reported_by_two_articles_is_one_event() {
    let lib = Library::seeds();
    let t = &lib.story().timeline;
    let oct4: Vec<usize> = (0..t.groups.len())
        .filter(|&g| {
            t.groups[g]
                .when
                .is_some_and(|w| w.month == 10 && w.day == 4)
        })
        .collect();
    assert_eq!(oct4.len(), 1, "one row for 4 October");
    let g = &t.groups[oct4[0]];
    assert_eq!(g.sources, 2);
    let docs: Vec<&str> = t
        .group_events(oct4[0])
        .iter()
        .map(|&e| &lib.corpus.articles[t.events[e as usize].doc.ix()].id[..3])
        .collect();
    assert_eq!(docs, ["000", "003"]);
    // No article gives its date and none writes "October 4, 2024": the
    // year is read from the latest month written with a year, and says so.
    assert_eq!(g.label(), "4 October 2024?");
}

#[test]
fn the_2003_listing_is_dated_2003_by_three_sources() {
    let lib = Library::seeds();
    let t = &lib.story().timeline;
    let row = (0..t.groups.len())
        .find(|&g| t.groups[g].label() == "2003")
        .expect("a 2003 row");
    let g = &t.groups[row];
    assert_eq!(g.sources, 3);
    assert!(!g.inferred, "2003 is written in the text");
    let taliban = actor(&lib, "Taliban");
    assert!(t.group_actors(row).contains(&taliban));
}

#[test]
fn written_dates_keep_their_precision_and_come_in_date_order() {
    let lib = Library::seeds();
    let labels: Vec<String> = lib
        .story()
        .timeline
        .groups
        .iter()
        .map(|g| g.label())
        .collect();
    for want in [
        "29 May 2024",
        "1 April 2024",
        "June 2023",
        "December 2023",
        "2018–2020",
    ] {
        assert!(
            labels.iter().any(|l| l == want),
            "{want} missing from {labels:?}"
        );
    }
    let at = |l: &str| labels.iter().position(|x| x == l).unwrap();
    assert!(at("2003") < at("June 2023"));
    assert!(at("June 2023") < at("1 April 2024"));
    assert!(at("1 April 2024") < at("29 May 2024"));
    assert!(at("29 May 2024") < at("4 October 2024?"));
    // "said on Friday" with no publication date cannot be placed.
    // A month of no known year comes last, its year asked.
    assert_eq!(labels.last().map(String::as_str), Some("July?"));
    assert!(labels.iter().any(|l| l == "undated"));
}

#[test]
fn lavrov_said_they_are_the_real_power() {
    let lib = Library::seeds();
    let got = said(&lib, "Lavrov");
    assert!(
        got.contains(&(
            Speech::Direct,
            Via::Name,
            "They are the real power. We care about Afghanistan".to_owned()
        )),
        "{got:?}"
    );
}

#[test]
fn shaheen_said_we_welcome_the_proposal_in_one_quote() {
    let lib = Library::seeds();
    let got = said(&lib, "Shaheen");
    assert_eq!(got.len(), 1, "{got:?}");
    let (speech, via, text) = &got[0];
    assert_eq!((*speech, *via), (Speech::Direct, Via::Name));
    assert!(text.starts_with("We welcome the proposal"), "{text}");
    // The quote runs over several sentences and an elision mark.
    assert!(text.ends_with("in the region and the world"), "{text}");
}

#[test]
fn he_said_points_back_to_the_last_speaker() {
    let lib = Library::seeds();
    let rudenko = said(&lib, "Rudenko");
    assert!(
        rudenko.iter().any(|(s, v, t)| *s == Speech::Direct
            && *v == Via::Pronoun
            && t.starts_with("The removal of the Taliban")),
        "{rudenko:?}"
    );
    let kabulov = said(&lib, "Kabulov");
    assert!(
        kabulov
            .iter()
            .any(|(s, _, t)| *s == Speech::Direct && t.starts_with("I expect that")),
        "{kabulov:?}"
    );
}

#[test]
fn nobody_is_credited_with_words_in_scare_quotes() {
    let lib = Library::seeds();
    for q in lib.story().quotes() {
        let text = &lib.corpus.articles[q.doc.ix()].text;
        let s = &text[q.text.start as usize..q.text.end as usize];
        assert!(s.split_whitespace().count() >= 3, "{s:?}");
        assert_ne!(s, "positive");
    }
}

#[test]
fn the_cli_prints_the_timeline_and_quotes_as_json() {
    let rows = json(&["timeline", "--json"]);
    let oct4 = rows
        .iter()
        .find(|r| r["date"] == "2024-10-04")
        .expect("the 4 October row");
    assert_eq!(oct4["sources"], 2);
    assert_eq!(oct4["inferred"], true);
    assert_eq!(oct4["events"].as_array().unwrap().len(), 2);
    // helper-32: an undated row said "undated" where the TUI and the
    // table say "Friday?", and that its date was read from context.
    let friday = rows
        .iter()
        .find(|r| r["date"].is_null() && r["events"][0]["expression"] == "Friday")
        .expect("the undated Friday row");
    assert_eq!(friday["label"], "Friday?");
    assert_eq!(friday["inferred"], false);
    assert!(rows.iter().all(|r| r["label"] != "undated"));
    let quotes = json(&["quotes", "lavrov", "--json"]);
    assert!(quotes.iter().any(|q| q["speech"] == "direct"
        && q["text"] == "They are the real power. We care about Afghanistan"));
    // Spans are byte offsets into the article file.
    let q = &quotes[0];
    let file = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(q["article"].as_str().unwrap()),
    )
    .unwrap();
    let (a, b) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        std::str::from_utf8(&file[a..b]).unwrap(),
        q["text"].as_str().unwrap()
    );
}

#[test]
fn the_cli_timeline_table_has_a_row_per_event() {
    let out = stdout_ok(&["timeline"]);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("DATE"));
    assert!(
        out.lines()
            .any(|l| l.starts_with("4 October 2024?") && l.contains(" 2 "))
    );
    let out = dossier(&["quotes", "nobody-at-all"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no actor matches \"nobody-at-all\""), "{err}");
}

#[test]
fn the_briefing_is_markdown_with_the_timeline_then_each_speaker() {
    let md = stdout_ok(&["briefing", "--speakers", "20"]);
    let timeline = md.find("## Timeline").expect("a timeline section");
    let said = md.find("## Who said what").expect("a statements section");
    assert!(timeline < said);
    assert!(
        md.contains("- **4 October 2024?** (2 sources): On October 4, Zamir Kabulov"),
        "{md}"
    );
    // An event with no date to place it ("on Friday" in an article
    // without a date, "in July" of no known year) is counted, not listed.
    assert!(
        md.contains("20 dated events (2 events without a date to place them are left out)"),
        "{md}"
    );
    assert!(
        !md.contains("- **undated") && !md.contains("- **July**"),
        "{md}"
    );
    for line in md.lines().filter(|l| l.starts_with("- **")) {
        let label = &line[4..line[4..].find("**").unwrap() + 4];
        assert!(
            label.bytes().filter(u8::is_ascii_digit).count() >= 4,
            "{line}"
        );
    }
    let lavrov = md.find("### Sergey Lavrov").expect("Lavrov's section");
    assert!(md[lavrov..].contains("> “They are the real power. We care about Afghanistan”"));
    // Every item is one line: no statement breaks the Markdown structure.
    for line in md.lines().filter(|l| l.starts_with("> ")) {
        assert!(!line.contains('\n'));
    }
}

#[test]
fn a_briefing_lists_the_events_the_most_sources_report_in_date_order() {
    // helper-34: on bbc the briefing's timeline ran to 2,463 events.
    let events = |md: &str| -> Vec<String> {
        md.lines()
            .filter(|l| l.starts_with("- **"))
            .map(|l| l[..l.find(':').unwrap()].to_owned())
            .collect()
    };
    let md = stdout_ok(&["briefing", "--events", "2"]);
    assert_eq!(
        events(&md),
        [
            "- **2003** (3 sources)",
            "- **4 October 2024?** (2 sources)"
        ],
        "{md}"
    );
    assert!(md.contains("`--events N` for more"), "{md}");
    // The seeds' 20 dated events are within the default: all listed, and
    // nothing said of more.
    let md = stdout_ok(&["briefing"]);
    assert_eq!(events(&md).len(), 20, "{md}");
    assert!(!md.contains("--events"), "{md}");
    let md = stdout_ok(&["briefing", "--events", "0", "--speakers", "0"]);
    assert!(!md.contains("## Timeline") && !md.contains("- **"), "{md}");
}

#[test]
fn a_briefing_of_no_speakers_has_no_empty_section() {
    // helper-25: --speakers 0 ended on a bare "## Who said what".
    let md = stdout_ok(&["briefing", "--speakers", "0"]);
    assert!(md.contains("## Timeline"), "{md}");
    assert!(!md.contains("## Who said what"), "{md}");
}

#[test]
fn an_actor_with_no_statements_is_told_so_on_stderr() {
    let out = dossier(&["quotes", "Taliban"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no statement is attributed to Taliban (59 mentions)"),
        "{err}"
    );
    // stdout stays what a script reads: an empty JSON list.
    let out = dossier(&["quotes", "Taliban", "--json"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}
