//! RSS 2.0 feeds: absolute links, unique permalink guids, RFC 822 dates,
//! `<language>`, the item limit, full content.

use std::collections::HashSet;

use regex::Regex;

use crate::fixture::{config_with, parse_feed, Site};

fn rfc822() -> Regex {
    Regex::new(
        r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$",
    )
    .expect("a valid regex")
}

const LONG_BODY: &str = "\
第一段：志愿者们一早来到社区。

第二段：他们为老人测量血压。

第三段：活动最后一句话在这里。
";

fn site() -> Site {
    Site::new(&[
        ("site.yaml", &config_with("feed_limit: 2\n")),
        (
            "content/campaigns/warm.md",
            "---\ntitle: 冬日暖阳\nstart: 2023-01-01\n---\n",
        ),
        (
            "content/stories/one.md",
            &format!("---\ntitle: 最早的一篇\ndate: 2023-03-01\ncampaign: warm\n---\n{LONG_BODY}"),
        ),
        (
            "content/stories/two.md",
            &format!(
                "---\ntitle: 中间的一篇\ndate: 2023-03-05 08:43\ncampaign: warm\n---\n{LONG_BODY}"
            ),
        ),
        (
            "content/reports/three.md",
            &format!("---\ntitle: 最新的一篇\ndate: 2023-03-09\ncampaign: warm\n---\n{LONG_BODY}"),
        ),
        (
            "content/pages/about.md",
            "---\ntitle: 关于我们\n---\n关于。\n",
        ),
    ])
}

#[test]
fn feed_holds_at_most_feed_limit_items_newest_first() {
    let site = site();
    site.built();
    let feed = parse_feed(&site.read("feed.xml"));
    let titles: Vec<&str> = feed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["最新的一篇", "中间的一篇"]);
}

#[test]
fn campaign_feed_honours_feed_limit_too() {
    let site = site();
    site.built();
    let feed = parse_feed(&site.read("campaigns/warm/feed.xml"));
    assert_eq!(feed.items.len(), 2);
    assert_eq!(feed.link, "https://example.org/campaigns/warm/");
}

#[test]
fn feed_links_are_absolute_and_guids_are_unique_permalinks() {
    let site = site();
    site.built();
    for path in ["feed.xml", "campaigns/warm/feed.xml"] {
        let feed = parse_feed(&site.read(path));
        assert!(feed.link.starts_with("https://example.org/"), "{path}");
        let mut seen = HashSet::new();
        for item in &feed.items {
            assert!(
                item.link.starts_with("https://example.org/"),
                "{path}: relative link {}",
                item.link
            );
            assert_eq!(item.guid, item.link, "{path}: guid is the item's URL");
            assert_eq!(item.guid_is_permalink.as_deref(), Some("true"), "{path}");
            assert!(seen.insert(item.guid.clone()), "{path}: duplicate guid");
        }
    }
    let feed = parse_feed(&site.read("feed.xml"));
    assert_eq!(feed.items[0].link, "https://example.org/reports/three/");
    assert_eq!(feed.items[1].link, "https://example.org/stories/two/");
}

#[test]
fn feed_dates_are_rfc_822_in_the_site_time_zone() {
    let site = site();
    site.built();
    let re = rfc822();
    let feed = parse_feed(&site.read("feed.xml"));
    for item in &feed.items {
        assert!(
            re.is_match(&item.pub_date),
            "not RFC 822: {}",
            item.pub_date
        );
    }
    assert_eq!(feed.items[1].pub_date, "Sun, 05 Mar 2023 08:43:00 +0800");
}

#[test]
fn feed_names_its_language() {
    let site = site();
    site.built();
    assert_eq!(parse_feed(&site.read("feed.xml")).language, "zh-CN");
    assert_eq!(
        parse_feed(&site.read("campaigns/warm/feed.xml")).language,
        "zh-CN"
    );
}

#[test]
fn feed_language_follows_site_yaml() {
    let site = Site::new(&[
        ("site.yaml", &config_with("language: en\n")),
        (
            "content/stories/one.md",
            "---\ntitle: One\ndate: 2023-03-01\n---\nText.\n",
        ),
    ]);
    site.built();
    assert_eq!(parse_feed(&site.read("feed.xml")).language, "en");
}

#[test]
fn feed_carries_the_full_content_as_html_in_cdata() {
    let site = site();
    site.built();
    let xml = site.read("feed.xml");
    let feed = parse_feed(&xml);
    let description = &feed.items[0].description;
    assert!(description.contains("<p>第一段"), "{description}");
    assert!(
        description.contains("活动最后一句话在这里"),
        "the whole body, not a summary: {description}"
    );
    assert!(
        xml.contains("<description><![CDATA[<p>第一段"),
        "HTML inside <description> is in a CDATA section"
    );
}

#[test]
fn standalone_pages_are_not_feed_items() {
    let site = Site::new(&[
        (
            "content/pages/about.md",
            "---\ntitle: 关于我们\n---\n关于。\n",
        ),
        (
            "content/stories/one.md",
            "---\ntitle: 一篇故事\ndate: 2023-03-01\n---\n故事。\n",
        ),
    ]);
    site.built();
    let feed = parse_feed(&site.read("feed.xml"));
    let titles: Vec<&str> = feed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["一篇故事"]);
}

#[test]
fn pages_link_to_the_site_feed() {
    let site = site();
    site.built();
    let home = site.read("index.html");
    // From the site's root, so it follows a sub-path, `--relative-links`
    // and file URLs like every other address of the page.
    let link = home
        .split('<')
        .find(|tag| tag.starts_with("link rel=\"alternate\" type=\"application/rss+xml\""))
        .expect("home advertises the feed");
    assert!(link.ends_with("href=\"/feed.xml\">"), "{link}");
}

#[test]
fn feed_channels_are_titled_after_the_site_and_campaign() {
    let site = site();
    site.built();
    assert_eq!(parse_feed(&site.read("feed.xml")).title, "测试志愿服务");
    let campaign = parse_feed(&site.read("campaigns/warm/feed.xml"));
    assert!(campaign.title.contains("冬日暖阳"), "{}", campaign.title);
}
