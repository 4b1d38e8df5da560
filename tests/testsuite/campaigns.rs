//! Campaign pages: their own items, their status on the build date, and the
//! totals of their reports' stats.

use crate::fixture::{main_of, Site};

#[test]
fn campaign_page_lists_exactly_its_own_items() {
    let site = Site::new(&[
        (
            "content/campaigns/spring.md",
            "---\ntitle: 春季植树活动\nstart: 2026-03-01\nend: 2026-04-30\n---\n",
        ),
        (
            "content/campaigns/winter.md",
            "---\ntitle: 冬季送温暖活动\nstart: 2026-01-01\nend: 2026-02-28\n---\n",
        ),
        (
            "content/stories/tree.md",
            "---\ntitle: 植树英雄王五\ndate: 2026-03-12\ncampaign: spring\n---\n植树。\n",
        ),
        (
            "content/announcements/plan.md",
            "---\ntitle: 植树活动方案\ndate: 2026-02-20\ncampaign: spring\n---\n方案。\n",
        ),
        (
            "content/reports/coats.md",
            "---\ntitle: 棉衣送到山村\ndate: 2026-01-15\ncampaign: winter\n---\n棉衣。\n",
        ),
        (
            "content/reports/both.md",
            "---\ntitle: 全年志愿服务总结\ndate: 2026-05-01\ncampaign: [spring, winter]\n---\n总结。\n",
        ),
    ]);
    site.built();
    let spring = main_of(&site.read("campaigns/spring/index.html")).to_string();
    let winter = main_of(&site.read("campaigns/winter/index.html")).to_string();
    for own in ["植树英雄王五", "植树活动方案", "全年志愿服务总结"] {
        assert!(spring.contains(own), "spring lacks {own}");
    }
    assert!(
        !spring.contains("棉衣送到山村"),
        "spring shows winter's report"
    );
    for own in ["棉衣送到山村", "全年志愿服务总结"] {
        assert!(winter.contains(own), "winter lacks {own}");
    }
    for other in ["植树英雄王五", "植树活动方案"] {
        assert!(!winter.contains(other), "winter shows spring's {other}");
    }
    assert!(
        spring.contains("href=\"/stories/tree/\""),
        "links to its story"
    );

    let spring_feed = crate::fixture::parse_feed(&site.read("campaigns/spring/feed.xml"));
    let titles: Vec<&str> = spring_feed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(!titles.contains(&"棉衣送到山村"), "{titles:?}");
}

#[test]
fn campaign_page_lists_its_items_newest_first() {
    let site = Site::new(&[
        (
            "content/campaigns/spring.md",
            "---\ntitle: 春季植树活动\nstart: 2026-03-01\n---\n",
        ),
        (
            "content/stories/a-old.md",
            "---\ntitle: 三月的故事\ndate: 2026-03-02\ncampaign: spring\n---\n",
        ),
        (
            "content/stories/b-new.md",
            "---\ntitle: 五月的故事\ndate: 2026-05-02\ncampaign: spring\n---\n",
        ),
    ]);
    site.built();
    let page = main_of(&site.read("campaigns/spring/index.html")).to_string();
    let new = page.find("五月的故事").expect("newer story listed");
    let old = page.find("三月的故事").expect("older story listed");
    assert!(new < old, "newest first");
}

const UPCOMING: &str = "\
---
title: 明年春节慰问活动
start: 2027-01-20
end: 2027-02-10
---
";

const ONGOING: &str = "\
---
title: 冬日暖阳助老活动
slogan: 温暖过冬、爱心相伴
start: 2026-11-01
end: 2026-12-31
organizer: 县文明办
---
";

const ENDED: &str = "\
---
title: 学雷锋纪念日活动
start: 2026-03-01
end: 2026-03-31
---
";

const LONG_RUNNING: &str = "\
---
title: 常态化邻里守望
start: 2025-01-01
---
";

fn status_site() -> Site {
    Site::new(&[
        ("content/campaigns/upcoming.md", UPCOMING),
        ("content/campaigns/ongoing.md", ONGOING),
        ("content/campaigns/ended.md", ENDED),
        ("content/campaigns/always.md", LONG_RUNNING),
    ])
}

#[test]
fn each_campaign_shows_its_status_on_the_build_date() {
    let site = status_site();
    site.built();
    let words = ["即将开始", "进行中", "已结束"];
    for (slug, expected) in [
        ("upcoming", "即将开始"),
        ("ongoing", "进行中"),
        ("ended", "已结束"),
        ("always", "进行中"),
    ] {
        let page = main_of(&site.read(&format!("campaigns/{slug}/index.html"))).to_string();
        assert!(page.contains(expected), "{slug} should say {expected}");
        for other in words.iter().filter(|w| **w != expected) {
            assert!(!page.contains(other), "{slug} also says {other}");
        }
    }
}

