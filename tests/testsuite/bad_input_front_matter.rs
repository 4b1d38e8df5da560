//! Bad input in front matter and references, beyond `bad_input`: wrong
//! types, impossible offsets, slugs and paths that try to leave the output,
//! YAML bombs and very long lines. Each case builds a good site, breaks it,
//! and checks the exit status, the message (file, line, column, hint) and
//! that the previous output is byte-for-byte unchanged.

use std::time::Duration;

use crate::bad_input::{
    assert_clean_failure, break_story, broken_build, expect_error, site, STORY,
};
use crate::fixture::{assert_same_files, config_with, run_measured, snapshot, Measured, Site};

/// The story `a.md` with one more front matter line, `line`, on file line 4.
fn story_with(line: &str) -> impl FnOnce(&Site) + '_ {
    move |site: &Site| {
        site.write(
            "content/stories/a.md",
            &format!("---\ntitle: 好人好事\ndate: 2023-03-05\n{line}\n---\n正文。\n"),
        );
    }
}

// ---- wrong types ----

#[test]
fn tags_given_as_a_number_is_a_wrong_type() {
    let site = site();
    let run = broken_build(&site, story_with("tags: 5"));
    expect_error(&run, "content/stories/a.md:4:7: ", &["tags", "5"]);
}

#[test]
fn pinned_maybe_is_not_true_or_false() {
    let site = site();
    let run = broken_build(&site, story_with("pinned: maybe"));
    expect_error(&run, "content/stories/a.md:4:9: ", &["pinned", "maybe"]);
}

#[test]
fn negative_issue_number_is_refused() {
    let site = site();
    let run = broken_build(&site, story_with("issue: -1"));
    expect_error(&run, "content/stories/a.md:4:8: ", &["issue", "-1"]);
}

#[test]
fn stats_figure_written_as_a_word_is_refused() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/reports/r.md",
            "---\ntitle: 活动报道\ndate: 2023-03-06\nstats: {volunteers: many}\n---\n",
        );
    });
    expect_error(&run, "content/reports/r.md:4:", &["volunteers", "many"]);
}

#[test]
fn people_given_as_a_name_not_a_list_is_refused() {
    let site = site();
    let run = broken_build(&site, story_with("people: 张三"));
    expect_error(&run, "content/stories/a.md:4:9: ", &["people", "张三"]);
}

#[test]
fn empty_title_is_refused() {
    let site = site();
    let run = broken_build(&site, break_story("---\ntitle:\ndate: 2023-03-05\n---\n"));
    expect_error(&run, "content/stories/a.md:2:", &["title"]);
}

#[test]
fn unknown_key_in_a_campaign_suggests_the_key_meant() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/campaigns/spring-drive.md",
            "---\ntitle: 春季志愿服务行动\nstrat: 2026-03-01\n---\n",
        );
    });
    expect_error(
        &run,
        "content/campaigns/spring-drive.md:3:",
        &["`strat`", "did you mean `start`"],
    );
}

// ---- dates and time zones ----

#[test]
fn date_with_an_impossible_offset_is_invalid() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05T08:00:00+25:00\n---\n"),
    );
    expect_error(
        &run,
        "content/stories/a.md:3:7: ",
        &["invalid date \"2023-03-05T08:00:00+25:00\"", "`date`"],
    );
}

// ---- slugs and paths that try to leave ----

#[test]
fn slug_climbing_out_of_the_output_is_refused() {
    let site = site();
    let run = broken_build(&site, story_with("slug: ../../etc"));
    expect_error(
        &run,
        "content/stories/a.md:4:7: ",
        &["invalid slug \"../../etc\""],
    );
    for place in [site.beside("etc"), site.root().join("etc")] {
        assert!(!place.exists(), "{} was written", place.display());
    }
}

#[test]
fn slug_reserved_for_list_pages_is_refused() {
    let site = site();
    let run = broken_build(&site, story_with("slug: page"));
    expect_error(&run, "content/stories/a.md:4:7: ", &["`page`", "reserved"]);
}

