//! Export: the articles, the actors with their counts, one actor's
//! mentions, the timeline or one actor's statements, written as JSON, CSV
//! (RFC 4180) or a Markdown briefing.
//!
//! `dossier export` and the TUI's `x` both describe what to write as a
//! [`Selection`] and call [`write()`], which writes to any [`Write`]; a file
//! is written with [`write_file`], atomically. Owns: the export formats
//! and the atomic file write. Must not touch: the terminal, the clock (a
//! caller names the file).
//!
//! JSON keeps the corpus text exactly (escaping what a terminal would act
//! on, see [`crate::report::SafeFormatter`]). CSV and Markdown have no
//! such escapes, so there control characters become visible placeholders
//! ([`crate::text`]), as everywhere dossier prints.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::actors::sentences::{sentence_span, sentence_starts};
use crate::actors::{ActorId, Kind, Variant};
use crate::corpus::DocId;
use crate::library::Library;
use crate::search::{ActorHit, Hits};
use crate::text;

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// An array of objects with stable field names.
    Json,
    /// RFC 4180: a header row, CRLF line ends, quotes where needed.
    Csv,
    /// A briefing to read: headings, bylines, mentions as block quotes.
    Markdown,
}

impl Format {
    /// Every format, in the order the export overlay offers them.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Csv, Format::Json];

    /// The name the CLI takes, which is also the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
        }
    }

    /// The format named `name` (`json`, `csv`, `md` or `markdown`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// What an export holds, before it is chosen in detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum What {
    /// Articles, one record each.
    Articles,
    /// Actors with their counts.
    Actors,
    /// One actor's mentions, each with its sentence.
    Mentions,
    /// The timeline's dated events, each with every source's report.
    Timeline,
    /// One actor's statements: quotes and reported speech.
    Statements,
}

impl What {
    /// Every kind of export, in the order the export overlay offers them.
    pub const ALL: [What; 5] = [
        What::Articles,
        What::Actors,
        What::Mentions,
        What::Timeline,
        What::Statements,
    ];

    /// The name the CLI takes and file names use.
    pub fn name(self) -> &'static str {
        match self {
            What::Articles => "articles",
            What::Actors => "actors",
            What::Mentions => "mentions",
            What::Timeline => "timeline",
            What::Statements => "statements",
        }
    }

    /// What one of its records is called, and more than one.
    pub fn nouns(self) -> (&'static str, &'static str) {
        match self {
            What::Articles => ("article", "articles"),
            What::Actors => ("actor", "actors"),
            What::Mentions => ("mention", "mentions"),
            What::Timeline => ("event", "events"),
            What::Statements => ("statement", "statements"),
        }
    }

    /// `n` of its records, in words: "1 article", "12 events".
    pub fn records(self, n: usize) -> String {
        let (one, many) = self.nouns();
        text::count(n, one, many)
    }

    /// Whether it is about one actor, whose name the file takes.
    pub fn of_one_actor(self) -> bool {
        matches!(self, What::Mentions | What::Statements)
    }
}

/// A written export, as the binary reports it to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// What it holds.
    pub what: What,
    /// Where it is, as the user should read it.
    pub path: String,
    /// How many records it holds.
    pub records: usize,
}

/// Exactly what to write: the rows are decided by whoever asks (the CLI
/// from a query, the app from what it lists), the formatting here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These articles, in this order.
    Articles(Vec<DocId>),
    /// These actors with these counts, in this order; counted in the
    /// articles `within` (sorted) when it is given, whose mentions then
    /// give the spellings' counts too.
    Actors {
        /// The actors and their counts.
        hits: Vec<ActorHit>,
        /// The articles they were counted in, sorted; `None` for all.
        within: Option<Vec<DocId>>,
    },
    /// The mentions of `actor`, in corpus order; only those in `within`
    /// (sorted) when it is given.
    Mentions {
        /// Whose mentions.
        actor: ActorId,
        /// The articles to take them from, sorted; `None` for all.
        within: Option<Vec<DocId>>,
    },
    /// The timeline's rows with an event naming `actor` (any without
    /// one) in the articles `within` (sorted; `None` for all), in date
    /// order, each with its reports from those articles.
    Timeline {
        /// Whose events, if one actor's.
        actor: Option<ActorId>,
        /// The articles to take them from, sorted; `None` for all.
        within: Option<Vec<DocId>>,
    },
    /// The statements of `actor` in the articles `within` (sorted; `None`
    /// for all), in corpus order.
    Statements {
        /// Who said them.
        actor: ActorId,
        /// The articles to take them from, sorted; `None` for all.
        within: Option<Vec<DocId>>,
    },
}

impl Selection {
    /// Whether it holds nothing to write: no article, no actor, no
    /// article to take mentions from (an actor's mentions over the whole
    /// corpus are never none), or no event or statement in `lib`'s story
    /// (read, if it was not yet).
    pub fn is_empty(&self, lib: &Library) -> bool {
        let kept = |within: &Option<Vec<DocId>>, d| crate::report::kept_in(within.as_deref(), d);
        match self {
            Selection::Articles(docs) => docs.is_empty(),
            Selection::Actors { hits, .. } => hits.is_empty(),
            Selection::Mentions { within, .. } => within.as_ref().is_some_and(Vec::is_empty),
            Selection::Timeline { actor, within } => {
                let t = &lib.story().timeline;
                let keep = |d| kept(within, d);
                (0..t.groups.len()).all(|g| t.members(g, *actor, &keep).next().is_none())
            }
            Selection::Statements { actor, within } => !lib
                .story()
                .quotes_of(*actor)
                .iter()
                .any(|q| kept(within, q.doc)),
        }
    }
}

