//! The only module that writes to disk. A build is written into a fresh
//! folder beside the output directory and swapped in whole, so a failed build
//! leaves the old site exactly as it was and a web server never serves half
//! a site. A directory is only ever replaced or deleted if it carries
//! redvest's marker file.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::discover::is_ignored;
use crate::error::{Error, Errors};
use crate::render::{CopyFile, OutputFile};

/// The file that marks a directory as redvest's output.
pub const MARKER: &str = ".redvest-output";

/// What to publish, and where.
pub struct Publish<'a> {
    /// The output directory.
    pub output: &'a Path,
    /// The site root (for messages and checks).
    pub root: &'a Path,
    /// Generated files.
    pub files: &'a [OutputFile],
    /// Bundle files to copy.
    pub copies: &'a [CopyFile],
    /// Static folders, lowest precedence first.
    pub static_dirs: &'a [PathBuf],
    /// Replace a directory without the marker.
    pub force: bool,
}

/// Checks that `output` may be written: not the site itself, not inside its
/// sources, and (unless `force`) empty or made by redvest.
pub fn check_target(output: &Path, root: &Path, force: bool) -> Result<(), Error> {
    let abs_out = absolute(output);
    let abs_root = absolute(root);
    if abs_root.starts_with(&abs_out) {
        return Err(Error::usage(format!(
            "the output directory {} contains the site itself",
            output.display()
        ))
        .with_hint("choose a folder of its own for the output, e.g. --output public"));
    }
    for source in ["content", "static", "templates", "themes"] {
        if abs_out.starts_with(abs_root.join(source)) {
            return Err(Error::usage(format!(
                "the output directory {} is inside {source}/",
                output.display()
            ))
            .with_hint("choose a folder outside the site's sources, e.g. --output public"));
        }
    }
    for what in ["new", "old"] {
        let aside = sibling(output, what)?;
        let ours = aside.join(MARKER).is_file()
            || fs::read_dir(&aside)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
        if aside.exists() && !ours {
            return Err(Error::usage(format!(
                "{} is in the way and was not made by redvest",
                aside.display()
            ))
            .with_hint("move it away, then build again"));
        }
    }
    if let Some(file) = output.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(Error::usage(format!(
            "{} is a file, so {} cannot be made",
            file.display(),
            output.display()
        ))
        .with_hint("choose an --output inside a folder"));
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::usage(format!(
            "{} exists and is not a directory",
            output.display()
        ))
        .with_hint("remove the file or choose another --output"));
    }
    let empty = fs::read_dir(output)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if !empty && !output.join(MARKER).is_file() && !force {
        return Err(Error::usage(format!(
            "{} is not empty and was not made by redvest",
            output.display()
        ))
        .with_hint("redvest replaces its output whole: choose another --output, or pass --force to replace this folder"));
    }
    Ok(())
}

/// Writes everything beside `output`, then swaps it in; returns the number of files written.
pub fn publish(job: &Publish<'_>) -> Result<usize, Errors> {
    let _lock = lock_output(job.output)?;
    check_target(job.output, job.root, job.force)?;
    check_replaceable(job.output)?;
    let staging = sibling(job.output, "new")?;
    if staging.exists() {
        remove_marked(&staging)?;
    }
    let written = write_all(&staging, job).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;
    swap(&staging, job.output).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;
    Ok(written)
}

fn write_all(staging: &Path, job: &Publish<'_>) -> Result<usize, Errors> {
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, "create the output folder", &e))?;
    fs::write(
        staging.join(MARKER),
        "This folder is written by redvest and replaced whole on each build.\n",
    )
    .map_err(|e| Error::io(staging, "write the output marker", &e))?;
    let mut planned: Vec<(String, Source<'_>)> = Vec::new();
    for dir in job.static_dirs.iter().take(1) {
        planned.extend(static_files(dir)?);
    }
    planned.extend(
        job.files
            .iter()
            .map(|f| (f.path.clone(), Source::Bytes(&f.contents))),
    );
    planned.extend(
        job.copies
            .iter()
            .map(|c| (c.to.clone(), Source::File(c.from.clone()))),
    );
    for dir in job.static_dirs.iter().skip(1) {
        planned.extend(static_files(dir)?);
    }
    // Later entries win: keep the last of each path.
    let mut seen = BTreeSet::new();
    let mut unique: Vec<(String, Source<'_>)> = Vec::with_capacity(planned.len());
    for (path, source) in planned.into_iter().rev() {
        if seen.insert(path.clone()) {
            unique.push((path, source));
        }
    }
    unique.sort_by(|a, b| a.0.cmp(&b.0));
    check_collisions(&unique, job.root)?;
    let mut dirs = BTreeSet::new();
    for (path, _) in &unique {
        let target = safe_join(staging, path)?;
        if let Some(parent) = target.parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    for dir in &dirs {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, "create a folder in the output", &e))?;
    }
    let errors: Vec<Error> = unique
        .par_iter()
        .filter_map(|(path, source)| write_one(staging, path, source).err())
        .collect();
    if let Some(first) = errors.into_iter().next() {
        return Err(first.into());
    }
    Ok(unique.len())
}

