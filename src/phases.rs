//! Timings of the steps of a build, for the debug log: with
//! `DOSSIER_LOG=dossier::phases=debug` (or `load_phases PATH --phases`)
//! each step logs its wall time, the CPU time all threads spent in it (the
//! ratio of the two says how many cores it kept busy), and the resident
//! memory and its peak after it. When the log does not ask for them, a
//! mark costs one check.

use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// When the last step ended: wall clock and the process's CPU time.
static LAST: Mutex<Option<(Instant, f64)>> = Mutex::new(None);

/// Whether the log asks for the steps.
fn on() -> bool {
    tracing::enabled!(tracing::Level::DEBUG)
}

/// Starts a build: the first step is measured from here.
pub fn start() {
    if on() {
        *LAST.lock().unwrap_or_else(PoisonError::into_inner) = Some((Instant::now(), cpu_ms()));
    }
}

/// Ends a step, named for what it did, and logs it; the next step starts
/// here.
pub fn mark(step: &'static str) {
    if !on() {
        return;
    }
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    let (now, cpu) = (Instant::now(), cpu_ms());
    if let Some((then, cpu_then)) = *last {
        let wall_ms = (now - then).as_secs_f64() * 1e3;
        let cpu_ms = cpu - cpu_then;
        let (rss_mb, peak_mb) = memory_mb();
        tracing::debug!(
            wall_ms = wall_ms.round() as u64,
            cpu_ms = cpu_ms.round() as u64,
            cores = format_args!("{:.2}", cpu_ms / wall_ms.max(1.0)),
            rss_mb,
            peak_mb,
            "{step}"
        );
    }
    *last = Some((now, cpu));
}

/// CPU time of all the process's threads so far, in milliseconds (0
/// where it cannot be read).
fn cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
            return 0.0;
        }
        let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
        ms(usage.ru_utime) + ms(usage.ru_stime)
    }
    #[cfg(not(unix))]
    0.0
}

/// Resident memory and its peak, in MB (10^6 bytes), from
/// `/proc/self/status` (0 where there is none).
fn memory_mb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
            .map_or(0, |kib| kib * 1024 / 1_000_000)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Where the steps of a build end: each is marked in the phase log and,
/// when someone shows the build's progress, told to them by name.
#[derive(Clone, Copy)]
pub struct Steps<'a>(Option<&'a (dyn Fn(&'static str) + Sync)>);

impl<'a> Steps<'a> {
    /// Steps only logged.
    pub const LOG: Steps<'static> = Steps(None);

    /// Steps logged and told to `to`.
    pub fn reporting(to: &'a (dyn Fn(&'static str) + Sync)) -> Steps<'a> {
        Steps(Some(to))
    }

    /// Ends a step (see [`mark`]).
    pub fn mark(&self, step: &'static str) {
        mark(step);
        if let Some(to) = self.0 {
            to(step);
        }
    }
}
