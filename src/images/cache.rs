//! The cache of processed photos: one folder per photo and settings, named
//! by a BLAKE3 hash of the source's hash ([`SourceHash`]) and the settings
//! that shape the variants, holding the variants and a `manifest` listing
//! each file's length and hash. A lookup checks that every planned file is
//! there with the length its manifest gives (reading no variant);
//! [`Cache::read_checked`] also checks the hash, for a caller that reads a
//! variant's bytes anyway.
//!
//! Layout, under the folder the caller names (a site uses
//! `<root>/.redvest-cache/images/`):
//!
//! ```text
//! ab/abcdef…(32 hex)/960.jpg, 960.webp, …, thumb-360.webp, manifest
//! cd/cdef01…(32 hex)/original.jpg, manifest   a stripped original (read-only)
//! tmp/                  entries being written (renamed into place when whole)
//! memo                  the memo of sources (see [`memo`](super::memo))
//! ```
//!
//! An entry is written in `tmp/` and renamed into place whole, so a reader
//! sees all of it or none; when two builds write the same entry, the first
//! rename wins and the second uses it. An entry whose files do not match its
//! manifest is damaged: it is removed and made again, never published.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::settings::ImageSettings;
use super::variants::{Encoded, Variant};

/// Bumped when the engine's output for the same input changes, so that old
/// entries are not reused.
const ENGINE_VERSION: &str = "redvest-images 4";

/// The BLAKE3 hash of a source file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceHash(blake3::Hash);

impl SourceHash {
    /// The hash of `source`.
    pub fn of(source: &[u8]) -> Self {
        SourceHash(blake3::hash(source))
    }

    /// The hash as 64 hex digits.
    pub fn to_hex(&self) -> String {
        self.0.to_hex().to_string()
    }

    /// The hash read back from 64 hex digits.
    pub fn from_hex(hex: &str) -> Option<Self> {
        blake3::Hash::from_hex(hex).ok().map(SourceHash)
    }
}

/// The key of a cache entry: a hash of the source's hash and the settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey(String);

impl CacheKey {
    /// The key of `source` processed with `settings`.
    pub fn new(source: &[u8], settings: &ImageSettings) -> Self {
        CacheKey::of_source(&SourceHash::of(source), settings)
    }

    /// The key of the source whose hash is `source`, processed with
    /// `settings` (the source itself need not be read).
    pub fn of_source(source: &SourceHash, settings: &ImageSettings) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(ENGINE_VERSION.as_bytes());
        hasher.update(b"\n");
        hasher.update(settings.cache_key_part().as_bytes());
        hasher.update(b"\n");
        hasher.update(source.0.as_bytes());
        let hex = hasher.finalize().to_hex();
        CacheKey(hex[..32].to_string())
    }

    /// The key of the stripped original of the source whose hash is
    /// `source` (no setting shapes it; see [`originals`](super::originals)).
    pub fn of_original(source: &SourceHash) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(ENGINE_VERSION.as_bytes());
        hasher.update(b"\noriginal\n");
        hasher.update(source.0.as_bytes());
        let hex = hasher.finalize().to_hex();
        CacheKey(hex[..32].to_string())
    }

    /// The key as hex text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A variant stored in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedVariant {
    /// Which variant.
    pub variant: Variant,
    /// Its file in the cache (copy or link it into the output).
    pub path: PathBuf,
    /// Its size in bytes.
    pub byte_len: u64,
}

/// What looking an entry up found.
#[derive(Debug)]
pub enum Lookup {
    /// A whole entry whose files match their manifest.
    Hit(Vec<CachedVariant>),
    /// No entry.
    Miss,
    /// An entry that does not match its manifest (removed by the lookup).
    Damaged,
}

