//! Posting lists as they are filled: for each term, the pages holding it
//! (in the order pages are added, ascending) with the fields it is in,
//! kept in the very encoding the index files write (gaps between pages in
//! groups of five bits, a character each), so a list costs a byte or two
//! a page in memory and is copied into its shard as it is. Runs of pages
//! are filled apart; a term's lists of consecutive runs are joined in
//! order as its shard is written ([`List::write_joined`]).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::terms::{packed_to_code, Code, CommonRun};

/// The 64 characters of the encoding, safe in JSON and URLs.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The value of an encoding character (0 for any other byte).
fn digit_value(b: u8) -> u32 {
    match b {
        b'A'..=b'Z' => u32::from(b - b'A'),
        b'a'..=b'z' => u32::from(b - b'a') + 26,
        b'0'..=b'9' => u32::from(b - b'0') + 52,
        b'-' => 62,
        b'_' => 63,
        _ => 0,
    }
}

/// A number as little-endian groups of five bits, one character each;
/// a character at 32 or above says another follows.
pub fn push_number(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low]);
            return;
        }
        out.push(DIGITS[low | 32]);
    }
}

/// The first number of `bytes` and how many bytes it takes.
fn first_number(bytes: &[u8]) -> (u32, usize) {
    let (mut n, mut shift) = (0u32, 0);
    for (i, &b) in bytes.iter().enumerate() {
        let d = digit_value(b);
        n |= (d & 31) << shift;
        shift += 5;
        if d < 32 {
            return (n, i + 1);
        }
    }
    (n, bytes.len())
}

/// One term's postings, written as each page is first marked: the page's
/// fields are in the low bits of its posting's first character, which a
/// later field of the same page adds its bit to.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// The encoded postings, each `gap << 3 | fields`.
    bytes: Vec<u8>,
    /// The last page written, plus one (0: none yet).
    next: u32,
    /// Where its posting starts in `bytes`.
    at: u32,
}

impl List {
    /// Page `page` holds the term in `field` (a bit); pages come in
    /// ascending order, each as many times as it has fields with the term
    /// or the term in them. A page new to the list is written at once
    /// (a gap of under four pages in one character, pushed without a
    /// loop); a page marked again has its fields added to its posting.
    #[inline(always)]
    pub fn mark(&mut self, page: u32, field: u8) {
        let gap = page.wrapping_add(1).wrapping_sub(self.next);
        if gap == 0 {
            return self.add_field(field);
        }
        self.at = self.bytes.len() as u32;
        self.next = page.wrapping_add(1);
        let n = gap << 3 | u32::from(field);
        match DIGITS.get(n as usize) {
            Some(&digit) if n < 32 => self.bytes.push(digit),
            _ => push_number(&mut self.bytes, n),
        }
    }

    /// Adds `field` to the last posting's fields.
    #[inline(never)]
    fn add_field(&mut self, field: u8) {
        if let Some(b) = self.bytes.get_mut(self.at as usize) {
            *b = DIGITS[(digit_value(*b) | u32::from(field)) as usize & 63];
        }
    }

    /// Writes to `out` the postings of `runs`, one term's lists of
    /// consecutive runs of pages in page order, as one list: a run's first
    /// gap, counted from page -1, is counted again from the page before;
    /// the rest is copied as it is. Straight into the shard being written:
    /// no joined list is made.
    pub fn write_joined<'a>(runs: impl IntoIterator<Item = &'a List>, out: &mut Vec<u8>) {
        // The last page written, plus one.
        let mut next = 0;
        for list in runs.into_iter().filter(|list| list.next != 0) {
            let (first, len) = first_number(&list.bytes);
            push_number(out, ((first >> 3) - next) << 3 | (first & 7));
            out.extend_from_slice(list.bytes.get(len..).unwrap_or_default());
            next = list.next;
        }
    }

    /// The encoded postings.
    pub fn encoded(&self) -> &[u8] {
        &self.bytes
    }
}

/// A hasher for packed pairs (already well spread): one multiplication.
#[derive(Default, Clone, Copy)]
pub struct PairHasher(u64);

