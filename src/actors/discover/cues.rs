//! The cue words of discovery (titles, honorifics, organisation and place
//! words, speech verbs, given names...) from `assets/`, and their lookup:
//! the scan asks the classes of every capitalised word.

use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

/// The cue words, from `assets/cues.json`, `assets/places.json` and
/// `assets/first_names.txt`. A word's classes are one table lookup, since
/// the scan asks about every capitalised word.
pub struct Cues {
    /// Word -> its classes ([`HONORIFIC`], [`TITLE`]...).
    class: FxHashMap<String, u32>,
    /// `class` again for short words, faster to ask.
    index: CueIndex,
    /// Every country spelling, with its canonical name.
    pub(super) countries: FxHashMap<String, String>,
    /// Every spelling of a country or body the lists give several names,
    /// with its canonical name: they are one actor ("UK", "Britain").
    pub(super) groups: FxHashMap<String, String>,
    pub(super) places: HashSet<String>,
    pub(super) media: HashSet<String>,
    pub(super) orgs: HashSet<String>,
}

/// "Mr", "Sir": before a name.
pub(super) const HONORIFIC: u32 = 1;
/// "President", "Coach": before a name.
pub(super) const TITLE_WORD: u32 = 1 << 1;
/// A title in lower case ("coach", "chancellor"): before a name, as good
/// a cue as a capitalised one.
pub(super) const LOWER_TITLE: u32 = 1 << 2;
/// "Prime", "Foreign": part of a title.
pub(super) const MODIFIER: u32 = 1 << 3;
/// "of", "and", "de": may join the words of a name.
pub(super) const CONNECTOR: u32 = 1 << 4;
/// "Bank", "Council", "plc": names a body.
pub(super) const ORG_WORD: u32 = 1 << 5;
/// "Times", "Radio": names an outlet.
pub(super) const MEDIA_WORD: u32 = 1 << 6;
/// "Gulf", "Street": names a place.
pub(super) const PLACE_WORD: u32 = 1 << 7;
/// "said", "told".
pub(super) const SPEECH_VERB: u32 = 1 << 8;
/// "in", "at": before a place.
pub(super) const BEFORE_PLACE: u32 = 1 << 9;
/// Weekdays, months, pronouns: never in a name.
pub(super) const BREAKER: u32 = 1 << 10;
/// "Government", "Internet": no name alone.
pub(super) const NOT_ALONE: u32 = 1 << 11;
/// "St", "Mr": a full stop after it ends no sentence.
pub(super) const ABBREV: u32 = 1 << 12;
/// "al" in "al-Qaeda".
pub(super) const PARTICLE: u32 = 1 << 13;
/// "De", "Van": starts a surname.
pub(super) const NAME_PARTICLE: u32 = 1 << 14;
/// A given name.
pub(super) const FIRST_NAME: u32 = 1 << 15;
/// "British", "Afghans".
pub(super) const DEMONYM: u32 = 1 << 16;
/// Letters after a person's name: "QC", "MP", "OBE".
pub(super) const POSTNOMINAL: u32 = 1 << 17;
/// On the given-names list, whatever else it is: "Christian", "Roman"
/// (which are [`FIRST_NAME`] only when nothing else).
pub(super) const GIVEN: u32 = 1 << 18;
/// "Act", "Bill", "Treaty": ends the name of a law, which takes "of"
/// ("Freedom of Information Act").
pub(super) const DOCUMENT: u32 = 1 << 19;

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
    document_words: Vec<String>,
    abbreviations: Vec<String>,
    particles: Vec<String>,
    name_particles: Vec<String>,
    postnominals: Vec<String>,
}

#[derive(Deserialize)]
struct PlaceFile {
    countries: Vec<Vec<String>>,
    places: Vec<String>,
    media: Vec<String>,
    organizations: Vec<OneOrMore>,
    demonyms: Vec<String>,
}

/// A body by one name, or by several (the first the canonical one):
/// `"Liberal Democrats"` or `["Liberal Democrats", "Lib Dems"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(String),
    Many(Vec<String>),
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
        let cues: CueFile = serde_json::from_str(include_str!("../../../assets/cues.json"))
            .expect("assets/cues.json is checked by a test");
        let places: PlaceFile = serde_json::from_str(include_str!("../../../assets/places.json"))
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
        add(&cues.document_words, DOCUMENT);
        add(&cues.abbreviations, ABBREV);
        add(&cues.particles, PARTICLE);
        add(&cues.name_particles, NAME_PARTICLE);
        add(&places.demonyms, DEMONYM);
        add(&cues.postnominals, POSTNOMINAL);
        let mut countries = FxHashMap::default();
        for names in places.countries {
            if let Some(canon) = names.first() {
                for n in &names {
                    countries.insert(n.clone(), canon.clone());
                }
            }
        }
        // Each name of a country or body listed by several, to its first.
        let mut groups: FxHashMap<String, String> = countries.clone();
        let mut orgs = HashSet::default();
        for entry in places.organizations {
            match entry {
                OneOrMore::One(name) => {
                    orgs.insert(name);
                }
                OneOrMore::Many(names) => {
                    for n in &names {
                        groups.insert(n.clone(), names[0].clone());
                    }
                    orgs.extend(names);
                }
            }
        }
        let mut c = Cues {
            class,
            index: CueIndex::default(),
            countries,
            groups,
            places: places.places.into_iter().collect(),
            media: places.media.into_iter().collect(),
            orgs,
        };
        // A given name that is also a place, a body or a cue word says
        // nothing about a person.
        let first_names: Vec<(String, bool)> = include_str!("../../../assets/first_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(|n| (n.to_owned(), !c.listed(n) && c.class(n) == 0))
            .collect();
        for (n, only) in first_names {
            *c.class.entry(n).or_default() |= if only { FIRST_NAME | GIVEN } else { GIVEN };
        }
        c.index = CueIndex::new(&c.class);
        c
    }

    /// The classes of word `w`.
    #[inline(always)]
    pub(super) fn class(&self, w: &str) -> u32 {
        match self.index.get(w) {
            Some(class) => class,
            None => self.class_in_map(w),
        }
    }

    /// The classes of the word `text[start..end]`: [`Cues::class`],
    /// quicker where the word sits in a longer text.
    #[inline(always)]
    pub(super) fn class_at(&self, text: &str, start: usize, end: usize) -> u32 {
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
    pub(super) fn is(&self, w: &str, bits: u32) -> bool {
        self.class(w) & bits != 0
    }

    pub(super) fn is_title_word(&self, w: &str) -> bool {
        self.is(w, HONORIFIC | TITLE_WORD)
    }

    /// The first name the curated lists give the country or body `name`
    /// is one name of ("United States" for "America").
    pub fn listed_as(&self, name: &str) -> Option<&str> {
        self.groups.get(name).map(String::as_str)
    }

    /// A country, place, outlet or well-known body by the curated lists.
    pub(super) fn listed(&self, name: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The built-in cues, built once for the property tests.
    fn cues() -> &'static Cues {
        static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        CUES.get_or_init(Cues::builtin)
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
