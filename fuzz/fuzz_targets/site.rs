//! The whole pipeline: the input is `content/stories/a.md` of a small site
//! (one campaign, one column, the default theme) and `redvest::build` checks
//! it (Mode::Check renders every page and writes nothing). Errors are
//! expected; a panic is a bug.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use redvest::{build, BuildOptions, Mode};

const SITE_YAML: &str = "\
title: 模糊测试志愿服务网
base_url: https://example.org/zyfw/
description: 记录身边的志愿者
paginate: 5
metrics:
  activities: { label: 开展活动, unit: 次 }
  volunteers: { label: 参与志愿者, unit: 人次 }
  hours: { label: 服务时长, unit: 小时 }
";

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a theme folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("redvest-fuzz-site-")
            .tempdir()
            .expect("a temp dir");
        let root = dir.path().join("site");
        let repo = Path::new(REPO);
        fs::create_dir_all(root.join("content/stories")).expect("content/stories");
        fs::create_dir_all(root.join("content/campaigns")).expect("content/campaigns");
        fs::create_dir_all(root.join("content/columns")).expect("content/columns");
        fs::write(root.join("site.yaml"), SITE_YAML).expect("site.yaml");
        fs::copy(
            repo.join("content/campaigns/xueleifeng-2027.md"),
            root.join("content/campaigns/xueleifeng-2027.md"),
        )
        .expect("the campaign");
        fs::copy(
            repo.join("content/columns/volunteer-faces.md"),
            root.join("content/columns/volunteer-faces.md"),
        )
        .expect("the column");
        copy_dir(&repo.join("themes/default"), &root.join("themes/default"));
        let out = dir.path().join("out");
        Site {
            _dir: dir,
            root,
            out,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let site = site();
    fs::write(site.root.join("content/stories/a.md"), data).expect("write the story");
    let options = BuildOptions {
        root: site.root.clone(),
        output: Some(site.out.clone()),
        source_date_epoch: Some("1795305600".into()),
        ..Default::default()
    };
    let result = build(&options, Mode::Check);
    if verbose() {
        match result {
            Ok(report) => eprintln!("ok: {}", report.summary(Mode::Check, redvest::i18n::Lang::En)),
            Err(errors) => eprintln!("errors:\n{errors}"),
        }
    }
});

/// `REDVEST_FUZZ_VERBOSE=1` prints each build's outcome (to check that seeds
/// get past parsing).
fn verbose() -> bool {
    static VERBOSE: OnceLock<bool> = OnceLock::new();
    *VERBOSE.get_or_init(|| std::env::var_os("REDVEST_FUZZ_VERBOSE").is_some())
}
