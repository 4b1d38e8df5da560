//! Figures in a report's `stats` as clerks write them: `3500余`, `3,500`,
//! `3，500`, `1.2万`, `2.5亿`, full-width digits, and a metric's Chinese
//! label as its key. An approximate figure keeps its 余 in every total it
//! enters; a figure that cannot be read is an error at its own place.

use crate::fixture::{config_with, Site};

/// A report with `stats` written as `stats` (the lines after `stats:`),
/// starting on file line 5.
fn report(campaign: &str, stats: &str) -> String {
    format!("---\ntitle: 活动报道\ndate: 2023-03-06\ncampaign: {campaign}\nstats:\n{stats}---\n正文。\n")
}

const CAMPAIGN: &str = "---\ntitle: 学雷锋月\nstart: 2023-03-01\nend: 2023-03-31\n---\n";

/// The figure shown for `key` in the first stats table or totals list of `html`.
fn shown(html: &str, key: &str) -> String {
    let start = html
        .find(&format!("class=\"stat-{key}\""))
        .unwrap_or_else(|| panic!("no stat-{key} in the page"));
    let row = &html[start..];
    let row = &row[..row
        .find("</tr>")
        .or_else(|| row.find("</li>"))
        .unwrap_or(row.len())];
    let cell = row
        .split("<td class=\"num\">")
        .nth(1)
        .or_else(|| row.split("<strong>").nth(1))
        .unwrap_or_else(|| panic!("no figure in {row}"));
    cell[..cell.find('<').unwrap_or(cell.len())].to_string()
}

fn one_report(stats: &str) -> Site {
    Site::new(&[
        ("content/campaigns/lf.md", CAMPAIGN),
        ("content/reports/r.md", &report("lf", stats)),
    ])
}

#[test]
fn every_written_form_of_a_figure_is_read() {
    for (written, expected) in [
        ("2600", "2600"),
        ("3,500", "3500"),
        ("\"3,500\"", "3500"),
        ("3，500", "3500"),
        ("1,234,567", "1234567"),
        ("12.5", "12.5"),
        ("1.2万", "12000"),
        ("0.35万", "3500"),
        ("2.5亿", "250000000"),
        ("３５００", "3500"),
        ("3500余", "3500余"),
        ("3500多", "3500余"),
        ("1万余", "10000余"),
    ] {
        let site = one_report(&format!("  volunteers: {written}\n"));
        site.built();
        assert_eq!(
            shown(&site.read("reports/r/index.html"), "volunteers"),
            expected,
            "{written}"
        );
    }
}

#[test]
fn an_approximate_figure_keeps_its_yu_in_the_totals() {
    let site = Site::new(&[
        ("content/campaigns/lf.md", CAMPAIGN),
        (
            "content/reports/a.md",
            &report("lf", "  volunteers: 3500余\n  hours: 100\n"),
        ),
        (
            "content/reports/b.md",
            &report("lf", "  volunteers: 200\n  hours: 20\n"),
        ),
    ]);
    site.built();
    assert_eq!(
        shown(&site.read("reports/a/index.html"), "volunteers"),
        "3500余"
    );
    assert_eq!(
        shown(&site.read("reports/b/index.html"), "volunteers"),
        "200"
    );
    let campaign = site.read("campaigns/lf/index.html");
    assert_eq!(shown(&campaign, "volunteers"), "3700余");
    assert_eq!(shown(&campaign, "hours"), "120");
    let home = site.read("index.html");
    assert_eq!(shown(&home, "volunteers"), "3700余");
    assert_eq!(shown(&home, "hours"), "120");
}

#[test]
fn an_english_site_shows_an_approximate_total_with_a_plus() {
    let site = Site::new(&[
        ("site.yaml", &config_with("language: en\n")),
        ("content/campaigns/lf.md", CAMPAIGN),
        (
            "content/reports/a.md",
            &report("lf", "  volunteers: 3500余\n"),
        ),
        ("content/reports/b.md", &report("lf", "  volunteers: 200\n")),
    ]);
    site.built();
    assert_eq!(shown(&site.read("index.html"), "volunteers"), "3700+");
}

