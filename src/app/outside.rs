//! Leaving the app and coming back: what `o`, `e`, `O`, `y`, `Y` and
//! `Ctrl-z` ask the binary to do, decided from the state alone.
//!
//! The app only says *what* (which article, which text, which url) as an
//! [`Effect`]; the binary reads `$PAGER`, `$EDITOR` and `$BROWSER`, starts
//! the program, talks to the terminal, and reports back with
//! [`super::Action::Notice`]. Must not touch: the environment, files, the
//! terminal.

use std::sync::Arc;

use super::story::TimelineRow;
use super::views::View;
use super::{App, Effect, Pane};
use crate::actors::sentences::{sentence_span, sentence_starts};
use crate::corpus::{Article, DocId};
use crate::text;
use crate::text::grouped as thousands;

/// Longest file name stem made from an article id.
const STEM_MAX: usize = 60;

/// Longest OSC 52 sequence (escape, `52;c;`, the base64 and the bell) sent
/// to the terminal. Terminals drop a longer one without a word: hterm (the
/// ChromeOS terminal) gives up on a string sequence past 100,000 bytes, and
/// Chromium OS's own `osc52.sh` refuses to send a longer one for that
/// reason. Others take more, but a copy that silently does nothing is
/// worse than one said to be cut, so the smallest common limit is kept.
pub const OSC52_MAX_SEQUENCE: usize = 100_000;

/// Bytes of text one OSC 52 copy can carry: base64 turns each 3 bytes into
/// 4, within [`OSC52_MAX_SEQUENCE`] less the 8 bytes around them.
pub const OSC52_MAX_TEXT: usize = (OSC52_MAX_SEQUENCE - 8) / 4 * 3;

/// The longest start of `text` one OSC 52 copy can carry whole: all of it
/// when it fits in [`OSC52_MAX_TEXT`] bytes, else cut after the last line
/// break (or, without one near the end, the last ASCII space) that fits,
/// never inside a character.
pub fn osc52_fit(text: &str) -> &str {
    if text.len() <= OSC52_MAX_TEXT {
        return text;
    }
    let mut end = OSC52_MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // A break in the last tenth: the copy ends on a whole line or word.
    let near = end - end / 10;
    let at = head.rfind('\n').filter(|&i| i >= near).or_else(|| {
        head.rfind(|c: char| c.is_ascii_whitespace())
            .filter(|&i| i >= near)
    });
    match at {
        Some(i) => &head[..i + 1],
        None => head,
    }
}

/// The article as plain text for a pager or an editor: the title, its
/// facts one per line (id, byline, source, date, url), then the body.
/// Control characters from the corpus are made visible, as on screen, so a
/// pager that passes them through (`cat`, `less -R`) cannot be driven by
/// them.
pub fn plain_text(article: &Article) -> String {
    let m = article.meta();
    let mut out = String::with_capacity(article.text.len() + 200);
    out.push_str(&text::safe_line(article.display_title()));
    out.push_str("\n\n");
    let facts = [
        ("id", Some(&article.id)),
        ("by", m.byline.as_ref()),
        ("source", m.source.as_ref()),
        ("date", m.date.as_ref()),
        ("url", m.url.as_ref()),
    ];
    for (label, value) in facts {
        if let Some(v) = value {
            out.push_str(&format!("{label}: {}\n", text::safe_line(v)));
        }
    }
    out.push('\n');
    out.push_str(&text::safe_text(article.body()));
    out.push('\n');
    out
}

/// A file name stem for the article's temporary copy, so the pager's
/// prompt and the editor's title bar say which article it is: the id's
/// last path part without its extension, kept to letters, digits, `-`,
/// `_` and `.`.
pub fn file_stem(article: &Article) -> String {
    let last = article.id.rsplit(['/', '\\']).next().unwrap_or_default();
    let base = last
        .strip_suffix(".txt")
        .or_else(|| last.strip_suffix(".jsonl"))
        .unwrap_or(last);
    let stem: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(STEM_MAX)
        .collect();
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "article".to_owned()
    } else {
        stem.to_owned()
    }
}

