//! The only module that writes to disk. A build is written into a staging
//! folder and swapped in whole, so a failed build leaves the old site
//! exactly as it was and a web server never serves half a site. The
//! staging folder is, where the site's cache folder is on the output's file
//! system, the output before last, kept there, into which a build writes
//! only the files that changed (`spare`); else a fresh folder beside the
//! output. A directory is only ever replaced or deleted if it carries
//! redvest's marker file.
//!
//! Paths are compared as the folders they name, after resolving symbolic
//! links. An output that is a link is written through: the folder it links
//! to is replaced and the link kept. Dot-entries the user put in the output
//! (`.git/`, `.well-known/`) are moved into each new output, never copied
//! nor deleted. Nothing is left beside the output: where staging happens
//! there, only the staging folder of a running build
//! (`.<name>.redvest-new`, removed by the next build if a build is killed)
//! and, for the instant of the swap, the old output (`.<name>.redvest-old`)
//! are; the lock is taken on the output's parent folder itself, and the
//! freshness stamp lives in the site's `.redvest-cache/`.
//!
//! A photo copied as it is is published without its metadata: its stripped
//! copy is kept (read-only) in the image cache and hard-linked into the new
//! output (a copy where linking fails), so that a rebuild writes no photo's
//! bytes. Nothing is ever written into a file already in the staging
//! folder: one that is there is removed first.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::date::DateTime;
use crate::error::{Error, Errors};
use crate::freshness::{files_fingerprint, FileStamp, Stamp};
use crate::i18n::catalogue::output as msg;
use crate::i18n::Lang;
use crate::images::{self, ImageSettings};

use crate::render::builtin::BUILTIN_SHOWN;
use crate::render::statics::{plain_join, StaticDir, StaticFile};
use crate::render::{CopyFile, File};

mod checks;
mod manifest;
mod spare;
mod stamp;
mod walk;

use checks::check_replaceable;
pub use checks::check_target;

use spare::{Places, Produced};

pub use stamp::CACHE;

/// `base/rel`, refusing anything that could leave `base`.
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, Error> {
    plain_join(base, rel).ok_or_else(|| {
        Error::in_file(rel, msg::outside_output()).with_hint(msg::outside_output_hint())
    })
}

/// The file that marks a directory as redvest's output.
pub const MARKER: &str = ".redvest-output";

/// Whether the output path `rel` (`/`-separated) is one redvest writes
/// itself rather than one the user keeps in the output: redvest writes no
/// dot-entry but its marker at the top.
pub fn is_users(rel: &str) -> bool {
    rel != MARKER && rel.split('/').any(|part| part.starts_with('.'))
}

/// The output folder a build publishes to, checked before anything is read.
#[derive(Debug, Clone)]
pub struct Target {
    output: PathBuf,
    root: PathBuf,
    force: bool,
}

impl Target {
    /// The output of the site at `root`: `output` (from `--output`), else
    /// `<root>/public`, once [`check_target`] allows it.
    pub fn check(root: &Path, output: Option<&Path>, force: bool) -> Result<Target, Error> {
        let output = output.map_or_else(|| root.join("public"), Path::to_path_buf);
        check_target(&output, root, force)?;
        Ok(Target {
            output,
            root: root.to_path_buf(),
            force,
        })
    }

    /// The output folder, as the user named it.
    pub fn path(&self) -> &Path {
        &self.output
    }

    /// Whether the output is still what the build that left it wrote, and
    /// that build read the inputs whose fingerprint is `inputs`: its stamp
    /// holds at `now` and nobody touched the output since.
    pub fn is_up_to_date(&self, inputs: u64, now: DateTime) -> bool {
        stamp::read_stamp(&self.root, &self.output).is_some_and(|stamp| {
            stamp::output_fingerprint(&self.output)
                .is_some_and(|output| stamp.holds(inputs, output, now))
        })
    }
}

/// What a build leaves for the next one to find, so that an unchanged site
/// is not built again: see [`crate::freshness`].
#[derive(Debug, Clone, Copy)]
pub struct Remember {
    /// The fingerprint of the inputs the build read.
    pub inputs: u64,
    /// The build time.
    pub built: DateTime,
    /// Until when the output stays right.
    pub until: DateTime,
}

