//! `redvest new` and `redvest init`: new files carry front matter the build
//! accepts, nothing is ever overwritten, and a new site builds as it is.
//!
//! The library tests call `redvest::scaffold` directly; the command-line
//! tests run the binary and wait for the commands to be wired into clap.

use std::fs;
use std::path::{Path, PathBuf};

use redvest::date::{build_time, parse_offset, DateTime};
use redvest::error::ErrorKind;
use redvest::scaffold::{init_site, new_content, NewKind};
use redvest::{BuildOptions, BuildReport, Mode};
use tempfile::TempDir;

use crate::fixture::{main_of, read_text, snapshot, Site, EPOCH};

/// The time `redvest new` would use under the fixtures' `SOURCE_DATE_EPOCH`.
fn now() -> DateTime {
    let zone = parse_offset("+08:00").expect("a valid offset");
    build_time(Some(EPOCH), zone).expect("a valid epoch")
}

/// A temporary folder and the path of a not yet existing site in it.
fn new_place() -> (TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("redvest-scaffold-")
        .tempdir()
        .expect("a temporary folder");
    let root = dir.path().join("site");
    (dir, root)
}

/// A site made by `init_site` with its sample items, in a temporary folder.
fn inited() -> (TempDir, PathBuf) {
    let (dir, root) = new_place();
    init_site(&root, true).expect("init makes a site");
    (dir, root)
}

/// Builds the site at `root` into `root/public`, panicking with every error.
#[track_caller]
fn build(root: &Path) -> BuildReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        source_date_epoch: Some(EPOCH.into()),
        ..Default::default()
    };
    redvest::build(&options, Mode::Build).unwrap_or_else(|errors| panic!("build failed:\n{errors}"))
}

fn page(root: &Path, url_dir: &str) -> String {
    read_text(&root.join("public").join(url_dir).join("index.html"))
}

#[test]
fn new_makes_every_kind_and_the_site_still_builds() {
    let (_dir, root) = inited();
    let titles = [
        (NewKind::Story, "雷锋在辽宁"),
        (NewKind::Report, "冬季送温暖活动小结"),
        (NewKind::Announcement, "关于开展冬季送温暖活动的通知"),
        (NewKind::Campaign, "冬季送温暖"),
        (NewKind::Column, "邻里手记"),
        (NewKind::Page, "联系我们"),
    ];
    let mut made = Vec::new();
    for (kind, title) in titles {
        let rel = new_content(&root, kind, title, None, now()).expect(title);
        assert!(root.join(&rel).is_file(), "{} was written", rel.display());
        made.push((kind, title, rel));
    }
    let report = build(&root);
    assert_eq!(
        report.counts,
        [2, 2, 2, 2],
        "one inited and one new of each"
    );
    assert_eq!((report.campaigns, report.columns), (2, 2));
    assert_eq!(report.scheduled.len(), 0, "dated now, not later");
    for (kind, title, rel) in made {
        let slug = rel.file_stem().and_then(|s| s.to_str()).expect("a slug");
        let expected: PathBuf = ["content", kind.folder(), &format!("{slug}.md")]
            .iter()
            .collect();
        assert_eq!(rel, expected);
        let html = page(&root, &format!("{}/{slug}", kind.folder()));
        assert!(main_of(&html).contains(title), "{kind} page shows {title}");
    }
}

#[test]
fn chinese_title_gets_a_pinyin_slug() {
    let (_dir, root) = inited();
    let rel = new_content(&root, NewKind::Story, "雷锋在辽宁", None, now()).expect("new");
    assert_eq!(rel, Path::new("content/stories/lei-feng-zai-liao-ning.md"));
    build(&root);
    assert!(root
        .join("public/stories/lei-feng-zai-liao-ning/index.html")
        .is_file());
}

#[test]
fn given_slug_names_the_file() {
    let (_dir, root) = inited();
    let rel = new_content(
        &root,
        NewKind::Campaign,
        "冬季送温暖",
        Some("winter-2026"),
        now(),
    )
    .expect("new");
    assert_eq!(rel, Path::new("content/campaigns/winter-2026.md"));
    build(&root);
    assert!(root
        .join("public/campaigns/winter-2026/index.html")
        .is_file());
}

#[test]
fn invalid_slug_is_a_usage_error_with_a_valid_example() {
    let (_dir, root) = inited();
    let err = new_content(&root, NewKind::Story, "标题", Some("Lei Feng"), now())
        .expect_err("invalid slug");
    assert_eq!(err.kind(), ErrorKind::Usage);
    assert!(err.to_string().contains("--slug lei-feng"), "{err}");
}

