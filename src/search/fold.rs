//! Folding: the one form text is indexed and searched in. Traditional
//! characters become simplified (the table of `t2s.txt`, see
//! `T2S-LICENSE`), full-width letters and digits become ASCII, Latin
//! letters lower case. Every character folds to exactly one character, so
//! positions in folded text are positions in the original (the search
//! page highlights by them).

use std::sync::OnceLock;

/// The traditional-to-simplified table: a line per character pair.
const T2S: &str = include_str!("t2s.txt");

/// Each traditional character and its simplified form, in table order.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    T2S.lines().filter_map(|line| {
        let mut chars = line.chars().filter(|c| !c.is_whitespace());
        Some((chars.next()?, chars.next()?))
    })
}

/// The table as an array indexed by code point, over the span of code
/// points it changes: folding a character is a comparison and a load.
#[derive(Debug)]
pub struct Folding {
    /// The first code point of the span.
    start: u32,
    /// What each code point of the span folds to.
    to: Box<[char]>,
    /// A bit for each code point of the span that changes: a few
    /// kilobytes, where most lookups of simplified text end.
    changes: Box<[u64]>,
    /// For each code point of U+4000 to U+9FFF (those of lead bytes E4 to
    /// E9 in UTF-8), what it folds to as its distance from U+3000 when
    /// that is a common Chinese character (U+4E00 to U+9FFF), else 0:
    /// the whole of folding such a character, one load.
    common: Box<[u16; COMMON_LEN]>,
}

/// The first code point of [`Folding`]'s table of common characters.
pub const COMMON_START: u32 = 0x4000;

/// Code points in [`Folding`]'s table of common characters (U+4000 to
/// U+9FFF).
pub const COMMON_LEN: usize = 0x6000;

/// What the table of common characters counts from.
pub const COMMON_BASE: u32 = 0x3000;

impl Folding {
    fn of(pairs: &[(char, char)]) -> Folding {
        let start = pairs.iter().map(|&(t, _)| t as u32).min().unwrap_or(0);
        let end = pairs.iter().map(|&(t, _)| t as u32 + 1).max().unwrap_or(0);
        let mut to: Vec<char> = (start..end)
            .map(|cp| char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        let mut changes = vec![0u64; to.len().div_ceil(64)];
        for &(t, s) in pairs {
            let i = (t as u32 - start) as usize;
            to[i] = s;
            changes[i / 64] |= 1 << (i % 64);
        }
        let mut folding = Folding {
            start,
            to: to.into_boxed_slice(),
            changes: changes.into_boxed_slice(),
            common: Box::new([0; COMMON_LEN]),
        };
        let mut common = Box::new([0; COMMON_LEN]);
        let lookup = folding.lookup();
        for (cp, slot) in (COMMON_START..).zip(common.iter_mut()) {
            *slot = match lookup.fold(cp) {
                folded @ 0x4E00..=0x9FFF if cp >= 0x4E00 => (folded - COMMON_BASE) as u16,
                _ => 0,
            };
        }
        folding.common = common;
        folding
    }

    /// One character folded.
    #[inline]
    pub fn fold(&self, c: char) -> char {
        match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            c if (c as u32) < 0x3000 => c,
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
            }
            '\u{3000}' => ' ',
            c => {
                let i = (c as u32).wrapping_sub(self.start) as usize;
                match self.changes.get(i / 64) {
                    Some(bits) if bits & (1 << (i % 64)) != 0 => {
                        self.to.get(i).copied().unwrap_or(c)
                    }
                    _ => c,
                }
            }
        }
    }
}

/// The table borrowed for a loop over many characters (its fields kept
/// in registers): folds code points past U+3000 but full-width forms.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    start: u32,
    changes: &'a [u64],
    to: &'a [char],
    common: &'a [u16; COMMON_LEN],
}

