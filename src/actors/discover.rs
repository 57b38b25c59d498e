//! Discovery: actors nobody listed, found from how news text writes names.
//!
//! Three steps, linear in the corpus:
//!
//! 1. While the article's words are scanned once ([`Runs`]), runs of
//!    capitalised words are recorded with the cues a careful reader uses: a
//!    title or honorific before the name ("Mr", "Prime Minister", stripped
//!    from the span), a speech verb after it ("said"), "the" or a preposition
//!    of place before it, whether it starts a sentence or sits in the title
//!    line, and acronyms defined in brackets ("Federal Security Service
//!    (FSB)").
//! 2. Across the corpus ([`decide`]), a run is taken for a name if it is
//!    capitalised mid-sentence somewhere, or follows a title, or is a word
//!    never written in lower case; a sentence-initial word also written in
//!    lower case is not a name, and neither are weekdays, months, pronouns
//!    and the like (`assets/cues.json`). Its kind comes from curated lists
//!    (`assets/places.json`), organisation and media words, titles, first
//!    names (`assets/first_names.txt`) and its company. Then names merge: a
//!    surname alone joins the one full name that ends with it, an acronym its
//!    expansion, and spelling and transliteration variants of a person's
//!    first name join when the surname agrees.
//! 3. Every run is tagged against the names found ([`Lexicon`]), titles and
//!    sentence starts included, with a bare surname that several people
//!    share resolved per article by who that article names in full.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxHashSet as HashSet;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Deserialize;

use rayon::prelude::*;

use super::gazetteer::Kind;
use super::order_prefix;
use super::variants::{VariantIndex, deletions};
use crate::csr::{Csr, Texts};
use crate::words::words;

/// The cue words, from `assets/cues.json`, `assets/places.json` and
/// `assets/first_names.txt`. A word's classes are one table lookup, since
/// the scan asks about every capitalised word.
pub struct Cues {
    /// Word -> its classes ([`HONORIFIC`], [`TITLE`]...).
    class: FxHashMap<String, u32>,
    /// `class` again for short words, faster to ask.
    index: CueIndex,
    /// Every country spelling, with its canonical name.
    countries: FxHashMap<String, String>,
    places: HashSet<String>,
    media: HashSet<String>,
    orgs: HashSet<String>,
}

/// "Mr", "Sir": before a name.
const HONORIFIC: u32 = 1;
/// "President", "Coach": before a name.
const TITLE_WORD: u32 = 1 << 1;
/// A title in lower case ("coach", "chancellor"): before a name, as good
/// a cue as a capitalised one.
const LOWER_TITLE: u32 = 1 << 2;
/// "Prime", "Foreign": part of a title.
const MODIFIER: u32 = 1 << 3;
/// "of", "and", "de": may join the words of a name.
const CONNECTOR: u32 = 1 << 4;
/// "Bank", "Council", "plc": names a body.
const ORG_WORD: u32 = 1 << 5;
/// "Times", "Radio": names an outlet.
const MEDIA_WORD: u32 = 1 << 6;
/// "Gulf", "Street": names a place.
const PLACE_WORD: u32 = 1 << 7;
/// "said", "told".
const SPEECH_VERB: u32 = 1 << 8;
/// "in", "at": before a place.
const BEFORE_PLACE: u32 = 1 << 9;
/// Weekdays, months, pronouns: never in a name.
const BREAKER: u32 = 1 << 10;
/// "Government", "Internet": no name alone.
const NOT_ALONE: u32 = 1 << 11;
/// "St", "Mr": a full stop after it ends no sentence.
const ABBREV: u32 = 1 << 12;
/// "al" in "al-Qaeda".
const PARTICLE: u32 = 1 << 13;
/// "De", "Van": starts a surname.
const NAME_PARTICLE: u32 = 1 << 14;
/// A given name.
const FIRST_NAME: u32 = 1 << 15;
/// "British", "Afghans".
const DEMONYM: u32 = 1 << 16;

#[derive(Deserialize)]
struct CueFile {
    honorifics: Vec<String>,
    titles: Vec<String>,
    title_modifiers: Vec<String>,
    connectors: Vec<String>,
    org_words: Vec<String>,
    media_words: Vec<String>,
    place_words: Vec<String>,
    speech_verbs: Vec<String>,
    before_place: Vec<String>,
    breakers: Vec<String>,
    not_alone: Vec<String>,
    abbreviations: Vec<String>,
    particles: Vec<String>,
    name_particles: Vec<String>,
}

#[derive(Deserialize)]
struct PlaceFile {
    countries: Vec<Vec<String>>,
    places: Vec<String>,
    media: Vec<String>,
    organizations: Vec<String>,
    demonyms: Vec<String>,
}

/// `w` with its first letter in upper case.
fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Cues {
    /// The built-in cues.
    pub fn builtin() -> Cues {
        let cues: CueFile = serde_json::from_str(include_str!("../../assets/cues.json"))
            .expect("assets/cues.json is checked by a test");
        let places: PlaceFile = serde_json::from_str(include_str!("../../assets/places.json"))
            .expect("assets/places.json is checked by a test");
        let mut class: FxHashMap<String, u32> = FxHashMap::default();
        let mut add = |words: &[String], bit: u32| {
            for w in words {
                *class.entry(w.clone()).or_default() |= bit;
            }
        };
        add(&cues.honorifics, HONORIFIC);
        add(&cues.titles, TITLE_WORD);
        let lower_titles: Vec<String> = cues
            .titles
            .iter()
            .filter(|t| t.chars().any(char::is_lowercase))
            .map(|t| t.to_lowercase())
            .collect();
        add(&lower_titles, LOWER_TITLE);
        add(&cues.title_modifiers, MODIFIER);
        add(&cues.connectors, CONNECTOR);
        add(&cues.org_words, ORG_WORD);
        add(&cues.media_words, MEDIA_WORD);
        add(&cues.place_words, PLACE_WORD);
        add(&cues.speech_verbs, SPEECH_VERB);
        // "In London" at a sentence start is as good as "in London".
        let before_place: Vec<String> = cues
            .before_place
            .iter()
            .flat_map(|w| [w.clone(), capitalise(w)])
            .collect();
        add(&before_place, BEFORE_PLACE);
        add(&cues.breakers, BREAKER);
        add(&cues.not_alone, NOT_ALONE);
        add(&cues.abbreviations, ABBREV);
        add(&cues.particles, PARTICLE);
        add(&cues.name_particles, NAME_PARTICLE);
        add(&places.demonyms, DEMONYM);
        let mut countries = FxHashMap::default();
        for names in places.countries {
            if let Some(canon) = names.first() {
                for n in &names {
                    countries.insert(n.clone(), canon.clone());
                }
            }
        }
        let mut c = Cues {
            class,
            index: CueIndex::default(),
            countries,
            places: places.places.into_iter().collect(),
            media: places.media.into_iter().collect(),
            orgs: places.organizations.into_iter().collect(),
        };
        // A given name that is also a place, a body or a cue word says
        // nothing about a person.
        let first_names: Vec<String> = include_str!("../../assets/first_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .filter(|n| !c.listed(n) && c.class(n) == 0)
            .map(str::to_owned)
            .collect();
        for n in first_names {
            *c.class.entry(n).or_default() |= FIRST_NAME;
        }
        c.index = CueIndex::new(&c.class);
        c
    }

    /// The classes of word `w`.
    #[inline(always)]
    fn class(&self, w: &str) -> u32 {
        match self.index.get(w) {
            Some(class) => class,
            None => self.class_in_map(w),
        }
    }

    /// The classes of the word `text[start..end]`: [`Cues::class`],
    /// quicker where the word sits in a longer text.
    #[inline(always)]
    fn class_at(&self, text: &str, start: usize, end: usize) -> u32 {
        match self.index.get_at(text.as_bytes(), start, end) {
            Some(class) => class,
            None => self.class_in_map(&text[start..end]),
        }
    }

    /// The classes of word `w`, from the map: the index holds no long
    /// words (kept out of line, so that [`Cues::class`] inlines).
    #[inline(never)]
    fn class_in_map(&self, w: &str) -> u32 {
        self.class.get(w).copied().unwrap_or(0)
    }

    /// Whether word `w` is in any of the classes `bits`.
    #[inline]
    fn is(&self, w: &str, bits: u32) -> bool {
        self.class(w) & bits != 0
    }

    fn is_title_word(&self, w: &str) -> bool {
        self.is(w, HONORIFIC | TITLE_WORD)
    }

    /// A country, place, outlet or well-known body by the curated lists.
    fn listed(&self, name: &str) -> bool {
        self.countries.contains_key(name)
            || self.places.contains(name)
            || self.media.contains(name)
            || self.orgs.contains(name)
    }
}

/// Longest word [`CueIndex`] holds, in bytes.
const SHORT: usize = 16;

/// Word `w`, of 1 to [`SHORT`] bytes, as two numbers that with its length
/// tell it from every other word: its bytes, padded with zeros to 16.
fn word_key(w: &[u8]) -> (u64, u64) {
    let mut padded = [0; 16];
    padded[..w.len()].copy_from_slice(w);
    word_key_in(&padded, w.len())
}

/// [`word_key`] of the word of `len` bytes (1 to [`SHORT`]) that starts
/// `bytes`: the bytes past it are masked off, so there is no copy and no
/// branch on the length (which the scan could not predict).
#[inline]
fn word_key_in(bytes: &[u8; 16], len: usize) -> (u64, u64) {
    let [a, b] = [&bytes[..8], &bytes[8..]]
        .map(|half| u64::from_le_bytes(half.try_into().expect("8 bytes")));
    let keep = |bits: usize| u64::MAX.checked_shr(64 - bits as u32).unwrap_or(0);
    (
        a & keep(8 * len.min(8)),
        b & keep(8 * len.saturating_sub(8)),
    )
}

/// A hash of a word's [`word_key`] and length, every bit of it mixed from
/// every bit of the key.
#[inline]
fn hash(a: u64, b: u64, len: usize) -> u64 {
    let x = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.rotate_left(31) ^ len as u64;
    let m = u128::from(x) * 0xD6E8_FEB8_6659_FD93;
    (m as u64) ^ (m >> 64) as u64
}

/// The cue classes of every word of 1 to [`SHORT`] bytes, faster to ask
/// than the map: a lookup is a multiply, a load or two and a few
/// compares, where the map costs a string hash, a probe and a memcmp call.
/// The scan asks about every capitalised word (most are names in no cue
/// class), about the word after every run ("said", "of") and the one
/// before it ("in", "the"), some 7 million lookups for 21 million words:
/// what matters is that they hit the nearest caches. So the few lower-case
/// cue words (170) have a table of their own, small enough to stay there,
/// and the capitalised ones (5,400, most of them given names) a larger one
/// behind a Bloom filter that turns almost every other name away. The
/// index knows nothing of longer words, nor of the empty one: those are
/// asked of the map.
#[derive(Default)]
struct CueIndex {
    /// Words that do not start with an ASCII capital.
    lower: CueTable,
    /// Words that do.
    upper: CueTable,
}

impl CueIndex {
    /// The short words of `classes`.
    fn new(classes: &FxHashMap<String, u32>) -> CueIndex {
        let short = |upper: bool| {
            classes.iter().filter(move |(w, _)| {
                (1..=SHORT).contains(&w.len()) && w.as_bytes()[0].is_ascii_uppercase() == upper
            })
        };
        CueIndex {
            lower: CueTable::new(short(false)),
            upper: CueTable::new(short(true)),
        }
    }

    /// The classes of `w` (0 if it is no cue word), or `None` when the
    /// index cannot tell: `w` is empty or longer than [`SHORT`] bytes, or
    /// the index is not built yet.
    #[inline]
    fn get(&self, w: &str) -> Option<u32> {
        self.get_at(w.as_bytes(), 0, w.len())
    }

    /// [`CueIndex::get`] of the word `text[start..end]`, whose key is read
    /// from the text in place when 16 bytes remain.
    #[inline]
    fn get_at(&self, text: &[u8], start: usize, end: usize) -> Option<u32> {
        let len = end - start;
        if len == 0 || len > SHORT {
            return None;
        }
        let (a, b) = match text.get(start..start + 16) {
            Some(bytes) => word_key_in(bytes.try_into().expect("16 bytes"), len),
            None => word_key(&text[start..end]),
        };
        let table = if text[start].is_ascii_uppercase() {
            &self.upper
        } else {
            &self.lower
        };
        table.get(a, b, len)
    }
}

/// Some words of [`CueIndex`]: an open-addressed table keyed by
/// [`word_key`], behind a Bloom filter of two bits per word.
#[derive(Default)]
struct CueTable {
    /// Bits set at [`CueTable::filter_bits`] of each word's hash: with 12
    /// bits per word, one other word in 40 passes.
    filter: Vec<u64>,
    /// Half empty at least, so that every probe ends; a slot of length 0
    /// is empty.
    slots: Vec<CueSlot>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
}

/// One word of a [`CueTable`]: its key, length and classes.
#[derive(Debug, Default, Clone, Copy)]
struct CueSlot {
    a: u64,
    b: u64,
    len: u32,
    class: u32,
}

impl CueTable {
    /// A table of `words`, each 1 to [`SHORT`] bytes long.
    fn new<'a>(words: impl Iterator<Item = (&'a String, &'a u32)> + Clone) -> CueTable {
        let n = words.clone().count();
        let bits = (n * 2).next_power_of_two().max(16).trailing_zeros();
        let mut table = CueTable {
            filter: vec![0; (n * 12).next_power_of_two().max(64) / 64],
            slots: vec![CueSlot::default(); 1 << bits],
            shift: 64 - bits,
        };
        let mask = table.slots.len() - 1;
        for (w, &class) in words {
            let (a, b) = word_key(w.as_bytes());
            let h = hash(a, b, w.len());
            for bit in table.filter_bits(h) {
                table.filter[bit / 64] |= 1 << (bit % 64);
            }
            let mut i = (h >> table.shift) as usize;
            while table.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            table.slots[i] = CueSlot {
                a,
                b,
                len: w.len() as u32,
                class,
            };
        }
        table
    }

    /// The two filter bits of the word with hash `h`, from its low 32
    /// bits (a probe starts at its high bits).
    #[inline]
    fn filter_bits(&self, h: u64) -> [usize; 2] {
        let mask = self.filter.len() * 64 - 1;
        [h as usize & mask, (h >> 16) as usize & mask]
    }

    /// Whether both filter bits of the word with hash `h` are set.
    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let [i, j] = self.filter_bits(h);
        (self.filter[i / 64] >> (i % 64)) & (self.filter[j / 64] >> (j % 64)) & 1 != 0
    }

    /// The classes of the word of `len` bytes (1 to [`SHORT`]) with key
    /// `a`, `b` (0 if it is no cue word); `None` when the table is not
    /// built yet.
    #[inline]
    fn get(&self, a: u64, b: u64, len: usize) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = hash(a, b, len);
        if !self.may_hold(h) {
            return Some(0);
        }
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let slot = &self.slots[i];
            if slot.len == len as u32 && slot.a == a && slot.b == b {
                return Some(slot.class);
            }
            if slot.len == 0 {
                return Some(0);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A run of capitalised words in one article: the span of the (possible)
/// name, and what stood around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Byte offset in the article's text.
    pub start: u32,
    /// Length in bytes.
    pub len: u16,
    /// Number of words.
    pub words: u8,
    /// What stood around it ([`SENTENCE`], [`TITLE`]...).
    pub flags: u8,
}

