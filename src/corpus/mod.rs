//! The corpus: articles in memory, loaded from the embedded seeds, a folder of
//! `.txt` files, a single `.txt` file, or a JSONL / JSON file.
//!
//! Loading never panics on user data. A problem with the corpus as a whole (a
//! missing path, a path of the wrong kind, nothing loadable) is a
//! [`LoadError`]; a problem with one file or line is a [`LoadWarning`] and the
//! rest still loads. Nothing is ever written into the corpus.
//!
//! This module knows nothing about actors, search or the terminal.

mod article;
mod folder;
mod jsonl;
mod seeds;
mod unwrap;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use article::{ARTICLE_MAX_BYTES, Article, DocId, Flags, Meta, NotUtf8, TITLE_MAX_CHARS};
use serde::Serialize;

/// Where a corpus came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The five seed articles compiled into the binary.
    Seeds,
    /// A folder of `.txt` articles, searched recursively.
    Folder(PathBuf),
    /// A single `.txt`, `.jsonl` or `.json` file.
    File(PathBuf),
}

impl Origin {
    /// Whether the corpus came through a pipe (stdin, a process
    /// substitution): nothing names those articles again, so marks kept
    /// for it would come back on whatever is piped in next.
    pub fn is_piped(&self) -> bool {
        matches!(self, Origin::File(p) if is_pipe(p))
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Seeds => f.write_str("seed articles"),
            Origin::Folder(p) | Origin::File(p) => f.write_str(&show(p)),
        }
    }
}

/// A loaded corpus: articles in a stable order, plus what went wrong.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Where the articles came from.
    pub origin: Origin,
    /// The articles, in file-name order (folders) or line order (JSONL);
    /// shared so that batches can be shown while the rest loads.
    pub articles: Vec<Arc<Article>>,
    /// Problems with single files or lines; each was skipped or repaired.
    pub warnings: Vec<LoadWarning>,
}

impl Corpus {
    /// Where a warning about the article with `id` says it is: a folder's
    /// article by its file (its id), a JSONL one by the file and its id
    /// ("big.jsonl (id 6)").
    pub fn place_of(&self, id: &str) -> String {
        match &self.origin {
            Origin::File(p) => {
                let name = p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                format!("{name} (id {id})")
            }
            Origin::Seeds | Origin::Folder(_) => id.to_owned(),
        }
    }

    /// The five seed articles compiled into the binary.
    pub fn seeds() -> Corpus {
        seeds::load()
    }

    /// Loads the corpus at `path`, or the seeds when `path` is `None`.
    pub fn load(path: Option<&Path>) -> Result<Corpus, LoadError> {
        match path {
            None => Ok(Corpus::seeds()),
            Some(p) => Corpus::load_path(p),
        }
    }

    /// Loads a folder, `.txt` file or JSONL/JSON file.
    pub fn load_path(path: &Path) -> Result<Corpus, LoadError> {
        Corpus::load_path_with(path, &mut |_, _| {})
    }

