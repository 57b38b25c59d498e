//! One article: its full text exactly as the source holds it, plus where the
//! title and body lie inside that text.
//!
//! Keeping the whole text (title line included) as one string is what lets a
//! mention's byte offsets cut the mention straight out of the file.

use std::ops::Range;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// The longest title kept, in characters. A first line longer than this (a
/// file that is one 50 MB line, a JSONL title holding a whole article) is cut
/// here, at a word where one is near, and the rest of the line starts the
/// body: the list and the reader stay usable and no text is lost.
pub const TITLE_MAX_CHARS: usize = 300;

/// Index of an article in its corpus, in corpus order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DocId(pub u32);

impl DocId {
    /// The position in the corpus's article vector.
    pub fn ix(self) -> usize {
        self.0 as usize
    }
}

/// Optional facts about an article that the source may provide.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// Publication or outlet.
    pub source: Option<String>,
    /// Author line; from the source when given, otherwise detected as a
    /// "By Firstname Lastname" line at the start or end of the body.
    pub byline: Option<String>,
    /// Publication date as the source wrote it.
    pub date: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
}

/// Things about an article's text that a reader should know were not clean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// The source bytes were not valid UTF-8 from this byte offset on;
    /// they were read as [`Flags::windows_1252`] says, and offsets index
    /// the text, not the file.
    pub invalid_utf8_at: Option<usize>,
    /// With [`Flags::invalid_utf8_at`]: the bytes held no UTF-8 beyond
    /// ASCII and were read as Windows-1252 (Latin-1). Without it, invalid
    /// sequences were replaced by U+FFFD.
    pub windows_1252: bool,
    /// The article had no text at all.
    pub empty: bool,
    /// The article had a title and no body.
    pub title_only: bool,
    /// The title line was longer than [`TITLE_MAX_CHARS`] and was cut; this
    /// is its length in bytes. The rest of the line starts the body.
    pub long_title: Option<usize>,
}

/// The longest article text dossier holds, in bytes (2 GiB): offsets into
/// a text are kept as 32-bit numbers, with the largest left free to mean
/// "none" and the top bit of one of them carrying a flag (see
/// [`Article::not_utf8`]). Loaders skip a longer article with a warning
/// ([`super::Problem::TooLarge`]).
pub const ARTICLE_MAX_BYTES: usize = i32::MAX as usize - 1;

/// An article in memory. Offsets into its text are 32-bit, and the facts a
/// large corpus seldom has are boxed or derived, so an article takes 72
/// bytes beside its strings (it took 120).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier: the path relative to the corpus folder, the JSONL
    /// `id` field or 1-based line number, or the seed file name.
    pub id: String,
    /// The full text, title line included, as the source holds it.
    pub text: Box<str>,
    /// Byte range of the title inside `text` (trimmed).
    title: Range<u32>,
    /// Byte range of the body inside `text` (trimmed).
    body: Range<u32>,
    /// Source-provided facts, when there are any (see [`Article::meta`]):
    /// boxed, as most articles of a large corpus have none.
    meta: Option<Box<Meta>>,
    /// [`Flags::invalid_utf8_at`], or [`NONE`]; when there is one, the top
    /// bit is [`Flags::windows_1252`] ([`WINDOWS_1252`]).
    not_utf8: u32,
    /// [`Flags::long_title`], or [`NONE`].
    long_title: u32,
}

// What the comment above says an article takes (on 64-bit targets:
// strings and boxes are smaller elsewhere).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Article>() == 72);

/// An absent offset or length: no text is that long.
const NONE: u32 = u32::MAX;

/// The bit of [`Article::not_utf8`] that says the text was read as
/// Windows-1252: no offset reaches it.
const WINDOWS_1252: u32 = 1 << 31;

impl Flags {
    /// Where the source stopped being UTF-8 and how it was read, if it did.
    pub fn not_utf8(&self) -> Option<NotUtf8> {
        self.invalid_utf8_at.map(|at| NotUtf8 {
            at,
            windows_1252: self.windows_1252,
        })
    }
}

/// Where a file's bytes stop being valid UTF-8, and how they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The offset of the first byte that is not UTF-8.
    pub at: usize,
    /// Read as Windows-1252, not repaired with U+FFFD (see
    /// [`Flags::windows_1252`]).
    pub windows_1252: bool,
}

