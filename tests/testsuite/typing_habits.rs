//! Front matter typed the Chinese way: a full-width colon, tab indentation,
//! a hashtag after ` #`, full-width commas in a one-line list, quotes from a
//! Chinese input method. Each is refused or accepted with a warning, at the
//! file, line and column of the offending character, in Chinese for a
//! clerk and in English; YAML's own complaints read in plain words, and
//! errors inside nested values point at the value.

use crate::fixture::{config_with, Run, Site};

/// A site whose story `content/stories/a.md` has `front` (lines ending in
/// `\n`) as its front matter; its first line is file line 2.
fn story(front: &str) -> Site {
    Site::new(&[(
        "content/stories/a.md",
        &format!("---\n{front}---\n正文。\n"),
    )])
}

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

/// Panics unless `run` succeeded with exactly `warning` and `hint` lines.
#[track_caller]
fn warns_with(run: &Run, warning: &str, hint: &str) {
    run.success();
    run.stderr_has(&[&format!("{warning}\n  {hint}\n")]);
}

// ---- full-width colon ----

#[test]
fn full_width_colon_after_a_key_is_an_error_at_the_colon() {
    let site = story("title：雷锋精神代代传\ndate: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:2:6: “title”后面用了全角冒号“：”，YAML 只认半角冒号“:”",
        "提示：把全角冒号“：”改成半角冒号“:”，冒号后面加一个空格，例如“title: …”",
    );
    fails_with(
        &site.build(),
        "error: content/stories/a.md:2:6: a full-width colon `：` after `title`; YAML reads only the ASCII colon `:`",
        "hint: change the full-width colon `：` to an ASCII colon `:` with a space after it: `title: …`",
    );
}

#[test]
fn every_full_width_colon_is_reported_at_once() {
    let site = story("title：雷锋精神代代传\ndate：2023-03-05\nregion: 乾安县\n");
    let run = build_zh(&site);
    run.status(1).stderr_has(&[
        "错误：content/stories/a.md:2:6: “title”后面用了全角冒号“：”",
        "错误：content/stories/a.md:3:5: “date”后面用了全角冒号“：”",
    ]);
    assert_eq!(run.stderr.matches("错误：").count(), 2, "{}", run.stderr);
}

#[test]
fn full_width_colon_in_a_nested_key_is_an_error_at_its_own_line() {
    let site = story(
        "title: 好人好事\ndate: 2023-03-05\npeople:\n  - name: 张三\n    org：青年志愿服务队\n",
    );
    build_zh(&site)
        .status(1)
        .stderr_has(&["错误：content/stories/a.md:6:8: “org”后面用了全角冒号“：”"]);
}

#[test]
fn full_width_colon_in_site_yaml_is_an_error_at_the_colon() {
    let site = Site::new(&[
        (
            "site.yaml",
            "title：测试志愿服务\nbase_url: https://example.org/\n",
        ),
        (
            "content/stories/a.md",
            "---\ntitle: a\ndate: 2023-03-05\n---\n",
        ),
    ]);
    fails_with(
        &build_zh(&site),
        "错误：site.yaml:1:6: “title”后面用了全角冒号“：”，YAML 只认半角冒号“:”",
        "提示：把全角冒号“：”改成半角冒号“:”，冒号后面加一个空格，例如“title: …”",
    );
}

// ---- tabs ----

#[test]
fn tab_indentation_is_an_error_saying_to_use_spaces() {
    let site = story("title: 雷锋\ndate: 2023-03-05\ntags:\n\t- 助老\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:5:1: 这一行用 Tab 键缩进，YAML 只能用空格缩进",
        "提示：请把 Tab 换成空格：每一级缩进两个空格，和同一级的其他键对齐",
    );
    site.build().status(1).stderr_has(&[
        "error: content/stories/a.md:5:1: this line is indented with a tab; YAML allows only spaces for indentation",
    ]);
}

// ---- a hashtag after ` #` ----

