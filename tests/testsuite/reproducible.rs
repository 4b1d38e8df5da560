//! The same input and SOURCE_DATE_EPOCH give byte-identical output.

use crate::fixture::{assert_same_files, snapshot, Site};

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "content/campaigns/warm.md",
            "---\ntitle: 冬日暖阳\nstart: 2026-11-01\n---\n## 活动内容\n\n送温暖。\n",
        ),
        (
            "content/columns/haoren.md",
            "---\ntitle: 身边好人\nfrequency: weekly\n---\n",
        ),
        (
            "content/stories/a.md",
            "---\ntitle: 故事甲\ndate: 2023-03-05\ncampaign: warm\ncolumn: haoren\ntags: [志愿, 助老]\n---\n见[活动](@/campaigns/warm.md#活动内容)。\n",
        ),
        (
            "content/stories/b.md",
            "---\ntitle: 故事乙\ndate: 2023-03-05\ncolumn: haoren\ntags: [助老]\n---\n乙。\n",
        ),
        (
            "content/reports/r.md",
            "---\ntitle: 报道\ndate: 2023-03-07\ncampaign: warm\nstats: {volunteers: 12, hours: 3.5}\n---\n报道。\n",
        ),
        ("content/pages/about.md", "---\ntitle: 关于\n---\n关于。\n"),
    ]
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = Site::new(&files());
    let first = site.beside("first");
    let second = site.beside("second");
    site.build_with(&["--output", first.to_str().expect("utf-8")])
        .success();
    site.build_with(&["--output", second.to_str().expect("utf-8")])
        .success();
    let a = snapshot(&first);
    let b = snapshot(&second);
    assert!(a.len() > 20, "a real site was written");
    assert_same_files(&a, &b, "two builds");
}

#[test]
fn the_same_site_in_another_folder_builds_byte_identical() {
    let one = Site::new(&files());
    let two = Site::new(&files());
    one.built();
    two.built();
    assert_same_files(&snapshot(&one.out()), &snapshot(&two.out()), "two folders");
}

#[test]
fn rebuilding_into_the_same_folder_changes_nothing() {
    let site = Site::new(&files());
    site.built();
    let before = snapshot(&site.out());
    site.built();
    assert_same_files(&before, &snapshot(&site.out()), "a rebuild");
}