/// A bundle `content/stories/b/index.md` whose `cover:` (file line 4) is `cover`.
fn bundle_with_cover(cover: &str) -> impl FnOnce(&Site) + '_ {
    move |site: &Site| {
        site.write(
            "content/stories/b/index.md",
            &format!("---\ntitle: 合影\ndate: 2023-03-05\ncover: {cover}\n---\n正文。\n"),
        );
        site.write_bytes("content/stories/b/photo.jpg", b"\xFF\xD8\xFF\xE0");
    }
}

#[test]
fn cover_path_climbing_out_of_the_site_is_refused() {
    for cover in ["../../../../etc/passwd", "/../site.yaml"] {
        let site = site();
        let run = broken_build(&site, bundle_with_cover(cover));
        expect_error(&run, "content/stories/b/index.md", &["cover", cover]);
    }
}

#[test]
fn cover_error_points_at_its_line() {
    let site = site();
    let run = broken_build(&site, bundle_with_cover("nope.jpg"));
    expect_error(
        &run,
        "content/stories/b/index.md:4:",
        &["cover", "nope.jpg"],
    );
}

#[test]
fn link_climbing_out_of_the_content_folder_is_refused() {
    let site = site();
    let run = broken_build(
        &site,
        break_story(
            "---\ntitle: 好人好事\ndate: 2023-03-05\n---\n正文。\n\n见[配置](@/../../site.md)。\n",
        ),
    );
    expect_error(
        &run,
        "content/stories/a.md:7:",
        &["@/../../site.md", "leaves the content folder"],
    );
}

#[test]
fn link_to_a_missing_anchor_on_the_same_page_is_reported() {
    let site = site();
    let run = broken_build(
        &site,
        break_story("---\ntitle: 好人好事\ndate: 2023-03-05\n---\n## 小节\n\n见[上文](#nope)。\n"),
    );
    expect_error(&run, "content/stories/a.md:7:", &["nope"]);
}

// ---- YAML bombs and huge front matter: refused quickly, in bounded memory ----

/// The most memory a refused bomb may take (the process's peak, in KB).
const BOMB_MEMORY_KB: u64 = 1024 * 1024;

/// Builds the good site, writes `path` = `text`, then builds again while
/// measuring; checks the failure is clean, quick and small, and that the
/// output is unchanged.
fn timed_broken_build(site: &Site, path: &str, text: &str, limit: Duration) -> Measured {
    site.built();
    let before = snapshot(&site.out());
    site.write(path, text);
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let measured = run_measured(site.command(&["build", "--root", root]));
    assert_clean_failure(&measured.run);
    assert!(
        measured.elapsed < limit,
        "took {:?} (limit {limit:?})\n{}",
        measured.elapsed,
        measured.run.stderr
    );
    if let Some(kb) = measured.peak_kb {
        assert!(kb < BOMB_MEMORY_KB, "used {kb} KB of memory");
    }
    assert_same_files(&before, &snapshot(&site.out()), "after a refused bomb");
    measured
}

