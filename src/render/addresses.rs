//! The addresses in a rendered page as the site's hosting settings want
//! them: with `relative_links`, every address inside the site relative to
//! the page (`../b/index.html`), so the site opens from a folder and from
//! any sub-path; with `file_urls`, every address of a page's folder
//! (`/zyfw/archive/`) turned into its file (`/zyfw/archive.html`).
//!
//! One pass over the page's HTML after its template has drawn it, so every
//! address is covered wherever it came from (the theme, a template of the
//! site's own, a Markdown body): the attributes `href`, `src`, `srcset`
//! (each of its comma-separated candidates), `poster`, `action` and
//! `xlink:href`. Text, comments, scripts and styles are left as they are,
//! and so are `content` attributes and `<link rel="canonical">`, which
//! keep their absolute URLs for sharers and search engines.

use std::ops::Range;

use crate::config::BaseUrl;
use crate::url::{relative_to, PageUrls};

/// What to do to a page's addresses.
#[derive(Debug, Clone, Copy)]
pub struct Addresses<'a> {
    /// The site's address.
    pub base: &'a BaseUrl,
    /// The page's output path (`stories/a/index.html`).
    pub page: &'a str,
    /// Whether addresses are made relative to the page.
    pub relative: bool,
    /// How pages' addresses are written.
    pub urls: PageUrls,
}

/// The elements that may hold an address (HTML and SVG).
const URL_TAGS: [&str; 16] = [
    "a", "link", "img", "source", "script", "form", "video", "audio", "iframe", "area", "image",
    "use", "embed", "track", "input", "button",
];

/// The attributes that hold an address (`srcset` holds several).
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "srcset", "poster", "action", "xlink:href"];

impl Addresses<'_> {
    /// Whether this page's addresses need rewriting at all.
    pub fn needed(&self) -> bool {
        self.relative || self.urls == PageUrls::Files
    }

    /// `html` with its addresses rewritten.
    pub fn rewrite(&self, html: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(html.len() + html.len() / 16);
        let mut copied = 0;
        for tag in Tags::new(html) {
            if tag.is_canonical(html) {
                continue;
            }
            for attr in &tag.attributes {
                if !URL_ATTRIBUTES
                    .iter()
                    .any(|n| eq_name(&html[attr.name.clone()], n))
                {
                    continue;
                }
                let Some(value) = attr.value.clone() else {
                    continue;
                };
                let raw = &html[value.clone()];
                let is_srcset = eq_name(&html[attr.name.clone()], "srcset");
                if let Some(new) = self.attribute(raw, is_srcset) {
                    out.extend_from_slice(&html[copied..value.start]);
                    out.extend_from_slice(new.as_bytes());
                    copied = value.end;
                }
            }
        }
        out.extend_from_slice(&html[copied..]);
        out
    }

    /// An attribute's new text (escaped for a quoted attribute), or `None`
    /// when it stays as it is.
    fn attribute(&self, raw: &[u8], is_srcset: bool) -> Option<String> {
        // An address inside the site starts with `/` (or `&#x2F;`, as the
        // template engine writes it) or with the site's origin.
        let first = raw.iter().find(|b| !b.is_ascii_whitespace())?;
        if !is_srcset && !matches!(first, b'/' | b'&' | b'h' | b'H') {
            return None;
        }
        let text = decode(std::str::from_utf8(raw).ok()?);
        let new = if is_srcset {
            self.srcset(&text)?
        } else {
            self.address(text.trim())?
        };
        Some(escape(&new))
    }

    /// A `srcset` with each candidate's address rewritten.
    fn srcset(&self, text: &str) -> Option<String> {
        let mut changed = false;
        let items: Vec<String> = text
            .split(',')
            .map(|item| {
                let item = item.trim();
                let (url, descriptor) = item.split_once(char::is_whitespace).unwrap_or((item, ""));
                match self.address(url) {
                    Some(new) => {
                        changed = true;
                        match descriptor.trim() {
                            "" => new,
                            d => format!("{new} {d}"),
                        }
                    }
                    None => item.to_string(),
                }
            })
            .collect();
        changed.then(|| items.join(", "))
    }

    /// An address's new form, or `None` when it leads off the site or
    /// stays as it is.
    fn address(&self, url: &str) -> Option<String> {
        let rest = self.in_site(url)?;
        let split = rest.find(['?', '#']).unwrap_or(rest.len());
        let (path, tail) = rest.split_at(split);
        let path = match self.urls {
            PageUrls::Files if path.is_empty() || path.ends_with('/') => self.urls.file(path),
            _ => path.to_string(),
        };
        let new = if self.relative {
            relative_to(self.page, &format!("{path}{tail}"))
        } else if url.starts_with(self.base.origin()) {
            format!("{}{path}{tail}", self.base.absolute())
        } else {
            format!("{}{path}{tail}", self.base.path())
        };
        (new != url).then_some(new)
    }

    /// The part of `url` below the base path when it is an address inside
    /// the site: root-relative under the base path, or absolute under the
    /// base URL.
    fn in_site<'u>(&self, url: &'u str) -> Option<&'u str> {
        let path = match url.strip_prefix(self.base.origin()) {
            Some(path) if path.is_empty() || path.starts_with('/') => path,
            Some(_) => return None,
            None if url.starts_with('/') && !url.starts_with("//") => url,
            None => return None,
        };
        let base = self.base.path();
        if let Some(rest) = path.strip_prefix(base) {
            return Some(rest);
        }
        let rest = path.strip_prefix(base.trim_end_matches('/'))?;
        (rest.is_empty() || rest.starts_with(['?', '#'])).then_some(rest)
    }
}

