//! The user's marks in the app: read and unread (`u` toggles), bookmarks
//! (`b`), and the one-line note per article (`a`), edited in the status
//! line.
//!
//! Owns: the marks as loaded and as changed this session, the sets the
//! list, the counts and `is:` searches read, the note line, and the changes
//! not yet handed to the binary to save ([`super::Effect::SaveState`]) or
//! handed over and not yet saved (the binary saves on a thread of its own
//! and answers each save in turn with [`Action::MarksSaved`]).
//! Must not touch: files or a clock. An article becomes read when the
//! binary reports it open for [`READ_AFTER_SECS`] ([`Action::ReadFor`]), or
//! when the reader is scrolled to its end; one the user marked unread stays
//! so while it is open. The clock starts at the user's first input: the
//! article shown at start is not theirs until then.

use std::sync::Arc;

use super::{Action, App, Effect, View};
use crate::corpus::{Corpus, DocId};
use crate::search::Marked;
use crate::state::{Change, Marks};
use crate::text::line;

/// Seconds an article must stay open in the reader to count as read.
pub const READ_AFTER_SECS: u32 = 3;

/// The note line while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteEdit {
    /// The article the note is on.
    pub doc: DocId,
    /// The text typed.
    pub input: String,
    /// The cursor, a byte offset into `input`.
    pub cursor: usize,
}

impl NoteEdit {
    pub(super) fn insert(&mut self, c: char) {
        line::insert(&mut self.input, &mut self.cursor, c);
    }

    fn backspace(&mut self) {
        line::backspace(&mut self.input, &mut self.cursor);
    }

    fn delete(&mut self) {
        line::delete(&mut self.input, self.cursor);
    }

    fn delete_word(&mut self) {
        line::delete_word(&mut self.input, &mut self.cursor);
    }

    fn step(&mut self, right: bool) {
        line::step(&self.input, &mut self.cursor, right);
    }
}

/// The marks as the screen uses them: sets over the current library and
/// their counts, rebuilt when the library changes and updated for just the
/// articles concerned when a mark does.
#[derive(Debug, Clone)]
pub struct MarkView {
    /// Read, bookmarked and noted articles.
    pub marked: Arc<Marked>,
    /// Articles not read.
    pub unread: usize,
    /// Articles bookmarked.
    pub bookmarked: usize,
    /// The library's articles sorted by id, to find those sharing an id
    /// without a pass over the corpus; made at the first change.
    by_id: Option<Vec<DocId>>,
}

impl Default for MarkView {
    fn default() -> MarkView {
        MarkView {
            marked: Arc::new(Marked::none(0)),
            unread: 0,
            bookmarked: 0,
            by_id: None,
        }
    }
}

/// Changed ids beyond this share of the library rebuild every set instead:
/// a pass over the corpus is then cheaper than a lookup per id.
const REBUILD_SHARE: usize = 16;

/// The articles of `corpus` with id `id`, from `by_id` (the corpus's
/// articles sorted by id).
fn docs_with<'a>(by_id: &'a [DocId], corpus: &Corpus, id: &str) -> &'a [DocId] {
    let id_of = |d: &DocId| corpus.articles[d.ix()].id.as_str();
    let start = by_id.partition_point(|d| id_of(d) < id);
    let len = by_id[start..].partition_point(|d| id_of(d) == id);
    &by_id[start..start + len]
}

impl App {
    /// Handles the actions of this module; `None` for any other.
    pub(super) fn update_marks(&mut self, action: &Action) -> Option<()> {
        match action {
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleRead => self.toggle_read(),
            Action::EditNote => self.open_note(),
            Action::NoteInput(c) => self.edit_note(|n| n.insert(*c)),
            Action::NoteBackspace => self.edit_note(NoteEdit::backspace),
            Action::NoteDelete => self.edit_note(NoteEdit::delete),
            Action::NoteDeleteWord => self.edit_note(NoteEdit::delete_word),
            Action::NoteClear => self.edit_note(|n| {
                n.input.clear();
                n.cursor = 0;
            }),
            Action::NoteLeft => self.edit_note(|n| n.step(false)),
            Action::NoteRight => self.edit_note(|n| n.step(true)),
            Action::NoteHome => self.edit_note(|n| n.cursor = 0),
            Action::NoteEnd => self.edit_note(|n| n.cursor = n.input.len()),
            Action::NoteAccept => self.accept_note(),
            Action::NoteCancel => self.note = None,
            _ => return None,
        }
        Some(())
    }

    /// The article `b`, `u` and `a` act on: the one in the list and the
    /// reader.
    fn article_in_view(&mut self) -> Option<DocId> {
        if self.view != View::Panes {
            self.message =
                Some("Marks and notes are for the article in the list: Esc first".into());
            return None;
        }
        self.list.selected()
    }

    fn id_of(&self, doc: DocId) -> String {
        self.lib.corpus.articles[doc.ix()].id.clone()
    }

    /// Records a change: in the marks at once, and for the next save.
    fn change(&mut self, change: Change) {
        self.marks.apply(&change, 0);
        self.remark_ids(&[change.id()]);
        self.pending.push(change);
    }

