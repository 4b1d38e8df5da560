//! Stripped originals kept in the cache. A photo copied into the output as
//! it is (a page bundle's photo, a picture of `static/`) is published
//! without its metadata; stripping it means reading the whole file and
//! writing all of it again, on every build. Instead the stripped bytes are
//! kept as a cache entry of their own (`original.jpg` and its `manifest`,
//! keyed by the source's hash alone: no setting shapes them), made once;
//! the output module links that file into each new output, so a rebuild
//! with unchanged photos neither reads nor writes their bytes. The [`Memo`]
//! of sources gives an unchanged photo's hash without reading it.
//!
//! A file of the cache is never written once it is in place (entries are
//! made in `tmp/` and renamed), and an original's file is made read-only
//! (on Unix), so that the output and the cache can share it. A file published with
//! its metadata (`keep_metadata`) and a file that is no picture are given
//! as bytes, as before.

use std::fs;
use std::path::{Path, PathBuf};

use img_parts::Bytes;

use super::cache::{Cache, CacheKey, Lookup, SourceHash};
use super::memo::{Memo, Stamp};
use super::probe::{probe, Format, Probe, ProbeFailure};
use super::variants::{Encoded, Purpose, Variant};
use super::{probe_error, publishable, strip, ImageSettings};
use crate::error::Error;
use crate::i18n::catalogue::images as msg;

/// What to publish for a file copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Original {
    /// A read-only file in the cache holding the bytes to publish: link it
    /// into the output (or copy it where linking fails).
    Cached(PathBuf),
    /// The bytes to publish: a file that is no picture, one published with
    /// its metadata, or a stripped photo the cache could not keep.
    Bytes(Vec<u8>),
}

/// The stripped originals of one build: the cache and its memo of sources
/// (loaded once; [`Originals::save`] writes it back when it learnt more).
#[derive(Debug)]
pub struct Originals {
    cache: Cache,
    memo: Memo,
}

impl Originals {
    /// The originals kept in `cache`.
    pub fn new(cache: Cache) -> Self {
        let memo = Memo::load(&cache);
        Originals { cache, memo }
    }

    /// What to publish for the file at `path` (named `file_name` in the
    /// output, `shown` in messages): a JPEG, PNG or WebP, known by its
    /// bytes, without its metadata unless the settings name it in
    /// `keep_metadata`; any other file as it is. An unchanged photo whose
    /// stripped copy is in the cache is not read. A picture whose
    /// structure is broken is an error naming `shown`.
    pub fn for_publishing(
        &self,
        path: &Path,
        file_name: &str,
        shown: &Path,
        settings: &ImageSettings,
    ) -> Result<Original, Error> {
        let read = || fs::read(path).map_err(|e| Error::io(shown, msg::action_read(), &e));
        if settings.keeps_metadata(file_name) {
            return publishable(read()?, file_name, shown, settings).map(Original::Bytes);
        }
        let stamp = Stamp::read(path);
        let memoised = stamp.and_then(|stamp| self.memo.get(path, stamp));
        if let Some(found) = memoised
            .as_ref()
            .and_then(|(source, probe)| self.lookup(source, probe))
        {
            return Ok(Original::Cached(found));
        }
        let bytes = read()?;
        if Format::sniff(&bytes).is_none() {
            return Ok(Original::Bytes(bytes));
        }
        let bytes = Bytes::from(bytes);
        let (source, probe) = match memoised {
            Some(memoised) => memoised,
            None => {
                let probe = probe(&bytes).map_err(|failure| probe_error(shown, failure))?;
                let source = SourceHash::of(&bytes);
                if let Some(stamp) = stamp {
                    self.memo.put(path, stamp, &source, &probe);
                }
                if let Some(found) = self.lookup(&source, &probe) {
                    return Ok(Original::Cached(found));
                }
                (source, probe)
            }
        };
        let stripped = strip(&bytes, &probe)
            .ok_or_else(|| probe_error(shown, ProbeFailure::Damaged(probe.format)))?;
        Ok(self.store(&source, &probe, stripped.bytes.to_vec()))
    }

    /// Writes the memo back, when it learnt of photos it did not know.
    pub fn save(&self) {
        // The memo only spares work: one not written is as right as none.
        let _ = self.memo.save(&self.cache);
    }

    /// The cached stripped copy of the source `source`, when whole.
    fn lookup(&self, source: &SourceHash, probe: &Probe) -> Option<PathBuf> {
        match self
            .cache
            .lookup(&CacheKey::of_original(source), &[variant(probe)])
        {
            Lookup::Hit(mut found) => found.pop().map(|cached| cached.path),
            Lookup::Miss | Lookup::Damaged => None,
        }
    }

    /// Keeps `stripped` as the original of `source`, read-only: the file
    /// in the cache, or the bytes when the cache cannot keep them (which
    /// costs speed, not the output).
    fn store(&self, source: &SourceHash, probe: &Probe, stripped: Vec<u8>) -> Original {
        let encoded = [Encoded {
            variant: variant(probe),
            bytes: stripped,
        }];
        let stored = self
            .cache
            .store(&CacheKey::of_original(source), &encoded)
            .ok()
            .and_then(|mut stored| stored.pop())
            .filter(|cached| read_only(&cached.path).is_ok());
        match stored {
            Some(cached) => Original::Cached(cached.path),
            None => {
                let [encoded] = encoded;
                Original::Bytes(encoded.bytes)
            }
        }
    }
}

/// The one file of an original's entry.
fn variant(probe: &Probe) -> Variant {
    Variant {
        purpose: Purpose::Original,
        format: probe.format,
        width: probe.width,
        height: probe.height,
    }
}

/// Makes the file at `path` read-only, so that nothing writes into it
/// through a link in the output. Only where a read-only file can still be
/// removed from a folder one may write to (Unix): elsewhere it would stop
/// the removal of an old output.
#[cfg(not(unix))]
fn read_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Makes the file at `path` read-only, so that nothing writes into it
/// through a link in the output (see the other platforms' version).
#[cfg(unix)]
fn read_only(path: &Path) -> std::io::Result<()> {
    let mut permissions = fs::metadata(path)?.permissions();
    if !permissions.readonly() {
        permissions.set_readonly(true);
        fs::set_permissions(path, permissions)?;
    }
    Ok(())
}
