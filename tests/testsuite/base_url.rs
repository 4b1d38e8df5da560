//! A base URL with a path (`/zyfw/`): every internal link carries it.

use regex::Regex;

use crate::fixture::{parse_feed, texts_ending, Site};

const BASE: &str = "http://127.0.0.1:8000/zyfw/";

fn site() -> Site {
    Site::new(&[
        (
            "content/campaigns/spring.md",
            "---\ntitle: 春季活动\nstart: 2026-11-01\n---\n",
        ),
        (
            "content/stories/a.md",
            "---\ntitle: 故事甲\ndate: 2023-03-05\ncampaign: spring\ntags: [志愿]\n---\n见[活动](../campaigns/spring.md)和[图标](/favicon.svg)。\n",
        ),
        (
            "content/stories/b.md",
            "---\ntitle: 故事乙\ndate: 2023-03-06\n---\n乙。\n",
        ),
    ])
}

#[test]
fn css_script_and_menu_links_start_with_the_base_path() {
    let site = site();
    site.build_with(&["--base-url", BASE]).success();
    let home = site.read("index.html");
    assert!(home.contains("href=\"/zyfw/css/site.css\""), "stylesheet");
    assert!(
        home.contains("href=\"/zyfw/campaigns/\""),
        "menu: campaigns"
    );
    assert!(home.contains("href=\"/zyfw/stories/\""), "menu: stories");
    assert!(home.contains("href=\"/zyfw/\""), "menu: home");
}

#[test]
fn no_root_relative_href_or_src_escapes_the_base_path() {
    let site = site();
    site.build_with(&["--base-url", BASE]).success();
    let attr = Regex::new(r#"(?:href|src|action)="(/[^"]*)""#).expect("a valid regex");
    let pages = texts_ending(&site.out(), ".html");
    assert!(pages.len() > 5);
    for (path, html) in &pages {
        for cap in attr.captures_iter(html) {
            let url = &cap[1];
            assert!(url.starts_with("/zyfw/"), "{path}: {url}");
        }
        assert!(
            !html.contains("https://example.org/"),
            "{path} still uses site.yaml's base_url"
        );
    }
}

#[test]
fn markdown_links_carry_the_base_path_in_pages() {
    let site = site();
    site.build_with(&["--base-url", BASE]).success();
    let page = site.read("stories/a/index.html");
    assert!(page.contains("href=\"/zyfw/campaigns/spring/\""), "{page}");
    assert!(page.contains("href=\"/zyfw/favicon.svg\""), "{page}");
}

#[test]
fn markdown_links_become_absolute_under_the_base_url_in_feeds() {
    let site = site();
    site.build_with(&["--base-url", BASE]).success();
    let feed = parse_feed(&site.read("feed.xml"));
    let story = feed
        .items
        .iter()
        .find(|i| i.title == "故事甲")
        .expect("the story in the feed");
    assert!(
        story
            .description
            .contains("href=\"http://127.0.0.1:8000/zyfw/campaigns/spring/\""),
        "{}",
        story.description
    );
    assert!(story
        .description
        .contains("href=\"http://127.0.0.1:8000/zyfw/favicon.svg\""));
}

#[test]
fn feed_and_sitemap_links_start_with_the_base_url() {
    let site = site();
    site.build_with(&["--base-url", BASE]).success();
    for path in ["feed.xml", "campaigns/spring/feed.xml"] {
        let feed = parse_feed(&site.read(path));
        assert!(feed.link.starts_with(BASE), "{path}: {}", feed.link);
        assert!(!feed.items.is_empty(), "{path}");
        for item in &feed.items {
            assert!(item.link.starts_with(BASE), "{path}: {}", item.link);
            assert!(item.guid.starts_with(BASE), "{path}: {}", item.guid);
        }
    }
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("well-formed");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"http://127.0.0.1:8000/zyfw/stories/a/"));
    assert!(locs.iter().all(|l| l.starts_with(BASE)), "{locs:?}");
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: http://127.0.0.1:8000/zyfw/sitemap.xml"));
}

#[test]
fn base_url_from_site_yaml_is_used_without_the_option() {
    let site = site();
    site.write(
        "site.yaml",
        &crate::fixture::CONFIG.replace(
            "base_url: https://example.org/",
            "base_url: https://example.gov.cn/zyfw",
        ),
    );
    site.built();
    let home = site.read("index.html");
    assert!(home.contains("href=\"/zyfw/css/site.css\""));
    let feed = parse_feed(&site.read("feed.xml"));
    assert!(feed.items[0]
        .link
        .starts_with("https://example.gov.cn/zyfw/"));
}
