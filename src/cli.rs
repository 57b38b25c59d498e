//! The command line: the TUI by default, and scriptable subcommands that
//! print what the TUI shows.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use std::sync::Arc;

use dossier::actors::concordance::KwicSort;
use dossier::actors::{ActorId, Extraction, Gazetteer, Lookup};
use dossier::config::{self, Config, ConfigError, Palette};
use dossier::corpus::Corpus;
use dossier::export::{self, Format, Selection, What};
use dossier::library::Library;
use dossier::report;
use dossier::search::{Engine, Query};
use dossier::text;

use crate::term::Start;

/// Writes a line to stderr, like `eprintln!` but without panicking when
/// stderr is a closed pipe (`dossier list 2>&1 | head -1`): a message
/// nobody can read is dropped.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

/// Exit code for a bad corpus path or gazetteer: nothing was shown.
const EXIT_INPUT: u8 = 2;

/// What `dossier --help` and the man page say about the environment and
/// the files dossier reads and writes.
const ENVIRONMENT: &str = "\
Environment:
  NO_COLOR       set to anything: no colours, reverse video and underlines instead
  PAGER          the pager of o (default less); EDITOR, VISUAL: the editor of e (default vi)
  BROWSER        the browser of O (default xdg-open, or open on macOS)
  DOSSIER_LOG    a log filter such as info or dossier=debug: log to dossier.log in the data folder
  XDG_CONFIG_HOME, XDG_DATA_HOME  where the config and the data folder are (Linux)

