//! The gazetteer: actors known by name, with their kind and every spelling the
//! articles use. `assets/actors.json` is compiled in; a user's own file (same
//! schema) is laid over it with `--actors FILE`.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// What sort of actor a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named person.
    Person,
    /// A government body, party, company, armed group, court...
    #[serde(alias = "org", alias = "organisation")]
    Organization,
    /// A sovereign state.
    Country,
    /// A city, region, building or other location.
    Place,
    /// A news outlet or agency.
    Media,
    /// Anything else worth tracking: events, treaties, products.
    Other,
}

impl Kind {
    /// Every kind, in the order the sidebar groups and the help lists them.
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Organization,
        Kind::Country,
        Kind::Place,
        Kind::Media,
        Kind::Other,
    ];

    /// The lowercase name used in JSON, the CLI and queries (`k:person`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Country => "country",
            Kind::Place => "place",
            Kind::Media => "media",
            Kind::Other => "other",
        }
    }

    /// A short label for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Person => "per",
            Kind::Organization => "org",
            Kind::Country => "ctry",
            Kind::Place => "plc",
            Kind::Media => "med",
            Kind::Other => "oth",
        }
    }

    /// Parses a kind name, its short label or the start of its name
    /// (`pers`, `org`, `plc`), as typed by a user; `None` for a start two
    /// kinds share (`p`: see [`Kind::starting`]).
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.to_ascii_lowercase();
        if s == "organisation" {
            return Some(Kind::Organization);
        }
        if let Some(k) = Kind::ALL.into_iter().find(|k| k.short() == s) {
            return Some(k);
        }
        match Kind::starting(&s)[..] {
            [k] => Some(k),
            _ => None,
        }
    }

    /// The kinds whose name starts with `s` (any case): none for an empty
    /// `s`.
    pub fn starting(s: &str) -> Vec<Kind> {
        let s = s.to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .filter(|k| !s.is_empty() && k.name().starts_with(&s))
            .collect()
    }
}

/// One gazetteer entry: a canonical name, a kind and the other spellings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The name shown in the sidebar.
    pub name: String,
    /// What sort of actor this is.
    pub kind: Kind,
    /// Other spellings, short forms and acronyms that refer to the same actor.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words (or phrases) one of which an article must write, as written,
    /// for the aliases to mean this actor there: "Foreign Ministry" is
    /// Russia's only in an article about Russia. Empty: they always do.
    /// The name always applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
}

impl Entry {
    /// Whether `spelling` of this entry means it in an article of `text`:
    /// the name always does, an alias when the entry needs no context or
    /// the text writes one of its context words, whole.
    pub fn applies(&self, spelling: &str, text: &str) -> bool {
        self.context.is_empty()
            || spelling == self.name
            || self.context.iter().any(|c| writes_word(text, c))
    }
}

/// Whether `text` holds `word` (one or more words) with no word character
/// on either side.
fn writes_word(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text
            .match_indices(word)
            .any(|(at, _)| super::matcher::is_whole_word(text, at, at + word.len()))
}

/// A list of known actors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    /// Entries in priority order: where two claim the same spelling, the later
    /// one wins, so a user's file can correct the built-in one.
    pub entries: Vec<Entry>,
}

/// A gazetteer file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The file could not be read.
    #[error(
        "{path}: cannot be read ({message}); check the path given with --actors (or --gazetteer)"
    )]
    Unreadable {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The file is not valid gazetteer JSON.
    #[error(
        "{path}:{line}:{column}: {message}; a gazetteer is a JSON array of {{\"name\", \"kind\", \"aliases\"}} objects (kinds: person, organization, country, place, media, other)"
    )]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// Valid JSON whose entries cannot all hold: one with no name, two
    /// with one name, or one spelling claimed by two actors (which would
    /// be a guess which one the text means).
    #[error("{path}: {message}")]
    Conflict {
        /// The file.
        path: String,
        /// Which entries, and what to do.
        message: String,
    },
}

const BUILTIN: &str = include_str!("../../assets/actors.json");

impl Gazetteer {
    /// The gazetteer compiled into the binary (`assets/actors.json`).
    pub fn builtin() -> Gazetteer {
        Gazetteer::parse(BUILTIN, "assets/actors.json")
            .expect("assets/actors.json is checked by a unit test")
    }

    /// Parses gazetteer JSON; `origin` names the file in error messages.
    pub fn parse(json: &str, origin: &str) -> Result<Gazetteer, GazetteerError> {
        let entries: Vec<Entry> =
            serde_json::from_str(json).map_err(|e| GazetteerError::Invalid {
                path: origin.to_owned(),
                line: e.line(),
                column: e.column().max(1),
                message: crate::corpus::json_message(&e),
            })?;
        let entries: Vec<Entry> = entries
            .into_iter()
            .map(|mut e| {
                e.name = e.name.trim().to_owned();
                e.aliases.retain(|a| !a.trim().is_empty());
                e.context = e.context.iter().map(|c| c.trim().to_owned()).collect();
                e.context.retain(|c| !c.is_empty());
                e
            })
            .collect();
        check_entries(&entries).map_err(|message| GazetteerError::Conflict {
            path: origin.to_owned(),
            message,
        })?;
        Ok(Gazetteer { entries })
    }