#[test]
fn hashtag_after_a_space_is_a_warning_and_the_value_is_kept_as_yaml_reads_it() {
    let site = story("title: 朗诵会 #惠民社区\ndate: 2023-03-05\n");
    warns_with(
        &build_zh(&site),
        "警告：content/stories/a.md:2:12: “#惠民社区”被当作注释，没有算进这个值：在 YAML 里，空格后面的“#”表示注释，这一行“#”以后的文字都不算",
        "提示：要保留这段文字，请把整个值放进半角引号：title: \"朗诵会 #惠民社区\"",
    );
    let page = site.read("stories/a/index.html");
    assert!(page.contains("<title>朗诵会"), "the title as YAML reads it");
    assert!(!page.contains("惠民社区"), "the comment is not in the page");
    // A second build would find the output up to date: `check` reads again.
    warns_with(
        &site.check_with(&[]),
        "warning: content/stories/a.md:2:12: `#惠民社区` is read as a comment and left out of the value: in YAML, `#` after a space starts a comment",
        "hint: to keep it, put the whole value in ASCII quotes: title: \"朗诵会 #惠民社区\"",
    );
}

#[test]
fn hashtag_that_leaves_nothing_of_the_value_is_an_error() {
    let site = story("title: #惠民社区\ndate: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:2:8: “#惠民社区”被当作注释，这个值就成了空的：在 YAML 里，空格后面的“#”表示注释，这一行“#”以后的文字都不算",
        "提示：要保留这段文字，请把整个值放进半角引号：title: \"#惠民社区\"",
    );
}

#[test]
fn comments_written_with_a_space_after_the_hash_are_not_warned_about() {
    let site = story("title: 朗诵会 # 地点待定\ndate: 2023-03-05\ntags: [助老] # 标签\n");
    let run = build_zh(&site);
    run.success();
    assert!(!run.stderr.contains("警告"), "{}", run.stderr);
}

#[test]
fn hashtag_in_site_yaml_is_a_warning_too() {
    let site = Site::new(&[
        (
            "site.yaml",
            &config_with("footer:\n  organization: 文明办 #志愿\n"),
        ),
        (
            "content/stories/a.md",
            "---\ntitle: a\ndate: 2023-03-05\n---\n",
        ),
    ]);
    build_zh(&site)
        .success()
        .stderr_has(&["警告：site.yaml:9:21: “#志愿”被当作注释"]);
}

// ---- full-width commas in a one-line list ----

#[test]
fn full_width_commas_in_a_one_line_list_split_it_with_a_warning() {
    let site = story("title: 雷锋\ndate: 2023-03-05\ntags: [学雷锋，志愿服务，助老]\n");
    let run = build_zh(&site);
    warns_with(
        &run,
        "警告：content/stories/a.md:4:11: 各项之间用了中文标点“，”，已按分开的几项读取",
        "提示：各项之间请用半角逗号“,”分隔，例如 [学雷锋, 志愿服务]；如果“，”本来就是某一项里的文字，请把这一项放进半角引号",
    );
    run.stderr_has(&["警告：content/stories/a.md:4:16: "]);
    // A Chinese tag's URL is its pinyin and a short hash of its characters.
    let tags: Vec<String> = std::fs::read_dir(site.out().join("tags"))
        .expect("the tags folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    for tag in ["xue-lei-feng-", "zhi-yuan-fu-wu-", "zhu-lao-"] {
        assert!(tags.iter().any(|t| t.starts_with(tag)), "{tag} in {tags:?}");
    }
    site.check_with(&[]).success().stderr_has(&[
        "warning: content/stories/a.md:4:11: a Chinese comma `，` between items; read as separate items",
    ]);
}

