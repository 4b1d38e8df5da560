//! Terms: what the index holds and a query looks for. A run of Chinese
//! characters gives every pair of adjacent characters (王秀兰 → 王秀, 秀兰),
//! so any two or more characters of a name, place or sentence are found
//! without a dictionary (a word list would miss the names of people and
//! villages, which are what residents look for); a run of letters or
//! digits gives one word (2023, volunteer). Text is folded first.
//!
//! A text's distinct terms are kept packed ([`Terms`]): a pair of
//! characters of the basic plane in one `u32`, words in one string, with
//! nothing allocated per term.

use super::fold;

/// Whether `c` is a Chinese character (CJK ideographs, their extensions
/// and compatibility forms, and 〇).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// One term of a text, as it is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    /// Two adjacent Chinese characters.
    Pair(char, char),
    /// A word of letters or digits, folded.
    Word(&'a str),
}

impl Term<'_> {
    /// The term as the index writes it.
    pub fn key(&self) -> String {
        match self {
            Term::Pair(a, b) => [*a, *b].iter().collect(),
            Term::Word(w) => w.to_string(),
        }
    }
}

/// Whether `c` is surely no letter or digit: general punctuation and the
/// CJK marks and brackets (、。《》「」【】…), the commonest characters of
/// Chinese text besides Chinese characters, told without Unicode's tables.
#[inline]
fn is_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x3001..=0x3004 | 0x3008..=0x3020)
}

/// Whether `c` (folded, not Chinese) belongs to a word.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_punctuation(c) && c.is_alphanumeric()
    }
}

/// Calls `each` with every term of `text`, in order, repeats included.
pub fn each_term(text: &str, mut each: impl FnMut(Term<'_>)) {
    let table = fold::table();
    let mut prev_han: Option<char> = None;
    let mut word = String::new();
    for c in text.chars() {
        let c = table.fold(c);
        if is_han(c) {
            flush(&mut word, &mut each);
            if let Some(p) = prev_han {
                each(Term::Pair(p, c));
            }
            prev_han = Some(c);
        } else if is_word_char(c) {
            prev_han = None;
            word.push(c);
        } else {
            prev_han = None;
            flush(&mut word, &mut each);
        }
    }
    flush(&mut word, &mut each);
}

fn flush(word: &mut String, each: &mut impl FnMut(Term<'_>)) {
    if !word.is_empty() {
        each(Term::Word(word));
        word.clear();
    }
}

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

/// A pair of Chinese characters of the basic plane in 32 bits: each
/// character's distance from U+3000 in 16 (never 0: every Chinese
/// character is past U+3000).
pub type Code = u32;

/// The first code point a [`Code`] counts from.
const CODE_BASE: u32 = 0x3000;

/// The code of a pair, if both characters are in the basic plane.
#[inline]
fn code(a: char, b: char) -> Option<Code> {
    let (a, b) = (a as u32, b as u32);
    (a < 0x1_0000 && b < 0x1_0000).then(|| (a - CODE_BASE) << 16 | (b - CODE_BASE))
}

/// The packed form of a code's pair (see [`pack`]).
#[inline]
pub fn code_to_packed(code: Code) -> u64 {
    u64::from((code >> 16) + CODE_BASE) << 21 | u64::from((code & 0xFFFF) + CODE_BASE)
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

    /// Adds `code`; whether it was new.
    #[inline]
    fn insert(&mut self, code: Code) -> bool {
        if !self.put(code) {
            return false;
        }
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            let mut bigger = Seen::with_slots(self.slots.len() * 2);
            for &c in self.slots.iter().filter(|&&c| c != 0) {
                bigger.put(c);
            }
            bigger.len = self.len;
            *self = bigger;
        }
        true
    }

    /// Puts `code` in its slot; whether it was new.
    #[inline]
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

impl Terms {
    /// The distinct terms of `text`: [`each_term`]'s, in one loop with
    /// nothing called per character but the folding.
    pub fn of(text: &str) -> Terms {
        let table = fold::table();
        // Room for the distinct pairs of a long article before it grows.
        let mut seen = Seen::with_slots(2048);
        let mut pairs = Vec::new();
        let mut rare = Vec::new();
        // The words, one after the other, and where each starts and ends.
        let mut words = String::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut word_start: Option<usize> = None;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            let c = table.fold(c);
            if is_han(c) {
                if let Some(start) = word_start.take() {
                    spans.push((start, words.len()));
                }
                if let Some(p) = prev {
                    match code(p, c) {
                        Some(code) => {
                            if seen.insert(code) {
                                pairs.push(code);
                            }
                        }
                        None => rare.push(pack(p, c)),
                    }
                }
                prev = Some(c);
                continue;
            }
            prev = None;
            if is_word_char(c) {
                word_start.get_or_insert(words.len());
                words.push(c);
            } else if let Some(start) = word_start.take() {
                spans.push((start, words.len()));
            }
        }
        if let Some(start) = word_start {
            spans.push((start, words.len()));
        }
        rare.sort_unstable();
        rare.dedup();
        Terms {
            // Copied to a block of their size: a body keeps them a while.
            pairs: Box::from(pairs.as_slice()),
            rare: rare.into_boxed_slice(),
            words: distinct_lines(&words, spans),
        }
    }

    /// Every pair, packed (see [`pack`]): the basic plane's in the order
    /// they first appear, then the others ascending.
    pub fn packed_pairs(&self) -> impl Iterator<Item = u64> + '_ {
        self.pairs
            .iter()
            .map(|&c| code_to_packed(c))
            .chain(self.rare.iter().copied())
    }

    /// The words, ascending.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.lines()
    }

    /// Every term, pairs first.
    pub fn iter(&self) -> impl Iterator<Item = Term<'_>> + '_ {
        self.packed_pairs()
            .filter_map(unpack)
            .chain(self.words().map(Term::Word))
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.pairs.len() + self.rare.len() + self.words().count()
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

/// Two characters in one `u64`: the first in the high bits, so packed
/// pairs sort as their keys do.
pub fn pack(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 21) | u64::from(b as u32)
}

