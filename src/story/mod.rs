//! The story a corpus tells: when things happened and who said what.
//!
//! [`dates`] finds dated expressions, [`timeline`] turns each into an
//! event with its sentence and actors and groups the events several
//! articles report, [`quotes`] attributes statements to the actors who
//! made them. Like [`crate::actors`], this reads the corpus and its actors
//! and knows nothing about search or the terminal.
//!
//! Built once per corpus, one article per task on every core, after the
//! actors are known (events and statements are about actors).

pub mod dates;
pub mod quotes;
pub mod timeline;

use rayon::prelude::*;

use crate::actors::sentences::{MentionSentences, sentence_span, sentence_starts};
use crate::actors::{ActorId, Actors, Mention};
use crate::corpus::{Corpus, DocId};
use crate::csr::Csr;
use crate::words::words;
use dates::parse_article_date;
use quotes::Quote;
use timeline::{Event, Timeline};

/// Articles read on every core between two appends to the story.
const STORY_SLICE: usize = 2048;

/// Everything dated and everything said, for a whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Story {
    /// The events and their rows.
    pub timeline: Timeline,
    /// Every statement, by speaker (actor rank), then corpus order.
    quotes: Vec<Quote>,
    /// The sentence of every actor mention, from the same split.
    sentences: MentionSentences,
}

impl Story {
    /// Finds the events and statements of every article; `copies` are the
    /// articles that repeat an earlier one, each with it, in order (the
    /// timeline counts them as one source).
    pub fn build(corpus: &Corpus, actors: &Actors, copies: &[(DocId, DocId)]) -> Story {
        crate::phases::start();
        let kind = |a: ActorId| actors.get(a).kind;
        let mut events = Vec::new();
        let mut named = Csr::default();
        let mut said = Vec::new();
        let mut sentences = MentionSentences::default();
        // Each article's year, by its publication date or its anchor.
        let mut years = Vec::with_capacity(corpus.len());
        // A slice of articles at a time, so what each article yields is
        // never held twice for the whole corpus (per article, then end to
        // end): on a large corpus that doubled the story's memory.
        for (k, slice) in corpus.articles.chunks(STORY_SLICE).enumerate() {
            let first = k * STORY_SLICE;
            type Read = (Vec<Event>, Csr<ActorId>, Vec<Quote>, MentionSentences, Year);
            let per_doc: Vec<Read> = slice
                .par_iter()
                .enumerate()
                .map(|(i, a)| {
                    let doc = DocId((first + i) as u32);
                    let text = &a.text;
                    let body = a.body_range().start;
                    let mentions = actors.in_doc(doc);
                    let published = a.meta().date.as_deref().and_then(parse_article_date);
                    // One tokenization and one sentence split serve both
                    // readers.
                    let toks: Vec<(usize, &str)> = words(text).collect();
                    let starts = sentence_starts(text);
                    let (found, anchor) = dates::extract_words(text, &toks, published);
                    let year = match published {
                        Some(p) => Year::Published(chrono::Datelike::year(&p)),
                        None => anchor.map_or(Year::Unknown, Year::Anchor),
                    };
                    let (events, named) = events_of(doc, text, body, &starts, mentions, found);
                    // A copy of an earlier article says nothing new: its
                    // statements are listed once, from the first
                    // (helper-36: bbc tech/180 repeats tech/133, and the
                    // briefing gave each of its 10 statements twice).
                    let said = if timeline::source_of(copies, doc) != doc {
                        Vec::new()
                    } else {
                        quotes::attribute_words(doc, text, &toks, &starts, body, mentions, &kind)
                    };
                    let mut of = MentionSentences::default();
                    of.push(&starts, mentions);
                    (events, named, said, of, year)
                })
                .collect();
            for (e, a, q, s, y) in per_doc {
                events.extend(e);
                named.append(&a);
                said.extend(q);
                sentences.append(&s);
                years.push(y);
            }
        }
        unanchor_outside_present(&mut events, &years);
        drop_repeats(&mut events, &mut named);
        crate::phases::mark("story: articles read");
        events.shrink_to_fit();
        named.shrink_to_fit();
        said.shrink_to_fit();
        sentences.shrink_to_fit();
        said.sort_by_key(|q| (q.speaker, q.doc, q.text.start));
        crate::phases::mark("story: statements sorted");
        // What each article yielded was freed on the threads that read it,
        // in pieces that stay resident until handed back; the rows below
        // are the story's highest memory.
        crate::mem::release_free();
        let hashes: Vec<u64> = events
            .par_iter()
            .map(|e| {
                let text = &corpus.articles[e.doc.ix()].text;
                let s = text.get(e.sentence.start as usize..e.sentence.end as usize);
                std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, s.unwrap_or_default())
            })
            .collect();
        Story {
            timeline: Timeline::new(events, named, &hashes, copies.to_vec()),
            quotes: said,
            sentences,
        }
    }

    /// The sentence of every actor mention, and each article's number of
    /// sentences.
    pub fn sentences(&self) -> &MentionSentences {
        &self.sentences
    }

    /// The statements attributed to `actor`, in corpus order.
    pub fn quotes_of(&self, actor: ActorId) -> &[Quote] {
        let a = self.quotes.partition_point(|q| q.speaker < actor);
        let b = self.quotes.partition_point(|q| q.speaker <= actor);
        &self.quotes[a..b]
    }

    /// Every statement, by speaker rank then corpus order.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }
}

