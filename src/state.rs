//! Marks that last between sessions: which articles were read, which are
//! bookmarked, and a one-line note per article, kept per corpus.
//!
//! [`Marks`] is the data, keyed by the articles' stable ids (never their
//! position, which a changed corpus can shift). [`Store`] keeps one corpus's
//! marks in a JSON file in the data folder, named by a hash of the corpus's
//! canonical path. JSON because serde_json is already a dependency, the file
//! is written by the program rather than by hand, and its parse errors carry
//! a line and column for the warning.
//!
//! Saving never loses what someone else saved: under an advisory lock
//! (`flock` on a `.lock` file beside it) the file is read again, the
//! session's changes are applied to what is there, and the result replaces
//! the file atomically (a temporary file in the same folder, fsync, rename,
//! fsync of the folder). A bookmark or a note carries the time it was last
//! set, and the latest wins, so removing one leaves a dated tombstone that
//! an older copy cannot bring back. Read marks add up, until the user marks
//! an article unread: from then on its read mark is dated too, and the
//! latest wins likewise (an undated read counts as older than any dated
//! change, so files from before unread existed still merge by adding up).
//! A file that cannot be parsed is moved aside with a warning and never
//! stops the app.
//!
//! Owns: the marks file and its lock. Must not touch: the corpus, the
//! terminal. It reads no clock: callers pass the time.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::corpus::{Corpus, Origin};
use crate::search::Marked;

/// The newest format of the marks file this version reads and writes.
/// Format 2 added [`Entry::read_at`] (an article marked unread); a file
/// that holds none is written as format 1, which dossiers from before it
/// read and save in full. A file that holds one is format 2: those older
/// dossiers show it but do not rewrite it, since they would drop the dates.
pub const VERSION: u32 = 2;

/// The format before [`Entry::read_at`].
const VERSION_WITHOUT_READ_DATES: u32 = 1;

/// A value with the time (milliseconds since 1970) it was last set: the
/// later of two wins a merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set.
    pub at: u64,
}

/// What is kept about one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Read (and not marked unread since).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read: bool,
    /// When `read` was last set by the user, once the article has been
    /// marked unread: then the latest of two copies wins. `None` until
    /// then, so plain reads stay one small field and add up in a merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<u64>,
    /// Bookmarked (`true`) or un-bookmarked (`false`, a tombstone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookmark: Option<Stamped<bool>>,
    /// The note; an empty one is a deleted note (a tombstone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Stamped<String>>,
}

impl Entry {
    /// Whether the article is read, bookmarked and noted, in that order:
    /// what the sets over the corpus hold of it.
    pub fn flags(&self) -> [bool; 3] {
        [
            self.read,
            self.bookmark.as_ref().is_some_and(|b| b.value),
            self.note.as_ref().is_some_and(|n| !n.value.is_empty()),
        ]
    }
}

/// One change the user made, to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The article with this id was read.
    Read(String),
    /// The user marked the article unread.
    Unread(String),
    /// The article was bookmarked (`true`) or un-bookmarked.
    Bookmark(String, bool),
    /// The article's note is now this text (empty: deleted).
    Note(String, String),
}

impl Change {
    /// The id of the article changed.
    pub fn id(&self) -> &str {
        match self {
            Change::Read(id)
            | Change::Unread(id)
            | Change::Bookmark(id, _)
            | Change::Note(id, _) => id,
        }
    }
}

/// Every mark of one corpus, as the file holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// The format version.
    #[serde(default)]
    pub version: u32,
    /// The corpus these marks belong to, for a person reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<String>,
    /// Marks by article id.
    #[serde(default)]
    pub articles: BTreeMap<String, Entry>,
}

impl Marks {
    /// The oldest format that holds these marks whole.
    pub fn format(&self) -> u32 {
        if self.articles.values().any(|e| e.read_at.is_some()) {
            VERSION
        } else {
            VERSION_WITHOUT_READ_DATES
        }
    }