/// The cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache in `dir` (made when first written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Cache { dir: dir.into() }
    }

    /// The cache's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder of an entry.
    pub fn entry_dir(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(&key.0[..2]).join(&key.0)
    }

    /// Looks up the entry `key`, expecting exactly the `planned` variants,
    /// and checks every file's length against the manifest (no variant is
    /// read). A damaged entry is removed.
    pub fn lookup(&self, key: &CacheKey, planned: &[Variant]) -> Lookup {
        let entry = self.entry_dir(key);
        let manifest = match fs::read_to_string(entry.join("manifest")) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound && !entry.exists() => {
                return Lookup::Miss
            }
            Err(_) => return self.discard(&entry),
        };
        match verify(&entry, &manifest, planned) {
            Some(variants) => Lookup::Hit(variants),
            None => self.discard(&entry),
        }
    }

    fn discard(&self, entry: &Path) -> Lookup {
        // Moved aside first, so that no reader finds it half removed.
        let aside = self.tmp_path("damaged");
        if fs::create_dir_all(self.dir.join("tmp")).is_ok() && fs::rename(entry, &aside).is_ok() {
            let _ = fs::remove_dir_all(&aside);
        } else {
            let _ = fs::remove_dir_all(entry);
        }
        Lookup::Damaged
    }

    /// Stores the encoded variants as entry `key`; returns where they are.
    /// When another build stored the same entry first, its files are used.
    pub fn store(&self, key: &CacheKey, encoded: &[Encoded]) -> io::Result<Vec<CachedVariant>> {
        let planned: Vec<Variant> = encoded.iter().map(|e| e.variant).collect();
        let tmp = self.tmp_path(key.as_str());
        fs::create_dir_all(&tmp)?;
        let written = write_entry(&tmp, encoded);
        let entry = self.entry_dir(key);
        let result = written.and_then(|()| {
            fs::create_dir_all(entry.parent().unwrap_or(&self.dir))?;
            match fs::rename(&tmp, &entry) {
                Ok(()) => Ok(()),
                Err(first) => match self.lookup(key, &planned) {
                    Lookup::Hit(_) => Ok(()),
                    Lookup::Miss | Lookup::Damaged => fs::rename(&tmp, &entry).map_err(|_| first),
                },
            }
        });
        if tmp.exists() {
            let _ = fs::remove_dir_all(&tmp);
        }
        result?;
        match self.lookup(key, &planned) {
            Lookup::Hit(variants) => Ok(variants),
            Lookup::Miss | Lookup::Damaged => Err(io::Error::from(io::ErrorKind::InvalidData)),
        }
    }

    /// A variant's bytes, checked against its entry's manifest (length and
    /// hash): an error of kind `InvalidData` when they do not match.
    pub fn read_checked(&self, cached: &CachedVariant) -> io::Result<Vec<u8>> {
        let bytes = fs::read(&cached.path)?;
        let manifest = cached
            .path
            .parent()
            .map(|entry| fs::read_to_string(entry.join("manifest")))
            .transpose()?
            .unwrap_or_default();
        let expected = manifest_line(&cached.variant.file_name(), &bytes);
        if manifest.lines().any(|line| format!("{line}\n") == expected) {
            Ok(bytes)
        } else {
            Err(io::Error::from(io::ErrorKind::InvalidData))
        }
    }

    /// A fresh path under `tmp/`, unique to this process, thread and moment.
    pub(super) fn tmp_path(&self, stem: &str) -> PathBuf {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let thread = format!("{:?}", std::thread::current().id());
        let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
        self.dir
            .join("tmp")
            .join(format!("{stem}-{}-{thread}-{nanos}", std::process::id()))
    }
}

fn write_entry(dir: &Path, encoded: &[Encoded]) -> io::Result<()> {
    let mut manifest = String::new();
    for item in encoded {
        let name = item.variant.file_name();
        fs::write(dir.join(&name), &item.bytes)?;
        manifest.push_str(&manifest_line(&name, &item.bytes));
    }
    fs::write(dir.join("manifest"), manifest)
}

fn manifest_line(name: &str, bytes: &[u8]) -> String {
    format!("{name} {} {}\n", bytes.len(), blake3::hash(bytes).to_hex())
}

/// The variants of an entry when every planned file is listed in the
/// manifest and has the length listed there.
fn verify(entry: &Path, manifest: &str, planned: &[Variant]) -> Option<Vec<CachedVariant>> {
    let lines: Vec<&str> = manifest.lines().collect();
    if lines.len() != planned.len() {
        return None;
    }
    let mut variants = Vec::with_capacity(planned.len());
    for variant in planned {
        let name = variant.file_name();
        let mut fields = lines
            .iter()
            .map(|line| line.split(' '))
            .find_map(|mut fields| (fields.next() == Some(name.as_str())).then_some(fields))?;
        let listed: u64 = fields.next()?.parse().ok()?;
        let path = entry.join(&name);
        let metadata = fs::metadata(&path).ok()?;
        if !metadata.is_file() || metadata.len() != listed {
            return None;
        }
        variants.push(CachedVariant {
            variant: *variant,
            path,
            byte_len: listed,
        });
    }
    Some(variants)
}
