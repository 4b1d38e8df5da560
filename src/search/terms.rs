//! Terms: what the index holds and a query looks for. A run of Chinese
//! characters gives every pair of adjacent characters (王秀兰 → 王秀, 秀兰),
//! so any two or more characters of a name, place or sentence are found
//! without a dictionary (a word list would miss the names of people and
//! villages, which are what residents look for); a run of letters or
//! digits gives one word (2023, volunteer). Text is folded first.
//!
//! Two cutters give the same terms: [`each_term`], character by
//! character, which says what the terms are, and [`cut`], which reads the
//! UTF-8 bytes (a run of ASCII at a time, a common Chinese character's
//! three bytes straight to its code point) and is what the index uses.

use std::sync::OnceLock;

use super::fold;

/// Whether `c` is a Chinese character (CJK ideographs, their extensions
/// and compatibility forms, and 〇).
#[inline]
pub fn is_han(c: char) -> bool {
    is_han_code(c as u32)
}

/// Whether code point `cp` is a Chinese character (see [`is_han`]).
#[inline]
fn is_han_code(cp: u32) -> bool {
    matches!(cp,
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

/// Calls `each` with every term of `text`, in order, repeats included:
/// the terms, told character by character.
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

/// What [`cut`] hands its terms to, in the order they are cut.
pub trait Sink {
    /// Two adjacent Chinese characters, folded, as code points.
    fn pair(&mut self, a: u32, b: u32);
    /// Two adjacent Chinese characters of the basic plane, folded, as
    /// their [`Code`].
    #[inline]
    fn code(&mut self, code: Code) {
        self.pair((code >> 16) + CODE_BASE, (code & 0xFFFF) + CODE_BASE);
    }
    /// The pairs of a run of common Chinese characters, as their codes,
    /// in order: each taken from `run` ([`Sink::code`] of each, unless a
    /// sink takes them its own way).
    #[inline]
    fn codes(&mut self, run: &mut CommonRun<'_, '_>) {
        for code in run {
            self.code(code);
        }
    }
    /// A word of letters or digits, folded.
    fn word(&mut self, word: &str);
}

/// The pairs of a run of common Chinese characters (U+4E00 to U+9FFF,
/// lead bytes E4 to E9) as they are read, as their [`Code`]s: three bytes
/// to a place in the table of common characters, which folds them. Marks
/// between them that are surely no letter or digit ([`Gaps`]: a space, a
/// comma, 。, “, ，) are read over in the same loop, the pair broken there;
/// the run ends at the first other character.
pub struct CommonRun<'b, 't> {
    /// The text's bytes from the next character on.
    rest: &'b [u8],
    /// The previous character's half of a pair's code, shifted (0 after
    /// a gap).
    high: u32,
    /// The folding table.
    table: fold::Lookup<'t>,
    /// The marks read over.
    gaps: &'t Gaps,
}

impl Iterator for CommonRun<'_, '_> {
    type Item = Code;

    #[inline(always)]
    fn next(&mut self) -> Option<Code> {
        loop {
            let &[lead, b1, b2, ref after @ ..] = self.rest else {
                return None;
            };
            let row = lead.wrapping_sub(0xE4);
            if row > 5 {
                let len = self.gaps.len_at(lead, b1, b2);
                self.rest = self.rest.get(len..).filter(|_| len > 0)?;
                self.high = 0;
                continue;
            }
            let at = common_place(row, b1, b2);
            let low = self.table.common_han(at);
            if low == 0 {
                return None;
            }
            let code = self.high | low;
            self.high = low << 16;
            self.rest = after;
            if code > 0xFFFF {
                return Some(code);
            }
        }
    }
}

/// The place in the table of common characters of the character of lead
/// byte `0xE4 + row` (row 0 to 5) followed by `b1` and `b2`: its code
/// point less U+4000.
#[inline(always)]
fn common_place(row: u8, b1: u8, b2: u8) -> usize {
    usize::from(row) << 12 | usize::from(b1 & 0x3F) << 6 | usize::from(b2 & 0x3F)
}

/// The characters of the basic plane that are surely no Chinese
/// character nor belong to a word once folded, among ASCII, general
/// punctuation (U+2000 to U+206F), CJK marks (U+3000 to U+303F) and
/// full-width forms (U+FF00 to U+FFEF): a bit each, by code point. What
/// a run of Chinese characters reads over (see [`CommonRun`]).
pub struct Gaps {
    bits: Box<[u64; GAP_WORDS]>,
}

/// Words of [`Gaps`]' bits: one bit for each code point of the basic plane.
const GAP_WORDS: usize = 0x1_0000 / 64;

impl Gaps {
    /// The bits, told as [`each_term`] tells a character.
    fn of(table: &fold::Folding) -> Gaps {
        let mut bits = Box::new([0u64; GAP_WORDS]);
        let spans = [0..0x80, 0x2000..0x2070, 0x3000..0x3040, 0xFF00..0xFFF0];
        for cp in spans.into_iter().flatten() {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let folded = table.fold(c);
            if !is_han(folded) && !is_word_char(folded) {
                bits[cp as usize / 64] |= 1 << (cp % 64);
            }
        }
        Gaps { bits }
    }

    /// Whether code point `cp` (of the basic plane) is a gap.
    #[inline(always)]
    fn has(&self, cp: u32) -> bool {
        let word = self.bits[(cp as usize >> 6) & (GAP_WORDS - 1)];
        word & (1 << (cp & 63)) != 0
    }

    /// The length in bytes of the character of lead byte `lead` followed
    /// by `b1` and `b2`, when it is a gap of one or three bytes; else 0.
    #[inline(always)]
    fn len_at(&self, lead: u8, b1: u8, b2: u8) -> usize {
        if lead < 0x80 {
            return usize::from(self.has(u32::from(lead)));
        }
        if lead & 0xF0 != 0xE0 {
            return 0;
        }
        let cp = u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        if self.has(cp) {
            3
        } else {
            0
        }
    }
}

/// The gaps, built once a run.
pub fn gaps() -> &'static Gaps {
    static GAPS: OnceLock<Gaps> = OnceLock::new();
    GAPS.get_or_init(|| Gaps::of(fold::table()))
}

/// The state of a cut between two characters: the word being cut and the
/// Chinese character before (0: none).
struct Cutting<'s, 'g, S> {
    sink: &'s mut S,
    word: String,
    prev: u32,
    gaps: &'g Gaps,
}

impl<S: Sink> Cutting<'_, '_, S> {
    /// A character that is no Chinese character nor belongs to a word.
    #[inline]
    fn gap(&mut self) {
        self.prev = 0;
        if !self.word.is_empty() {
            self.sink.word(&self.word);
            self.word.clear();
        }
    }

    /// A Chinese character, folded.
    #[inline]
    fn han(&mut self, cp: u32) {
        if !self.word.is_empty() {
            self.gap();
        }
        if self.prev != 0 {
            self.sink.pair(self.prev, cp);
        }
        self.prev = cp;
    }

    /// The rest of a run of common Chinese characters (U+4E00 to U+9FFF,
    /// lead bytes E4 to E9) and the gaps between them from `bytes[i]`,
    /// after the run's first character was cut ([`Cutting::han`], or
    /// [`Cutting::gap`] for a gap): its pairs handed on as a
    /// [`CommonRun`]. Returns where the run ends.
    #[inline]
    fn common_han_run(&mut self, bytes: &[u8], i: usize, table: fold::Lookup<'_>) -> usize {
        let mut run = CommonRun {
            rest: bytes.get(i..).unwrap_or_default(),
            high: match self.prev {
                0 => 0,
                prev => (prev - CODE_BASE) << 16,
            },
            table,
            gaps: self.gaps,
        };
        self.sink.codes(&mut run);
        // A sink that left codes untaken: the run is cut to its end.
        for code in &mut run {
            self.sink.code(code);
        }
        self.prev = match run.high {
            0 => 0,
            high => (high >> 16) + CODE_BASE,
        };
        bytes.len() - run.rest.len()
    }

    /// Cuts the character of three bytes at `bytes[i]` when it starts a
    /// [`CommonRun`]: a common Chinese character ([`Cutting::han`]) or a
    /// gap of three bytes ([`Cutting::gap`]); where the run goes on.
    #[inline(always)]
    fn run_start(&mut self, bytes: &[u8], i: usize, table: fold::Lookup<'_>) -> Option<usize> {
        let &[lead, b1, b2, ..] = bytes.get(i..)? else {
            return None;
        };
        let row = lead.wrapping_sub(0xE4);
        if row <= 5 {
            let at = common_place(row, b1, b2);
            match table.common_han(at) {
                0 => return None,
                low => self.han(low + CODE_BASE),
            }
        } else if self.gaps.len_at(lead, b1, b2) == 3 {
            self.gap();
        } else {
            return None;
        }
        Some(i + 3)
    }

    /// A run of ASCII letters and digits, `run`, followed by `next` (the
    /// next byte, 0 at the end): handed on as it is when it is a whole
    /// word in lower case, else added to the word being cut.
    #[inline]
    fn ascii_run(&mut self, run: &str, next: u8) {
        self.prev = 0;
        let whole = self.word.is_empty() && next < 0x80;
        if whole && !run.bytes().any(|b| b.is_ascii_uppercase()) {
            self.sink.word(run);
            return;
        }
        let start = self.word.len();
        self.word.push_str(run);
        if let Some(added) = self.word.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    }

    /// Any other character, folded.
    fn other(&mut self, cp: u32) {
        if is_han_code(cp) {
            return self.han(cp);
        }
        match char::from_u32(cp) {
            Some(c) if is_word_char(c) => {
                self.prev = 0;
                self.word.push(c);
            }
            _ => self.gap(),
        }
    }
}

/// The code point of the character starting at `bytes[i]` (a lead byte
/// of valid UTF-8, not ASCII) and its length in bytes.
#[inline]
fn decode(bytes: &[u8], i: usize, lead: u8) -> (u32, usize) {
    let next = |k: usize| bytes.get(i + k).map_or(0, |&b| u32::from(b & 0x3F));
    let lead = u32::from(lead);
    if lead < 0xE0 {
        ((lead & 0x1F) << 6 | next(1), 2)
    } else if lead < 0xF0 {
        ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3)
    } else {
        (
            (lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3),
            4,
        )
    }
}