    /// Whether the article with this id was read.
    pub fn is_read(&self, id: &str) -> bool {
        self.articles.get(id).is_some_and(|e| e.read)
    }

    /// Whether the article is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.articles
            .get(id)
            .and_then(|e| e.bookmark.as_ref())
            .is_some_and(|b| b.value)
    }

    /// The article's note, if it has one.
    pub fn note(&self, id: &str) -> Option<&str> {
        self.articles
            .get(id)
            .and_then(|e| e.note.as_ref())
            .map(|n| n.value.as_str())
            .filter(|n| !n.is_empty())
    }

    /// Applies a change made at time `at`. The change is the newest word on
    /// its article: its stamp is at least one past the one it replaces, even
    /// if a clock went back.
    pub fn apply(&mut self, change: &Change, at: u64) {
        let e = self.articles.entry(change.id().to_owned()).or_default();
        match change {
            Change::Read(_) => {
                e.read = true;
                // Dated only once an unread is on record, which it must beat.
                if let Some(was) = e.read_at {
                    e.read_at = Some(at.max(was + 1));
                }
            }
            Change::Unread(_) => {
                e.read = false;
                // At least 1: later than any undated read.
                e.read_at = Some(at.max(e.read_at.map_or(1, |was| was + 1)));
            }
            Change::Bookmark(_, on) => {
                let at = at.max(e.bookmark.as_ref().map_or(0, |b| b.at + 1));
                e.bookmark = Some(Stamped { value: *on, at });
            }
            Change::Note(_, text) => {
                let at = at.max(e.note.as_ref().map_or(0, |n| n.at + 1));
                e.note = Some(Stamped {
                    value: text.clone(),
                    at,
                });
            }
        }
    }

    /// Takes in `other`'s marks: of two read marks (or unreads), two
    /// bookmarks or two notes of an article, the later one stays (a tie
    /// keeps this one, but two undated read marks add up).
    pub fn merge(&mut self, other: &Marks) {
        for (id, theirs) in &other.articles {
            let ours = self.articles.entry(id.clone()).or_default();
            let (o, t) = (ours.read_at.unwrap_or(0), theirs.read_at.unwrap_or(0));
            if t > o {
                ours.read = theirs.read;
                ours.read_at = theirs.read_at;
            } else if t == o {
                ours.read |= theirs.read;
            }
            later(&mut ours.bookmark, &theirs.bookmark);
            later(&mut ours.note, &theirs.note);
        }
    }

    /// The marks as article sets over `corpus`, for `is:` searches and
    /// the list (articles sharing an id share its marks).
    pub fn marked(&self, corpus: &Corpus) -> Marked {
        let mut marked = Marked::none(corpus.len());
        if self.articles.is_empty() {
            return marked;
        }
        for (doc, a) in corpus.iter() {
            let Some(e) = self.articles.get(&a.id) else {
                continue;
            };
            let [read, bookmarked, noted] = e.flags();
            if read {
                marked.read.insert(doc.0);
            }
            if bookmarked {
                marked.bookmarked.insert(doc.0);
            }
            if noted {
                marked.noted.insert(doc.0);
            }
        }
        marked
    }

    /// The flags of the article with this id (none when it has no entry).
    pub fn flags(&self, id: &str) -> [bool; 3] {
        self.articles.get(id).map_or([false; 3], Entry::flags)
    }

    /// The ids whose flags differ between these marks and `other`: what a
    /// set over the corpus must change when one replaces the other. One
    /// pass over both in id order, no lookups.
    pub fn differing<'a>(&'a self, other: &'a Marks) -> Vec<&'a str> {
        let none = [false; 3];
        let mut out = Vec::new();
        let (mut a, mut b) = (self.articles.iter(), other.articles.iter());
        let (mut x, mut y) = (a.next(), b.next());
        loop {
            let (id, was, now) = match (x, y) {
                (None, None) => break,
                (Some((ka, ea)), Some((kb, eb))) if ka == kb => {
                    (x, y) = (a.next(), b.next());
                    (ka, ea.flags(), eb.flags())
                }
                (Some((ka, ea)), Some((kb, _))) if ka < kb => {
                    x = a.next();
                    (ka, ea.flags(), none)
                }
                (Some((ka, ea)), None) => {
                    x = a.next();
                    (ka, ea.flags(), none)
                }
                (_, Some((kb, eb))) => {
                    y = b.next();
                    (kb, none, eb.flags())
                }
            };
            if was != now {
                out.push(id.as_str());
            }
        }
        out
    }
}

