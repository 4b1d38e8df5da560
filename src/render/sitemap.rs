//! The sitemap, listing the pages the page jobs make (every page but the
//! one for missing addresses), and robots.txt pointing at it.

use super::pages::Job;
use super::{File, Prepared};
use crate::date::DateTime;
use crate::escape;
use crate::site::SitePath;

/// The sitemap's file.
pub(super) const SITEMAP: &str = "sitemap.xml";

/// robots.txt's file.
pub(super) const ROBOTS: &str = "robots.txt";

/// The sitemap of the pages of `jobs`, and robots.txt.
pub(super) fn files(p: &Prepared<'_>, jobs: &[Job]) -> Vec<File> {
    let entries: Vec<SitemapEntry> = jobs
        .iter()
        .filter(|job| !matches!(job, Job::Search))
        .filter_map(|job| {
            let path = job.path(p.site)?;
            Some(SitemapEntry {
                loc: p.urls.permalink(&path),
                lastmod: last_modified(p, job),
            })
        })
        .collect();
    let sitemap_url = p.urls.file(&SitePath::root(), SITEMAP);
    vec![
        File {
            path: SITEMAP.into(),
            contents: sitemap(&entries).into_bytes(),
        },
        File {
            path: ROBOTS.into(),
            contents: robots(&sitemap_url).into_bytes(),
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

/// One URL of the sitemap.
struct SitemapEntry {
    /// Absolute URL.
    loc: String,
    /// Last change.
    lastmod: Option<DateTime>,
}

/// Writes `sitemap.xml`.
fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut out = String::with_capacity(entries.len() * 120 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        out.push_str("<url><loc>");
        escape::xml_into(&entry.loc, &mut out);
        out.push_str("</loc>");
        if let Some(date) = entry.lastmod {
            out.push_str("<lastmod>");
            escape::xml_into(&date.iso(), &mut out);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Writes `robots.txt`, pointing at the sitemap.
fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}
