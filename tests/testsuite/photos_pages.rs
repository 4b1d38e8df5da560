//! Photos in pages (issue 15): body photos and covers are published at
//! several widths in their own format and WebP, drawn as `<picture>` with
//! `srcset`, `sizes`, `width` and `height`; cards show the thumbnail; every
//! copy is upright and without metadata; a second build takes every copy
//! from the cache; `serve` answers the same bytes; a photo named as
//! authors name them (`照片 1.JPG`) works.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::fixture::Site;
use crate::search_browser::percent_decode;
use crate::serve::Server;

/// A photo of `tests/fixtures/photos/` (real files with EXIF and GPS).
pub(crate) fn photo(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

const STORY: &str = "---
title: 饺子宴上的老两口
date: 2024-05-18
cover: dumplings.jpg
campaign: jiaozi
---
![老两口在饺子宴上](dumplings.jpg)

![挂牌现场](照片 1.JPG)

![横幅](banner.png \"横幅\")

![徽章](badge.webp)
";

const CAMPAIGN: &str = "---
title: 饺子宴
start: 2024-05-01
cover: /img/hero.jpg
---
邻里一起包饺子。
";

/// A site with a bundle of four photos (JPEG and PNG and WebP with GPS, a
/// sideways JPEG named with a space and an upper-case extension) and a
/// campaign whose cover is in `static/`.
fn site_with_photos() -> Site {
    let site = Site::new(&[
        ("content/stories/jiaozi/index.md", STORY),
        ("content/campaigns/jiaozi.md", CAMPAIGN),
    ]);
    site.write_bytes("content/stories/jiaozi/dumplings.jpg", &photo("gps.jpg"));
    site.write_bytes("content/stories/jiaozi/照片 1.JPG", &photo("rotated.jpg"));
    site.write_bytes("content/stories/jiaozi/banner.png", &photo("gps.png"));
    site.write_bytes("content/stories/jiaozi/badge.webp", &photo("gps.webp"));
    site.write_bytes("static/img/hero.jpg", &photo("gps.jpg"));
    site
}

/// An attribute's value as a browser reads it (the few entities the
/// theme and the renderer write).
fn unescape(value: &str) -> String {
    value
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of every `name="…"` attribute in `html`.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let pattern = regex::Regex::new(&format!(r#"\s{name}="([^"]*)""#)).unwrap();
    pattern
        .captures_iter(html)
        .map(|c| unescape(&c[1]))
        .collect()
}

/// Every `<img …>` tag of `html`.
fn img_tags(html: &str) -> Vec<String> {
    regex::Regex::new(r"<img\s[^>]*>")
        .unwrap()
        .find_iter(html)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// A URL of the site (root-relative) as a file of the output.
fn output_file(site: &Site, url: &str) -> PathBuf {
    let path = url.strip_prefix('/').expect("a root-relative URL");
    site.out().join(percent_decode(path))
}

/// The pixel size of the picture at `path`.
fn pixel_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let picture = image::load_from_memory(&bytes)
        .unwrap_or_else(|e| panic!("{} is a picture: {e}", path.display()));
    (picture.width(), picture.height())
}

/// Checks every `srcset` candidate of `html`: its file exists and is as
/// wide as its `w` says; returns how many there were.
fn check_srcsets(site: &Site, html: &str) -> usize {
    let mut checked = 0;
    for srcset in attributes(html, "srcset") {
        for candidate in srcset.split(", ") {
            // A lone URL (a card's thumbnail) has no width to check.
            let (url, width) = candidate.rsplit_once(' ').unwrap_or((candidate, ""));
            assert!(!url.contains(' ') && !url.contains(','), "{url}");
            let (real, _) = pixel_size(&output_file(site, url));
            if let Some(width) = width.strip_suffix('w') {
                let width: u32 = width.parse().expect("a width");
                assert_eq!(real, width, "{url} is {real} px wide, srcset says {width}");
            }
            checked += 1;
        }
    }
    checked
}

/// Checks every `<img>` of a sized copy: its `src` file has the size its
/// `width` and `height` say.
fn check_img_sizes(site: &Site, html: &str) -> Vec<(String, u32, u32)> {
    let mut sized = Vec::new();
    for tag in img_tags(html) {
        let (Some(src), Some(w), Some(h)) = (
            attributes(&tag, "src").pop(),
            attributes(&tag, "width").pop(),
            attributes(&tag, "height").pop(),
        ) else {
            continue;
        };
        if !src.starts_with("/_photos/") {
            continue;
        }
        let (w, h): (u32, u32) = (w.parse().unwrap(), h.parse().unwrap());
        assert_eq!(pixel_size(&output_file(site, &src)), (w, h), "{tag}");
        sized.push((src, w, h));
    }
    sized
}

/// The EXIF orientation of a fixture photo.
fn orientation(bytes: &[u8]) -> u32 {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()
        .and_then(|e| {
            e.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
                .and_then(|f| f.value.get_uint(0))
        })
        .unwrap_or(1)
}

#[test]
fn body_photos_are_pictures_whose_every_size_exists() {
    let site = site_with_photos();
    site.build().success();
    let page = site.read("stories/jiaozi/index.html");
    assert!(!page.contains("!["), "no Markdown image is left as text");
    assert_eq!(page.matches("<picture>").count(), 4, "{page}");
    assert_eq!(
        page.matches("<source type=\"image/webp\"").count(),
        3,
        "WebP beside the JPEG and PNG photos"
    );
    assert!(check_srcsets(&site, &page) >= 8);
    let sized = check_img_sizes(&site, &page);
    assert!(sized.len() >= 4, "{sized:?}");
    let imgs = img_tags(&page);
    let body: Vec<&String> = imgs.iter().filter(|t| t.contains("sizes=")).collect();
    assert!(!body[0].contains("loading=\"lazy\""), "the first is eager");
    assert!(body[1..].iter().all(|t| t.contains("loading=\"lazy\"")));
    assert!(body[2].contains("title=\"横幅\""), "{}", body[2]);
}

#[test]
fn a_sideways_photo_named_with_a_space_comes_out_upright() {
    let site = site_with_photos();
    site.build().success();
    let page = site.read("stories/jiaozi/index.html");
    let tag = img_tags(&page)
        .into_iter()
        .find(|t| t.contains("alt=\"挂牌现场\""))
        .expect("the photo written ![挂牌现场](照片 1.JPG) is an image");
    let source = photo("rotated.jpg");
    let stored = image::load_from_memory(&source).unwrap();
    let turned = orientation(&source) >= 5;
    assert!(turned, "the fixture is stored sideways");
    let width: u32 = attributes(&tag, "width")[0].parse().unwrap();
    let height: u32 = attributes(&tag, "height")[0].parse().unwrap();
    assert_eq!(
        width > height,
        stored.height() > stored.width(),
        "width and height swapped as the orientation says: {tag}"
    );
}

#[test]
fn no_sized_copy_carries_metadata() {
    let site = site_with_photos();
    site.build().success();
    let copies = files_below(&site.out().join("_photos"));
    assert!(copies.len() >= 12, "{copies:?}");
    for (path, _) in copies {
        let bytes = std::fs::read(&path).unwrap();
        let fields = exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(&bytes))
            .map(|e| e.fields().count())
            .unwrap_or(0);
        assert_eq!(fields, 0, "{} has EXIF", path.display());
        for trace in [&b"HUAWEI"[..], b"xmpmeta", b"Photoshop 3.0", b"GPS 43"] {
            assert!(
                !bytes.windows(trace.len()).any(|w| w == trace),
                "{} has {}",
                path.display(),
                String::from_utf8_lossy(trace)
            );
        }
    }
}

#[test]
fn cards_and_heroes_show_sized_copies_never_the_original() {
    let site = site_with_photos();
    site.build().success();
    for list in ["index.html", "stories/index.html"] {
        let html = site.read(list);
        let cover = html
            .split("<picture class=\"cover\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{list} shows the cover as a picture"));
        let cover = &cover[..cover.find("</picture>").unwrap()];
        assert!(cover.contains("thumb-"), "{list}: {cover}");
        assert!(!html.contains("dumplings.jpg"), "{list} links the original");
        check_img_sizes(&site, &html);
        check_srcsets(&site, &html);
    }
    let campaign = site.read("campaigns/jiaozi/index.html");
    assert!(campaign.contains("<picture class=\"hero\">"), "{campaign}");
    let hero = campaign.split("<picture class=\"hero\">").nth(1).unwrap();
    let hero = &hero[..hero.find("</picture>").unwrap()];
    assert!(!hero.contains("hero.jpg"), "the hero is a copy: {hero}");
    assert!(check_srcsets(&site, &campaign) >= 2);
    check_img_sizes(&site, &campaign);
}

/// The `content` of `<meta property="{property}">` in `html`.
fn meta_content(html: &str, property: &str) -> String {
    let tag = format!("<meta property=\"{property}\" content=\"");
    let start = html
        .find(&tag)
        .unwrap_or_else(|| panic!("no {property} in {html}"))
        + tag.len();
    let end = start + html[start..].find('"').expect("a closing quote");
    unescape(&html[start..end])
}

#[test]
fn sharers_get_a_sized_copy_of_the_cover_not_the_original() {
    let site = site_with_photos();
    site.build().success();
    for page in ["stories/jiaozi/index.html", "campaigns/jiaozi/index.html"] {
        let html = site.read(page);
        let image = meta_content(&html, "og:image");
        let url = image
            .strip_prefix("https://example.org")
            .unwrap_or_else(|| panic!("{page}: og:image {image} is absolute"));
        assert!(url.starts_with("/_photos/"), "{page}: og:image {image}");
        let (width, _) = pixel_size(&output_file(&site, url));
        assert!(
            (300..=1600).contains(&width),
            "{page}: og:image is {width} px wide"
        );
        assert!(
            html.contains(&format!("\"image\":[\"{image}\"]")) || !html.contains("ld+json"),
            "{page}: JSON-LD names the same image"
        );
    }
}

/// Every file below `dir` with its modification time.
fn files_below(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let mut files = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_below(&path));
        } else {
            let modified = entry.metadata().unwrap().modified().unwrap();
            files.insert(path, modified);
        }
    }
    files
}

