//! Building a vocabulary fast: the inner loop of indexing.
//!
//! A token is looked up first in a small set-associative [`WordCache`] keyed
//! by its raw bytes; on a miss it is folded into a reused buffer and looked
//! up in a hash table whose slots hold the word's first eight bytes and
//! length inline (most words are that short, so a lookup rarely reads the
//! key arena) and its id. A token then only appends a (word, article) pair;
//! a batch at a time the pairs are counting-sorted by word, repeats within
//! an article dropped, and appended as delta varints, with the article and
//! lower-case counts, so each word's postings and counts are touched once
//! per batch instead of once per token. Each thread builds a
//! [`VocabBuilder`] over a contiguous run of articles;
//! [`VocabBuilder::merge`] joins them in order and sorts the words into a
//! [`Vocab`].

use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxBuildHasher;

use super::fold;
use super::index::{PAIR_WORDS, Vocab};

/// A slot of the word table: the word's first eight bytes, its length and
/// its id.
#[derive(Clone, Copy)]
struct Slot {
    head: u64,
    len: u32,
    id: u32,
}

/// The first eight bytes of `word`, zero-padded, as one integer.
#[inline]
fn head_of(word: &[u8]) -> u64 {
    load_le(&word[..word.len().min(8)])
}

/// Whether a raw token starts with a lower-case letter.
#[inline]
fn starts_lower(raw: &str) -> bool {
    let b = raw.as_bytes()[0];
    if b < 0x80 {
        b.is_ascii_lowercase()
    } else {
        raw.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Pairs collected before a flush.
const BATCH: usize = 1 << 18;

/// A pending pair's flag: the word was written starting in lower case.
const LOWER: u32 = 1;

/// What a builder knows of one word: filled in at flush time, a word at a
/// time, so the per-token path never touches it. Counts and postings
/// together, so a flush reads one place per word.
#[derive(Default)]
struct WordState {
    /// Last article posted, plus one (0: none yet).
    last: u32,
    /// Last article counted in `lower`, plus one.
    last_lower: u32,
    /// In how many articles the word occurs.
    df: u32,
    /// In how many articles it is written starting in lower case.
    lower: u32,
    /// The articles, as delta varints (the first absolute).
    posts: Vec<u8>,
}

/// Words and their postings, in first-seen order.
#[derive(Default)]
pub struct VocabBuilder {
    table: HashTable<Slot>,
    arena: String,
    /// (start, end) of each word's key in `arena`.
    spans: Vec<(u32, u32)>,
    words: Vec<WordState>,
    /// (word, article << 1 | [`LOWER`]) pairs not yet in `posts`, one per
    /// token or fewer: repeats within an article are dropped at flush time.
    pending: Vec<(u32, u32)>,
    /// Scratch for flushing: per-word counts, then slots.
    count: Vec<u32>,
    /// Scratch for flushing: `pending` sorted by word.
    sorted: Vec<(u32, u32)>,
}

fn hash(head: u64, word: &[u8]) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    h.write_u64(head);
    h.write_usize(word.len());
    if word.len() > 8 {
        h.write(&word[8..]);
    }
    h.finish()
}

/// Appends `v` as a LEB128 varint.
#[inline]
pub fn push_varint(mut v: u32, out: &mut Vec<u8>) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a LEB128 varint at `pos`, advancing it.
#[inline]
pub fn read_varint(bytes: &[u8], pos: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        v |= u32::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            break;
        }
    }
    v
}

impl VocabBuilder {
    /// The id of `word` (already folded), adding it if new.
    #[inline]
    pub fn intern(&mut self, word: &str) -> u32 {
        let bytes = word.as_bytes();
        let head = head_of(bytes);
        let h = hash(head, bytes);
        let len = bytes.len() as u32;
        let (arena, spans) = (&self.arena, &self.spans);
        let found = self.table.find(h, |s| {
            s.head == head
                && s.len == len
                && (len <= 8 || {
                    let (a, e) = spans[s.id as usize];
                    &arena.as_bytes()[a as usize..e as usize] == bytes
                })
        });
        if let Some(s) = found {
            return s.id;
        }
        let id = self.spans.len() as u32;
        let start = self.arena.len() as u32;
        self.arena.push_str(word);
        self.spans.push((start, self.arena.len() as u32));
        self.words.push(WordState::default());
        let (arena, spans) = (&self.arena, &self.spans);
        self.table.insert_unique(h, Slot { head, len, id }, |s| {
            let (a, e) = spans[s.id as usize];
            let key = &arena.as_bytes()[a as usize..e as usize];
            hash(s.head, key)
        });
        id
    }