#[test]
fn a_metric_may_be_named_by_its_chinese_label() {
    let site = one_report("  服务时长: 20\n  参与志愿者: 1.5万\n  activities: 3\n");
    site.built();
    let page = site.read("reports/r/index.html");
    assert_eq!(shown(&page, "hours"), "20");
    assert_eq!(shown(&page, "volunteers"), "15000");
    assert_eq!(shown(&page, "activities"), "3");
    assert_eq!(shown(&site.read("index.html"), "hours"), "20");
}

#[test]
fn a_figure_that_is_not_a_number_is_an_error_at_its_value() {
    let site = one_report("  activities: 3\n  volunteers: 很多\n");
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/reports/r.md:7:15: “stats”中“volunteers”的值“很多”不是一个数字\n",
        "  提示：请只写数字、不带单位：3500、3,500、3500余（表示三千五百多）、1.2万（即12000）或 2.5亿",
    ]);
    en.stderr_has(&[
        "error: content/reports/r.md:7:15: `volunteers` in `stats` is \"很多\", not a figure\n",
        "  hint: write the figure as a number without its unit: 3500, 3,500, 3500余",
    ]);
}

#[test]
fn a_figure_with_its_unit_or_a_bad_comma_is_an_error() {
    let site = one_report("  volunteers: 3500人\n  hours: 3,50\n");
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/reports/r.md:6:15: “stats”中“volunteers”的值“3500人”不是一个数字",
        "错误：content/reports/r.md:7:10: “stats”中“hours”的值“3,50”不是一个数字",
    ]);
    en.stderr_has(&[
        "error: content/reports/r.md:7:10: `hours` in `stats` is \"3,50\", not a figure",
    ]);
}

#[test]
fn a_negative_or_missing_figure_is_an_error_at_its_place() {
    let site = Site::new(&[(
        "content/reports/r.md",
        "---\ntitle: 报道\ndate: 2023-03-06\nstats: {activities: -2, volunteers: 5}\n---\n",
    )]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/reports/r.md:4:21: “stats”中“activities”的值是 -2，数字不能小于零",
    ]);
    en.stderr_has(&["error: content/reports/r.md:4:21: `activities` in `stats` is -2, not a non-negative number"]);
    let site = one_report("  volunteers:\n  hours: 2\n");
    let (zh, _) = site.failed_both_ways();
    zh.stderr_has(&["错误：content/reports/r.md:6:14: “stats”中“volunteers”后面没有写数字"]);
}

#[test]
fn a_thousands_comma_in_a_one_line_list_is_explained() {
    let site = Site::new(&[(
        "content/reports/r.md",
        "---\ntitle: 报道\ndate: 2023-03-06\nstats: {volunteers: 3,500, hours: 20}\n---\n",
    )]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/reports/r.md:4:21: “stats”中的“500”不是数据项：在一行写的花括号列表里，逗号会分开数据项",
        "  提示：去掉数字里的逗号（写成 3500），或者给数字加上引号（\"3,500\"）",
    ]);
    en.stderr_has(&["error: content/reports/r.md:4:21: `500` in `stats` is not a metric"]);
}

#[test]
fn an_unknown_metric_lists_the_metrics_with_their_labels() {
    let site = one_report("  activities: 3\n  志愿人数: 3\n");
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/reports/r.md:7:9: “stats”中的“志愿人数”不是网站设置的数据项\n",
        "activities（开展活动）、volunteers（参与志愿者）、hours（服务时长）",
    ]);
    en.stderr_has(&[
        "error: content/reports/r.md:7:9: unknown metric `志愿人数` in `stats`\n",
        "activities (开展活动), volunteers (参与志愿者), hours (服务时长)",
    ]);
    let site = one_report("  volunter: 3\n");
    let (zh, _) = site.failed_both_ways();
    zh.stderr_has(&["  提示：是不是想写“volunteers”？"]);
}

#[test]
fn a_metric_given_by_key_and_by_label_is_an_error() {
    let site = one_report("  hours: 3\n  服务时长: 4\n");
    let (zh, en) = site.failed_both_ways();
    // Keys are checked in sorted order: `hours` before `服务时长`.
    zh.stderr_has(&["错误：content/reports/r.md:7:9: “stats”中的“服务时长”和前面的“hours”是同一个数据项，重复了"]);
    en.stderr_has(&[
        "error: content/reports/r.md:7:9: `服务时长` in `stats` is the same metric as `hours`",
    ]);
}
