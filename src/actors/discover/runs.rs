//! Step 1 of discovery: the runs of capitalised words of one article, cut
//! into the names they hold, with the cues around each.

use super::cues::{
    ABBREV, BEFORE_PLACE, BREAKER, CONNECTOR, Cues, DOCUMENT, FIRST_NAME, HONORIFIC, LOWER_TITLE,
    MEDIA_WORD, MODIFIER, NAME_PARTICLE, ORG_WORD, PARTICLE, PLACE_WORD, POSTNOMINAL, SPEECH_VERB,
    TITLE_WORD,
};

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

    pub(super) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Longest run kept, in words: longer capitalised stretches are headlines
/// or lists, not names.
pub(super) const MAX_WORDS: usize = 6;

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

    /// The word in its article.
    fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start as usize..self.end as usize]
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
pub(super) fn capitalised(w: &str) -> bool {
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
        // Nor is a score or a span of numbers: "Venus Williams 6-3 6-2 and
        // Williams 1-6" is two names (helper-35). ("Radio 4" keeps its
        // number.)
        let number = |w: &Word| text.as_bytes()[w.start as usize].is_ascii_digit();
        let score = (1..self.cur.len()).find(|&k| {
            let (a, b) = (&self.cur[k - 1], &self.cur[k]);
            number(a) && number(b) && &text[a.end as usize..b.start as usize] == "-"
        });
        if let Some(k) = score {
            let mut rest = self.cur.split_off(k - 1);
            let skip = rest
                .iter()
                .take_while(|w| number(w) || w.is(CONNECTOR))
                .count();
            let before = rest[skip - 1];
            rest.drain(..skip);
            self.close_words(cues, text, 0, false);
            if !rest.is_empty() {
                self.flags &= TITLE;
                self.before = (before.start, before.end);
                self.cur = rest;
                self.close(cues, text, next, age);
            }
            return;
        }
        self.close_words(cues, text, next, age);
    }

    /// [`Runs::close`] once the run's end is settled.
    fn close_words(&mut self, cues: &Cues, text: &str, next: u32, age: bool) {
        if self.cur.is_empty() {
            return;
        }
        let cur = std::mem::take(&mut self.cur);
        // Most runs hold no title and no connector: one name, all of it.
        if cur.iter().all(|w| !w.is(TITLES | CONNECTOR)) {
            let flags = if age { self.flags | AGE } else { self.flags };
            self.push_name(cues, text, &cur, flags, next, true);
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
            self.push_name(cues, text, &cur[from..to], flags, next, from == 0);
        }
        self.names = names;
        self.cur = cur;
        self.cur.clear();
    }

    /// Records one name as [`Runs::push_run`] does, or two when it opens
    /// with a label ("Tory Liam Fox"): the label, then the person it
    /// describes.
    fn push_name(
        &mut self,
        cues: &Cues,
        text: &str,
        ws: &[Word],
        flags: u8,
        next: u32,
        first: bool,
    ) {
        // "Philippe Sands QC", "Peter Ainsworth MP": letters after a
        // person's name are not in it, and say it is a person's (a seat,
        // "Glasgow Kelvin MP", has no given name and stays whole).
        // "Labour MPs", "Lib Dem MPs": the party's members, who are the
        // party's mention, not a name of their own. (The plural of a title
        // in capitals: MPs, MEPs, MSPs.)
        let members = |w: &str| {
            w.strip_suffix('s').is_some_and(|t| {
                t.len() >= 2
                    && t.bytes().all(|b| b.is_ascii_uppercase())
                    && cues.class(t) & TITLE_WORD != 0
            })
        };
        let ws = match ws.split_last() {
            Some((last, rest)) if !rest.is_empty() && members(last.text(text)) => rest,
            _ => ws,
        };
        let (ws, flags) = match ws.split_last() {
            Some((last, rest))
                if rest.len() >= 2
                    && last.is(POSTNOMINAL)
                    && (rest[0].is(FIRST_NAME) || affiliation_end(text, rest).is_some()) =>
            {
                (rest, flags | HONOR)
            }
            _ => (ws, flags),
        };
        match affiliation_end(text, ws) {
            Some(i) => {
                self.push_run(cues, text, &ws[..i], flags & !AGE, 0, first);
                let person = (flags & (TITLE | AGE)) | HONOR;
                self.push_run(cues, text, &ws[i..], person, next, false);
            }
            None => self.push_run(cues, text, ws, flags, next, first),
        }
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
    // (Not a title before a body's word: "General Motors".)
    let body_word = |w: &Word| w.is(ORG_WORD) && !w.is(TITLES | MODIFIER);
    let Some(i) =
        (from..to.saturating_sub(1)).find(|&i| ws[i].is(TITLES) && !body_word(&ws[i + 1]))
    else {
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

/// Where a person's name starts in a run that opens with a word or two
/// describing them ("Tory Liam Fox", "Liberal Democrat Charles Kennedy",
/// "Oscar-winning Julia Roberts"): at a given name, after words that are
/// none (nor initials, nor a place's "San"), with a surname after it that
/// names no body or place ("Royal Albert Hall" stays whole).
fn affiliation_end(text: &str, ws: &[Word]) -> Option<usize> {
    let i = (1..ws.len().min(3)).find(|&i| ws[i].is(FIRST_NAME))?;
    let label = ws[..i].iter().all(|w| {
        let word = w.text(text);
        // Initials start a name ("JP Morgan"), "San" a place.
        let initials = word.len() <= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
        !w.is(FIRST_NAME | NAME_PARTICLE | PARTICLE | ABBREV | PLACE_WORD | MEDIA_WORD)
            && !initials
            && !matches!(word, "San" | "Santa" | "Sao" | "São")
    });
    let surname = i + 1 < ws.len()
        && ws[i + 1..].iter().all(|w| {
            // A surname is a word in upper and lower case ("Kelvin MP" is
            // a seat's member).
            let word = w.text(text);
            !w.is(NAMES_A_BODY | TITLES)
                && word.starts_with(|c: char| c.is_alphabetic())
                && word.chars().any(char::is_lowercase)
        });
    (label && surname).then_some(i)
}

/// Words that make a name a body's or a place's.
const NAMES_A_BODY: u32 = ORG_WORD | PLACE_WORD | MEDIA_WORD;

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
        // The next part, up to the next connector.
        let next_end = (i + 1..to).find(|&j| ws[j].is(CONNECTOR)).unwrap_or(to);
        let next = &ws[i + 1..next_end];
        let join = match ws[i].text(text) {
            "&" => true,
            "and" => {
                // The next part must not be a name of its own.
                // (Nor of one when both are bodies' words alone:
                // "Securities and Exchange Commission".)
                let words_of_one = i == part + 1
                    && next.len() >= 2
                    && ws[part..next_end]
                        .iter()
                        .all(|w| w.is(ORG_WORD | CONNECTOR) && !w.is(TITLES));
                // A body's name goes on after "and" only inside its "of"
                // or "for" ("Department for Education and Skills",
                // "Police Federation of England and Wales"), and not into
                // an acronym: "Manchester United and Arsenal", "European
                // Union and G8" are two (helper-38; bbc had 60 such).
                let within = ws[part..i]
                    .iter()
                    .any(|w| w.is(CONNECTOR) && matches!(w.text(text), "of" | "for"));
                let acronym = |w: &Word| {
                    let t = w.text(text);
                    t.len() > 1 && !t.contains(|c: char| c.is_lowercase())
                };
                words_of_one
                    || (body
                        && within
                        && !next.is_empty()
                        && !next[0].is(FIRST_NAME)
                        && !acronym(&next[0])
                        && !joins_connectors(next))
            }
            // (A law's name takes them too: "Freedom of Information
            // Act", "Prevention of Terrorism Bill", helper-38.)
            "of" | "for" => body || next.last().is_some_and(|w| w.is(DOCUMENT)),
            "the" | "upon" => body,
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

/// The runs of article `text` (its title the first line), as the scan
/// finds them: for tests.
#[cfg(test)]
pub(super) fn runs_of(cues: &Cues, text: &str) -> Vec<Run> {
    let title_end = text.find('\n').unwrap_or(0);
    let mut r = Runs::default();
    r.begin();
    for (at, w) in crate::words::words(text) {
        r.word(cues, text, at, w, title_end);
    }
    r.finish(cues, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(String, u8)> {
        runs_of(&Cues::builtin(), text)
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
    fn a_score_is_no_part_of_a_name_but_a_number_can_be() {
        // helper-35: bbc listed "Venus Williams 6-3 6-2" as a person.
        assert_eq!(
            texts("t\nthen Venus Williams 6-3 6-2 and Williams 1-6 on BBC Radio 4 today."),
            ["Venus Williams", "Williams", "BBC Radio 4"]
        );
    }

    #[test]
    fn a_label_before_a_given_name_is_taken_off_the_person() {
        let r = runs("t\nthen Tory Liam Fox and Liberal Democrat Charles Kennedy spoke.");
        assert_eq!(
            r.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            ["Tory", "Liam Fox", "Liberal Democrat", "Charles Kennedy"]
        );
        assert!(r[1].1 & HONOR != 0 && r[3].1 & HONOR != 0, "{r:?}");
        assert_eq!(
            texts("t\nto beat Swede Daniel Persson and Russian Marat Safin."),
            ["Swede", "Daniel Persson", "Russian", "Marat Safin"]
        );
        // Not when the rest names a body, the label is initials or a
        // place's "San", or no surname follows.
        for whole in [
            "the Royal Albert Hall",
            "at JP Morgan Chase",
            "the San Francisco Ballet",
            "see Dirty Harry",
            "Super Mario 64",
            "Glasgow Kelvin MP",
        ] {
            let text = format!("t\nthen {whole} again.");
            let name = whole.trim_start_matches(|c: char| c.is_lowercase() || c == ' ');
            assert_eq!(texts(&text), [name], "{whole}");
        }
    }

    #[test]
    fn letters_after_a_name_are_not_in_it_and_make_it_a_person() {
        // helper-33: bbc listed "Philippe Sands QC" (other) beside
        // "Philippe Sands" (person), and "Audit Committee Peter Ainsworth
        // MP" as an organisation.
        let r = runs("t\nthen Philippe Sands QC said so.");
        assert_eq!(r, [("Philippe Sands".into(), HONOR | SPEECH)]);
        assert_eq!(
            texts("t\nthen Audit Committee Peter Ainsworth MP spoke."),
            ["Audit Committee", "Peter Ainsworth"]
        );
        // A seat's member has no given name: the run stays whole.
        assert_eq!(
            texts("t\nthen Glasgow Kelvin MP spoke."),
            ["Glasgow Kelvin MP"]
        );
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
    fn a_party_s_members_are_the_party() {
        // helper-37: "Labour MPs" (20 on bbc) was an actor of its own.
        assert_eq!(
            texts("t\nthen Labour MPs and Lib Dem MPs met Peter Ainsworth MP."),
            ["Labour", "Lib Dem", "Peter Ainsworth"]
        );
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
        // helper-37: bbc split the SEC into "Securities" and "Exchange
        // Commission", and read "General Motors" as a general's "Motors".
        assert_eq!(
            texts("t\nthen the Securities and Exchange Commission and General Motors spoke."),
            ["Securities and Exchange Commission", "General Motors"]
        );
        // Two bodies stay two, as do a body and a person.
        assert_eq!(
            texts("t\nthen Rangers and Aston Villa met the Commons and Lords."),
            ["Rangers", "Aston Villa", "Commons", "Lords"]
        );
        // helper-38: "European Union and G8" and "Manchester United and
        // Arsenal" were one name each; "and" goes on only inside a body's
        // "of" or "for", and not into an acronym.
        assert_eq!(
            texts("t\nthen Manchester United and Arsenal met the European Union and G8."),
            ["Manchester United", "Arsenal", "European Union", "G8"]
        );
        assert_eq!(
            texts(
                "t\nthen the Police Federation of England and Wales met the House of Lords and BBC."
            ),
            [
                "Police Federation of England and Wales",
                "House of Lords",
                "BBC"
            ]
        );
        // A law's name takes "of" too (helper-38: "Prevention" and
        // "Terrorism Bill" were two).
        assert_eq!(
            texts(
                "t\nthen the Prevention of Terrorism Bill and the Freedom of Information Act passed."
            ),
            ["Prevention of Terrorism Bill", "Freedom of Information Act"]
        );
        assert_eq!(
            texts("t\nthen Repealing the Hunting Bill failed."),
            ["Repealing", "Hunting Bill"]
        );
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
}
