//! The terminal: entering and leaving full-screen mode, and the event loop.
//!
//! The terminal is restored in one function, [`restore`], reached on every
//! way out: normal quit and errors (the [`Session`] guard's `Drop`), panics
//! (a hook that restores before the panic message is printed, then chains to
//! the previous hook), and SIGTERM, SIGHUP, SIGINT and SIGQUIT (a watcher thread
//! turns them into a quit; if the loop does not stop promptly the watcher
//! restores and exits itself). Mouse capture is switched off there too.
//!
//! Leaving for a while (a pager, an editor, Ctrl-z) goes through
//! [`Session::away`]: the input thread is parked first, so it cannot take
//! the keys meant for the child, the terminal is restored, and on return
//! it is set up again and redrawn whole.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use dossier::actors::Extraction;
use dossier::app::keymap::{Code, Key};
use dossier::app::marks::READ_AFTER_SECS;
use dossier::app::{Action, App, Effect};
use dossier::config::Config;
use dossier::corpus::{Corpus, DocId, Origin};
use dossier::library::Library;
use dossier::queries::QueryLog;
use dossier::search::{Engine, Marked, Query};
use dossier::state::{Change, Store};

/// Whether the terminal is in full-screen mode, so restoring twice is
/// harmless and restoring a terminal never entered does nothing.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether a child (a pager, an editor) has the terminal. Ctrl-c there
/// interrupts the whole foreground process group, dossier too: it is meant
/// for the child, so the signal watcher lets SIGINT pass meanwhile.
static AWAY: AtomicBool = AtomicBool::new(false);

/// When the terminal last came back from a child, in milliseconds since
/// 1970. The watcher reads a signal a moment after it arrives, by which
/// time a child killed by that Ctrl-c may have exited and `AWAY` be clear
/// again; a SIGINT this soon after is still the child's. (Back in raw mode
/// Ctrl-c is a key, not a signal, so only `kill -INT` sends one, and it
/// can be sent again.)
static BACK_AT: AtomicU64 = AtomicU64::new(0);

/// How long after a child's exit a SIGINT is still taken to be its.
const SIGINT_GRACE_MS: u64 = 500;

/// Leaves raw mode, mouse capture and the alternate screen and shows the
/// cursor. Safe to call from any thread, any number of times.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        // Turning capture off when it was never on is harmless.
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
    }
}

/// Raw mode, the alternate screen, the hidden cursor and (when wanted)
/// mouse capture.
fn setup(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Bracketed paste: pasted text arrives as one event, so its line breaks
    // are not read as Enter and its letters not as commands.
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Full-screen mode for as long as it lives.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    /// Whether the mouse is captured.
    mouse: bool,
    /// Parks the input thread while a child has the terminal.
    gate: Arc<Gate>,
}

impl Session {
    fn enter(mouse: bool) -> io::Result<Session> {
        install_panic_hook();
        setup(mouse)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Session {
            terminal,
            mouse,
            gate: Arc::new(Gate::default()),
        })
    }

    /// Hands the terminal over for as long as `f` runs (a pager, an
    /// editor, a stop at Ctrl-z): parks the input thread, restores the
    /// terminal, then sets it up again, and returns what `f` returned.
    /// The caller redraws the whole screen afterwards.
    fn away<T>(&mut self, f: impl FnOnce() -> T) -> io::Result<T> {
        self.gate.pause();
        restore();
        AWAY.store(true, Ordering::SeqCst);
        let out = f();
        BACK_AT.store(now_ms(), Ordering::SeqCst);
        AWAY.store(false, Ordering::SeqCst);
        let back = setup(self.mouse).and_then(|()| self.terminal.clear());
        self.gate.resume();
        back.map(|()| out)
    }
}

/// Lets the main thread park the input thread, so that no key typed for a
/// child process is read by dossier.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Default)]
struct GateState {
    /// The main thread wants input paused.
    pause: bool,
    /// The input thread is parked (or gone): it reads nothing.
    parked: bool,
}

/// The longest the input thread takes to notice a pause: how long it
/// waits for an event before looking again.
const INPUT_POLL: Duration = Duration::from_millis(50);