impl Selection {
    /// The articles matching a query (`hits`, best first), or every
    /// article in corpus order; only those naming `naming` when given.
    pub fn articles(lib: &Library, hits: Option<&Hits>, naming: Option<ActorId>) -> Selection {
        let mut docs: Vec<DocId> = match hits {
            Some(h) => h.docs.clone(),
            None => lib.corpus.iter().map(|(id, _)| id).collect(),
        };
        if let Some(a) = naming {
            let named = lib.actors.docs_of(a);
            docs.retain(|d| named.binary_search(d).is_ok());
        }
        Selection::Articles(docs)
    }

    /// The actors counted over a query's matches, or over the corpus, most
    /// mentioned first.
    pub fn actors(lib: &Library, hits: Option<&Hits>) -> Selection {
        match hits {
            Some(h) => Selection::Actors {
                hits: h.actors.clone(),
                within: Some(h.in_corpus_order()),
            },
            None => Selection::Actors {
                hits: ActorHit::all(&lib.actors),
                within: None,
            },
        }
    }

    /// The mentions of `actor` in a query's matches, or in every article.
    pub fn mentions(actor: ActorId, hits: Option<&Hits>) -> Selection {
        Selection::Mentions {
            actor,
            within: hits.map(Hits::in_corpus_order),
        }
    }

    /// The timeline's events (naming `actor`, when given) in a query's
    /// matches, or in every article.
    pub fn timeline(actor: Option<ActorId>, hits: Option<&Hits>) -> Selection {
        Selection::Timeline {
            actor,
            within: hits.map(Hits::in_corpus_order),
        }
    }

    /// The statements of `actor` in a query's matches, or in every
    /// article.
    pub fn statements(actor: ActorId, hits: Option<&Hits>) -> Selection {
        Selection::Statements {
            actor,
            within: hits.map(Hits::in_corpus_order),
        }
    }

    /// Which kind of export this is.
    pub fn what(&self) -> What {
        match self {
            Selection::Articles(_) => What::Articles,
            Selection::Actors { .. } => What::Actors,
            Selection::Mentions { .. } => What::Mentions,
            Selection::Timeline { .. } => What::Timeline,
            Selection::Statements { .. } => What::Statements,
        }
    }

    /// Whom it is about, as its file is named: the actor whose mentions
    /// or statements it holds.
    pub fn actor(&self) -> Option<ActorId> {
        match self {
            Selection::Mentions { actor, .. } | Selection::Statements { actor, .. } => Some(*actor),
            Selection::Timeline { actor, .. } => *actor,
            Selection::Articles(_) | Selection::Actors { .. } => None,
        }
    }
}

/// One article of an export: the row `dossier list` prints.
pub use crate::report::ArticleRow as ArticleRecord;
use crate::report::RowMarks;
use crate::state::Marks;

/// One actor of an export, with the counts the selection gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRecord<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// Kind.
    pub kind: Kind,
    /// Mentions (in the selected articles, when a query chose them).
    pub mentions: u32,
    /// Articles naming it (likewise).
    pub articles: u32,
    /// Spellings seen across the corpus, with counts.
    pub variants: Cow<'a, [Variant]>,
}

/// One mention of an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRecord<'a> {
    /// The actor's canonical name.
    pub actor: &'a str,
    /// The article id.
    pub article: &'a str,
    /// The article's title.
    pub title: &'a str,
    /// Byte offset of the mention in the article's full text.
    pub start: u32,
    /// Byte offset just past the mention.
    pub end: u32,
    /// The mention as written.
    pub text: &'a str,
    /// The sentence holding it.
    pub sentence: &'a str,
    /// The article, for grouping.
    #[serde(skip)]
    pub doc: DocId,
    /// Byte offset of the sentence in the article's text.
    #[serde(skip)]
    pub sentence_start: usize,
}

/// The records of an article selection, with the reader's marks.
pub fn article_records<'a>(
    lib: &'a Library,
    docs: &[DocId],
    marks: &'a Marks,
) -> Vec<ArticleRecord<'a>> {
    docs.iter()
        .filter(|d| d.ix() < lib.corpus.len())
        .map(|&d| {
            let mut row = crate::report::article_row(lib, d);
            row.marks = Some(RowMarks::of(marks, row.id));
            row
        })
        .collect()
}

/// The records of an actor selection: the spellings counted in the
/// articles `within` when given, as the mentions and articles are.
pub fn actor_records<'a>(
    lib: &'a Library,
    hits: &[ActorHit],
    within: Option<&[DocId]>,
) -> Vec<ActorRecord<'a>> {
    hits.iter()
        .filter(|h| h.actor.ix() < lib.actors.len())
        .map(|h| {
            let a = lib.actors.get(h.actor);
            let variants = match within {
                None => a.spellings(),
                Some(docs) => Cow::Owned(spellings_within(lib, h.actor, docs)),
            };
            ActorRecord {
                name: a.name,
                kind: a.kind,
                mentions: h.mentions,
                articles: h.articles,
                variants,
            }
        })
        .collect()
}

