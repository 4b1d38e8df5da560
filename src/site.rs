//! The site model: the published items in one arena (addressed by
//! [`ItemId`]), with their campaigns, columns (第N期), tags, prev/next and
//! stats totals worked out once. Pure: no I/O, no HTML.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::parse::{Campaign, Column, Frequency, Reference};
use crate::content::slug::Slug;
use crate::content::{Documents, Item, Kind};
use crate::date::DateTime;
use crate::error::{suggestion, Error, Errors, Location};
use crate::figure::Figure;
use crate::i18n::catalogue::site as msg;
use crate::i18n::Text;

/// Index of an item in [`Site::items`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId(pub usize);

/// Index of a campaign in [`Site::campaigns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CampaignId(pub usize);

/// Index of a column in [`Site::columns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ColumnId(pub usize);

/// Index of a tag in [`Site::tags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagId(pub usize);

/// Why a document is not published in this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOut {
    /// A draft, and the build leaves drafts out.
    Draft,
    /// Dated after the build time (定时发布), and the build leaves those out.
    Scheduled,
}

impl LeftOut {
    /// What it is, as a link error names it ("a draft").
    pub fn describe(self) -> Text {
        match self {
            LeftOut::Draft => msg::left_out_draft(),
            LeftOut::Scheduled => msg::left_out_scheduled(),
        }
    }
}

/// A scheduled item this build leaves out, and when it comes out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scheduled {
    /// When it is published: the first build after this moment includes it.
    pub date: DateTime,
    /// Its file, as the user knows it (`content/stories/a.md`).
    pub shown: std::path::PathBuf,
}

/// A path inside the site, without the base path: `stories/abc/` or `` for
/// the home page. Made only of slugs and fixed words, so it never leaves the
/// output directory.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitePath(String);

impl SitePath {
    /// The home page.
    pub fn root() -> SitePath {
        SitePath(String::new())
    }

    /// `a/b/` from fixed words and slugs.
    pub fn of(parts: &[&str]) -> SitePath {
        let mut path = String::new();
        for part in parts {
            path.push_str(part);
            path.push('/');
        }
        SitePath(path)
    }

    /// This folder's `page/N/` (page 1 is the folder itself).
    pub fn page(&self, n: usize) -> SitePath {
        if n <= 1 {
            self.clone()
        } else {
            SitePath(format!("{}page/{n}/", self.0))
        }
    }

    /// The path as text, without a leading `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a campaign stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// 进行中.
    Ongoing,
    /// 即将开始.
    Upcoming,
    /// 已结束.
    Ended,
}

impl Status {
    /// The key templates see.
    pub fn key(self) -> &'static str {
        match self {
            Status::Ongoing => "ongoing",
            Status::Upcoming => "upcoming",
            Status::Ended => "ended",
        }
    }
}

/// A figure summed over reports: (metric index, total).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Total {
    /// Index into the configured metrics.
    pub metric: usize,
    /// The sum: approximate (`3700余`) when any figure in it is.
    pub value: Figure,
}

/// A published item and its place in the site.
#[derive(Debug)]
pub struct Entry {
    /// The parsed document.
    pub doc: Arc<Item>,
    /// Its page.
    pub path: SitePath,
    /// Campaigns it belongs to.
    pub campaigns: Vec<CampaignId>,
    /// Its column.
    pub column: Option<ColumnId>,
    /// 第N期 in its column.
    pub issue: Option<u32>,
    /// Its tags.
    pub tags: Vec<TagId>,
    /// The older neighbour (in its column, else its kind).
    pub prev: Option<ItemId>,
    /// The newer neighbour.
    pub next: Option<ItemId>,
}

/// A campaign and what belongs to it.
#[derive(Debug)]
pub struct CampaignEntry {
    /// The parsed document.
    pub doc: Campaign,
    /// Its page.
    pub path: SitePath,
    /// Derived from the build date.
    pub status: Status,
    /// Its items, newest first.
    pub items: Vec<ItemId>,
    /// Its reports' stats, summed.
    pub totals: Vec<Total>,
    /// Its tags.
    pub tags: Vec<TagId>,
}

/// A column and its entries.
#[derive(Debug)]
pub struct ColumnEntry {
    /// The parsed document.
    pub doc: Column,
    /// Its page.
    pub path: SitePath,
    /// Its entries, newest issue first.
    pub items: Vec<ItemId>,
}

