//! The index as files: for every term, the pages that hold it and in which
//! field (title, names, body), written as compact posting lists and spread
//! over shards by a hash of the term, so a query loads only the shards its
//! terms fall in; the pages' records (title, date, kind, a snippet) in
//! small chunks, loaded for the results shown; and `meta.js`, what every
//! query needs (the folding table, the shard count, kinds, campaigns and
//! years for the filters). Every file is a script that hands its data to
//! `redvestSearch`, so the page loads it with a `<script>` element, which
//! works from a folder (`file://`) as well as from a server.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::fold;
use super::terms::Terms;

/// The field a term was found in, as a bit of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Field {
    /// The title.
    Title = 1,
    /// People, campaign, column, organisation, region, tags.
    Names = 2,
    /// The body text.
    Body = 4,
}

/// The terms of one page by field.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    /// Of the title.
    pub title: Terms,
    /// Of the names: people and their units, campaigns, column,
    /// organisers, region, tags, authors, source.
    pub names: Terms,
    /// Of the body (kept with the rendered body).
    pub body: Option<&'a Terms>,
}

/// One page of the index.
#[derive(Debug)]
pub struct Doc<'a> {
    /// Its terms.
    pub fields: Fields<'a>,
    /// What a result shows.
    pub record: Record,
    /// Its kind, as `story`, `report`, `announcement` or `page`.
    pub kind: &'static str,
    /// Slugs of its campaigns.
    pub campaigns: Vec<String>,
    /// Its year.
    pub year: Option<i32>,
}

/// What a result shows of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// Its URL (root-relative, with the base path).
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its date as readers read it, or empty.
    pub date: String,
    /// The first letter of its kind (`s`, `r`, `a`, `p`).
    pub kind: char,
    /// The start of its summary.
    pub snippet: String,
    /// Its people and campaigns, to show names found there.
    pub names: String,
}

/// Pages to a chunk of records.
pub const CHUNK: usize = 16;

/// About what a shard should weigh, in bytes.
const SHARD_TARGET: usize = 24 * 1024;

/// The files of the index: paths relative to the search page's folder,
/// and a fingerprint of them all (to tell browsers a new index apart).
#[derive(Debug, Default)]
pub struct IndexFiles {
    /// `(path, bytes)`, in a stable order.
    pub files: Vec<(String, Vec<u8>)>,
    /// A hash of every file.
    pub version: String,
}

/// What `meta.js` carries besides the pages.
#[derive(Debug, Clone, Serialize)]
pub struct SiteFacts {
    /// The site's base path (`/zyfw/`), for links from a folder.
    pub base: String,
    /// Each kind's letter and name as readers read it.
    pub kinds: BTreeMap<char, String>,
}

#[derive(Serialize)]
struct Meta<'a> {
    base: &'a str,
    docs: usize,
    shards: u32,
    chunk: usize,
    fold: String,
    kinds: &'a BTreeMap<char, String>,
    kind: String,
    campaigns: BTreeMap<&'a str, String>,
    years: BTreeMap<i32, String>,
}

impl IndexFiles {
    /// The index of `docs` (in the order results break ties: newest first).
    pub fn build(docs: &[Doc<'_>], facts: &SiteFacts) -> IndexFiles {
        let postings = postings(docs);
        let total: usize = postings.values().map(String::len).sum();
        let shards = shard_count(total);
        let mut by_shard: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); shards as usize];
        for (key, list) in postings {
            by_shard[shard_of(&key, shards) as usize].insert(key, list);
        }
        let mut files = Vec::new();
        files.push(("meta.js".to_string(), meta(docs, facts, shards)));
        for (i, shard) in by_shard.iter().enumerate() {
            files.push((format!("s/{i}.js"), script("shard", i, shard)));
        }
        for (i, chunk) in docs.chunks(CHUNK).enumerate() {
            let records: Vec<&Record> = chunk.iter().map(|d| &d.record).collect();
            files.push((format!("d/{i}.js"), script("docs", i, &records)));
        }
        let version = version(&files);
        IndexFiles { files, version }
    }
}

/// `redvestSearch.<call>(<n>,<data>);`
fn script<T: Serialize + ?Sized>(call: &str, n: usize, data: &T) -> Vec<u8> {
    let json = serde_json::to_string(data).unwrap_or_default();
    format!("redvestSearch.{call}({n},{json});\n").into_bytes()
}

