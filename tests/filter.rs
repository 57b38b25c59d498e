//! The filter's query language, checked on the seeds and on small corpora
//! written here, with expectations a reader can verify against the text.

use std::sync::Arc;

use dossier::actors::{Extraction, Gazetteer, Kind};
use dossier::corpus::{Article, Corpus, Meta, Origin};
use dossier::library::Library;
use dossier::search::engine::search;
use dossier::search::{Hits, Query};
use proptest::prelude::*;

fn seeds() -> Arc<Library> {
    Arc::new(Library::seeds())
}

/// A library of articles given as (title, body), with no gazetteer unless
/// one is given.
fn corpus(articles: &[(&str, &str)], gaz: &Gazetteer) -> Arc<Library> {
    let articles = articles
        .iter()
        .enumerate()
        .map(|(i, (t, b))| Arc::new(Article::from_parts(format!("a{i}"), t, b, Meta::default())))
        .collect();
    let c = Corpus {
        origin: Origin::Seeds,
        articles,
        warnings: Vec::new(),
    };
    // Gazetteer only: these tests are about the filter, not discovery.
    Arc::new(Library::build(c, &Extraction::only(gaz.clone())))
}

fn run(lib: &Arc<Library>, q: &str) -> Hits {
    search(lib, &Query::parse(q))
}

/// The matching articles' ids, in rank order.
fn ranked(lib: &Arc<Library>, q: &str) -> Vec<String> {
    run(lib, q)
        .docs
        .iter()
        .map(|d| lib.corpus.articles[d.ix()].id.clone())
        .collect()
}

/// The matching seed articles by their three-digit prefix, sorted.
fn seed_set(lib: &Arc<Library>, q: &str) -> Vec<String> {
    let mut v: Vec<String> = ranked(lib, q)
        .into_iter()
        .map(|id| id[..3].to_owned())
        .collect();
    v.sort();
    v
}

fn sidebar(lib: &Arc<Library>, q: &str) -> Vec<(String, u32, u32)> {
    run(lib, q)
        .actors
        .iter()
        .map(|h| {
            (
                lib.actors.get(h.actor).name.to_owned(),
                h.mentions,
                h.articles,
            )
        })
        .collect()
}

#[test]
fn an_empty_query_matches_everything_in_corpus_order() {
    let lib = seeds();
    assert_eq!(seed_set(&lib, ""), ["000", "001", "002", "003", "004"]);
    assert_eq!(run(&lib, "").actors.len(), lib.actors.len());
}

#[test]
fn fuzzy_terms_find_names_in_bodies_titles_and_actors() {
    let lib = seeds();
    assert_eq!(seed_set(&lib, "lavrov"), ["004"]);
    assert_eq!(seed_set(&lib, "bortnikov"), ["000", "001", "003", "004"]);
    assert_eq!(seed_set(&lib, "tashkent"), ["003"]);
    // "ushak" is a prefix of Ushakov, named only in article 000.
    assert_eq!(seed_set(&lib, "ushak"), ["000"]);
}

#[test]
fn or_binds_tighter_than_and() {
    let lib = seeds();
    // (putin OR lavrov) AND crocus: Putin is in 000, 001, 003, 004; Lavrov
    // in 004; Crocus in 003 and 004.
    assert_eq!(seed_set(&lib, "putin | lavrov crocus"), ["003", "004"]);
    assert_eq!(seed_set(&lib, "lavrov | tashkent"), ["003", "004"]);
    assert_eq!(seed_set(&lib, "lavrov tashkent"), Vec::<String>::new());
}

#[test]
fn exact_prefix_suffix_and_whole_forms() {
    let lib = seeds();
    // 'crocus: the exact text.
    assert_eq!(seed_set(&lib, "'crocus"), ["003", "004"]);
    // ^kabul$: the word (or name) Kabul, not Kabulov.
    assert_eq!(seed_set(&lib, "^kabul$"), ["001", "002", "004"]);
    // ^bort: words starting so (Bortnikov, Bortinkov).
    assert_eq!(seed_set(&lib, "^bort"), ["000", "001", "003", "004"]);
    // stan$ ends Afghanistan, Kazakhstan... named in every article.
    assert_eq!(seed_set(&lib, "stan$").len(), 5);
    // tashk$ ends nothing.
    assert!(seed_set(&lib, "tashk$").is_empty());
}

