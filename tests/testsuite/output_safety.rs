//! The output folder never costs the user a file: a site root or output
//! given through a symbolic link is compared as the folder it names, the
//! user's dot-entries in the output (`.git/`, `.well-known/`) survive every
//! build, an output that is a link is written through and the link kept,
//! nothing is left beside the output, and a failed, refused or killed build
//! leaves the site root, the output and the output's parent as they were.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::bad_input::{assert_clean_failure, site};
use crate::fixture::{assert_same_files, snapshot, Site};

fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

/// The names in `dir` that redvest puts beside an output.
fn beside_output(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read a folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.get(1..).is_some_and(|rest| rest.contains(".redvest-")))
        .collect();
    names.sort();
    names
}

/// Everything in the temporary folder holding the site: the root, its
/// output and whatever lies beside them.
fn everything(site: &Site) -> BTreeMap<String, Vec<u8>> {
    snapshot(site.root().parent().expect("the temp folder"))
}

// ---- item 1: the site given through a link ----

#[test]
fn a_root_given_through_a_link_is_never_replaced_by_its_output() {
    let site = site();
    site.built();
    let link = site.beside("link");
    symlink(site.root(), &link).expect("a link to the site");
    let before = everything(&site);
    let args = [
        "build",
        "--root",
        utf8(&link),
        "--output",
        utf8(site.root()),
        "--force",
    ];
    let en = site.run(&args);
    en.status(2);
    assert_clean_failure(&en);
    en.stderr_has(&["contains the site itself"]);
    let zh = site.run_zh(&args);
    zh.status(2);
    zh.stderr_has(&["输出文件夹“", "”包含了站点本身", "提示"]);
    assert_same_files(&before, &everything(&site), "a root given through a link");
}

#[test]
fn an_output_inside_content_through_a_link_is_refused_even_with_force() {
    let site = site();
    site.built();
    let link = site.beside("link");
    symlink(site.root(), &link).expect("a link to the site");
    let before = everything(&site);
    let output = link.join("content");
    let args = [
        "build",
        "--root",
        utf8(site.root()),
        "--output",
        utf8(&output),
        "--force",
    ];
    let en = site.run(&args);
    en.status(2);
    en.stderr_has(&["is inside content/"]);
    let zh = site.run_zh(&args);
    zh.status(2);
    zh.stderr_has(&["位于源文件夹“content/”之内"]);
    assert!(site.root().join("content/stories/a.md").is_file());
    assert_same_files(&before, &everything(&site), "content given through a link");
}

#[test]
fn an_output_that_is_a_link_to_a_source_folder_is_refused() {
    let site = site();
    let link = site.beside("out");
    symlink(site.root().join("static"), &link).expect("a link to static/");
    fs::create_dir_all(site.root().join("static")).expect("static/");
    site.write("static/keep.txt", "keep");
    let before = everything(&site);
    let run = site.build_with(&["--output", utf8(&link), "--force"]);
    run.status(2);
    run.stderr_has(&["is inside static/"]);
    assert_same_files(&before, &everything(&site), "an output linked to static/");
}

// ---- item 2: the user's dot-entries in the output ----

#[test]
fn dot_entries_the_user_put_in_the_output_are_kept_across_builds() {
    let site = site();
    site.built();
    let out = site.out();
    fs::create_dir_all(out.join(".git/objects")).expect(".git");
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    fs::write(out.join(".git/objects/ab"), [0u8, 1, 2]).expect("an object");
    fs::create_dir_all(out.join(".well-known")).expect(".well-known");
    fs::write(out.join(".well-known/security.txt"), "Contact: x\n").expect("security.txt");
    fs::write(out.join("stories/.htaccess"), "Deny from none\n").expect(".htaccess");
    let inode = std::os::unix::fs::MetadataExt::ino(
        &fs::metadata(out.join(".git/HEAD")).expect("HEAD's metadata"),
    );
    site.write(
        "content/stories/a.md",
        "---\ntitle: 改过的好人好事\ndate: 2023-03-05\n---\n新正文。\n",
    );
    site.built();
    assert!(site.read("index.html").contains("改过的好人好事"));
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/main\n");
    assert_eq!(
        fs::read(out.join(".git/objects/ab")).expect("the object"),
        [0, 1, 2]
    );
    assert_eq!(site.read(".well-known/security.txt"), "Contact: x\n");
    assert_eq!(site.read("stories/.htaccess"), "Deny from none\n");
    let moved = std::os::unix::fs::MetadataExt::ino(
        &fs::metadata(out.join(".git/HEAD")).expect("HEAD's metadata"),
    );
    assert_eq!(
        inode, moved,
        ".git is moved into the new output, not copied"
    );
    // A third build that finds nothing changed leaves them too.
    site.built();
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/main\n");
    assert_eq!(beside_output(site.root()), Vec::<String>::new());
}

