//! Rendering: Markdown bodies (with links between pages resolved), the
//! cards lists show, every page through the theme's templates, the feeds,
//! the sitemap and robots.txt — in memory, in parallel. It returns what it
//! made (each file handed to the caller's [`Emit`] as soon as it is
//! rendered, and the files to copy) and writes nothing: `output` does.
//!
//! `build` renders every file at once ([`site`]); the dev server prepares
//! the same [`Model`] ([`prepare`]) and renders a file when it is asked for
//! ([`Model::render`]), through the same code, so every template variable
//! exists in both.

mod addresses;
mod bodies;
pub mod builtin;
mod cards;
pub mod charts;
pub mod context;
pub mod exports;
mod feeds;
pub(crate) mod links;
mod outdent;
mod pages;
pub mod photos;
pub mod qr;
mod rss;
mod search;
mod sitemap;
pub mod statics;
pub mod stats;
mod structured;
pub mod theme;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::{Error, Errors};
use crate::site::Site;
pub use addresses::Addresses;
use bodies::{Body, DocKey};
use cards::CardKey;
use context::{CampaignCard, Card, ColumnCard, Urls};
pub use feeds::FeedSpec;
pub use pages::{Job, TemplateTime};
pub use photos::Photos;
pub use statics::{StaticDir, StaticFile};
pub use theme::Theme;

/// A file rendered, to be written relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
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
    /// Where it goes, relative to the output folder.
    pub to: String,
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

/// What the caller does with each rendered file (writes it, or drops it
/// for a check); called from many threads at once.
pub type Emit<'a> = dyn Fn(File) -> Result<(), Error> + Sync + 'a;

/// What rendering a site made besides the files it emitted.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Files to copy from the content tree (bundles' photos).
    pub copies: Vec<CopyFile>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Error>,
    /// Time spent in each template, slowest first.
    pub templates: Vec<TemplateTime>,
    /// Wall time of the parts of rendering: bodies (Markdown, cards and
    /// the bodies feeds carry), then pages with feeds.
    pub stages: Vec<(&'static str, Duration)>,
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
    /// The site-wide parts of pages by menu key (see [`cards::chrome`]).
    chrome: HashMap<&'static str, tera::Value>,
    /// The search index's files (below `search/`) and their version.
    search: crate::search::IndexFiles,
    /// In a build, the index's shards written: the rest of it is written
    /// once the item pages are, and their bodies let go of (see [`site`]).
    search_written: Option<crate::search::index::Written>,
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
    /// The search index's version, for the search page.
    search_version: &'a str,
    /// In a build, the item bodies' HTML each page takes (see
    /// [`bodies::Handed`]).
    handed: Option<&'a bodies::Handed>,
    /// The site's organization in every article's JSON-LD.
    publisher: structured::Publisher,
    /// Whether the theme draws the statistics pages (a theme ejected
    /// before they existed has no `stats.html`).
    stats_pages: bool,
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
            search_version: &model.search.version,
            handed: None,
            publisher: structured::Publisher::of(config),
            stats_pages: stats::TEMPLATES
                .iter()
                .all(|t| model.tera.get_template_names().any(|n| n == *t)),
        }
    }
}

