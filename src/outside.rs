//! The programs and terminal features dossier hands work to: the user's
//! pager, editor and browser (found in the environment, started as argv,
//! never through a shell) and the clipboard (OSC 52, written to the
//! terminal). The terminal's suspending and resuming around them is in
//! [`crate::term`].

use std::ffi::OsString;
use std::path::Path;

use base64::Engine as _;

/// A program to run: its argv, and where it came from for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The program and its arguments.
    pub argv: Vec<String>,
    /// `$PAGER`, `$EDITOR`... or "the default", for messages.
    pub from: String,
}

impl Program {
    /// The program's name, for messages.
    pub fn name(&self) -> &str {
        self.argv.first().map_or("", String::as_str)
    }
}

/// The first of `vars` set to something non-blank, split into words as a
/// shell would (quotes and backslashes understood, nothing expanded), or
/// `default`. A value that does not split (an unclosed quote) is an error
/// naming the variable.
pub fn from_env(
    vars: &[&str],
    default: &str,
    get: impl Fn(&str) -> Option<OsString>,
) -> Result<Program, String> {
    for var in vars {
        let Some(value) = get(var) else { continue };
        let value = value.to_string_lossy().into_owned();
        if value.trim().is_empty() {
            continue;
        }
        let argv = shell_words::split(&value)
            .map_err(|e| format!("${var} ({value:?}) is not a command line: {e}"))?;
        if argv.is_empty() {
            continue;
        }
        return Ok(Program {
            argv,
            from: format!("${var}"),
        });
    }
    Ok(Program {
        argv: vec![default.to_owned()],
        from: format!("the default (set ${} to choose)", vars[0]),
    })
}

/// The program and arguments that open `file`: the program's own
/// arguments, then the file.
pub fn with_file(p: &Program, file: &Path) -> Vec<OsString> {
    let mut argv: Vec<OsString> = p.argv.iter().map(OsString::from).collect();
    argv.push(file.as_os_str().to_owned());
    argv
}

/// The browser command for `url` from `$BROWSER`: its first entry (the
/// variable may list several, separated by `:`), with `%s` replaced by the
/// url or, without one, the url as the last argument. `None` when unset.
pub fn browser(
    url: &str,
    get: impl Fn(&str) -> Option<OsString>,
) -> Option<Result<Program, String>> {
    let value = get("BROWSER")?.to_string_lossy().into_owned();
    let first = value.split(':').find(|s| !s.trim().is_empty())?.to_owned();
    Some(
        from_env(&["BROWSER"], "", |_| Some(first.clone().into())).map(|mut p| {
            if p.argv.iter().any(|a| a.contains("%s")) {
                for a in &mut p.argv {
                    *a = a.replace("%s", url);
                }
            } else {
                p.argv.push(url.to_owned());
            }
            p
        }),
    )
}

