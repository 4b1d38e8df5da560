//! Tests of Markdown rendering: headings, links, raw HTML, plain text and
//! Chinese emphasis, each against a small source.

use pulldown_cmark::Parser;

use super::*;

/// Test resolver: `*.md` pages map to pretty URLs, `missing*` is broken,
/// everything else is kept.
struct TestResolver;

impl LinkResolver for TestResolver {
    fn resolve(
        &self,
        dest: &str,
        fragment: Option<&str>,
        _is_image: bool,
    ) -> Result<Option<String>, LinkError> {
        if dest.starts_with("missing") {
            let said = format!("no such page: {dest}");
            return Err(LinkError {
                message: Text::new(said.clone(), said),
                hint: None,
            });
        }
        let Some(stem) = dest.strip_suffix(".md") else {
            return Ok(None);
        };
        Ok(Some(match fragment {
            Some(f) => format!("/{stem}/#{f}"),
            None => format!("/{stem}/"),
        }))
    }
}

/// Resolver that panics: proves a destination was never sent.
struct NeverCalled;

impl LinkResolver for NeverCalled {
    fn resolve(&self, dest: &str, _: Option<&str>, _: bool) -> Result<Option<String>, LinkError> {
        panic!("resolver called with {dest:?}");
    }
}

fn safe(source: &str) -> Rendered {
    render(source, &MarkdownOptions::default(), &TestResolver)
}

fn unsafe_render(source: &str) -> Rendered {
    render(
        source,
        &MarkdownOptions { unsafe_html: true },
        &TestResolver,
    )
}

fn ids(rendered: &Rendered) -> Vec<&str> {
    rendered.headings.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn heading_id_cjk_and_punctuation() {
    assert_eq!(heading_id("Hello, World!"), "hello-world");
    assert_eq!(heading_id("志愿服务：简介"), "志愿服务简介");
    assert_eq!(heading_id("“引号”，句号。顿号、"), "引号句号顿号");
    assert_eq!(heading_id("  Rust  与   Go  "), "rust-与-go");
    assert_eq!(heading_id("snake_case and-dash"), "snake_case-and-dash");
    assert_eq!(heading_id("Ünïcödé Straße"), "ünïcödé-straße");
    assert_eq!(heading_id("A & B"), "a--b");
    assert_eq!(heading_id("？！。"), "section");
    assert_eq!(heading_id(""), "section");
}

#[test]
fn headings_get_ids_and_titles() {
    let r = safe("# 第一章 `代码` *强调*\n\n## Hello, World!\n");
    assert_eq!(ids(&r), ["第一章-代码-强调", "hello-world"]);
    assert_eq!(r.headings[0].title, "第一章 代码 强调");
    assert_eq!(r.headings[0].level, 1);
    assert_eq!(r.headings[1].level, 2);
    assert!(r
        .html
        .contains("<h1 id=\"第一章-代码-强调\">第一章 <code>代码</code> <em>强调</em></h1>"));
    assert!(r.html.contains("<h2 id=\"hello-world\">Hello, World!</h2>"));
}

#[test]
fn duplicate_heading_ids_get_suffixes() {
    let r = safe("# 简介\n\n## 简介\n\n### 简介\n\n## Intro\n\n## Intro-1\n\n## Intro\n");
    assert_eq!(
        ids(&r),
        ["简介", "简介-1", "简介-2", "intro", "intro-1", "intro-2"]
    );
    assert!(r.html.contains("<h3 id=\"简介-2\">"));
}

#[test]
fn explicit_heading_id_is_used() {
    let r = safe("## 标题 {#custom}\n\n## 标题\n\n## 其他 {#custom}\n");
    assert_eq!(ids(&r), ["custom", "标题", "custom-1"]);
    assert_eq!(r.headings[0].title, "标题");
    assert!(r.html.contains("<h2 id=\"custom\">标题</h2>"));
}

#[test]
fn heading_attributes_filtered_when_safe() {
    let source = "## x {onclick=alert(1) ONload=y style=z data-n=1 .c}\n";
    let r = safe(source);
    assert!(
        r.html
            .contains("<h2 id=\"x\" class=\"c\" data-n=\"1\">x</h2>"),
        "{}",
        r.html
    );
    let r = unsafe_render(source);
    assert!(r.html.contains("onclick=\"alert(1)\""), "{}", r.html);
}

#[test]
fn setext_and_linked_headings() {
    let r = safe("Title [page](a.md)\n===\n");
    assert_eq!(ids(&r), ["title-page"]);
    assert!(r
        .html
        .contains("<h1 id=\"title-page\">Title <a href=\"/a/\">page</a></h1>"));
}

#[test]
fn raw_html_dropped_by_default() {
    let source = "<div class=\"x\">block</div>\n\nText <span>inline</span> here.\n\n<!-- more -->\n\nAfter.\n";
    let r = safe(source);
    assert!(!r.html.contains("<div"), "{}", r.html);
    assert!(!r.html.contains("<span"), "{}", r.html);
    assert!(!r.html.contains("<!--"), "{}", r.html);
    assert!(r.html.contains("<p>Text inline here.</p>"), "{}", r.html);
    assert!(r.html.contains("<p>After.</p>"));
}

#[test]
fn raw_html_kept_when_unsafe() {
    let source = "<div class=\"x\">block</div>\n\nText <span>inline</span>.\n\n<!-- more -->\n";
    let r = unsafe_render(source);
    assert!(
        r.html.contains("<div class=\"x\">block</div>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>Text <span>inline</span>.</p>"));
    assert!(r.html.contains("<!-- more -->"));
}

#[test]
fn script_is_dropped() {
    let r = safe("Hi\n\n<script>alert('x')</script>\n\nand <script>evil()</script> inline\n");
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("alert"), "{}", r.html);
    let r = unsafe_render("<script>alert('x')</script>\n");
    assert!(r.html.contains("<script>alert('x')</script>"));
}

