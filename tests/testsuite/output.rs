//! The output folder: written whole, marked, never taken over without `--force`.

use crate::fixture::{assert_same_files, snapshot, Site};

const MARKER: &str = ".redvest-output";

fn site() -> Site {
    Site::new(&[
        (
            "content/stories/a.md",
            "---\ntitle: 故事甲\ndate: 2023-03-05\n---\n甲。\n",
        ),
        (
            "content/stories/b.md",
            "---\ntitle: 故事乙\ndate: 2023-03-06\n---\n乙。\n",
        ),
    ])
}

#[test]
fn build_writes_public_by_default_with_the_marker() {
    let site = site();
    let run = site.built();
    assert!(site.has("index.html"));
    assert!(site.has(MARKER), "the marker file");
    assert!(site.has("css/site.css"), "the theme's static files");
    let line = run.stdout.trim();
    assert_eq!(line.lines().count(), 1, "one summary line: {line}");
    assert!(line.contains("2 stories"), "{line}");
    assert!(line.contains("files written"), "{line}");
}

#[test]
fn output_option_writes_elsewhere() {
    let site = site();
    let elsewhere = site.beside("www");
    site.build_with(&["--output", elsewhere.to_str().expect("utf-8")])
        .success();
    assert!(elsewhere.join("stories/a/index.html").is_file());
    assert!(elsewhere.join(MARKER).is_file());
    assert!(!site.out().exists(), "public/ was not made");
}

#[test]
fn site_static_files_are_copied_and_override_the_theme() {
    let site = site();
    site.write("static/images/logo.txt", "logo");
    site.write("static/favicon.svg", "<svg>site</svg>");
    site.built();
    assert_eq!(site.read("images/logo.txt"), "logo");
    assert_eq!(site.read("favicon.svg"), "<svg>site</svg>");
}

#[test]
fn removed_page_disappears_on_the_next_build() {
    let site = site();
    site.built();
    assert!(site.has("stories/b/index.html"));
    site.remove("content/stories/b.md");
    site.built();
    assert!(!site.has("stories/b/index.html"), "a stale page stayed");
    assert!(site.has("stories/a/index.html"));
}

/// Inode and modification time of the output file `rel`.
#[cfg(unix)]
fn identity(site: &Site, rel: &str) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(site.out().join(rel)).expect("the file");
    (meta.ino(), meta.modified().expect("mtime"))
}

#[cfg(unix)]
#[test]
fn a_rebuild_writes_only_what_changed_into_the_output_before_last() {
    let site = site();
    site.write(
        "content/stories/c.md",
        "---\ntitle: 故事丙\ndate: 2023-03-07\n---\n丙。\n",
    );
    site.write(
        "content/stories/d.md",
        "---\ntitle: 故事丁\ndate: 2023-01-07\n---\n丁。\n",
    );
    site.built();
    let b_first = identity(&site, "stories/b/index.html");
    let css_first = identity(&site, "css/site.css");
    let edit = |text: &str| {
        site.write(
            "content/stories/a.md",
            &format!("---\ntitle: 故事甲\ndate: 2023-03-05\n---\n{text}\n"),
        )
    };
    edit("甲二。");
    site.built();
    // The first output is kept, in the site's cache folder, as the staging
    // folder of the next build; nothing is left beside the output.
    let cache = site.root().join(".redvest-cache");
    let kept: Vec<_> = std::fs::read_dir(&cache)
        .expect("the cache folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("output-") && e.path().is_dir())
        .collect();
    assert_eq!(kept.len(), 1, "one staging folder kept");
    assert!(kept[0].path().join("stories/d/index.html").is_file());
    // With the record of its files, by which the next build tells a page
    // unchanged without reading it. A page changed there since (same
    // size) no longer matches its record, and is written again.
    assert!(kept[0].path().with_extension("files").is_file());
    let tampered = kept[0].path().join("stories/c/index.html");
    let bytes = std::fs::read(&tampered).expect("the kept page");
    std::fs::write(&tampered, vec![b'x'; bytes.len()]).expect("tampered");
    let beside: Vec<_> = std::fs::read_dir(site.root())
        .expect("the site")
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".redvest-new") || name.ends_with(".redvest-old")
        })
        .collect();
    assert!(beside.is_empty(), "nothing beside the output");
    edit("甲三。");
    site.remove("content/stories/d.md");
    site.built();
    // Written into the output before last: an unchanged page is the very
    // file the first build wrote; the changed one is new; the removed one
    // is gone, and so is its folder.
    assert_eq!(identity(&site, "stories/b/index.html"), b_first);
    assert_eq!(identity(&site, "css/site.css"), css_first);
    assert!(site.read("stories/a/index.html").contains("甲三。"));
    assert!(
        !site.out().join("stories/d").exists(),
        "a stale page stayed"
    );
    let fresh = Site::new(&[
        (
            "content/stories/a.md",
            "---\ntitle: 故事甲\ndate: 2023-03-05\n---\n甲三。\n",
        ),
        (
            "content/stories/b.md",
            "---\ntitle: 故事乙\ndate: 2023-03-06\n---\n乙。\n",
        ),
        (
            "content/stories/c.md",
            "---\ntitle: 故事丙\ndate: 2023-03-07\n---\n丙。\n",
        ),
    ]);
    fresh.built();
    let ignore_stamp = |files: std::collections::BTreeMap<String, Vec<u8>>| {
        files
            .into_iter()
            .filter(|(p, _)| !p.contains("sitemap") && !p.ends_with(".xml"))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    assert_same_files(
        &ignore_stamp(snapshot(&fresh.out())),
        &ignore_stamp(snapshot(&site.out())),
        "a rebuild and a fresh build",
    );
}

