//! Drafts and scheduled (定时发布) items: left out and counted unless
//! `--drafts` / `--future`.

use regex::Regex;

use crate::fixture::{main_of, parse_feed, Site};

fn site() -> Site {
    Site::new(&[
        (
            "content/stories/published.md",
            "---\ntitle: 已发布的故事\ndate: 2026-11-01\n---\n",
        ),
        (
            "content/stories/draft.md",
            "---\ntitle: 草稿故事\ndate: 2026-11-02\ndraft: true\n---\n",
        ),
        (
            "content/reports/later.md",
            "---\ntitle: 定时发布的报道\ndate: 2026-12-01\n---\n",
        ),
    ])
}

fn has(text: &str, pattern: &str) -> bool {
    Regex::new(pattern).expect("a valid regex").is_match(text)
}

#[test]
fn drafts_and_scheduled_items_are_left_out_by_default() {
    let site = site();
    site.built();
    assert!(site.has("stories/published/index.html"));
    assert!(!site.has("stories/draft/index.html"));
    assert!(!site.has("reports/later/index.html"));
    let home = main_of(&site.read("index.html")).to_string();
    assert!(home.contains("已发布的故事"));
    assert!(!home.contains("草稿故事"));
    assert!(!home.contains("定时发布的报道"));
    let feed = parse_feed(&site.read("feed.xml"));
    assert_eq!(feed.items.len(), 1);
    assert!(!site.read("sitemap.xml").contains("/stories/draft/"));
}

#[test]
fn summary_line_counts_what_was_left_out() {
    let site = site();
    let run = site.built();
    let line = run.stdout.trim();
    assert_eq!(line.lines().count(), 1, "one summary line: {line}");
    assert!(has(line, r"\b1 drafts?\b"), "{line}");
    assert!(has(line, r"\b1 scheduled\b"), "{line}");
    assert!(has(line, r"\b1 stor(y|ies)\b"), "published stories: {line}");
    assert!(has(line, r"\b0 reports?\b"), "published reports: {line}");
}

#[test]
fn drafts_flag_publishes_drafts_only() {
    let site = site();
    let run = site.build_with(&["--drafts"]);
    run.success();
    assert!(site.has("stories/draft/index.html"));
    assert!(!site.has("reports/later/index.html"));
    assert!(has(&run.stdout, r"\b2 stor(y|ies)\b"), "{}", run.stdout);
    assert!(!has(&run.stdout, r"\b1 drafts?\b"), "{}", run.stdout);
}

#[test]
fn future_flag_publishes_scheduled_items_only() {
    let site = site();
    let run = site.build_with(&["--future"]);
    run.success();
    assert!(site.has("reports/later/index.html"));
    assert!(!site.has("stories/draft/index.html"));
    assert!(has(&run.stdout, r"\b1 reports?\b"), "{}", run.stdout);
}

#[test]
fn both_flags_publish_everything_and_nothing_is_left_out() {
    let site = site();
    let run = site.build_with(&["--drafts", "--future"]);
    run.success();
    assert!(site.has("stories/draft/index.html"));
    assert!(site.has("reports/later/index.html"));
    assert!(!run.stdout.contains("scheduled"), "{}", run.stdout);
}

#[test]
fn an_item_later_on_the_build_day_is_scheduled() {
    // The build time is 2026-11-22 08:00 in the site's +08:00.
    let site = Site::new(&[
        (
            "content/stories/morning.md",
            "---\ntitle: 早上的故事\ndate: 2026-11-22 07:59\n---\n",
        ),
        (
            "content/stories/noon.md",
            "---\ntitle: 中午的故事\ndate: 2026-11-22 12:00\n---\n",
        ),
    ]);
    let run = site.built();
    assert!(site.has("stories/morning/index.html"));
    assert!(!site.has("stories/noon/index.html"));
    assert!(has(&run.stdout, r"\b1 scheduled\b"), "{}", run.stdout);
}

#[test]
fn check_also_leaves_out_drafts_and_mentions_them() {
    let site = site();
    let run = site.check_with(&[]);
    run.success();
    assert!(has(&run.stdout, r"\b1 drafts?\b"), "{}", run.stdout);
}
