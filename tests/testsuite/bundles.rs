//! Page bundles: the photos beside `index.md` are copied next to the page.

use crate::fixture::{main_of, Site};

/// A tiny PNG (a 1×1 pixel), as bytes.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn site() -> Site {
    let site = Site::new(&[(
        "content/stories/zhang-san/index.md",
        "---\ntitle: 张三的故事\ndate: 2023-03-05\ncover: photo.png\n---\n![张三为老人测量血压](photo.png)\n",
    )]);
    site.write_bytes("content/stories/zhang-san/photo.png", PNG);
    site
}

#[test]
fn bundle_photo_is_copied_next_to_the_page() {
    let site = site();
    site.built();
    let copied = std::fs::read(site.out().join("stories/zhang-san/photo.png"))
        .expect("the photo is in the output");
    assert_eq!(copied, PNG, "copied byte for byte");
    assert!(
        !site.has("stories/zhang-san/index.md"),
        "the Markdown source is not published"
    );
}

#[test]
fn bundle_image_points_at_a_published_copy_of_the_photo() {
    let site = site();
    site.built();
    let page = main_of(&site.read("stories/zhang-san/index.html")).to_string();
    let src = page
        .split("<img src=\"/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("the image's src: {page}"));
    assert!(
        src.starts_with("_photos/") && src.ends_with(".png"),
        "a sized copy in the photo's format: {src}"
    );
    assert!(site.has(src), "{src} is published");
    assert!(site.has("stories/zhang-san/photo.png"), "the original too");
    assert!(page.contains("alt=\"张三为老人测量血压\""), "alt text kept");
}

#[test]
fn bundle_cover_is_shown_on_lists() {
    let site = site();
    site.built();
    let list = main_of(&site.read("stories/index.html")).to_string();
    assert!(
        list.contains("<picture class=\"cover\">") && list.contains("/thumb-"),
        "the cover's thumbnail on the list: {list}"
    );
    assert!(!list.contains("photo.png"), "never the original: {list}");
}