#[test]
fn stray_file_in_a_marked_output_is_removed_by_the_next_build() {
    let site = site();
    site.built();
    std::fs::write(site.out().join("stray.txt"), "old").expect("write");
    site.built();
    assert!(!site.has("stray.txt"), "the output is replaced whole");
}

#[test]
fn non_empty_output_without_marker_is_refused_and_untouched() {
    let site = site();
    let out = site.out();
    std::fs::create_dir_all(out.join("docs")).expect("mkdir");
    std::fs::write(out.join("important.txt"), "keep me").expect("write");
    std::fs::write(out.join("docs/report.doc"), "keep me too").expect("write");
    let before = snapshot(&out);
    let run = site.build();
    run.status(2);
    assert!(
        run.stderr.contains("--force"),
        "the hint names --force: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("public"),
        "names the folder: {}",
        run.stderr
    );
    assert_same_files(&before, &snapshot(&out), "a folder redvest did not make");
}

#[test]
fn force_replaces_an_unmarked_output() {
    let site = site();
    let out = site.out();
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("important.txt"), "old").expect("write");
    site.build().status(2);
    site.build_with(&["--force"]).success();
    assert!(site.has("index.html"));
    assert!(site.has(MARKER));
    assert!(!site.has("important.txt"), "replaced whole");
    // Now it is marked: the next build needs no --force.
    site.build().success();
}

#[test]
fn empty_output_folder_without_marker_is_used() {
    let site = site();
    std::fs::create_dir_all(site.out()).expect("mkdir");
    site.built();
    assert!(site.has("index.html"));
}

#[test]
fn output_inside_the_content_folder_is_refused() {
    let site = site();
    let inside = site.root().join("content/public");
    let before = snapshot(site.root());
    let run = site.build_with(&["--output", inside.to_str().expect("utf-8")]);
    run.status(2);
    assert_same_files(&before, &snapshot(site.root()), "the site folder");
}

#[test]
fn output_that_contains_the_site_is_refused() {
    let site = site();
    let parent = site.root().parent().expect("the temp folder").to_path_buf();
    let before = snapshot(&parent);
    let run = site.build_with(&["--output", parent.to_str().expect("utf-8"), "--force"]);
    run.status(2);
    assert_same_files(&before, &snapshot(&parent), "the folder holding the site");
}

#[test]
fn unknown_option_is_a_usage_error() {
    let site = site();
    site.built();
    let before = snapshot(&site.out());
    let run = site.build_with(&["--outptu", "x"]);
    run.status(2);
    assert!(run.stderr.contains("--outptu"), "{}", run.stderr);
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

#[test]
fn missing_site_yaml_is_an_error_naming_it() {
    let site = site();
    site.remove("site.yaml");
    let run = site.build();
    assert_ne!(run.status, 0);
    run.stderr_has(&["site.yaml"]);
    assert!(!site.out().exists());
}
