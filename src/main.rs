//! The `dossier` binary: parse the command line, then either print a report
//! or run the terminal UI.

mod cli;
mod exporting;
mod loader;
mod logs;
mod outside;
mod term;

fn main() -> std::process::ExitCode {
    cli::main()
}
