//! The search page and its index: every item's title, names and body
//! terms, written below `search/` beside the page (`search/index.html`,
//! drawn by `search.html`): in a build, the shards as soon as the bodies
//! are rendered and the records after the pages; for the dev server, kept
//! as [`search::IndexFiles`].

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::context::{Card, FilterOption};
use super::Emit;
use crate::config::Config;
use crate::content::Kind;
use crate::error::Error;
use crate::search::index::{BodyTerms, Field, Lists, Postings, SiteFacts, Written};
use crate::search::{self, Doc, Fields, IndexFiles};
use crate::site::{Entry, Site, SitePath};

/// The folder of the search page and its index.
pub(super) const FOLDER: &str = "search";

/// The search page's folder as a site path.
pub(super) fn path() -> SitePath {
    SitePath::of(&[FOLDER])
}

/// Characters of the summary a result shows.
const SNIPPET_CHARS: usize = 80;

/// The index of every item of `site` (in the site's order, newest first),
/// kept in memory (the dev server's), with the posting lists filled as
/// the items' bodies were rendered ([`add_page`]).
pub(super) fn index(
    config: &Config,
    site: &Site,
    postings: Postings,
    cards: &[Arc<Card>],
    strings: &BTreeMap<String, String>,
) -> IndexFiles {
    let (docs, facts) = docs(config, site, cards, strings);
    IndexFiles::with_lists(&docs, postings, &facts)
}

/// Writes the shards of the index's posting lists through `emit`, in
/// parallel, letting go of the lists.
pub(super) fn write_shards(postings: Postings, emit: &Emit<'_>) -> Written {
    Written::shards(postings, &|path, bytes| emit(file(path, bytes)))
}

/// Writes the rest of the index through `emit` once its shards are
/// `written`: what every query needs and the items' records. The index's
/// version and what writing failed with.
pub(super) fn finish(
    config: &Config,
    site: &Site,
    written: Written,
    cards: &[Arc<Card>],
    strings: &BTreeMap<String, String>,
    emit: &Emit<'_>,
) -> (String, Vec<Error>) {
    let (docs, facts) = docs(config, site, cards, strings);
    written.finish(&docs, &facts, &|path, bytes| emit(file(path, bytes)))
}

/// Every item of `site` as the index holds it, and what the index says of
/// the site.
fn docs<'a>(
    config: &Config,
    site: &Site,
    cards: &[Arc<Card>],
    strings: &BTreeMap<String, String>,
) -> (Vec<Doc<'a>>, SiteFacts) {
    let docs: Vec<Doc<'_>> = site
        .items
        .par_iter()
        .enumerate()
        .map(|(i, entry)| doc(site, entry, cards.get(i)))
        .collect();
    let kinds = Kind::ALL
        .iter()
        .map(|k| (letter(*k), kind_name(strings, *k)))
        .collect();
    let facts = SiteFacts {
        base: crate::render::context::Urls::new(config).folder(&SitePath::root()),
        kinds,
    };
    (docs, facts)
}

/// Adds item `id` of `site` to `lists`: its title's and names' terms and
/// `body`'s (its rendered body's).
pub(super) fn add_page(site: &Site, lists: &mut Lists, id: usize, body: BodyTerms<'_>) {
    let Some(entry) = site.items.get(id) else {
        return;
    };
    let id = id as u32;
    search::index::add_text(lists, id, &entry.doc.title, Field::Title);
    for name in names(site, entry) {
        search::index::add_text(lists, id, name, Field::Names);
    }
    search::index::add_body(lists, id, body);
}

/// The letter a kind goes by in the index.
fn letter(kind: Kind) -> char {
    kind.name().chars().next().unwrap_or('p')
}

/// A kind's name for readers, from the theme's strings.
fn kind_name(strings: &BTreeMap<String, String>, kind: Kind) -> String {
    strings
        .get(&format!("kind_{}", kind.name()))
        .cloned()
        .unwrap_or_else(|| kind.name().to_string())
}