    /// Checks that `path` can be opened as a corpus, without reading it:
    /// what is refused here is refused before the terminal is touched.
    pub fn check(path: &Path) -> Result<(), LoadError> {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_owned()),
            _ => LoadError::Unreadable(path.to_owned(), e.to_string()),
        })?;
        if meta.is_dir() {
            let mut entries = std::fs::read_dir(path)
                .map_err(|e| LoadError::Unreadable(path.to_owned(), e.to_string()))?;
            // An empty folder is refused here, as loading it would be, but
            // before a screen opens on nothing (one entry read, whatever
            // the folder's size).
            if entries.next().is_none() {
                return Err(LoadError::Empty {
                    path: path.to_owned(),
                    piped: false,
                    warnings: Vec::new(),
                });
            }
            return Ok(());
        }
        if Kind::of(path).is_none() {
            return Err(LoadError::Unsupported(path.to_owned()));
        }
        // Only a regular file is opened to check it: opening a named pipe
        // would wait for its writer.
        if meta.is_file() {
            std::fs::File::open(path)
                .map_err(|e| LoadError::Unreadable(path.to_owned(), e.to_string()))?;
        }
        Ok(())
    }

    /// Loads a corpus, calling `on_batch` with each batch of articles as it
    /// is read (in corpus order) and how far loading has got.
    pub fn load_path_with(
        path: &Path,
        on_batch: &mut dyn FnMut(&[Arc<Article>], Progress),
    ) -> Result<Corpus, LoadError> {
        Corpus::check(path)?;
        crate::mem::keep_large_apart();
        let corpus = if path.is_dir() {
            folder::load(path, on_batch)?
        } else {
            match Kind::of(path) {
                Some(Kind::Text) => folder::load_file(path, on_batch)?,
                Some(Kind::Jsonl) => jsonl::load(path, on_batch)?,
                None => return Err(LoadError::Unsupported(path.to_owned())),
            }
        };
        if corpus.articles.is_empty() {
            return Err(LoadError::Empty {
                path: path.to_owned(),
                piped: !path.is_dir() && is_pipe(path),
                warnings: corpus.warnings,
            });
        }
        Ok(corpus)
    }

    /// Reads one `.txt` article from bytes already in memory, exactly as a
    /// file of a folder is read (binary check, UTF-8 repair, title and
    /// body, warnings), with `name` as its id. With no disk in the way, the
    /// fuzz targets and their regression tests drive the loader directly.
    /// The corpus may be empty: the warning then says why.
    pub fn from_txt_bytes(name: &str, bytes: Vec<u8>) -> Corpus {
        folder::from_bytes(name, bytes)
    }

    /// Reads JSONL (or a JSON array) from bytes already in memory, exactly
    /// as [`Corpus::load_path`] reads a file named `name` holding them. As
    /// with [`Corpus::from_txt_bytes`], the corpus may be empty.
    pub fn from_jsonl_bytes(name: &str, bytes: Vec<u8>) -> Corpus {
        jsonl::from_bytes(name, bytes)
    }

    /// The article at `id`.
    pub fn get(&self, id: DocId) -> Option<&Article> {
        self.articles.get(id.ix()).map(|a| &**a)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether there are no articles.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Total bytes of article text held in memory.
    pub fn text_bytes(&self) -> usize {
        self.articles.iter().map(|a| a.text.len()).sum()
    }

    /// Iterates articles with their ids.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (DocId, &Article)> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (DocId(i as u32), &**a))
    }
}

/// How far a load has got.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    /// Articles read so far.
    pub articles: usize,
    /// Bytes read so far.
    pub bytes: u64,
    /// Share of the work done, from 0 to 1; none when the source has no
    /// size to measure it by (a pipe).
    pub fraction: Option<f64>,
    /// The source has nothing more for now (a pipe waiting for its
    /// writer): a good moment to show what arrived.
    pub idle: bool,
}

/// What kind of single file a path names, by its extension.
enum Kind {
    Text,
    Jsonl,
}

impl Kind {
    /// The kind of the file at `path`: by its extension, and JSONL for a
    /// pipe without one (`--corpus /dev/stdin`, `<(zcat feed.jsonl.gz)`).
    fn of(path: &Path) -> Option<Kind> {
        let by_name = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .and_then(|ext| match ext.as_str() {
                "txt" => Some(Kind::Text),
                "jsonl" | "json" | "ndjson" => Some(Kind::Jsonl),
                _ => None,
            });
        by_name.or_else(|| is_pipe(path).then_some(Kind::Jsonl))
    }
}

