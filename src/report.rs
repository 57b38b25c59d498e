//! Scriptable output: what `dossier list`, `actors` and `mentions` print, as
//! aligned plain text or as JSON.
//!
//! The rows are built from the same [`Library`] the TUI shows, so a script
//! sees exactly what a reader sees. Plain text goes through
//! [`crate::text`] and JSON through [`SafeFormatter`], so no byte of a
//! corpus reaches the terminal as a control sequence either way.

use std::io::{self, Write};

use serde::Serialize;

use crate::actors::concordance::{self, KwicSort};
use crate::actors::{ActorId, Kind, Variant};
use crate::corpus::DocId;
use crate::library::Library;
use crate::search::Hits;
use crate::search::engine::Explanation;
use crate::text;

/// Cells of context on each side of a mention.
pub const CONTEXT_CELLS: usize = 40;

/// One article, as `dossier list` prints it and exports write it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow<'a> {
    /// The article id.
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// The byline, from the source or detected in the text.
    pub byline: Option<&'a str>,
    /// The source, when the corpus gives one.
    pub source: Option<&'a str>,
    /// The date, when the corpus gives one.
    pub date: Option<&'a str>,
    /// The url, when the corpus gives one.
    pub url: Option<&'a str>,
    /// How many distinct actors it names.
    pub actors: usize,
    /// The reader's marks on it: in exports, not in `dossier list`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub marks: Option<RowMarks<'a>>,
}

/// What the reader marked on an article, as exports write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RowMarks<'a> {
    /// Bookmarked.
    pub bookmarked: bool,
    /// Read.
    pub read: bool,
    /// The reader's note, if any.
    pub note: Option<&'a str>,
}

impl<'a> RowMarks<'a> {
    /// No marks.
    pub const NONE: RowMarks<'static> = RowMarks {
        bookmarked: false,
        read: false,
        note: None,
    };

    /// The marks `marks` holds for the article with id `id`.
    pub fn of(marks: &'a crate::state::Marks, id: &str) -> RowMarks<'a> {
        RowMarks {
            bookmarked: marks.is_bookmarked(id),
            read: marks.is_read(id),
            note: marks.note(id),
        }
    }
}

/// One actor, as `dossier actors` prints it.
#[derive(Debug, Serialize)]
pub struct ActorRow<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// Kind.
    pub kind: Kind,
    /// Number of mentions.
    pub mentions: u32,
    /// Number of articles naming it.
    pub articles: u32,
    /// Spellings seen, with counts.
    pub variants: std::borrow::Cow<'a, [Variant]>,
}

/// One mention, as `dossier mentions` prints it.
#[derive(Debug, Serialize)]
pub struct MentionRow<'a> {
    /// The actor's canonical name.
    pub actor: &'a str,
    /// The actor's kind.
    pub kind: Kind,
    /// The article id.
    pub article: &'a str,
    /// Byte offset of the mention in the article's full text.
    pub start: u32,
    /// Byte offset just past the mention.
    pub end: u32,
    /// The mention as written.
    pub text: &'a str,
    /// The mention with some of its line around it.
    pub context: String,
}

/// One matching article, as `dossier filter` prints it.
#[derive(Debug, Serialize)]
pub struct MatchRow<'a> {
    /// The article id.
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// Rank score: higher first (see the README).
    pub score: i64,
    /// The fields a term matched in: "title", "actors", "body".
    pub fields: Vec<&'static str>,
    /// The words and actor names that matched, folded.
    pub words: Vec<String>,
}

/// One actor of a filtered sidebar, as `dossier filter --actors` prints it.
#[derive(Debug, Serialize)]
pub struct FilteredActorRow<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// Kind.
    pub kind: Kind,
    /// Mentions in the matching articles.
    pub mentions: u32,
    /// Matching articles naming it.
    pub articles: u32,
}

/// The articles of a filter's answer, best first, with why they matched.
pub fn matches<'a>(lib: &'a Library, explained: &[Explanation]) -> Vec<MatchRow<'a>> {
    explained
        .iter()
        .map(|e| {
            let a = &lib.corpus.articles[e.doc.ix()];
            MatchRow {
                id: &a.id,
                title: a.display_title(),
                score: e.score,
                fields: e.fields.clone(),
                words: e.words.clone(),
            }
        })
        .collect()
}

