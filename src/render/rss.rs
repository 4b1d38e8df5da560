//! The RSS 2.0 document, written directly as XML with every string escaped.
//! Links are absolute; dates are RFC 822.

use std::fmt::Write;

use crate::date::DateTime;
use crate::escape;

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

/// Writes HTML as the text of `<name>`, in a CDATA section
/// ([`escape::cdata_into`]): a feed carries whole bodies, which this
/// spares a pass of escaping.
fn html_element(out: &mut String, name: &str, html: &str) {
    let _ = write!(out, "<{name}>");
    escape::cdata_into(html, out);
    let _ = write!(out, "</{name}>");
}

/// Writes `text`, escaped, as the text of `<name>`.
fn element(out: &mut String, name: &str, text: &str) {
    let _ = write!(out, "<{name}>");
    escape::xml_into(text, out);
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
    escape::xml_into(channel.self_link, &mut out);
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
        escape::xml_into(item.link, &mut out);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_bodies_go_into_cdata_and_text_is_escaped() {
        let mut out = String::new();
        html_element(&mut out, "d", "<p>a]]>b</p>");
        assert_eq!(out, "<d><![CDATA[<p>a]]]]><![CDATA[>b</p>]]></d>");
        let mut out = String::new();
        element(&mut out, "title", "<志愿> & \"服务\"");
        assert_eq!(out, "<title>&lt;志愿&gt; &amp; &quot;服务&quot;</title>");
    }
}
