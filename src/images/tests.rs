//! Tests of the image engine on real files: the photos of
//! `tests/fixtures/photos/` (made by `scripts/make_test_photos.rs`) carry
//! the EXIF with GPS, XMP, IPTC, comments and PNG text that phones and
//! editors write. Every output is read back by independent readers
//! (`kamadak-exif`, `image`, `img-parts`) and searched byte by byte for the
//! metadata's words.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use img_parts::Bytes;

use super::*;
use crate::i18n::Lang;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name)
}

fn read(name: &str) -> Bytes {
    Bytes::from(std::fs::read(fixture(name)).expect("fixture photo"))
}

/// The EXIF fields an independent reader finds (empty when none).
fn exif_fields(bytes: &[u8]) -> Vec<::exif::Field> {
    ::exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .map(|exif| exif.fields().cloned().collect())
        .unwrap_or_default()
}

fn has_gps(bytes: &[u8]) -> bool {
    exif_fields(bytes)
        .iter()
        .any(|field| field.tag == ::exif::Tag::GPSLatitude)
}

/// Words of the fixtures' metadata that must not survive anywhere.
const TRACES: [&[u8]; 9] = [
    b"HUAWEI",
    b"2024:05:18",
    b"ns.adobe.com",
    b"xmpmeta",
    b"Photoshop 3.0",
    "拍摄于".as_bytes(),
    "张志愿".as_bytes(),
    b"GPS 43",
    b"Comment",
];

fn traces_in(bytes: &[u8]) -> Vec<String> {
    TRACES
        .iter()
        .filter(|trace| bytes.windows(trace.len()).any(|w| w == **trace))
        .map(|trace| String::from_utf8_lossy(trace).into_owned())
        .collect()
}

fn decode(bytes: &[u8]) -> image::DynamicImage {
    image::load_from_memory(bytes).expect("decodable output")
}

const ALL: [&str; 4] = ["gps.jpg", "rotated.jpg", "gps.png", "gps.webp"];

#[test]
fn the_fixtures_carry_gps_and_metadata_words() {
    for name in ALL {
        let bytes = read(name);
        assert!(has_gps(&bytes), "{name} has no GPS to strip");
        assert!(
            !traces_in(&bytes).is_empty(),
            "{name} has no metadata words"
        );
    }
}

#[test]
fn probe_reads_format_size_orientation_and_metadata_from_the_bytes() {
    let jpeg = probe(&read("gps.jpg")).expect("a JPEG");
    assert_eq!(
        (jpeg.format, jpeg.width, jpeg.height),
        (Format::Jpeg, 640, 480)
    );
    assert_eq!(jpeg.orientation, 1);
    let m = jpeg.metadata;
    assert!(m.exif && m.gps && m.xmp && m.iptc && m.comment && !m.icc);
    assert!(m.has_private());

    let rotated = probe(&read("rotated.jpg")).expect("a JPEG");
    assert_eq!(rotated.orientation, 6);
    assert_eq!(rotated.display_size(), (480, 640));

    let png = probe(&read("gps.png")).expect("a PNG");
    assert_eq!((png.format, png.width, png.height), (Format::Png, 320, 240));
    assert!(png.metadata.exif && png.metadata.gps && png.metadata.text && png.metadata.xmp);

    let webp = probe(&read("gps.webp")).expect("a WebP");
    assert_eq!(
        (webp.format, webp.width, webp.height),
        (Format::Webp, 640, 480)
    );
    assert!(webp.metadata.exif && webp.metadata.gps && webp.metadata.xmp);
    assert!(probe(&read("gps.png")).expect("png").warnings().is_empty());
}

#[test]
fn probe_refuses_what_is_not_an_image_and_what_is_cut_short() {
    let text = Bytes::from_static("照片 1.JPG".as_bytes());
    assert_eq!(probe(&text), Err(ProbeFailure::UnknownFormat));
    let whole = read("gps.jpg");
    let cut = whole.slice(..whole.len() / 2);
    assert_eq!(probe(&cut), Err(ProbeFailure::Damaged(Format::Jpeg)));
}

#[test]
fn probe_says_when_a_photo_is_over_20_mb_or_8000_px_a_side() {
    let mut big = probe(&read("gps.jpg")).expect("a JPEG");
    big.byte_len = 21 * 1024 * 1024;
    big.width = 9000;
    assert_eq!(
        big.warnings(),
        vec![
            ProbeWarning::ManyBytes {
                bytes: 21 * 1024 * 1024
            },
            ProbeWarning::ManyPixels {
                width: 9000,
                height: 480
            }
        ]
    );
}