/// The run starts a sentence (or a quotation).
pub const SENTENCE: u8 = 1;
/// The run is in the title line.
pub const TITLE: u8 = 2;
/// A title or honorific came right before ("Mr", "Prime Minister",
/// "coach").
pub const HONOR: u8 = 4;
/// A speech verb follows ("said", "told").
pub const SPEECH: u8 = 8;
/// "the" came right before.
pub const THE: u8 = 16;
/// A preposition of place came right before ("in", "at", "from").
pub const PREP: u8 = 32;
/// An acronym in brackets right after another run: "... (FSB)".
pub const PAREN: u8 = 64;
/// An age follows, as news gives a person's: "Leoncia Casalme, 29,".
pub const AGE: u8 = 128;

impl Run {
    /// The run's text in its article.
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start as usize..self.start as usize + usize::from(self.len)]
    }

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Longest run kept, in words: longer capitalised stretches are headlines
/// or lists, not names.
const MAX_WORDS: usize = 6;

/// A byte span of the article's text.
type Span = (u32, u32);

/// A word of a run being built: its byte span, and its cue classes, looked
/// up once when the word joins the run (cutting the run into names asks
/// about every word again).
#[derive(Debug, Clone, Copy)]
struct Word {
    start: u32,
    end: u32,
    class: u32,
}

impl Word {
    /// Whether the word is in any of the classes `bits`.
    fn is(&self, bits: u32) -> bool {
        self.class & bits != 0
    }
}

/// A name cut from the run being built: the words `from..to` of the run,
/// and the name's flags.
type Name = (usize, usize, u8);

/// Builds one article's runs word by word.
#[derive(Default)]
pub struct Runs {
    /// Words of the run being built.
    cur: Vec<Word>,
    /// Connectors seen after the run's last capitalised word, waiting for
    /// another capitalised word to join them in.
    pending: usize,
    /// Flags of the run being built.
    flags: u8,
    /// The word before the run being built.
    before: Span,
    /// The last word seen.
    prev: Span,
    /// The classes of the last word, when they were looked up (they are
    /// for every capitalised word).
    prev_class: Option<u32>,
    /// The names of the run being closed (kept to reuse its allocation).
    names: Vec<Name>,
    out: Vec<Run>,
}

