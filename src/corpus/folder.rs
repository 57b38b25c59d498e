//! Folders of `.txt` articles, read recursively in file-name order, and single
//! `.txt` files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{
    ARTICLE_MAX_BYTES, Article, Corpus, LoadError, LoadWarning, Meta, Origin, Problem, Progress,
};

/// Files read between progress reports.
const CHUNK: usize = 1024;

/// Loads every `.txt` file under `root`, in sorted path order, reading on
/// every core, reporting after each chunk of files.
pub(super) fn load(
    root: &Path,
    on_batch: &mut dyn FnMut(&[Arc<Article>], Progress),
) -> Result<Corpus, LoadError> {
    let mut warnings = Vec::new();
    let paths = collect_paths(root, &mut warnings);
    let mut articles = Vec::with_capacity(paths.len());
    let mut bytes = 0u64;
    for (c, chunk) in paths.chunks(CHUNK).enumerate() {
        let read: Vec<(Result<Article, LoadWarning>, u64)> = chunk
            .par_iter()
            .map(|(path, id)| read_article(path, id.clone()))
            .collect();
        let first = articles.len();
        for (r, size) in read {
            bytes += size;
            match r {
                Ok(a) => {
                    super::flag_warnings(&a, &a.id, &mut warnings);
                    articles.push(Arc::new(a));
                }
                Err(w) => warnings.push(w),
            }
        }
        let done = ((c + 1) * CHUNK).min(paths.len());
        on_batch(
            &articles[first..],
            Progress {
                articles: articles.len(),
                bytes,
                fraction: Some(done as f64 / paths.len().max(1) as f64),
                idle: false,
            },
        );
    }
    Ok(Corpus {
        origin: Origin::Folder(root.to_owned()),
        articles,
        warnings,
    })
}

/// Loads a single `.txt` file as a corpus of one article.
pub(super) fn load_file(
    path: &Path,
    on_batch: &mut dyn FnMut(&[Arc<Article>], Progress),
) -> Result<Corpus, LoadError> {
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let (read, size) = read_article(path, id);
    let articles = match read {
        Ok(a) => {
            super::flag_warnings(&a, &a.id, &mut warnings);
            vec![Arc::new(a)]
        }
        Err(LoadWarning {
            problem: Problem::Unreadable { message },
            ..
        }) => return Err(LoadError::Unreadable(path.to_owned(), message)),
        Err(w) => {
            warnings.push(w);
            Vec::new()
        }
    };
    on_batch(
        &articles,
        Progress {
            articles: articles.len(),
            bytes: size,
            fraction: Some(1.0),
            idle: false,
        },
    );
    Ok(Corpus {
        origin: Origin::File(path.to_owned()),
        articles,
        warnings,
    })
}

