//! Step 2: whether a surface is a name, and its kind, from the curated
//! lists, its words, its cues and its company.

use crate::actors::gazetteer::Kind;

use super::cues::{
    BREAKER, Cues, DEMONYM, DOCUMENT, FIRST_NAME, GIVEN, MEDIA_WORD, NAME_PARTICLE, NOT_ALONE,
    ORG_WORD, PLACE_WORD,
};
use super::runs::MAX_WORDS;
use super::tally::Stat;

/// Whether a surface seen with stats `s` is a name.
pub(super) fn is_name(
    cues: &Cues,
    surface: &str,
    s: &Stat,
    lowercase: &dyn Fn(&str) -> u32,
    surname: &dyn Fn(&str) -> bool,
) -> bool {
    // Headline fragments: a name must occur in a body.
    if s.body == 0 || surface.len() < 2 {
        return false;
    }
    // A surface's words are joined by single spaces (see [`Runs`]).
    let ws = || surface.split(' ');
    let n = ws().count();
    let first = ws().next().unwrap_or_default();
    let last = surface.rsplit(' ').next().unwrap_or_default();
    // "Iran-Afghan", "Anglo-Dutch": adjectives, not names.
    let hyphen_last = last.rsplit(['-', '–']).next().unwrap_or(last);
    if cues.is(hyphen_last, DEMONYM) {
        return false;
    }
    if cues.listed(surface) {
        return true;
    }
    if n == 1 {
        if cues.is(surface, NOT_ALONE) || cues.is(surface, BREAKER) || cues.is_title_word(surface) {
            return false;
        }
        // Only ever at sentence starts, never after a title: nothing says
        // it is a name, and a word also written in lower case is not one.
        // Unless its form says surname, or the corpus names someone in
        // full with it (helper-33: "John Smith met reporters. Smith
        // said..." found only John Smith).
        let said_surname = (surname_shaped(surface) || surname(surface)) && lowercase(surface) == 0;
        if s.mid == 0 && s.honor == 0 && !said_surname {
            return false;
        }
        // A word that as many articles write in lower case as capitalise
        // mid-sentence is a common word ("Used", "Summer").
        let lower = lowercase(surface);
        if s.honor == 0 && lower > 0 && lower >= s.mid_docs {
            return false;
        }
        return !surface.bytes().all(|b| b.is_ascii_digit());
    }
    // A multi-word name that starts with a common word only at sentence
    // starts is a sentence start ("Unemployment Benefits").
    if s.mid == 0 && s.honor == 0 && lowercase(first) > 0 && !cues.is(first, FIRST_NAME) {
        return false;
    }
    !ws().all(|w| cues.is(w, NOT_ALONE) || cues.is(w, DEMONYM))
}