impl std::hash::Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by packed pairs.
pub type PairMap<V> = HashMap<u64, V, BuildHasherDefault<PairHasher>>;

/// A hasher for words (short, the site's own text): eight bytes at a
/// time, a rotation and a multiplication each.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(eight));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ (bytes.len() as u64) << 56);
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
}

/// A map keyed by words.
pub type WordMap<V> = HashMap<Box<str>, V, BuildHasherDefault<WordHasher>>;

/// A slot of [`CodeLists`]: a code in the low half, the last page and
/// field marked in its list in the high half, as `page << 3 | field`
/// (code 0: an empty slot; stamp 0: none marked), so that a pair already
/// marked on the page is told by one comparison of the slot with the
/// code and the page's stamp. A table of empty slots is allocated zeroed,
/// its pages untouched until used.
type Slot = u64;

/// A slot of `code` and `stamp`.
#[inline(always)]
fn slot(code: Code, stamp: u32) -> Slot {
    u64::from(stamp) << 32 | u64::from(code)
}

/// The code of a slot.
#[inline(always)]
fn slot_code(slot: Slot) -> Code {
    slot as u32
}

/// The slot of `code` in a table of `shift` bits.
#[inline(always)]
fn home(code: Code, shift: u32) -> usize {
    (code.wrapping_mul(0x9E37_79B1) >> shift) as usize
}

/// The posting lists of the pairs of the basic plane, by [`Code`]: open
/// addressing over `slots` (never more than half full), each slot's list
/// at the same index of `places`, the lists in the order their codes
/// came. A pair is marked in one probe, whether new or seen, and in each
/// slot is the last page and field marked in it: a page's repeats stop
/// there, so no set of a text's pairs is needed.
#[derive(Debug, Default)]
pub struct CodeLists {
    /// The slots, each code at its hash.
    slots: Vec<Slot>,
    /// The place in `lists` of each slot's code's list.
    places: Vec<u32>,
    /// Bits of a slot's place taken from the top of the hash.
    shift: u32,
    /// Each code and its list.
    lists: Vec<(Code, List)>,
}

impl CodeLists {
    /// Page `page` holds `code` in `field`.
    #[inline(always)]
    pub fn mark(&mut self, code: Code, page: u32, field: u8) {
        self.mark_all(std::iter::once(code), page, field);
    }

