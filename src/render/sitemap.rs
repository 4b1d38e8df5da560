//! The sitemap, listing the pages the page jobs make (every page but the
//! one for missing addresses), and robots.txt pointing at it.

use super::pages::Job;
use super::{feed, File, Prepared};
use crate::date::DateTime;
use crate::site::SitePath;

/// The sitemap's file.
pub(super) const SITEMAP: &str = "sitemap.xml";

/// robots.txt's file.
pub(super) const ROBOTS: &str = "robots.txt";

/// The sitemap of the pages of `jobs`, and robots.txt.
pub(super) fn files(p: &Prepared<'_>, jobs: &[Job]) -> Vec<File> {
    let entries: Vec<feed::SitemapEntry> = jobs
        .iter()
        .filter(|job| !matches!(job, Job::Search))
        .filter_map(|job| {
            let path = job.path(p.site)?;
            Some(feed::SitemapEntry {
                loc: p.urls.permalink(&path),
                lastmod: last_modified(p, job),
            })
        })
        .collect();
    let sitemap_url = p.urls.file(&SitePath::root(), SITEMAP);
    vec![
        File {
            path: SITEMAP.into(),
            contents: feed::sitemap(&entries).into_bytes(),
        },
        File {
            path: ROBOTS.into(),
            contents: feed::robots(&sitemap_url).into_bytes(),
        },
    ]
}

/// When the page of `job` last changed, where that is known: an item's
/// update or date, and for the home page the newest of them.
fn last_modified(p: &Prepared<'_>, job: &Job) -> Option<DateTime> {
    let changed = |e: &crate::site::Entry| e.doc.updated.or(e.doc.date);
    match job {
        Job::Home => p.site.items.iter().filter_map(changed).max(),
        Job::Item(id) => changed(p.site.item(*id)),
        _ => None,
    }
}