    /// Reads and parses a gazetteer file.
    pub fn load(path: &Path) -> Result<Gazetteer, GazetteerError> {
        let shown = crate::text::safe_line(&path.display().to_string()).into_owned();
        let bytes = std::fs::read(path).map_err(|e| GazetteerError::Unreadable {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let text = String::from_utf8_lossy(&bytes);
        Gazetteer::parse(&text, &shown)
    }

    /// Lays `over` on top of this gazetteer: an entry with the same name
    /// replaces the old one, and the new entries win every spelling they
    /// claim.
    pub fn overlay(mut self, over: Gazetteer) -> Gazetteer {
        let names: HashSet<String> = over.entries.iter().map(|e| e.name.to_lowercase()).collect();
        self.entries
            .retain(|e| !names.contains(&e.name.to_lowercase()));
        self.entries.extend(over.entries);
        self
    }
}

/// What is wrong with `entries` as one file's, if anything: an entry with
/// no name, two entries with one name (any case), or a spelling (a name
/// or an alias, as written) that two entries claim. Entries are numbered
/// from 1, in file order. Every problem is said, up to [`PROBLEMS_SAID`],
/// so a file is mended in one go rather than one run per problem.
fn check_entries(entries: &[Entry]) -> Result<(), String> {
    let mut problems: Vec<String> = Vec::new();
    let mut names: std::collections::HashMap<String, usize> = Default::default();
    // (Spellings are found whatever their case: "SMITH" and "Smith" are
    // one spelling.)
    let mut spellings: std::collections::HashMap<String, usize> = Default::default();
    for (i, e) in entries.iter().enumerate() {
        let n = i + 1;
        if e.name.is_empty() {
            problems.push(format!(
                "entry {n} has no name; give every actor a \"name\" (its other spellings go in \"aliases\")"
            ));
            continue;
        }
        if let Some(&first) = names.get(&e.name.to_lowercase()) {
            problems.push(format!(
                "entries {first} and {n} are both named \"{}\"; make them one entry, with the aliases of both",
                e.name
            ));
            continue;
        }
        names.insert(e.name.to_lowercase(), n);
        let mut mine = std::iter::once(e.name.as_str())
            .chain(e.aliases.iter().map(|a| a.trim()))
            .map(|s| (s.to_lowercase(), s))
            .collect::<Vec<_>>();
        mine.sort_unstable();
        mine.dedup_by(|a, b| a.0 == b.0);
        for (key, spelling) in mine {
            match spellings.get(&key) {
                Some(&first) => {
                    let other = &entries[first - 1].name;
                    problems.push(format!(
                        "\"{spelling}\" is a spelling of both \"{other}\" (entry {first}) and \"{}\" (entry {n}); keep it in one of them",
                        e.name
                    ));
                }
                None => {
                    spellings.insert(key, n);
                }
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let more = problems.len().saturating_sub(PROBLEMS_SAID);
    problems.truncate(PROBLEMS_SAID);
    if more > 0 {
        problems.push(format!(
            "and {}",
            crate::text::count(more, "more problem", "more problems")
        ));
    }
    Err(problems.join("; "))
}

/// Problems with a gazetteer file said at once.
const PROBLEMS_SAID: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_that_cannot_all_hold_are_refused_naming_them() {
        let err = |json: &str| Gazetteer::parse(json, "mine.json").unwrap_err().to_string();
        assert_eq!(
            err(r#"[{"name": "A", "kind": "person"}, {"name": " ", "kind": "person"}]"#),
            "mine.json: entry 2 has no name; give every actor a \"name\" (its other spellings go in \"aliases\")"
        );
        assert_eq!(
            err(
                r#"[{"name": "Jane Roe", "kind": "person"}, {"name": "jane roe", "kind": "place"}]"#
            ),
            "mine.json: entries 1 and 2 are both named \"jane roe\"; make them one entry, with the aliases of both"
        );
        assert_eq!(
            err(
                r#"[{"name": "Jane Roe", "kind": "person", "aliases": ["Roe"]},
                    {"name": "Richard Roe", "kind": "person", "aliases": ["Roe"]}]"#
            ),
            "mine.json: \"Roe\" is a spelling of both \"Jane Roe\" (entry 1) and \"Richard Roe\" (entry 2); keep it in one of them"
        );
        // Spellings are found whatever their case, so they clash so too.
        assert_eq!(
            err(
                r#"[{"name": "Joe Smith", "kind": "person", "aliases": ["Smith"]},
                    {"name": "Jane Smith", "kind": "person", "aliases": ["SMITH"]}]"#
            ),
            "mine.json: \"SMITH\" is a spelling of both \"Joe Smith\" (entry 1) and \"Jane Smith\" (entry 2); keep it in one of them"
        );
        // Every problem at once, not one per run (helper-30).
        let all = err(r#"[{"name": "A", "kind": "person", "aliases": ["X"]},
                {"name": "", "kind": "person"},
                {"name": "a", "kind": "place"},
                {"name": "B", "kind": "person", "aliases": ["x"]}]"#);
        assert!(all.contains("entry 2 has no name"), "{all}");
        assert!(all.contains("entries 1 and 3 are both named"), "{all}");
        assert!(
            all.contains("\"x\" is a spelling of both \"A\" (entry 1)"),
            "{all}"
        );
        let many: Vec<String> = (0..9)
            .map(|_| r#"{"name": "", "kind": "person"}"#.to_owned())
            .collect();
        let said = err(&format!("[{}]", many.join(",")));
        assert!(said.ends_with("; and 4 more problems"), "{said}");
        // An alias that repeats its own entry's name, or an empty alias,
        // is no conflict.
        let fine = r#"[{"name": "Roe", "kind": "person", "aliases": ["Roe", " ", "J. Roe"]}]"#;
        assert!(Gazetteer::parse(fine, "mine.json").is_ok());
    }

    #[test]
    fn builtin_gazetteer_parses() {
        let g = Gazetteer::builtin();
        assert!(g.entries.len() > 40);
        assert!(g.entries.iter().any(|e| e.name == "Alexander Bortnikov"
            && e.kind == Kind::Person
            && e.aliases.iter().any(|a| a == "Aleksandr Bortnikov")));
    }

    #[test]
    fn errors_name_the_file_and_position() {
        let err = Gazetteer::parse("[{\"name\": \"X\", \"kind\": \"planet\"}]", "mine.json")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("mine.json:1:"), "{err}");
        assert!(err.contains("planet"), "{err}");
        assert!(!err.contains("column"), "the position once: {err}");
        // A file of the wrong shape is told in JSON's words.
        let err = Gazetteer::parse("{\"actors\": []}", "mine.json")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("mine.json:1:1: invalid type: object, expected an array;"),
            "{err}"
        );
    }

    #[test]
    fn an_alias_with_a_context_applies_only_where_the_article_writes_it() {
        // helper-32: in bbc's Saudi story, "Ministry of Foreign Affairs"
        // was Russia's; in "the Old Firm CIS Cup", CIS was the
        // Commonwealth of Independent States.
        let g = Gazetteer::parse(
            r#"[{"name": "Russian Foreign Ministry", "kind": "org",
                 "aliases": ["Foreign Ministry"], "context": ["Russia", "Moscow", " "]}]"#,
            "mine.json",
        )
        .unwrap();
        let e = &g.entries[0];
        assert_eq!(e.context, ["Russia", "Moscow"]);
        assert!(e.applies("Foreign Ministry", "Russia's Foreign Ministry said"));
        assert!(e.applies("Foreign Ministry", "In Moscow, the Foreign Ministry"));
        assert!(!e.applies("Foreign Ministry", "The Saudi Foreign Ministry said"));
        // As a whole word, as written.
        assert!(!e.applies("Foreign Ministry", "Belarussia, Foreign Ministry"));
        assert!(!e.applies("Foreign Ministry", "russia, Foreign Ministry"));
        // The name itself always applies.
        assert!(e.applies("Russian Foreign Ministry", "The Russian Foreign Ministry"));
        let builtin = Gazetteer::builtin();
        let cis = builtin
            .entries
            .iter()
            .find(|e| e.name.contains("Independent"));
        assert!(cis.is_some_and(|e| !e.applies("CIS", "the Old Firm CIS Cup final")));
    }

