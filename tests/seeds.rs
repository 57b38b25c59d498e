//! The seed corpus, checked by hand: what a reader of the five articles can
//! verify against the text.

use std::path::Path;

use dossier::actors::{Extraction, Gazetteer, Kind, Lookup};
use dossier::corpus::Corpus;
use dossier::library::Library;

fn lib() -> Library {
    Library::seeds()
}

fn ids_naming(lib: &Library, name: &str) -> Vec<String> {
    let Lookup::Found(id) = lib.actors.lookup(name) else {
        panic!("{name} not found");
    };
    lib.actors
        .docs_of(id)
        .iter()
        .map(|d| lib.corpus.articles[d.ix()].id[..3].to_owned())
        .collect()
}

#[test]
fn the_embedded_seeds_are_the_seed_folder_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let disk = Corpus::load_path(&dir).unwrap();
    let embedded = Corpus::seeds();
    assert_eq!(disk.articles, embedded.articles);
    assert!(disk.warnings.is_empty());
}

#[test]
fn who_is_named_where() {
    let lib = lib();
    assert_eq!(ids_naming(&lib, "Bortnikov"), ["000", "001", "003", "004"]);
    assert_eq!(ids_naming(&lib, "Kabulov"), ["000", "001", "003", "004"]);
    assert_eq!(ids_naming(&lib, "Lavrov"), ["004"]);
    assert_eq!(ids_naming(&lib, "Ushakov"), ["000"]);
    assert_eq!(ids_naming(&lib, "Putin"), ["000", "001", "003", "004"]);
    assert_eq!(ids_naming(&lib, "Supreme Court"), ["002"]);
    assert_eq!(
        ids_naming(&lib, "Taliban"),
        ["000", "001", "002", "003", "004"]
    );
    // ISIS-K under any of its names: "ISIS-K", "Wilayat Khorasan", "Khorasan Province".
    assert_eq!(
        ids_naming(&lib, "Khorasan Province"),
        ["000", "001", "002", "003", "004"]
    );
}

#[test]
fn the_misspelling_bortinkov_belongs_to_bortnikov() {
    let lib = lib();
    let Lookup::Found(b) = lib.actors.lookup("Alexander Bortnikov") else {
        panic!()
    };
    let a001 = &lib.corpus.articles[1];
    let at = a001.text.find("Bortinkov").unwrap();
    let m = lib
        .actors
        .in_doc(dossier::corpus::DocId(1))
        .iter()
        .find(|m| m.start as usize == at)
        .expect("Bortinkov is a mention");
    assert_eq!(m.actor, b);
    assert_eq!(m.end as usize, at + "Bortinkov".len());
}

#[test]
fn kinds_are_right() {
    let lib = lib();
    let kind = |n: &str| match lib.actors.lookup(n) {
        Lookup::Found(id) => lib.actors.get(id).kind,
        other => panic!("{n}: {other:?}"),
    };
    assert_eq!(kind("Putin"), Kind::Person);
    assert_eq!(kind("FSB"), Kind::Organization);
    assert_eq!(kind("Kazakhstan"), Kind::Country);
    assert_eq!(kind("Bishkek"), Kind::Place);
    assert_eq!(kind("TASS"), Kind::Media);
}

#[test]
fn fsb_and_federal_security_service_are_one_actor() {
    let lib = lib();
    assert_eq!(
        lib.actors.lookup("FSB"),
        lib.actors.lookup("Federal Security Service")
    );
    let Lookup::Found(id) = lib.actors.lookup("FSB") else {
        panic!()
    };
    let spellings: Vec<&str> = lib
        .actors
        .get(id)
        .variants
        .iter()
        .map(|v| v.text.as_str())
        .collect();
    assert!(spellings.contains(&"FSB") && spellings.contains(&"Federal Security Service"));
}

#[test]
fn discovery_alone_finds_the_story_s_actors() {
    // No gazetteer at all: every actor here comes from how the text writes
    // names.
    let lib = Library::build(Corpus::seeds(), &Extraction::with(Gazetteer::default()));
    let actor = |spelling: &str| {
        lib.actors
            .iter()
            .find(|a| a.name == spelling || a.spellings().iter().any(|v| v.text == spelling))
            .unwrap_or_else(|| panic!("no actor is written {spelling:?}"))
    };
    for (name, kind) in [
        ("Vladimir Putin", Kind::Person),
        ("Zamir Kabulov", Kind::Person),
        ("Alexander Bortnikov", Kind::Person),
        ("Sergey Lavrov", Kind::Person),
        ("Taliban", Kind::Organization),
        ("FSB", Kind::Organization),
    ] {
        assert_eq!(actor(name).kind, kind, "{name}");
    }
    assert_eq!(actor("Mohammad Suhail Shaheen").kind, Kind::Person);
    // Surnames alone, a transliteration and the acronym joined their names.
    assert_eq!(actor("Putin").name, "Vladimir Putin");
    assert_eq!(actor("Kabulov").name, "Zamir Kabulov");
    assert_eq!(actor("Aleksandr Bortnikov").name, "Alexander Bortnikov");
    assert_eq!(
        actor("Bortinkov").name,
        "Alexander Bortnikov",
        "a misspelt surname"
    );
    assert_eq!(actor("FSB").name, actor("Federal Security Service").name);
}
