//! A tiny site on disk, the real `redvest` binary run on it, and helpers to
//! read what it wrote.
//!
//! Every run sets `SOURCE_DATE_EPOCH` to [`EPOCH`] (2026-11-22 08:00 +08:00),
//! so campaign status and scheduled items do not depend on today's date.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The build time of every run: 2026-11-22T00:00:00Z = 2026-11-22 08:00 +08:00.
pub const EPOCH: &str = "1795305600";

/// The `site.yaml` a fixture gets unless it writes its own.
pub const CONFIG: &str = "\
title: 测试志愿服务
base_url: https://example.org/
description: 记录身边的志愿者
metrics:
  activities: { label: 开展活动, unit: 次 }
  volunteers: { label: 参与志愿者, unit: 人次 }
  hours: { label: 服务时长, unit: 小时 }
";

/// The default `site.yaml` with `extra` lines added at the end.
pub fn config_with(extra: &str) -> String {
    format!("{CONFIG}{extra}")
}

/// The output of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// Exit status (-1 if killed by a signal).
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics, showing both streams, unless the run exited 0.
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.status, 0,
            "expected success\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics, showing both streams, unless the run exited with `status`.
    #[track_caller]
    pub fn status(&self, status: i32) -> &Self {
        assert_eq!(
            self.status, status,
            "expected exit status {status}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics unless stderr contains every one of `needles`.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Self {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}\n--- stderr\n{}",
                self.stderr
            );
        }
        self
    }
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Self {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// A run with how long it took and the most memory it was seen to use.
#[derive(Debug)]
pub struct Measured {
    /// What the run printed and returned.
    pub run: Run,
    /// Wall time from start to exit.
    pub elapsed: Duration,
    /// The largest resident set (`VmHWM`, in KB) seen while it ran; `None`
    /// where `/proc` does not tell.
    pub peak_kb: Option<u64>,
}

/// Longest a measured run may take before it is killed.
const MEASURE_LIMIT: Duration = Duration::from_secs(120);

/// Runs `command`, watching its peak memory through `/proc`; kills it and
/// panics if it runs longer than two minutes.
pub fn run_measured(mut command: Command) -> Measured {
    use std::io::Read;
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the redvest binary");
    let reader = |stream: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut stream) = stream {
                let _ = stream.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = reader(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let stderr = reader(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_kb: Option<u64> = None;
    let status = loop {
        let seen = fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
        if let Some(kb) = seen {
            peak_kb = Some(peak_kb.map_or(kb, |p| p.max(kb)));
        }
        if let Some(status) = child.try_wait().expect("wait for redvest") {
            break status;
        }
        if started.elapsed() > MEASURE_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("redvest ran for more than {MEASURE_LIMIT:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    Measured {
        run: Run {
            status: status.code().unwrap_or(-1),
            stdout: stdout.join().expect("read stdout"),
            stderr: stderr.join().expect("read stderr"),
        },
        elapsed,
        peak_kb,
    }
}

/// Whether file permissions fail to stop this process (it runs as root, or
/// with `CAP_DAC_OVERRIDE`): probed by reading a file with mode 000.
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let probe = dir.path().join("probe");
        fs::write(&probe, "x").expect("write the probe");
        fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).expect("chmod the probe");
        fs::read(&probe).is_ok()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Keeps a copy of each fixture's folder when the test ends, under the
/// folder `REDVEST_KEEP_FIXTURES` names (`<test name>-<n>`), so that the
/// outputs of two versions of redvest can be compared with `diff -r`.
impl Drop for Site {
    fn drop(&mut self) {
        let Some(keep) = std::env::var_os("REDVEST_KEEP_FIXTURES") else {
            return;
        };
        let test = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .replace("::", "-");
        let keep = Path::new(&keep);
        let _ = fs::create_dir_all(keep);
        let n = (1..)
            .find(|n| !keep.join(format!("{test}-{n}")).exists())
            .unwrap_or(0);
        let from = self.root.parent().expect("the temp folder");
        let _ = Command::new("cp")
            .arg("-a")
            .arg(from)
            .arg(keep.join(format!("{test}-{n}")))
            .status();
    }
}

/// A site in a temporary folder. It uses the theme built into redvest
/// unless it is given a copy of its own ([`Site::local_theme`]).
pub struct Site {
    _dir: TempDir,
    root: PathBuf,
}

impl Site {
    /// A site with the default `site.yaml` (unless `files` has one) and `files`.
    pub fn new(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::Builder::new()
            .prefix("redvest-test-")
            .tempdir()
            .expect("a temporary folder");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).expect("create the site folder");
        let site = Site { _dir: dir, root };
        site.write("site.yaml", CONFIG);
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A site as [`Site::new`] makes it, with a copy of the repository's
    /// default theme in its own `themes/default/`.
    pub fn with_local_theme(files: &[(&str, &str)]) -> Site {
        let site = Site::new(files);
        site.local_theme();
        site
    }

    /// Copies the repository's default theme into the site's
    /// `themes/default/`, which the site then uses instead of the built-in one.
    pub fn local_theme(&self) {
        copy_dir(&repo_theme(), &self.root.join("themes/default"));
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The default output folder, `<root>/public`.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A folder beside the site (not inside it), e.g. for `--output`.
    pub fn beside(&self, name: &str) -> PathBuf {
        self.root.parent().expect("the temp folder").join(name)
    }

    /// Writes a text file below the root, creating folders.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Writes a file's bytes below the root, creating folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Removes a file below the root.
    pub fn remove(&self, rel: &str) {
        let path = self.root.join(rel);
        fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
    }

    /// `redvest <args>`, to run in the temp folder with `SOURCE_DATE_EPOCH`
    /// fixed and messages in English (`REDVEST_LANG=en`, whatever the site's
    /// language); for tests that start processes themselves.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = self.command_zh(args);
        command.env("REDVEST_LANG", "en");
        command
    }

    /// `redvest <args>` as [`Site::command`], but with messages in the
    /// language a reader of this site gets: no `REDVEST_LANG`, and a `LANG`
    /// that does not say Chinese, so the site's `language` decides.
    pub fn command_zh(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_redvest"));
        command
            .args(args)
            .current_dir(self.root.parent().expect("the temp folder"))
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("REDVEST_LANG")
            .env_remove("RUST_LOG")
            .env_remove("RUST_BACKTRACE");
        command
    }

    /// Runs `redvest <args>` in the temp folder, with `SOURCE_DATE_EPOCH` fixed.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run the redvest binary");
        Run::from(output)
    }

    /// Runs `redvest <args>` with messages in the site's language (Chinese
    /// for the fixture's `site.yaml`), as a clerk runs it.
    pub fn run_zh(&self, args: &[&str]) -> Run {
        let output = self
            .command_zh(args)
            .output()
            .expect("run the redvest binary");
        Run::from(output)
    }

    /// Runs `redvest <args>` in `dir` (e.g. the site root, for `--output .`).
    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let output = self
            .command(args)
            .current_dir(dir)
            .output()
            .expect("run the redvest binary");
        Run::from(output)
    }

    /// `redvest build --root <root> <extra>`.
    pub fn build_with(&self, extra: &[&str]) -> Run {
        let root = self.root.to_str().expect("a UTF-8 temp path");
        let mut args = vec!["build", "--root", root];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `redvest build --root <root>` (into `<root>/public`).
    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// `redvest check --root <root> <extra>`.
    pub fn check_with(&self, extra: &[&str]) -> Run {
        let root = self.root.to_str().expect("a UTF-8 temp path");
        let mut args = vec!["check", "--root", root];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Builds and panics unless the build succeeded.
    #[track_caller]
    pub fn built(&self) -> Run {
        let run = self.build();
        run.success();
        run
    }

    /// Builds as a clerk (Chinese) and in English, panics unless both
    /// fail with status 1 and write nothing; gives both runs.
    #[track_caller]
    pub fn failed_both_ways(&self) -> (Run, Run) {
        let zh = self.run_zh(&["build", "--root", "site"]);
        zh.status(1);
        let en = self.build();
        en.status(1);
        assert!(!self.out().exists(), "nothing is written");
        (zh, en)
    }

    /// A file of the default output as text.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        read_text(&self.out().join(rel))
    }

    /// Whether the default output has this file.
    pub fn has(&self, rel: &str) -> bool {
        self.out().join(rel).is_file()
    }
}

/// A file as text, with its path in the panic message.
#[track_caller]
pub fn read_text(path: &Path) -> String {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", path.display())),
        Err(e) => panic!(
            "cannot read {}: {e}\nfiles there:\n{}",
            path.display(),
            listing(path)
        ),
    }
}

/// The files of the output folder nearest to `path`, for failure messages.
fn listing(path: &Path) -> String {
    let mut dir = path;
    while let Some(parent) = dir.parent() {
        dir = parent;
        if dir.is_dir() {
            break;
        }
    }
    let mut out = String::new();
    for name in snapshot(dir).keys().take(80) {
        let _ = writeln!(out, "  {name}");
    }
    out
}

/// Every file under `dir` (relative path with `/` → bytes); empty if absent.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.is_dir() {
        collect(dir, dir, &mut files);
    }
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read a folder")
        .map(|e| e.expect("a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .expect("below the base")
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, fs::read(&path).expect("read a file"));
        }
    }
}