fn later<T: Clone>(ours: &mut Option<Stamped<T>>, theirs: &Option<Stamped<T>>) {
    if let Some(t) = theirs {
        if ours.as_ref().is_none_or(|o| t.at > o.at) {
            *ours = Some(t.clone());
        }
    }
}

/// Why marks could not be read or saved.
#[derive(Debug)]
pub enum StateError {
    /// A file or folder could not be read or written.
    Io {
        /// Which.
        path: PathBuf,
        /// The operating system's message.
        error: io::Error,
    },
    /// The marks file exists but cannot be read, so it must not be
    /// overwritten; the message names it and why.
    Unreadable(String),
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::Io { path, error } => write!(
                f,
                "{}: {error}; check that the folder exists and is writable (or set XDG_DATA_HOME)",
                path.display()
            ),
            StateError::Unreadable(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for StateError {}

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StateError + '_ {
    move |error| StateError::Io {
        path: path.to_owned(),
        error,
    }
}

/// What loading found: the marks, and what the user should be told.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The marks (empty when there were none or they could not be read).
    pub marks: Marks,
    /// Problems met, each naming the file and what was done.
    pub warnings: Vec<String>,
}

/// One corpus's marks file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    corpus: Option<String>,
}

/// The name of the marks file of the corpus from `origin`: a fixed name
/// for the seeds, else a hash of the canonical path (so a corpus opened as
/// `./news` and `/home/me/news` shares its marks).
pub fn corpus_key(origin: &Origin) -> String {
    match origin {
        Origin::Seeds => "seeds".into(),
        Origin::Folder(p) | Origin::File(p) => {
            let canonical = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
            digest[..16].iter().map(|b| format!("{b:02x}")).collect()
        }
    }
}

/// Why a corpus read from a pipe keeps no marks: they are kept under the
/// corpus's path, and every pipe is read as /dev/stdin or /dev/fd/N, so
/// they would come back on whatever is piped in next.
pub const PIPED: &str = "a corpus read from a pipe has no name to keep marks under";

/// Why there are no saved marks at all: no folder to keep them in.
pub const NO_DATA_DIR: &str = "no data folder (is HOME set?)";

impl Store {
    /// The marks of the corpus from `origin`, kept in folder `dir` (see
    /// [`crate::paths::data_dir`]; the folder is made on first save).
    pub fn for_corpus(dir: &Path, origin: &Origin) -> Store {
        let corpus = match origin {
            Origin::Seeds => None,
            Origin::Folder(p) | Origin::File(p) => Some(
                fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string(),
            ),
        };
        Store {
            path: dir
                .join("marks")
                .join(format!("{}.json", corpus_key(origin))),
            corpus,
        }
    }

    /// The marks file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// Reads the marks. Never fails: a missing file is no marks, an
    /// unreadable one is no marks and a warning, and a corrupt one is moved
    /// aside (`.corrupt-<time>`) with a warning. `now` names the moved file.
    pub fn load(&self, now: u64) -> Loaded {
        if !self.path.exists() {
            return Loaded::default();
        }
        let mut warnings = Vec::new();
        let marks = match self.lock() {
            Ok(_lock) => self.read(now, &mut warnings),
            Err(e) => {
                // Without the lock, reading is still safe (files are
                // replaced whole); only moving a bad file aside is not.
                warnings.push(e.to_string());
                Ok(fs::read(&self.path)
                    .ok()
                    .and_then(|b| serde_json::from_slice(&b).ok())
                    .unwrap_or_default())
            }
        };
        let marks = marks.unwrap_or_else(|()| {
            // Shown if they can be read at all, even when not to be saved.
            fs::read(&self.path)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default()
        });
        Loaded { marks, warnings }
    }

