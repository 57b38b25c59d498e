//! Search: the filter's query language and the engine that answers it.
//!
//! [`query`] parses what the user types; [`index`] is built once at load;
//! [`engine`] answers a query over the index, incrementally and
//! cancellably; [`matching`] is the one definition of what matches, shared
//! by the engine and [`highlight`], which marks matches in one article or
//! title. Nothing here knows about the terminal.

pub mod build;
pub mod docset;
pub mod engine;
pub mod fold;
pub mod highlight;
pub mod index;
pub mod matching;
pub mod query;

pub use engine::{ActorHit, Engine, Hits, Marked};
pub use index::SearchIndex;
pub use query::Query;
