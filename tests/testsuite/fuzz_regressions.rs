//! Inputs found by fuzzing (`fuzz/regressions/`), the fuzz seed corpora
//! (`fuzz/seeds/`) and hostile shapes (YAML alias bombs, 10,000-deep
//! nesting, 5 MB lines, many references), fed through the same public API
//! paths as the fuzz targets in `fuzz/fuzz_targets/` and through the real
//! binary. Errors are fine; a panic, a signal or a run that does not finish
//! is not.
//!
//! Each library call runs on its own thread with a deadline, so a hang fails
//! the one test instead of the whole suite; each binary run is killed after
//! its deadline.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use redvest::config;
use redvest::content::front_matter;
use redvest::markdown::{self, MarkdownOptions};
use redvest::source::{decode_text, parse_yaml};

use super::fixture::{Site, EPOCH};

#[path = "../../fuzz/harness/page.rs"]
mod page;

/// How long one library call or one binary run may take (a debug build, on
/// a busy 2-core machine).
const DEADLINE: Duration = Duration::from_secs(180);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `fuzz/<dir>/`, sorted, whose names start with `prefix`.
fn files_in(dir: &str, prefix: &str) -> Vec<PathBuf> {
    let dir = repo().join("fuzz").join(dir);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Runs `work` on a thread with an 8 MiB stack (the main thread's) and fails
/// if it panics or is still running after [`DEADLINE`].
#[track_caller]
fn finishes(what: &str, work: impl FnOnce() + Send + 'static) {
    let (done, wait) = mpsc::channel();
    let started = Instant::now();
    std::thread::Builder::new()
        .name(what.to_string())
        .stack_size(8 << 20)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let _ = done.send(result.is_ok());
        })
        .expect("spawn a thread");
    match wait.recv_timeout(DEADLINE) {
        Ok(true) => {}
        Ok(false) => panic!("{what}: panicked (see the message above)"),
        Err(_) => panic!("{what}: still running after {:?}", started.elapsed()),
    }
}

// --- The fuzz targets' paths through the library ----------------------------

/// `fuzz_targets/front_matter.rs`: decode, split, YAML into each raw type.
fn front_matter_path(bytes: &[u8]) {
    let shown = Path::new("content/stories/a.md");
    let Ok(text) = decode_text(bytes, shown) else {
        return;
    };
    let Ok(split) = front_matter::split(&text, shown) else {
        return;
    };
    assert!(text.ends_with(split.body));
    let line = split.yaml_line;
    let _ = parse_yaml::<front_matter::RawItem>(split.yaml, shown, line, front_matter::ITEM_KEYS)
        .map_err(|e| e.to_string());
    let _ = parse_yaml::<front_matter::RawCampaign>(
        split.yaml,
        shown,
        line,
        front_matter::CAMPAIGN_KEYS,
    )
    .map_err(|e| e.to_string());
    let _ =
        parse_yaml::<front_matter::RawColumn>(split.yaml, shown, line, front_matter::COLUMN_KEYS)
            .map_err(|e| e.to_string());
}

/// `fuzz_targets/page.rs`, through the same file: `parse_source` as a
/// story, a campaign and a column with a real `Config`, then the Markdown
/// functions on the body.
fn page_path(bytes: &[u8]) {
    let dir = tempfile::Builder::new()
        .prefix("redvest-fuzz-regression-")
        .tempdir()
        .expect("a temporary folder");
    fs::write(dir.path().join("site.yaml"), page::SITE_YAML).expect("write site.yaml");
    let config = config::load(dir.path(), None).expect("the test site.yaml loads");
    page::exercise(bytes, &config);
}

// --- The real binary on a fixture site ---------------------------------------

/// What one run of the binary did.
struct Outcome {
    /// The exit status; `None` when a signal ended it.
    status: Option<i32>,
    stderr: String,
}

/// A fixture site like `fuzz_targets/site.rs`'s (one campaign, one column,
/// the default theme) with `story` as `content/stories/a.md`; runs
/// `redvest build` on it and checks that it neither panicked nor died.
#[track_caller]
fn build_story(what: &str, story: &[u8]) -> Outcome {
    build_story_within(what, story, DEADLINE)
}

