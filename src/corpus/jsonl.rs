//! JSONL corpora (one `{"title", "body", ...}` object a line) and JSON files
//! holding an array of such objects.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::{
    ARTICLE_MAX_BYTES, Article, Corpus, LoadError, LoadWarning, Meta, NotUtf8, Origin, Problem,
    Progress,
};

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

/// A metadata value: sources write dates and ids as strings or numbers,
/// news APIs a source as an object (`{"id": null, "name": "BBC News"}`)
/// and authors as a list. Anything else is left out rather than costing
/// the article.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar<'a> {
    Text(#[serde(borrow)] Cow<'a, str>),
    Number(serde_json::Number),
    Bool(bool),
    List(Vec<Scalar<'a>>),
    Named(Named<'a>),
    Other(serde::de::IgnoredAny),
}

/// An object standing for a value by its `name` (or `title`, or `$oid`).
#[derive(Deserialize)]
struct Named<'a> {
    #[serde(borrow, default)]
    name: Option<Box<Scalar<'a>>>,
    #[serde(borrow, default)]
    title: Option<Box<Scalar<'a>>>,
    /// A MongoDB export's id, `{"$oid": "5f1d..."}`.
    #[serde(borrow, default, rename = "$oid")]
    oid: Option<Box<Scalar<'a>>>,
}

impl Scalar<'_> {
    fn into_string(self) -> Option<String> {
        let s = match self {
            Scalar::Text(s) => s.into_owned(),
            Scalar::Number(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::List(items) => {
                let parts: Vec<String> =
                    items.into_iter().filter_map(Scalar::into_string).collect();
                parts.join(", ")
            }
            Scalar::Named(n) => {
                return n.name.or(n.title).or(n.oid).and_then(|s| s.into_string());
            }
            Scalar::Other(_) => return None,
        };
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }
}

/// Bytes read per block: lines are parsed a block at a time, on every core,
/// so the file is never held in memory whole.
const BLOCK: usize = 8 << 20;

/// Loads a JSONL file, or a JSON file holding an array of article objects.
pub(super) fn load(
    path: &Path,
    on_batch: &mut dyn FnMut(&[Arc<Article>], Progress),
) -> Result<Corpus, LoadError> {
    let unreadable = |e: std::io::Error| LoadError::Unreadable(path.to_owned(), e.to_string());
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let total = file.metadata().map_err(unreadable)?.len();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let mut articles: Vec<Arc<Article>> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK + 4096);
    let mut got = fill(&mut file, &mut buf, BLOCK).map_err(unreadable)?;
    let mut eof = got == Fill::End;
    // A byte-order mark, then: an array, or one object a line.
    let bom = if buf.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    buf.drain(..bom);
    if is_array(&buf) {
        // Checked on the first block, before a binary file is read whole.
        if let Some(utf16) = super::binary_kind(&buf) {
            warnings.push(LoadWarning::new(name, Problem::Binary { utf16 }));
            return Ok(corpus(path, articles, warnings));
        }
        while !eof {
            eof = fill(&mut file, &mut buf, usize::MAX).map_err(unreadable)? == Fill::End;
        }
        let mut dups = Duplicates::default();
        articles = read_array(buf, bom, &name, &mut warnings, &mut dups);
        on_batch(
            &articles,
            Progress {
                articles: articles.len(),
                bytes: total,
                fraction: Some(1.0),
                idle: false,
            },
        );
        let mut c = corpus(path, articles, warnings);
        dups.rename(&mut c);
        return Ok(c);
    }
    let mut offset = bom as u64;
    let mut line = 1usize;
    let mut dups = Duplicates::default();
    loop {
        // Parse up to the last complete line; keep the rest for the next
        // block.
        let end = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(i) => i + 1,
                None => {
                    // One line longer than a block: read on.
                    let want = buf.len() + BLOCK;
                    got = fill(&mut file, &mut buf, want).map_err(unreadable)?;
                    eof = got == Fill::End;
                    continue;
                }
            }
        };
        let block = &buf[..end];
        let first = articles.len();
        let read = read_block(
            block,
            line,
            offset,
            &name,
            &mut articles,
            &mut warnings,
            &mut dups,
        );
        let Some(lines_here) = read else {
            let mut c = corpus(path, articles, warnings);
            dups.rename(&mut c);
            return Ok(c);
        };
        // Keep the unparsed tail for the next block, in the same buffer:
        // one allocation serves the whole file.
        buf.drain(..end);
        offset += end as u64;
        line += lines_here;
        on_batch(
            &articles[first..],
            Progress {
                articles: articles.len(),
                bytes: offset,
                // A pipe has no size: no fraction to tell.
                fraction: (total > 0).then(|| (offset as f64 / total as f64).min(1.0)),
                idle: got == Fill::Short,
            },
        );
        if eof && buf.is_empty() {
            break;
        }
        if !eof {
            got = fill(&mut file, &mut buf, BLOCK).map_err(unreadable)?;
            eof = got == Fill::End;
        }
    }
    let mut c = corpus(path, articles, warnings);
    dups.rename(&mut c);
    Ok(c)
}