#[inline]
fn capitalised(w: &str) -> bool {
    // The word before the first one is empty: not capitalised.
    let Some(&b) = w.as_bytes().first() else {
        return false;
    };
    if b < 0x80 {
        b.is_ascii_uppercase()
    } else {
        w.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Whether the text between two words ends a sentence (or opens a
/// quotation, whose first word is capitalised too).
fn ends_sentence(gap: &str) -> bool {
    let g = gap.as_bytes();
    if let [b] = g {
        return matches!(b, b'\n' | b'\r');
    }
    if g.is_ascii() {
        ends_sentence_ascii(g)
    } else {
        ends_sentence_text(gap)
    }
}

/// [`ends_sentence`] for any gap.
fn ends_sentence_text(gap: &str) -> bool {
    if gap.contains(['\n', '\r']) {
        return true;
    }
    let stop = gap.find(['.', '!', '?', ':', ';']);
    if stop.is_some_and(|i| gap[i..].contains(char::is_whitespace)) {
        return true;
    }
    // An opening quotation mark: after whitespace, right before the word.
    gap.trim_end_matches(['"', '“', '‘', '\'']).len() < gap.len()
        && gap
            .trim_end_matches(['"', '“', '‘', '\''])
            .ends_with(char::is_whitespace)
}

/// [`ends_sentence`] for a gap of ASCII bytes (most are: ". ", ", "), in
/// one pass over them.
fn ends_sentence_ascii(gap: &[u8]) -> bool {
    let mut stop = false;
    for &b in gap {
        match b {
            b'\n' | b'\r' => return true,
            b'.' | b'!' | b'?' | b':' | b';' => stop = true,
            // The ASCII characters `char::is_whitespace` takes.
            b'\t' | 0x0b | 0x0c | b' ' if stop => return true,
            _ => {}
        }
    }
    // An opening quotation mark: after whitespace, right before the word.
    let quotes = gap
        .iter()
        .rev()
        .take_while(|&&b| b == b'"' || b == b'\'')
        .count();
    quotes > 0
        && gap[..gap.len() - quotes]
            .last()
            .is_some_and(|&b| matches!(b, b'\t'..=b'\r' | b' '))
}

impl Runs {
    /// Starts an article.
    pub fn begin(&mut self) {
        self.cur.clear();
        self.pending = 0;
        self.flags = 0;
        self.before = (0, 0);
        self.prev = (0, 0);
        self.prev_class = None;
        self.out.clear();
    }

    /// Takes word `w` at byte `at` of `text`; `title_end` is where the title
    /// line ends.
    #[inline]
    pub fn word(&mut self, cues: &Cues, text: &str, at: usize, w: &str, title_end: usize) {
        // Most words are lower case with no run open: nothing to do, and
        // no call made.
        if self.cur.is_empty() && !capitalised(w) {
            self.prev = (at as u32, (at + w.len()) as u32);
            self.prev_class = None;
            return;
        }
        self.near_run(cues, text, at, w, title_end);
    }

    /// [`Runs::word`] for a capitalised word, or any word while a run is
    /// open.
    #[inline(never)]
    fn near_run(&mut self, cues: &Cues, text: &str, at: usize, w: &str, title_end: usize) {
        let class = cues.class_at(text, at, at + w.len());
        let (ps, pe) = (self.prev.0 as usize, self.prev.1 as usize);
        let gap = &text[pe..at];
        let end = (at + w.len()) as u32;
        let cap = capitalised(w);
        let open = !self.cur.is_empty();
        // Weekdays, months, pronouns and sentence adverbs are never part of
        // a name, except a month as a surname ("Theresa May").
        let breaker = cap
            && class & BREAKER != 0
            && !(open && self.cur.len() == 1 && self.cur[0].is(FIRST_NAME));
        let may_continue = open
            && !breaker
            && (cap
                || (w.bytes().all(|b| b.is_ascii_digit()) && self.pending == 0)
                || class & CONNECTOR != 0);
        // A capitalised word that does not join a run starts one.
        let starts = cap && !breaker;
        if !may_continue && !starts {
            // The word ends the run, if one is open, and starts none (the
            // word after a run, a capitalised "The"): the gap before it
            // does not matter.
            if open {
                let age = gap == ", "
                    && w.len() <= 2
                    && w.bytes().all(|b| b.is_ascii_digit())
                    && text[at + w.len()..].starts_with(',');
                self.close(cues, text, class, age);
            }
            self.prev = (at as u32, end);
            self.prev_class = Some(class);
            return;
        }
        let prev_word = &text[ps..pe];
        let prev_class = self.prev_class;
        let prev_is =
            |bits: u32| prev_class.unwrap_or_else(|| cues.class_at(text, ps, pe)) & bits != 0;
        // A full stop after an initial or an abbreviation ("J. Smith",
        // "St. Petersburg") ends nothing.
        let abbrev = gap.starts_with(". ")
            && ((prev_word.len() == 1 && capitalised(prev_word)) || prev_is(ABBREV));
        let new_sentence = pe == 0 || (!abbrev && ends_sentence(gap));
        let g = gap.as_bytes();
        let tight = (g.len() == 1 && matches!(g[0], b' ' | b'-' | b'\'' | b'.'))
            || gap == "’"
            || (abbrev && g == b". ");
        let continues = may_continue && tight && !new_sentence;
        if continues {
            if cap || w.as_bytes()[0].is_ascii_digit() {
                self.pending = 0;
            } else {
                self.pending += 1;
            }
            self.cur.push(Word {
                start: at as u32,
                end,
                class,
            });
        } else {
            let age = open
                && gap == ", "
                && w.len() <= 2
                && w.bytes().all(|b| b.is_ascii_digit())
                && text[at + w.len()..].starts_with(',');
            self.close(cues, text, class, age);
            if starts {
                self.flags = 0;
                if new_sentence {
                    self.flags |= SENTENCE;
                }
                if at < title_end {
                    self.flags |= TITLE;
                }
                if gap.ends_with('(') {
                    self.flags |= PAREN;
                }
                self.before = self.prev;
                // "al-Qaeda": a lower-case particle joined by a hyphen
                // belongs to the name.
                let start = if gap == "-" && prev_is(PARTICLE) {
                    self.before = (0, 0);
                    ps
                } else if gap == " "
                    && !prev_word.is_empty()
                    && capitalised(prev_word)
                    && prev_is(BREAKER)
                    && cues.listed(&text[ps..at + w.len()])
                {
                    // A weekday or month that begins a listed name ("The
                    // Sunday Times") belongs to it.
                    self.before = (0, 0);
                    ps
                } else {
                    at
                };
                let class = if start == at {
                    class
                } else {
                    cues.class_at(text, start, at + w.len())
                };
                self.cur.push(Word {
                    start: start as u32,
                    end,
                    class,
                });
            }
        }
        self.prev = (at as u32, end);
        self.prev_class = Some(class);
    }

    /// Ends the article; returns its runs.
    pub fn finish(&mut self, cues: &Cues, text: &str) -> Vec<Run> {
        self.close(cues, text, 0, false);
        // Copied at their size (the buffer keeps its room for the next
        // article): every article's runs are held until discovery decides.
        let runs = self.out.clone();
        self.out.clear();
        runs
    }

    /// Closes the run being built (the classes of the word after it are
    /// `next`, 0 at the end; that word is an age if `age`).
    fn close(&mut self, cues: &Cues, text: &str, next: u32, age: bool) {
        if self.cur.is_empty() {
            return;
        }
        // Connectors left hanging at the end are not part of the run.
        let keep = self.cur.len() - self.pending;
        self.cur.truncate(keep);
        self.pending = 0;
        let cur = std::mem::take(&mut self.cur);
        // Most runs hold no title and no connector: one name, all of it.
        if cur.iter().all(|w| !w.is(TITLES | CONNECTOR)) {
            let flags = if age { self.flags | AGE } else { self.flags };
            self.push_run(cues, text, &cur, flags, next, true);
            self.cur = cur;
            self.cur.clear();
            return;
        }
        let mut names = std::mem::take(&mut self.names);
        names.clear();
        split_titles(cues, text, &cur, 0, cur.len(), self.flags, &mut names);
        let last = names.len().saturating_sub(1);
        for (i, &(from, to, flags)) in names.iter().enumerate() {
            let flags = if i == last && age { flags | AGE } else { flags };
            let next = if i == last { next } else { 0 };
            self.push_run(cues, text, &cur[from..to], flags, next, from == 0);
        }
        self.names = names;
        self.cur = cur;
        self.cur.clear();
    }

    /// Records one name: `first` says it starts where the whole run did
    /// (so the word before it applies); `next` are the classes of the word
    /// after it, if any.
    fn push_run(
        &mut self,
        cues: &Cues,
        text: &str,
        ws: &[Word],
        mut flags: u8,
        next: u32,
        first: bool,
    ) {
        let n = ws.len();
        if n == 0 || n > MAX_WORDS {
            return;
        }
        if ws
            .iter()
            .all(|w| text.as_bytes()[w.start as usize].is_ascii_digit() && w.end > w.start)
        {
            return;
        }
        if first {
            let before = &text[self.before.0 as usize..self.before.1 as usize];
            if before == "the" || before == "The" {
                flags |= THE;
            } else {
                let class = cues.class_at(text, self.before.0 as usize, self.before.1 as usize);
                if class & BEFORE_PLACE != 0 {
                    flags |= PREP;
                } else if class & LOWER_TITLE != 0 {
                    flags |= HONOR;
                }
            }
        }
        if next & SPEECH_VERB != 0 {
            flags |= SPEECH;
        }
        let start = ws[0].start;
        let end = ws[n - 1].end;
        if let Ok(len) = u16::try_from(end - start) {
            self.out.push(Run {
                start,
                len,
                words: n as u8,
                flags,
            });
        }
    }
}

/// A title or an honorific: "Mr", "President".
const TITLES: u32 = HONORIFIC | TITLE_WORD;

/// Splits the words `from..to` of a run of capitalised words into the
/// names they hold: each title block ("Prime Minister", "Secretary of
/// State for Trade and Industry") is taken off the name it introduces,
/// which is flagged [`HONOR`]; a place in the title's portfolio ("Minister
/// for Europe") is a name of its own; what stands before a title is a name
/// of its own ("Bank of England Governor Mervyn King"). Then connectors
/// split what remains.
fn split_titles(
    cues: &Cues,
    text: &str,
    ws: &[Word],
    from: usize,
    to: usize,
    flags: u8,
    out: &mut Vec<Name>,
) {
    // A title introduces the name after it; a title word that ends the
    // run is a surname after a given name ("Mervyn King"), else a title
    // with no name ("Bank of England Governor").
    let Some(i) = (from..to.saturating_sub(1)).find(|&i| ws[i].is(TITLES)) else {
        let trailing = to - from >= 2
            && flags & HONOR == 0
            && ws[to - 1].is(TITLES)
            && !ws[to - 2].is(FIRST_NAME | CONNECTOR);
        let (from, to) = if trailing {
            trim_connectors(ws, from, to - 1)
        } else {
            (from, to)
        };
        split_connectors(text, ws, from, to, flags, out);
        return;
    };
    // Back over modifiers ("Prime", "Foreign", "Deputy"); a modifier right
    // after a connector ends an "X of Y" name ("Bank of England
    // Governor").
    let mut s = i;
    while s > from && ws[s - 1].is(MODIFIER) && !(s >= from + 2 && ws[s - 2].is(CONNECTOR)) {
        s -= 1;
    }
    // Forward over titles, modifiers and portfolios ("of State for Trade
    // and Industry"). The portfolio places go to `out` now and move after
    // the names before the title below.
    let mark = out.len();
    let mut e = i + 1;
    while e < to {
        if ws[e].is(TITLES | MODIFIER) {
            e += 1;
        } else if ws[e].is(CONNECTOR) && e + 1 < to {
            e += 1;
            while e < to && ws[e].is(CONNECTOR) {
                e += 1;
            }
            if e < to && !ws[e].is(FIRST_NAME) {
                if cues.listed(&text[ws[e].start as usize..ws[e].end as usize]) {
                    out.push((e, e + 1, flags & TITLE));
                }
                e += 1;
            }
        } else {
            break;
        }
    }
    let portfolio = out.len() - mark;
    let (bf, bt) = trim_connectors(ws, from, s);
    if bf < bt {
        split_connectors(text, ws, bf, bt, flags, out);
    }
    out[mark..].rotate_left(portfolio);
    let (rf, rt) = trim_connectors(ws, e, to);
    if rf < rt {
        split_titles(
            cues,
            text,
            ws,
            rf,
            rt,
            (flags | HONOR) & !(SENTENCE | THE | PREP),
            out,
        );
    }
}

/// The words `from..to` of `ws` without connectors at either end.
fn trim_connectors(ws: &[Word], mut from: usize, mut to: usize) -> (usize, usize) {
    while from < to && ws[from].is(CONNECTOR) {
        from += 1;
    }
    while to > from && ws[to - 1].is(CONNECTOR) {
        to -= 1;
    }
    (from, to)
}

/// Whether a run holding these words names a body or a place, whose names
/// take connectors ("Bank of England", "Gulf of Mexico").
fn joins_connectors(ws: &[Word]) -> bool {
    ws.iter().any(|w| w.is(ORG_WORD | PLACE_WORD | TITLES))
}

/// Splits the words `from..to` of a run with no titles at its connectors,
/// except where they belong to the name: "&" always ("Marks & Spencer"),
/// name particles ("bin", "de", "van") always, "of"/"for"/"the" in the
/// name of a body or place ("Bank of England", "Gulf of Mexico"), "and"
/// after a body's name unless a person follows ("Department for Education
/// and Skills").
fn split_connectors(
    text: &str,
    ws: &[Word],
    from: usize,
    to: usize,
    flags: u8,
    out: &mut Vec<Name>,
) {
    // A part keeps the run's flags when it starts the run.
    let part_flags = |at: usize| if at == from { flags } else { flags & TITLE };
    let mut part = from;
    let mut i = from;
    while i < to {
        if !ws[i].is(CONNECTOR) {
            i += 1;
            continue;
        }
        let body = joins_connectors(&ws[part..i]);
        let join = match &text[ws[i].start as usize..ws[i].end as usize] {
            "&" => true,
            "and" => {
                // The next part, up to the next connector, must not be a
                // name of its own.
                let next_end = (i + 1..to).find(|&j| ws[j].is(CONNECTOR)).unwrap_or(to);
                let next = &ws[i + 1..next_end];
                body && !next.is_empty() && !next[0].is(FIRST_NAME) && !joins_connectors(next)
            }
            "of" | "for" | "the" | "upon" => body,
            _ => true,
        };
        if join {
            i += 1;
            continue;
        }
        let (f, t) = trim_connectors(ws, part, i);
        if f < t {
            out.push((f, t, part_flags(part)));
        }
        i += 1;
        part = i;
    }
    let (f, t) = trim_connectors(ws, part, to);
    if f < t {
        out.push((f, t, part_flags(part)));
    }
}

/// How often a surface was seen, and with which cues. Cue counts saturate
/// at 65,535 (they are compared as shares of `count`): a corpus has
/// millions of surfaces, so this is kept small.
#[derive(Debug, Default, Clone)]
struct Stat {
    count: u32,
    /// Not at a sentence start, not in a title.
    mid: u32,
    /// Articles with such an occurrence, and the last one plus one.
    mid_docs: u32,
    last_mid_doc: u32,
    body: u32,
    honor: u16,
    speech: u16,
    the: u16,
    prep: u16,
    age: u16,
}

impl Stat {
    /// Adds the counts of `other`, taken over other articles.
    fn add(&mut self, other: &Stat) {
        self.count += other.count;
        self.mid += other.mid;
        self.mid_docs += other.mid_docs;
        self.body += other.body;
        self.honor = self.honor.saturating_add(other.honor);
        self.speech = self.speech.saturating_add(other.speech);
        self.the = self.the.saturating_add(other.the);
        self.prep = self.prep.saturating_add(other.prep);
        self.age = self.age.saturating_add(other.age);
    }
}

/// Adds one to a saturating cue count when `yes`.
fn bump(n: &mut u16, yes: bool) {
    *n = n.saturating_add(u16::from(yes));
}

/// The discovered actors, merged names included (as their heads' aliases
/// and on their own, with no mentions): their names end to end in one
/// buffer (there are hundreds of thousands on a large corpus), their
/// kinds, and the names merged into each.
#[derive(Debug, Default)]
pub struct Found {
    names: Texts,
    kinds: Vec<Kind>,
    /// The numbers of the names merged into each.
    merged: Csr<u32>,
}

/// One discovered actor: a view into [`Found`].
#[derive(Clone, Copy)]
pub struct FoundActor<'f> {
    /// Its canonical name.
    pub name: &'f str,
    /// Its kind.
    pub kind: Kind,
    found: &'f Found,
    at: u32,
}

impl<'f> FoundActor<'f> {
    /// Other spellings that refer to it: the names merged into it.
    pub fn aliases(self) -> impl Iterator<Item = &'f str> {
        let found = self.found;
        found
            .merged
            .row(self.at as usize)
            .iter()
            .map(move |&n| found.name(n))
    }
}

impl std::fmt::Debug for FoundActor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FoundActor")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("aliases", &self.aliases().collect::<Vec<_>>())
            .finish()
    }
}

