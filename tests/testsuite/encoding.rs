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

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let mut story = b"---\ntitle: \xE5\xBF\x97\xE6\x84\xBF\ndate: 2023-03-05\n---\n\xE7\xAC\xAC\xE4\xB8\x80\xE8\xA1\x8C\n".to_vec();
    // Line 6: 志愿, then a byte that is not UTF-8, at column 3.
    story.extend_from_slice(b"\xE5\xBF\x97\xE6\x84\xBF\xFF\xE6\x9C\x8D\xE5\x8A\xA1\n");
    let site = Site::new(&[]);
    site.write_bytes("content/stories/a.md", &story);
    site.build().status(1).stderr_has(&[
        "error: content/stories/a.md:6:3: the file is not UTF-8 text: this character cannot be read",
    ]);
    let zh = site.run_zh(&["build", "--root", site.root().to_str().expect("utf-8")]);
    zh.status(1).stderr_has(&[
        "错误：content/stories/a.md:6:3: 这个文件不是 UTF-8 文本，这里的字符无法识别",
        "另存为",
    ]);
    assert!(!zh.stderr.contains("字节"), "no byte offset: {}", zh.stderr);
}

#[test]
fn invalid_utf8_on_the_first_line_is_at_line_one() {
    let site = Site::new(&[]);
    site.write_bytes("content/stories/a.md", b"ab\x80cd\n");
    site.build()
        .status(1)
        .stderr_has(&["error: content/stories/a.md:1:3: the file is not UTF-8 text"]);
}