/// Where a build's files go: a new output being staged beside the old one,
/// or nowhere (`check` renders every page and writes none).
pub enum Publication {
    /// Written to a staging folder, swapped in by [`Publication::finish`].
    Staged(Box<Staging>),
    /// Dropped.
    Discarded,
}

impl Publication {
    /// Starts publishing to `target` (see [`Staging::begin`]), or to
    /// nowhere without one; photos are published as `images` says. Says in
    /// `lang` that it waits, if another build holds the output's lock.
    pub fn begin(
        target: Option<&Target>,
        images: &ImageSettings,
        lang: Lang,
    ) -> Result<Publication, Errors> {
        Ok(match target {
            Some(t) => Publication::Staged(Box::new(Staging::begin(t, images, lang)?)),
            None => Publication::Discarded,
        })
    }

    /// Writes one rendered file (or drops it).
    pub fn write(&self, file: File) -> Result<(), Error> {
        match self {
            Publication::Staged(staging) => staging.write(&file.path, &file.contents),
            Publication::Discarded => Ok(()),
        }
    }

    /// Copies the bundles' files and the static folders, swaps the new
    /// output in and records `remember` (see [`Staging::finish`]).
    pub fn finish(
        self,
        copies: &[CopyFile],
        static_dirs: &[StaticDir],
        remember: Option<Remember>,
    ) -> Result<Published, Errors> {
        match self {
            Publication::Staged(staging) => staging.finish(copies, static_dirs, remember),
            Publication::Discarded => Ok(Published::default()),
        }
    }
}

/// What a build published.
#[derive(Debug, Default)]
pub struct Published {
    /// Files written.
    pub files: usize,
    /// What went wrong without costing the output (a stamp not recorded).
    pub warnings: Vec<Error>,
}

/// A new output, written file by file as pages are rendered into a folder
/// beside the old output, then swapped in whole by [`Staging::finish`].
/// Dropped unfinished (a failed build), it is removed and the old output
/// stays exactly as it was.
pub struct Staging {
    dir: PathBuf,
    /// Where the new output is staged and the old one put aside.
    places: Places,
    /// The staging folder was made empty by this build: no file of an
    /// earlier one is in it to compare with or remove.
    fresh: bool,
    /// Swapped in.
    finished: bool,
    output: PathBuf,
    root: PathBuf,
    written: AtomicUsize,
    /// The stamps of the files written so far and their digests (copies
    /// are added at the end).
    stamps: std::sync::Mutex<Vec<(FileStamp, manifest::Digest)>>,
    /// What the build that wrote the staging folder's files recorded of
    /// them (nothing when it was made empty).
    known: manifest::Known,
    /// How photos copied as they are get published.
    images: ImageSettings,
    _lock: fs::File,
}

impl Staging {
    /// Takes the output's lock (waiting for another build), checks the
    /// output may be replaced, and makes the new folder with its marker.
    /// Says in `lang` that it waits, if another build holds the lock.
    pub fn begin(target: &Target, images: &ImageSettings, lang: Lang) -> Result<Staging, Errors> {
        let (root, force) = (&target.root, target.force);
        let output = &resolve_link(&target.output);
        let lock = lock_output(output, lang)?;
        check_target(output, root, force)?;
        let places = Places::of(root, output)?;
        recover(output, &places)?;
        if places.kept {
            // What a killed build left beside the output, before the
            // staging folder moved to the cache folder.
            let beside = Places::beside(output)?;
            recover(output, &beside)?;
            if beside.new.exists() {
                remove_marked(&beside.new)?;
            }
        }
        check_replaceable(output)?;
        let dir = places.new.clone();
        if dir.exists() && !(places.kept && is_marked(&dir)) {
            remove_marked(&dir)?;
        }
        let fresh = !dir.exists();
        let known = match fresh || !places.kept {
            true => manifest::Known::default(),
            false => manifest::Known::read(&places.record()),
        };
        fs::create_dir_all(&dir)
            .map_err(|e| Error::io(&dir, msg::action_create_output_folder(), e))?;
        let staging = Staging {
            dir,
            places,
            fresh,
            finished: false,
            output: output.clone(),
            root: root.to_path_buf(),
            written: AtomicUsize::new(0),
            stamps: std::sync::Mutex::new(Vec::new()),
            known,
            images: images.clone(),
            _lock: lock,
        };
        staging.write(
            MARKER,
            b"This folder is written by redvest and replaced whole on each build.\n",
        )?;
        Ok(staging)
    }