/// The actors of a filter's answer, as the sidebar shows them.
pub fn filtered_actors<'a>(lib: &'a Library, hits: &Hits) -> Vec<FilteredActorRow<'a>> {
    hits.actors
        .iter()
        .map(|h| {
            let a = lib.actors.get(h.actor);
            FilteredActorRow {
                name: a.name,
                kind: a.kind,
                mentions: h.mentions,
                articles: h.articles,
            }
        })
        .collect()
}

/// Plain-text rows for `dossier filter`.
pub fn match_table(rows: &[MatchRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.id.to_owned(),
                r.score.to_string(),
                r.fields.join(","),
                r.words.join(","),
                r.title.to_owned(),
            ]
        })
        .collect()
}

/// Plain-text rows for `dossier filter --actors`.
pub fn filtered_actor_table(rows: &[FilteredActorRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.name.to_owned(),
                r.kind.name().to_owned(),
                r.mentions.to_string(),
                r.articles.to_string(),
            ]
        })
        .collect()
}

/// Every article, in corpus order.
pub fn articles(lib: &Library) -> Vec<ArticleRow<'_>> {
    lib.corpus
        .iter()
        .map(|(id, _)| article_row(lib, id))
        .collect()
}

/// Article `id`'s row, for `dossier list` and for exports.
pub fn article_row(lib: &Library, id: crate::corpus::DocId) -> ArticleRow<'_> {
    let a = &lib.corpus.articles[id.ix()];
    ArticleRow {
        id: &a.id,
        title: a.display_title(),
        byline: a.meta().byline.as_deref(),
        source: a.meta().source.as_deref(),
        date: a.meta().date.as_deref(),
        url: a.meta().url.as_deref(),
        actors: lib.actors.actor_count(id),
        marks: None,
    }
}

/// Every actor, most mentioned first.
pub fn actors(lib: &Library) -> Vec<ActorRow<'_>> {
    lib.actors
        .iter()
        .map(|a| ActorRow {
            name: a.name,
            kind: a.kind,
            mentions: a.mentions,
            articles: a.articles,
            variants: a.spellings(),
        })
        .collect()
}

/// Every mention of `actor` (or of every actor), in corpus order.
pub fn mentions(lib: &Library, actor: Option<ActorId>) -> Vec<MentionRow<'_>> {
    let all: Box<dyn Iterator<Item = (DocId, crate::actors::Mention)>> = match actor {
        Some(a) => Box::new(lib.actors.of_actor(a)),
        None => Box::new(lib.actors.all_mentions()),
    };
    all.map(|(doc, m)| {
        let article = &lib.corpus.articles[doc.ix()];
        let found = &article.text[m.range()];
        let (left, right) = text::context(&article.text, m.range(), CONTEXT_CELLS);
        let actor = lib.actors.get(m.actor);
        MentionRow {
            actor: actor.name,
            kind: actor.kind,
            article: &article.id,
            start: m.start,
            end: m.end,
            text: found,
            context: format!(
                "{}{}{}",
                left.trim_start(),
                text::safe_line(found),
                right.trim_end()
            ),
        }
    })
    .collect()
}

/// One actor named with another, as `dossier related` prints it.
#[derive(Debug, Serialize)]
pub struct RelatedRow<'a> {
    /// "sentence" or "article": where the two are named together.
    pub scope: &'static str,
    /// The other actor's canonical name.
    pub name: &'a str,
    /// Its kind.
    pub kind: Kind,
    /// Sentences (or articles) naming both.
    pub together: u32,
    /// How many chance predicts.
    pub expected: f64,
    /// `together` over `expected`.
    pub lift: f64,
    /// Log-likelihood ratio (G²) of `together` against chance; the rank.
    pub score: f64,
}

/// The actors named with `actor`: same sentence first, then same article,
/// each best first.
pub fn related(lib: &Library, actor: ActorId) -> Vec<RelatedRow<'_>> {
    let r = crate::actors::related::related(&lib.corpus, &lib.actors, actor, None);
    let rows = |scope: &'static str, list: Vec<crate::actors::related::Related>| {
        list.into_iter()
            .map(move |x| {
                let a = lib.actors.get(x.actor);
                RelatedRow {
                    scope,
                    name: a.name,
                    kind: a.kind,
                    together: x.together,
                    expected: (x.expected * 100.0).round() / 100.0,
                    lift: (x.lift() * 100.0).round() / 100.0,
                    score: (x.score * 100.0).round() / 100.0,
                }
            })
            .collect::<Vec<_>>()
    };
    let mut out = rows("sentence", r.sentences);
    out.extend(rows("article", r.articles));
    out
}

