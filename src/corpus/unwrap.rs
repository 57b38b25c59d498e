//! Hard-wrapped bodies joined back into paragraphs.
//!
//! Some sources break every line near a fixed column (wire copy, mail
//! archives, text exports), so each line of the file is a piece of a
//! paragraph, not one. Read as one paragraph per line, such an article is
//! shown as a column of short paragraphs with blank rows between them. A
//! body is taken as hard-wrapped when every line is at most
//! [`WRAP_MAX`] characters and most lines end within [`SLACK`] characters
//! of the longest, as a wrapping tool leaves them. Then a line break after
//! such a full line is turned into spaces, byte for byte, so every offset
//! into the text (mentions, `dossier mentions --json`) still points into the
//! file as it is. A short line (the last of a paragraph, a byline, a
//! heading), a blank line and an indented line still end a paragraph.

use std::ops::Range;

/// The longest line a hard-wrapped body has, in characters: wrapping tools
/// use 72 to 80 columns; a longer line is a paragraph of its own.
const WRAP_MAX: usize = 100;

/// The shortest wrap column taken for one: below it, short lines are a
/// list or verse, not a wrapped paragraph.
const WRAP_MIN: usize = 40;

/// How far short of the longest line a line may end and still be full: a
/// wrapping tool leaves up to a word's length unused.
const SLACK: usize = 15;

/// Lines a body needs before it is judged: fewer tell nothing.
const MIN_LINES: usize = 4;

/// Joins the hard-wrapped lines of `text[body]` (see the module), in
/// place and byte for byte: `\n`, `\r\n` or `\r` after a full line becomes
/// one space per byte. A body that is not hard-wrapped is left as it is.
pub(super) fn join_wrapped(text: String, body: Range<usize>) -> String {
    // Most bodies show a long line within their first paragraph: they are
    // let go before any line is collected.
    if lines(&text, body.clone()).any(|l| is_long(&text[l.text])) {
        return text;
    }
    let lines: Vec<Line> = lines(&text, body).collect();
    let Some(column) = wrap_column(&text, &lines) else {
        return text;
    };
    let full = |l: &Line| is_full(&text[l.text.clone()], column);
    let mut joins = Vec::new();
    for pair in lines.windows(2) {
        let (this, next) = (&pair[0], &pair[1]);
        let next_text = &text[next.text.clone()];
        let continues = this.text.end > this.text.start
            && !next_text.trim().is_empty()
            && !next_text.starts_with(char::is_whitespace)
            && full(this);
        if continues {
            joins.push(this.text.end..next.text.start);
        }
    }
    if joins.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for r in joins {
        bytes[r].fill(b' ');
    }
    // Only ASCII line-break bytes became ASCII spaces.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One line of a body: its text, without the break after it.
struct Line {
    text: Range<usize>,
}

/// The lines of `text[body]`, each up to (not including) its break.
fn lines(text: &str, body: Range<usize>) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = body.start;
    std::iter::from_fn(move || {
        if pos >= body.end {
            return None;
        }
        let end =
            memchr::memchr2(b'\n', b'\r', &bytes[pos..body.end]).map_or(body.end, |i| pos + i);
        let line = Line { text: pos..end };
        pos = match (bytes.get(end), bytes.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => end + 2,
            _ => end + 1,
        };
        Some(line)
    })
}

/// Whether a line is longer than a wrapped body's lines are.
fn is_long(line: &str) -> bool {
    // A cheap first look: no character takes more than four bytes.
    line.len() > 4 * WRAP_MAX || (line.len() > WRAP_MAX && chars(line) > WRAP_MAX)
}

/// Whether a line ends near `column`, as a wrapped paragraph's lines but
/// its last do.
fn is_full(line: &str, column: usize) -> bool {
    chars(line) + SLACK >= column
}