/// The term of a packed pair.
pub fn unpack<'a>(p: u64) -> Option<Term<'a>> {
    let a = char::from_u32((p >> 21) as u32)?;
    let b = char::from_u32((p & 0x1F_FFFF) as u32)?;
    Some(Term::Pair(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_term(text, |t| out.push(t.key()));
        out
    }

    #[test]
    fn chinese_runs_give_pairs_of_adjacent_characters() {
        assert_eq!(keys("王秀兰"), ["王秀", "秀兰"]);
        assert_eq!(keys("重阳节，敬老"), ["重阳", "阳节", "敬老"]);
        // A lone character between other text gives no term.
        assert_eq!(keys("第3期"), ["3"]);
    }

    #[test]
    fn latin_words_and_numbers_are_whole_words_folded() {
        assert_eq!(keys("2023年Volunteer Day"), ["2023", "volunteer", "day"]);
        assert_eq!(keys("电话12345热线"), ["电话", "12345", "热线"]);
        assert_eq!(keys("２０２３"), ["2023"]);
    }

    #[test]
    fn traditional_text_gives_the_terms_of_simplified_text() {
        assert_eq!(keys("重陽節"), keys("重阳节"));
    }

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
    fn codes_pack_as_pairs_do() {
        for (a, b) in [('〇', '一'), ('王', '秀'), ('\u{FAFF}', '\u{3400}')] {
            let c = code(a, b).unwrap_or_default();
            assert_ne!(c, 0);
            assert_eq!(code_to_packed(c), pack(a, b));
        }
        assert_eq!(code('𠀀', '中'), None);
    }

    #[test]
    fn punctuation_told_without_tables_is_no_letter_or_digit() {
        for cp in (0x2000..=0x206F)
            .chain(0x3001..=0x3004)
            .chain(0x3008..=0x3020)
        {
            let c = char::from_u32(cp).unwrap_or('a');
            assert!(!c.is_alphanumeric(), "{cp:x}");
            assert!(is_punctuation(c));
        }
        for c in ['々', '〆', '〡', 'é', 'ж', '٣', 'ｱ'] {
            assert!(is_word_char(c), "{c}");
        }
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
}
