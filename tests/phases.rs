//! The build's steps in the debug log. A test binary of its own: the log
//! is the process's one subscriber, set before any build, as the app sets
//! it (a subscriber scoped to one test thread can miss events whose
//! interest other tests' threads settled first).

use std::sync::{Arc, Mutex};

use dossier::actors::Extraction;
use dossier::corpus::Corpus;
use dossier::library::Library;

#[test]
fn a_build_logs_each_step_with_its_times_when_the_log_asks() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("dossier::phases=debug")
        .with_writer(Mutex::new(Writer(Arc::clone(&log))))
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
    Library::build(Corpus::seeds(), &Extraction::builtin());
    let log = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    let steps = [
        "plan: the gazetteer matcher and the cues",
        "pass: every word of every article",
        "discovery: run surfaces tallied",
        "discovery: runs tagged",
        "actors: mentions laid out",
        "index assembled",
    ];
    for step in steps {
        let line = log.lines().find(|l| l.contains(step));
        let line = line.unwrap_or_else(|| panic!("no {step:?} in:\n{log}"));
        for field in ["wall_ms=", "cpu_ms=", "cores=", "peak_mb="] {
            assert!(line.contains(field), "{line}");
        }
    }
    // In the order they ran.
    let at: Vec<usize> = steps.iter().map(|s| log.find(s).unwrap()).collect();
    assert!(at.is_sorted(), "{log}");
}

/// Appends what the log writes to a shared buffer.
struct Writer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
