//! URL names: pinyin of Chinese file names and tags; `slug:` wins.

use crate::fixture::{main_of, Site};

#[test]
fn chinese_file_name_becomes_a_pinyin_slug() {
    let site = Site::new(&[(
        "content/stories/雷锋在辽宁.md",
        "---\ntitle: 雷锋在辽宁\ndate: 2023-03-05\n---\n学雷锋。\n",
    )]);
    site.built();
    let page = site.read("stories/lei-feng-zai-liao-ning/index.html");
    assert!(page.contains("学雷锋。"));
    let list = site.read("stories/index.html");
    assert!(list.contains("href=\"/stories/lei-feng-zai-liao-ning/\""));
}

#[test]
fn chinese_tag_gets_a_pinyin_slug() {
    let site = Site::new(&[(
        "content/stories/a.md",
        "---\ntitle: 一篇故事\ndate: 2023-03-05\ntags: [志愿服务, 2023年]\n---\n故事。\n",
    )]);
    site.built();
    let tag = main_of(&site.read("tags/zhi-yuan-fu-wu-4026a4/index.html")).to_string();
    assert!(tag.contains("志愿服务"), "the tag's name is shown");
    assert!(tag.contains("一篇故事"), "the tagged story is listed");
    assert!(
        site.has("tags/2023-nian-2704a6/index.html"),
        "digits are kept"
    );
    let story = site.read("stories/a/index.html");
    assert!(story.contains("href=\"/tags/zhi-yuan-fu-wu-4026a4/\""));
}

#[test]
fn explicit_slug_replaces_the_file_name() {
    let site = Site::new(&[(
        "content/stories/雷锋在辽宁.md",
        "---\ntitle: 雷锋在辽宁\ndate: 2023-03-05\nslug: leifeng\n---\n",
    )]);
    site.built();
    assert!(site.has("stories/leifeng/index.html"));
    assert!(!site.has("stories/lei-feng-zai-liao-ning/index.html"));
}

#[test]
fn page_bundle_takes_its_folder_name_as_slug() {
    let site = Site::new(&[(
        "content/stories/张三/index.md",
        "---\ntitle: 张三的故事\ndate: 2023-03-05\n---\n",
    )]);
    site.built();
    assert!(site.has("stories/zhang-san/index.html"));
}

#[test]
fn ignored_files_are_not_published() {
    let site = Site::new(&[
        (
            "content/stories/_draft-notes.md",
            "---\ntitle: 笔记\ndate: 2023-03-05\n---\n",
        ),
        (
            "content/stories/.hidden.md",
            "---\ntitle: 隐藏\ndate: 2023-03-05\n---\n",
        ),
        ("content/stories/a.md~", "editor backup, not front matter"),
        (
            "content/stories/real.md",
            "---\ntitle: 真正的故事\ndate: 2023-03-05\n---\n",
        ),
    ]);
    site.built();
    assert!(site.has("stories/real/index.html"));
    assert!(!site.has("stories/draft-notes/index.html"));
    assert!(!site.has("stories/hidden/index.html"));
    assert!(!main_of(&site.read("stories/index.html")).contains("笔记"));
}