#[test]
fn stripping_removes_every_kind_of_metadata_without_touching_a_pixel() {
    for name in ["gps.jpg", "gps.png", "gps.webp"] {
        let original = read(name);
        let facts = probe(&original).expect("an image");
        let stripped = strip(&original, &facts).expect("strippable");
        assert!(stripped.changed);
        assert!(exif_fields(&stripped.bytes).is_empty(), "{name}: EXIF left");
        assert_eq!(traces_in(&stripped.bytes), Vec::<String>::new(), "{name}");
        let after = probe(&stripped.bytes).expect("still an image");
        assert!(
            !after.metadata.has_private(),
            "{name}: {:?}",
            after.metadata
        );
        assert_eq!(
            decode(&stripped.bytes).to_rgba8(),
            decode(&original).to_rgba8(),
            "{name}: pixels changed"
        );
    }
}

#[test]
fn stripping_a_sideways_photo_keeps_the_orientation_as_its_only_exif_tag() {
    let original = read("rotated.jpg");
    let stripped = strip(&original, &probe(&original).expect("a JPEG")).expect("strippable");
    let fields = exif_fields(&stripped.bytes);
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].tag, ::exif::Tag::Orientation);
    assert_eq!(fields[0].value.get_uint(0), Some(6));
    assert_eq!(traces_in(&stripped.bytes), Vec::<String>::new());
}

#[test]
fn a_file_without_metadata_is_left_as_it_is() {
    let original = read("gps.jpg");
    let once = strip(&original, &probe(&original).expect("a JPEG")).expect("strippable");
    let twice = strip(&once.bytes, &probe(&once.bytes).expect("a JPEG")).expect("strippable");
    assert!(!twice.changed);
    assert_eq!(twice.bytes, once.bytes);
}

fn photos(names: &[&str]) -> Vec<Photo> {
    names
        .iter()
        .map(|name| Photo {
            path: fixture(name),
            shown: PathBuf::from("content/photos").join(name),
        })
        .collect()
}

/// `names` processed with `settings` into a fresh cache, which lives as
/// long as the folder returned.
fn process_fresh(names: &[&str], settings: &ImageSettings) -> (tempfile::TempDir, Report) {
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let report = process_all(&photos(names), settings, &Cache::new(cache_dir.path()));
    (cache_dir, report)
}

fn processed(report: &Report) -> Vec<&Processed> {
    report
        .photos
        .iter()
        .map(|photo| photo.as_ref().expect("processed"))
        .collect()
}

#[test]
fn variants_have_the_planned_sizes_never_upscaled_and_no_metadata() {
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::new(cache_dir.path());
    let report = process_all(&photos(&ALL), &ImageSettings::default(), &cache);
    assert_eq!((report.encoded, report.cached), (4, 0));
    for (name, photo) in ALL.iter().zip(processed(&report)) {
        let (width, _) = photo.probe.display_size();
        let widths: Vec<(Purpose, u32)> = photo
            .variants
            .iter()
            .map(|v| (v.variant.purpose, v.variant.width))
            .collect();
        let expected_widths: &[u32] = match *name {
            "rotated.jpg" => &[480, 360],
            "gps.png" => &[320],
            _ => &[640, 360],
        };
        let formats: &[Format] = match *name {
            "gps.png" => &[Format::Png, Format::Webp],
            "gps.webp" => &[Format::Webp],
            _ => &[Format::Jpeg, Format::Webp],
        };
        let mut expected = Vec::new();
        for &w in expected_widths {
            expected.extend(formats.iter().map(|_| (Purpose::Width, w)));
        }
        expected.extend(formats.iter().map(|_| (Purpose::Thumbnail, 360.min(width))));
        assert_eq!(widths, expected, "{name}");
        for cached in &photo.variants {
            let bytes = std::fs::read(&cached.path).expect("variant file");
            let image = decode(&bytes);
            let v = cached.variant;
            assert_eq!(
                (image.width(), image.height()),
                (v.width, v.height),
                "{name}"
            );
            assert!(v.width <= width, "{name}: upscaled");
            assert_eq!(Format::sniff(&bytes), Some(v.format));
            assert!(exif_fields(&bytes).is_empty(), "{name} {v:?}: EXIF");
            assert_eq!(traces_in(&bytes), Vec::<String>::new(), "{name} {v:?}");
            let facts = probe(&Bytes::from(bytes)).expect("an image");
            assert!(!facts.metadata.has_private(), "{name} {v:?}");
        }
    }
}

