//! A bad output directory: inside the sources or equal to the site, a file,
//! below a file, read-only, a write failing halfway, leftovers in the way,
//! and two builds at once. Every refused build leaves the previous output
//! byte-for-byte as it was and never exits with a panic or a signal.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bad_input::{assert_clean_failure, expect_error, site};
use crate::fixture::{assert_same_files, is_root, snapshot, Run, Site};

/// Builds into the default output and returns its snapshot.
fn built_once(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    site.built();
    let before = snapshot(&site.out());
    assert!(
        before.contains_key("index.html"),
        "the good build wrote a site"
    );
    before
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

/// Exit status 2, a message and a hint, and the default output unchanged.
#[track_caller]
fn expect_usage_error(run: &Run, words: &[&str]) {
    run.status(2);
    assert_clean_failure(run);
    run.stderr_has(&["error: ", "\n  hint: "]);
    run.stderr_has(words);
    assert!(run.stdout.trim().is_empty(), "no summary on failure");
}

/// The names in `dir` that redvest leaves beside an output while it works.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read a folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".redvest-new") || n.ends_with(".redvest-old"))
        .collect()
}

// ---- where the output may not go ----

#[test]
fn output_inside_content_is_a_usage_error() {
    let site = site();
    let before = built_once(&site);
    let run = site.run_in(
        site.root(),
        &["build", "--root", ".", "--output", "content/out"],
    );
    expect_usage_error(&run, &["content/out", "content/"]);
    assert!(!site.root().join("content/out").exists());
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

#[test]
fn output_inside_static_is_a_usage_error() {
    let site = site();
    site.write("static/robots-extra.txt", "x\n");
    let before = built_once(&site);
    let run = site.run_in(
        site.root(),
        &["build", "--root", ".", "--output", "static/site"],
    );
    expect_usage_error(&run, &["static/site", "static/"]);
    assert!(!site.root().join("static/site").exists());
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

#[test]
fn output_equal_to_the_site_root_is_a_usage_error() {
    let site = site();
    let before = built_once(&site);
    let whole = snapshot(site.root());
    let run = site.run_in(
        site.root(),
        &["build", "--root", ".", "--output", ".", "--force"],
    );
    expect_usage_error(&run, &["contains the site"]);
    let run = site.build_with(&["--output", utf8(site.root()), "--force"]);
    expect_usage_error(&run, &["contains the site"]);
    assert_same_files(&whole, &snapshot(site.root()), "the site folder");
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

#[test]
fn output_that_is_a_file_is_a_usage_error() {
    let site = site();
    let before = built_once(&site);
    let file = site.beside("public.html");
    fs::write(&file, "a file\n").expect("write");
    let run = site.build_with(&["--output", utf8(&file)]);
    expect_usage_error(&run, &["public.html", "not a directory"]);
    assert_eq!(fs::read_to_string(&file).expect("read"), "a file\n");
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

/// Builds into `<beside>/notes.txt/public`, below a regular file.
fn build_below_a_file(site: &Site) -> (Run, PathBuf) {
    let file = site.beside("notes.txt");
    fs::write(&file, "a file\n").expect("write");
    let run = site.build_with(&["--output", utf8(&file.join("public"))]);
    (run, file)
}

#[test]
fn output_below_a_file_fails_naming_it() {
    let site = site();
    let before = built_once(&site);
    let (run, file) = build_below_a_file(&site);
    assert_clean_failure(&run);
    run.stderr_has(&["error: ", "notes.txt"]);
    assert_eq!(fs::read_to_string(&file).expect("read"), "a file\n");
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

#[test]
fn output_below_a_file_is_a_usage_error_with_a_hint() {
    let site = site();
    built_once(&site);
    let (run, _) = build_below_a_file(&site);
    expect_usage_error(&run, &["notes.txt"]);
}

// ---- read-only output ----

/// Sets or clears the immutable attribute (`chattr ±i`), which stops root
/// too; false where the tool or the file system does not have it.
fn chattr(path: &Path, on: bool) -> bool {
    Command::new("chattr")
        .arg(if on { "+i" } else { "-i" })
        .arg(path)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Clears the immutable attribute when dropped, so the temp folder can go.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        chattr(&self.0, false);
    }
}

#[test]
fn immutable_output_folder_fails_and_is_untouched() {
    let site = site();
    let before = built_once(&site);
    if !chattr(&site.out(), true) {
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    let guard = Immutable(site.out());
    // An input changes, so the build has to replace the output.
    site.write(
        "content/stories/new.md",
        "---\ntitle: 新\ndate: 2023-03-06\n---\n新。\n",
    );
    let run = site.build();
    drop(guard);
    assert_clean_failure(&run);
    run.stderr_has(&["error: ", "public"]);
    assert_same_files(&before, &snapshot(&site.out()), "an immutable output");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn read_only_output_folder_fails_and_is_untouched() {
    if is_root() {
        eprintln!("skipped: chmod does not stop root (see immutable_output_folder_fails_and_is_untouched)");
        return;
    }
    let site = site();
    site.built();
    let out = site.out();
    let mut dirs: Vec<PathBuf> = walk_dirs(&out);
    dirs.push(out.clone());
    for dir in &dirs {
        set_mode(dir, 0o555);
    }
    let before = snapshot(&out);
    site.write(
        "content/stories/a.md",
        "---\ntitle: 改过的好人好事\ndate: 2023-03-05\n---\n",
    );
    let run = site.build();
    for dir in &dirs {
        if dir.exists() {
            set_mode(dir, 0o755);
        }
    }
    let old = site.root().join(".public.redvest-old");
    if old.exists() {
        for dir in walk_dirs(&old).iter().chain([&old]) {
            set_mode(dir, 0o755);
        }
    }
    assert_ne!(run.status, 0, "the build reported success");
    assert_same_files(&before, &snapshot(&out), "a read-only output");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    expect_error(&run, "", &["public"]);
}

#[cfg(unix)]
fn walk_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(walk_dirs(&path));
            out.push(path);
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn read_only_parent_of_the_output_fails_and_the_output_is_untouched() {
    if is_root() {
        eprintln!("skipped: chmod does not stop root (see output_below_a_file_fails_naming_it)");
        return;
    }
    let site = site();
    let parent = site.beside("www");
    let out = parent.join("public");
    site.build_with(&["--output", utf8(&out)]).success();
    let before = snapshot(&out);
    set_mode(&parent, 0o555);
    let run = site.build_with(&["--output", utf8(&out)]);
    set_mode(&parent, 0o755);
    expect_error(&run, "", &["www"]);
    assert_same_files(&before, &snapshot(&out), "below a read-only folder");
}

// ---- a write failing halfway ----

/// A file `static/stories` where the build writes the folder `stories/`:
/// the write fails after the output's other files are written.
fn break_halfway(site: &Site) -> Run {
    site.write("static/stories", "a file where a folder goes\n");
    site.build()
}

#[test]
fn write_failing_halfway_keeps_the_old_output() {
    let site = site();
    let before = built_once(&site);
    let run = break_halfway(&site);
    assert_clean_failure(&run);
    run.stderr_has(&["error: ", "stories"]);
    assert!(run.stdout.trim().is_empty(), "no summary on failure");
    assert_same_files(&before, &snapshot(&site.out()), "after a failed write");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn write_failing_halfway_says_what_to_do() {
    let site = site();
    built_once(&site);
    let run = break_halfway(&site);
    expect_error(&run, "", &["static/stories", "\n  hint: "]);
}

// ---- leftovers in the way ----

#[test]
fn folder_in_the_way_of_the_new_build_is_refused_and_kept() {
    let site = site();
    let before = built_once(&site);
    let in_the_way = site.root().join(".public.redvest-new");
    fs::create_dir_all(&in_the_way).expect("mkdir");
    fs::write(in_the_way.join("mine.txt"), "keep me\n").expect("write");
    let run = site.build();
    expect_usage_error(&run, &[".public.redvest-new", "not made by redvest"]);
    assert_eq!(
        fs::read_to_string(in_the_way.join("mine.txt")).expect("kept"),
        "keep me\n"
    );
    assert_same_files(&before, &snapshot(&site.out()), "the output");
}

// ---- two builds at once ----

/// A site with `n` stories (and the usual campaign, column and report), big
/// enough that two builds of it overlap.
fn medium_site(n: usize, title: &str) -> Site {
    let site = site();
    for i in 0..n {
        site.write(
            &format!("content/stories/s{i:03}.md"),
            &format!(
                "---\ntitle: {title}第{i}篇\ndate: 2023-03-{:02}\ntags: [标签{}]\ncampaign: spring-drive\n---\n正文{i}。\n\n## 小节\n\n{}\n",
                i % 28 + 1,
                i % 10,
                "志愿服务。".repeat(50)
            ),
        );
    }
    site
}

/// Starts `redvest build --root <site> --output <out>` without waiting.
fn start_build(site: &Site, out: &Path) -> std::process::Child {
    site.command(&["build", "--root", utf8(site.root()), "--output", utf8(out)])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start redvest")
}

fn finish(child: std::process::Child) -> Run {
    Run::from(child.wait_with_output().expect("wait for redvest"))
}

#[test]
fn two_builds_at_once_leave_one_complete_site() {
    let site = medium_site(300, "");
    let reference = site.beside("reference");
    site.build_with(&["--output", utf8(&reference)]).success();
    let expected = snapshot(&reference);
    let out = site.beside("same");
    for round in 0..3 {
        let first = start_build(&site, &out);
        let second = start_build(&site, &out);
        for run in [finish(first), finish(second)] {
            assert_eq!(
                run.status, 0,
                "round {round}: a build failed\n{}",
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        }
        assert_same_files(&expected, &snapshot(&out), "two builds at once");
        assert_eq!(
            leftovers(out.parent().expect("a parent")),
            Vec::<String>::new()
        );
    }
}

#[test]
fn two_sites_built_at_once_into_one_output_never_mix() {
    let one = medium_site(200, "甲");
    let two = medium_site(200, "乙");
    let ref_one = one.beside("reference");
    let ref_two = two.beside("reference");
    one.build_with(&["--output", utf8(&ref_one)]).success();
    two.build_with(&["--output", utf8(&ref_two)]).success();
    let (expected_one, expected_two) = (snapshot(&ref_one), snapshot(&ref_two));
    assert_ne!(expected_one, expected_two, "the two sites differ");
    let out = one.beside("shared");
    for round in 0..3 {
        let a = start_build(&one, &out);
        let b = start_build(&two, &out);
        for run in [finish(a), finish(b)] {
            assert_eq!(
                run.status, 0,
                "round {round}: a build failed\n{}",
                run.stderr
            );
        }
        let got = snapshot(&out);
        assert!(
            got == expected_one || got == expected_two,
            "round {round}: the output is a mix of the two sites"
        );
        assert_eq!(
            leftovers(out.parent().expect("a parent")),
            Vec::<String>::new()
        );
    }
}