    fn toggle_bookmark(&mut self) {
        let Some(doc) = self.article_in_view() else {
            return;
        };
        let id = self.id_of(doc);
        let on = !self.marks.is_bookmarked(&id);
        self.change(Change::Bookmark(id, on));
        self.message = Some(
            if on {
                "Bookmarked · is:bookmarked lists the bookmarks"
            } else {
                "Bookmark removed"
            }
            .into(),
        );
    }

    /// `u`: unread a read article (it stays so for the session, though
    /// the reader's timer would read it again), or read an unread one.
    fn toggle_read(&mut self) {
        let Some(doc) = self.article_in_view() else {
            return;
        };
        let id = self.id_of(doc);
        if self.marks.is_read(&id) {
            self.change(Change::Unread(id));
            if !self.kept_unread.contains(&doc) {
                self.kept_unread.push(doc);
            }
            self.message = Some("Marked unread · u marks it read again".into());
        } else {
            self.change(Change::Read(id));
            self.kept_unread.retain(|&d| d != doc);
            self.message = Some("Marked read".into());
        }
    }

    fn open_note(&mut self) {
        let Some(doc) = self.article_in_view() else {
            return;
        };
        let input = self.marks.note(&self.id_of(doc)).unwrap_or("").to_owned();
        self.note = Some(NoteEdit {
            doc,
            cursor: input.len(),
            input,
        });
    }

    fn edit_note(&mut self, f: impl FnOnce(&mut NoteEdit)) {
        if let Some(n) = &mut self.note {
            f(n);
        }
    }

    pub(super) fn accept_note(&mut self) {
        let Some(edit) = self.note.take() else { return };
        let id = self.id_of(edit.doc);
        let text = edit.input.trim().to_owned();
        let old = self.marks.note(&id).unwrap_or("");
        if text == old {
            return;
        }
        self.message = Some(
            match (text.is_empty(), old.is_empty()) {
                (true, _) => "Note deleted",
                (false, true) => "Note saved · is:noted lists the articles with notes",
                (false, false) => "Note changed",
            }
            .into(),
        );
        self.change(Change::Note(id, text));
        self.show_note();
    }

    /// Puts the open article's note (or none) in the reader.
    pub(super) fn show_note(&mut self) {
        let Some(doc) = self.reader.doc else { return };
        let note = self.marks.note(&self.id_of(doc)).map(str::to_owned);
        if note != self.reader.note {
            let lib = Arc::clone(&self.lib);
            self.reader.set_note(&lib.corpus.articles[doc.ix()], note);
        }
    }

    /// The note to lay out with article `doc` when it opens.
    pub(super) fn note_of(&self, doc: DocId) -> Option<String> {
        self.marks
            .note(&self.lib.corpus.articles[doc.ix()].id)
            .map(str::to_owned)
    }

    /// Marks article `doc` read, once, unless the user marked it unread
    /// this session.
    pub(super) fn mark_read(&mut self, doc: DocId) {
        let id = self.id_of(doc);
        if !self.marks.is_read(&id) && !self.kept_unread.contains(&doc) {
            self.change(Change::Read(id));
        }
    }

    /// The unread article the user is reading now: open in a reader that
    /// is on screen. The binary times how long it stays so and reports it
    /// with [`Action::ReadFor`].
    pub fn reading(&self) -> Option<DocId> {
        let doc = self.reader.doc?;
        // While a query is typed, the reader previews its best match: a
        // glance, not a read.
        let shown =
            self.view == View::Panes && self.layout.reader.is_some() && !self.filter.editing;
        let unread = !self.mark_view.marked.read.contains(doc.0);
        (self.acted && shown && unread && !self.kept_unread.contains(&doc)).then_some(doc)
    }

    /// Whether article `doc` was read, is bookmarked, and has a note.
    pub fn marks_of(&self, doc: DocId) -> (bool, bool, bool) {
        let m = &self.mark_view.marked;
        (
            m.read.contains(doc.0),
            m.bookmarked.contains(doc.0),
            m.noted.contains(doc.0),
        )
    }

    /// Rebuilds the sets and counts from the marks, for the current
    /// library.
    pub(super) fn refresh_marks(&mut self) {
        let n = self.lib.corpus.len();
        let marked = self.marks.marked(&self.lib.corpus);
        self.mark_view = MarkView {
            unread: n - marked.read.len(),
            bookmarked: marked.bookmarked.len(),
            marked: Arc::new(marked),
            by_id: None,
        };
        self.count_listed_marks();
    }

    /// Counts the unread and bookmarked articles among those listed (the
    /// list's title shows them), from the corpus's counts when all are.
    pub(super) fn count_listed_marks(&mut self) {
        let v = &self.mark_view;
        let rows = &self.list.rows;
        self.list.marked = if rows.len() == self.lib.corpus.len() {
            (v.unread, v.bookmarked)
        } else {
            let m = &v.marked;
            (
                rows.iter().filter(|d| !m.read.contains(d.0)).count(),
                rows.iter().filter(|d| m.bookmarked.contains(d.0)).count(),
            )
        };
    }

    /// Brings the sets and counts up to date after the marks of the
    /// articles with these ids changed, looking at those articles only
    /// (a search holding the sets keeps its own copy).
    fn remark_ids(&mut self, ids: &[&str]) {
        if remark(&self.lib.corpus, &self.marks, &mut self.mark_view, ids) {
            self.count_listed_marks();
        } else {
            self.refresh_marks();
        }
    }

