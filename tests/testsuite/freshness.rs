//! The "up to date" shortcut is never fooled: an edit that keeps a file's
//! size and modification time (as `tar`, `rsync -t` or a coarse clock
//! leave it) is seen, in content, templates and `site.yaml` alike.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::bad_input::site;
use crate::fixture::Site;

/// Rewrites `path` with `text` (of the same length as before), then puts
/// its modification time back as it was.
fn edit_keeping_size_and_mtime(path: &Path, text: &str) {
    let meta = fs::metadata(path).expect("the file's metadata");
    assert_eq!(meta.len(), text.len() as u64, "the edit keeps the size");
    let mtime: SystemTime = meta.modified().expect("a modification time");
    fs::write(path, text).expect("edit the file");
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open the file");
    file.set_modified(mtime).expect("put the time back");
    drop(file);
    let after = fs::metadata(path).expect("the file's metadata");
    assert_eq!(after.modified().expect("a time"), mtime);
    assert_eq!(after.len(), meta.len());
}

fn same_length(site: &Site, rel: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let path = site.root().join(rel);
    let text = fs::read_to_string(&path).expect("read the file");
    assert!(text.contains(from), "{rel} has {from}");
    edit_keeping_size_and_mtime(&path, &text.replacen(from, to, 1));
}

#[test]
fn an_edit_keeping_size_and_mtime_is_published_by_the_next_build() {
    let site = site();
    site.write(
        "content/stories/a.md",
        "---\ntitle: 好人好事\ndate: 2023-03-05\n---\nOLD-TEXT\n",
    );
    site.built();
    assert!(site.read("stories/a/index.html").contains("OLD-TEXT"));
    same_length(&site, "content/stories/a.md", "OLD-TEXT", "NEW-TEXT");
    let run = site.built();
    assert!(!run.stdout.contains("up to date"), "{}", run.stdout);
    let page = site.read("stories/a/index.html");
    assert!(
        page.contains("NEW-TEXT") && !page.contains("OLD-TEXT"),
        "{page}"
    );
    let again = site.built();
    assert!(again.stdout.contains("up to date"), "{}", again.stdout);
}

#[test]
fn a_template_edit_keeping_size_and_mtime_is_published_by_the_next_build() {
    let site = site();
    site.local_theme();
    let template = "themes/default/templates/base.html";
    let text = fs::read_to_string(site.root().join(template)).expect("base.html");
    site.write(template, &text.replacen("<body", "<!--OLD--><body", 1));
    site.built();
    assert!(site.read("index.html").contains("<!--OLD-->"));
    same_length(&site, template, "<!--OLD-->", "<!--NEW-->");
    let run = site.built();
    assert!(!run.stdout.contains("up to date"), "{}", run.stdout);
    assert!(site.read("index.html").contains("<!--NEW-->"));
}

#[test]
fn a_site_yaml_edit_keeping_size_and_mtime_is_published_by_the_next_build() {
    let site = site();
    site.built();
    same_length(&site, "site.yaml", "记录身边的志愿者", "记录身边的好人们");
    let run = site.built();
    assert!(!run.stdout.contains("up to date"), "{}", run.stdout);
    assert!(site.read("index.html").contains("记录身边的好人们"));
}

#[test]
fn a_stamp_that_cannot_be_recorded_is_a_warning_and_the_site_is_published() {
    let site = site();
    // The cache folder cannot be made: a file has its name.
    site.write(".redvest-cache", "not a folder");
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let first = site.run_zh(&["build", "--root", root]);
    first.success().stderr_has(&[
        "警告：",
        ".redvest-cache/stamp-",
        "记录这次生成读取了哪些文件",
        "网站已经照常生成；只是下次生成会全部重新生成一遍",
    ]);
    assert!(site.out().join("index.html").is_file());
    // Without a stamp the next build builds again, and says so again.
    let second = site.build();
    second
        .success()
        .stderr_has(&["warning:", "the next build will build everything again"]);
    assert!(!second.stderr.contains("up to date"), "{}", second.stderr);
}
