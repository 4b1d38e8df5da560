//! `redvest check` does everything a build does but write.

use crate::fixture::{assert_same_files, snapshot, Site};

fn site() -> Site {
    Site::new(&[
        (
            "content/campaigns/warm.md",
            "---\ntitle: 冬日暖阳\nstart: 2026-11-01\n---\n",
        ),
        (
            "content/stories/a.md",
            "---\ntitle: 故事甲\ndate: 2023-03-05\ncampaign: warm\n---\n正文。\n",
        ),
    ])
}

#[test]
fn check_writes_nothing() {
    let site = site();
    let before = snapshot(site.root());
    let run = site.check_with(&[]);
    run.success();
    assert!(!site.out().exists(), "check made public/");
    assert_same_files(&before, &snapshot(site.root()), "the site folder");
    let parent = site.root().parent().expect("the temp folder");
    let entries: Vec<_> = std::fs::read_dir(parent)
        .expect("read the temp folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(entries, ["site"], "check wrote beside the site");
    assert!(!run.stdout.trim().is_empty(), "a summary line");
}

#[test]
fn check_leaves_an_existing_output_untouched() {
    let site = site();
    site.built();
    let before = snapshot(&site.out());
    site.write(
        "content/stories/b.md",
        "---\ntitle: 故事乙\ndate: 2023-03-06\n---\n",
    );
    site.check_with(&[]).success();
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

#[test]
fn check_finds_broken_links_like_build() {
    let site = site();
    site.write(
        "content/stories/a.md",
        "---\ntitle: 故事甲\ndate: 2023-03-05\ncampaign: warm\n---\n正文见[这里](missing.md)。\n",
    );
    let before = snapshot(site.root());
    let run = site.check_with(&[]);
    run.status(1)
        .stderr_has(&["error: content/stories/a.md:6:", "missing.md"]);
    assert_same_files(&before, &snapshot(site.root()), "the site folder");
}
