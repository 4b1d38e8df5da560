//! `redvest import` (issue 18): legacy articles from text files, saved web
//! pages and Word files become Markdown files of the site that build.
//!
//! Fixtures, in `tests/fixtures/import/` (all but the seeds written by
//! `scripts/import-fixtures.py`):
//! - the three seeds, as copied out of a WeChat post, a news site and a
//!   scraped traditional-character page with pinyin after each character;
//! - `gbk/donghu-clinic.txt`: a short report in GBK, with a title line and an
//!   info line (发布时间、来源) and three figures;
//! - `big5/qianan-congress.txt`: a traditional-character report in Big5 with
//!   a reporter line (記者);
//! - `wechat/wechat-post.html`: a saved WeChat article: `#activity-name`,
//!   `#js_name`, `#publish_time`, a `rich_media_content` with a follow
//!   prompt, greetings, a word-count line, a two-line subhead, a lazily
//!   loaded picture (`data-src`, placeholder `src`) with a ▲ caption, a
//!   sign-off and a QR prompt; a QR box and "阅读原文" outside the content;
//! - `cms/cms-page.html`: a saved county-government page: header and
//!   navigation, breadcrumb, an info bar (来源、发布时间、责任编辑、【字号 大 中
//!   小】), 一、/二、 headings, a picture with alt text, share bar, "我来说两句"
//!   and a footer (主办单位、ICP、版权所有);
//! - `volunteer-month-summary.docx`: a Word file with a Title, two Heading 1
//!   and a Heading 2, a numbered and a bulleted list, a 3×3 table, a picture
//!   with a Caption paragraph, a 发布日期 line and a 通讯员 line.

use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::fixture::{Run, Site};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel)
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("create a folder");
        for entry in fs::read_dir(from).expect("read a fixture folder") {
            let entry = entry.expect("an entry");
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::create_dir_all(to.parent().expect("a parent")).expect("create a folder");
        fs::copy(from, to).expect("copy a fixture");
    }
}

/// A site, with the fixtures `names` copied into `legacy/` beside it.
fn site_with_legacy(names: &[&str]) -> Site {
    let site = Site::new(&[]);
    for name in names {
        copy(&fixture(name), &site.beside("legacy").join(name));
    }
    site
}

fn import_args<'a>(files: &[&'a str], extra: &[&'a str]) -> Vec<String> {
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| format!("legacy/{f}")));
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(["--root".to_string(), "site".to_string()]);
    args
}

