//! The freshness stamp and the output's fingerprint: what a build
//! remembers of the output it wrote, kept in the site's cache folder
//! ([`CACHE`]), one file per output (named by a hash of the folder the
//! output really is), so redvest writes nothing beside the output and the
//! output stays byte-identical for the same input. The user's dot-entries
//! are left out of the output's fingerprint.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{is_users, real_path};
use crate::error::Error;
use crate::freshness::{files_fingerprint, FileStamp, Stamp};
use crate::i18n::catalogue::output as msg;

/// [`files_fingerprint`] of the output folder as it is on disk, without
/// the user's dot-entries; `None` if it cannot be read whole.
/// Folders are read in parallel (an output has thousands); symbolic links
/// below the output are not followed (an output that is a link is).
pub fn output_fingerprint(output: &Path) -> Option<u64> {
    if !std::fs::metadata(output).ok()?.is_dir() {
        return None;
    }
    Some(files_fingerprint(folder_files(output, "")?))
}

/// The stamps of every file below `dir`, whose path below the output is
/// `rel` (empty, or ending with `/`).
fn folder_files(dir: &Path, rel: &str) -> Option<Vec<FileStamp>> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    let found: Vec<Option<Vec<FileStamp>>> = entries
        .par_iter()
        .map(|entry| {
            let meta = entry.metadata().ok()?;
            let name = entry.file_name().into_string().ok()?;
            let path = format!("{rel}{name}");
            if is_users(&path) {
                return Some(Vec::new());
            }
            if meta.is_dir() {
                folder_files(&entry.path(), &format!("{path}/"))
            } else {
                Some(vec![FileStamp::of(path, &meta)])
            }
        })
        .collect();
    let mut files = Vec::new();
    for part in found {
        files.extend(part?);
    }
    Some(files)
}

/// The site's cache folder, below its root: redvest keeps there what it
/// remembers between builds, and nothing else writes there.
pub const CACHE: &str = ".redvest-cache";

/// Where the stamp of the output at `output` of the site at `root` is kept:
/// `<root>/.redvest-cache/stamp-<hash of the output's real path>`.
fn stamp_path(root: &Path, output: &Path) -> PathBuf {
    root.join(CACHE)
        .join(format!("stamp-{}", output_key(output)))
}

/// A name for the output at `output` in the cache folder: a hash of the
/// folder it really is, in hexadecimal.
pub(super) fn output_key(output: &Path) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    real_path(output).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Reads the stamp of the output at `output` of the site at `root`, if
/// it has one.
pub fn read_stamp(root: &Path, output: &Path) -> Option<Stamp> {
    let text = std::fs::read_to_string(stamp_path(root, output)).ok()?;
    Stamp::from_marker(&text)
}

/// Records `stamp` for the output at `output` of the site at `root`. A
/// failure (a read-only site) costs only the next build its shortcut, so
/// it comes back as a warning saying so; a half-written stamp is removed
/// (a stamp that cannot be read is no stamp).
pub fn write_stamp(root: &Path, output: &Path, stamp: &Stamp) -> Result<(), Error> {
    let path = stamp_path(root, output);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, stamp.to_marker()));
    written.map_err(|e| {
        if path.exists() {
            // Best effort: the warning below already says the next build
            // starts over, which an unreadable stamp also makes it do.
            std::fs::remove_file(&path).ok();
        }
        Error::io(&path, msg::action_record_stamp(), e).with_hint(msg::stamp_not_recorded_hint())
    })
}
