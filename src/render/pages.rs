//! Pages: the list of pages a site has (one [`Job`] each), and each page
//! drawn by its template with its typed context.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::context::{
    self, BodyFacts, CampaignCard, CurrentView, MonthView, PageView, PaginatorView, SectionView,
    TagView, YearView,
};
use super::stats::{self, Scope};
use super::{structured, theme, Emit, File, Model, Prepared};
use crate::content::Kind;
use crate::error::{guard, Error, Errors};
use crate::i18n::catalogue::render as msg;
use crate::site::{ItemId, Site, SitePath, Status};
use crate::url::PageUrls;

/// The time one template took over a build.
#[derive(Debug, Clone)]
pub struct TemplateTime {
    /// The template.
    pub name: &'static str,
    /// Pages it rendered.
    pub pages: usize,
    /// Time in all of them (summed over threads).
    pub total: Duration,
    /// The slowest page.
    pub slowest: Duration,
}

/// The time of each template over the pages of `results`, slowest first.
pub(super) fn template_times(results: &[(Job, Duration, Result<(), Error>)]) -> Vec<TemplateTime> {
    let mut by_name: BTreeMap<&'static str, TemplateTime> = BTreeMap::new();
    for (job, elapsed, _) in results {
        let name = job.template();
        let entry = by_name.entry(name).or_insert(TemplateTime {
            name,
            pages: 0,
            total: Duration::ZERO,
            slowest: Duration::ZERO,
        });
        entry.pages += 1;
        entry.total += *elapsed;
        entry.slowest = entry.slowest.max(*elapsed);
    }
    let mut times: Vec<TemplateTime> = by_name.into_values().collect();
    times.sort_by_key(|t| std::cmp::Reverse(t.total));
    times
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    /// The home page.
    Home,
    /// The campaigns by status.
    Campaigns,
    /// One campaign, by its index in the site.
    Campaign(usize),
    /// Every column.
    Columns,
    /// One column's page (1-based).
    Column(usize, usize),
    /// One page (1-based) of a kind's list.
    List(Kind, usize),
    /// One item.
    Item(ItemId),
    /// Every tag.
    Tags,
    /// One tag's page (1-based).
    Tag(usize, usize),
    /// The archive.
    Archive,
    /// The page for a missing address.
    NotFound,
    /// The site's figures, `/stats/`.
    Stats,
    /// A year's figures, `/stats/<year>/`.
    StatsYear(i32),
    /// The search page.
    Search,
}

impl Job {
    /// The template that renders this page.
    pub(super) fn template(self) -> &'static str {
        match self {
            Job::Home => context::Home::TEMPLATE,
            Job::Campaigns => context::Campaigns::TEMPLATE,
            Job::Campaign(_) => context::Campaign::TEMPLATE,
            Job::Columns => context::Columns::TEMPLATE,
            Job::Column(..) => context::Column::TEMPLATE,
            Job::List(..) => context::List::TEMPLATE,
            Job::Item(_) => context::PageOf::TEMPLATE,
            Job::Tags => context::Tags::TEMPLATE,
            Job::Tag(..) => context::TagPage::TEMPLATE,
            Job::Archive => context::Archive::TEMPLATE,
            Job::NotFound => context::NotFound::TEMPLATE,
            Job::Stats => context::Stats::TEMPLATE,
            Job::StatsYear(_) => context::StatsYear::TEMPLATE,
            Job::Search => context::Search::TEMPLATE,
        }
    }

    /// The folder of this page's `index.html`; `None` for the 404 page,
    /// which is a file of its own.
    pub(super) fn path(self, site: &Site) -> Option<SitePath> {
        Some(match self {
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
            Job::NotFound => return None,
            Job::Stats => Scope::Site.page(site),
            Job::StatsYear(year) => Scope::Year(year).page(site),
            Job::Search => super::search::path(),
        })
    }

    /// The output file this page is written to, its addresses written as
    /// `urls` says (`stories/a/index.html`, `stories/a.html`).
    pub(super) fn output_path(self, site: &Site, urls: PageUrls) -> String {
        match self.path(site) {
            Some(dir) => urls.file(dir.as_str()),
            None => NOT_FOUND.to_string(),
        }
    }
}

