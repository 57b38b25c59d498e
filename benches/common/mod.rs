//! Shared by the benches: the large corpus they measure, made on demand.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The 100,000-article JSONL corpus the targets are stated for: taken from
/// `DOSSIER_BIG_JSONL`, else made once with `../shared/tools/make-corpus.py
/// 100000` under `target/bench-data/`. `None` (after saying why) when
/// neither is possible: the benches then skip.
pub fn big_jsonl() -> Option<PathBuf> {
    corpus("big100k.jsonl", 100_000)
}

/// A corpus of `n` articles made by make-corpus.py, cached by file name.
pub fn corpus(name: &str, n: usize) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOSSIER_BIG_JSONL").filter(|_| n == 100_000) {
        return Some(PathBuf::from(p));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-data").join(name);
    if out.exists() {
        return Some(out);
    }
    let tool = root.join("../shared/tools/make-corpus.py");
    if !tool.exists() {
        eprintln!(
            "skipping: no large corpus ({} not found; set DOSSIER_BIG_JSONL to a make-corpus.py output)",
            tool.display()
        );
        return None;
    }
    std::fs::create_dir_all(out.parent()?).ok()?;
    eprintln!("making {} with make-corpus.py {n} (once)...", out.display());
    let ok = Command::new("python3")
        .arg(&tool)
        .arg(n.to_string())
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipping: make-corpus.py failed");
        let _ = std::fs::remove_file(&out);
        return None;
    }
    Some(out)
}

/// Median of a list of durations in milliseconds.
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// The median of `runs` timings of `f`, in milliseconds.
pub fn median_ms(runs: usize, f: &mut dyn FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median(&mut v)
}

/// The baseline the filter and mentions benches are stated against: one
/// substring scan of every article's text, as fast as a scan can be
/// (memchr's SIMD memmem), over a copy lowercased beforehand so that case
/// folding costs the scan nothing.
pub struct TextScan {
    lowered: Vec<Vec<u8>>,
    finder: memchr::memmem::Finder<'static>,
}

impl TextScan {
    /// Prepares the scan of `lib`'s articles for `needle`.
    pub fn new(lib: &dossier::library::Library, needle: &'static str) -> TextScan {
        TextScan {
            lowered: lib
                .corpus
                .articles
                .iter()
                .map(|a| a.text.to_lowercase().into_bytes())
                .collect(),
            finder: memchr::memmem::Finder::new(needle),
        }
    }

    /// Scans once: the number of articles holding the needle.
    pub fn run(&self) -> usize {
        self.lowered
            .iter()
            .filter(|t| self.finder.find(t).is_some())
            .count()
    }
}
