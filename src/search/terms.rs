//! Terms: what the index holds and a query looks for. A run of Chinese
//! characters gives every pair of adjacent characters (王秀兰 → 王秀, 秀兰),
//! so any two or more characters of a name, place or sentence are found
//! without a dictionary (a word list would miss the names of people and
//! villages, which are what residents look for); a run of letters or
//! digits gives one word (2023, volunteer). Text is folded first.

use super::fold::fold_char;

/// Whether `c` is a Chinese character (CJK ideographs, their extensions
/// and compatibility forms, and 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// One term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// Two adjacent Chinese characters.
    Pair(char, char),
    /// A word of letters or digits, folded.
    Word(Box<str>),
}

impl Term {
    /// The term as the index writes it.
    pub fn key(&self) -> String {
        match self {
            Term::Pair(a, b) => [*a, *b].iter().collect(),
            Term::Word(w) => w.to_string(),
        }
    }
}

/// Calls `each` with every term of `text`, in order, repeats included.
pub fn each_term(text: &str, mut each: impl FnMut(Term)) {
    let mut prev_han: Option<char> = None;
    let mut word = String::new();
    for c in text.chars().map(fold_char) {
        if is_han(c) {
            flush(&mut word, &mut each);
            if let Some(p) = prev_han {
                each(Term::Pair(p, c));
            }
            prev_han = Some(c);
        } else if c.is_alphanumeric() {
            prev_han = None;
            word.push(c);
        } else {
            prev_han = None;
            flush(&mut word, &mut each);
        }
    }
    flush(&mut word, &mut each);
}

fn flush(word: &mut String, each: &mut impl FnMut(Term)) {
    if !word.is_empty() {
        each(Term::Word(std::mem::take(word).into_boxed_str()));
    }
}

/// The distinct terms of a text, packed small: a body keeps them until the
/// index is built (a pair of characters in one `u64`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pairs: Vec<u64>,
    words: Vec<Box<str>>,
}

impl Terms {
    /// The distinct terms of `text`.
    pub fn of(text: &str) -> Terms {
        let mut terms = Terms::default();
        each_term(text, |term| match term {
            Term::Pair(a, b) => terms.pairs.push(pack(a, b)),
            Term::Word(w) => terms.words.push(w),
        });
        terms.pairs.sort_unstable();
        terms.pairs.dedup();
        terms.words.sort_unstable();
        terms.words.dedup();
        terms.pairs.shrink_to_fit();
        terms.words.shrink_to_fit();
        terms
    }

    /// Every term, pairs first.
    pub fn iter(&self) -> impl Iterator<Item = Term> + '_ {
        self.pairs
            .iter()
            .filter_map(|&p| unpack(p))
            .chain(self.words.iter().map(|w| Term::Word(w.clone())))
    }

    /// The pairs, packed (two characters in one `u64`), ascending.
    pub fn packed_pairs(&self) -> &[u64] {
        &self.pairs
    }

    /// The words, ascending.
    pub fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.pairs.len() + self.words.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn pack(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 21) | u64::from(b as u32)
}

/// The term of a packed pair.
pub fn unpack(p: u64) -> Option<Term> {
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
        let terms = Terms::of("志愿服务，志愿服务 2023 2023");
        let mut got: Vec<String> = terms.iter().map(|t| t.key()).collect();
        got.sort();
        assert_eq!(got, ["2023", "志愿", "愿服", "服务"]);
        assert_eq!(terms.len(), 4);
        let rare = Terms::of("𠀀𠀁");
        assert_eq!(
            rare.iter().next().map(|t| t.key()),
            Some("𠀀𠀁".to_string())
        );
    }
}
