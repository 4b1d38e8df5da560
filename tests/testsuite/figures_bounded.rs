//! Figures are finite and bounded: a figure above 10^15 (a typo, or a
//! number YAML reads in scientific notation) is an error at its place, so
//! totals cannot overflow to `inf`.

use crate::fixture::Site;

const CAMPAIGN: &str = "---\ntitle: 学雷锋月\nstart: 2023-03-01\nend: 2023-03-31\n---\n";

fn report(stats: &str) -> String {
    format!("---\ntitle: 活动报道\ndate: 2023-03-06\ncampaign: lf\nstats:\n{stats}---\n正文。\n")
}

#[test]
fn two_huge_figures_are_errors_not_an_infinite_total() {
    let site = Site::new(&[
        ("content/campaigns/lf.md", CAMPAIGN),
        ("content/reports/a.md", &report("  activities: 1e308\n")),
        ("content/reports/b.md", &report("  activities: 1e308\n")),
    ]);
    let (zh, en) = site.failed_both_ways();
    for file in ["a", "b"] {
        zh.stderr_has(&[&format!(
            "错误：content/reports/{file}.md:6:15: “stats”中“activities”的值 1e308 太大，超过了可以填写的上限 1000万亿（10的15次方）"
        )]);
        en.stderr_has(&[&format!(
            "error: content/reports/{file}.md:6:15: `activities` in `stats` is 1e308, more than 10^15, the largest figure redvest accepts"
        )]);
    }
    zh.stderr_has(&["  提示：请核对这个数字：是不是多打了几个0，或者把“万”“亿”写错了"]);
    assert!(!zh.stderr.contains("inf") && !en.stderr.contains("inf"));
}

#[test]
fn a_figure_too_large_as_text_or_infinite_is_an_error() {
    let site = Site::new(&[
        ("content/campaigns/lf.md", CAMPAIGN),
        (
            "content/reports/a.md",
            &report("  activities: 20000000亿\n  volunteers: .inf\n  hours: 1e400\n"),
        ),
    ]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/reports/a.md:6:15: “stats”中“activities”的值 20000000亿 太大",
        "错误：content/reports/a.md:7:15: “stats”中“volunteers”的值 inf 太大",
        "错误：content/reports/a.md:8:10: “stats”中“hours”的值“1e400”不是一个数字",
    ]);
    en.stderr_has(&[
        "error: content/reports/a.md:6:15: `activities` in `stats` is 20000000亿, more than 10^15",
    ]);
}

#[test]
fn the_largest_figure_still_adds_up() {
    let site = Site::new(&[
        ("content/campaigns/lf.md", CAMPAIGN),
        (
            "content/reports/a.md",
            &report("  activities: 10000000亿\n"),
        ),
        (
            "content/reports/b.md",
            &report("  activities: 1000000000000000\n"),
        ),
    ]);
    site.built();
    let page = site.read("campaigns/lf/index.html");
    assert!(page.contains("2000000000000000"), "{page}");
    assert!(!page.contains("inf"));
}
