//! A loaded corpus with everything computed from it: the unit the app, the
//! CLI, tests and benches share.

use crate::actors::{Actors, Gazetteer};
use crate::corpus::Corpus;
use crate::search::SearchIndex;

/// A corpus, its actors and its search index, immutable once built.
#[derive(Debug, Clone)]
pub struct Library {
    /// The articles.
    pub corpus: Corpus,
    /// Who the articles name, and where.
    pub actors: Actors,
    /// What the filter searches.
    pub index: SearchIndex,
}

impl Library {
    /// Finds the actors of `gazetteer` in `corpus` and indexes it.
    pub fn build(corpus: Corpus, gazetteer: &Gazetteer) -> Library {
        let actors = Actors::build(&corpus, gazetteer);
        let index = SearchIndex::build(&corpus, &actors);
        Library {
            corpus,
            actors,
            index,
        }
    }

    /// The seed corpus with the built-in gazetteer.
    pub fn seeds() -> Library {
        Library::build(Corpus::seeds(), &Gazetteer::builtin())
    }
}
