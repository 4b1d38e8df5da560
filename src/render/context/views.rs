//! The objects templates receive (`site`, `current`, items, pages,
//! campaigns, columns, tags, stats, paginators): serialize-only views of the
//! site model. Optional values are left out rather than set to none, so
//! templates can test them with `is defined`.

use serde::{Serialize, Serializer};

use crate::config::{Config, Footer};
use crate::content::Kind;
use crate::date::DateTime;
use crate::markdown::Heading;
use crate::site::{
    CampaignEntry, CampaignId, ColumnEntry, ColumnId, Entry, Site, SitePath, Tag, TagId, Total,
};

/// Turns site paths into the URLs pages use.
#[derive(Debug, Clone)]
pub struct Urls<'a> {
    config: &'a Config,
}

impl<'a> Urls<'a> {
    /// URLs under the configured base URL.
    pub fn new(config: &'a Config) -> Self {
        Urls { config }
    }

    /// A page's root-relative URL with the base path: `/zyfw/stories/a/`,
    /// or `/zyfw/stories/a.html` with `file_urls`.
    pub fn url(&self, path: &SitePath) -> String {
        let address = self.config.page_urls.address(path.as_str());
        format!("{}{address}", self.config.base_url.path())
    }

    /// A folder's root-relative URL with the base path (`/zyfw/stories/a/`),
    /// for the files in it (a bundle's photos, a feed, an export).
    pub fn folder(&self, path: &SitePath) -> String {
        format!("{}{}", self.config.base_url.path(), path.as_str())
    }

    /// A page's absolute URL: `https://example.org/zyfw/stories/a/`.
    pub fn permalink(&self, path: &SitePath) -> String {
        self.config.base_url.absolute_of(&self.url(path))
    }

    /// Absolute URL of a file under a folder (`feed.xml`).
    pub fn file(&self, path: &SitePath, file: &str) -> String {
        let folder = self.folder(path);
        format!("{}{file}", self.config.base_url.absolute_of(&folder))
    }
}

/// A figure, printed without `.0` when whole.
#[derive(Debug, Clone, Copy)]
pub struct Figure(pub f64);

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

/// `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: String,
    base_path: &'a str,
    origin: &'a str,
    feed_url: String,
    footer: &'a Footer,
    extra: &'a serde_json::Value,
    nav: Vec<NavEntry>,
}

/// The menu's entries, in order; a page's `current.nav_key` is one of them
/// or empty.
pub const NAV_KEYS: [&str; 8] = [
    "home",
    "campaigns",
    "columns",
    "stories",
    "reports",
    "announcements",
    "tags",
    "archive",
];

#[derive(Serialize)]
struct NavEntry {
    key: &'static str,
    title: String,
    url: String,
}

impl<'a> SiteView<'a> {
    /// The `site` variable; menu titles come from the theme's strings.
    pub fn new(config: &'a Config, strings: &std::collections::BTreeMap<String, String>) -> Self {
        let urls = Urls::new(config);
        let nav = NAV_KEYS
            .into_iter()
            .map(|key| NavEntry {
                key,
                title: strings
                    .get(&format!("nav_{key}"))
                    .cloned()
                    .unwrap_or_else(|| key.to_string()),
                url: if key == "home" {
                    urls.url(&SitePath::root())
                } else {
                    urls.url(&SitePath::of(&[key]))
                },
            })
            .collect();
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: config.base_url.absolute(),
            base_path: config.base_url.path(),
            origin: config.base_url.origin(),
            feed_url: urls.file(&SitePath::root(), "feed.xml"),
            footer: &config.footer,
            extra: &config.extra,
            nav,
        }
    }
}

/// `build`.
#[derive(Serialize)]
pub struct BuildView {
    date: String,
    year: i32,
}

impl BuildView {
    /// The build time as templates see it.
    pub fn new(now: DateTime) -> Self {
        BuildView {
            date: now.iso(),
            year: now.year(),
        }
    }
}