    /// Page `page` holds every code of `codes` in `field`: the page's
    /// stamp made once and the slots held in locals while the codes are
    /// found in them; only a code new to the table leaves that loop, to
    /// be put in.
    #[inline]
    pub fn mark_all(&mut self, mut codes: impl Iterator<Item = Code>, page: u32, field: u8) {
        let stamp = page << 3 | u32::from(field);
        let stamped = slot(0, stamp);
        loop {
            let shift = self.shift;
            let slots: &mut [Slot] = &mut self.slots;
            let places: &[u32] = &self.places;
            let lists = &mut self.lists;
            let mask = slots.len().wrapping_sub(1);
            let new = 'run: loop {
                let Some(code) = codes.next() else {
                    return;
                };
                let want = stamped | u64::from(code);
                let mut i = home(code, shift);
                loop {
                    match slots.get_mut(i) {
                        Some(s) if *s == want => continue 'run,
                        Some(s) if slot_code(*s) == code => {
                            *s = want;
                            if let Some(&place) = places.get(i) {
                                mark_list(lists, place, stamp);
                            }
                            continue 'run;
                        }
                        Some(s) if *s != 0 => i = (i + 1) & mask,
                        _ => break 'run code,
                    }
                }
            };
            self.mark_new(new, stamp);
        }
    }

    /// A code new to the table (or a table of no slots yet) put in, with
    /// its list marked with `stamp`'s page and field.
    #[inline(never)]
    fn mark_new(&mut self, code: Code, stamp: u32) {
        let place = self.find(code, stamp);
        mark_list(&mut self.lists, place as u32, stamp);
    }

    /// The place of `code`'s list, put in with an empty list and `stamp`
    /// when it has none.
    fn find(&mut self, code: Code, stamp: u32) -> usize {
        if self.slots.is_empty() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = home(code, self.shift);
        loop {
            match self.slots[i] {
                s if s != 0 && slot_code(s) == code => return self.places[i] as usize,
                0 => return self.insert(i, code, stamp),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Puts `code` in empty slot `i` with an empty list and `stamp`,
    /// growing the table when it is more than half full; the list's
    /// place.
    fn insert(&mut self, i: usize, code: Code, stamp: u32) -> usize {
        let place = self.lists.len();
        self.slots[i] = slot(code, stamp);
        self.places[i] = place as u32;
        self.lists.push((code, List::default()));
        if self.lists.len() * 2 > self.slots.len() {
            self.grow();
        }
        place
    }

    /// Twice the slots (1,024 at least), every code put again with its
    /// stamp and place.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.shift = 32 - size.trailing_zeros();
        let slots = std::mem::replace(&mut self.slots, vec![0; size]);
        let places = std::mem::replace(&mut self.places, vec![0; size]);
        let mask = size - 1;
        for (s, place) in slots.into_iter().zip(places).filter(|(s, _)| *s != 0) {
            let mut i = home(slot_code(s), self.shift);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
            self.places[i] = place;
        }
    }

    /// Each code and its list, in the order the codes came.
    pub fn iter(&self) -> impl Iterator<Item = &(Code, List)> {
        self.lists.iter()
    }

    /// Each code and its list, taken.
    pub fn into_lists(self) -> Vec<(Code, List)> {
        self.lists
    }
}

/// Marks the list at `place` of `lists` with `stamp`'s page and field.
#[inline(always)]
fn mark_list(lists: &mut [(Code, List)], place: u32, stamp: u32) {
    if let Some((_, list)) = lists.get_mut(place as usize) {
        list.mark(stamp >> 3, (stamp & 7) as u8);
    }
}

/// The posting lists of a run of pages: pairs by their code (or, past the
/// basic plane, their packed form), words.
#[derive(Debug, Default)]
pub struct Lists {
    /// Pairs of Chinese characters of the basic plane.
    pub pairs: CodeLists,
    /// Other pairs, packed.
    pub rare: PairMap<List>,
    /// Words.
    pub words: WordLists,
}

/// The posting lists of words: those of up to eight bytes keyed by their
/// bytes in a `u64` (a hash of one multiplication, a comparison of
/// integers), the longer ones by their text.
#[derive(Debug, Default)]
pub struct WordLists {
    /// Words of up to eight bytes, by [`short_key`].
    short: PairMap<List>,
    /// Longer words.
    long: WordMap<List>,
}

/// The bytes of `word`, of one to eight bytes, in a `u64`, the first in
/// the low bits (words hold no byte 0, so the key is the word's alone).
#[inline]
fn short_key(word: &[u8]) -> u64 {
    word.iter().rev().fold(0, |key, &b| key << 8 | u64::from(b))
}

/// The word of a [`short_key`].
fn short_word(mut key: u64) -> Box<str> {
    let mut bytes = Vec::with_capacity(8);
    while key != 0 {
        bytes.push(key as u8);
        key >>= 8;
    }
    String::from_utf8_lossy(&bytes).into()
}

impl WordLists {
    /// Page `page` holds `word` in `field`.
    #[inline]
    fn mark(&mut self, word: &str, page: u32, field: u8) {
        let bytes = word.as_bytes();
        if (1..=8).contains(&bytes.len()) {
            return self
                .short
                .entry(short_key(bytes))
                .or_default()
                .mark(page, field);
        }
        match self.long.get_mut(word) {
            Some(list) => list.mark(page, field),
            None => {
                let mut list = List::default();
                list.mark(page, field);
                self.long.insert(word.into(), list);
            }
        }
    }

    /// The list of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<&List> {
        match word.len() {
            1..=8 => self.short.get(&short_key(word.as_bytes())),
            _ => self.long.get(word),
        }
    }

    /// Each list.
    pub fn values(&self) -> impl Iterator<Item = &List> {
        self.short.values().chain(self.long.values())
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }
}

