//! Links written in Markdown: `../campaigns/a.md`, `@/stories/b.md#anchor`,
//! `/images/x.png` and a bundle's `photo.jpg` become URLs from the site's
//! root with its base path (`/zyfw/stories/b/#anchor`), which feeds prefix
//! with the site's origin; links to missing files are errors.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;

use super::context::CoverImage;
use super::context::Urls;
use super::photos::{self, Photos};
use crate::config::Config;
use crate::i18n::catalogue::render as msg;
use crate::i18n::catalogue::values as value_msg;
use crate::i18n::Text;
use crate::markdown::{LinkError, LinkResolver};
use crate::site::{LeftOut, Site, SitePath};
use crate::url::{is_dangerous_url, is_external, normalize};

/// Bundle file names are checked by the URL rules; kept here for the
/// renderer that copies bundles.
pub use crate::url::is_plain_relative;

/// A link to `target#fragment`, checked once every page's headings are known.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    /// The file that links.
    pub shown: std::path::PathBuf,
    /// The content path linked to.
    pub target: String,
    /// The anchor.
    pub fragment: String,
    /// Where the link is written, when it could be found in the source.
    pub line: Option<(usize, usize)>,
}

/// Resolves the links of one document.
pub struct Resolver<'a> {
    config: &'a Config,
    site: &'a Site,
    urls: &'a Urls<'a>,
    rel: &'a str,
    shown: &'a Path,
    page: &'a SitePath,
    assets: &'a [String],
    source: Option<(&'a str, usize)>,
    anchors: RefCell<Vec<AnchorRef>>,
    photos: Option<&'a Photos>,
}

