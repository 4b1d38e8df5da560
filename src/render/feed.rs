//! RSS 2.0 feeds and the sitemap, written directly as XML with every string
//! escaped. Links are absolute; dates are RFC 822 (feeds) and W3C (sitemap).

use std::fmt::Write;

use crate::date::DateTime;

/// One entry of a feed.
pub struct FeedItem<'a> {
    /// Title.
    pub title: &'a str,
    /// Absolute URL; also the guid.
    pub link: &'a str,
    /// Publication date.
    pub date: DateTime,
    /// Full content, HTML.
    pub content: &'a str,
    /// Categories (tags).
    pub categories: Vec<&'a str>,
}

/// A feed's channel.
pub struct Channel<'a> {
    /// Title.
    pub title: &'a str,
    /// Absolute URL of the page it belongs to.
    pub link: &'a str,
    /// Absolute URL of the feed itself.
    pub self_link: &'a str,
    /// Description.
    pub description: &'a str,
    /// Language tag.
    pub language: &'a str,
}

/// Bytes [`escape_xml`] has to look at: markup characters, control
/// characters, and 0xEF (the lead byte of U+FFFE and U+FFFF).
const SPECIAL: [bool; 256] = super::byte_table(b"\t\n\r", b"&<>\"'\xEF");

/// Escapes text for XML content and attribute values; drops the control
/// characters XML 1.0 does not allow. Copies runs of plain text whole,
/// finding their ends with a table lookup per byte.
pub fn escape_xml(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    out.reserve(text.len() + text.len() / 8);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !SPECIAL[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (replacement, skip) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not allowed.
            0xEF => {
                if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                {
                    ("", 3)
                } else {
                    i += 1;
                    continue;
                }
            }
            _ => ("", 1),
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        i += skip;
        start = i;
    }
    out.push_str(&text[start..]);
}

/// `text` escaped for HTML or XML, as a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_xml(text, &mut out);
    out
}

/// Writes HTML as the text of `<name>`, in a CDATA section: copied as it
/// is but for `]]>` (split across two sections) and the characters XML 1.0
/// does not allow (dropped, as [`escape_xml`] drops them). A feed carries
/// whole bodies, which this spares a pass of escaping.
fn html_element(out: &mut String, name: &str, html: &str) {
    let _ = write!(out, "<{name}><![CDATA[");
    let html = if xml_allows(html) {
        std::borrow::Cow::Borrowed(html)
    } else {
        std::borrow::Cow::Owned(html.chars().filter(|&c| xml_allows_char(c)).collect())
    };
    let mut rest = html.as_ref();
    while let Some(at) = cdata_end(rest) {
        out.push_str(&rest[..at + 2]);
        out.push_str("]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    let _ = write!(out, "]]></{name}>");
}

/// Where `]]>` first occurs in `text`: found by its `]`, which HTML text
/// rarely has, with the quick search for one byte.
fn cdata_end(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(']') {
        let at = from + found;
        if text[at..].starts_with("]]>") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether every character of `text` is allowed in XML 1.0.
fn xml_allows(text: &str) -> bool {
    // No early exit, so the compiler can look at many bytes at once.
    let control = text.bytes().fold(false, |seen, b| {
        seen | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
    });
    // As strings, not characters: their last bytes are common in Chinese.
    !control && !text.contains("\u{FFFE}") && !text.contains("\u{FFFF}")
}

/// Whether `c` is allowed in XML 1.0 (surrogates cannot be in a `str`).
fn xml_allows_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{FFFE}' | '\u{FFFF}')
}

fn element(out: &mut String, name: &str, text: &str) {
    let _ = write!(out, "<{name}>");
    escape_xml(text, out);
    let _ = write!(out, "</{name}>");
}

/// Writes an RSS 2.0 document; `items` newest first, already limited.
pub fn rss(channel: &Channel<'_>, items: &[FeedItem<'_>]) -> String {
    // Room for every item: its body, and a kilobyte for the rest.
    let size: usize = items.iter().map(|i| i.content.len() + 1024).sum();
    let mut out = String::with_capacity(size + 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    element(&mut out, "title", channel.title);
    out.push('\n');
    element(&mut out, "link", channel.link);
    out.push('\n');
    element(
        &mut out,
        "description",
        if channel.description.is_empty() {
            channel.title
        } else {
            channel.description
        },
    );
    out.push('\n');
    element(&mut out, "language", channel.language);
    out.push('\n');
    out.push_str("<atom:link href=\"");
    escape_xml(channel.self_link, &mut out);
    out.push_str("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    if let Some(newest) = items.iter().map(|i| i.date).max() {
        element(&mut out, "lastBuildDate", &newest.rfc822());
        out.push('\n');
    }
    for item in items {
        out.push_str("<item>\n");
        element(&mut out, "title", item.title);
        out.push('\n');
        element(&mut out, "link", item.link);
        out.push('\n');
        out.push_str("<guid isPermaLink=\"true\">");
        escape_xml(item.link, &mut out);
        out.push_str("</guid>\n");
        element(&mut out, "pubDate", &item.date.rfc822());
        out.push('\n');
        for category in &item.categories {
            element(&mut out, "category", category);
            out.push('\n');
        }
        html_element(&mut out, "description", item.content);
        out.push_str("\n</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// One URL of the sitemap.
pub struct SitemapEntry {
    /// Absolute URL.
    pub loc: String,
    /// Last change.
    pub lastmod: Option<DateTime>,
}

/// Writes `sitemap.xml`.
pub fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut out = String::with_capacity(entries.len() * 120 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        out.push_str("<url><loc>");
        escape_xml(&entry.loc, &mut out);
        out.push_str("</loc>");
        if let Some(date) = entry.lastmod {
            element(&mut out, "lastmod", &date.iso());
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Writes `robots.txt`, pointing at the sitemap.
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        let mut out = String::new();
        escape_xml(
            "<script>&\"'\u{1}志\u{FFFE}愿\u{FFFF}，\u{FFFD}\t",
            &mut out,
        );
        assert_eq!(out, "&lt;script&gt;&amp;&quot;&apos;志愿，\u{FFFD}\t");
    }

    #[test]
    fn html_goes_into_cdata_that_no_text_can_close() {
        let mut out = String::new();
        html_element(&mut out, "d", "<p>a]]>b]]]>c</p>");
        assert_eq!(
            out,
            "<d><![CDATA[<p>a]]]]><![CDATA[>b]]]]]><![CDATA[>c</p>]]></d>"
        );
        let doc = roxmltree::Document::parse(&out).unwrap();
        let text: String = doc
            .root_element()
            .children()
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(text, "<p>a]]>b]]]>c</p>");
    }

    #[test]
    fn html_loses_only_what_xml_does_not_allow() {
        let mut out = String::new();
        html_element(
            &mut out,
            "d",
            "<p>\u{1}志\u{FFFE}愿\u{FFFF}，\u{FFFD}\t\u{b}</p>",
        );
        assert_eq!(out, "<d><![CDATA[<p>志愿，\u{FFFD}\t</p>]]></d>");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(xml_allows(&text), xml_allows_char(c), "{c:?}");
            let mut escaped = String::new();
            escape_xml(&text, &mut escaped);
            assert_eq!(escaped.is_empty(), !xml_allows_char(c), "{c:?}");
        }
    }
}
