//! Relations between the published documents: each item's campaigns and
//! column (unknown ones reported with the closest slug), its page path and
//! that no two pages share one, column issue numbers (第N期), the lists by
//! kind, campaign and column, and prev/next within a column or a kind.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::{
    CampaignEntry, CampaignId, ColumnEntry, ColumnId, Entry, ItemId, Site, SitePath, Status,
};
use crate::content::parse::{Campaign, Column, Reference};
use crate::content::{Item, Kind};
use crate::date::DateTime;
use crate::error::{suggestion, Error, Errors, Location};
use crate::i18n::catalogue::site as msg;

impl Site {
    /// Fills the lists: items by kind (and as lists show them, pinned
    /// first), each campaign's and column's items, columns newest issue
    /// first.
    pub(super) fn fill_lists(&mut self) {
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
        }
        for (listed, ids) in self.listed.iter_mut().zip(&self.by_kind) {
            *listed = ids.clone();
            listed.sort_by_key(|id| !self.items[id.0].doc.pinned);
        }
        let items = &self.items;
        for column in &mut self.columns {
            column
                .items
                .sort_by_key(|id| std::cmp::Reverse((items[id.0].issue, std::cmp::Reverse(id.0))));
        }
    }

    /// Links each item to its older and newer neighbour: within its column
    /// if it has one, else within its kind (pages have none).
    pub(super) fn fill_neighbours(&mut self) {
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
pub(super) fn paths_by_source(
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
/// Each of `newest_first` with its older and newer neighbour.
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
/// Campaigns, newest start first, with their status on the build date.
pub(super) fn assemble_campaigns(mut docs: Vec<Campaign>, now: DateTime) -> Vec<CampaignEntry> {
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

/// Columns, by slug; one named `page` is an error.
pub(super) fn assemble_columns(mut docs: Vec<Column>, errors: &mut Errors) -> Vec<ColumnEntry> {
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

/// Each item's entry: its campaigns, column and page path.
pub(super) fn relate_items(
    items: Vec<Arc<Item>>,
    campaigns: &[CampaignEntry],
    columns: &[ColumnEntry],
    failed: &HashSet<String>,
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

/// An item refers to a campaign or column that does not exist.
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

/// No item may take `page` as its slug, nor a page path another has.
pub(super) fn check_item_slugs(entries: &[Entry], errors: &mut Errors) {
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

/// Numbers each column's entries (第N期), oldest first, unless an
/// entry gives its own; two entries with one number are an error.
pub(super) fn number_issues(
    entries: &mut [Entry],
    columns: &mut [ColumnEntry],
    errors: &mut Errors,
) {
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