#[test]
fn new_never_overwrites_a_file() {
    let (_dir, root) = inited();
    let rel = new_content(&root, NewKind::Story, "雷锋在辽宁", None, now()).expect("first");
    fs::write(
        root.join(&rel),
        "---\ntitle: 已经写好的稿子\ndate: 2026-01-01\n---\n",
    )
    .expect("edit the file");
    let err = new_content(&root, NewKind::Story, "雷锋在辽宁", None, now()).expect_err("second");
    let text = err.to_string();
    assert!(
        text.contains("content/stories/lei-feng-zai-liao-ning.md"),
        "{text}"
    );
    assert!(text.contains("--slug"), "hint: {text}");
    let kept = read_text(&root.join(&rel));
    assert!(kept.contains("已经写好的稿子"), "the file was replaced");
}

#[test]
fn new_refuses_a_slug_another_file_of_the_kind_gives() {
    let (_dir, root) = inited();
    let other = root.join("content/stories/2025/雷锋在辽宁.md");
    fs::create_dir_all(other.parent().expect("a folder")).expect("create folders");
    fs::write(&other, "---\ntitle: 旧稿\ndate: 2025-03-05\n---\n").expect("write");
    let err = new_content(&root, NewKind::Story, "雷锋在辽宁", None, now()).expect_err("taken");
    let text = err.to_string();
    assert!(text.contains("2025"), "names the other file: {text}");
    assert!(text.contains("--slug"), "hint: {text}");
    assert!(!root
        .join("content/stories/lei-feng-zai-liao-ning.md")
        .exists());
}

#[test]
fn new_refuses_a_folder_without_site_yaml() {
    let (_dir, root) = new_place();
    fs::create_dir_all(&root).expect("create the folder");
    let err = new_content(&root, NewKind::Story, "标题", None, now()).expect_err("no site");
    let text = err.to_string();
    assert!(text.contains("site.yaml"), "{text}");
    assert!(text.contains("redvest init"), "hint: {text}");
    assert!(!root.join("content").exists(), "nothing written");
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let err = NewKind::parse("blog").expect_err("unknown");
    assert_eq!(err.kind(), ErrorKind::Usage);
    let text = err.to_string();
    for name in NewKind::NAMES {
        assert!(text.contains(name), "lacks {name}: {text}");
    }
}

#[test]
fn titles_with_yaml_punctuation_survive_the_build() {
    let (_dir, root) = inited();
    let title = "[置顶] 关于: \"冬季\" #送温暖 \\ 通知";
    let rel = new_content(&root, NewKind::Announcement, title, Some("notice"), now()).expect("new");
    assert_eq!(rel, Path::new("content/announcements/notice.md"));
    build(&root);
    let html = page(&root, "announcements/notice");
    let shown = main_of(&html);
    assert!(shown.contains("[置顶] 关于: "), "{shown}");
    assert!(shown.contains("#送温暖 \\ 通知"), "{shown}");
}

#[test]
fn inited_site_builds_with_pages_of_every_kind() {
    let (_dir, root) = new_place();
    let written = init_site(&root, true).expect("init");
    for rel in &written {
        assert!(root.join(rel).is_file(), "{} was written", rel.display());
    }
    assert!(written.contains(&PathBuf::from("site.yaml")));
    assert!(!root.join("themes").exists(), "the theme is built in");
    let report = build(&root);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.counts, [1, 1, 1, 1]);
    assert_eq!((report.campaigns, report.columns), (1, 1));
    assert_eq!(report.scheduled.len() + report.drafts_left_out, 0);
    for url in [
        "stories/wang-xiulan",
        "reports/free-clinic",
        "announcements/recruit-volunteers",
        "pages/about",
        "campaigns/lin-li-shou-wang",
        "columns/volunteer-faces",
    ] {
        assert!(
            root.join("public").join(url).join("index.html").is_file(),
            "{url}"
        );
    }
    let campaign = page(&root, "campaigns/lin-li-shou-wang");
    let campaign = main_of(&campaign);
    assert!(campaign.contains("进行中"), "the campaign is ongoing");
    assert!(campaign.contains("王秀兰"), "lists its story");
    assert!(campaign.contains("130"), "totals its report's stats");
    let column = page(&root, "columns/volunteer-faces");
    assert!(
        main_of(&column).contains("第1期"),
        "the story is its first issue"
    );
}

#[test]
fn init_without_demo_publishes_nothing_it_did_not_get() {
    let (_dir, root) = new_place();
    let written = init_site(&root, false).expect("init");
    assert_eq!(written, [PathBuf::from("site.yaml")]);
    assert!(
        root.join("content").is_dir(),
        "a content folder to write in"
    );
    assert!(!root.join("themes").exists(), "no copy of the theme");
    let report = build(&root);
    assert_eq!(report.counts, [0, 0, 0, 0]);
    assert_eq!((report.campaigns, report.columns), (0, 0));
    assert_eq!(report.scheduled.len() + report.drafts_left_out, 0);
    let home = page(&root, "");
    let home = main_of(&home);
    assert!(home.contains("网站还没有发布内容"), "{home}");
    assert!(
        home.contains("redvest new story"),
        "says what to do: {home}"
    );
    assert!(!home.contains("王秀兰") && !home.contains("130"), "{home}");
    assert!(!root.join("public/stories/wang-xiulan").exists());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let (_dir, root) = new_place();
    fs::create_dir_all(&root).expect("create the folder");
    fs::write(root.join("notes.txt"), "mine").expect("write");
    let err = init_site(&root, false).expect_err("not empty");
    assert_eq!(err.kind(), ErrorKind::Usage);
    assert!(err.to_string().contains("not empty"), "{err}");
    assert!(err.hint().is_some(), "has a hint");
    let left: Vec<_> = snapshot(&root).into_keys().collect();
    assert_eq!(left, ["notes.txt"], "nothing was added");
}

