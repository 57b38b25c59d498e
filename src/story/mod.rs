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
        // A slice of articles at a time, so what each article yields is
        // never held twice for the whole corpus (per article, then end to
        // end): on a large corpus that doubled the story's memory.
        for (k, slice) in corpus.articles.chunks(STORY_SLICE).enumerate() {
            let first = k * STORY_SLICE;
            type Read = (Vec<Event>, Csr<ActorId>, Vec<Quote>, MentionSentences);
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
                    let found = dates::extract_words(text, &toks, published);
                    let (events, named) = events_of(doc, text, body, &starts, mentions, found);
                    let said =
                        quotes::attribute_words(doc, text, &toks, &starts, body, mentions, &kind);
                    let mut of = MentionSentences::default();
                    of.push(&starts, mentions);
                    (events, named, said, of)
                })
                .collect();
            for (e, a, q, s) in per_doc {
                events.extend(e);
                named.append(&a);
                said.extend(q);
                sentences.append(&s);
            }
        }
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

/// One event per dated expression of the body (one per sentence and
/// date), and row by row the actors each event's sentence names.
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
    // In text order (as they are found), a sentence's dates come
    // together, so a repeat is looked for among the last events only: an
    // article of 100,000 dated sentences took seconds when every event
    // was compared with every other.
    let mut found = found;
    found.sort_by_key(|d| d.span.start);
    for date in found {
        if (date.span.start as usize) < body {
            continue;
        }
        let sentence = sentence_span(text, starts, date.span.start as usize);
        let sentence = sentence.start as u32..sentence.end as u32;
        let dup = events
            .iter()
            .rev()
            .take_while(|e| e.sentence == sentence)
            .any(|e| e.date.when == date.when && e.date.until == date.until);
        if dup {
            continue;
        }
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