impl Found {
    /// Number of discovered actors.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether none was discovered.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The name of actor `i`.
    pub fn name(&self, i: u32) -> &str {
        self.names.get(i as usize)
    }

    /// The kind of actor `i`.
    pub fn kind(&self, i: u32) -> Kind {
        self.kinds[i as usize]
    }

    /// Actor `i`.
    pub fn get(&self, i: u32) -> FoundActor<'_> {
        FoundActor {
            name: self.name(i),
            kind: self.kind(i),
            found: self,
            at: i,
        }
    }

    /// Every discovered actor, by number.
    pub fn iter(&self) -> impl Iterator<Item = FoundActor<'_>> {
        (0..self.len() as u32).map(|i| self.get(i))
    }
}

/// The names discovery found, and what each spelling refers to. Spellings
/// borrow the corpus text.
#[derive(Debug, Default)]
pub struct Lexicon<'a> {
    /// The discovered actors.
    pub found: Found,
    /// Every run surface -> its number (an index into `whole`).
    surface_ids: Interner,
    /// Bare surnames several people share: surname -> its spelling number
    /// (below `shared_spellings`: they are numbered first).
    shared: FxHashMap<&'a str, u32>,
    /// The shared surnames of each discovered actor (by index into
    /// `found`), by spelling number.
    sharer_of: Csr<u32>,
    /// How many surnames are shared.
    shared_spellings: u32,
    /// Every spelling, by number.
    texts: Vec<&'a str>,
    /// What each run surface names as a whole, by surface number.
    whole: Vec<Whole>,
    /// The surface number of every run, in corpus order.
    run_surfaces: Vec<u32>,
    /// Where each article's runs start in `run_surfaces`, and the end.
    run_start: Vec<u32>,
}

/// What a run's whole surface names, known without a lookup by text.
#[derive(Debug, Clone, Copy)]
enum Whole {
    Nothing,
    Known(Spelling),
    /// A shared surname: its spelling number.
    Shared(u32),
}

/// What a spelling names.
#[derive(Debug, Clone, Copy)]
struct Spelling {
    /// The actor (an index into `found`).
    actor: u32,
    /// The spelling's number (an index into `texts`).
    id: u32,
    /// A word also written in lower case, so not a name when it starts a
    /// sentence alone.
    lower: bool,
}

/// One mention found by [`Lexicon::tag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged {
    /// Byte span in the article's text.
    pub start: u32,
    pub end: u32,
    /// The actor (an index into [`Lexicon::found`]).
    pub actor: u32,
    /// The spelling used (see [`Lexicon::spelling`]).
    pub spelling: u32,
}

/// Distinct texts, numbered in the order they are first added, with its
/// own copy of each, end to end. A lookup compares with that compact copy:
/// a table of texts borrowed from the articles would compare with text
/// spread over the whole corpus, a cache miss each (the 100,000-article
/// corpus has 3.7 million runs of 480,000 surfaces).
#[derive(Default)]
struct Interner {
    /// Numbers, found by the hash of their text.
    table: HashTable<u32>,
    /// The texts, by number.
    texts: Texts,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Interner({} texts)", self.texts.len())
    }
}

impl Interner {
    /// Text number `id`.
    fn text(&self, id: u32) -> &str {
        self.texts.get(id as usize)
    }

    /// The number of `text`, if it was added.
    fn get(&self, text: &str) -> Option<u32> {
        self.find(FxBuildHasher.hash_one(text), text)
    }

    /// The number of `text`, whose hash is `hash`, if it was added.
    fn find(&self, hash: u64, text: &str) -> Option<u32> {
        self.table.find(hash, |&id| self.text(id) == text).copied()
    }

    /// Makes room for `more` texts at once (growing one at a time rehashes
    /// every text at each doubling).
    fn reserve(&mut self, more: usize) {
        let Interner { table, texts } = self;
        table.reserve(more, |&id| FxBuildHasher.hash_one(texts.get(id as usize)));
    }

    /// The number of `text`, added if new; and whether it was.
    fn id(&mut self, text: &str) -> (u32, bool) {
        let hash = FxBuildHasher.hash_one(text);
        match self.find(hash, text) {
            Some(id) => (id, false),
            None => (self.add_new(hash, text), true),
        }
    }

    /// Adds `text`, whose hash is `hash` and which was not added before,
    /// and returns its number.
    fn add_new(&mut self, hash: u64, text: &str) -> u32 {
        self.reserve(1);
        let id = self.texts.len() as u32;
        self.table
            .insert_unique(hash, id, |_| unreachable!("room was reserved"));
        self.texts.push(text);
        id
    }
}

/// Every distinct run surface in the corpus, numbered, with its [`Stat`].
#[derive(Default)]
struct Surfaces<'a> {
    ids: Interner,
    /// Each surface where the articles hold it (where it first occurs).
    texts: Vec<&'a str>,
    stats: Vec<Stat>,
}

impl<'a> Surfaces<'a> {
    /// The number of `surface`, added if new.
    fn id(&mut self, surface: &'a str) -> u32 {
        let (id, new) = self.ids.id(surface);
        if new {
            self.push(surface);
        }
        id
    }

    /// Gives a surface the interner has just numbered its place and stats.
    fn push(&mut self, surface: &'a str) {
        self.texts.push(surface);
        self.stats.push(Stat::default());
    }
}

/// What [`tally`] finds: the surfaces, the acronyms defined in brackets as
/// (expansion, acronym) in text order, and the surface of every run, in
/// corpus order.
#[derive(Default)]
struct Tally<'a> {
    surfaces: Surfaces<'a>,
    acronyms: Vec<(&'a str, &'a str)>,
    run_surfaces: Vec<u32>,
}

