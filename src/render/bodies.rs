//! Markdown bodies: every item's, campaign's and column's body rendered to
//! HTML in parallel, with its links between pages resolved and checked, its
//! headings, word count and summary; anchors checked against their
//! targets' headings; a cache of bodies for the dev server's next build.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::context::{ItemFacts, Urls};
use super::links::{AnchorRef, Resolver};
use super::photos::Photos;
use super::BodyCache;
use crate::config::Config;
use crate::error::{guard, Error, Errors, Location};
use crate::i18n::catalogue::render as msg;
use crate::markdown::{self, Heading, MarkdownOptions};
use crate::search::index::{BodyTerms, Lists, Postings};
use crate::search::Terms;
use crate::site::{Site, SitePath};

/// A rendered Markdown body and what was learnt from it.
#[derive(Debug, Default)]
pub(super) struct Body {
    pub(super) html: String,
    pub(super) no_alt: Vec<String>,
    pub(super) headings: Vec<Heading>,
    pub(super) word_count: usize,
    pub(super) reading_minutes: usize,
    /// Its summary and cover for its card, until the cards are made (see
    /// [`Body::facts`]); boxed, so that each body a build keeps for its
    /// page takes 224 bytes once they are let go of, not 384 (16 MB at
    /// 100,000 pages).
    facts: Option<Box<ItemFacts>>,
    pub(super) anchors: Vec<AnchorRef>,
    /// The body's text as search reads it, until its terms are added to
    /// the search index.
    pub(super) text: String,
    /// The body's distinct search terms, kept with a body the dev
    /// server's cache keeps.
    pub(super) terms: Terms,
}

impl Body {
    /// Its summary and cover for its card (empty once let go of).
    pub(super) fn facts(&self) -> &ItemFacts {
        static NONE: ItemFacts = ItemFacts {
            summary: String::new(),
            cover: None,
            cover_image: None,
        };
        self.facts.as_deref().unwrap_or(&NONE)
    }
}

/// Lets go of what a body's page does not print (the summary is on its
/// card; links and images were checked), when no cache shares it.
pub(super) fn slim(body: &mut Arc<Body>) {
    if let Some(body) = Arc::get_mut(body) {
        body.facts = None;
        body.anchors = Vec::new();
        body.no_alt = Vec::new();
        body.text = String::new();
        body.terms = Terms::default();
    }
}

/// The HTML of the item bodies a build hands over to their pages, by
/// item: each page takes its own and lets go of it once drawn, so the
/// bodies of pages already written are not held while the rest are.
pub(super) struct Handed(Vec<Mutex<Option<String>>>);

impl Handed {
    /// Takes the HTML out of `bodies`, but for the items `kept` (those
    /// feeds carry, which read it from the bodies after their pages) and
    /// bodies a cache shares.
    pub(super) fn from(bodies: &mut [Arc<Body>], kept: &[bool]) -> Handed {
        let slots = bodies
            .iter_mut()
            .enumerate()
            .map(|(i, body)| {
                let keep = kept.get(i).copied().unwrap_or(true);
                let html = Arc::get_mut(body)
                    .filter(|_| !keep)
                    .map(|body| std::mem::take(&mut body.html));
                Mutex::new(html)
            })
            .collect();
        Handed(slots)
    }

    /// Item `id`'s HTML, if it was handed over and not taken yet.
    pub(super) fn take(&self, id: usize) -> Option<String> {
        let slot = self.0.get(id)?;
        slot.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// What bodies are rendered against: the configuration, the site, its
/// URLs and its photos' sized copies.
#[derive(Clone, Copy)]
pub(super) struct Against<'a> {
    pub(super) config: &'a Config,
    pub(super) site: &'a Site,
    pub(super) urls: &'a Urls<'a>,
    pub(super) photos: &'a Photos,
}

/// A hash of everything a body's links resolve against: which documents
/// exist and where they are published, and the photos' copies.
fn links_fingerprint(config: &Config, site: &Site, photos: &Photos) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut paths: Vec<(&String, &SitePath)> = site.paths_by_source.iter().collect();
    paths.sort_unstable();
    paths.hash(&mut hasher);
    let mut left_out: Vec<(&String, &crate::site::LeftOut)> = site.left_out.iter().collect();
    left_out.sort_unstable();
    left_out.hash(&mut hasher);
    let mut failed: Vec<&String> = site.failed.iter().collect();
    failed.sort_unstable();
    failed.hash(&mut hasher);
    config.base_url.absolute().hash(&mut hasher);
    (config.unsafe_html, config.summary_length, &config.theme).hash(&mut hasher);
    photos.fingerprint().hash(&mut hasher);
    hasher.finish()
}

