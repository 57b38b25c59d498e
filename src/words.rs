//! Words: the unit titles, names and bodies are matched by. A word is a
//! maximal run of letters, digits and combining marks; everything else
//! separates words, so "Taliban's" holds "Taliban" and "s", and "ISIS-K"
//! holds "ISIS" and "K".
//!
//! Tokenizing is the inner loop of indexing (40 million words for 100,000
//! articles), so [`words`] avoids a branch per byte: it classifies 64 bytes
//! at a time into a bitmask and finds word starts and ends with shifts.
//! Bytes of multi-byte chars count as word bytes in the mask; a run holding
//! any is then split by the Unicode rules, which is rare in English news.

/// Whether `c` belongs inside a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Combining marks, which carry diacritics in decomposed text.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// 1 for bytes that may be part of a word: ASCII letters and digits, and
/// every byte of a multi-byte char. (The same test [`masks8`] computes
/// eight bytes at a time.)
static WORDISH: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = (b.is_ascii_alphanumeric() || b >= 0x80) as u8;
        i += 1;
    }
    t
};

/// The words of `text` with their byte offsets, in order.
pub fn words(text: &str) -> Words<'_> {
    let mut w = Words {
        text,
        block: 0,
        starts: 0,
        ends: 0,
        carry: 0,
        hi: 0,
        open: None,
        open_hi: false,
        split: Vec::new(),
    };
    w.load(0);
    w
}