/// How `actor`'s mentions in the articles `docs` (sorted) spell it, most
/// frequent first: what [`crate::actors::Actor::spellings`] says of the
/// whole corpus, counted in these articles only.
pub fn spellings_within(lib: &Library, actor: ActorId, docs: &[DocId]) -> Vec<Variant> {
    let mut counts: Vec<(&str, u32)> = Vec::new();
    for (doc, m) in lib.actors.of_actor(actor) {
        if docs.binary_search(&doc).is_err() {
            continue;
        }
        let text = &lib.corpus.articles[doc.ix()].text[m.range()];
        match counts.iter_mut().find(|(t, _)| *t == text) {
            Some((_, n)) => *n += 1,
            None => counts.push((text, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    counts
        .into_iter()
        .map(|(text, count)| Variant {
            text: text.to_owned(),
            count,
        })
        .collect()
}

/// The records of a mention selection, each with its sentence (sentences
/// are found once per article).
pub fn mention_records<'a>(
    lib: &'a Library,
    actor: ActorId,
    within: Option<&[DocId]>,
) -> Vec<MentionRecord<'a>> {
    if actor.ix() >= lib.actors.len() {
        return Vec::new();
    }
    let name = lib.actors.get(actor).name;
    let mut out = Vec::new();
    let mut starts: (Option<DocId>, Vec<u32>) = (None, Vec::new());
    for (doc, m) in lib.actors.of_actor(actor) {
        if !crate::report::kept_in(within, doc) {
            continue;
        }
        let a = &lib.corpus.articles[doc.ix()];
        if starts.0 != Some(doc) {
            starts = (Some(doc), sentence_starts(&a.text));
        }
        let s = sentence_span(&a.text, &starts.1, m.start as usize);
        out.push(MentionRecord {
            actor: name,
            article: &a.id,
            title: a.display_title(),
            start: m.start,
            end: m.end,
            text: &a.text[m.range()],
            sentence: &a.text[s.clone()],
            doc,
            sentence_start: s.start,
        });
    }
    out
}

/// Writes `sel` over `lib` as `format`; returns how many records it wrote.
/// `scope` says in words what chose the rows (`matching "putin"`), for the
/// Markdown heading; articles carry the reader's `marks` (bookmark, read,
/// note).
pub fn write(
    out: &mut dyn Write,
    lib: &Library,
    sel: &Selection,
    format: Format,
    scope: Option<&str>,
    marks: &Marks,
) -> io::Result<usize> {
    match sel {
        Selection::Articles(docs) => {
            let rows = article_records(lib, docs, marks);
            match format {
                Format::Json => crate::report::write_json(out, &rows)?,
                Format::Csv => write_csv(out, &rows, |r| {
                    let m = r.marks.unwrap_or(RowMarks::NONE);
                    vec![
                        r.id.into(),
                        r.title.into(),
                        r.byline.unwrap_or("").into(),
                        r.source.unwrap_or("").into(),
                        r.date.unwrap_or("").into(),
                        r.url.unwrap_or("").into(),
                        r.actors.to_string().into(),
                        m.bookmarked.to_string().into(),
                        m.read.to_string().into(),
                        m.note.unwrap_or("").into(),
                    ]
                })?,
                Format::Markdown => {
                    out.write_all(articles_md(lib, docs, &rows, scope).as_bytes())?
                }
            }
            Ok(rows.len())
        }
        Selection::Actors { hits, within } => {
            let rows = actor_records(lib, hits, within.as_deref());
            match format {
                Format::Json => crate::report::write_json(out, &rows)?,
                Format::Csv => write_csv(out, &rows, |r| {
                    vec![
                        r.name.into(),
                        r.kind.name().into(),
                        r.mentions.to_string().into(),
                        r.articles.to_string().into(),
                        spellings(&r.variants).into(),
                    ]
                })?,
                Format::Markdown => out.write_all(actors_md(lib, &rows, scope).as_bytes())?,
            }
            Ok(rows.len())
        }
        Selection::Mentions { actor, within } => {
            let rows = mention_records(lib, *actor, within.as_deref());
            match format {
                Format::Json => crate::report::write_json(out, &rows)?,
                Format::Csv => write_csv(out, &rows, |r| {
                    vec![
                        r.actor.into(),
                        r.article.into(),
                        r.title.into(),
                        r.start.to_string().into(),
                        r.end.to_string().into(),
                        r.text.into(),
                        r.sentence.into(),
                    ]
                })?,
                Format::Markdown => {
                    out.write_all(mentions_md(lib, *actor, &rows, scope).as_bytes())?
                }
            }
            Ok(rows.len())
        }
        Selection::Timeline { actor, within } => {
            let rows = crate::report::timeline_of(lib, *actor, within.as_deref());
            match format {
                Format::Json => crate::report::write_json(out, &rows)?,
                Format::Csv => {
                    // One line per report: a spreadsheet has no nesting.
                    let reports: Vec<TimelineReport> = rows
                        .iter()
                        .flat_map(|row| {
                            row.events
                                .iter()
                                .map(move |event| TimelineReport { row, event })
                        })
                        .collect();
                    write_csv(out, &reports, |r| {
                        vec![
                            r.row.date.as_deref().unwrap_or("").into(),
                            r.row.until.as_deref().unwrap_or("").into(),
                            r.row.label.as_str().into(),
                            r.row
                                .precision
                                .map(|p| serde_name(&p))
                                .unwrap_or_default()
                                .into(),
                            r.row.inferred.to_string().into(),
                            r.row.sources.to_string().into(),
                            r.row.actors.join("; ").into(),
                            r.event.article.into(),
                            r.event.expression.into(),
                            r.event.start.to_string().into(),
                            r.event.end.to_string().into(),
                            r.event.sentence.into(),
                        ]
                    })?
                }
                Format::Markdown => {
                    out.write_all(timeline_md(lib, *actor, &rows, scope).as_bytes())?
                }
            }
            Ok(rows.len())
        }
        Selection::Statements { actor, within } => {
            let rows = crate::report::quotes_within(lib, *actor, within.as_deref());
            match format {
                Format::Json => crate::report::write_json(out, &rows)?,
                Format::Csv => write_csv(out, &rows, |r| {
                    vec![
                        r.speaker.into(),
                        r.article.into(),
                        r.date.unwrap_or("").into(),
                        serde_name(&r.speech).into(),
                        serde_name(&r.via).into(),
                        r.start.to_string().into(),
                        r.end.to_string().into(),
                        r.text.into(),
                    ]
                })?,
                Format::Markdown => {
                    out.write_all(statements_md(lib, *actor, &rows, scope).as_bytes())?
                }
            }
            Ok(rows.len())
        }
    }
}

/// One source's report of a timeline row: a line of the CSV timeline.
struct TimelineReport<'r, 'a> {
    row: &'r crate::report::TimelineRow<'a>,
    event: &'r crate::report::EventRow<'a>,
}

use crate::report::serde_name;

/// The CSV header of each kind of export: the JSON field names, except
/// that an actor's spellings are one cell.
pub fn csv_header(what: What) -> &'static [&'static str] {
    match what {
        What::Articles => &[
            "id",
            "title",
            "byline",
            "source",
            "date",
            "url",
            "actors",
            "bookmarked",
            "read",
            "note",
        ],
        What::Actors => &["name", "kind", "mentions", "articles", "variants"],
        What::Mentions => &[
            "actor", "article", "title", "start", "end", "text", "sentence",
        ],
        What::Timeline => &[
            "date",
            "until",
            "label",
            "precision",
            "inferred",
            "sources",
            "actors",
            "article",
            "expression",
            "start",
            "end",
            "sentence",
        ],
        What::Statements => &[
            "speaker", "article", "date", "speech", "via", "start", "end", "text",
        ],
    }
}

/// Spellings as one CSV cell: `text (count)`, separated by `; `.
fn spellings(variants: &[Variant]) -> String {
    variants
        .iter()
        .map(|v| format!("{} ({})", v.text, v.count))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes rows as RFC 4180 CSV under the header of their kind.
fn write_csv<T>(
    out: &mut dyn Write,
    rows: &[T],
    cells: impl Fn(&T) -> Vec<Cow<'_, str>>,
) -> io::Result<()>
where
    T: RowKind,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(csv_header(T::WHAT)).map_err(csv_io)?;
    for r in rows {
        let row: Vec<Cow<'_, str>> = cells(r)
            .into_iter()
            .map(|c| {
                let safe = text::safe_text(&c).into_owned();
                if safe == c { c } else { Cow::Owned(safe) }
            })
            .collect();
        w.write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(csv_io)?;
    }
    w.flush()
}

/// A CSV error as an io error, keeping the kind of one from writing (csv's
/// own conversion makes every error `Other`, and a closed pipe must stay
/// one: `dossier export --format csv | head` is not a failure).
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Which export a record type belongs to.
trait RowKind {
    const WHAT: What;
}
impl RowKind for ArticleRecord<'_> {
    const WHAT: What = What::Articles;
}
impl RowKind for ActorRecord<'_> {
    const WHAT: What = What::Actors;
}
impl RowKind for MentionRecord<'_> {
    const WHAT: What = What::Mentions;
}
impl RowKind for TimelineReport<'_, '_> {
    const WHAT: What = What::Timeline;
}
impl RowKind for crate::report::QuoteRow<'_> {
    const WHAT: What = What::Statements;
}