/// JSONL or JSON bytes already in memory, read as [`load`] reads a file
/// holding them (a file that fits one block): the same checks, warnings and
/// line numbers, without the disk.
pub(super) fn from_bytes(name: &str, mut buf: Vec<u8>) -> Corpus {
    let path = Path::new(name);
    let mut warnings = Vec::new();
    let bom = if buf.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    buf.drain(..bom);
    let mut dups = Duplicates::default();
    let articles = if is_array(&buf) {
        if let Some(utf16) = super::binary_kind(&buf) {
            warnings.push(LoadWarning::new(name, Problem::Binary { utf16 }));
            return corpus(path, Vec::new(), warnings);
        }
        read_array(buf, bom, name, &mut warnings, &mut dups)
    } else {
        let mut articles = Vec::new();
        let start = bom as u64;
        // (A binary block ends the reading, not the renaming.)
        let _ = read_block(
            &buf,
            1,
            start,
            name,
            &mut articles,
            &mut warnings,
            &mut dups,
        );
        articles
    };
    let mut c = corpus(path, articles, warnings);
    dups.rename(&mut c);
    c
}

/// Whether the bytes (after any byte-order mark) hold a JSON array rather
/// than one object a line.
fn is_array(buf: &[u8]) -> bool {
    buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// A whole JSON array's articles; `bom` is the length of the byte-order
/// mark taken off its start, so offsets refer to the file.
fn read_array(
    buf: Vec<u8>,
    bom: usize,
    name: &str,
    warnings: &mut Vec<LoadWarning>,
    dups: &mut Duplicates,
) -> Vec<Arc<Article>> {
    let (text, bad) = super::decode(buf);
    if let Some(bad) = bad {
        let in_file = NotUtf8 {
            at: bad.at + bom,
            ..bad
        };
        warnings.push(LoadWarning::new(name, in_file.problem()));
    }
    let mut articles = Vec::new();
    for (a, numbered) in parse_array(&text, name, warnings) {
        articles.push(Arc::new(a));
        // (An array's items have no line to name.)
        dups.check(&articles, numbered, warnings, || name.to_owned());
    }
    articles
}

/// Bytes of a block one core checks and parses at a time. Pieces end at
/// line ends, so each holds whole lines (and, '\n' being ASCII, whole
/// characters).
const PIECE: usize = 1 << 20;

/// One piece of a block, checked.
struct Piece<'a> {
    /// Where it is in the block.
    span: Range<usize>,
    /// Its text, or where its UTF-8 goes wrong.
    text: Result<&'a str, std::str::Utf8Error>,
    /// Whether it holds a NUL byte (the file is binary).
    nul: bool,
    /// The number of its first line in the file.
    first_line: usize,
}

/// A line's number, its article if it holds one, and what was wrong
/// with it.
/// A line's number, its article (and whether its id is that number, the
/// line giving none), and what was wrong with it.
type Parsed = (usize, Option<(Arc<Article>, bool)>, Vec<LoadWarning>);

/// `block` cut into pieces of about [`PIECE`] bytes, each ending after a
/// '\n' (the last at the block's end).
fn pieces(block: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(block.len() / PIECE + 1);
    let mut start = 0;
    while start < block.len() {
        let want = start + PIECE;
        let end = match block.get(want..) {
            Some(rest) => memchr::memchr(b'\n', rest).map_or(block.len(), |i| want + i + 1),
            None => block.len(),
        };
        out.push(start..end);
        start = end;
    }
    out
}

