//! Rows of numbers, and strings, laid end to end.
//!
//! A table with hundreds of thousands of short rows (the articles naming
//! each actor, the actors each dated event names) costs an allocation per
//! row as a `Vec` each, and the allocator's slack with it. [`Csr`] keeps
//! every row in one vector and where each starts in another; [`Texts`]
//! does the same for strings (the names of every actor).

/// Rows of items laid end to end: row `r` is
/// `items[start[r]..start[r + 1]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csr<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Csr<T> {
    fn default() -> Self {
        Csr {
            start: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Csr<T> {
    /// No rows, with room for `rows` rows of `items` items in all.
    pub fn with_capacity(rows: usize, items: usize) -> Csr<T> {
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        Csr {
            start,
            items: Vec::with_capacity(items),
        }
    }

    /// Groups `(row, item)` pairs into `rows` rows, keeping the order of
    /// items within a row.
    pub fn group<I: Iterator<Item = (usize, T)> + Clone>(rows: usize, pairs: I) -> Csr<T>
    where
        T: Default,
    {
        let mut start = vec![0u32; rows + 1];
        for (r, _) in pairs.clone() {
            start[r + 1] += 1;
        }
        for r in 0..rows {
            start[r + 1] += start[r];
        }
        let mut items = vec![T::default(); start[rows] as usize];
        let mut fill = start.clone();
        for (r, item) in pairs {
            items[fill[r] as usize] = item;
            fill[r] += 1;
        }
        Csr { start, items }
    }

    /// Adds a row after the last.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = T>) {
        self.items.extend(row);
        self.start.push(self.items.len() as u32);
    }

    /// Adds the rows of `other` after the last.
    pub fn append(&mut self, other: &Csr<T>) {
        let base = self.items.len() as u32;
        self.items.extend_from_slice(&other.items);
        self.start
            .extend(other.start.iter().skip(1).map(|&s| base + s));
    }

    /// Keeps the rows `keep` says yes to (asked of each row's number, in
    /// order), in place.
    pub fn retain_rows(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let (mut rows, mut to) = (0, 0);
        let mut s = self.start[0] as usize;
        for r in 0..self.rows() {
            // Read before the row's new end is written: the write is at
            // or before `r + 1`.
            let e = self.start[r + 1] as usize;
            if keep(r) {
                self.items.copy_within(s..e, to);
                to += e - s;
                rows += 1;
                self.start[rows] = to as u32;
            }
            s = e;
        }
        self.items.truncate(to);
        self.start.truncate(rows + 1);
    }

    /// Gives back the room reserved beyond the items.
    pub fn shrink_to_fit(&mut self) {
        self.start.shrink_to_fit();
        self.items.shrink_to_fit();
    }

    /// Row `r` (empty past the last).
    pub fn row(&self, r: usize) -> &[T] {
        match (self.start.get(r), self.start.get(r + 1)) {
            (Some(&s), Some(&e)) => &self.items[s as usize..e as usize],
            _ => &[],
        }
    }

    /// How many rows.
    pub fn rows(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Bytes the rows hold room for.
    pub fn heap_bytes(&self) -> usize {
        self.start.capacity() * 4 + self.items.capacity() * std::mem::size_of::<T>()
    }

    /// How many items, in all rows.
    pub fn items(&self) -> usize {
        self.items.len()
    }
}

/// Strings laid end to end: string `i` is `text[start[i]..start[i + 1]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    start: Vec<u32>,
    text: String,
}

impl Default for Texts {
    fn default() -> Self {
        Texts::with_capacity(0, 0)
    }
}

impl Texts {
    /// No strings, with room for `count` strings of `bytes` bytes in all.
    pub fn with_capacity(count: usize, bytes: usize) -> Texts {
        let mut start = Vec::with_capacity(count + 1);
        start.push(0);
        Texts {
            start,
            text: String::with_capacity(bytes),
        }
    }

    /// Adds a string after the last; its number is the count before.
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.start.push(self.text.len() as u32);
    }

    /// String `i`. Panics past the last, as indexing a slice does.
    pub fn get(&self, i: usize) -> &str {
        &self.text[self.start[i] as usize..self.start[i + 1] as usize]
    }

    /// How many strings.
    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the strings hold room for.
    pub fn heap_bytes(&self) -> usize {
        self.start.capacity() * 4 + self.text.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_grouped_pushed_and_appended_read_back_in_order() {
        let grouped = Csr::group(3, [(2, 'c'), (0, 'a'), (2, 'd'), (0, 'b')].into_iter());
        assert_eq!(grouped.row(0), ['a', 'b']);
        assert_eq!(grouped.row(1), [] as [char; 0]);
        assert_eq!(grouped.row(2), ['c', 'd']);
        assert_eq!(grouped.row(3), [] as [char; 0]);

        let mut pushed = Csr::with_capacity(2, 3);
        pushed.push_row(['x']);
        pushed.push_row(['y', 'z']);
        let mut all = Csr::default();
        all.append(&grouped);
        all.append(&pushed);
        let rows: Vec<&[char]> = (0..all.rows()).map(|r| all.row(r)).collect();
        assert_eq!(
            rows,
            [&['a', 'b'][..], &[], &['c', 'd'], &['x'], &['y', 'z']]
        );
        assert_eq!(all.items(), 7);
    }

    proptest::proptest! {
        /// Rows kept in place read back as the same rows kept from a
        /// list of lists.
        #[test]
        fn retained_rows_are_the_rows_kept(
            rows in proptest::collection::vec(proptest::collection::vec(0u8..9, 0..4), 0..12),
            keep in proptest::collection::vec(proptest::bool::ANY, 12),
        ) {
            let mut csr = Csr::default();
            for r in &rows {
                csr.push_row(r.iter().copied());
            }
            csr.retain_rows(|r| keep[r]);
            let want: Vec<&Vec<u8>> = rows.iter().zip(&keep).filter(|p| *p.1).map(|p| p.0).collect();
            let got: Vec<&[u8]> = (0..csr.rows()).map(|r| csr.row(r)).collect();
            proptest::prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                proptest::prop_assert_eq!(*g, &w[..]);
            }
            proptest::prop_assert_eq!(csr.items(), want.iter().map(|w| w.len()).sum::<usize>());
        }
    }

    #[test]
    fn texts_read_back_in_order_empty_ones_included() {
        let mut t = Texts::default();
        assert!(t.is_empty());
        for s in ["Tony Blair", "", "Élysée"] {
            t.push(s);
        }
        assert_eq!(t.len(), 3);
        assert_eq!((t.get(0), t.get(1), t.get(2)), ("Tony Blair", "", "Élysée"));
    }
}
