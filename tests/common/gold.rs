//! Scoring actor mentions against the hand annotation in
//! `tests/fixtures/bbc_gold.json`: precision, recall and F1 of mentions
//! whose byte span matches exactly, untyped and typed (same kind too).
//! Shared by the `eval_actors` example and the ignored test that guards the
//! score.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

/// The annotation file.
#[derive(Deserialize)]
pub struct Gold {
    /// Where the articles are, relative to the project.
    pub corpus: String,
    /// The annotated articles.
    pub articles: Vec<GoldArticle>,
}

/// One annotated article.
#[derive(Deserialize)]
pub struct GoldArticle {
    /// Its path in the corpus folder, as `dossier` reports article ids.
    pub id: String,
    /// Every actor mention.
    pub mentions: Vec<Span>,
}

/// A mention: byte span, text and kind.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset in the file.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// The text as written.
    pub text: String,
    /// person, organization, country, place, media or other.
    pub kind: String,
}

/// One row of `dossier mentions --json`, the fields scoring needs.
#[derive(Deserialize, Clone, Debug)]
pub struct Predicted {
    /// The article id.
    pub article: String,
    /// Byte offset in the article.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// The text as written.
    pub text: String,
    /// The actor's kind.
    pub kind: String,
}

/// Precision, recall and F1 of one comparison.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    /// Mentions both found and annotated.
    pub hits: usize,
    /// Mentions found.
    pub found: usize,
    /// Mentions annotated.
    pub gold: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.hits, self.found)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.hits, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The scores of a run against the annotation.
#[derive(Debug, Default)]
pub struct Report {
    /// Exact span.
    pub untyped: Score,
    /// Exact span and kind.
    pub typed: Score,
    /// Typed, per annotated kind (recall) and predicted kind (precision).
    pub by_kind: Vec<(String, Score)>,
    /// Annotated mentions not found, and found mentions not annotated, as
    /// (article, span).
    pub missed: Vec<(String, Span)>,
    pub wrong: Vec<(String, Span)>,
    /// (annotated kind, found kind or "-" when not found) -> mentions.
    pub confusion: Vec<((String, String), usize)>,
}

/// Scores `predicted` (any articles; only annotated ones count) against
/// `gold`.
pub fn score(gold: &Gold, predicted: &[Predicted]) -> Report {
    let annotated: HashSet<&str> = gold.articles.iter().map(|a| a.id.as_str()).collect();
    let mut found: HashMap<&str, Vec<Span>> = HashMap::new();
    for p in predicted
        .iter()
        .filter(|p| annotated.contains(p.article.as_str()))
    {
        found.entry(&p.article).or_default().push(Span {
            start: p.start,
            end: p.end,
            text: p.text.clone(),
            kind: p.kind.clone(),
        });
    }
    let mut r = Report::default();
    let mut kinds: HashMap<String, Score> = HashMap::new();
    let mut confusion: HashMap<(String, String), usize> = HashMap::new();
    for a in &gold.articles {
        let mine = found.remove(a.id.as_str()).unwrap_or_default();
        let spans: HashMap<(u32, u32), &str> = a
            .mentions
            .iter()
            .map(|m| ((m.start, m.end), m.kind.as_str()))
            .collect();
        let my_spans: HashMap<(u32, u32), &str> = mine
            .iter()
            .map(|m| ((m.start, m.end), m.kind.as_str()))
            .collect();
        r.untyped.gold += a.mentions.len();
        r.typed.gold += a.mentions.len();
        r.untyped.found += mine.len();
        r.typed.found += mine.len();
        for m in &a.mentions {
            kinds.entry(m.kind.clone()).or_default().gold += 1;
            let got = my_spans.get(&(m.start, m.end)).map_or("-", |k| *k);
            *confusion
                .entry((m.kind.clone(), got.to_owned()))
                .or_default() += 1;
            match my_spans.get(&(m.start, m.end)) {
                Some(k) => {
                    r.untyped.hits += 1;
                    if *k == m.kind {
                        r.typed.hits += 1;
                        kinds.entry(m.kind.clone()).or_default().hits += 1;
                    } else {
                        r.wrong.push((
                            a.id.clone(),
                            Span {
                                kind: format!("{} (is {})", k, m.kind),
                                ..m.clone()
                            },
                        ));
                    }
                }
                None => r.missed.push((a.id.clone(), m.clone())),
            }
        }
        for m in &mine {
            kinds.entry(m.kind.clone()).or_default().found += 1;
            if !spans.contains_key(&(m.start, m.end)) {
                r.wrong.push((a.id.clone(), m.clone()));
            }
        }
    }
    let mut by_kind: Vec<(String, Score)> = kinds.into_iter().collect();
    by_kind.sort_by(|a, b| b.1.gold.cmp(&a.1.gold).then(a.0.cmp(&b.0)));
    r.by_kind = by_kind;
    let mut confusion: Vec<((String, String), usize)> = confusion.into_iter().collect();
    confusion.sort();
    r.confusion = confusion;
    r
}

/// The report as a small table.
pub fn table(r: &Report) -> String {
    let mut out = String::new();
    let row = |name: &str, s: &Score| {
        format!(
            "{name:<14} {:>9.3} {:>6.3} {:>6.3}   ({} of {} found, {} annotated)\n",
            s.precision(),
            s.recall(),
            s.f1(),
            s.hits,
            s.found,
            s.gold
        )
    };
    out.push_str(&format!(
        "{:<14} {:>9} {:>6} {:>6}\n",
        "", "precision", "recall", "F1"
    ));
    out.push_str(&row("untyped", &r.untyped));
    out.push_str(&row("typed", &r.typed));
    for (k, s) in &r.by_kind {
        out.push_str(&row(&format!("  {k}"), s));
    }
    out.push_str("\nannotated kind -> found as (\"-\": span not found)\n");
    let mut last = "";
    for ((gold, got), n) in &r.confusion {
        if gold != last {
            out.push_str(&format!("\n  {gold:<13}"));
            last = gold;
        }
        out.push_str(&format!(" {got} {n},"));
    }
    out.push('\n');
    out
}