/// Reads one block of whole lines, whose first line is number `line` and
/// first byte is at `offset` in the file, appending its articles and
/// warnings. Returns how many lines ('\n's) the block holds, or `None`
/// when it is binary: nothing more of the file is read.
///
/// All of it runs on every core, a piece at a time: first each piece is
/// checked (a NUL, valid UTF-8) and its lines counted, which numbers the
/// first line of every piece; then the pieces are parsed.
fn read_block(
    block: &[u8],
    line: usize,
    offset: u64,
    name: &str,
    articles: &mut Vec<Arc<Article>>,
    warnings: &mut Vec<LoadWarning>,
    dups: &mut Duplicates,
) -> Option<usize> {
    let mut counted: Vec<(Piece, usize)> = pieces(block)
        .into_par_iter()
        .map(|span| {
            let bytes = &block[span.clone()];
            let piece = Piece {
                text: std::str::from_utf8(bytes),
                nul: memchr::memchr(0, bytes).is_some(),
                first_line: 0,
                span,
            };
            (piece, memchr::memchr_iter(b'\n', bytes).count())
        })
        .collect();
    if counted.iter().any(|(p, _)| p.nul) {
        warnings.push(LoadWarning::new(
            format!("{name}:{line}"),
            Problem::Binary {
                utf16: super::binary_kind(block) == Some(true),
            },
        ));
        return None;
    }
    let mut next = line;
    for (piece, lines) in &mut counted {
        piece.first_line = next;
        next += *lines;
    }
    let pieces: Vec<Piece> = counted.into_iter().map(|(piece, _)| piece).collect();
    // Bytes that are not UTF-8 are read as super::repair says, a piece at
    // a time, and reported once a block, at its first bad byte.
    let bad = pieces.iter().find_map(|p| {
        let at = p.span.start + p.text.err()?.valid_up_to();
        let lines = memchr::memchr_iter(b'\n', &block[p.span.start..at]).count();
        let how = NotUtf8 {
            at: offset as usize + at,
            windows_1252: !super::holds_utf8(&block[p.span.clone()]),
        };
        Some((how, p.first_line + lines))
    });
    if let Some((how, at_line)) = bad {
        warnings.push(LoadWarning::new(format!("{name}:{at_line}"), how.problem()));
    }
    let parsed: Vec<Vec<Parsed>> = pieces
        .par_iter()
        .map(|p| {
            let text = match p.text {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => super::repair(&block[p.span.clone()]).0,
            };
            parse_lines(&text, p.first_line, name)
        })
        .collect();
    for (n, a, w) in parsed.into_iter().flatten() {
        warnings.extend(w);
        if let Some((a, numbered)) = a {
            articles.push(a);
            dups.check(articles, numbered, warnings, || format!("{name}:{n}"));
        }
    }
    Some(next - line)
}

/// What one [`fill`] found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// The buffer holds what was asked for.
    Full,
    /// A pipe gave what it had so far (whole lines).
    Short,
    /// The file ended.
    End,
}