fn markdown_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.unsafe_html,
    }
}

/// Renders one body and collects its link problems as errors.
fn render_body(
    config: &Config,
    resolver: &Resolver<'_>,
    markdown_text: &str,
    first_line: usize,
    explicit_summary: Option<&str>,
    cover: Option<(&str, &Location)>,
    errors: &mut Vec<Error>,
) -> Body {
    let written_cover = cover;
    let options = markdown_options(config);
    let rendered = markdown::render(markdown_text, &options, resolver);
    for problem in &rendered.problems {
        let at = Location::at(
            resolver.shown(),
            first_line + problem.line - 1,
            problem.column,
        );
        let error = Error::at(at, problem.message.clone());
        errors.push(match &problem.hint {
            Some(hint) => error.with_hint(hint.clone()),
            None => error,
        });
    }
    let text = &rendered.text;
    let word_count = markdown::word_count(text);
    let summary = match explicit_summary {
        Some(s) => s.trim().to_string(),
        None => {
            let (before, found) = markdown::split_more(markdown_text);
            if found {
                markdown::truncate_summary(&markdown::plain_text(before), usize::MAX)
            } else {
                markdown::truncate_summary(text, config.summary_length)
            }
        }
    };
    let cover = cover.map(|(c, at)| {
        resolver.resolve_cover(c).unwrap_or_else(|(m, hint)| {
            errors.push(Error::at(at.clone(), m).with_hint(hint));
            String::new()
        })
    });
    let cover_image = cover
        .as_ref()
        .filter(|c| !c.is_empty())
        .and(written_cover)
        .and_then(|(c, _)| resolver.cover_image(c));
    Body {
        html: rendered.html,
        no_alt: rendered.images_without_alt,
        headings: rendered.headings,
        word_count,
        reading_minutes: markdown::reading_minutes(word_count),
        anchors: Vec::new(),
        text: rendered.text,
        terms: Terms::default(),
        facts: Some(Box::new(ItemFacts {
            summary,
            cover: cover.filter(|c| !c.is_empty()),
            cover_image,
        })),
    }
}

/// A Markdown document to render: an item, a campaign or a column.
struct Doc<'a> {
    rel: String,
    shown: &'a std::path::Path,
    path: &'a SitePath,
    /// The file's text; the Markdown starts at `start`.
    text: Arc<str>,
    start: usize,
    first_line: usize,
    summary: Option<&'a str>,
    cover: Option<&'a str>,
    cover_at: &'a Location,
    assets: &'a [String],
}

impl Doc<'_> {
    fn markdown(&self) -> &str {
        self.text.get(self.start..).unwrap_or_default()
    }
}

/// The items to render: with the texts `taken` from them when a build
/// handed them over, else with their own.
fn item_docs(site: &Site, taken: Option<Taken>) -> Vec<Doc<'_>> {
    let mut texts = taken.map(|t| t.texts).unwrap_or_default();
    texts.resize(site.items.len(), None);
    site.items
        .iter()
        .zip(texts)
        .map(|(e, text)| {
            let (text, start) =
                text.unwrap_or_else(|| (Arc::clone(e.doc.body.shared_text()), e.doc.body.start()));
            Doc {
                rel: e.doc.rel.clone(),
                shown: &e.doc.shown,
                path: &e.path,
                text,
                start,
                first_line: e.doc.body.line,
                summary: e.doc.summary.as_deref(),
                cover: e.doc.cover.as_deref(),
                cover_at: &e.doc.cover_at,
                assets: &e.doc.assets,
            }
        })
        .collect()
}