/// An article's words with their byte offsets, for the readers that look
/// a few words around a position (dates and statements). Each reader adds
/// its own tests of what lies between words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window<'a> {
    /// The article text.
    pub text: &'a str,
    /// Its words, in order, with the byte offset of each.
    pub toks: &'a [(usize, &'a str)],
}

impl<'a> Window<'a> {
    /// Word `i`, if there is one.
    pub fn word(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.1)
    }

    /// Where word `i` starts.
    pub fn start(&self, i: usize) -> usize {
        self.toks[i].0
    }

    /// Where word `i` ends.
    pub fn end(&self, i: usize) -> usize {
        self.toks[i].0 + self.toks[i].1.len()
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The text between word `i` and the next word (or the end).
    pub fn gap(&self, i: usize) -> &'a str {
        let to = self.toks.get(i + 1).map_or(self.text.len(), |t| t.0);
        &self.text[self.end(i)..to]
    }

    /// The first word at or after byte `at`.
    pub fn tok_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.0 < at)
    }
}

/// What an article's year is known by.
#[derive(Debug, Clone, Copy)]
enum Year {
    /// Its publication date.
    Published(i32),
    /// The anchor its year-less dates were read against (see
    /// [`dates::extract_words`]).
    Anchor(i32),
    /// Neither.
    Unknown,
}

/// Takes back, from the events of each article (by `years`, one per
/// article) whose anchor lies outside the corpus's present (see
/// [`dates::Present`]), what was read from the anchor.
fn unanchor_outside_present(events: &mut [Event], years: &[Year]) {
    let known = years.iter().filter_map(|&y| match y {
        Year::Published(y) | Year::Anchor(y) => Some(y),
        Year::Unknown => None,
    });
    let Some(present) = dates::Present::of(known) else {
        return;
    };
    tracing::debug!(
        first = present.first,
        last = present.last,
        "the corpus's present"
    );
    for e in events {
        if let Year::Anchor(y) = years[e.doc.ix()] {
            if !present.holds(y) {
                e.date.unanchor();
            }
        }
    }
}

/// Drops each event that repeats an earlier one of its sentence, and its
/// row of `named` (each event's actors): a date written twice in a
/// sentence is one event. Done once the dates are final: "this year"
/// read as 2002 repeated the sentence's "2002" until it lost its anchor.
fn drop_repeats(events: &mut Vec<Event>, named: &mut Csr<ActorId>) {
    let mut keep = vec![true; events.len()];
    for (i, e) in events.iter().enumerate() {
        let before = (0..i).rev().filter(|&j| keep[j]).map(|j| &events[j]);
        keep[i] = !repeats(before, e.doc, &e.sentence, &e.date);
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut kept = keep.iter();
    events.retain(|_| kept.next().copied().unwrap_or(true));
    named.retain_rows(|r| keep[r]);
}

/// Whether `date` in `sentence` of article `doc` repeats an event of
/// `before`, the events before it, last first: a sentence's events come
/// together, so only the last are looked at (an article of 100,000 dated
/// sentences took seconds when every event was compared with every
/// other).
fn repeats<'e>(
    before: impl Iterator<Item = &'e Event>,
    doc: DocId,
    sentence: &std::ops::Range<u32>,
    date: &dates::Dated,
) -> bool {
    before
        .take_while(|e| e.doc == doc && e.sentence == *sentence)
        .any(|e| e.date.when == date.when && e.date.until == date.until)
}

/// One event per dated expression of the body, and row by row the actors
/// each event's sentence names ([`drop_repeats`] then keeps one per
/// sentence and date).
fn events_of(
    doc: DocId,
    text: &str,
    body: usize,
    starts: &[u32],
    mentions: &[Mention],
    found: Vec<dates::Dated>,
) -> (Vec<Event>, Csr<ActorId>) {
    let mut events: Vec<Event> = Vec::new();
    let mut actors = Csr::default();
    let mut found = found;
    found.sort_by_key(|d| d.span.start);
    for date in found {
        if (date.span.start as usize) < body {
            continue;
        }
        let sentence = sentence_span(text, starts, date.span.start as usize);
        let sentence = sentence.start as u32..sentence.end as u32;
        let first = mentions.partition_point(|m| m.start < sentence.start);
        let mut named: Vec<ActorId> = mentions[first..]
            .iter()
            .take_while(|m| m.start < sentence.end)
            .filter(|m| m.end <= sentence.end)
            .map(|m| m.actor)
            .collect();
        named.sort_unstable();
        named.dedup();
        events.push(Event {
            doc,
            sentence,
            date,
        });
        actors.push_row(named);
    }
    (events, actors)
}