/// Reads from `file` until `buf` holds `want` bytes, the file ends, or (a
/// pipe) what has arrived so far is in.
fn fill(file: &mut std::fs::File, buf: &mut Vec<u8>, want: usize) -> std::io::Result<Fill> {
    use std::io::Read;
    if file.metadata().is_ok_and(|m| m.is_file()) {
        // A regular file: read straight into spare room, no zeroing first.
        let room = want.saturating_sub(buf.len());
        buf.reserve(room.min(BLOCK * 2));
        let n = file.by_ref().take(room as u64).read_to_end(buf)?;
        return Ok(if n < room { Fill::End } else { Fill::Full });
    }
    // Whether the bytes read hold a whole line (what was kept from the
    // last block holds none).
    let mut whole_line = false;
    while buf.len() < want {
        // A pipe gives what its buffer holds (64 KiB on Linux): a read
        // zeroes no more room than that, however big the block.
        let room = (want - buf.len()).min(PIPE_READ);
        let before = buf.len();
        buf.resize(before + room, 0);
        let n = loop {
            match file.read(&mut buf[before..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                r => break r,
            }
        };
        let n = match n {
            Ok(n) => n,
            Err(e) => {
                buf.truncate(before);
                return Err(e);
            }
        };
        buf.truncate(before + n);
        if n == 0 {
            return Ok(Fill::End);
        }
        whole_line = whole_line || memchr::memchr(b'\n', &buf[before..]).is_some();
        if n < room && whole_line && !more_waiting(file) {
            // The pipe is empty for now: work on the lines that arrived.
            // (Without a whole line, or with more waiting, read on.)
            return Ok(Fill::Short);
        }
    }
    Ok(Fill::Full)
}

/// Most bytes one read of a pipe asks for.
const PIPE_READ: usize = 1 << 18;

/// How long a pipe may stay empty and still be taken as flowing: a writer
/// as fast as the parse (`cat`) leaves it empty now and then for far less;
/// a writer that pauses leaves it empty for longer.
const PIPE_PAUSE_MS: i32 = 25;

/// Whether `file` (a pipe) has bytes to read within [`PIPE_PAUSE_MS`]: a
/// read is short because the pipe's buffer is small, and that is no pause
/// to show the articles at unless the writer has stopped giving.
fn more_waiting(file: &std::fs::File) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let mut fd = libc::pollfd {
            fd: file.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for a descriptor `file` keeps open:
        // poll only fills in `revents`.
        let ready = unsafe { libc::poll(&mut fd, 1, PIPE_PAUSE_MS) };
        ready > 0 && fd.revents & libc::POLLIN != 0
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        false
    }
}

fn corpus(path: &Path, articles: Vec<Arc<Article>>, warnings: Vec<LoadWarning>) -> Corpus {
    Corpus {
        origin: Origin::File(path.to_owned()),
        articles,
        warnings,
    }
}

/// The articles of whole lines `text`, whose first line is number
/// `first_line`, each with what was wrong with its line, in line order.
fn parse_lines(text: &str, first_line: usize, name: &str) -> Vec<Parsed> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (first_line + i, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let (a, w) = parse_line(l, n, name);
            (n, a.map(|(a, numbered)| (Arc::new(a), numbered)), w)
        })
        .collect()
}

/// One JSONL line: an article, and what was wrong with it.
fn parse_line(
    line: &str,
    lineno: usize,
    name: &str,
) -> (Option<(Article, bool)>, Vec<LoadWarning>) {
    // Where the line is, spelled out only for a warning.
    let place = || format!("{name}:{lineno}");
    let mut warnings = Vec::new();
    // serde reads a struct from an array too, field by field, and would
    // blame its first item for not being a title.
    if line.trim_start().starts_with('[') {
        warnings.push(LoadWarning::new(place(), Problem::array_not_object()));
        return (None, warnings);
    }
    let article = match serde_json::from_str::<Raw>(line) {
        Ok(raw) => to_article(raw, lineno, &place, &mut warnings),
        Err(e) => {
            warnings.push(LoadWarning::new(place(), Problem::bad_json(&e)));
            None
        }
    };
    (article, warnings)
}

