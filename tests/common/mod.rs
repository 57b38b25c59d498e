//! Helpers shared by the integration tests: running the built binary, and
//! driving it inside a private tmux server the way a person would.

#![allow(dead_code)]

pub mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The `dossier` binary cargo built for these tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dossier")
}

/// A fixture path under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Runs `dossier` with `args` and returns its output.
pub fn dossier(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

/// Runs `dossier` with `args`, `input` piped to its stdin, and returns its
/// output.
pub fn dossier_fed(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dossier binary runs");
    // (A binary that refuses its input may close the pipe unread.)
    let _ = child.stdin.take().expect("piped").write_all(input);
    child.wait_with_output().expect("the dossier binary ends")
}

/// Stdout of a successful run, as text.
pub fn stdout_ok(args: &[&str]) -> String {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "dossier {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A private tmux server with one session, killed when dropped.
pub struct Tmux {
    socket: String,
    /// XDG_DATA_HOME and XDG_CONFIG_HOME of the shell inside, so nothing a
    /// test runs writes into the real home.
    home: tempfile::TempDir,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Tmux {
    /// Starts a shell in a `w` x `h` tmux session on a private socket, or
    /// returns `None` (after saying why) when tmux is not installed. With
    /// `DOSSIER_REQUIRE_TMUX` set (as CI sets it), a missing tmux fails the
    /// test instead.
    pub fn start(w: u16, h: u16) -> Option<Tmux> {
        let have = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !have {
            assert!(
                std::env::var_os("DOSSIER_REQUIRE_TMUX").is_none(),
                "tmux is required (DOSSIER_REQUIRE_TMUX is set) but not installed"
            );
            eprintln!("skipping: tmux is not installed (.ci/run installs it)");
            return None;
        }
        let socket = format!(
            "dossier-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let home = tempfile::tempdir().expect("a temporary folder");
        let shell = format!(
            "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color XDG_DATA_HOME={0}/data XDG_CONFIG_HOME={0}/config PS1='$ ' bash --norc --noprofile",
            home.path().display()
        );
        let t = Tmux { socket, home };
        t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            &shell,
        ]);
        t.wait_for("shell prompt", |s| s.contains('$'));
        Some(t)
    }

    /// The XDG_DATA_HOME the shell inside has: dossier keeps its marks
    /// under `dossier/` there.
    pub fn data_home(&self) -> PathBuf {
        self.home.path().join("data")
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Types `text` literally, then presses Enter.
    pub fn type_line(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
        self.run(&["send-keys", "-t", "main", "Enter"]);
    }

    /// Sends tmux key names (`Tab`, `Enter`, `j`, `C-c`...).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Resizes the window.
    pub fn resize(&self, w: u16, h: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "main",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }

    /// Runs a tmux command on this server (`set -g ...`, `show-buffer`)
    /// and returns what it printed.
    pub fn command(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// A tmux format expanded for the pane (`#{mouse_any_flag}`...).
    pub fn format(&self, f: &str) -> String {
        self.command(&["display-message", "-p", "-t", "main", f])
            .trim()
            .to_owned()
    }

    /// The visible screen as text.
    pub fn screen(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "main"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen with its colours and attributes, as SGR escape
    /// sequences.
    pub fn screen_styled(&self) -> String {
        let out = self.run(&["capture-pane", "-e", "-p", "-t", "main"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Asks the shell for its terminal modes and returns the screen once
    /// it answered: a restored terminal shows `icanon` and `echo`.
    pub fn shell_modes(&self) -> String {
        self.type_line("stty -a | tr ' ' '\\n' | grep -xE 'icanon|echo'; echo READY-$((40+2))");
        self.wait_for("a usable shell", |s| s.contains("READY-42"))
    }

    /// Waits up to ten seconds for the screen to satisfy `ok` on two
    /// captures in a row (a capture can catch a frame half drawn); returns
    /// the screen, or panics with it and `what`.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut held: Option<String> = None;
        loop {
            let s = self.screen();
            if ok(&s) {
                // A screen that keeps changing (a progress bar) but keeps
                // satisfying the condition is good enough in the end.
                if held.as_deref() == Some(s.as_str()) || start.elapsed() > Duration::from_secs(10)
                {
                    return s;
                }
                held = Some(s);
            } else {
                held = None;
                if start.elapsed() > Duration::from_secs(10) {
                    panic!("timed out waiting for {what}; screen:\n{s}");
                }
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// `n` made-up articles (title, body), the same every time: sentences that
/// name actors of the seed gazetteer among ordinary words, some with a
/// misspelling, so there are actors, variants and a real vocabulary.
pub fn synthetic(n: usize) -> Vec<(String, String)> {
    const NAMES: [&str; 10] = [
        "Vladimir Putin",
        "Zamir Kabulov",
        "Alexander Bortnikov",
        "the Taliban",
        "Kazakhstan",
        "Moscow",
        "TASS",
        "Sergey Lavrov",
        "Afghanistan",
        "the FSB",
    ];
    const WORDS: [&str; 16] = [
        "said",
        "talks",
        "border",
        "trade",
        "security",
        "officials",
        "agreed",
        "week",
        "report",
        "ministry",
        "delegation",
        "envoy",
        "meeting",
        "decision",
        "list",
        "status",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|i| {
            let title = format!(
                "{} {} {} ({i})",
                NAMES[next() as usize % 10],
                WORDS[next() as usize % 16],
                WORDS[next() as usize % 16]
            );
            let paras: Vec<String> = (0..2 + next() % 4)
                .map(|_| {
                    (0..3 + next() % 5)
                        .map(|_| {
                            format!(
                                "{} {} {} {} word{}.",
                                NAMES[next() as usize % 10],
                                WORDS[next() as usize % 16],
                                WORDS[next() as usize % 16],
                                WORDS[next() as usize % 16],
                                next() % 5000
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let mut body = paras.join("\n\n");
            if i % 7 == 3 {
                body.push_str(" Bortinkov also spoke.");
            }
            (title, body)
        })
        .collect()
}

/// Writes articles as a folder of `.txt` files (title, blank line, body)
/// in `dir`, in subfolders of 1,000, as make-corpus.py does.
pub fn write_folder(dir: &Path, articles: &[(String, String)]) {
    for (i, (t, b)) in articles.iter().enumerate() {
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:06}.txt")), format!("{t}\n\n{b}\n")).unwrap();
    }
}

/// The JSONL line of one article.
pub fn jsonl_line(title: &str, body: &str) -> String {
    serde_json::json!({ "title": title, "body": body }).to_string() + "\n"
}

/// The column (in chars) where a mention of Bortnikov, in any of the seed
/// corpus's spellings, starts in `line`.
pub fn bortnikov_column(line: &str) -> Option<usize> {
    [
        "Alexander Bortnikov",
        "Aleksandr Bortnikov",
        "Bortinkov",
        "Bortnikov",
    ]
    .iter()
    .find_map(|k| line.find(k).map(|b| line[..b].chars().count()))
}

/// A named pipe `name` in `dir`, or `None` (after saying so) where mkfifo
/// is missing.
pub fn fifo(dir: &Path, name: &str) -> Option<PathBuf> {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return None;
    }
    Some(path)
}

/// The bytes that a JSON mention row's `start..end` cut from its seed
/// file (`article`).
pub fn seed_span(row: &serde_json::Value) -> Vec<u8> {
    let bytes = seed_bytes(row["article"].as_str().unwrap());
    let at = |k: &str| row[k].as_u64().unwrap() as usize;
    bytes[at("start")..at("end")].to_vec()
}

/// The bytes of seed article `id`, as committed under seeds/.
pub fn seed_bytes(id: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(id)).unwrap()
}
