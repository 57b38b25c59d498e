//! A set of articles as a bitset: 100,000 articles fit in 12.5 KB, and the
//! query's AND, OR and NOT are a pass over machine words.

use crate::corpus::DocId;

/// A set of article ids below a fixed universe size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSet {
    bits: Vec<u64>,
    universe: usize,
}

impl DocSet {
    /// The empty set over `universe` articles.
    pub fn empty(universe: usize) -> DocSet {
        DocSet {
            bits: vec![0; universe.div_ceil(64)],
            universe,
        }
    }

    /// Every article.
    pub fn full(universe: usize) -> DocSet {
        let mut s = DocSet {
            bits: vec![u64::MAX; universe.div_ceil(64)],
            universe,
        };
        s.trim();
        s
    }

    /// Clears the bits past the universe.
    fn trim(&mut self) {
        let rem = self.universe % 64;
        if rem != 0 {
            if let Some(last) = self.bits.last_mut() {
                *last &= (1u64 << rem) - 1;
            }
        }
    }

    /// How many articles the set is over.
    pub fn universe(&self) -> usize {
        self.universe
    }

    /// Adds an article.
    pub fn insert(&mut self, d: u32) {
        let i = d as usize;
        if i < self.universe {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    /// Removes an article.
    pub fn remove(&mut self, d: u32) {
        let i = d as usize;
        if i < self.universe {
            self.bits[i / 64] &= !(1 << (i % 64));
        }
    }

    /// Whether the article is in the set.
    pub fn contains(&self, d: u32) -> bool {
        let i = d as usize;
        i < self.universe && self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Keeps only articles also in `other`.
    pub fn and(&mut self, other: &DocSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= b;
        }
    }

    /// Adds every article of `other`.
    pub fn or(&mut self, other: &DocSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a |= b;
        }
    }

    /// Removes every article of `other`.
    pub fn and_not(&mut self, other: &DocSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= !b;
        }
    }

    /// Every article not in the set.
    pub fn complement(&self) -> DocSet {
        let mut s = DocSet {
            bits: self.bits.iter().map(|w| !w).collect(),
            universe: self.universe,
        };
        s.trim();
        s
    }

    /// The set as machine words: bit `i % 64` of word `i / 64` is article
    /// `i`. For passes that handle 64 articles at a time.
    pub fn blocks(&self) -> &[u64] {
        &self.bits
    }

    /// Number of articles in the set.
    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&w| w == 0)
    }

    /// The articles in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros();
                w &= w - 1;
                Some(DocId((i * 64) as u32 + t))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_algebra() {
        let mut a = DocSet::empty(130);
        for d in [0, 5, 64, 129] {
            a.insert(d);
        }
        let mut b = DocSet::empty(130);
        for d in [5, 64, 100] {
            b.insert(d);
        }
        let mut and = a.clone();
        and.and(&b);
        assert_eq!(and.iter().map(|d| d.0).collect::<Vec<_>>(), [5, 64]);
        let mut or = a.clone();
        or.or(&b);
        assert_eq!(or.len(), 5);
        let mut diff = a.clone();
        diff.and_not(&b);
        assert_eq!(diff.iter().map(|d| d.0).collect::<Vec<_>>(), [0, 129]);
        assert_eq!(a.complement().len(), 126);
        assert_eq!(DocSet::full(130).len(), 130);
        assert!(!a.contains(200));
        let mut fewer = a.clone();
        fewer.remove(64);
        fewer.remove(64);
        fewer.remove(500);
        assert_eq!(fewer.iter().map(|d| d.0).collect::<Vec<_>>(), [0, 5, 129]);
    }
}
