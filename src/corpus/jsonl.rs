//! JSONL corpora (one `{"title", "body", ...}` object a line) and JSON files
//! holding an array of such objects.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::{Article, Corpus, LoadError, LoadWarning, Meta, Origin, Problem};

/// One article object as it appears in the file. Only `title` is required;
/// unknown fields are ignored.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    body: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    source: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    byline: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    date: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    url: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    id: Option<Scalar<'a>>,
}

/// A metadata value: sources write dates and ids as strings or numbers.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar<'a> {
    Text(#[serde(borrow)] Cow<'a, str>),
    Number(serde_json::Number),
    Bool(bool),
}

impl Scalar<'_> {
    fn into_string(self) -> Option<String> {
        let s = match self {
            Scalar::Text(s) => s.into_owned(),
            Scalar::Number(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
        };
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }
}

/// Loads a JSONL file, or a JSON file holding an array of article objects.
pub(super) fn load(path: &Path) -> Result<Corpus, LoadError> {
    let bytes =
        std::fs::read(path).map_err(|e| LoadError::Unreadable(path.to_owned(), e.to_string()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut warnings = Vec::new();
    if let Some(utf16) = super::binary_kind(&bytes) {
        warnings.push(LoadWarning::new(name, Problem::Binary { utf16 }));
        return Ok(empty(path, warnings));
    }
    let (text, bad) = super::decode(bytes);
    if let Some(at) = bad {
        let line = text.as_bytes()[..at.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        warnings.push(LoadWarning::new(
            format!("{name}:{line}"),
            Problem::InvalidUtf8 { at },
        ));
    }
    let body = text.trim_start_matches('\u{feff}');
    let articles = if body.trim_start().starts_with('[') {
        parse_array(body, &name, &mut warnings)
    } else {
        parse_lines(body, &name, &mut warnings)
    };
    let mut corpus = Corpus {
        origin: Origin::File(path.to_owned()),
        articles,
        warnings,
    };
    flag_duplicates(&mut corpus);
    Ok(corpus)
}

fn empty(path: &Path, warnings: Vec<LoadWarning>) -> Corpus {
    Corpus {
        origin: Origin::File(path.to_owned()),
        articles: Vec::new(),
        warnings,
    }
}

fn parse_lines(text: &str, name: &str, warnings: &mut Vec<LoadWarning>) -> Vec<Article> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("{name}:{lineno}");
        match serde_json::from_str::<Raw>(line) {
            Ok(raw) => {
                if let Some(a) = to_article(raw, lineno, &place, warnings) {
                    out.push(a);
                }
            }
            Err(e) => warnings.push(LoadWarning::new(
                place,
                Problem::BadJson {
                    message: e.to_string(),
                },
            )),
        }
    }
    out
}

fn parse_array(text: &str, name: &str, warnings: &mut Vec<LoadWarning>) -> Vec<Article> {
    let items: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(LoadWarning::new(
                format!("{name}:{}", e.line()),
                Problem::BadJson {
                    message: e.to_string(),
                },
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let n = i + 1;
        let place = format!("{name}[{n}]");
        match Raw::deserialize(&item) {
            Ok(raw) => {
                if let Some(a) = to_article(raw, n, &place, warnings) {
                    out.push(a);
                }
            }
            Err(e) => warnings.push(LoadWarning::new(
                place,
                Problem::BadJson {
                    message: e.to_string(),
                },
            )),
        }
    }
    out
}

fn to_article(raw: Raw, n: usize, place: &str, warnings: &mut Vec<LoadWarning>) -> Option<Article> {
    let title = raw.title.filter(|t| !t.trim().is_empty());
    let Some(title) = title else {
        warnings.push(LoadWarning::new(place, Problem::MissingTitle));
        return None;
    };
    let id = raw
        .id
        .and_then(Scalar::into_string)
        .unwrap_or_else(|| n.to_string());
    let meta = Meta {
        source: raw.source.and_then(Scalar::into_string),
        byline: raw.byline.and_then(Scalar::into_string),
        date: raw.date.and_then(Scalar::into_string),
        url: raw.url.and_then(Scalar::into_string),
    };
    let body = raw.body.unwrap_or_default();
    let article = Article::from_parts(id, title.trim(), &body, meta);
    super::flag_warnings(&article, place, warnings);
    Some(article)
}

fn flag_duplicates(corpus: &mut Corpus) {
    let mut seen = HashSet::with_capacity(corpus.articles.len());
    for a in &corpus.articles {
        if !seen.insert(a.id.as_str()) {
            corpus.warnings.push(LoadWarning::new(
                format!("id {}", a.id),
                Problem::DuplicateId,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(s: &str) -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(&p, s).unwrap();
        load(&p).unwrap()
    }

    #[test]
    fn lines_become_articles_with_metadata() {
        let c = load_str(concat!(
            r#"{"title":"First","body":"One.","source":"TASS","date":"2024-05-29","url":"https://x","byline":"A B"}"#,
            "\n\n",
            r#"{"title":"Second","body":"Two.","id":42}"#,
            "\n",
        ));
        assert_eq!(c.articles.len(), 2);
        let a = &c.articles[0];
        assert_eq!((a.id.as_str(), a.title(), a.body()), ("1", "First", "One."));
        assert_eq!(a.meta.source.as_deref(), Some("TASS"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-05-29"));
        assert_eq!(a.attribution(), "A B");
        assert_eq!(c.articles[1].id, "42");
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn bad_lines_are_skipped_with_their_line_number() {
        let c = load_str(concat!(
            r#"{"title":"Good","body":"x"}"#,
            "\n",
            "not json\n",
            r#"{"body":"no title"}"#,
            "\n",
            r#"{"title":"Also good"}"#,
            "\n",
        ));
        let titles: Vec<&str> = c.articles.iter().map(|a| a.title()).collect();
        assert_eq!(titles, ["Good", "Also good"]);
        assert_eq!(c.articles[1].id, "4");
        let places: Vec<&str> = c.warnings.iter().map(|w| w.place.as_str()).collect();
        assert_eq!(places, ["c.jsonl:2", "c.jsonl:3", "c.jsonl:4"]);
        assert!(matches!(c.warnings[0].problem, Problem::BadJson { .. }));
        assert_eq!(c.warnings[1].problem, Problem::MissingTitle);
        assert_eq!(c.warnings[2].problem, Problem::TitleOnly);
    }

    #[test]
    fn a_json_array_is_read_too() {
        let c = load_str(r#"[{"title":"A","body":"a"},{"title":"B","body":"b"}]"#);
        assert_eq!(c.articles.len(), 2);
        assert_eq!(c.articles[1].title(), "B");
    }
}
