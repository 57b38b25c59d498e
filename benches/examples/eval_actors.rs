//! Measures actor extraction against the hand annotation of 25 BBC
//! articles (`tests/fixtures/bbc_gold.json`, see `bbc_gold.md`).
//!
//! ```text
//! cargo run --release --example eval_actors                  # dossier on ../shared/corpora/bbc
//! cargo run --release --example eval_actors -- --corpus DIR  # the BBC folder elsewhere
//! cargo run --release --example eval_actors -- --mentions m.json
//! ```
//!
//! The whole corpus is opened, as a user would open it (discovery learns
//! from every article), and the mentions of the annotated articles are
//! scored: exact byte spans, untyped and typed. With `--mentions FILE`,
//! the output of `dossier mentions --json --corpus DIR` (or of any tool
//! that writes the same rows) is scored instead.

#[path = "../../tests/common/gold.rs"]
mod gold;

use std::path::PathBuf;

use dossier::actors::Extraction;
use dossier::corpus::Corpus;
use dossier::library::Library;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let mut corpus: Option<PathBuf> = None;
    let mut mentions: Option<PathBuf> = None;
    let mut show = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => corpus = args.next().map(PathBuf::from),
            "--mentions" => mentions = args.next().map(PathBuf::from),
            "--errors" => show = true,
            _ => {
                eprintln!("usage: eval_actors [--corpus DIR] [--mentions FILE] [--errors]");
                std::process::exit(2);
            }
        }
    }
    let gold_path = root.join("tests/fixtures/bbc_gold.json");
    let gold: gold::Gold = serde_json::from_str(
        &std::fs::read_to_string(&gold_path).expect("the annotation is committed"),
    )
    .expect("the annotation parses");
    let predicted: Vec<gold::Predicted> = match mentions {
        Some(file) => {
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
                eprintln!("{}: {e}", file.display());
                std::process::exit(2);
            });
            serde_json::from_str(&text).unwrap_or_else(|e| {
                eprintln!(
                    "{}: not `dossier mentions --json` output: {e}",
                    file.display()
                );
                std::process::exit(2);
            })
        }
        None => {
            let dir = corpus.unwrap_or_else(|| root.join(&gold.corpus));
            if !dir.is_dir() {
                eprintln!(
                    "{}: the BBC corpus is not there; give its folder with --corpus DIR",
                    dir.display()
                );
                std::process::exit(2);
            }
            let t = std::time::Instant::now();
            let lib = Library::build(
                Corpus::load_path(&dir).expect("the corpus loads"),
                &Extraction::builtin(),
            );
            eprintln!(
                "{} articles, {} actors in {:.2} s",
                lib.corpus.len(),
                lib.actors.len(),
                t.elapsed().as_secs_f64()
            );
            let rows = dossier::report::mentions(&lib, None);
            serde_json::from_value(serde_json::to_value(&rows).expect("rows serialize"))
                .expect("rows read back")
        }
    };
    let r = gold::score(&gold, &predicted);
    if show {
        for (a, m) in &r.missed {
            println!("missed {a} {}-{} {:?} {}", m.start, m.end, m.text, m.kind);
        }
        for (a, m) in &r.wrong {
            println!("wrong  {a} {}-{} {:?} {}", m.start, m.end, m.text, m.kind);
        }
    }
    print!("{}", gold::table(&r));
}