fn parse_array(text: &str, name: &str, warnings: &mut Vec<LoadWarning>) -> Vec<(Article, bool)> {
    let items: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(LoadWarning::new(
                format!("{name}:{}", e.line()),
                Problem::bad_json(&e),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let n = i + 1;
        // Counted from 1 in words: "[2]" reads as an index from 0 to
        // anyone who writes JSON.
        let place = || format!("{name} element {n}");
        if item.is_array() {
            warnings.push(LoadWarning::new(place(), Problem::array_not_object()));
            continue;
        }
        match Raw::deserialize(&item) {
            Ok(raw) => {
                if let Some(a) = to_article(raw, n, &place, warnings) {
                    out.push(a);
                }
            }
            Err(e) => warnings.push(LoadWarning::new(place(), Problem::bad_json(&e))),
        }
    }
    out
}

/// The article of a line (or array item) `n`, and whether its id is that
/// number, the line giving no usable one.
fn to_article(
    raw: Raw,
    n: usize,
    place: &dyn Fn() -> String,
    warnings: &mut Vec<LoadWarning>,
) -> Option<(Article, bool)> {
    // A body with no title is kept, titled by its first line as the same
    // text in a `.txt` file is: nothing the file holds is left out.
    let has_body = raw.body.as_deref().is_some_and(|b| !b.trim().is_empty());
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t,
        title => {
            let missing = title.is_none();
            let problem = match (missing, has_body) {
                (_, true) => Problem::TitleFromBody { missing },
                (true, false) => Problem::MissingTitle,
                (false, false) => Problem::BlankTitle,
            };
            let skip = problem.skips();
            warnings.push(LoadWarning::new(place(), problem));
            if skip {
                return None;
            }
            Cow::Borrowed("")
        }
    };
    // (An `"id": null` is no id, and numbered without a word.)
    let given = raw.id.is_some();
    let mut numbered = false;
    let id = match raw.id.and_then(Scalar::into_string) {
        Some(id) => id,
        None => {
            numbered = true;
            let numbered = n.to_string();
            if given {
                let problem = Problem::UnusableId {
                    numbered: numbered.clone(),
                };
                warnings.push(LoadWarning::new(place(), problem));
            }
            numbered
        }
    };
    let meta = Meta {
        source: raw.source.and_then(Scalar::into_string),
        byline: raw.byline.and_then(Scalar::into_string),
        date: raw.date.and_then(Scalar::into_string),
        url: raw.url.and_then(Scalar::into_string),
    };
    let body = raw.body.unwrap_or_default();
    let title = title.trim();
    // The article's text is the title, a blank line and the body.
    let bytes = title.len() + 2 + body.len();
    if bytes > ARTICLE_MAX_BYTES {
        let bytes = bytes as u64;
        warnings.push(LoadWarning::new(place(), Problem::TooLarge { bytes }));
        return None;
    }
    let article = Article::from_parts(id, title, &body, meta);
    let f = article.flags();
    if f.empty || f.title_only || f.invalid_utf8_at.is_some() || f.long_title.is_some() {
        super::flag_warnings(&article, &place(), warnings);
    }
    Some((article, numbered))
}

/// Articles whose id an earlier article of the file has, found as they
/// are read so that each one's warning comes among its line's; then each
/// is given a new id, `ID#2`, `ID#3`... (the first one free), since marks
/// and notes are kept by id, and two articles sharing one would share
/// them.
#[derive(Default)]
struct Duplicates {
    /// The articles read so far with an id no earlier one has, by the
    /// hash of that id (read from the articles: no id is copied).
    seen: hashbrown::HashTable<u32>,
    /// The articles numbered by their line, the file giving no id.
    numbered: FxHashSet<u32>,
    /// Each repeat: its warning's index (none for an article the file
    /// gave no id), and its article's.
    found: Vec<(Option<usize>, usize)>,
}

impl Duplicates {
    /// Checks the last of `articles`; a repeat is said in `warnings` at
    /// `place` (its id is added), and renamed by [`Duplicates::rename`].
    /// `numbered` says the file gave it no id. An id the file gives wins
    /// over a line's number (helper-28: the id "11" given on line 3 was
    /// renamed and called a repeat of line 11, which had none): the
    /// numbered one moves aside, unremarked.
    fn check(
        &mut self,
        articles: &[Arc<Article>],
        numbered: bool,
        warnings: &mut Vec<LoadWarning>,
        place: impl FnOnce() -> String,
    ) {
        let Some(last) = articles.len().checked_sub(1) else {
            return;
        };
        if numbered {
            self.numbered.insert(last as u32);
        }
        let id = articles[last].id.as_str();
        let hash = |id: &str| rustc_hash::FxBuildHasher.hash_one(id);
        let Some(earlier) = self
            .seen
            .find_mut(hash(id), |&i| articles[i as usize].id == id)
        else {
            self.seen
                .insert_unique(hash(id), last as u32, |&i| hash(&articles[i as usize].id));
            return;
        };
        if numbered {
            self.found.push((None, last));
        } else if self.numbered.contains(earlier) {
            self.found.push((None, *earlier as usize));
            *earlier = last as u32;
        } else {
            self.found.push((Some(warnings.len()), last));
            let place = format!("{} (id {id})", place());
            let renamed = String::new();
            warnings.push(LoadWarning::new(place, Problem::DuplicateId { renamed }));
        }
    }