/// Whether an attribute's name is `name`, in any case.
fn eq_name(bytes: &[u8], name: &str) -> bool {
    bytes.eq_ignore_ascii_case(name.as_bytes())
}

/// Character references in an attribute's text decoded (`&#x2F;` → `/`).
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference's name (`amp`, `#x2F`, `#47`) stands for.
fn reference(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        _ => name.strip_prefix('#')?,
    };
    let number = match code.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => code.parse().ok()?,
    };
    char::from_u32(number)
}

/// Text escaped for a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// One attribute of a start tag: where its name and its value are.
struct Attribute {
    name: Range<usize>,
    value: Option<Range<usize>>,
}

/// One start tag: where its name is, and its attributes.
struct Tag {
    name: Range<usize>,
    attributes: Vec<Attribute>,
}

impl Tag {
    /// Whether this is `<link rel="canonical">`.
    fn is_canonical(&self, html: &[u8]) -> bool {
        eq_name(&html[self.name.clone()], "link")
            && self.attributes.iter().any(|a| {
                eq_name(&html[a.name.clone()], "rel")
                    && a.value.clone().is_some_and(|v| {
                        html[v]
                            .split(|b| b.is_ascii_whitespace())
                            .any(|w| eq_name(w, "canonical"))
                    })
            })
    }
}

/// The start tags of an HTML page, in order, skipping comments, and the
/// text of scripts and styles.
struct Tags<'h> {
    html: &'h [u8],
    at: usize,
}

impl<'h> Tags<'h> {
    fn new(html: &'h [u8]) -> Self {
        Tags { html, at: 0 }
    }

    /// Moves past the first `needle` at or after `from`; to the end if none.
    fn skip_past(&mut self, from: usize, needle: &[u8]) {
        self.at = find(self.html, from, needle).map_or(self.html.len(), |i| i + needle.len());
    }

    /// Reads the attributes of a tag whose name ends at `at`; leaves
    /// `self.at` after its `>`.
    fn attributes(&mut self, mut at: usize) -> Vec<Attribute> {
        let html = self.html;
        let mut attributes = Vec::new();
        loop {
            while at < html.len() && (html[at].is_ascii_whitespace() || html[at] == b'/') {
                at += 1;
            }
            if at >= html.len() || html[at] == b'>' {
                self.at = (at + 1).min(html.len());
                return attributes;
            }
            let start = at;
            while at < html.len() && !matches!(html[at], b'=' | b'>' | b'/') {
                if html[at].is_ascii_whitespace() {
                    break;
                }
                at += 1;
            }
            let name = start..at.max(start + 1).min(html.len());
            at = name.end;
            while at < html.len() && html[at].is_ascii_whitespace() {
                at += 1;
            }
            let mut value = None;
            if at < html.len() && html[at] == b'=' {
                at += 1;
                while at < html.len() && html[at].is_ascii_whitespace() {
                    at += 1;
                }
                let (range, next) = attribute_value(html, at);
                value = Some(range);
                at = next;
            }
            attributes.push(Attribute { name, value });
        }
    }
}