    /// Records that article `doc` holds word `id` (articles come in
    /// increasing order), written starting in lower case if `lower`.
    /// Repeats are fine: they are dropped at flush time.
    #[inline]
    fn post(&mut self, id: u32, doc: u32, lower: bool) {
        self.pending.push((id, doc << 1 | u32::from(lower)));
        if self.pending.len() >= BATCH {
            self.flush();
        }
    }

    /// Moves the pending pairs into the postings and the word stats:
    /// counting-sorted by word (stable, so each word's articles stay in
    /// order), then appended, a repeat of the word's last article dropped.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let words = self.spans.len();
        let count = &mut self.count;
        count.clear();
        count.resize(words + 1, 0);
        for &(id, _) in &self.pending {
            count[id as usize + 1] += 1;
        }
        for i in 0..words {
            count[i + 1] += count[i];
        }
        self.sorted.resize(self.pending.len(), (0, 0));
        for &(id, doc) in &self.pending {
            let slot = &mut count[id as usize];
            self.sorted[*slot as usize] = (id, doc);
            *slot += 1;
        }
        self.pending.clear();
        // A word's pairs are now together: its stats and postings are
        // read once per batch, then updated in registers.
        for run in self.sorted.chunk_by(|a, b| a.0 == b.0) {
            let i = run[0].0 as usize;
            let w = &mut self.words[i];
            for &(_, tagged) in run {
                let doc = tagged >> 1;
                if w.last != doc + 1 {
                    let gap = if w.last == 0 { doc } else { doc - (w.last - 1) };
                    push_varint(gap, &mut w.posts);
                    w.last = doc + 1;
                    w.df += 1;
                }
                if tagged & LOWER != 0 && w.last_lower != doc + 1 {
                    w.last_lower = doc + 1;
                    w.lower += 1;
                }
            }
        }
    }

    /// Folds `raw`, interns it and posts it for `doc`; `buf` is scratch.
    #[inline]
    pub fn add(&mut self, raw: &str, doc: u32, buf: &mut String) {
        self.add_id(raw, doc, buf);
    }

    /// Like [`VocabBuilder::add`], returning the word's id.
    #[inline]
    fn add_id(&mut self, raw: &str, doc: u32, buf: &mut String) -> u32 {
        let id = self.id_of(raw, buf);
        self.post(id, doc, starts_lower(raw));
        id
    }

    /// The id of raw token `raw` once folded, adding it if new.
    #[inline]
    fn id_of(&mut self, raw: &str, buf: &mut String) -> u32 {
        if raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            // Already folded: no copy.
            self.intern(raw)
        } else {
            buf.clear();
            fold::transform_into(raw, fold::Sense::default(), buf);
            self.intern(buf)
        }
    }

    /// The folded key of word `id`.
    pub fn key(&self, id: u32) -> &str {
        let (s, e) = self.spans[id as usize];
        &self.arena[s as usize..e as usize]
    }

    /// The vocabulary of one builder: words sorted, postings end to end.
    pub fn finish(self) -> Vocab {
        VocabBuilder::merge(vec![self])
    }

    /// The vocabulary of several builders over consecutive runs of
    /// articles, in order. Each word's postings are moved into the result
    /// and freed as they go, so the builders and the result are never all
    /// held at once.
    pub fn merge(mut parts: Vec<VocabBuilder>) -> Vocab {
        for p in &mut parts {
            p.flush();
            p.pending = Vec::new();
            p.count = Vec::new();
            p.sorted = Vec::new();
        }
        // Every (word, part) pair, sorted by word then part.
        let mut all: Vec<(u32, u32)> = Vec::new();
        for (k, p) in parts.iter().enumerate() {
            all.extend(
                (0..p.spans.len() as u32)
                    .filter(|&i| p.words[i as usize].df > 0)
                    .map(|i| (k as u32, i)),
            );
        }
        all.par_sort_unstable_by(|a, b| {
            parts[a.0 as usize]
                .key(a.1)
                .cmp(parts[b.0 as usize].key(b.1))
                .then(a.0.cmp(&b.0))
        });
        let words = all.len();
        let text: usize = parts.iter().map(|p| p.arena.len()).sum();
        let total: usize = parts
            .iter()
            .flat_map(|p| p.words.iter().map(|w| w.posts.len()))
            .sum();
        let mut v = Vocab::with_capacity(words, text, total);
        let mut merged: Vec<u8> = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < all.len() {
            let (k0, w0) = all[i];
            key.clear();
            key.push_str(parts[k0 as usize].key(w0));
            merged.clear();
            let mut df = 0;
            let mut lower = 0;
            let mut last: Option<u32> = None;
            while i < all.len() && parts[all[i].0 as usize].key(all[i].1) == key {
                let (k, w) = all[i];
                let p = &mut parts[k as usize];
                let state = &mut p.words[w as usize];
                let posts = std::mem::take(&mut state.posts);
                // Each part's first posting is an absolute article id: make
                // it a gap from the previous part's last.
                let mut pos = 0;
                let first = read_varint(&posts, &mut pos);
                push_varint(last.map_or(first, |l| first - l), &mut merged);
                merged.extend_from_slice(&posts[pos..]);
                last = Some(state.last - 1);
                df += state.df;
                lower += state.lower;
                i += 1;
            }
            v.push_word(&key, df, lower, &merged);
        }
        v.seal();
        v
    }
}

