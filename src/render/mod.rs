//! Rendering: Markdown bodies (with links between pages resolved), then every
//! page through the theme's templates, the feeds, the sitemap and robots.txt —
//! all in memory, in parallel. Writes nothing; `output` does.

pub mod builtin;
pub mod context;
pub mod feed;
pub(crate) mod links;
pub mod qr;
mod structured;
pub mod theme;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::Kind;
use crate::error::{guard, Error, Errors, Location};
use crate::i18n::catalogue::render as msg;
use crate::markdown::{self, Heading, MarkdownOptions};
use crate::output::Sink;
use crate::site::{ItemId, Site, SitePath};
use context::{
    BodyFacts, BuildView, CampaignCard, Card, ColumnCard, CurrentView, ItemCard, ItemFacts,
    MonthView, PageView, PaginatorView, SectionView, SiteView, TagView, Urls, YearView,
};
use links::{AnchorRef, Resolver};
pub use theme::Theme;

/// A file to write, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, made of slugs and fixed names.
    pub path: String,
    /// The bytes.
    pub contents: Vec<u8>,
}

/// A source file to copy into the output (a bundle's photo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyFile {
    /// Where it is.
    pub from: PathBuf,
    /// Where it goes, relative to the output directory.
    pub to: String,
}

/// What a build produced besides the files it wrote.
#[derive(Debug, Default)]
pub struct RenderedSite {
    /// Files to copy from the content tree (bundles' photos).
    pub copies: Vec<CopyFile>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Error>,
    /// Time spent in each template, slowest first.
    pub templates: Vec<TemplateTime>,
    /// Wall time of the parts of rendering: bodies (Markdown, cards and
    /// the bodies feeds carry), then pages with feeds.
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

/// The time one template took over a build.
#[derive(Debug, Clone)]
pub struct TemplateTime {
    /// The template.
    pub name: &'static str,
    /// Pages it rendered.
    pub pages: usize,
    /// Time in all of them (summed over threads).
    pub total: std::time::Duration,
    /// The slowest page.
    pub slowest: std::time::Duration,
}

fn template_times(results: &[(Job, std::time::Duration, Result<(), Error>)]) -> Vec<TemplateTime> {
    let mut by_name: BTreeMap<&'static str, TemplateTime> = BTreeMap::new();
    for (job, elapsed, _) in results {
        let name = job.template();
        let entry = by_name.entry(name).or_insert(TemplateTime {
            name,
            pages: 0,
            total: std::time::Duration::ZERO,
            slowest: std::time::Duration::ZERO,
        });
        entry.pages += 1;
        entry.total += *elapsed;
        entry.slowest = entry.slowest.max(*elapsed);
    }
    let mut times: Vec<TemplateTime> = by_name.into_values().collect();
    times.sort_by_key(|t| std::cmp::Reverse(t.total));
    times
}

/// A rendered Markdown body and what was learnt from it.
#[derive(Debug, Default)]
struct Body {
    html: String,
    no_alt: Vec<String>,
    headings: Vec<Heading>,
    word_count: usize,
    reading_minutes: usize,
    facts: ItemFacts,
    anchors: Vec<AnchorRef>,
}

/// Bodies rendered by an earlier build, reused when neither the document
/// nor anything its links depend on changed (for the dev server).
#[derive(Debug, Default, Clone)]
pub struct BodyCache {
    fingerprint: u64,
    entries: HashMap<String, (DocKey, Arc<Body>)>,
    names: u64,
    cards: HashMap<String, (CardKey, Arc<Card>)>,
}

/// Everything rendered once and shared by all pages: the compiled theme,
/// the Markdown bodies and the cards lists show.
pub struct Model {
    tera: tera::Tera,
    sources: BTreeMap<String, PathBuf>,
    strings: BTreeMap<String, String>,
    bodies: Vec<Arc<Body>>,
    cards: Vec<Arc<Card>>,
    campaigns: Vec<CampaignCard>,
    columns: Vec<ColumnCard>,
    /// The site-wide parts of pages by menu key (see [`chrome`]); empty
    /// for the dev server, whose pages draw them themselves.
    chrome: HashMap<&'static str, tera::Value>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Error>,
}

/// A model and the site it belongs to, for rendering pages.
struct Prepared<'a> {
    config: &'a Config,
    site: &'a Site,
    urls: Urls<'a>,
    strings: &'a BTreeMap<String, String>,
    bodies: &'a [Arc<Body>],
    cards: &'a [Arc<Card>],
    campaigns: &'a [CampaignCard],
    columns: &'a [ColumnCard],
    chrome: &'a HashMap<&'static str, tera::Value>,
    /// The site's organization in every article's JSON-LD.
    publisher: structured::Publisher,
}

impl<'a> Prepared<'a> {
    fn new(config: &'a Config, site: &'a Site, model: &'a Model) -> Self {
        Prepared {
            config,
            site,
            urls: Urls::new(config),
            strings: &model.strings,
            bodies: &model.bodies,
            cards: &model.cards,
            campaigns: &model.campaigns,
            columns: &model.columns,
            chrome: &model.chrome,
            publisher: structured::Publisher::of(config),
        }
    }
}

