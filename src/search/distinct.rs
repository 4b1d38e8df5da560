//! A text's distinct terms, packed small ([`Terms`]): a pair of Chinese
//! characters of the basic plane in one `u32`, words in one string, with
//! nothing allocated per term. Cut by [`terms::cut`] on the text's bytes.

use super::terms::{self, code, code_to_packed, pack_code_points, unpack, Code, Term};

/// The distinct terms of a text, packed small (a body keeps them until the
/// index is built): pairs of the basic plane as [`Code`]s in the order
/// they first appear, other pairs packed in a `u64`, the words ascending
/// in one string, a line each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pairs: Box<[Code]>,
    rare: Box<[u64]>,
    words: Box<str>,
}

/// A set of codes seen in one text: open addressing, 0 for an empty
/// slot, never more than half full (it doubles first).
struct Seen {
    slots: Vec<Code>,
    shift: u32,
    len: usize,
}

impl Seen {
    /// A set of `size` slots, a power of two.
    fn with_slots(size: usize) -> Seen {
        Seen {
            slots: vec![0; size],
            shift: 32 - size.trailing_zeros(),
            len: 0,
        }
    }

    /// A set sized for the pairs of a text of `bytes` bytes: a slot a
    /// Chinese character (three bytes), so that a page, whose distinct
    /// pairs are about half its characters, seldom fills it past half and
    /// has it grow; from 16 slots to 4,096 to start with, zeroed.
    fn for_text(bytes: usize) -> Seen {
        Seen::with_slots((bytes / 3).next_power_of_two().clamp(16, 4096))
    }

    /// Adds `code`; whether it was new.
    #[inline(always)]
    fn insert(&mut self, code: Code) -> bool {
        if !self.put(code) {
            return false;
        }
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
        true
    }

    /// Twice the slots, every code put again.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let mut bigger = Seen::with_slots(self.slots.len() * 2);
        for &c in self.slots.iter().filter(|&&c| c != 0) {
            bigger.put(c);
        }
        bigger.len = self.len;
        *self = bigger;
    }

    /// Puts `code` in its slot; whether it was new.
    #[inline(always)]
    fn put(&mut self, code: Code) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = (code.wrapping_mul(0x9E37_79B1) >> self.shift) as usize;
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = code;
                    return true;
                }
                c if c == code => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The terms of a text as they are cut: the pairs seen, the words one
/// after the other and where each starts and ends.
struct Gathering {
    seen: Seen,
    pairs: Vec<Code>,
    rare: Vec<u64>,
    words: String,
    spans: Vec<(usize, usize)>,
}

impl terms::Sink for Gathering {
    #[inline(always)]
    fn pair(&mut self, a: u32, b: u32) {
        match code(a, b) {
            Some(code) => {
                if self.seen.insert(code) {
                    self.pairs.push(code);
                }
            }
            None => self.rare.push(pack_code_points(a, b)),
        }
    }

    #[inline(always)]
    fn code(&mut self, code: Code) {
        if self.seen.insert(code) {
            self.pairs.push(code);
        }
    }

    fn word(&mut self, word: &str) {
        let start = self.words.len();
        self.words.push_str(word);
        self.spans.push((start, self.words.len()));
    }
}

impl Terms {
    /// The distinct terms of `text` (those of [`terms::each_term`]), cut
    /// on its bytes ([`terms::cut`]).
    pub fn of(text: &str) -> Terms {
        let seen = Seen::for_text(text.len());
        let mut gathering = Gathering {
            pairs: Vec::with_capacity(seen.slots.len() / 2),
            seen,
            rare: Vec::new(),
            words: String::new(),
            spans: Vec::new(),
        };
        terms::cut(text, &mut gathering);
        let Gathering {
            pairs,
            mut rare,
            words,
            spans,
            ..
        } = gathering;
        rare.sort_unstable();
        rare.dedup();
        Terms {
            // Copied to a block of their size: a body keeps them a while.
            pairs: Box::from(pairs.as_slice()),
            rare: rare.into_boxed_slice(),
            words: distinct_lines(&words, spans),
        }
    }

    /// The pairs of the basic plane, as [`Code`]s, in the order they first
    /// appear.
    pub fn codes(&self) -> &[Code] {
        &self.pairs
    }

    /// The other pairs, packed, ascending.
    pub fn rare_pairs(&self) -> &[u64] {
        &self.rare
    }