/// Whether `path` is a named pipe or a character device (what a shell
/// hands over for stdin or a process substitution).
fn is_pipe(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|m| {
            let t = m.file_type();
            t.is_fifo() || t.is_char_device()
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// A problem with the corpus as a whole: nothing useful can be shown.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path does not exist.
    #[error("{}: no such file or folder; give a folder of .txt articles or a .jsonl file", show(.0))]
    NotFound(PathBuf),
    /// The path exists but is not a folder or a supported file.
    #[error("{}: not a corpus; give a folder of .txt articles, a .txt file, or a .jsonl/.json file", show(.0))]
    Unsupported(PathBuf),
    /// The path could not be read at all.
    #[error("{}: cannot be read ({}); check that it exists and that you may read it", show(.0), .1)]
    Unreadable(PathBuf, String),
    /// Nothing in the path could be loaded as an article.
    #[error("{}: {}", show(path), empty_hint(*piped, warnings))]
    Empty {
        /// The corpus path.
        path: PathBuf,
        /// Whether it is a pipe (stdin, a process substitution), read as
        /// JSONL.
        piped: bool,
        /// What was wrong with what it held.
        warnings: Vec<LoadWarning>,
    },
}

/// A path as messages name it: stdin by that name, not as the device
/// file `-` stands for.
fn show(p: &Path) -> String {
    if p == Path::new("/dev/stdin") {
        return "stdin".into();
    }
    crate::text::safe_line(&p.display().to_string()).into_owned()
}

/// Why nothing loaded, and what a corpus is: the first thing skipped
/// (notes on what was kept, such as an encoding read as Latin-1, are not
/// why), and for a pipe, that it is read as JSONL.
fn empty_hint(piped: bool, warnings: &[LoadWarning]) -> String {
    let mut skipped = warnings.iter().filter(|w| w.problem.skips());
    let why = match (skipped.next(), skipped.count()) {
        // (Nothing, or blank lines only: what came is not known here.)
        (None, _) if piped => "no line of JSON was piped in.".to_owned(),
        (None, _) => "no articles found.".to_owned(),
        (Some(w), 0) => format!("no articles found. {w}."),
        (Some(w), more) => format!(
            "no articles found. {w}, and {} more skipped.",
            crate::text::grouped(more)
        ),
    };
    let what = if piped {
        "A pipe is read as JSONL: one {\"title\", \"body\"} object per line."
    } else {
        "A corpus is a folder of .txt files (first line = title) or a .jsonl file of {\"title\", \"body\"} objects."
    };
    format!("{why} {what}")
}

/// A problem with one file or line of a corpus; the rest still loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadWarning {
    /// The file (relative to the corpus folder) and, for JSONL, the line.
    pub place: String,
    /// What was wrong and what was done about it.
    pub problem: Problem,
}

impl LoadWarning {
    pub(crate) fn new(place: impl Into<String>, problem: Problem) -> LoadWarning {
        LoadWarning {
            place: place.into(),
            problem,
        }
    }
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::text::safe_line(&self.place),
            self.problem
        )
    }
}

/// The kinds of per-file problems, each with what dossier did about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Not valid UTF-8; decoded with replacement characters.
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence in the file.
        at: usize,
    },
    /// Not UTF-8 and holding no UTF-8 beyond ASCII: an 8-bit encoding,
    /// read as Windows-1252 (which Latin-1 text is too).
    #[serde(rename = "windows_1252")]
    Windows1252 {
        /// Byte offset of the first byte beyond ASCII in the file.
        at: usize,
    },
    /// Contains NUL bytes: a binary or UTF-16 file; skipped.
    Binary {
        /// Whether a UTF-16 byte-order mark was seen.
        utf16: bool,
    },
    /// No text at all; kept with its file name as the title.
    Empty,
    /// A title and no body; kept.
    TitleOnly,
    /// A first line too long to be a title (a file that is one huge line);
    /// cut, and the rest of the line kept as the start of the body.
    LongTitle {
        /// The length of the title line, in bytes.
        bytes: usize,
    },
    /// A JSONL line that is not valid JSON, or not an article object;
    /// skipped.
    BadJson {
        /// The parser's message.
        message: String,
        /// Whether the JSON itself is broken (else it is valid JSON of the
        /// wrong shape, such as a title that is a number).
        syntax: bool,
    },
    /// A JSONL object without a `title` string, or a body; skipped.
    MissingTitle,
    /// A JSONL object whose `title` is empty or blank, with no body;
    /// skipped.
    BlankTitle,
    /// A JSONL object with a body but no title (`missing`) or an empty
    /// one: kept, titled by the body's first line as a `.txt` file would be.
    TitleFromBody {
        /// No `title` string at all (else an empty one).
        missing: bool,
    },
    /// The file or folder could not be read; skipped.
    Unreadable {
        /// The operating system's message.
        message: String,
    },
    /// A symbolic link that leads back into a folder being read; not followed.
    LinkLoop,
    /// A README beside the articles; not treated as an article.
    NotAnArticle,
    /// A file of another kind than `.txt` in a folder holding no `.txt`
    /// file (said of the first, counting the rest); not read.
    NotTxt {
        /// How many other such files the folder holds.
        others: usize,
    },
    /// A `.txt` name on something other than a file (a named pipe, a
    /// device): reading it could wait for ever; skipped.
    NotAFile,
    /// The same id as an earlier article; kept under a new id.
    DuplicateId {
        /// The id it is kept under.
        renamed: String,
    },
    /// A JSONL `id` that is no text or number (an object, a list, ""); the
    /// article is kept, numbered by its place in the file.
    UnusableId {
        /// The id it is kept under.
        numbered: String,
    },
    /// Longer than [`ARTICLE_MAX_BYTES`]; skipped.
    TooLarge {
        /// Its length in bytes.
        bytes: u64,
    },
    /// The same text, title and body, as an earlier article: a copy,
    /// which would count twice wherever sources are counted; kept.
    SameText {
        /// Where the earlier one is, as warnings name places.
        first: String,
    },
    /// A date the story cannot read (said once, for the first such
    /// article); the article is kept, its relative dates undated.
    UnreadableDate {
        /// The date as the source wrote it.
        date: String,
        /// How many other articles have a date it cannot read.
        others: usize,
    },
}

