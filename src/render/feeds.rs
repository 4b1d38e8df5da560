//! Feeds: which RSS feeds a site has (the site's, each campaign's and each
//! column's), the bodies they carry with absolute links, and each feed file.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;

use super::{links, rss, Emit, File, Prepared};
use crate::config::Config;
use crate::content::Kind;
use crate::error::Error;
use crate::site::{ItemId, Site, SitePath};

/// One feed to write: where, its channel text, and its items (already limited).
#[derive(Debug)]
pub struct FeedSpec {
    dir: SitePath,
    title: String,
    description: String,
    items: Vec<ItemId>,
}

impl FeedSpec {
    /// The feed's file, relative to the output folder.
    pub(super) fn file_path(&self) -> String {
        format!("{}{FEED}", self.dir.as_str())
    }
}

/// The name of every feed's file, in its page's folder.
const FEED: &str = "feed.xml";

/// The site's feeds: its own, then each campaign's and each column's.
pub(super) fn specs(config: &Config, site: &Site) -> Vec<FeedSpec> {
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

/// Whether each of a site's `items` is carried by one of the feeds of
/// `specs`, by item.
pub(super) fn carried(specs: &[FeedSpec], items: usize) -> Vec<bool> {
    let mut carried = vec![false; items];
    for id in specs.iter().flat_map(|s| s.items.iter()) {
        if let Some(slot) = carried.get_mut(id.0) {
            *slot = true;
        }
    }
    carried
}

/// Item bodies with absolute URLs, for feeds.
pub(super) type FeedBodies<'a> = HashMap<ItemId, Cow<'a, str>>;

/// The bodies of the items that feeds carry, with absolute URLs.
pub(super) fn bodies<'a>(p: &Prepared<'a>, specs: &[FeedSpec]) -> FeedBodies<'a> {
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

/// The feed of `spec`, carrying `bodies`.
pub(super) fn file(p: &Prepared<'_>, spec: &FeedSpec, bodies: &FeedBodies<'_>) -> File {
    let link = p.urls.permalink(&spec.dir);
    let self_link = p.urls.file(&spec.dir, FEED);
    let items: Vec<rss::FeedItem> = spec
        .items
        .iter()
        .filter_map(|id| {
            let entry = p.site.item(*id);
            Some(rss::FeedItem {
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
    let channel = rss::Channel {
        title: &spec.title,
        link: &link,
        self_link: &self_link,
        description: &spec.description,
        language: &p.config.language,
    };
    File {
        path: spec.file_path(),
        contents: rss::rss(&channel, &items).into_bytes(),
    }
}

/// Renders every feed of `specs` (with the item bodies rendered for
/// feeds), handing each to `emit`; returns what `emit` could not take.
pub(super) fn render_all(
    p: &Prepared<'_>,
    specs: &[FeedSpec],
    bodies: &FeedBodies<'_>,
    emit: &Emit<'_>,
) -> Vec<Error> {
    specs
        .par_iter()
        .filter_map(|spec| emit(file(p, spec, bodies)).err())
        .collect()
}