impl Gate {
    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Asks the input thread to stop reading and waits until it has (a
    /// second at most, should it be stuck).
    fn pause(&self) {
        let mut s = self.lock();
        s.pause = true;
        let deadline = std::time::Instant::now() + Duration::from_secs(1);
        while !s.parked {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            s = self
                .changed
                .wait_timeout(s, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Lets the input thread read again.
    fn resume(&self) {
        self.lock().pause = false;
        self.changed.notify_all();
    }

    /// Called by the input thread between reads: parks while paused.
    fn checkpoint(&self) {
        let mut s = self.lock();
        if !s.pause {
            return;
        }
        s.parked = true;
        self.changed.notify_all();
        while s.pause {
            s = self.changed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        s.parked = false;
    }

    /// The input thread has stopped for good.
    fn gone(&self) {
        self.lock().parked = true;
        self.changed.notify_all();
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
    /// The saver's queue and the saver, when there is a data folder to
    /// save the marks in.
    saver: Option<(Sender<Vec<Change>>, std::thread::JoinHandle<()>)>,
}

impl Workers {
    fn start(events: Sender<Input>, store: Option<Store>) -> Workers {
        let (search, jobs) = mpsc::channel::<Job>();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        let answers = events.clone();
        let saver = store.map(|store| {
            let (saves, queue) = mpsc::channel::<Vec<Change>>();
            let events = events.clone();
            let thread = std::thread::spawn(move || save_worker(&store, &queue, &events));
            (saves, thread)
        });
        std::thread::spawn(move || search_worker(&jobs, &seen, &events));
        Workers {
            search,
            latest,
            events: answers,
            saver,
        }
    }

    /// Waits for the saves handed over to finish, so that quitting never
    /// loses a mark.
    fn finish(self) {
        if let Some((saves, thread)) = self.saver {
            drop(saves);
            let _ = thread.join();
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
            // Saved in turn on the saver's thread (a save of the marks of
            // 100,000 articles takes 0.1 s: lock, re-read, merge, write);
            // with nowhere to save (said when the marks were loaded), or
            // no saver left, answered at once.
            Effect::SaveState(changes) => {
                let warnings = match &self.saver {
                    None => Vec::new(),
                    Some((saves, _)) if saves.send(changes).is_ok() => return None,
                    Some(_) => {
                        vec!["the thread saving marks stopped: marks made now are not saved".into()]
                    }
                };
                Some(Action::MarksSaved {
                    marks: None,
                    warnings,
                })
            }
            Effect::Export {
                selection,
                format,
                scope,
                marks,
            } => {
                let events = self.events.clone();
                let send = move |a| {
                    let _ = events.send(Input::Action(a));
                };
                let lib = Arc::clone(&app.lib);
                crate::exporting::spawn(lib, selection, format, scope, marks, send);
                None
            }
            // These take the terminal: `apply` hands them to `perform`.
            Effect::Pager { .. }
            | Effect::Editor { .. }
            | Effect::Browser { .. }
            | Effect::Copy { .. }
            | Effect::Suspend => None,
        }
    }
}

/// Saves each batch of mark changes in turn, answering each with the
/// marks as saved (merged with what other dossiers saved meanwhile), until
/// the queue closes.
fn save_worker(store: &Store, queue: &Receiver<Vec<Change>>, events: &Sender<Input>) {
    for changes in queue {
        let answer = match store.save(&changes, now_ms()) {
            Ok(saved) => Action::MarksSaved {
                marks: Some(Arc::new(saved.marks)),
                warnings: saved.warnings,
            },
            Err(e) => Action::MarksSaved {
                marks: None,
                warnings: vec![e.to_string()],
            },
        };
        // After quitting nobody listens; the save itself is done.
        let _ = events.send(Input::Action(answer));
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
    let session_only = |why: &str| format!("{why}: marks last only until you quit");
    if origin.is_piped() {
        // (Said under w, not on the status line: nothing is wrong.)
        let notes = vec![session_only(dossier::state::PIPED)];
        let marks = Arc::default();
        let action = Action::MarksLoaded {
            marks,
            warnings: Vec::new(),
            notes,
        };
        return (None, action);
    }
    match dossier::paths::data_dir() {
        Some(dir) => {
            let store = Store::for_corpus(&dir, origin);
            let loaded = store.load(now_ms());
            let action = Action::MarksLoaded {
                marks: Arc::new(loaded.marks),
                warnings: loaded.warnings,
                notes: Vec::new(),
            };
            (Some(store), action)
        }
        None => (
            None,
            Action::MarksLoaded {
                marks: Arc::default(),
                warnings: vec![session_only(dossier::state::NO_DATA_DIR)],
                notes: Vec::new(),
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
/// number). The first frame is drawn before any corpus is read. The mouse
/// is taken only when both `mouse` (no `--no-mouse`) and the config's
/// `ui.mouse` want it; otherwise it is left to the terminal (its own text
/// selection works).
/// How a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal ended it (its number).
    Signal(i32),
    /// Loading failed before any article arrived: the reason, to say once
    /// the terminal is back.
    NothingLoaded(String),
}

pub fn run(start: Start, config: Config, mouse: bool) -> anyhow::Result<Ended> {
    let mouse = mouse && config.settings.mouse;
    let mut session = Session::enter(mouse)?;
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone(), Arc::clone(&session.gate));
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
    // Exports go into the folder dossier was started in: the box names it.
    app.export_dir = std::env::current_dir()
        .ok()
        .map(|d| dossier::text::safe_line(&d.display().to_string()).into_owned());
    // The first frame does not wait for the marks file (55 ms for the
    // marks of 100,000 articles): they are read after it and drawn again.
    session.terminal.draw(|f| dossier::ui::render(&app, f))?;
    let (store, marks) = open_store(&origin);
    app.update(marks);
    let queries = dossier::paths::data_dir().map(|dir| QueryLog::in_dir(&dir));
    if let Some(log) = &queries {
        app.update(Action::QueriesLoaded(log.load()));
    }
    let workers = Workers::start(worker_tx, store);
    let drawn = session.terminal.draw(|f| dossier::ui::render(&app, f));
    let ended = match drawn {
        Ok(_) => event_loop(&mut session, &mut app, &rx, &workers),
        Err(e) => Err(e.into()),
    };
    workers.finish();
    // The last saves' answers: whether the marks made last were saved.
    for input in rx.try_iter() {
        if let Input::Action(a @ Action::MarksSaved { .. }) = input {
            app.update(a);
        }
    }
    // The queries are saved on the way out, however the loop ended; a
    // failure is said once the terminal is back.
    let unsaved = queries.and_then(|log| log.save(&app.filter.accepted).err());
    drop(session);
    if let Some(e) = unsaved {
        eprintln!("dossier: this session's filter queries were not saved: {e}");
    }
    if let Some(lost) = app.unsaved_marks() {
        eprintln!("dossier: {}", dossier::text::safe_line(&lost));
    }
    Ok(match ended? {
        Some(sig) => Ended::Signal(sig),
        None => match app.nothing_loaded() {
            Some(why) => Ended::NothingLoaded(why.to_owned()),
            None => Ended::Quit,
        },
    })
}

fn event_loop(
    session: &mut Session,
    app: &mut App,
    rx: &Receiver<Input>,
    workers: &Workers,
) -> anyhow::Result<Option<i32>> {
    let mut timer = ReadTimer { open: None };
    timer.watch(app);
    let mut clicks = Clicks::default();
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
            apply(session, app, workers, read)?;
        }
        while let Some(input) = next {
            let action = match input {
                Input::Terminal(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                    // Esc then a key, typed fast, may be two keys in one.
                    let keys: Vec<_> =
                        convert_key(k).map_or_else(Vec::new, |key| app.keys_of(key).collect());
                    let mut last = None;
                    for key in keys {
                        if let Some(a) = last.take() {
                            apply(session, app, workers, a)?;
                        }
                        last = app.action_for_key(key);
                    }
                    last
                }
                Input::Terminal(ev) => action_for(ev, &mut clicks),
                Input::Action(action) => Some(action),
                Input::Failed(e) => {
                    return Err(anyhow::Error::new(e).context("reading the terminal"));
                }
                Input::Signal(sig) => {
                    // Leaving as a quit does: a note being written is kept.
                    let _ = apply(session, app, workers, Action::Quit);
                    return Ok(Some(sig));
                }
            };
            if let Some(a) = action {
                apply(session, app, workers, a)?;
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

/// Applies an action and carries out its effect. Searches, saves and
/// exports go to the workers; a pager, an editor, a copy or a stop take the
/// terminal here. An answer known at once (what the pager run has to say,
/// or a save with nowhere to save) is applied straight after, before
/// anything else can change; the workers' answers arrive as actions.
fn apply(
    session: &mut Session,
    app: &mut App,
    workers: &Workers,
    action: Action,
) -> anyhow::Result<()> {
    let Some(effect) = app.update(action) else {
        return Ok(());
    };
    let answer = match effect {
        Effect::Pager { .. }
        | Effect::Editor { .. }
        | Effect::Browser { .. }
        | Effect::Copy { .. }
        | Effect::Suspend => {
            let note = perform(session, app, effect)?;
            // The terminal may have been resized while away.
            let size = session.terminal.size()?;
            let s = app.layout.screen;
            if (size.width, size.height) != (s.w, s.h) {
                app.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            note.map(Action::Notice)
        }
        effect => workers.run(app, effect),
    };
    if let Some(answer) = answer {
        app.update(answer);
    }
    Ok(())
}

/// The action a terminal event other than a key press triggers.
fn action_for(ev: Event, clicks: &mut Clicks) -> Option<Action> {
    match ev {
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => mouse_action(m, clicks),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

/// The last left click, to tell the second of a double click.
#[derive(Default)]
struct Clicks {
    last: Option<(Instant, u16, u16)>,
}

impl Clicks {
    /// Within this of a click on the same cell, a click is its second.
    const DOUBLE: Duration = Duration::from_millis(500);

    /// Records a click on (`col`, `row`); whether it is the second of a
    /// double click.
    fn press(&mut self, col: u16, row: u16) -> bool {
        let now = Instant::now();
        let again = self.last.is_some_and(|(at, c, r)| {
            (c, r) == (col, row) && now.duration_since(at) <= Clicks::DOUBLE
        });
        // A third click starts over.
        self.last = (!again).then_some((now, col, row));
        again
    }
}

/// The action a mouse event triggers: a left click or a wheel notch.
fn mouse_action(m: MouseEvent, clicks: &mut Clicks) -> Option<Action> {
    let (col, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            col,
            row,
            again: clicks.press(col, row),
        }),
        MouseEventKind::ScrollDown => Some(Action::Scroll { col, row, delta: 1 }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            col,
            row,
            delta: -1,
        }),
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
        KeyCode::F(n) if (1..=12).contains(&n) => Code::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Reads terminal events on a thread of their own, so the loop can also
/// wait for signals and background work. It waits for input a short while
/// at a time, so that [`Gate::pause`] can park it between waits.
fn spawn_input(tx: Sender<Input>, gate: Arc<Gate>) {
    std::thread::spawn(move || {
        loop {
            gate.checkpoint();
            let msg = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(ev) => Input::Terminal(ev),
                    Err(e) => Input::Failed(e),
                },
                Err(e) => Input::Failed(e),
            };
            let failed = matches!(msg, Input::Failed(_));
            if tx.send(msg).is_err() || failed {
                gate.gone();
                return;
            }
        }
    });
}

/// Carries out an effect that leaves the app: a pager, an editor, a
/// browser, the clipboard, a stop. Returns what the status bar should say,
/// if anything; errors only when the terminal cannot be set up again.
fn perform(session: &mut Session, app: &App, effect: Effect) -> io::Result<Option<String>> {
    use crate::outside;
    let env = |k: &str| std::env::var_os(k);
    match effect {
        // The workers' business (see `apply`).
        Effect::Search { .. } | Effect::SaveState(_) | Effect::Export { .. } => Ok(None),
        Effect::Copy { text } => {
            let seq = outside::osc52(&text, env("TMUX").is_some());
            let out = session.terminal.backend_mut();
            Ok(
                match out.write_all(seq.as_bytes()).and_then(|()| out.flush()) {
                    Ok(()) => None,
                    Err(e) => Some(format!(
                        "Could not copy: writing to the terminal failed: {e}"
                    )),
                },
            )
        }
        Effect::Suspend => {
            session.away(stop_self)?;
            Ok(None)
        }
        Effect::Pager { doc } | Effect::Editor { doc } => {
            let editor = matches!(effect, Effect::Editor { .. });
            let program = if editor {
                outside::from_env(&["VISUAL", "EDITOR"], "vi", env)
            } else {
                outside::from_env(&["PAGER"], "less", env)
            };
            let program = match program {
                Ok(p) => p,
                Err(why) => return Ok(Some(why)),
            };
            let article = &app.lib.corpus.articles[doc.ix()];
            let text = dossier::app::outside::plain_text(article);
            let stem = dossier::app::outside::file_stem(article);
            let file = match write_temp(&stem, &text) {
                Ok(f) => f,
                Err(e) => {
                    return Ok(Some(format!(
                        "Could not write the article to a temporary file in {}: {e} (set TMPDIR to a writable folder)",
                        std::env::temp_dir().display()
                    )));
                }
            };
            let argv = outside::with_file(&program, file.path());
            let status = session.away(|| run_child(&argv))?;
            if let Some(why) = child_failed(&program, status) {
                return Ok(Some(why));
            }
            if !editor {
                return Ok(None);
            }
            // The copy was edited and saved: keep it rather than lose the
            // user's work; the corpus itself is never written.
            let edited = std::fs::read(file.path()).is_ok_and(|b| b != text.as_bytes());
            if !edited {
                return Ok(None);
            }
            Ok(Some(match file.keep() {
                Ok((_, path)) => format!(
                    "Edited copy kept in {} (the corpus is unchanged)",
                    path.display()
                ),
                Err(e) => format!("Could not keep your edited copy: {e}"),
            }))
        }
        Effect::Browser { url } => match outside::browser(&url, env) {
            // A browser the user chose may run in the terminal: hand it over.
            Some(Ok(program)) => {
                let argv: Vec<_> = program.argv.iter().map(Into::into).collect();
                let status = session.away(|| run_child(&argv))?;
                Ok(Some(child_failed(&program, status).unwrap_or_else(|| {
                    format!("Opened {url} with {}", program.name())
                })))
            }
            Some(Err(why)) => Ok(Some(why)),
            // The desktop's opener returns at once; it must not read keys.
            None => {
                let opener = outside::system_opener();
                let started = std::process::Command::new(opener)
                    .arg(&url)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn();
                Ok(Some(match started {
                    Ok(mut child) => {
                        std::thread::spawn(move || child.wait());
                        format!("Opening {url} with {opener}")
                    }
                    Err(e) => {
                        format!("Could not start {opener}: {e} (set $BROWSER to your browser)")
                    }
                }))
            }
        },
    }
}

/// The article's text in a new private temporary file named after it.
fn write_temp(stem: &str, text: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut file = tempfile::Builder::new()
        .prefix("dossier-")
        .suffix(&format!("-{stem}.txt"))
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    Ok(file)
}

/// Runs `argv` with the terminal's stdin, stdout and stderr and waits.
fn run_child(argv: &[std::ffi::OsString]) -> io::Result<std::process::ExitStatus> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "empty command"))?;
    std::process::Command::new(program).args(args).status()
}

/// What to say about a child that could not start or failed.
fn child_failed(
    program: &crate::outside::Program,
    status: io::Result<std::process::ExitStatus>,
) -> Option<String> {
    match status {
        Ok(s) if s.success() => None,
        Ok(s) => Some(format!("{} exited with {s}", program.name())),
        Err(e) => Some(format!(
            "Could not start {} (from {}): {e}",
            program.name(),
            program.from
        )),
    }
}

/// Stops the process as Ctrl-z in a shell would; returns once `fg` (or
/// any SIGCONT) resumes it. SIGTSTP is left at its default action (only
/// SIGTERM, SIGHUP and SIGINT are watched), so this stops us; a process
/// without job control around it ignores it and carries on at once.
fn stop_self() {
    #[cfg(unix)]
    // SAFETY: raise only sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
}

/// Turns SIGTERM, SIGHUP, SIGINT and SIGQUIT into a quit (SIGINT and
/// SIGQUIT not while a child has the terminal: Ctrl-C and Ctrl-\ there are
/// the child's; see [`AWAY`]). Left at its default, SIGQUIT would dump core
/// with the terminal still raw. Should the loop not stop within a second,
/// restores the terminal and exits from here.
fn spawn_signals(tx: Sender<Input>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        let first = signals.forever().find(|&sig| {
            let childs = AWAY.load(Ordering::SeqCst)
                || now_ms().saturating_sub(BACK_AT.load(Ordering::SeqCst)) < SIGINT_GRACE_MS;
            !((sig == SIGINT || sig == SIGQUIT) && childs)
        });
        if let Some(sig) = first {
            let _ = tx.send(Input::Signal(sig));
            std::thread::sleep(Duration::from_secs(1));
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Clicks;

    #[test]
    fn a_second_click_on_the_same_cell_at_once_is_a_double_click() {
        let mut c = Clicks::default();
        assert!(!c.press(3, 4));
        assert!(c.press(3, 4), "the second click");
        assert!(!c.press(3, 4), "a third starts over");
        assert!(!c.press(5, 4), "another cell");
        assert!(!c.press(3, 4));
        // Long after, the same cell is a new click.
        c.last = c
            .last
            .map(|(at, col, row)| (at - Clicks::DOUBLE * 2, col, row));
        assert!(!c.press(3, 4));
    }
}