    /// Gives each repeat found in `corpus` a new id no article has, and
    /// says which in its warning.
    fn rename(self, corpus: &mut Corpus) {
        if self.found.is_empty() {
            return;
        }
        // Every id the file uses, so a new one takes none of them.
        let mut taken: FxHashSet<String> = corpus.articles.iter().map(|a| a.id.clone()).collect();
        for (w, i) in self.found {
            let id = &corpus.articles[i].id;
            let renamed = (2..)
                .map(|k| format!("{id}#{k}"))
                .find(|new| !taken.contains(new))
                .expect("some number is free");
            taken.insert(renamed.clone());
            if let Some(warning) = w.and_then(|w| corpus.warnings.get_mut(w)) {
                warning.problem = Problem::DuplicateId {
                    renamed: renamed.clone(),
                };
            }
            // (The articles shown while loading may share this one: a copy.)
            Arc::make_mut(&mut corpus.articles[i]).id = renamed;
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
        load(&p, &mut |_, _| {}).unwrap()
    }

    #[test]
    fn news_api_shapes_of_metadata_keep_the_article() {
        let c = load_str(concat!(
            r#"{"title":"One","body":"x","source":{"id":null,"name":"BBC News"},"byline":["Ann Lee","Bo Ma"]}"#,
            "\n",
            r#"{"title":"Two","body":"y","source":{"id":"x"},"date":{"iso":"2024-05-01"},"url":{"href":"http://x"}}"#,
            "\n",
        ));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.articles.len(), 2);
        let m = c.articles[0].meta();
        assert_eq!(m.source.as_deref(), Some("BBC News"));
        assert_eq!(m.byline.as_deref(), Some("Ann Lee, Bo Ma"));
        // Shapes with no text in them are left out, not the article.
        let m = c.articles[1].meta();
        assert_eq!(
            (m.source.as_deref(), m.date.as_deref(), m.url.as_deref()),
            (None, None, None)
        );
    }