impl<'a> Resolver<'a> {
    /// A resolver for the document at content path `rel`, published at `page`.
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        urls: &'a Urls<'a>,
        rel: &'a str,
        shown: &'a Path,
        page: &'a SitePath,
        assets: &'a [String],
    ) -> Self {
        Resolver {
            config,
            site,
            urls,
            rel,
            shown,
            page,
            assets,
            source: None,
            anchors: RefCell::new(Vec::new()),
            photos: None,
        }
    }

    /// Gives the photos with sized copies: images and covers that are one
    /// of them are drawn as pictures.
    #[must_use]
    pub fn with_photos(mut self, photos: &'a Photos) -> Self {
        self.photos = Some(photos);
        self
    }

    /// The picture of a local photo written `dest` (beside the page, or
    /// `/…` in `static/`), when it has sized copies.
    fn picture_of(&self, dest: &str) -> Option<&'a photos::Picture> {
        let photos = self.photos?;
        let key = match dest.strip_prefix('/') {
            Some(rest) => photos::static_key(&normalize(&[], rest)?),
            None => {
                let name = normalize(&[], dest).filter(|n| self.assets.contains(n))?;
                photos::bundle_key(self.rel, &name)
            }
        };
        photos.get(&key)
    }

    /// The sized copies of a cover written `cover`, for templates.
    pub fn cover_image(&self, cover: &str) -> Option<CoverImage> {
        if is_external(cover) || is_dangerous_url(cover) {
            return None;
        }
        self.picture_of(cover)?.cover()
    }

    /// Gives the Markdown being resolved (starting on file line `first_line`),
    /// so that problems found later can point at their line.
    #[must_use]
    pub fn with_source(mut self, markdown: &'a str, first_line: usize) -> Self {
        self.source = Some((markdown, first_line));
        self
    }

    /// The file line and column of the first `#fragment` written in the source.
    fn position_of(&self, fragment: &str) -> Option<(usize, usize)> {
        let (text, first_line) = self.source?;
        let needle = format!("#{fragment}");
        let offset = text.find(&needle)?;
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Some((first_line + line, column))
    }

    /// A site path as a link: root-relative (feeds make it absolute).
    fn link(&self, path: &SitePath) -> String {
        self.urls.url(path)
    }

    /// A path below the base path (`images/x.png`) as a link.
    fn site_link(&self, rest: &str) -> String {
        format!("{}{rest}", self.config.base_url.path())
    }

    /// The document's path as shown.
    pub fn shown(&self) -> &Path {
        self.shown
    }

    /// The anchors its links named.
    pub fn into_anchors(self) -> Vec<AnchorRef> {
        self.anchors.into_inner()
    }

    /// The URL of a cover image, or what is wrong with it and how to fix it:
    /// a URL that can run script ([`is_dangerous_url`]) is refused, one
    /// that cannot be found is reported.
    pub fn resolve_cover(&self, cover: &str) -> Result<String, (Text, Text)> {
        if is_dangerous_url(cover) {
            return Err((
                value_msg::cover_can_run_script(cover),
                value_msg::cover_can_run_script_hint(),
            ));
        }
        self.find_cover(cover).map_err(|m| (m, msg::cover_hint()))
    }

    /// The URL of a cover image, or why it cannot be found.
    fn find_cover(&self, cover: &str) -> Result<String, Text> {
        if is_external(cover) {
            return Ok(cover.to_string());
        }
        if let Some(rest) = cover.strip_prefix('/') {
            return self
                .site_file(rest)
                .map_err(|()| msg::cover_not_in_static(cover));
        }
        match normalize(&[], cover) {
            Some(name) if self.assets.contains(&name) => {
                Ok(format!("{}{}", self.urls.folder(self.page), name))
            }
            _ => Err(msg::cover_not_beside_page(cover)),
        }
    }

    /// `/x/y.png`: a file under `static/` (site or theme), as a root-relative URL.
    fn site_file(&self, rest: &str) -> Result<String, ()> {
        let clean = normalize(&[], rest).ok_or(())?;
        let root = &self.config.root;
        let theme_static = root.join("themes").join(&self.config.theme).join("static");
        let exists = [root.join("static"), theme_static]
            .iter()
            .any(|d| d.join(&clean).is_file())
            || self.builtin_static(&clean);
        if exists {
            Ok(format!("{}{clean}", self.config.base_url.path()))
        } else {
            Err(())
        }
    }

    /// Whether the built-in theme the site uses (it has no folder of its
    /// own for the theme) has the static file `clean`.
    fn builtin_static(&self, clean: &str) -> bool {
        match super::theme::ThemeSource::of(self.config) {
            super::theme::ThemeSource::Builtin(theme) => {
                theme.file(&format!("static/{clean}")).is_some()
            }
            _ => false,
        }
    }

    fn content_link(
        &self,
        target: &str,
        fragment: Option<&str>,
    ) -> Result<Option<String>, (Text, Text)> {
        let Some(path) = self.site.paths_by_source.get(target) else {
            if self.site.failed.contains(target) {
                // Its own error is reported; keep the link as written.
                return Ok(None);
            }
            if let Some(why) = self.site.left_out.get(target) {
                let hint = match why {
                    LeftOut::Draft => msg::link_to_draft_hint(),
                    LeftOut::Scheduled => msg::link_to_scheduled_hint(),
                };
                return Err((msg::link_to_left_out(target, why.describe()), hint));
            }
            return Err((msg::link_to_missing(target), msg::link_hint()));
        };
        let mut url = self.link(path);
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            self.anchors.borrow_mut().push(AnchorRef {
                shown: self.shown.to_path_buf(),
                target: target.to_string(),
                fragment: fragment.to_string(),
                line: self.position_of(fragment),
            });
            url.push('#');
            url.push_str(fragment);
        }
        Ok(Some(url))
    }
}

impl LinkResolver for Resolver<'_> {
    fn resolve(
        &self,
        dest: &str,
        fragment: Option<&str>,
        is_image: bool,
    ) -> Result<Option<String>, LinkError> {
        self.resolve_link(dest, fragment, is_image)
            .map_err(|(message, hint)| LinkError {
                message,
                hint: Some(hint),
            })
    }

    fn picture(&self, dest: &str, alt: &str, title: &str, first: bool) -> Option<String> {
        if is_external(dest) {
            return None;
        }
        self.picture_of(dest)?.html(alt, title, first)
    }
}