// ---- Markdown -----------------------------------------------------------

/// `s` on one line, safe to print, with the characters Markdown would act
/// on escaped, so a title reads as written.
pub fn md_escape(s: &str) -> String {
    let folded = text::fold_spaces(s.trim());
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The briefing's heading and the line under it.
fn md_heading(out: &mut String, lib: &Library, title: &str, scope: Option<&str>) {
    let _ = writeln!(out, "# {title}\n");
    let from = md_escape(&lib.corpus.origin.to_string());
    match scope {
        Some(s) => {
            let _ = writeln!(out, "From {from}, {}.\n", md_escape(s));
        }
        None => {
            let _ = writeln!(out, "From {from}.\n");
        }
    }
}

/// Byline, source and date of an article, as one italic line (or nothing).
fn md_byline(a: &crate::corpus::Article) -> Option<String> {
    let parts: Vec<String> = [
        a.meta().byline.as_deref().map(|b| {
            if b.to_lowercase().starts_with("by ") {
                b.to_owned()
            } else {
                format!("By {b}")
            }
        }),
        a.meta().source.clone(),
        a.meta().date.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|p| md_escape(&p))
    .filter(|p| !p.is_empty())
    .collect();
    (!parts.is_empty()).then(|| format!("*{}*", parts.join(" · ")))
}

use crate::text::count as plural;

/// The articles as a briefing: each with its byline, link and the actors
/// it names most, and the marks its record (`rows`, one per doc) carries.
fn articles_md(
    lib: &Library,
    docs: &[DocId],
    rows: &[ArticleRecord<'_>],
    scope: Option<&str>,
) -> String {
    let mut out = String::new();
    md_heading(
        &mut out,
        lib,
        &format!("Articles ({})", crate::text::grouped(docs.len())),
        scope,
    );
    // (The rows carry the marks, looked up once for every format; they
    // were made of the docs the corpus has, as these are.)
    let articles = docs
        .iter()
        .filter_map(|&d| Some((d, lib.corpus.articles.get(d.ix())?)));
    for (i, ((d, a), row)) in articles.zip(rows).enumerate() {
        let m = row.marks.unwrap_or(RowMarks::NONE);
        let star = if m.bookmarked { " ★" } else { "" };
        let _ = writeln!(
            out,
            "## {}. {}{star}\n",
            i + 1,
            md_escape(a.display_title())
        );
        if let Some(b) = md_byline(a) {
            let _ = writeln!(out, "{b}\n");
        }
        if let Some(note) = m.note {
            let _ = writeln!(out, "> **Note:** {}\n", md_escape(note));
        }
        if let Some(url) = a.meta().url.as_deref().filter(|u| !u.trim().is_empty()) {
            let _ = writeln!(
                out,
                "<{}>\n",
                text::fold_spaces(url.trim()).replace('>', "%3E")
            );
        }
        let mut named: Vec<(ActorId, u32)> = lib.actors.actors_in(d).to_vec();
        named.sort_by_key(|&(a, n)| (std::cmp::Reverse(n), a));
        if !named.is_empty() {
            let top: Vec<String> = named
                .iter()
                .take(6)
                .map(|&(a, n)| format!("{} ({n})", md_escape(lib.actors.get(a).name)))
                .collect();
            let more = if named.len() > top.len() { ", …" } else { "" };
            let _ = writeln!(
                out,
                "Names {}: {}{more}\n",
                plural(named.len(), "actor", "actors"),
                top.join(", ")
            );
        }
        let _ = writeln!(out, "`{}`\n", text::fold_spaces(&a.id).replace('`', "'"));
    }
    out
}

/// The actors as a table.
fn actors_md(lib: &Library, rows: &[ActorRecord], scope: Option<&str>) -> String {
    let mut out = String::new();
    md_heading(
        &mut out,
        lib,
        &format!("Actors ({})", crate::text::grouped(rows.len())),
        scope,
    );
    out.push_str("| Actor | Kind | Mentions | Articles | Spellings |\n");
    out.push_str("| --- | --- | ---: | ---: | --- |\n");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md_escape(r.name),
            r.kind.name(),
            r.mentions,
            r.articles,
            md_escape(&spellings(&r.variants))
        );
    }
    out
}