    #[test]
    fn a_repeated_id_is_kept_under_a_new_one_and_said() {
        // Marks and notes are kept by id: two articles must not share one.
        // "5#2" is taken, so the second "5" becomes "5#3". Line 3 has no
        // id, so its line number is its id, which line 5 gives: the given
        // id wins, and the number moves aside, unremarked (helper-28).
        let c = load_str(concat!(
            r#"{"title":"A","body":"a","id":5}"#,
            "\n",
            r#"{"title":"B","body":"b","id":"5#2"}"#,
            "\n",
            r#"{"title":"C","body":"c"}"#,
            "\n",
            r#"{"title":"D","body":"d","id":5}"#,
            "\n",
            r#"{"title":"E","body":"e","id":3}"#,
            "\n",
        ));
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["5", "5#2", "3#2", "5#3", "3"]);
        let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("c.jsonl:4 (id 5)") && said[0].contains("kept as 5#3"),
            "{said:?}"
        );
        // The other way round: a line with no id whose number a line
        // before it gives keeps that line's id, and is not called a
        // repeat either.
        let c = load_str(concat!(
            r#"{"title":"A","body":"a","id":2}"#,
            "\n",
            r#"{"title":"B","body":"b"}"#,
            "\n",
        ));
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["2", "2#2"]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn a_repeated_id_is_said_in_line_order_among_the_other_warnings() {
        let c = load_str(concat!(
            r#"{"title":"A","body":"a","id":"x"}"#,
            "\n",
            "not json\n",
            r#"{"title":"B","body":"b","id":"x"}"#,
            "\n",
            r#"{"title":"C","id":"y"}"#,
            "\n",
        ));
        let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
        let places: Vec<&str> = said.iter().map(|w| w.split(": ").next().unwrap()).collect();
        assert_eq!(
            places,
            ["c.jsonl:2", "c.jsonl:3 (id x)", "c.jsonl:4"],
            "{said:?}"
        );
        // An array's items have no line: the file and the id name it.
        let array = r#"[{"title":"A","body":"a","id":"x"},{"title":"B","body":"b","id":"x"}]"#;
        let c = from_bytes("c.json", array.as_bytes().to_vec());
        let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("c.json (id x): same id"), "{said:?}");
        assert_eq!(c.articles[1].id, "x#2");
    }

    #[test]
    fn an_id_that_is_no_text_is_numbered_and_said_so() {
        let c = load_str(concat!(
            r#"{"title":"A","body":"a","id":{"$oid":"5f1d7a"}}"#,
            "\n",
            r#"{"title":"B","body":"b","id":{"kind":"x"}}"#,
            "\n",
            r#"{"title":"C","body":"c","id":null}"#,
            "\n",
            r#"{"title":"D","body":"d","id":""}"#,
            "\n",
        ));
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["5f1d7a", "2", "3", "4"]);
        let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
        // A null id is no id: only lines 2 and 4 are told.
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("c.jsonl:2") && said[0].contains("kept as 2"),
            "{said:?}"
        );
        assert!(said[1].starts_with("c.jsonl:4"), "{said:?}");
        // "" is text, but none: it is not called "neither text nor a number".
        assert!(
            said[1].contains(": an id with no text in it (empty"),
            "{said:?}"
        );
    }

    #[test]
    fn a_line_break_in_a_title_keeps_the_title_whole() {
        let c = load_str(concat!(
            r#"{"title":"Tabs\tand\rcarriage returns","body":"Body."}"#,
            "\n",
            r#"{"title":"Two\nlines","body":"Body."}"#,
            "\n",
        ));
        let titles: Vec<&str> = c.articles.iter().map(|a| a.title()).collect();
        assert_eq!(titles, ["Tabs\tand carriage returns", "Two lines"]);
        assert_eq!(c.articles[1].body(), "Body.");
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
        assert_eq!(a.meta().source.as_deref(), Some("TASS"));
        assert_eq!(a.meta().date.as_deref(), Some("2024-05-29"));
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
            r#"{"text":"no title, no body"}"#,
            "\n",
            r#"{"title":"Also good"}"#,
            "\n",
            r#"{"title":" ","body":""}"#,
            "\n",
            r#"["A title", "a body"]"#,
            "\n",
        ));
        let titles: Vec<&str> = c.articles.iter().map(|a| a.title()).collect();
        assert_eq!(titles, ["Good", "Also good"]);
        assert_eq!(c.articles[1].id, "4");
        let places: Vec<&str> = c.warnings.iter().map(|w| w.place.as_str()).collect();
        assert_eq!(
            places,
            [
                "c.jsonl:2",
                "c.jsonl:3",
                "c.jsonl:4",
                "c.jsonl:5",
                "c.jsonl:6"
            ]
        );
        // serde would read the array as the fields in order.
        let array = c.warnings[4].to_string();
        assert!(
            array.contains("not an article (a JSON array, not an object)"),
            "{array}"
        );
        assert!(matches!(c.warnings[0].problem, Problem::BadJson { .. }));
        // The place names the line; the message adds only the column (it
        // said "at line 1" of every line, as serde_json counts).
        let bad = c.warnings[0].to_string();
        assert!(
            bad.contains("at column 2") && !bad.contains("line 1"),
            "{bad}"
        );
        assert_eq!(c.warnings[1].problem, Problem::MissingTitle);
        assert_eq!(c.warnings[2].problem, Problem::TitleOnly);
        // A title that is there but blank is told apart from none.
        assert_eq!(c.warnings[3].problem, Problem::BlankTitle);
        assert!(
            c.warnings[3]
                .problem
                .to_string()
                .contains("an empty \"title\"")
        );
    }

    #[test]
    fn a_body_without_a_title_is_kept_titled_by_its_first_line() {
        // helper-37: {"title":"","body":…} was dropped, body and all.
        let c = load_str(concat!(
            r#"{"title":"","body":"Kabul talks\nThe envoy spoke."}"#,
            "\n",
            r#"{"body":"Moscow waits\n\nNothing more."}"#,
            "\n",
        ));
        let titles: Vec<&str> = c.articles.iter().map(|a| a.title()).collect();
        assert_eq!(titles, ["Kabul talks", "Moscow waits"]);
        assert_eq!(c.articles[0].body(), "The envoy spoke.");
        let said: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("c.jsonl:1: an empty \"title\"; titled by its body's first line"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("c.jsonl:2: no \"title\" string; titled"),
            "{said:?}"
        );
        assert!(c.warnings.iter().all(|w| !w.problem.skips()));
    }

    #[test]
    fn an_absurdly_long_title_is_cut_and_flagged_with_its_line() {
        let title = "Moscow talks ".repeat(10_000);
        let line = serde_json::json!({"title": title, "body": "The body."});
        let c = load_str(&format!("{{\"title\":\"Short\"}}\n{line}\n"));
        let a = &c.articles[1];
        assert!(a.title().chars().count() <= crate::corpus::TITLE_MAX_CHARS);
        assert_eq!(
            format!("{} {}", a.title(), a.body()),
            format!("{}\n\nThe body.", title.trim())
        );
        let w = c.warnings.last().unwrap();
        assert_eq!(w.place, "c.jsonl:2");
        let said = w.to_string();
        assert!(
            said.contains(&format!("{} bytes long and was cut", title.trim().len())),
            "{said}"
        );
    }

    #[test]
    fn bytes_in_memory_read_as_the_same_file_would() {
        let cases: [&[u8]; 4] = [
            b"{\"title\":\"Good\",\"id\":1}\r\nnot json\n\n{\"body\":\"x\"}\n{\"title\":\"Dup\",\"id\":1}",
            b"\xef\xbb\xbf[{\"title\":\"A \xa3\"},{\"nope\":1}]",
            b"{\"title\":\"x\"}\n\x00\x01",
            b"",
        ];
        for bytes in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("c.jsonl");
            std::fs::write(&path, bytes).unwrap();
            let file = load(&path, &mut |_, _| {}).unwrap();
            let memory = from_bytes("c.jsonl", bytes.to_vec());
            assert_eq!(file.articles, memory.articles, "{bytes:?}");
            assert_eq!(file.warnings, memory.warnings, "{bytes:?}");
        }
    }

    #[test]
    fn lines_far_into_a_large_file_are_numbered_right() {
        // Three megabytes: read in pieces on several cores, whose line
        // numbers must still count from the top of the file.
        let body = "The talks went on. ".repeat(25);
        let mut bytes = Vec::new();
        let mut bad_at = 0;
        for n in 1..=6000 {
            match n {
                4001 => bytes.extend_from_slice(b"not json\n"),
                5000 => {
                    bytes.extend_from_slice(b"{\"title\":\"Caf");
                    bad_at = bytes.len();
                    bytes.extend_from_slice(b"\xff\",\"body\":\"x\"}\n");
                }
                _ => bytes.extend_from_slice(
                    format!("{{\"title\":\"Article {n}\",\"body\":\"{body}\"}}\n").as_bytes(),
                ),
            }
        }
        assert!(bytes.len() > 2 * PIECE);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        std::fs::write(&path, &bytes).unwrap();
        let c = load(&path, &mut |_, _| {}).unwrap();
        assert_eq!(c.articles.len(), 5999);
        assert_eq!(c.articles[5998].id, "6000");
        assert_eq!(c.articles[5998].title(), "Article 6000");
        // A byte beyond ASCII in a piece of ASCII is Windows-1252's ÿ.
        assert_eq!(c.articles[4998].title(), "Caf\u{ff}");
        let mut said: Vec<(&str, &Problem)> = c
            .warnings
            .iter()
            .map(|w| (w.place.as_str(), &w.problem))
            .collect();
        said.sort_by_key(|&(place, _)| place);
        assert!(
            matches!(said[0], ("c.jsonl:4001", Problem::BadJson { .. })),
            "{said:?}"
        );
        assert_eq!(
            said[1],
            ("c.jsonl:5000", &Problem::Windows1252 { at: bad_at })
        );
        assert_eq!(said.len(), 2, "{said:?}");
        let memory = from_bytes("c.jsonl", bytes);
        assert_eq!(c.articles, memory.articles);
        assert_eq!(c.warnings, memory.warnings);
    }

    #[test]
    fn a_json_array_is_read_too() {
        let c = load_str(r#"[{"title":"A","body":"a"},{"title":"B","body":"b"}]"#);
        assert_eq!(c.articles.len(), 2);
        assert_eq!(c.articles[1].title(), "B");
    }

    #[test]
    fn a_json_arrays_bad_elements_are_not_called_lines() {
        let c = load_str(r#"[{"title":"A","body":"a"}, 5, {"text":"b"}, {"title":"","body":""}]"#);
        assert_eq!(c.articles.len(), 1);
        let said: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        for (w, at) in said
            .iter()
            .zip([" element 2:", " element 3:", " element 4:"])
        {
            assert!(w.contains(at), "{w}");
            assert!(!w.contains("line"), "an element is not a line: {w}");
        }
    }
}