/// Slots in a [`WordCache`], as a power of two: 4 MB. (Measured with
/// `pass_parts ... body`, two-way sets: 2^14 slots 70 ns/word, 2^15 64,
/// 2^16 61, 2^17 56, 2^18 54.)
const CACHE_BITS: u32 = 17;

/// Tokens a [`WordCache`] holds back: a token's slot is prefetched when it
/// arrives and read this many tokens later, when it is likely in the CPU
/// cache.
const QUEUE: usize = 16;

/// The word-initial letters and letter pairs of one article, as bits: the
/// letters a-z by bit, the pairs by `first * 26 + second`.
#[derive(Clone, Copy, Default)]
pub struct Initials {
    /// Letters some word starts with.
    pub letters: u32,
    /// Letter pairs some word starts with.
    pub pairs: [u64; PAIR_WORDS],
}

/// A slot of the [`WordCache`]: a raw token's zero-padded first sixteen
/// bytes, its word, the last article it was posted for (plus one) and what
/// it adds to an article's [`Initials`]. 32 bytes, so a slot never spans
/// two cache lines.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct CacheSlot {
    head: u64,
    tail: u64,
    /// The word id, shifted left once, with [`LOWER`] if the token starts
    /// in lower case: what a pending pair's flag needs.
    word: u32,
    last: u32,
    /// The word's initial letter, as a bit (0: not a-z).
    letter: u32,
    /// [`PAIRED`] plus the word's initial pair, or 0.
    pair: u16,
}

/// Two slots a token may be in: one cache line. A new token goes first,
/// moving the first to second and dropping the second, so a token used
/// often is not evicted by one other token of the same set.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct CacheSet([CacheSlot; 2]);

/// Marks a [`CacheSlot::pair`] that holds a pair.
const PAIRED: u16 = 1 << 15;

/// A token waiting in the [`WordCache`] queue.
#[derive(Clone, Copy, Default)]
struct Queued {
    head: u64,
    tail: u64,
    len: u32,
    set: u32,
}

/// A two-way set-associative cache in front of the vocabulary, keyed by a token's raw
/// bytes: a word of up to sixteen bytes is exactly its zero-padded first
/// sixteen bytes (words never hold a NUL), so two integer compares identify
/// it. A hit gives the word's id, whether this article already posted the
/// token and what it adds to the article's initials, from one slot; only
/// misses and longer words go to the large table, whose lookups miss the
/// CPU caches. The cache dedups by token, not by word ("The" and "the" both
/// post): the flush drops the repeats.
///
/// Slots are random reads over megabytes, so a token is not looked up when
/// it arrives: its slot is prefetched and the token queued, and it is
/// looked up `QUEUE` tokens later. [`WordCache::drain`] ends an article.
pub struct WordCache {
    sets: Vec<CacheSet>,
    /// 64 minus the number of index bits.
    shift: u32,
    queue: [Queued; QUEUE],
    /// Queue entries in use, the oldest at `queue[first]`.
    queued: usize,
    first: usize,
}

