//! A hostile corpus, written on demand: every kind of bad input the
//! loader must report and survive, and text that would act on a terminal
//! if printed raw. `write_folder` and `write_jsonl` return what a user
//! should be told about each file.

use std::path::Path;

/// Bytes that would move the cursor, set the window title, ring the bell or
/// reverse the text if they reached the terminal.
pub const NASTY: &str =
    "\x1b[2J\x1b]0;owned\x07\x1b[B\x03\x7f\u{9b}31m\u{202e}evil\u{202c}\u{2066}x\u{2069}";

/// One file the loader must warn about: its name and a word of the
/// warning it gets.
pub struct Expected {
    /// The file name (relative to the folder), or `file:line` for JSONL.
    pub place: &'static str,
    /// A word the warning's text holds.
    pub says: &'static str,
}

/// Writes the hostile folder into `dir`; `long` is the size in bytes of
/// the one-line file (the issue's 50 MB is for the ignored test).
pub fn write_folder(dir: &Path, long: usize) -> Vec<Expected> {
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    put(
        "plain.txt",
        b"Putin met Kabulov in Moscow\n\nVladimir Putin said the Taliban were allies.\n",
    );
    put(
        "controls.txt",
        format!("Title {NASTY} with controls\n\nBody {NASTY} and Zamir Kabulov {NASTY} spoke.\n")
            .as_bytes(),
    );
    // Reuters-21578 has a raw ESC [ B in a title, 0x03 and 0x7F bytes and a
    // bare Latin-1 byte; the BBC corpus a bare 0xA3 (a pound sign).
    put(
        "latin1.txt",
        b"Prices rise\n\nThe pound fell to \xa31.20 as Putin spoke.\n",
    );
    put("binary.txt", b"PK\x03\x04\x00\x00\x00\x00binary\x00stuff");
    put("utf16.txt", b"\xff\xfeT\x00i\x00t\x00l\x00e\x00");
    put("empty.txt", b"");
    put("title-only.txt", b"Only a title here\n");
    put(
        "bom-crlf.txt",
        b"\xef\xbb\xbfA BOM and CRLF title\r\n\r\nLine one by Putin.\r\nLine two.\r\n",
    );
    put(
        "cr-only.txt",
        b"Old Mac line ends\r\rKabulov spoke.\rThen left.\r",
    );
    put(
        "tabs.txt",
        b"Tabs\tin\ttitle\n\n\tIndented\tbody\twith Putin.\n",
    );
    put("one-line.txt", &one_line(long));
    std::fs::write(dir.join("README.md"), "notes, not an article").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    // A link to nothing: unreadable even for root, unlike a chmod 000 file.
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", dir.join("gone.txt")).unwrap();
    vec![
        Expected {
            place: "latin1.txt",
            says: "UTF-8",
        },
        Expected {
            place: "binary.txt",
            says: "binary",
        },
        Expected {
            place: "utf16.txt",
            says: "UTF-16",
        },
        Expected {
            place: "empty.txt",
            says: "empty",
        },
        Expected {
            place: "title-only.txt",
            says: "title",
        },
        Expected {
            place: "loop",
            says: "loop",
        },
        #[cfg(unix)]
        Expected {
            place: "gone.txt",
            says: "cannot be read",
        },
        Expected {
            place: "one-line.txt",
            says: "bytes long and was cut",
        },
    ]
}

/// A file that is one line of at least `len` bytes (words and single
/// spaces, ending in a space): too long to be a title.
pub fn one_line(len: usize) -> Vec<u8> {
    let mut line = b"One line ".to_vec();
    while line.len() < len {
        line.extend_from_slice(b"Putin Kabulov Moscow and more words on one line ");
    }
    line
}

/// Writes a hostile JSONL file at `path`.
pub fn write_jsonl(path: &Path) -> Vec<Expected> {
    let lines = [
        r#"{"title": "Fine", "body": "Putin met Kabulov."}"#.to_owned(),
        "not json at all".to_owned(),
        r#"{"body": "no title"}"#.to_owned(),
        serde_json::json!({"title": format!("Nasty {NASTY}"), "body": format!("Body {NASTY} Putin"), "byline": NASTY, "source": NASTY})
            .to_string(),
        r#"{"title": "Truncated", "body": "#.to_owned(),
        serde_json::json!({"title": "Kabulov said ".repeat(5000), "body": "And more."})
            .to_string(),
    ];
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    vec![
        Expected {
            place: ":2",
            says: "JSON",
        },
        Expected {
            place: ":3",
            says: "titled by its body's first line",
        },
        Expected {
            place: ":5",
            says: "JSON",
        },
        Expected {
            place: ":6",
            says: "bytes long and was cut",
        },
    ]
}
