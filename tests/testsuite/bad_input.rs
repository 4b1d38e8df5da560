//! Bad input: each kind is reported with the file (and line where there is
//! one), a hint, and exit status 1 (2 for usage); the previous output stays
//! exactly as it was.

use crate::fixture::{assert_same_files, config_with, snapshot, Run, Site, CONFIG};

pub(crate) const CAMPAIGN: &str = "\
---
title: 春季志愿服务行动
start: 2026-03-01
---
## 报名方式

电话报名。
";

pub(crate) const COLUMN: &str = "\
---
title: 身边好人
---
";

pub(crate) const STORY: &str = "\
---
title: 好人好事
date: 2023-03-05
campaign: spring-drive
---
正文。
";

pub(crate) const REPORT: &str = "\
---
title: 活动报道
date: 2023-03-06
stats: {volunteers: 30, hours: 12}
---
报道。
";

/// A small site that builds.
pub(crate) fn site() -> Site {
    Site::new(&[
        ("content/campaigns/spring-drive.md", CAMPAIGN),
        ("content/columns/weekly-stars.md", COLUMN),
        ("content/stories/a.md", STORY),
        ("content/reports/r.md", REPORT),
    ])
}

/// Builds once, snapshots the output, applies `breakage`, builds again, and
/// checks that the failed build left the output byte-for-byte as it was.
pub(crate) fn broken_build(site: &Site, breakage: impl FnOnce(&Site)) -> Run {
    site.built();
    let before = snapshot(&site.out());
    assert!(
        before.contains_key("index.html"),
        "the good build wrote a site"
    );
    breakage(site);
    let run = site.build();
    assert_ne!(run.status, 0, "the broken site built:\n{}", run.stdout);
    assert_clean_failure(&run);
    assert_same_files(&before, &snapshot(&site.out()), "after a failed build");
    run
}

/// Panics unless the run failed the way redvest should: exit status 1 (a
/// broken site) or 2 (bad usage), never a panic (101) or a signal.
#[track_caller]
pub(crate) fn assert_clean_failure(run: &Run) {
    assert!(
        run.status == 1 || run.status == 2,
        "expected exit status 1 or 2, got {} (101 is a panic, -1 a signal)\n--- stdout\n{}\n--- stderr\n{}",
        run.status,
        run.stdout,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
        "redvest panicked:\n{}",
        run.stderr
    );
}

/// A site error (exit 1) at `location` (`path[:line[:col]]:`), with `words`
/// in the message, a hint, and the closing count line.
#[track_caller]
pub(crate) fn expect_error(run: &Run, location: &str, words: &[&str]) {
    run.status(1);
    assert_clean_failure(run);
    run.stderr_has(&[&format!("error: {location}")]);
    run.stderr_has(words);
    run.stderr_has(&["\n  hint: "]);
    let last = run.stderr.trim_end().lines().last().unwrap_or("");
    assert!(last.contains("error"), "a closing count line: {last:?}");
    assert!(run.stdout.trim().is_empty(), "no summary on failure");
}

pub(crate) fn break_story(text: &'static str) -> impl FnOnce(&Site) {
    move |site: &Site| site.write("content/stories/a.md", text)
}

#[test]
fn yaml_syntax_error_names_the_file_and_line() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 志愿者: 张三\ndate: 2023-03-05\n---\n正文。\n"),
    );
    expect_error(&run, "content/stories/a.md:2:", &[]);
}

#[test]
fn unterminated_front_matter_names_the_file() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\n\n正文。\n"),
    );
    expect_error(&run, "content/stories/a.md:1:", &["front matter"]);
}

#[test]
fn missing_title_names_the_file_and_the_key() {
    let site = site();
    let run = broken_build(&site, break_story("---\ndate: 2023-03-05\n---\n正文。\n"));
    expect_error(&run, "content/stories/a.md", &["`title`"]);
}

#[test]
fn missing_date_names_the_file_and_the_key() {
    let site = site();
    let run = broken_build(&site, break_story("---\ntitle: 好人好事\n---\n正文。\n"));
    expect_error(&run, "content/stories/a.md", &["`date`"]);
}

#[test]
fn invalid_date_is_named_and_points_at_its_value() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-13-45\n---\n正文。\n"),
    );
    expect_error(
        &run,
        "content/stories/a.md:3:7: ",
        &["invalid date \"2023-13-45\"", "`date`"],
    );
}

#[test]
fn unknown_key_suggests_the_key_meant() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitel: 好人好事\ndate: 2023-03-05\n---\n正文。\n"),
    );
    expect_error(
        &run,
        "content/stories/a.md:2:",
        &["`titel`", "did you mean `title`"],
    );
}

#[test]
fn unknown_campaign_suggests_closest_slug() {
    let site = site();
    let run = broken_build(
        &site,
        break_story(
            "---\ntitle: 好人好事\ndate: 2023-03-05\ncampaign: spring-drvie\n---\n正文。\n",
        ),
    );
    expect_error(
        &run,
        "content/stories/a.md:4:",
        &["spring-drvie", "`campaign`", "`spring-drive`"],
    );
}