impl Lookup<'_> {
    /// A code point past U+3000, not a full-width form, folded: the
    /// bitmap, and the table for the few that change.
    #[inline(always)]
    pub fn fold(self, cp: u32) -> u32 {
        let i = cp.wrapping_sub(self.start) as usize;
        match self.changes.get(i / 64) {
            Some(bits) if bits & (1 << (i % 64)) != 0 => self.to.get(i).map_or(cp, |&c| c as u32),
            _ => cp,
        }
    }

    /// The character of code point `COMMON_START + at` (U+4000 to U+9FFF,
    /// lead bytes E4 to E9) folded, as its distance from `COMMON_BASE`,
    /// when it folds to a common Chinese character (U+4E00 to U+9FFF);
    /// else 0.
    #[inline(always)]
    pub fn common_han(self, at: usize) -> u32 {
        self.common.get(at).map_or(0, |&d| u32::from(d))
    }
}

impl Folding {
    /// The table for a loop over many characters.
    #[inline]
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            start: self.start,
            changes: &self.changes,
            to: &self.to,
            common: &self.common,
        }
    }

    /// A Chinese character of U+4E00 to U+9FFF (as a code point) folded.
    #[inline]
    pub fn fold_common_han(&self, cp: u32) -> u32 {
        self.lookup().fold(cp)
    }

    /// One code point folded, as [`Folding::fold`] folds its character.
    #[inline]
    pub fn fold_code(&self, cp: u32) -> u32 {
        match cp {
            0x41..=0x5A => cp | 0x20,
            _ if cp < 0x3000 => cp,
            0xFF01..=0xFF5E => {
                let ascii = cp - 0xFEE0;
                match ascii {
                    0x41..=0x5A => ascii | 0x20,
                    _ => ascii,
                }
            }
            0x3000 => 0x20,
            _ => self.fold_common_han(cp),
        }
    }
}

/// The table, built once a run.
pub fn table() -> &'static Folding {
    static TABLE: OnceLock<Folding> = OnceLock::new();
    TABLE.get_or_init(|| Folding::of(&pairs().collect::<Vec<_>>()))
}

/// One character folded.
pub fn fold_char(c: char) -> char {
    table().fold(c)
}

/// `text` folded, character by character.
pub fn fold(text: &str) -> String {
    let table = table();
    text.chars().map(|c| table.fold(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_fold_to_simplified() {
        assert_eq!(fold("重陽節"), "重阳节");
        assert_eq!(fold("王秀蘭"), "王秀兰");
        assert_eq!(fold("志願服務"), "志愿服务");
        // Simplified text stays as it is.
        assert_eq!(fold("重阳节志愿服务"), "重阳节志愿服务");
    }

    #[test]
    fn full_width_and_capitals_fold_to_lower_case_ascii() {
        assert_eq!(fold("２０２３ＡＢｃ"), "2023abc");
        assert_eq!(fold("Volunteer Day"), "volunteer day");
    }

    #[test]
    fn every_character_folds_to_one_character() {
        for (t, s) in pairs() {
            assert_eq!(fold_char(t), s);
            assert_eq!(t.len_utf8(), 3, "{t} is in the basic plane");
        }
        assert!(pairs().count() > 2700);
    }

    #[test]
    fn code_points_fold_as_their_characters_do() {
        let table = table();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(table.fold_code(c as u32), table.fold(c) as u32, "{c:?}");
        }
        for cp in 0x4E00..=0x9FFF {
            assert_eq!(table.fold_common_han(cp), table.fold_code(cp), "{cp:x}");
        }
    }

    #[test]
    fn the_table_of_common_characters_folds_as_the_table_does() {
        let lookup = table().lookup();
        for cp in COMMON_START..0xA000 {
            let folded = table().fold_code(cp);
            let want = match folded {
                0x4E00..=0x9FFF if cp >= 0x4E00 => folded - COMMON_BASE,
                _ => 0,
            };
            assert_eq!(
                lookup.common_han((cp - COMMON_START) as usize),
                want,
                "{cp:x}"
            );
        }
        assert_eq!(lookup.common_han(0x6000), 0);
    }

    #[test]
    fn characters_around_the_table_fold_to_themselves() {
        for c in [
            '\u{3007}', '\u{4DFF}', '\u{4E00}', '\u{9FFF}', '\u{F900}', '𠀀', '中',
        ] {
            assert_eq!(fold_char(c), c);
        }
        assert_eq!(fold_char('\u{3000}'), ' ');
        assert_eq!(fold_char('é'), 'é');
    }
}