/// [`build_story`] with its own deadline.
#[track_caller]
fn build_story_within(what: &str, story: &[u8], deadline: Duration) -> Outcome {
    let campaign = fs::read_to_string(repo().join("content/campaigns/xueleifeng-2027.md"))
        .expect("the demo campaign");
    let column = fs::read_to_string(repo().join("content/columns/volunteer-faces.md"))
        .expect("the demo column");
    let site = Site::new(&[
        ("content/campaigns/xueleifeng-2027.md", campaign.as_str()),
        ("content/columns/volunteer-faces.md", column.as_str()),
    ]);
    site.write_bytes("content/stories/a.md", story);
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let mut child = Command::new(env!("CARGO_BIN_EXE_redvest"))
        .args(["build", "--root", root])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("RUST_BACKTRACE", "1")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the redvest binary");
    // Read stderr on a thread so a chatty run cannot block on a full pipe.
    let mut pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for redvest") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: `redvest build` still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().expect("the stderr reader");
    let shown: String = stderr.chars().take(4000).collect();
    assert!(
        !stderr.contains("panicked"),
        "{what}: redvest panicked\n--- stderr\n{shown}"
    );
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{what}: expected exit status 0 or 1, got {status:?} (a signal if None)\n--- stderr\n{shown}"
    );
    Outcome {
        status: status.code(),
        stderr,
    }
}

// --- Fuzz seeds and fuzz findings ---------------------------------------------

#[test]
fn fuzz_seeds_and_findings_pass_the_front_matter_path() {
    let mut inputs = files_in("seeds/front_matter", "");
    inputs.extend(files_in("regressions", "front_matter-"));
    assert!(!inputs.is_empty(), "no seeds under fuzz/seeds/front_matter");
    for path in inputs {
        let bytes = read(&path);
        finishes(&path.display().to_string(), move || {
            front_matter_path(&bytes)
        });
    }
}

#[test]
fn fuzz_seeds_and_findings_pass_the_page_path() {
    let mut inputs = files_in("seeds/page", "");
    inputs.extend(files_in("regressions", "page-"));
    assert!(!inputs.is_empty(), "no seeds under fuzz/seeds/page");
    for path in inputs {
        let bytes = read(&path);
        finishes(&path.display().to_string(), move || page_path(&bytes));
    }
}

/// The `site` seeds are valid stories of the fuzz site: they must build, or
/// the fuzzer spends its time on inputs that never reach rendering.
#[test]
fn fuzz_site_seeds_build_with_the_binary() {
    let seeds = files_in("seeds/site", "");
    assert!(!seeds.is_empty(), "no seeds under fuzz/seeds/site");
    for path in seeds {
        let what = path.display().to_string();
        let outcome = build_story(&what, &read(&path));
        assert_eq!(
            outcome.status,
            Some(0),
            "{what}: a site seed no longer builds; update fuzz/seeds/site/\n{}",
            outcome.stderr
        );
    }
}

/// The committed findings must be there: a missing or emptied
/// `fuzz/regressions/` would make this test pass without building anything.
#[test]
fn fuzz_site_findings_build_with_the_binary() {
    let dir = repo().join("fuzz/regressions");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let findings = files_in("regressions", "site-");
    assert!(
        !findings.is_empty(),
        "no site-*.bin under {}: the fuzz findings are committed there",
        dir.display()
    );
    for path in findings {
        build_story(&path.display().to_string(), &read(&path));
    }
}

// --- Hostile shapes -------------------------------------------------------------

const FRONT: &str = "---\ntitle: 形状\ndate: 2026-01-01\ncampaign: xueleifeng-2027\n";

/// A billion laughs: nine levels of ten aliases, 10⁹ strings once expanded.
fn alias_bomb() -> String {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    format!("---\ntitle: 别名炸弹\ndate: 2026-01-01\n{yaml}tags: *a9\n---\n\n正文\n")
}

#[test]
fn yaml_alias_bomb_is_an_error_that_finishes() {
    let text = alias_bomb();
    let bytes = text.clone().into_bytes();
    finishes("alias bomb, front matter path", move || {
        front_matter_path(&bytes)
    });
    let bytes = text.clone().into_bytes();
    finishes("alias bomb, page path", move || page_path(&bytes));
    let outcome = build_story("alias bomb", text.as_bytes());
    assert_eq!(outcome.status, Some(1), "{}", outcome.stderr);
}