impl ColumnEntry {
    /// How often it appears.
    pub fn frequency(&self) -> Option<Frequency> {
        self.doc.frequency
    }
}

/// A tag and the items that carry it.
#[derive(Debug)]
pub struct Tag {
    /// As written.
    pub name: String,
    /// URL name (pinyin).
    pub slug: Slug,
    /// Its page.
    pub path: SitePath,
    /// Items, newest first.
    pub items: Vec<ItemId>,
}

/// What decides which items are published.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Include drafts.
    pub drafts: bool,
    /// Include items dated after the build time.
    pub future: bool,
    /// The build time.
    pub now: DateTime,
}

/// The whole site, related.
#[derive(Debug)]
pub struct Site {
    /// Published items, newest first (pages last, by path).
    pub items: Vec<Entry>,
    /// Campaigns, newest start first.
    pub campaigns: Vec<CampaignEntry>,
    /// Columns, by slug.
    pub columns: Vec<ColumnEntry>,
    /// Tags, by slug.
    pub tags: Vec<Tag>,
    /// Items of each kind, newest first, in [`Kind::ALL`] order.
    pub by_kind: [Vec<ItemId>; 4],
    /// The same as lists show them: pinned first, then newest first.
    listed: [Vec<ItemId>; 4],
    /// All reports' stats, summed.
    pub totals: Vec<Total>,
    /// Drafts left out.
    pub drafts_left_out: usize,
    /// Scheduled items left out, soonest first.
    pub scheduled: Vec<Scheduled>,
    /// The earliest date of a scheduled item left out.
    pub next_scheduled: Option<DateTime>,
    /// Content path (`stories/a.md`) → page, for every published document.
    pub paths_by_source: HashMap<String, SitePath>,
    /// Content paths of documents left out, and why.
    pub left_out: HashMap<String, LeftOut>,
    /// Content paths of files that could not be read or parsed.
    pub failed: std::collections::HashSet<String>,
    /// The build time.
    pub now: DateTime,
}

impl Site {
    /// Hands over each item's Markdown (the whole file's text and where
    /// the body starts), so a build can let go of each as soon as it is
    /// rendered instead of holding every source while pages are written.
    /// `None` for an item shared with a cache (the dev server's), which
    /// keeps its text.
    pub fn take_texts(&mut self) -> Vec<Option<(std::sync::Arc<str>, usize)>> {
        let empty: std::sync::Arc<str> = std::sync::Arc::from("");
        self.items
            .iter_mut()
            .map(|entry| std::sync::Arc::get_mut(&mut entry.doc).map(|item| item.body.take(&empty)))
            .collect()
    }

    /// Relates the documents: selects what is published, checks references,
    /// numbers column issues, builds tags, prev/next and totals. Returns the
    /// site and the problems found; references to files that failed to parse
    /// are not reported again.
    pub fn assemble(docs: Documents, selection: Selection, metric_count: usize) -> (Site, Errors) {
        let mut errors = Errors::new();
        let failed = docs.failed;
        let mut left_out = HashMap::new();
        let mut drafts_left_out = 0;
        let mut scheduled = Vec::new();
        let mut next_scheduled: Option<DateTime> = None;
        let mut items: Vec<Arc<Item>> = Vec::with_capacity(docs.items.len());
        for item in docs.items {
            if item.draft && !selection.drafts {
                drafts_left_out += 1;
                left_out.insert(item.rel.clone(), LeftOut::Draft);
            } else if let Some(date) = item
                .date
                .filter(|d| *d > selection.now && !selection.future)
            {
                scheduled.push(Scheduled {
                    shown: item.shown.clone(),
                    date,
                });
                next_scheduled = next_scheduled.min(item.date).or(item.date);
                left_out.insert(item.rel.clone(), LeftOut::Scheduled);
            } else {
                items.push(item);
            }
        }
        scheduled.sort();
        sort_newest_first(&mut items);
        let campaigns = assemble_campaigns(docs.campaigns, selection.now, &mut errors);
        let columns = assemble_columns(docs.columns, &mut errors);
        let mut entries = relate_items(items, &campaigns, &columns, &failed, &mut errors);
        // Both only read the entries: side by side.
        let ((), paths_by_source) = rayon::join(
            || check_item_slugs(&entries, &mut errors),
            || paths_by_source(&entries, &campaigns, &columns),
        );
        let mut site = Site {
            items: Vec::new(),
            campaigns,
            columns,
            tags: Vec::new(),
            by_kind: Default::default(),
            listed: Default::default(),
            totals: Vec::new(),
            drafts_left_out,
            scheduled,
            next_scheduled,
            paths_by_source,
            left_out,
            failed,
            now: selection.now,
        };
        number_issues(&mut entries, &mut site.columns, &mut errors);
        site.items = entries;
        site.fill_lists(metric_count);
        site.fill_tags();
        site.fill_neighbours();
        (site, errors)
    }