/// Cells of [`related`] rows for the aligned table.
pub fn related_table(rows: &[RelatedRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.scope.to_owned(),
                text::safe_line(r.name).into_owned(),
                r.kind.name().to_owned(),
                r.together.to_string(),
                format!("{:.2}", r.expected),
                format!("{:.1}", r.lift),
                format!("{:.1}", r.score),
            ]
        })
        .collect()
}

/// The fewest cells `dossier mentions --kwic` gives a line's text.
const KWIC_TEXT_MIN: usize = 36;

/// Writes the concordance of `actor` as lines `width` cells wide: the left
/// context right-aligned so every mention starts in the same column, the
/// mention, the right context, and the article id, whole (a line is wider
/// than `width` only when the ids leave the text less than
/// [`KWIC_TEXT_MIN`]). Each line is written as it is cut, so an actor
/// named a million times needs no million strings.
pub fn write_kwic(
    out: &mut impl Write,
    lib: &Library,
    actor: ActorId,
    by: KwicSort,
    width: usize,
) -> io::Result<()> {
    let mut lines = concordance::lines(&lib.corpus, &lib.actors, actor, None);
    concordance::sort(&lib.corpus, &lib.actors, &mut lines, by);
    // The id is never cut (a script reads it to open the article): a narrow
    // width takes from the context, down to a floor that still shows the
    // name with a few words around it.
    let id_w = lib
        .actors
        .docs_of_mentions(&lines)
        .map(|d| text::display_width(&text::safe_line(&lib.corpus.articles[d.ix()].id)))
        .max()
        .unwrap_or(0);
    let text_w = width.saturating_sub(id_w + 2).max(KWIC_TEXT_MIN);
    let mut line = String::new();
    for &i in &lines {
        let (d, m) = lib.actors.mention(i);
        let l = concordance::kwic_line(&lib.corpus, d, &m, text_w);
        let id = &lib.corpus.articles[d.ix()].id;
        line.clear();
        line.push_str(&l.left);
        line.push_str(&l.keyword);
        line.push_str(&l.right);
        line.push_str("  ");
        line.push_str(&text::fit(&text::safe_line(id), id_w));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// One timeline row, as `dossier timeline` prints it.
#[derive(Debug, Serialize)]
pub struct TimelineRow<'a> {
    /// The date at its precision as ISO 8601 ("2024-10-04", "2024-06",
    /// "2003", "--10-04" when the year is unknown), or null when undated.
    pub date: Option<String>,
    /// The end of a range, likewise.
    pub until: Option<String>,
    /// The date as a reader writes it ("4 October 2024?"); undated, the
    /// words that could not be placed ("Friday?"), as the TUI shows them.
    pub label: String,
    /// How precisely the date is known: "day", "month" or "year".
    pub precision: Option<crate::story::dates::Precision>,
    /// Whether the year (or all of the date) was read from context (never
    /// for an undated row: nothing was).
    pub inferred: bool,
    /// How many articles report it.
    pub sources: u32,
    /// The actors named, most often first.
    pub actors: Vec<&'a str>,
    /// Each report: article, the sentence and the dated expression.
    pub events: Vec<EventRow<'a>>,
}

/// One article's report of a timeline event.
#[derive(Debug, Serialize)]
pub struct EventRow<'a> {
    /// The article id.
    pub article: &'a str,
    /// The dated expression as written.
    pub expression: &'a str,
    /// Byte span of the expression in the article's full text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// The sentence holding it.
    pub sentence: &'a str,
    /// The article, for its title.
    #[serde(skip)]
    pub doc: DocId,
    /// Byte offset of the sentence in the article's text.
    #[serde(skip)]
    pub sentence_start: u32,
}

/// Whether article `d` is among `within` (sorted), or there is no such
/// list: how an export or report narrowed to some articles keeps them.
pub fn kept_in(within: Option<&[DocId]>, d: DocId) -> bool {
    within.is_none_or(|w| w.binary_search(&d).is_ok())
}

/// The timeline: every row in date order, undated ones last.
pub fn timeline(lib: &Library) -> Vec<TimelineRow<'_>> {
    timeline_of(lib, None, None)
}