/// One actor's mentions as a briefing: per article its title and byline,
/// then each sentence naming the actor as a block quote with the mention
/// in bold (a sentence naming it twice is quoted once).
fn mentions_md(
    lib: &Library,
    actor: ActorId,
    rows: &[MentionRecord],
    scope: Option<&str>,
) -> String {
    let mut out = String::new();
    let Some(who) = (actor.ix() < lib.actors.len()).then(|| lib.actors.get(actor)) else {
        return out;
    };
    let docs = {
        let mut ids: Vec<DocId> = rows.iter().map(|r| r.doc).collect();
        ids.dedup();
        ids.len()
    };
    md_heading(
        &mut out,
        lib,
        &format!(
            "{}: {} in {}",
            md_escape(who.name),
            plural(rows.len(), "mention", "mentions"),
            plural(docs, "article", "articles")
        ),
        scope,
    );
    let others: Vec<String> = who
        .spellings()
        .iter()
        .filter(|v| v.text != who.name)
        .map(|v| md_escape(&v.text))
        .collect();
    // "An organization", not "A organization"; "media" and "other" are
    // no nouns to put an article before.
    let what = match who.kind {
        Kind::Person => "A person",
        Kind::Organization => "An organization",
        Kind::Country => "A country",
        Kind::Place => "A place",
        Kind::Media => "A news outlet",
        Kind::Other => "An actor of no set kind",
    };
    if others.is_empty() {
        let _ = writeln!(out, "{what}.\n");
    } else {
        let _ = writeln!(out, "{what}, also written {}.\n", others.join(", "));
    }
    let mut i = 0;
    while i < rows.len() {
        let doc = rows[i].doc;
        let mut j = i;
        while j < rows.len() && rows[j].doc == doc {
            j += 1;
        }
        let a = &lib.corpus.articles[doc.ix()];
        let _ = writeln!(out, "## {}\n", md_escape(a.display_title()));
        if let Some(b) = md_byline(a) {
            let _ = writeln!(out, "{b}\n");
        }
        // Mentions sharing a sentence are quoted together.
        let mut k = i;
        while k < j {
            let sentence = rows[k].sentence_start;
            let mut l = k;
            while l < j && rows[l].sentence_start == sentence {
                l += 1;
            }
            let _ = writeln!(out, "> {}\n", quote(&rows[k..l]));
            k = l;
        }
        i = j;
    }
    out
}

/// A sentence with its mentions (all in it, in order) in bold.
fn quote(in_sentence: &[MentionRecord]) -> String {
    let s = in_sentence[0].sentence;
    let base = in_sentence[0].sentence_start;
    let mut out = String::new();
    let mut at = 0;
    for m in in_sentence {
        let (ms, me) = (
            (m.start as usize).saturating_sub(base),
            (m.end as usize).saturating_sub(base),
        );
        if ms < at || me > s.len() || !s.is_char_boundary(ms) || !s.is_char_boundary(me) {
            continue;
        }
        out.push_str(&md_escape_inline(&s[at..ms]));
        out.push_str("**");
        out.push_str(&md_escape(&s[ms..me]));
        out.push_str("**");
        at = me;
    }
    out.push_str(&md_escape_inline(&s[at..]));
    out.trim().to_owned()
}

/// Like [`md_escape`] but keeps the spaces at either end, for pieces of a
/// line.
fn md_escape_inline(s: &str) -> String {
    let lead = s.starts_with(char::is_whitespace);
    let trail = s.ends_with(char::is_whitespace) && !s.trim().is_empty();
    let core = md_escape(s);
    format!(
        "{}{core}{}",
        if lead { " " } else { "" },
        if trail { " " } else { "" }
    )
}

/// The timeline as a briefing: a heading per dated event, the actors it
/// names, then each source's sentence as a block quote with the date in
/// bold, and the article it is from.
fn timeline_md(
    lib: &Library,
    actor: Option<ActorId>,
    rows: &[crate::report::TimelineRow],
    scope: Option<&str>,
) -> String {
    let mut out = String::new();
    let of = actor
        .filter(|a| a.ix() < lib.actors.len())
        .map(|a| format!(" naming {}", md_escape(lib.actors.get(a).name)))
        .unwrap_or_default();
    md_heading(
        &mut out,
        lib,
        &format!("Timeline: {}{of}", What::Timeline.records(rows.len())),
        scope,
    );
    if rows.iter().any(|r| r.inferred) {
        out.push_str("Dates marked ? take their year from context.\n\n");
    }
    let title = |d: DocId| md_escape(lib.corpus.articles[d.ix()].display_title());
    for r in rows {
        let sources = if r.sources == 1 {
            String::new()
        } else {
            format!(" · {} sources", r.sources)
        };
        let _ = writeln!(out, "## {}{sources}\n", md_escape(&r.label));
        if !r.actors.is_empty() {
            let named: Vec<String> = r.actors.iter().take(8).map(|a| md_escape(a)).collect();
            let more = if r.actors.len() > named.len() {
                ", …"
            } else {
                ""
            };
            let _ = writeln!(out, "Names {}{more}.\n", named.join(", "));
        }
        for e in &r.events {
            let s = e.sentence;
            let at = e.start.saturating_sub(e.sentence_start) as usize;
            let end = e.end.saturating_sub(e.sentence_start) as usize;
            let bold = match (s.get(..at), s.get(at..end), s.get(end..)) {
                (Some(before), Some(x), Some(after)) if !x.is_empty() => format!(
                    "{}**{}**{}",
                    md_escape_inline(before),
                    md_escape(x),
                    md_escape_inline(after)
                ),
                _ => md_escape(s),
            };
            let _ = writeln!(out, "> {}\n>\n> — *{}*\n", bold.trim(), title(e.doc));
        }
    }
    out
}

