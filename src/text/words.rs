//! A map from words to numbers for lookups in the hot loops: open addressing over a hash
//! that reads a word eight bytes at a time, the first sixteen bytes of every word kept inline
//! in its slot, so that a lookup costs a multiplication or two and one load of the table,
//! with no call to compare and nothing allocated. The matcher looks up the first word of
//! every word start in one; the relation stage looks up the words of a sentence with their
//! ASCII letters lower-cased on the way (`get_folded`), without normalising them first.

use super::swar;

/// Words and their values.
#[derive(Debug, Clone)]
pub struct WordMap {
    /// A bit per hash (the top bits of a word's hash), eight times as many bits as slots:
    /// a word that is not in the map is mostly turned away here, without a load of the
    /// slots (which are too many for the first-level cache).
    filter: Vec<u64>,
    /// Open addressing; an empty slot has length 0. At most half full.
    slots: Vec<Slot>,
    /// The bytes after the sixteenth of the longer words.
    tails: Vec<u8>,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The word's first sixteen bytes, zero-padded.
    prefix: [u64; 2],
    len: u32,
    /// Where the bytes after the sixteenth begin in `tails`.
    tail: u32,
    value: u32,
}

/// The `n` bytes (at most eight) at `bytes[i..]` as a little-endian word, zero-padded: one
/// load where eight bytes are there to read.
#[inline(always)]
fn load(bytes: &[u8], i: usize, n: usize) -> u64 {
    if n == 0 {
        return 0;
    }
    if i + 8 <= bytes.len() {
        u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default())
            & (u64::MAX >> (64 - 8 * n))
    } else {
        let mut padded = [0u8; 8];
        padded[..n].copy_from_slice(&bytes[i..i + n]);
        u64::from_le_bytes(padded)
    }
}

/// The hash of a word of `len` bytes from its pieces of eight bytes (the last zero-padded).
#[derive(Debug, Clone, Copy)]
struct Hasher(u64);

impl Hasher {
    const K: u64 = 0x51_7C_C1_B7_27_22_0A_95;

    #[inline(always)]
    fn new(len: usize) -> Hasher {
        Hasher(len as u64)
    }

    /// Adds the next piece; `last` for the (padded) last one.
    #[inline(always)]
    fn add(&mut self, piece: u64, last: bool) {
        let h = (self.0 ^ piece).wrapping_mul(Self::K);
        self.0 = if last { h } else { h.rotate_left(29) };
    }

    #[inline(always)]
    fn finish(self) -> u64 {
        self.0
    }
}

/// The hash of the word `bytes[start..end]`.
#[inline(always)]
fn hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut h = Hasher::new(end - start);
    let mut i = start;
    while i + 8 <= end {
        h.add(load(bytes, i, 8), i + 8 == end);
        i += 8;
    }
    if i < end {
        h.add(load(bytes, i, end - i), true);
    }
    h.finish()
}

/// The lanes of `v` that are an ASCII letter, digit, apostrophe or full stop: the bytes
/// that normalisation only lower-cases (`normalize::only_lower_cased`, eight at a time).
#[inline(always)]
fn plain_lanes(v: u64) -> u64 {
    let x = v & !swar::HIGH;
    let letter = swar::within(x | swar::splat(0x20), b'a', b'z');
    let digit = swar::within(x, b'0', b'9');
    let other = swar::within(x, b'\'', b'\'') | swar::within(x, b'.', b'.');
    (letter | digit | other) & !v
}

/// `v` with its ASCII capitals lower-cased.
#[inline(always)]
fn fold(v: u64) -> u64 {
    v | (swar::within(v & !swar::HIGH, b'A', b'Z') & !v) >> 2
}

impl WordMap {
    pub fn new() -> WordMap {
        WordMap {
            filter: vec![0; 2],
            slots: vec![Slot::default(); 16],
            tails: Vec::new(),
            len: 0,
        }
    }