/// Hands every term of `text` to `sink`, in order, repeats included: the
/// terms of [`each_term`], read from the UTF-8 bytes. ASCII is taken a
/// run at a time (a lower-case word is handed on as a slice of `text`);
/// a common Chinese character or a gap of three bytes starts a
/// [`CommonRun`], which folds each character of U+4E00 to U+9FFF (lead
/// bytes E4 to E9) by one load from the table of common characters and
/// reads over the gaps between them; anything else is decoded and folded
/// as [`each_term`] folds it.
pub fn cut<S: Sink>(text: &str, sink: &mut S) {
    let table = fold::table();
    let lookup = table.lookup();
    let bytes = text.as_bytes();
    let mut at = Cutting {
        sink,
        word: String::new(),
        prev: 0,
        gaps: gaps(),
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                at.gap();
                i += 1;
                continue;
            }
            let rest = bytes.get(i..).unwrap_or_default();
            let len = rest
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let next = bytes.get(i + len).copied().unwrap_or(0);
            at.ascii_run(text.get(i..i + len).unwrap_or_default(), next);
            i += len;
            continue;
        }
        if let Some(start) = at.run_start(bytes, i, lookup) {
            i = at.common_han_run(bytes, start, lookup);
            continue;
        }
        let (cp, len) = decode(bytes, i, b);
        i += len;
        let low = match cp.checked_sub(fold::COMMON_START) {
            Some(at) => lookup.common_han(at as usize),
            None => 0,
        };
        if low != 0 {
            at.han(low + CODE_BASE);
            i = at.common_han_run(bytes, i, lookup);
            continue;
        }
        at.other(table.fold_code(cp));
    }
    at.gap();
}