fn campaign_docs(site: &Site) -> Vec<Doc<'_>> {
    site.campaigns
        .iter()
        .map(|c| Doc {
            rel: format!("campaigns/{}.md", c.doc.slug),
            shown: &c.doc.shown,
            path: &c.path,
            text: Arc::clone(c.doc.body.shared_text()),
            start: c.doc.body.start(),
            first_line: c.doc.body.line,
            summary: c.doc.summary.as_deref(),
            cover: c.doc.cover.as_deref(),
            cover_at: &c.doc.cover_at,
            assets: &[],
        })
        .collect()
}

fn column_docs(site: &Site) -> Vec<Doc<'_>> {
    site.columns
        .iter()
        .map(|c| Doc {
            rel: format!("columns/{}.md", c.doc.slug),
            shown: &c.doc.shown,
            path: &c.path,
            text: Arc::clone(c.doc.body.shared_text()),
            start: c.doc.body.start(),
            first_line: c.doc.body.line,
            summary: c.doc.description.as_deref(),
            cover: c.doc.cover.as_deref(),
            cover_at: &c.doc.cover_at,
            assets: &[],
        })
        .collect()
}

/// The cache key of a document: the file version it was parsed from (the
/// shared text, compared by identity; the cache keeps it alive so its
/// address cannot be reused) and a hash of the rest its body depends on.
#[derive(Debug, Clone)]
pub(super) struct DocKey {
    text: Arc<str>,
    rest: u64,
}

impl DocKey {
    fn of(doc: &Doc<'_>) -> DocKey {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (
            doc.summary,
            doc.cover,
            doc.assets,
            doc.path,
            doc.first_line,
            doc.start,
        )
            .hash(&mut hasher);
        DocKey {
            text: Arc::clone(&doc.text),
            rest: hasher.finish(),
        }
    }

    fn matches(&self, other: &DocKey) -> bool {
        Arc::ptr_eq(&self.text, &other.text) && self.rest == other.rest
    }
}

/// A rendered body, or the errors its links had.
type BodyResult = Result<Arc<Body>, Vec<Error>>;

/// Adds item `id`'s terms, its rendered body's among them, to a run of
/// the search index's posting lists.
pub(super) type AddPage<'a> = &'a (dyn Fn(&mut Lists, usize, BodyTerms<'_>) + Sync);

/// A document rendered (or its body reused): its name, its file, its
/// cache key and its body or errors.
type Rendered<'a> = (String, &'a std::path::Path, Option<DocKey>, BodyResult);

/// Renders documents in parallel, reusing cached bodies (and, given
/// `next`, keeping them for the next build); collects their errors and
/// warnings for images without alt text. Each document's text is let go
/// of as soon as its body is rendered. Given `add`, each body's terms go
/// to the search index's posting lists as soon as it is rendered, in runs
/// of consecutive pages (joined term by term when the index is written:
/// the same lists whatever the runs), and, unless the body is kept, are
/// let go of there.
fn render_docs<'a>(
    against: Against<'_>,
    docs: Vec<Doc<'a>>,
    cache: Option<&BodyCache>,
    next: Option<&mut BodyCache>,
    out: &mut Checks,
    add: Option<AddPage<'_>>,
) -> (Vec<Arc<Body>>, Postings) {
    let keep = next.is_some();
    // Runs of at least a quarter of a thread's share: a thread left
    // without work takes half of a run not yet begun, so the threads end
    // within a short run of each other (with one run a thread, one ended
    // up to a tenth of a second before the other at 10,000 pages). Each
    // run's lists cost a table of their own (about 0.8 MB on the
    // benchmark's corpus).
    let run = match add {
        Some(_) => docs
            .len()
            .div_ceil(rayon::current_num_threads() * RUNS_A_THREAD)
            .max(256),
        None => 1,
    };
    let (results, runs) = docs
        .into_par_iter()
        .enumerate()
        .with_min_len(run)
        .fold(
            || (Vec::new(), Lists::default()),
            |(mut done, mut lists), (id, doc)| {
                let mut rendered = render_or_reuse(against, doc, cache, keep);
                index_body(add, &mut lists, id, &mut rendered.3, keep);
                done.push(rendered);
                (done, lists)
            },
        )
        .map(|(done, lists)| (done, vec![lists]))
        .reduce(
            || (Vec::new(), Vec::new()),
            |(mut done, mut runs), (later, later_runs)| {
                done.extend(later);
                runs.extend(later_runs);
                (done, runs)
            },
        );
    (collect_bodies(results, next, out), Postings::of_runs(runs))
}