#[test]
fn campaign_page_shows_slogan_dates_and_organizer() {
    let site = status_site();
    site.built();
    let page = main_of(&site.read("campaigns/ongoing/index.html")).to_string();
    assert!(page.contains("温暖过冬、爱心相伴"), "slogan");
    assert!(
        page.contains("2026年11月1日"),
        "start date, the Chinese way"
    );
    assert!(page.contains("2026年12月31日"), "end date, the Chinese way");
    assert!(page.contains("县文明办"), "organizer");
    assert!(
        page.contains("https://example.org/campaigns/ongoing/feed.xml"),
        "a link to its feed"
    );
}

#[test]
fn campaigns_index_groups_ongoing_then_upcoming_then_ended() {
    let site = status_site();
    site.built();
    let html = site.read("campaigns/index.html");
    let page = main_of(&html);
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("campaigns index lacks {needle}"))
    };
    // The first mention of each status word is its group's heading.
    let ongoing_group = at("进行中");
    let upcoming_group = at("即将开始");
    let ended_group = at("已结束");
    assert!(ongoing_group < at("冬日暖阳助老活动"));
    assert!(ongoing_group < at("常态化邻里守望"));
    assert!(at("冬日暖阳助老活动") < upcoming_group);
    assert!(at("常态化邻里守望") < upcoming_group);
    assert!(upcoming_group < at("明年春节慰问活动"));
    assert!(at("明年春节慰问活动") < ended_group);
    assert!(ended_group < at("学雷锋纪念日活动"));
}

#[test]
fn home_shows_only_ongoing_campaigns() {
    let site = status_site();
    site.built();
    let home = main_of(&site.read("index.html")).to_string();
    assert!(home.contains("冬日暖阳助老活动"));
    assert!(home.contains("常态化邻里守望"));
    assert!(!home.contains("明年春节慰问活动"));
    assert!(!home.contains("学雷锋纪念日活动"));
}

#[test]
fn campaign_that_ends_on_the_build_day_is_still_ongoing() {
    let site = Site::new(&[(
        "content/campaigns/today.md",
        "---\ntitle: 今天结束的活动\nstart: 2026-11-01\nend: 2026-11-22\n---\n",
    )]);
    site.built();
    let page = main_of(&site.read("campaigns/today/index.html")).to_string();
    assert!(page.contains("进行中"));
    assert!(!page.contains("已结束"));
}

fn stats_site() -> Site {
    Site::new(&[
        (
            "content/campaigns/warm.md",
            "---\ntitle: 冬日暖阳助老活动\nstart: 2026-11-01\n---\n",
        ),
        (
            "content/reports/first.md",
            "---\ntitle: 第一次上门服务\ndate: 2026-11-05\ncampaign: warm\nstats: {volunteers: 321, hours: 12.5}\n---\n",
        ),
        (
            "content/reports/second.md",
            "---\ntitle: 第二次上门服务\ndate: 2026-11-12\ncampaign: warm\nstats: {volunteers: 456, hours: 30, activities: 3}\n---\n",
        ),
        (
            "content/reports/other.md",
            "---\ntitle: 别的活动\ndate: 2026-10-01\nstats: {volunteers: 111}\n---\n",
        ),
    ])
}

#[test]
fn campaign_page_sums_its_reports_stats() {
    let site = stats_site();
    site.built();
    let page = main_of(&site.read("campaigns/warm/index.html")).to_string();
    assert!(page.contains("777"), "321 + 456 volunteers");
    assert!(page.contains("42.5"), "12.5 + 30 hours");
    assert!(page.contains("参与志愿者"), "the metric's label");
    assert!(page.contains("服务时长"));
    assert!(page.contains("人次"), "the metric's unit");
    assert!(
        !page.contains("888"),
        "another campaign's report is not counted"
    );
}

#[test]
fn home_shows_the_site_wide_totals() {
    let site = stats_site();
    site.built();
    let home = main_of(&site.read("index.html")).to_string();
    assert!(home.contains("888"), "321 + 456 + 111 volunteers");
    assert!(home.contains("42.5"), "hours");
    assert!(home.contains("参与志愿者"));
    assert!(!home.contains("777"), "not the campaign's total");
}

#[test]
fn report_page_shows_its_own_stats_table() {
    let site = stats_site();
    site.built();
    let page = main_of(&site.read("reports/second/index.html")).to_string();
    assert!(page.contains("456"));
    assert!(page.contains("参与志愿者"));
    assert!(page.contains("开展活动"));
    // Metrics appear in site.yaml's order: activities, volunteers, hours.
    let activities = page.find("开展活动").expect("activities");
    let volunteers = page.find("参与志愿者").expect("volunteers");
    let hours = page.find("服务时长").expect("hours");
    assert!(
        activities < volunteers && volunteers < hours,
        "metrics order"
    );
}