#[test]
fn yaml_nested_10000_deep_is_an_error_not_a_stack_overflow() {
    for (name, value) in [
        (
            "flow sequences",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "flow mappings",
            format!("{}b{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
        ),
        // Block nesting needs an indent per level: 700 levels stay under
        // the front matter's size limit and well past any recursion limit.
        (
            "block sequences",
            (0..700)
                .map(|i| format!("\n{}-", " ".repeat(i)))
                .collect::<String>(),
        ),
    ] {
        let text = format!("{FRONT}tags: {value}\n---\n\n正文\n");
        let bytes = text.clone().into_bytes();
        finishes(name, move || front_matter_path(&bytes));
        let bytes = text.clone().into_bytes();
        finishes(name, move || page_path(&bytes));
        let outcome = build_story(name, text.as_bytes());
        assert_eq!(outcome.status, Some(1), "{name}\n{}", outcome.stderr);
    }
}

#[test]
fn markdown_nested_10000_deep_renders_without_overflow() {
    for (name, body) in [
        ("bullet lists", format!("{}深\n", "- ".repeat(10_000))),
        ("block quotes", format!("{} 深\n", ">".repeat(10_000))),
        (
            "brackets",
            format!("{}深{}\n", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "links",
            format!("{}深{}\n", "[".repeat(10_000), "](/a)".repeat(10_000)),
        ),
        (
            "images",
            format!("{}深{}\n", "![".repeat(10_000), "](/a.png)".repeat(10_000)),
        ),
        (
            "emphasis",
            format!("{}深{}\n", "*".repeat(10_000), "*".repeat(10_000)),
        ),
        (
            "indented lists",
            (0..1_000)
                .map(|i| format!("{}1. 深\n", "   ".repeat(i)))
                .collect(),
        ),
    ] {
        let text = format!("{FRONT}---\n\n{body}");
        let bytes = text.clone().into_bytes();
        finishes(name, move || page_path(&bytes));
        build_story(name, text.as_bytes());
    }
}

#[test]
fn five_megabyte_single_line_body_finishes() {
    let line = "志愿 a*b* ".repeat(5 * 1024 * 1024 / 12);
    let text = format!("{FRONT}---\n\n{line}");
    // The Markdown functions once each (the page path renders three times,
    // which is slow in a debug build), then the whole build.
    finishes("5 MB line, markdown", move || {
        let rendered = markdown::render(&line, &MarkdownOptions::default(), &page::Resolver);
        assert!(rendered.html.len() > line.len());
        let plain = markdown::plain_text(&line);
        assert!(markdown::word_count(&plain) > 0);
        let summary = markdown::truncate_summary(&plain, 120);
        assert!(summary.chars().count() <= 121);
        let _ = markdown::heading_id(&plain);
    });
    let outcome = build_story("5 MB line", text.as_bytes());
    assert_eq!(outcome.status, Some(0), "{}", outcome.stderr);
}

#[test]
fn five_megabyte_front_matter_line_finishes() {
    let text = format!(
        "---\ntitle: {}\ndate: 2026-01-01\n---\n\n正文\n",
        "志".repeat(5 * 1024 * 1024 / 3)
    );
    let bytes = text.clone().into_bytes();
    finishes("5 MB title, front matter path", move || {
        front_matter_path(&bytes)
    });
    let bytes = text.clone().into_bytes();
    finishes("5 MB title, page path", move || page_path(&bytes));
    build_story("5 MB title", text.as_bytes());
}

// --- Work that grows with the square of the input ----------------------------
//
// fuzz/regressions/page-1.bin and page-2.bin (60 KB each, copied as site-1
// and site-2) are the small reproducers: 25-55 s each in the `page` fuzz
// target before the fix. The tests below scale them up: with work linear in
// the input they take a few seconds in a debug build; quadratic, minutes.

/// 30,000 broken links on one line. Each broken link's line and column used
/// to be counted from the start of the body (`markdown::line_column`), so the
/// work was links × offset; fixed in "Markdown: line and column of many
/// problems in one pass".
#[test]
fn many_broken_links_on_one_line_finish() {
    let text = format!("{FRONT}---\n\n{}\n", "[a](x.md) ".repeat(30_000));
    let outcome = build_story_within(
        "30,000 broken links",
        text.as_bytes(),
        Duration::from_secs(60),
    );
    assert_eq!(outcome.status, Some(1));
    assert!(
        outcome.stderr.contains("a.md:7:299991:"),
        "the last broken link's column\n{}",
        &outcome.stderr[outcome.stderr.len().saturating_sub(2000)..]
    );
}

/// 11,000 campaign references after an 11,000-line list (240 KB of front
/// matter, under the size limit): each reference's location is looked up
/// with `front_matter::key_position`, which scans the YAML line by line and
/// formats a string per line, so the work is references × lines.
#[test]
fn many_campaign_references_after_a_long_list_finish() {
    let n = 11_000;
    let text = format!(
        "---\ntitle: 很多活动\ndate: 2026-01-01\ntags:\n{}campaign: [{}]\n---\n\n正文\n",
        " - t\n".repeat(n),
        vec!["xueleifeng-2027"; n].join(", ")
    );
    build_story_within(
        "11,000 campaign references",
        text.as_bytes(),
        Duration::from_secs(60),
    );
}
