//! Photos leave the build without their metadata: a bundle's photo and the
//! images of `static/` — JPEG, PNG and WebP, told by their bytes — are
//! published without EXIF, GPS, XMP, IPTC or comments (a sideways photo
//! keeps only its orientation), and `redvest serve` answers them the same;
//! a file named in `images.keep_metadata` is published as it is.

use std::io::Cursor;
use std::path::PathBuf;

use crate::fixture::{config_with, Site};
use crate::serve::Server;

/// A photo of `tests/fixtures/photos/` (real files with EXIF and GPS).
fn photo(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The EXIF fields an independent reader finds (none when there is no EXIF).
fn exif_fields(bytes: &[u8]) -> Vec<exif::Field> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .map(|exif| exif.fields().cloned().collect())
        .unwrap_or_default()
}

/// Words of the fixtures' metadata (camera, date, XMP, IPTC, comment).
const TRACES: [&[u8]; 6] = [
    b"HUAWEI",
    b"2024:05:18",
    b"xmpmeta",
    b"Photoshop 3.0",
    b"GPS 43",
    b"Comment",
];

/// The traces of metadata left in `bytes`.
fn traces_in(bytes: &[u8]) -> Vec<String> {
    TRACES
        .iter()
        .filter(|trace| bytes.windows(trace.len()).any(|w| w == **trace))
        .map(|trace| String::from_utf8_lossy(trace).into_owned())
        .collect()
}

const STORY: &str = "---
title: 饺子宴上的老两口
date: 2024-05-18
---
![老两口在饺子宴上](dumplings.jpg)

![挂牌现场](sideways.jpg)
";

/// A site with a bundle holding two photos and a `static/` with three
/// images (one a PNG under a `.jpg` name: the bytes decide).
fn site_with_photos(config: &str) -> Site {
    let site = Site::new(&[
        ("site.yaml", config),
        ("content/stories/jiaozi/index.md", STORY),
    ]);
    site.write_bytes("content/stories/jiaozi/dumplings.jpg", &photo("gps.jpg"));
    site.write_bytes("content/stories/jiaozi/sideways.jpg", &photo("rotated.jpg"));
    site.write_bytes("static/img/banner.png", &photo("gps.png"));
    site.write_bytes("static/img/badge.webp", &photo("gps.webp"));
    site.write_bytes("static/img/named-wrong.jpg", &photo("gps.png"));
    site
}

/// The published photos, by output path.
const PUBLISHED: [&str; 5] = [
    "stories/jiaozi/dumplings.jpg",
    "stories/jiaozi/sideways.jpg",
    "img/banner.png",
    "img/badge.webp",
    "img/named-wrong.jpg",
];

#[test]
fn no_published_photo_carries_gps_or_other_metadata() {
    for name in ["gps.jpg", "rotated.jpg", "gps.png", "gps.webp"] {
        let source = photo(name);
        assert!(
            !traces_in(&source).is_empty() || !exif_fields(&source).is_empty(),
            "the fixture {name} carries metadata to remove"
        );
    }
    let site = site_with_photos(crate::fixture::CONFIG);
    site.build().success();
    for path in PUBLISHED {
        let bytes = std::fs::read(site.out().join(path)).expect("a published photo");
        assert_eq!(traces_in(&bytes), Vec::<String>::new(), "{path}");
        let fields = exif_fields(&bytes);
        let tags: Vec<exif::Tag> = fields.iter().map(|f| f.tag).collect();
        if path.ends_with("sideways.jpg") {
            assert_eq!(
                tags,
                vec![exif::Tag::Orientation],
                "{path}: only its orientation"
            );
        } else {
            assert!(tags.is_empty(), "{path} still has EXIF: {tags:?}");
        }
        assert!(
            image::load_from_memory(&bytes).is_ok(),
            "{path} is still a picture"
        );
    }
}

#[test]
fn serve_answers_photos_as_build_publishes_them() {
    let site = site_with_photos(crate::fixture::CONFIG);
    site.build().success();
    let server = Server::start(&site);
    for path in PUBLISHED {
        let built = std::fs::read(site.out().join(path)).expect("a published photo");
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status, 200, "GET /{path}");
        assert!(
            served.body == built,
            "GET /{path} differs from the built file"
        );
    }
}

#[test]
fn a_photo_named_in_keep_metadata_is_published_as_it_is() {
    let config = config_with("images:\n  keep_metadata: [banner.png]\n");
    let site = site_with_photos(&config);
    site.build().success();
    let kept = std::fs::read(site.out().join("img/banner.png")).expect("the photo");
    assert!(kept == photo("gps.png"), "banner.png is published as it is");
    let other = std::fs::read(site.out().join("img/badge.webp")).expect("the photo");
    assert!(
        traces_in(&other).is_empty(),
        "the others are still stripped"
    );
}

#[test]
fn a_broken_image_is_an_error_naming_it_and_nothing_is_published() {
    let site = site_with_photos(crate::fixture::CONFIG);
    let mut broken = photo("gps.jpg");
    broken.truncate(300);
    site.write_bytes("static/img/cut.jpg", &broken);
    let (zh, en) = site.failed_both_ways();
    zh.stderr_has(&["static/img/cut.jpg"]);
    en.stderr_has(&["static/img/cut.jpg"]);
}
