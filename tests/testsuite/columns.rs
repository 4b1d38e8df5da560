//! Columns (专栏): 第N期 by date, an explicit `issue:`, the columns index.

use crate::fixture::{main_of, parse_feed, Site};

const COLUMN: &str = "\
---
title: 身边好人
description: 每周讲述一位身边的志愿者
frequency: weekly
host: 县志愿服务联合会
---
";

/// File names sort against the dates, so numbering by name would be wrong.
fn site() -> Site {
    Site::new(&[
        ("content/columns/haoren.md", COLUMN),
        (
            "content/stories/c-first.md",
            "---\ntitle: 第一位好人\ndate: 2023-01-06\ncolumn: haoren\n---\n",
        ),
        (
            "content/stories/b-second.md",
            "---\ntitle: 第二位好人\ndate: 2023-01-13\ncolumn: haoren\n---\n",
        ),
        (
            "content/reports/a-third.md",
            "---\ntitle: 第三位好人\ndate: 2023-01-20\ncolumn: haoren\nissue: 42\n---\n",
        ),
    ])
}

#[test]
fn column_entries_are_numbered_by_date_from_one() {
    let site = site();
    site.built();
    let first = main_of(&site.read("stories/c-first/index.html")).to_string();
    let second = main_of(&site.read("stories/b-second/index.html")).to_string();
    assert!(first.contains("第1期"), "the oldest entry is 第1期");
    assert!(!first.contains("第2期"));
    assert!(second.contains("第2期"), "the next one is 第2期");
    assert!(!second.contains("第1期"));
}

#[test]
fn explicit_issue_number_is_kept() {
    let site = site();
    site.built();
    let third = main_of(&site.read("reports/a-third/index.html")).to_string();
    assert!(third.contains("第42期"), "issue: 42");
    assert!(!third.contains("第3期"));
}

#[test]
fn column_page_lists_entries_with_their_numbers_newest_first() {
    let site = site();
    site.built();
    let page = main_of(&site.read("columns/haoren/index.html")).to_string();
    assert!(page.contains("每周讲述一位身边的志愿者"), "description");
    assert!(page.contains("每周一期"), "frequency, the zh-CN word");
    for n in ["第1期", "第2期", "第42期"] {
        assert!(page.contains(n), "column page lacks {n}");
    }
    let p42 = page.find("第三位好人").expect("third");
    let p2 = page.find("第二位好人").expect("second");
    let p1 = page.find("第一位好人").expect("first");
    assert!(p42 < p2 && p2 < p1, "newest issue first");
}

#[test]
fn columns_index_shows_issue_count_and_latest_issue() {
    let site = site();
    site.built();
    let page = main_of(&site.read("columns/index.html")).to_string();
    assert!(page.contains("身边好人"));
    assert!(page.contains("每周一期"));
    assert!(page.contains("3期"), "number of issues: 已出3期");
    assert!(page.contains("第三位好人"), "the latest issue");
    assert!(page.contains("href=\"/columns/haoren/\""));
}

#[test]
fn column_feed_holds_its_entries_only() {
    let mut files = vec![("content/columns/haoren.md", COLUMN)];
    files.push((
        "content/stories/c-first.md",
        "---\ntitle: 第一位好人\ndate: 2023-01-06\ncolumn: haoren\n---\n",
    ));
    files.push((
        "content/stories/loose.md",
        "---\ntitle: 不在专栏的故事\ndate: 2023-01-07\n---\n",
    ));
    let site = Site::new(&files);
    site.built();
    let feed = parse_feed(&site.read("columns/haoren/feed.xml"));
    let titles: Vec<&str> = feed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["第一位好人"]);
    assert_eq!(feed.link, "https://example.org/columns/haoren/");
}

#[test]
fn previous_and_next_follow_the_column() {
    let site = site();
    site.built();
    let second = main_of(&site.read("stories/b-second/index.html")).to_string();
    assert!(
        second.contains("href=\"/stories/c-first/\""),
        "previous issue"
    );
    assert!(second.contains("href=\"/reports/a-third/\""), "next issue");
}