/// `r` as a range of `usize`, for slicing.
fn wide(r: &Range<u32>) -> Range<usize> {
    r.start as usize..r.end as usize
}

/// `r` as a range of `u32`: within a text of at most
/// [`ARTICLE_MAX_BYTES`].
fn narrow(r: Range<usize>) -> Range<u32> {
    r.start as u32..r.end as u32
}

/// An optional offset or length within a text of at most
/// [`ARTICLE_MAX_BYTES`], as a `u32` with [`NONE`] for none.
fn packed(x: Option<usize>) -> u32 {
    x.map_or(NONE, |x| x as u32)
}

fn unpacked(x: u32) -> Option<usize> {
    (x != NONE).then_some(x as usize)
}

impl Article {
    /// Builds an article from its full text: the first non-empty line is the
    /// title, the rest is the body. A leading byte-order mark is not part of
    /// the title; CRLF and CR line ends are understood.
    ///
    /// # Panics
    /// When `text` is longer than [`ARTICLE_MAX_BYTES`]: loaders check
    /// first, and skip such an article with a warning.
    pub fn from_text(id: String, text: String, meta: Meta, not_utf8: Option<NotUtf8>) -> Article {
        assert!(
            text.len() <= ARTICLE_MAX_BYTES,
            "an article of {} bytes; loaders skip those over {ARTICLE_MAX_BYTES}",
            text.len()
        );
        let (title, body, long_title) = split_title(&text);
        let text = super::unwrap::join_wrapped(text, body.clone()).into_boxed_str();
        let mut meta = meta;
        if meta.byline.is_none() {
            meta.byline = detect_byline(&text[body.clone()]).map(str::to_owned);
        }
        let meta = (meta != Meta::default()).then(|| Box::new(meta));
        Article {
            id,
            text,
            title: narrow(title),
            body: narrow(body),
            meta,
            not_utf8: not_utf8.map_or(NONE, |n| {
                n.at as u32 | if n.windows_1252 { WINDOWS_1252 } else { 0 }
            }),
            long_title: packed(long_title),
        }
    }

    /// Builds an article from separate title and body, as JSONL gives them.
    /// The text is `title + "\n\n" + body`, which is how the same article is
    /// laid out as a `.txt` file, so both forms yield the same offsets.
    /// A line break inside the title (a JSON "\r" or "\n") becomes a
    /// space, byte for byte: the title is one line, and what followed the
    /// break would otherwise have left it for the body.
    pub fn from_parts(id: String, title: &str, body: &str, meta: Meta) -> Article {
        let mut text = String::with_capacity(title.len() + body.len() + 2);
        text.extend(title.chars().map(|c| match c {
            '\r' | '\n' => ' ',
            c => c,
        }));
        text.push_str("\n\n");
        text.push_str(body);
        Article::from_text(id, text, meta, None)
    }

    /// Source-provided facts (all `None` when the source gave none and no
    /// byline was found).
    pub fn meta(&self) -> &Meta {
        static NONE: Meta = Meta {
            source: None,
            byline: None,
            date: None,
            url: None,
        };
        self.meta.as_deref().unwrap_or(&NONE)
    }

    /// The title, or an empty string for an empty article.
    pub fn title(&self) -> &str {
        &self.text[self.title_range()]
    }

    /// The body text (everything after the title line, trimmed).
    pub fn body(&self) -> &str {
        &self.text[self.body_range()]
    }

    /// Byte range of the title inside `text` (trimmed).
    pub fn title_range(&self) -> Range<usize> {
        wide(&self.title)
    }

    /// Byte range of the body inside `text` (trimmed).
    pub fn body_range(&self) -> Range<usize> {
        wide(&self.body)
    }

    /// What was not clean about the source text.
    pub fn flags(&self) -> Flags {
        let empty = self.title.is_empty();
        let not_utf8 = (self.not_utf8 != NONE).then_some(self.not_utf8);
        Flags {
            invalid_utf8_at: not_utf8.map(|n| (n & !WINDOWS_1252) as usize),
            windows_1252: not_utf8.is_some_and(|n| n & WINDOWS_1252 != 0),
            empty,
            title_only: !empty && self.body.is_empty(),
            long_title: unpacked(self.long_title),
        }
    }

    /// What the article list shows under the title: the byline, else the
    /// source, else the id.
    pub fn attribution(&self) -> &str {
        self.credit().unwrap_or(&self.id)
    }