impl Resolver<'_> {
    /// What a link or image destination becomes, or what is wrong with it
    /// and how to fix it.
    fn resolve_link(
        &self,
        dest: &str,
        fragment: Option<&str>,
        is_image: bool,
    ) -> Result<Option<String>, (Text, Text)> {
        let leaves = || (msg::link_leaves_content(dest), msg::link_hint());
        let with_fragment = |mut url: String| {
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(f);
            }
            url
        };
        if is_external(dest) {
            return Ok(None);
        }
        if let Some(rest) = dest.strip_prefix("@/") {
            let target = normalize(&[], rest).ok_or_else(leaves)?;
            return self.content_link(&target, fragment);
        }
        if let Some(rest) = dest.strip_prefix('/') {
            return Ok(Some(with_fragment(self.site_link(rest))));
        }
        let dir: Vec<&str> = self.rel.split('/').collect();
        let dir = &dir[..dir.len().saturating_sub(1)];
        if crate::content::discover::is_markdown(dest) {
            let target = normalize(dir, dest).ok_or_else(leaves)?;
            return self.content_link(&target, fragment);
        }
        let local = normalize(&[], dest);
        if is_image && !local.as_ref().is_some_and(|l| self.assets.contains(l)) {
            return Err((msg::image_not_beside_page(dest), msg::image_hint()));
        }
        Ok(Some(with_fragment(format!(
            "{}{dest}",
            self.urls.folder(self.page)
        ))))
    }
}

/// A page body's HTML with its links and images made absolute, for feeds,
/// whose readers have no page to resolve them against. Markdown links and
/// images to the site are written root-relative (`href="/zyfw/…"`,
/// `src="/…"`, each candidate of `srcset="/… 480w, /… 960w"`), so each
/// becomes `origin` followed by its path; other
/// URLs (`https://…`, `//host/…`, `#id`, `mailto:`) stay as they are, and
/// text cannot look like an attribute, since its quotes are escaped.
pub fn absolute_links<'a>(html: &'a str, origin: &str) -> Cow<'a, str> {
    const SRCSET: &str = " srcset=\"/";
    const ATTRIBUTES: [&str; 3] = [" href=\"/", " src=\"/", SRCSET];
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    // Found by their `=`, which body text has few of, with the quick
    // search for one byte.
    while let Some(found) = html[at..].find('=').map(|i| at + i) {
        at = found + 1;
        if !html[found..].starts_with("=\"/") {
            continue;
        }
        at = found + 3;
        let attribute = ATTRIBUTES
            .iter()
            .any(|a| html[..at].ends_with(a) && !html[at..].starts_with('/'));
        if attribute {
            out.reserve(html.len() + 64);
            out.push_str(&html[copied..found + 2]);
            out.push_str(origin);
            copied = found + 2;
            if html[..at].ends_with(SRCSET) {
                // The other candidates of a `srcset`: `, /…`.
                let end = html[at..].find('"').map_or(html.len(), |i| at + i);
                while let Some(i) = html[at..end].find(", /") {
                    at += i + 2;
                    if !html[at..].starts_with("//") {
                        out.push_str(&html[copied..at]);
                        out.push_str(origin);
                        copied = at;
                    }
                }
                at = end;
            }
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_bodies_get_absolute_links_to_the_site_only() {
        let origin = "https://example.org";
        let html =
            "<p><a href=\"/zyfw/stories/a/#x\">a</a> <img src=\"/zyfw/stories/a/p.png\" alt=\"\"> \
                    <a href=\"https://other.org/\">b</a> <a href=\"//cdn.org/x\">c</a> \
                    <a href=\"#top\">d</a> href=&quot;/no&quot; <code>src=\"/code\"</code></p>";
        assert_eq!(
            absolute_links(html, origin),
            "<p><a href=\"https://example.org/zyfw/stories/a/#x\">a</a> \
             <img src=\"https://example.org/zyfw/stories/a/p.png\" alt=\"\"> \
             <a href=\"https://other.org/\">b</a> <a href=\"//cdn.org/x\">c</a> \
             <a href=\"#top\">d</a> href=&quot;/no&quot; <code>src=\"/code\"</code></p>"
        );
        assert_eq!(
            absolute_links(
                "<source srcset=\"/p/480.webp 480w, /p/960.webp 960w\"><img src=\"/p/960.jpg\">",
                origin
            ),
            "<source srcset=\"https://example.org/p/480.webp 480w, \
             https://example.org/p/960.webp 960w\"><img src=\"https://example.org/p/960.jpg\">"
        );
        assert!(matches!(
            absolute_links("<p>纯文字</p>", origin),
            Cow::Borrowed(_)
        ));
    }
}
