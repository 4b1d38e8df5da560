//! The site model's types: the items, campaigns, columns and tags of a
//! build in one arena each (addressed by [`ItemId`] and its kin), the
//! paths they are published at, and the questions a renderer asks of the
//! whole ([`Site::listing`], [`Site::valid_until`]). Only data and reading:
//! filling it in is the other `site` modules' job.

use std::collections::HashMap;
use std::sync::Arc;

use crate::content::parse::{Campaign, Column, Frequency};
use crate::content::slug::Slug;
use crate::content::{Item, Kind};
use crate::date::DateTime;
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
    pub(super) listed: [Vec<ItemId>; 4],
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
}