/// Whether a word looks like a surname by its form: "McGeady",
/// "O'Driscoll", "Kabulov", "Jankovic", "Kowalski", "Hernandez".
fn surname_shaped(w: &str) -> bool {
    let b = w.as_bytes();
    let prefixed =
        |p: &str| w.len() > p.len() + 1 && w.starts_with(p) && b[p.len()].is_ascii_uppercase();
    if prefixed("Mc") || prefixed("Mac") || prefixed("O'") || prefixed("O’") {
        return true;
    }
    w.len() >= 5
        && [
            "ov", "ova", "ev", "eva", "enko", "ski", "ska", "sky", "vic", "vich", "ovic", "escu",
            "opoulos", "akis", "oglu", "sson", "ez",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// The kind of a name, from lists, words, cues and company; `bare` says
/// what is known of its last word standing alone, if it does (asked only
/// when needed: it is a lookup).
pub(super) fn kind_of<'s>(
    cues: &Cues,
    surface: &str,
    s: &Stat,
    bare: impl Fn() -> Option<&'s Stat>,
    lowercase: &dyn Fn(&str) -> u32,
) -> Kind {
    with_words(surface, |ws| {
        kind_of_words(cues, surface, ws, s, bare, lowercase)
    })
}

/// Calls `f` with the words of `surface`, which are joined by single
/// spaces (see [`Runs`](super::Runs)); on the stack for the names runs hold.
fn with_words<R>(surface: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let mut slots = [""; MAX_WORDS + 2];
    let mut n = 0;
    for w in surface.split(' ') {
        match slots.get_mut(n) {
            Some(slot) => *slot = w,
            None => return f(&surface.split(' ').collect::<Vec<_>>()),
        }
        n += 1;
    }
    f(&slots[..n])
}

/// [`kind_of`] with the surface's words `ws`.
fn kind_of_words<'s>(
    cues: &Cues,
    surface: &str,
    ws: &[&str],
    s: &Stat,
    bare: impl Fn() -> Option<&'s Stat>,
    lowercase: &dyn Fn(&str) -> u32,
) -> Kind {
    if cues.countries.contains_key(surface) {
        return Kind::Country;
    }
    if cues.media.contains(surface) {
        return Kind::Media;
    }
    if cues.places.contains(surface) {
        return Kind::Place;
    }
    if cues.orgs.contains(surface) {
        return Kind::Organization;
    }
    let last = ws.last().copied().unwrap_or_default();
    let first = ws.first().copied().unwrap_or_default();
    // A law ("Freedom of Information Act", "Hunting Bill") is no body.
    if ws.len() >= 2 && cues.is(last, DOCUMENT) {
        return Kind::Other;
    }
    let org_word = ws.iter().any(|w| cues.is(w, ORG_WORD));
    let count = f64::from(s.count.max(1));
    let titled = f64::from(s.honor) >= 0.2 * count || (s.honor > 0 && s.count <= 3);
    if (titled || s.age > 0) && !org_word && f64::from(s.the) < 0.25 * count {
        return Kind::Person;
    }
    if ws.len() >= 2 && cues.is(last, MEDIA_WORD) {
        return Kind::Media;
    }
    if org_word {
        return Kind::Organization;
    }
    if ws.len() >= 2 && cues.is(last, PLACE_WORD) {
        return Kind::Place;
    }
    // "New Labour", "Real Betis": a known body's name with a word before it.
    if ws.len() >= 2 && cues.orgs.contains(last) && !cues.is(first, FIRST_NAME) {
        return Kind::Organization;
    }
    if ws.len() >= 2
        && (cues.countries.contains_key(last) || cues.places.contains(last))
        && !cues.is(first, FIRST_NAME)
    {
        // "South Yorkshire", "North London".
        return Kind::Place;
    }
    // A given name, an initial ("C Paterson"), a surname's shape, or a last
    // word that speaks or is titled on its own.
    let initial = first.chars().count() == 1 && first.chars().all(char::is_uppercase)
        || ws.len() == 2 && cues.is(first, NAME_PARTICLE);
    // The last word stands alone elsewhere, as a surname does ("Dempsey"
    // for "Girvan Dempsey"), unless it names a body ("Labour").
    // (This and `all_names` are lookups: asked last, only when needed.)
    let bare_person = || {
        bare().is_some_and(|b| {
            b.honor > 0 || b.age > 0 || f64::from(b.the) < 0.1 * f64::from(b.count)
        }) && !cues.listed(last)
    };
    // Words, not codes: "Windows XP" and "Mac Mini" are no people.
    let words_only = ws.iter().all(|w| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            && (w.chars().count() == 1 || w.chars().any(char::is_lowercase))
    });
    // Two or three words none of which is a common word written in lower
    // case: names of people are made of names ("Girvan Dempsey"), titles
    // of works and products of words ("Finding Neverland", "Golden
    // Globe").
    let all_names = || {
        (2..=3).contains(&ws.len())
            && ws
                .iter()
                .all(|w| lowercase(w) <= 1 && cues.class(w) & !(FIRST_NAME | GIVEN) == 0)
    };
    // A connector makes a body or a place ("District of Columbia",
    // helper-35), not a person's name; a particle ("de", "van") does not.
    let joined = ws
        .iter()
        .any(|w| matches!(*w, "of" | "for" | "and" | "the" | "upon"));
    if words_only
        && !joined
        && ws.len() <= 4
        && ((ws.len() >= 2
            && (cues.is(first, FIRST_NAME)
                || initial
                || surname_shaped(last)
                || bare_person()
                || all_names()))
            || (ws.len() == 1 && cues.is(first, FIRST_NAME)))
    {
        return Kind::Person;
    }
    let acronym = surface.len() >= 2
        && surface.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
        && surface
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&' || b == b'-');
    if acronym {
        return Kind::Organization;
    }
    if f64::from(s.the) >= 0.25 * count {
        return Kind::Organization;
    }
    if f64::from(s.prep) >= 0.5 * count {
        return Kind::Place;
    }
    // Plurals that speak are bodies ("the Lib Dems said").
    if s.speech > 0 && ws.len() >= 2 && !last.ends_with('s') {
        return Kind::Person;
    }
    if ws.len() == 1 && (s.honor > 0 || surname_shaped(surface) && s.speech > 0) {
        return Kind::Person;
    }
    if s.speech > 0 {
        return Kind::Organization;
    }
    Kind::Other
}