    /// Copies the bundles' files and the static folders (theme first, never
    /// over a generated file; then the site's, over anything), puts the new
    /// output in place of the old, and records `remember` with the new
    /// output's fingerprint in the stamp.
    pub fn finish(
        mut self,
        copies: &[CopyFile],
        static_dirs: &[StaticDir],
        remember: Option<Remember>,
    ) -> Result<Published, Errors> {
        let mut planned: Vec<(String, StaticFile, bool)> = Vec::new();
        for dir in static_dirs.iter().take(1) {
            planned.extend(dir.files()?.into_iter().map(|(to, from)| (to, from, false)));
        }
        planned.extend(
            copies
                .iter()
                .map(|c| (c.to.clone(), StaticFile::Disk(c.from.clone()), true)),
        );
        for dir in static_dirs.iter().skip(1) {
            planned.extend(dir.files()?.into_iter().map(|(to, from)| (to, from, true)));
        }
        let originals = images::Originals::new(images::Cache::new(
            self.root.join(CACHE).join(images::CACHE_FOLDER),
        ));
        let mut written = std::mem::take(self.stamps.get_mut().unwrap_or_else(|e| e.into_inner()));
        let mut produced = Produced::of(written.iter().map(|(stamp, _)| stamp));
        // In order: a later copy of the same path wins.
        for (to, from, overwrite) in &planned {
            self.copy(to, from, *overwrite, &mut produced, &originals)?;
        }
        originals.save();
        // Each copied path once, as the last copy to it left it.
        let copied: std::collections::BTreeMap<&String, &StaticFile> =
            planned.iter().map(|(to, from, _)| (to, from)).collect();
        written.retain(|(s, _)| !copied.contains_key(&s.path));
        for (to, from) in &copied {
            let target = safe_join(&self.dir, to)?;
            fs::metadata(&target)
                .map_err(|e| Error::io(&self.shown(from, to), msg::action_check_copy(to), e))?;
        }
        if !self.fresh {
            spare::prune(&self.dir, &produced).map_err(|e| {
                self.in_staging(Error::io(
                    &self.dir,
                    msg::action_remove_old_build_folder(),
                    e,
                ))
            })?;
        }
        swap(&self.places, &self.output)?;
        self.finished = true;
        self.record(&written);
        let mut stamps: Vec<FileStamp> = written.into_iter().map(|(stamp, _)| stamp).collect();
        remove_former_files(&self.output);
        // The copies are stamped in place, once the old output is gone:
        // removing it changed the change time of the files it shared with
        // the image cache (one link fewer).
        let copies = copied_stamps(&self.output, copied.keys().copied());
        let recorded = remember.zip(copies).map_or(Ok(()), |(r, copies)| {
            stamps.extend(copies);
            let stamp = Stamp {
                inputs: r.inputs,
                output: files_fingerprint(stamps),
                built: r.built.unix(),
                until: Some(r.until.unix()),
            };
            stamp::write_stamp(&self.root, &self.output, &stamp)
        });
        Ok(Published {
            files: self.written.load(Ordering::Relaxed),
            warnings: recorded.err().into_iter().collect(),
        })
    }

    /// A static file as the user knows it: relative to the site root, or
    /// the built-in theme's file.
    fn shown(&self, from: &StaticFile, to: &str) -> PathBuf {
        match from {
            StaticFile::Disk(from) => from.strip_prefix(&self.root).unwrap_or(from).to_path_buf(),
            StaticFile::Builtin(_) => Path::new(BUILTIN_SHOWN).join("static").join(to),
        }
    }

    /// `error`, met writing into the staging folder: where that folder is
    /// the output before last, kept in the cache, the fix is to delete it.
    fn in_staging(&self, error: Error) -> Error {
        if self.places.kept {
            error.with_hint(msg::kept_staging_hint(self.dir.display()))
        } else {
            error
        }
    }

