//! The index as files: for every term, the pages that hold it and in which
//! field (title, names, body), written as compact posting lists and spread
//! over shards by a hash of the term, so a query loads only the shards its
//! terms fall in; the pages' records (title, date, kind, a snippet) in
//! small chunks, loaded for the results shown; and `meta.js`, what every
//! query needs (the folding table, the shard count, kinds, campaigns and
//! years for the filters). Every file is a script that hands its data to
//! `redvestSearch`, so the page loads it with a `<script>` element, which
//! works from a folder (`file://`) as well as from a server.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::distinct::Terms;
use super::fold;
pub use super::postings::Lists;
pub use super::postings::{encode_ids, encode_postings};
use super::terms::{self, code_to_packed, unpack, Term};

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
    /// Of the body: borrowed from the rendered body where it is kept
    /// (the dev server's), else owned and let go of once indexed.
    pub body: Option<Cow<'a, Terms>>,
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
    /// The index of `docs` (in the order results break ties: newest
    /// first); their terms are let go of as they are indexed.
    pub fn build(mut docs: Vec<Doc<'_>>, facts: &SiteFacts) -> IndexFiles {
        let fields = docs.iter_mut().map(|d| std::mem::take(&mut d.fields));
        let lists = postings(fields.collect());
        IndexFiles::of_postings(&docs, lists, facts)
    }

    /// The index of `docs` whose posting lists were filled as their
    /// bodies were rendered ([`add_page`], runs joined in page order);
    /// the docs' own fields are not read.
    pub fn with_lists(docs: &[Doc<'_>], lists: Lists, facts: &SiteFacts) -> IndexFiles {
        IndexFiles::of_postings(docs, Postings(lists), facts)
    }

    /// The files of `docs` and their complete posting lists.
    fn of_postings(docs: &[Doc<'_>], lists: Postings, facts: &SiteFacts) -> IndexFiles {
        let shards = shard_count(lists.len());
        let mut files = Vec::new();
        files.push(("meta.js".to_string(), meta(docs, facts, shards)));
        for (i, shard) in lists.into_shards(shards).into_iter().enumerate() {
            files.push((format!("s/{i}.js"), shard_script(i, &shard)));
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

/// Every term's posting list: the pages holding it, ascending, each with
/// the fields it is in. Runs of pages are filled in parallel and joined
/// in order, so the lists are the same whatever the threads.
/// Each page's fields are let go of once added. A run for each thread
/// (joining runs costs more than filling them).
fn postings(fields: Vec<Fields<'_>>) -> Postings {
    let run = fields.len().div_ceil(rayon::current_num_threads()).max(512);
    let lists = fields
        .into_par_iter()
        .enumerate()
        .chunks(run)
        .map(|chunk| {
            let mut lists = Lists::default();
            for (id, fields) in chunk {
                let body = fields.body.as_deref();
                add_page(&mut lists, id as u32, &fields.title, &fields.names, body);
            }
            lists
        })
        .reduce(Lists::default, Lists::append);
    Postings(lists)
}

/// Adds page `id`'s terms to `lists`, field by field: its title's, its
/// names' and its body's. Pages come in ascending order within a run of
/// lists; runs are joined in order with [`Lists::append`].
pub fn add_page(lists: &mut Lists, id: u32, title: &Terms, names: &Terms, body: Option<&Terms>) {
    add_terms(lists, id, title, Field::Title);
    add_terms(lists, id, names, Field::Names);
    if let Some(body) = body {
        add_terms(lists, id, body, Field::Body);
    }
}

/// A page's body as the index takes its terms.
#[derive(Debug, Clone, Copy)]
pub enum BodyTerms<'a> {
    /// Its text, cut as it is added (a build, which keeps no body).
    Text(&'a str),
    /// Its distinct terms, kept with the body (the dev server's).
    Terms(&'a Terms),
}

/// Adds `body`'s terms, page `id`'s body's, to `lists` (see [`add_page`]).
pub fn add_body(lists: &mut Lists, id: u32, body: BodyTerms<'_>) {
    match body {
        BodyTerms::Text(text) => add_text(lists, id, text, Field::Body),
        BodyTerms::Terms(terms) => add_terms(lists, id, terms, Field::Body),
    }
}

/// Adds `terms`, page `id`'s terms in `field`, to `lists` (see [`add_page`]).
pub fn add_terms(lists: &mut Lists, id: u32, terms: &Terms, field: Field) {
    let bit = field as u8;
    lists.mark_codes(terms.codes(), id, bit);
    for &p in terms.rare_pairs() {
        lists.mark_pair(p, id, bit);
    }
    for w in terms.words() {
        lists.mark_word(w, id, bit);
    }
}

/// Adds the terms of `text`, page `id`'s in `field`, to `lists` as they
/// are cut, repeats and all (a page's repeats are one posting, each a
/// probe of the lists and a comparison): for texts whose terms are not
/// kept.
pub fn add_text(lists: &mut Lists, id: u32, text: &str, field: Field) {
    let mut marking = Marking {
        lists,
        id,
        bit: field as u8,
    };
    terms::cut(text, &mut marking);
}

/// Terms marked in posting lists as they are cut.
struct Marking<'a> {
    lists: &'a mut Lists,
    id: u32,
    bit: u8,
}

impl terms::Sink for Marking<'_> {
    #[inline(always)]
    fn code(&mut self, code: terms::Code) {
        self.lists.mark_code(code, self.id, self.bit);
    }

    #[inline(always)]
    fn codes(&mut self, run: &mut terms::CommonRun<'_, '_>) {
        self.lists.mark_run(run, self.id, self.bit);
    }

    fn pair(&mut self, a: u32, b: u32) {
        match terms::code(a, b) {
            Some(code) => self.lists.mark_code(code, self.id, self.bit),
            None => self
                .lists
                .mark_pair(terms::pack_code_points(a, b), self.id, self.bit),
        }
    }

    fn word(&mut self, word: &str) {
        self.lists.mark_word(word, self.id, self.bit);
    }
}

/// The complete posting lists.
struct Postings(Lists);

/// One term's entry in a shard: its key and its encoded postings.
type Entry = (Key, Vec<u8>);

/// A term as a shard's key: a pair of characters (nothing allocated for
/// it) or a word. Keys order as their texts do (UTF-8 orders as code
/// points).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
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
    /// Bytes of postings in all.
    fn len(&self) -> usize {
        let lists = &self.0;
        let pairs = lists.pairs.iter().map(|(_, l)| l.encoded().len());
        let rare = lists.rare.values().map(|l| l.encoded().len());
        let words = lists.words.values().map(|l| l.encoded().len());
        pairs.chain(rare).chain(words).sum()
    }

    /// The entries of each of `shards` shards, ordered by key.
    fn into_shards(self, shards: u32) -> Vec<Vec<Entry>> {
        let mut by_shard: Vec<Vec<Entry>> = vec![Vec::new(); shards as usize];
        let Lists { pairs, rare, words } = self.0;
        let pairs = pairs
            .into_lists()
            .into_iter()
            .map(|(code, list)| (code_to_packed(code), list))
            .chain(rare)
            .filter_map(|(p, list)| match unpack(p)? {
                Term::Pair(a, b) => Some((Key::Pair(a, b), list.into_encoded())),
                Term::Word(_) => None,
            });
        let words = words
            .into_iter()
            .map(|(w, list)| (Key::Word(w), list.into_encoded()));
        for (key, list) in pairs.chain(words) {
            by_shard[key.shard(shards) as usize].push((key, list));
        }
        by_shard
            .par_iter_mut()
            .for_each(|entries| entries.sort_unstable_by(|a, b| a.0.cmp(&b.0)));
        by_shard
    }
}

/// `redvestSearch.shard(<n>,{"key":"postings",…});`: the JSON object of
/// its entries, keys ascending.
fn shard_script(n: usize, entries: &[Entry]) -> Vec<u8> {
    let size: usize = entries.iter().map(|(k, l)| k.len() + l.len() + 6).sum();
    let mut out = Vec::with_capacity(size + 32);
    out.extend_from_slice(format!("redvestSearch.shard({n},{{").as_bytes());
    for (i, (key, list)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        key.write_json(&mut out);
        // Postings are of `postings::DIGITS`, which need no escaping.
        out.extend_from_slice(b":\"");
        out.extend_from_slice(list);
        out.push(b'"');
    }
    out.extend_from_slice(b"});\n");
    out
}

/// How many shards for `total` bytes of postings: a power of two.
fn shard_count(total: usize) -> u32 {
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

fn version(files: &[(String, Vec<u8>)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in files {
        h = fnv64(fnv64(h, path.as_bytes()), bytes);
    }
    format!("{:08x}", h >> 32)
}

/// FNV-1a (64 bits) of `bytes` from `h`, eight bytes a step.
fn fnv64(mut h: u64, bytes: &[u8]) -> u64 {
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        if let &[b0, b1, b2, b3, b4, b5, b6, b7] = chunk {
            h = step(step(step(step(h, b0), b1), b2), b3);
            h = step(step(step(step(h, b4), b5), b6), b7);
        }
    }
    chunks.remainder().iter().fold(h, |h, &b| step(h, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// Every term's encoded postings, by key.
    fn lists(docs: &[Doc<'_>]) -> std::collections::HashMap<String, String> {
        let fields = docs.iter().map(|d| Fields {
            title: d.fields.title.clone(),
            names: d.fields.names.clone(),
            body: d.fields.body.clone(),
        });
        postings(fields.collect())
            .into_shards(1)
            .remove(0)
            .into_iter()
            .map(|(k, l)| (k.to_string(), String::from_utf8_lossy(&l).to_string()))
            .collect()
    }

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
                body: Some(Cow::Borrowed(body)),
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
        let lists = lists(&docs);
        // Page 0: title and body (1|4); page 1: names (2), gap 1.
        assert_eq!(decode(&lists["秀兰"]), [1 << 3 | 5, 1 << 3 | 2]);
        assert_eq!(decode(&lists["重阳"]), [2 << 3 | 4]);
        assert_eq!(decode(&lists["兰的"]), [1 << 3 | 1]);
    }

    #[test]
    fn text_added_as_it_is_cut_gives_the_lists_of_its_terms() {
        let texts = [
            "王秀兰 王秀兰的故事 Volunteer volunteer 2023",
            "重陽節\n敬老院 𠀀𠀁中𠀀 𠀀𠀁 ＡＢｃ",
            "",
        ];
        let (mut cut, mut gathered) = (Lists::default(), Lists::default());
        for (id, text) in texts.iter().enumerate() {
            let id = id as u32;
            add_text(&mut cut, id, text, Field::Title);
            add_text(&mut cut, id, "志愿 王秀", Field::Names);
            add_body(&mut cut, id, BodyTerms::Text(texts[2 - id as usize]));
            add_terms(&mut gathered, id, &Terms::of(text), Field::Title);
            add_terms(&mut gathered, id, &Terms::of("志愿 王秀"), Field::Names);
            let body = Terms::of(texts[2 - id as usize]);
            add_body(&mut gathered, id, BodyTerms::Terms(&body));
        }
        let entries = |lists: Lists| Postings(lists).into_shards(1).remove(0);
        let cut = entries(cut);
        assert!(cut.len() > 10);
        assert_eq!(cut, entries(gathered));
    }

    #[test]
    fn the_version_is_fnv_1a_of_paths_and_files() {
        let bytewise = |files: &[(String, Vec<u8>)]| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for (path, bytes) in files {
                for &b in path.as_bytes().iter().chain(bytes) {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
            }
            format!("{:08x}", h >> 32)
        };
        for len in [0, 1, 7, 8, 9, 23, 1000] {
            let files = vec![
                (
                    "meta.js".to_string(),
                    (0..len).map(|i| (i * 37 % 251) as u8).collect(),
                ),
                ("s/0.js".to_string(), vec![b'x'; len / 3]),
            ];
            assert_eq!(version(&files), bytewise(&files), "{len}");
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
        let facts = SiteFacts {
            base: "/".into(),
            kinds: BTreeMap::from([('s', "先进典型".to_string())]),
        };
        let one = IndexFiles::build(vec![doc("王秀兰", "", &b0)], &facts);
        let two = IndexFiles::build(vec![doc("王秀兰", "", &b0)], &facts);
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