    /// Every pair, packed (see [`terms::pack`]): the basic plane's in the
    /// order they first appear, then the others ascending.
    pub fn packed_pairs(&self) -> impl Iterator<Item = u64> + '_ {
        self.pairs
            .iter()
            .map(|&c| code_to_packed(c))
            .chain(self.rare.iter().copied())
    }

    /// The words, ascending.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        let mut rest: &str = &self.words;
        std::iter::from_fn(move || {
            let end = rest.bytes().position(|b| b == b'\n')?;
            let (word, after) = rest.split_at(end);
            rest = after.get(1..).unwrap_or_default();
            Some(word)
        })
    }

    /// Every term, pairs first.
    pub fn iter(&self) -> impl Iterator<Item = Term<'_>> + '_ {
        self.packed_pairs()
            .filter_map(unpack)
            .chain(self.words().map(Term::Word))
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.pairs.len() + self.rare.len() + self.words.bytes().filter(|&b| b == b'\n').count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty() && self.rare.is_empty() && self.words.is_empty()
    }
}

/// The distinct words of `text` at `spans`, ascending, a line each.
fn distinct_lines(text: &str, spans: Vec<(usize, usize)>) -> Box<str> {
    let mut words: Vec<&str> = spans
        .into_iter()
        .filter_map(|(s, e)| text.get(s..e))
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for word in words {
        out.push_str(word);
        out.push('\n');
    }
    out.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::terms::{each_term, pack};

    #[test]
    fn terms_are_distinct_and_survive_packing() {
        let terms = Terms::of("志愿服务，志愿服务 2023 2023 day");
        let got: Vec<String> = terms.iter().map(|t| t.key()).collect();
        // Pairs in the order they first appear, then words ascending.
        assert_eq!(got, ["志愿", "愿服", "服务", "2023", "day"]);
        assert_eq!(terms.len(), 5);
        let rare = Terms::of("𠀀𠀁 𠀀𠀁 中𠀀");
        let got: Vec<String> = rare.iter().map(|t| t.key()).collect();
        assert_eq!(got, ["中𠀀", "𠀀𠀁"]);
    }

    #[test]
    fn terms_of_a_text_are_the_distinct_terms_cut_from_it() {
        let text = "「重陽節」敬老：王秀蘭、李秀兰……Volunteer Day 2023年，ＡＢｃ 12345热线！\
                    𠀀𠀁中𠀀 々々 〡〢 café—ж “志愿服务”，志愿服务 day 2023";
        let terms = Terms::of(text);
        let mut got: Vec<String> = terms.iter().map(|t| t.key()).collect();
        let mut want = Vec::new();
        each_term(text, |t| want.push(t.key()));
        got.sort();
        want.sort();
        want.dedup();
        assert_eq!(got, want);
        assert!(got.contains(&"々々".to_string()) && got.contains(&"秀兰".to_string()));
    }

    #[test]
    fn a_long_text_keeps_every_distinct_pair_once() {
        let text: String = (0..3000u32)
            .filter_map(|i| char::from_u32(0x4E00 + (i * 7919) % 500))
            .collect();
        let terms = Terms::of(&text);
        let mut pairs: Vec<u64> = terms.packed_pairs().collect();
        let n = pairs.len();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), n);
        let mut all = Vec::new();
        each_term(&text, |t| {
            if let Term::Pair(a, b) = t {
                all.push(pack(a, b));
            }
        });
        all.sort_unstable();
        all.dedup();
        assert_eq!(pairs, all);
    }

    #[test]
    fn a_short_text_starts_with_a_small_set_and_grows_past_it() {
        assert_eq!(Seen::for_text(12).slots.len(), 16);
        assert_eq!(Seen::for_text(6_000).slots.len(), 2048);
        assert_eq!(Seen::for_text(1 << 20).slots.len(), 4096);
        // A title's set of 16 slots grows for a text of many pairs.
        let text: String = (0..200u32)
            .filter_map(|i| char::from_u32(0x4E00 + i))
            .collect();
        let mut seen = Seen::for_text(12);
        let mut gathering_len = 0;
        for w in text.chars().collect::<Vec<_>>().windows(2) {
            if let Some(c) = code(w[0] as u32, w[1] as u32) {
                gathering_len += usize::from(seen.insert(c));
            }
        }
        assert_eq!(gathering_len, 199);
        assert_eq!(Terms::of(&text).codes().len(), 199);
    }
}
