//! Static files: the folders they come from (the site's `static/`, a
//! theme's on disk, a built-in theme's compiled into redvest), listing and
//! finding their files. Reads folders; writes nothing.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use super::builtin::BuiltinTheme;
use crate::confine::SiteRoot;
use crate::error::{Error, Errors};
use crate::i18n::catalogue::output as msg;
use crate::source::is_ignored;

/// A folder of static files to publish: the site's `static/`, a theme's on
/// disk, or a built-in theme's, compiled into redvest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticDir {
    /// A folder on disk (it may not exist: then it has no files).
    Disk(PathBuf),
    /// The `static/` folder of a built-in theme.
    Builtin(BuiltinTheme),
}

/// One static file: on disk, or the bytes of a built-in theme's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticFile {
    /// A file on disk.
    Disk(PathBuf),
    /// The bytes of a built-in theme's file.
    Builtin(&'static [u8]),
}

impl StaticDir {
    /// Every file, by output path, sorted by name.
    pub fn files(&self) -> Result<Vec<(String, StaticFile)>, Errors> {
        match self {
            StaticDir::Disk(dir) => Ok(files_below(dir, None)?
                .into_iter()
                .map(|(to, from)| (to, StaticFile::Disk(from)))
                .collect()),
            StaticDir::Builtin(theme) => Ok(theme
                .files_under("static")
                .filter(|(rel, _)| !rel.split('/').any(is_ignored))
                .map(|(rel, bytes)| (rel.to_string(), StaticFile::Builtin(bytes)))
                .collect()),
        }
    }

    /// The symbolic links of this folder that lead out of the site, each
    /// an error naming the link and its target; for `build`, `check` and
    /// `serve` before anything is published.
    pub fn links_out(&self, site: &SiteRoot) -> Errors {
        match self {
            StaticDir::Disk(dir) => files_below(dir, Some(site)).err().unwrap_or_default(),
            StaticDir::Builtin(_) => Errors::new(),
        }
    }

    /// The file at the output path `rel` (`css/site.css`), if this folder
    /// has one; never a path that leaves it by name (`..`). A symbolic link
    /// is followed: the reader checks that the file is inside the site
    /// ([`SiteRoot::resolve`]).
    pub fn find(&self, rel: &str) -> Option<StaticFile> {
        match self {
            StaticDir::Disk(dir) => static_file(dir, rel).map(StaticFile::Disk),
            StaticDir::Builtin(theme) => {
                if rel.split('/').any(is_ignored) {
                    return None;
                }
                theme
                    .file(&format!("static/{rel}"))
                    .map(StaticFile::Builtin)
            }
        }
    }
}

/// Every file under `dir` but ignored names (a static folder, a theme's
/// templates), as (path below `dir` with `/`, file), sorted by name. With a
/// site root, a symbolic link out of it is an error naming the link, and is
/// neither listed nor walked into.
pub(super) fn files_below(
    dir: &Path,
    site: Option<&SiteRoot>,
) -> Result<Vec<(String, PathBuf)>, Errors> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut errors = Errors::new();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| Error::in_file(dir, msg::folder_unreadable(e)))?;
        let checked = site.map_or(Ok(()), |site| {
            site.check_link(entry.path(), entry.path_is_symlink(), entry.depth() == 0)
        });
        if let Err(e) = checked {
            errors.push(e);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str() else { continue };
        out.push((rel.replace('\\', "/"), entry.path().to_path_buf()));
    }
    errors.into_result(out)
}

/// `base/rel` when `rel` is made of plain names only (no `..`, no root,
/// not empty), so that it cannot leave `base`; else `None`.
pub fn plain_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let plain = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| base.join(path))
}

/// The file at output path `rel` inside the static folder `dir`, if it is
/// a regular file reached by plain names (no `..`, no hidden name). Links
/// are followed as a build follows them; whoever reads the file checks
/// that it lies inside the site ([`SiteRoot::resolve`]).
pub fn static_file(dir: &Path, rel: &str) -> Option<PathBuf> {
    if rel.split('/').any(is_ignored) {
        return None;
    }
    let candidate = plain_join(dir, rel)?;
    candidate.is_file().then_some(candidate)
}