#[test]
fn negation_excludes_the_exact_text() {
    let lib = seeds();
    assert_eq!(seed_set(&lib, "!crocus"), ["000", "001", "002"]);
    assert_eq!(seed_set(&lib, "taliban !crocus !ushakov"), ["001", "002"]);
    assert_eq!(seed_set(&lib, "!^kabul$"), ["000", "003"]);
}

#[test]
fn aliases_count_isis_k_finds_wilayat_khorasan() {
    let lib = seeds();
    // Article 000 says only "Wilayat Khorasan", never "ISIS-K".
    assert!(!lib.corpus.articles[0].text.contains("ISIS-K"));
    assert!(seed_set(&lib, "isis-k").contains(&"000".to_owned()));
    // And the actor's other spellings work the other way round.
    assert!(seed_set(&lib, "'wilayat\\ khorasan").contains(&"000".to_owned()));
}

#[test]
fn field_prefixes() {
    let lib = seeds();
    assert_eq!(seed_set(&lib, "t:'terror"), ["000", "001", "002", "003"]);
    // @lav: articles naming an actor whose name matches.
    assert_eq!(seed_set(&lib, "@lav"), ["004"]);
    // k:media: articles naming a news outlet (Caliber.Az in 000; RIA
    // Novosti in 003; TASS, RTVI, Russia 24, RIA Novosti in 004).
    assert_eq!(seed_set(&lib, "k:media"), ["000", "003", "004"]);
    assert_eq!(seed_set(&lib, "!k:media"), ["001", "002"]);
    let q = Query::parse("k:planet");
    assert_eq!(q.problems.len(), 1);
    assert!(seed_set(&lib, "k:planet").is_empty());
}

#[test]
fn phrases_with_escaped_spaces() {
    let lib = seeds();
    assert_eq!(
        seed_set(&lib, r"'vladimir\ putin"),
        ["000", "001", "003", "004"]
    );
    assert_eq!(seed_set(&lib, r"'security\ council"), ["002", "004"]);
}

#[test]
fn smart_case_per_term() {
    let lib = corpus(
        &[
            ("One", "The envoy flew to Kabul."),
            ("Two", "KABUL AIRPORT REOPENS"),
            ("Three", "kabul is lowercase here"),
        ],
        &Gazetteer::default(),
    );
    assert_eq!(ranked(&lib, "kabul"), ["a0", "a1", "a2"]);
    assert_eq!(ranked(&lib, "Kabul"), ["a0"]);
    assert_eq!(ranked(&lib, "KABUL"), ["a1"]);
    // Each term decides for itself.
    assert_eq!(ranked(&lib, "Kabul envoy"), ["a0"]);
}

#[test]
fn diacritics_fold_for_terms_typed_without_them() {
    let lib = corpus(
        &[
            ("Minister", "Sérgei Lavròv spoke."),
            ("Other", "Sergei Ivanov spoke."),
            ("Greek", "Η ΑΘΗΝΑ απάντησε"),
        ],
        &Gazetteer::default(),
    );
    assert_eq!(ranked(&lib, "sergei"), ["a0", "a1"]);
    assert_eq!(ranked(&lib, "sérgei"), ["a0"]);
    assert_eq!(ranked(&lib, "lavrov"), ["a0"]);
    // Unicode case folding, not ASCII only.
    assert_eq!(ranked(&lib, "αθηνα"), ["a2"]);
}

#[test]
fn one_typo_per_four_letters_from_five() {
    let lib = corpus(
        &[
            ("A", "Bortinkov also announced it."),
            ("B", "Nothing here."),
            ("C", "Kabulow said so."),
        ],
        &Gazetteer::default(),
    );
    // Nine letters: two typos allowed; "Bortinkov" is one swap away.
    assert_eq!(ranked(&lib, "bortnikov"), ["a0"]);
    // Seven letters, one typo: "kabulov" finds "Kabulow".
    assert_eq!(ranked(&lib, "kabulov"), ["a2"]);
    // Four letters: no typos, so "kbal" needs its letters in order and fails.
    assert_eq!(ranked(&lib, "kbal"), Vec::<String>::new());
}