/// Numbers and counts the surfaces of all articles' runs. Each core
/// tallies one share of the articles (one share each, as every share's
/// table is held until the merge), then the shares are merged in order.
fn tally<'a>(cues: &Cues, docs: &[(&'a str, &[Run])]) -> Tally<'a> {
    let all_runs: usize = docs.iter().map(|(_, r)| r.len()).sum();
    let shares: Vec<Tally<'a>> = crate::par::per_core(docs.len())
        .into_par_iter()
        .map(|range| {
            let first = range.start;
            let share = &docs[range];
            let mut t = Tally::default();
            // Room for as many surfaces as a news corpus has per run (one
            // in six on the 100,000-article corpus), to spare rehashing;
            // the first share's table takes in the others', so it has room
            // for all of them.
            let runs: usize = share.iter().map(|(_, r)| r.len()).sum();
            t.surfaces
                .ids
                .reserve(if first == 0 { all_runs } else { runs } / 6);
            t.run_surfaces.reserve(runs);
            for (d, &(text, runs)) in share.iter().enumerate() {
                let doc = (first + d) as u32;
                tally_doc(cues, doc, text, runs, &mut t);
            }
            t
        })
        .collect();
    // The first share's numbers stand; the others' are renumbered: each
    // surface is looked up in the first's table on every core, then those
    // it lacks are added, in order, on one.
    let mut shares = shares.into_iter();
    let mut all = shares.next().unwrap_or_default();
    for part in shares {
        let Tally {
            surfaces,
            acronyms,
            run_surfaces,
        } = part;
        let looked: Vec<(u64, Option<u32>)> = (0..surfaces.texts.len() as u32)
            .into_par_iter()
            .map(|k| {
                let text = surfaces.ids.text(k);
                let hash = FxBuildHasher.hash_one(text);
                (hash, all.surfaces.ids.find(hash, text))
            })
            .collect();
        let global: Vec<u32> = looked
            .into_iter()
            .zip(surfaces.texts.iter().zip(&surfaces.stats))
            .enumerate()
            .map(|(k, ((hash, id), (&text, s)))| {
                let id = id.unwrap_or_else(|| {
                    let id = all.surfaces.ids.add_new(hash, surfaces.ids.text(k as u32));
                    all.surfaces.push(text);
                    id
                });
                all.surfaces.stats[id as usize].add(s);
                id
            })
            .collect();
        all.run_surfaces
            .par_extend(run_surfaces.par_iter().map(|&l| global[l as usize]));
        all.acronyms.extend(acronyms);
    }
    all
}

/// Adds article `doc`'s runs to `tally`.
fn tally_doc<'a>(cues: &Cues, doc: u32, text: &'a str, runs: &[Run], tally: &mut Tally<'a>) {
    for (i, r) in runs.iter().enumerate() {
        let surface = r.text(text);
        let id = tally.surfaces.id(surface);
        tally.run_surfaces.push(id);
        let s = &mut tally.surfaces.stats[id as usize];
        s.count += 1;
        if !r.has(TITLE) {
            s.body += 1;
            if !r.has(SENTENCE) {
                s.mid += 1;
                if s.last_mid_doc != doc + 1 {
                    s.last_mid_doc = doc + 1;
                    s.mid_docs += 1;
                }
            }
        }
        bump(&mut s.honor, r.has(HONOR));
        bump(&mut s.speech, r.has(SPEECH));
        bump(&mut s.the, r.has(THE));
        bump(&mut s.prep, r.has(PREP));
        bump(&mut s.age, r.has(AGE));
        // "Federal Security Service (FSB)".
        if r.has(PAREN) && r.words == 1 && i > 0 {
            let prev = runs[i - 1];
            let gap_ok = prev.start as usize + usize::from(prev.len) + 2 == r.start as usize;
            if gap_ok && initials_match(prev.text(text), surface, cues) {
                tally.acronyms.push((prev.text(text), surface));
            }
        }
    }
}

/// Decides, across the corpus, which runs are names, of what kind, and how
/// they merge. `docs` are every article's text with its runs;
/// `lowercase(word)` says in how many articles a word is written in lower
/// case; `taken(spelling)` whether the gazetteer already claims a
/// spelling.
pub fn decide<'a>(
    cues: &Cues,
    docs: &[(&'a str, &[Run])],
    lowercase: &(dyn Fn(&str) -> u32 + Sync),
    taken: &(dyn Fn(&str) -> bool + Sync),
) -> Lexicon<'a> {
    let Tally {
        surfaces,
        acronyms,
        run_surfaces,
    } = tally(cues, docs);
    crate::phases::mark("discovery: run surfaces tallied");
    let mut run_start = Vec::with_capacity(docs.len() + 1);
    let mut at = 0u32;
    run_start.push(at);
    for (_, runs) in docs {
        at += runs.len() as u32;
        run_start.push(at);
    }
    // Which surfaces are names, commonest first: (first eight bytes as a
    // number, surface number), sorted by count, then by name; most names
    // differ in their first eight bytes, which compare without reading
    // the text.
    let mut named: Vec<(u64, u32)> = (0..surfaces.texts.len())
        .into_par_iter()
        .filter_map(|i| {
            let (surface, s) = (surfaces.ids.text(i as u32), &surfaces.stats[i]);
            (is_name(cues, surface, s, lowercase) && !taken(surface))
                .then(|| (order_prefix(surface), i as u32))
        })
        .collect();
    let count = |id: u32| surfaces.stats[id as usize].count;
    named.par_sort_unstable_by(|&(pa, a), &(pb, b)| {
        (count(b).cmp(&count(a)))
            .then(pa.cmp(&pb))
            .then_with(|| surfaces.ids.text(a).cmp(surfaces.ids.text(b)))
    });
    let name_surface: Vec<u32> = named.into_iter().map(|(_, id)| id).collect();
    crate::phases::mark("discovery: names chosen and ordered");
    // The names' texts, copied end to end in name order: the steps below
    // read every name, and read where the articles hold them each would be
    // a cache miss (the texts are spread over the whole corpus).
    let bytes = name_surface
        .iter()
        .map(|&id| surfaces.ids.text(id).len())
        .sum();
    let mut arena = Texts::with_capacity(name_surface.len(), bytes);
    for &id in &name_surface {
        arena.push(surfaces.ids.text(id));
    }
    let names: Vec<(&str, &Stat)> = name_surface
        .iter()
        .enumerate()
        .map(|(i, &id)| (arena.get(i), &surfaces.stats[id as usize]))
        .collect();
    // Surface number -> name number.
    let mut name_of = vec![u32::MAX; surfaces.texts.len()];
    for (i, &id) in name_surface.iter().enumerate() {
        name_of[id as usize] = i as u32;
    }
    let index = |surface: &str| -> Option<usize> {
        let id = surfaces.ids.get(surface)?;
        let i = name_of[id as usize];
        (i != u32::MAX).then_some(i as usize)
    };
    let bare = |surface: &str| {
        let last = surface
            .rsplit(' ')
            .next()
            .filter(|l| l.len() < surface.len())?;
        index(last).map(|i| names[i].1)
    };

    // Number them, typed.
    let mut kinds: Vec<Kind> = names
        .par_iter()
        .map(|(surface, s)| kind_of(cues, surface, s, || bare(surface), lowercase))
        .collect();
    let mut into: Vec<u32> = (0..kinds.len() as u32).collect();
    crate::phases::mark("discovery: names typed");

    // Acronyms defined in brackets join their expansion.
    for (expansion, acronym) in acronyms {
        if let (Some(e), Some(a)) = (index(expansion), index(acronym)) {
            if e != a && kinds[e] != Kind::Person {
                into[a] = e as u32;
            }
        }
    }

    // "Lib Dem" is the adjective of "Lib Dems": a body's name of several
    // words and its plural are one actor. (One word is not enough:
    // "Rovers" the clubs are not "Rover" the carmaker.)
    // (Looked up on every core, joined in name order.)
    let plurals: Vec<(u32, u32)> = names
        .par_iter()
        .enumerate()
        .filter_map(|(i, (surface, _))| {
            let single = surface.strip_suffix('s').filter(|s| s.contains(' '))?;
            let j = index(single)?;
            let bodies = [i, j]
                .iter()
                .all(|&k| matches!(kinds[k], Kind::Organization | Kind::Other));
            bodies.then_some((i as u32, j as u32))
        })
        .collect();
    for (i, j) in plurals {
        join(&mut into, i, j);
    }

    // "Mr Howard" makes "Michael Howard" a person: a bare surname after a
    // title types the full names ending with it that no word typed.
    let titled: HashSet<&str> = names
        .iter()
        .filter(|(n, s)| !n.contains(' ') && s.honor > 0 && !cues.listed(n))
        .map(|(n, _)| *n)
        .collect();
    kinds
        .par_iter_mut()
        .zip(names.par_iter())
        .for_each(|(kind, (surface, _))| {
            let Some((_, last)) = surface.rsplit_once(' ') else {
                return;
            };
            let weak = matches!(kind, Kind::Other | Kind::Organization)
                && titled.contains(last)
                && !cues.listed(surface)
                && !surface
                    .split(' ')
                    .any(|w| cues.is(w, ORG_WORD) || cues.is(w, PLACE_WORD));
            if weak {
                *kind = Kind::Person;
            }
        });
    // People: first-name variants of one surname join; a surname alone
    // joins the one full name ending with it.
    let mut by_surname: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (i, (surface, _)) in names.iter().enumerate() {
        if surface.contains(' ') && kinds[i] == Kind::Person {
            if let Some(last) = surface.rsplit(' ').next() {
                by_surname.entry(last).or_default().push(i as u32);
            }
        }
    }
    let groups: Vec<&Vec<u32>> = by_surname.values().filter(|p| p.len() > 1).collect();
    crate::phases::mark("discovery: people grouped by surname");
    let pairs: Vec<(u32, u32)> = groups
        .par_iter()
        .flat_map_iter(|p| variant_pairs(p, &names))
        .collect();
    for (a, b) in pairs {
        join(&mut into, a, b);
    }
    crate::phases::mark("discovery: first-name variants joined");
    for (i, (surface, s)) in names.iter().enumerate() {
        if surface.contains(' ') {
            continue;
        }
        // A country, place or outlet is never somebody's surname alone.
        match by_surname.get(surface) {
            Some(people) => {
                if let Some(only) = one_root(&into, people) {
                    if !cues.listed(surface) {
                        into[i] = only;
                    }
                }
            }
            None => {
                if s.honor > 0 && kinds[i] == Kind::Other && !cues.listed(surface) {
                    kinds[i] = Kind::Person;
                }
            }
        }
    }
    // A misspelt surname ("Bortinkov") joins the one person whose surname
    // it is one edit from, when that spelling is the commoner.
    let surnames = VariantIndex::new(
        by_surname
            .iter()
            .filter_map(|(&surname, people)| Some((surname, one_root(&into, people)?))),
    );
    // (Each name's own merge: decided on every core, then made.)
    let misspelt: Vec<(usize, u32)> = names
        .par_iter()
        .enumerate()
        .filter_map(|(i, (surface, s))| {
            // A first name is not a misspelt surname ("Sandra" is not
            // "Sundra").
            if into[i] != i as u32
                || surface.contains(' ')
                || !surnames.could_match(surface)
                || by_surname.contains_key(surface)
                || cues.listed(surface)
                || cues.is(surface, FIRST_NAME)
            {
                return None;
            }
            let (person, known) = surnames.resolve(surface)?;
            let common = index(known).map_or(u32::MAX, |k| names[k].1.count);
            (s.count < common.max(2) && matches!(kinds[i], Kind::Person | Kind::Other))
                .then_some((i, person))
        })
        .collect();
    for (i, person) in misspelt {
        into[i] = person;
    }
    crate::phases::mark("discovery: surnames and misspellings joined");
    // What only the merging needed goes before the rest is built.
    drop(surnames);
    drop(names);
    drop(name_of);

    // Shared surnames, for per-article resolution.
    let mut texts: Vec<&'a str> = Vec::with_capacity(name_surface.len());
    let mut shared: FxHashMap<&'a str, u32> = FxHashMap::default();
    // (person, shared surname's spelling number)
    let mut sharers: Vec<(u32, u32)> = Vec::new();
    // (surface number, spelling number) of each shared surname.
    let mut shared_surfaces: Vec<(u32, u32)> = Vec::new();
    // The surnames whose people are still more than one after merging,
    // with their people's heads, found on every core and kept in the
    // table's order, which numbers their spellings.
    let split: Vec<(&str, u32, HashSet<u32>)> = by_surname
        .par_iter()
        .filter_map(|(&surname, people)| {
            if one_root(&into, people).is_some() {
                return None;
            }
            let heads: HashSet<u32> = people.iter().map(|&p| root(&into, p)).collect();
            (heads.len() > 1).then_some((surname, people[0], heads))
        })
        .collect();
    for (surname, person, heads) in split {
        let id = texts.len() as u32;
        // The surname as the articles hold it: the end of a full name.
        let full = surfaces.texts[name_surface[person as usize] as usize];
        let surname = &full[full.len() - surname.len()..];
        shared.insert(surname, id);
        sharers.extend(heads.into_iter().map(|h| (h, id)));
        texts.push(surname);
        if let Some(sid) = surfaces.ids.get(surname) {
            shared_surfaces.push((sid, id));
        }
    }

    let shared_spellings = texts.len() as u32;
    drop(groups);
    drop(by_surname);
    crate::phases::mark("discovery: shared surnames found");
    let sharer_of = Csr::group(kinds.len(), sharers.iter().map(|&(p, id)| (p as usize, id)));
    // Merged names are their heads' aliases.
    let merged = Csr::group(
        kinds.len(),
        (0..kinds.len() as u32)
            .map(|i| (root(&into, i) as usize, i))
            .filter(|&(head, i)| head != i as usize),
    );
    // Each name's actor and whether it is also a common word, on every
    // core (the word's lower-case count is a table lookup), as the actor
    // with the top bit set for a common word, or `SHARED`; then numbered
    // in name order.
    const SHARED: u32 = u32::MAX;
    const LOWER: u32 = 1 << 31;
    let known: Vec<u32> = (0..name_surface.len())
        .into_par_iter()
        .map(|i| {
            let surface = arena.get(i);
            // Surnames several people share resolve per article, not globally.
            if shared.contains_key(surface) {
                return SHARED;
            }
            let lower = !surface.contains(' ') && {
                let l = lowercase(surface);
                l > 0 && l * 2 >= surfaces.stats[name_surface[i] as usize].mid_docs
            };
            root(&into, i as u32) | if lower { LOWER } else { 0 }
        })
        .collect();
    // The merges go before the table of every surface is made: the two
    // together would be this step's peak.
    drop(into);
    let mut whole = vec![Whole::Nothing; surfaces.texts.len()];
    for (sid, id) in shared_surfaces {
        whole[sid as usize] = Whole::Shared(id);
    }
    for (&sid, known) in name_surface.iter().zip(known) {
        if known == SHARED {
            continue;
        }
        let spelling = Spelling {
            actor: known & !LOWER,
            id: texts.len() as u32,
            lower: known & LOWER != 0,
        };
        whole[sid as usize] = Whole::Known(spelling);
        texts.push(surfaces.texts[sid as usize]);
    }
    crate::phases::mark("discovery: spellings numbered");
    Lexicon {
        found: Found {
            names: arena,
            kinds,
            merged,
        },
        surface_ids: surfaces.ids,
        shared,
        sharer_of,
        shared_spellings,
        texts,
        whole,
        run_surfaces,
        run_start,
    }
}