/// The system's opener, which hands the url to the desktop's browser.
pub fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the
/// clipboard. Inside tmux (`tmux` true) it is wrapped in tmux's
/// passthrough, so it reaches the outer terminal when tmux allows it
/// (`allow-passthrough on`); tmux's own `set-clipboard on` takes the plain
/// form, which is why both are written there. The app has cut `text` to
/// fit one copy ([`dossier::app::outside::osc52_fit`]) and said so: a
/// longer sequence the terminal may drop whole.
pub fn osc52(text: &str, tmux: bool) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let plain = format!("\x1b]52;c;{b64}\x07");
    if !tmux {
        return plain;
    }
    // Passthrough: DCS tmux; <the sequence, each ESC doubled> ST.
    let inner = plain.replace('\x1b', "\x1b\x1b");
    format!("{plain}\x1bPtmux;{inner}\x1b\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn osc52_carries_the_text_in_base64() {
        let s = osc52("héllo\nworld", false);
        assert_eq!(s, "\x1b]52;c;aMOpbGxvCndvcmxk\x07");
        let back = base64::engine::general_purpose::STANDARD
            .decode(s.trim_start_matches("\x1b]52;c;").trim_end_matches('\x07'))
            .unwrap();
        assert_eq!(back, "héllo\nworld".as_bytes());
    }

    #[test]
    fn osc52_inside_tmux_adds_the_passthrough_with_escapes_doubled() {
        let s = osc52("hi", true);
        assert!(s.starts_with("\x1b]52;c;aGk=\x07"), "{s:?}");
        assert!(
            s.ends_with("\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"),
            "{s:?}"
        );
    }

    #[test]
    fn a_copy_cut_to_fit_makes_a_sequence_within_the_limit() {
        use dossier::app::outside::{OSC52_MAX_SEQUENCE, OSC52_MAX_TEXT, osc52_fit};
        let short = "a line\n".repeat(100);
        assert_eq!(osc52_fit(&short), short, "a short copy is whole");
        // Lines of 50 bytes with a two-byte letter in each: 300 kB.
        let line = format!("{}é\n", "x".repeat(47));
        let long = line.repeat(6000);
        let cut = osc52_fit(&long);
        assert!(cut.len() < long.len());
        assert!(cut.len() > OSC52_MAX_TEXT - line.len(), "{}", cut.len());
        assert!(cut.ends_with('\n'), "ends on a whole line");
        let seq = osc52(cut, false);
        assert!(seq.len() <= OSC52_MAX_SEQUENCE, "{}", seq.len());
        // One word past the limit: cut on a char boundary all the same.
        let word = "é".repeat(OSC52_MAX_TEXT);
        let cut = osc52_fit(&word);
        assert!(cut.len() <= OSC52_MAX_TEXT && cut.len() >= OSC52_MAX_TEXT - 1);
        assert!(osc52(cut, true).len() <= 2 * OSC52_MAX_SEQUENCE + 16);
    }

    #[test]
    fn commands_split_like_a_shell_without_running_one() {
        let p = from_env(&["PAGER"], "less", env(&[("PAGER", "less -R '+/a b'")])).unwrap();
        assert_eq!(p.argv, ["less", "-R", "+/a b"]);
        assert_eq!(p.from, "$PAGER");
        // $(...) and ; are just characters in an argument.
        let p = from_env(&["PAGER"], "less", env(&[("PAGER", "cat; rm -rf $(x)")])).unwrap();
        assert_eq!(p.argv, ["cat;", "rm", "-rf", "$(x)"]);
        let p = from_env(&["PAGER"], "less", env(&[("PAGER", "  ")])).unwrap();
        assert_eq!(p.argv, ["less"]);
        let e = from_env(&["PAGER"], "less", env(&[("PAGER", "less 'oops")])).unwrap_err();
        assert!(e.contains("$PAGER"), "{e}");
    }

    #[test]
    fn visual_comes_before_editor_then_vi() {
        let both = [("VISUAL", "code -w"), ("EDITOR", "nano")];
        let p = from_env(&["VISUAL", "EDITOR"], "vi", env(&both)).unwrap();
        assert_eq!(p.argv, ["code", "-w"]);
        let p = from_env(&["VISUAL", "EDITOR"], "vi", env(&both[1..])).unwrap();
        assert_eq!(p.argv, ["nano"]);
        let p = from_env(&["VISUAL", "EDITOR"], "vi", env(&[])).unwrap();
        assert_eq!(p.argv, ["vi"]);
        assert!(p.from.contains("$VISUAL"), "{}", p.from);
    }

    #[test]
    fn browser_takes_the_first_entry_and_fills_in_the_url() {
        let u = "https://example.org/a?b=c";
        let p = browser(u, env(&[("BROWSER", "w3m:lynx")]))
            .unwrap()
            .unwrap();
        assert_eq!(p.argv, ["w3m", u]);
        let p = browser(u, env(&[("BROWSER", "firefox --new-tab %s")]))
            .unwrap()
            .unwrap();
        assert_eq!(p.argv, ["firefox", "--new-tab", u]);
        assert!(browser(u, env(&[])).is_none());
    }
}