fn meta(docs: &[Doc<'_>], facts: &SiteFacts, shards: u32) -> Vec<u8> {
    let mut campaigns: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut years: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        for slug in &doc.campaigns {
            campaigns.entry(slug).or_default().push(id as u32);
        }
        if let Some(year) = doc.year {
            years.entry(year).or_default().push(id as u32);
        }
    }
    let meta = Meta {
        base: &facts.base,
        docs: docs.len(),
        shards,
        chunk: CHUNK,
        fold: fold::pairs().flat_map(|(t, s)| [t, s]).collect(),
        kinds: &facts.kinds,
        kind: docs.iter().map(|d| d.record.kind).collect(),
        campaigns: campaigns
            .into_iter()
            .map(|(k, ids)| (k, encode_ids(&ids)))
            .collect(),
        years: years
            .into_iter()
            .map(|(k, ids)| (k, encode_ids(&ids)))
            .collect(),
    };
    let json = serde_json::to_string(&meta).unwrap_or_default();
    format!("redvestSearch.meta({json});\n").into_bytes()
}

/// A hasher for packed pairs (already well spread): one multiplication.
#[derive(Default, Clone, Copy)]
struct PairHasher(u64);

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

type PairMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<PairHasher>>;

/// Posting lists of one run of pages: pairs by their packed form, words.
#[derive(Default)]
struct Lists {
    pairs: PairMap<Vec<u32>>,
    words: HashMap<Box<str>, Vec<u32>>,
}

impl Lists {
    fn append(mut self, other: Lists) -> Lists {
        for (term, list) in other.pairs {
            self.pairs.entry(term).or_default().extend(list);
        }
        for (term, list) in other.words {
            self.words.entry(term).or_default().extend(list);
        }
        self
    }
}

/// Every term's posting list, encoded: the pages holding it, ascending,
/// each with the fields it is in.
fn postings(docs: &[Doc<'_>]) -> HashMap<String, String> {
    const RUN: usize = 512;
    let lists = docs
        .par_chunks(RUN)
        .enumerate()
        .map(|(c, chunk)| {
            let mut lists = Lists::default();
            for (i, doc) in chunk.iter().enumerate() {
                let id = (c * RUN + i) as u32;
                add_doc(&mut lists, id, &doc.fields);
            }
            lists
        })
        .collect::<Vec<Lists>>()
        .into_iter()
        .fold(Lists::default(), Lists::append);
    let words = lists.words.into_par_iter().map(|(w, mut list)| {
        list.sort_unstable();
        (w.to_string(), encode_postings(&list))
    });
    lists
        .pairs
        .into_par_iter()
        .filter_map(|(p, mut list)| {
            list.sort_unstable();
            Some((super::terms::unpack(p)?.key(), encode_postings(&list)))
        })
        .chain(words)
        .collect()
}

/// Adds page `id`'s terms to `lists`, each once with the fields it is in.
fn add_doc(lists: &mut Lists, id: u32, fields: &Fields<'_>) {
    let empty = Terms::default();
    let body = fields.body.unwrap_or(&empty);
    let sources = [
        (&fields.title, Field::Title as u32),
        (&fields.names, Field::Names as u32),
        (body, Field::Body as u32),
    ];
    let mut small: PairMap<u32> = PairMap::default();
    for (terms, bit) in &sources[..2] {
        for &p in terms.packed_pairs() {
            *small.entry(p).or_default() |= bit;
        }
    }
    for &p in body.packed_pairs() {
        let mask = Field::Body as u32 | small.remove(&p).unwrap_or(0);
        lists.pairs.entry(p).or_default().push(id << 3 | mask);
    }
    for (p, mask) in small {
        lists.pairs.entry(p).or_default().push(id << 3 | mask);
    }
    let mut words: HashMap<&str, u32> = HashMap::new();
    for (terms, bit) in &sources {
        for w in terms.words() {
            *words.entry(w).or_default() |= bit;
        }
    }
    for (w, mask) in words {
        match lists.words.get_mut(w) {
            Some(list) => list.push(id << 3 | mask),
            None => {
                lists.words.insert(w.into(), vec![id << 3 | mask]);
            }
        }
    }
}

/// The 64 characters of the encoding, safe in JSON and URLs.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A number as little-endian groups of five bits, one character each;
/// a character at 32 or above says another follows.
fn push_number(out: &mut String, mut n: u32) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low | 32] as char);
    }
}

