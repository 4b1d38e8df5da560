//! Structured data: the schema.org `NewsArticle` JSON-LD of a story, report
//! or announcement (`page.json_ld`), written here rather than by the theme
//! because every item page prints one and a template spends a filter call
//! on each of its two dozen values. Every string goes through the same
//! escaping as the `json_encode` filter, so it is safe inside `<script>`.

use crate::config::Config;

/// What an article's JSON-LD says, gathered by the page that prints it.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    /// The title (cut to 110 characters, as search engines ask of a headline).
    pub title: &'a str,
    /// Publication time, ISO 8601.
    pub date: Option<&'a str>,
    /// Last update, ISO 8601, when the item says one (`dateModified`;
    /// without it, search engines take the publication time).
    pub updated: Option<&'a str>,
    /// The cover's absolute URL as sharers get it ([`image_url`]), if the
    /// item has one. Without, the article names no image: the site's
    /// `share.png` is the organization's logo, not a picture of the article.
    pub image: Option<&'a str>,
    /// Authors, as people; the publisher is the author when there are none.
    pub authors: &'a [String],
    /// The kind's name in the site's language (先进典型).
    pub section: &'a str,
}

/// Longest headline, in characters; longer ones end with `…`.
const HEADLINE: usize = 110;

/// The site's organization as JSON-LD, the same on every article: as the
/// author of articles without one, and as their publisher. An article
/// names it (`@type`, `@id`, `name`) once; where it is both author and
/// publisher, the publisher is a reference to it (`{"@id": …}`). Its
/// address and logo (the site's `share.png`), the same for every page,
/// are said once, on the home page ([`Publisher::home`]), under the same
/// `@id`.
#[derive(Debug, Clone)]
pub struct Publisher {
    /// The home page's JSON-LD: the whole organization, with its `@id`,
    /// address and logo.
    home: String,
    /// The organization as an article names it: type, `@id` and name.
    named: String,
    /// A reference to it by its `@id`.
    reference: String,
}

impl Publisher {
    /// `site.footer.organization`, else the site's title.
    pub fn of(config: &Config) -> Publisher {
        let name = config
            .footer
            .organization
            .as_deref()
            .unwrap_or(&config.title);
        let url = config.base_url.absolute();
        let id = format!("{url}#organization");
        // What both forms say: type, `@id` and name.
        let mut fields = Json::default();
        fields.raw("\"@type\":\"Organization\",\"@id\":");
        fields.string(&id);
        fields.raw(",\"name\":");
        fields.string(name);
        let named = format!("{{{}}}", fields.0);
        let mut home = Json::default();
        home.raw("{\"@context\":\"https://schema.org\",");
        home.raw(&fields.0);
        home.raw(",\"url\":");
        home.string(&url);
        home.raw(",\"logo\":");
        home.string(&image_url(config, None));
        home.raw("}");
        let mut reference = Json::default();
        reference.raw("{\"@id\":");
        reference.string(&id);
        reference.raw("}");
        Publisher {
            home: home.0,
            named,
            reference: reference.0,
        }
    }

    /// The home page's JSON-LD: the organization with its address and logo.
    pub fn home(&self) -> &str {
        &self.home
    }
}