enum Source<'a> {
    Bytes(&'a [u8]),
    File(PathBuf),
}

fn write_one(staging: &Path, path: &str, source: &Source<'_>) -> Result<(), Error> {
    let target = safe_join(staging, path)?;
    match source {
        Source::Bytes(bytes) => {
            fs::write(&target, bytes).map_err(|e| Error::io(&target, "write", &e))
        }
        Source::File(from) => fs::copy(from, &target)
            .map(|_| ())
            .map_err(|e| Error::io(from, "copy", &e)),
    }
}

/// Every file under a static folder, as (output path, source).
fn static_files(dir: &Path) -> Result<Vec<(String, Source<'static>)>, Errors> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry
            .map_err(|e| Error::in_file(dir, format!("could not read the static folder: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str() else { continue };
        out.push((
            rel.replace('\\', "/"),
            Source::File(entry.path().to_path_buf()),
        ));
    }
    Ok(out)
}

/// `base/rel`, refusing anything that could leave `base`.
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, Error> {
    let path = Path::new(rel);
    let plain = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(Error::in_file(
            rel,
            "refusing to write outside the output directory",
        ));
    }
    Ok(base.join(path))
}

/// Refuses to start when the old output could not be removed after the
/// new one is in place (a read-only folder in it), so a build never ends
/// half swapped.
fn check_replaceable(output: &Path) -> Result<(), Error> {
    if !output.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(output).into_iter().flatten() {
        let readonly = entry.file_type().is_dir()
            && entry.metadata().is_ok_and(|m| m.permissions().readonly());
        if readonly {
            return Err(Error::usage(format!(
                "{} is read-only, so the old site in {} cannot be replaced",
                entry.path().display(),
                output.display()
            ))
            .with_hint("make the output writable (chmod -R u+w), or choose another --output"));
        }
    }
    Ok(())
}

/// A file where the site needs a folder of the same name (`static/stories`
/// beside the generated `stories/`) is refused before anything is written.
fn check_collisions(planned: &[(String, Source<'_>)], root: &Path) -> Result<(), Error> {
    let mut folders = std::collections::HashSet::new();
    for (path, _) in planned {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    for (path, source) in planned {
        if folders.contains(path.as_str()) {
            let what = match source {
                Source::File(from) => from
                    .strip_prefix(root)
                    .unwrap_or(from)
                    .display()
                    .to_string(),
                Source::Bytes(_) => path.clone(),
            };
            return Err(Error::in_file(
                &what,
                format!("this file stands where the site needs the folder `{path}/`"),
            )
            .with_hint(format!("rename or remove {what}")));
        }
    }
    Ok(())
}

/// Takes the output directory's lock, waiting while another build holds
/// it, so that two builds never write the same output at once. The lock is
/// released when the returned file is dropped (or the process ends).
fn lock_output(output: &Path) -> Result<fs::File, Error> {
    let path = sibling(output, "lock")?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| Error::io(parent, "create the output's folder", &e))?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, "create the build lock", &e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "another build is writing {}; waiting for it to finish",
                output.display()
            );
            file.lock()
                .map_err(|e| Error::io(&path, "wait for the build lock", &e))?;
            Ok(file)
        }
        Err(fs::TryLockError::Error(e)) => Err(Error::io(&path, "take the build lock", &e)),
    }
}

/// `<parent>/.<name>.redvest-<what>`.
fn sibling(output: &Path, what: &str) -> Result<PathBuf, Error> {
    let name = output.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        Error::usage(format!(
            "cannot use {} as the output directory",
            output.display()
        ))
    })?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{name}.redvest-{what}")))
}

fn remove_marked(dir: &Path) -> Result<(), Error> {
    if dir.join(MARKER).is_file()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
    {
        fs::remove_dir_all(dir).map_err(|e| Error::io(dir, "remove an old build folder", &e))
    } else {
        Err(Error::usage(format!(
            "{} is in the way and was not made by redvest",
            dir.display()
        ))
        .with_hint("move it away, then build again"))
    }
}

/// Puts `staging` in place of `output`; the old output is removed only after.
fn swap(staging: &Path, output: &Path) -> Result<(), Error> {
    if !output.exists() {
        return fs::rename(staging, output)
            .map_err(|e| Error::io(output, "move the new site into place", &e));
    }
    let old = sibling(output, "old")?;
    if old.exists() {
        remove_marked(&old)?;
    }
    fs::rename(output, &old).map_err(|e| Error::io(output, "move the old site aside", &e))?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err(Error::io(output, "move the new site into place", &e));
    }
    fs::remove_dir_all(&old).map_err(|e| Error::io(&old, "remove the old site", &e))
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The file at output path `rel` inside the static folder `dir`, if it is
/// a regular file that really lies inside `dir` (no `..`, no symlink out).
pub fn static_file(dir: &Path, rel: &str) -> Option<PathBuf> {
    if rel.split('/').any(is_ignored) {
        return None;
    }
    let candidate = safe_join(dir, rel).ok()?;
    let real = candidate.canonicalize().ok()?;
    let base = dir.canonicalize().ok()?;
    (real.starts_with(&base) && real.is_file()).then_some(real)
}
