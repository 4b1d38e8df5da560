//! Dates outside the supported range, years 1901 to 9998 (every output
//! format can write them in every time zone): a date in front matter outside
//! it is an error at its place, a `SOURCE_DATE_EPOCH` outside it a usage
//! error naming the variable; never a panic, never an empty date in output.

use crate::fixture::{Run, Site};

fn story(date: &str) -> Site {
    Site::new(&[(
        "content/stories/a.md",
        &format!("---\ntitle: 好人好事\ndate: {date}\n---\n正文。\n"),
    )])
}

/// Builds with `SOURCE_DATE_EPOCH=epoch`, in English and in Chinese.
fn built_at(site: &Site, epoch: &str) -> (Run, Run) {
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let run = |mut command: std::process::Command| {
        Run::from(
            command
                .env("SOURCE_DATE_EPOCH", epoch)
                .output()
                .expect("run the redvest binary"),
        )
    };
    (
        run(site.command(&["build", "--root", root])),
        run(site.command_zh(&["build", "--root", root])),
    )
}

#[test]
fn a_build_time_at_the_end_of_year_9999_is_a_usage_error_not_a_panic() {
    let site = story("2023-03-05");
    let (en, zh) = built_at(&site, "253402300799");
    en.status(2).stderr_has(&[
        "error: SOURCE_DATE_EPOCH is 253402300799 (9999-12-31 23:59:59 UTC), outside the supported years 1901 to 9998",
    ]);
    zh.status(2).stderr_has(&[
        "错误：环境变量 SOURCE_DATE_EPOCH 的值 253402300799 对应 9999-12-31 23:59:59（世界协调时），超出了支持的年份范围（1901年至9998年）",
    ]);
    assert!(!site.out().exists(), "a refused build writes nothing");
}

#[test]
fn a_build_time_before_1901_is_a_usage_error() {
    let site = story("2023-03-05");
    let (en, zh) = built_at(&site, "-62135596800");
    en.status(2).stderr_has(&[
        "error: SOURCE_DATE_EPOCH is -62135596800 (0001-01-01 00:00:00 UTC), outside the supported years 1901 to 9998",
    ]);
    zh.status(2)
        .stderr_has(&["环境变量 SOURCE_DATE_EPOCH 的值 -62135596800"]);
    let (en, _) = built_at(&site, "99999999999999999");
    en.status(2)
        .stderr_has(&["error: SOURCE_DATE_EPOCH is \"99999999999999999\""]);
}

#[test]
fn a_date_before_1901_in_front_matter_is_an_error_at_its_place() {
    for (date, column) in [("1899-12-31", 7), ("0000-01-01", 7), ("1900年12月31日", 7)] {
        let site = story(date);
        site.build().status(1).stderr_has(&[&format!(
            "error: content/stories/a.md:3:{column}: date \"{date}\" in `date` is outside the supported years 1901 to 9998"
        )]);
        site.run_zh(&["build", "--root", site.root().to_str().expect("UTF-8")])
            .status(1)
            .stderr_has(&[
                &format!("错误：content/stories/a.md:3:{column}: “date”的日期“{date}”超出了支持的年份范围（1901年至9998年）"),
                "提示：请核对年份，写成四位数的公历年份，如 2023年3月5日",
            ]);
        assert!(!site.out().exists(), "{date}: nothing is published");
    }
}

#[test]
fn a_date_in_year_9999_is_an_error_at_its_place() {
    let site = story("9999-12-31T23:59:59-05:00");
    site.build().status(1).stderr_has(&[
        "error: content/stories/a.md:3:7: date \"9999-12-31T23:59:59-05:00\" in `date` is outside the supported years 1901 to 9998",
    ]);
    let site = Site::new(&[(
        "content/campaigns/c.md",
        "---\ntitle: 学雷锋月\nstart: 2023-03-01\nend: 9999-01-01\n---\n",
    )]);
    site.build()
        .status(1)
        .stderr_has(&["error: content/campaigns/c.md:4:6: date \"9999-01-01\" in `end`"]);
}

#[test]
fn dates_at_the_ends_of_the_range_fill_every_date_in_output() {
    // The second build runs at 9998-12-31 16:00 UTC, so the story is out.
    for (date, year, epoch) in [
        ("1901-01-01", "1901", crate::fixture::EPOCH),
        ("9998-12-31 23:59", "9998", "253370736000"),
    ] {
        let site = story(date);
        built_at(&site, epoch).0.success();
        let feed = site.read("feed.xml");
        assert!(feed.contains(&format!(" {year} ")), "{date}: {feed}");
        assert!(!feed.contains("<pubDate></pubDate>"), "{date}: {feed}");
        assert!(!feed.contains("<lastBuildDate></lastBuildDate>"), "{date}");
        let page = site.read("stories/a/index.html");
        assert!(!page.contains("datetime=\"\""), "{date}");
        assert!(page.contains(&format!("datetime=\"{year}-")), "{date}");
        let sitemap = site.read("sitemap.xml");
        assert!(!sitemap.contains("<lastmod></lastmod>"), "{date}");
    }
}
