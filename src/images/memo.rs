//! The memo of sources: for each photo file, keyed by its path, length and
//! modification time, the hash of its bytes and its [`Probe`]. With it an
//! unchanged photo is not even read on a rebuild: its cache key and its
//! variants' plan come from the memo, and the cache entry is checked by the
//! files' lengths.
//!
//! The memo is one JSON file, `memo`, in the cache folder (a site's is
//! `<root>/.redvest-cache/images/memo`): a list of records sorted by path,
//! each `{"path", "len", "secs", "nanos", "source", "probe"}`. It is read
//! once by [`process_all`](super::process_all) and written back (in `tmp/`,
//! then renamed into place) when something in it changed. A record whose
//! file's length or modification time differs is stale and ignored; a memo
//! that cannot be read is an empty one. Records of files that no longer
//! exist are dropped when the memo is written.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::cache::{Cache, SourceHash};
use super::probe::Probe;

/// The memo's file name in the cache folder.
pub const FILE_NAME: &str = "memo";

/// What identifies a version of a file without reading it: its length and
/// modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time: seconds since 1970.
    pub secs: u64,
    /// Modification time: nanoseconds within the second.
    pub nanos: u32,
}

impl Stamp {
    /// The stamp of a file's metadata; `None` when the system gives no
    /// modification time (such a file is never memoised).
    pub fn of(metadata: &fs::Metadata) -> Option<Stamp> {
        let since = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            len: metadata.len(),
            secs: since.as_secs(),
            nanos: since.subsec_nanos(),
        })
    }

    /// The stamp of the file at `path`, when it can be read.
    pub fn read(path: &Path) -> Option<Stamp> {
        Stamp::of(&fs::metadata(path).ok()?)
    }
}

/// One memoised file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    path: PathBuf,
    len: u64,
    secs: u64,
    nanos: u32,
    source: String,
    probe: Probe,
}

impl Record {
    fn stamp(&self) -> Stamp {
        Stamp {
            len: self.len,
            secs: self.secs,
            nanos: self.nanos,
        }
    }
}

/// The memo of one [`process_all`](super::process_all): loaded from the
/// cache folder, shared by its threads, saved at the end.
#[derive(Debug)]
pub struct Memo {
    file: PathBuf,
    records: Mutex<Records>,
}

#[derive(Debug, Default)]
struct Records {
    by_path: BTreeMap<PathBuf, Record>,
    changed: bool,
}

impl Memo {
    /// The memo of `cache` (empty when there is none or it cannot be read).
    pub fn load(cache: &Cache) -> Memo {
        let file = cache.dir().join(FILE_NAME);
        let by_path = fs::read(&file)
            .ok()
            .and_then(|text| serde_json::from_slice::<Vec<Record>>(&text).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|record| (record.path.clone(), record))
            .collect();
        Memo {
            file,
            records: Mutex::new(Records {
                by_path,
                changed: false,
            }),
        }
    }

    fn records(&self) -> std::sync::MutexGuard<'_, Records> {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The source hash and probe memoised for `path`, when the file still
    /// has the `stamp` it had then.
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<(SourceHash, Probe)> {
        let records = self.records();
        let record = records.by_path.get(path)?;
        if record.stamp() != stamp {
            return None;
        }
        let source = SourceHash::from_hex(&record.source)?;
        Some((source, record.probe.clone()))
    }

    /// Memoises what was read from `path` when it had `stamp`. Paths that
    /// are not UTF-8 are not memoised (the memo is JSON).
    pub fn put(&self, path: &Path, stamp: Stamp, source: &SourceHash, probe: &Probe) {
        if path.to_str().is_none() {
            return;
        }
        let record = Record {
            path: path.to_path_buf(),
            len: stamp.len,
            secs: stamp.secs,
            nanos: stamp.nanos,
            source: source.to_hex(),
            probe: probe.clone(),
        };
        let mut records = self.records();
        if records.by_path.get(path) != Some(&record) {
            records.by_path.insert(path.to_path_buf(), record);
            records.changed = true;
        }
    }

    /// Writes the memo back when it changed, without the records of files
    /// that no longer exist; whole or not at all (written in `tmp/`, then
    /// renamed into place).
    pub fn save(&self, cache: &Cache) -> io::Result<()> {
        let mut records = self.records();
        if !records.changed {
            return Ok(());
        }
        records.by_path.retain(|path, _| path.exists());
        let list: Vec<&Record> = records.by_path.values().collect();
        let text = serde_json::to_vec(&list).map_err(io::Error::other)?;
        let tmp = cache.tmp_path(FILE_NAME);
        if let Some(parent) = tmp.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&tmp, text)?;
        if let Err(err) = fs::rename(&tmp, &self.file) {
            let _ = fs::remove_file(&tmp);
            return Err(err);
        }
        records.changed = false;
        Ok(())
    }
}
