//! One content file: `parse_source` on a story (and the same text as a
//! campaign and a column) with a real `Config`, then the Markdown renderer and
//! the text helpers on the body (`fuzz/harness/page.rs`). Errors are
//! expected; a panic is a bug.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use redvest::config::{self, Config};

#[path = "../harness/page.rs"]
mod page;

fn config() -> &'static Config {
    static CONFIG: OnceLock<(tempfile::TempDir, Config)> = OnceLock::new();
    &CONFIG
        .get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("redvest-fuzz-page-")
                .tempdir()
                .expect("a temp dir");
            std::fs::write(dir.path().join("site.yaml"), page::SITE_YAML).expect("write site.yaml");
            let config = config::load(dir.path(), None).expect("the fuzz site.yaml loads");
            (dir, config)
        })
        .1
}

fuzz_target!(|data: &[u8]| page::exercise(data, config()));
