//! dossier: a terminal browser for news corpora.
//!
//! The library is everything but the terminal. Data flows one way:
//! [`corpus`] loads articles, [`actors`] finds who they name, [`library`]
//! holds both, [`report`] prints them for scripts, [`export`] writes them as
//! JSON, CSV or Markdown files, [`app`] is the pure state machine the
//! terminal UI drives, [`config`] reads the user's keys, colours and layout,
//! and [`ui`] draws that state. `corpus`, `actors`, `library`, `report`,
//! `export`, `config` and `app` never touch the terminal; only `ui` knows
//! ratatui. The binary (`src/main.rs`) parses the command line,
//! owns the terminal and runs the event loop.

pub mod actors;
pub mod app;
pub mod config;
pub mod corpus;
pub mod csr;
pub mod export;
pub mod library;
pub mod mem;
pub mod par;
pub mod paths;
pub mod phases;
pub mod queries;
pub mod report;
pub mod search;
pub mod state;
pub mod story;
pub mod text;
pub mod ui;
pub mod words;
