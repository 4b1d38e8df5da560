//! Titles are escaped in HTML and XML; raw HTML in Markdown is dropped unless
//! `markdown.unsafe_html: true`.

use crate::fixture::{config_with, main_of, parse_feed, texts_ending, Site};

const HOSTILE: &str = "<script>alert(1)</script> & \"quotes\" 'x'";

fn hostile_site() -> Site {
    // Single quotes in YAML: `''` is one quote.
    let story = format!(
        "---\ntitle: '{}'\ndate: 2023-03-05\ntags: ['<b>标签</b>']\n---\n正文。\n",
        HOSTILE.replace('\'', "''")
    );
    Site::new(&[("content/stories/hostile.md", &story)])
}

#[test]
fn hostile_title_is_escaped_in_every_html_page() {
    let site = hostile_site();
    site.built();
    let pages = texts_ending(&site.out(), ".html");
    assert!(pages.len() > 5, "pages were written");
    for (path, html) in &pages {
        assert!(!html.contains("<script>alert"), "{path} has a raw <script>");
        assert!(!html.contains("<b>标签"), "{path} has a raw tag name");
    }
    let page = site.read("stories/hostile/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    assert!(page.contains("&amp; "), "& is escaped");
    assert!(!page.contains(" & \""), "a bare & and quote");
}

#[test]
fn hostile_title_is_escaped_in_the_feed() {
    let site = hostile_site();
    site.built();
    let xml = site.read("feed.xml");
    assert!(xml.contains("&lt;script&gt;"), "escaped in the XML text");
    assert!(!xml.contains("<script>"), "no raw <script> in the feed");
    let feed = parse_feed(&xml);
    assert_eq!(feed.items[0].title, HOSTILE, "the title reads back intact");
    let sitemap = site.read("sitemap.xml");
    roxmltree::Document::parse(&sitemap).expect("the sitemap stays well-formed");
}

const RAW_HTML_BODY: &str = "\
---
title: 含有原始HTML的文章
date: 2023-03-05
---
第一段。

<script>alert(\"body\")</script>

<div onclick=\"steal()\">点我</div>

最后一段。
";

#[test]
fn raw_html_in_markdown_is_dropped_by_default() {
    let site = Site::new(&[("content/stories/raw.md", RAW_HTML_BODY)]);
    site.built();
    let page = site.read("stories/raw/index.html");
    let main = main_of(&page);
    assert!(main.contains("第一段。"));
    assert!(main.contains("最后一段。"));
    assert!(!page.contains("<script>alert"), "raw <script> kept");
    assert!(!page.contains("onclick"), "raw event handler kept");
    assert!(!page.contains("steal()"), "raw attribute kept");
    let feed = site.read("feed.xml");
    assert!(!feed.contains("onclick"), "raw HTML reaches the feed");
}

#[test]
fn raw_html_is_kept_with_unsafe_html() {
    let site = Site::new(&[
        (
            "site.yaml",
            &config_with("markdown:\n  unsafe_html: true\n"),
        ),
        ("content/stories/raw.md", RAW_HTML_BODY),
    ]);
    site.built();
    let main = main_of(&site.read("stories/raw/index.html")).to_string();
    assert!(main.contains("<script>alert(\"body\")</script>"), "{main}");
    assert!(
        main.contains("<div onclick=\"steal()\">点我</div>"),
        "{main}"
    );
}

#[test]
fn javascript_links_are_neutralised() {
    let site = Site::new(&[(
        "content/stories/js.md",
        "---\ntitle: 链接\ndate: 2023-03-05\n---\n[点我](javascript:alert(1))\n",
    )]);
    site.built();
    let page = site.read("stories/js/index.html");
    assert!(
        !page.contains("href=\"javascript:"),
        "javascript: link kept"
    );
}