/// One actor's statements as a briefing: per article its title and
/// byline, then each statement as a block quote, quotes in quotation
/// marks and reported speech marked so.
fn statements_md(
    lib: &Library,
    actor: ActorId,
    rows: &[crate::report::QuoteRow],
    scope: Option<&str>,
) -> String {
    use crate::story::quotes::Speech;
    let mut out = String::new();
    if actor.ix() >= lib.actors.len() {
        return out;
    }
    let docs = {
        let mut ids: Vec<DocId> = rows.iter().map(|r| r.doc).collect();
        ids.dedup();
        ids.len()
    };
    md_heading(
        &mut out,
        lib,
        &format!(
            "{}: {} in {}",
            md_escape(lib.actors.get(actor).name),
            What::Statements.records(rows.len()),
            plural(docs, "article", "articles")
        ),
        scope,
    );
    let mut last = None;
    for r in rows {
        if last != Some(r.doc) {
            last = Some(r.doc);
            let a = &lib.corpus.articles[r.doc.ix()];
            let _ = writeln!(out, "## {}\n", md_escape(a.display_title()));
            if let Some(b) = md_byline(a) {
                let _ = writeln!(out, "{b}\n");
            }
        }
        let said = md_escape(r.text);
        let _ = match r.speech {
            Speech::Direct => writeln!(out, "> “{said}”\n"),
            Speech::Reported => writeln!(out, "> (reported) {said}\n"),
        };
    }
    out
}

// ---- files --------------------------------------------------------------

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", text::safe_line(&path.display().to_string()))]
pub struct WriteError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// What went wrong.
    #[source]
    pub source: io::Error,
}

/// Writes `path` atomically: `fill` writes into a temporary file in the
/// same folder, which is flushed to disk and then renamed over `path`. On
/// any error the temporary file is removed and `path` is left as it was.
/// An existing file keeps its permissions; a new one gets the usual ones
/// (0666 less the umask). A read-only file is refused, as `>` in a shell
/// refuses it: the rename would replace it regardless.
///
/// A symbolic link is followed: the file it leads to is written, and the
/// link stays. A pipe, a device or anything else that is no plain file is
/// written in place, as `>` does, since renaming over it would replace it.
pub fn write_file<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, WriteError> {
    let err = |source: io::Error| WriteError {
        path: path.to_owned(),
        source,
    };
    // A descriptor's name (/dev/fd/3) leads, as a link, to whatever the
    // descriptor has open, a file or "pipe:[…]": it is written through,
    // in place, never renamed over.
    let through = descriptor(path).map(|(at, _)| at);
    let in_place = through.is_some();
    let target = match through {
        Some(at) => at,
        None => follow_links(path).map_err(err)?,
    };
    let path = target.as_path();
    let old = std::fs::metadata(path).ok();
    if in_place || old.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .map_err(err)?;
        let mut w = io::BufWriter::new(file);
        let value = fill(&mut w).map_err(err)?;
        w.flush().map_err(err)?;
        return Ok(value);
    }
    let (dir, name) = split_path(path).map_err(err)?;
    if old.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only (make it writable, or write to another name)",
        )));
    }
    #[cfg(unix)]
    let perms = old.map(|m| m.permissions());
    #[cfg(not(unix))]
    let perms = None;
    let (tmp, value) = write_temp(dir, name, perms, fill).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    sync_dir(dir);
    Ok(value)
}

/// The name of an export file written at `stamp` (`YYYYMMDD-HHMMSS`):
/// `dossier-articles-20241004-153000.md`; the mentions of one actor are
/// named after it too (`dossier-mentions-alexander-bortnikov-…`), so
/// several actors' files tell apart in a listing.
pub fn file_name(what: What, about: Option<&str>, stamp: &str, format: Format) -> String {
    match about.map(slug).filter(|s| !s.is_empty()) {
        Some(a) => format!("dossier-{}-{a}-{stamp}.{}", what.name(), format.name()),
        None => format!("dossier-{}-{stamp}.{}", what.name(), format.name()),
    }
}

/// `name` as a file name's part: lower-case letters and digits (of any
/// script), runs of anything else one dash, at most 40 characters.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let cut: String = out.chars().take(40).collect();
    cut.trim_end_matches('-').to_owned()
}

/// Writes a new file in `dir` atomically, as [`write_file`] does, under
/// `name` or, when a file has that name, `name` with `-2`, `-3`... before
/// the extension. The name is taken only by the rename, which never
/// replaces a file, so two exports in the same second cannot land on one
/// name. Returns what `fill` returned and the path written.
pub fn write_new_file<T>(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<(T, PathBuf), WriteError> {
    let err = |source: io::Error| WriteError {
        path: dir.join(name),
        source,
    };
    let (mut tmp, value) = write_temp(dir, name.as_ref(), None, fill).map_err(err)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let names =
        std::iter::once(name.to_owned()).chain((2..1000).map(|i| format!("{stem}-{i}.{ext}")));
    for candidate in names {
        let path = dir.join(&candidate);
        match tmp.persist_noclobber(&path) {
            Ok(_) => {
                sync_dir(dir);
                return Ok((value, path));
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(err(e.error)),
        }
    }
    Err(err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "a thousand files already have this name",
    )))
}

