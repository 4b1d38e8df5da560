//! A photo published as it is (a bundle's photo, a picture of `static/`)
//! is stripped once and kept read-only in the image cache
//! (`.redvest-cache/images/…/original.jpg`); each build hard-links that
//! file into its output, so a rebuild writes no photo's bytes. The cache is
//! never changed through the output, a changed photo publishes its new
//! bytes, the no-change stamp still holds, and a failed build leaves the
//! old output as it was.

use std::path::{Path, PathBuf};

use crate::fixture::Site;
use crate::photos_pages::photo;

const STORY: &str = "---
title: 饺子宴上的老两口
date: 2024-05-18
---
![老两口在饺子宴上](dumplings.jpg)
";

const PUBLISHED: &str = "stories/jiaozi/dumplings.jpg";

fn site_with_photo() -> Site {
    let site = Site::new(&[("content/stories/jiaozi/index.md", STORY)]);
    site.write_bytes("content/stories/jiaozi/dumplings.jpg", &photo("gps.jpg"));
    site
}

/// The stripped originals in the site's image cache.
fn cached_originals(site: &Site) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(site.root().join(".redvest-cache/images"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("original."))
        .map(|e| e.path().to_path_buf())
        .collect();
    found.sort();
    found
}

/// Whether the file has any trace of the fixture's GPS or camera.
fn has_metadata(bytes: &[u8]) -> bool {
    [&b"HUAWEI"[..], b"GPS 43", b"xmpmeta"]
        .iter()
        .any(|trace| bytes.windows(trace.len()).any(|w| w == *trace))
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("metadata").ino()
}

#[cfg(unix)]
#[test]
fn a_rebuild_links_the_cached_stripped_original_into_the_output() {
    let site = site_with_photo();
    site.build().success();
    let originals = cached_originals(&site);
    assert_eq!(originals.len(), 1, "one stripped original: {originals:?}");
    let cached = &originals[0];
    let published = site.out().join(PUBLISHED);
    let bytes = std::fs::read(&published).expect("published");
    assert!(!has_metadata(&bytes), "published without its metadata");
    assert_eq!(std::fs::read(cached).expect("cached"), bytes);
    assert_eq!(inode(&published), inode(cached), "linked, not copied");
    assert!(
        std::fs::metadata(cached)
            .expect("metadata")
            .permissions()
            .readonly(),
        "the cache's file is read-only"
    );
    let first = inode(cached);

    site.write(
        "content/stories/jiaozi/index.md",
        &STORY.replace("老两口", "两位老人"),
    );
    site.build().success();
    assert_eq!(cached_originals(&site), originals, "nothing stripped again");
    assert_eq!(inode(cached), first, "the cache's file is the same file");
    assert_eq!(inode(&published), first, "the new output links it again");
    assert_eq!(std::fs::read(&published).expect("published"), bytes);

    // The third build writes into the output before last, which holds the
    // link already: it is left as it is.
    site.write(
        "content/stories/jiaozi/index.md",
        &STORY.replace("老两口", "老人"),
    );
    site.build().success();
    assert_eq!(inode(&published), first, "still the cache's file");
    assert_eq!(cached_originals(&site), originals);
}

#[cfg(unix)]
#[test]
fn a_changed_photo_publishes_its_new_bytes_and_leaves_the_old_cache_file_alone() {
    let site = site_with_photo();
    site.build().success();
    let before = std::fs::read(site.out().join(PUBLISHED)).expect("published");
    let old = cached_originals(&site);

    site.write_bytes(
        "content/stories/jiaozi/dumplings.jpg",
        &photo("rotated.jpg"),
    );
    site.build().success();
    let published = site.out().join(PUBLISHED);
    let after = std::fs::read(&published).expect("published");
    assert_ne!(after, before, "the new photo is published");
    assert!(!has_metadata(&after), "still without its metadata");
    let (width, height) = image::load_from_memory(&after)
        .map(|i| (i.width(), i.height()))
        .expect("a picture");
    let source = image::load_from_memory(&photo("rotated.jpg")).expect("the fixture");
    assert_eq!((width, height), (source.width(), source.height()));
    let now = cached_originals(&site);
    assert_eq!(now.len(), 2, "a second original beside the first: {now:?}");
    let new = now
        .iter()
        .find(|p| !old.contains(p))
        .expect("a new original");
    assert_eq!(inode(&published), inode(new));
    assert_eq!(std::fs::read(&old[0]).expect("old original"), before);
}

#[test]
fn a_build_with_linked_photos_is_up_to_date_the_next_time() {
    let site = site_with_photo();
    site.build().success();
    // The second build replaces an output that shares its photo with the
    // cache: removing it changes the cache file's change time. The third
    // writes into the output before last, which holds the link already.
    for couple in ["两位老人", "老人"] {
        site.write(
            "content/stories/jiaozi/index.md",
            &STORY.replace("老两口", couple),
        );
        site.build().success();
        let again = site.build();
        again.success();
        assert!(
            again.stdout.contains("up to date"),
            "{couple}: {}",
            again.stdout
        );
    }
}

#[cfg(unix)]
#[test]
fn a_failed_build_leaves_the_linked_output_and_the_cache_as_they_were() {
    let site = site_with_photo();
    site.build().success();
    let published = site.out().join(PUBLISHED);
    let bytes = std::fs::read(&published).expect("published");
    let linked = inode(&published);
    let mut broken = photo("gps.jpg");
    broken.truncate(300);
    site.write("content/stories/broken/index.md", STORY);
    site.write_bytes("content/stories/broken/dumplings.jpg", &broken);
    site.build().status(1);
    assert_eq!(inode(&published), linked, "the old output is still there");
    assert_eq!(std::fs::read(&published).expect("published"), bytes);
    let originals = cached_originals(&site);
    assert_eq!(originals.len(), 1, "{originals:?}");
    assert_eq!(std::fs::read(&originals[0]).expect("cached"), bytes);
}