/// The value starting at `at` (quoted or not) and where reading goes on.
fn attribute_value(html: &[u8], at: usize) -> (Range<usize>, usize) {
    match html.get(at) {
        Some(&quote @ (b'"' | b'\'')) => {
            let end = html[at + 1..]
                .iter()
                .position(|&b| b == quote)
                .map_or(html.len(), |i| at + 1 + i);
            (at + 1..end, (end + 1).min(html.len()))
        }
        _ => {
            let end = html[at..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>')
                .map_or(html.len(), |i| at + i);
            (at..end, end)
        }
    }
}

/// The first `needle` in `html` at or after `from`.
fn find(html: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(html.get(from..)?, needle).map(|i| from + i)
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let html = self.html;
        loop {
            let lt = self.at + memchr::memchr(b'<', html.get(self.at..)?)?;
            if html[lt..].starts_with(b"<!--") {
                self.skip_past(lt + 4, b"-->");
                continue;
            }
            let starts_name = html.get(lt + 1).is_some_and(u8::is_ascii_alphabetic);
            if !starts_name {
                self.at = lt + 1;
                continue;
            }
            let name_end = html[lt + 1..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
                .map_or(html.len(), |i| lt + 1 + i);
            let name = lt + 1..name_end;
            if eq_name(&html[name.clone()], "style") {
                self.skip_past(name_end, b"</style");
                continue;
            }
            // Most tags (div, li, span, p) hold no address: the next `<`
            // is looked for right after their name.
            if !URL_TAGS.iter().any(|t| eq_name(&html[name.clone()], t)) {
                self.at = name_end;
                continue;
            }
            let attributes = self.attributes(name_end);
            if eq_name(&html[name.clone()], "script") {
                self.skip_past(self.at, b"</script");
            }
            return Some(Tag { name, attributes });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(html: &str, page: &str, relative: bool, urls: PageUrls) -> String {
        let base = BaseUrl::parse("https://example.org/zyfw/").expect("base");
        let a = Addresses {
            base: &base,
            page,
            relative,
            urls,
        };
        String::from_utf8(a.rewrite(html.as_bytes())).expect("utf-8")
    }

    #[test]
    fn addresses_inside_the_site_become_relative() {
        let html = concat!(
            r#"<link rel="stylesheet" href="&#x2F;zyfw&#x2F;css&#x2F;site.css">"#,
            r#"<link rel="canonical" href="https://example.org/zyfw/stories/a/">"#,
            r#"<meta property="og:url" content="/zyfw/stories/a/">"#,
            r#"<a href="/zyfw/stories/b/#h">b</a><a href="https://example.org/zyfw/feed.xml">f</a>"#,
            r##"<a href="https://other.org/zyfw/x/">o</a><a href="#top">t</a>"##,
            r#"<img src='/zyfw/stories/a/p.jpg' srcset="/zyfw/a-480.jpg 480w, /zyfw/a-960.jpg 960w">"#,
            r#"<script>var u = "<a href='/zyfw/x/'>";</script><!-- <a href="/zyfw/y/"> -->"#,
            r#"<form action="/zyfw/search/"></form><p>/zyfw/stories/</p>"#,
        );
        let got = rewritten(html, "stories/a/index.html", true, PageUrls::Folders);
        let want = concat!(
            r#"<link rel="stylesheet" href="../../css/site.css">"#,
            r#"<link rel="canonical" href="https://example.org/zyfw/stories/a/">"#,
            r#"<meta property="og:url" content="/zyfw/stories/a/">"#,
            r#"<a href="../b/index.html#h">b</a><a href="../../feed.xml">f</a>"#,
            r##"<a href="https://other.org/zyfw/x/">o</a><a href="#top">t</a>"##,
            r#"<img src='p.jpg' srcset="../../a-480.jpg 480w, ../../a-960.jpg 960w">"#,
            r#"<script>var u = "<a href='/zyfw/x/'>";</script><!-- <a href="/zyfw/y/"> -->"#,
            r#"<form action="../../search/index.html"></form><p>/zyfw/stories/</p>"#,
        );
        assert_eq!(got, want);
    }

    #[test]
    fn folders_become_files_with_file_urls() {
        let html = r#"<a href="/zyfw/">h</a><a href="/zyfw/archive/">a</a><a href="/zyfw/search/?q=1">s</a><a href="/zyfwx/">x</a>"#;
        assert_eq!(
            rewritten(html, "404.html", false, PageUrls::Files),
            r#"<a href="/zyfw/index.html">h</a><a href="/zyfw/archive.html">a</a><a href="/zyfw/search/index.html?q=1">s</a><a href="/zyfwx/">x</a>"#
        );
        assert_eq!(
            rewritten(
                r#"<a href="https://example.org/zyfw/tags/">t</a>"#,
                "index.html",
                false,
                PageUrls::Files
            ),
            r#"<a href="https://example.org/zyfw/tags.html">t</a>"#
        );
        assert_eq!(
            rewritten(html, "tags/t.html", true, PageUrls::Files),
            r#"<a href="../index.html">h</a><a href="../archive.html">a</a><a href="../search/index.html?q=1">s</a><a href="/zyfwx/">x</a>"#
        );
    }

    #[test]
    fn the_base_path_without_its_slash_is_the_home_page() {
        let html = r#"<a href="/zyfw">h</a>"#;
        assert_eq!(
            rewritten(html, "a/index.html", true, PageUrls::Folders),
            r#"<a href="../index.html">h</a>"#
        );
    }
}
