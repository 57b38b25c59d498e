//! The five seed articles, compiled into the binary so that `dossier` with no
//! argument works from any directory with no file access.

use std::sync::Arc;

use super::{Article, Corpus, Meta, Origin};

/// File name and text of each seed, in the order the folder lists them.
const SEEDS: [(&str, &str); 5] = [
    seed!("000_2e5d647943e40601.txt"),
    seed!("001_4848f0c9aefd9c35.txt"),
    seed!("002_e6a837ad838336d6.txt"),
    seed!("003_6bdba29c856ada4f.txt"),
    seed!("004_49fb63314729b025.txt"),
];

macro_rules! seed {
    ($name:literal) => {
        ($name, include_str!(concat!("../../seeds/", $name)))
    };
}
use seed;

/// The seeds as a corpus; ids are the seed file names, as when the `seeds/`
/// folder is opened from disk.
pub(super) fn load() -> Corpus {
    let articles = SEEDS
        .iter()
        .map(|(name, text)| {
            Arc::new(Article::from_text(
                (*name).to_owned(),
                (*text).to_owned(),
                Meta::default(),
                None,
            ))
        })
        .collect();
    Corpus {
        origin: Origin::Seeds,
        articles,
        warnings: Vec::new(),
    }
}