impl App {
    /// The article `o`, `e`, `O` and `Y` act on: the one under the cursor
    /// of a full-screen view, else the one open in the reader.
    pub fn doc_in_view(&self) -> Option<DocId> {
        let lib = &self.lib;
        let from_view = match self.view {
            View::Concordance => self
                .concordance
                .as_ref()
                .and_then(|c| c.current())
                .map(|i| lib.actors.mention(i).0),
            View::Timeline => {
                let filter = self.filter_set();
                self.timeline.as_ref().and_then(|t| {
                    let e = t.event_of(lib, t.current()?, filter.as_ref())?;
                    Some(lib.story_if_ready()?.timeline.events[e as usize].doc)
                })
            }
            View::Quotes => self.quotes.as_ref().and_then(|q| {
                let i = q.current()?;
                Some(lib.story_if_ready()?.quotes_of(q.actor)[i as usize].doc)
            }),
            View::Related | View::Panes => None,
        };
        from_view.or(self.reader.doc)
    }

    /// `o` and `e`: the article in view, for the pager or the editor.
    pub(super) fn open_outside(&mut self, editor: bool) -> Option<Effect> {
        let Some(doc) = self.doc_in_view() else {
            self.message = Some("No article to open".into());
            return None;
        };
        Some(if editor {
            Effect::Editor { doc }
        } else {
            Effect::Pager { doc }
        })
    }

    /// `O`: the article's url, when it has a web address.
    pub(super) fn open_browser(&mut self) -> Option<Effect> {
        let Some(doc) = self.doc_in_view() else {
            self.message = Some("No article to open".into());
            return None;
        };
        let article = &self.lib.corpus.articles[doc.ix()];
        let Some(url) = article.meta().url.as_deref().map(str::trim) else {
            self.message = Some(format!(
                "\"{}\" has no url in the corpus (a JSON or JSONL article gives one as \"url\")",
                text::fit(&text::safe_line(article.display_title()), 50)
            ));
            return None;
        };
        // Only web addresses: a corpus could hold "file:///..." or a
        // string the opener would take for an option.
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://"))
            || url.contains(char::is_whitespace)
        {
            self.message = Some(format!(
                "Not opening {:?}: only http:// and https:// addresses are opened",
                text::fit(url, 60)
            ));
            return None;
        }
        Some(Effect::Browser {
            url: url.to_owned(),
        })
    }

