//! The photos stage, shared by `build` and `serve`: the photos the site's
//! pages show (`render::photos::wanted`) are processed by
//! `images::process_all` into the site's image cache,
//! `<root>/.redvest-cache/images/`, so that an unchanged photo is never
//! processed twice; a photo that cannot be processed is an error naming
//! it, a very large one a warning. A site without photos does no work and
//! makes no cache folder. `check` only reads and probes them
//! ([`probe_only`]): the same errors of broken files and warnings, nothing
//! resized, nothing written.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Errors};
use crate::i18n::catalogue::images as msg;
use crate::images::{self, Cache, Probe, ProbeWarning, Processed};
use crate::output::CACHE;
use crate::render::photos::wanted;
use crate::render::{Emit, File, Photos};
use crate::site::Site;

/// What the photos stage made.
#[derive(Debug, Default)]
pub struct Processing {
    /// The sized copies, for pages and for publishing.
    pub photos: Photos,
    /// Photos decoded and encoded (the others came from the cache).
    pub encoded: usize,
    /// Very large photos.
    pub warnings: Vec<Error>,
    /// Photos that could not be processed (left out of `photos`; the
    /// build reports them with those rendering finds).
    pub errors: Errors,
}

/// The site's image cache folder.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(CACHE).join(images::CACHE_FOLDER)
}

/// Processes every photo the pages of `site` show, with the errors of
/// those that cannot be processed.
pub fn process(config: &Config, site: &Site) -> Processing {
    let wanted = wanted(config, site);
    if wanted.is_empty() {
        return Processing::default();
    }
    let photos: Vec<images::Photo> = wanted.iter().map(|w| w.photo()).collect();
    let cache = Cache::new(cache_dir(&config.root));
    let report = images::process_all(&photos, &config.images, &cache);
    let mut errors = Errors::new();
    let mut warnings = Vec::new();
    let processed: Vec<Option<Processed>> = report
        .photos
        .into_iter()
        .zip(&photos)
        .map(|(result, photo)| match result {
            Ok(processed) => {
                warnings.extend(warnings_of(&processed.probe, &photo.shown));
                Some(processed)
            }
            Err(error) => {
                errors.push(error);
                None
            }
        })
        .collect();
    Processing {
        photos: Photos::new(config, &wanted, &processed),
        encoded: report.encoded,
        warnings,
        errors,
    }
}

/// `rendered`, unless it or the photos stage found errors: then all of
/// them, sorted.
pub fn with_errors<T>(rendered: Result<T, Errors>, mut errors: Errors) -> Result<T, Errors> {
    match rendered {
        Ok(rendered) if errors.is_empty() => Ok(rendered),
        Ok(_) => Err(errors.sorted()),
        Err(more) => {
            errors.extend(more);
            Err(errors.sorted())
        }
    }
}

/// What `check` learns of the photos the pages show, without resizing
/// them or writing a cache: the errors of those that cannot be read or
/// whose structure is broken (as `build` would report them), and the
/// warnings of very large ones. Pages then show the photos as plain
/// images.
pub fn probe_only(config: &Config, site: &Site) -> Processing {
    let mut processing = Processing::default();
    for wanted in wanted(config, site) {
        let photo = wanted.photo();
        let probed = std::fs::read(&photo.path)
            .map_err(|e| Error::io(&photo.shown, msg::action_read(), &e))
            .and_then(|bytes| {
                images::probe(&bytes.into())
                    .map_err(|failure| images::probe_error(&photo.shown, failure))
            });
        match probed {
            Ok(probe) => processing
                .warnings
                .extend(warnings_of(&probe, &photo.shown)),
            Err(error) => processing.errors.push(error),
        }
    }
    processing
}

/// The warnings a photo earns (over 20 MB, over 8,000 pixels a side).
fn warnings_of(probe: &Probe, shown: &Path) -> Vec<Error> {
    probe
        .warnings()
        .into_iter()
        .map(|warning| {
            let message = match warning {
                ProbeWarning::ManyBytes { bytes } => {
                    let tenths = bytes * 10 / (1024 * 1024);
                    msg::many_bytes(format!("{}.{}", tenths / 10, tenths % 10))
                }
                ProbeWarning::ManyPixels { width, height } => msg::many_pixels(width, height),
            };
            Error::in_file(shown, message).with_hint(msg::big_photo_hint())
        })
        .collect()
}

/// Hands every sized copy to `emit`, read from the cache, at its output
/// path (`_photos/<key>/960.webp`): the same bytes `serve` answers.
pub fn publish(photos: &Photos, emit: &Emit<'_>) -> Result<(), Errors> {
    use rayon::prelude::*;
    let errors: Vec<Error> = photos
        .files()
        .par_iter()
        .filter_map(|(to, from)| {
            let file = std::fs::read(from)
                .map(|contents| File {
                    path: to.clone(),
                    contents,
                })
                .map_err(|e| Error::io(from, msg::action_read(), &e));
            file.and_then(emit).err()
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into_iter().collect::<Errors>().sorted())
    }
}