    /// Copies `from_file` to `to`, over a file produced before only if
    /// `overwrite`; `produced` is what the build has put in the output so
    /// far (the staging folder may hold files of an earlier build).
    fn copy(
        &self,
        to: &str,
        from_file: &StaticFile,
        overwrite: bool,
        produced: &mut Produced,
        originals: &images::Originals,
    ) -> Result<(), Error> {
        let from = from_file;
        let target = safe_join(&self.dir, to)?;
        if produced.folders.contains(to) {
            let shown = self.shown(from, to);
            return Err(Error::in_file(&shown, msg::file_where_folder_needed(to))
                .with_hint(msg::rename_or_remove(shown.display())));
        }
        if produced.files.contains(to) && !overwrite {
            return Ok(());
        }
        if let Some(parent) = target.parent() {
            spare::make_folder(parent).map_err(|e| {
                self.in_staging(Error::io(
                    &self.shown(from, to),
                    msg::action_make_folder_for(to),
                    e,
                ))
            })?;
        }
        if produced.add(to) {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        let write_error = |e| self.in_staging(Error::io(&target, msg::action_write(), e));
        match from {
            StaticFile::Disk(from) => {
                let copy_error = |e| Error::io(from, msg::action_copy(), e);
                if !images::is_picture_file(from).map_err(copy_error)? {
                    return spare::put_copy(from, &target).map_err(copy_error);
                }
                let name = to.rsplit('/').next().unwrap_or(to);
                let shown = self.shown(from_file, to);
                let written = match originals.for_publishing(from, name, &shown, &self.images)? {
                    images::Original::Cached(cached) => spare::put_link(&cached, &target),
                    images::Original::Bytes(bytes) => spare::put(&target, &bytes).map(|_| ()),
                };
                written.map_err(write_error)
            }
            StaticFile::Builtin(bytes) => {
                spare::put(&target, bytes).map(|_| ()).map_err(write_error)
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished && !self.places.kept {
            // The build already failed with its own error; a staging folder
            // left beside the output is removed by the next build (`begin`).
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Staging {
    /// Writes one file at a path relative to the output.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let target = safe_join(&self.dir, path)?;
        // Recorded only where the staging folder is kept (see `record`).
        let digest = match self.places.kept {
            true => manifest::digest(bytes),
            false => 0,
        };
        if let Some(meta) = self.known.unchanged(path, &target, bytes.len(), digest) {
            self.stamped(path, &meta, digest);
            return Ok(());
        }
        if let Some(parent) = target.parent() {
            spare::make_folder(parent).map_err(|e| {
                self.in_staging(Error::io(parent, msg::action_create_folder_in_output(), e))
            })?;
        }
        let meta = if self.fresh {
            spare::put_new(&target, bytes)
        } else {
            spare::put(&target, bytes)
        };
        let meta = meta.map_err(|e| self.in_staging(Error::io(&target, msg::action_write(), e)))?;
        self.stamped(path, &meta, digest);
        Ok(())
    }

    /// Counts the file `path`, now in the staging folder with metadata
    /// `meta` and bytes of digest `digest`, as written.
    fn stamped(&self, path: &str, meta: &fs::Metadata, digest: manifest::Digest) {
        self.stamps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((FileStamp::of(path.to_string(), meta), digest));
        self.written.fetch_add(1, Ordering::Relaxed);
    }

    /// Once swapped in, records what was `written` for the next builds:
    /// the old output, now the staging folder, takes the record the build
    /// before made of it, and the output gets this build's. Only where the
    /// staging folder is kept; a record that cannot be written is only a
    /// shortcut lost.
    fn record(&self, written: &[(FileStamp, manifest::Digest)]) {
        if !self.places.kept {
            return;
        }
        let output_record = self.places.output_record();
        manifest::carry(&output_record, &self.places.record());
        let files = written.iter().map(|(stamp, digest)| (stamp, *digest));
        let _ = manifest::write(&output_record, files);
    }
}

/// Takes the lock of the output's parent folder, waiting while another
/// build holds it, so that two builds never write the same output at once.
/// The lock is taken on the folder itself (no lock file is written) and
/// released when the returned handle is dropped (or the process ends).
fn lock_output(output: &Path, lang: Lang) -> Result<fs::File, Error> {
    let parent = parent_of(output);
    fs::create_dir_all(parent)
        .map_err(|e| Error::io(parent, msg::action_create_output_parent(), e))?;
    let folder =
        fs::File::open(parent).map_err(|e| Error::io(parent, msg::action_open_lock_folder(), e))?;
    match folder.try_lock() {
        Ok(()) => Ok(folder),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "{}",
                msg::waiting_for_other_build(output.display()).get(lang)
            );
            folder
                .lock()
                .map_err(|e| Error::io(parent, msg::action_wait_lock(), e))?;
            Ok(folder)
        }
        Err(fs::TryLockError::Error(e)) => Err(Error::io(parent, msg::action_take_lock(), e)),
    }
}

/// The folder holding `output` (`.` for a bare name).
fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `<parent>/.<name>.redvest-<what>`.
fn sibling(output: &Path, what: &str) -> Result<PathBuf, Error> {
    let name = output.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        Error::usage(msg::unusable_output(output.display())).with_hint(msg::unusable_output_hint())
    })?;
    Ok(parent_of(output).join(format!(".{name}.redvest-{what}")))
}

/// Whether `dir` is redvest's: it holds the marker, or nothing.
fn is_marked(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

fn remove_marked(dir: &Path) -> Result<(), Error> {
    if is_marked(dir) {
        fs::remove_dir_all(dir)
            .map_err(|e| Error::io(dir, msg::action_remove_old_build_folder(), e))
    } else {
        Err(Error::usage(msg::in_the_way(dir.display())).with_hint(msg::in_the_way_hint()))
    }
}

/// Puts the staging folder of `places` in place of `output`, then moves
/// the user's dot-entries from the old output into the new one; only
/// after, and only once they are all moved, the old output becomes the
/// next build's staging folder where it is kept (see [`Places`]), or is
/// removed.
fn swap(places: &Places, output: &Path) -> Result<(), Error> {
    let (staging, old) = (&places.new, &places.old);
    if !output.exists() {
        return fs::rename(staging, output)
            .map_err(|e| Error::io(output, msg::action_move_new_site(), e));
    }
    if old.exists() {
        remove_marked(old)?;
    }
    fs::rename(output, old).map_err(|e| Error::io(output, msg::action_move_old_site_aside(), e))?;
    if let Err(e) = fs::rename(staging, output) {
        // The error below is the one to tell; if the old output cannot be
        // put back now, the next build's `recover` puts it back.
        let _ = fs::rename(old, output);
        return Err(Error::io(output, msg::action_move_new_site(), e));
    }
    carry_users_entries(old, output)?;
    // Only an output redvest made (not one replaced with `--force`).
    if places.kept && old.join(MARKER).is_file() && fs::rename(old, staging).is_ok() {
        return Ok(());
    }
    fs::remove_dir_all(old).map_err(|e| Error::io(old, msg::action_remove_old_site(), e))
}

/// Removes the stamp and lock file earlier versions of redvest kept
/// beside the output (`.<name>.redvest-stamp`, `.<name>.redvest-lock`),
/// each only if it is what redvest wrote there: a stamp, an empty lock.
fn remove_former_files(output: &Path) {
    let ours = |what: &str, is_ours: &dyn Fn(&[u8]) -> bool| {
        let Ok(path) = sibling(output, what) else {
            return;
        };
        let is_file = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        if is_file && fs::read(&path).is_ok_and(|bytes| is_ours(&bytes)) {
            // Tidying only: a leftover that stays is tried again next build.
            let _ = fs::remove_file(&path);
        }
    };
    ours("stamp", &|bytes| {
        bytes.starts_with(b"redvest build stamp 1\n")
    });
    ours("lock", &|bytes| bytes.is_empty());
}

/// Finishes what a killed build left half done: an old output moved aside
/// and never replaced is put back; one replaced but not yet removed gives
/// the user's dot-entries to the new output and is then removed.
fn recover(output: &Path, places: &Places) -> Result<(), Error> {
    let old = &places.old;
    if !old.join(MARKER).is_file() {
        return Ok(());
    }
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(old, output)
            .map_err(|e| Error::io(old, msg::action_move_old_site_back(), e));
    }
    carry_users_entries(old, output)?;
    remove_marked(old)
}

/// Moves every dot-entry of `from` that the user put there (see
/// [`is_users`]) to the same place in `to`, making the folders it needs.
/// An entry `to` already has is an error: neither is lost.
fn carry_users_entries(from: &Path, to: &Path) -> Result<(), Error> {
    let found = std::sync::Mutex::new(Vec::new());
    walk::each_entry(from, &|entry| {
        let dotted = entry
            .rel
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with('.'));
        if dotted && is_users(entry.rel) {
            found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(entry.path.to_path_buf());
        }
        !dotted
    })
    .map_err(|e| Error::io(from, msg::action_read_old_site(), e))?;
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort();
    for path in found {
        let Ok(rel) = path.strip_prefix(from) else {
            continue;
        };
        let target = to.join(rel);
        if fs::symlink_metadata(&target).is_ok() {
            return Err(
                Error::usage(msg::kept_entry_in_the_way(path.display(), target.display()))
                    .with_hint(msg::kept_entry_in_the_way_hint(path.display())),
            );
        }
        if let Some(parent) = target.parent() {
            make_folder(parent)
                .map_err(|e| Error::io(parent, msg::action_create_folder_in_output(), e))?;
        }
        fs::rename(&path, &target)
            .map_err(|e| Error::io(&path, msg::action_keep_users_entry(), e))?;
    }
    Ok(())
}

