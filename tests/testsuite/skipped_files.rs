//! No silent skips under `content/`: `.markdown` and upper-case `.MD` are
//! read as Markdown; any other file no page publishes is a warning naming
//! it and what to do; bundle files are published; hidden files and the
//! traces of editors and file managers are passed over without a word.

use crate::fixture::Site;

const STORY: &str = "---\ntitle: 好人好事\ndate: 2023-03-05\n---\n正文。\n";

#[test]
fn markdown_and_upper_case_md_files_are_published() {
    let site = Site::new(&[
        ("content/stories/long.markdown", STORY),
        ("content/stories/upper.MD", STORY),
        ("content/stories/Mixed.Markdown", STORY),
        ("content/stories/bundle/INDEX.MD", STORY),
        ("content/stories/bundle/photo.jpg", "jpeg"),
    ]);
    let run = site.built();
    assert!(run.stderr.is_empty(), "no warning: {}", run.stderr);
    for page in [
        "stories/long/index.html",
        "stories/upper/index.html",
        "stories/mixed/index.html",
        "stories/bundle/index.html",
        "stories/bundle/photo.jpg",
    ] {
        assert!(site.has(page), "{page}");
    }
}

#[test]
fn a_link_to_a_markdown_file_of_any_extension_is_a_page_link() {
    let site = Site::new(&[
        ("content/stories/long.markdown", STORY),
        ("content/stories/upper.MD", STORY),
        (
            "content/stories/a.md",
            "---\ntitle: 链接\ndate: 2023-03-05\n---\n见[长文](long.markdown)和[另一篇](upper.MD)。\n",
        ),
    ]);
    site.built();
    let page = site.read("stories/a/index.html");
    assert!(page.contains("href=\"/stories/long/\""), "{page}");
    assert!(page.contains("href=\"/stories/upper/\""), "{page}");
}

fn with_word_file() -> Site {
    Site::new(&[
        ("content/stories/a.md", STORY),
        ("content/stories/方案.docx", "PK"),
    ])
}

#[test]
fn a_word_file_is_a_warning_saying_what_to_do() {
    let site = with_word_file();
    let zh = site.run_zh(&["build", "--root", "site"]);
    zh.success();
    zh.stderr_has(&[
        "警告：content/stories/方案.docx: Word 或 WPS 文件不会发布\n",
        "  提示：把它的文字复制到一个 .md 文件里，图片放进页面包（page bundle，即放 index.md 的文件夹）\n",
    ]);
    assert!(site.has("stories/a/index.html"));
    let en = with_word_file().build();
    en.success();
    en.stderr_has(&[
        "warning: content/stories/方案.docx: Word and WPS documents are not published\n",
        "  hint: copy its text into a .md file, and put its pictures in a page bundle",
    ]);
}

fn with_strays() -> Site {
    Site::new(&[
        ("content/stories/a.md", STORY),
        ("content/stories/旧稿.txt", "正文"),
        ("content/stories/通知.doc", "x"),
        ("content/stories/报名表.wps", "x"),
        ("content/pages/old.html", "<p>x</p>"),
        ("content/reports/统计.xlsx", "x"),
        ("content/stories/照片.jpg", "x"),
        ("content/notes.pages", "x"),
    ])
}

#[test]
fn each_unpublished_kind_of_file_gets_its_own_advice() {
    let site = with_strays();
    let zh = site.run_zh(&["build", "--root", "site"]);
    zh.success();
    zh.stderr_has(&[
        "警告：content/stories/旧稿.txt: 文本文件（.txt）不会发布\n  提示：把它改名为 .md，并在开头加上信息区",
        "警告：content/stories/通知.doc: Word 或 WPS 文件不会发布",
        "警告：content/stories/报名表.wps: Word 或 WPS 文件不会发布",
        "警告：content/pages/old.html: content/ 里的 HTML 文件不会发布\n",
        "警告：content/reports/统计.xlsx: 这个文档不会发布：它不在任何文章旁边\n",
        "警告：content/stories/照片.jpg: 这张图片不会发布：它不在任何文章旁边\n",
        "警告：content/notes.pages: 这个文件不会发布\n",
    ]);
    let en = with_strays().build();
    en.stderr_has(&["warning: content/stories/旧稿.txt: text files (.txt) are not published\n  hint: rename it to .md and add front matter"]);
    assert_eq!(zh.stderr.matches("警告：").count(), 7, "{}", zh.stderr);
}

#[test]
fn bundle_files_and_hidden_files_bring_no_warning() {
    let site = Site::new(&[
        ("content/stories/a/index.md", STORY),
        ("content/stories/a/表格.xlsx", "x"),
        ("content/stories/a/原稿.docx", "x"),
        ("content/stories/~$方案.docx", "x"),
        ("content/stories/.DS_Store", "x"),
        ("content/stories/Thumbs.db", "x"),
        ("content/stories/desktop.ini", "x"),
        ("content/stories/.hidden.txt", "x"),
    ]);
    let run = site.built();
    assert!(run.stderr.is_empty(), "no warning: {}", run.stderr);
    assert!(site.has("stories/a/表格.xlsx"));
    // A new stray file is then named.
    site.write("content/stories/方案.docx", "x");
    let run = site.build_with(&["--force"]);
    run.success();
    run.stderr_has(&["warning: content/stories/方案.docx: "]);
}

#[test]
fn check_names_unpublished_files_too() {
    let run = with_word_file().check_with(&[]);
    run.success();
    run.stderr_has(&["warning: content/stories/方案.docx: "]);
}
