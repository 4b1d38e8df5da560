//! Text is UTF-8; a BOM and CRLF line endings are accepted.

use crate::fixture::{main_of, Site};

#[test]
fn utf8_bom_and_crlf_line_endings_build_fine() {
    let story = "\u{FEFF}---\r\ntitle: Windows记事本写的故事\r\ndate: 2023-03-05\r\ntags: [志愿]\r\n---\r\n第一段。\r\n\r\n## 小标题\r\n\r\n第二段。\r\n";
    let config = format!("\u{FEFF}{}", crate::fixture::CONFIG.replace('\n', "\r\n"));
    let site = Site::new(&[
        ("site.yaml", &config),
        ("content/stories/notepad.md", story),
    ]);
    site.built();
    let page = site.read("stories/notepad/index.html");
    assert!(page.contains("<title>Windows记事本写的故事"), "title read");
    let main = main_of(&page);
    assert!(main.contains("第一段。"));
    assert!(main.contains("第二段。"));
    assert!(main.contains("id=\"小标题\""), "the heading, without a \\r");
    assert!(!page.contains('\u{FEFF}'), "no BOM in the output");
    assert!(
        site.has("tags/zhi-yuan-1eb8b1/index.html"),
        "the tag, without a \\r"
    );
    assert!(
        page.contains("测试志愿服务"),
        "site.yaml with BOM and CRLF read"
    );
}

#[test]
fn crlf_front_matter_dates_are_read() {
    let story = "---\r\ntitle: 日期\r\ndate: 2023-03-05 08:43\r\n---\r\n正文。\r\n";
    let site = Site::new(&[("content/stories/d.md", story)]);
    site.built();
    let page = site.read("stories/d/index.html");
    assert!(page.contains("2023年3月5日"));
    assert!(page.contains("datetime=\"2023-03-05T08:43:00+08:00\""));
}
