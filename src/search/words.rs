//! Words: the unit a body is matched by. A word is a maximal run of letters,
//! digits and combining marks; everything else separates words, so
//! "Taliban's" holds "Taliban" and "s", and "ISIS-K" holds "ISIS" and "K".

/// Whether `c` belongs inside a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Combining marks, which carry diacritics in decomposed text.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The words of `text` with their byte offsets, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator returned by [`words`].
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut i = self.pos;
        // Skip separators.
        let start = loop {
            if i >= n {
                self.pos = n;
                return None;
            }
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next()?;
                if is_word_char(c) {
                    break i;
                }
                i += c.len_utf8();
            }
        };
        // Take the word.
        let mut j = start;
        while j < n {
            let b = bytes[j];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                j += 1;
            } else {
                let c = self.text[j..].chars().next()?;
                if !is_word_char(c) {
                    break;
                }
                j += c.len_utf8();
            }
        }
        self.pos = j;
        Some((start, &self.text[start..j]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
