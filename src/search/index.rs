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
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use super::distinct::Terms;
use super::fold;
pub use super::postings::Lists;
pub use super::postings::{encode_ids, encode_postings};
pub use super::shards::Postings;
use super::shards::{join_runs, shard_count, shard_script};
use super::terms;
use crate::error::Error;

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

/// Where the index's files go as they are made, each by its path below
/// the search page's folder; called from several threads at once.
pub type Put<'a> = dyn Fn(String, Vec<u8>) -> Result<(), Error> + Sync + 'a;

/// The files of the index kept in memory (the dev server's): paths
/// relative to the search page's folder, and a fingerprint of them all (to
/// tell browsers a new index apart).
#[derive(Debug, Default)]
pub struct IndexFiles {
    /// `(path, bytes)`: `meta.js`, the shards, the records.
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
        IndexFiles::with_lists(&docs, lists, facts)
    }

    /// The index of `docs` whose posting lists were filled as their
    /// bodies were rendered ([`add_page`]); the docs' own fields are not
    /// read.
    pub fn with_lists(docs: &[Doc<'_>], postings: Postings, facts: &SiteFacts) -> IndexFiles {
        let made = Mutex::new(Vec::new());
        let put = |path: String, bytes: Vec<u8>| {
            if let Ok(mut made) = made.lock() {
                made.push((path, bytes));
            }
            Ok(())
        };
        let (version, _) = Written::shards(postings, &put).finish(docs, facts, &put);
        let mut files = made.into_inner().unwrap_or_default();
        files.sort_by_key(|(path, _)| file_order(path));
        IndexFiles { files, version }
    }
}

/// Where the file `path` comes in the index's order: `meta.js`, the
/// shards, the records, each by number.
fn file_order(path: &str) -> (u8, usize) {
    let number = |rest: &str| rest.trim_end_matches(".js").parse().unwrap_or(0);
    match path.split_once('/') {
        Some(("s", rest)) => (1, number(rest)),
        Some((_, rest)) => (2, number(rest)),
        None => (0, 0),
    }
}

/// The files of an index written so far: each one's path and digest, in
/// the index's order, and what writing them failed with.
#[derive(Debug, Default)]
pub struct Written {
    /// How many shards the postings took.
    shards: u32,
    /// Each shard's path and digest.
    digests: Vec<(String, u64)>,
    /// What handing files on failed with.
    errors: Vec<Error>,
}

impl Written {
    /// Makes the shards of `postings`, in parallel, each handed to `put`
    /// as soon as it is made and let go of there: once this returns, the
    /// posting lists are gone.
    pub fn shards(postings: Postings, put: &Put<'_>) -> Written {
        let shards = shard_count(postings.len());
        let handed: Vec<Handed> = postings
            .into_shards(shards)
            .into_par_iter()
            .enumerate()
            .map(|(i, parts)| hand(format!("s/{i}.js"), shard_script(i, &join_runs(parts)), put))
            .collect();
        let mut written = Written {
            shards,
            ..Written::default()
        };
        written.add(handed);
        written
    }

    /// Makes the rest of the index, in parallel: `meta.js` and the
    /// records of `docs` (newest first), each handed to `put`. The index's
    /// version (a hash of every file's digest, in the index's order) and
    /// what handing files on failed with.
    pub fn finish(
        self,
        docs: &[Doc<'_>],
        facts: &SiteFacts,
        put: &Put<'_>,
    ) -> (String, Vec<Error>) {
        let (meta, records) = rayon::join(
            || hand("meta.js".to_string(), meta(docs, facts, self.shards), put),
            || {
                docs.par_chunks(CHUNK)
                    .enumerate()
                    .map(|(i, chunk)| {
                        let records: Vec<&Record> = chunk.iter().map(|d| &d.record).collect();
                        hand(format!("d/{i}.js"), script("docs", i, &records), put)
                    })
                    .collect::<Vec<Handed>>()
            },
        );
        let mut all = Written::default();
        all.add(vec![meta]);
        all.digests.extend(self.digests);
        all.errors.extend(self.errors);
        all.add(records);
        (version(&all.digests), all.errors)
    }

    /// Adds files handed on, in order.
    fn add(&mut self, handed: Vec<Handed>) {
        for (path, digest, error) in handed {
            self.digests.push((path, digest));
            self.errors.extend(error);
        }
    }
}

/// A file handed on: its path, its digest, and what handing it on failed
/// with.
type Handed = (String, u64, Option<Error>);

/// Hands the file `path` of `bytes` to `put`, after taking its digest
/// (FNV-1a of its path and bytes).
fn hand(path: String, bytes: Vec<u8>, put: &Put<'_>) -> Handed {
    let digest = fnv64(fnv64(FNV_BASIS, path.as_bytes()), &bytes);
    let error = put(path.clone(), bytes).err();
    (path, digest, error)
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

/// Every term's posting lists: the pages holding it, ascending, each with
/// the fields it is in, filled in runs of pages in parallel. Each page's
/// fields are let go of once added.
fn postings(fields: Vec<Fields<'_>>) -> Postings {
    let run = fields.len().div_ceil(rayon::current_num_threads()).max(512);
    let runs = fields
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
        .collect();
    Postings::of_runs(runs)
}

/// Adds page `id`'s terms to `lists`, field by field: its title's, its
/// names' and its body's. Pages come in ascending order within a run of
/// lists; runs are joined term by term as the shards are made
/// ([`Postings`]).
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

/// The FNV-1a offset basis (64 bits).
const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// The index's version: FNV-1a of the files' digests, in order.
fn version(digests: &[(String, u64)]) -> String {
    let h = digests
        .iter()
        .fold(FNV_BASIS, |h, (_, digest)| fnv64(h, &digest.to_le_bytes()));
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
            .joined()
            .into_iter()
            .map(|(k, l)| (k, String::from_utf8_lossy(&l).to_string()))
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
        let one_run = |lists: Lists| Postings::of_runs(vec![lists]).joined();
        let cut = one_run(cut);
        assert!(cut.len() > 10);
        assert_eq!(cut, one_run(gathered));
    }

    #[test]
    fn the_version_is_fnv_1a_of_each_file_s_fnv_1a() {
        let bytewise = |h: u64, bytes: &[u8]| {
            bytes
                .iter()
                .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
        };
        for len in [0, 1, 7, 8, 9, 23, 1000] {
            let files = vec![
                (
                    "meta.js".to_string(),
                    (0..len).map(|i| (i * 37 % 251) as u8).collect::<Vec<u8>>(),
                ),
                ("s/0.js".to_string(), vec![b'x'; len / 3]),
            ];
            let mut digests = Vec::new();
            let mut h = FNV_BASIS;
            for (path, bytes) in &files {
                let digest = bytewise(bytewise(FNV_BASIS, path.as_bytes()), bytes);
                h = bytewise(h, &digest.to_le_bytes());
                let put = |_: String, _: Vec<u8>| Ok(());
                let (_, handed, _) = hand(path.clone(), bytes.clone(), &put);
                digests.push((path.clone(), handed));
            }
            assert_eq!(version(&digests), format!("{:08x}", h >> 32), "{len}");
        }
    }

    #[test]
    fn numbers_round_trip_through_the_encoding() {
        let list = [4u32, 31 << 3 | 1, 5000 << 3 | 7];
        let decoded = decode(&encode_postings(&list));
        assert_eq!(decoded, [1 << 3 | 4, 31 << 3 | 1, (5000 - 31) << 3 | 7]);
        assert_eq!(decode(&encode_ids(&[0, 2, 100000])), [1, 2, 99998]);
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