#[test]
fn a_second_build_takes_every_copy_from_the_cache() {
    let site = site_with_photos();
    site.build().success();
    let cache = site.root().join(".redvest-cache/images");
    let first = files_below(&cache);
    assert!(first.len() > 12, "the cache holds the copies: {first:?}");
    site.write(
        "content/stories/jiaozi/index.md",
        &STORY.replace("老两口在饺子宴上", "老两口和邻居在饺子宴上"),
    );
    site.build().success();
    assert_eq!(files_below(&cache), first, "nothing was encoded again");
    let page = site.read("stories/jiaozi/index.html");
    assert!(page.contains("老两口和邻居在饺子宴上"));
    check_srcsets(&site, &page);
}

#[test]
fn a_text_only_site_makes_no_image_cache() {
    let site = Site::new(&[(
        "content/stories/a.md",
        "---\ntitle: 纯文字\ndate: 2024-05-18\n---\n没有照片。\n",
    )]);
    site.build().success();
    assert!(!site.root().join(".redvest-cache/images").exists());
    assert!(!site.out().join("_photos").exists());
}

#[test]
fn serve_answers_sized_copies_with_the_bytes_build_writes() {
    let site = site_with_photos();
    site.build().success();
    let page = site.read("stories/jiaozi/index.html");
    let server = Server::start(&site);
    let served_page = server.get("/stories/jiaozi/");
    assert_eq!(served_page.status, 200);
    let urls: Vec<String> = attributes(&page, "srcset")
        .iter()
        .flat_map(|s| {
            s.split(", ")
                .map(|c| c.split(' ').next().unwrap().to_string())
        })
        .collect();
    assert!(!urls.is_empty());
    for url in urls {
        let built = std::fs::read(output_file(&site, &url)).unwrap();
        let served = server.get(&url);
        assert_eq!(served.status, 200, "GET {url}");
        assert!(served.body == built, "GET {url} differs from the build");
    }
}