/// Renders the whole site, handing each file to `sink` as soon as it is
/// rendered (so the site's HTML is never all in memory at once). The
/// items' Markdown is let go of as soon as it is rendered (see
/// [`Site::take_texts`]).
pub fn site(
    config: &Config,
    site: &mut Site,
    theme: Theme,
    sink: &dyn Sink,
) -> Result<RenderedSite, Errors> {
    let started = std::time::Instant::now();
    let specs = feed_specs(config, site);
    let taken = Taken {
        texts: site.take_texts(),
    };
    let site: &Site = site;
    let (mut model, _) = prepare_taken(config, site, theme, None, Some(taken))?;
    model.cards = cards_with_html(&model.tera, std::mem::take(&mut model.cards));
    model.chrome = chrome(&model.tera);
    let p = Prepared::new(config, site, &model);
    let bodies = feed_bodies(&p, &specs);
    let prepared = started.elapsed();
    let jobs = jobs(&p);
    // Pages, and beside them the feeds and the sitemap, on the same threads.
    let (results, mut errors) = rayon::join(
        || {
            jobs.into_par_iter()
                .map(|job| {
                    let started = std::time::Instant::now();
                    let rendered = render_job(&p, &model.tera, &model.sources, &job);
                    let elapsed = started.elapsed();
                    (
                        job,
                        elapsed,
                        rendered.and_then(|file| sink.write(&file.path, &file.contents)),
                    )
                })
                .collect::<Vec<(Job, std::time::Duration, Result<(), Error>)>>()
        },
        || write_feeds(&p, &specs, &bodies, sink),
    );
    let templates = template_times(&results);
    errors.extend(results.into_iter().filter_map(|(_, _, r)| r.err()));
    drop(bodies);
    let warnings = std::mem::take(&mut model.warnings);
    free_later(model);
    if !errors.is_empty() {
        return Err(errors.into_iter().collect::<Errors>().sorted());
    }
    Ok(RenderedSite {
        copies: bundle_copies(config, site),
        warnings,
        templates,
        stages: vec![
            ("bodies", prepared),
            ("pages", started.elapsed() - prepared),
        ],
    })
}

/// Frees `value` on the thread pool, where nothing waits for it: the
/// bodies and cards of a big site take a noticeable time to free, and the
/// build has its output to publish meanwhile (or is done).
pub fn free_later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// Renders every Markdown body (reusing `cache` where nothing changed),
/// checks links and anchors, and builds the cards; returns the model and a
/// cache for the next build.
pub fn prepare(
    config: &Config,
    site: &Site,
    theme: Theme,
    cache: Option<&BodyCache>,
) -> Result<(Model, BodyCache), Errors> {
    prepare_taken(config, site, theme, cache, None)
}

/// The items' texts handed over by [`Site::take_texts`].
struct Taken {
    texts: Vec<Option<(Arc<str>, usize)>>,
}

/// [`prepare`], for a build that handed over the items' texts: each is let
/// go of once rendered, and no cache is kept.
fn prepare_taken(
    config: &Config,
    site: &Site,
    theme: Theme,
    cache: Option<&BodyCache>,
    taken: Option<Taken>,
) -> Result<(Model, BodyCache), Errors> {
    let Theme {
        mut tera,
        strings,
        sources,
        ..
    } = theme;
    let urls = Urls::new(config);
    let fingerprint = links_fingerprint(config, site);
    let cache = cache.filter(|c| c.fingerprint == fingerprint);
    let mut checks = Checks::default();
    let mut next = BodyCache {
        fingerprint,
        ..BodyCache::default()
    };
    let keep = taken.is_none();
    let bodies = render_docs(
        config,
        site,
        &urls,
        item_docs(site, taken),
        cache,
        keep.then_some(&mut next),
        &mut checks,
    );
    let campaign_bodies = render_docs(
        config,
        site,
        &urls,
        campaign_docs(site),
        cache,
        keep.then_some(&mut next),
        &mut checks,
    );
    let column_bodies = render_docs(
        config,
        site,
        &urls,
        column_docs(site),
        cache,
        keep.then_some(&mut next),
        &mut checks,
    );
    let Checks {
        mut errors,
        warnings,
    } = checks;
    check_anchors(site, &bodies, &campaign_bodies, &column_bodies, &mut errors);
    if !errors.is_empty() {
        return Err(errors.sorted());
    }
    let cards = build_cards(
        config,
        site,
        &urls,
        &bodies,
        cache,
        keep.then_some(&mut next),
    );
    let campaigns = site
        .campaigns
        .iter()
        .zip(&campaign_bodies)
        .map(|(c, b)| CampaignCard::new(site, c, b.html.clone(), &b.facts, &urls, &config.language))
        .collect();
    let columns = site
        .columns
        .iter()
        .zip(&column_bodies)
        .map(|(c, b)| {
            let latest = c.items.first().map(|id| cards[id.0].value.clone());
            ColumnCard::new(
                c,
                b.html.clone(),
                b.facts.cover.clone(),
                latest,
                &urls,
                &config.language,
            )
        })
        .collect();
    let globals = tera.global_context();
    globals.insert("site", &SiteView::new(config, &strings));
    globals.insert("t", &strings);
    globals.insert("build", &BuildView::new(site.now));
    let mut bodies = bodies;
    if !keep {
        // What pages print is all that is left to keep.
        bodies.iter_mut().for_each(slim);
    }
    let model = Model {
        tera,
        sources,
        strings,
        bodies,
        cards,
        campaigns,
        columns,
        chrome: HashMap::new(),
        warnings,
    };
    Ok((model, next))
}