/// The column a body of no long line is wrapped at, or `None` when it is
/// not hard-wrapped: the longest line is under [`WRAP_MIN`], or fewer
/// than half the lines that go on to another are full.
fn wrap_column(text: &str, lines: &[Line]) -> Option<usize> {
    let mut column = 0;
    let mut nonblank = 0;
    for l in lines {
        let s = &text[l.text.clone()];
        column = column.max(chars(s));
        nonblank += usize::from(!s.trim().is_empty());
    }
    if column < WRAP_MIN || nonblank < MIN_LINES {
        return None;
    }
    // Lines followed by another line of text: in a wrapped body most are
    // full; in a body of one short paragraph per line few are.
    let mut followed = 0;
    let mut full = 0;
    for pair in lines.windows(2) {
        let (a, b) = (&text[pair[0].text.clone()], &text[pair[1].text.clone()]);
        if a.trim().is_empty() || b.trim().is_empty() {
            continue;
        }
        followed += 1;
        full += usize::from(is_full(a, column));
    }
    (followed > 0 && full * 2 > followed).then_some(column)
}

fn chars(s: &str) -> usize {
    s.trim_end().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> String {
        let body = text.find('\n').map_or(text.len(), |i| i + 1)..text.len();
        join_wrapped(text.to_owned(), body)
    }

    const WRAPPED: &str = "A title\n\
        Russia plans to remove the Taliban from the list of terrorist\n\
        organizations, Zamir Kabulov, the presidential envoy to Afghanistan,\n\
        said on Friday.\n\
        \n\
        Aleksandr Bortnikov, the head of the Federal Security Service, which\n\
        is responsible for combatting terrorism, also confirmed the shift in\n\
        a statement.\n";

    #[test]
    fn wrapped_lines_join_into_paragraphs_byte_for_byte() {
        let out = joined(WRAPPED);
        assert_eq!(out.len(), WRAPPED.len());
        let paras: Vec<&str> = out.lines().skip(1).collect();
        assert_eq!(
            paras,
            [
                "Russia plans to remove the Taliban from the list of terrorist organizations, Zamir Kabulov, the presidential envoy to Afghanistan, said on Friday.",
                "",
                "Aleksandr Bortnikov, the head of the Federal Security Service, which is responsible for combatting terrorism, also confirmed the shift in a statement.",
            ]
        );
        // Every byte that was not a line break is where it was.
        for (a, b) in WRAPPED.bytes().zip(out.bytes()) {
            assert!(a == b || (a == b'\n' && b == b' '));
        }
    }

    #[test]
    fn crlf_breaks_become_two_spaces() {
        let crlf = WRAPPED.replace('\n', "\r\n");
        let out = joined(&crlf);
        assert_eq!(out.len(), crlf.len());
        assert!(out.contains("terrorist  organizations"), "{out}");
        assert!(out.contains("Friday.\r\n\r\nAleksandr"), "{out}");
    }

    #[test]
    fn one_paragraph_per_line_is_left_alone() {
        for text in [
            // Seed-like: long lines.
            "Title\nRussia is weighing the possibility of removing the Afghan Taliban's designation as a terrorist organization, an aide said.\nDuring a briefing, Ushakov confirmed that the idea is currently being discussed, though it remains early.\nA third paragraph.\nA fourth.\n",
            // Short paragraphs of uneven length.
            "Title\nMoscow said on Friday it would decide soon on the matter.\nKabul welcomed it.\nThe UN declined to comment on the move.\nTalks resume next week.\nNo date was given.\n",
            // A list.
            "Title\nPutin\nLavrov\nKabulov\nBortnikov\nShaheen\n",
        ] {
            assert_eq!(joined(text), text);
        }
    }

    #[test]
    fn a_short_line_a_blank_or_an_indent_still_ends_a_paragraph() {
        let text = "Title\n\
            By Jane Roe\n\
            Russia plans to remove the Taliban from the list of terrorist\n\
            organizations, Zamir Kabulov, the presidential envoy to Afghanistan,\n\
            said on Friday, adding that a decision could come within weeks of\n\
            \x20 Moscow's talks with the Taliban government in Kabul this month.\n";
        let out = joined(text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "By Jane Roe");
        assert!(lines[2].ends_with(
            "Afghanistan, said on Friday, adding that a decision could come within weeks of"
        ));
        assert!(lines[3].starts_with("  Moscow's"), "{out}");
    }
}
