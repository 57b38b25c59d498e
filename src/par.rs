//! Work cut into one share per core.
//!
//! The build hands each core one contiguous share of the articles (or of
//! the actors), not many small tasks: each share fills tables of its own
//! that are merged afterwards, and a table per task would cost more to
//! merge than the balance is worth.

use std::ops::Range;

/// `0..n` cut into at most `parts` contiguous, non-empty ranges, in order,
/// all of one length but the last.
pub fn shares(n: usize, parts: usize) -> Vec<Range<usize>> {
    let per = n.div_ceil(parts.max(1)).max(1);
    (0..n.div_ceil(per))
        .map(|t| t * per..((t + 1) * per).min(n))
        .collect()
}

/// `0..n` cut into one share per core of the thread pool.
pub fn per_core(n: usize) -> Vec<Range<usize>> {
    shares(n, rayon::current_num_threads())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_cover_every_item_once_in_order() {
        for n in 0..40 {
            for parts in 0..6 {
                let s = shares(n, parts);
                assert!(s.len() <= parts.max(1), "{n} in {parts}: {s:?}");
                assert!(s.iter().all(|r| !r.is_empty()), "{n} in {parts}: {s:?}");
                let items: Vec<usize> = s.into_iter().flatten().collect();
                assert_eq!(items, (0..n).collect::<Vec<_>>());
            }
        }
    }
}
