//! Carrying out the app's [`Effect::Export`](dossier::app::Effect): the
//! binary has the clock, so it names the file
//! (`dossier-articles-20241004-153000.md`, UTC), writes it atomically with
//! the library's [`dossier::export`] on a thread of its own, and answers
//! with [`Action::Exported`].

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dossier::app::Action;
use dossier::export::{self, Format, Selection, What, Written};
use dossier::library::Library;
use dossier::state::Marks;

/// The file name for an export made at `now` (see [`export::file_name`]).
pub fn file_name(what: What, about: Option<&str>, format: Format, now: SystemTime) -> String {
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let stamp = chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y%m%d-%H%M%S").to_string())
        .unwrap_or_else(|| "00000000-000000".into());
    export::file_name(what, about, &stamp, format)
}

/// Writes the export (articles with the reader's `marks`) into the current
/// folder on a new thread and sends the outcome through `send`.
pub fn spawn(
    lib: Arc<Library>,
    selection: Selection,
    format: Format,
    scope: Option<String>,
    marks: Arc<Marks>,
    send: impl FnOnce(Action) + Send + 'static,
) {
    std::thread::spawn(move || {
        let dir = match std::env::current_dir() {
            Ok(dir) => dir,
            // (Deleted since dossier started, say: "." would name nothing.)
            Err(_) => {
                send(Action::Exported(Err(
                    "the folder dossier was started in no longer exists (start dossier in a folder you can write to)".into(),
                )));
                return;
            }
        };
        let what = selection.what();
        let about = selection.actor().map(|a| lib.actors.get(a).name);
        let name = file_name(what, about, format, SystemTime::now());
        let started = std::time::Instant::now();
        let written = export::write_new_file(&dir, &name, |w| {
            export::write(w, &lib, &selection, format, scope.as_deref(), &marks)
        });
        let outcome = match written {
            Ok((records, path)) => {
                tracing::info!(
                    path = %path.display(),
                    records,
                    ms = started.elapsed().as_millis() as u64,
                    "exported"
                );
                // In the folder dossier was started in: the name is enough.
                let shown = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| format!("./{}", n.to_string_lossy()),
                );
                Ok(Written {
                    what,
                    path: dossier::text::safe_line(&shown).into_owned(),
                    records,
                })
            }
            Err(e) => {
                tracing::warn!("export failed: {e}");
                Err(failure(&e, &dir))
            }
        };
        send(Action::Exported(outcome));
    });
}

/// Why an export failed, short enough for the status line: what went
/// wrong first, then the folder ("permission denied in /srv/news (start
/// dossier in a folder you can write to)"). The file's name is left out:
/// it was new, named by the clock.
fn failure(e: &export::WriteError, dir: &std::path::Path) -> String {
    use std::io::ErrorKind::{
        NotFound, PermissionDenied, QuotaExceeded, ReadOnlyFilesystem, StorageFull,
    };
    let shown = dossier::text::safe_line(&dir.display().to_string()).into_owned();
    let why = match e.source.kind() {
        // A folder removed while dossier runs.
        NotFound if !dir.is_dir() => {
            return format!(
                "{shown} no longer exists (start dossier in a folder you can write to)"
            );
        }
        // A folder that takes no new files (/proc says "not found").
        NotFound => "cannot create files".into(),
        kind @ (PermissionDenied | ReadOnlyFilesystem | StorageFull | QuotaExceeded) => {
            kind.to_string()
        }
        _ => e.source.to_string(),
    };
    format!("{why} in {shown} (start dossier in a folder you can write to)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// What an export into `dir` that failed with `kind` says.
    fn said(dir: &std::path::Path, kind: std::io::ErrorKind) -> String {
        let e = export::WriteError {
            path: dir.join("dossier-articles-20241004-153000.md"),
            source: std::io::Error::from(kind),
        };
        failure(&e, dir)
    }

    #[test]
    fn a_failure_says_why_and_where_first() {
        let dir = std::path::Path::new("/srv/news");
        assert_eq!(
            said(dir, std::io::ErrorKind::PermissionDenied),
            "permission denied in /srv/news (start dossier in a folder you can write to)"
        );
    }

    #[test]
    fn a_folder_gone_is_said_so() {
        let dir = std::path::Path::new("/tmp/gone-since-dossier-started");
        assert_eq!(
            said(dir, std::io::ErrorKind::NotFound),
            "/tmp/gone-since-dossier-started no longer exists (start dossier in a folder you can write to)"
        );
    }

    #[test]
    fn a_folder_that_takes_no_files_is_not_said_to_be_gone() {
        let said = said(&std::env::temp_dir(), std::io::ErrorKind::NotFound);
        assert!(said.starts_with("cannot create files in "), "{said}");
    }

    #[test]
    fn names_carry_what_when_and_the_format() {
        let t = UNIX_EPOCH + Duration::from_secs(1_728_055_800);
        assert_eq!(
            file_name(What::Articles, None, Format::Csv, t),
            "dossier-articles-20241004-153000.csv"
        );
        assert_eq!(
            file_name(What::Mentions, Some("Alexander Bortnikov"), Format::Json, t),
            "dossier-mentions-alexander-bortnikov-20241004-153000.json"
        );
        // Any script's letters stay; what a path would trip on goes.
        assert_eq!(
            file_name(
                What::Mentions,
                Some("Ministère d'État / ../x"),
                Format::Markdown,
                t
            ),
            "dossier-mentions-ministère-d-état-x-20241004-153000.md"
        );
        assert_eq!(
            file_name(What::Mentions, Some("./."), Format::Markdown, t),
            "dossier-mentions-20241004-153000.md"
        );
    }
}