/// Panics, naming the first files that differ, unless the two snapshots are equal.
#[track_caller]
pub fn assert_same_files(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    if before == after {
        return;
    }
    let mut diff = String::new();
    for (path, bytes) in before {
        match after.get(path) {
            None => {
                let _ = writeln!(diff, "  removed: {path}");
            }
            Some(other) if other != bytes => {
                let _ = writeln!(diff, "  changed: {path}");
            }
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        let _ = writeln!(diff, "  added: {path}");
    }
    panic!("{what}: the files differ\n{diff}");
}

/// Copies the folder `from` to `to`, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a theme folder");
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("a theme entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a theme file");
        }
    }
}

/// The part of an HTML page inside `<main …>…</main>` (the whole page if absent),
/// so that menus and footers do not make a test pass.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |i| start + i);
    &html[start..end]
}

/// Every output file whose path ends with `suffix`, as (path, text).
pub fn texts_ending(dir: &Path, suffix: &str) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with(suffix))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// One `<item>` of an RSS feed.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// `<title>`.
    pub title: String,
    /// `<link>`.
    pub link: String,
    /// `<guid>` text.
    pub guid: String,
    /// `<guid isPermaLink="…">`.
    pub guid_is_permalink: Option<String>,
    /// `<pubDate>`.
    pub pub_date: String,
    /// `<description>`, unescaped.
    pub description: String,
}