#[cfg(test)]
mod tests {
    use crate::actors::Extraction;
    use crate::corpus::Corpus;
    use crate::library::Library;

    /// Each event of article `id` as (expression, label).
    fn events_of_article(lib: &Library, id: &str) -> Vec<(String, String)> {
        let doc = lib.corpus.articles.iter().position(|a| a.id == id).unwrap();
        let text = &lib.corpus.articles[doc].text;
        lib.story()
            .timeline
            .events
            .iter()
            .filter(|e| e.doc.ix() == doc)
            .map(|e| {
                let span = e.date.span.start as usize..e.date.span.end as usize;
                let label = super::dates::label(e.date.when, e.date.until);
                let guessed = if e.date.inferred && e.date.when.is_some() {
                    "?"
                } else {
                    ""
                };
                (text[span].to_owned(), label + guessed)
            })
            .collect()
    }

    #[test]
    fn an_anchor_rare_in_the_corpus_is_history_not_the_present() {
        // helper-36, bbc business/261: a story of the 2004 tsunami that
        // recalls "11 September, 2001" put its "this week" in 2001.
        let mut lines: Vec<String> = (0..5)
            .map(|i| {
                format!(
                    r#"{{"id": "n{i}", "title": "News {i}", "body": "Sales rose in March 2004. They fell in June."}}"#
                )
            })
            .collect();
        lines.push(
            r#"{"id": "old", "title": "Markets", "body": "Markets fell after 11 September, 2001. Shares hit highs this week. Trading resumed on 3 March. The economy will grow this year, after a fall in 2002."}"#
                .to_owned(),
        );
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        let of = |id| events_of_article(&lib, id);
        // The present keeps reading year-less dates against its anchor.
        assert!(
            of("n0").contains(&("June".to_owned(), "June 2004?".to_owned())),
            "{:?}",
            of("n0")
        );
        let old = of("old");
        let label = |expr: &str| old.iter().find(|e| e.0 == expr).map(|e| e.1.clone());
        assert_eq!(
            label("11 September, 2001").as_deref(),
            Some("11 September 2001")
        );
        assert_eq!(label("this week").as_deref(), Some("undated"), "{old:?}");
        assert_eq!(label("3 March").as_deref(), Some("3 March"), "{old:?}");
        // "This year", read as 2002 (the year after that September), was
        // one event with the sentence's "2002": unplaced, it is its own.
        assert_eq!(label("this year").as_deref(), Some("undated"), "{old:?}");
        assert_eq!(label("2002").as_deref(), Some("2002"), "{old:?}");
        // A corpus of that one article keeps its anchor: nothing is rarer.
        let line = r#"{"id": "old", "title": "Markets", "body": "Markets fell after 11 September, 2001. Trading resumed on 3 March."}"#;
        let one = Corpus::from_jsonl_bytes("c.jsonl", line.as_bytes().to_vec());
        let lib = Library::build(one, &Extraction::builtin());
        let old = events_of_article(&lib, "old");
        assert!(
            old.contains(&("3 March".to_owned(), "3 March 2002?".to_owned())),
            "{old:?}"
        );
    }

    #[test]
    fn a_date_repeated_in_its_sentence_is_one_event_and_in_another_sentence_two() {
        let body = "On 3 May 2005, and again on 3 May 2005, Tony Blair met Gordon Brown. \
                    On 4 May 2005 they spoke. On 3 May 2005 they had parted.";
        let line = format!(r#"{{"id": "a", "title": "Meetings", "body": "{body}"}}"#);
        let corpus = Corpus::from_jsonl_bytes("c.jsonl", line.into_bytes());
        let lib = Library::build(corpus, &Extraction::builtin());
        let events = &lib.story().timeline.events;
        let said: Vec<(&str, String)> = events
            .iter()
            .map(|e| {
                let text = &lib.corpus.articles[e.doc.ix()].text;
                let sentence = &text[e.sentence.start as usize..e.sentence.end as usize];
                (
                    sentence.split(',').next().unwrap_or_default(),
                    super::dates::label(e.date.when, e.date.until),
                )
            })
            .collect();
        assert_eq!(
            said,
            [
                ("On 3 May 2005", "3 May 2005".to_owned()),
                ("On 4 May 2005 they spoke.", "4 May 2005".to_owned()),
                ("On 3 May 2005 they had parted.", "3 May 2005".to_owned()),
            ]
        );
    }
}