/// The JSON-LD object of `article` on a site whose
/// organization is `publisher`. What the page says elsewhere for every
/// reader is not said again: its description (the `description` meta),
/// its URL (the canonical link), its language (`<html lang>`), its tags
/// (the `article:tag` metas) and, for an item never updated, a
/// `dateModified` equal to its publication time.
pub fn news_article(publisher: &Publisher, article: &Article<'_>) -> String {
    let mut j = Json::default();
    j.raw("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":");
    j.string(&headline(article.title));
    if let Some(date) = article.date {
        j.raw(",\"datePublished\":");
        j.string(date);
    }
    if let Some(updated) = article.updated {
        j.raw(",\"dateModified\":");
        j.string(updated);
    }
    if let Some(image) = article.image {
        j.raw(",\"image\":[");
        j.string(image);
        j.raw("]");
    }
    j.raw(",\"author\":");
    if article.authors.is_empty() {
        j.raw(&publisher.named);
        j.raw(",\"publisher\":");
        j.raw(&publisher.reference);
    } else {
        j.raw("[");
        for (i, author) in article.authors.iter().enumerate() {
            j.raw(if i == 0 { "" } else { "," });
            j.raw("{\"@type\":\"Person\",\"name\":");
            j.string(author);
            j.raw("}");
        }
        j.raw("],\"publisher\":");
        j.raw(&publisher.named);
    }
    j.raw(",\"articleSection\":");
    j.string(article.section);
    j.raw("}");
    j.0
}

/// The longest description a page gives sharers and search engines, in
/// characters: Baidu shows 78 of a description, a WeChat or QQ card two
/// lines, and the page prints it three times (the `description` meta,
/// Open Graph and microdata). A summary of the usual 120 characters would
/// cost a story page about 360 bytes more.
pub const SHARED_DESCRIPTION_CHARS: usize = 80;

/// `text` as a page's description: whole if it has at most
/// [`SHARED_DESCRIPTION_CHARS`] characters, else cut there and ended with `…`.
pub fn for_sharers(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHARED_DESCRIPTION_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => {
            let kept = text[..at].trim_end_matches('…').trim_end();
            std::borrow::Cow::Owned(format!("{kept}…"))
        }
    }
}

/// The absolute URL of a page's image for sharers: its cover as the
/// resolver left it (a URL with a scheme, one without (`//host/x.jpg`), or
/// a path from the site's root), or the site's `share.png`.
pub fn image_url(config: &Config, cover: Option<&str>) -> String {
    let base = &config.base_url;
    match cover {
        Some(url) if crate::url::has_scheme(url) => url.to_string(),
        Some(url) if url.starts_with("//") => {
            let scheme = base.origin().split_once(':').map_or("https", |(s, _)| s);
            format!("{scheme}:{url}")
        }
        Some(url) => base.absolute_of(url),
        None => base.absolute_of(&format!("{}share.png", base.path())),
    }
}

/// `title` cut to [`HEADLINE`] characters, with `…` when cut.
fn headline(title: &str) -> std::borrow::Cow<'_, str> {
    match title.char_indices().nth(HEADLINE) {
        Some((at, _)) => format!("{}…", &title[..at]).into(),
        None => title.into(),
    }
}

/// JSON text being written.
#[derive(Default)]
struct Json(String);

impl Json {
    fn raw(&mut self, text: &str) {
        self.0.push_str(text);
    }

    fn string(&mut self, text: &str) {
        crate::escape::push_json_string(&mut self.0, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sharing_images_are_absolute_whatever_the_cover() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::load(root, Some("https://example.org/zyfw/")).expect("config");
        let image = |cover| image_url(&config, cover);
        assert_eq!(image(None), "https://example.org/zyfw/share.png");
        assert_eq!(
            image(Some("/zyfw/stories/a/p.jpg")),
            "https://example.org/zyfw/stories/a/p.jpg"
        );
        assert_eq!(
            image(Some("https://cdn.example.cn/p.jpg")),
            "https://cdn.example.cn/p.jpg"
        );
        assert_eq!(
            image(Some("//cdn.example.cn/p.jpg")),
            "https://cdn.example.cn/p.jpg"
        );
    }

    #[test]
    fn descriptions_are_cut_after_80_characters() {
        let exact = "述".repeat(80);
        assert_eq!(for_sharers(&exact), exact.as_str());
        let summary = format!("{}…", "述".repeat(120));
        assert_eq!(for_sharers(&summary), format!("{exact}…"));
        let spaced = format!("{} {}", "述".repeat(79), "x".repeat(10));
        assert_eq!(for_sharers(&spaced), format!("{}…", "述".repeat(79)));
    }

    #[test]
    fn headlines_are_cut_after_110_characters() {
        let exact = "字".repeat(110);
        assert_eq!(headline(&exact), exact.as_str());
        let long = format!("{exact}a");
        assert_eq!(headline(&long), format!("{exact}…"));
        assert_eq!(headline(""), "");
    }
}
