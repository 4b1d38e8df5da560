//! The staging folder kept between builds. After a swap the old output is
//! not deleted but kept as the next build's staging folder
//! (`<root>/.redvest-cache/output-<key>/`, see [`Places`]), and that build
//! writes into it only the files whose bytes changed: an unchanged page costs a read and a comparison,
//! not a new folder, a new file and, after the swap, a deletion. On a real
//! disk, where making and deleting files is what a rebuild spends its time
//! on, that is most of the work of a rebuild. Files the build did not
//! produce are removed from it before the swap.
//!
//! A file is never written in place: a changed one is removed and made
//! anew, so a file that is a hard link elsewhere (a photo linked from the
//! cache) is never changed through the output.

use std::collections::HashSet;
use std::fs;
use std::io::{ErrorKind, Result};
use std::path::{Path, PathBuf};

use super::{parent_of, sibling, CACHE, MARKER};
use crate::error::Error;
use crate::freshness::FileStamp;

/// Where a build stages the new output and puts the old one aside. In the
/// site's cache folder when it is on the output's file system (the swap is
/// a rename), as `output-<key>` and `output-<key>.old`: there the old
/// output is kept as the next build's staging folder, which writes only
/// the files that changed. Else beside the output, as
/// `.<name>.redvest-new` and `.<name>.redvest-old`, for the time of the
/// build only.
pub(super) struct Places {
    /// The staging folder.
    pub(super) new: PathBuf,
    /// Where the old output is put aside during the swap.
    pub(super) old: PathBuf,
    /// In the cache folder, kept between builds.
    pub(super) kept: bool,
    /// The output's key in the cache folder.
    key: String,
}

impl Places {
    /// The places of the output `output` of the site at `root`.
    pub(super) fn of(root: &Path, output: &Path) -> std::result::Result<Places, Error> {
        let cache = root.join(CACHE);
        let shared = fs::create_dir_all(&cache).is_ok() && same_device(&cache, parent_of(output));
        if !shared {
            return Places::beside(output);
        }
        let key = super::stamp::output_key(output);
        let name = format!("output-{key}");
        Ok(Places {
            old: cache.join(format!("{name}.old")),
            new: cache.join(name),
            kept: true,
            key,
        })
    }

    /// Where the record of the staging folder's files is kept
    /// (`output-<key>.files`, see [`super::manifest`]).
    pub(super) fn record(&self) -> PathBuf {
        self.new.with_extension("files")
    }

    /// Where the record of the output's files is kept (`files-<key>`).
    pub(super) fn output_record(&self) -> PathBuf {
        parent_of(&self.new).join(format!("files-{}", self.key))
    }

    /// The places beside the output.
    pub(super) fn beside(output: &Path) -> std::result::Result<Places, Error> {
        Ok(Places {
            new: sibling(output, "new")?,
            old: sibling(output, "old")?,
            kept: false,
            key: String::new(),
        })
    }
}

/// Whether the folders `a` and `b` are on one file system.
#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

/// Whether the folders `a` and `b` are on one file system: not known here.
#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    false
}

/// The paths a build has put in its output so far, and the folders that
/// hold them.
pub(super) struct Produced {
    /// The files, with `/`.
    pub(super) files: HashSet<String>,
    /// Every folder holding one of them.
    pub(super) folders: HashSet<String>,
}

impl Produced {
    /// The files of `stamps`.
    pub(super) fn of<'a>(stamps: impl ExactSizeIterator<Item = &'a FileStamp>) -> Produced {
        let mut produced = Produced {
            files: HashSet::with_capacity(stamps.len() * 2),
            folders: HashSet::with_capacity(stamps.len() * 2),
        };
        for stamp in stamps {
            produced.add(&stamp.path);
        }
        produced
    }

    /// Adds the file `path`; whether it is new.
    pub(super) fn add(&mut self, path: &str) -> bool {
        let mut folder = path;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if !self.folders.insert(parent.to_string()) {
                break;
            }
            folder = parent;
        }
        self.files.insert(path.to_string())
    }
}

/// Larger files are replaced without being compared: reading both would
/// cost more than writing one.
const COMPARE_AT_MOST: u64 = 64 << 20;

/// Puts `bytes` at `target` unless the file there already holds exactly
/// them; returns the metadata of the file left there.
pub(super) fn put(target: &Path, bytes: &[u8]) -> Result<fs::Metadata> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(e),
        Ok(meta) => {
            if holds(target, &meta, bytes) {
                return Ok(meta);
            }
            clear(target)?;
        }
    }
    create(target, bytes)
}

/// [`put`] into a staging folder this build made empty: the file is made
/// without looking first (a path written twice is still put right).
pub(super) fn put_new(target: &Path, bytes: &[u8]) -> Result<fs::Metadata> {
    match create(target, bytes) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => put(target, bytes),
        other => other,
    }
}

/// Makes the file `target`, which must not exist, holding `bytes`; returns
/// its metadata.
fn create(target: &Path, bytes: &[u8]) -> Result<fs::Metadata> {
    let mut file = fs::File::create_new(target)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.metadata()
}

/// Puts at `target` the image cache's file `cached` as a hard link, unless
/// it is there already: a file of the cache is never written once in place,
/// so output and cache may share it, and a rebuild writes no photo's
/// bytes. Where linking fails (the output on another file system), a copy.
pub(super) fn put_link(cached: &Path, target: &Path) -> Result<()> {
    if let Ok(meta) = fs::symlink_metadata(target) {
        if same_inode(&meta, &fs::metadata(cached)?) {
            return Ok(());
        }
        clear(target)?;
    }
    if fs::hard_link(cached, target).is_ok() {
        return Ok(());
    }
    create(target, &fs::read(cached)?).map(|_| ())
}

