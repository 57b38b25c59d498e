//! Loading a corpus with progress: for the TUI on a thread of its own that
//! reports to the event loop as actions, for the CLI in place with a
//! progress bar on stderr when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::actors::Extraction;
use dossier::app::{Action, LoadStage, LoadStatus, Loaded};
use dossier::corpus::{Corpus, LoadError};
use dossier::library::{Building, Library};

/// What a load reports as it goes.
pub enum Report {
    /// How far it has got.
    Progress(LoadStatus),
    /// The articles so far, titles searchable; sent at most every
    /// [`PARTIAL_EVERY`].
    Partial(Box<Library>),
}

/// Least time between two partial libraries (each rebuilds a title index).
const PARTIAL_EVERY: Duration = Duration::from_millis(250);

/// A partial library is built over every article so far, so its cost grows
/// with the corpus: while the source keeps giving, the next starts no
/// sooner than this many times as long as the last took, after the last
/// started, which keeps partials to a quarter of the load whatever its
/// size.
const PARTIAL_COST_GAP: u32 = 4;

/// Whether a partial library is due, `since` the last and its `cost`
/// (none yet: due). When the source is `idle` (a pipe waiting for its
/// writer) it is due at once: reading stops there, so a partial put off
/// would leave the last articles unshown until the writer goes on.
fn partial_due(last: Option<(Duration, Duration)>, idle: bool) -> bool {
    idle || last.is_none_or(|(since, cost)| since >= PARTIAL_EVERY.max(cost * PARTIAL_COST_GAP))
}

/// Loads the corpus at `path` and builds its library, reporting progress,
/// and with `partials` the partial libraries, through `report`.
pub fn load(
    path: &Path,
    how: &Extraction,
    partials: bool,
    report: &mut dyn FnMut(Report),
) -> Result<Library, LoadError> {
    let start = Instant::now();
    tracing::info!(path = %path.display(), "loading");
    // When the last partial was built, and how long that took.
    let mut last_partial: Option<(Instant, Duration)> = None;
    let mut so_far = Vec::new();
    let corpus = Corpus::load_path_with(path, &mut |batch, p| {
        if partials {
            so_far.extend(batch.iter().cloned());
        }
        let secs = start.elapsed().as_secs_f64();
        report(Report::Progress(LoadStatus {
            stage: LoadStage::Reading,
            articles: p.articles,
            bytes: p.bytes,
            fraction: p.fraction,
            rate: p.bytes as f64 / secs.max(1e-3),
            eta: eta(p.fraction, secs),
        }));
        let due = partial_due(last_partial.map(|(at, cost)| (at.elapsed(), cost)), p.idle);
        if partials && due && p.fraction.is_none_or(|f| f < 1.0) {
            let at = Instant::now();
            let partial = Corpus {
                origin: dossier::corpus::Origin::Seeds,
                articles: so_far.clone(),
                warnings: Vec::new(),
            };
            let partial = Library::partial(partial);
            last_partial = Some((at, at.elapsed()));
            report(Report::Partial(Box::new(partial)));
        }
    })
    .inspect_err(|e| tracing::warn!("loading stopped: {e}"))?;
    drop(so_far);
    // Every article, titles searchable, for the app to show while the rest
    // is built; the library built keeps its title vocabulary rather than
    // indexing the titles a second time during the build's peak.
    let whole = Library::partial(Corpus {
        origin: dossier::corpus::Origin::Seeds,
        articles: corpus.articles.clone(),
        warnings: Vec::new(),
    });
    let titles = whole.index.shared_title_words();
    report(Report::Partial(Box::new(whole)));
    let n = corpus.len();
    tracing::info!(
        articles = n,
        warnings = corpus.warnings.len(),
        ms = start.elapsed().as_millis() as u64,
        "read"
    );
    let indexing = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel::<Building>();
    let tx = std::sync::Mutex::new(tx);
    let lib = std::thread::scope(|scope| {
        let builder = scope.spawn(|| {
            Library::build_with(corpus, how, Some(titles), &|b| {
                if let Ok(tx) = tx.lock() {
                    let _ = tx.send(b);
                }
            })
        });
        // Relay the build's progress from this thread while it works: the
        // pass over every word, then the steps after it, so the bar still
        // moves while actors are discovered.
        let (mut scanned, mut steps) = (0, 0);
        while !builder.is_finished() {
            let rate = match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(Building::Scanned(done)) => {
                    scanned = scanned.max(done.min(n));
                    scanned as f64 / indexing.elapsed().as_secs_f64().max(1e-3)
                }
                Ok(Building::Step(_)) => {
                    // Every article is read: a rate of articles would
                    // only fall from here, so none is said.
                    scanned = n;
                    steps += 1;
                    0.0
                }
                Err(_) => continue,
            };
            let secs = indexing.elapsed().as_secs_f64();
            let fraction = Building::fraction(n, scanned, steps);
            report(Report::Progress(LoadStatus {
                stage: LoadStage::Indexing,
                articles: scanned,
                bytes: 0,
                fraction: Some(fraction),
                rate,
                eta: eta(Some(fraction), secs),
            }));
        }
        builder.join()
    });
    match lib {
        Ok(lib) => {
            tracing::info!(
                articles = lib.corpus.len(),
                actors = lib.actors.len(),
                mentions = lib.actors.mention_count(),
                index_ms = indexing.elapsed().as_millis() as u64,
                total_ms = start.elapsed().as_millis() as u64,
                "loaded"
            );
            Ok(lib)
        }
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Seconds left, from the share done and the seconds spent.
fn eta(fraction: Option<f64>, secs: f64) -> Option<f64> {
    let f = fraction?;
    (f > 0.02 && secs > 0.2).then(|| secs * (1.0 - f) / f)
}

/// Loads on a new thread, reporting to the event loop through `send`:
/// progress (at most every 50 ms), partial libraries, and the complete
/// library or why loading failed.
pub fn spawn(
    path: std::path::PathBuf,
    how: Extraction,
    send: impl Fn(Action) -> bool + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut last = Instant::now() - Duration::from_secs(1);
        // The newest progress not sent yet: it goes out with a partial
        // library, so the status line never counts fewer articles than
        // the list shows.
        let mut unsent: Option<LoadStatus> = None;
        let result = load(&path, &how, true, &mut |r| match r {
            Report::Progress(s) => {
                if last.elapsed() >= Duration::from_millis(50) {
                    last = Instant::now();
                    unsent = None;
                    send(Action::LoadProgress(s));
                } else {
                    unsent = Some(s);
                }
            }
            Report::Partial(lib) => {
                if let Some(s) = unsent.take() {
                    send(Action::LoadProgress(s));
                }
                send(Action::LibraryLoaded(Loaded(Arc::new(*lib))));
            }
        });
        match result {
            Ok(lib) => {
                let lib = Arc::new(lib);
                if send(Action::LibraryLoaded(Loaded(Arc::clone(&lib)))) {
                    // The story is read after the library is on screen, so
                    // the list, reader, actors and filter never wait for it.
                    let t = Instant::now();
                    lib.story();
                    tracing::debug!(ms = t.elapsed().as_millis() as u64, "story read");
                    send(Action::StoryReady);
                }
            }
            Err(e) => {
                send(Action::LoadFailed(e.to_string()));
            }
        };
    });
}