    /// The first moment after the build at which the build date would change
    /// the output: a scheduled item comes due, a campaign starts or ends, or
    /// a new year begins.
    pub fn valid_until(&self, zone: time::UtcOffset) -> DateTime {
        let today = self.now.day();
        let mut until = today.next_new_year().start(zone);
        let mut consider = |moment: DateTime| {
            if moment > self.now && moment < until {
                until = moment;
            }
        };
        if let Some(due) = self.next_scheduled {
            consider(due);
        }
        for c in &self.campaigns {
            consider(c.doc.start.start(zone));
            if let Some(end) = c.doc.end {
                consider(end.next().start(zone));
            }
        }
        until
    }

    /// Items of one kind as lists show them: pinned (置顶) first, then newest first.
    pub fn listing(&self, kind: Kind) -> &[ItemId] {
        let index = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.listed[index]
    }

    /// The entry of an item.
    pub fn item(&self, id: ItemId) -> &Entry {
        &self.items[id.0]
    }

    /// Items of one kind, newest first.
    pub fn of_kind(&self, kind: Kind) -> &[ItemId] {
        let index = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.by_kind[index]
    }

    fn fill_lists(&mut self, metric_count: usize) {
        let mut site_sums = vec![None; metric_count];
        for (i, entry) in self.items.iter().enumerate() {
            let id = ItemId(i);
            let kind_index = Kind::ALL
                .iter()
                .position(|k| *k == entry.doc.kind)
                .unwrap_or(0);
            self.by_kind[kind_index].push(id);
            for c in &entry.campaigns {
                self.campaigns[c.0].items.push(id);
            }
            if let Some(c) = entry.column {
                self.columns[c.0].items.push(id);
            }
            add_stats(&mut site_sums, &entry.doc.stats);
        }
        self.totals = totals(&site_sums);
        for (listed, ids) in self.listed.iter_mut().zip(&self.by_kind) {
            *listed = ids.clone();
            listed.sort_by_key(|id| !self.items[id.0].doc.pinned);
        }
        for campaign in &mut self.campaigns {
            let mut sums = vec![None; metric_count];
            for id in &campaign.items {
                add_stats(&mut sums, &self.items[id.0].doc.stats);
            }
            campaign.totals = totals(&sums);
        }
        let items = &self.items;
        for column in &mut self.columns {
            column
                .items
                .sort_by_key(|id| std::cmp::Reverse((items[id.0].issue, std::cmp::Reverse(id.0))));
        }
    }

    fn fill_tags(&mut self) {
        // Gathered by hash (a few hundred thousand lookups on a big site),
        // then put in name order.
        // Gathered by hash (a few hundred thousand lookups on a big site),
        // by the tag's key: its case variants are one tag.
        let mut by_key: HashMap<String, TagGroup> = HashMap::new();
        for (i, entry) in self.items.iter().enumerate() {
            for tag in &entry.doc.tags {
                by_key
                    .entry(tag_key(tag))
                    .or_default()
                    .add(tag.trim(), Some(ItemId(i)));
            }
        }
        for campaign in &self.campaigns {
            for tag in &campaign.doc.tags {
                by_key
                    .entry(tag_key(tag))
                    .or_default()
                    .add(tag.trim(), None);
            }
        }
        by_key.remove("");
        let names: BTreeMap<String, TagGroup> = by_key.into_iter().collect();
        let mut used: HashMap<Slug, usize> = HashMap::new();
        let mut index_of: HashMap<String, TagId> = HashMap::new();
        for (key, group) in names {
            let base = tag_slug(&key);
            // Only two keys whose slugs also share their hash land here.
            let count = used.entry(base.clone()).or_insert(0);
            let slug = if *count == 0 {
                base.clone()
            } else {
                base.numbered(*count + 1)
            };
            *count += 1;
            let path = SitePath::of(&["tags", slug.as_str()]);
            let name = group.shown_name();
            index_of.insert(key, TagId(self.tags.len()));
            self.tags.push(Tag {
                name,
                slug,
                path,
                items: group.items,
            });
        }
        self.tags.sort_by(|a, b| a.slug.cmp(&b.slug));
        for (i, tag) in self.tags.iter().enumerate() {
            index_of.insert(tag_key(&tag.name), TagId(i));
        }
        self.items
            .par_iter_mut()
            .for_each(|entry| entry.tags = tag_ids(&entry.doc.tags, &index_of));
        for campaign in &mut self.campaigns {
            campaign.tags = tag_ids(&campaign.doc.tags, &index_of);
        }
    }

