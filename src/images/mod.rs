//! Photos: probe, strip, resize, encode, and a cache keyed by content. This
//! module knows no page, site or template: it takes image files and
//! settings, and gives back facts about them, stripped bytes and resized
//! files in the cache.
//!
//! - [`probe()`]: format (from the bytes), pixel size, EXIF orientation,
//!   which metadata the file carries, and [`ProbeWarning`]s (over 20 MB,
//!   over 8,000 px a side) — from the file's structure, no decoding.
//! - [`strip()`]: the same picture without EXIF, GPS, XMP, IPTC, comments
//!   or PNG text, not re-encoded (the orientation stays as the one EXIF tag
//!   kept; see [`strip`](mod@strip)).
//! - [`original_for_publishing`]: [`strip()`], unless the settings let the
//!   file keep its metadata.
//! - [`process_all`]: every photo at the configured widths and a thumbnail,
//!   in its own format and WebP, upright and without metadata, stored in a
//!   [`Cache`] so that an unchanged photo is never processed twice; photos
//!   are processed in parallel, at most [`DECODE_BUDGET`] bytes of decoded
//!   pixels at once, whatever their number. A [`Memo`] of sources (path,
//!   length and modification time → hash and probe, a file in the cache
//!   folder) spares reading a photo that has not changed since.
//! - [`Originals`]: the stripped copy of a photo published as it is, kept
//!   read-only in the cache for the output to link (see
//!   [`originals`](mod@originals)).
//!
//! # Settings
//!
//! [`ImageSettings`] reads from YAML (the `images:` section of `site.yaml`):
//!
//! ```yaml
//! images:
//!   widths: [360, 960, 1600]   # srcset widths; above a photo's own width, its own width
//!   thumbnail: 360             # width of the card picture (at one of the widths: one copy)
//!   jpeg_quality: 80           # 1–100
//!   webp_quality: 75           # 1–100, lossy
//!   formats: [original, webp]  # `original` keeps the photo's format
//!   keep_metadata: [证书扫描.jpg] # files published with their metadata, as they are
//! ```
//!
//! Every key may be left out (the values above are the defaults); an
//! unknown key is refused; [`ImageSettings::problems`] names values out of
//! range.

pub mod cache;
mod exif;
pub mod memo;
pub mod originals;
mod parts;
pub mod probe;
pub mod settings;
pub mod strip;
pub mod variants;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use img_parts::Bytes;

use crate::error::Error;
use crate::i18n::catalogue::images as msg;

pub use cache::{Cache, CacheKey, CachedVariant, Lookup, SourceHash};
pub use memo::{Memo, Stamp};
pub use originals::{Original, Originals};
pub use probe::{probe, Format, Metadata, Probe, ProbeFailure, ProbeWarning};
pub use settings::{ImageSettings, OutputFormat};
pub use strip::{strip, Stripped};
pub use variants::{Purpose, Variant};

/// The image cache's folder in a site's cache folder
/// (`<root>/.redvest-cache/images/`).
pub const CACHE_FOLDER: &str = "images";

/// At most this many bytes of decoded pixels are held at once by
/// [`process_all`] (a 4000 × 3000 photo takes 48 MB of it). A photo larger
/// than the whole budget is processed alone.
pub const DECODE_BUDGET: u64 = 160 * 1024 * 1024;

/// At most this many photos are read at once, whatever the number of cores.
const MAX_THREADS: usize = 4;

/// A photo to process: the file to read, and its name as the user knows it
/// (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// The file.
    pub path: PathBuf,
    /// Its name for messages (relative to the site, usually).
    pub shown: PathBuf,
}

/// A processed photo: what it is, and its variants in the cache.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The photo's facts.
    pub probe: Probe,
    /// The cache key of its variants.
    pub key: CacheKey,
    /// Its variants, widest first, then the thumbnail.
    pub variants: Vec<CachedVariant>,
    /// Whether the variants came from the cache (nothing decoded).
    pub from_cache: bool,
}

/// What [`process_all`] did.
#[derive(Debug, Default)]
pub struct Report {
    /// Per photo, in the order given: its variants, or why there are none.
    pub photos: Vec<Result<Processed, Error>>,
    /// Photos decoded and encoded.
    pub encoded: usize,
    /// Photos served from the cache.
    pub cached: usize,
    /// Damaged cache entries found (and made again).
    pub damaged: usize,
}