/// Loads for a CLI command: a progress bar on stderr while it takes more
/// than a moment and stderr is a terminal, nothing otherwise. The bar is
/// redrawn on a timer from the latest status, so it shows (and its time
/// goes on) even while the source is slow to give more.
pub fn load_for_cli(path: &Path, how: &Extraction) -> Result<Library, LoadError> {
    if !std::io::stderr().is_terminal() {
        return load(path, how, false, &mut |_| {});
    }
    let latest: std::sync::Mutex<Option<LoadStatus>> = std::sync::Mutex::new(None);
    let start = Instant::now();
    let mut shown = false;
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            load(path, how, false, &mut |r| {
                if let (Report::Progress(s), Ok(mut l)) = (r, latest.lock()) {
                    *l = Some(s);
                }
            })
        });
        while !worker.is_finished() {
            std::thread::sleep(Duration::from_millis(100));
            let status = latest.lock().ok().and_then(|l| *l);
            let line = match status {
                Some(s) if start.elapsed() >= Duration::from_millis(300) => bar_line(&s),
                // Nothing read yet: a pipe waits for its writer.
                None if start.elapsed() >= Duration::from_secs(1) => format!(
                    "dossier: waiting for {} to give something to read",
                    dossier::text::safe_line(&path.display().to_string())
                ),
                _ => continue,
            };
            shown = true;
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{line}");
            let _ = err.flush();
        }
        worker.join()
    });
    if shown {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
    match result {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// One line of progress for stderr.
fn bar_line(s: &LoadStatus) -> String {
    const BAR: usize = 24;
    // A pipe has no size to measure a bar against.
    let bar = s.fraction.map_or(String::new(), |f| {
        let done = (f.clamp(0.0, 1.0) * BAR as f64).round() as usize;
        format!(" [{}{}]", "#".repeat(done), "-".repeat(BAR - done))
    });
    let left = s
        .eta
        .map_or(String::new(), |t| format!(", {:.0} s left", t.ceil()));
    match s.stage {
        LoadStage::Reading => format!(
            "dossier: reading{bar} {}, {} MB, {:.0} MB/s{left}",
            dossier::text::count(s.articles, "article", "articles"),
            s.bytes / 1_000_000,
            s.rate / 1e6
        ),
        LoadStage::Indexing => format!(
            "dossier: indexing{bar} {}{left}",
            dossier::text::count(s.articles, "article", "articles")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_libraries_wait_in_proportion_to_their_cost() {
        let ms = Duration::from_millis;
        assert!(partial_due(None, false), "the first is due at once");
        // A cheap partial: an idle pipe shows what arrived straight away,
        // a busy source every PARTIAL_EVERY.
        assert!(partial_due(Some((ms(10), ms(1))), true));
        assert!(!partial_due(Some((ms(10), ms(1))), false));
        assert!(partial_due(Some((ms(260), ms(1))), false));
        // One that took 100 ms (a big corpus): not before 400 ms while the
        // source gives; a pause shows what arrived at once.
        assert!(!partial_due(Some((ms(300), ms(100))), false));
        assert!(partial_due(Some((ms(400), ms(100))), false));
        assert!(partial_due(Some((ms(300), ms(100))), true));
    }
}
