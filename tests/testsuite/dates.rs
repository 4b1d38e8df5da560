//! Dates as clerks write them: `2023年3月5日`, `2023/3/5`, `2023-3-5`,
//! `2023.3.5`, with or without a time, in full-width digits too — in every
//! key that holds a date. An impossible date is an error at its own place.

use crate::fixture::Site;

fn story(date: &str) -> String {
    format!("---\ntitle: 好人好事\ndate: {date}\n---\n正文。\n")
}

/// The `<time datetime>` and text of the page's first date.
fn first_time(html: &str) -> (String, String) {
    let start = html
        .find("<time datetime=\"")
        .expect("a <time> in the page")
        + 16;
    let rest = &html[start..];
    let iso = rest[..rest.find('"').expect("a closing quote")].to_string();
    let text = &rest[rest.find('>').expect("the tag's end") + 1..];
    (iso, text[..text.find('<').expect("</time>")].to_string())
}

#[test]
fn every_written_form_of_a_day_is_read() {
    for written in [
        "2023-03-05",
        "2023年3月5日",
        "2023年03月05日",
        "2023/3/5",
        "2023/03/05",
        "2023-3-5",
        "2023.3.5",
        "\"2023.3.5\"",
        "２０２３年３月５日",
    ] {
        let site = Site::new(&[("content/stories/a.md", &story(written))]);
        site.built();
        let (iso, text) = first_time(&site.read("stories/a/index.html"));
        assert_eq!(iso, "2023-03-05T00:00:00+08:00", "{written}");
        assert_eq!(text, "2023年3月5日", "{written}");
    }
}

#[test]
fn every_written_form_of_a_day_and_time_is_read() {
    for written in [
        "2023年3月5日 9:30",
        "2023/3/5 09:30",
        "2023-3-5 9:30:00",
        "2023.3.5 9:30",
        "2023-03-05T09:30",
        "2023年3月5日 ９：３０",
    ] {
        let site = Site::new(&[("content/stories/a.md", &story(written))]);
        site.built();
        let (iso, _) = first_time(&site.read("stories/a/index.html"));
        assert_eq!(iso, "2023-03-05T09:30:00+08:00", "{written}");
    }
}

#[test]
fn every_key_that_holds_a_date_reads_the_clerks_forms() {
    let site = Site::new(&[
        (
            "content/campaigns/lf.md",
            "---\ntitle: 学雷锋月\nstart: 2023年3月1日\nend: 2023/3/31\n---\n",
        ),
        (
            "content/columns/zl.md",
            "---\ntitle: 志愿者风采\nstart: 2023.1.6\n---\n",
        ),
        (
            "content/announcements/n.md",
            "---\ntitle: 招募\ndate: 2023-3-2\nupdated: 2023年3月4日 8:00\ncampaign: lf\n\
             deadlines:\n  - date: 2023/3/10\n    what: 报名截止\n---\n",
        ),
        (
            "content/stories/a.md",
            "---\ntitle: 风采\ndate: 2023年1月6日\ncolumn: zl\n---\n",
        ),
    ]);
    site.built();
    let notice = site.read("announcements/n/index.html");
    for needle in [
        "<time datetime=\"2023-03-02T00:00:00+08:00\">2023年3月2日</time>",
        "<time datetime=\"2023-03-04T08:00:00+08:00\">2023年3月4日</time>",
        "<time datetime=\"2023-03-10\">2023年3月10日</time>",
    ] {
        assert!(notice.contains(needle), "{needle}");
    }
    let campaign = site.read("campaigns/lf/index.html");
    assert!(campaign.contains("2023年3月1日"), "start");
    assert!(campaign.contains("2023年3月31日"), "end");
    let column = site.read("columns/zl/index.html");
    assert!(
        column.contains("<time datetime=\"2023-01-06\">2023年1月6日</time>"),
        "column start"
    );
}

#[test]
fn an_impossible_day_is_an_error_at_its_value() {
    let site = Site::new(&[("content/stories/a.md", &story("2023年2月30日"))]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/stories/a.md:3:7: “date”的日期“2023年2月30日”不存在\n",
        "  提示：请核对月份（1～12）和日子：2月只有28天（闰年29天），4、6、9、11月只有30天\n",
    ]);
    en.stderr_has(&[
        "error: content/stories/a.md:3:7: invalid date \"2023年2月30日\" in `date`: there is no such day\n",
    ]);
}

#[test]
fn an_impossible_time_is_an_error_at_its_value() {
    let site = Site::new(&[("content/stories/a.md", &story("2023/3/5 24:30"))]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&["错误：content/stories/a.md:3:7: “date”的值“2023/3/5 24:30”中的时间不存在\n"]);
    en.stderr_has(&[
        "error: content/stories/a.md:3:7: invalid time in \"2023/3/5 24:30\" in `date`",
    ]);
}

#[test]
fn text_that_is_no_date_names_the_forms_accepted() {
    let site = Site::new(&[("content/stories/a.md", &story("3月5日"))]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/stories/a.md:3:7: “date”的值“3月5日”不是日期\n",
        "  提示：日期可以写成 2023-03-05、2023-3-5、2023/3/5、2023.3.5 或 2023年3月5日",
    ]);
    en.stderr_has(&[
        "error: content/stories/a.md:3:7: invalid date \"3月5日\" in `date`\n",
        "  hint: write a date as 2023-03-05, 2023-3-5, 2023/3/5, 2023.3.5 or 2023年3月5日",
    ]);
}

#[test]
fn a_bad_deadline_is_reported_on_its_own_line() {
    let site = Site::new(&[(
        "content/announcements/n.md",
        "---\ntitle: 招募\ndate: 2023-03-02\ndeadlines:\n  - date: 2023/3/10\n    what: 报名\n\
         \x20 - {date: 2023年4月31日, what: 截止}\n---\n",
    )]);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&[
        "错误：content/announcements/n.md:7:12: “deadlines”的日期“2023年4月31日”不存在",
    ]);
    en.stderr_has(&[
        "error: content/announcements/n.md:7:12: invalid date \"2023年4月31日\" in `deadlines`",
    ]);
}

#[test]
fn a_campaign_end_before_its_start_is_still_caught_in_clerks_forms() {
    let site = Site::new(&[(
        "content/campaigns/lf.md",
        "---\ntitle: 学雷锋月\nstart: 2023年3月31日\nend: 2023/3/1\n---\n",
    )]);
    let (zh, _) = site.failed_both_ways();
    zh.stderr_has(&["错误：content/campaigns/lf.md:4:6: 结束日期“end”（2023-03-01）早于开始日期“start”（2023-03-31）"]);
}