/// Lets go of what a body's page does not print (the summary is on its
/// card; links and images were checked), when no cache shares it.
fn slim(body: &mut Arc<Body>) {
    if let Some(body) = Arc::get_mut(body) {
        body.facts = ItemFacts::default();
        body.anchors = Vec::new();
        body.no_alt = Vec::new();
    }
}

/// The template an item's card is drawn with.
const CARD_TEMPLATE: &str = "partials/card.html";

/// The cards with `card` set to their HTML: the theme's card template
/// rendered once for each item (with `item` and the site-wide variables, at
/// its default heading level and with a lazy cover), so lists of many items
/// print it instead of drawing every card again on every page they are on.
/// A card the template cannot draw alone is left without, and lists draw it
/// themselves, reporting any error where it occurs.
fn cards_with_html(tera: &tera::Tera, cards: Vec<Arc<Card>>) -> Vec<Arc<Card>> {
    if !tera.get_template_names().any(|name| name == CARD_TEMPLATE) {
        return cards;
    }
    cards
        .into_par_iter()
        .map(|card| {
            let mut ctx = tera::Context::new();
            ctx.insert_value("item", card.value.clone());
            let html = drawn_alone(tera, CARD_TEMPLATE, &ctx);
            drop(ctx);
            let Some(html) = html else {
                return card;
            };
            // Taken apart in place when no one else holds the card.
            let Card { permalink, value } = Arc::try_unwrap(card).unwrap_or_else(|c| (*c).clone());
            if value.as_map().is_none() {
                return Arc::new(Card { permalink, value });
            }
            let mut map = value.into_map().unwrap_or_default();
            map.insert("card".into(), tera::Value::safe_string(&html));
            Arc::new(Card {
                permalink,
                value: tera::Value::from(map),
            })
        })
        .collect()
}

/// The parts of every page that show the same on every page of one menu
/// entry, and the variables they are drawn in (`chrome.header`, …).
const CHROME: [(&str, &str); 2] = [
    ("header", "partials/header.html"),
    ("footer", "partials/footer.html"),
];

/// The theme's site-wide parts (see [`CHROME`]) drawn once for each menu
/// key, with the site-wide variables and `current.nav_key` alone, so pages
/// print them (`chrome.header`) instead of drawing them again. A key whose
/// parts cannot all be drawn alone is left out: its pages draw them
/// themselves, reporting any error where it occurs.
fn chrome(tera: &tera::Tera) -> HashMap<&'static str, tera::Value> {
    let names: HashSet<&str> = tera.get_template_names().collect();
    if !CHROME.iter().all(|(_, template)| names.contains(template)) {
        return HashMap::new();
    }
    context::NAV_KEYS
        .iter()
        .chain(&[""])
        .filter_map(|&key| {
            let mut ctx = tera::Context::new();
            ctx.insert("current", &context::NavKey { nav_key: key });
            let mut parts = tera::Map::new();
            for (name, template) in CHROME {
                let html = drawn_alone(tera, template, &ctx)?;
                parts.insert(name.into(), tera::Value::safe_string(&html));
            }
            Some((key, tera::Value::from(parts)))
        })
        .collect()
}

/// `template` drawn once for many pages, with `ctx` and the site-wide
/// variables only; `None` if it cannot be drawn so (it uses a page's own
/// variables), in which case the pages draw it themselves and report any
/// error where it occurs.
fn drawn_alone(tera: &tera::Tera, template: &str, ctx: &tera::Context) -> Option<String> {
    guard(std::path::Path::new(template), || {
        tera.render(template, ctx).map_err(|_| Errors::default())
    })
    .ok()
}

/// What an item's card is made from, compared by identity where it is shared.
#[derive(Debug, Clone)]
struct CardKey {
    doc: Arc<crate::content::Item>,
    body: Arc<Body>,
    issue: Option<u32>,
    tags: Vec<crate::site::TagId>,
    campaigns: Vec<crate::site::CampaignId>,
    column: Option<crate::site::ColumnId>,
}

impl CardKey {
    fn of(entry: &crate::site::Entry, body: &Arc<Body>) -> CardKey {
        CardKey {
            doc: Arc::clone(&entry.doc),
            body: Arc::clone(body),
            issue: entry.issue,
            tags: entry.tags.clone(),
            campaigns: entry.campaigns.clone(),
            column: entry.column,
        }
    }

    fn matches(&self, other: &CardKey) -> bool {
        Arc::ptr_eq(&self.doc, &other.doc)
            && Arc::ptr_eq(&self.body, &other.body)
            && (self.issue, &self.tags, &self.campaigns, self.column)
                == (other.issue, &other.tags, &other.campaigns, other.column)
    }
}

