//! A required key that is missing is asked for where it belongs: in the
//! front matter of a Markdown file (whatever its extension's spelling), or
//! in the file itself for `site.yaml`; at the file, line and column where
//! the YAML starts, in Chinese for a clerk and in English.

use crate::fixture::{Run, Site, CONFIG};

/// Builds as a clerk does, in the site's language (Chinese).
fn build_zh(site: &Site) -> Run {
    let root = site.root().to_str().expect("a UTF-8 temp path");
    site.run_zh(&["build", "--root", root])
}

/// Panics unless `run` failed with exactly `error` and `hint` lines.
#[track_caller]
fn fails_with(run: &Run, error: &str, hint: &str) {
    run.status(1);
    run.stderr_has(&[&format!("{error}\n  {hint}\n")]);
}

/// The fixture's `site.yaml` without its `title` line.
fn config_without_title() -> String {
    CONFIG
        .lines()
        .filter(|line| !line.starts_with("title:"))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn a_title_missing_from_site_yaml_is_asked_for_in_the_file() {
    let config = config_without_title();
    assert!(!config.contains("title:"), "{config}");
    let site = Site::new(&[("site.yaml", &config)]);
    fails_with(
        &build_zh(&site),
        "错误：site.yaml:1:1: 缺少必填的键“title”",
        "提示：请在这个文件里加上一行“title: …”",
    );
    fails_with(
        &site.build(),
        "error: site.yaml:1:1: missing required key `title`",
        "hint: add a line `title: …` to the file",
    );
}

#[test]
fn a_title_missing_from_front_matter_is_asked_for_in_the_front_matter() {
    for name in ["a.md", "B.MD", "c.Markdown"] {
        let path = format!("content/stories/{name}");
        let site = Site::new(&[(&path, "---\ndate: 2023-03-05\n---\n正文。\n")]);
        fails_with(
            &build_zh(&site),
            &format!("错误：{path}:2:1: 缺少必填的键“title”"),
            "提示：请在前言（front matter）里加上一行“title: …”",
        );
        fails_with(
            &site.build(),
            &format!("error: {path}:2:1: missing required key `title`"),
            "hint: add a line `title: …` to the front matter",
        );
    }
}