/// Renders the whole site, handing each file to `emit` as soon as it is
/// rendered (so the site's HTML is never all in memory at once). The
/// items' Markdown is let go of as soon as it is rendered (see
/// [`Site::take_texts`]).
pub fn site(
    config: &Config,
    site: &mut Site,
    theme: Theme,
    photos: &Photos,
    emit: &Emit<'_>,
) -> Result<Rendered, Errors> {
    let started = Instant::now();
    let specs = feeds::specs(config, site);
    let taken = bodies::Taken {
        texts: site.take_texts(),
    };
    let site: &Site = site;
    let (mut model, _) = prepare_taken(config, site, theme, photos, None, Some((taken, emit)))?;
    let written = model.search_written.take();
    // Each item page takes its body's HTML; those feeds carry stay.
    let handed = bodies::Handed::from(&mut model.bodies, &feeds::carried(&specs, site.items.len()));
    let mut p = Prepared::new(config, site, &model);
    p.handed = Some(&handed);
    let feed_bodies = feeds::bodies(&p, &specs);
    let prepared = started.elapsed();
    let jobs = pages::jobs(&p);
    // The sitemap names the pages in the jobs' order; it is made after the
    // feeds and exports, when the first item pages have let go of their
    // bodies (it is 15 MB at 100,000 pages).
    let sitemap_jobs = jobs.clone();
    // The search page shows the index's version: drawn once it is built.
    let (jobs, search_page): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|job| !matches!(job, Job::Search));
    // Item pages first, each letting go of its body's HTML, then the
    // lists, whose biggest (the archive, the campaigns) would otherwise be
    // drawn while every body is still held.
    let (items, others): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|job| matches!(job, Job::Item(_)));
    // Pages, and beside them the feeds, the sitemap and robots.txt, on the
    // same threads.
    let (mut results, mut errors) = rayon::join(
        || {
            let mut results = pages::render_all(&p, &model, items, emit);
            results.extend(pages::render_all(&p, &model, others, emit));
            results
        },
        || {
            let mut errors = feeds::render_all(&p, &specs, &feed_bodies, emit);
            errors.extend(export_all(&p, emit));
            let sitemap = sitemap::files(&p, &sitemap_jobs);
            errors.extend(sitemap.into_iter().filter_map(|file| emit(file).err()));
            errors
        },
    );
    drop(feed_bodies);
    // The rest of the search index, the items' records, when the bodies
    // are let go of; then the search page, which shows its version.
    let version = written.map(|written| {
        let (version, failed) =
            search::finish(config, site, written, &model.cards, &model.strings, emit);
        errors.extend(failed);
        version
    });
    let p = Prepared {
        search_version: version.as_deref().unwrap_or_default(),
        handed: None,
        ..p
    };
    results.extend(pages::render_all(&p, &model, search_page, emit));
    let templates = pages::template_times(&results);
    errors.extend(results.into_iter().filter_map(|(_, _, r)| r.err()));
    let warnings = std::mem::take(&mut model.warnings);
    free_later(model);
    if !errors.is_empty() {
        return Err(errors.into_iter().collect::<Errors>().sorted());
    }
    Ok(Rendered {
        copies: bundle_copies(config, site),
        warnings,
        templates,
        stages: vec![
            ("bodies", prepared),
            ("pages", started.elapsed() - prepared),
        ],
    })
}

