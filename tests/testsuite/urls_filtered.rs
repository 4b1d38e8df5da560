//! Every URL an author writes goes through one rule: a `javascript:`,
//! `vbscript:` or non-image `data:` URL is refused. In Markdown it becomes
//! `#` (as before); as a `cover` it is an error at the cover's place, so
//! it never reaches `<img src>`, Open Graph or the JSON-LD.

use crate::fixture::Site;

fn story(cover: &str) -> String {
    format!("---\ntitle: 好人好事\ndate: 2023-03-05\ncover: \"{cover}\"\n---\n正文。\n")
}

#[test]
fn a_script_cover_is_an_error_at_its_place() {
    for (cover, shown) in [
        ("javascript:alert(1)", "javascript:alert(1)"),
        (" JaVa\\tScript:alert(1)", " JaVa\\u{9}Script:alert(1)"),
        (
            "data:text/html,<script>alert(1)</script>",
            "data:text/html,<script>alert(1)</script>",
        ),
        ("vbscript:msgbox", "vbscript:msgbox"),
    ] {
        let site = Site::new(&[("content/stories/a.md", &story(cover))]);
        let root = site.root().to_str().expect("UTF-8");
        site.run_zh(&["build", "--root", root]).status(1).stderr_has(&[
            &format!("错误：content/stories/a.md:4:8: 封面“{shown}”的网址可能运行脚本，不能使用"),
            "  提示：“cover”请写图片文件：和页面的 index.md 放在同一个文件夹里的图片文件名，或者以“/”开头、放在 static/ 里的图片路径，或者以 https:// 开头的图片网址",
        ]);
        site.build().status(1).stderr_has(&[&format!(
            "error: content/stories/a.md:4:8: cover `{shown}` is a URL that can run script, so it cannot be used"
        )]);
        assert!(!site.out().exists(), "{cover}: nothing is published");
    }
}

#[test]
fn a_script_cover_of_a_campaign_or_column_is_an_error_too() {
    let site = Site::new(&[
        (
            "content/campaigns/lf.md",
            "---\ntitle: 学雷锋月\nstart: 2023-03-01\nend: 2023-03-31\ncover: javascript:alert(1)\n---\n",
        ),
        (
            "content/columns/hr.md",
            "---\ntitle: 身边好人\ncover: data:text/html;base64,PHNjcmlwdD4=\n---\n",
        ),
    ]);
    site.build().status(1).stderr_has(&[
        "error: content/campaigns/lf.md:5:8: cover `javascript:alert(1)` is a URL that can run script",
        "error: content/columns/hr.md:3:8: cover `data:text/html;base64,PHNjcmlwdD4=` is a URL that can run script",
    ]);
}

#[test]
fn an_image_cover_by_url_is_kept_and_a_script_link_in_markdown_is_still_a_hash() {
    let site = Site::new(&[(
        "content/stories/a.md",
        "---\ntitle: 好人好事\ndate: 2023-03-05\ncover: https://img.example.org/a.jpg\n---\n\
         [看](javascript:alert(1)) ![图](data:text/html,x)\n",
    )]);
    site.built();
    let page = site.read("stories/a/index.html");
    assert!(page.contains("https://img.example.org/a.jpg"), "{page}");
    assert!(
        !page.contains("javascript:") && !page.contains("data:text"),
        "{page}"
    );
    assert!(page.contains("href=\"#\""), "{page}");
}