    /// `y`: what the cursor is on, as the user would want it pasted.
    pub(super) fn copy(&mut self) -> Option<Effect> {
        let lib = Arc::clone(&self.lib);
        let sentence_at = |doc: DocId, at: usize| {
            let t = &lib.corpus.articles[doc.ix()].text;
            let span = sentence_span(t, &sentence_starts(t), at);
            text::fold_spaces(&t[span])
        };
        let (text, what) = match self.view {
            View::Concordance => {
                let Some(i) = self.concordance.as_ref().and_then(|c| c.current()) else {
                    return self.nothing_to_copy();
                };
                let (doc, m) = lib.actors.mention(i);
                let name = &lib.actors.get(m.actor).name;
                (
                    sentence_at(doc, m.start as usize),
                    format!("the concordance line's sentence naming {name}"),
                )
            }
            View::Timeline => {
                let filter = self.filter_set();
                let event = self.timeline.as_ref().and_then(|t| {
                    let row = t.current()?;
                    let e = t.event_of(&lib, row, filter.as_ref())?;
                    Some((row, e))
                });
                let Some((row, e)) = event else {
                    return self.nothing_to_copy();
                };
                let e = &lib.story().timeline.events[e as usize];
                let t = &lib.corpus.articles[e.doc.ix()].text;
                let s = text::fold_spaces(&t[e.sentence.start as usize..e.sentence.end as usize]);
                let what = match row {
                    TimelineRow::Group(_) => "the event's sentence",
                    TimelineRow::Event(..) => "this source's sentence",
                };
                (s, what.to_owned())
            }
            View::Quotes => {
                let Some((actor, i)) = self
                    .quotes
                    .as_ref()
                    .and_then(|q| Some((q.actor, q.current()?)))
                else {
                    return self.nothing_to_copy();
                };
                let q = &lib.story().quotes_of(actor)[i as usize];
                let article = &lib.corpus.articles[q.doc.ix()];
                let said =
                    text::fold_spaces(&article.text[q.text.start as usize..q.text.end as usize]);
                let name = &lib.actors.get(actor).name;
                (
                    format!("{said} ({name}, in \"{}\")", article.display_title()),
                    format!("what {name} said"),
                )
            }
            View::Related => {
                let Some(a) = self.related.as_ref().and_then(|r| r.current()) else {
                    return self.nothing_to_copy();
                };
                (lib.actors.get(a).name.to_owned(), "the actor's name".into())
            }
            View::Panes => match self.focus {
                Pane::Actors => {
                    let Some(a) = self.sidebar.current() else {
                        return self.nothing_to_copy();
                    };
                    (lib.actors.get(a).name.to_owned(), "the actor's name".into())
                }
                Pane::Reader if self.reader.mention.is_some() => {
                    let (Some(doc), Some(k)) = (self.reader.doc, self.reader.mention) else {
                        return self.nothing_to_copy();
                    };
                    let Some(m) = lib.actors.in_doc(doc).get(k) else {
                        return self.nothing_to_copy();
                    };
                    let name = &lib.actors.get(m.actor).name;
                    (
                        sentence_at(doc, m.start as usize),
                        format!("the sentence naming {name}"),
                    )
                }
                Pane::List | Pane::Reader => {
                    let Some(doc) = self.reader.doc else {
                        return self.nothing_to_copy();
                    };
                    let a = &lib.corpus.articles[doc.ix()];
                    (
                        format!("{}\n\n{}\n", a.display_title(), a.body()),
                        "the article".into(),
                    )
                }
            },
        };
        self.copied(text, &what)
    }

    /// `Y`: the id of the article in view.
    pub(super) fn copy_id(&mut self) -> Option<Effect> {
        let Some(doc) = self.doc_in_view() else {
            return self.nothing_to_copy();
        };
        let id = self.lib.corpus.articles[doc.ix()].id.clone();
        self.copied(id, "the article id")
    }

    /// Copies `text`, or as much of it as a terminal takes in one copy
    /// (see [`osc52_fit`]), and says which.
    fn copied(&mut self, mut text: String, what: &str) -> Option<Effect> {
        let n = text.chars().count();
        let kept = osc52_fit(&text).len();
        if kept < text.len() {
            text.truncate(kept);
            self.message = Some(format!(
                "copied only the first {} of {} characters of {what}: terminals drop a longer copy (e opens it all in the editor)",
                thousands(text.chars().count()),
                thousands(n),
            ));
            return Some(Effect::Copy { text });
        }
        self.message = Some(format!(
            "copied {} character{}: {what}",
            thousands(n),
            if n == 1 { "" } else { "s" }
        ));
        Some(Effect::Copy { text })
    }

