//! Chinese typography in Markdown: `**“雷锋”**精神` is bold beside Chinese
//! punctuation, and a line break inside a Chinese paragraph adds no space,
//! on the page, in the list's summary and in the feed.

use crate::fixture::{main_of, parse_feed, Site};

/// A story whose body is `body`.
fn site_with(body: &str) -> Site {
    Site::new(&[(
        "content/stories/leifeng.md",
        &format!("---\ntitle: 学雷锋\ndate: 2023-03-05\n---\n{body}"),
    )])
}

/// The text of the first `<p class="summary">` of a list page.
fn summary_of(list: &str) -> &str {
    let start = list
        .find("<p class=\"summary\">")
        .expect("a summary on the list")
        + 19;
    let end = start + list[start..].find("</p>").expect("the summary's end");
    &list[start..end]
}

const EMPHASIS: &str = "\
社区志愿者开展**“学雷锋”**活动。依照*《志愿服务条例》*规定，__“学雷锋”__活动每月一次。

（**重要**）“**重要**”**雷锋精神**，变量名 snake_case_words 与 2*3*4 照旧。
";

#[test]
fn emphasis_beside_chinese_punctuation_is_bold_on_the_page_and_in_the_feed() {
    let site = site_with(EMPHASIS);
    site.built();
    let page = site.read("stories/leifeng/index.html");
    let expected = [
        "开展<strong>“学雷锋”</strong>活动",
        "依照<em>《志愿服务条例》</em>规定",
        "，<strong>“学雷锋”</strong>活动每月一次",
        "（<strong>重要</strong>）“<strong>重要</strong>”<strong>雷锋精神</strong>，",
        "snake_case_words 与 2<em>3</em>4 照旧",
    ];
    for html in expected {
        assert!(main_of(&page).contains(html), "page lacks {html}\n{page}");
    }
    assert!(!main_of(&page).contains("**"), "{page}");
    let feed = parse_feed(&site.read("feed.xml"));
    for html in expected {
        assert!(
            feed.items[0].description.contains(html),
            "feed lacks {html}"
        );
    }
    let list = site.read("stories/index.html");
    assert!(
        summary_of(&list).starts_with(
            "社区志愿者开展“学雷锋”活动。依照《志愿服务条例》规定，“学雷锋”活动每月一次。"
        ),
        "{}",
        summary_of(&list)
    );
}

#[test]
fn line_break_inside_a_chinese_paragraph_adds_no_space() {
    let site = site_with("志愿者们一早来到社区，\n为老人测量血压，\n**“学雷锋”**\n活动持续了一上午。\nOpen\nsource 开源\n社区。\n");
    site.built();
    let page = site.read("stories/leifeng/index.html");
    let paragraph = "<p>志愿者们一早来到社区，为老人测量血压，<strong>“学雷锋”</strong>活动持续了一上午。\nOpen\nsource 开源社区。</p>";
    assert!(main_of(&page).contains(paragraph), "{page}");
    let feed = parse_feed(&site.read("feed.xml"));
    assert!(
        feed.items[0].description.contains(paragraph),
        "{}",
        feed.items[0].description
    );
    let list = site.read("stories/index.html");
    assert_eq!(
        summary_of(&list),
        "志愿者们一早来到社区，为老人测量血压，“学雷锋”活动持续了一上午。 Open source 开源社区。"
    );
    assert!(
        page.contains(
            "<meta name=\"description\" property=\"og:description\" content=\"志愿者们一早来到社区，为老人测量血压，"
        ),
        "{page}"
    );
}

#[test]
fn summary_before_more_reads_chinese_lines_as_one() {
    let site = site_with("**“学雷锋”**\n活动\n开始了。\n\n<!-- more -->\n\n正文。\n");
    site.built();
    let list = site.read("stories/index.html");
    assert_eq!(summary_of(&list), "“学雷锋”活动开始了。");
}

#[test]
fn broken_anchor_after_chinese_emphasis_is_reported_at_its_column_in_chinese() {
    let site = site_with("# 标题\n\n**“雷锋”**精神，*《条例》*规定，详见[安排](#安排)。\n");
    let run = site.run_zh(&[
        "build",
        "--root",
        site.root().to_str().expect("a UTF-8 path"),
    ]);
    run.status(1).stderr_has(&[
        "content/stories/leifeng.md:7:23: 链接“#安排”在本页找不到对应的标题（本页的标题有：#标题）",
    ]);
    site.build().status(1).stderr_has(&[
        "content/stories/leifeng.md:7:23: link to `#安排`: no heading with that id on this page (its headings: #标题)",
    ]);
    let site = site_with("没有标题，详见[安排](#安排)。\n");
    site.run_zh(&[
        "build",
        "--root",
        site.root().to_str().expect("a UTF-8 path"),
    ])
    .status(1)
    .stderr_has(&[
        "content/stories/leifeng.md:5:8: 链接“#安排”要跳到本页的一个标题，但本页没有任何标题",
    ]);
}