Files:
  config.toml    keys, colours and layout; `dossier config --path` says where
  marks/*.json   read marks, bookmarks and notes per corpus, in the data folder
  queries.txt    the filter queries accepted with Enter, for Up to recall, in the data folder
  dossier.log    the log, in the data folder, only with DOSSIER_LOG

Mouse: click a row to select it, click a name in the reader to select that actor, the wheel
scrolls the pane under the pointer (--no-mouse or [ui] mouse = false leave it to the terminal).";

/// A terminal browser for news corpora: who is in the story, what each source
/// said about them, and where else they are named.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version = env!("DOSSIER_VERSION"),
    after_long_help = ENVIRONMENT,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Corpus to open: a folder of .txt articles (first line = title), a .txt
    /// file, a .jsonl (or .json) file of {"title", "body"} objects, or - for
    /// JSONL piped in. Without one, the built-in seed articles open.
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,

    #[command(flatten)]
    source: Source,

    /// The config file (keys, colours, layout) for the terminal UI, read
    /// instead of the default one (`dossier config --path` says where that
    /// is). The printing commands read none; `dossier config --config
    /// FILE` checks one.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Leave the mouse to the terminal: no clicking or wheel scrolling in
    /// dossier, but the terminal's own text selection works.
    #[arg(long)]
    no_mouse: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the articles and the actors come from.
#[derive(Debug, Clone, Default, clap::Args)]
struct Source {
    /// The corpus (same as PATH): a folder, a .txt file, a .jsonl file, or -
    /// for JSONL piped in.
    #[arg(long, value_name = "PATH")]
    corpus: Option<PathBuf>,

    /// A gazetteer JSON file laid over the built-in one, to add or correct
    /// actors (see README).
    #[arg(long = "actors", visible_alias = "gazetteer", value_name = "FILE")]
    gazetteer: Option<PathBuf>,

    #[command(flatten)]
    finding: Finding,

    /// Print every load warning to stderr: the printing commands otherwise
    /// print the first 20 and say how many more there are (the terminal
    /// UI lists them all with `w`).
    #[arg(long)]
    all_warnings: bool,
}

/// How actors are found, beyond the gazetteer file.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
struct Finding {
    /// Only the actors a gazetteer lists: no discovery from the text.
    #[arg(long)]
    no_discover: bool,

    /// Leave out the built-in gazetteer (assets/actors.json); a file given
    /// with --actors still applies.
    #[arg(long)]
    no_builtin_actors: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the articles: id, number of actors, byline or source, title.
    List {
        /// Print JSON instead of aligned text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Print the actors: name, kind, mentions, articles, spellings seen.
    Actors {
        /// Print JSON instead of aligned text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Print every mention (of one actor, or of all): article, byte span,
    /// text and context.
    Mentions {
        /// The actor: a name, alias or spelling; close misspellings work.
        #[arg(value_parser = actor_name)]
        actor: Option<String>,
        /// Print JSON instead of aligned text.
        #[arg(long, conflicts_with = "kwic")]
        json: bool,
        /// Print a concordance: one line per mention, the mentions aligned
        /// in one column between their left and right context.
        #[arg(long, requires = "actor")]
        kwic: bool,
        /// Width of a concordance line, in cells (30 to 1000: each line's
        /// left context is padded to half of it, helper-33 saw 65,535).
        #[arg(long, default_value_t = 100, requires = "kwic", value_parser = clap::value_parser!(u16).range(30..=1000))]
        width: u16,
        /// Order of the concordance: article, left (the word before) or
        /// right (the word after).
        #[arg(long, default_value = "article", requires = "kwic", value_parser = ["article", "left", "right"])]
        sort: String,
        #[command(flatten)]
        source: Source,
    },
    /// Print the actors named with ACTOR in the same sentences and in the
    /// same articles, ranked by how much more often than chance.
    Related {
        /// The actor: a name, alias or spelling; close misspellings work.
        #[arg(value_parser = actor_name)]
        actor: String,
        /// Print JSON instead of aligned text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Print the timeline: dated events in date order, the events several
    /// articles report grouped into one row with the count of sources.
    Timeline {
        /// Print JSON (every report of every event) instead of aligned text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Print what ACTOR said: direct quotes and reported speech attributed
    /// to it, with the article each comes from.
    Quotes {
        /// The actor: a name, alias or spelling; close misspellings work.
        #[arg(value_parser = actor_name)]
        actor: String,
        /// Print JSON instead of aligned text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Print the story as a Markdown briefing: the timeline, then what the
    /// actors with the most statements said, each with its source.
    Briefing {
        /// How many dated events the timeline lists: those the most
        /// sources report, in date order.
        #[arg(long, default_value_t = 40)]
        events: usize,
        /// How many speakers to include, most statements first.
        #[arg(long, default_value_t = 10)]
        speakers: usize,
        #[command(flatten)]
        source: Source,
    },
    /// Check the config file, or print where it is read from or the
    /// default one.
    Config {
        /// Print the default config, every setting with a comment (a
        /// starting point: `dossier config --print-default > FILE`).
        #[arg(long, conflicts_with = "path")]
        print_default: bool,
        /// Print the path of the config file dossier reads.
        #[arg(long)]
        path: bool,
        /// The config file to check instead of the default one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the articles matching QUERY, best first, with their score, the
    /// fields that matched and the matched words (the filter's engine).
    Filter {
        /// The query, in the filter's language (see README), e.g.
        /// "putin | lavrov 'taliban !crocus".
        query: String,
        /// Print the matching actors instead (the filtered sidebar),
        /// counted over the matches.
        #[arg(long = "sidebar")]
        actors: bool,
        /// Print JSON instead of aligned text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Write the articles (matching QUERY, or all), the actors with their
    /// counts, one actor's mentions with their sentences, the timeline or
    /// one actor's statements, as JSON, CSV or a Markdown briefing, to
    /// stdout or a file.
    Export {
        /// Only the articles matching this query, in the filter's language
        /// (see README), best first; without it, every article.
        query: Option<String>,
        /// json, csv (RFC 4180) or md (a briefing); without it, taken from
        /// the extension of --output.
        #[arg(long, short, value_parser = ["json", "csv", "md", "markdown"])]
        format: Option<String>,
        /// articles (the default), actors (with counts over the articles
        /// chosen), mentions (of --actor, each with its sentence), timeline
        /// (the dated events, naming --actor if given) or statements (what
        /// --actor said).
        #[arg(long, value_parser = ["articles", "actors", "mentions", "timeline", "statements"])]
        what: Option<String>,
        /// The actor whose mentions to write (a name, alias or spelling;
        /// implies --what mentions); with --what articles or timeline,
        /// only the articles or events naming it.
        #[arg(long, value_name = "NAME", value_parser = actor_name)]
        actor: Option<String>,
        /// Write to FILE instead of stdout (`-`): a temporary file in the
        /// same folder renamed into place, so FILE is never half written.
        /// A FILE already there is replaced, as `>` would, and stderr
        /// says so.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        source: Source,
    },
    /// Print a shell completion script, e.g. `dossier completions bash >
    /// ~/.local/share/bash-completion/completions/dossier`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `dossier man | man -l -`, or a
    /// command's page (`dossier man list`), or write them all to a folder
    /// `man` reads (`dossier man --dir ~/.local/share/man/man1`).
    Man {
        /// The command whose page to print (the pages the main one names
        /// as dossier-list(1) and so on).
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        command: Option<String>,
        /// Write dossier.1 and every command's page into DIR (created if
        /// missing; pages of an earlier dossier there are replaced).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

impl Command {
    /// The corpus and gazetteer this command names, if any.
    fn source(&self) -> Source {
        match self {
            Command::List { source, .. }
            | Command::Actors { source, .. }
            | Command::Mentions { source, .. }
            | Command::Related { source, .. }
            | Command::Timeline { source, .. }
            | Command::Quotes { source, .. }
            | Command::Briefing { source, .. }
            | Command::Filter { source, .. }
            | Command::Export { source, .. } => source.clone(),
            Command::Config { .. } => Source::default(),
            Command::Completions { .. } | Command::Man { .. } => Source::default(),
        }
    }
}

/// An actor's name as typed: refused before the corpus loads when it is
/// blank (helper-34: `quotes ""` loaded bbc, then said no actor matched).
fn actor_name(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err(
            "an actor's name is needed (this one is empty); `dossier actors` lists them".into(),
        );
    }
    Ok(s.to_owned())
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    crate::logs::init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            say!("dossier: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Prints clap's message for a command line it could not read, and exits
/// as clap would. A corpus given to a subcommand as a bare path (`dossier
/// list big.jsonl`) gets a tip: subcommands take it with --corpus.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // `dossier big.jsonl extra`: clap reads `extra` as a subcommand given
    // with a corpus. One that is not a subcommand is just one word too many.
    if let (ErrorKind::ArgumentConflict, Some(ContextValue::String(word))) =
        (e.kind(), e.get(ContextKind::InvalidSubcommand))
    {
        let known = is_subcommand(word);
        let message = if known {
            format!(
                "the subcommand '{word}' comes first and takes the corpus with --corpus: \
                 dossier {word} --corpus PATH"
            )
        } else {
            format!(
                "unexpected argument '{word}': dossier opens one corpus, a folder, a .txt file \
                 or a .jsonl file (quote a path with spaces)"
            )
        };
        let _ = Cli::command()
            .error(ErrorKind::UnknownArgument, message)
            .print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        && !io::stdout().is_terminal()
    {
        // Written as any output is: clap's own print drops a write error
        // (`dossier --help > /dev/full` said nothing and exited 0).
        let written = {
            let mut out = io::stdout().lock();
            out.write_all(e.render().to_string().as_bytes())
                .and_then(|()| out.flush())
        };
        return match finish(written) {
            Ok(code) => code,
            Err(e) => {
                say!("dossier: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let _ = e.print();
    if e.kind() == ErrorKind::UnknownArgument {
        if let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) {
            let sub = std::env::args().skip(1).find(|a| is_subcommand(a));
            if let Some(sub) = sub.filter(|_| {
                // (`-` is stdin; other words with a dash are options.)
                arg == "-" || std::path::Path::new(arg).exists() && !arg.starts_with('-')
            }) {
                say!(
                    "\ntip: a subcommand reads a corpus given with --corpus: dossier {sub} --corpus {arg}"
                );
            }
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Whether `word` names one of dossier's subcommands.
fn is_subcommand(word: &str) -> bool {
    Cli::command()
        .get_subcommands()
        .any(|c| c.get_name() == word)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(Command::Config {
        print_default,
        path,
        config,
    }) = &cli.command
    {
        return config_command(config.as_deref(), *print_default, *path);
    }
    match &cli.command {
        Some(Command::Completions { shell }) => {
            // Generated into memory first: clap_complete panics on a
            // failed write (a full disk, a closed pipe), where dossier
            // says one line.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "dossier", &mut script);
            let mut out = io::stdout().lock();
            return finish(out.write_all(&script).and_then(|()| out.flush()));
        }
        Some(Command::Man { command, dir }) => {
            return man_command(command.as_deref(), dir.as_deref());
        }
        _ => {}
    }
    let sub = cli
        .command
        .as_ref()
        .map(Command::source)
        .unwrap_or_default();
    let corpora = [
        cli.path.clone(),
        cli.source.corpus.clone(),
        sub.corpus.clone(),
    ];
    if corpora.iter().flatten().count() > 1 {
        // `dossier --corpus big.jsonl list` reads `list` as PATH.
        let misplaced = cli
            .path
            .as_deref()
            .filter(|p| !p.exists())
            .and_then(|p| p.to_str())
            .filter(|name| is_subcommand(name));
        match misplaced {
            Some(name) => say!(
                "dossier: to run `dossier {name}`, put the options after it: dossier {name} [OPTIONS]"
            ),
            None => say!("dossier: give the corpus once, either as PATH or with --corpus"),
        }
        return Ok(ExitCode::from(EXIT_INPUT));
    }
    let mut path = corpora.into_iter().flatten().next();
    // `-` is the corpus piped in, as JSONL.
    if path.as_deref() == Some(Path::new("-")) {
        if io::stdin().is_terminal() {
            say!(
                "dossier: - reads the corpus as JSONL from a pipe, and stdin is the terminal here; pipe it in, e.g. zcat feed.jsonl.gz | dossier -"
            );
            return Ok(ExitCode::from(EXIT_INPUT));
        }
        path = Some(PathBuf::from("/dev/stdin"));
    }
    let gazetteer = sub.gazetteer.or(cli.source.gazetteer);
    let finding = Finding {
        no_discover: sub.finding.no_discover || cli.source.finding.no_discover,
        no_builtin_actors: sub.finding.no_builtin_actors || cli.source.finding.no_builtin_actors,
    };
    let how = match extraction(gazetteer.as_deref(), finding) {
        Ok(g) => g,
        Err(msg) => {
            say!("dossier: {msg}");
            return Ok(ExitCode::from(EXIT_INPUT));
        }
    };
    // Everything the user typed is checked before the terminal is touched.
    if let Some(p) = &path {
        if let Err(e) = Corpus::check(p) {
            say!("dossier: {e}");
            // `dossier --config F config` reads `config` as the corpus:
            // options go after the subcommand.
            let name = p.to_string_lossy();
            let cmd = Cli::command();
            let subs: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            if subs.contains(&name.as_ref()) {
                say!(
                    "dossier: to run `dossier {name}`, put the options after it: dossier {name} [OPTIONS]"
                );
            } else if !p.exists() {
                // `dossier lst`: a command mistyped, not a missing corpus.
                if let Some(near) = subs.iter().find(|c| strsim::osa_distance(c, &name) == 1) {
                    say!("dossier: did you mean `dossier {near}`?");
                } else if name.len() <= 12 && name.bytes().all(|b| b.is_ascii_lowercase()) {
                    // `dossier stats`: one short lower-case word reads as
                    // a command the user hoped for, not a folder.
                    say!(
                        "dossier: `{}` is not a command either; `dossier --help` lists them",
                        text::safe_line(&name)
                    );
                }
            }
            return Ok(ExitCode::from(EXIT_INPUT));
        }
    }
    // A query asking for what does not exist (k:wizard, is:later) is
    // refused before a large corpus is loaded: a script would otherwise
    // take its empty answer for "nothing matches".
    // Parsed once: what is checked here is what runs after loading.
    let mut parsed = match &cli.command {
        Some(Command::Filter { query, .. }) => Some(Query::parse(query)),
        Some(Command::Export { query, .. }) => query.as_deref().map(Query::parse),
        _ => None,
    };
    if let Some(q) = parsed.as_ref().filter(|q| !q.errors().is_empty()) {
        for e in q.errors() {
            say!("dossier: {}", text::safe_line(e));
        }
        return Ok(ExitCode::from(EXIT_INPUT));
    }
    // An export's options are checked before a large corpus is loaded.
    let plan = match &cli.command {
        Some(Command::Export {
            format,
            what,
            actor,
            output,
            ..
        }) => match export_plan(
            format.as_deref(),
            what.as_deref(),
            actor.is_some(),
            output,
            path.as_deref(),
        ) {
            Ok(plan) => {
                if let Some(warning) = extension_disagrees(plan.1, output.as_deref()) {
                    say!("dossier: warning: {warning}");
                }
                Some(plan)
            }
            Err(msg) => {
                say!("dossier: {msg}");
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        },
        _ => None,
    };
    let Some(command) = cli.command else {
        let config = match load_config(cli.config.as_deref()) {
            Ok(c) => c,
            Err(e) => {
                say!("dossier: {e}");
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        };
        {
            if !io::stdout().is_terminal() {
                say!(
                    "dossier: the browser needs a terminal to draw on; to print instead, use a subcommand such as `dossier list` (see dossier --help)"
                );
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        }
        let start = match path {
            None => {
                let t = std::time::Instant::now();
                let lib = Library::build(Corpus::seeds(), &how);
                tracing::info!(
                    articles = lib.corpus.len(),
                    actors = lib.actors.len(),
                    ms = t.elapsed().as_millis() as u64,
                    "loaded the seed articles"
                );
                Start::Ready(Box::new(lib))
            }
            Some(path) => Start::Load { path, how },
        };
        return Ok(match crate::term::run(start, config, !cli.no_mouse)? {
            crate::term::Ended::Quit => ExitCode::SUCCESS,
            // The conventional status of a process ended by a signal.
            crate::term::Ended::Signal(sig) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
            crate::term::Ended::NothingLoaded(why) => {
                say!("dossier: {why}");
                ExitCode::from(EXIT_INPUT)
            }
        });
    };
    let started = std::time::Instant::now();
    tracing::info!(corpus = ?path, "loading");
    let lib = match &path {
        None => Library::build(Corpus::seeds(), &how),
        Some(p) => match crate::loader::load_for_cli(p, &how) {
            Ok(lib) => lib,
            Err(e) => {
                say!("dossier: {e}");
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        },
    };
    tracing::info!(
        articles = lib.corpus.len(),
        actors = lib.actors.len(),
        warnings = lib.corpus.warnings.len(),
        ms = started.elapsed().as_millis() as u64,
        "loaded"
    );
    report_warnings(&lib, sub.all_warnings || cli.source.all_warnings);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match command {
        Command::List { json, .. } => {
            let rows = report::articles(&lib);
            print(
                &mut out,
                json,
                &rows,
                &["ID", "ACTORS", "BYLINE/SOURCE", "TITLE"],
                report::article_table,
            )
        }
        Command::Actors { json, .. } => {
            let rows = report::actors(&lib);
            print(
                &mut out,
                json,
                &rows,
                &["NAME", "KIND", "MENTIONS", "ARTICLES", "SPELLINGS"],
                report::actor_table,
            )
        }
        Command::Mentions {
            actor,
            json,
            kwic,
            width,
            sort,
            ..
        } => {
            let id = match actor.as_deref() {
                None => None,
                Some(name) => match find_actor(&lib, name) {
                    Some(id) => Some(id),
                    None => return Ok(ExitCode::from(EXIT_INPUT)),
                },
            };
            match (kwic, id) {
                (true, Some(id)) => {
                    let by = [KwicSort::Article, KwicSort::Left, KwicSort::Right]
                        .into_iter()
                        .find(|s| s.name() == sort)
                        .unwrap_or_default();
                    report::write_kwic(&mut out, &lib, id, by, usize::from(width))
                }
                _ => {
                    let rows = report::mentions(&lib, id);
                    print(
                        &mut out,
                        json,
                        &rows,
                        &["ACTOR", "ARTICLE", "BYTES", "TEXT", "CONTEXT"],
                        report::mention_table,
                    )
                }
            }
        }
        Command::Related { actor, json, .. } => {
            let Some(id) = find_actor(&lib, &actor) else {
                return Ok(ExitCode::from(EXIT_INPUT));
            };
            let rows = report::related(&lib, id);
            print(
                &mut out,
                json,
                &rows,
                &[
                    "SCOPE", "ACTOR", "KIND", "TOGETHER", "EXPECTED", "×CHANCE", "G2",
                ],
                report::related_table,
            )
        }
        Command::Timeline { json, .. } => {
            let rows = report::timeline(&lib);
            print(
                &mut out,
                json,
                &rows,
                &["DATE", "SOURCES", "ACTORS", "ARTICLE", "SENTENCE"],
                report::timeline_table,
            )
        }
        Command::Briefing {
            events, speakers, ..
        } => out.write_all(report::briefing(&lib, events, speakers).as_bytes()),
        Command::Quotes { actor, json, .. } => {
            let Some(id) = find_actor(&lib, &actor) else {
                return Ok(ExitCode::from(EXIT_INPUT));
            };
            let rows = report::quotes(&lib, id);
            if rows.is_empty() {
                // Said on stderr: stdout stays a table (or JSON) to read.
                let a = lib.actors.get(id);
                say!(
                    "dossier: no statement is attributed to {} ({} mentions); statements need a verb of saying (said, told, added...) with the name, a title or \"he\"/\"she\" next to it",
                    dossier::text::safe_line(a.name),
                    a.mentions
                );
            }
            print(
                &mut out,
                json,
                &rows,
                &["ARTICLE", "DATE", "SPEECH", "STATEMENT"],
                report::quote_table,
            )
        }
        // Answered before any corpus was read.
        Command::Config { .. } => Ok(()),
        Command::Filter { actors, json, .. } => {
            let Some(query) = parsed.take() else {
                unreachable!("a filter's query is parsed before loading")
            };
            for p in &query.problems {
                say!("warning: {}", dossier::text::safe_line(p));
            }
            let lib = Arc::new(lib);
            let marked = query.uses_marks().then(|| saved_marks(&lib));
            let mut engine = Engine::new();
            let hits = engine
                .search_marked(&lib, &query, marked.as_ref(), &|| false)
                .expect("an uncancellable search completes");
            if actors {
                let rows = report::filtered_actors(&lib, &hits);
                print(
                    &mut out,
                    json,
                    &rows,
                    &["NAME", "KIND", "MENTIONS", "ARTICLES"],
                    report::filtered_actor_table,
                )
            } else {
                let explained = engine.explain(&lib, &query, &hits);
                let rows = report::matches(&lib, &explained);
                print(
                    &mut out,
                    json,
                    &rows,
                    &["ID", "SCORE", "FIELDS", "WORDS", "TITLE"],
                    report::match_table,
                )
            }
        }
        Command::Export { actor, output, .. } => {
            let Some((what, format)) = plan else {
                unreachable!("an export's plan is made before loading")
            };
            return run_export(
                &mut out,
                lib,
                (what, format),
                parsed.take(),
                actor.as_deref(),
                output.as_deref(),
            );
        }
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
    };
    finish(result.and_then(|()| out.flush()))
}

/// The exit code for a command's output, once written.
fn finish(written: io::Result<()>) -> anyhow::Result<ExitCode> {
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`dossier list | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => {
            let what = what_to_do(&e, "check where stdout goes");
            Err(anyhow::anyhow!("cannot write to stdout: {e}; {what}"))
        }
    }
}

/// What to do when a write failed with `e`: free space when the disk is
/// full, else `otherwise`.
fn what_to_do(e: &io::Error, otherwise: &'static str) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "free some space",
        _ => otherwise,
    }
}

/// `dossier man`: prints the main page or `command`'s, or writes them all
/// into `dir`.
fn man_command(command: Option<&str>, dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    // `help` is clap's, not dossier's: no page names it.
    let mut cli = Cli::command().disable_help_subcommand(true);
    if let Some(dir) = dir {
        let written =
            std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cli.clone(), dir));
        if let Err(e) = written {
            say!(
                "dossier: cannot write the man pages into {}: {}",
                dir.display(),
                dossier::text::safe_line(&e.to_string())
            );
            return Ok(ExitCode::from(EXIT_INPUT));
        }
        let pages = 1 + cli.get_subcommands().count();
        say!(
            "dossier: wrote {pages} man pages into {} (for `man dossier` to find them, \
             write them into a man1 folder it searches, such as ~/.local/share/man/man1)",
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                say!(
                    "dossier: no command {}; the commands with a page are {}",
                    dossier::text::safe_line(name),
                    names.join(", ")
                );
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        },
    };
    let mut out = io::stdout().lock();
    finish(
        clap_mangen::Man::new(page)
            .render(&mut out)
            .and_then(|()| out.flush()),
    )
}

/// The user's config (from `file`, or the default place), with colours
/// off when `NO_COLOR` asks.
fn load_config(file: Option<&std::path::Path>) -> Result<Config, ConfigError> {
    let (mut config, _) = Config::load(file)?;
    if config::no_color(std::env::var_os("NO_COLOR").as_deref()) {
        config.settings.palette = Palette::MONO;
    }
    Ok(config)
}

/// `dossier config`: checks the config file and says which was read, or
/// prints its path or the default config.
fn config_command(
    file: Option<&std::path::Path>,
    print_default: bool,
    path: bool,
) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    if print_default {
        out.write_all(config::DEFAULT_TOML.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = file
        .map(std::path::Path::to_path_buf)
        .or_else(config::default_path);
    if path {
        match &wanted {
            Some(p) => writeln!(out, "{}", p.display())?,
            None => {
                say!("dossier: this system has no home folder for a config; use --config FILE");
                return Ok(ExitCode::from(EXIT_INPUT));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    match Config::load(file) {
        Ok((_, Some(p))) => writeln!(out, "{}: ok", p.display())?,
        Ok((_, None)) => writeln!(
            out,
            "no config file{}: the defaults apply",
            wanted
                .map(|p| format!(" at {}", p.display()))
                .unwrap_or_default()
        )?,
        Err(e) => {
            say!("dossier: {e}");
            return Ok(ExitCode::from(EXIT_INPUT));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What to say when --format and the extension of --output name different
/// formats (`-f json -o x.csv`): the format given wins, and the file's
/// name would mislead whatever opens it.
fn extension_disagrees(format: Format, output: Option<&std::path::Path>) -> Option<String> {
    let p = output.filter(|p| p.as_os_str() != "-")?;
    let named = Format::from_name(&p.extension()?.to_string_lossy())?;
    (named != format).then(|| {
        format!(
            "writing {} into {}, whose name says {}; rename it or drop --format",
            format.name(),
            text::safe_line(&p.display().to_string()),
            named.name()
        )
    })
}

/// What to export and how, from the options, or what is wrong with them.
fn export_plan(
    format: Option<&str>,
    what: Option<&str>,
    actor: bool,
    output: &Option<PathBuf>,
    corpus: Option<&std::path::Path>,
) -> Result<(What, Format), String> {
    let output = output.as_deref().filter(|p| p.as_os_str() != "-");
    let format = match format {
        Some(f) => Format::from_name(f),
        None => output
            .and_then(|p| p.extension())
            .and_then(|e| Format::from_name(&e.to_string_lossy())),
    };
    let what = match what {
        Some(w) => What::ALL
            .into_iter()
            .find(|x| x.name() == w)
            .unwrap_or(What::Articles),
        None if actor => What::Mentions,
        None => What::Articles,
    };
    if what.of_one_actor() && !actor {
        return Err(format!(
            "--what {0} needs --actor NAME: whose {0}?",
            what.name()
        ));
    }
    if what == What::Actors && actor {
        return Err(
            "--actor applies to --what articles, mentions, timeline or statements; for the actors named with one, see `dossier related`"
                .into(),
        );
    }
    // A descriptor (/dev/stdout, /dev/fd/3) is open already: the shell
    // made it, and nothing is created in its folder.
    if let Some(p) = output.filter(|p| export::descriptor(p).is_none()) {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(d) = dir.filter(|d| !d.is_dir()) {
            // helper-32: "not a folder" read oddly of a folder not there.
            let what = if d.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            return Err(format!(
                "cannot write {}: {} {what}; create it or choose another --output",
                text::safe_line(&p.display().to_string()),
                text::safe_line(&d.display().to_string())
            ));
        }
        if p.is_dir() {
            return Err(format!(
                "cannot write {}: it is a folder; give a file name with --output",
                text::safe_line(&p.display().to_string())
            ));
        }
        if let Some(c) = corpus.filter(|c| export::overwrites_corpus(p, c)) {
            return Err(format!(
                "cannot write {}: it would overwrite the corpus {} (or an article in it); choose another --output",
                text::safe_line(&p.display().to_string()),
                text::safe_line(&c.display().to_string())
            ));
        }
        // What the write would meet after a long load, found before it: a
        // read-only file, or a folder that takes no new file (tried with a
        // probe file, removed at once).
        let shown = || text::safe_line(&p.display().to_string()).into_owned();
        if std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly()) {
            return Err(format!(
                "cannot write {}: the file is read-only; make it writable or choose another --output",
                shown()
            ));
        }
        if let Err(e) = tempfile::Builder::new()
            .prefix(".dossier-probe.")
            .tempfile_in(dir.unwrap_or(std::path::Path::new(".")))
        {
            return Err(format!(
                "cannot write {}: {} in its folder; choose another --output",
                shown(),
                e.kind()
            ));
        }
    }
    // (Asked last: a folder given as --output has no extension either, and
    // is the mistake to name.)
    let Some(format) = format else {
        return Err(
            "say how to write the export: --format json, csv or md (or an --output file ending in one of those)"
                .into(),
        );
    };
    Ok((what, format))
}

/// Runs `dossier export` over the loaded library.
fn run_export(
    out: &mut impl Write,
    lib: Library,
    (what, format): (What, Format),
    query: Option<Query>,
    actor: Option<&str>,
    output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let lib = Arc::new(lib);
    // Articles are written with the reader's bookmarks and notes.
    let marks = (what == What::Articles)
        .then(|| saved_marks_file(&lib).ok())
        .flatten();
    let hits = query.as_ref().map(|query| {
        for p in &query.problems {
            say!("warning: {}", text::safe_line(p));
        }
        // is: terms read the marks the TUI saved, as `filter` does.
        let marked = query.uses_marks().then(|| {
            marks
                .as_ref()
                .map(|m| m.marked(&lib.corpus))
                .unwrap_or_else(|| saved_marks(&lib))
        });
        Engine::new()
            .search_marked(&lib, query, marked.as_ref(), &|| false)
            .expect("an uncancellable search completes")
    });
    let actor = match actor {
        None => None,
        Some(name) => match find_actor(&lib, name) {
            Some(id) => Some(id),
            None => return Ok(ExitCode::from(EXIT_INPUT)),
        },
    };
    let selection = match (what, actor) {
        (What::Articles, naming) => Selection::articles(&lib, hits.as_ref(), naming),
        (What::Actors, _) => Selection::actors(&lib, hits.as_ref()),
        (What::Mentions, Some(a)) => Selection::mentions(a, hits.as_ref()),
        (What::Timeline, naming) => Selection::timeline(naming, hits.as_ref()),
        (What::Statements, Some(a)) => Selection::statements(a, hits.as_ref()),
        (What::Mentions | What::Statements, None) => unreachable!("the plan asks for an actor"),
    };
    let mut scope = Vec::new();
    if let Some(q) = &query {
        scope.push(format!("matching \"{}\"", q.raw));
    }
    if let (What::Articles, Some(a)) = (what, actor) {
        scope.push(format!("naming {}", lib.actors.get(a).name));
    }
    let scope = (!scope.is_empty()).then(|| scope.join(", "));
    // An empty export is still written (a script asked for the file), but
    // a person should not take it for a slow one.
    if selection.is_empty(&lib) {
        say!(
            "dossier: nothing to export{}; the output holds no rows",
            scope
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default()
        );
    }
    let started = std::time::Instant::now();
    let marks = marks.unwrap_or_default();
    // `-o /dev/stdout` (or /dev/fd/1) is this process's stdout: written
    // as stdout is, so a `>> log` keeps what log held and a closed pipe is
    // no error. Opened again by name it would be truncated, or renamed
    // over.
    let fd = output.and_then(export::descriptor).map(|(_, fd)| fd);
    match output.filter(|p| p.as_os_str() != "-" && fd != Some(1) && fd != Some(2)) {
        None if fd == Some(2) => {
            let mut err = io::BufWriter::new(io::stderr().lock());
            finish(
                export::write(&mut err, &lib, &selection, format, scope.as_deref(), &marks)
                    .and_then(|_| err.flush()),
            )
        }
        None => finish(
            export::write(out, &lib, &selection, format, scope.as_deref(), &marks)
                .and_then(|_| out.flush()),
        ),
        Some(path) => {
            // A file there is replaced, as `>` would, and said so: the
            // user named it, but may not have known it was there.
            let there = std::fs::metadata(path).ok().filter(|m| m.is_file());
            match export::write_file(path, |w| {
                export::write(w, &lib, &selection, format, scope.as_deref(), &marks)
            }) {
                Ok(n) => {
                    tracing::info!(
                        path = %path.display(),
                        records = n,
                        ms = started.elapsed().as_millis() as u64,
                        "exported"
                    );
                    if let Some(m) = there {
                        say!(
                            "dossier: {} replaced (it held {} bytes)",
                            text::safe_line(&path.display().to_string()),
                            m.len()
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    tracing::warn!("{e}");
                    let closed = matches!(e.source.kind(), io::ErrorKind::NotFound)
                        || e.source.raw_os_error() == Some(libc::EBADF);
                    let what = match fd {
                        Some(fd) if closed => format!(
                            "descriptor {fd} is not open here: open it in the shell (as in `{fd}> FILE`)"
                        ),
                        _ => what_to_do(&e.source, "check that the folder is writable").to_owned(),
                    };
                    say!("dossier: {e}; {what}, or leave out --output to write to stdout");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

/// Prints rows as JSON, or as a table under `header` with `table` making
/// the cells.
fn print<T: serde::Serialize>(
    out: &mut impl Write,
    json: bool,
    rows: &[T],
    header: &[&str],
    table: fn(&[T]) -> Vec<Vec<String>>,
) -> io::Result<()> {
    if json {
        report::write_json(out, rows)
    } else {
        report::write_table(out, header, &table(rows))
    }
}

/// How to find actors: the built-in gazetteer (unless left out) with the
/// user's laid over it, and discovery (unless turned off); or says in one
/// line what is wrong with the user's gazetteer.
fn extraction(file: Option<&std::path::Path>, finding: Finding) -> Result<Extraction, String> {
    let mut gaz = if finding.no_builtin_actors {
        Gazetteer::default()
    } else {
        Gazetteer::builtin()
    };
    if let Some(f) = file {
        gaz = gaz.overlay(Gazetteer::load(f).map_err(|e| e.to_string())?);
    }
    Ok(Extraction {
        gazetteer: gaz,
        discover: !finding.no_discover,
    })
}

/// The marks the TUI saved for this corpus, for `is:` terms; problems
/// reading them go to stderr and leave no marks.
fn saved_marks(lib: &Library) -> dossier::search::Marked {
    match saved_marks_file(lib) {
        Ok(marks) => marks.marked(&lib.corpus),
        Err(why) => {
            say!("warning: {why}: is: terms see no marks");
            dossier::search::Marked::none(lib.corpus.len())
        }
    }
}

/// The marks the TUI saved for this corpus, or why there are none (no
/// data folder, a corpus read from a pipe); problems reading the file go
/// to stderr and leave no marks.
fn saved_marks_file(lib: &Library) -> Result<dossier::state::Marks, &'static str> {
    if lib.corpus.origin.is_piped() {
        return Err(dossier::state::PIPED);
    }
    let dir = dossier::paths::data_dir().ok_or(dossier::state::NO_DATA_DIR)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    let loaded = dossier::state::Store::for_corpus(&dir, &lib.corpus.origin).load(now);
    for w in &loaded.warnings {
        say!("warning: {}", dossier::text::safe_line(w));
    }
    Ok(loaded.marks)
}

/// Load warnings printed before the rest are only counted, unless every
/// one is asked for: a file with a bad line in every one of its 100,000
/// would otherwise bury the output under them.
const WARNINGS_SHOWN: usize = 20;

/// Prints load warnings (the first [`WARNINGS_SHOWN`] unless `all`) and a
/// summary line to stderr.
fn report_warnings(lib: &Library, all: bool) {
    let warnings = &lib.corpus.warnings;
    if warnings.is_empty() {
        return;
    }
    let mut err = io::stderr().lock();
    let shown = if all {
        warnings.len()
    } else {
        WARNINGS_SHOWN.min(warnings.len())
    };
    for w in &warnings[..shown] {
        let _ = writeln!(err, "warning: {w}");
    }
    if shown < warnings.len() {
        let _ = writeln!(
            err,
            "warning: and {} (--all-warnings prints every one)",
            dossier::text::count(warnings.len() - shown, "more warning", "more warnings")
        );
    }
    let _ = writeln!(
        err,
        "dossier: {} loaded from {}, {}",
        dossier::text::count(lib.corpus.len(), "article", "articles"),
        lib.corpus.origin,
        dossier::text::count(warnings.len(), "warning", "warnings")
    );
}

/// The names of `ids`, as given (most named first), and not a screenful of
/// them.
fn names_of(lib: &Library, ids: &[ActorId]) -> String {
    const SHOWN: usize = 8;
    let mut names: Vec<String> = ids
        .iter()
        .take(SHOWN)
        .map(|&i| lib.actors.get(i).name.to_owned())
        .collect();
    if ids.len() > SHOWN {
        names.push(format!("and {} more", ids.len() - SHOWN));
    }
    dossier::text::safe_line(&names.join(", ")).into_owned()
}

/// The actor a user means by `name`, or `None` after saying on stderr why
/// there is none.
fn find_actor(lib: &Library, name: &str) -> Option<ActorId> {
    match lib.actors.lookup(name) {
        Lookup::Found(id) => Some(id),
        Lookup::Closest(id) => {
            // No actor has that name: say which one is meant, so a wrong
            // guess shows.
            say!(
                "dossier: no actor is called {:?}; taking the closest, {}",
                dossier::text::safe_line(name),
                dossier::text::safe_line(lib.actors.get(id).name)
            );
            Some(id)
        }
        Lookup::NotFound => {
            say!(
                "dossier: no actor matches {:?}; `dossier actors` lists them",
                dossier::text::safe_line(name)
            );
            None
        }
        Lookup::Likely { id, others } => {
            say!(
                "dossier: {:?} is the name of {}; taking the most named, {} (for the others, give more of the name: {})",
                dossier::text::safe_line(name),
                text::count(others.len() + 1, "actor", "actors"),
                dossier::text::safe_line(lib.actors.get(id).name),
                names_of(lib, &others)
            );
            Some(id)
        }
        Lookup::Ambiguous(ids) => {
            say!(
                "dossier: {:?} could be any of: {}; give more of the name",
                dossier::text::safe_line(name),
                names_of(lib, &ids)
            );
            None
        }
    }
}