    /// Takes `marks` (loaded or saved, with this session's changes
    /// applied) in place of the current ones, updating the sets for the
    /// articles whose marks differ, or rebuilding them when many do.
    fn replace_marks(&mut self, marks: Marks) {
        let old = std::mem::replace(&mut self.marks, marks);
        let changed = old.differing(&self.marks);
        // Many changed (or sets of another library): rebuilt whole.
        let rebuild = changed.len() > self.lib.corpus.len() / REBUILD_SHARE
            || (!changed.is_empty()
                && !remark(&self.lib.corpus, &self.marks, &mut self.mark_view, &changed));
        if rebuild {
            self.refresh_marks();
        } else if !changed.is_empty() {
            self.count_listed_marks();
        }
        self.show_note();
    }

    /// The sets an `is:` search needs, when the filter's query asks.
    pub(super) fn marks_for_search(&self) -> Option<Arc<Marked>> {
        self.filter
            .query
            .uses_marks()
            .then(|| Arc::clone(&self.mark_view.marked))
    }

    /// Handles what the binary reports about marks, handing any other
    /// action back. The marks arrive shared; the app takes them without a
    /// copy when it holds the only reference (100,000 marks take 11 ms to
    /// copy).
    pub(super) fn marks_reported(&mut self, action: Action) -> Result<(), Action> {
        match action {
            Action::ReadFor { doc, secs } => {
                if secs >= READ_AFTER_SECS && self.reading() == Some(doc) {
                    self.mark_read(doc);
                }
            }
            Action::MarksLoaded {
                marks,
                warnings,
                notes,
            } => {
                let loaded = Arc::unwrap_or_clone(marks);
                self.take_unsaved(loaded);
                self.take_warnings(&warnings, false);
                for n in notes {
                    self.warn(super::SAVED_MARKS, n);
                }
            }
            Action::MarksSaved { marks, warnings } => {
                // The answer to the oldest save handed over.
                let batch = self.in_flight.pop_front().unwrap_or_default();
                let failed = marks.is_none();
                match marks {
                    Some(saved) => {
                        self.take_unsaved(Arc::unwrap_or_clone(saved));
                        self.recovered();
                    }
                    // A save that failed (not one with nowhere to save,
                    // which was said when the marks were read): kept, to
                    // try again (helper-30: a bookmark made in a folder
                    // that took no file was lost without a word at exit).
                    None if !warnings.is_empty() => {
                        // Each change sets a mark outright, so one a later
                        // change of the same mark (saving, or to be saved)
                        // overrides is dropped: tried again after it, it
                        // would undo it.
                        let later: Vec<(&str, u8)> = self
                            .in_flight
                            .iter()
                            .flatten()
                            .chain(&self.pending)
                            .map(mark_key)
                            .collect();
                        let batch: Vec<Change> = batch
                            .into_iter()
                            .filter(|c| !later.contains(&mark_key(c)))
                            .collect();
                        let (changes, why) = &mut self.unsaved;
                        changes.retain(|c| !batch.iter().any(|b| mark_key(b) == mark_key(c)));
                        changes.extend(batch);
                        why.get_or_insert_with(|| warnings[0].clone());
                    }
                    None => {}
                }
                self.take_warnings(&warnings, failed);
            }
            other => return Err(other),
        }
        Ok(())
    }

    /// Takes marks read from the file, with what this session changed
    /// and has not seen saved yet (handed over, then pending) applied.
    fn take_unsaved(&mut self, mut marks: Marks) {
        let (failed, _) = &self.unsaved;
        for c in failed
            .iter()
            .chain(self.in_flight.iter().flatten())
            .chain(&self.pending)
        {
            marks.apply(c, 0);
        }
        self.replace_marks(marks);
    }

    /// After a save that worked: once no failed change is left to save,
    /// the failures are past, so `w` no longer lists them and quitting
    /// says nothing of them (helper-31: `w` listed an old failure after
    /// saving recovered).
    fn recovered(&mut self) {
        if !self.unsaved.0.is_empty() || self.save_failures.is_empty() {
            return;
        }
        let past = std::mem::take(&mut self.save_failures);
        self.warnings.retain(|(_, w)| !past.contains(w));
        self.unsaved.1 = None;
        self.message = Some("Marks saved again".into());
    }

    fn take_warnings(&mut self, warnings: &[String], failed: bool) {
        for w in warnings {
            self.warn(super::SAVED_MARKS, w.clone());
            if failed && !self.save_failures.contains(w) {
                self.save_failures.push(w.clone());
            }
        }
        if let Some(w) = warnings.first() {
            // What happened first, then the file: a long path is cut.
            self.message = Some(if failed {
                format!("Marks not saved (w says why): {w}")
            } else {
                format!("A problem with the saved marks (w says which): {w}")
            });
        }
    }