#[test]
fn the_thumbnail_at_one_of_the_widths_is_that_copy() {
    let (_cache, report) = process_fresh(&["gps.jpg"], &ImageSettings::default());
    let photo = processed(&report)[0];
    let file = |purpose: Purpose, format: Format| {
        let cached = photo
            .variants
            .iter()
            .find(|v| {
                let v = v.variant;
                v.purpose == purpose && v.format == format && v.width == 360
            })
            .unwrap_or_else(|| panic!("a 360-px {purpose:?} copy in {format:?}"));
        std::fs::read(&cached.path).expect("variant file")
    };
    for format in [Format::Jpeg, Format::Webp] {
        assert_eq!(
            file(Purpose::Width, format),
            file(Purpose::Thumbnail, format),
            "{format:?}"
        );
    }
    let other = ImageSettings {
        thumbnail: 300,
        ..ImageSettings::default()
    };
    let (_cache, report) = process_fresh(&["gps.jpg"], &other);
    let thumbnail = processed(&report)[0]
        .variants
        .iter()
        .find(|v| v.variant.purpose == Purpose::Thumbnail)
        .expect("thumbnail");
    assert_eq!(
        decode(&std::fs::read(&thumbnail.path).expect("thumb")).width(),
        300
    );
}

#[test]
fn a_sideways_photo_comes_out_portrait_with_its_pixels_turned() {
    let (_cache, report) = process_fresh(&["rotated.jpg"], &ImageSettings::default());
    let photo = processed(&report)[0];
    for cached in &photo.variants {
        let image = decode(&std::fs::read(&cached.path).expect("variant")).to_rgb8();
        let (w, h) = image.dimensions();
        assert!(h > w, "{:?} is not portrait", cached.variant);
        // Stored top-left (red) is seen top-right; stored bottom-left
        // (blue) is seen top-left.
        let near = |x: u32, y: u32| image.get_pixel(x, y).0;
        let top_right = near(w - 5, 5);
        let top_left = near(5, 5);
        assert!(top_right[0] > 180 && top_right[2] < 80, "{top_right:?}");
        assert!(top_left[2] > 180 && top_left[0] < 80, "{top_left:?}");
    }
}

#[test]
fn a_second_run_is_served_from_the_cache_without_encoding() {
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::new(cache_dir.path());
    let settings = ImageSettings::default();
    let first = process_all(&photos(&ALL), &settings, &cache);
    assert_eq!(first.encoded, 4);
    let modified = |report: &Report| -> Vec<std::time::SystemTime> {
        processed(report)
            .iter()
            .flat_map(|p| p.variants.iter())
            .map(|v| {
                std::fs::metadata(&v.path)
                    .and_then(|m| m.modified())
                    .expect("mtime")
            })
            .collect()
    };
    let second = process_all(&photos(&ALL), &settings, &cache);
    assert_eq!((second.encoded, second.cached, second.damaged), (0, 4, 0));
    assert!(processed(&second).iter().all(|p| p.from_cache));
    assert_eq!(modified(&first), modified(&second));

    let other = ImageSettings {
        jpeg_quality: 60,
        ..ImageSettings::default()
    };
    let third = process_all(&photos(&["gps.jpg"]), &other, &cache);
    assert_eq!(third.encoded, 1, "new settings, new entry");
}

#[test]
fn a_damaged_cache_entry_is_made_again_not_published() {
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::new(cache_dir.path());
    let settings = ImageSettings::default();
    let first = process_all(&photos(&["gps.jpg"]), &settings, &cache);
    let victim = processed(&first)[0].variants[0].path.clone();
    let good = std::fs::read(&victim).expect("variant");
    std::fs::write(&victim, &good[..good.len() / 2]).expect("damage");
    let second = process_all(&photos(&["gps.jpg"]), &settings, &cache);
    assert_eq!((second.encoded, second.cached, second.damaged), (1, 0, 1));
    assert_eq!(std::fs::read(&victim).expect("variant"), good);
    let leftovers = std::fs::read_dir(cache_dir.path().join("tmp"))
        .map(|dir| dir.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 0, "temporary folders left behind");
}

#[test]
fn a_file_that_is_not_an_image_is_an_error_naming_it_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("照片 1.JPG");
    std::fs::write(&path, "not a photo").expect("write");
    let report = process_all(
        &[Photo {
            path,
            shown: PathBuf::from("content/news/照片 1.JPG"),
        }],
        &ImageSettings::default(),
        &Cache::new(dir.path().join("cache")),
    );
    let error = report.photos[0].as_ref().expect_err("not an image");
    let zh = error.render(Lang::Zh);
    assert!(zh.contains("content/news/照片 1.JPG"), "{zh}");
    assert!(
        zh.contains("这个文件不是 JPEG、PNG 或 WebP 图片（看的是文件内容，不是文件名）"),
        "{zh}"
    );
    assert!(zh.contains("另存为"), "{zh}");
    let en = error.render(Lang::En);
    assert!(
        en.contains("this file is not a JPEG, PNG or WebP image"),
        "{en}"
    );
}