    /// The byline, else the source: who the article is credited to, if
    /// anyone.
    pub fn credit(&self) -> Option<&str> {
        let meta = self.meta();
        meta.byline.as_deref().or(meta.source.as_deref())
    }

    /// The title to show, falling back to the id for an untitled article.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            &self.id
        } else {
            self.title()
        }
    }
}

/// Finds the title line and the body in `text`: byte ranges, both trimmed,
/// and the title line's length in bytes when it had to be cut.
fn split_title(text: &str) -> (Range<usize>, Range<usize>, Option<usize>) {
    let mut pos = 0;
    let bytes = text.as_bytes();
    while pos < text.len() {
        let line_end = memchr_line_end(bytes, pos);
        let line = &text[pos..line_end];
        let trimmed = line.trim_start_matches('\u{feff}').trim();
        if !trimmed.is_empty() {
            let start = pos + (line.len() - line.trim_start_matches(is_title_pad).len());
            let end = pos + line.trim_end().len();
            if let Some(cut) = title_cut(&text[start..end]) {
                let title_end = start + text[start..start + cut].trim_end().len();
                let body = trimmed_range(text, start + cut, text.len());
                return (start..title_end, body, Some(end - start));
            }
            let body_start = skip_line_break(bytes, line_end);
            let body = trimmed_range(text, body_start, text.len());
            return (start..end, body, None);
        }
        pos = skip_line_break(bytes, line_end);
    }
    (0..0, text.len()..text.len(), None)
}

/// Where to cut a title line longer than [`TITLE_MAX_CHARS`], as a byte
/// offset into `line`, or `None` when it fits. The cut falls before the last
/// space in the second half of the allowance, else between two graphemes
/// (between two characters only when one grapheme is longer than the whole
/// allowance). Reads no further into the line than the allowance.
fn title_cut(line: &str) -> Option<usize> {
    if line.len() <= TITLE_MAX_CHARS {
        // No more characters than bytes.
        return None;
    }
    let (limit, _) = line.char_indices().nth(TITLE_MAX_CHARS)?;
    let mut end = 0;
    let mut space = None;
    for (i, g) in line.grapheme_indices(true) {
        if i + g.len() > limit {
            break;
        }
        if g.chars().all(char::is_whitespace) && i >= limit / 2 {
            space = Some(i);
        }
        end = i + g.len();
    }
    Some(match space {
        Some(i) => i,
        None if end > 0 => end,
        None => limit,
    })
}

fn is_title_pad(c: char) -> bool {
    c == '\u{feff}' || c.is_whitespace()
}

/// The index of the first `\n` or `\r` at or after `from`, or the end.
fn memchr_line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| from + i)
}

/// Steps over one line break (`\n`, `\r\n` or `\r`) at `at`.
fn skip_line_break(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at + 2,
        Some(b'\r' | b'\n') => at + 1,
        _ => at,
    }
}

/// `start..end` shrunk to exclude surrounding whitespace.
fn trimmed_range(text: &str, start: usize, end: usize) -> Range<usize> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return end..end;
    }
    start + lead..end - trail
}

/// A "By Firstname Lastname" line as the first or last line of the body.
fn detect_byline(body: &str) -> Option<&str> {
    let first = body.lines().next();
    let last = body.lines().next_back();
    [last, first]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|line| is_byline(line))
        .map(|line| line.trim_start_matches("By ").trim())
}