#[test]
fn a_fuzzy_body_match_never_spreads_across_words() {
    // Every letter of "putin" is in this body, in order, but in no one word.
    let lib = corpus(&[("Title", "pay us to invest now")], &Gazetteer::default());
    assert!(ranked(&lib, "putin").is_empty());
}

#[test]
fn title_matches_rank_above_actor_matches_above_body_matches() {
    let gaz = Gazetteer::parse(
        r#"[{"name": "Marta Quill", "kind": "person", "aliases": ["Quill"]}]"#,
        "test",
    )
    .unwrap();
    let lib = corpus(
        &[
            ("Budget news", "Nothing about her, only the word quillwork."),
            ("Markets", "Marta Quill said prices rose."),
            ("Quill speaks", "An interview."),
            ("Weather", "Rain."),
        ],
        &gaz,
    );
    // a2 by its title, a1 by the actor (and its body), a0 by a body word.
    assert_eq!(ranked(&lib, "quill"), ["a2", "a1", "a0"]);
}

#[test]
fn rarer_and_more_matching_words_rank_first_and_ties_keep_corpus_order() {
    let mut docs: Vec<(String, String)> = (0..20)
        .map(|i| {
            (
                format!("Doc {i}"),
                "common words about the economy".to_owned(),
            )
        })
        .collect();
    docs[7].1.push_str(" and the zeppelin");
    docs[3].1.push_str(" and a zeppelin zephyr");
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let lib = corpus(&refs, &Gazetteer::default());
    let r = ranked(&lib, "zep");
    assert_eq!(r, ["a3", "a7"], "two matching words beat one");
    let all = ranked(&lib, "econ");
    assert_eq!(all.len(), 20);
    assert_eq!(all[..3], ["a0", "a1", "a2"], "ties keep corpus order");
}

#[test]
fn the_sidebar_shows_the_actors_the_query_names_with_counts_over_matches() {
    let lib = seeds();
    assert_eq!(
        sidebar(&lib, "bort"),
        [("Alexander Bortnikov".to_owned(), 8, 4)]
    );
    // Counts are recomputed over the matching articles: Crocus (003, 004)
    // narrows Bortnikov... and the sidebar lists Crocus City Hall.
    let crocus = sidebar(&lib, "crocus");
    assert_eq!(crocus, [("Crocus City Hall".to_owned(), 2, 2)]);
    // A query that names no actor shows every actor in the matching
    // articles, counted there: 'delist is in 002 and 004 only.
    let side = sidebar(&lib, "'delist");
    let taliban = side.iter().find(|(n, _, _)| n == "Taliban").unwrap();
    let in_002_004 = [2usize, 4]
        .iter()
        .map(|&d| lib.corpus.articles[d].text.matches("Taliban").count() as u32)
        .sum::<u32>();
    assert_eq!(taliban.2, 2);
    assert!(taliban.1 <= in_002_004 + 2 && taliban.1 >= in_002_004 - 2);
    assert!(side.iter().all(|(_, m, a)| *m > 0 && *a > 0 && *a <= 2));
    assert!(
        side.iter().all(|(n, _, _)| n != "Yury Ushakov"),
        "Ushakov is only in 000"
    );
    // k: restricts the sidebar to a kind.
    let people = run(&lib, "k:person");
    assert!(
        people
            .actors
            .iter()
            .all(|h| lib.actors.get(h.actor).kind == Kind::Person)
    );
    assert!(!people.actors.is_empty());
}