/// The cards of all items, reusing cached ones whose inputs did not change.
fn build_cards(
    config: &Config,
    site: &Site,
    urls: &Urls<'_>,
    bodies: &[Arc<Body>],
    cache: Option<&BodyCache>,
    next: Option<&mut BodyCache>,
) -> Vec<Arc<Card>> {
    let names = names_fingerprint(site);
    let cache = cache.filter(|c| c.names == names);
    let cards: Vec<(CardKey, Arc<Card>)> = site
        .items
        .par_iter()
        .zip(bodies)
        .map(|(entry, body)| {
            let key = CardKey::of(entry, body);
            let cached = cache
                .and_then(|c| c.cards.get(&entry.doc.rel))
                .filter(|(k, _)| k.matches(&key));
            let card = match cached {
                Some((_, card)) => Arc::clone(card),
                None => Arc::new(Card::new(&ItemCard::new(
                    site,
                    entry,
                    &body.facts,
                    urls,
                    &config.language,
                ))),
            };
            (key, card)
        })
        .collect();
    if let Some(next) = next {
        next.names = names;
        next.cards = site
            .items
            .iter()
            .zip(&cards)
            .map(|(entry, (key, card))| (entry.doc.rel.clone(), (key.clone(), Arc::clone(card))))
            .collect();
    }
    cards.into_iter().map(|(_, card)| card).collect()
}

/// A hash of the names cards show for tags, campaigns and columns.
fn names_fingerprint(site: &Site) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for tag in &site.tags {
        (&tag.name, &tag.slug).hash(&mut hasher);
    }
    for c in &site.campaigns {
        (&c.doc.slug, &c.doc.title).hash(&mut hasher);
    }
    for c in &site.columns {
        (&c.doc.slug, &c.doc.title).hash(&mut hasher);
    }
    hasher.finish()
}