fn is_byline(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("By ") else {
        return false;
    };
    // Length first: a body can be one line of many megabytes.
    if line.len() > 60 {
        return false;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(text: &str) -> Article {
        Article::from_text("t".into(), text.into(), Meta::default(), None)
    }

    #[test]
    fn a_hard_wrapped_body_reads_as_its_paragraphs() {
        let a = art("Envoy speaks\n\
            Russia plans to remove the Taliban from the list of terrorist\n\
            organizations, the presidential envoy Zamir Kabulov told reporters\n\
            in Moscow on Friday, a day after Sergey Lavrov met the Taliban in\n\
            Kabul.\n\
            \n\
            Zamir Kabulov said the decision would come within weeks, and that\n\
            the Federal Security Service had already backed the change.\n");
        assert_eq!(a.title(), "Envoy speaks");
        let paragraphs = crate::text::paragraphs(&a.text, a.body_range()).count();
        assert_eq!(paragraphs, 2, "{:?}", a.body());
    }

    #[test]
    fn first_non_empty_line_is_the_title() {
        let a = art("\n\n  Headline here  \n\nBody one.\nBody two.\n");
        assert_eq!(a.title(), "Headline here");
        assert_eq!(a.body(), "Body one.\nBody two.");
    }

    #[test]
    fn bom_and_crlf_are_understood() {
        let a = art("\u{feff}Title\r\n\r\nBody\r\n");
        assert_eq!(a.title(), "Title");
        assert_eq!(a.body(), "Body");
        let cr = art("Title\rBody");
        assert_eq!(cr.title(), "Title");
        assert_eq!(cr.body(), "Body");
    }

    #[test]
    fn empty_and_title_only_are_flagged() {
        let e = art("  \n \n");
        assert!(e.flags().empty && !e.flags().title_only);
        assert_eq!(e.display_title(), "t");
        let t = art("Only a title\n");
        assert!(t.flags().title_only && !t.flags().empty);
    }

    #[test]
    fn jsonl_parts_give_the_same_title_and_body_as_the_file_form() {
        let file = art("A title\n\nFirst para.\n\nSecond para.\n");
        let parts = Article::from_parts(
            "1".into(),
            "A title",
            "First para.\n\nSecond para.",
            Meta::default(),
        );
        assert_eq!(file.title(), parts.title());
        assert_eq!(file.body(), parts.body());
        assert_eq!(file.body_range().start, parts.body_range().start);
    }

    #[test]
    fn a_title_line_too_long_is_cut_at_a_word_and_the_rest_starts_the_body() {
        let words = "Putin met Kabulov in Moscow and spoke at length. ".repeat(2000);
        let text = format!("  {words}\nSecond line.\n");
        let a = art(&text);
        let title = a.title();
        assert!(title.chars().count() <= TITLE_MAX_CHARS, "{}", title.len());
        assert!(title.chars().count() > TITLE_MAX_CHARS / 2);
        assert!(title.ends_with(|c: char| !c.is_whitespace()));
        // Cut before a word, not inside one.
        let rest = &a.text[a.title_range().end..];
        assert!(rest.starts_with(' '), "{:?}", &rest[..20]);
        // Nothing is lost: the title and the body together are the text.
        assert_eq!(a.body_range().start, a.title_range().end + 1);
        let whole = format!("{} {}", title, a.body());
        let want = format!("{words}\nSecond line.");
        let same = whole.bytes().zip(want.bytes()).take_while(|(x, y)| x == y);
        assert!(whole == want, "differ from byte {}", same.count());
        assert_eq!(a.flags().long_title, Some(words.trim_end().len()));
        assert!(!a.flags().title_only);
    }

    #[test]
    fn a_long_title_without_spaces_is_cut_between_graphemes() {
        // Each "e" with a combining accent is one grapheme of two chars.
        let line = "e\u{301}".repeat(400);
        let a = art(&line);
        assert!(a.title().chars().count() <= TITLE_MAX_CHARS);
        assert!(a.title().ends_with('\u{301}'), "not inside a grapheme");
        assert_eq!(a.title_range().end, a.body_range().start);
        assert_eq!(format!("{}{}", a.title(), a.body()), line);
        // One grapheme longer than the allowance: cut between characters.
        let blob = format!("x{}", "\u{301}".repeat(1000));
        let b = art(&blob);
        assert_eq!(b.title().chars().count(), TITLE_MAX_CHARS);
        assert_eq!(format!("{}{}", b.title(), b.body()), blob);
    }

    #[test]
    fn titles_up_to_the_limit_are_kept_whole() {
        let line = "é".repeat(TITLE_MAX_CHARS);
        let a = art(&format!("{line}\nBody"));
        assert_eq!(a.title(), line);
        assert_eq!(a.flags().long_title, None);
    }

    #[test]
    fn byline_is_detected_at_the_end_of_the_body() {
        let a = art("Title\nSome text here.\nBy Vafa Guliyeva");
        assert_eq!(a.meta().byline.as_deref(), Some("Vafa Guliyeva"));
        assert_eq!(a.attribution(), "Vafa Guliyeva");
        let b = art("Title\nBy the way, this is not a byline at all.");
        assert_eq!(b.meta().byline, None);
        assert_eq!(b.attribution(), "t");
    }
}