#[test]
fn unknown_column_suggests_closest_slug() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\ncolumn: weekly-star\n---\n正文。\n"),
    );
    expect_error(
        &run,
        "content/stories/a.md:4:",
        &["weekly-star", "`column`", "`weekly-stars`"],
    );
}

#[test]
fn unknown_metric_in_stats_suggests_a_defined_one() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/reports/r.md",
            "---\ntitle: 活动报道\ndate: 2023-03-06\nstats: {volunteer: 30}\n---\n",
        );
    });
    expect_error(
        &run,
        "content/reports/r.md:4:",
        &["`volunteer`", "`volunteers`"],
    );
}

#[test]
fn negative_stat_is_refused() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/reports/r.md",
            "---\ntitle: 活动报道\ndate: 2023-03-06\nstats: {hours: -5}\n---\n",
        );
    });
    expect_error(&run, "content/reports/r.md:4:", &["hours", "-5"]);
}

#[test]
fn stats_outside_a_report_are_refused() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\nstats: {hours: 5}\n---\n"),
    );
    expect_error(&run, "content/stories/a.md:4:", &["stats"]);
}

#[test]
fn invalid_slug_is_refused_with_a_suggestion() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\nslug: Bad Slug\n---\n"),
    );
    expect_error(
        &run,
        "content/stories/a.md:4:",
        &["\"Bad Slug\"", "bad-slug"],
    );
}

#[test]
fn two_files_with_the_same_slug_are_both_named() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/stories/a.md",
            "---\ntitle: 好人好事\ndate: 2023-03-05\nslug: same\n---\n",
        );
        site.write(
            "content/stories/b.md",
            "---\ntitle: 又一件好事\ndate: 2023-03-08\nslug: same\n---\n",
        );
    });
    expect_error(&run, "content/stories/", &["\"same\""]);
    run.stderr_has(&["content/stories/a.md", "content/stories/b.md", ".md:4:"]);
}

#[test]
fn two_files_named_alike_in_different_subfolders_collide() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/stories/2022/a.md",
            "---\ntitle: 去年的好事\ndate: 2022-03-05\n---\n",
        );
    });
    expect_error(&run, "content/stories/", &["\"a\""]);
    run.stderr_has(&["content/stories/a.md", "content/stories/2022/a.md"]);
}

#[test]
fn link_to_a_missing_file_names_the_link_position() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\n---\n正文。\n\n请看[活动方案](../campaigns/nope.md)。\n"),
    );
    expect_error(&run, "content/stories/a.md:7:", &["nope.md"]);
}

#[test]
fn link_to_a_missing_anchor_names_the_link_position() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\n---\n正文。\n\n请看[报名](@/campaigns/spring-drive.md#bao-ming)。\n"),
    );
    expect_error(&run, "content/stories/a.md:7:", &["bao-ming", "报名方式"]);
}

#[test]
fn link_to_a_draft_says_it_is_not_published() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/reports/r.md",
            "---\ntitle: 活动报道\ndate: 2023-03-06\ndraft: true\n---\n",
        );
        site.write(
            "content/stories/a.md",
            "---\ntitle: 好人好事\ndate: 2023-03-05\n---\n见[报道](@/reports/r.md)。\n",
        );
    });
    expect_error(&run, "content/stories/a.md:5:", &["reports/r.md", "draft"]);
}

/// `---\ntitle: <gbk>\ndate: 2023-03-05\n---\n`.
pub(crate) fn gbk_story(gbk: &[u8]) -> Vec<u8> {
    [
        b"---\ntitle: ".as_slice(),
        gbk,
        b"\ndate: 2023-03-05\n---\n".as_slice(),
    ]
    .concat()
}

#[test]
fn gbk_encoded_file_is_named_as_gbk() {
    let site = site();
    let run = broken_build(&site, |site| {
        // 志愿服务队 in GBK.
        let gbk = [0xD6, 0xBE, 0xD4, 0xB8, 0xB7, 0xFE, 0xCE, 0xF1, 0xB6, 0xD3];
        site.write_bytes("content/stories/a.md", &gbk_story(&gbk));
    });
    expect_error(&run, "content/stories/a.md", &["GBK"]);
}

#[test]
fn gbk_text_that_is_also_valid_utf8_is_named_as_gbk() {
    let site = site();
    let run = broken_build(&site, |site| {
        // 志愿 in GBK.
        site.write_bytes(
            "content/stories/a.md",
            &gbk_story(&[0xD6, 0xBE, 0xD4, 0xB8]),
        );
    });
    expect_error(&run, "content/stories/a.md", &["GBK"]);
}

#[test]
fn utf16_file_is_named_as_utf16() {
    let site = site();
    let run = broken_build(&site, |site| {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in STORY.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        site.write_bytes("content/stories/a.md", &bytes);
    });
    expect_error(&run, "content/stories/a.md", &["UTF-16"]);
}

#[test]
fn template_syntax_error_names_the_template_file_and_line() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title </h1>\n{% endblock main %}\n",
        );
    });
    expect_error(&run, "templates/page.html:3", &["template"]);
}