/// The timeline as the TUI's `t` lists it: the rows with an event naming
/// `actor` (any, without one) in the articles `within` (sorted; all
/// without it), each with every source's report from those articles,
/// and its sources counted in them.
pub fn timeline_of<'a>(
    lib: &'a Library,
    actor: Option<ActorId>,
    within: Option<&[DocId]>,
) -> Vec<TimelineRow<'a>> {
    let t = &lib.story().timeline;
    let keep = |d| kept_in(within, d);
    t.rows(actor, &keep)
        .into_iter()
        .map(|i| (i as usize, &t.groups[i as usize]))
        .map(|(i, g)| TimelineRow {
            date: g.when.map(|w| w.iso()),
            until: g.until.map(|w| w.iso()),
            label: t.row_label(i, &lib.corpus),
            precision: g.when.map(|w| w.precision()),
            inferred: g.inferred && g.when.is_some(),
            sources: match within {
                None => g.sources,
                Some(_) => t.sources_kept(i, &keep),
            },
            actors: t
                .group_actors(i)
                .iter()
                .map(|&a| lib.actors.get(a).name)
                .collect(),
            events: t
                .members(i, None, &keep)
                .map(|e| {
                    let e = &t.events[e as usize];
                    let a = &lib.corpus.articles[e.doc.ix()];
                    EventRow {
                        article: &a.id,
                        expression: &a.text[e.date.span.start as usize..e.date.span.end as usize],
                        start: e.date.span.start,
                        end: e.date.span.end,
                        sentence: &a.text[e.sentence.start as usize..e.sentence.end as usize],
                        doc: e.doc,
                        sentence_start: e.sentence.start,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The name JSON gives a value of a fieldless enum ("day", "reported"),
/// for the formats that write it as a word.
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Cells of [`timeline`] rows: date, sources, actors, first article and
/// its sentence.
pub fn timeline_table(rows: &[TimelineRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let first = &r.events[0];
            let mut actors: Vec<&str> = r.actors.iter().take(3).copied().collect();
            if r.actors.len() > 3 {
                actors.push("…");
            }
            vec![
                r.label.clone(),
                r.sources.to_string(),
                actors.join(", "),
                first.article.to_owned(),
                text::safe_line(first.sentence).into_owned(),
            ]
        })
        .collect()
}

/// One statement, as `dossier quotes` prints it.
#[derive(Debug, Serialize)]
pub struct QuoteRow<'a> {
    /// Who made it.
    pub speaker: &'a str,
    /// The article id.
    pub article: &'a str,
    /// The article's date, when the corpus gives one.
    pub date: Option<&'a str>,
    /// "direct" (in quotation marks) or "reported".
    pub speech: crate::story::quotes::Speech,
    /// How the speaker was identified: "name", "pronoun" or "title".
    pub via: crate::story::quotes::Via,
    /// Byte span of the statement in the article's full text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// The statement.
    pub text: &'a str,
    /// The article, for its title.
    #[serde(skip)]
    pub doc: DocId,
}

/// The statements attributed to `actor`, in corpus order.
pub fn quotes(lib: &Library, actor: ActorId) -> Vec<QuoteRow<'_>> {
    quotes_within(lib, actor, None)
}

/// The statements attributed to `actor` in the articles `within`
/// (sorted; all without it), in corpus order.
pub fn quotes_within<'a>(
    lib: &'a Library,
    actor: ActorId,
    within: Option<&[DocId]>,
) -> Vec<QuoteRow<'a>> {
    lib.story()
        .quotes_of(actor)
        .iter()
        .filter(|q| kept_in(within, q.doc))
        .map(|q| {
            let a = &lib.corpus.articles[q.doc.ix()];
            QuoteRow {
                speaker: lib.actors.get(q.speaker).name,
                article: &a.id,
                date: a.meta().date.as_deref(),
                speech: q.speech,
                via: q.via,
                start: q.text.start,
                end: q.text.end,
                text: &a.text[q.text.start as usize..q.text.end as usize],
                doc: q.doc,
            }
        })
        .collect()
}

