//! The index's posting lists as shards: the runs of pages' lists cut by
//! shard (a hash of the term, the search page computes the same) and
//! joined term by term in page order, and each shard written as a script
//! of its terms, ordered by key.

use rayon::prelude::*;

use super::postings::{List, Lists};
use super::terms::{code_to_packed, unpack, Term};

/// About what a shard should weigh, in bytes.
const SHARD_TARGET: usize = 24 * 1024;

/// The posting lists of a site's pages: runs of consecutive pages, in
/// page order, each filled apart ([`super::index::add_page`]); a term's
/// lists of the runs are joined when its shard is made, so the lists are
/// the same however the pages were cut into runs.
#[derive(Debug, Default)]
pub struct Postings(Vec<Lists>);

/// A shard's terms and their lists, a vector a run of pages, in order.
pub(super) type Parts = Vec<Vec<(Key, List)>>;

/// One term's entry in a shard: its key and its lists of the runs, in
/// page order.
pub(super) type Entry = (Key, Vec<List>);

/// A term as a shard's key: a pair of characters (nothing allocated for
/// it) or a word. Keys order as their texts do (UTF-8 orders as code
/// points).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Key {
    /// Two Chinese characters.
    Pair(char, char),
    /// A word of letters or digits.
    Word(Box<str>),
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        match (self, other) {
            (Key::Pair(a, b), Key::Pair(c, d)) => (a, b).cmp(&(c, d)),
            (Key::Word(v), Key::Word(w)) => v.cmp(w),
            (Key::Pair(a, b), Key::Word(w)) => [*a, *b].into_iter().cmp(w.chars()),
            (Key::Word(w), Key::Pair(a, b)) => w.chars().cmp([*a, *b]),
        }
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Pair(a, b) => write!(f, "{a}{b}"),
            Key::Word(w) => f.write_str(w),
        }
    }
}

impl Key {
    /// The shard of the key among `shards` (see [`shard_of`]).
    fn shard(&self, shards: u32) -> u32 {
        match self {
            Key::Pair(a, b) => fnv_code_points([*a, *b].into_iter()) % shards,
            Key::Word(w) => shard_of(w, shards),
        }
    }

    /// Bytes of the key in UTF-8, about.
    fn len(&self) -> usize {
        match self {
            Key::Pair(..) => 6,
            Key::Word(w) => w.len(),
        }
    }

    /// Writes the key as a JSON string: as it is, quoted, since neither
    /// Chinese characters nor letters and digits need escaping (a word
    /// that did would go through `serde_json`, which escapes alike).
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Key::Pair(a, b) => {
                let mut buf = [0u8; 4];
                out.push(b'"');
                out.extend_from_slice(a.encode_utf8(&mut buf).as_bytes());
                out.extend_from_slice(b.encode_utf8(&mut buf).as_bytes());
                out.push(b'"');
            }
            Key::Word(w) if !w.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) => {
                out.push(b'"');
                out.extend_from_slice(w.as_bytes());
                out.push(b'"');
            }
            Key::Word(w) => {
                let json = serde_json::to_string(w).unwrap_or_default();
                out.extend_from_slice(json.as_bytes());
            }
        }
    }
}

impl Postings {
    /// The postings of `runs`, in page order.
    pub fn of_runs(runs: Vec<Lists>) -> Postings {
        Postings(runs.into_iter().filter(|run| !run.is_empty()).collect())
    }

    /// Bytes of postings in all.
    pub(super) fn len(&self) -> usize {
        let run_len = |lists: &Lists| -> usize {
            let pairs = lists.pairs.iter().map(|(_, l)| l.encoded().len());
            let rare = lists.rare.values().map(|l| l.encoded().len());
            let words = lists.words.values().map(|l| l.encoded().len());
            pairs.chain(rare).chain(words).sum()
        };
        self.0.iter().map(run_len).sum()
    }

    /// The terms of each of `shards` shards, each run's cut apart in
    /// parallel.
    pub(super) fn into_shards(self, shards: u32) -> Vec<Parts> {
        let runs: Vec<Vec<Vec<(Key, List)>>> = self
            .0
            .into_par_iter()
            .map(|lists| by_shard(lists, shards))
            .collect();
        let mut parts: Vec<Parts> = (0..shards)
            .map(|_| Vec::with_capacity(runs.len()))
            .collect();
        for run in runs {
            for (shard, terms) in parts.iter_mut().zip(run) {
                shard.push(terms);
            }
        }
        parts
    }

    /// Every term and its joined postings, in one shard.
    #[cfg(test)]
    pub(super) fn joined(self) -> Vec<(String, Vec<u8>)> {
        let entries = self.into_shards(1).into_iter().flat_map(join_runs);
        let joined = |lists: Vec<List>| {
            let mut out = Vec::new();
            List::write_joined(&lists, &mut out);
            out
        };
        entries
            .map(|(key, lists)| (key.to_string(), joined(lists)))
            .collect()
    }
}

/// The terms of one run's `lists` by shard, among `shards`.
fn by_shard(lists: Lists, shards: u32) -> Vec<Vec<(Key, List)>> {
    let mut by_shard: Vec<Vec<(Key, List)>> = (0..shards).map(|_| Vec::new()).collect();
    let Lists { pairs, rare, words } = lists;
    let pairs = pairs
        .into_lists()
        .into_iter()
        .map(|(code, list)| (code_to_packed(code), list))
        .chain(rare)
        .filter_map(|(p, list)| match unpack(p)? {
            Term::Pair(a, b) => Some((Key::Pair(a, b), list)),
            Term::Word(_) => None,
        });
    let words = words.into_iter().map(|(w, list)| (Key::Word(w), list));
    for (key, list) in pairs.chain(words) {
        if let Some(shard) = by_shard.get_mut(key.shard(shards) as usize) {
            shard.push((key, list));
        }
    }
    by_shard
}