fn import(site: &Site, files: &[&str], extra: &[&str]) -> Run {
    let args = import_args(files, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    site.run(&args)
}

fn import_zh(site: &Site, files: &[&str], extra: &[&str]) -> Run {
    let args = import_args(files, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    site.run_zh(&args)
}

fn written(site: &Site, rel: &str) -> String {
    fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The Markdown body after the front matter, with Markdown's escapes taken out.
fn body(markdown: &str) -> String {
    let after = markdown.splitn(3, "---\n").nth(2).expect("front matter");
    after.replace('\\', "")
}

/// The front matter, between the `---` lines.
fn front(markdown: &str) -> &str {
    markdown.split("---\n").nth(1).expect("front matter")
}

/// The seed's sentences: each line split after 。！？, pinyin annotations
/// removed with a pattern of its own (bracketed Latin letters with tone
/// marks), empty pieces left out.
fn sentences(lines: &[&str]) -> Vec<String> {
    let pinyin = Regex::new(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)").expect("a pattern");
    let mut out = Vec::new();
    for line in lines {
        let line = pinyin.replace_all(line, "");
        let mut current = String::new();
        for c in line.chars() {
            current.push(c);
            if "。！？".contains(c) {
                out.push(current.trim().to_string());
                current.clear();
            }
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The seed's lines that are its article: all but `outside` (title, meta
/// lines, boilerplate), which must not be in the body.
fn article_lines<'a>(seed: &'a str, outside: &[&str]) -> Vec<&'a str> {
    seed.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !outside.contains(l))
        .collect()
}

#[track_caller]
fn assert_every_sentence_kept(seed: &str, outside: &[&str], body: &str) {
    let kept = sentences(&article_lines(seed, outside));
    assert!(
        kept.len() > 10,
        "the seed has its sentences: {}",
        kept.len()
    );
    for sentence in &kept {
        assert!(
            body.contains(sentence.as_str()),
            "sentence lost: {sentence}\n---\n{body}"
        );
    }
    for line in outside {
        assert!(
            !body.lines().any(|l| l.trim() == *line),
            "boilerplate left: {line}"
        );
    }
}

#[track_caller]
fn assert_builds_with(site: &Site, page: &str, title: &str) {
    site.build_with(&["--drafts", "--future"]).success();
    let html = site.read(page);
    assert!(html.contains(title), "{page} has its title");
}

const WECHAT_SEED: &str = "county-work-report-wechat.txt";
const WECHAT_OUT: &str =
    "content/reports/qian-an-jian-xing-zhi-yuan-fu-wu-li-nian-cu-jin-she-hui-he-xie-jin-bu.md";

#[test]
fn seed_wechat_report_keeps_every_sentence_and_loses_its_greetings_and_qr_prompt() {
    let site = site_with_legacy(&[WECHAT_SEED]);
    let run = import_zh(&site, &[WECHAT_SEED], &["--kind", "report"]);
    run.success();
    assert!(
        run.stdout.contains(&format!(
            "已导入 legacy/{WECHAT_SEED} → {WECHAT_OUT}（UTF-8）"
        )),
        "{}",
        run.stdout
    );
    for line in [
        "    问候语、结束语：“hey~”",
        "    问候语、结束语：“乾安发布”",
        "    二维码、关注提示：“没时间解释了,快长按左边二维码关注我们~~”",
        "    原文没有日期，暂用文件的日期",
        "    从正文中找到 3 个数字，已作为 stats 写入（已注释），请核对",
        "    原文里没有找到：责任编辑（editor）\n",
        "已导入 1 篇，未能导入 0 篇",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
    let md = written(&site, WECHAT_OUT);
    let front = front(&md);
    assert!(
        front.contains("title: \"乾安:践行志愿服务理念 促进社会和谐进步\"\n"),
        "{front}"
    );
    assert!(front.contains("source: \"乾安发布\"\n"), "{front}");
    assert!(front.contains("author: \"县文明办\"\n"), "{front}");
    assert!(front.contains("region: \"乾安县\"\n"), "{front}");
    assert!(
        front.contains("# 原文没有日期，这里暂用文件的日期；核对后请删去“draft: true”\n"),
        "{front}"
    );
    assert!(front.contains("draft: true\n"), "{front}");
    assert!(
        front.contains("#   activities: 200   # 取自“每年平均开展志愿服务活动200余次”\n"),
        "{front}"
    );
    assert!(
        front.contains("#   volunteers: 2600   # 取自“参加人数2600余人次”\n"),
        "{front}"
    );
    assert!(
        front.contains("#   hours: 2810   # 取自“时长达2810小时”\n"),
        "{front}"
    );
    let body = body(&md);
    assert!(
        body.contains("\n## 发挥活动引领效应 完善网格化志愿服务体系\n"),
        "{body}"
    );
    let seed = fs::read_to_string(fixture(WECHAT_SEED)).expect("the seed");
    let outside = [
        "乾安:践行志愿服务理念 促进社会和谐进步",
        "阅读“乾安发布”的时间到啦~都快来~",
        "hey~",
        "大家好",
        "图文:县文明办",
        "Bye",
        "乾安发布",
        "没时间解释了,快长按左边二维码关注我们~~",
    ];
    assert_every_sentence_kept(&seed, &outside, &body);
    assert_builds_with(
        &site,
        "reports/qian-an-jian-xing-zhi-yuan-fu-wu-li-nian-cu-jin-she-hui-he-xie-jin-bu/index.html",
        "乾安:践行志愿服务理念",
    );
}

#[test]
fn seed_district_news_takes_its_reporters_and_subtitle_and_keeps_every_sentence() {
    let seed_name = "district-news-report.txt";
    let site = site_with_legacy(&[seed_name]);
    let run = import(&site, &[seed_name], &["--kind", "report"]);
    run.success();
    let out = "content/reports/ling-dong-qu-zhi-yuan-fu-wu-gong-zuo-cheng-xiao-xian-zhu.md";
    assert!(
        run.stdout
            .contains(&format!("imported legacy/{seed_name} → {out} (UTF-8)")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("    stray punctuation: “|”"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "    the text has only a subtitle: “岭东区志愿服务工作成效显著” is used as the title"
        ),
        "{}",
        run.stdout
    );
    let md = written(&site, out);
    let front = front(&md);
    assert!(
        front.contains("title: \"岭东区志愿服务工作成效显著\"\n"),
        "{front}"
    );
    assert!(
        front.contains("author: [\"李莹莹\", \"杨军\"]\n"),
        "{front}"
    );
    assert!(front.contains("region: \"岭东区\"\n"), "{front}");
    assert!(
        front.contains("# source: not found in the text; fill it in if you know it\n"),
        "{front}"
    );
    let body = body(&md);
    assert!(
        body.contains("\n## 传承雷锋精神志愿服务“共享化”\n"),
        "{body}"
    );
    let seed = fs::read_to_string(fixture(seed_name)).expect("the seed");
    let outside = [
        "——岭东区志愿服务工作成效显著",
        "记者 李莹莹 首席记者 杨军",
        "|",
    ];
    assert_every_sentence_kept(&seed, &outside, &body);
    assert_builds_with(
        &site,
        "reports/ling-dong-qu-zhi-yuan-fu-wu-gong-zuo-cheng-xiao-xian-zhu/index.html",
        "岭东区志愿服务工作成效显著",
    );
}

#[test]
fn seed_traditional_announcement_loses_its_pinyin_and_keeps_every_sentence() {
    let seed_name = "campaign-announcement-traditional.txt";
    let site = site_with_legacy(&[seed_name]);
    let run = import_zh(&site, &[seed_name], &["--kind", "announcement"]);
    run.success();
    assert!(
        run.stdout.contains("  删去 159 处拼音注音（進(jìn) → 進）"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    原文没有标题，暂用文件名“campaign-announcement-traditional”作标题"),
        "{}",
        run.stdout
    );
    let md = written(
        &site,
        "content/announcements/campaign-announcement-traditional.md",
    );
    let front = front(&md);
    assert!(front.contains("# 原文没有标题，这里暂用文件名，请改为文章标题\ntitle: \"campaign-announcement-traditional\"\n"), "{front}");
    assert!(front.contains("source: \"遼寧省民政廳\"\n"), "{front}");
    let body = body(&md);
    let annotation = Regex::new(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)").expect("a pattern");
    assert!(!annotation.is_match(&body), "no pinyin left");
    assert!(
        body.starts_with("\n為進一步推進志愿服務制度化常態化,"),
        "{body}"
    );
    let seed = fs::read_to_string(fixture(seed_name)).expect("the seed");
    assert_every_sentence_kept(&seed, &[], &body);
    assert_builds_with(
        &site,
        "announcements/campaign-announcement-traditional/index.html",
        "為進一步推進志愿服務制度化常態化",
    );
}

#[test]
fn to_simplified_converts_a_traditional_seed_but_leaves_simplified_text_alone() {
    let seeds = ["campaign-announcement-traditional.txt", WECHAT_SEED];
    let site = site_with_legacy(&seeds);
    let run = import(&site, &seeds, &["--kind", "report", "--to-simplified"]);
    run.success();
    let md = written(
        &site,
        "content/reports/campaign-announcement-traditional.md",
    );
    assert!(front(&md).contains("source: \"辽宁省民政厅\"\n"), "{md}");
    assert!(body(&md).contains("辽宁省民政厅决定在全省组织开展“雷锋在辽宁、大爱我先行”关爱农村留守儿童和困境儿童志愿服务活动。"), "{md}");
    assert_eq!(
        run.stdout
            .matches("  converted to simplified Chinese")
            .count(),
        1,
        "{}",
        run.stdout
    );
    let md = written(&site, WECHAT_OUT);
    assert!(
        body(&md).contains("乾安县坚持不断组织开展爱心帮扶活动"),
        "乾 stays 乾 in simplified text"
    );
}

#[test]
fn gbk_and_big5_files_are_decoded() {
    let site = site_with_legacy(&["gbk", "big5"]);
    let run = import_zh(&site, &["gbk", "big5"], &["--kind", "report"]);
    run.success();
    let gbk = "content/reports/dong-hu-she-qu-kai-zhan-xue-lei-feng-yi-zhen-huo-dong.md";
    let big5 =
        "content/reports/qian-an-xian-zhi-yuan-fu-wu-lian-he-hui-zhao-kai-huan-jie-da-hui.md";
    assert!(
        run.stdout.contains(&format!(
            "已导入 legacy/gbk/donghu-clinic.txt → {gbk}（GBK/GB18030）"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "已导入 legacy/big5/qianan-congress.txt → {big5}（Big5）"
        )),
        "{}",
        run.stdout
    );
    let md = written(&site, gbk);
    assert!(
        md.contains("title: \"东湖社区开展“学雷锋”义诊活动\"\ndate: 2023-03-05\n"),
        "{md}"
    );
    assert!(md.contains("source: \"县文明办\"\n"), "{md}");
    assert!(
        md.contains("3月5日上午，东湖社区新时代文明实践站组织志愿者开展“学雷锋”义诊活动。"),
        "{md}"
    );
    let md = written(&site, big5);
    assert!(
        md.contains("title: \"乾安縣志願服務聯合會召開換屆大會\"\n"),
        "{md}"
    );
    assert!(md.contains("author: \"王曉明\"\n"), "{md}");
    assert!(
        md.contains("大會選舉產生了新一屆理事會，並表彰了一批優秀志願者。"),
        "{md}"
    );
    site.build_with(&["--drafts", "--future"]).success();
}

#[test]
fn a_file_whose_encoding_cannot_be_told_is_reported_and_not_imported() {
    let site = Site::new(&[]);
    fs::create_dir_all(site.beside("legacy")).expect("a folder");
    fs::write(
        site.beside("legacy/latin.txt"),
        b"Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade.\n",
    )
    .expect("write");
    let run = import_zh(&site, &["latin.txt"], &["--kind", "story"]);
    run.status(1);
    assert!(run.stderr.contains("错误：legacy/latin.txt: 无法确定这个文件的文字编码（看起来最像 windows-1252），没有导入"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("提示：请用记事本或 WPS 打开，另存为 UTF-8 编码"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("已导入 0 篇，未能导入 1 篇"),
        "{}",
        run.stdout
    );
    let run = import(&site, &["latin.txt"], &["--kind", "story"]);
    run.status(1);
    assert!(run.stderr.contains("error: legacy/latin.txt: cannot tell this file's encoding with confidence (it looks most like windows-1252); it was not imported"), "{}", run.stderr);
    assert!(
        !site.root().join("content/stories").exists(),
        "nothing written"
    );
}

#[test]
fn a_saved_wechat_page_gives_its_content_picture_account_and_date() {
    let site = site_with_legacy(&["wechat"]);
    let run = import_zh(&site, &["wechat/wechat-post.html"], &["--kind", "story"]);
    run.success();
    let bundle = "content/stories/dong-hu-she-qu-zhi-yuan-fu-wu-jin-wan-jia";
    for line in [
        "    网页上正文以外的部分：“阅读原文阅读 2301”",
        "    二维码、关注提示：“点击上方蓝字关注我们”",
        "    问候语、结束语：“大家好”",
        "    字数、阅读时长：“全文共1200字，阅读大约需要4分钟”",
        "    二维码、关注提示：“长按识别二维码，关注东湖发布”",
        "  已保存 1 张图片",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
    let md = written(&site, &format!("{bundle}/index.md"));
    assert!(
        md.contains("title: \"东湖社区：志愿服务进万家\"\ndate: 2023-03-05\n"),
        "{md}"
    );
    assert!(md.contains("source: \"东湖发布\"\n"), "{md}");
    let body = body(&md);
    for gone in [
        "大家好",
        "hello",
        "Bye",
        "二维码",
        "阅读原文",
        "全文共",
        "蓝字",
    ] {
        assert!(!body.contains(gone), "{gone} left:\n{body}");
    }
    assert!(
        body.contains(
            "3月5日，东湖社区志愿服务队走进辖区独居老人家中，为老人们打扫卫生、测量血压。"
        ),
        "{body}"
    );
    assert!(body.contains("## 暖心服务 温暖老人\n"), "{body}");
    assert!(
        body.contains("![志愿者为老人测量血压](image-1.png)"),
        "{body}"
    );
    let picture = fs::read(site.root().join(bundle).join("image-1.png")).expect("the picture");
    assert_eq!(
        picture,
        fs::read(fixture("wechat/wechat-post_files/640.png")).expect("the fixture")
    );
    site.build_with(&["--future"]).success();
    assert!(site.has("stories/dong-hu-she-qu-zhi-yuan-fu-wu-jin-wan-jia/image-1.png"));
}

#[test]
fn a_saved_cms_page_loses_its_header_and_footer_and_gives_its_info_bar() {
    let site = site_with_legacy(&["cms"]);
    let run = import(&site, &["cms/cms-page.html"], &["--kind", "report"]);
    run.success();
    for line in [
        "    outside the article on the page: “当前位置：首页 > 志愿服务 > 工作动态”",
        "    outside the article on the page: “我来说两句”",
        "    outside the article on the page: “版权所有：岭东区人民政府”",
        "    outside the article on the page: “网站首页”",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
    let md = written(
        &site,
        "content/reports/ling-dong-qu-kai-zhan-wen-ming-jiao-tong-zhi-yuan-fu-wu-huo-dong/index.md",
    );
    let front = front(&md);
    for line in [
        "title: \"岭东区开展文明交通志愿服务活动\"\n",
        "date: 2023-04-12\n",
        "source: \"岭东区文明办\"\n",
        "editor: \"张丽\"\n",
        "region: \"岭东区\"\n",
        "#   volunteers: 240   # from “参与志愿者240人次”\n",
    ] {
        assert!(front.contains(line), "{line}\n{front}");
    }
    let body = body(&md);
    assert!(
        body.contains("\n## 活动安排\n") && body.contains("\n## 活动成效\n"),
        "{body}"
    );
    assert!(
        body.contains("![志愿者在路口疏导交通](image-1.png)"),
        "{body}"
    );
    for gone in ["字号", "打印", "分享到", "ICP", "版权所有", "网站首页"] {
        assert!(!body.contains(gone), "{gone} left:\n{body}");
    }
    site.built();
    assert!(site
        .read("reports/ling-dong-qu-kai-zhan-wen-ming-jiao-tong-zhi-yuan-fu-wu-huo-dong/index.html")
        .contains("张丽"));
}

#[test]
fn a_word_file_keeps_its_headings_lists_table_and_picture() {
    let name = "volunteer-month-summary.docx";
    let site = site_with_legacy(&[name]);
    let run = import_zh(&site, &[name], &["--kind", "report"]);
    run.success();
    let bundle = "content/reports/2023-nian-xue-lei-feng-zhi-yuan-fu-wu-yue-huo-dong-zong-jie";
    let md = written(&site, &format!("{bundle}/index.md"));
    let front = front(&md);
    assert!(
        front.contains(
            "title: \"2023年学雷锋志愿服务月活动总结\"\ndate: 2023-04-03\nauthor: \"赵敏\"\n"
        ),
        "{front}"
    );
    let body = body(&md);
    let expected = "\
## 活动开展情况

全县共开展志愿服务活动320次，参与志愿者5600人次，服务时长12000小时。

### 主要做法

1. 深入社区开展便民服务
2. 走进乡村开展助农活动
3. 到敬老院开展敬老活动

## 活动亮点

- 志愿服务进学校
- 志愿服务进企业 & 工地

| 项目 | 次数 | 参与人数 |
| --- | --- | --- |
| 便民服务 | 120 | 2100 |
| 助农活动 | 80 | 1500 |

![志愿者在敬老院为老人理发](image-1.png)
";
    assert!(body.contains(expected), "{body}");
    assert!(site.root().join(bundle).join("image-1.png").is_file());
    site.built();
    let html =
        site.read("reports/2023-nian-xue-lei-feng-zhi-yuan-fu-wu-yue-huo-dong-zong-jie/index.html");
    assert!(
        html.contains("<table>") && html.contains("<ol>") && html.contains("<ul>"),
        "{html}"
    );
}

#[test]
fn a_folder_imports_every_file_and_a_second_import_never_overwrites() {
    let site = site_with_legacy(&["gbk", "cms"]);
    fs::write(site.beside("legacy/gbk/名单.xlsx"), b"PK").expect("write");
    let first = import(&site, &["gbk", "cms"], &["--kind", "report"]);
    first.success();
    assert!(
        first
            .stdout
            .contains("skipped legacy/gbk/名单.xlsx: not a .txt, .html or .docx file"),
        "{}",
        first.stdout
    );
    assert!(
        !first.stdout.contains("cms-page_files"),
        "a saved page's own pictures are no articles to skip: {}",
        first.stdout
    );
    assert!(
        first.stdout.contains("2 imported, 0 not imported"),
        "{}",
        first.stdout
    );
    let original = written(
        &site,
        "content/reports/dong-hu-she-qu-kai-zhan-xue-lei-feng-yi-zhen-huo-dong.md",
    );
    let second = import(&site, &["gbk"], &["--kind", "report"]);
    second.success();
    assert!(
        second.stdout.contains(
            "→ content/reports/dong-hu-she-qu-kai-zhan-xue-lei-feng-yi-zhen-huo-dong-2.md"
        ),
        "{}",
        second.stdout
    );
    assert_eq!(
        written(
            &site,
            "content/reports/dong-hu-she-qu-kai-zhan-xue-lei-feng-yi-zhen-huo-dong.md"
        ),
        original
    );
}

#[test]
fn campaign_and_column_must_exist() {
    let site = site_with_legacy(&["gbk"]);
    site.write(
        "content/campaigns/lei-feng-yue.md",
        "---\ntitle: 学雷锋志愿服务月\nstart: 2023-03-01\n---\n",
    );
    let run = import_zh(
        &site,
        &["gbk"],
        &["--kind", "report", "--campaign", "leifeng"],
    );
    run.status(2);
    assert!(
        run.stderr
            .contains("错误：没有名为“leifeng”的活动（content/campaigns/leifeng.md）"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("提示：请从这些中选一个：lei-feng-yue；或者先用 redvest new 新建"),
        "{}",
        run.stderr
    );
    assert!(
        !site.root().join("content/reports").exists(),
        "nothing written"
    );
    let run = import(
        &site,
        &["gbk"],
        &["--kind", "report", "--campaign", "lei-feng-yue"],
    );
    run.success();
    let md = written(
        &site,
        "content/reports/dong-hu-she-qu-kai-zhan-xue-lei-feng-yi-zhen-huo-dong.md",
    );
    assert!(md.contains("campaign: lei-feng-yue\n"), "{md}");
    site.built();
}

#[test]
fn an_empty_file_is_reported_and_the_others_are_imported() {
    let site = site_with_legacy(&["gbk"]);
    fs::write(site.beside("legacy/empty.txt"), b"\n  \n").expect("write");
    let run = import_zh(&site, &["empty.txt", "gbk"], &["--kind", "report"]);
    run.status(1);
    assert!(
        run.stderr
            .contains("错误：legacy/empty.txt: 这个文件里没有文字，没有导入"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("已导入 1 篇，未能导入 1 篇"),
        "{}",
        run.stdout
    );
    let run = import(&site, &["empty.txt"], &["--kind", "report"]);
    assert!(
        run.stderr
            .contains("error: legacy/empty.txt: the file has no text; it was not imported"),
        "{}",
        run.stderr
    );
    assert!(site
        .root()
        .join("content/reports/dong-hu-she-qu-kai-zhan-xue-lei-feng-yi-zhen-huo-dong.md")
        .is_file());
}