/// Cells of [`quotes`] rows.
pub fn quote_table(rows: &[QuoteRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let speech = serde_name(&r.speech);
            let text = match r.speech {
                crate::story::quotes::Speech::Direct => format!("“{}”", r.text),
                crate::story::quotes::Speech::Reported => r.text.to_owned(),
            };
            vec![
                r.article.to_owned(),
                r.date.unwrap_or("-").to_owned(),
                speech,
                text::safe_line(&text).into_owned(),
            ]
        })
        .collect()
}

/// The story as a Markdown briefing: the timeline (the `events` dated
/// events the most sources report), then what each of the `speakers`
/// actors with the most statements said, each with its source.
/// Corpus text is made safe to print and kept on one line per item.
pub fn briefing(lib: &Library, events: usize, speakers: usize) -> String {
    use std::fmt::Write as _;
    let one_line = |s: &str| text::fold_spaces(s);
    let title = |d: crate::corpus::DocId| one_line(lib.corpus.articles[d.ix()].display_title());
    let story = lib.story();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Briefing: {}\n",
        one_line(&lib.corpus.origin.to_string())
    );
    // An event whose date could not be placed ("on Friday" in an article
    // without a date, or "in July" of no known year) says nothing a
    // briefing's reader can use: such events are counted, not listed (on
    // bbc they were 58% of the list).
    let groups = &story.timeline.groups;
    let mut listed: Vec<usize> = (0..groups.len())
        .filter(|&i| groups[i].when.is_some_and(|w| w.year.is_some()))
        .collect();
    let dated = listed.len();
    let undated = match groups.len() - dated {
        0 => String::new(),
        n => format!(
            " ({} without a date to place {} left out)",
            crate::text::count(n, "event", "events"),
            if n == 1 { "it is" } else { "them are" }
        ),
    };
    let _ = writeln!(
        out,
        "{}, {}{undated}, {}. Dates marked ? take their year from context.\n",
        crate::text::count(lib.corpus.len(), "article", "articles"),
        crate::text::count(dated, "dated event", "dated events"),
        crate::text::count(story.quotes().len(), "statement", "statements")
    );
    // A briefing is read, not searched: on bbc the timeline had 2,463
    // dated events. It lists the `events` that the most sources report,
    // still in date order, and says how to ask for more.
    let more = dated > events;
    if more {
        listed.sort_by_key(|&i| (std::cmp::Reverse(groups[i].sources), i));
        listed.truncate(events);
        listed.sort_unstable();
    }
    if !listed.is_empty() {
        let _ = writeln!(out, "## Timeline\n");
    }
    if more {
        let _ = writeln!(
            out,
            "The {} that the most sources report (`--events N` for more).\n",
            crate::text::count(events, "event", "events")
        );
    }
    for (i, g) in listed.into_iter().map(|i| (i, &groups[i])) {
        let e = &story.timeline.events[story.timeline.group_events(i)[0] as usize];
        let a = &lib.corpus.articles[e.doc.ix()];
        let label = g.label();
        let sources = if g.sources > 1 {
            format!(" ({} sources)", g.sources)
        } else {
            String::new()
        };
        let sentence = one_line(&a.text[e.sentence.start as usize..e.sentence.end as usize]);
        let _ = writeln!(
            out,
            "- **{label}**{sources}: {sentence} — *{}*",
            title(e.doc)
        );
    }
    let mut by: Vec<(ActorId, usize)> = Vec::new();
    for q in story.quotes() {
        match by.last_mut() {
            Some((a, n)) if *a == q.speaker => *n += 1,
            _ => by.push((q.speaker, 1)),
        }
    }
    by.sort_by_key(|&(a, n)| (std::cmp::Reverse(n), a));
    // No speakers asked for (--speakers 0): no heading over nothing.
    if speakers == 0 {
        return out;
    }
    let _ = writeln!(out, "\n## Who said what");
    if by.is_empty() {
        let _ = writeln!(
            out,
            "\nNo statement in these articles is attributed to an actor."
        );
    }
    for &(actor, _) in by.iter().take(speakers) {
        let _ = writeln!(out, "\n### {}\n", one_line(lib.actors.get(actor).name));
        for q in story.quotes_of(actor) {
            let said = one_line(
                &lib.corpus.articles[q.doc.ix()].text[q.text.start as usize..q.text.end as usize],
            );
            let said = match q.speech {
                crate::story::quotes::Speech::Direct => format!("“{said}”"),
                crate::story::quotes::Speech::Reported => format!("(reported) {said}"),
            };
            let _ = writeln!(out, "> {said}\n>\n> — *{}*\n", title(q.doc));
        }
    }
    out
}

