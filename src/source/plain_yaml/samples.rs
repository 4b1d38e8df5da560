//! Random YAML documents of the shapes front matter takes, and the check
//! that holds the plain reader to the YAML crate: whatever the reader
//! reads, the crate must read the same. Shared by the reader's own tests
//! and by those of the front matter's types.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::source::yaml::read_by_crate;

/// Reads `yaml` into `T` with the plain reader and with the YAML crate:
/// whenever the reader reads it, the crate must read the same. Returns
/// whether the reader read it.
pub(crate) fn agrees<T: DeserializeOwned + fmt::Debug>(yaml: &str) -> bool {
    let Some(ours) = super::from_str::<T>(yaml) else {
        return false;
    };
    match read_by_crate::<T>(yaml) {
        Ok(theirs) => assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{yaml}"),
        Err(e) => panic!("read {yaml:?} as {ours:?}; the YAML crate refuses it: {e:?}"),
    }
    true
}

/// A small deterministic generator (xorshift64*).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }

    pub(crate) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Scalars of every kind, as written: text, numbers, dates, flags, nulls,
/// quoted, one-line lists and mappings, and near misses of each.
pub(crate) const SCALARS: &[&str] = &[
    "志愿服务",
    "2024-05-01",
    "2024-12-30T22:33:01+08:00",
    "20",
    "0",
    "007",
    "1.5",
    "-3",
    "+4",
    "0x1F",
    "1e3",
    ".inf",
    "inf",
    "true",
    "True",
    "yes",
    "~",
    "null",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "http://x.org/?a=b",
    "50%",
    "中 文",
    "1_000",
    "12:30",
    "v1.2",
    "-",
    "?x",
    "a'b",
    "a\"b",
    "Ａ１，。",
    "18446744073709551616",
    "\"20\"",
    "\"a: b\"",
    "\"a\\\"b\"",
    "'it''s'",
    "''",
    "\"\"",
    "'a # b'",
    "\"#\"",
    "[]",
    "[a, b]",
    "[\"a\", 'b', 3]",
    "[a,b]",
    "[ a , b ]",
    "[a, b,]",
    "[a, [b]]",
    "{a: b}",
    "&x a",
    "*x",
    "!t a",
    "|",
    "x  ",
    "x # c",
    "\"x\"  # c",
    "[a] # c",
    "@a",
    "`a`",
    "%a",
    "{a: 1, b: x}",
    "{}",
    "{a: [b]}",
    "{a:1}",
    "{ a: 1 }",
    "{a: 1, a: 1}",
    "0.5",
    "1.",
    "12.50",
    "a\u{2028}b",
    "a\u{85}b",
    "a\u{3000}",
];

/// A random document of the shapes front matter takes, and of its
/// near misses.
pub(crate) fn document(rng: &mut Rng, keys: &[&str], indent: usize, depth: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for _ in 0..1 + rng.below(5) {
        let key = rng.pick(keys);
        match rng.below(10) {
            0 if depth < 2 => {
                out.push_str(&format!("{pad}{key}:\n"));
                out.push_str(&document(rng, keys, indent + 2, depth + 1));
            }
            1 if depth < 2 => {
                out.push_str(&format!("{pad}{key}:\n"));
                let dash = indent + 2 * rng.below(2);
                for _ in 0..1 + rng.below(3) {
                    if rng.below(3) == 0 {
                        let item = document(rng, keys, dash + 2, depth + 1);
                        out.push_str(&format!("{}- {}", " ".repeat(dash), &item[dash + 2..]));
                    } else {
                        out.push_str(&format!("{}- {}\n", " ".repeat(dash), rng.pick(SCALARS)));
                    }
                }
            }
            2 => out.push_str(&format!("{pad}# {}\n\n", rng.pick(SCALARS))),
            3 => out.push_str(&format!("{pad}{key}:\n")),
            _ => out.push_str(&format!("{pad}{key}: {}\n", rng.pick(SCALARS))),
        }
    }
    out
}
