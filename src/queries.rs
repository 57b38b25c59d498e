//! The filter's past queries, kept between sessions: `↑` on the filter
//! line recalls what was searched yesterday as well as today.
//!
//! One plain-text file in the data folder, `queries.txt`, one query per
//! line, oldest first, at most [`QUERY_LIMIT`] lines: the way a shell keeps
//! its history, so it can be read, edited or emptied by hand. It is shared
//! by every corpus, since an analyst's searches ("putin", "central bank")
//! carry over from one folder of news to the next.
//!
//! Saving never loses another dossier's queries: under an advisory lock the
//! file is read again, the session's queries move to its end (a query
//! searched again is kept once, at its latest place), and the result
//! replaces the file atomically, as the marks file is replaced.
//!
//! Owns: the queries file and its lock. Must not touch: the terminal, the
//! corpus, the marks.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::state::{Lock, StateError, io_err, write_atomic};

/// Queries kept; the oldest are forgotten.
pub const QUERY_LIMIT: usize = 500;

/// The queries file in data folder `dir`.
#[derive(Debug, Clone)]
pub struct QueryLog {
    path: PathBuf,
}

impl QueryLog {
    /// The log kept in folder `dir` (see [`crate::paths::data_dir`]; the
    /// folder is made on first save).
    pub fn in_dir(dir: &Path) -> QueryLog {
        QueryLog {
            path: dir.join("queries.txt"),
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved queries, oldest first: none when there is no file yet,
    /// and none with a message naming the file when it cannot be read.
    /// Lines that are empty after trimming are skipped.
    pub fn load(&self) -> Result<Vec<String>, String> {
        match fs::read(&self.path) {
            Ok(bytes) => Ok(parse(&bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(format!(
                "{}: cannot read the past queries ({e}); ↑ recalls only this session's",
                self.path.display()
            )),
        }
    }

    /// Adds `session` (this session's queries, oldest first) to the file:
    /// each moves to the end, and only the newest [`QUERY_LIMIT`] stay.
    pub fn save(&self, session: &[String]) -> Result<(), StateError> {
        let session: Vec<String> = session.iter().filter_map(|q| one_line(q)).collect();
        if session.is_empty() {
            return Ok(());
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let _lock = Lock::take(&self.path.with_extension("lock"))?;
        let saved = match fs::read(&self.path) {
            Ok(bytes) => lines_to_keep(&bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            // Unreadable: writing over it would lose what it holds.
            Err(e) => return Err(io_err(&self.path)(e)),
        };
        let session: Vec<Vec<u8>> = session.into_iter().map(String::into_bytes).collect();
        let all = merged(saved, &session);
        write_atomic(&self.path, |w: &mut dyn Write| {
            for q in &all {
                w.write_all(q)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })
    }
}

/// The lines of a file's bytes as a save writes them back: a query as
/// [`one_line`] makes it, and a line that is not UTF-8 (written by hand
/// or by another program) byte for byte, since what it means is not
/// dossier's to guess (helper-28 saw such a line rewritten as U+FFFD).
fn lines_to_keep(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter_map(|l| match std::str::from_utf8(l) {
            Ok(q) => one_line(q).map(String::into_bytes),
            Err(_) => Some(l.to_vec()),
        })
        .collect()
}

/// The queries of a file's bytes (any bytes: a line that is not UTF-8 is
/// read with replacement characters rather than dropped).
fn parse(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter_map(one_line)
        .collect()
}

/// `q` as one line of the file: trimmed, line breaks and other control
/// characters as spaces (a pasted query may hold them); `None` if empty.
fn one_line(q: &str) -> Option<String> {
    let line: String = q
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let line = line.trim();
    (!line.is_empty()).then(|| line.to_owned())
}

/// `saved` with `session` moved to its end, each query once at its latest
/// place, cut to the newest [`QUERY_LIMIT`].
fn merged(saved: Vec<Vec<u8>>, session: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = Vec::with_capacity(saved.len() + session.len());
    for q in saved.into_iter().chain(session.iter().cloned()) {
        all.retain(|old| *old != q);
        all.push(q);
    }
    let extra = all.len().saturating_sub(QUERY_LIMIT);
    all.drain(..extra);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn saved_queries_load_again_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(&dir.path().join("dossier"));
        assert_eq!(log.load().unwrap(), Vec::<String>::new(), "no file yet");
        log.save(&strings(&["putin", "bank rate"])).unwrap();
        assert_eq!(log.load().unwrap(), ["putin", "bank rate"]);
        // A second session searched "putin" again: it moves to the end.
        log.save(&strings(&["taliban", "putin"])).unwrap();
        assert_eq!(log.load().unwrap(), ["bank rate", "taliban", "putin"]);
    }

    #[test]
    fn two_sessions_keep_each_others_queries() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(dir.path());
        // Both read the (empty) file at start; each saves at its end.
        log.save(&strings(&["from one"])).unwrap();
        log.save(&strings(&["from two"])).unwrap();
        assert_eq!(log.load().unwrap(), ["from one", "from two"]);
    }

    #[test]
    fn a_pasted_query_with_line_breaks_is_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(dir.path());
        log.save(&strings(&["  central\nbank\r\n", "   ", ""]))
            .unwrap();
        assert_eq!(log.load().unwrap(), ["central bank"]);
        let text = fs::read_to_string(log.path()).unwrap();
        assert_eq!(text, "central bank\n");
    }

    #[test]
    fn only_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(dir.path());
        let many: Vec<String> = (0..QUERY_LIMIT + 20).map(|i| format!("q{i}")).collect();
        log.save(&many).unwrap();
        let kept = log.load().unwrap();
        assert_eq!(kept.len(), QUERY_LIMIT);
        assert_eq!(kept[0], "q20");
        assert_eq!(kept.last().unwrap(), &format!("q{}", QUERY_LIMIT + 19));
    }

    #[test]
    fn a_file_edited_by_hand_reads_as_lines() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(dir.path());
        fs::write(log.path(), b"putin\n\n  \nkabulov\xff\n").unwrap();
        assert_eq!(log.load().unwrap(), ["putin", "kabulov\u{fffd}"]);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_saved_back_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(dir.path());
        fs::write(log.path(), b"good query\n\xff\xfe bad bytes\nanother\n").unwrap();
        log.save(&strings(&["putin", "good query"])).unwrap();
        assert_eq!(
            fs::read(log.path()).unwrap(),
            b"\xff\xfe bad bytes\nanother\nputin\ngood query\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::in_dir(dir.path());
        // A folder where the file should be cannot be read as one, even by
        // root (who reads any file).
        fs::create_dir(log.path()).unwrap();
        let why = log.load().unwrap_err();
        assert!(why.contains("queries.txt"), "{why}");
        assert!(log.save(&strings(&["putin"])).is_err());
        assert!(log.path().is_dir(), "left as it was");
    }
}