/// `current`.
#[derive(Serialize)]
pub struct CurrentView<'a> {
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Text for `<title>`.
    pub title: &'a str,
    /// Menu entry it belongs to.
    pub nav_key: &'a str,
    /// What it tells sharers and search engines ([`Share::description`],
    /// else the site's description), cut for sharers.
    pub description: std::borrow::Cow<'a, str>,
    /// Absolute URL of its image for sharers.
    pub image: String,
    /// `article` for a story, report or announcement, else `website`.
    pub og_type: &'static str,
}

/// What a page is described by when shared: the summary and cover of its
/// item or campaign, or the description and cover of its column.
#[derive(Debug, Clone, Copy, Default)]
pub struct Share<'a> {
    /// Empty for none.
    pub description: &'a str,
    /// A site path or absolute URL.
    pub cover: Option<&'a str>,
    /// A story, report or announcement.
    pub article: bool,
}

/// `current` as the site-wide parts of pages see it.
#[derive(Serialize)]
pub struct NavKey<'a> {
    /// Menu entry it belongs to.
    pub nav_key: &'a str,
}

/// A link to a campaign, column or tag.
#[derive(Debug, Serialize, Clone)]
pub struct Named {
    slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    url: String,
}

/// An item as lists show it (docs: **item**). Built once per item.
#[derive(Debug, Serialize, Clone)]
pub struct ItemCard<'a> {
    kind: &'static str,
    title: String,
    url: String,
    permalink: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_display: Option<String>,
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover_image: Option<super::CoverImage>,
    pinned: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    /// Shown as `tags`, `campaigns` and `column`: links each card shares
    /// with the others that show them (see [`CardLinks`]).
    #[serde(skip)]
    tags: &'a [TagId],
    #[serde(skip)]
    campaigns: &'a [CampaignId],
    #[serde(skip)]
    column: Option<ColumnId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue: Option<u32>,
}

/// The template value of every tag, campaign and column link cards show,
/// made once and shared by all the cards that show it (a big site's cards
/// would otherwise each hold their own copies while its pages are written).
pub struct CardLinks {
    tags: Vec<tera::Value>,
    campaigns: Vec<tera::Value>,
    columns: Vec<tera::Value>,
}

impl CardLinks {
    /// The links of `site`'s tags, campaigns and columns.
    pub fn of(site: &Site, urls: &Urls<'_>) -> Self {
        let value = |named: Named| tera::Value::from_serializable(&named);
        CardLinks {
            tags: site.tags.iter().map(|t| value(tag_link(t, urls))).collect(),
            campaigns: (site.campaigns.iter())
                .map(|c| value(campaign_link(c, urls)))
                .collect(),
            columns: (site.columns.iter())
                .map(|c| value(column_link(c, urls)))
                .collect(),
        }
    }

    /// The shared values of the links at `ids` of `all`.
    fn pick(all: &[tera::Value], ids: impl Iterator<Item = usize>) -> Vec<tera::Value> {
        ids.filter_map(|i| all.get(i).cloned()).collect()
    }
}

/// An item's card, and the same as a template value built once, so the
/// many list pages that show it share it instead of serializing it again.
#[derive(Debug, Clone)]
pub struct Card {
    /// The item's absolute URL.
    pub permalink: String,
    /// The card as Tera sees it.
    pub value: tera::Value,
}

impl Card {
    /// The template value of `view`, its links taken from `links` (kept
    /// alone: a big site holds a card for every item while its pages are
    /// written).
    pub fn new(view: &ItemCard<'_>, links: &CardLinks) -> Self {
        // A struct's value is a map.
        let mut map = (tera::Value::from_serializable(view).into_map()).unwrap_or_default();
        let tags = CardLinks::pick(&links.tags, view.tags.iter().map(|t| t.0));
        let campaigns = CardLinks::pick(&links.campaigns, view.campaigns.iter().map(|c| c.0));
        map.insert("tags".into(), tera::Value::from(tags));
        map.insert("campaigns".into(), tera::Value::from(campaigns));
        if let Some(column) = view.column.and_then(|c| links.columns.get(c.0)) {
            map.insert("column".into(), column.clone());
        }
        Card {
            permalink: view.permalink().to_string(),
            value: tera::Value::from(map),
        }
    }
}