    #[test]
    fn overlay_replaces_entries_by_name() {
        let base = Gazetteer::parse(
            r#"[{"name":"Kremlin","kind":"organization"},{"name":"Kabul","kind":"place"}]"#,
            "a",
        )
        .unwrap();
        let over = Gazetteer::parse(r#"[{"name":"kremlin","kind":"place"}]"#, "b").unwrap();
        let g = base.overlay(over);
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[1].kind, Kind::Place);
    }

    #[test]
    fn kinds_parse_from_prefixes() {
        assert_eq!(Kind::parse("pers"), Some(Kind::Person));
        assert_eq!(Kind::parse("org"), Some(Kind::Organization));
        assert_eq!(Kind::parse("organisation"), Some(Kind::Organization));
        assert_eq!(Kind::parse("c"), Some(Kind::Country));
        assert_eq!(Kind::parse("plc"), Some(Kind::Place));
        assert_eq!(Kind::parse("PL"), Some(Kind::Place));
        assert_eq!(Kind::parse("p"), None, "person or place");
        assert_eq!(Kind::parse("o"), None, "organization or other");
        assert_eq!(Kind::starting("p"), [Kind::Person, Kind::Place]);
        assert_eq!(Kind::parse("zzz"), None);
        assert_eq!(Kind::parse(""), None);
    }
}