impl IntoIterator for WordLists {
    type Item = (Box<str>, List);
    type IntoIter = Box<dyn Iterator<Item = (Box<str>, List)>>;

    /// Each word and its list, taken.
    fn into_iter(self) -> Self::IntoIter {
        let short = self.short.into_iter().map(|(k, l)| (short_word(k), l));
        Box::new(short.chain(self.long))
    }
}

impl Lists {
    /// Page `page` holds the pair of code `code` in `field`.
    #[inline(always)]
    pub fn mark_code(&mut self, code: Code, page: u32, field: u8) {
        self.pairs.mark(code, page, field);
    }

    /// Page `page` holds the pairs of `codes` in `field`.
    pub fn mark_codes(&mut self, codes: &[Code], page: u32, field: u8) {
        self.pairs.mark_all(codes.iter().copied(), page, field);
    }

    /// Page `page` holds the pairs of `run` in `field`.
    #[inline]
    pub fn mark_run(&mut self, run: &mut CommonRun<'_, '_>, page: u32, field: u8) {
        self.pairs.mark_all(run, page, field);
    }

    /// Page `page` holds pair `packed` in `field`.
    #[inline]
    pub fn mark_pair(&mut self, packed: u64, page: u32, field: u8) {
        match packed_to_code(packed) {
            Some(code) => self.mark_code(code, page, field),
            None => self.rare.entry(packed).or_default().mark(page, field),
        }
    }

    /// Page `page` holds `word` in `field`.
    pub fn mark_word(&mut self, word: &str, page: u32, field: u8) {
        self.words.mark(word, page, field);
    }

    /// Whether no page was added.
    pub fn is_empty(&self) -> bool {
        self.pairs.lists.is_empty() && self.rare.is_empty() && self.words.is_empty()
    }
}

/// Postings `(page << 3 | fields)`, ascending, as the gaps between pages
/// (the first from -1) with the fields: `gap << 3 | fields` per number.
pub fn encode_postings(list: &[u32]) -> String {
    let mut out = List::default();
    for &p in list {
        out.mark(p >> 3, (p & 7) as u8);
    }
    String::from_utf8(out.bytes).unwrap_or_default()
}