impl Default for WordCache {
    fn default() -> WordCache {
        WordCache::with_bits(CACHE_BITS)
    }
}

/// `b` (at most eight bytes) zero-padded, as one integer. Built with
/// overlapping loads and shifts, not a copy through memory (a
/// variable-length copy followed by a wide load stalls on store
/// forwarding), and with few branches: two loads cover any length.
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    if let Some(eight) = b.first_chunk::<8>() {
        u64::from_le_bytes(*eight)
    } else if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        u64::from(b[0])
            | u64::from(b[n / 2]) << (8 * (n / 2))
            | u64::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// The word-initial letter (as a bit) and pair (as a [`CacheSlot::pair`])
/// of a folded word: its first two bytes, when they are a-z.
fn initials_of(folded: &str) -> (u32, u16) {
    let b = folded.as_bytes();
    let letter = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_lowercase())
            .map(|c| c - b'a')
    };
    match (letter(0), letter(1)) {
        (Some(c0), Some(c1)) => (1 << c0, PAIRED | (u16::from(c0) * 26 + u16::from(c1))),
        (Some(c0), None) => (1 << c0, 0),
        _ => (0, 0),
    }
}

impl Initials {
    /// Adds what a word adds, if `new`; without a branch.
    #[inline]
    fn add(&mut self, letter: u32, pair: u16, new: bool) {
        self.letters |= letter & u32::from(new).wrapping_neg();
        let bit = usize::from(pair & !PAIRED);
        let set = u64::from(new && pair & PAIRED != 0);
        self.pairs[bit / 64] |= set << (bit % 64);
    }
}

impl WordCache {
    /// A cache of `2^bits` slots (at least two).
    pub fn with_bits(bits: u32) -> WordCache {
        let sets = bits.clamp(1, 32) - 1;
        WordCache {
            sets: vec![CacheSet::default(); 1 << sets],
            shift: 64 - sets,
            queue: [Queued::default(); QUEUE],
            queued: 0,
            first: 0,
        }
    }