/// The stamps of the copied files `paths` in `output`; `None` when one
/// cannot be read (the output is then not stamped: the next build makes
/// it again).
fn copied_stamps<'a>(
    output: &Path,
    paths: impl Iterator<Item = &'a String>,
) -> Option<Vec<FileStamp>> {
    paths
        .map(|to| {
            let meta = fs::metadata(safe_join(output, to).ok()?).ok()?;
            Some(FileStamp::of(to.clone(), &meta))
        })
        .collect()
}

/// Makes the folder `dir` (and its parents): most pages have a folder of
/// their own whose parent exists, so one `mkdir` usually does it.
fn make_folder(dir: &Path) -> std::io::Result<()> {
    match fs::create_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => fs::create_dir_all(dir),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

/// The folder `output` names: the folder it links to when it is a
/// symbolic link (the link itself is kept), else `output`.
pub fn resolve_link(output: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return output.to_path_buf();
    }
    if let Ok(real) = output.canonicalize() {
        return real;
    }
    // A link to a folder not made yet: the path it names.
    match fs::read_link(output) {
        Ok(target) => parent_of(output).join(target),
        Err(_) => output.to_path_buf(),
    }
}

/// `path` absolute, with every symbolic link in the part that exists
/// resolved and `.` and `..` taken away: the folder it really names, so
/// that two paths to one folder compare equal.
pub fn real_path(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut rest = Vec::new();
    let mut existing = joined.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return normalized(real.components().chain(rest.into_iter().rev()));
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return normalized(joined.components()),
        }
    }
}

/// The path of `components`, with `.` and `..` taken away.
fn normalized<'a>(components: impl Iterator<Item = Component<'a>>) -> PathBuf {
    let mut out = PathBuf::new();
    for c in components {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_marker_is_redvests_among_dot_entries() {
        assert!(!is_users(MARKER));
        assert!(!is_users("stories/a/index.html"));
        assert!(is_users(".git"));
        assert!(is_users(".well-known/security.txt"));
        assert!(is_users("stories/.htaccess"));
    }

    #[cfg(unix)]
    #[test]
    fn a_path_through_a_link_is_the_folder_it_names() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).expect("the site");
        std::os::unix::fs::symlink(&site, dir.path().join("link")).expect("a link");
        let real = real_path(&site);
        assert_eq!(real_path(&dir.path().join("link")), real);
        assert_eq!(
            real_path(&dir.path().join("link/content/not-yet/../x")),
            real.join("content/x")
        );
    }
}
