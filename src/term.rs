//! The terminal: entering and leaving full-screen mode, and the event loop.
//!
//! The terminal is restored in one function, [`restore`], reached on every
//! way out: normal quit and errors (the [`Session`] guard's `Drop`), panics
//! (a hook that restores before the panic message is printed, then chains to
//! the previous hook), and SIGTERM, SIGHUP and SIGINT (a watcher thread
//! turns them into a quit; if the loop does not stop promptly the watcher
//! restores and exits itself).

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use dossier::actors::Extraction;
use dossier::app::keymap::{Code, Key};
use dossier::app::marks::READ_AFTER_SECS;
use dossier::app::{Action, App, Effect};
use dossier::config::Config;
use dossier::corpus::{Corpus, DocId, Origin};
use dossier::library::Library;
use dossier::search::{Engine, Marked, Query};
use dossier::state::Store;

/// Whether the terminal is in full-screen mode, so restoring twice is
/// harmless and restoring a terminal never entered does nothing.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to
/// call from any thread, any number of times.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
    }
}

/// Full-screen mode for as long as it lives.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn enter() -> io::Result<Session> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Session { terminal })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// What the event loop waits for.
enum Input {
    Terminal(Event),
    Failed(io::Error),
    Signal(i32),
    /// An answer from background work.
    Action(Action),
}

/// A search for the worker.
struct Job {
    generation: u64,
    query: Arc<Query>,
    marked: Option<Arc<Marked>>,
    lib: Arc<Library>,
}

/// Carries out the app's effects off the input path.
struct Workers {
    search: Sender<Job>,
    /// Where background work sends its answers.
    events: Sender<Input>,
    /// The newest search generation; older searches stop when they see it.
    latest: Arc<AtomicU64>,
    /// Where this corpus's marks are saved, if there is a data folder.
    store: Option<Store>,
}

impl Workers {
    fn start(events: Sender<Input>, store: Option<Store>) -> Workers {
        let (search, jobs) = mpsc::channel::<Job>();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        let answers = events.clone();
        std::thread::spawn(move || search_worker(&jobs, &seen, &events));
        Workers {
            search,
            latest,
            events: answers,
            store,
        }
    }

    /// Starts the effect's work; an answer already known comes back at once.
    fn run(&self, app: &App, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Search {
                generation,
                query,
                marked,
            } => {
                self.latest.store(generation, Ordering::SeqCst);
                let _ = self.search.send(Job {
                    generation,
                    query,
                    marked,
                    lib: Arc::clone(&app.lib),
                });
                None
            }
            // Saved at once, on this thread: the file is small, and the
            // saved marks must reach the app before its next change.
            Effect::SaveState(changes) => {
                self.store
                    .as_ref()
                    .map(|s| match s.save(&changes, now_ms()) {
                        Ok(saved) => Action::MarksSaved {
                            marks: Some(Arc::new(saved.marks)),
                            warnings: saved.warnings,
                        },
                        Err(e) => Action::MarksSaved {
                            marks: None,
                            warnings: vec![e.to_string()],
                        },
                    })
            }
            Effect::Export {
                selection,
                format,
                scope,
            } => {
                let events = self.events.clone();
                crate::exporting::spawn(Arc::clone(&app.lib), selection, format, scope, move |a| {
                    let _ = events.send(Input::Action(a));
                });
                None
            }
        }
    }
}

/// Milliseconds since 1970: when a mark was made, for merging.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The marks file of the corpus at `origin`, and the saved marks as an
/// action for the app; without a data folder, a warning instead.
fn open_store(origin: &Origin) -> (Option<Store>, Action) {
    match dossier::paths::data_dir() {
        Some(dir) => {
            let store = Store::for_corpus(&dir, origin);
            let loaded = store.load(now_ms());
            let action = Action::MarksLoaded {
                marks: Arc::new(loaded.marks),
                warnings: loaded.warnings,
            };
            (Some(store), action)
        }
        None => (
            None,
            Action::MarksLoaded {
                marks: Arc::default(),
                warnings: vec![
                    "no data folder (is HOME set?): marks last only until you quit".into(),
                ],
            },
        ),
    }
}

/// Times how long the unread article in the reader has been open, so the
/// app (which has no clock) can be told when it counts as read.
struct ReadTimer {
    open: Option<(DocId, Instant)>,
}

impl ReadTimer {
    /// Notes what the app is showing now.
    fn watch(&mut self, app: &App) {
        let now = app.reading();
        if now != self.open.map(|(d, _)| d) {
            self.open = now.map(|d| (d, Instant::now()));
        }
    }

    /// How long the loop may wait before the article counts as read.
    fn timeout(&self) -> Duration {
        self.open.map_or(Duration::from_secs(3600), |(_, since)| {
            Duration::from_secs(u64::from(READ_AFTER_SECS)).saturating_sub(since.elapsed())
        })
    }

    /// The report for the app once the time is up.
    fn due(&mut self) -> Option<Action> {
        let (doc, since) = self.open?;
        let secs = u32::try_from(since.elapsed().as_secs()).unwrap_or(u32::MAX);
        (secs >= READ_AFTER_SECS).then(|| {
            self.open = None;
            Action::ReadFor { doc, secs }
        })
    }
}