#[test]
fn a_missing_photo_named_with_a_space_is_an_error_at_its_line() {
    let site = Site::new(&[(
        "content/stories/a/index.md",
        "---\ntitle: 挂牌\ndate: 2024-05-18\n---\n第一段。\n\n![挂牌现场](照片 2.JPG)\n",
    )]);
    let (zh, en) = site.failed_both_ways();
    en.stderr_has(&["content/stories/a/index.md:7:1", "照片 2.JPG"]);
    zh.stderr_has(&["content/stories/a/index.md:7:1", "照片 2.JPG"]);
}

#[test]
fn a_photo_over_8000_pixels_a_side_is_a_warning_naming_it() {
    let site = Site::new(&[(
        "content/stories/a/index.md",
        "---\ntitle: 长卷\ndate: 2024-05-18\n---\n![百米长卷](scroll.png)\n",
    )]);
    let mut png = Vec::new();
    image::RgbImage::from_pixel(8001, 2, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write_bytes("content/stories/a/scroll.png", &png);
    let run = site.build();
    run.success();
    run.stderr_has(&["content/stories/a/scroll.png", "8001×2", "8,000"]);
    let page = site.read("stories/a/index.html");
    assert!(page.contains("width=\"960\" height=\"1\""), "{page}");
}

#[test]
fn check_names_a_photo_that_cannot_be_read_as_build_would() {
    let site = site_with_photos();
    let mut broken = photo("gps.jpg");
    broken.truncate(300);
    site.write_bytes("content/stories/jiaozi/dumplings.jpg", &broken);
    site.check_with(&[])
        .status(1)
        .stderr_has(&["content/stories/jiaozi/dumplings.jpg"]);
    assert!(
        !site.root().join(".redvest-cache").exists(),
        "check resizes nothing and writes no cache"
    );
    site.build()
        .status(1)
        .stderr_has(&["content/stories/jiaozi/dumplings.jpg"]);
}
