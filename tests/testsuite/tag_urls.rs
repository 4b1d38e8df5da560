//! Tag URLs depend on the tag alone, never on which other tags exist: a tag
//! already a URL name keeps it (`/tags/volunteer/`), any other gets its
//! pinyin and six hex digits of a hash of its characters, so homophones
//! (公益, 工艺, 功益) each have their own address that adding a third
//! cannot move. Case variants (`Volunteer`, `volunteer`) are one tag.

use crate::fixture::{main_of, Site};

fn story(title: &str, tags: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2023-03-05\ntags: [{tags}]\n---\n正文。\n")
}

/// The URL a page links its tag `name` to.
pub(crate) fn tag_url(page: &str, name: &str) -> String {
    let end = page
        .find(&format!("\">{name}</a>"))
        .unwrap_or_else(|| panic!("no link to the tag {name}"));
    let start = page[..end].rfind("href=\"").expect("the link's href") + 6;
    page[start..end].to_string()
}

/// The one tag page whose folder is `tags/<pinyin>-` and six hex digits.
pub(crate) fn tag_page(site: &Site, pinyin: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(site.out().join("tags"))
        .expect("a tags folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.strip_prefix(pinyin)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|hash| hash.len() == 6 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(names.len(), 1, "one tags/{pinyin}-xxxxxx/: {names:?}");
    format!("tags/{}/index.html", names[0])
}

#[test]
fn a_new_homophone_tag_does_not_move_the_others() {
    let site = Site::new(&[
        ("content/stories/a.md", &story("公益故事", "公益")),
        ("content/stories/b.md", &story("工艺故事", "工艺")),
    ]);
    site.built();
    let before = [
        tag_url(&site.read("stories/a/index.html"), "公益"),
        tag_url(&site.read("stories/b/index.html"), "工艺"),
    ];
    site.write("content/stories/c.md", &story("功益故事", "功益"));
    site.built();
    let after = [
        tag_url(&site.read("stories/a/index.html"), "公益"),
        tag_url(&site.read("stories/b/index.html"), "工艺"),
    ];
    assert_eq!(before, after, "adding 功益 moved no tag");
    let new = tag_url(&site.read("stories/c/index.html"), "功益");
    assert!(!after.contains(&new), "功益 has its own address: {new}");
    for (url, name, title) in [
        (&after[0], "公益", "公益故事"),
        (&after[1], "工艺", "工艺故事"),
        (&new, "功益", "功益故事"),
    ] {
        assert!(
            url.starts_with("/tags/gong-yi-") && url.len() == "/tags/gong-yi-123456/".len(),
            "{url}"
        );
        let page = site.read(&format!("{}index.html", &url[1..]));
        let main = main_of(&page);
        assert!(
            main.contains(name) && main.contains(title),
            "{url} is {name}"
        );
        assert_eq!(
            main.matches("故事</a>").count(),
            1,
            "{url} lists only {name}"
        );
    }
}

#[test]
fn a_tag_url_is_the_same_on_every_site() {
    let one = Site::new(&[("content/stories/a.md", &story("工艺故事", "工艺"))]);
    one.built();
    let many = Site::new(&[(
        "content/stories/a.md",
        &story("工艺故事", "公益, 功益, 工艺, 攻一"),
    )]);
    many.built();
    assert_eq!(
        tag_url(&one.read("stories/a/index.html"), "工艺"),
        tag_url(&many.read("stories/a/index.html"), "工艺"),
    );
}

#[test]
fn case_variants_are_one_tag_and_a_plain_tag_keeps_its_name() {
    let site = Site::new(&[
        ("content/stories/a.md", &story("第一篇", "Volunteer")),
        ("content/stories/b.md", &story("第二篇", "volunteer")),
        ("content/stories/c.md", &story("第三篇", "volunteer, 2023")),
    ]);
    site.built();
    let main = main_of(&site.read("tags/volunteer/index.html")).to_string();
    for title in ["第一篇", "第二篇", "第三篇"] {
        assert!(main.contains(title), "{title} is under volunteer");
    }
    assert!(!site.has("tags/volunteer-2/index.html"), "no second page");
    assert!(site.has("tags/2023/index.html"));
    let a = site.read("stories/a/index.html");
    assert_eq!(
        tag_url(&a, "volunteer"),
        "/tags/volunteer/",
        "the most used spelling is shown"
    );
}