/// The bytes to publish for an original (a photo published as it is, not
/// resized): stripped, unless the settings name `file_name` in
/// `keep_metadata`, in which case the bytes are returned as they are.
/// `None` when the file's structure is broken.
pub fn original_for_publishing(
    bytes: &Bytes,
    probe: &Probe,
    file_name: &str,
    settings: &ImageSettings,
) -> Option<Stripped> {
    if settings.keeps_metadata(file_name) {
        return Some(Stripped {
            bytes: bytes.clone(),
            changed: false,
        });
    }
    strip(bytes, probe)
}

/// Whether the file at `path` is a JPEG, PNG or WebP, from its first bytes
/// (a publisher reads the whole file only for pictures).
pub fn is_picture_file(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut head = Vec::with_capacity(12);
    std::fs::File::open(path)?.take(12).read_to_end(&mut head)?;
    Ok(Format::sniff(&head).is_some())
}

/// The bytes to publish for a file copied into the output as it is (a
/// bundle's photo, a file of `static/`): a JPEG, PNG or WebP — known by its
/// bytes, whatever its name — without its metadata (unless the settings
/// name `file_name` in `keep_metadata`); any other file unchanged. A file
/// that looks like an image but is broken is an error naming `shown`: it
/// cannot be stripped, so it is not published.
pub fn publishable(
    bytes: Vec<u8>,
    file_name: &str,
    shown: &Path,
    settings: &ImageSettings,
) -> Result<Vec<u8>, Error> {
    if Format::sniff(&bytes).is_none() {
        return Ok(bytes);
    }
    let bytes = Bytes::from(bytes);
    let probe = probe(&bytes).map_err(|failure| probe_error(shown, failure))?;
    let stripped = original_for_publishing(&bytes, &probe, file_name, settings)
        .ok_or_else(|| probe_error(shown, ProbeFailure::Damaged(probe.format)))?;
    Ok(stripped.bytes.to_vec())
}

/// Processes every photo: probe, look up the cache, and on a miss decode,
/// resize, encode and store. A photo whose length and modification time
/// are those of the [`Memo`] is looked up without being read. Errors are
/// per photo; one bad photo does not stop the others.
pub fn process_all(photos: &[Photo], settings: &ImageSettings, cache: &Cache) -> Report {
    let budget = Budget::new(DECODE_BUDGET);
    let memo = Memo::load(cache);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_THREADS)
        .min(photos.len().max(1));
    let one = |photo: &Photo| process_one(photo, settings, cache, &memo, &budget);
    let results = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => each_on_its_own(&pool, photos, one),
        Err(_) => photos.iter().map(one).collect(),
    };
    // The memo only spares work: a build whose memo cannot be written is
    // as right as one without a memo.
    let _ = memo.save(cache);
    let mut report = Report::default();
    for (result, damaged) in results {
        match &result {
            Ok(processed) if processed.from_cache => report.cached += 1,
            Ok(_) => report.encoded += 1,
            Err(_) => {}
        }
        report.damaged += usize::from(damaged);
        report.photos.push(result);
    }
    report
}