#[test]
fn enumeration_commas_in_a_one_line_list_split_it_with_a_warning() {
    let site = story("title: 雷锋\ndate: 2023-03-05\nauthor: [张三、李四]\n");
    warns_with(
        &build_zh(&site),
        "警告：content/stories/a.md:4:12: 各项之间用了中文标点“、”，已按分开的几项读取",
        "提示：各项之间请用半角逗号“,”分隔，例如 [学雷锋, 志愿服务]；如果“、”本来就是某一项里的文字，请把这一项放进半角引号",
    );
    let page = site.read("stories/a/index.html");
    assert!(
        page.contains(r#"{"@type":"Person","name":"李四"}"#),
        "two authors, not one"
    );
}

#[test]
fn a_quoted_item_keeps_its_full_width_comma() {
    let site = story("title: 雷锋\ndate: 2023-03-05\ntags: [\"学雷锋，志愿服务\"]\n");
    let run = build_zh(&site);
    run.success();
    assert!(!run.stderr.contains("警告"), "{}", run.stderr);
}

// ---- quotes from a Chinese input method ----

#[test]
fn straight_opening_and_curly_closing_quote_is_an_error_at_the_opening_quote() {
    let site = story("title: \"雷锋精神代代传”\ndate: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:2:8: 引号不配对：这个值用 \" 开头，却用 ” 结尾",
        "提示：YAML 只认半角引号：请在值的两边都用半角双引号 \"…\"（把输入法切换到英文标点再输入）",
    );
    site.build().status(1).stderr_has(&[
        "error: content/stories/a.md:2:8: the quotes do not match: the value opens with \" and closes with ”",
    ]);
}

#[test]
fn value_wrapped_in_curly_quotes_is_kept_with_a_warning() {
    let site = story("title: “我为群众办实事”\ndate: 2023-03-05\n");
    warns_with(
        &build_zh(&site),
        "警告：content/stories/a.md:2:8: 这个值用中文引号“”括了起来，引号会作为文字的一部分显示在网页上",
        "提示：如果是想给值加引号，请改用半角双引号 \"…\"；如果中文引号本来就是文字的一部分，请在外面再加一对半角双引号，例如 \"“我为群众办实事”\"",
    );
}

#[test]
fn curly_quotes_around_a_value_yaml_cannot_read_are_an_error_at_the_opening_quote() {
    let site = story("title: “雷锋精神: 代代传”\ndate: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:2:8: 这个值用的是中文引号“”，YAML 不把它们当作引号",
        "提示：请改用半角双引号把值括起来：\"…\"（把输入法切换到英文标点再输入）",
    );
}

#[test]
fn unclosed_quote_is_an_error_at_the_opening_quote() {
    let site = story("title: \"雷锋精神代代传\ndate: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:2:8: 这里开始的 \" 没有结束",
        "提示：请在这一行的值末尾加上 \"，或者删掉开头的 \"",
    );
    site.build()
        .status(1)
        .stderr_has(&["error: content/stories/a.md:2:8: \" opened here is never closed"]);
}

#[test]
fn unclosed_list_is_an_error_at_its_bracket() {
    let site = story("title: 雷锋\ndate: 2023-03-05\ntags: [学雷锋, 志愿服务\n");
    build_zh(&site)
        .status(1)
        .stderr_has(&["错误：content/stories/a.md:4:7: 这里开始的 [ 没有结束"]);
}

// ---- YAML's complaints in plain words ----

#[test]
fn a_wrong_type_in_a_nested_value_is_named_in_plain_words_at_the_value() {
    let site = story(
        "title: 好人好事\ndate: 2023-03-05\npeople:\n  - name: 张三\n    honors: 优秀志愿者\n",
    );
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:6:13: “people”第 1 项的“honors”写的是文字“优秀志愿者”，这里应该是一个列表，例如 [甲, 乙]",
        "提示：文字直接写（含有“: ”或“ #”时放进半角引号），数字用阿拉伯数字，是/否写 true 或 false，列表写成 [甲, 乙] 或每行一个“- 项”",
    );
    site.build().status(1).stderr_has(&[
        "error: content/stories/a.md:6:13: `people` item 1 → `honors` is the text \"优秀志愿者\", but should be a list, e.g. [a, b]",
    ]);
}

#[test]
fn an_unknown_key_in_a_person_suggests_the_keys_a_person_has() {
    let site =
        story("title: 好人好事\ndate: 2023-03-05\npeople:\n  - name: 张三\n  - nmae: 李四\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:6:5: “people”第 2 项里有未知的键“nmae”",
        "提示：是不是想写“name”？可以用的键：name, org, honors",
    );
}

#[test]
fn a_missing_key_in_a_person_is_named_at_the_person() {
    let site = story(
        "title: 好人好事\ndate: 2023-03-05\npeople:\n  - name: 张三\n  - org: 青年志愿服务队\n",
    );
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:6:5: “people”第 2 项缺少必填的键“name”",
        "提示：请在前言（front matter）里加上一行“name: …”",
    );
}

#[test]
fn a_missing_title_is_named_in_plain_words() {
    let site = story("date: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:2:1: 缺少必填的键“title”",
        "提示：请在前言（front matter）里加上一行“title: …”",
    );
}