impl Problem {
    /// Whether the file or line it names was left out (else it was kept,
    /// and this says how).
    pub fn skips(&self) -> bool {
        match self {
            Problem::Binary { .. }
            | Problem::BadJson { .. }
            | Problem::MissingTitle
            | Problem::BlankTitle
            | Problem::Unreadable { .. }
            | Problem::LinkLoop
            | Problem::NotAnArticle
            | Problem::NotTxt { .. }
            | Problem::NotAFile
            | Problem::TooLarge { .. } => true,
            Problem::InvalidUtf8 { .. }
            | Problem::Windows1252 { .. }
            | Problem::Empty
            | Problem::TitleOnly
            | Problem::TitleFromBody { .. }
            | Problem::LongTitle { .. }
            | Problem::DuplicateId { .. }
            | Problem::UnusableId { .. }
            | Problem::SameText { .. }
            | Problem::UnreadableDate { .. } => false,
        }
    }

    /// The problem of a line that is a JSON array, not an article object.
    pub(crate) fn array_not_object() -> Problem {
        Problem::BadJson {
            message: "a JSON array, not an object".into(),
            syntax: false,
        }
    }

    /// The problem of a line serde_json could not read as an article. The
    /// warning names the line already, so of the position only the column
    /// is said (serde_json counts lines within what it was given: always
    /// "line 1" of a JSONL line).
    pub(crate) fn bad_json(e: &serde_json::Error) -> Problem {
        let mut message = json_message(e);
        if e.line() > 0 {
            message.push_str(&format!(" at column {}", e.column().max(1)));
        }
        Problem::BadJson {
            message,
            syntax: e.is_syntax() || e.is_eof(),
        }
    }
}