#[test]
fn site_template_override_is_used() {
    let site = site();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}<p class=\"mine\">{{ page.title }}</p>{% endblock main %}\n",
    );
    site.built();
    assert!(site
        .read("stories/a/index.html")
        .contains("<p class=\"mine\">好人好事</p>"));
}

#[test]
fn unknown_key_in_site_yaml_suggests_the_key_meant() {
    let site = site();
    let line = CONFIG.lines().count() + 1;
    let run = broken_build(&site, |site| {
        site.write("site.yaml", &config_with("paginat: 5\n"));
    });
    expect_error(
        &run,
        &format!("site.yaml:{line}:"),
        &["`paginat`", "did you mean `paginate`"],
    );
}

#[test]
fn bad_base_url_in_site_yaml_points_at_it() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "site.yaml",
            &CONFIG.replace(
                "base_url: https://example.org/",
                "base_url: example.org/zyfw",
            ),
        );
    });
    expect_error(&run, "site.yaml:2:", &["base_url", "example.org/zyfw"]);
}

#[test]
fn bad_base_url_option_is_a_usage_error() {
    let site = site();
    site.built();
    let before = snapshot(&site.out());
    let run = site.build_with(&["--base-url", "127.0.0.1:8000/zyfw"]);
    run.status(2).stderr_has(&["127.0.0.1:8000/zyfw"]);
    assert_clean_failure(&run);
    assert_same_files(&before, &snapshot(&site.out()), "after a refused build");
}

#[test]
fn bad_timezone_points_at_it() {
    let site = site();
    let line = CONFIG.lines().count() + 1;
    let run = broken_build(&site, |site| {
        site.write("site.yaml", &config_with("timezone: Asia/Shanghai\n"));
    });
    expect_error(
        &run,
        &format!("site.yaml:{line}:"),
        &["timezone", "Asia/Shanghai"],
    );
}

#[test]
fn campaign_ending_before_it_starts_is_refused() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/campaigns/spring-drive.md",
            "---\ntitle: 春季志愿服务行动\nstart: 2026-03-01\nend: 2025-03-31\n---\n",
        );
    });
    expect_error(&run, "content/campaigns/spring-drive.md:4:", &["`end`"]);
}

#[test]
fn non_empty_output_without_marker_is_a_usage_error_and_untouched() {
    let site = site();
    let out = site.out();
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("index.html"), "not redvest's").expect("write");
    let before = snapshot(&out);
    let run = site.build();
    run.status(2).stderr_has(&["--force"]);
    assert_clean_failure(&run);
    assert_same_files(&before, &snapshot(&out), "an unmarked folder");
    site.build_with(&["--force"]).success();
    assert_ne!(
        site.read("index.html"),
        "not redvest's",
        "--force replaced it"
    );
}

#[test]
fn errors_in_several_files_are_all_reported_in_one_run() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/stories/a.md",
            "---\ntitle: 好人好事\ndate: 2023-13-45\n---\n",
        );
        site.write(
            "content/reports/r.md",
            "---\ntitle: 活动报道\ndate: 2023-03-06\nstats: {volunteer: 30}\n---\n",
        );
        site.write(
            "content/stories/b.md",
            "---\ntitel: 又一件好事\ndate: 2023-03-08\n---\n",
        );
        site.write(
            "content/announcements/c.md",
            "---\ntitle: 通知: 招募\ndate: 2023-03-08\n---\n",
        );
    });
    run.status(1).stderr_has(&[
        "error: content/stories/a.md:3:7: ",
        "error: content/reports/r.md:4:",
        "error: content/stories/b.md:2:",
        "error: content/announcements/c.md:2:",
        "4 errors",
    ]);
}

#[test]
fn errors_of_every_stage_are_reported_together() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write_bytes(
            "content/stories/gbk.md",
            &gbk_story(&[0xD6, 0xBE, 0xD4, 0xB8, 0xB7, 0xFE, 0xCE, 0xF1, 0xB6, 0xD3]),
        );
        site.write(
            "content/stories/a.md",
            "---\ntitle: 好人好事\ndate: 2023-13-45\n---\n",
        );
    });
    run.status(1).stderr_has(&[
        "error: content/stories/gbk.md",
        "error: content/stories/a.md:3:7: ",
        "2 errors",
    ]);
}

#[test]
fn reference_errors_are_reported_alongside_front_matter_errors() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/stories/a.md",
            "---\ntitle: 好人好事\ndate: 2023-03-05\ncampaign: spring-drvie\n---\n",
        );
        site.write(
            "content/reports/r.md",
            "---\ntitle: 活动报道\ndate: 2023-13-45\n---\n",
        );
        site.write(
            "content/announcements/n.md",
            "---\ntitle: 通知\ndate: 2023-03-01\n---\n见[方案](plan.md)。\n",
        );
    });
    run.status(1).stderr_has(&[
        "error: content/stories/a.md:4:",
        "error: content/reports/r.md:3:7: ",
        "error: content/announcements/n.md:5:",
        "3 errors",
    ]);
}
