//! Every URL of the SPEC's table is written, as `<path>/index.html`.

use crate::fixture::{config_with, main_of, Site};

const CAMPAIGN: &str = "\
---
title: 学雷锋志愿服务月
start: 2026-03-01
end: 2026-03-31
---
活动正文。
";

const COLUMN: &str = "\
---
title: 身边好人
frequency: weekly
---
";

const OLDER_STORY: &str = "\
---
title: 较早的典型故事
date: 2023-03-01
column: haoren
tags: [志愿服务]
---
张三的故事。
";

const NEWER_STORY: &str = "\
---
title: 较新的典型故事
date: 2023-03-05
column: haoren
campaign: leifeng
---
李四的故事。
";

const REPORT: &str = "\
---
title: 社区义诊活动报道
date: 2023-03-02
---
义诊。
";

const ANNOUNCEMENT: &str = "\
---
title: 招募志愿者的通知
date: 2023-02-20
---
招募。
";

const PAGE: &str = "\
---
title: 关于我们
---
我们是志愿服务联合会。
";

fn site() -> Site {
    Site::new(&[
        ("site.yaml", &config_with("paginate: 1\n")),
        ("content/campaigns/leifeng.md", CAMPAIGN),
        ("content/columns/haoren.md", COLUMN),
        ("content/stories/older.md", OLDER_STORY),
        ("content/stories/newer.md", NEWER_STORY),
        ("content/reports/yizhen.md", REPORT),
        ("content/announcements/zhaomu.md", ANNOUNCEMENT),
        ("content/pages/about.md", PAGE),
    ])
}

#[test]
fn every_url_of_the_spec_table_is_written() {
    let site = site();
    site.built();
    for path in [
        "index.html",
        "campaigns/index.html",
        "campaigns/leifeng/index.html",
        "campaigns/leifeng/feed.xml",
        "columns/index.html",
        "columns/haoren/index.html",
        "columns/haoren/page/2/index.html",
        "columns/haoren/feed.xml",
        "stories/index.html",
        "stories/page/2/index.html",
        "reports/index.html",
        "announcements/index.html",
        "stories/older/index.html",
        "stories/newer/index.html",
        "reports/yizhen/index.html",
        "announcements/zhaomu/index.html",
        "pages/about/index.html",
        "tags/index.html",
        "tags/zhi-yuan-fu-wu-4026a4/index.html",
        "archive/index.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ] {
        assert!(site.has(path), "{path} is missing");
    }
}

#[test]
fn single_pages_show_their_own_title_and_body() {
    let site = site();
    site.built();
    for (path, title, body) in [
        ("stories/older/index.html", "较早的典型故事", "张三的故事。"),
        ("reports/yizhen/index.html", "社区义诊活动报道", "义诊。"),
        (
            "announcements/zhaomu/index.html",
            "招募志愿者的通知",
            "招募。",
        ),
        (
            "pages/about/index.html",
            "关于我们",
            "我们是志愿服务联合会。",
        ),
    ] {
        let html = site.read(path);
        assert!(html.contains(title), "{path} lacks its title");
        assert!(main_of(&html).contains(body), "{path} lacks its body");
    }
}

#[test]
fn second_list_page_holds_the_older_story() {
    let site = site();
    site.built();
    let first = site.read("stories/index.html");
    let second = site.read("stories/page/2/index.html");
    assert!(main_of(&first).contains("较新的典型故事"));
    assert!(!main_of(&first).contains("较早的典型故事"));
    assert!(main_of(&second).contains("较早的典型故事"));
    assert!(!main_of(&second).contains("较新的典型故事"));
    assert!(
        first.contains("href=\"/stories/page/2/\""),
        "page 1 links to page 2"
    );
}

#[test]
fn second_column_page_holds_the_first_issue() {
    let site = site();
    site.built();
    let second = site.read("columns/haoren/page/2/index.html");
    assert!(main_of(&second).contains("较早的典型故事"));
    assert!(!main_of(&second).contains("较新的典型故事"));
}

#[test]
fn tag_page_lists_the_tagged_story_only() {
    let site = site();
    site.built();
    let tag = main_of(&site.read("tags/zhi-yuan-fu-wu-4026a4/index.html")).to_string();
    assert!(tag.contains("志愿服务"));
    assert!(tag.contains("较早的典型故事"));
    assert!(!tag.contains("较新的典型故事"));
    let tags = site.read("tags/index.html");
    assert!(tags.contains("href=\"/tags/zhi-yuan-fu-wu-4026a4/\""));
}

#[test]
fn archive_lists_items_by_year_and_month() {
    let site = site();
    site.built();
    let archive = main_of(&site.read("archive/index.html")).to_string();
    for title in [
        "较早的典型故事",
        "较新的典型故事",
        "社区义诊活动报道",
        "招募志愿者的通知",
    ] {
        assert!(archive.contains(title), "archive lacks {title}");
    }
    assert!(archive.contains("2023"));
    // Newest first: the March story comes before the February announcement.
    let march = archive.find("较新的典型故事").expect("march item");
    let february = archive.find("招募志愿者的通知").expect("february item");
    assert!(march < february, "archive is newest first");
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let site = site();
    site.built();
    let robots = site.read("robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l.trim() == "Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn sitemap_lists_absolute_urls_of_the_pages() {
    let site = site();
    site.built();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for url in [
        "https://example.org/",
        "https://example.org/stories/older/",
        "https://example.org/campaigns/leifeng/",
        "https://example.org/pages/about/",
    ] {
        assert!(locs.contains(&url), "sitemap lacks {url}: {locs:?}");
    }
    assert!(locs.iter().all(|l| l.starts_with("https://example.org/")));
}

#[test]
fn not_found_page_is_a_full_page_with_a_way_home() {
    let site = site();
    site.built();
    let html = site.read("404.html");
    assert!(html.contains("<html"));
    assert!(html.contains("页面未找到"), "the zh-CN not-found title");
    assert!(html.contains("href=\"/\""), "a link back home");
}