/// The file of the page for a missing address.
const NOT_FOUND: &str = "404.html";

/// How many pages a list of `items` takes, `per_page` to a page.
fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every page of the site, in the order the sitemap lists them.
pub(super) fn jobs(p: &Prepared<'_>) -> Vec<Job> {
    let per = p.config.paginate;
    let mut jobs = vec![
        Job::Home,
        Job::Campaigns,
        Job::Columns,
        Job::Tags,
        Job::Archive,
        Job::NotFound,
        Job::Search,
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
    if !p.stats_pages {
        return jobs;
    }
    jobs.extend(
        stats::scopes(p.site)
            .into_iter()
            .filter_map(|scope| match scope {
                Scope::Site => Some(Job::Stats),
                Scope::Year(year) => Some(Job::StatsYear(year)),
                Scope::Campaign(_) => None,
            }),
    );
    jobs
}

/// A page ready to draw: its template's context, its `<title>` text and
/// its menu key (its template and path are its job's).
struct PageSpec {
    vars: tera::Context,
    title: String,
    nav_key: &'static str,
}

impl PageSpec {
    fn new(vars: tera::Context, title: String, nav_key: &'static str) -> PageSpec {
        PageSpec {
            vars,
            title,
            nav_key,
        }
    }
}

/// Renders every page of `jobs`, handing each to `emit`; the time each
/// took and what became of it, in the order of `jobs`.
pub(super) fn render_all(
    p: &Prepared<'_>,
    model: &Model,
    jobs: Vec<Job>,
    emit: &Emit<'_>,
) -> Vec<(Job, Duration, Result<(), Error>)> {
    jobs.into_par_iter()
        .map(|job| {
            let started = Instant::now();
            let rendered = render_job(p, model, &job);
            let elapsed = started.elapsed();
            (job, elapsed, rendered.and_then(emit))
        })
        .collect()
}

/// Renders the page of `job`; an error names the item's file, or the
/// page's path.
pub(super) fn render_job(p: &Prepared<'_>, model: &Model, job: &Job) -> Result<File, Error> {
    let blame = match job {
        Job::Item(id) => p.site.item(*id).doc.shown.clone(),
        _ => PathBuf::from(job.output_path(p.site, p.config.page_urls)),
    };
    guard(&blame, || {
        render_page(p, &model.tera, &model.sources, job).map_err(Errors::from)
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
) -> Result<File, Error> {
    let share = share(p, job);
    let image = structured::image_url(p.config, share.cover);
    let spec = page_spec(p, job, share.cover.map(|_| image.as_str()));
    let mut ctx = spec.vars;
    let path = job.path(p.site).unwrap_or_else(SitePath::root);
    let current = CurrentView {
        url: p.urls.url(&path),
        permalink: p.urls.permalink(&path),
        title: &spec.title,
        nav_key: spec.nav_key,
        description: structured::for_sharers(
            Some(share.description)
                .filter(|d| !d.is_empty())
                .unwrap_or(&p.config.description),
        ),
        image,
        og_type: if share.article { "article" } else { "website" },
    };
    ctx.insert(context::FRAME[0], &current);
    if let Some(chrome) = p.chrome.get(spec.nav_key) {
        ctx.insert_value(context::FRAME[1], chrome.clone());
    }
    // Rendered straight into bytes: the page goes to disk as it is, with no
    // second pass to check it as a Rust string. Most pages fit in 32 KB
    // (growing the buffer copies what is already written).
    let mut html = Vec::with_capacity(32 * 1024);
    tera.render_to(job.template(), &ctx, &mut html)
        .map_err(|e| theme::template_error(&e, sources))?;
    let path = job.output_path(p.site, p.config.page_urls);
    // The page for a missing address is shown at any depth: its links
    // stay rooted at the base path.
    let addresses = super::Addresses {
        base: &p.config.base_url,
        page: &path,
        relative: p.config.relative_links && !matches!(job, Job::NotFound),
        urls: p.config.page_urls,
    };
    if addresses.needed() {
        html = addresses.rewrite(&html);
    }
    Ok(File {
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
                // A photo's sized copy, not its original of megabytes.
                cover: field("cover_image.src")
                    .or_else(|| field("cover"))
                    .filter(|c| !c.is_empty()),
                article: p.site.item(*id).doc.kind != Kind::Page,
            }
        }
        Job::Campaign(i) => p.campaigns[*i].share(),
        Job::Column(i, _) => p.columns[*i].share(),
        _ => context::Share::default(),
    }
}

/// The theme's interface string `key`, or the key itself.
fn string(p: &Prepared<'_>, key: &str) -> String {
    p.strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The cards of the items `ids`.
fn cards<'a>(p: &'a Prepared<'_>, ids: &[ItemId]) -> Vec<&'a tera::Value> {
    ids.iter().map(|id| &p.cards[id.0].value).collect()
}

/// Page `page` of the items `ids`, whose first page is at `base`.
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

/// The campaigns of `status`, as cards.
fn campaigns_of<'a>(p: &'a Prepared<'_>, status: Status) -> Vec<&'a CampaignCard> {
    p.site
        .campaigns
        .iter()
        .zip(p.campaigns)
        .filter(|(c, _)| c.status == status)
        .map(|(_, card)| card)
        .collect()
}

/// The spec of the page of `job`; `image` is its cover as sharers get it,
/// if it has one (an item's JSON-LD names it).
fn page_spec(p: &Prepared<'_>, job: &Job, image: Option<&str>) -> PageSpec {
    let site = p.site;
    match *job {
        Job::Home => PageSpec::new(home(p), p.config.title.clone(), "home"),
        Job::Campaigns => {
            let vars = context::Campaigns {
                ongoing: campaigns_of(p, Status::Ongoing),
                upcoming: campaigns_of(p, Status::Upcoming),
                ended: campaigns_of(p, Status::Ended),
            };
            PageSpec::new(vars.into_context(), string(p, "nav_campaigns"), "campaigns")
        }
        Job::Campaign(i) => {
            let c = &site.campaigns[i];
            PageSpec::new(campaign(p, i), c.doc.title.clone(), "campaigns")
        }
        Job::Columns => {
            let vars = context::Columns { columns: p.columns };
            PageSpec::new(vars.into_context(), string(p, "nav_columns"), "columns")
        }
        Job::Column(i, page) => {
            let c = &site.columns[i];
            let vars = context::Column {
                column: &p.columns[i],
                paginator: paginate(p, &c.items, page, &c.path),
            };
            PageSpec::new(vars.into_context(), c.doc.title.clone(), "columns")
        }
        Job::List(kind, page) => {
            let title = string(p, &format!("nav_{}", kind.section()));
            let base = SitePath::of(&[kind.section()]);
            let vars = context::List {
                section: SectionView::new(kind, title.clone(), &p.urls),
                paginator: paginate(p, site.listing(kind), page, &base),
            };
            PageSpec::new(vars.into_context(), title, kind.section())
        }
        Job::Item(id) => item_spec(p, id, image),
        Job::Tags => {
            let vars = context::Tags {
                tags: site.tags.iter().map(|t| TagView::new(t, &p.urls)).collect(),
            };
            PageSpec::new(vars.into_context(), string(p, "nav_tags"), "tags")
        }
        Job::Tag(i, page) => {
            let t = &site.tags[i];
            let vars = context::TagPage {
                tag: TagView::new(t, &p.urls),
                paginator: paginate(p, &t.items, page, &t.path),
            };
            PageSpec::new(vars.into_context(), t.name.clone(), "tags")
        }
        Job::Archive => {
            let vars = context::Archive { years: archive(p) };
            PageSpec::new(vars.into_context(), string(p, "nav_archive"), "archive")
        }
        Job::Stats => {
            let vars = context::Stats {
                stats: stats::page_view(p, Scope::Site),
            };
            PageSpec::new(vars.into_context(), stats::title(p, Scope::Site), "")
        }
        Job::StatsYear(year) => {
            let vars = context::StatsYear {
                stats: stats::page_view(p, Scope::Year(year)),
            };
            PageSpec::new(vars.into_context(), stats::title(p, Scope::Year(year)), "")
        }
        Job::NotFound => PageSpec::new(
            context::NotFound {}.into_context(),
            string(p, "not_found_title"),
            "",
        ),
        Job::Search => {
            let (kinds, campaigns, years) = super::search::filters(site, p.strings);
            let vars = context::Search {
                kinds,
                campaigns,
                years,
                index_version: p.search_version.to_string(),
            };
            PageSpec::new(vars.into_context(), string(p, "search_title"), "")
        }
    }
}

/// The home page's variables.
fn home(p: &Prepared<'_>) -> tera::Context {
    let site = p.site;
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
    let vars = context::Home {
        pinned: cards(p, &pinned),
        latest: cards(p, &latest),
        ongoing: campaigns_of(p, Status::Ongoing),
        columns: p.columns,
        totals: context::totals(p.config, &site.totals),
        statistics: stats::home_brief(p).map(|b| tera::Value::from_serializable(&b)),
        json_ld: p.publisher.home(),
    };
    vars.into_context()
}

/// A campaign page's variables: the campaign, its totals, its items by kind.
fn campaign(p: &Prepared<'_>, i: usize) -> tera::Context {
    let c = &p.site.campaigns[i];
    let of_kind = |kind: Kind| -> Vec<&tera::Value> {
        let ids: Vec<ItemId> = c
            .items
            .iter()
            .copied()
            .filter(|id| p.site.item(*id).doc.kind == kind)
            .collect();
        cards(p, &ids)
    };
    let vars = context::Campaign {
        campaign: &p.campaigns[i],
        totals: context::totals(p.config, &c.totals),
        statistics: stats::campaign_brief(p, i).map(|b| tera::Value::from_serializable(&b)),
        announcements: of_kind(Kind::Announcement),
        reports: of_kind(Kind::Report),
        stories: of_kind(Kind::Story),
    };
    vars.into_context()
}

/// An item's page: its variables, path, title and menu key.
fn item_spec(p: &Prepared<'_>, id: ItemId, image: Option<&str>) -> PageSpec {
    let entry = p.site.item(id);
    let body = &p.bodies[id.0];
    // In a build, the HTML handed over to this page, let go of once drawn.
    let handed = p.handed.and_then(|h| h.take(id.0));
    let facts = BodyFacts {
        html: handed.as_deref().unwrap_or(&body.html),
        headings: &body.headings,
        word_count: body.word_count,
        reading_minutes: body.reading_minutes,
    };
    let card = &p.cards[id.0];
    let json_ld = (entry.doc.kind != Kind::Page).then(|| json_ld(p, id, image));
    let vars = context::PageOf {
        page: PageView::new(p.config, entry, card, facts, json_ld).to_value(),
        prev: entry.prev.map(|prev| p.cards[prev.0].value.clone()),
        next: entry.next.map(|next| p.cards[next.0].value.clone()),
    };
    let nav_key = match entry.doc.kind {
        Kind::Page => "",
        kind => kind.section(),
    };
    PageSpec::new(vars.into_context(), entry.doc.title.clone(), nav_key)
}

/// The `NewsArticle` JSON-LD of a story, report or announcement whose
/// cover, as sharers get it, is `image`.
fn json_ld(p: &Prepared<'_>, id: ItemId, image: Option<&str>) -> String {
    let doc = &p.site.item(id).doc;
    let date = doc.date.map(crate::date::DateTime::iso);
    let updated = doc.updated.map(crate::date::DateTime::iso);
    let section = p
        .strings
        .get(&format!("kind_{}", doc.kind.name()))
        .map_or(doc.kind.name(), String::as_str);
    structured::news_article(
        &p.publisher,
        &structured::Article {
            title: &doc.title,
            date: date.as_deref(),
            updated: updated.as_deref(),
            image,
            authors: &doc.authors,
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