/// A shard's entries, ordered by key: each term with its lists of the
/// runs, in page order.
pub(super) fn join_runs(parts: Parts) -> Vec<Entry> {
    let mut terms: Vec<(Key, List)> = parts.into_iter().flatten().collect();
    // Stable: a term's lists stay in the order of their runs.
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    let mut entries: Vec<Entry> = Vec::with_capacity(terms.len());
    for (key, list) in terms {
        match entries.last_mut() {
            Some((last, lists)) if *last == key => lists.push(list),
            _ => entries.push((key, vec![list])),
        }
    }
    entries
}

/// `redvestSearch.shard(<n>,{"key":"postings",…});`: the JSON object of
/// its entries, keys ascending, each term's lists joined as they are
/// written.
pub(super) fn shard_script(n: usize, entries: &[Entry]) -> Vec<u8> {
    let list_len = |lists: &[List]| lists.iter().map(|l| l.encoded().len()).sum::<usize>();
    let size: usize = entries
        .iter()
        .map(|(k, lists)| k.len() + list_len(lists) + 6)
        .sum();
    let mut out = Vec::with_capacity(size + 32);
    out.extend_from_slice(format!("redvestSearch.shard({n},{{").as_bytes());
    for (i, (key, lists)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        key.write_json(&mut out);
        // Postings are of `postings::DIGITS`, which need no escaping.
        out.extend_from_slice(b":\"");
        List::write_joined(lists, &mut out);
        out.push(b'"');
    }
    out.extend_from_slice(b"});\n");
    out
}

/// How many shards for `total` bytes of postings: a power of two.
pub(super) fn shard_count(total: usize) -> u32 {
    (total / SHARD_TARGET).max(1).next_power_of_two() as u32
}

/// The shard of a term: FNV-1a over its code points (the search page
/// computes the same).
pub fn shard_of(key: &str, shards: u32) -> u32 {
    fnv_code_points(key.chars()) % shards
}

/// FNV-1a over code points.
fn fnv_code_points(chars: impl Iterator<Item = char>) -> u32 {
    chars.fold(0x811c_9dc5, |h, c| (h ^ c as u32).wrapping_mul(16_777_619))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{add_text, Field};

    #[test]
    fn runs_filled_apart_join_as_one_run() {
        let texts = [
            "王秀兰 2023 volunteer 𠀀𠀁",
            "王秀兰的故事",
            "敬老院 volunteer",
            "王秀兰 2023",
            "",
            "敬老院里的王秀兰 𠀀𠀁 2023 a-much-longer-word",
        ];
        let fill = |pages: std::ops::Range<usize>| {
            let mut lists = Lists::default();
            for id in pages {
                let text = texts[id % texts.len()];
                add_text(&mut lists, id as u32, text, Field::Title);
                add_text(
                    &mut lists,
                    id as u32,
                    texts[(id * 7) % texts.len()],
                    Field::Body,
                );
            }
            lists
        };
        let pages = 0..texts.len() * 40;
        let whole = Postings::of_runs(vec![fill(pages.clone())]).joined();
        assert!(whole.len() > 10);
        for cuts in [&[1usize][..], &[3, 4, 5], &[100, 200], &[239]] {
            let mut runs = Vec::new();
            let mut start = 0;
            for &cut in cuts.iter().chain([&pages.end]) {
                runs.push(fill(start..cut));
                start = cut;
            }
            assert_eq!(Postings::of_runs(runs).joined(), whole, "{cuts:?}");
        }
    }

    #[test]
    fn keys_order_and_are_written_as_their_texts() {
        let mut keys = vec![
            Key::Word("zz".into()),
            Key::Pair('王', '秀'),
            Key::Word("2023".into()),
            Key::Pair('中', '国'),
            Key::Word("\u{4E2D}".into()),
            Key::Word("é".into()),
            Key::Pair('\u{4E2D}', '\u{4E00}'),
            Key::Word("\u{4E2D}\u{56FD}x".into()),
        ];
        let mut texts: Vec<String> = keys.iter().map(Key::to_string).collect();
        keys.sort();
        texts.sort();
        assert_eq!(keys.iter().map(Key::to_string).collect::<Vec<_>>(), texts);
        for key in &keys {
            let mut out = Vec::new();
            key.write_json(&mut out);
            let json = serde_json::to_string(&key.to_string()).unwrap();
            assert_eq!(String::from_utf8_lossy(&out), json);
            assert_eq!(key.shard(97), shard_of(&key.to_string(), 97));
        }
        let mut out = Vec::new();
        Key::Word("a\"b\\".into()).write_json(&mut out);
        assert_eq!(out, br#""a\"b\\""#);
    }

    #[test]
    fn shards_are_powers_of_two_and_stable() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(SHARD_TARGET * 5), 8);
        // The same as the search page's FNV-1a over code points.
        let fnv = |cps: &[u32]| {
            cps.iter()
                .fold(0x811c_9dc5_u32, |h, &c| (h ^ c).wrapping_mul(16_777_619))
        };
        assert_eq!(shard_of("a", u32::MAX), fnv(&[97]) % u32::MAX);
        assert_eq!(shard_of("王秀", 1000), fnv(&[0x738B, 0x79C0]) % 1000);
    }
}