/// Every article path under `root` with its id (the relative path, with `/`
/// separators). Hidden files and folders are passed over; READMEs and
/// unreadable entries are reported.
fn collect_paths(root: &Path, warnings: &mut Vec<LoadWarning>) -> Vec<(PathBuf, String)> {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut out = Vec::new();
    // Files of other kinds: said only when no .txt file is found, where
    // "no articles found" alone would not say why (helper-30: a folder of
    // .md files).
    let mut others: (Option<String>, usize) = (None, 0);
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let place = e
                    .path()
                    .map(|p| relative_id(root, p))
                    .unwrap_or_else(|| ".".into());
                let problem = if e.loop_ancestor().is_some() {
                    Problem::LinkLoop
                } else {
                    Problem::Unreadable {
                        message: e
                            .io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string),
                    }
                };
                warnings.push(LoadWarning::new(place, problem));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !is_txt(entry.path()) {
            if !is_readme(entry.path()) {
                others
                    .0
                    .get_or_insert_with(|| relative_id(root, entry.path()));
                others.1 += 1;
            }
            continue;
        }
        let id = relative_id(root, entry.path());
        if !entry.file_type().is_file() {
            warnings.push(LoadWarning::new(id, Problem::NotAFile));
            continue;
        }
        if is_readme(entry.path()) {
            warnings.push(LoadWarning::new(id, Problem::NotAnArticle));
            continue;
        }
        out.push((entry.into_path(), id));
    }
    if let (true, (Some(first), n)) = (out.is_empty(), others) {
        warnings.push(LoadWarning::new(first, Problem::NotTxt { others: n - 1 }));
    }
    out
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn is_readme(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Reads one file into an article, or says why it was skipped; with the
/// bytes read.
fn read_article(path: &Path, id: String) -> (Result<Article, LoadWarning>, u64) {
    // Not read at all when it is too large to hold.
    if let Ok(m) = std::fs::metadata(path) {
        if m.len() > ARTICLE_MAX_BYTES as u64 {
            let w = LoadWarning::new(id, Problem::TooLarge { bytes: m.len() });
            return (Err(w), 0);
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let w = LoadWarning::new(
                id,
                Problem::Unreadable {
                    message: e.to_string(),
                },
            );
            return (Err(w), 0);
        }
    };
    let size = bytes.len() as u64;
    (article_from_bytes(bytes, id), size)
}

/// One file's bytes as an article, or why they were skipped.
fn article_from_bytes(bytes: Vec<u8>, id: String) -> Result<Article, LoadWarning> {
    if let Some(utf16) = super::binary_kind(&bytes) {
        return Err(LoadWarning::new(id, Problem::Binary { utf16 }));
    }
    let (text, bad) = super::decode(bytes);
    // Replacement characters and Windows-1252's letters make the text
    // longer than the file.
    if text.len() > ARTICLE_MAX_BYTES {
        let bytes = text.len() as u64;
        return Err(LoadWarning::new(id, Problem::TooLarge { bytes }));
    }
    Ok(Article::from_text(id, text, Meta::default(), bad))
}

/// A `.txt` file's bytes, already in memory, as a corpus of one article (or
/// none, with the warning saying why), read as a folder's files are.
pub(super) fn from_bytes(name: &str, bytes: Vec<u8>) -> Corpus {
    let mut warnings = Vec::new();
    let articles = match article_from_bytes(bytes, name.to_owned()) {
        Ok(a) => {
            super::flag_warnings(&a, &a.id, &mut warnings);
            vec![Arc::new(a)]
        }
        Err(w) => {
            warnings.push(w);
            Vec::new()
        }
    };
    Corpus {
        origin: Origin::File(PathBuf::from(name)),
        articles,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folder_is_read_recursively_in_name_order_with_relative_ids() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/2.txt"), "Second\n\nBody two").unwrap();
        fs::write(dir.path().join("a.txt"), "First\n\nBody one").unwrap();
        fs::write(dir.path().join("notes.md"), "# not an article").unwrap();
        fs::write(dir.path().join(".hidden.txt"), "Hidden").unwrap();
        fs::write(dir.path().join("README.TXT"), "About this corpus").unwrap();
        let c = load(dir.path(), &mut |_, _| {}).unwrap();
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "b/2.txt"]);
        assert_eq!(c.articles[1].title(), "Second");
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].place, "README.TXT");
        assert_eq!(c.warnings[0].problem, Problem::NotAnArticle);
    }

    #[test]
    fn bytes_in_memory_read_as_the_same_file_would() {
        let long = "word ".repeat(100);
        let cases: [&[u8]; 4] = [
            b"\xef\xbb\xbfTitle\r\n\r\nBody \xa3.",
            b"\x00binary",
            b"  \n",
            long.as_bytes(),
        ];
        for bytes in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.txt");
            fs::write(&path, bytes).unwrap();
            let file = load_file(&path, &mut |_, _| {}).unwrap();
            let memory = from_bytes("a.txt", bytes.to_vec());
            assert_eq!(file.articles, memory.articles, "{bytes:?}");
            assert_eq!(file.warnings, memory.warnings, "{bytes:?}");
        }
    }

    #[test]
    fn bad_files_are_reported_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("ok.txt"), "Fine\n\nText").unwrap();
        fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02").unwrap();
        fs::write(dir.path().join("latin1.txt"), b"Price\n\n\xa3600m").unwrap();
        fs::write(dir.path().join("empty.txt"), b"").unwrap();
        let c = load(dir.path(), &mut |_, _| {}).unwrap();
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["empty.txt", "latin1.txt", "ok.txt"]);
        let latin = &c.articles[1];
        assert_eq!(latin.flags().invalid_utf8_at, Some(7));
        assert!(latin.flags().windows_1252);
        assert_eq!(latin.body(), "£600m");
        let problems: Vec<(&str, &Problem)> = c
            .warnings
            .iter()
            .map(|w| (w.place.as_str(), &w.problem))
            .collect();
        assert!(problems.contains(&("bin.txt", &Problem::Binary { utf16: false })));
        assert!(problems.contains(&("empty.txt", &Problem::Empty)));
        assert!(problems.contains(&("latin1.txt", &Problem::Windows1252 { at: 7 })));
    }

    #[test]
    fn a_file_too_large_to_hold_is_skipped_unread_and_named() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("ok.txt"), "Fine\n\nText").unwrap();
        // Sparse: four gigabytes long without being written.
        let huge = ARTICLE_MAX_BYTES as u64 + 1;
        fs::File::create(dir.path().join("huge.txt"))
            .unwrap()
            .set_len(huge)
            .unwrap();
        let c = load(dir.path(), &mut |_, _| {}).unwrap();
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["ok.txt"]);
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].place, "huge.txt");
        assert_eq!(c.warnings[0].problem, Problem::TooLarge { bytes: huge });
        let said = c.warnings[0].problem.to_string();
        assert!(said.contains("split it"), "{said}");
    }
}