/// Postings `(page << 3 | fields)`, ascending, as the gaps between pages
/// (the first from -1) with the fields: `gap << 3 | fields` per number.
pub fn encode_postings(list: &[u32]) -> String {
    let mut out = String::with_capacity(list.len() + list.len() / 4);
    let mut prev: i64 = -1;
    for &p in list {
        let id = i64::from(p >> 3);
        let gap = (id - prev) as u32;
        prev = id;
        push_number(&mut out, gap << 3 | (p & 7));
    }
    out
}

/// Page numbers, ascending, as their gaps (the first from -1).
pub fn encode_ids(ids: &[u32]) -> String {
    let mut out = String::new();
    let mut prev: i64 = -1;
    for &id in ids {
        push_number(&mut out, (i64::from(id) - prev) as u32);
        prev = i64::from(id);
    }
    out
}

/// How many shards for `total` bytes of postings: a power of two.
fn shard_count(total: usize) -> u32 {
    (total / SHARD_TARGET).max(1).next_power_of_two() as u32
}

/// The shard of a term: FNV-1a over its code points (the search page
/// computes the same).
pub fn shard_of(key: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in key.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(16_777_619);
    }
    h % shards
}

fn version(files: &[(String, Vec<u8>)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in files {
        for b in path.bytes().chain(bytes.iter().copied()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:08x}", h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut n, mut shift) = (0u32, 0);
        for c in s.bytes() {
            let d = DIGITS.iter().position(|&x| x == c).unwrap_or(0) as u32;
            n |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                out.push(n);
                n = 0;
                shift = 0;
            }
        }
        out
    }

    fn doc<'a>(title: &str, names: &str, body: &'a Terms) -> Doc<'a> {
        Doc {
            fields: Fields {
                title: Terms::of(title),
                names: Terms::of(names),
                body: Some(body),
            },
            record: Record {
                url: "/a/".into(),
                title: title.into(),
                date: String::new(),
                kind: 's',
                snippet: String::new(),
                names: names.into(),
            },
            kind: "story",
            campaigns: vec!["green".into()],
            year: Some(2023),
        }
    }

    #[test]
    fn postings_say_which_pages_and_fields_hold_a_term() {
        let b0 = Terms::of("社区里的王秀兰");
        let b1 = Terms::of("重阳节");
        let docs = [doc("王秀兰的故事", "", &b0), doc("敬老", "王秀兰", &b1)];
        let lists = postings(&docs);
        // Page 0: title and body (1|4); page 1: names (2), gap 1.
        assert_eq!(decode(&lists["秀兰"]), [1 << 3 | 5, 1 << 3 | 2]);
        assert_eq!(decode(&lists["重阳"]), [2 << 3 | 4]);
        assert_eq!(decode(&lists["兰的"]), [1 << 3 | 1]);
    }

    #[test]
    fn numbers_round_trip_through_the_encoding() {
        let list = [4u32, 31 << 3 | 1, 5000 << 3 | 7];
        let decoded = decode(&encode_postings(&list));
        assert_eq!(decoded, [1 << 3 | 4, 31 << 3 | 1, (5000 - 31) << 3 | 7]);
        assert_eq!(decode(&encode_ids(&[0, 2, 100000])), [1, 2, 99998]);
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

    #[test]
    fn the_files_are_scripts_and_the_same_twice() {
        let b0 = Terms::of("志愿服务 2023");
        let docs = [doc("王秀兰", "", &b0)];
        let facts = SiteFacts {
            base: "/".into(),
            kinds: BTreeMap::from([('s', "先进典型".to_string())]),
        };
        let one = IndexFiles::build(&docs, &facts);
        let two = IndexFiles::build(&docs, &facts);
        assert_eq!(one.files, two.files);
        assert_eq!(one.version, two.version);
        let paths: Vec<&str> = one.files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["meta.js", "s/0.js", "d/0.js"]);
        let meta = String::from_utf8_lossy(&one.files[0].1).to_string();
        assert!(meta.starts_with("redvestSearch.meta({"), "{meta}");
        assert!(meta.contains("\"campaigns\":{\"green\":\"B\"}"), "{meta}");
        let shard = String::from_utf8_lossy(&one.files[1].1).to_string();
        assert!(
            shard.contains("\"2023\":") && shard.contains("\"王秀\":"),
            "{shard}"
        );
    }
}