    fn nothing_to_copy(&mut self) -> Option<Effect> {
        self.message = Some("Nothing to copy here".into());
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{press, seeds_app, select};
    use crate::app::{Action, keymap::Key};
    use crate::corpus::{Corpus, Meta, Origin};
    use crate::library::Library;

    /// The effect a key gives.
    fn key(app: &mut App, k: &str) -> Option<Effect> {
        let action = app.action_for_key(Key::parse(k).unwrap())?;
        app.update(action)
    }

    fn copied(effect: Option<Effect>) -> String {
        match effect {
            Some(Effect::Copy { text }) => text,
            other => panic!("expected a copy, got {other:?}"),
        }
    }

    #[test]
    fn o_and_e_hand_the_open_article_to_the_pager_and_the_editor() {
        let mut app = seeds_app(120, 40);
        press(&mut app, "j j");
        let doc = app.reader.doc.unwrap();
        assert_eq!(key(&mut app, "o"), Some(Effect::Pager { doc }));
        assert_eq!(key(&mut app, "e"), Some(Effect::Editor { doc }));
        // From the reader and the sidebar too.
        press(&mut app, "tab");
        assert_eq!(key(&mut app, "o"), Some(Effect::Pager { doc }));
        press(&mut app, "tab");
        assert_eq!(key(&mut app, "e"), Some(Effect::Editor { doc }));
    }

    #[test]
    fn o_in_the_concordance_opens_the_article_of_the_line() {
        let mut app = seeds_app(120, 40);
        select(&mut app, "Bortnikov");
        press(&mut app, "m G");
        let c = app.concordance.as_ref().unwrap();
        let line = c.current().unwrap();
        let doc = app.lib.actors.mention(line).0;
        assert_ne!(Some(doc), app.reader.doc, "the last line is elsewhere");
        assert_eq!(key(&mut app, "o"), Some(Effect::Pager { doc }));
        let id = app.lib.corpus.articles[doc.ix()].id.clone();
        assert_eq!(copied(key(&mut app, "Y")), id);
    }

    #[test]
    fn the_pager_text_has_title_facts_and_body_and_no_control_characters() {
        let meta = Meta {
            byline: Some("A. Writer".into()),
            url: Some("https://example.org/x".into()),
            ..Meta::default()
        };
        let a = Article::from_parts(
            "a1".into(),
            "Title \x1b[2J here",
            "Body\n\nMore \x07.",
            meta,
        );
        let t = plain_text(&a);
        assert!(t.starts_with("Title "), "{t}");
        assert!(
            t.contains("\nid: a1\nby: A. Writer\nurl: https://example.org/x\n"),
            "{t}"
        );
        assert!(t.contains("Body\n\nMore "), "{t}");
        assert!(!t.contains(['\x1b', '\x07']), "{t:?}");
    }

    fn with_urls(urls: &[Option<&str>]) -> App {
        let articles = urls
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let meta = Meta {
                    url: u.map(str::to_owned),
                    ..Meta::default()
                };
                Arc::new(Article::from_parts(
                    format!("a{i}"),
                    "Putin spoke",
                    "Putin spoke.",
                    meta,
                ))
            })
            .collect();
        let corpus = Corpus {
            origin: Origin::Seeds,
            articles,
            warnings: Vec::new(),
        };
        let lib = Library::build(corpus, &crate::actors::Extraction::builtin());
        App::new(Arc::new(lib), 120, 40)
    }

    #[test]
    fn big_o_opens_only_web_addresses() {
        let mut app = with_urls(&[
            Some("https://example.org/a"),
            None,
            Some("file:///etc/passwd"),
            Some("--help"),
        ]);
        assert_eq!(
            key(&mut app, "O"),
            Some(Effect::Browser {
                url: "https://example.org/a".into()
            })
        );
        press(&mut app, "j");
        assert_eq!(key(&mut app, "O"), None);
        assert_eq!(
            app.message.as_deref(),
            Some(
                "\"Putin spoke\" has no url in the corpus (a JSON or JSONL article gives one as \"url\")"
            )
        );
        for _ in 0..2 {
            press(&mut app, "j");
            assert_eq!(key(&mut app, "O"), None);
            let said = app.message.clone().unwrap();
            assert!(said.contains("only http:// and https://"), "{said}");
        }
    }

    #[test]
    fn y_copies_the_article_then_the_mention_sentence_and_says_how_much() {
        let mut app = seeds_app(120, 40);
        let text = copied(key(&mut app, "y"));
        let lib = Arc::clone(&app.lib);
        let a = &lib.corpus.articles[app.reader.doc.unwrap().ix()];
        assert!(text.starts_with(a.title()), "{text}");
        assert!(text.contains(a.body()));
        let n = text.chars().count();
        assert_eq!(
            app.message.as_deref(),
            Some(format!("copied {}: the article", thousands_chars(n)).as_str())
        );
        // With the mention cursor on a name, its sentence.
        press(&mut app, "tab ]");
        let k = app.reader.mention.unwrap();
        let m = app.lib.actors.in_doc(app.reader.doc.unwrap())[k];
        let name = a.text[m.range()].to_owned();
        let s = copied(key(&mut app, "y"));
        assert!(s.contains(&name), "{s} names {name}");
        assert!(s.len() < text.len() / 3, "one sentence: {s}");
        // The id.
        assert_eq!(copied(key(&mut app, "Y")), a.id);
        assert!(app.message.as_deref().unwrap().contains("the article id"));
    }

    #[test]
    fn y_on_an_article_too_long_for_the_terminal_copies_its_start_and_says_so() {
        let body = "The minister spoke in Moscow today.\n".repeat(10_000);
        let corpus = Corpus {
            origin: Origin::Seeds,
            articles: vec![Arc::new(Article::from_parts(
                "long".into(),
                "A long day",
                &body,
                Meta::default(),
            ))],
            warnings: Vec::new(),
        };
        let lib = Library::build(corpus, &crate::actors::Extraction::builtin());
        let mut app = App::new(Arc::new(lib), 120, 40);
        let text = copied(key(&mut app, "y"));
        assert!(text.len() <= OSC52_MAX_TEXT, "{}", text.len());
        assert!(text.starts_with("A long day\n\nThe minister"));
        assert!(text.ends_with("today.\n"), "ends on a whole line");
        let a = &app.lib.corpus.articles[0];
        let whole = format!("{}\n\n{}\n", a.display_title(), a.body());
        assert!(whole.len() > 2 * text.len());
        let said = app.message.clone().unwrap();
        assert!(
            said.starts_with(&format!(
                "copied only the first {} of {} characters of the article",
                thousands(text.chars().count()),
                thousands(whole.chars().count())
            )),
            "{said}"
        );
    }

    fn thousands_chars(n: usize) -> String {
        format!("{} characters", thousands(n))
    }

    #[test]
    fn y_in_the_concordance_copies_the_sentence_of_the_line() {
        let mut app = seeds_app(120, 40);
        select(&mut app, "Bortnikov");
        press(&mut app, "m j");
        let line = app.concordance.as_ref().unwrap().current().unwrap();
        let lib = Arc::clone(&app.lib);
        let (doc, m) = lib.actors.mention(line);
        let article = &lib.corpus.articles[doc.ix()];
        let s = copied(key(&mut app, "y"));
        let said = &article.text[m.range()];
        assert!(s.contains(said), "{s} holds {said}");
        assert!(
            text::fold_spaces(&article.text).contains(&s),
            "a piece of the article: {s}"
        );
    }

    #[test]
    fn ctrl_z_suspends_and_notices_reach_the_status_bar() {
        let mut app = seeds_app(120, 40);
        assert_eq!(key(&mut app, "ctrl-z"), Some(Effect::Suspend));
        app.update(Action::Notice("less exited with status 1".into()));
        assert_eq!(app.message.as_deref(), Some("less exited with status 1"));
    }

    #[test]
    fn with_nothing_open_nothing_is_handed_out() {
        let lib = Library::build(
            Corpus {
                origin: Origin::Seeds,
                articles: Vec::new(),
                warnings: Vec::new(),
            },
            &crate::actors::Extraction::builtin(),
        );
        let mut app = App::new(Arc::new(lib), 80, 24);
        for k in ["o", "e", "O", "y", "Y"] {
            assert_eq!(key(&mut app, k), None, "{k}");
            assert!(app.message.is_some(), "{k} says why");
        }
    }

    #[test]
    fn file_stems_are_plain_names() {
        let mut a = Article::from_parts("x".into(), "T", "B", Default::default());
        for (id, want) in [
            ("000_2e5d.txt", "000_2e5d"),
            ("2024/may/kremlin talk.txt", "kremlin_talk"),
            ("../../etc/passwd", "passwd"),
            ("..", "article"),
            ("", "article"),
            ("$(rm -rf ~)", "__rm_-rf___"),
        ] {
            a.id = id.into();
            assert_eq!(file_stem(&a), want, "{id}");
        }
    }
}