#[test]
fn init_accepts_an_empty_folder() {
    let (_dir, root) = new_place();
    fs::create_dir_all(&root).expect("create the folder");
    init_site(&root, false).expect("an empty folder is fine");
    assert!(root.join("site.yaml").is_file());
}

// The command line. Un-ignore once `new` and `init` are wired into clap.

fn site_path(site: &Site) -> &str {
    site.root().to_str().expect("a UTF-8 temp path")
}

#[test]
fn cli_new_prints_the_path_and_the_site_builds() {
    let site = Site::new(&[]);
    let run = site.run(&["new", "story", "雷锋在辽宁", "--root", site_path(&site)]);
    run.success();
    assert!(
        run.stdout
            .contains("content/stories/lei-feng-zai-liao-ning.md"),
        "{}",
        run.stdout
    );
    site.built();
    assert!(site.has("stories/lei-feng-zai-liao-ning/index.html"));
}

#[test]
fn cli_new_makes_every_kind() {
    let site = Site::new(&[]);
    for (i, name) in NewKind::NAMES.iter().enumerate() {
        let slug = format!("new-{name}-{i}");
        site.run(&[
            "new",
            name,
            "新的标题",
            "--slug",
            &slug,
            "--root",
            site_path(&site),
        ])
        .success();
    }
    site.built();
    for (i, kind) in NewKind::ALL.iter().enumerate() {
        let url = format!("{}/new-{kind}-{i}/index.html", kind.folder());
        assert!(site.has(&url), "{url}");
    }
}

#[test]
fn cli_new_never_overwrites() {
    let site = Site::new(&[(
        "content/stories/taken.md",
        "---\ntitle: 旧稿\ndate: 2026-01-01\n---\n",
    )]);
    let run = site.run(&[
        "new",
        "story",
        "新稿",
        "--slug",
        "taken",
        "--root",
        site_path(&site),
    ]);
    run.status(1)
        .stderr_has(&["content/stories/taken.md", "--slug"]);
    assert!(read_text(&site.root().join("content/stories/taken.md")).contains("旧稿"));
}

#[test]
fn cli_new_unknown_kind_is_a_usage_error() {
    let site = Site::new(&[]);
    site.run(&["new", "blog", "标题", "--root", site_path(&site)])
        .status(2)
        .stderr_has(&[
            "story",
            "report",
            "announcement",
            "campaign",
            "column",
            "page",
        ]);
}

#[test]
fn cli_new_invalid_slug_is_a_usage_error() {
    let site = Site::new(&[]);
    site.run(&[
        "new",
        "story",
        "标题",
        "--slug",
        "Bad Slug",
        "--root",
        site_path(&site),
    ])
    .status(2)
    .stderr_has(&["Bad Slug", "--slug bad-slug"]);
}

#[test]
fn cli_new_outside_a_site_is_refused() {
    let site = Site::new(&[]);
    let empty = site.beside("empty");
    fs::create_dir_all(&empty).expect("create a folder");
    let empty = empty.to_str().expect("a UTF-8 temp path");
    site.run(&["new", "story", "标题", "--root", empty])
        .status(1)
        .stderr_has(&["site.yaml", "redvest init"]);
}

#[test]
fn cli_init_makes_a_site_that_builds() {
    let site = Site::new(&[]);
    let fresh = site.beside("fresh");
    let fresh_str = fresh.to_str().expect("a UTF-8 temp path");
    site.run(&["init", "--demo", fresh_str]).success();
    site.run(&["build", "--root", fresh_str]).success();
    for url in [
        "index.html",
        "stories/wang-xiulan/index.html",
        "reports/free-clinic/index.html",
        "announcements/recruit-volunteers/index.html",
        "pages/about/index.html",
        "campaigns/lin-li-shou-wang/index.html",
        "columns/volunteer-faces/index.html",
    ] {
        assert!(fresh.join("public").join(url).is_file(), "{url}");
    }
}

#[test]
fn cli_init_refuses_a_folder_that_is_not_empty() {
    let site = Site::new(&[]);
    site.run(&["init", site_path(&site)])
        .status(2)
        .stderr_has(&["not empty"]);
}