#[test]
fn the_budget_waits_for_bytes_to_be_given_back() {
    let budget = Budget::new(100);
    let first = budget.take(60);
    std::thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            let _second = budget.take(60);
        });
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!waiter.is_finished());
        drop(first);
        waiter.join().expect("second permit");
    });
    // More than the whole budget takes all of it, and does not wait forever.
    drop(budget.take(1_000));
}

#[test]
fn a_file_named_in_keep_metadata_is_published_as_it_is() {
    let original = read("gps.jpg");
    let facts = probe(&original).expect("a JPEG");
    let settings = ImageSettings {
        keep_metadata: vec!["gps.jpg".into()],
        ..ImageSettings::default()
    };
    let kept = original_for_publishing(&original, &facts, "gps.jpg", &settings).expect("kept");
    assert!(!kept.changed);
    assert!(has_gps(&kept.bytes));
    let other = original_for_publishing(&original, &facts, "other.jpg", &settings).expect("ok");
    assert!(other.changed);
    assert!(!has_gps(&other.bytes));
}

/// `name` of the fixtures copied to `dir/file` (a photo the test may change).
fn copied(dir: &Path, name: &str, file: &str) -> Photo {
    let path = dir.join(file);
    std::fs::copy(fixture(name), &path).expect("copy fixture");
    Photo {
        path,
        shown: PathBuf::from(file),
    }
}

fn set_modified(path: &Path, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .expect("set modification time");
}

#[test]
fn the_memo_spares_reading_an_unchanged_photo_and_is_stale_once_it_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::new(dir.path().join("cache"));
    let settings = ImageSettings::default();
    let photo = copied(dir.path(), "gps.jpg", "p.jpg");
    let first = process_all(std::slice::from_ref(&photo), &settings, &cache);
    assert_eq!(first.encoded, 1);
    let first_key = processed(&first)[0].key.clone();
    let stamp = Stamp::read(&photo.path).expect("stamp");
    let memoised = Memo::load(&cache).get(&photo.path, stamp);
    let bytes = std::fs::read(&photo.path).expect("photo");
    assert_eq!(
        memoised.map(|(source, probe)| (source, probe.width)),
        Some((SourceHash::of(&bytes), 640))
    );

    // Other bytes of the same length under the same time: the memo is
    // trusted, so the file is not read and the old entry is served.
    let mtime = std::fs::metadata(&photo.path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let mut changed = bytes.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    std::fs::write(&photo.path, &changed).expect("change photo");
    set_modified(&photo.path, mtime);
    let second = process_all(std::slice::from_ref(&photo), &settings, &cache);
    assert_eq!((second.encoded, second.cached), (0, 1));
    assert_eq!(processed(&second)[0].key, first_key);

    // A new modification time makes the memo stale: read, hashed, encoded.
    set_modified(&photo.path, mtime + std::time::Duration::from_secs(2));
    let third = process_all(std::slice::from_ref(&photo), &settings, &cache);
    assert_eq!((third.encoded, third.cached), (1, 0));
    assert_ne!(processed(&third)[0].key, first_key);
    assert_eq!(processed(&third)[0].key, CacheKey::new(&changed, &settings));

    // Another length: another photo (this one is sideways).
    std::fs::copy(fixture("rotated.jpg"), &photo.path).expect("replace photo");
    let fourth = process_all(std::slice::from_ref(&photo), &settings, &cache);
    assert_eq!(fourth.encoded, 1);
    assert_eq!(processed(&fourth)[0].probe.orientation, 6);
    let fifth = process_all(std::slice::from_ref(&photo), &settings, &cache);
    assert_eq!((fifth.encoded, fifth.cached), (0, 1));
    assert_eq!(processed(&fifth)[0].probe, processed(&fourth)[0].probe);
}

#[test]
fn a_memo_that_cannot_be_read_is_an_empty_one_and_is_written_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::new(dir.path().join("cache"));
    let settings = ImageSettings::default();
    let photo = copied(dir.path(), "gps.jpg", "p.jpg");
    process_all(std::slice::from_ref(&photo), &settings, &cache);
    let memo_file = cache.dir().join(memo::FILE_NAME);
    std::fs::write(&memo_file, b"{not json").expect("damage memo");
    let again = process_all(std::slice::from_ref(&photo), &settings, &cache);
    assert_eq!((again.encoded, again.cached), (0, 1), "found by its bytes");
    let stamp = Stamp::read(&photo.path).expect("stamp");
    assert!(Memo::load(&cache).get(&photo.path, stamp).is_some());
}