/// Iterator returned by [`words`].
pub struct Words<'a> {
    text: &'a str,
    /// Byte offset of the current 64-byte block.
    block: usize,
    /// Word starts still to visit in the block, as bits.
    starts: u64,
    /// Word ends (last byte) still to visit in the block, as bits.
    ends: u64,
    /// Whether the last byte of the previous block was a word byte.
    carry: u64,
    /// Bytes >= 0x80 in the block, as bits.
    hi: u64,
    /// Start of a run that began and has not ended yet.
    open: Option<usize>,
    /// Whether the open run has a byte >= 0x80 in blocks already left.
    open_hi: bool,
    /// Words of a non-ASCII run split by the Unicode rules, last first.
    split: Vec<(usize, &'a str)>,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes of `x7` (all below 0x80) within `lo..=hi`, as each byte's top bit.
#[inline]
fn in_range(x7: u64, lo: u8, hi: u8) -> u64 {
    let at_least = (x7 + ONES * u64::from(0x80 - lo)) & HIGH;
    let above = (x7 + ONES * u64::from(0x7f - hi)) & HIGH;
    at_least & !above
}

/// Packs the top bit of each of 8 bytes into 8 bits, byte 0 lowest.
#[inline]
fn pack(top_bits: u64) -> u64 {
    ((top_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The word-byte mask and the high-byte mask of 8 bytes, computed
/// together on one machine word (SWAR), without a branch per byte.
#[inline]
fn masks8(x: u64) -> (u64, u64) {
    let high = x & HIGH;
    let x7 = x & !HIGH;
    let letters = in_range(x7 | (ONES * 0x20), b'a', b'z');
    let digits = in_range(x7, b'0', b'9');
    (pack(letters | digits | high), pack(high))
}

/// The word-byte mask and the high-byte mask of `bytes[at..at + 64]`
/// (bytes past the end count as separators).
#[inline]
fn masks_at(bytes: &[u8], at: usize) -> (u64, u64) {
    let mut buf = [0u8; 64];
    let chunk: &[u8] = match bytes.get(at..at + 64) {
        Some(c) => c,
        None => {
            let rest = bytes.get(at..).unwrap_or_default();
            buf[..rest.len()].copy_from_slice(rest);
            &buf
        }
    };
    let mut m = 0u64;
    let mut hi = 0u64;
    for (i, eight) in chunk.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        let (w, h) = masks8(x);
        m |= w << (8 * i);
        hi |= h << (8 * i);
    }
    (m, hi)
}

/// Bits `from..=to` of a block.
#[inline]
fn bits(from: usize, to: usize) -> u64 {
    let upto = if to >= 63 {
        u64::MAX
    } else {
        (1u64 << (to + 1)) - 1
    };
    upto & !((1u64 << from) - 1)
}

impl<'a> Words<'a> {
    /// Loads the block at `at`: its word starts and ends as bits.
    #[inline]
    fn load(&mut self, at: usize) {
        let bytes = self.text.as_bytes();
        if let Some(open) = self.open {
            // The open run continues past this block: note its high bytes.
            let from = open.saturating_sub(self.block).min(63);
            self.open_hi |= self.hi & bits(from, 63) != 0;
        }
        self.block = at;
        let (m, hi) = masks_at(bytes, at);
        self.hi = hi;
        let next_first = bytes
            .get(at + 64)
            .map_or(0, |&b| u64::from(WORDISH[usize::from(b)]));
        self.starts = m & !((m << 1) | self.carry);
        self.ends = m & !((m >> 1) | (next_first << 63));
        self.carry = m >> 63;
    }

    /// A run of word bytes found by the mask: itself, or, when it holds
    /// multi-byte chars (`wide`), its words by the Unicode rules.
    #[inline]
    fn emit(&mut self, start: usize, end: usize, wide: bool) -> Option<(usize, &'a str)> {
        if !wide {
            return Some((start, &self.text[start..end]));
        }
        self.split_wide(start, end)
    }

    /// The words of a run holding multi-byte chars, by the Unicode rules:
    /// the first returned, the rest queued.
    #[cold]
    fn split_wide(&mut self, start: usize, end: usize) -> Option<(usize, &'a str)> {
        let run = &self.text[start..end];
        let mut pieces: Vec<(usize, &'a str)> = Vec::new();
        let mut cur: Option<usize> = None;
        for (i, c) in run.char_indices() {
            match (is_word_char(c), cur) {
                (true, None) => cur = Some(i),
                (false, Some(s)) => {
                    pieces.push((start + s, &run[s..i]));
                    cur = None;
                }
                _ => {}
            }
        }
        if let Some(s) = cur {
            pieces.push((start + s, &run[s..]));
        }
        pieces.reverse();
        self.split = pieces;
        self.split.pop()
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        if let Some(w) = self.split.pop() {
            return Some(w);
        }
        let len = self.text.len();
        loop {
            if self.open.is_none() {
                if self.starts == 0 {
                    if self.block + 64 >= len {
                        return None;
                    }
                    let next = self.block + 64;
                    self.load(next);
                    continue;
                }
                let i = self.starts.trailing_zeros() as usize;
                self.starts &= self.starts - 1;
                self.open = Some(self.block + i);
                self.open_hi = false;
            }
            if self.ends == 0 {
                if self.block + 64 >= len {
                    // The text ends inside the run.
                    let start = self.open.take()?;
                    let from = start.saturating_sub(self.block);
                    let wide = self.open_hi || self.hi & bits(from, 63) != 0;
                    return self.emit(start, len, wide).or_else(|| self.next());
                }
                let next = self.block + 64;
                self.load(next);
                continue;
            }
            let e = self.ends.trailing_zeros() as usize;
            self.ends &= self.ends - 1;
            let start = self.open.take()?;
            let end = self.block + e + 1;
            let from = start.saturating_sub(self.block);
            let wide = self.open_hi || self.hi & bits(from, e) != 0;
            match self.emit(start, end, wide) {
                Some(w) => return Some(w),
                None => continue,
            }
        }
    }
}

/// Whether the chars of `pat` appear in `word` in order, the first at its
/// start, with at most one other char between two of them: "brtnkv" in
/// "bortnikov", "tlbn" in "taliban", "mnstry" in "ministry", but not
/// "putin" in "production" or "pollution", nor "iran" in "international"
/// or "insurance", as any long word of the right letters would be (in
/// big100k, "putin" matched 18,870 articles by such words, and 863 by
/// "putin"; helper-30).
pub fn in_order_close(pat: &str, word: &str) -> bool {
    if pat.is_ascii() && word.is_ascii() {
        close_in(pat.as_bytes(), word.as_bytes())
    } else {
        let w: Vec<char> = word.chars().collect();
        close_in(&pat.chars().collect::<Vec<_>>(), &w)
    }
}

/// [`in_order_close`] over bytes or chars.
fn close_in<T: PartialEq>(pat: &[T], word: &[T]) -> bool {
    let (Some(first), Some(rest)) = (pat.first(), pat.get(1..)) else {
        return true;
    };
    if word.len() > 64 {
        return false;
    }
    // Bit i: the char after i may be stepped over, being neither of its
    // neighbours: a doubled letter is no gap ("putin" is not "putting",
    // helper-31; a dropped double letter is a typo, which that rule
    // forgives from five letters on).
    let over = (0..word.len().saturating_sub(2))
        .filter(|&i| word[i + 1] != word[i] && word[i + 1] != word[i + 2])
        .fold(0u64, |m, i| m | 1 << i);
    // Bit i: the term so far can end at the word's char i.
    let mut at = u64::from(word.first() == Some(first));
    for c in rest {
        let here = word
            .iter()
            .enumerate()
            .filter(|&(_, x)| x == c)
            .fold(0u64, |m, (i, _)| m | 1 << i);
        // Next to, or one char after, where the term could end.
        at = (at << 1 | (at & over) << 2) & here;
        if at == 0 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious char-by-char tokenizer the fast one must agree with.
    fn reference(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut cur: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (is_word_char(c), cur) {
                (true, None) => cur = Some(i),
                (false, Some(s)) => {
                    out.push((s, &text[s..i]));
                    cur = None;
                }
                _ => {}
            }
        }
        if let Some(s) = cur {
            out.push((s, &text[s..]));
        }
        out
    }

    #[test]
    fn words_split_on_punctuation_and_keep_offsets() {
        let w: Vec<(usize, &str)> = words("The Taliban’s ISIS-K, 80%; Sérgei e\u{301}t").collect();
        assert_eq!(
            w,
            [
                (0, "The"),
                (4, "Taliban"),
                (14, "s"),
                (16, "ISIS"),
                (21, "K"),
                (24, "80"),
                (29, "Sérgei"),
                (37, "e\u{301}t")
            ]
        );
    }

    #[test]
    fn the_eight_byte_masks_agree_with_the_table() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b; 8]);
            let (w, h) = masks8(x);
            assert_eq!(
                w,
                if WORDISH[usize::from(b)] == 1 {
                    0xff
                } else {
                    0
                },
                "byte {b:#x}"
            );
            assert_eq!(h, if b >= 0x80 { 0xff } else { 0 });
        }
        let x = u64::from_le_bytes(*b"a-Z9 \xff@z");
        assert_eq!(masks8(x).0, 0b1010_1101);
    }

    #[test]
    fn words_across_block_boundaries() {
        for pad in 0..130 {
            let text = format!("{}{}", " ".repeat(pad), "alpha beta—gamma “delta” 北京 end");
            assert_eq!(
                words(&text).collect::<Vec<_>>(),
                reference(&text),
                "pad {pad}"
            );
        }
        let long = "x".repeat(200);
        assert_eq!(words(&long).collect::<Vec<_>>(), [(0, long.as_str())]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words("   ...  ").count(), 0);
    }

    proptest! {
        #[test]
        fn the_fast_tokenizer_agrees_with_the_obvious_one(text in "[ a-zA-Z0-9.,’é—北\u{301}-]{0,200}") {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }
    }
}