    /// Reads the file under the lock; moves a corrupt one aside. `Err` when
    /// it exists but cannot be read: then it must not be overwritten.
    fn read(&self, now: u64, warnings: &mut Vec<String>) -> Result<Marks, ()> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Marks::default()),
            Err(e) => {
                warnings.push(format!(
                    "{}: cannot read the saved marks ({e}); marks made now will not be saved",
                    self.path.display()
                ));
                return Err(());
            }
        };
        match serde_json::from_slice::<Marks>(&bytes) {
            Ok(m) if m.version > VERSION => {
                // Rewriting it would drop what this version does not know.
                warnings.push(format!(
                    "{}: written by a newer dossier (format {}); marks made now will not be saved",
                    self.path.display(),
                    m.version
                ));
                Err(())
            }
            Ok(m) => Ok(m),
            Err(e) => {
                let name = self.path.file_name().unwrap_or_default().to_string_lossy();
                let aside = self.path.with_file_name(format!("{name}.corrupt-{now}"));
                let moved = fs::rename(&self.path, &aside);
                warnings.push(match moved {
                    Ok(()) => format!(
                        "{}: not a marks file ({e}); moved aside to {}, starting with no marks",
                        self.path.display(),
                        aside.display()
                    ),
                    Err(ref m) => format!(
                        "{}: not a marks file ({e}) and could not be moved aside ({m}); remove it to keep marks",
                        self.path.display()
                    ),
                });
                if moved.is_ok() {
                    Ok(Marks::default())
                } else {
                    Err(())
                }
            }
        }
    }

    /// Saves `changes`, made by now (`now`), into the file: under the lock,
    /// reads what is there (another dossier may have saved since), applies
    /// the changes on top and replaces the file atomically. Returns the
    /// marks now saved, and any warning about the old file.
    pub fn save(&self, changes: &[Change], now: u64) -> Result<Loaded, StateError> {
        self.save_with(changes, now, |w, marks| {
            serde_json::to_writer_pretty(&mut *w, marks)?;
            w.write_all(b"\n")
        })
    }

    fn save_with(
        &self,
        changes: &[Change],
        now: u64,
        write: impl FnOnce(&mut dyn Write, &Marks) -> io::Result<()>,
    ) -> Result<Loaded, StateError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let _lock = self.lock()?;
        let mut warnings = Vec::new();
        let Ok(mut marks) = self.read(now, &mut warnings) else {
            return Err(StateError::Unreadable(warnings.join("; ")));
        };
        for c in changes {
            marks.apply(c, now);
        }
        marks.version = marks.format();
        marks.corpus.clone_from(&self.corpus);
        write_atomic(&self.path, |w| write(w, &marks))?;
        Ok(Loaded { marks, warnings })
    }

    /// Takes the advisory lock on the marks file's `.lock` companion,
    /// waiting for another dossier to finish saving; released on drop.
    fn lock(&self) -> Result<Lock, StateError> {
        Lock::take(&self.lock_path())
    }
}

/// Holds an advisory lock until dropped (closing the file releases it).
pub(crate) struct Lock(#[allow(dead_code)] File);

impl Lock {
    /// Takes the advisory lock on the file at `path` (made if missing),
    /// waiting for whoever holds it.
    pub(crate) fn take(path: &Path) -> Result<Lock, StateError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io_err(path))?;
        flock(&file).map_err(io_err(path))?;
        Ok(Lock(file))
    }
}