/// The most runs of pages a thread fills posting lists for.
const RUNS_A_THREAD: usize = 4;

/// A document's cached body when nothing it depends on changed, else its
/// body rendered.
fn render_or_reuse<'a>(
    against: Against<'_>,
    doc: Doc<'a>,
    cache: Option<&BodyCache>,
    keep: bool,
) -> Rendered<'a> {
    let key = (keep || cache.is_some()).then(|| DocKey::of(&doc));
    let cached = cache
        .and_then(|c| c.entries.get(&doc.rel))
        .filter(|(k, _)| key.as_ref().is_some_and(|key| k.matches(key)));
    if let Some((_, body)) = cached {
        return (doc.rel, doc.shown, key, Ok(Arc::clone(body)));
    }
    let result = render_doc(against, &doc);
    (doc.rel, doc.shown, key, result)
}

/// Given `add`, adds page `id` to `lists` with its body's terms (none
/// when it failed): a body rendered now has its text cut straight into
/// the lists, or, when the body is `keep`t, cut once into its distinct
/// terms, which it keeps for the next build; one reused from the cache
/// gives the terms it kept. The text is let go of either way.
fn index_body(
    add: Option<AddPage<'_>>,
    lists: &mut Lists,
    id: usize,
    body: &mut BodyResult,
    keep: bool,
) {
    let Ok(body) = body else {
        if let Some(add) = add {
            add(lists, id, BodyTerms::Terms(&Terms::default()));
        }
        return;
    };
    let text = Arc::get_mut(body).map(|fresh| std::mem::take(&mut fresh.text));
    let Some(add) = add else {
        return;
    };
    match text {
        Some(text) if keep => {
            let terms = Terms::of(&text);
            add(lists, id, BodyTerms::Terms(&terms));
            if let Some(fresh) = Arc::get_mut(body) {
                fresh.terms = terms;
            }
        }
        Some(text) => add(lists, id, BodyTerms::Text(&text)),
        None => add(lists, id, BodyTerms::Terms(&body.terms)),
    }
}

/// The bodies in order, the failed ones empty; their errors and warnings
/// go to `out`, and the bodies to `next` when given.
fn collect_bodies(
    results: Vec<Rendered<'_>>,
    next: Option<&mut BodyCache>,
    out: &mut Checks,
) -> Vec<Arc<Body>> {
    let mut bodies = Vec::with_capacity(results.len());
    let mut next = next;
    for (rel, shown, key, result) in results {
        match result {
            Ok(body) => {
                for image in &body.no_alt {
                    out.warnings.push(
                        Error::in_file(shown, msg::image_without_alt(image))
                            .with_hint(msg::image_without_alt_hint()),
                    );
                }
                if let (Some(next), Some(key)) = (next.as_deref_mut(), key) {
                    next.entries.insert(rel, (key, Arc::clone(&body)));
                }
                bodies.push(body);
            }
            Err(errors) => {
                errors.into_iter().for_each(|e| out.errors.push(e));
                bodies.push(Arc::new(Body::default()));
            }
        }
    }
    bodies
}

/// Renders one document's body (and its feed variant when asked), or the
/// errors its links had.
fn render_doc(against: Against<'_>, doc: &Doc<'_>) -> BodyResult {
    let Against {
        config,
        site,
        urls,
        photos,
    } = against;
    let markdown = doc.markdown();
    let rendered = guard(doc.shown, || {
        let resolver = Resolver::new(
            config, site, urls, &doc.rel, doc.shown, doc.path, doc.assets,
        )
        .with_source(markdown, doc.first_line)
        .with_photos(photos);
        let mut errors = Vec::new();
        let mut body = render_body(
            config,
            &resolver,
            markdown,
            doc.first_line,
            doc.summary,
            doc.cover.map(|c| (c, doc.cover_at)),
            &mut errors,
        );
        body.anchors = resolver.into_anchors();
        Ok((body, errors))
    });
    match rendered {
        Ok((body, errors)) if errors.is_empty() => Ok(Arc::new(body)),
        Ok((_, errors)) => Err(errors),
        Err(errors) => Err(errors.into_iter().collect()),
    }
}

