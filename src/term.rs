//! The terminal: entering and leaving full-screen mode, and the event loop.
//!
//! The terminal is restored in one function, [`restore`], reached on every
//! way out: normal quit and errors (the [`Session`] guard's `Drop`), panics
//! (a hook that restores before the panic message is printed, then chains to
//! the previous hook), and SIGTERM, SIGHUP and SIGINT (a watcher thread
//! turns them into a quit; if the loop does not stop promptly the watcher
//! restores and exits itself). Mouse capture is switched off there too.

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use dossier::actors::Extraction;
use dossier::app::keymap::{Code, Key};
use dossier::app::{Action, App, Effect};
use dossier::corpus::{Corpus, Origin};
use dossier::library::Library;
use dossier::search::{Engine, Query};

/// Whether the terminal is in full-screen mode, so restoring twice is
/// harmless and restoring a terminal never entered does nothing.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode, mouse capture and the alternate screen and shows the
/// cursor. Safe to call from any thread, any number of times.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        // Turning capture off when it was never on is harmless.
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
    }
}

/// Full-screen mode for as long as it lives.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn enter(mouse: bool) -> io::Result<Session> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
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
    lib: Arc<Library>,
}

/// Carries out the app's effects off the input path.
struct Workers {
    search: Sender<Job>,
    /// The newest search generation; older searches stop when they see it.
    latest: Arc<AtomicU64>,
}

impl Workers {
    fn start(events: Sender<Input>) -> Workers {
        let (search, jobs) = mpsc::channel::<Job>();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        std::thread::spawn(move || search_worker(&jobs, &seen, &events));
        Workers { search, latest }
    }

    fn run(&self, app: &App, effect: Effect) {
        match effect {
            Effect::Search { generation, query } => {
                self.latest.store(generation, Ordering::SeqCst);
                let _ = self.search.send(Job {
                    generation,
                    query,
                    lib: Arc::clone(&app.lib),
                });
            }
        }
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
        if let Some(hits) = engine.search(&job.lib, &job.query, &stale) {
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
/// number). The first frame is drawn before any corpus is read. With
/// `mouse` false the mouse is left to the terminal (its own text
/// selection works).
pub fn run(start: Start, mouse: bool) -> anyhow::Result<Option<i32>> {
    let mut session = Session::enter(mouse)?;
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let workers = Workers::start(tx.clone());
    let size = session.terminal.size()?;
    let mut app = match start {
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
    session.terminal.draw(|f| dossier::ui::render(&app, f))?;
    event_loop(&mut session, &mut app, &rx, &workers)
}

fn event_loop(
    session: &mut Session,
    app: &mut App,
    rx: &Receiver<Input>,
    workers: &Workers,
) -> anyhow::Result<Option<i32>> {
    while let Ok(first) = rx.recv() {
        // Apply everything already waiting before drawing once: holding a
        // key down or a burst of resizes costs one frame, not one per event.
        let mut next = Some(first);
        while let Some(input) = next {
            let action = match input {
                Input::Terminal(ev) => action_for(app, ev),
                Input::Action(action) => Some(action),
                Input::Failed(e) => {
                    return Err(anyhow::Error::new(e).context("reading the terminal"));
                }
                Input::Signal(sig) => return Ok(Some(sig)),
            };
            if let Some(effect) = action.and_then(|a| app.update(a)) {
                workers.run(app, effect);
            }
            if app.quit {
                return Ok(None);
            }
            next = rx.try_recv().ok();
        }
        session.terminal.draw(|f| dossier::ui::render(app, f))?;
    }
    Ok(None)
}

/// The action a terminal event triggers.
fn action_for(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.action_for_key(convert_key(k)?),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => mouse_action(m),
        _ => None,
    }
}

/// The action a mouse event triggers: a left click or a wheel notch.
fn mouse_action(m: MouseEvent) -> Option<Action> {
    let (col, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { col, row }),
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