#[test]
fn a_lookup_checks_lengths_and_read_checked_checks_the_hash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::new(dir.path());
    let report = process_all(&photos(&["gps.jpg"]), &ImageSettings::default(), &cache);
    let variant = processed(&report)[0].variants[0].clone();
    let good = cache.read_checked(&variant).expect("a whole variant");
    let mut bad = good.clone();
    bad[good.len() / 2] ^= 0xFF;
    std::fs::write(&variant.path, &bad).expect("damage");
    let err = cache.read_checked(&variant).expect_err("damage found");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
}

/// Mean absolute difference of two pictures of one size, per channel.
fn mean_difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

#[test]
fn a_photo_twice_its_largest_variant_decodes_at_half_scale_upright_and_alike() {
    // rotated.jpg: 640 × 480 stored, orientation 6, seen as 480 × 640; a
    // 240-px width is 320 × 240 stored: exactly half.
    let settings = ImageSettings {
        widths: vec![240],
        thumbnail: 120,
        ..ImageSettings::default()
    };
    let bytes = read("rotated.jpg");
    let facts = probe(&bytes).expect("probe");
    assert_eq!(
        variants::decoded_size(&bytes, &facts, (320, 240)),
        Some((320, 240)),
        "decoded at 1/2"
    );
    assert_eq!(variants::decoded_size(&bytes, &facts, (321, 240)), None);
    let (_cache, report) = process_fresh(&["rotated.jpg"], &settings);
    let photo = processed(&report)[0];
    let reference = decode(&bytes);
    let mut reference = reference;
    reference.apply_orientation(image::metadata::Orientation::Rotate90);
    for cached in &photo.variants {
        let v = cached.variant;
        let image = decode(&std::fs::read(&cached.path).expect("variant")).to_rgb8();
        assert_eq!(image.dimensions(), (v.width, v.height), "{v:?}");
        assert!(v.height > v.width, "{v:?} is not portrait");
        let expected = reference
            .resize_exact(v.width, v.height, image::imageops::FilterType::Lanczos3)
            .to_rgb8();
        let difference = mean_difference(&image, &expected);
        assert!(
            difference < 6.0,
            "{v:?}: differs by {difference:.1} on average"
        );
    }
}

/// A 4000 × 3000 JPEG as the probe sees it (no file needed to plan).
fn phone_probe() -> Probe {
    Probe {
        format: Format::Jpeg,
        width: 4000,
        height: 3000,
        orientation: 1,
        metadata: Metadata::default(),
        byte_len: 5_000_000,
    }
}

#[test]
fn with_webp_the_photos_own_format_stops_at_960_px() {
    let planned: Vec<(Purpose, Format, u32)> =
        variants::plan(&phone_probe(), &ImageSettings::default())
            .iter()
            .map(|v| (v.purpose, v.format, v.width))
            .collect();
    assert_eq!(
        planned,
        [
            (Purpose::Width, Format::Webp, 1600),
            (Purpose::Width, Format::Jpeg, 960),
            (Purpose::Width, Format::Webp, 960),
            (Purpose::Width, Format::Jpeg, 360),
            (Purpose::Width, Format::Webp, 360),
            (Purpose::Thumbnail, Format::Jpeg, 360),
            (Purpose::Thumbnail, Format::Webp, 360),
        ]
    );
}

#[test]
fn without_webp_or_below_960_px_the_photos_own_format_has_every_width() {
    let only_jpeg = ImageSettings {
        formats: vec![OutputFormat::Original],
        ..ImageSettings::default()
    };
    let widths = |settings: &ImageSettings| -> Vec<(Format, u32)> {
        variants::plan(&phone_probe(), settings)
            .iter()
            .filter(|v| v.purpose == Purpose::Width)
            .map(|v| (v.format, v.width))
            .collect()
    };
    assert_eq!(
        widths(&only_jpeg),
        [
            (Format::Jpeg, 1600),
            (Format::Jpeg, 960),
            (Format::Jpeg, 360)
        ]
    );
    let wide = ImageSettings {
        widths: vec![1200, 2000],
        ..ImageSettings::default()
    };
    assert_eq!(
        widths(&wide),
        [
            (Format::Webp, 2000),
            (Format::Jpeg, 1200),
            (Format::Webp, 1200)
        ],
        "the narrowest width is kept in the photo's own format"
    );
}