    fn fill_neighbours(&mut self) {
        let mut links: Vec<(ItemId, Option<ItemId>, Option<ItemId>)> = Vec::new();
        for column in &self.columns {
            // Newest first: the previous issue is the next in the list.
            push_neighbours(&column.items, &mut links);
        }
        for (i, ids) in self.by_kind.iter().enumerate() {
            if Kind::ALL[i] == Kind::Page {
                continue;
            }
            let loose: Vec<ItemId> = ids
                .iter()
                .copied()
                .filter(|id| self.items[id.0].column.is_none())
                .collect();
            push_neighbours(&loose, &mut links);
        }
        for (id, prev, next) in links {
            self.items[id.0].prev = prev;
            self.items[id.0].next = next;
        }
    }
}

/// Each source file's path on the site (`stories/2024/a.md` →
/// `stories/a/`), for links between pages.
fn paths_by_source(
    entries: &[Entry],
    campaigns: &[CampaignEntry],
    columns: &[ColumnEntry],
) -> HashMap<String, SitePath> {
    let mut paths = HashMap::with_capacity(entries.len() + campaigns.len() + columns.len());
    for entry in entries {
        paths.insert(entry.doc.rel.clone(), entry.path.clone());
    }
    for campaign in campaigns {
        paths.insert(
            format!("campaigns/{}.md", campaign.doc.slug),
            campaign.path.clone(),
        );
    }
    for column in columns {
        paths.insert(
            format!("columns/{}.md", column.doc.slug),
            column.path.clone(),
        );
    }
    paths
}

/// The items of one tag and how often each spelling of it is written.
#[derive(Debug, Default)]
struct TagGroup {
    items: Vec<ItemId>,
    spellings: BTreeMap<String, usize>,
}

impl TagGroup {
    /// One more use of the tag, written `name`, by `item` (none for a campaign).
    fn add(&mut self, name: &str, item: Option<ItemId>) {
        *self.spellings.entry(name.to_string()).or_default() += 1;
        if let Some(id) = item {
            if self.items.last() != Some(&id) {
                self.items.push(id);
            }
        }
    }

    /// The spelling shown: the most used, the first in text order on a tie.
    fn shown_name(&self) -> String {
        self.spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    }
}

/// What makes two written tags the same tag: the text, trimmed and in
/// lower case (`Volunteer` and `volunteer` are one tag, as in Hugo).
fn tag_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A tag's URL name, made from its key alone, so that it never depends on
/// which other tags the site has: the key itself when it already is a slug
/// (`volunteer`, `2023`), else its pinyin with six hex digits of a hash of
/// its characters (`公益` → `gong-yi-` and the hash), since homophones
/// (公益, 工艺, 功益) share their pinyin and nothing but the characters
/// tells them apart.
pub fn tag_slug(key: &str) -> Slug {
    if key != "page" {
        if let Some(plain) = Slug::parse(key) {
            return plain;
        }
    }
    let base = Slug::from_text(key).map_or_else(|| "tag".to_string(), |s| s.as_str().to_string());
    let hashed = format!("{base}-{:06x}", fnv1a(key.as_bytes()) & 0xFF_FFFF);
    Slug::parse(&hashed).unwrap_or_else(|| Slug::parse("tag").expect("a valid literal slug"))
}