/// Errors and warnings gathered while rendering bodies.
#[derive(Default)]
struct Checks {
    errors: Errors,
    warnings: Vec<Error>,
}

/// Every `#anchor` of a link between pages must name a heading of its target.
fn check_anchors(
    site: &Site,
    items: &[Arc<Body>],
    campaigns: &[Arc<Body>],
    columns: &[Arc<Body>],
    errors: &mut Errors,
) {
    let bodies = items.iter().chain(campaigns).chain(columns);
    let wanted: HashSet<&str> = bodies
        .clone()
        .flat_map(|b| b.anchors.iter().map(|a| a.target.as_str()))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    let rels = site
        .items
        .iter()
        .map(|e| e.doc.rel.clone())
        .chain(
            site.campaigns
                .iter()
                .map(|c| format!("campaigns/{}.md", c.doc.slug)),
        )
        .chain(
            site.columns
                .iter()
                .map(|c| format!("columns/{}.md", c.doc.slug)),
        );
    for (rel, body) in rels.zip(bodies.clone()) {
        if wanted.contains(rel.as_str()) {
            ids.insert(rel, body.headings.iter().map(|h| h.id.as_str()).collect());
        }
    }
    for anchor in bodies.flat_map(|b| b.anchors.iter()) {
        let Some(known) = ids.get(&anchor.target) else {
            continue;
        };
        if known.contains(anchor.fragment.as_str()) {
            continue;
        }
        let mut list: Vec<&str> = known.iter().copied().collect();
        list.sort_unstable();
        let hint = match crate::error::closest(&anchor.fragment, list.iter().copied()) {
            Some(best) => msg::did_you_mean_heading(best),
            None if list.is_empty() => msg::target_has_no_headings(),
            None => msg::target_headings(
                list.iter()
                    .map(|h| format!("#{h}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        let location = match anchor.line {
            Some((line, column)) => Location::at(&anchor.shown, line, column),
            None => Location::file(&anchor.shown),
        };
        errors.push(
            Error::at(
                location,
                msg::no_such_heading(&anchor.target, &anchor.fragment),
            )
            .with_hint(hint),
        );
    }
}

/// The items' texts handed over by [`Site::take_texts`].
pub(super) struct Taken {
    pub(super) texts: Vec<Option<(Arc<str>, usize)>>,
}

/// The rendered bodies of a site's documents, in the site's order, and
/// the warnings they earned (images without alt text).
pub(super) struct Bodies {
    pub(super) items: Vec<Arc<Body>>,
    pub(super) campaigns: Vec<Arc<Body>>,
    pub(super) columns: Vec<Arc<Body>>,
    pub(super) warnings: Vec<Error>,
    /// The items' posting lists for the search index, not yet written.
    pub(super) search: Postings,
}

/// Renders the bodies of every item, campaign and column (reusing `cache`
/// where nothing they depend on changed) and checks their links' anchors;
/// returns them and the cache for the next build, which keeps them unless
/// the items' texts were `taken` (a build, which keeps nothing).
pub(super) fn render_all(
    against: Against<'_>,
    taken: Option<Taken>,
    cache: Option<&BodyCache>,
    add: AddPage<'_>,
) -> Result<(Bodies, BodyCache), Errors> {
    let site = against.site;
    let fingerprint = links_fingerprint(against.config, site, against.photos);
    let cache = cache.filter(|c| c.fingerprint == fingerprint);
    let mut checks = Checks::default();
    let mut next = BodyCache {
        fingerprint,
        ..BodyCache::default()
    };
    let keep = taken.is_none();
    let mut render = |docs: Vec<Doc<'_>>, next: &mut BodyCache, add| {
        render_docs(against, docs, cache, keep.then_some(next), &mut checks, add)
    };
    let (items, search) = render(item_docs(site, taken), &mut next, Some(add));
    let (campaigns, _) = render(campaign_docs(site), &mut next, None);
    let (columns, _) = render(column_docs(site), &mut next, None);
    let Checks {
        mut errors,
        warnings,
    } = checks;
    check_anchors(site, &items, &campaigns, &columns, &mut errors);
    if !errors.is_empty() {
        return Err(errors.sorted());
    }
    let bodies = Bodies {
        items,
        campaigns,
        columns,
        warnings,
        search,
    };
    Ok((bodies, next))
}
