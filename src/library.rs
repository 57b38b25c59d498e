//! A loaded corpus with everything computed from it: the unit the app, the
//! CLI, tests and benches share.

use crate::actors::{Actors, Gazetteer};
use crate::corpus::Corpus;

/// A corpus and its actors, immutable once built.
#[derive(Debug, Clone)]
pub struct Library {
    /// The articles.
    pub corpus: Corpus,
    /// Who the articles name, and where.
    pub actors: Actors,
}

impl Library {
    /// Finds the actors of `gazetteer` in `corpus`.
    pub fn build(corpus: Corpus, gazetteer: &Gazetteer) -> Library {
        let actors = Actors::build(&corpus, gazetteer);
        Library { corpus, actors }
    }

    /// The seed corpus with the built-in gazetteer.
    pub fn seeds() -> Library {
        Library::build(Corpus::seeds(), &Gazetteer::builtin())
    }
}
