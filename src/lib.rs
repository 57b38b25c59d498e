//! dossier: a terminal browser for news corpora.
//!
//! The library is everything but the terminal: [`corpus`] loads articles,
//! [`actors`] finds who they name, [`search`] filters them, [`app`] is the
//! pure state machine the terminal UI drives, and [`ui`] draws that state.
//! The binary (`src/main.rs`) only parses the command line, owns the terminal
//! and runs the event loop.


pub mod corpus;
pub mod text;
pub mod actors;