    /// Hands the changes made so far to the binary to save, unless the
    /// action already asks for other work (they go with the next save).
    /// Changes whose save failed go again with them, and on quitting.
    pub(super) fn flush_marks(&mut self, effect: Option<Effect>) -> Option<Effect> {
        let retry = self.quit && !self.unsaved.0.is_empty();
        if effect.is_some() || (self.pending.is_empty() && !retry) {
            return effect;
        }
        let mut changes = std::mem::take(&mut self.unsaved.0);
        let pending = &self.pending;
        changes.retain(|c| !pending.iter().any(|p| mark_key(p) == mark_key(c)));
        changes.append(&mut self.pending);
        self.in_flight.push_back(changes.clone());
        Some(Effect::SaveState(changes))
    }

    /// What to say on the way out when changes to the marks were not
    /// saved: how many, and why the first save failed.
    pub fn unsaved_marks(&self) -> Option<String> {
        // Since a save failed, what has not been saved: failed, handed
        // over again (a retry on quitting is answered by no one), or not
        // handed over.
        let (changes, why) = &self.unsaved;
        let why = why.as_deref()?;
        // Counted as marks, not keystrokes: a bookmark set and unset is
        // one mark changed (helper-31 saw 3 for 2 articles).
        let mut marks: Vec<(&str, u8)> = changes
            .iter()
            .chain(self.in_flight.iter().flatten())
            .chain(&self.pending)
            .map(mark_key)
            .collect();
        marks.sort_unstable();
        marks.dedup();
        let n = marks.len();
        if n == 0 {
            return None;
        }
        // (helper-33: "1 mark (read, bookmarked, noted)" read as one mark
        // being all three.)
        Some(format!(
            "{} changed in this session ({}) {} not saved: {}",
            crate::text::count(n, "mark", "marks"),
            if n == 1 {
                "a read state, bookmark or note"
            } else {
                "read states, bookmarks or notes"
            },
            if n == 1 { "was" } else { "were" },
            why
        ))
    }
}

/// Which mark a change sets: an article's read state, bookmark or note.
fn mark_key(c: &Change) -> (&str, u8) {
    let kind = match c {
        Change::Read(_) | Change::Unread(_) => 0,
        Change::Bookmark(..) => 1,
        Change::Note(..) => 2,
    };
    (c.id(), kind)
}