/// Writes rows as a JSON array, one object per line.
pub fn write_json<T: Serialize>(mut out: impl Write, rows: &[T]) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, row) in rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter);
        // (A JSON error from writing keeps its io kind, so a closed pipe
        // is still seen as one.)
        row.serialize(&mut ser).map_err(io::Error::from)?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })
}

/// The widest a column but the last may grow, in cells: one huge cell (a
/// name glued to a 4,000-letter word) is cut with an ellipsis rather than
/// padding every row to its width.
const MAX_CELL: usize = 60;

/// Writes rows as aligned columns under a header; the last column is not
/// padded, and no other is wider than `MAX_CELL` cells. Every cell is made
/// safe to print.
pub fn write_table(mut out: impl Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            let w = text::display_width(&text::safe_line(cell)).min(MAX_CELL);
            widths[i] = widths[i].max(w);
        }
    }
    let mut line = String::new();
    let mut emit = |cells: &mut dyn Iterator<Item = &str>, out: &mut dyn Write| -> io::Result<()> {
        line.clear();
        for (i, cell) in cells.enumerate() {
            if i + 1 < cols {
                line.push_str(&text::pad(cell, widths[i]));
                line.push_str("  ");
            } else {
                line.push_str(&text::safe_line(cell));
            }
        }
        writeln!(out, "{}", line.trim_end())
    };
    emit(&mut header.iter().copied(), &mut out)?;
    for row in rows {
        emit(&mut row.iter().map(String::as_str), &mut out)?;
    }
    Ok(())
}

/// Plain-text rows for `dossier list`.
pub fn article_table(rows: &[ArticleRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.id.to_owned(),
                r.actors.to_string(),
                r.byline.or(r.source).unwrap_or("").to_owned(),
                r.title.to_owned(),
            ]
        })
        .collect()
}

/// Plain-text rows for `dossier actors`.
pub fn actor_table(rows: &[ActorRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let variants: Vec<String> = r
                .variants
                .iter()
                .map(|v| format!("{} ({})", v.text, v.count))
                .collect();
            vec![
                r.name.to_owned(),
                r.kind.name().to_owned(),
                r.mentions.to_string(),
                r.articles.to_string(),
                variants.join(", "),
            ]
        })
        .collect()
}

/// Plain-text rows for `dossier mentions`.
pub fn mention_table(rows: &[MentionRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.actor.to_owned(),
                r.article.to_owned(),
                format!("{}-{}", r.start, r.end),
                r.text.to_owned(),
                r.context.clone(),
            ]
        })
        .collect()
}

/// A JSON formatter that also escapes the characters JSON allows raw but a
/// terminal would act on (DEL, C1 controls, bidirectional overrides), so
/// JSON output is safe to print yet parses back to the exact text.
pub struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut last = 0;
        for (i, c) in fragment.char_indices() {
            if text::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[last..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                last = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[last..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_parses_back() {
        #[derive(Serialize)]
        struct T<'a> {
            s: &'a str,
        }
        let nasty = "a\x1b[2Jb\x7fc\u{9b}d\u{202e}e";
        let mut out = Vec::new();
        write_json(&mut out, &[T { s: nasty }]).unwrap();
        assert!(out.iter().all(|&b| b >= 0x20 || b == b'\n'), "{out:?}");
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{202e}') && !text.contains('\u{9b}') && !text.contains('\x7f'));
        let back: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0]["s"], nasty);
    }

    #[test]
    fn one_huge_cell_is_cut_rather_than_widening_every_row() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["x".repeat(4000), "person".to_owned()],
            vec!["Angela Merkel".to_owned(), "person".to_owned()],
        ];
        write_table(&mut out, &["NAME", "KIND"], &rows).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[2],
            format!("{}  person", text::pad("Angela Merkel", MAX_CELL))
        );
        assert!(
            lines[1].contains('…') && lines[1].ends_with("  person"),
            "{out}"
        );
    }

    #[test]
    fn tables_align_wide_text() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["北京".to_owned(), "x".to_owned()],
            vec!["ab".to_owned(), "y".to_owned()],
        ];
        write_table(&mut out, &["NAME", "V"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NAME  V\n北京  x\nab    y\n"
        );
    }
}