/// Per-item facts worked out while rendering its Markdown.
#[derive(Debug, Default, Clone)]
pub struct ItemFacts {
    /// Plain-text summary.
    pub summary: String,
    /// Resolved cover URL.
    pub cover: Option<String>,
    /// The cover's sized copies, when it is a local photo.
    pub cover_image: Option<super::CoverImage>,
}

impl<'a> ItemCard<'a> {
    /// The absolute URL.
    pub fn permalink(&self) -> &str {
        &self.permalink
    }

    /// The card of `entry`.
    pub fn new(entry: &'a Entry, facts: &ItemFacts, urls: &Urls<'_>, language: &str) -> Self {
        ItemCard {
            kind: entry.doc.kind.name(),
            title: entry.doc.title.clone(),
            url: urls.url(&entry.path),
            permalink: urls.permalink(&entry.path),
            date: entry.doc.date.map(DateTime::iso),
            date_display: entry.doc.date.map(|d| d.display(language)),
            summary: facts.summary.clone(),
            cover: facts.cover.clone(),
            cover_image: facts.cover_image.clone(),
            pinned: entry.doc.pinned,
            region: entry.doc.region.clone(),
            tags: &entry.tags,
            campaigns: &entry.campaigns,
            column: entry.column,
            issue: entry.issue,
        }
    }
}

fn tag_link(tag: &Tag, urls: &Urls<'_>) -> Named {
    Named {
        slug: tag.slug.to_string(),
        name: Some(tag.name.clone()),
        title: None,
        url: urls.url(&tag.path),
    }
}

fn campaign_link(c: &CampaignEntry, urls: &Urls<'_>) -> Named {
    Named {
        slug: c.doc.slug.to_string(),
        name: None,
        title: Some(c.doc.title.clone()),
        url: urls.url(&c.path),
    }
}

fn column_link(c: &ColumnEntry, urls: &Urls<'_>) -> Named {
    Named {
        slug: c.doc.slug.to_string(),
        name: None,
        title: Some(c.doc.title.clone()),
        url: urls.url(&c.path),
    }
}

/// A stat (docs: **stat**).
#[derive(Serialize)]
pub struct StatView<'a> {
    key: &'a str,
    label: &'a str,
    unit: &'a str,
    value: Figure,
    /// Whether the figure is "a little more than" its value (`3500余`).
    approximate: bool,
    /// The figure for readers: `3700余` (`3700+` outside Chinese), or `3700`.
    display: String,
}

/// The stats views of totals or of one report's figures.
pub fn stats<'a>(
    config: &'a Config,
    figures: impl Iterator<Item = (usize, crate::figure::Figure)>,
) -> Vec<StatView<'a>> {
    figures
        .filter_map(|(metric, figure)| {
            let m = config.metrics.get(metric)?;
            Some(StatView {
                key: &m.key,
                label: &m.label,
                unit: &m.unit,
                value: Figure(figure.value()),
                approximate: figure.is_approximate(),
                display: figure.display(&config.language),
            })
        })
        .collect()
}

/// Totals as stat views.
pub fn totals<'a>(config: &'a Config, totals: &[Total]) -> Vec<StatView<'a>> {
    stats(config, totals.iter().map(|t| (t.metric, t.value)))
}

#[derive(Serialize)]
struct DeadlineView {
    date: String,
    date_display: String,
    what: String,
}

/// A single page (docs: **page**): the fields of its card, plus these.
#[derive(Serialize)]
pub struct PageView<'a> {
    #[serde(skip)]
    card: &'a Card,
    content: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_display: Option<String>,
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    editor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    organizers: &'a [String],
    word_count: usize,
    reading_minutes: usize,
    people: &'a [crate::content::Person],
    stats: Vec<StatView<'a>>,
    deadlines: Vec<DeadlineView>,
    headings: Vec<HeadingView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    json_ld: Option<String>,
}

#[derive(Serialize)]
struct HeadingView<'a> {
    level: u8,
    id: &'a str,
    title: &'a str,
}

/// The rendered body of a document.
pub struct BodyFacts<'a> {
    /// The HTML.
    pub html: &'a str,
    /// Its headings.
    pub headings: &'a [Heading],
    /// Word count.
    pub word_count: usize,
    /// Minutes.
    pub reading_minutes: usize,
}