/// serde_json's message without the "at line L column C" it ends with,
/// for messages that say where on their own, in JSON's words: "expected
/// struct Entry" (a Rust type's name) reads "expected an object", and a
/// map and a sequence are an object and an array.
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    let message = match message.find("expected struct ") {
        Some(at) => format!("{}expected an object", &message[..at]),
        None => message.to_owned(),
    };
    // serde's words for JSON's own.
    message
        .replace("invalid type: map", "invalid type: object")
        .replace("invalid type: sequence", "invalid type: array")
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected an object")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::InvalidUtf8 { at } => write!(
                f,
                "invalid UTF-8 at byte {at}; shown with \u{fffd} replacements, and offsets refer to the repaired text"
            ),
            Problem::Windows1252 { at } => write!(
                f,
                "not UTF-8 (from byte {at}); read as Windows-1252 (Latin-1), and offsets refer to the text in UTF-8 (save the file as UTF-8 to keep them in step)"
            ),
            Problem::Binary { utf16: true } => {
                f.write_str("UTF-16 text; skipped (convert it to UTF-8 to read it)")
            }
            Problem::Binary { utf16: false } => f.write_str("binary data (NUL bytes); skipped"),
            Problem::Empty => f.write_str("empty; kept, titled with its file name"),
            Problem::TitleOnly => f.write_str("a title and no body; kept"),
            Problem::LongTitle { bytes } => write!(
                f,
                "the title was {bytes} bytes long and was cut to {TITLE_MAX_CHARS} characters at most; the rest of it starts the body"
            ),
            Problem::BadJson {
                message,
                syntax: true,
            } => write!(
                f,
                "not valid JSON ({}); skipped",
                crate::text::safe_line(message)
            ),
            Problem::BadJson {
                message,
                syntax: false,
            } => write!(
                f,
                "not an article ({}); skipped (each article is an object with a \"title\" and a \"body\" string)",
                crate::text::safe_line(message)
            ),
            Problem::MissingTitle => f.write_str(
                "no \"title\" string; skipped (each article is {\"title\": ..., \"body\": ...})",
            ),
            Problem::BlankTitle => {
                f.write_str("an empty \"title\"; skipped (give the article a title to load it)")
            }
            Problem::TitleFromBody { missing } => write!(
                f,
                "{}; titled by its body's first line (give it a \"title\" to name it)",
                if *missing {
                    "no \"title\" string"
                } else {
                    "an empty \"title\""
                }
            ),
            Problem::Unreadable { message } => write!(
                f,
                "cannot be read ({}); skipped (check that it exists and that you may read it, then load again)",
                crate::text::safe_line(message)
            ),
            Problem::LinkLoop => f.write_str("symbolic link loop; not followed"),
            Problem::NotAnArticle => f.write_str("a README, not an article; skipped"),
            Problem::NotAFile => f.write_str(
                "a named pipe or device, not a file; skipped (open it alone, or save what it gives to a file)",
            ),
            Problem::DuplicateId { renamed } => write!(
                f,
                "same id as an earlier article; kept as {renamed} (give each article its own id to keep it stable)"
            ),
            Problem::UnusableId { numbered } => write!(
                f,
                "an id with no text in it (empty, or an object or list holding none); kept as {numbered}, its place in the file (give it a string id to keep its marks if articles move)"
            ),
            Problem::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes, more than the {ARTICLE_MAX_BYTES} an article may hold; skipped (split it into several articles)"
            ),
            Problem::NotTxt { others } => {
                write!(f, "not a .txt file")?;
                if *others > 0 {
                    let verb = if *others == 1 { "is" } else { "are" };
                    let more = crate::text::count(*others, "other file", "other files");
                    write!(f, ", nor {verb} {more} there")?;
                }
                write!(f, "; rename the articles to .txt, or give a .jsonl file")
            }
            Problem::SameText { first } => write!(
                f,
                "the same title and text as {}; kept, one source with it in the timeline, but two articles in the actors' counts (remove one to count it once)",
                crate::text::safe_line(first)
            ),
            Problem::UnreadableDate { date, others } => {
                write!(
                    f,
                    "date \"{}\" not understood",
                    crate::text::safe_line(date)
                )?;
                if *others > 0 {
                    let more = crate::text::count(*others, "other article", "other articles");
                    write!(f, ", nor the dates of {more}")?;
                }
                let them = if *others > 0 { "them" } else { "it" };
                write!(
                    f,
                    "; kept, but \"yesterday\" or \"on Monday\" in {them} stays undated (write dates as 2024-05-29 or 29 May 2024)"
                )
            }
        }
    }
}

/// Decodes file bytes as text: UTF-8, else as [`repair`] says; returns the
/// text and, when the bytes were not UTF-8, where and how they were read.
pub(crate) fn decode(bytes: Vec<u8>) -> (String, Option<NotUtf8>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (text, windows_1252) = repair(e.as_bytes());
            (text.into_owned(), Some(NotUtf8 { at, windows_1252 }))
        }
    }
}

/// Bytes that are not valid UTF-8, as text. When they hold some UTF-8
/// beyond ASCII they are UTF-8 with damage, and the damage is replaced by
/// U+FFFD; when they hold none they are an 8-bit encoding (a Latin-1 or
/// Windows-1252 export, which is what such news files are), and are read
/// as Windows-1252: "Jos\xe9" is "José", not "Jos\u{fffd}". Says which.
pub(crate) fn repair(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if holds_utf8(bytes) {
        (String::from_utf8_lossy(bytes), false)
    } else {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        (text, true)
    }
}

