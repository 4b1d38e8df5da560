//! Links between content files become the target's URL, keeping the anchor:
//! root-relative (with the base path) in pages, absolute in feeds. Headings
//! get ids so the anchors land.

use crate::fixture::{main_of, parse_feed, Site};

const CAMPAIGN: &str = "\
---
title: 春季植树活动
start: 2026-03-01
---
## How to join

报名。

## 报名方式

电话报名。
";

const REPORT: &str = "\
---
title: 植树成果
date: 2026-03-20
---
## Results

种下一百棵树。

## Results

重复的标题。
";

const STORY: &str = "\
---
title: 植树的故事
date: 2026-03-12
---
请看[活动](../../campaigns/spring.md#how-to-join)和[成果](@/reports/trees.md#results)。

也可以[电话报名](@/campaigns/spring.md#报名方式)，或看[第二段成果](../../reports/trees.md#results-1)。

整篇[报道](@/reports/trees.md)。
";

fn site() -> Site {
    Site::new(&[
        ("content/campaigns/spring.md", CAMPAIGN),
        ("content/reports/trees.md", REPORT),
        // A subfolder is for the authors' order only: the URL ignores it.
        ("content/stories/2026/planting.md", STORY),
    ])
}

#[test]
fn relative_link_with_anchor_becomes_the_target_url_with_the_anchor() {
    let site = site();
    site.built();
    let page = main_of(&site.read("stories/planting/index.html")).to_string();
    assert!(
        page.contains("href=\"/campaigns/spring/#how-to-join\""),
        "{page}"
    );
}

#[test]
fn content_root_link_with_anchor_becomes_the_target_url_with_the_anchor() {
    let site = site();
    site.built();
    let page = main_of(&site.read("stories/planting/index.html")).to_string();
    assert!(page.contains("href=\"/reports/trees/#results\""), "{page}");
    assert!(
        page.contains("href=\"/reports/trees/\""),
        "a link without anchor"
    );
}

#[test]
fn links_in_feeds_are_absolute_with_the_anchor() {
    let site = site();
    site.built();
    let feed = parse_feed(&site.read("feed.xml"));
    let story = feed
        .items
        .iter()
        .find(|i| i.title == "植树的故事")
        .expect("the story in the feed");
    assert!(
        story
            .description
            .contains("href=\"https://example.org/campaigns/spring/#how-to-join\""),
        "{}",
        story.description
    );
    assert!(story
        .description
        .contains("href=\"https://example.org/reports/trees/#results\""));
}

#[test]
fn target_pages_carry_the_heading_ids() {
    let site = site();
    site.built();
    let campaign = site.read("campaigns/spring/index.html");
    assert!(campaign.contains("id=\"how-to-join\""), "{campaign}");
    assert!(campaign.contains("id=\"报名方式\""), "CJK is kept in ids");
    let report = site.read("reports/trees/index.html");
    assert!(report.contains("id=\"results\""));
    assert!(
        report.contains("id=\"results-1\""),
        "duplicates are numbered"
    );
}

#[test]
fn chinese_anchors_and_numbered_duplicates_resolve() {
    let site = site();
    site.built();
    let page = main_of(&site.read("stories/planting/index.html")).to_string();
    let encoded = "href=\"/campaigns/spring/#%E6%8A%A5%E5%90%8D%E6%96%B9%E5%BC%8F\"";
    let plain = "href=\"/campaigns/spring/#报名方式\"";
    assert!(
        page.contains(encoded) || page.contains(plain),
        "link to a CJK heading: {page}"
    );
    assert!(page.contains("href=\"/reports/trees/#results-1\""));
}

#[test]
fn story_in_a_subfolder_is_published_without_the_subfolder() {
    let site = site();
    site.built();
    assert!(site.has("stories/planting/index.html"));
    assert!(!site.has("stories/2026/planting/index.html"));
}

#[test]
fn links_to_outside_sites_are_left_alone() {
    let site = Site::new(&[(
        "content/stories/out.md",
        "---\ntitle: 外链\ndate: 2023-03-05\n---\n[中国志愿服务网](https://chinavolunteer.mca.gov.cn/)\n",
    )]);
    site.built();
    let page = site.read("stories/out/index.html");
    assert!(page.contains("href=\"https://chinavolunteer.mca.gov.cn/\""));
}
