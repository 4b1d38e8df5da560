//! Parsed documents kept between the dev server's builds: a file is read and
//! parsed again only when its size, modification time or bundle changed, so
//! saving one page of a large site costs one parse, not thousands.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::discover::{
    bundle_of, is_markdown, read_source, unpublished, walk, BundleAssets, Walk, CONTENT_DIR,
};
use super::parse::{gather, parse_source, Documents, Parsed};
use crate::config::Config;
use crate::error::{guard, Errors};
use crate::source::is_ignored;

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
    walk: Option<Walk>,
}

impl ParseCache {
    /// Loads every document under `<root>/content`, reading and parsing only
    /// the files that changed since the last call.
    pub fn load(&mut self, root: &Path, config: &Config) -> (Documents, Errors) {
        let (mut found, errors) = walk(root);
        // Sorted by path, so a later update can find its place.
        found.markdown.sort_by(|a, b| a.1.cmp(&b.1));
        self.load_from(found, errors, None, config)
    }

    /// Like [`ParseCache::load`], trusting that only `changed` (paths below
    /// the site root, as the watcher reported them) changed: the tree is not
    /// walked again unless a folder or a non-Markdown content file changed.
    pub fn load_changed(
        &mut self,
        root: &Path,
        config: &Config,
        changed: &[PathBuf],
    ) -> (Documents, Errors) {
        let Some(mut found) = self.walk.take() else {
            return self.load(root, config);
        };
        let mut fresh = HashSet::new();
        for path in changed {
            let Ok(rel) = path.strip_prefix(CONTENT_DIR) else {
                continue;
            };
            let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
                return self.load(root, config);
            };
            let full = root.join(path);
            let ignored = rel.split('/').any(is_ignored);
            let prefix = format!("{rel}/");
            let known = found
                .all_files
                .iter()
                .any(|f| *f == rel || f.starts_with(&prefix));
            if ignored || (!full.exists() && !known && !is_markdown(&rel)) {
                // An editor's temporary file, already gone.
                continue;
            }
            if !is_markdown(&rel) || full.is_dir() {
                return self.load(root, config);
            }
            update_listing(&mut found, &full, &rel);
            fresh.insert(rel);
        }
        self.load_from(found, Errors::new(), Some(&fresh), config)
    }

    fn load_from(
        &mut self,
        found: Walk,
        mut errors: Errors,
        fresh: Option<&HashSet<String>>,
        config: &Config,
    ) -> (Documents, Errors) {
        let assets = BundleAssets::of(&found.all_files);
        let warnings = unpublished(&found.all_files);
        let results: Vec<(String, Cached)> = found
            .markdown
            .par_iter()
            .map_init(Vec::new, |scratch, (path, rel)| {
                let cached = self.entries.get(rel);
                if let (Some(fresh), Some(cached)) = (fresh, cached) {
                    if !fresh.contains(rel) {
                        return (rel.clone(), cached.clone());
                    }
                }
                let stamp = stamp_of(path, rel, &assets);
                if let Some(cached) = cached.filter(|c| c.stamp == stamp) {
                    return (rel.clone(), cached.clone());
                }
                let result = read_source(path, rel, &assets, scratch)
                    .map_err(Errors::from)
                    .and_then(|source| {
                        let shown = source.shown.clone();
                        guard(&shown, || parse_source(source, config))
                    });
                (rel.clone(), Cached { stamp, result })
            })
            .collect();
        self.entries = results.iter().cloned().collect();
        self.walk = Some(found);
        let (mut docs, parse_errors) = gather(
            results.into_iter().map(|(rel, c)| (rel, c.result)),
            Vec::new(),
        );
        docs.warnings = warnings;
        errors.extend(parse_errors);
        (docs, errors)
    }
}

/// Adds or removes one Markdown file in a listing, keeping it sorted.
fn update_listing(found: &mut Walk, full: &Path, rel: &str) {
    let exists = full.is_file();
    let position = found
        .markdown
        .binary_search_by(|(_, r)| r.as_str().cmp(rel));
    match (exists, position) {
        (true, Err(at)) => {
            found
                .markdown
                .insert(at, (full.to_path_buf(), rel.to_string()));
            found.all_files.push(rel.to_string());
        }
        (false, Ok(at)) => {
            found.markdown.remove(at);
            found.all_files.retain(|f| f != rel);
        }
        _ => {}
    }
}

fn stamp_of(path: &Path, rel: &str, bundles: &BundleAssets) -> Stamp {
    let meta = std::fs::metadata(path).ok();
    let assets = match bundle_of(rel) {
        Some(dir) => bundles.of_bundle(dir),
        None => Vec::new(),
    };
    Stamp {
        modified: meta.as_ref().and_then(|m| m.modified().ok()),
        len: meta.map_or(0, |m| m.len()),
        assets,
    }
}