/// The one name all of `people` ended up in, if they all did.
fn one_root(into: &[u32], people: &[u32]) -> Option<u32> {
    let (&first, rest) = people.split_first()?;
    let head = root(into, first);
    rest.iter().all(|&p| root(into, p) == head).then_some(head)
}

/// Follows merges to the name a name ended up in.
fn root(into: &[u32], mut i: u32) -> u32 {
    while into[i as usize] != i {
        i = into[i as usize];
    }
    i
}

/// The pairs of people with the same surname whose first names are
/// spelling or transliteration variants ("Aleksandr" and "Alexander").
/// Names with one consonant skeleton are one name; only names that share
/// a one-letter deletion are compared letter by letter, so a surname that
/// thousands share costs little.
fn variant_pairs(people: &[u32], names: &[(&str, &Stat)]) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    if people.len() < 2 {
        return pairs;
    }
    let given: Vec<(u32, String)> = people
        .iter()
        .map(|&p| {
            (
                p,
                names[p as usize]
                    .0
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .to_lowercase(),
            )
        })
        .filter(|(_, g)| g.chars().count() >= 4)
        .collect();
    let mut skeletons: FxHashMap<String, u32> = FxHashMap::default();
    // (hash of a given name or of it less one letter, which given name).
    let mut close: Vec<(u64, usize)> = Vec::new();
    for (k, (p, g)) in given.iter().enumerate() {
        match skeletons.entry(skeleton(g)) {
            std::collections::hash_map::Entry::Occupied(o) => pairs.push((*o.get(), *p)),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(*p);
            }
        }
        if g.chars().count() >= 5 {
            close.extend(deletions(g).map(|d| (d, k)));
        }
    }
    close.sort_unstable();
    close.dedup();
    for group in close.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (x, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[x + 1..] {
                let ((pa, ga), (pb, gb)) = (&given[a], &given[b]);
                if ga != gb && strsim::osa_distance(ga, gb) <= 1 {
                    pairs.push((*pa, *pb));
                }
            }
        }
    }
    pairs
}

/// Joins `a` and `b`: the more frequent name (the lower index, as names
/// are sorted by frequency) stays the head.
fn join(into: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (root(into, a), root(into, b));
    if ra != rb {
        let (keep, drop) = if ra < rb { (ra, rb) } else { (rb, ra) };
        into[drop as usize] = keep;
    }
}

/// Whether two given names are one name spelled two ways: one edit apart,
/// or the same once common transliteration differences are evened out.
#[cfg(test)]
pub(crate) fn same_given_name(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 4 || lb < 4 {
        return false;
    }
    let typo =
        la >= 5 && lb >= 5 && strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase()) <= 1;
    typo || skeleton(a) == skeleton(b)
}