#[test]
fn typing_a_query_one_key_at_a_time_gives_the_same_answer_as_at_once() {
    let lib = seeds();
    let mut engine = dossier::search::Engine::new();
    let full = "bortnikov | lavrov 'taliban !crocus";
    for end in 1..=full.len() {
        if !full.is_char_boundary(end) {
            continue;
        }
        let q = Query::parse(&full[..end]);
        let incremental = engine.search(&lib, &q, &|| false).unwrap();
        let fresh = search(&lib, &q);
        assert_eq!(
            incremental.docs,
            fresh.docs,
            "after typing {:?}",
            &full[..end]
        );
        assert_eq!(
            incremental.actors,
            fresh.actors,
            "sidebar after typing {:?}",
            &full[..end]
        );
    }
    // And back again (backspace).
    for end in (1..full.len()).rev() {
        let q = Query::parse(&full[..end]);
        let incremental = engine.search(&lib, &q, &|| false).unwrap();
        assert_eq!(
            incremental.docs,
            search(&lib, &q).docs,
            "after deleting to {:?}",
            &full[..end]
        );
    }
}

#[test]
fn a_cancelled_search_returns_nothing() {
    let lib = seeds();
    let got = dossier::search::Engine::new().search(&lib, &Query::parse("taliban"), &|| true);
    assert!(got.is_none());
}

/// The newsroom fixture with discovery on: many actors, several spellings.
fn newsroom() -> Arc<Library> {
    static LIB: std::sync::OnceLock<Arc<Library>> = std::sync::OnceLock::new();
    let lib = LIB.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/newsroom");
        let c = Corpus::load_path(std::path::Path::new(dir)).expect("the fixture loads");
        Arc::new(Library::build(c, &Extraction::builtin()))
    });
    Arc::clone(lib)
}

/// The actors `@term` should list, found the slow way: every spelling of
/// every actor, read word by word.
fn actors_named_by(lib: &Library, term: &str) -> Vec<String> {
    let q = Query::parse(&format!("@{term}"));
    let t = q.positive_terms().next().expect("one term").clone();
    let pat = dossier::search::matching::Pattern::sensitive(&t);
    let mut names: Vec<String> = lib
        .actors
        .iter()
        .filter(|a| {
            std::iter::once(a.name)
                .chain(a.aliases.iter().map(String::as_str))
                .chain(a.variants.iter().map(|v| v.text.as_str()))
                .any(|n| pat.text(&dossier::search::fold::transform(n, t.sense)))
        })
        .map(|a| a.name.to_owned())
        .collect();
    names.sort();
    names
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    // The sidebar finds actors through an index of their names' words; it
    // must list exactly the actors a reading of every name finds, typed
    // one key at a time or at once.
    fn actor_terms_find_exactly_the_actors_whose_names_match(
        term in "[a-zA-Z]{1,7}\\$?|\\^[a-z]{1,5}|'[a-z]{2,4}",
    ) {
        let lib = newsroom();
        let want = actors_named_by(&lib, &term);
        let mut engine = dossier::search::Engine::new();
        let mut got = Vec::new();
        for end in 1..=term.len() {
            let q = Query::parse(&format!("@{}", &term[..end]));
            got = engine.search(&lib, &q, &|| false).unwrap().actors;
        }
        let mut got: Vec<String> = got.iter().map(|h| lib.actors.get(h.actor).name.to_owned()).collect();
        got.sort();
        prop_assert_eq!(got, want, "@{}", term);
    }

    #[test]
    fn the_parser_never_panics(raw in "\\PC{0,40}") {
        let q = Query::parse(&raw);
        prop_assert!(q.groups.iter().all(|g| !g.is_empty()));
    }

    #[test]
    // A term starting with ' ^ or ! would be read as a marker after the !.
    fn exact_and_negated_terms_partition_the_articles(term in "[a-zA-Zé][a-zA-Zé' -]{0,7}") {
        let lib = seeds();
        let escaped = term.replace(' ', "\\ ");
        let yes = run(&lib, &format!("'{escaped}")).set;
        let no = run(&lib, &format!("!{escaped}")).set;
        let mut both = yes.clone();
        both.and(&no);
        prop_assert!(both.is_empty(), "{term:?} in both");
        let mut either = yes;
        either.or(&no);
        prop_assert_eq!(either.len(), lib.corpus.len(), "{:?} leaves some out", term);
    }
}
