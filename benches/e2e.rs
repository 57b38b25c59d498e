//! `dossier filter QUERY --corpus big.jsonl` end to end (load, index,
//! filter, print), against `fzf --filter QUERY` over the same articles as
//! one line each, in the same run.
//!
//! `cargo bench --bench e2e` (needs fzf on PATH; skips with a message
//! otherwise). Target: dossier at most 0.3x fzf's time.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};

const QUERY: &str = "blair bank rate";

/// The same articles, one line each (title and body, line breaks as
/// spaces), made once beside the JSONL.
fn lines_file(jsonl: &Path) -> PathBuf {
    let out = jsonl.with_extension("lines");
    if out.exists() {
        return out;
    }
    let text = std::fs::read_to_string(jsonl).expect("bench corpus reads");
    let mut lines = String::with_capacity(text.len());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("bench corpus parses");
        let t = v["title"].as_str().unwrap_or_default();
        let b = v["body"].as_str().unwrap_or_default();
        lines.push_str(&format!("{t} {b}").replace(['\n', '\r'], " "));
        lines.push('\n');
    }
    std::fs::write(&out, lines).expect("lines file writes");
    out
}

fn fzf(lines: &Path) {
    let input = std::fs::File::open(lines).expect("lines file opens");
    let status = Command::new("fzf")
        .args(["--filter", QUERY])
        .stdin(input)
        .stdout(Stdio::null())
        .status()
        .expect("fzf runs");
    // fzf exits 1 when nothing matches, which is still a run.
    assert!(status.code().is_some());
}

fn dossier(jsonl: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["filter", QUERY, "--corpus"])
        .arg(jsonl)
        .stdout(Stdio::null())
        .status()
        .expect("dossier runs");
    assert!(status.success());
}

fn bench(c: &mut Criterion) {
    let Some(jsonl) = common::big_jsonl() else {
        return;
    };
    if Command::new("fzf").arg("--version").output().is_err() {
        eprintln!("skipping: fzf is not installed");
        return;
    }
    let lines = lines_file(&jsonl);
    let mut group = c.benchmark_group("e2e");
    group.sample_size(10);
    group.bench_function("fzf --filter over the articles as lines", |b| {
        b.iter(|| fzf(&lines))
    });
    group.bench_function("dossier filter --corpus big.jsonl", |b| {
        b.iter(|| dossier(&jsonl))
    });
    group.finish();

    let time = |f: &dyn Fn()| {
        let mut v: Vec<f64> = (0..3)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect();
        common::median(&mut v)
    };
    let theirs = time(&|| fzf(&lines));
    let ours = time(&|| dossier(&jsonl));
    eprintln!(
        "e2e summary: fzf --filter {theirs:.2} s, dossier filter {ours:.2} s: {:.2}x (target <= 0.3x)",
        ours / theirs
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
