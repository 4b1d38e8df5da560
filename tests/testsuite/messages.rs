//! The language of what redvest prints: Chinese for a Chinese site (the
//! default), English for a site whose `language` is not Chinese, and the
//! reader's `LANG` outside a site.

use crate::fixture::{config_with, Site, CONFIG};

const NO_FRONT_MATTER: &str = "只有正文，没有前言。\n";

#[test]
fn a_chinese_site_gets_its_errors_in_chinese() {
    let site = Site::new(&[
        ("site.yaml", CONFIG),
        ("content/stories/a.md", NO_FRONT_MATTER),
    ]);
    let run = site.run_zh(&["build", "--root", "site"]);
    run.status(1);
    run.stderr_has(&["错误：", "提示："]);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
}

#[test]
fn an_english_site_gets_its_errors_in_english() {
    let site = Site::new(&[
        ("site.yaml", &config_with("language: en\n")),
        ("content/stories/a.md", NO_FRONT_MATTER),
    ]);
    let run = site.run_zh(&["build", "--root", "site"]);
    run.status(1);
    run.stderr_has(&["error: ", "hint: "]);
    assert!(!run.stderr.contains("错误"), "{}", run.stderr);
}