/// Runs searches one at a time, always the newest waiting; a search that a
/// newer one overtakes stops early and reports nothing.
fn search_worker(jobs: &Receiver<Job>, latest: &AtomicU64, events: &Sender<Input>) {
    let mut engine = Engine::new();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let generation = job.generation;
        let stale = || latest.load(Ordering::SeqCst) != generation;
        if stale() {
            continue;
        }
        let started = std::time::Instant::now();
        let found = engine.search_marked(&job.lib, &job.query, job.marked.as_deref(), &stale);
        tracing::debug!(
            generation,
            query = %job.query.raw,
            hits = found.as_ref().map(|h| h.docs.len()),
            us = started.elapsed().as_micros() as u64,
            "search"
        );
        if let Some(hits) = found {
            if !stale() {
                let hits = Arc::new(hits);
                if events
                    .send(Input::Action(Action::FilterResults { generation, hits }))
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

/// What the TUI opens.
pub enum Start {
    /// A library already built (the seeds).
    Ready(Box<Library>),
    /// A corpus to load in the background while the screen is up.
    Load {
        /// The corpus path (already checked).
        path: std::path::PathBuf,
        /// How to find actors (the gazetteer already loaded).
        how: Extraction,
    },
}

/// Runs the TUI until the user quits (`None`) or a signal arrives (its
/// number). The first frame is drawn before any corpus is read.
pub fn run(start: Start, config: Config) -> anyhow::Result<Option<i32>> {
    let mut session = Session::enter()?;
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let worker_tx = tx.clone();
    let size = session.terminal.size()?;
    let origin = match &start {
        Start::Ready(lib) => lib.corpus.origin.clone(),
        Start::Load { path, .. } => Origin::File(path.clone()),
    };
    let app = match start {
        Start::Ready(lib) => App::new(Arc::new(*lib), size.width, size.height),
        Start::Load { path, how } => {
            let empty = Library::partial(Corpus {
                origin: Origin::File(path.clone()),
                articles: Vec::new(),
                warnings: Vec::new(),
            });
            crate::loader::spawn(path, how, move |a| tx.send(Input::Action(a)).is_ok());
            App::loading(Arc::new(empty), size.width, size.height)
        }
    };
    let mut app = app.with_config(config);
    let (store, marks) = open_store(&origin);
    app.update(marks);
    let workers = Workers::start(worker_tx, store);
    session.terminal.draw(|f| dossier::ui::render(&app, f))?;
    event_loop(&mut session, &mut app, &rx, &workers)
}

fn event_loop(
    session: &mut Session,
    app: &mut App,
    rx: &Receiver<Input>,
    workers: &Workers,
) -> anyhow::Result<Option<i32>> {
    let mut timer = ReadTimer { open: None };
    timer.watch(app);
    loop {
        let first = match rx.recv_timeout(timer.timeout()) {
            Ok(input) => Some(input),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(None),
        };
        // Apply everything already waiting before drawing once: holding a
        // key down or a burst of resizes costs one frame, not one per event.
        let mut next = first;
        if let Some(read) = timer.due() {
            apply(app, workers, read);
        }
        while let Some(input) = next {
            let action = match input {
                Input::Terminal(ev) => action_for(app, ev),
                Input::Action(action) => Some(action),
                Input::Failed(e) => {
                    return Err(anyhow::Error::new(e).context("reading the terminal"));
                }
                Input::Signal(sig) => return Ok(Some(sig)),
            };
            if let Some(a) = action {
                apply(app, workers, a);
            }
            if app.quit {
                return Ok(None);
            }
            next = rx.try_recv().ok();
        }
        timer.watch(app);
        session.terminal.draw(|f| dossier::ui::render(app, f))?;
    }
}

/// Applies an action and starts its effect; an answer known at once (a
/// save's) is applied straight after, before anything else can change.
fn apply(app: &mut App, workers: &Workers, action: Action) {
    if let Some(effect) = app.update(action) {
        if let Some(answer) = workers.run(app, effect) {
            app.update(answer);
        }
    }
}

/// The action a terminal event triggers.
fn action_for(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.action_for_key(convert_key(k)?),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Converts a crossterm key into the app's own key type.
fn convert_key(k: KeyEvent) -> Option<Key> {
    let code = match k.code {
        KeyCode::Char(c) => Code::Char(if k.modifiers.contains(KeyModifiers::CONTROL) {
            c.to_ascii_lowercase()
        } else {
            c
        }),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Reads terminal events on a thread of their own, so the loop can also
/// wait for signals (and, later, background work).
fn spawn_input(tx: Sender<Input>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(ev) => Input::Terminal(ev),
                Err(e) => Input::Failed(e),
            };
            let failed = matches!(msg, Input::Failed(_));
            if tx.send(msg).is_err() || failed {
                return;
            }
        }
    });
}

/// Turns SIGTERM, SIGHUP and SIGINT into a quit. Should the loop not stop
/// within a second, restores the terminal and exits from here.
fn spawn_signals(tx: Sender<Input>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Input::Signal(sig));
            std::thread::sleep(Duration::from_secs(1));
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}