    /// Posts raw token `raw` for article `doc` through `vocab`, adding what
    /// it adds to `initials`; `buf` is scratch. The token may be held back
    /// until [`WordCache::drain`], which must end the article.
    #[inline]
    pub fn add(
        &mut self,
        vocab: &mut VocabBuilder,
        raw: &str,
        doc: u32,
        buf: &mut String,
        initials: &mut Initials,
    ) {
        let bytes = raw.as_bytes();
        if bytes.len() > 16 || bytes.is_empty() {
            // Rare: straight to the vocabulary, after the tokens before it.
            self.drain(vocab, doc, buf, initials);
            let id = vocab.add_id(raw, doc, buf);
            let (letter, pair) = initials_of(vocab.key(id));
            initials.add(letter, pair, true);
            return;
        }
        let (head, tail) = match bytes.split_at_checked(8) {
            Some((h, t)) => (load_le(h), load_le(t)),
            None => (load_le(bytes), 0),
        };
        let mix = (head ^ tail.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let set = mix.checked_shr(self.shift).unwrap_or(0) as usize;
        prefetch(&self.sets[set]);
        if self.queued == QUEUE {
            let q = self.queue[self.first];
            self.first = (self.first + 1) % QUEUE;
            self.queued -= 1;
            self.post(q, vocab, doc, buf, initials);
        }
        self.queue[(self.first + self.queued) % QUEUE] = Queued {
            head,
            tail,
            len: bytes.len() as u32,
            set: set as u32,
        };
        self.queued += 1;
    }

    /// Posts every token held back, for article `doc`.
    pub fn drain(
        &mut self,
        vocab: &mut VocabBuilder,
        doc: u32,
        buf: &mut String,
        initials: &mut Initials,
    ) {
        while self.queued > 0 {
            let q = self.queue[self.first];
            self.first = (self.first + 1) % QUEUE;
            self.queued -= 1;
            self.post(q, vocab, doc, buf, initials);
        }
    }

    /// Looks a queued token up and posts it.
    #[inline]
    fn post(
        &mut self,
        q: Queued,
        vocab: &mut VocabBuilder,
        doc: u32,
        buf: &mut String,
        initials: &mut Initials,
    ) {
        let set = &mut self.sets[q.set as usize].0;
        let holds = |s: &CacheSlot| s.head == q.head && s.tail == q.tail;
        let slot = if holds(&set[0]) {
            &mut set[0]
        } else if holds(&set[1]) {
            &mut set[1]
        } else {
            set[1] = set[0];
            set[0] = WordCache::fill(q, vocab, buf);
            &mut set[0]
        };
        let new = slot.last != doc + 1;
        slot.last = doc + 1;
        if new {
            vocab.post(slot.word >> 1, doc, slot.word & LOWER != 0);
        }
        initials.add(slot.letter, slot.pair, new);
    }

    /// The slot of a token the cache does not hold: its word interned.
    #[cold]
    fn fill(q: Queued, vocab: &mut VocabBuilder, buf: &mut String) -> CacheSlot {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&q.head.to_le_bytes());
        bytes[8..].copy_from_slice(&q.tail.to_le_bytes());
        // A copy of a whole token, so always UTF-8.
        let raw = std::str::from_utf8(&bytes[..q.len as usize]).unwrap_or_default();
        let id = vocab.id_of(raw, buf);
        let (letter, pair) = initials_of(vocab.key(id));
        CacheSlot {
            head: q.head,
            tail: q.tail,
            word: id << 1 | u32::from(starts_lower(raw)),
            last: 0,
            letter,
            pair,
        }
    }
}

/// Asks the CPU to start loading `set` into its caches.
#[inline]
fn prefetch(set: &CacheSet) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it reads nothing and cannot fault.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((set as *const CacheSet).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = set;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_join_in_order_and_finish_sorted() {
        let mut a = VocabBuilder::default();
        let mut buf = String::new();
        a.add("Kabul", 0, &mut buf);
        a.add("kabul", 0, &mut buf);
        a.add("Moscow", 2, &mut buf);
        a.add("Kabul", 3, &mut buf);
        let mut b = VocabBuilder::default();
        b.add("Kabul", 200, &mut buf);
        b.add("Astana", 300, &mut buf);
        let v = VocabBuilder::merge(vec![a, b]);
        let words: Vec<&str> = (0..v.len() as u32).map(|w| v.word(w)).collect();
        assert_eq!(words, ["astana", "kabul", "moscow"]);
        assert_eq!(v.postings(1).collect::<Vec<_>>(), [0, 3, 200]);
        assert_eq!(v.df(1), 3);
        assert_eq!(v.postings(0).collect::<Vec<_>>(), [300]);
        assert_eq!(v.lowercase_docs("kabul"), 1);
        assert_eq!(v.lowercase_docs("moscow"), 0);
        assert_eq!(
            v.lowercase_docs("paris"),
            0,
            "absent words were never written at all"
        );
    }

    #[test]
    fn initials_are_taken_after_folding() {
        let of = |w: &str| initials_of(&fold::fold(w));
        let pair = |a: u8, b: u8| PAIRED | (u16::from(a - b'a') * 26 + u16::from(b - b'a'));
        assert_eq!(of("École"), (1 << 4, pair(b'e', b'c')));
        assert_eq!(of("Kabul"), (1 << 10, pair(b'k', b'a')));
        assert_eq!(of("a"), (1, 0));
        assert_eq!(of("9am"), (0, 0));
        assert_eq!(of("Ölü"), (1 << 14, pair(b'o', b'l')));
        assert_eq!(of("Straße"), (1 << 18, pair(b's', b't')));
    }

    #[test]
    fn short_loads_are_the_zero_padded_bytes() {
        let word = b"abcdefgh";
        for n in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&word[..n]);
            assert_eq!(load_le(&word[..n]), u64::from_le_bytes(padded), "{n} bytes");
        }
    }
}