/// Renders every statistics export, handing each to `emit`; the errors
/// `emit` returned.
fn export_all(p: &Prepared<'_>, emit: &Emit<'_>) -> Vec<Error> {
    use rayon::prelude::*;
    stats::scopes(p.site)
        .into_par_iter()
        .flat_map_iter(|scope| {
            let breakdown = scope.breakdown(p.site, p.config.metrics.len());
            stats::Export::ALL
                .map(|export| exports::file(p, scope, &breakdown, export))
                .into_iter()
                .filter_map(|file| emit(file).err())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Frees `value` on the thread pool, where nothing waits for it: the
/// bodies and cards of a big site take a noticeable time to free, and the
/// build has its output to publish meanwhile (or is done).
pub fn free_later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// Renders every Markdown body (reusing `cache` where nothing changed),
/// checks links and anchors, builds the cards and draws what pages share;
/// returns the model and a cache for the next build (the dev server's
/// way in; [`site`] is the build's).
pub fn prepare(
    config: &Config,
    site: &Site,
    theme: Theme,
    photos: &Photos,
    cache: Option<&BodyCache>,
) -> Result<(Model, BodyCache), Errors> {
    prepare_taken(config, site, theme, photos, cache, None)
}

/// [`prepare`], for a build that handed over the items' texts and writes
/// its files through `emit` (`built`): each text is let go of once
/// rendered, no cache is kept, and the search index's shards are written
/// as soon as the bodies are rendered.
fn prepare_taken(
    config: &Config,
    site: &Site,
    theme: Theme,
    photos: &Photos,
    cache: Option<&BodyCache>,
    built: Option<(bodies::Taken, &Emit<'_>)>,
) -> Result<(Model, BodyCache), Errors> {
    let Theme {
        mut tera,
        strings,
        sources,
        ..
    } = theme;
    let urls = Urls::new(config);
    let (taken, emit) = built.unzip();
    let keep = taken.is_none();
    let against = bodies::Against {
        config,
        site,
        urls: &urls,
        photos,
    };
    let add = |lists: &mut crate::search::index::Lists,
               id: usize,
               body: crate::search::index::BodyTerms<'_>| {
        search::add_page(site, lists, id, body)
    };
    let (mut bodies, mut next) = bodies::render_all(against, taken, cache, &add)?;
    // A build writes the index's shards at once, letting go of the posting
    // lists before the cards are made (the peak of memory at 100,000
    // pages); the items' records follow the pages (see [`site`]).
    let postings = std::mem::take(&mut bodies.search);
    let (postings, written) = match emit {
        Some(emit) => (None, Some(search::write_shards(postings, emit))),
        None => (Some(postings), None),
    };
    let cache = cache.filter(|c| c.fingerprint == next.fingerprint);
    let cards = cards::build(
        config,
        site,
        &urls,
        &bodies.items,
        cache,
        keep.then_some(&mut next),
    );
    let campaigns = cards::campaign_cards(config, site, &urls, &bodies.campaigns);
    let columns = cards::column_cards(config, site, &urls, &bodies.columns, &cards);
    context::set_globals(&mut tera, config, &strings, site.now);
    let mut items = bodies.items;
    let search = match postings {
        Some(postings) => search::index(config, site, postings, &cards, &strings),
        None => crate::search::IndexFiles::default(),
    };
    if !keep {
        // What pages print is all that is left to keep.
        items.iter_mut().for_each(bodies::slim);
    }
    let model = Model {
        cards: cards::with_html(&tera, cards),
        chrome: cards::chrome(&tera),
        tera,
        sources,
        strings,
        bodies: items,
        campaigns,
        columns,
        search,
        search_written: written,
        warnings: bodies.warnings,
    };
    Ok((model, next))
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
    /// A file of statistics (CSV, JSON).
    Export(stats::Scope, stats::Export),
    /// A file of the search index, by its place in the index's files.
    SearchIndex(usize),
}

impl Model {
    /// Every generated file of the site by output path (`stories/a/index.html`),
    /// to be rendered on request with [`Model::render`].
    pub fn index(&self, config: &Config, site: &Site) -> HashMap<String, Resource> {
        let p = Prepared::new(config, site, self);
        let mut index: HashMap<String, Resource> = pages::jobs(&p)
            .into_iter()
            .map(|job| (job.output_path(site, config.page_urls), Resource::Page(job)))
            .collect();
        for spec in feeds::specs(config, site) {
            index.insert(spec.file_path(), Resource::Feed(Arc::new(spec)));
        }
        for scope in stats::scopes(site) {
            for export in stats::Export::ALL {
                let path = format!("{}{}", scope.folder(site).as_str(), export.file_name());
                index.insert(path, Resource::Export(scope, export));
            }
        }
        index.insert(sitemap::SITEMAP.into(), Resource::Sitemap);
        index.insert(sitemap::ROBOTS.into(), Resource::Robots);
        for (i, (path, _)) in self.search.files.iter().enumerate() {
            index.insert(search::file_path(path), Resource::SearchIndex(i));
        }
        index
    }

    /// Renders one file of [`Model::index`], by the code [`site`] renders
    /// it with.
    pub fn render(
        &self,
        config: &Config,
        site: &Site,
        resource: &Resource,
    ) -> Result<Vec<u8>, Error> {
        let p = Prepared::new(config, site, self);
        match resource {
            Resource::Page(job) => pages::render_job(&p, self, job).map(|f| f.contents),
            Resource::Feed(spec) => {
                let bodies = feeds::bodies(&p, std::slice::from_ref(spec.as_ref()));
                Ok(feeds::file(&p, spec, &bodies).contents)
            }
            Resource::Export(scope, export) => {
                let breakdown = scope.breakdown(site, config.metrics.len());
                Ok(exports::file(&p, *scope, &breakdown, *export).contents)
            }
            Resource::SearchIndex(i) => Ok(self
                .search
                .files
                .get(*i)
                .map(|(_, contents)| contents.clone())
                .unwrap_or_default()),
            Resource::Sitemap | Resource::Robots => {
                let wanted = match resource {
                    Resource::Sitemap => sitemap::SITEMAP,
                    _ => sitemap::ROBOTS,
                };
                Ok(sitemap::files(&p, &pages::jobs(&p))
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

/// The photos of page bundles, to be copied beside their pages.
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
