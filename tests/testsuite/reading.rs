//! A single page shows its word count and reading time the Chinese way:
//! 共计N字，预计阅读时长M分钟 (CJK characters count one each, other words by word).

use crate::fixture::{main_of, Site};

fn page_with_body(body: &str) -> String {
    let site = Site::new(&[(
        "content/stories/long.md",
        &format!("---\ntitle: 长文\ndate: 2023-03-05\n---\n{body}\n"),
    )]);
    site.built();
    main_of(&site.read("stories/long/index.html")).to_string()
}

#[test]
fn word_count_and_reading_time_for_600_han_characters_and_3_words() {
    // 600 Han characters + "hello", "world", "2023" = 603 → ceil(603 / 300) = 3 minutes.
    let body = format!("{}\n\nhello world 2023", "志愿".repeat(300));
    let page = page_with_body(&body);
    assert!(page.contains("共计603字"), "word count");
    assert!(page.contains("预计阅读时长3分钟"), "reading time");
}

#[test]
fn exactly_300_words_read_in_one_minute() {
    let page = page_with_body(&"好".repeat(300));
    assert!(page.contains("共计300字"));
    assert!(page.contains("预计阅读时长1分钟"));
}

#[test]
fn punctuation_and_markup_are_not_counted() {
    // 9 Han characters; the heading marks, emphasis and full-width punctuation are not words.
    let page = page_with_body("## 标题\n\n**志愿者**，你好！。\n\n- 服务");
    assert!(page.contains("共计9字"), "{page}");
    assert!(page.contains("预计阅读时长1分钟"));
}