/// A hash of everything a body's links resolve against: which documents
/// exist and where they are published.
fn links_fingerprint(config: &Config, site: &Site) -> u64 {
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
    Body {
        html: rendered.html,
        no_alt: rendered.images_without_alt,
        headings: rendered.headings,
        word_count,
        reading_minutes: markdown::reading_minutes(word_count),
        anchors: Vec::new(),
        facts: ItemFacts {
            summary,
            cover: cover.filter(|c| !c.is_empty()),
        },
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
struct DocKey {
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

/// Renders documents in parallel, reusing cached bodies (and, given
/// `next`, keeping them for the next build); collects their errors and
/// warnings for images without alt text. Each document's text is let go
/// of as soon as its body is rendered.
fn render_docs(
    config: &Config,
    site: &Site,
    urls: &Urls<'_>,
    docs: Vec<Doc<'_>>,
    cache: Option<&BodyCache>,
    next: Option<&mut BodyCache>,
    out: &mut Checks,
) -> Vec<Arc<Body>> {
    let keep = next.is_some();
    let results: Vec<(String, &std::path::Path, Option<DocKey>, BodyResult)> = docs
        .into_par_iter()
        .map(|doc| {
            let key = (keep || cache.is_some()).then(|| DocKey::of(&doc));
            let cached = cache
                .and_then(|c| c.entries.get(&doc.rel))
                .filter(|(k, _)| key.as_ref().is_some_and(|key| k.matches(key)));
            if let Some((_, body)) = cached {
                return (doc.rel, doc.shown, key, Ok(Arc::clone(body)));
            }
            let result = render_doc(config, site, urls, &doc);
            (doc.rel, doc.shown, key, result)
        })
        .collect();
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
fn render_doc(config: &Config, site: &Site, urls: &Urls<'_>, doc: &Doc<'_>) -> BodyResult {
    let markdown = doc.markdown();
    let rendered = guard(doc.shown, || {
        let resolver = Resolver::new(
            config, site, urls, &doc.rel, doc.shown, doc.path, doc.assets,
        )
        .with_source(markdown, doc.first_line);
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

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    Home,
    Campaigns,
    Campaign(usize),
    Columns,
    Column(usize, usize),
    List(Kind, usize),
    Item(ItemId),
    Tags,
    Tag(usize, usize),
    Archive,
    NotFound,
}

impl Job {
    /// The template that renders this page.
    fn template(self) -> &'static str {
        match self {
            Job::Home => "index.html",
            Job::Campaigns => "campaigns.html",
            Job::Campaign(_) => "campaign.html",
            Job::Columns => "columns.html",
            Job::Column(..) => "column.html",
            Job::List(..) => "list.html",
            Job::Item(_) => "page.html",
            Job::Tags => "tags.html",
            Job::Tag(..) => "tag.html",
            Job::Archive => "archive.html",
            Job::NotFound => "404.html",
        }
    }

    /// The output file this page is written to.
    fn output_path(self, site: &Site) -> String {
        let dir = match self {
            Job::Home => SitePath::root(),
            Job::Campaigns => SitePath::of(&["campaigns"]),
            Job::Campaign(i) => site.campaigns[i].path.clone(),
            Job::Columns => SitePath::of(&["columns"]),
            Job::Column(i, n) => site.columns[i].path.page(n),
            Job::List(kind, n) => SitePath::of(&[kind.section()]).page(n),
            Job::Item(id) => site.item(id).path.clone(),
            Job::Tags => SitePath::of(&["tags"]),
            Job::Tag(i, n) => site.tags[i].path.page(n),
            Job::Archive => SitePath::of(&["archive"]),
            Job::NotFound => return "404.html".to_string(),
        };
        format!("{}index.html", dir.as_str())
    }
}

/// A file the dev server renders when it is asked for.
#[derive(Debug, Clone)]
pub enum Resource {
    /// An HTML page.
    Page(Job),
    /// A feed.
    Feed(Arc<FeedSpec>),
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
}

impl Model {
    /// Every generated file of the site by output path (`stories/a/index.html`),
    /// to be rendered on request with [`Model::render`].
    pub fn index(&self, config: &Config, site: &Site) -> HashMap<String, Resource> {
        let p = Prepared::new(config, site, self);
        let mut index: HashMap<String, Resource> = jobs(&p)
            .into_iter()
            .map(|job| (job.output_path(site), Resource::Page(job)))
            .collect();
        for spec in feed_specs(config, site) {
            index.insert(
                format!("{}feed.xml", spec.dir.as_str()),
                Resource::Feed(Arc::new(spec)),
            );
        }
        index.insert("sitemap.xml".into(), Resource::Sitemap);
        index.insert("robots.txt".into(), Resource::Robots);
        index
    }

    /// Renders one file of [`Model::index`].
    pub fn render(
        &self,
        config: &Config,
        site: &Site,
        resource: &Resource,
    ) -> Result<Vec<u8>, Error> {
        let p = Prepared::new(config, site, self);
        match resource {
            Resource::Page(job) => {
                render_job(&p, &self.tera, &self.sources, job).map(|f| f.contents)
            }
            Resource::Feed(spec) => {
                let bodies = feed_bodies(&p, std::slice::from_ref(spec.as_ref()));
                Ok(feed_file(&p, spec, &bodies).contents)
            }
            Resource::Sitemap | Resource::Robots => {
                let files = sitemap_and_robots(&p);
                let wanted = if matches!(resource, Resource::Sitemap) {
                    "sitemap.xml"
                } else {
                    "robots.txt"
                };
                Ok(files
                    .into_iter()
                    .find(|f| f.path == wanted)
                    .map(|f| f.contents)
                    .unwrap_or_default())
            }
        }
    }

    /// Files copied from page bundles, by output path.
    pub fn bundle_files(config: &Config, site: &Site) -> HashMap<String, PathBuf> {
        bundle_copies(config, site)
            .into_iter()
            .map(|c| (c.to, c.from))
            .collect()
    }
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

fn jobs(p: &Prepared<'_>) -> Vec<Job> {
    let per = p.config.paginate;
    let mut jobs = vec![
        Job::Home,
        Job::Campaigns,
        Job::Columns,
        Job::Tags,
        Job::Archive,
        Job::NotFound,
    ];
    jobs.extend((0..p.site.campaigns.len()).map(Job::Campaign));
    for (i, c) in p.site.columns.iter().enumerate() {
        jobs.extend((1..=page_count(c.items.len(), per)).map(|n| Job::Column(i, n)));
    }
    for kind in [Kind::Story, Kind::Report, Kind::Announcement] {
        jobs.extend((1..=page_count(p.site.of_kind(kind).len(), per)).map(|n| Job::List(kind, n)));
    }
    for (i, t) in p.site.tags.iter().enumerate() {
        jobs.extend((1..=page_count(t.items.len(), per)).map(|n| Job::Tag(i, n)));
    }
    jobs.extend((0..p.site.items.len()).map(|i| Job::Item(ItemId(i))));
    jobs
}

/// The template, the page's path, its `<title>` text, its menu key, and its own variables.
struct PageSpec {
    template: &'static str,
    path: SitePath,
    title: String,
    nav_key: &'static str,
    vars: tera::Context,
}

fn render_job(
    p: &Prepared<'_>,
    tera: &tera::Tera,
    sources: &BTreeMap<String, PathBuf>,
    job: &Job,
) -> Result<OutputFile, Error> {
    let blame = match job {
        Job::Item(id) => p.site.item(*id).doc.shown.clone(),
        _ => PathBuf::from(job.output_path(p.site)),
    };
    guard(&blame, || {
        render_page(p, tera, sources, job).map_err(Errors::from)
    })
    .map_err(|e| {
        e.into_iter()
            .next()
            .unwrap_or_else(|| Error::in_file(&blame, msg::could_not_render()))
    })
}

fn render_page(
    p: &Prepared<'_>,
    tera: &tera::Tera,
    sources: &BTreeMap<String, PathBuf>,
    job: &Job,
) -> Result<OutputFile, Error> {
    let share = share(p, job);
    let image = structured::image_url(p.config, share.cover);
    let spec = page_spec(p, job, &share, &image);
    let mut ctx = spec.vars;
    let current = CurrentView {
        url: p.urls.url(&spec.path),
        permalink: p.urls.permalink(&spec.path),
        title: &spec.title,
        nav_key: spec.nav_key,
        description: Some(share.description)
            .filter(|d| !d.is_empty())
            .unwrap_or(&p.config.description),
        image,
        og_type: if share.article { "article" } else { "website" },
    };
    ctx.insert("current", &current);
    if let Some(chrome) = p.chrome.get(spec.nav_key) {
        ctx.insert_value("chrome", chrome.clone());
    }
    // Rendered straight into bytes: the page goes to disk as it is, with no
    // second pass to check it as a Rust string. Most pages fit in 32 KB
    // (growing the buffer copies what is already written).
    let mut html = Vec::with_capacity(32 * 1024);
    tera.render_to(spec.template, &ctx, &mut html)
        .map_err(|e| theme::template_error(&e, sources))?;
    let path = if matches!(job, Job::NotFound) {
        "404.html".to_string()
    } else {
        format!("{}index.html", spec.path.as_str())
    };
    Ok(OutputFile {
        path,
        contents: html,
    })
}

/// What the page of `job` tells sharers.
fn share<'a>(p: &'a Prepared<'_>, job: &Job) -> context::Share<'a> {
    match job {
        Job::Item(id) => {
            let card = &p.cards[id.0];
            let field =
                |name: &'static str| card.value.get_from_path(name).and_then(|v| v.as_str());
            context::Share {
                description: field("summary").unwrap_or_default(),
                cover: field("cover").filter(|c| !c.is_empty()),
                article: p.site.item(*id).doc.kind != Kind::Page,
            }
        }
        Job::Campaign(i) => p.campaigns[*i].share(),
        Job::Column(i, _) => p.columns[*i].share(),
        _ => context::Share::default(),
    }
}

fn string(p: &Prepared<'_>, key: &str) -> String {
    p.strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

fn insert<T: Serialize + ?Sized>(ctx: &mut tera::Context, key: &'static str, value: &T) {
    ctx.insert(key, value);
}

fn cards<'a>(p: &'a Prepared<'_>, ids: &[ItemId]) -> Vec<&'a tera::Value> {
    ids.iter().map(|id| &p.cards[id.0].value).collect()
}

fn paginate<'a>(
    p: &'a Prepared<'_>,
    ids: &[ItemId],
    page: usize,
    base: &SitePath,
) -> PaginatorView<'a> {
    let per = p.config.paginate;
    let total_pages = page_count(ids.len(), per);
    let start = (page - 1) * per;
    let slice = &ids[start.min(ids.len())..(start + per).min(ids.len())];
    PaginatorView::new(cards(p, slice), page, total_pages, ids.len(), base, &p.urls)
}

/// The spec of the page of `job`; `share` and `image` are what it tells
/// sharers (an item's JSON-LD says the same).
fn page_spec(p: &Prepared<'_>, job: &Job, share: &context::Share<'_>, image: &str) -> PageSpec {
    let mut vars = tera::Context::new();
    let site = p.site;
    let (template, path, title, nav_key) = match job {
        Job::Home => {
            let pinned: Vec<ItemId> = site
                .items
                .iter()
                .enumerate()
                .filter(|(_, e)| e.doc.pinned)
                .map(|(i, _)| ItemId(i))
                .collect();
            let latest: Vec<ItemId> = (0..site.items.len())
                .map(ItemId)
                .filter(|id| site.item(*id).doc.kind != Kind::Page && !site.item(*id).doc.pinned)
                .take(p.config.paginate)
                .collect();
            insert(&mut vars, "pinned", &cards(p, &pinned));
            insert(&mut vars, "latest", &cards(p, &latest));
            let ongoing: Vec<&CampaignCard> = site
                .campaigns
                .iter()
                .zip(p.campaigns)
                .filter(|(c, _)| c.status == crate::site::Status::Ongoing)
                .map(|(_, card)| card)
                .collect();
            insert(&mut vars, "ongoing", &ongoing);
            insert(&mut vars, "columns", &p.columns);
            insert(
                &mut vars,
                "totals",
                &context::totals(p.config, &site.totals),
            );
            (
                "index.html",
                SitePath::root(),
                p.config.title.clone(),
                "home",
            )
        }
        Job::Campaigns => {
            for status in [
                crate::site::Status::Ongoing,
                crate::site::Status::Upcoming,
                crate::site::Status::Ended,
            ] {
                let list: Vec<&CampaignCard> = site
                    .campaigns
                    .iter()
                    .zip(p.campaigns)
                    .filter(|(c, _)| c.status == status)
                    .map(|(_, card)| card)
                    .collect();
                insert(&mut vars, status.key(), &list);
            }
            (
                "campaigns.html",
                SitePath::of(&["campaigns"]),
                string(p, "nav_campaigns"),
                "campaigns",
            )
        }
        Job::Campaign(i) => {
            let c = &site.campaigns[*i];
            insert(&mut vars, "campaign", &p.campaigns[*i]);
            insert(&mut vars, "totals", &context::totals(p.config, &c.totals));
            for (kind, key) in [
                (Kind::Announcement, "announcements"),
                (Kind::Report, "reports"),
                (Kind::Story, "stories"),
            ] {
                let ids: Vec<ItemId> = c
                    .items
                    .iter()
                    .copied()
                    .filter(|id| site.item(*id).doc.kind == kind)
                    .collect();
                insert(&mut vars, key, &cards(p, &ids));
            }
            (
                "campaign.html",
                c.path.clone(),
                c.doc.title.clone(),
                "campaigns",
            )
        }
        Job::Columns => {
            insert(&mut vars, "columns", &p.columns);
            (
                "columns.html",
                SitePath::of(&["columns"]),
                string(p, "nav_columns"),
                "columns",
            )
        }
        Job::Column(i, page) => {
            let c = &site.columns[*i];
            insert(&mut vars, "column", &p.columns[*i]);
            insert(
                &mut vars,
                "paginator",
                &paginate(p, &c.items, *page, &c.path),
            );
            (
                "column.html",
                c.path.page(*page),
                c.doc.title.clone(),
                "columns",
            )
        }
        Job::List(kind, page) => {
            let title = string(p, &format!("nav_{}", kind.section()));
            let base = SitePath::of(&[kind.section()]);
            insert(
                &mut vars,
                "section",
                &SectionView::new(*kind, title.clone(), &p.urls),
            );
            insert(
                &mut vars,
                "paginator",
                &paginate(p, site.listing(*kind), *page, &base),
            );
            ("list.html", base.page(*page), title, kind.section())
        }
        Job::Item(id) => return item_spec(p, *id, share.description, image),
        Job::Tags => {
            let tags: Vec<TagView> = site.tags.iter().map(|t| TagView::new(t, &p.urls)).collect();
            insert(&mut vars, "tags", &tags);
            (
                "tags.html",
                SitePath::of(&["tags"]),
                string(p, "nav_tags"),
                "tags",
            )
        }
        Job::Tag(i, page) => {
            let t = &site.tags[*i];
            insert(&mut vars, "tag", &TagView::new(t, &p.urls));
            insert(
                &mut vars,
                "paginator",
                &paginate(p, &t.items, *page, &t.path),
            );
            ("tag.html", t.path.page(*page), t.name.clone(), "tags")
        }
        Job::Archive => {
            insert(&mut vars, "years", &archive(p));
            (
                "archive.html",
                SitePath::of(&["archive"]),
                string(p, "nav_archive"),
                "archive",
            )
        }
        Job::NotFound => (
            "404.html",
            SitePath::root(),
            string(p, "not_found_title"),
            "",
        ),
    };
    PageSpec {
        template,
        path,
        title,
        nav_key,
        vars,
    }
}

fn item_spec(p: &Prepared<'_>, id: ItemId, summary: &str, image: &str) -> PageSpec {
    let entry = p.site.item(id);
    let body = &p.bodies[id.0];
    let facts = BodyFacts {
        html: &body.html,
        headings: &body.headings,
        word_count: body.word_count,
        reading_minutes: body.reading_minutes,
    };
    let mut vars = tera::Context::new();
    let card = &p.cards[id.0];
    let json_ld = (entry.doc.kind != Kind::Page).then(|| json_ld(p, id, summary, image));
    let page = PageView::new(p.config, entry, card, facts, json_ld);
    vars.insert_value("page", page.to_value());
    if let Some(prev) = entry.prev {
        vars.insert_value("prev", p.cards[prev.0].value.clone());
    }
    if let Some(next) = entry.next {
        vars.insert_value("next", p.cards[next.0].value.clone());
    }
    let nav_key = match entry.doc.kind {
        Kind::Page => "",
        kind => kind.section(),
    };
    PageSpec {
        template: "page.html",
        path: entry.path.clone(),
        title: entry.doc.title.clone(),
        nav_key,
        vars,
    }
}

/// The `NewsArticle` JSON-LD of a story, report or announcement whose
/// summary and sharing image are `summary` and `image`.
fn json_ld(p: &Prepared<'_>, id: ItemId, summary: &str, image: &str) -> String {
    let entry = p.site.item(id);
    let card = &p.cards[id.0];
    let doc = &entry.doc;
    let date = doc.date.map(crate::date::DateTime::iso);
    let updated = doc.updated.map(crate::date::DateTime::iso);
    let keywords: Vec<&str> = entry
        .tags
        .iter()
        .map(|t| p.site.tags[t.0].name.as_str())
        .collect();
    let section = p
        .strings
        .get(&format!("kind_{}", doc.kind.name()))
        .map_or(doc.kind.name(), String::as_str);
    structured::news_article(
        p.config,
        &p.publisher,
        &structured::Article {
            title: &doc.title,
            summary,
            permalink: &card.permalink,
            date: date.as_deref(),
            updated: updated.as_deref(),
            image,
            authors: &doc.authors,
            keywords: &keywords,
            section,
        },
    )
}

fn archive<'a>(p: &'a Prepared<'_>) -> Vec<YearView<'a>> {
    let mut years: Vec<YearView<'a>> = Vec::new();
    for (i, entry) in p.site.items.iter().enumerate() {
        let Some(date) = entry.doc.date else { continue };
        let card = &p.cards[i];
        if years.last().is_none_or(|y| y.year != date.year()) {
            years.push(YearView {
                year: date.year(),
                count: 0,
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        year.count += 1;
        if year.months.last().is_none_or(|m| m.month != date.month()) {
            year.months.push(MonthView {
                month: date.month(),
                items: Vec::new(),
            });
        }
        if let Some(month) = year.months.last_mut() {
            month.items.push(&card.value);
        }
    }
    years
}

/// One feed to write: where, its channel text, and its items (already limited).
#[derive(Debug)]
pub struct FeedSpec {
    dir: SitePath,
    title: String,
    description: String,
    items: Vec<ItemId>,
}

fn feed_specs(config: &Config, site: &Site) -> Vec<FeedSpec> {
    let limit = |ids: &mut dyn Iterator<Item = &ItemId>| -> Vec<ItemId> {
        ids.filter(|id| site.item(**id).doc.kind != Kind::Page)
            .take(config.feed_limit)
            .copied()
            .collect()
    };
    let all: Vec<ItemId> = (0..site.items.len()).map(ItemId).collect();
    let mut specs = vec![FeedSpec {
        dir: SitePath::root(),
        title: config.title.clone(),
        description: config.description.clone(),
        items: limit(&mut all.iter()),
    }];
    for c in &site.campaigns {
        let d = &c.doc;
        specs.push(FeedSpec {
            dir: c.path.clone(),
            title: format!("{} - {}", d.title, config.title),
            description: d
                .slogan
                .clone()
                .or_else(|| d.summary.clone())
                .unwrap_or_else(|| d.title.clone()),
            items: limit(&mut c.items.iter()),
        });
    }
    for c in &site.columns {
        let d = &c.doc;
        specs.push(FeedSpec {
            dir: c.path.clone(),
            title: format!("{} - {}", d.title, config.title),
            description: d.description.clone().unwrap_or_else(|| d.title.clone()),
            items: limit(&mut c.items.iter()),
        });
    }
    specs
}

/// Item bodies with absolute URLs, for feeds.
type FeedBodies<'a> = HashMap<ItemId, Cow<'a, str>>;

/// The bodies of the items that feeds carry, with absolute URLs.
fn feed_bodies<'a>(p: &Prepared<'a>, specs: &[FeedSpec]) -> FeedBodies<'a> {
    let wanted: std::collections::BTreeSet<ItemId> =
        specs.iter().flat_map(|s| s.items.iter().copied()).collect();
    let origin = p.config.base_url.origin();
    wanted
        .into_par_iter()
        .filter_map(|id| {
            let body = p.bodies.get(id.0)?;
            Some((id, links::absolute_links(&body.html, origin)))
        })
        .collect()
}

fn feed_file(p: &Prepared<'_>, spec: &FeedSpec, bodies: &FeedBodies<'_>) -> OutputFile {
    let link = p.urls.permalink(&spec.dir);
    let self_link = p.urls.file(&spec.dir, "feed.xml");
    let items: Vec<feed::FeedItem> = spec
        .items
        .iter()
        .filter_map(|id| {
            let entry = p.site.item(*id);
            Some(feed::FeedItem {
                title: &entry.doc.title,
                link: &p.cards[id.0].permalink,
                date: entry.doc.updated.or(entry.doc.date)?,
                content: bodies.get(id).map_or("", |b| b.as_ref()),
                categories: entry
                    .tags
                    .iter()
                    .map(|t| p.site.tags[t.0].name.as_str())
                    .collect(),
            })
        })
        .collect();
    let channel = feed::Channel {
        title: &spec.title,
        link: &link,
        self_link: &self_link,
        description: &spec.description,
        language: &p.config.language,
    };
    OutputFile {
        path: format!("{}feed.xml", spec.dir.as_str()),
        contents: feed::rss(&channel, &items).into_bytes(),
    }
}

/// Writes every feed (of `specs`, with the item bodies rendered for feeds),
/// the sitemap and robots.txt; returns what could not be written.
fn write_feeds(
    p: &Prepared<'_>,
    specs: &[FeedSpec],
    bodies: &FeedBodies<'_>,
    sink: &dyn Sink,
) -> Vec<Error> {
    let mut errors: Vec<Error> = specs
        .par_iter()
        .filter_map(|spec| {
            let file = feed_file(p, spec, bodies);
            sink.write(&file.path, &file.contents).err()
        })
        .collect();
    for file in sitemap_and_robots(p) {
        if let Err(e) = sink.write(&file.path, &file.contents) {
            errors.push(e);
        }
    }
    errors
}

fn sitemap_and_robots(p: &Prepared<'_>) -> Vec<OutputFile> {
    let site = p.site;
    let per = p.config.paginate;
    let mut entries = Vec::new();
    let mut add = |path: SitePath, lastmod| {
        entries.push(feed::SitemapEntry {
            loc: p.urls.permalink(&path),
            lastmod,
        })
    };
    let newest = site
        .items
        .iter()
        .filter_map(|e| e.doc.updated.or(e.doc.date))
        .max();
    add(SitePath::root(), newest);
    for key in ["campaigns", "columns", "tags", "archive"] {
        add(SitePath::of(&[key]), None);
    }
    for c in &site.campaigns {
        add(c.path.clone(), None);
    }
    for c in &site.columns {
        for n in 1..=page_count(c.items.len(), per) {
            add(c.path.page(n), None);
        }
    }
    for kind in [Kind::Story, Kind::Report, Kind::Announcement] {
        for n in 1..=page_count(site.of_kind(kind).len(), per) {
            add(SitePath::of(&[kind.section()]).page(n), None);
        }
    }
    for t in &site.tags {
        for n in 1..=page_count(t.items.len(), per) {
            add(t.path.page(n), None);
        }
    }
    for e in &site.items {
        add(e.path.clone(), e.doc.updated.or(e.doc.date));
    }
    let sitemap_url = p.urls.file(&SitePath::root(), "sitemap.xml");
    vec![
        OutputFile {
            path: "sitemap.xml".into(),
            contents: feed::sitemap(&entries).into_bytes(),
        },
        OutputFile {
            path: "robots.txt".into(),
            contents: feed::robots(&sitemap_url).into_bytes(),
        },
    ]
}

fn bundle_copies(config: &Config, site: &Site) -> Vec<CopyFile> {
    let mut copies = Vec::new();
    for entry in &site.items {
        let Some(dir) = entry.doc.rel.rsplit_once('/').map(|(d, _)| d) else {
            continue;
        };
        for asset in &entry.doc.assets {
            if !links::is_plain_relative(asset) {
                continue;
            }
            copies.push(CopyFile {
                from: config
                    .root
                    .join(crate::content::discover::CONTENT_DIR)
                    .join(dir)
                    .join(asset),
                to: format!("{}{asset}", entry.path.as_str()),
            });
        }
    }
    copies
}
