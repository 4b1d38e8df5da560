//! The summary line a build ends with, in the reader's language: counts per
//! kind, the drafts left out, each scheduled (定时发布) item named with the
//! time it comes out, and what was written; the error count of a failed
//! build; the `--timings` tables.

use regex::Regex;

use crate::fixture::{Run, Site};

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
            "---\ntitle: 定时发布的报道\ndate: 2026-12-01 09:00\n---\n",
        ),
    ])
}

/// The one line on stdout, checked whole against `pattern`.
#[track_caller]
fn line_matches(run: &Run, pattern: &str) {
    run.success();
    let line = run.stdout.trim_end();
    assert_eq!(line.lines().count(), 1, "one summary line: {line}");
    let whole = Regex::new(&format!("^{pattern}$")).expect("a valid regex");
    assert!(whole.is_match(line), "\n{line}\ndoes not match\n{pattern}");
}

#[test]
fn a_chinese_summary_counts_each_kind_and_names_the_scheduled_item() {
    let site = site();
    let run = site.run_zh(&["build", "--root", "site"]);
    line_matches(
        &run,
        r"1 篇先进典型、0 篇活动报道、0 条公告、0 个页面、0 个活动专题、0 个栏目；未发布 1 篇草稿；已暂缓发布 1 篇定时稿件：content/reports/later\.md（2026-12-01 09:00 发布）；共写入 \d+ 个文件到 site/public，用时 \d+\.\d\d 秒",
    );
}

#[test]
fn an_english_summary_names_the_scheduled_item_too() {
    let site = site();
    let run = site.run(&["build", "--root", "site"]);
    line_matches(
        &run,
        r"1 stories, 0 reports, 0 announcements, 0 pages, 0 campaigns, 0 columns; left out 1 drafts and 1 scheduled: content/reports/later\.md \(publishes 2026-12-01 09:00\); \d+ files written to site/public in \d+\.\d\d s",
    );
}

#[test]
fn scheduled_items_are_named_soonest_first_and_the_rest_counted() {
    let mut files = vec![(
        "content/stories/a.md".to_string(),
        "---\ntitle: 已发布\ndate: 2026-11-01\n---\n".to_string(),
    )];
    for day in 1..=12 {
        files.push((
            format!("content/announcements/n{day:02}.md"),
            format!(
                "---\ntitle: 通知{day}\ndate: 2027-01-{:02} 08:30\n---\n",
                13 - day
            ),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&files);
    let run = site.run_zh(&["check", "--root", "site"]);
    let named: Vec<String> = (3..=12)
        .rev()
        .map(|n| {
            format!(
                r"content/announcements/n{n:02}\.md（2027-01-{:02} 08:30 发布）",
                13 - n
            )
        })
        .collect();
    line_matches(
        &run,
        &format!(
            r"1 篇先进典型、0 篇活动报道、0 条公告、0 个页面、0 个活动专题、0 个栏目；已暂缓发布 12 篇定时稿件：{}、另有 2 篇；检查完毕，用时 \d+\.\d\d 秒，没有写入任何文件",
            named.join("、")
        ),
    );
}

#[test]
fn nothing_left_out_says_nothing_of_it() {
    let site = Site::new(&[(
        "content/stories/a.md",
        "---\ntitle: 已发布\ndate: 2026-11-01\n---\n",
    )]);
    let run = site.run_zh(&["build", "--root", "site"]);
    line_matches(
        &run,
        r"1 篇先进典型、0 篇活动报道、0 条公告、0 个页面、0 个活动专题、0 个栏目；共写入 \d+ 个文件到 site/public，用时 \d+\.\d\d 秒",
    );
}

#[test]
fn an_unchanged_site_says_it_is_up_to_date_in_chinese() {
    let site = site();
    site.run_zh(&["build", "--root", "site"]).success();
    let again = site.run_zh(&["build", "--root", "site"]);
    line_matches(
        &again,
        r"自上次生成以来没有改动，site/public 已是最新（用时 \d+\.\d\d 秒）",
    );
}

#[test]
fn a_failed_build_counts_its_errors_in_the_readers_language() {
    let site = Site::new(&[
        (
            "content/stories/a.md",
            "---\ntitle: 甲\ndate: 2023-13-45\n---\n",
        ),
        (
            "content/stories/b.md",
            "---\ntitle: 乙\ndate: 2023-02-30\n---\n",
        ),
    ]);
    let zh = site.run_zh(&["build", "--root", "site"]);
    zh.status(1);
    assert!(
        zh.stderr.ends_with("共发现 2 处错误，没有写入任何文件\n"),
        "{}",
        zh.stderr
    );
    let en = site.run(&["build", "--root", "site"]);
    en.status(1);
    assert!(
        en.stderr.ends_with("2 errors found; nothing was written\n"),
        "{}",
        en.stderr
    );
}

#[test]
fn timings_tables_have_chinese_headings_and_stage_names() {
    let site = site();
    let run = site.run_zh(&["check", "--root", "site", "--timings"]);
    run.success();
    for needle in [
        "各阶段用时：\n",
        "\n  读取配置 ",
        "\n  解析稿件 ",
        "\n  生成页面 ",
        " 毫秒\n",
        "各模板用时（最慢的在前）：\n",
        "  page.html ",
    ] {
        assert!(run.stdout.contains(needle), "{needle:?} in\n{}", run.stdout);
    }
    assert!(!run.stdout.contains(" ms"), "{}", run.stdout);
    let en = site.run(&["check", "--root", "site", "--timings"]);
    assert!(
        en.stdout.contains("time per stage:\n  config "),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout.contains("templates, slowest first:\n"),
        "{}",
        en.stdout
    );
}