#[test]
fn links_are_rewritten_with_fragment() {
    let r = safe("[a](other.md#part) [b](other.md) [c](https://example.com/x#y)\n");
    assert!(
        r.html.contains("<a href=\"/other/#part\">a</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<a href=\"/other/\">b</a>"));
    assert!(r.html.contains("<a href=\"https://example.com/x#y\">c</a>"));
    assert!(r.problems.is_empty());
}

#[test]
fn reference_links_and_images_are_rewritten() {
    let r = safe("[ref][r] ![pic](shot.md)\n\n[r]: page.md#top\n");
    assert!(
        r.html.contains("<a href=\"/page/#top\">ref</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<img src=\"/shot/\" alt=\"pic\" />"),
        "{}",
        r.html
    );
}

#[test]
fn same_page_anchor_untouched() {
    let r = render(
        "[top](#顶部) [x](#a.md)\n",
        &MarkdownOptions::default(),
        &NeverCalled,
    );
    assert!(
        r.html.contains("href=\"#%E9%A1%B6%E9%83%A8\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"#a.md\""));
}

#[test]
fn email_autolink_not_resolved() {
    let r = render(
        "<me@example.com>\n",
        &MarkdownOptions::default(),
        &NeverCalled,
    );
    assert!(
        r.html.contains("href=\"mailto:me@example.com\""),
        "{}",
        r.html
    );
}

#[test]
fn broken_link_line_and_column() {
    let source = "# Title\n\nFirst paragraph.\nSome text and [bad](missing.md) here.\n\n中文 ![图](missing-img.png)\n";
    let r = safe(source);
    assert_eq!(r.problems.len(), 2);
    assert_eq!((r.problems[0].line, r.problems[0].column), (4, 15));
    assert_eq!(r.problems[0].message.en(), "no such page: missing.md");
    assert_eq!((r.problems[1].line, r.problems[1].column), (6, 4));
    assert!(
        r.html.contains("<a href=\"missing.md\">bad</a>"),
        "{}",
        r.html
    );
}

#[test]
fn broken_reference_link_position() {
    let r = safe("x\n\n  see [it][r]\n\n[r]: missing.md\n");
    assert_eq!(r.problems.len(), 1);
    assert_eq!((r.problems[0].line, r.problems[0].column), (3, 7));
}

#[test]
fn images_without_alt_are_listed() {
    let r = safe("![](a.png) ![ ](b.png) ![ok](c.png) ![*emph*](d.png) [![](e.png)](f.md)\n");
    assert_eq!(r.images_without_alt, ["a.png", "b.png", "e.png"]);
    assert!(r.html.contains("<img src=\"a.png\" alt=\"\" />"));
}

#[test]
fn dangerous_schemes_neutralised() {
    let source = "[a](javascript:alert(1)) [b](JavaScript:x) [c](vbscript:x) \
                  [d](data:text/html;base64,xx) ![e](data:image/png;base64,xx) \
                  [f](&#106;avascript:alert(1)) [g](https://ok.example/)\n";
    let r = safe(source);
    assert_eq!(r.html.matches("href=\"#\"").count(), 5, "{}", r.html);
    assert!(r.html.contains("src=\"data:image/png;base64,xx\""));
    assert!(r.html.contains("href=\"https://ok.example/\""));
    let r = unsafe_render("[a](javascript:alert(1))\n");
    assert!(r.html.contains("href=\"javascript:alert(1)\""));
}

#[test]
fn extensions_enabled() {
    let r = safe(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: Foot.\n",
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>gone</del>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn render_is_deterministic() {
    let source = "# A\n\n# A\n\n[x](missing.md) ![](p.png)\n";
    assert_eq!(safe(source), safe(source));
}

#[test]
fn plain_text_of_blocks() {
    let source = "# Title\n\n- one\n- two *em*\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n<div>raw</div>\n\nPara with `code` and <b>html</b>\nsoft break.\n";
    assert_eq!(
        plain_text(source),
        "Title\none\ntwo em\nnested\na b\n1 2\nfn main() {}\nPara with code and html soft break."
    );
}

#[test]
fn render_gives_the_same_plain_text_in_one_pass() {
    let source =
        "# 标题\n\n正文，**加粗** `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- 一\n- 二\n";
    let rendered = safe(source);
    assert_eq!(rendered.text, plain_text(source));
}

/// The HTML pulldown-cmark gives on its own, with this module's options.
fn commonmark(source: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(source, parser_options()));
    html
}

#[test]
fn emphasis_beside_chinese_punctuation() {
    let cases = [
        ("**“雷锋”**精神", "<p><strong>“雷锋”</strong>精神</p>\n"),
        ("*《志愿服务条例》*规定", "<p><em>《志愿服务条例》</em>规定</p>\n"),
        ("__“学雷锋”__活动", "<p><strong>“学雷锋”</strong>活动</p>\n"),
        ("**雷锋精神**，", "<p><strong>雷锋精神</strong>，</p>\n"),
        ("（**重要**）", "<p>（<strong>重要</strong>）</p>\n"),
        ("“**重要**”", "<p>“<strong>重要</strong>”</p>\n"),
        ("学习**“雷锋”**精神", "<p>学习<strong>“雷锋”</strong>精神</p>\n"),
        ("开展**（第三次）**活动", "<p>开展<strong>（第三次）</strong>活动</p>\n"),
        ("我们**“学雷锋”**，", "<p>我们<strong>“学雷锋”</strong>，</p>\n"),
        ("活动__“学雷锋”__", "<p>活动<strong>“学雷锋”</strong></p>\n"),
        (
            "学习**“雷锋”**精神，**弘扬**“志愿”**精神**",
            "<p>学习<strong>“雷锋”</strong>精神，<strong>弘扬</strong>“志愿”<strong>精神</strong></p>\n",
        ),
        (
            "***“雷锋”***精神和*“志愿”*服务",
            "<p><em><strong>“雷锋”</strong></em>精神和<em>“志愿”</em>服务</p>\n",
        ),
    ];
    for (source, html) in cases {
        assert_eq!(safe(source).html, html, "{source}");
    }
    // What CommonMark alone makes of the first.
    assert_eq!(commonmark("**“雷锋”**精神"), "<p>**“雷锋”**精神</p>\n");
}

#[test]
fn emphasis_marks_never_reach_the_output() {
    let r = safe("# **“标题”**内容 {#id_“x”**y}\n\n`**“代码”**精神` [链接](“a”**精.md \"“t”**题\")\n\n```\n**“块”**内\n```\n");
    assert!(!r.html.contains(cjk::MARK), "{}", r.html);
    assert!(!r.text.contains(cjk::MARK), "{}", r.text);
    assert!(r.html.contains("<code>**“代码”**精神</code>"), "{}", r.html);
    assert!(
        r.html.contains("<pre><code>**“块”**内\n</code></pre>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("title=\"“t”**题\""), "{}", r.html);
    assert_eq!(r.headings[0].title, "“标题”内容");
    assert_eq!(r.headings[0].id, "id_“x”**y");
    let r = unsafe_render("<span title=\"“a”**精\">x</span> **“雷锋”**精神\n");
    assert!(r.html.contains("<span title=\"“a”**精\">"), "{}", r.html);
}

#[test]
fn escaped_and_unpaired_runs_stay_literal() {
    assert_eq!(safe("\\*\\*“雷锋”**精神").html, "<p>**“雷锋”**精神</p>\n");
    assert_eq!(safe("**“雷锋”\\**精神").html, "<p>**“雷锋”**精神</p>\n");
    assert_eq!(safe("“雷锋”**精神").html, "<p>“雷锋”**精神</p>\n");
    assert_eq!(safe("精神**“雷锋”").html, "<p>精神**“雷锋”</p>\n");
}

#[test]
fn latin_emphasis_keeps_commonmark_rules() {
    let sources = [
        "snake_case_words and __init__ and foo_bar_",
        "2*3*4 and 2 * 3 * 4",
        "*a*b **c**d _e_f __g__h",
        "\"*quoted*\" and *\"quoted\"*word and (_x_)y",
        "“*curly*”word and word*“curly”*",
        "**bold**, *em*; _u_. __s__!",
        "a **b *c* d** e ***f*** g",
        "*not closed and _not either",
        "x_“y”_z and “y”_z_",
    ];
    for source in sources {
        assert_eq!(safe(source).html, commonmark(source), "{source}");
    }
}

#[test]
fn broken_link_after_added_emphasis_keeps_its_column() {
    let source = "**“雷锋”**精神，*《条例》*规定 [坏](missing.md)\n";
    let r = safe(source);
    assert_eq!(r.problems.len(), 1);
    assert_eq!((r.problems[0].line, r.problems[0].column), (1, 21));
}

#[test]
fn line_break_between_chinese_characters_is_no_space() {
    let r = safe(
        "志愿\n服务，“雷锋”\n精神\n**学习**\n*弘扬*。\nOpen\nsource 开源\n社区\n한국어\n문장\n",
    );
    assert_eq!(
        r.html,
        "<p>志愿服务，“雷锋”精神<strong>学习</strong><em>弘扬</em>。\nOpen\nsource 开源社区\n한국어\n문장</p>\n"
    );
    assert_eq!(
        r.text,
        "志愿服务，“雷锋”精神学习弘扬。 Open source 开源社区 한국어 문장"
    );
    assert_eq!(
        plain_text("志愿\n服务\n\nnext\nline"),
        "志愿服务\nnext line"
    );
    let r = safe("第一\n章\n---\n\n> 引用\n> 文字\n");
    assert_eq!(r.headings[0].title, "第一章");
    assert!(r.html.contains("<p>引用文字</p>"), "{}", r.html);
    assert_eq!(safe("the “x”\nspirit").html, "<p>the “x”\nspirit</p>\n");
}

#[test]
fn anchor_messages_in_both_languages() {
    let r = safe("## 简介\n\n[去](#活动)\n");
    let message = &r.problems[0].message;
    assert_eq!(
        message.en(),
        "link to `#活动`: no heading with that id on this page (its headings: #简介)"
    );
    assert_eq!(
        message.zh(),
        "链接“#活动”在本页找不到对应的标题（本页的标题有：#简介）"
    );
    let r = safe("[去](#活动)\n");
    assert_eq!(
        r.problems[0].message.zh(),
        "链接“#活动”要跳到本页的一个标题，但本页没有任何标题"
    );
}

/// The characters of text: everything but the delimiters and spaces.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '_')
        .collect()
}

#[test]
fn chinese_emphasis_changes_markup_never_text() {
    const PIECES: [&str; 24] = [
        "*", "**", "_", "__", "***", "“", "”", "《", "》", "，", "。", "（", "）", "雷锋", "精神",
        "a", "b c", "\n", "\\", "`", "[", "](x.md)", "<b>", "2",
    ];
    // A fixed linear congruential sequence: the same sources every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for _ in 0..3000 {
        let len = 1 + next() % 14;
        let source: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        let ours = unsafe_render(&source);
        assert!(!ours.html.contains(cjk::MARK), "{source:?}");
        assert!(!ours.text.contains(cjk::MARK), "{source:?}");
        let plain = |html: &str| {
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            letters(&text)
        };
        assert_eq!(
            plain(&ours.html),
            plain(&commonmark(&source)),
            "{source:?}\n{}\n{}",
            ours.html,
            commonmark(&source)
        );
    }
}