impl PageView<'_> {
    /// The `page` variable: the card's template value (built once) with
    /// this view's fields added, so the card is not serialized again.
    pub fn to_value(&self) -> tera::Value {
        let mut map = self.card.value.clone().into_map().unwrap_or_default();
        if let Some(extra) = tera::Value::from_serializable(self).into_map() {
            map.extend(extra);
        }
        tera::Value::from(map)
    }
}

impl<'a> PageView<'a> {
    /// The `page` variable; `json_ld` is its structured data, if any.
    pub fn new(
        config: &'a Config,
        entry: &'a Entry,
        card: &'a Card,
        body: BodyFacts<'a>,
        json_ld: Option<String>,
    ) -> Self {
        let doc = &entry.doc;
        let language = config.language.as_str();
        PageView {
            card,
            content: body.html,
            updated: doc.updated.map(DateTime::iso),
            updated_display: doc.updated.map(|d| d.display(language)),
            authors: &doc.authors,
            source: doc.source.as_deref(),
            editor: doc.editor.as_deref(),
            location: doc.location.as_deref(),
            organizers: &doc.organizers,
            word_count: body.word_count,
            reading_minutes: body.reading_minutes,
            people: &doc.people,
            stats: stats(config, doc.stats.iter().copied()),
            deadlines: doc
                .deadlines
                .iter()
                .map(|d| DeadlineView {
                    date: d.day.iso(),
                    date_display: d.day.display(language),
                    what: d.what.clone(),
                })
                .collect(),
            headings: body
                .headings
                .iter()
                .map(|h| HeadingView {
                    level: h.level,
                    id: &h.id,
                    title: &h.title,
                })
                .collect(),
            json_ld,
        }
    }
}

/// A campaign (docs: **campaign**). Built once per campaign.
#[derive(Serialize, Clone)]
pub struct CampaignCard {
    slug: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    slogan: Option<String>,
    url: String,
    permalink: String,
    feed_url: String,
    start: String,
    start_display: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_display: Option<String>,
    status: &'static str,
    organizers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover_image: Option<super::CoverImage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    tags: Vec<Named>,
    content: String,
    item_count: usize,
}

impl CampaignCard {
    /// What the campaign's page tells sharers: its summary, else its slogan.
    pub fn share(&self) -> Share<'_> {
        fn text(s: &Option<String>) -> Option<&str> {
            s.as_deref().filter(|s| !s.is_empty())
        }
        Share {
            description: text(&self.summary)
                .or(text(&self.slogan))
                .unwrap_or_default(),
            cover: super::share_image(self.cover_image.as_ref(), self.cover.as_deref()),
            article: false,
        }
    }

    /// The card of `c`, with its rendered body and summary.
    pub fn new(
        site: &Site,
        c: &CampaignEntry,
        html: String,
        facts: &ItemFacts,
        urls: &Urls<'_>,
        language: &str,
    ) -> Self {
        let d = &c.doc;
        CampaignCard {
            slug: d.slug.to_string(),
            title: d.title.clone(),
            slogan: d.slogan.clone(),
            url: urls.url(&c.path),
            permalink: urls.permalink(&c.path),
            feed_url: urls.file(&c.path, "feed.xml"),
            start: d.start.iso(),
            start_display: d.start.display(language),
            end: d.end.map(|e| e.iso()),
            end_display: d.end.map(|e| e.display(language)),
            status: c.status.key(),
            organizers: d.organizers.clone(),
            region: d.region.clone(),
            cover: facts.cover.clone(),
            cover_image: facts.cover_image.clone(),
            summary: Some(facts.summary.clone()).filter(|s| !s.is_empty()),
            tags: c
                .tags
                .iter()
                .map(|t| tag_link(&site.tags[t.0], urls))
                .collect(),
            content: html,
            item_count: c.items.len(),
        }
    }
}

/// A column (docs: **column**). Built once per column.
#[derive(Serialize, Clone)]
pub struct ColumnCard {
    slug: String,
    title: String,
    url: String,
    permalink: String,
    feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover_image: Option<super::CoverImage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_display: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency: Option<&'static str>,
    content: String,
    issue_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest: Option<tera::Value>,
}

