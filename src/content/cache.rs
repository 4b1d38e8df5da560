//! Parsed documents kept between the dev server's builds: a file is read and
//! parsed again only when its size, modification time or bundle changed, so
//! saving one page of a large site costs one parse, not thousands.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use rayon::prelude::*;

use super::discover::{bundle_assets, read_source, walk};
use super::parse::{gather, parse_source, Documents, Parsed};
use crate::config::Config;
use crate::error::Errors;

/// What identifies a file's version without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    assets: Vec<String>,
}

#[derive(Debug, Clone)]
struct Cached {
    stamp: Stamp,
    result: Result<Parsed, Errors>,
}

/// Parse results of the previous build, by path below `content/`.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: HashMap<String, Cached>,
}

impl ParseCache {
    /// Loads every document under `<root>/content`, reading and parsing only
    /// the files that changed since the last call.
    pub fn load(&mut self, root: &Path, config: &Config) -> (Documents, Errors) {
        let (found, mut errors) = walk(root);
        let results: Vec<(String, Cached)> = found
            .markdown
            .par_iter()
            .map(|(path, rel)| {
                let stamp = stamp_of(path, rel, &found.all_files);
                if let Some(cached) = self.entries.get(rel).filter(|c| c.stamp == stamp) {
                    return (rel.clone(), cached.clone());
                }
                let result = read_source(path, rel, &found.all_files)
                    .map_err(Errors::from)
                    .and_then(|source| parse_source(source, config));
                (rel.clone(), Cached { stamp, result })
            })
            .collect();
        self.entries = results.iter().cloned().collect();
        let (docs, parse_errors) = gather(
            results.into_iter().map(|(rel, c)| (rel, c.result)),
            Vec::new(),
        );
        errors.extend(parse_errors);
        (docs, errors)
    }
}

fn stamp_of(path: &Path, rel: &str, all_files: &[String]) -> Stamp {
    let meta = std::fs::metadata(path).ok();
    let assets = match rel.rsplit_once('/') {
        Some((dir, "index.md")) => bundle_assets(dir, all_files),
        _ => Vec::new(),
    };
    Stamp {
        modified: meta.as_ref().and_then(|m| m.modified().ok()),
        len: meta.map_or(0, |m| m.len()),
        assets,
    }
}