#[test]
fn deep_flow_nesting_is_refused_quickly() {
    let site = site();
    let depth = 100_000;
    let text = format!(
        "---\ntitle: 好人好事\ndate: 2023-03-05\ntags: {}{}\n---\n正文。\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let measured = timed_broken_build(&site, "content/stories/a.md", &text, Duration::from_secs(5));
    expect_error(
        &measured.run,
        "content/stories/a.md:4:",
        &["nested too deeply"],
    );
}

#[test]
fn deep_block_nesting_is_refused_quickly() {
    let site = site();
    let text = format!(
        "---\ntitle: 好人好事\ndate: 2023-03-05\ntags:\n  {}x\n---\n正文。\n",
        "- ".repeat(100_000)
    );
    let measured = timed_broken_build(&site, "content/stories/a.md", &text, Duration::from_secs(5));
    expect_error(&measured.run, "content/stories/a.md:5:", &[]);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let site = site();
    let mut text = String::from("---\ntitle: 好人好事\ndate: 2023-03-05\ntags: &a0 [x, x]\n");
    for i in 1..100 {
        let j = i - 1;
        text.push_str(&format!("summary: &a{i} [*a{j}, *a{j}, *a{j}, *a{j}]\n"));
    }
    text.push_str("---\n正文。\n");
    let measured = timed_broken_build(&site, "content/stories/a.md", &text, Duration::from_secs(5));
    expect_error(&measured.run, "content/stories/a.md:", &["alias"]);
    let line = measured
        .run
        .stderr
        .split("content/stories/a.md:")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert!(line.is_some(), "names a line:\n{}", measured.run.stderr);
}

/// `site.yaml` with eight levels of eight aliases under `extra:` (which takes
/// any YAML): 8^8 = 16 million values if expanded, with only 56 aliases.
fn config_alias_bomb() -> String {
    let mut bomb = String::from("extra:\n  l0: &l0 [x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        let items = vec![format!("*l{}", i - 1); 8].join(", ");
        bomb.push_str(&format!("  l{i}: &l{i} [{items}]\n"));
    }
    config_with(&bomb)
}

#[test]
fn alias_bomb_in_site_yaml_is_refused_quickly() {
    let site = site();
    let measured = timed_broken_build(
        &site,
        "site.yaml",
        &config_alias_bomb(),
        Duration::from_secs(5),
    );
    let run = &measured.run;
    run.status(1);
    run.stderr_has(&["error: site.yaml", "\n  hint: "]);
}

#[test]
fn alias_bomb_in_site_yaml_points_at_its_line() {
    let site = site();
    let measured = timed_broken_build(
        &site,
        "site.yaml",
        &config_alias_bomb(),
        Duration::from_secs(5),
    );
    expect_error(&measured.run, "site.yaml:", &[]);
    let line_given = measured
        .run
        .stderr
        .split("site.yaml:")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .is_some_and(|n| n.parse::<usize>().is_ok());
    assert!(line_given, "names a line:\n{}", measured.run.stderr);
}

#[test]
fn front_matter_of_megabytes_is_refused_quickly() {
    let site = site();
    let text = format!(
        "---\ntitle: 好人好事\ndate: 2023-03-05\nsummary: {}\n---\n正文。\n",
        "a".repeat(5 * 1024 * 1024)
    );
    let measured = timed_broken_build(&site, "content/stories/a.md", &text, Duration::from_secs(5));
    expect_error(
        &measured.run,
        "content/stories/a.md:",
        &["front matter", "KB"],
    );
}

#[test]
fn very_long_body_line_builds_or_fails_cleanly_and_quickly() {
    let site = site();
    site.built();
    let before = snapshot(&site.out());
    // One line of 5 MB: CJK text with the odd emphasis and link.
    let chunk = "志愿服务队在社区开展活动，*热情*服务居民。";
    let mut line = String::with_capacity(5 * 1024 * 1024 + chunk.len());
    while line.len() < 5 * 1024 * 1024 {
        line.push_str(chunk);
    }
    site.write(
        "content/stories/a.md",
        &format!("{}{line}\n", STORY.replace("正文。\n", "")),
    );
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let measured = run_measured(site.command(&["build", "--root", root]));
    // A bound against work that grows with the square of the line (minutes),
    // not a speed measure: a debug build takes about 2 s on an idle machine.
    assert!(
        measured.elapsed < Duration::from_secs(60),
        "took {:?}",
        measured.elapsed
    );
    if let Some(kb) = measured.peak_kb {
        assert!(kb < 2 * BOMB_MEMORY_KB, "used {kb} KB of memory");
    }
    if measured.run.status == 0 {
        assert!(site.read("stories/a/index.html").contains("志愿服务队"));
    } else {
        assert_clean_failure(&measured.run);
        measured
            .run
            .stderr_has(&["content/stories/a.md", "\n  hint: "]);
        assert_same_files(&before, &snapshot(&site.out()), "after a failed build");
    }
}