/// A name's consonant skeleton after common transliteration pairs are
/// evened out (ks/x, y/i, j/y, w/v, ph/f): "Aleksandr" and "Alexander" both
/// give "alxndr".
fn skeleton(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace("ks", "x")
        .replace("ph", "f")
        .replace('w', "v")
        .replace('j', "y");
    let mut out = String::new();
    for (i, c) in lower.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if (i == 0 || !vowel) && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `acronym`, in brackets right after `expansion`, abbreviates it:
/// made of its words' capitals, or (for a translated name: "Federal
/// Security Service (FSB)") a capitalised word of two to six letters that
/// starts with the same letter.
fn initials_match(expansion: &str, acronym: &str, cues: &Cues) -> bool {
    if !(2..=6).contains(&acronym.len())
        || !acronym.bytes().all(|b| b.is_ascii_uppercase())
        || cues.is_title_word(acronym)
    {
        return false;
    }
    let initials: String = expansion
        .split_whitespace()
        .filter(|w| !cues.is(w, CONNECTOR))
        .filter_map(|w| w.chars().next())
        .collect();
    initials == acronym
        || (expansion.contains(' ') && initials.as_bytes().first() == acronym.as_bytes().first())
}

/// Whether a surface seen with stats `s` is a name.
fn is_name(cues: &Cues, surface: &str, s: &Stat, lowercase: &dyn Fn(&str) -> u32) -> bool {
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
        if s.mid == 0 && s.honor == 0 && !(surname_shaped(surface) && lowercase(surface) == 0) {
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
fn kind_of<'s>(
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
/// spaces (see [`Runs`]); on the stack for the names runs hold.
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
                .all(|w| lowercase(w) <= 1 && cues.class(w) & !FIRST_NAME == 0)
    };
    if words_only
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

/// Puts the byte spans of the first words of `span` (as many as `ws`
/// holds) into `ws`; returns how many.
fn span_words(span: &str, ws: &mut [(u32, u32)]) -> usize {
    let mut n = 0;
    for ((at, w), slot) in words(span).zip(ws.iter_mut()) {
        *slot = (at as u32, (at + w.len()) as u32);
        n += 1;
    }
    n
}

impl<'a> Lexicon<'a> {
    /// Whether nothing was discovered.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Whether spelling `id` is a surname several people share, so that
    /// its mentions belong to different actors.
    pub fn is_shared(&self, id: u32) -> bool {
        id < self.shared_spellings
    }

    /// The shared surnames (by spelling number) of discovered actor `a`.
    fn surnames_of(&self, a: u32) -> &[u32] {
        self.sharer_of.row(a as usize)
    }

    /// The discovered actors and every spelling by number, the tables
    /// only tagging needs dropped.
    pub fn into_found(self) -> (Found, Vec<&'a str>) {
        (self.found, self.texts)
    }

    /// How many spellings there are.
    pub fn spellings(&self) -> usize {
        self.texts.len()
    }

    /// The actors named in article `doc`'s runs, in text order. A run
    /// holding several names is split by the longest known spellings; a
    /// word alone at a sentence start counts only when it is not a common
    /// word too; a surname several people share goes to the one of them
    /// the article names in full. `runs` are the article's runs as given
    /// to [`decide`], whose surfaces are known by number, so a run that is
    /// one name needs no lookup by text.
    pub fn tag(&self, doc: usize, text: &str, runs: &[Run], out: &mut Vec<Tagged>) {
        let first = out.len();
        let mut bare: Vec<(u32, u32, u32)> = Vec::new();
        let mut ws = [(0u32, 0u32); MAX_WORDS + 2];
        let surfaces = self
            .run_start
            .get(doc..doc + 2)
            .filter(|w| (w[1] - w[0]) as usize == runs.len())
            .map(|w| &self.run_surfaces[w[0] as usize..w[1] as usize]);
        for (k, r) in runs.iter().enumerate() {
            // (A run known whole is tagged without reading its text: runs
            // are scattered over the articles, so each read is a cache
            // miss.)
            let end = r.start + u32::from(r.len);
            let whole = surfaces.map_or(Whole::Nothing, |ids| self.whole[ids[k] as usize]);
            match whole {
                Whole::Known(sp) => {
                    // A word alone at a sentence start that is also a
                    // common word is no mention.
                    let lone_start = r.has(SENTENCE | TITLE) && sp.lower && r.words == 1;
                    if !lone_start {
                        out.push(Tagged {
                            start: r.start,
                            end,
                            actor: sp.actor,
                            spelling: sp.id,
                        });
                    }
                    continue;
                }
                Whole::Shared(id) => {
                    bare.push((r.start, end, id));
                    continue;
                }
                Whole::Nothing => {}
            }
            let span = r.text(text);
            let n = span_words(span, &mut ws);
            // Whether the whole run was looked up already (it was, when
            // its surface is known by number).
            let whole_missed = surfaces.is_some();
            let mut i = 0;
            while i < n {
                // The longest known spelling from word `i`: a name, or a
                // surname several people share (resolved below).
                let mut hit = None;
                for j in (i..n).rev() {
                    if whole_missed && i == 0 && j == n - 1 {
                        continue;
                    }
                    let (s, e) = (ws[i].0, ws[j].1);
                    let key = &span[s as usize..e as usize];
                    let known = self.surface_ids.get(key).map(|id| self.whole[id as usize]);
                    if let Some(Whole::Known(sp)) = known {
                        hit = Some((j, s, e, Some(sp), None));
                        break;
                    }
                    // (A shared surname need not be a run's surface.)
                    if let Some(&id) = self.shared.get(key) {
                        hit = Some((j, s, e, None, Some(id)));
                        break;
                    }
                }
                let Some((j, s, e, known, surname)) = hit else {
                    i += 1;
                    continue;
                };
                let (start, end) = (r.start + s, r.start + e);
                if let Some(sp) = known {
                    let lone_start = i == 0 && j == 0 && r.has(SENTENCE | TITLE);
                    if !(lone_start && sp.lower) {
                        out.push(Tagged {
                            start,
                            end,
                            actor: sp.actor,
                            spelling: sp.id,
                        });
                    }
                } else if let Some(id) = surname {
                    bare.push((start, end, id));
                }
                i = j + 1;
            }
        }
        // A shared surname: the one of its people named here in full.
        if !bare.is_empty() {
            // Each shared surname the article writes bare goes to the one
            // of its people the article names, found from the named actors'
            // side: an article names a few, a surname can have thousands of
            // sharers.
            let mut named: Vec<u32> = out[first..].iter().map(|t| t.actor).collect();
            named.sort_unstable();
            named.dedup();
            // (spelling, how many named actors share it, the last of them)
            let mut sharing: Vec<(u32, u32, u32)> = Vec::new();
            for &a in &named {
                for &sp in self.surnames_of(a) {
                    match sharing.iter_mut().find(|s| s.0 == sp) {
                        Some(s) => s.1 += 1,
                        None => sharing.push((sp, 1, a)),
                    }
                }
            }
            for (start, end, spelling) in bare {
                let only = sharing
                    .iter()
                    .find(|s| s.0 == spelling && s.1 == 1)
                    .map(|s| s.2);
                if let Some(only) = only {
                    out.push(Tagged {
                        start,
                        end,
                        actor: only,
                        spelling,
                    });
                }
            }
            out[first..].sort_unstable_by_key(|t| t.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(String, u8)> {
        let cues = Cues::builtin();
        let title_end = text.find('\n').unwrap_or(0);
        let mut r = Runs::default();
        r.begin();
        for (at, w) in words(text) {
            r.word(&cues, text, at, w, title_end);
        }
        r.finish(&cues, text)
            .iter()
            .map(|x| (x.text(text).to_owned(), x.flags))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        runs(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn titles_and_honorifics_are_stripped_and_say_person() {
        let r =
            runs("title\nYesterday Prime Minister Tony Blair met Mr Howard and Sir Alex Ferguson.");
        let names: Vec<&str> = r.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["Tony Blair", "Howard", "Alex Ferguson"]);
        assert!(r.iter().all(|(_, f)| f & HONOR != 0));
        // A name before a title stays a name of its own.
        assert_eq!(
            texts(
                "t
said Bank of England Governor Mervyn King."
            ),
            ["Bank of England", "Mervyn King"]
        );
    }

    #[test]
    fn titles_split_runs_into_names() {
        let r = runs("t\nsaid Prime Minister Tony Blair and Chancellor Gordon Brown.");
        assert_eq!(
            r.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            ["Tony Blair", "Gordon Brown"]
        );
        assert!(r.iter().all(|(_, f)| f & HONOR != 0));
        // A place in the title's portfolio is a name of its own.
        assert_eq!(
            texts("t\nthen Minister for Europe Denis MacShane spoke."),
            ["Europe", "Denis MacShane"]
        );
        // A title written in lower case is a cue too.
        let r = runs("t\nEngland coach Andy Robinson said");
        assert_eq!(r[1], ("Andy Robinson".into(), HONOR | SPEECH));
    }

    #[test]
    fn hyphens_initials_abbreviations_and_particles_stay_in_names() {
        assert_eq!(texts("t\nthen Mr Kilroy-Silk left."), ["Kilroy-Silk"]);
        assert_eq!(
            texts("t\nthe St. Petersburg forum and J. K. Rowling."),
            ["St. Petersburg", "J. K. Rowling"]
        );
        assert_eq!(texts("t\nlinks to al-Qaeda were found."), ["al-Qaeda"]);
        assert_eq!(texts("t\nvisit Caliber.Az today."), ["Caliber.Az"]);
    }

    #[test]
    fn dates_and_sentence_adverbs_break_runs() {
        assert_eq!(texts("t\nIn December Microsoft said so."), ["Microsoft"]);
        assert_eq!(texts("t\nin Astana on November 28 2024."), ["Astana"]);
        assert_eq!(texts("t\nsaid Theresa May today."), ["Theresa May"]);
        assert_eq!(texts("t\nConsequently, Russia left."), ["Russia"]);
        // Unless the weekday begins a listed name.
        assert_eq!(
            texts("t\nhe told the Sunday Times on Monday."),
            ["Sunday Times"]
        );
        // A name right after a leading space has no word before it.
        assert_eq!(texts(" Times said so."), ["Times"]);
    }

    #[test]
    fn a_person_of_a_place_is_two_names() {
        assert_eq!(
            texts("t\nhe met Jake White of South Africa there."),
            ["Jake White", "South Africa"]
        );
        assert_eq!(
            texts("t\nthe Gulf of Mexico and the Bank of England."),
            ["Gulf of Mexico", "Bank of England"]
        );
    }

    #[test]
    fn connectors_join_organisation_names() {
        assert_eq!(
            texts("t\nThe governor of the Bank of England spoke."),
            ["Bank of England"]
        );
        assert_eq!(
            texts("t\nIt went to the Department for Education and Skills today."),
            ["Department for Education and Skills"]
        );
        // A trailing connector is not kept.
        assert_eq!(texts("t\nHe visited Paris and then left."), ["Paris"]);
    }

    #[test]
    fn a_sentence_initial_function_word_is_dropped() {
        let r = runs("t\nThe BBC said so. In London it rained.");
        assert_eq!(r[0].0, "BBC");
        assert!(r[0].1 & THE != 0 && r[0].1 & SPEECH != 0 && r[0].1 & SENTENCE == 0);
        assert_eq!(r[1].0, "London");
        assert!(r[1].1 & PREP != 0);
    }

    #[test]
    fn sentences_and_titles_are_marked() {
        let r = runs("Blair Wins Vote\nLabour won. Voters said Labour won.");
        assert_eq!(r[0], ("Blair Wins Vote".into(), SENTENCE | TITLE));
        assert_eq!(r[1], ("Labour".into(), SENTENCE));
        assert_eq!(r[2], ("Voters".into(), SENTENCE | SPEECH));
        assert_eq!(r[3], ("Labour".into(), 0));
    }

    #[test]
    fn acronyms_in_brackets_are_marked() {
        let r = runs("t\nthe Federal Security Service (FSB) said");
        assert_eq!(r[1], ("FSB".into(), PAREN | SPEECH));
        assert!(initials_match(
            "Federal Security Service",
            "FSB",
            &Cues::builtin()
        ));
        assert!(initials_match(
            "National Health Service",
            "NHS",
            &Cues::builtin()
        ));
        assert!(!initials_match(
            "Federal Security Service",
            "KGB",
            &Cues::builtin()
        ));
        assert!(
            !initials_match("Tony Blair", "MP", &Cues::builtin()),
            "a title is no acronym"
        );
    }

    #[test]
    fn given_name_variants() {
        assert!(same_given_name("Aleksandr", "Alexander"));
        assert!(same_given_name("Sergei", "Sergey"));
        assert!(same_given_name("Yury", "Yuri"));
        assert!(!same_given_name("Gordon", "Nick"));
        assert!(
            !same_given_name("John", "Joan"),
            "a typo needs five letters"
        );
    }

    fn lexicon<'a>(articles: &[&'a str]) -> (Lexicon<'a>, Vec<Vec<Run>>) {
        let cues = Cues::builtin();
        let all: Vec<Vec<Run>> = articles
            .iter()
            .map(|text| {
                let title_end = text.find('\n').unwrap_or(0);
                let mut r = Runs::default();
                r.begin();
                for (at, w) in words(text) {
                    r.word(&cues, text, at, w, title_end);
                }
                r.finish(&cues, text)
            })
            .collect();
        let mut lower: FxHashMap<String, u32> = FxHashMap::default();
        for t in articles {
            let seen: HashSet<String> = words(t)
                .map(|(_, w)| w)
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .map(str::to_owned)
                .collect();
            for w in seen {
                *lower.entry(w).or_default() += 1;
            }
        }
        let lowercase = |w: &str| lower.get(&w.to_lowercase()).copied().unwrap_or(0);
        let docs: Vec<(&str, &[Run])> = articles
            .iter()
            .copied()
            .zip(all.iter().map(Vec::as_slice))
            .collect();
        let lex = decide(&cues, &docs, &lowercase, &|_| false);
        (lex, all)
    }

    fn found(lex: &Lexicon, name: &str) -> Option<Kind> {
        lex.found.iter().find(|f| f.name == name).map(|f| f.kind)
    }

    #[test]
    fn people_orgs_and_places_are_told_apart() {
        let (lex, _) = lexicon(&[
            "T\nTony Blair met Michael Howard in London. Mr Howard said the Bank of England agreed.",
            "T\nLater, Blair told Manchester United that Microsoft said no.",
        ]);
        assert_eq!(found(&lex, "Tony Blair"), Some(Kind::Person));
        assert_eq!(found(&lex, "Michael Howard"), Some(Kind::Person));
        assert_eq!(found(&lex, "Bank of England"), Some(Kind::Organization));
        assert_eq!(found(&lex, "Manchester United"), Some(Kind::Organization));
        assert_eq!(found(&lex, "London"), Some(Kind::Place));
        assert_eq!(found(&lex, "Microsoft"), Some(Kind::Organization));
        // "Blair" and "Howard" joined their full names.
        let blair = lex.found.iter().find(|f| f.name == "Tony Blair").unwrap();
        assert!(blair.aliases().any(|a| a == "Blair"));
        assert_eq!(found(&lex, "Later"), None);
    }

    #[test]
    fn sentence_starts_weekdays_and_mr_are_not_actors() {
        let (lex, _) = lexicon(&[
            "T\nMeanwhile, on Monday the plan failed. Plans change. Mr Smith said the plans in March were new.",
            "T\nThe plans were new.",
        ]);
        for not in ["Meanwhile", "Monday", "Plans", "March", "Mr", "The"] {
            assert_eq!(found(&lex, not), None, "{not}");
        }
        assert_eq!(found(&lex, "Smith"), Some(Kind::Person));
    }

    #[test]
    fn people_who_share_a_surname_stay_apart_and_resolve_per_article() {
        let a = "T\nGordon Brown spoke. Brown said taxes would fall.";
        let b = "T\nNick Brown spoke. Brown said farms would suffer.";
        let (lex, runs) = lexicon(&[a, b]);
        assert_eq!(found(&lex, "Gordon Brown"), Some(Kind::Person));
        assert_eq!(found(&lex, "Nick Brown"), Some(Kind::Person));
        let mut out = Vec::new();
        lex.tag(0, a, &runs[0], &mut out);
        let gordon = lex
            .found
            .iter()
            .position(|f| f.name == "Gordon Brown")
            .unwrap() as u32;
        assert!(
            out.iter().filter(|t| t.actor == gordon).count() == 2,
            "{out:?}"
        );
        out.clear();
        lex.tag(1, b, &runs[1], &mut out);
        assert!(out.iter().all(|t| t.actor != gordon));
    }

    #[test]
    fn an_acronym_joins_its_expansion_and_transliterations_join() {
        let (lex, _) = lexicon(&[
            "T\nthe Federal Security Service (FSB) said. Alexander Bortnikov, the FSB head, spoke.",
            "T\nAleksandr Bortnikov said the FSB would act. Alexander Bortnikov agreed.",
        ]);
        let fsb = lex
            .found
            .iter()
            .find(|f| f.name == "Federal Security Service")
            .unwrap();
        assert!(fsb.aliases().any(|a| a == "FSB"), "{fsb:?}");
        let b = lex
            .found
            .iter()
            .find(|f| f.name == "Alexander Bortnikov")
            .unwrap();
        assert!(b.aliases().any(|a| a == "Aleksandr Bortnikov"), "{b:?}");
    }

    #[test]
    fn a_capital_letter_alone_as_the_title_is_no_panic() {
        // The word before the first is empty; found by the properties test.
        assert!(!capitalised(""));
        let (lex, _) = lexicon(&[" B\n"]);
        drop(lex);
    }

    #[test]
    fn a_misspelt_surname_joins_its_person_but_a_first_name_does_not() {
        let (lex, _) = lexicon(&[
            "T\nAlexander Bortnikov spoke. Bortnikov said no. Bortnikov left.",
            "T\nthe head, Bortinkov, said. Maciej Sundra agreed with Sandra.",
            "T\nMaciej Sundra said so. They said Mr Sundra left, Sundra came, Sundra won.",
        ]);
        // The actor a spelling ended up in: the one listing it as an
        // alias, else its own.
        let root = |name: &str| {
            let all = &lex.found;
            all.iter()
                .find(|f| f.aliases().any(|a| a == name))
                .or_else(|| all.iter().find(|f| f.name == name))
                .map(|f| f.name)
        };
        assert_eq!(root("Bortinkov"), Some("Alexander Bortnikov"));
        assert_eq!(root("Sundra"), Some("Maciej Sundra"));
        assert_eq!(root("Sandra"), Some("Sandra"), "a first name stays itself");
    }

    #[test]
    fn a_body_and_its_plural_are_one_actor_but_one_word_is_not_enough() {
        let (lex, _) = lexicon(&[
            "T\nthe Lib Dems said. A Lib Dem MP agreed. The Lib Dems won.",
            "T\nBlackburn beat the Rovers. Rover said its cars sold. Rover and the Rovers.",
        ]);
        let dems = lex.found.iter().find(|f| f.name == "Lib Dems").unwrap();
        assert_eq!(dems.aliases().collect::<Vec<_>>(), ["Lib Dem"]);
        let rover = lex.found.iter().find(|f| f.name == "Rover");
        let rovers = lex.found.iter().find(|f| f.name == "Rovers");
        assert!(
            rover.is_some() && rovers.is_some(),
            "{:?}",
            lex.found.iter().collect::<Vec<_>>()
        );
        assert!(!rover.unwrap().aliases().any(|a| a == "Rovers"));
        assert!(!rovers.unwrap().aliases().any(|a| a == "Rover"));
    }

    proptest::proptest! {
        /// The index gives every word the classes the map does: cue words,
        /// cue words cut or with a letter changed (same length, same first
        /// and last bytes), and any other text.
        #[test]
        fn the_cue_index_agrees_with_the_map(
            pick in 0usize..100_000,
            cut in 0usize..20,
            at in 0usize..20,
            letter in proptest::char::any(),
            other in "[ a-zA-Z.’é—北\u{301}-]{0,24}",
        ) {
            let cues = cues();
            let plain = |w: &str| cues.class.get(w).copied().unwrap_or(0);
            let mut words: Vec<&String> = cues.class.keys().collect();
            words.sort();
            let word = words[pick % words.len()].as_str();
            let mut changed: Vec<char> = word.chars().collect();
            let i = at % changed.len();
            changed[i] = letter;
            let changed: String = changed.into_iter().collect();
            let mut cut = cut.min(word.len());
            while !word.is_char_boundary(cut) {
                cut -= 1;
            }
            let cut = &word[..cut];
            for w in [word, cut, changed.as_str(), other.as_str()] {
                proptest::prop_assert_eq!(cues.class(w), plain(w), "{:?}", w);
                // In place in a text, with more or fewer than 16 bytes
                // after it.
                let tail: String = other.chars().take(other.chars().count() / 2).collect();
                let text = format!("{other}{w}{tail}");
                let at = other.len();
                proptest::prop_assert_eq!(cues.class_at(&text, at, at + w.len()), plain(w), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        /// The interner numbers texts in the order they first come, as a
        /// map from text to number does, and gives each text back whole
        /// (texts that are prefixes of others and the empty text included).
        #[test]
        fn the_interner_numbers_texts_as_a_map_does(
            texts in proptest::collection::vec("(Mr|[A-Z][a-z]{0,3})( [A-Z]?[a-zé]{0,4}){0,2}|", 0..400),
        ) {
            let mut interner = Interner::default();
            let mut map: std::collections::HashMap<&str, u32> = Default::default();
            for (k, t) in texts.iter().enumerate() {
                if k == texts.len() / 3 {
                    // Room made midway, with texts in the table already.
                    interner.reserve(texts.len());
                }
                let next = map.len() as u32;
                let want = *map.entry(t).or_insert(next);
                proptest::prop_assert_eq!(interner.id(t), (want, want == next));
            }
            for (t, &id) in &map {
                proptest::prop_assert_eq!(interner.get(t), Some(id));
                proptest::prop_assert_eq!(interner.text(id), *t);
            }
            proptest::prop_assert_eq!(interner.get("Nobody Here"), map.get("Nobody Here").copied());
        }
    }

    /// The built-in cues, built once for the property tests.
    fn cues() -> &'static Cues {
        static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        CUES.get_or_init(Cues::builtin)
    }

    proptest::proptest! {
        /// The byte scan of an ASCII gap agrees with the scan of any text.
        #[test]
        fn ascii_gaps_end_sentences_as_any_text_does(gap in "[ .,;:!?\"'()\n\r\t\x0b\x0c-]{0,6}") {
            proptest::prop_assert_eq!(
                ends_sentence_ascii(gap.as_bytes()),
                ends_sentence_text(&gap),
                "{:?}",
                gap
            );
        }
    }

    #[test]
    fn every_cue_word_is_found_in_the_index() {
        let cues = cues();
        for (w, &class) in &cues.class {
            assert_eq!(cues.class(w), class, "{w:?}");
            if (1..=SHORT).contains(&w.len()) {
                assert_eq!(cues.index.get(w), Some(class), "{w:?}");
            } else {
                assert_eq!(cues.index.get(w), None, "{w:?}");
            }
        }
        assert_eq!(cues.index.get("Zzyzx"), Some(0));
        assert_eq!(cues.index.get(""), None);
    }

    #[test]
    fn the_asset_files_parse() {
        let c = Cues::builtin();
        assert!(c.is("Tony", FIRST_NAME) && c.countries.contains_key("UK"));
        assert_eq!(c.countries["Britain"], "United Kingdom");
    }
}