#[test]
fn a_line_yaml_cannot_read_is_explained_in_plain_words() {
    let site = story("title: 雷锋\n date: 2023-03-05\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:3:6: YAML 无法把这一行读成“键: 值”",
        "提示：请写成“键: 值”：用半角冒号，冒号后面加一个空格；同一级的键要从同一列开始；值里有“: ”的，请把整个值放进半角引号",
    );
}

#[test]
fn a_number_where_a_list_belongs_is_named_in_plain_words() {
    let site = story("title: 雷锋\ndate: 2023-03-05\ntags: 5\n");
    build_zh(&site).status(1).stderr_has(&[
        "错误：content/stories/a.md:4:7: “tags”写的是数字 5，这里应该是一个列表，例如 [甲, 乙]",
    ]);
}

#[test]
fn a_negative_issue_number_is_named_in_plain_words() {
    let site = story("title: 雷锋\ndate: 2023-03-05\nissue: -1\n");
    build_zh(&site).status(1).stderr_has(&[
        "错误：content/stories/a.md:4:8: “issue”写的是数字 -1，这里应该是一个不小于 0 的整数，例如 3",
    ]);
}

// ---- errors in nested values point at the value ----

#[test]
fn a_bad_deadline_date_points_at_the_deadline_not_at_deadlines() {
    let site = Site::new(&[(
        "content/announcements/n.md",
        "---\ntitle: 招募通知\ndate: 2023-03-05\ndeadlines:\n  - date: 2023-03-10\n    what: 报名\n  - date: 2023-13-10\n    what: 截止\n---\n正文。\n",
    )]);
    site.build()
        .status(1)
        .stderr_has(&["error: content/announcements/n.md:7:11: "]);
    build_zh(&site)
        .status(1)
        .stderr_has(&["content/announcements/n.md:7:11: "]);
}

#[test]
fn an_unknown_metric_points_at_its_own_line_not_at_stats() {
    let site = Site::new(&[(
        "content/reports/r.md",
        "---\ntitle: 活动报道\ndate: 2023-03-06\nstats:\n  volunteers: 20\n  hourz: 5\n---\n正文。\n",
    )]);
    site.build()
        .status(1)
        .stderr_has(&["error: content/reports/r.md:6:10: ", "hourz"]);
}

#[test]
fn full_width_colon_in_a_one_line_mapping_is_an_error_at_the_colon() {
    let site = Site::new(&[(
        "content/reports/r.md",
        "---\ntitle: 活动报道\ndate: 2023-03-06\nstats: {volunteers：20}\n---\n正文。\n",
    )]);
    fails_with(
        &build_zh(&site),
        "错误：content/reports/r.md:4:19: “volunteers”后面用了全角冒号“：”，YAML 只认半角冒号“:”",
        "提示：把全角冒号“：”改成半角冒号“:”，冒号后面加一个空格，例如“volunteers: …”",
    );
}

#[test]
fn full_width_comma_before_the_next_key_of_a_one_line_mapping_splits_it_with_a_warning() {
    let site = Site::new(&[(
        "content/reports/r.md",
        "---\ntitle: 活动报道\ndate: 2023-03-06\nstats: {volunteers: 20，hours: 5}\n---\n正文。\n",
    )]);
    build_zh(&site).success().stderr_has(&[
        "警告：content/reports/r.md:4:23: 各项之间用了中文标点“，”，已按分开的几项读取",
    ]);
}

#[test]
fn a_list_where_a_date_belongs_is_named_at_the_value() {
    let site = story("title: 雷锋\ndate: [2023-03-05]\n");
    fails_with(
        &build_zh(&site),
        "错误：content/stories/a.md:3:7: “date”写的是一个列表，这里应该是文字、数字或日期",
        "提示：文字直接写（含有“: ”或“ #”时放进半角引号），数字用阿拉伯数字，是/否写 true 或 false，列表写成 [甲, 乙] 或每行一个“- 项”",
    );
    site.build().status(1).stderr_has(&[
        "error: content/stories/a.md:3:7: `date` is a list, but should be text, a number or a date",
    ]);
}

#[test]
fn list_items_wrapped_in_curly_quotes_are_kept_with_a_warning() {
    let site = story("title: 雷锋\ndate: 2023-03-05\ntags: [“学雷锋”, 志愿服务]\n");
    build_zh(&site).success().stderr_has(&[
        "警告：content/stories/a.md:4:8: 这个值用中文引号“”括了起来，引号会作为文字的一部分显示在网页上",
    ]);
}