    /// The filter's bit for hash `h`.
    #[inline(always)]
    fn filter_bit(&self, h: u64) -> usize {
        // The filter has a power of two of at least 128 bits.
        let bits = self.filter.len() * 64;
        (h >> (64 - bits.trailing_zeros())) as usize
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    fn first_slot(&self, h: u64) -> usize {
        (h.rotate_left(32) as usize) & (self.slots.len() - 1)
    }

    /// Gives `word` (not empty, and not in the map yet) the value `value`.
    pub fn insert(&mut self, word: &[u8], value: u32) {
        debug_assert!(!word.is_empty() && self.get(word, 0, word.len()).is_none());
        if word.is_empty() {
            return;
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mut prefix = [0u64; 2];
        for (k, chunk) in word[..word.len().min(16)].chunks(8).enumerate() {
            prefix[k] = load(chunk, 0, chunk.len());
        }
        let tail = self.tails.len() as u32;
        self.tails
            .extend_from_slice(word.get(16..).unwrap_or_default());
        self.place(
            hash(word, 0, word.len()),
            Slot {
                prefix,
                len: word.len() as u32,
                tail,
                value,
            },
        );
        self.len += 1;
    }

    fn place(&mut self, h: u64, slot: Slot) {
        let bit = self.filter_bit(h);
        self.filter[bit >> 6] |= 1 << (bit & 63);
        let mut i = self.first_slot(h);
        while self.slots[i].len != 0 {
            i = (i + 1) & (self.slots.len() - 1);
        }
        self.slots[i] = slot;
    }

    /// The word a slot holds.
    fn word(&self, slot: &Slot) -> Vec<u8> {
        let len = slot.len as usize;
        let mut w: Vec<u8> = slot.prefix.iter().flat_map(|p| p.to_le_bytes()).collect();
        w.truncate(len.min(16));
        if len > 16 {
            w.extend_from_slice(&self.tails[slot.tail as usize..][..len - 16]);
        }
        w
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        self.filter = vec![0; size * 8 / 64];
        for slot in old.iter().filter(|s| s.len != 0) {
            let w = self.word(slot);
            self.place(hash(&w, 0, w.len()), *slot);
        }
    }

    /// The value of the word `bytes[start..end]`, if it has one.
    #[inline(always)]
    pub fn get(&self, bytes: &[u8], start: usize, end: usize) -> Option<u32> {
        let h = hash(bytes, start, end);
        if !self.may_hold(h) {
            return None;
        }
        let len = end - start;
        let p0 = load(bytes, start, len.min(8));
        let p1 = if len > 8 {
            load(bytes, start + 8, len.min(16) - 8)
        } else {
            0
        };
        self.probe(h, len, [p0, p1], |tail| bytes[start + 16..end] == *tail)
    }

    /// The value of `word` with its ASCII capitals lower-cased, if it has one: `Ok(None)` if
    /// not. `Err(())` if the word is empty or has a byte that is no ASCII letter, digit,
    /// apostrophe or full stop (for such a word, lower-casing is not all that normalisation
    /// does).
    #[inline]
    #[allow(clippy::result_unit_err)]
    pub fn get_folded(&self, word: &[u8]) -> Result<Option<u32>, ()> {
        let len = word.len();
        if len == 0 {
            return Err(());
        }
        let mut h = Hasher::new(len);
        let mut prefix = [0u64; 2];
        let mut i = 0;
        while i < len {
            let n = (len - i).min(8);
            let v = load(word, i, n);
            let active = u64::MAX >> (64 - 8 * n) & swar::HIGH;
            if plain_lanes(v) & active != active {
                return Err(());
            }
            let folded = fold(v);
            if i < 16 {
                prefix[i / 8] = folded;
            }
            h.add(folded, i + 8 >= len);
            i += 8;
        }
        let h = h.finish();
        if !self.may_hold(h) {
            return Ok(None);
        }
        Ok(self.probe(h, len, prefix, |tail| {
            word[16..]
                .iter()
                .zip(tail)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
        }))
    }

    /// False if no word with hash `h` is in the map.
    #[inline(always)]
    fn may_hold(&self, h: u64) -> bool {
        let bit = self.filter_bit(h);
        self.filter[bit >> 6] & (1 << (bit & 63)) != 0
    }

    #[inline(always)]
    fn probe(
        &self,
        h: u64,
        len: usize,
        prefix: [u64; 2],
        tail_is: impl Fn(&[u8]) -> bool,
    ) -> Option<u32> {
        let mut i = self.first_slot(h);
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return None;
            }
            if slot.len as usize == len
                && slot.prefix == prefix
                && (len <= 16 || tail_is(&self.tails[slot.tail as usize..][..len - 16]))
            {
                return Some(slot.value);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

impl Default for WordMap {
    fn default() -> WordMap {
        WordMap::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::only_lower_cased;
    use proptest::prelude::*;

    #[test]
    fn lanes_and_folding_agree_with_the_byte_tests() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"aaaaaaaa";
                bytes[lane] = b;
                let v = u64::from_le_bytes(bytes);
                let plain = only_lower_cased(b);
                assert_eq!(
                    plain_lanes(v) == swar::HIGH,
                    plain,
                    "byte {b:#x} lane {lane}"
                );
                let mut lower = bytes;
                lower[lane] = b.to_ascii_lowercase();
                if b < 0x80 {
                    assert_eq!(
                        fold(v),
                        u64::from_le_bytes(lower),
                        "byte {b:#x} lane {lane}"
                    );
                }
            }
        }
    }

    proptest! {
        /// `get` finds exactly the words put in, at any place in a text; `get_folded`
        /// finds a word whatever the case of its ASCII letters, and refuses a word with
        /// another character.
        #[test]
        fn finds_what_was_put_in(
            words in prop::collection::btree_set("[a-z0-9'.äß]{1,30}", 1..40),
            probes in prop::collection::vec("[a-zA-Z0-9'.äß]{0,30}", 0..40),
            pad in 0usize..10,
        ) {
            let mut map = WordMap::new();
            for (k, w) in words.iter().enumerate() {
                map.insert(w.as_bytes(), k as u32);
            }
            prop_assert_eq!(map.len(), words.len());
            let expected = |w: &str| words.iter().position(|x| x == w).map(|k| k as u32);
            for w in words.iter().map(String::as_str).chain(probes.iter().map(String::as_str)) {
                let text = format!("{}{w}{}", "x".repeat(pad), " ".repeat(pad));
                prop_assert_eq!(map.get(text.as_bytes(), pad, pad + w.len()), expected(w));
                let plain = !w.is_empty()
                    && w.bytes().all(only_lower_cased);
                let folded = map.get_folded(w.as_bytes());
                if plain {
                    prop_assert_eq!(folded, Ok(expected(&w.to_ascii_lowercase())));
                } else {
                    prop_assert_eq!(folded, Err(()));
                }
            }
        }
    }
}