/// The 32-bit FNV-1a hash: the same on every machine and in every version.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash: u32, b| {
        (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

fn tag_ids(names: &[String], index_of: &HashMap<String, TagId>) -> Vec<TagId> {
    let mut ids: Vec<TagId> = names
        .iter()
        .filter_map(|n| index_of.get(&tag_key(n)).copied())
        .collect();
    // A handful of tags: a quadratic pass is cheaper than a set.
    let mut unique: Vec<TagId> = Vec::with_capacity(ids.len());
    for id in ids.drain(..) {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

fn push_neighbours(
    newest_first: &[ItemId],
    links: &mut Vec<(ItemId, Option<ItemId>, Option<ItemId>)>,
) {
    for (i, id) in newest_first.iter().enumerate() {
        let older = newest_first.get(i + 1).copied();
        let newer = i.checked_sub(1).map(|j| newest_first[j]);
        links.push((*id, older, newer));
    }
}

fn add_stats(sums: &mut [Option<Figure>], stats: &[(usize, Figure)]) {
    for (metric, value) in stats {
        if let Some(slot) = sums.get_mut(*metric) {
            *slot = Some(slot.unwrap_or_default().plus(*value));
        }
    }
}

fn totals(sums: &[Option<Figure>]) -> Vec<Total> {
    sums.iter()
        .enumerate()
        .filter_map(|(metric, v)| v.map(|value| Total { metric, value }))
        .collect()
}

/// Newest first; pages (no date) last by path; ties by path.
fn sort_newest_first(items: &mut [Arc<Item>]) {
    items.sort_by(|a, b| {
        let key = |i: &Arc<Item>| (i.kind == Kind::Page, std::cmp::Reverse(i.date));
        key(a).cmp(&key(b)).then_with(|| a.rel.cmp(&b.rel))
    });
}

fn assemble_campaigns(
    mut docs: Vec<Campaign>,
    now: DateTime,
    _errors: &mut Errors,
) -> Vec<CampaignEntry> {
    docs.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.slug.cmp(&b.slug)));
    let today = now.day();
    docs.into_iter()
        .map(|doc| {
            let status = if today < doc.start {
                Status::Upcoming
            } else if doc.end.is_some_and(|end| today > end) {
                Status::Ended
            } else {
                Status::Ongoing
            };
            CampaignEntry {
                path: SitePath::of(&["campaigns", doc.slug.as_str()]),
                doc,
                status,
                items: Vec::new(),
                totals: Vec::new(),
                tags: Vec::new(),
            }
        })
        .collect()
}

fn assemble_columns(mut docs: Vec<Column>, errors: &mut Errors) -> Vec<ColumnEntry> {
    docs.sort_by(|a, b| a.slug.cmp(&b.slug));
    for doc in &docs {
        if doc.slug.as_str() == "page" {
            errors.push(
                Error::in_file(&doc.shown, msg::column_named_page())
                    .with_hint(msg::column_named_page_hint()),
            );
        }
    }
    docs.into_iter()
        .map(|doc| ColumnEntry {
            path: SitePath::of(&["columns", doc.slug.as_str()]),
            doc,
            items: Vec::new(),
        })
        .collect()
}

fn relate_items(
    items: Vec<Arc<Item>>,
    campaigns: &[CampaignEntry],
    columns: &[ColumnEntry],
    failed: &std::collections::HashSet<String>,
    errors: &mut Errors,
) -> Vec<Entry> {
    let broken = |folder: &str, slug: &str| failed.contains(&format!("{folder}/{slug}.md"));
    let campaign_of: HashMap<&str, CampaignId> = campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.doc.slug.as_str(), CampaignId(i)))
        .collect();
    let column_of: HashMap<&str, ColumnId> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.doc.slug.as_str(), ColumnId(i)))
        .collect();
    // Each item on its own, in parallel; errors reported in item order.
    let related: Vec<(Entry, Vec<Error>)> = items
        .into_par_iter()
        .map(|doc| {
            let mut found = Vec::new();
            let mut ids = Vec::new();
            for r in &doc.campaigns {
                match campaign_of.get(r.slug.as_str()) {
                    Some(id) if !ids.contains(id) => ids.push(*id),
                    Some(_) => {}
                    None if broken("campaigns", &r.slug) => {}
                    None => found.push(unknown_reference(
                        r,
                        Related::Campaign,
                        campaign_of.keys().copied(),
                    )),
                }
            }
            let column = doc.column.as_ref().and_then(|r| {
                let id = column_of.get(r.slug.as_str()).copied();
                if id.is_none() && !broken("columns", &r.slug) {
                    found.push(unknown_reference(
                        r,
                        Related::Column,
                        column_of.keys().copied(),
                    ));
                }
                id
            });
            let path = SitePath::of(&[doc.kind.section(), doc.slug.as_str()]);
            let entry = Entry {
                doc,
                path,
                campaigns: ids,
                column,
                issue: None,
                tags: Vec::new(),
                prev: None,
                next: None,
            };
            (entry, found)
        })
        .collect();
    let mut entries = Vec::with_capacity(related.len());
    for (entry, found) in related {
        found.into_iter().for_each(|e| errors.push(e));
        entries.push(entry);
    }
    entries
}