/// The path a write to `path` lands on: through any symbolic links (a
/// link that leads nowhere yet leads to the file it names).
pub fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many symbolic links",
    ))
}

/// The descriptor `path` names, through any links, with the name that
/// leads to it: `/dev/stdout` is descriptor 1 of this process, by way of
/// `/proc/self/fd/1`. Such a name is a link to what the descriptor has
/// open (a file, or "pipe:[…]"), which must be written through and never
/// replaced.
pub fn descriptor(path: &Path) -> Option<(PathBuf, u32)> {
    let mine = std::process::id().to_string();
    let mut path = path.to_owned();
    for _ in 0..40 {
        let fd = path.file_name()?.to_str()?.parse::<u32>().ok();
        let dir = path.parent().and_then(Path::to_str);
        let is_fd_dir = |d: &str| match d.strip_prefix("/proc/") {
            Some(rest) => rest
                .strip_suffix("/fd")
                .is_some_and(|who| who == "self" || who == "thread-self" || who == mine),
            None => d == "/dev/fd",
        };
        if let (Some(fd), Some(dir)) = (fd, dir)
            && is_fd_dir(dir)
        {
            return Some((path, fd));
        }
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&path).ok()?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return None,
        }
    }
    None
}

/// Whether writing `output` would replace corpus `corpus` (a file), or an
/// article of it (a `.txt` file in the folder `corpus`, new or not, since
/// it would be read as one), through any links.
pub fn overwrites_corpus(output: &Path, corpus: &Path) -> bool {
    let Ok(corpus) = std::fs::canonicalize(corpus) else {
        return false;
    };
    let Ok(target) = follow_links(output) else {
        return false;
    };
    let Ok((dir, name)) = split_path(&target) else {
        return false;
    };
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return false;
    };
    let out = dir.join(name);
    if corpus.is_dir() {
        let article = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        article && out.starts_with(&corpus)
    } else {
        out == corpus
    }
}

/// The folder and the file name of `path`.
fn split_path(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    Ok((dir, name))
}

/// A temporary file in `dir` (named after `name`, hidden) that `fill` has
/// written and that is flushed to disk, with `perms` or the usual ones.
fn write_temp<T>(
    dir: &Path,
    name: &std::ffi::OsStr,
    perms: Option<std::fs::Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<(tempfile::NamedTempFile, T)> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{}.", name.to_string_lossy());
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(perms.unwrap_or_else(|| std::fs::Permissions::from_mode(0o666)));
    }
    #[cfg(not(unix))]
    let _ = perms;
    // (tempfile names its temporary in the error; the user knows only the
    // file they asked for, which the error is reported with.)
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        let said = e.to_string();
        let said = said.split(" at path ").next().unwrap_or_default();
        io::Error::new(e.kind(), said.to_owned())
    })?;
    let value = {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        let value = fill(&mut w)?;
        w.flush()?;
        value
    };
    tmp.as_file().sync_all()?;
    Ok((tmp, value))
}