/// Page numbers, ascending, as their gaps (the first from -1).
pub fn encode_ids(ids: &[u32]) -> String {
    let mut out = Vec::new();
    let mut prev: i64 = -1;
    for &id in ids {
        push_number(&mut out, (i64::from(id) - prev) as u32);
        prev = i64::from(id);
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::terms::pack;

    #[test]
    fn digits_read_back_as_their_values() {
        for (i, &b) in DIGITS.iter().enumerate() {
            assert_eq!(digit_value(b), i as u32);
        }
        let mut bytes = Vec::new();
        for n in [0, 31, 32, 1000, 5000 << 3 | 7, u32::MAX >> 3] {
            bytes.clear();
            push_number(&mut bytes, n);
            bytes.push(b'A');
            assert_eq!(first_number(&bytes), (n, bytes.len() - 1));
        }
    }

    #[test]
    fn a_page_found_in_several_fields_is_one_posting() {
        let mut lists = Lists::default();
        lists.mark_word("a", 3, 1);
        lists.mark_word("a", 3, 4);
        lists.mark_word("a", 40, 2);
        assert_eq!(
            lists.words.get("a").map(List::encoded),
            Some(encode_postings(&[3 << 3 | 5, 40 << 3 | 2]).as_bytes())
        );
    }

    /// The encoded postings of `packed`'s pair in `lists`.
    fn pair_list(lists: &Lists, packed: u64) -> Vec<u8> {
        let list = match packed_to_code(packed) {
            Some(code) => lists.pairs.iter().find(|(c, _)| *c == code).map(|(_, l)| l),
            None => lists.rare.get(&packed),
        };
        list.map(|l| l.encoded().to_vec()).unwrap_or_default()
    }

    #[test]
    fn runs_written_joined_are_the_whole_list() {
        for later_pages in [&[40u32][..], &[40, 41, 900]] {
            let mut whole = List::default();
            let mut one = List::default();
            let mut two = List::default();
            for page in [3, 7] {
                whole.mark(page, 4);
                one.mark(page, 4);
            }
            // A later field of the last page of the first run.
            whole.mark(7, 1);
            one.mark(7, 1);
            for &page in later_pages {
                whole.mark(page, 4);
                two.mark(page, 4);
            }
            let last = later_pages[later_pages.len() - 1];
            whole.mark(last, 2);
            two.mark(last, 2);
            let mut joined = Vec::new();
            List::write_joined(
                [&List::default(), &one, &List::default(), &two],
                &mut joined,
            );
            assert_eq!(joined, whole.encoded());
        }
    }

    #[test]
    fn short_and_long_words_keep_their_text_and_lists() {
        let words = [
            "a",
            "2023",
            "12345678",
            "123456789",
            "café",
            "志愿者",
            "volunteers",
        ];
        let mut lists = Lists::default();
        for (page, word) in words.iter().enumerate() {
            lists.mark_word(word, page as u32, 4);
            lists.mark_word(word, 50, 1);
        }
        for (page, word) in words.iter().enumerate() {
            let want = encode_postings(&[(page as u32) << 3 | 4, 50 << 3 | 1]);
            assert_eq!(
                lists.words.get(word).map(List::encoded),
                Some(want.as_bytes())
            );
        }
        let mut got: Vec<Box<str>> = lists.words.into_iter().map(|(w, _)| w).collect();
        got.sort();
        let mut want: Vec<Box<str>> = words.iter().map(|&w| w.into()).collect();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn repeats_in_any_field_order_are_one_posting_a_page() {
        use std::collections::BTreeMap;
        let mut lists = Lists::default();
        let mut want: BTreeMap<Code, BTreeMap<u32, u8>> = BTreeMap::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for page in 0..300u32 {
            for _ in 0..next(40) {
                // A few hundred codes: repeats within a page and across
                // pages, the table growing past its first size.
                let code = (0x4E00 - 0x3000) << 16 | (next(700) as u32 + 1);
                let field = 1u8 << next(3);
                lists.mark_code(code, page, field);
                *want.entry(code).or_default().entry(page).or_default() |= field;
            }
        }
        assert!(want.len() > 600);
        for (code, pages) in want {
            let postings: Vec<u32> = pages.iter().map(|(&p, &f)| p << 3 | u32::from(f)).collect();
            let list = lists
                .pairs
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, l)| l.encoded());
            assert_eq!(
                list,
                Some(encode_postings(&postings).as_bytes()),
                "{code:x}"
            );
        }
    }

    #[test]
    fn many_codes_keep_their_own_lists_as_the_table_grows() {
        let mut lists = Lists::default();
        let codes: Vec<u64> = (0..5000u32)
            .filter_map(|i| {
                Some(pack(
                    char::from_u32(0x4E00 + i % 70)?,
                    char::from_u32(0x4E00 + i / 70)?,
                ))
            })
            .collect();
        for (page, &p) in codes.iter().enumerate() {
            lists.mark_pair(p, page as u32, 4);
            lists.mark_pair(p, page as u32 + 1, 1);
        }
        assert_eq!(lists.pairs.iter().count(), 5000);
        for (page, &p) in codes.iter().enumerate().step_by(97) {
            let page = page as u32;
            let want = encode_postings(&[page << 3 | 4, (page + 1) << 3 | 1]);
            assert_eq!(pair_list(&lists, p), want.as_bytes());
        }
        let hasher = BuildHasherDefault::<WordHasher>::default();
        use std::hash::BuildHasher;
        assert_ne!(hasher.hash_one("ab"), hasher.hash_one("ab\0"));
        assert_ne!(hasher.hash_one("abcdefgh"), hasher.hash_one("abcdefgh\0"));
    }
}