/// Builds once, gives the output a `.git/`, and edits a story so that the
/// next build writes.
fn built_with_git(site: &Site) {
    site.built();
    fs::create_dir_all(site.out().join(".git")).expect(".git");
    fs::write(site.out().join(".git/HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    site.write(
        "content/stories/a.md",
        "---\ntitle: 改过的好人好事\ndate: 2023-03-05\n---\n",
    );
}

#[test]
fn a_site_a_killed_build_moved_aside_is_put_back_with_its_dot_entries() {
    let site = site();
    built_with_git(&site);
    let old = site.root().join(".public.redvest-old");
    fs::rename(site.out(), &old).expect("move the output aside as a killed swap leaves it");
    site.built();
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/main\n");
    assert!(site.read("index.html").contains("改过的好人好事"));
    assert!(!old.exists(), "nothing is left beside the output");
}

#[test]
fn dot_entries_a_killed_build_left_in_the_old_site_are_carried_over() {
    let site = site();
    built_with_git(&site);
    let old = site.root().join(".public.redvest-old");
    fs::create_dir_all(old.join(".git")).expect("the old site");
    fs::write(old.join(".redvest-output"), "marker").expect("its marker");
    fs::rename(site.out().join(".git"), old.join(".git/inner")).expect("move .git");
    site.built();
    assert_eq!(site.read(".git/inner/HEAD"), "ref: refs/heads/main\n");
    assert!(!old.exists(), "nothing is left beside the output");
}

// ---- item 3: an output that is a link ----

/// A folder `www` beside the site and a link `public-link` to it.
fn linked_output(site: &Site) -> (PathBuf, PathBuf) {
    let real = site.beside("www");
    let link = site.beside("public-link");
    fs::create_dir_all(&real).expect("the real output");
    symlink(&real, &link).expect("a link to the output");
    (real, link)
}

#[test]
fn an_output_that_is_a_link_is_written_through_and_the_link_kept() {
    let site = site();
    let (real, link) = linked_output(&site);
    site.build_with(&["--output", utf8(&link)]).success();
    assert!(real.join("index.html").is_file());
    site.write(
        "content/stories/a.md",
        "---\ntitle: 改过的好人好事\ndate: 2023-03-05\n---\n",
    );
    site.build_with(&["--output", utf8(&link)]).success();
    assert!(
        fs::symlink_metadata(&link)
            .expect("the link")
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    assert_eq!(fs::read_link(&link).expect("the link's target"), real);
    let index = fs::read_to_string(real.join("index.html")).expect("the new index");
    assert!(
        index.contains("改过的好人好事"),
        "the target holds the new site"
    );
    let parent = site.root().parent().expect("the temp folder");
    assert_eq!(beside_output(parent), Vec::<String>::new());
}

// ---- item 11: nothing beside the output ----

#[test]
fn a_build_writes_nothing_beside_its_output() {
    let site = site();
    let out = site.beside("out");
    let parent = site.root().parent().expect("the temp folder");
    let names = || {
        let mut names: Vec<String> = fs::read_dir(parent)
            .expect("read the temp folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    };
    site.build_with(&["--output", utf8(&out)]).success();
    assert_eq!(names(), ["out", "site"]);
    let again = site.build_with(&["--output", utf8(&out)]);
    again.success();
    assert!(again.stdout.contains("up to date"), "{}", again.stdout);
    assert_eq!(names(), ["out", "site"]);
    assert!(
        site.root().join(".redvest-cache").is_dir(),
        "the stamp is kept in the site's cache folder"
    );
}

#[test]
fn the_stamp_and_lock_earlier_versions_left_beside_the_output_are_removed() {
    let site = site();
    let stamp = site.root().join(".public.redvest-stamp");
    let lock = site.root().join(".public.redvest-lock");
    let foreign = site.root().join(".public.redvest-notes");
    fs::write(&stamp, "redvest build stamp 1\ninputs 0\n").expect("an old stamp");
    fs::write(&lock, "").expect("an old lock");
    fs::write(&foreign, "mine").expect("a file of the user's");
    site.built();
    assert!(!stamp.exists() && !lock.exists());
    assert_eq!(fs::read_to_string(&foreign).expect("kept"), "mine");
}

// ---- failed, refused and killed builds ----

#[test]
fn a_failed_or_refused_build_leaves_root_output_and_parent_byte_identical() {
    let site = site();
    site.built();
    site.write("content/stories/bad.md", "---\ntitle: [\n---\n");
    let before = everything(&site);
    let failed = site.build();
    failed.status(1);
    assert_same_files(&before, &everything(&site), "a failed build");
    let refused = site.build_with(&["--output", utf8(&site.root().join("templates/x"))]);
    refused.status(2);
    assert_same_files(&before, &everything(&site), "a refused build");
}

#[test]
fn a_failed_build_through_a_linked_output_leaves_everything_byte_identical() {
    let site = site();
    let (_, link) = linked_output(&site);
    site.build_with(&["--output", utf8(&link)]).success();
    site.write("content/stories/bad.md", "---\ntitle: [\n---\n");
    let before = everything(&site);
    site.build_with(&["--output", utf8(&link)]).status(1);
    assert_same_files(&before, &everything(&site), "a failed build through a link");
}

/// A site big enough that its build takes a moment to write.
fn big_site() -> Site {
    let site = site();
    let body = "志愿者走进社区，开展清扫、义诊和政策宣讲活动。\n\n".repeat(40);
    for i in 0..1000 {
        site.write(
            &format!("content/stories/s{i:04}.md"),
            &format!("---\ntitle: 第{i}位好人\ndate: 2023-03-05\n---\n{body}"),
        );
    }
    site
}

/// Starts a build into `output` and kills it while it writes its staging
/// folder `staging`.
fn kill_while_writing(
    site: &Site,
    output: &Path,
    staging: &dyn Fn() -> Option<PathBuf>,
) -> PathBuf {
    let mut child = site
        .command(&[
            "build",
            "--root",
            utf8(site.root()),
            "--output",
            utf8(output),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a build");
    let started = Instant::now();
    let found = loop {
        if let Some(dir) = staging().filter(|d| d.join("stories").is_dir()) {
            break dir;
        }
        if started.elapsed() > Duration::from_secs(120) {
            panic!("the build never started writing");
        }
        if child.try_wait().expect("poll the build").is_some() {
            panic!("the build finished before it could be killed");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().expect("SIGKILL the build");
    child.wait().expect("reap the build");
    found
}

/// The folders `output-*` of the site's cache folder: where builds stage
/// outputs on the site's file system.
fn staging_folders(site: &Site) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(site.root().join(".redvest-cache")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("output-"))
        })
        .collect()
}

/// `before` and `after` with the staging folder `staging` left out.
fn without(files: BTreeMap<String, Vec<u8>>, staging: &str) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .filter(|(path, _)| !path.starts_with(staging))
        .collect()
}

#[test]
fn a_killed_build_leaves_everything_but_its_staging_folder_which_the_next_build_writes_over() {
    let site = big_site();
    let (_real, link) = linked_output(&site);
    let temp = site.root().parent().expect("the temp folder").to_path_buf();
    for output in [site.out(), link.clone()] {
        site.build_with(&["--output", utf8(&output)]).success();
        let name = if output == link { "www" } else { "public" };
        fs::create_dir_all(output.join(".git")).expect(".git");
        fs::write(output.join(".git/HEAD"), "ref\n").expect("HEAD");
        site.write(
            "content/stories/s0000.md",
            &format!("---\ntitle: 改过{name}\ndate: 2023-03-05\n---\n"),
        );
        let before = everything(&site);
        let earlier = staging_folders(&site);
        let staging_dir = kill_while_writing(&site, &output, &|| {
            staging_folders(&site)
                .into_iter()
                .find(|d| !earlier.contains(d))
        });
        let staging = format!(
            "{}/",
            staging_dir
                .strip_prefix(&temp)
                .expect("in the temp folder")
                .display()
        );
        assert!(
            staging.starts_with("site/.redvest-cache/output-"),
            "{staging}"
        );
        assert_same_files(
            &without(before, &staging),
            &without(everything(&site), &staging),
            "a killed build",
        );
        site.build_with(&["--output", utf8(&output)]).success();
        // The staging folder was written over and swapped in; the output
        // before is now the next build's staging folder.
        assert!(
            staging_dir.join(".redvest-output").is_file(),
            "the old output is kept as the staging folder"
        );
        assert!(
            !staging_dir.join(".git").exists(),
            "the user's .git moved on"
        );
        assert_eq!(
            fs::read_to_string(output.join(".git/HEAD")).expect("HEAD"),
            "ref\n"
        );
        let story = fs::read_to_string(output.join("stories/s0000/index.html"))
            .or_else(|_| fs::read_to_string(output.join("index.html")))
            .expect("a page");
        assert!(story.contains(&format!("改过{name}")));
    }
}