/// Makes a rename into `dir` last: the folder is synced too (a folder
/// that cannot be synced, on some filesystems, has still been renamed in).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_counted_in_every_article_are_the_actors_own() {
        let lib = Library::seeds();
        let all: Vec<DocId> = lib.corpus.iter().map(|(d, _)| d).collect();
        for (i, a) in lib.actors.iter().enumerate() {
            let within = spellings_within(&lib, ActorId(i as u32), &all);
            let mut own = a.spellings().into_owned();
            own.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.text.cmp(&y.text)));
            assert_eq!(within, own, "{}", a.name);
        }
    }

    /// `sel` over the seeds written as `format`.
    fn written(lib: &Library, sel: &Selection, format: Format) -> (usize, String) {
        let mut out = Vec::new();
        let n = write(&mut out, lib, sel, format, None, &Marks::default()).unwrap();
        (n, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_timeline_in_csv_is_one_line_per_report_with_its_span() {
        let lib = Library::seeds();
        let sel = Selection::timeline(None, None);
        let (rows, csv) = written(&lib, &sel, Format::Csv);
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(r.headers().unwrap(), csv_header(What::Timeline));
        let lines: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let t = &lib.story().timeline;
        assert_eq!(rows, t.groups.len(), "the count is of events");
        assert_eq!(lines.len(), t.events.len(), "each report a line");
        for line in &lines {
            let a = lib
                .corpus
                .articles
                .iter()
                .find(|a| a.id == line[7])
                .unwrap();
            let (start, end): (usize, usize) =
                (line[9].parse().unwrap(), line[10].parse().unwrap());
            assert_eq!(&a.text[start..end], &line[8], "the span is the expression");
            assert!(line[11].contains(&line[8]), "the sentence holds it");
        }
        // A sentence with two years bolds the one its event is about.
        let (_, md) = written(&lib, &sel, Format::Markdown);
        assert!(md.starts_with("# Timeline: 22 events\n"), "{md}");
        assert!(md.contains("civilian plane in **1995** following"), "{md}");
        assert!(md.contains("blacklist since **2003**, when"), "{md}");
    }

    #[test]
    fn statements_are_the_speakers_own_from_the_articles_asked_for() {
        let lib = Library::seeds();
        let lavrov = (0..lib.actors.len() as u32)
            .map(ActorId)
            .find(|&a| lib.actors.get(a).name == "Sergey Lavrov")
            .unwrap();
        let all = lib.story().quotes_of(lavrov).len();
        assert!(all > 0);
        let (n, csv) = written(&lib, &Selection::statements(lavrov, None), Format::Csv);
        assert_eq!(n, all);
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(r.headers().unwrap(), csv_header(What::Statements));
        for line in r.records().map(Result::unwrap) {
            assert_eq!(&line[0], "Sergey Lavrov");
            assert!(matches!(&line[3], "direct" | "reported"), "{line:?}");
        }
        let (_, md) = written(&lib, &Selection::statements(lavrov, None), Format::Markdown);
        assert!(
            md.contains("> “They are the real power. We care about Afghanistan”"),
            "{md}"
        );
        // Narrowed to articles that hold none of them: nothing to write.
        let elsewhere: Vec<DocId> = lib
            .corpus
            .iter()
            .map(|(d, _)| d)
            .filter(|d| lib.story().quotes_of(lavrov).iter().all(|q| q.doc != *d))
            .collect();
        let none = Selection::Statements {
            actor: lavrov,
            within: Some(elsewhere),
        };
        assert!(none.is_empty(&lib));
        assert!(!Selection::statements(lavrov, None).is_empty(&lib));
        assert_eq!(written(&lib, &none, Format::Json), (0, "[]\n".to_owned()));
    }

    #[test]
    fn md_escape_keeps_text_readable_and_inert() {
        assert_eq!(md_escape("Putin's *big* day"), "Putin's \\*big\\* day");
        assert_eq!(md_escape("  a\n\tb "), "a b");
        assert_eq!(md_escape("# <b>|x|"), "\\# \\<b\\>\\|x\\|");
        assert!(!md_escape("a\x1b[2Jb").contains('\x1b'));
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let r = write_file(&path, |w| {
            w.write_all(b"half")?;
            Err::<(), _>(io::Error::other("disk full"))
        });
        let e = r.unwrap_err();
        assert!(e.to_string().contains("out.csv") && e.to_string().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the old file is there");
        write_file(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_file(&link, |w| w.write_all(b"new")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // A link to a file not there yet makes that file.
        let ahead = dir.path().join("ahead.md");
        std::os::unix::fs::symlink("later.md", &ahead).unwrap();
        write_file(&ahead, |w| w.write_all(b"x")).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("later.md")).unwrap(),
            "x"
        );
        assert!(
            std::fs::symlink_metadata(&ahead)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_pipe_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
            };
            write_file(&fifo, |w| w.write_all(b"rows")).unwrap();
            assert_eq!(reader.join().unwrap(), "rows");
            let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
            assert!(
                std::os::unix::fs::FileTypeExt::is_fifo(&kind),
                "still a pipe"
            );
        }
        // (A device is written the same way; it is not tested here, since
        // a regression would replace the device of the machine running it.)
    }

    #[test]
    fn writing_over_the_corpus_or_its_articles_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let jsonl = d.join("c.jsonl");
        std::fs::write(&jsonl, "{}").unwrap();
        std::fs::create_dir_all(d.join("f/sub")).unwrap();
        std::os::unix::fs::symlink("c.jsonl", d.join("via.json")).unwrap();
        assert!(overwrites_corpus(&jsonl, &jsonl));
        assert!(overwrites_corpus(&d.join("f/../c.jsonl"), &jsonl));
        assert!(
            overwrites_corpus(&d.join("via.json"), &jsonl),
            "through a link"
        );
        assert!(!overwrites_corpus(&d.join("out.json"), &jsonl));
        let folder = d.join("f");
        assert!(overwrites_corpus(&folder.join("sub/new.TXT"), &folder));
        assert!(!overwrites_corpus(&folder.join("notes.md"), &folder));
        assert!(!overwrites_corpus(&d.join("x.txt"), &folder));
    }

    #[test]
    fn a_read_only_file_is_refused_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keep.md");
        std::fs::write(&path, "mine").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_file(&path, |w| w.write_all(b"new")).unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn new_files_under_one_name_never_replace_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let name = "dossier-articles-20241004-153000.md";
        let folder = dir.path();
        // Many writers at once, as a burst of x Enter makes them.
        let paths: Vec<PathBuf> = std::thread::scope(|s| {
            let writers: Vec<_> = (0..8)
                .map(|i| {
                    s.spawn(move || {
                        let body = format!("export {i}");
                        write_new_file(folder, name, |w| w.write_all(body.as_bytes()))
                            .unwrap()
                            .1
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        let mut bodies: Vec<String> = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        bodies.sort();
        let want: Vec<String> = (0..8).map(|i| format!("export {i}")).collect();
        assert_eq!(bodies, want, "every export is kept, each in its own file");
        assert!(paths.iter().any(|p| p.ends_with(name)));
        assert!(
            paths
                .iter()
                .any(|p| p.ends_with("dossier-articles-20241004-153000-8.md"))
        );
    }

    #[test]
    fn mention_sentences_hold_their_mentions() {
        let lib = Library::seeds();
        let Some(id) = (match lib.actors.lookup("Bortnikov") {
            crate::actors::Lookup::Found(id) => Some(id),
            _ => None,
        }) else {
            panic!("Bortnikov is in the seeds")
        };
        let rows = mention_records(&lib, id, None);
        assert_eq!(rows.len(), 8);
        for r in &rows {
            assert!(r.sentence.contains(r.text), "{r:?}");
            assert!(r.sentence.len() < 600, "one sentence, not a paragraph");
        }
        let md = mentions_md(&lib, id, &rows, None);
        let quotes = md.lines().filter(|l| l.starts_with("> ")).count();
        assert!((1..=8).contains(&quotes), "{md}");
        assert!(md.contains("**Bortinkov**"), "{md}");
    }

    #[test]
    fn a_mentions_file_names_the_kind_with_the_right_article() {
        let lib = Library::seeds();
        let md_of = |name: &str| {
            let crate::actors::Lookup::Found(id) = lib.actors.lookup(name) else {
                panic!("{name} is in the seeds")
            };
            mentions_md(&lib, id, &mention_records(&lib, id, None), None)
        };
        let fsb = md_of("FSB");
        assert!(fsb.contains("\nAn organization"), "{fsb}");
        assert!(!fsb.contains("A organization"), "{fsb}");
        assert!(md_of("Bortnikov").contains("\nA person"));
        assert!(md_of("Russia").contains("\nA country"));
    }
}