impl ColumnCard {
    /// What the column's pages tell sharers.
    pub fn share(&self) -> Share<'_> {
        Share {
            description: self.description.as_deref().unwrap_or_default(),
            cover: super::share_image(self.cover_image.as_ref(), self.cover.as_deref()),
            article: false,
        }
    }

    /// The card of `c`, with its rendered body, cover and newest entry.
    pub fn new(
        c: &ColumnEntry,
        html: String,
        facts: &ItemFacts,
        latest: Option<tera::Value>,
        urls: &Urls<'_>,
        language: &str,
    ) -> Self {
        let d = &c.doc;
        ColumnCard {
            slug: d.slug.to_string(),
            title: d.title.clone(),
            url: urls.url(&c.path),
            permalink: urls.permalink(&c.path),
            feed_url: urls.file(&c.path, "feed.xml"),
            description: d.description.clone(),
            host: d.host.clone(),
            cover: facts.cover.clone(),
            cover_image: facts.cover_image.clone(),
            start: d.start.map(|s| s.iso()),
            start_display: d.start.map(|s| s.display(language)),
            frequency: c.frequency().map(|f| f.key()),
            content: html,
            issue_count: c.items.len(),
            latest,
        }
    }
}

/// `tag` and the entries of `tags`.
#[derive(Serialize)]
pub struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

impl<'a> TagView<'a> {
    /// The view of `tag`.
    pub fn new(tag: &'a Tag, urls: &Urls<'_>) -> Self {
        TagView {
            name: &tag.name,
            slug: tag.slug.as_str(),
            url: urls.url(&tag.path),
            count: tag.items.len(),
        }
    }
}

/// `section` of a list page.
#[derive(Serialize)]
pub struct SectionView {
    key: &'static str,
    title: String,
    url: String,
}

impl SectionView {
    /// The section of `kind`.
    pub fn new(kind: Kind, title: String, urls: &Urls<'_>) -> Self {
        SectionView {
            key: kind.section(),
            title,
            url: urls.url(&SitePath::of(&[kind.section()])),
        }
    }
}

/// `paginator`.
#[derive(Serialize)]
pub struct PaginatorView<'a> {
    items: Vec<&'a tera::Value>,
    current: usize,
    total_pages: usize,
    total_items: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

impl<'a> PaginatorView<'a> {
    /// Page `current` (1-based) of `items` listed under `base`.
    pub fn new(
        items: Vec<&'a tera::Value>,
        current: usize,
        total_pages: usize,
        total_items: usize,
        base: &SitePath,
        urls: &Urls<'_>,
    ) -> Self {
        let link = |n: usize| urls.url(&base.page(n));
        PaginatorView {
            items,
            current,
            total_pages,
            total_items,
            prev_url: (current > 1).then(|| link(current - 1)),
            next_url: (current < total_pages).then(|| link(current + 1)),
            pages: page_window(current, total_pages)
                .map(|n| PageLink {
                    number: n,
                    url: link(n),
                    current: n == current,
                })
                .collect(),
        }
    }
}

/// The page numbers a paginator shows: the first, the last, and two either
/// side of the current one — so a list of any length links to O(1) pages.
fn page_window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    (1..=total).filter(move |&n| n == 1 || n == total || n.abs_diff(current) <= 2)
}

/// A month of the archive.
#[derive(Serialize)]
pub struct MonthView<'a> {
    /// 1–12.
    pub month: u8,
    /// Its items, newest first.
    pub items: Vec<&'a tera::Value>,
}

/// A year of the archive.
#[derive(Serialize)]
pub struct YearView<'a> {
    /// The year.
    pub year: i32,
    /// Items that year.
    pub count: usize,
    /// Its months, newest first.
    pub months: Vec<MonthView<'a>>,
}

/// A choice of a filter on the search page.
#[derive(Debug, Serialize)]
pub struct FilterOption {
    /// What the form sends.
    pub value: String,
    /// What readers read.
    pub label: String,
}
