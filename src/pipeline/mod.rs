//! The build, stage by stage: configuration, freshness, discovery,
//! parsing, assembly, the theme, rendering, publishing. The only module
//! that knows the order of the stages; each is one call into the module
//! that owns it.

mod photos;
mod report;

use std::path::PathBuf;

use crate::config::{self, Config};
use crate::content;
use crate::date::{self, DateTime};
use crate::error::{Error, Errors};
use crate::freshness;
use crate::i18n::catalogue::build as msg;
use crate::i18n::Lang;
use crate::output::{Publication, Remember, Target};
use crate::render::{self, theme, Theme};
use crate::site::{Selection, Site};
pub use photos::{cache_dir, process as photos_of, Processing};
pub use report::{BuildReport, Ending, Timings};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// Where to write; `<root>/public` when absent.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// `--relative-links`: every link relative to its page.
    pub relative_links: bool,
    /// `--file-urls`: pages at `stories/a.html`.
    pub file_urls: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Include items dated after the build time.
    pub future: bool,
    /// Replace an output directory redvest did not make.
    pub force: bool,
    /// `SOURCE_DATE_EPOCH`, when set.
    pub source_date_epoch: Option<String>,
    /// The language of the lines the build prints while it runs (waiting
    /// for another build); its report and errors are shown by the caller.
    pub lang: Lang,
}

/// Whether the build writes its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Render and publish.
    Build,
    /// Render everything, write nothing.
    Check,
}

impl BuildOptions {
    /// The output folder: `--output`, else `<root>/public`.
    pub fn output_path(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }

    /// What the command line sets over `site.yaml`.
    pub fn overrides(&self) -> config::Overrides {
        config::Overrides {
            base_url: self.base_url.clone(),
            relative_links: self.relative_links,
            file_urls: self.file_urls,
        }
    }

    /// What the build is switched to, beyond its files: a change of any of
    /// them changes the output.
    fn switches(&self, config: &Config) -> (String, bool, bool, bool, bool) {
        (
            config.base_url.absolute(),
            config.relative_links,
            config.page_urls == crate::url::PageUrls::Files,
            self.drafts,
            self.future,
        )
    }

    /// Which items the build publishes at `now`.
    fn selection(&self, now: DateTime) -> Selection {
        Selection {
            drafts: self.drafts,
            future: self.future,
            now,
        }
    }
}

/// Builds (or checks) the site described by `options`.
pub fn build(options: &BuildOptions, mode: Mode) -> Result<BuildReport, Errors> {
    let mut clock = Timings::start();
    let config = config::load_with(&options.root, &options.overrides())?;
    let target = target(options, mode)?;
    let now = build_time(options.source_date_epoch.as_deref(), &config)?;
    clock.lap("config");
    let inputs = fingerprint(&config, options, target.as_ref());
    if let Some(target) = up_to_date(target.as_ref(), inputs, now) {
        clock.lap("compare");
        return Ok(BuildReport::up_to_date(target.path().to_path_buf(), clock));
    }
    // Each stage goes as far as it can, so one run reports every problem.
    let mut errors = Errors::new();
    let sources = errors.keep(content::discover(&options.root));
    clock.lap("read");
    let mut docs = errors.keep(content::parse_all(sources, &config));
    let mut warnings = std::mem::take(&mut docs.warnings);
    clock.lap("parse");
    let site = errors.keep(assemble(docs, options, &config, now));
    clock.lap("relate");
    let theme = theme::load(&config);
    clock.lap("theme");
    let (mut site, theme) = stop_on_errors(errors, site, theme, &config)?;
    let static_dirs = theme.static_dirs.clone();
    let mut photos = match target {
        Some(_) => photos::process(&config, &site),
        None => photos::probe_only(&config, &site),
    };
    clock.lap("photos");
    let publication = Publication::begin(target.as_ref(), &config.images, options.lang)?;
    let emit = |file: render::File| publication.write(file);
    let rendered = render::site(&config, &mut site, theme, &photos.photos, &emit);
    let rendered = photos::with_errors(rendered, std::mem::take(&mut photos.errors))?;
    clock.laps(&rendered.stages);
    photos::publish(&photos.photos, &emit)?;
    let remember = inputs.map(|inputs| remember(&site, &config, inputs, now));
    let published = publication.finish(&rendered.copies, &static_dirs, remember)?;
    clock.lap("write");
    warnings.extend(photos.warnings);
    warnings.extend(rendered.warnings.into_iter().chain(published.warnings));
    let output = options.output_path();
    let report = BuildReport::of(&site, output, published.files, &config, warnings, clock);
    render::free_later(site);
    Ok(report.with_templates(rendered.templates))
}

/// The fingerprint of what a build to `target` reads; none for a check, or
/// for a theme that prints the build time (every build differs).
fn fingerprint(config: &Config, options: &BuildOptions, target: Option<&Target>) -> Option<u64> {
    target.and_then(|_| freshness::fingerprint(config, &options.switches(config)))
}

/// `target`, if the build that wrote it read the inputs of fingerprint
/// `inputs` and its output is still right at `now`.
fn up_to_date(target: Option<&Target>, inputs: Option<u64>, now: DateTime) -> Option<&Target> {
    target.filter(|t| inputs.is_some_and(|inputs| t.is_up_to_date(inputs, now)))
}

/// What a build of `site` at `now` leaves for the next one to find.
fn remember(site: &Site, config: &Config, inputs: u64, built: DateTime) -> Remember {
    Remember {
        inputs,
        built,
        until: site.valid_until(config.timezone),
    }
}

/// The output a build writes to, checked; none for a check.
fn target(options: &BuildOptions, mode: Mode) -> Result<Option<Target>, Errors> {
    match mode {
        Mode::Build => Ok(Some(Target::check(
            &options.root,
            options.output.as_deref(),
            options.force,
        )?)),
        Mode::Check => Ok(None),
    }
}

/// The build time: `SOURCE_DATE_EPOCH` when set, else now, in the site's zone.
pub fn build_time(epoch: Option<&str>, config: &config::Config) -> Result<date::DateTime, Errors> {
    date::build_time(epoch, config.timezone).map_err(|e| {
        let hint = match e.1 {
            date::DateFault::NotAnEpoch(_) => msg::source_date_epoch_hint(),
            _ => e.hint(),
        };
        Errors::from(Error::usage(e.0).with_hint(hint))
    })
}

/// Relates the documents into the site model: the stage every build shares.
pub(crate) fn assemble(
    docs: content::Documents,
    options: &BuildOptions,
    config: &Config,
    now: DateTime,
) -> (Site, Errors) {
    Site::assemble(docs, options.selection(now), config.metrics.len())
}

/// The site and its theme, if nothing went wrong so far; else every error,
/// with those rendering finds too (links, templates), for a site whose
/// theme loads: rendered anyway, writing nothing.
fn stop_on_errors(
    mut errors: Errors,
    mut site: Site,
    theme: Result<Theme, Errors>,
    config: &Config,
) -> Result<(Site, Theme), Errors> {
    let theme = match theme {
        Ok(theme) => theme,
        Err(more) => {
            errors.extend(more);
            return Err(errors.sorted());
        }
    };
    if errors.is_empty() {
        return Ok((site, theme));
    }
    let photos = render::Photos::default();
    if let Err(more) = render::site(config, &mut site, theme, &photos, &|_| Ok(())) {
        errors.extend(more);
    }
    Err(errors.sorted())
}
