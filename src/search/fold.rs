//! Folding text for matching: Unicode lowercase, and Latin diacritics
//! removed, so `sergei` finds "Sérgei" and `ÉTAT` finds "état".
//!
//! fuzzy-matcher folds ASCII only, so both sides of every comparison are
//! folded here first. A term keeps what the user typed on purpose: an
//! uppercase letter makes it case-sensitive (smart case) and a diacritic
//! makes it diacritic-sensitive; [`Sense`] says which, and [`transform`]
//! applies exactly that much folding to a haystack.

use unicode_normalization::char::decompose_canonical;

/// How much folding a comparison applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sense {
    /// Keep case (the term has an uppercase letter).
    pub case: bool,
    /// Keep diacritics (the term has a Latin diacritic).
    pub marks: bool,
}

impl Sense {
    /// What a term typed as `term` asks for.
    pub fn of(term: &str) -> Sense {
        Sense {
            case: term.chars().any(char::is_uppercase),
            marks: term.chars().any(strips),
        }
    }

    /// Whether this is plain folding (the common, indexed case).
    pub fn is_folded(self) -> bool {
        !self.case && !self.marks
    }
}

/// Latin letters that do not decompose but have a plain spelling.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ẞ' => "SS",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ø' => "o",
        'Ø' => "O",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ł' => "l",
        'Ł' => "L",
        'þ' => "th",
        'Þ' => "TH",
        'ı' => "i",
        _ => return None,
    })
}

/// The ASCII base letter of a Latin letter with diacritics ("é" -> 'e').
fn decomposed_base(c: char) -> Option<char> {
    let cp = c as u32;
    if !((0xC0..=0x24F).contains(&cp) || (0x1E00..=0x1EFF).contains(&cp)) {
        return None;
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    base.filter(|&b| b != c && b.is_ascii_alphabetic())
}

/// Whether `c` is a Latin letter with a diacritic (or a special letter
/// such as "ß") that folding replaces.
fn strips(c: char) -> bool {
    special(c).is_some() || decomposed_base(c).is_some()
}

/// Appends `c` with Latin diacritics removed, or returns false when `c`
/// has none.
fn push_stripped(c: char, out: &mut String) -> bool {
    if let Some(s) = special(c) {
        out.push_str(s);
        true
    } else if let Some(b) = decomposed_base(c) {
        out.push(b);
        true
    } else {
        false
    }
}

/// Appends `s` to `out` folded as `sense` asks: lowercased unless it keeps
/// case, diacritics removed unless it keeps them.
pub fn transform_into(s: &str, sense: Sense, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        if !sense.case {
            out[start..].make_ascii_lowercase();
        }
        return;
    }
    for c in s.chars() {
        push_char(c, sense, out);
    }
}

/// Appends one char folded as `sense` asks.
fn push_char(c: char, sense: Sense, out: &mut String) {
    if c.is_ascii() {
        out.push(if sense.case {
            c
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    let mut tmp = String::new();
    let stripped = !sense.marks && push_stripped(c, &mut tmp);
    let src: &mut dyn Iterator<Item = char> = if stripped {
        &mut tmp.chars()
    } else {
        &mut std::iter::once(c)
    };
    for d in src {
        if sense.case {
            out.push(d);
        } else {
            out.extend(d.to_lowercase());
        }
    }
}

/// `s` folded as `sense` asks.
pub fn transform(s: &str, sense: Sense) -> String {
    let mut out = String::with_capacity(s.len());
    transform_into(s, sense, &mut out);
    out
}

/// `s` fully folded: lowercase, no diacritics.
pub fn fold(s: &str) -> String {
    transform(s, Sense::default())
}

/// `s` folded as `sense` asks, with the index of the source char each
/// output char came from (for mapping match positions back to the text).
pub fn transform_mapped(s: &str, sense: Sense) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let before = out.chars().count();
        push_char(c, sense, &mut out);
        let after = out.chars().count();
        map.extend(std::iter::repeat_n(i as u32, after - before));
    }
    (out, map)
}

/// A 64-bit set of the characters in `s`: a-z and 0-9 have a bit each,
/// everything else shares the rest by hash. If `a` is contained in `b` (as
/// a subsequence, substring, prefix...) then `mask(a) & !mask(b) == 0`, which
/// makes a cheap first filter.
pub fn mask(s: &str) -> u64 {
    let mut m = 0u64;
    for c in s.chars() {
        m |= char_bit(c);
    }
    m
}

/// The bit of one character in [`mask`].
pub fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        'A'..='Z' => 1 << (c as u32 - 'A' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32 % 28)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_lowercases_and_strips_latin_diacritics() {
        assert_eq!(
            fold("Sérgei ÉTAT Straße Øresund Łódź"),
            "sergei etat strasse oresund lodz"
        );
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα", "Unicode lowercase, not ASCII only");
        assert_eq!(fold("Taliban’s"), "taliban’s");
        assert_eq!(fold("नमस्ते"), "नमस्ते", "non-Latin marks are kept");
    }

    #[test]
    fn sense_follows_what_was_typed() {
        assert_eq!(
            Sense::of("putin"),
            Sense {
                case: false,
                marks: false
            }
        );
        assert_eq!(
            Sense::of("Putin"),
            Sense {
                case: true,
                marks: false
            }
        );
        assert_eq!(
            Sense::of("sérgei"),
            Sense {
                case: false,
                marks: true
            }
        );
        assert_eq!(
            transform(
                "Sérgei",
                Sense {
                    case: true,
                    marks: false
                }
            ),
            "Sergei"
        );
        assert_eq!(
            transform(
                "Sérgei",
                Sense {
                    case: false,
                    marks: true
                }
            ),
            "sérgei"
        );
    }

    #[test]
    fn mapped_folding_points_back_at_source_chars() {
        let (s, map) = transform_mapped("Straße", Sense::default());
        assert_eq!(s, "strasse");
        assert_eq!(map, [0, 1, 2, 3, 4, 4, 5]);
    }

    #[test]
    fn masks_are_a_superset_filter() {
        assert_eq!(mask("put") & !mask("vladimir putin"), 0);
        assert_ne!(mask("xyz") & !mask("vladimir putin"), 0);
    }
}