/// `work` on every photo, in order, on the pool's threads: each thread takes
/// the next photo not yet taken until none is left.
///
/// Photos are not rayon tasks of their own: a thread that waits inside a
/// photo (for the rows the JPEG decoder handed to the pool) can then steal
/// only rows, never another photo, so a thread holds at most one photo's
/// [`Budget`] permit and the threads cannot all wait on the budget at once.
fn each_on_its_own<T: Send>(
    pool: &rayon::ThreadPool,
    photos: &[Photo],
    work: impl Fn(&Photo) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(photos.len()));
    pool.broadcast(|_| loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(photo) = photos.get(index) else {
            break;
        };
        let result = work(photo);
        done.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((index, result));
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Processes one photo; the flag says whether a damaged entry was found.
fn process_one(
    photo: &Photo,
    settings: &ImageSettings,
    cache: &Cache,
    memo: &Memo,
    budget: &Budget,
) -> (Result<Processed, Error>, bool) {
    let stamp = Stamp::read(&photo.path);
    let mut damaged = false;
    if let Some((source, probe)) = stamp.and_then(|stamp| memo.get(&photo.path, stamp)) {
        let key = CacheKey::of_source(&source, settings);
        match from_cache(cache, probe, key, settings) {
            Ok(processed) => return (Ok(processed), false),
            Err(missed) => damaged = missed.damaged,
        }
    }
    let (result, found_damaged) = read_and_process(photo, settings, cache, memo, stamp, budget);
    (result, damaged || found_damaged)
}

/// A photo whose variants are not all in the cache: what was looked up,
/// for making them.
struct Missed {
    probe: Probe,
    key: CacheKey,
    planned: Vec<Variant>,
    /// Whether a damaged entry was found.
    damaged: bool,
}

/// The photo's variants from the cache when every planned one is there.
fn from_cache(
    cache: &Cache,
    probe: Probe,
    key: CacheKey,
    settings: &ImageSettings,
) -> Result<Processed, Missed> {
    let planned = variants::plan(&probe, settings);
    let damaged = match cache.lookup(&key, &planned) {
        Lookup::Hit(variants) => {
            return Ok(Processed {
                probe,
                key,
                variants,
                from_cache: true,
            })
        }
        Lookup::Miss => false,
        Lookup::Damaged => true,
    };
    Err(Missed {
        probe,
        key,
        planned,
        damaged,
    })
}

/// Processes one photo from its bytes, and memoises its hash and probe
/// under `stamp` (read before the bytes, so that a file changed meanwhile
/// is read again next time).
fn read_and_process(
    photo: &Photo,
    settings: &ImageSettings,
    cache: &Cache,
    memo: &Memo,
    stamp: Option<Stamp>,
    budget: &Budget,
) -> (Result<Processed, Error>, bool) {
    let bytes = match std::fs::read(&photo.path) {
        Ok(bytes) => Bytes::from(bytes),
        Err(err) => {
            return (
                Err(Error::io(&photo.shown, msg::action_read(), &err)),
                false,
            )
        }
    };
    let probe = match probe(&bytes) {
        Ok(probe) => probe,
        Err(failure) => return (Err(probe_error(&photo.shown, failure)), false),
    };
    let source = SourceHash::of(&bytes);
    if let Some(stamp) = stamp {
        memo.put(&photo.path, stamp, &source, &probe);
    }
    let key = CacheKey::of_source(&source, settings);
    let Missed {
        probe,
        key,
        planned,
        damaged,
    } = match from_cache(cache, probe, key, settings) {
        Ok(processed) => return (Ok(processed), false),
        Err(missed) => missed,
    };
    let encoded = {
        let _permit = budget.take(variants::decoded_bytes(&probe));
        variants::encode(&bytes, &probe, settings, &planned)
    };
    drop(bytes);
    let result = encoded
        .map_err(|failure| variant_error(&photo.shown, &probe, failure))
        .and_then(|encoded| {
            cache
                .store(&key, &encoded)
                .map_err(|err| Error::io(&cache.entry_dir(&key), msg::action_store(), &err))
        })
        .map(|variants| Processed {
            probe,
            key,
            variants,
            from_cache: false,
        });
    (result, damaged)
}

/// The error for a photo that could not be probed.
pub fn probe_error(shown: &Path, failure: ProbeFailure) -> Error {
    match failure {
        ProbeFailure::UnknownFormat => {
            Error::in_file(shown, msg::unknown_format()).with_hint(msg::unknown_format_hint())
        }
        ProbeFailure::Damaged(format) => {
            Error::in_file(shown, msg::damaged(format.extension().to_uppercase()))
                .with_hint(msg::damaged_hint())
        }
    }
}

fn variant_error(shown: &Path, probe: &Probe, failure: variants::VariantFailure) -> Error {
    use variants::VariantFailure;
    let (width, height) = probe.display_size();
    match failure {
        VariantFailure::TooLarge => {
            Error::in_file(shown, msg::too_large(width, height)).with_hint(msg::too_large_hint())
        }
        VariantFailure::Undecodable(detail) => {
            Error::in_file(shown, msg::undecodable(detail)).with_hint(msg::damaged_hint())
        }
        VariantFailure::Unencodable(detail) => Error::in_file(shown, msg::unencodable(detail)),
    }
}

/// A budget of bytes shared by the threads of one [`process_all`]: a
/// counting semaphore whose permits are bytes.
struct Budget {
    total: u64,
    free: Mutex<u64>,
    freed: Condvar,
}

/// Bytes taken from a [`Budget`], given back when dropped.
struct Permit<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    fn new(total: u64) -> Self {
        Budget {
            total,
            free: Mutex::new(total),
            freed: Condvar::new(),
        }
    }

    /// Waits until `bytes` are free (or the whole budget, for more).
    fn take(&self, bytes: u64) -> Permit<'_> {
        let bytes = bytes.min(self.total);
        let mut free = self
            .free
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while *free < bytes {
            free = self
                .freed
                .wait(free)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *free -= bytes;
        Permit {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut free = self
            .budget
            .free
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *free += self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests;