/// Brings `view`'s sets and counts up to date after the marks of the
/// articles with these ids changed, to what `marks` says, looking at those
/// articles only. False when the sets are of another library (of another
/// size), which no update can fix: they want a rebuild.
fn remark(corpus: &Corpus, marks: &Marks, view: &mut MarkView, ids: &[&str]) -> bool {
    let n = corpus.len();
    if view.marked.read.universe() != n {
        return false;
    }
    let by_id = view.by_id.get_or_insert_with(|| {
        let mut v: Vec<DocId> = corpus.iter().map(|(d, _)| d).collect();
        v.sort_unstable_by(|a, b| corpus.articles[a.ix()].id.cmp(&corpus.articles[b.ix()].id));
        v
    });
    let marked = Arc::make_mut(&mut view.marked);
    for &id in ids {
        let flags = marks.flags(id);
        for &d in docs_with(by_id, corpus, id) {
            let sets = [&mut marked.read, &mut marked.bookmarked, &mut marked.noted];
            for (set, on) in sets.into_iter().zip(flags) {
                if on {
                    set.insert(d.0);
                } else {
                    set.remove(d.0);
                }
            }
        }
    }
    view.unread = n - marked.read.len();
    view.bookmarked = marked.bookmarked.len();
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Pane;
    use crate::app::reader::Row;
    use crate::app::testing::{press, seeds_app, type_filter};
    use crate::state::Marks;

    fn selected_id(app: &App) -> String {
        app.id_of(app.list.selected().unwrap())
    }

    fn note_rows(app: &App) -> Vec<String> {
        app.reader
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Note(n) => Some(n.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn b_bookmarks_the_article_in_view_and_again_removes_it() {
        let mut a = seeds_app(120, 40);
        press(&mut a, "j");
        let id = selected_id(&a);
        let effect = a.update(Action::ToggleBookmark);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Bookmark(id.clone(), true)]))
        );
        let doc = a.list.selected().unwrap();
        assert_eq!(a.marks_of(doc), (false, true, false));
        assert_eq!(a.mark_view.bookmarked, 1);
        assert!(a.message.as_deref().unwrap().starts_with("Bookmarked"));
        let effect = a.update(Action::ToggleBookmark);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Bookmark(id, false)]))
        );
        assert_eq!(a.marks_of(doc), (false, false, false));
        assert_eq!(a.mark_view.bookmarked, 0);
    }

    #[test]
    fn articles_sharing_an_id_in_the_file_do_not_share_a_bookmark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dup.jsonl");
        std::fs::write(
            &path,
            "{\"title\":\"Dup one\",\"body\":\"x\",\"id\":5}\n{\"title\":\"Dup two\",\"body\":\"y\",\"id\":5}\n",
        )
        .unwrap();
        let corpus = crate::corpus::Corpus::load_path(&path).unwrap();
        let lib = crate::library::Library::build(corpus, &crate::actors::Extraction::builtin());
        let mut a = App::new(Arc::new(lib), 100, 20);
        press(&mut a, "j");
        a.update(Action::ToggleBookmark);
        let (first, second) = (DocId(0), DocId(1));
        assert_eq!(a.marks_of(second), (false, true, false));
        assert_eq!(a.marks_of(first), (false, false, false));
        assert_eq!(a.mark_view.bookmarked, 1);
    }

    #[test]
    fn b_outside_the_panes_says_where_it_works() {
        let mut a = seeds_app(120, 40);
        press(&mut a, "t");
        assert_eq!(a.view, View::Timeline);
        assert_eq!(a.update(Action::ToggleBookmark), None);
        assert!(a.message.as_deref().unwrap().contains("Esc"));
        assert_eq!(a.mark_view.bookmarked, 0);
    }

    #[test]
    fn a_long_note_takes_four_rows_and_ends_in_an_ellipsis() {
        let mut a = seeds_app(120, 40);
        press(&mut a, "a");
        for c in "word ".repeat(450).chars() {
            a.update(Action::NoteInput(c));
        }
        a.update(Action::NoteAccept);
        let rows = note_rows(&a);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert!(rows[3].ends_with('…'), "{rows:?}");
        // The article's text is still on the first screen.
        assert!(
            a.reader
                .rows
                .iter()
                .take(12)
                .any(|r| matches!(r, Row::Text { title: false, .. }))
        );
    }

    #[test]
    fn quitting_while_writing_a_note_keeps_it() {
        let mut a = seeds_app(120, 40);
        let id = selected_id(&a);
        press(&mut a, "a h a l f");
        let effect = press_one(&mut a, "ctrl-c");
        assert!(a.quit);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Note(id, "half".into())]))
        );
    }

    #[test]
    fn a_note_never_keeps_half_a_flag() {
        let mut a = seeds_app(120, 40);
        let id = selected_id(&a);
        press(&mut a, "a");
        for c in "ab\u{1F1E9}\u{1F1EA}e\u{301}x".chars() {
            a.update(Action::NoteInput(c));
        }
        // Left, Backspace, Left, Backspace: the accented e, then "b".
        for action in [
            Action::NoteLeft,
            Action::NoteBackspace,
            Action::NoteLeft,
            Action::NoteBackspace,
        ] {
            a.update(action);
        }
        let effect = a.update(Action::NoteAccept);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Note(
                id,
                "a\u{1F1E9}\u{1F1EA}x".into()
            )]))
        );
    }

    #[test]
    fn a_writes_a_note_that_the_reader_shows_under_the_title() {
        let mut a = seeds_app(120, 40);
        let id = selected_id(&a);
        press(&mut a, "a");
        assert_eq!(a.key_context(), crate::app::keymap::Context::Note);
        // Keys bound elsewhere (q quits, b bookmarks, j moves) type here.
        press(&mut a, "c h e c k space q b j");
        assert!(!a.quit);
        assert_eq!(a.note.as_ref().unwrap().input, "check qbj");
        // A Tab types a space, as a pasted one does: no words run together.
        press(&mut a, "tab x");
        assert_eq!(a.note.as_ref().unwrap().input, "check qbj x");
        press(
            &mut a,
            "backspace backspace backspace backspace backspace backspace",
        );
        let effect = a.update(Action::NoteAccept);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Note(
                id.clone(),
                "check".into()
            )]))
        );
        assert!(a.note.is_none());
        assert_eq!(note_rows(&a), ["✎ check"]);
        // The note comes right after the title rows.
        let at = a
            .reader
            .rows
            .iter()
            .position(|r| matches!(r, Row::Note(_)))
            .unwrap();
        assert!(matches!(
            a.reader.rows[at - 1],
            Row::Text { title: true, .. }
        ));
        let doc = a.list.selected().unwrap();
        assert_eq!(a.marks_of(doc), (false, false, true));
        // Another article has none; coming back shows it again.
        press(&mut a, "j");
        assert!(note_rows(&a).is_empty());
        press(&mut a, "k");
        assert_eq!(note_rows(&a), ["✎ check"]);
    }

    #[test]
    fn esc_leaves_a_note_as_it_was_and_an_emptied_note_is_deleted() {
        let mut a = seeds_app(120, 40);
        let id = selected_id(&a);
        press(&mut a, "a o l d enter");
        press(&mut a, "a n e w");
        assert_eq!(
            a.note.as_ref().unwrap().input,
            "oldnew",
            "starts with the note"
        );
        assert_eq!(a.update(Action::NoteCancel), None);
        assert_eq!(note_rows(&a), ["✎ old"]);
        // Unchanged: nothing to save.
        press(&mut a, "a");
        assert_eq!(a.update(Action::NoteAccept), None);
        press(&mut a, "a ctrl-u");
        let effect = a.update(Action::NoteAccept);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Note(id, String::new())]))
        );
        assert!(note_rows(&a).is_empty());
        assert_eq!(a.message.as_deref(), Some("Note deleted"));
        assert!(!a.marks_of(a.list.selected().unwrap()).2);
    }

    #[test]
    fn an_article_previewed_while_a_query_is_typed_is_not_being_read() {
        let mut a = seeds_app(120, 40);
        press(&mut a, "/ k a b u l");
        let shown = a.reader.doc.unwrap();
        assert_eq!(a.reading(), None);
        assert_eq!(
            a.update(Action::ReadFor {
                doc: shown,
                secs: 9
            }),
            None
        );
        assert!(!a.marks_of(shown).0, "still unread");
        // Once the filter is kept, the clock counts.
        press(&mut a, "enter");
        assert_eq!(a.reading(), Some(shown));
    }

    #[test]
    fn an_article_open_three_seconds_becomes_read() {
        let mut a = seeds_app(120, 40);
        let first = a.list.selected().unwrap();
        // Shown at start, the article is not one the user chose: however
        // long dossier sits there, it stays unread.
        assert_eq!(a.reading(), None);
        assert_eq!(
            a.update(Action::ReadFor {
                doc: first,
                secs: 9
            }),
            None
        );
        assert!(!a.marks_of(first).0);
        // Any input makes it theirs, and the clock counts.
        press(&mut a, "j k");
        assert_eq!(a.reading(), Some(first));
        assert_eq!(a.mark_view.unread, 5);
        // Too short: still unread.
        assert_eq!(
            a.update(Action::ReadFor {
                doc: first,
                secs: 2
            }),
            None
        );
        assert_eq!(a.reading(), Some(first));
        let effect = a.update(Action::ReadFor {
            doc: first,
            secs: 3,
        });
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Read(a.id_of(first))]))
        );
        assert!(a.marks_of(first).0);
        assert_eq!(a.mark_view.unread, 4);
        assert_eq!(a.reading(), None, "nothing left to time");
        // A report about an article the user moved away from is stale.
        press(&mut a, "j");
        let second = a.list.selected().unwrap();
        press(&mut a, "j");
        assert_eq!(
            a.update(Action::ReadFor {
                doc: second,
                secs: 9
            }),
            None
        );
        assert!(!a.marks_of(second).0);
    }

    #[test]
    fn an_article_scrolled_to_its_end_becomes_read() {
        let mut a = seeds_app(120, 40);
        press(&mut a, "G tab");
        assert_eq!(a.focus, Pane::Reader);
        let doc = a.reader.doc.unwrap();
        press(&mut a, "j");
        assert!(!a.marks_of(doc).0, "one line down is not the end");
        let effect = a.update(Action::Bottom);
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Read(a.id_of(doc))]))
        );
        assert!(a.marks_of(doc).0);
        // Once read, scrolling saves nothing more.
        press(&mut a, "g");
        assert_eq!(a.update(Action::Bottom), None);
    }

    #[test]
    fn u_marks_a_read_article_unread_and_it_stays_so_for_the_session() {
        let mut a = seeds_app(120, 40);
        let doc = a.list.selected().unwrap();
        let id = a.id_of(doc);
        press(&mut a, "j k");
        a.update(Action::ReadFor { doc, secs: 3 });
        assert_eq!(a.mark_view.unread, 4);
        let effect = press_one(&mut a, "u");
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Unread(id.clone())]))
        );
        assert!(!a.marks_of(doc).0);
        assert_eq!(a.mark_view.unread, 5);
        assert!(a.message.as_deref().unwrap().starts_with("Marked unread"));
        // Neither the reader's timer nor scrolling to the end reads it
        // again while it stays open.
        assert_eq!(a.reading(), None);
        assert_eq!(a.update(Action::ReadFor { doc, secs: 9 }), None);
        press(&mut a, "tab G");
        assert!(!a.marks_of(doc).0);
        // u again reads it.
        let effect = press_one(&mut a, "u");
        assert_eq!(
            effect,
            Some(Effect::SaveState(vec![Change::Read(id.clone())]))
        );
        assert!(a.marks_of(doc).0);
        // Unread, then away and back, as when scanning the list: it
        // stays unread to come back to (helper-28), and only u reads it.
        press(&mut a, "u shift-tab j k");
        assert_eq!(a.list.selected(), Some(doc));
        assert_eq!(a.reading(), None);
        assert_eq!(a.update(Action::ReadFor { doc, secs: 9 }), None);
        assert!(!a.marks_of(doc).0);
        // Another article is read as usual meanwhile.
        press(&mut a, "j");
        let other = a.list.selected().unwrap();
        assert_eq!(a.reading(), Some(other));
        // And is:unread lists what was unread.
        press(&mut a, "k");
        type_filter(&mut a, "!is:unread");
        assert!(a.list.rows.is_empty(), "{:?}", a.list.rows);
    }

    /// The effect of one key.
    fn press_one(a: &mut App, key: &str) -> Option<Effect> {
        let action = a.action_for_key(crate::app::keymap::Key::parse(key).unwrap())?;
        a.update(action)
    }

    /// The sets and counts as a full rebuild from the marks makes them.
    fn assert_as_rebuilt(a: &App, step: usize) {
        let full = a.marks.marked(&a.lib.corpus);
        assert_eq!(*a.mark_view.marked, full, "step {step}");
        assert_eq!(a.mark_view.unread, a.lib.corpus.len() - full.read.len());
        assert_eq!(a.mark_view.bookmarked, full.bookmarked.len());
    }

    #[test]
    fn marks_updated_change_by_change_equal_a_full_rebuild() {
        use crate::corpus::{Article, Corpus, Meta, Origin};
        // 200 articles, some sharing an id (a mark on one marks them all).
        let nth_id = |i: usize| match i % 10 {
            0 => "a".to_owned(),
            3 => "b".to_owned(),
            _ => format!("f{i}"),
        };
        let corpus = Corpus {
            origin: Origin::Seeds,
            articles: (0..200)
                .map(|i| {
                    Arc::new(Article::from_parts(
                        nth_id(i),
                        "T",
                        "Body.",
                        Meta::default(),
                    ))
                })
                .collect(),
            warnings: Vec::new(),
        };
        let lib = crate::library::Library::build(corpus, &crate::actors::Extraction::builtin());
        let mut a = App::new(Arc::new(lib), 120, 40);
        // A fixed pseudo-random walk over ids (one not in the corpus) and
        // every kind of change.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for step in 0..400 {
            let i = next(24) as usize;
            let id = if i == 23 {
                "gone".to_owned()
            } else {
                nth_id(i)
            };
            let change = match next(6) {
                0 | 1 => Change::Read(id),
                2 => Change::Unread(id),
                3 => Change::Bookmark(id, next(2) == 0),
                4 => Change::Note(id, "n".into()),
                _ => Change::Note(id, String::new()),
            };
            a.change(change);
            assert_as_rebuilt(&a, step);
            if step % 40 == 39 {
                // Another dossier's save: a few marks differ.
                let mut theirs = a.marks.clone();
                theirs.apply(&Change::Bookmark(nth_id(next(30) as usize), true), 9);
                theirs.apply(&Change::Unread(nth_id(next(30) as usize)), 9);
                theirs.apply(&Change::Read(nth_id(next(30) as usize)), 9);
                a.update(Action::MarksSaved {
                    marks: Some(Arc::new(theirs)),
                    warnings: Vec::new(),
                });
                assert_as_rebuilt(&a, step);
            }
        }
        assert!(a.mark_view.by_id.is_some(), "updated, not rebuilt");
    }

    #[test]
    fn is_bookmarked_and_is_unread_filter_the_list() {
        let mut a = seeds_app(120, 40);
        press(&mut a, "j b j j b");
        let bookmarked: Vec<DocId> = vec![DocId(1), DocId(3)];
        a.update(Action::ReadFor {
            doc: DocId(3),
            secs: 3,
        });
        type_filter(&mut a, "is:bookmarked");
        assert_eq!(a.list.rows, bookmarked);
        press(&mut a, "esc");
        type_filter(&mut a, "is:bookmarked is:unread");
        assert_eq!(a.list.rows, [DocId(1)]);
        press(&mut a, "esc");
        type_filter(&mut a, "!is:unread");
        assert_eq!(a.list.rows, [DocId(3)]);
    }

    #[test]
    fn saved_marks_show_in_the_list_the_counts_and_the_reader() {
        let mut a = seeds_app(120, 40);
        let mut saved = Marks::default();
        saved.apply(&Change::Bookmark(a.id_of(DocId(0)), true), 5);
        let second = a.id_of(DocId(1));
        saved.apply(&Change::Read(second.clone()), 5);
        saved.apply(&Change::Note(second, "from last time".into()), 5);
        a.update(Action::MarksLoaded {
            marks: Arc::new(saved),
            warnings: Vec::new(),
            notes: Vec::new(),
        });
        assert_eq!(a.marks_of(DocId(0)), (false, true, false));
        assert_eq!(a.marks_of(DocId(1)), (true, false, true));
        assert_eq!(a.mark_view.unread, 4);
        press(&mut a, "j");
        assert_eq!(note_rows(&a), ["✎ from last time"]);
    }

    #[test]
    fn a_filtered_list_counts_its_own_unread_and_bookmarked_articles() {
        let mut a = seeds_app(120, 40);
        type_filter(&mut a, "bortnikov");
        let listed = a.list.rows.len();
        assert!(listed > 1 && listed < a.lib.corpus.len(), "{listed}");
        assert_eq!(a.list.marked, (listed, 0));
        press(&mut a, "enter b");
        assert_eq!(a.list.marked, (listed, 1), "after b");
        let doc = a.list.selected().unwrap();
        a.update(Action::ReadFor { doc, secs: 3 });
        assert_eq!(a.list.marked, (listed - 1, 1), "after reading");
        // Unfiltered, the corpus's counts.
        press(&mut a, "esc esc");
        assert_eq!(a.list.rows.len(), a.lib.corpus.len());
        assert_eq!(a.list.marked, (a.lib.corpus.len() - 1, 1));
    }

    #[test]
    fn marks_saved_before_a_later_change_keep_that_change() {
        // Saves run off the input path: the answer to the first save can
        // come after the user has marked more.
        let mut a = seeds_app(120, 40);
        let first = a.update(Action::ToggleBookmark);
        assert!(matches!(&first, Some(Effect::SaveState(c)) if c.len() == 1));
        press(&mut a, "j");
        let second = a.update(Action::ToggleBookmark);
        assert!(matches!(&second, Some(Effect::SaveState(c)) if c.len() == 1));
        // The file as the first save left it: only the first bookmark.
        let mut after_first = Marks::default();
        after_first.apply(&Change::Bookmark(a.id_of(DocId(0)), true), 5);
        a.update(Action::MarksSaved {
            marks: Some(Arc::new(after_first.clone())),
            warnings: Vec::new(),
        });
        assert!(a.marks_of(DocId(0)).1);
        assert!(a.marks_of(DocId(1)).1, "the second bookmark, still saving");
        assert_eq!(a.mark_view.bookmarked, 2);
        // The second save's answer holds both; nothing is in flight after.
        let mut after_second = after_first;
        after_second.apply(&Change::Bookmark(a.id_of(DocId(1)), true), 6);
        a.update(Action::MarksSaved {
            marks: Some(Arc::new(after_second)),
            warnings: Vec::new(),
        });
        assert_eq!(a.mark_view.bookmarked, 2);
        assert!(a.in_flight.is_empty());
        // Had another dossier unbookmarked the second meanwhile, the file
        // would now win: no stale change of ours is replayed over it.
        let mut theirs = Marks::default();
        theirs.apply(&Change::Bookmark(a.id_of(DocId(0)), true), 7);
        a.update(Action::MarksLoaded {
            marks: Arc::new(theirs),
            warnings: Vec::new(),
            notes: Vec::new(),
        });
        assert!(!a.marks_of(DocId(1)).1);
    }

    #[test]
    fn a_failed_save_is_said_and_listed_with_the_warnings() {
        let mut a = seeds_app(120, 40);
        a.update(Action::ToggleBookmark);
        a.update(Action::MarksSaved {
            marks: None,
            warnings: vec!["/data/marks/seeds.json: Permission denied".into()],
        });
        let msg = a.message.clone().unwrap();
        assert!(
            msg.starts_with("Marks not saved") && msg.contains("seeds.json"),
            "{msg}"
        );
        assert!(a.marks_of(DocId(0)).1, "still marked for this session");
        press(&mut a, "w");
        assert!(matches!(
            a.overlay,
            Some(crate::app::Overlay::Warnings { .. })
        ));
    }

    #[test]
    fn changes_a_save_lost_go_again_and_are_said_on_the_way_out_if_never_saved() {
        let denied = || Action::MarksSaved {
            marks: None,
            warnings: vec!["/data/marks/seeds.json: Permission denied".into()],
        };
        let mut a = seeds_app(120, 40);
        a.update(Action::ToggleBookmark);
        a.update(denied());
        assert_eq!(a.unsaved_marks(), Some(
            "1 mark changed in this session (a read state, bookmark or note) was not saved: /data/marks/seeds.json: Permission denied".into()
        ));
        // Not tried again at once, which a folder taking no file would
        // repeat without end; with the next change, both go.
        press(&mut a, "j");
        let next = a.update(Action::ToggleBookmark);
        assert!(
            matches!(&next, Some(Effect::SaveState(c)) if c.len() == 2),
            "{next:?}"
        );
        a.update(denied());
        // Quitting hands them over a last time; unanswered, they count.
        let last = a.update(Action::Quit);
        assert!(
            matches!(&last, Some(Effect::SaveState(c)) if c.len() == 2),
            "{last:?}"
        );
        assert!(a.unsaved_marks().unwrap().starts_with("2 marks "));
        // A bookmark set and unset again (a third article's) is one mark,
        // not two.
        press(&mut a, "j");
        a.update(Action::ToggleBookmark);
        a.update(Action::ToggleBookmark);
        assert!(a.unsaved_marks().unwrap().starts_with("3 marks "));
        // Saved at last, each save answered: nothing is said.
        while !a.in_flight.is_empty() {
            a.update(Action::MarksSaved {
                marks: Some(Arc::new(a.marks.clone())),
                warnings: Vec::new(),
            });
        }
        assert_eq!(a.unsaved_marks(), None);
        // A failed change that a later one of the same mark overrides is
        // not tried again: it would undo the later one.
        let mut a = seeds_app(120, 40);
        a.update(Action::ToggleBookmark);
        a.update(Action::ToggleBookmark);
        a.update(denied());
        a.update(Action::MarksSaved {
            marks: Some(Arc::new(a.marks.clone())),
            warnings: Vec::new(),
        });
        assert_eq!(a.unsaved_marks(), None, "the mark as last set was saved");
        // The failure is past: w no longer lists it, and the status line
        // says so once.
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.message.as_deref(), Some("Marks saved again"));
        press(&mut a, "j");
        let next = a.update(Action::ToggleBookmark);
        assert!(
            matches!(&next, Some(Effect::SaveState(c)) if c.len() == 1),
            "only the new bookmark goes: {next:?}"
        );
        // Nowhere to save (a pipe): said when the marks were read, not
        // again on the way out.
        let mut a = seeds_app(120, 40);
        a.update(Action::ToggleBookmark);
        a.update(Action::MarksSaved {
            marks: None,
            warnings: Vec::new(),
        });
        assert_eq!(a.unsaved_marks(), None);
    }

    #[test]
    fn a_piped_corpus_keeping_no_marks_is_listed_not_announced() {
        let mut a = seeds_app(120, 40);
        let note = format!("{}: marks last only until you quit", crate::state::PIPED);
        a.update(Action::MarksLoaded {
            marks: Arc::default(),
            warnings: Vec::new(),
            notes: vec![note.clone()],
        });
        assert_eq!(a.message, None, "the status line keeps its counts");
        assert_eq!(a.warnings, [("saved marks", note)]);
    }
}