/// `flock(LOCK_EX)`, retried when a signal interrupts the wait. libc is
/// already a dependency and this is one call; `std::fs::File::lock` needs a
/// newer Rust than the crate's minimum.
#[cfg(unix)]
fn flock(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    loop {
        // SAFETY: flock on a file descriptor this function borrows for the
        // duration of the call; no memory is passed.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

#[cfg(not(unix))]
fn flock(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Replaces `path` with what `write` produces, or leaves it as it was:
/// writes a temporary file beside it, flushes it to disk, renames it over
/// `path`, and flushes the folder so the rename survives a crash.
pub(crate) fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StateError> {
    // A marks file kept elsewhere through a link (with one's dotfiles)
    // stays linked: the file it leads to is the one replaced.
    let target = crate::export::follow_links(path).map_err(io_err(path))?;
    let path = target.as_path();
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}-"))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        write(&mut w).map_err(io_err(path))?;
        w.flush().map_err(io_err(path))?;
    }
    // The file replaced keeps its permissions (helper-28: a marks file
    // shared read-only with others became private); a new one is private,
    // as the temporary file is made.
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io_err(path))?;
    }
    tmp.as_file().sync_all().map_err(io_err(path))?;
    tmp.persist(path).map_err(|e| StateError::Io {
        path: path.to_owned(),
        error: e.error,
    })?;
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(dir))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path) -> Store {
        Store::for_corpus(dir, &Origin::Folder(dir.join("corpus")))
    }

    fn read(id: &str) -> Change {
        Change::Read(id.into())
    }

    #[cfg(unix)]
    #[test]
    fn a_save_keeps_the_permissions_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        s.save(&[read("a.txt")], 1).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(s.path()), 0o600, "a new marks file is private");
        std::fs::set_permissions(s.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
        s.save(&[read("b.txt")], 2).unwrap();
        assert_eq!(mode(s.path()), 0o644);
        let marks = s.load(3).marks;
        assert!(marks.is_read("a.txt") && marks.is_read("b.txt"));
    }

    #[test]
    fn saved_marks_load_again() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        assert_eq!(s.load(1).marks, Marks::default(), "nothing saved yet");
        s.save(
            &[
                read("a.txt"),
                Change::Bookmark("b.txt".into(), true),
                Change::Note("a.txt".into(), "ask the editor".into()),
            ],
            100,
        )
        .unwrap();
        let m = store(dir.path()).load(2);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        assert!(m.marks.is_read("a.txt") && !m.marks.is_read("b.txt"));
        assert!(m.marks.is_bookmarked("b.txt"));
        assert_eq!(m.marks.note("a.txt"), Some("ask the editor"));
        // Nothing a dossier before format 2 would drop: written as 1.
        assert_eq!(m.marks.version, 1);
    }

    #[test]
    fn an_unread_mark_makes_the_file_format_2_which_older_versions_leave_alone() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        s.save(&[read("a.txt"), read("b.txt")], 100).unwrap();
        let unread = s.save(&[Change::Unread("a.txt".into())], 200).unwrap();
        assert_eq!(unread.marks.version, 2);
        let text = std::fs::read_to_string(s.path()).unwrap();
        assert!(
            text.contains("\"version\": 2") || text.contains("\"version\":2"),
            "{text}"
        );
        // Read again, the article keeps its date (the latest change wins a
        // merge), so the file stays format 2.
        let again = s.save(&[read("a.txt")], 300).unwrap();
        assert!(again.marks.is_read("a.txt"));
        assert_eq!(again.marks.version, 2);
        // A corpus whose marks never held an unread stays format 1.
        let other = Store::for_corpus(dir.path(), &Origin::Folder("/x/other".into()));
        assert_eq!(other.save(&[read("a.txt")], 400).unwrap().marks.version, 1);
    }

    #[test]
    fn corpora_get_their_own_files_and_the_seeds_a_fixed_one() {
        let dir = tempfile::tempdir().unwrap();
        let a = Store::for_corpus(dir.path(), &Origin::Folder("/x/one".into()));
        let b = Store::for_corpus(dir.path(), &Origin::Folder("/x/two".into()));
        assert_ne!(a.path(), b.path());
        assert_eq!(corpus_key(&Origin::Seeds), "seeds");
        // The same folder by another path is the same corpus.
        fs::create_dir(dir.path().join("c")).unwrap();
        let direct = corpus_key(&Origin::Folder(dir.path().join("c")));
        let roundabout = corpus_key(&Origin::Folder(dir.path().join("c/../c")));
        assert_eq!(direct, roundabout);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        s.save(&[read("a.txt")], 1).unwrap();
        let before = fs::read(s.path()).unwrap();
        let failed = s.save_with(&[read("b.txt")], 2, |w, marks| {
            // Half the file, then the disk fills up.
            let json = serde_json::to_vec_pretty(marks).unwrap();
            w.write_all(&json[..json.len() / 2])?;
            Err(io::Error::other("no space left on device"))
        });
        let err = failed.unwrap_err().to_string();
        assert!(err.contains("no space left"), "{err}");
        assert_eq!(fs::read(s.path()).unwrap(), before, "old file intact");
        let leftovers: Vec<_> = fs::read_dir(s.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        assert!(s.load(3).marks.is_read("a.txt"));
    }

    #[test]
    fn a_linked_marks_file_stays_linked() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        s.save(&[read("a.txt")], 1).unwrap();
        let kept = dir.path().join("dotfiles-marks.json");
        fs::rename(s.path(), &kept).unwrap();
        std::os::unix::fs::symlink(&kept, s.path()).unwrap();
        s.save(&[read("b.txt")], 2).unwrap();
        assert!(
            fs::symlink_metadata(s.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let marks = s.load(3).marks;
        assert!(marks.is_read("a.txt") && marks.is_read("b.txt"));
        assert!(fs::read_to_string(&kept).unwrap().contains("b.txt"));
    }

    #[test]
    fn a_read_only_folder_fails_the_save_and_keeps_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        s.save(&[read("a.txt")], 1).unwrap();
        let before = fs::read(s.path()).unwrap();
        let marks_dir = s.path().parent().unwrap().to_owned();
        let mut perms = fs::metadata(&marks_dir).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&marks_dir, perms.clone()).unwrap();
        // Root writes anywhere: there the folder is not read-only at all.
        let probe = File::create(marks_dir.join("probe"));
        let result = s.save(&[read("b.txt")], 2);
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        fs::set_permissions(&marks_dir, perms).unwrap();
        if probe.is_ok() {
            eprintln!("skipping: this user can write into a read-only folder");
            return;
        }
        assert!(result.is_err());
        assert_eq!(fs::read(s.path()).unwrap(), before);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_marks_start_empty() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        fs::write(s.path(), b"{\"articles\": {\"a.txt\": tru").unwrap();
        let loaded = s.load(1234);
        assert_eq!(loaded.marks, Marks::default());
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        let w = &loaded.warnings[0];
        assert!(
            w.contains("moved aside") && w.contains(".corrupt-1234"),
            "{w}"
        );
        let aside = s.path().with_file_name(format!(
            "{}.corrupt-1234",
            s.path().file_name().unwrap().to_string_lossy()
        ));
        assert_eq!(
            fs::read(&aside).unwrap(),
            b"{\"articles\": {\"a.txt\": tru",
            "the bad file is kept for the user"
        );
        // Saving works again afterwards.
        s.save(&[read("b.txt")], 2000).unwrap();
        assert!(s.load(3000).marks.is_read("b.txt"));
    }

    #[test]
    fn an_unreadable_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        // A folder where the file should be: it cannot be read as one.
        fs::create_dir_all(s.path()).unwrap();
        let loaded = s.load(1);
        assert_eq!(loaded.marks, Marks::default());
        assert!(
            loaded.warnings[0].contains("will not be saved"),
            "{loaded:?}"
        );
        let err = s.save(&[read("a.txt")], 2).unwrap_err().to_string();
        let named = s.path().display().to_string();
        assert_eq!(err.matches(&named).count(), 1, "the path once: {err}");
        assert!(err.contains("cannot read the saved marks"), "{err}");
        assert!(s.path().is_dir(), "left alone");
    }

    #[test]
    fn two_stores_interleaving_saves_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (store(dir.path()), store(dir.path()));
        a.save(&[read("1.txt")], 10).unwrap();
        b.save(&[read("2.txt"), Change::Bookmark("2.txt".into(), true)], 11)
            .unwrap();
        a.save(&[Change::Note("3.txt".into(), "check".into())], 12)
            .unwrap();
        b.save(&[read("4.txt")], 13).unwrap();
        let m = a.load(14).marks;
        for id in ["1.txt", "2.txt", "4.txt"] {
            assert!(m.is_read(id), "{id} lost");
        }
        assert!(m.is_bookmarked("2.txt"));
        assert_eq!(m.note("3.txt"), Some("check"));
    }

    #[test]
    fn concurrent_writers_under_the_lock_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let s = store(dir.path());
                std::thread::spawn(move || {
                    for i in 0..25 {
                        s.save(&[read(&format!("{t}-{i}"))], 1).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let m = store(dir.path()).load(2).marks;
        assert_eq!(m.articles.len(), 100, "every writer's marks survive");
        assert!(m.articles.values().all(|e| e.read));
    }

    #[test]
    fn an_unbookmark_is_not_brought_back() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (store(dir.path()), store(dir.path()));
        a.save(&[Change::Bookmark("x".into(), true)], 100).unwrap();
        // b saw the bookmark, then the user removed it there.
        let seen = b.load(150).marks;
        assert!(seen.is_bookmarked("x"));
        b.save(&[Change::Bookmark("x".into(), false)], 200).unwrap();
        // a saves something else, still holding its old view.
        a.save(&[read("y")], 300).unwrap();
        assert!(!a.load(400).marks.is_bookmarked("x"));
        // Merging an old copy in either order keeps the removal.
        let now = a.load(400).marks;
        let mut old_first = seen.clone();
        old_first.merge(&now);
        let mut new_first = now.clone();
        new_first.merge(&seen);
        assert!(!old_first.is_bookmarked("x") && !new_first.is_bookmarked("x"));
        assert!(old_first.is_read("y") && new_first.is_read("y"));
    }

    #[test]
    fn an_unread_is_kept_against_older_reads_and_a_later_read_wins() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (store(dir.path()), store(dir.path()));
        a.save(&[read("x"), read("y")], 100).unwrap();
        let seen = b.load(150).marks;
        b.save(&[Change::Unread("x".into())], 200).unwrap();
        let now = a.load(250).marks;
        assert!(!now.is_read("x") && now.is_read("y"));
        // An old copy merged either way keeps the unread.
        let mut old_first = seen.clone();
        old_first.merge(&now);
        let mut new_first = now.clone();
        new_first.merge(&seen);
        assert!(!old_first.is_read("x") && !new_first.is_read("x"));
        // Plain reads still only add up, and leave no date in the file.
        assert!(old_first.is_read("y") && now.articles["y"].read_at.is_none());
        // Reading it again later (here: another session) wins.
        a.save(&[read("x")], 300).unwrap();
        let last = b.load(350).marks;
        assert!(last.is_read("x"));
        let mut merged = now.clone();
        merged.merge(&last);
        assert!(merged.is_read("x"), "the later read beats the unread");
    }

    #[test]
    fn a_file_from_a_newer_version_is_shown_but_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        let newer = r#"{"version": 9, "articles": {"a.txt": {"read": true, "stars": 5}}}"#;
        fs::write(s.path(), newer).unwrap();
        let loaded = s.load(1);
        assert!(loaded.marks.is_read("a.txt"), "its marks still show");
        assert!(loaded.warnings[0].contains("newer dossier"), "{loaded:?}");
        assert!(s.save(&[read("b.txt")], 2).is_err());
        assert_eq!(fs::read_to_string(s.path()).unwrap(), newer);
    }

    #[test]
    fn a_change_beats_a_stamp_from_a_clock_ahead() {
        let mut m = Marks::default();
        m.apply(&Change::Note("x".into(), "old".into()), 5000);
        m.apply(&Change::Note("x".into(), String::new()), 10);
        assert_eq!(m.note("x"), None, "an emptied note is gone");
        assert_eq!(m.articles["x"].note.as_ref().unwrap().at, 5001);
    }
}