/// What an item's front matter refers to by slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Related {
    Campaign,
    Column,
}

fn unknown_reference<'a>(
    r: &Reference,
    what: Related,
    known: impl Iterator<Item = &'a str>,
) -> Error {
    let mut known: Vec<&str> = known.collect();
    known.sort_unstable();
    let slug = r.slug.as_str();
    let hint = match (what, known.is_empty()) {
        (Related::Campaign, true) => msg::no_campaign_yet(slug),
        (Related::Column, true) => msg::no_column_yet(slug),
        (Related::Campaign, false) => msg::known_campaigns(suggestion(slug, known.iter().copied())),
        (Related::Column, false) => msg::known_columns(suggestion(slug, known.iter().copied())),
    };
    let message = match what {
        Related::Campaign => msg::unknown_campaign(slug),
        Related::Column => msg::unknown_column(slug),
    };
    Error::at(r.at.clone(), message).with_hint(hint)
}

fn check_item_slugs(entries: &[Entry], errors: &mut Errors) {
    let mut seen: HashMap<&SitePath, &Entry> = HashMap::new();
    for entry in entries {
        // Where the slug is written: worked out only for an error.
        let at = || {
            entry
                .doc
                .slug_at
                .clone()
                .unwrap_or_else(|| Location::file(&entry.doc.shown))
        };
        if entry.doc.slug.as_str() == "page" && entry.doc.kind != Kind::Page {
            errors.push(
                Error::at(at(), msg::slug_page_reserved())
                    .with_hint(msg::slug_page_reserved_hint()),
            );
        }
        if let Some(first) = seen.insert(&entry.path, entry) {
            errors.push(
                Error::at(
                    at(),
                    msg::slug_taken(entry.doc.slug.as_str(), first.doc.shown.display()),
                )
                .with_hint(msg::slug_taken_hint()),
            );
        }
    }
}

fn number_issues(entries: &mut [Entry], columns: &mut [ColumnEntry], errors: &mut Errors) {
    let mut per_column: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
    for (i, entry) in entries.iter().enumerate() {
        if let Some(c) = entry.column {
            per_column[c.0].push(i);
        }
    }
    for ids in per_column {
        // Oldest first: entries are newest first, so walk backwards.
        let mut seen: HashMap<u32, usize> = HashMap::new();
        for (n, &i) in ids.iter().rev().enumerate() {
            let issue = entries[i].doc.issue.unwrap_or(n as u32 + 1);
            entries[i].issue = Some(issue);
            if let Some(other) = seen.insert(issue, i) {
                let at = Location::file(&entries[i].doc.shown);
                errors.push(
                    Error::at(
                        at,
                        msg::issue_taken(issue, entries[other].doc.shown.display()),
                    )
                    .with_hint(msg::issue_taken_hint()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_slug_is_a_function_of_the_tag_alone() {
        // Pinned: a published tag URL must never change between versions.
        assert_eq!(tag_slug("公益").as_str(), "gong-yi-7c9dab");
        assert_eq!(tag_slug("志愿服务").as_str(), "zhi-yuan-fu-wu-4026a4");
        let homophones = ["公益", "工艺", "功益"].map(|t| tag_slug(t).as_str().to_string());
        assert!(homophones.iter().all(|s| s.starts_with("gong-yi-")));
        assert!(homophones[0] != homophones[1] && homophones[1] != homophones[2]);
        assert_eq!(tag_slug("volunteer").as_str(), "volunteer");
        assert_eq!(tag_slug("2023").as_str(), "2023");
        assert_ne!(tag_slug("page").as_str(), "page", "not a pagination folder");
        assert!(tag_slug("！？").as_str().starts_with("tag-"));
    }

    #[test]
    fn case_variants_share_a_key_and_the_most_used_spelling_is_shown() {
        assert_eq!(tag_key(" Volunteer "), tag_key("volunteer"));
        let mut group = TagGroup::default();
        group.add("Volunteer", Some(ItemId(0)));
        group.add("volunteer", Some(ItemId(1)));
        group.add("volunteer", Some(ItemId(2)));
        assert_eq!(group.shown_name(), "volunteer");
        assert_eq!(group.items.len(), 3);
    }
}