/// Whether two files' metadata are of one file.
#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two files' metadata are of one file: not known here.
#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Copies the file `from` to `target` unless `target` already holds its
/// bytes.
pub(super) fn put_copy(from: &Path, target: &Path) -> Result<()> {
    let len = fs::metadata(from)?.len();
    if len <= COMPARE_AT_MOST {
        return put(target, &fs::read(from)?).map(|_| ());
    }
    clear(target)?;
    fs::copy(from, target).map(|_| ())
}

/// Whether `target`, whose metadata is `meta`, is a regular file holding
/// `bytes`.
fn holds(target: &Path, meta: &fs::Metadata, bytes: &[u8]) -> bool {
    meta.is_file()
        && meta.len() == bytes.len() as u64
        && fs::read(target).is_ok_and(|held| held == bytes)
}

/// Removes whatever an earlier build left at `path` (a file, a link or a
/// folder); nothing there is fine.
fn clear(path: &Path) -> Result<()> {
    let gone = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
    };
    match gone {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Makes the folder `dir` (and its parents) in the staging folder, where
/// an earlier build may have left a file at its place, which goes. Most
/// pages have a folder of their own whose parent exists, so one `mkdir`
/// usually does it; other threads may make the same folder at once.
pub(super) fn make_folder(dir: &Path) -> Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        // A parent missing, or a file left where a parent goes.
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            if let Some(parent) = dir.parent() {
                make_folder(parent)?;
            }
            exists_as_folder(dir, fs::create_dir(dir))
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            if fs::symlink_metadata(dir)?.is_dir() {
                return Ok(());
            }
            clear(dir)?;
            exists_as_folder(dir, fs::create_dir(dir))
        }
        Err(e) => Err(e),
    }
}

/// `made`, where a folder another thread made first is success.
fn exists_as_folder(dir: &Path, made: Result<()>) -> Result<()> {
    match made {
        Err(e) if e.kind() == ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

/// Removes from the staging folder `dir` every file the build did not
/// produce (`produced`, paths with `/`) but the marker, then every folder
/// left empty.
pub(super) fn prune(dir: &Path, produced: &Produced) -> Result<()> {
    let folders = std::sync::Mutex::new(Vec::new());
    let gone = std::sync::Mutex::new(Vec::new());
    super::walk::each_entry(dir, &|entry| {
        if entry.kind.is_dir() {
            // A folder holding a file of this build stays.
            if !produced.folders.contains(entry.rel) {
                folders
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(entry.path.to_path_buf());
            }
        } else if entry.rel != MARKER && !produced.files.contains(entry.rel) {
            let removed = fs::remove_file(entry.path);
            gone.lock().unwrap_or_else(|e| e.into_inner()).push(removed);
        }
        true
    })?;
    for removed in gone.into_inner().unwrap_or_else(|e| e.into_inner()) {
        removed?;
    }
    // Deepest first, so a folder's emptied folders go before it.
    let mut folders = folders.into_inner().unwrap_or_else(|e| e.into_inner());
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for folder in folders {
        let empty = fs::read_dir(&folder)?.next().is_none();
        if empty {
            fs::remove_dir(&folder)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_file_is_left_and_a_changed_one_made_anew() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("a.html");
        put(&file, b"same").expect("put");
        let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(long_ago))
            .expect("age the file");
        let again = put(&file, b"same").expect("put again");
        assert_eq!(
            again.modified().expect("mtime"),
            long_ago,
            "not written again"
        );
        let linked = dir.path().join("cache-copy");
        fs::hard_link(&file, &linked).expect("a link");
        put(&file, b"other").expect("put other");
        assert_eq!(fs::read(&file).expect("read"), b"other");
        assert_eq!(
            fs::read(&linked).expect("read"),
            b"same",
            "the link's file is untouched"
        );
    }

    #[test]
    fn folders_and_files_left_in_the_way_go() {
        let dir = tempfile::tempdir().expect("a folder");
        fs::write(dir.path().join("x"), "a file where a folder goes").expect("write");
        make_folder(&dir.path().join("x/y")).expect("make");
        assert!(dir.path().join("x/y").is_dir());
        fs::create_dir_all(dir.path().join("z/w")).expect("a folder where a file goes");
        put(&dir.path().join("z"), b"file").expect("put");
        assert_eq!(fs::read(dir.path().join("z")).expect("read"), b"file");
    }

    #[test]
    fn prune_keeps_what_was_produced_and_the_marker() {
        let dir = tempfile::tempdir().expect("a folder");
        for path in [
            "keep/index.html",
            "gone/index.html",
            "gone/deep/a.txt",
            MARKER,
        ] {
            let file = dir.path().join(path);
            make_folder(file.parent().expect("parent")).expect("make");
            fs::write(file, path).expect("write");
        }
        let mut produced = Produced::of(std::iter::empty());
        produced.add("keep/index.html");
        prune(dir.path(), &produced).expect("prune");
        assert!(dir.path().join("keep/index.html").is_file());
        assert!(dir.path().join(MARKER).is_file());
        assert!(!dir.path().join("gone").exists());
    }
}