/// An RSS 2.0 feed, read.
#[derive(Debug, Clone)]
pub struct Feed {
    /// `<channel><title>`.
    pub title: String,
    /// `<channel><link>`.
    pub link: String,
    /// `<channel><language>`.
    pub language: String,
    /// The items, in document order.
    pub items: Vec<FeedItem>,
}

/// Parses an RSS 2.0 document; panics unless it is well-formed XML with
/// `<rss version="2.0"><channel>`.
#[track_caller]
pub fn parse_feed(xml: &str) -> Feed {
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("the feed is not well-formed XML: {e}\n{xml}"));
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss", "root element of\n{xml}");
    assert_eq!(
        rss.attribute("version"),
        Some("2.0"),
        "RSS version of\n{xml}"
    );
    let channel = rss
        .children()
        .find(|n| n.has_tag_name("channel"))
        .expect("<channel>");
    let text = |node: roxmltree::Node<'_, '_>, name: &str| -> String {
        node.children()
            .find(|n| n.has_tag_name(name))
            .map(|n| n.text().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    let items = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            let guid = item.children().find(|n| n.has_tag_name("guid"));
            FeedItem {
                title: text(item, "title"),
                link: text(item, "link"),
                guid: guid.and_then(|g| g.text()).unwrap_or("").to_string(),
                guid_is_permalink: guid
                    .and_then(|g| g.attribute("isPermaLink"))
                    .map(str::to_string),
                pub_date: text(item, "pubDate"),
                description: text(item, "description"),
            }
        })
        .collect();
    Feed {
        title: text(channel, "title"),
        link: text(channel, "link"),
        language: text(channel, "language"),
        items,
    }
}

/// The repository's `themes/default/`, the source of the built-in theme.
pub fn repo_theme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}