/// The names an item is found by: its people and their units, campaigns,
/// column, tags, region, location, source, organisers and authors.
fn names<'a>(site: &'a Site, entry: &'a Entry) -> Vec<&'a str> {
    let item = &entry.doc;
    let mut names: Vec<&str> = Vec::new();
    for person in &item.people {
        names.push(&person.name);
        names.extend(person.org.as_deref());
        names.extend(person.honors.iter().map(String::as_str));
    }
    names.extend(
        entry
            .campaigns
            .iter()
            .map(|c| site.campaigns[c.0].doc.title.as_str()),
    );
    if let Some(column) = entry.column {
        names.push(&site.columns[column.0].doc.title);
    }
    names.extend(entry.tags.iter().map(|t| site.tags[t.0].name.as_str()));
    names.extend(item.region.as_deref());
    names.extend(item.location.as_deref());
    names.extend(item.source.as_deref());
    names.extend(item.organizers.iter().map(String::as_str));
    names.extend(item.authors.iter().map(String::as_str));
    names
}

/// One item as the index holds it (its terms were added apart).
fn doc<'a>(site: &Site, entry: &Entry, card: Option<&Arc<Card>>) -> Doc<'a> {
    let item = &entry.doc;
    let shown_names: String = item
        .people
        .iter()
        .map(|p| p.name.as_str())
        .chain(
            entry
                .campaigns
                .iter()
                .map(|c| site.campaigns[c.0].doc.title.as_str()),
        )
        .collect::<Vec<_>>()
        .join(" · ");
    let field = |name: &str| {
        card.and_then(|c| c.value.get_from_path(name))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Doc {
        fields: Fields::default(),
        record: search::index::Record {
            url: field("url"),
            title: item.title.clone(),
            date: field("date_display"),
            kind: letter(item.kind),
            snippet: first_chars(field("summary"), SNIPPET_CHARS),
            names: shown_names,
        },
        kind: item.kind.name(),
        campaigns: entry
            .campaigns
            .iter()
            .map(|c| site.campaigns[c.0].doc.slug.as_str().to_string())
            .collect(),
        year: item.date.map(|d| d.year()),
    }
}

/// The first `n` characters of `text`.
fn first_chars(mut text: String, n: usize) -> String {
    if let Some((end, _)) = text.char_indices().nth(n) {
        text.truncate(end);
    }
    text
}

/// The search page's filters: kinds, campaigns and years with items.
pub(super) fn filters(
    site: &Site,
    strings: &BTreeMap<String, String>,
) -> (Vec<FilterOption>, Vec<FilterOption>, Vec<FilterOption>) {
    let kinds = Kind::ALL
        .iter()
        .filter(|k| site.items.iter().any(|e| e.doc.kind == **k))
        .map(|k| FilterOption {
            value: k.name().to_string(),
            label: kind_name(strings, *k),
        })
        .collect();
    let campaigns = site
        .campaigns
        .iter()
        .filter(|c| !c.items.is_empty())
        .map(|c| FilterOption {
            value: c.doc.slug.as_str().to_string(),
            label: c.doc.title.clone(),
        })
        .collect();
    let mut years: Vec<i32> = site
        .items
        .iter()
        .filter_map(|e| e.doc.date.map(|d| d.year()))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let years = years
        .into_iter()
        .map(|y| FilterOption {
            value: y.to_string(),
            label: y.to_string(),
        })
        .collect();
    (kinds, campaigns, years)
}

/// The output path of the index file `path` (relative to the search folder).
pub(super) fn file_path(path: &str) -> String {
    format!("{FOLDER}/{path}")
}

/// The index file `path` as a file to write.
pub(super) fn file(path: String, contents: Vec<u8>) -> super::File {
    super::File {
        path: file_path(&path),
        contents,
    }
}