/// A pair of Chinese characters of the basic plane in 32 bits: each
/// character's distance from U+3000 in 16 (never 0: every Chinese
/// character is past U+3000).
pub type Code = u32;

/// The first code point a [`Code`] counts from (as the folding table's
/// common characters do).
const CODE_BASE: u32 = fold::COMMON_BASE;

/// The code of a pair of code points, if both are in the basic plane.
#[inline]
pub fn code(a: u32, b: u32) -> Option<Code> {
    (a < 0x1_0000 && b < 0x1_0000).then(|| (a - CODE_BASE) << 16 | (b - CODE_BASE))
}

/// The packed form of a code's pair (see [`pack`]).
#[inline]
pub fn code_to_packed(code: Code) -> u64 {
    pack_code_points((code >> 16) + CODE_BASE, (code & 0xFFFF) + CODE_BASE)
}

/// The code of a packed pair, if both its characters are of the basic
/// plane and past U+3000.
#[inline]
pub fn packed_to_code(p: u64) -> Option<Code> {
    let (a, b) = ((p >> 21) as u32, (p & 0x1F_FFFF) as u32);
    let past = |c: u32| (CODE_BASE + 1..0x1_0000).contains(&c);
    (past(a) && past(b)).then(|| (a - CODE_BASE) << 16 | (b - CODE_BASE))
}

/// Two characters in one `u64`: the first in the high bits, so packed
/// pairs sort as their keys do.
pub fn pack(a: char, b: char) -> u64 {
    pack_code_points(a as u32, b as u32)
}

/// Two code points in one `u64`, as [`pack`].
#[inline]
pub fn pack_code_points(a: u32, b: u32) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

/// The term of a packed pair.
pub fn unpack<'a>(p: u64) -> Option<Term<'a>> {
    let a = char::from_u32((p >> 21) as u32)?;
    let b = char::from_u32((p & 0x1F_FFFF) as u32)?;
    Some(Term::Pair(a, b))
}

#[cfg(test)]
mod tests;