/// Whether bytes hold a valid UTF-8 character beyond ASCII.
pub(crate) fn holds_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|c| !c.valid().is_ascii())
}

impl NotUtf8 {
    /// The warning for these bytes (`at` being where in the file they
    /// start).
    pub(crate) fn problem(self) -> Problem {
        let at = self.at;
        if self.windows_1252 {
            Problem::Windows1252 { at }
        } else {
            Problem::InvalidUtf8 { at }
        }
    }
}

/// Whether bytes are binary (contain NUL), and whether they look like UTF-16.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<bool> {
    if bytes.contains(&0) {
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        Some(utf16)
    } else {
        None
    }
}

/// Flags an article's cleanliness problems as warnings at `place`.
pub(crate) fn flag_warnings(article: &Article, place: &str, out: &mut Vec<LoadWarning>) {
    let flags = article.flags();
    if let Some(how) = flags.not_utf8() {
        out.push(LoadWarning::new(place, how.problem()));
    }
    if let Some(bytes) = flags.long_title {
        out.push(LoadWarning::new(place, Problem::LongTitle { bytes }));
    }
    if flags.empty {
        out.push(LoadWarning::new(place, Problem::Empty));
    } else if flags.title_only {
        out.push(LoadWarning::new(place, Problem::TitleOnly));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_path_names_the_path_and_the_fix() {
        let err = Corpus::load_path(Path::new("/no/such/corpus")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("/no/such/corpus: no such file"), "{msg}");
        assert!(msg.contains(".jsonl"), "{msg}");
    }

    #[test]
    fn a_file_of_thousands_of_bad_lines_counts_them_as_everywhere_else() {
        // helper-30: "and 299999 more skipped", where the rest of dossier
        // writes 2,225.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.jsonl");
        std::fs::write(&p, "not json\n".repeat(1500)).unwrap();
        let msg = Corpus::load_path(&p).unwrap_err().to_string();
        assert!(msg.contains(", and 1,499 more skipped."), "{msg}");
    }

    #[test]
    fn a_folder_of_other_files_says_they_are_not_txt() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.md", "b.html", "README"] {
            std::fs::write(dir.path().join(name), "Title\n\nBody").unwrap();
        }
        let msg = Corpus::load_path(dir.path()).unwrap_err().to_string();
        assert!(
            msg.contains("no articles found. a.md: not a .txt file, nor is 1 other file there; rename the articles to .txt"),
            "{msg}"
        );
        // Beside articles, other files are passed over unremarked.
        std::fs::write(dir.path().join("c.txt"), "Title\n\nBody").unwrap();
        let c = Corpus::load_path(dir.path()).unwrap();
        assert_eq!(c.len(), 1);
        assert!(
            c.warnings
                .iter()
                .all(|w| !w.to_string().contains(".txt file")),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn wrong_kind_of_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notes.pdf");
        std::fs::write(&p, b"%PDF").unwrap();
        let err = Corpus::load_path(&p).unwrap_err();
        assert!(matches!(err, LoadError::Unsupported(_)), "{err}");
    }

    #[test]
    fn bytes_with_no_utf8_are_read_as_windows_1252() {
        // Latin-1's é and £, and Windows-1252's curly quotes.
        let (s, how) = decode(b"Jos\xe9 paid \xa3600m, \x93he said\x94".to_vec());
        assert_eq!(s, "José paid £600m, \u{201c}he said\u{201d}");
        let how = how.unwrap();
        assert_eq!((how.at, how.windows_1252), (3, true));
        assert_eq!(how.problem(), Problem::Windows1252 { at: 3 });
    }

    #[test]
    fn damaged_utf8_is_repaired_at_the_first_bad_byte() {
        // A file with UTF-8 in it is UTF-8: its stray byte is damage.
        let (s, how) = decode("Jos\u{e9} \u{a3}".bytes().chain(*b"ab\xa3cd").collect());
        assert_eq!(s, "Jos\u{e9} \u{a3}ab\u{fffd}cd");
        let how = how.unwrap();
        assert_eq!((how.at, how.windows_1252), (10, false));
        assert_eq!(how.problem(), Problem::InvalidUtf8 { at: 10 });
    }
}
