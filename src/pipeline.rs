//! The build, stage by stage: configuration, sources, documents, the site
//! model, the theme, rendering, publishing. The only module that knows the
//! order of the stages.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::content::{self, Kind};
use crate::error::{Error, Errors};
use crate::i18n::catalogue::build as msg;
use crate::i18n::{Lang, Text};
use crate::output;
use crate::render::{self, theme};
use crate::site::{Scheduled, Selection, Site};
use crate::{config, date, freshness};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// Where to write; `<root>/public` when absent.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml.
    pub base_url: Option<String>,
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

/// How a summary line ends: what was done with the rendered site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Written to the output folder.
    Written,
    /// Checked, nothing written.
    Checked,
    /// Built in memory (the dev server).
    InMemory,
}

impl From<Mode> for Ending {
    fn from(mode: Mode) -> Self {
        match mode {
            Mode::Build => Ending::Written,
            Mode::Check => Ending::Checked,
        }
    }
}

/// The scheduled items a summary names; the rest are counted.
const SCHEDULED_NAMED: usize = 10;

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Published items of each kind, in [`Kind::ALL`] order.
    pub counts: [usize; 4],
    /// Campaigns.
    pub campaigns: usize,
    /// Columns.
    pub columns: usize,
    /// Drafts left out.
    pub drafts_left_out: usize,
    /// The scheduled items left out and when each comes out, soonest first.
    pub scheduled: Vec<Scheduled>,
    /// Files written (0 for a check).
    pub files_written: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// Problems that did not stop the build.
    pub warnings: Vec<Error>,
    /// Wall time.
    pub elapsed: Duration,
    /// Time per stage.
    pub timings: Timings,
    /// Nothing changed since the last build: the output was left as it was.
    pub up_to_date: bool,
    /// Time per template, slowest first.
    pub templates: Vec<render::TemplateTime>,
}

/// The warnings the front matter of the site's documents earned, by file.
fn front_matter_warnings(site: &Site) -> Vec<Error> {
    let items = site.items.iter().map(|e| &e.doc.body);
    let campaigns = site.campaigns.iter().map(|e| &e.doc.body);
    let columns = site.columns.iter().map(|e| &e.doc.body);
    let mut warnings: Vec<Error> = items
        .chain(campaigns)
        .chain(columns)
        .flat_map(|body| body.warnings.iter().cloned())
        .collect();
    warnings.sort_by(|a, b| a.location().cmp(&b.location()));
    warnings
}

impl BuildReport {
    /// The report of a build of `site`.
    fn of(
        site: &Site,
        output: PathBuf,
        files_written: usize,
        warnings: Vec<Error>,
        started: Instant,
    ) -> Self {
        let mut warnings = warnings;
        warnings.extend(front_matter_warnings(site));
        BuildReport {
            counts: Kind::ALL.map(|k| site.of_kind(k).len()),
            campaigns: site.campaigns.len(),
            columns: site.columns.len(),
            drafts_left_out: site.drafts_left_out,
            scheduled: site.scheduled.clone(),
            files_written,
            output,
            warnings,
            elapsed: started.elapsed(),
            timings: Timings::default(),
            up_to_date: false,
            templates: Vec::new(),
        }
    }

    /// The report of a build that found its output up to date.
    fn up_to_date(output: PathBuf, elapsed: Duration, timings: Timings) -> Self {
        BuildReport {
            counts: [0; 4],
            campaigns: 0,
            columns: 0,
            drafts_left_out: 0,
            scheduled: Vec::new(),
            files_written: 0,
            output,
            warnings: Vec::new(),
            elapsed,
            timings,
            up_to_date: true,
            templates: Vec::new(),
        }
    }

    /// The one summary line a build ends with, in `lang`: what was
    /// published, what was left out (each scheduled item named with the
    /// time it comes out), and what was done with it (`ending`: a
    /// [`Mode`] converts).
    pub fn summary(&self, ending: impl Into<Ending>, lang: Lang) -> String {
        let secs = format!("{:.2}", self.elapsed.as_secs_f64());
        if self.up_to_date {
            return msg::up_to_date(self.output.display(), secs)
                .get(lang)
                .to_string();
        }
        let mut parts = vec![self.counts_text()];
        parts.extend(self.left_out_text());
        parts.push(match ending.into() {
            Ending::Written => msg::written(self.files_written, self.output.display(), secs),
            Ending::Checked => msg::checked(secs),
            Ending::InMemory => msg::built_in_memory(secs),
        });
        Text::join(&parts, &msg::part_separator())
            .get(lang)
            .to_string()
    }

    /// What was published: items of each kind, campaigns, columns.
    fn counts_text(&self) -> Text {
        let mut counts: Vec<Text> = Kind::ALL
            .iter()
            .zip(self.counts)
            .map(|(kind, n)| match kind {
                Kind::Story => msg::count_stories(n),
                Kind::Report => msg::count_reports(n),
                Kind::Announcement => msg::count_announcements(n),
                Kind::Page => msg::count_pages(n),
            })
            .collect();
        counts.push(msg::count_campaigns(self.campaigns));
        counts.push(msg::count_columns(self.columns));
        Text::join(&counts, &msg::count_separator())
    }

    /// The drafts and scheduled items left out, if any: the scheduled
    /// ones by name, soonest first.
    fn left_out_text(&self) -> Option<Text> {
        let (drafts, scheduled) = (self.drafts_left_out, self.scheduled.len());
        if scheduled == 0 {
            return (drafts > 0).then(|| msg::left_out_drafts(drafts));
        }
        let mut named: Vec<Text> = self
            .scheduled
            .iter()
            .take(SCHEDULED_NAMED)
            .map(|s| msg::scheduled_item(s.shown.display(), publish_time(s.date)))
            .collect();
        if scheduled > named.len() {
            named.push(msg::more_scheduled(scheduled - named.len()));
        }
        let items = Text::join(&named, &msg::item_separator());
        Some(if drafts == 0 {
            msg::left_out_scheduled(scheduled, items)
        } else {
            msg::left_out_both(drafts, scheduled, items)
        })
    }
}

/// When a scheduled item comes out, as its author wrote it: `2026-12-01 09:00`.
fn publish_time(date: date::DateTime) -> String {
    let iso = date.iso();
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time}"),
        _ => iso,
    }
}

/// Time spent in each stage of a build, in order.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
    last: Option<Instant>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            stages: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    /// Records the time since the previous stage ended as `stage`.
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push((stage, now - last));
        }
        self.last = Some(now);
    }

    /// Records parts of one stage timed elsewhere, and starts the next
    /// stage now.
    fn laps(&mut self, parts: &[(&'static str, Duration)]) {
        self.stages.extend_from_slice(parts);
        self.last = Some(Instant::now());
    }

    /// The stages and their durations.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }

    /// The templates' table for `--timings` in `lang`, under its heading:
    /// one line per template, slowest first.
    pub fn templates_table(templates: &[render::TemplateTime], lang: Lang) -> String {
        let lines = templates.iter().map(|t| {
            msg::template_line(
                format!("{:<16}", t.name),
                format!("{:>6}", t.pages),
                format!("{:>9.1}", t.total.as_secs_f64() * 1000.0),
                format!("{:.2}", t.slowest.as_secs_f64() * 1000.0),
            )
        });
        table(msg::templates_heading(), lines, lang)
    }

    /// The stages' table for `--timings` in `lang`, under its heading: one
    /// line per stage.
    pub fn table(&self, lang: Lang) -> String {
        let lines = self.stages.iter().map(|(stage, d)| {
            let name = stage_name(stage).get(lang).to_string();
            msg::stage_line(pad(&name, 10), format!("{:>8.1}", d.as_secs_f64() * 1000.0))
        });
        table(msg::stages_heading(), lines, lang)
    }
}

/// A heading and its lines, in `lang`.
fn table(heading: Text, lines: impl Iterator<Item = Text>, lang: Lang) -> String {
    std::iter::once(heading)
        .chain(lines)
        .map(|line| line.get(lang).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` padded with spaces to `width` columns, a Chinese character
/// counting two.
fn pad(text: &str, width: usize) -> String {
    let columns: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
}

/// A stage's name as the reader reads it.
fn stage_name(stage: &str) -> Text {
    match stage {
        "config" => msg::stage_config(),
        "compare" => msg::stage_compare(),
        "read" => msg::stage_read(),
        "parse" => msg::stage_parse(),
        "relate" => msg::stage_relate(),
        "theme" => msg::stage_theme(),
        "bodies" => msg::stage_bodies(),
        "pages" => msg::stage_pages(),
        "write" => msg::stage_write(),
        "prepare" => msg::stage_prepare(),
        "index" => msg::stage_index(),
        other => Text::verbatim(other),
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

/// Relates the documents and loads the theme, the stages every build shares;
/// their problems join `errors`.
fn relate_and_load_theme(
    docs: content::Documents,
    options: &BuildOptions,
    config: &config::Config,
    now: date::DateTime,
    errors: &mut Errors,
    timings: &mut Timings,
) -> (Site, Option<theme::Theme>) {
    let selection = Selection {
        drafts: options.drafts,
        future: options.future,
        now,
    };
    let (site, site_errors) = Site::assemble(docs, selection, config.metrics.len());
    errors.extend(site_errors);
    timings.lap("relate");
    let theme = theme::load(config).map_err(|e| errors.extend(e)).ok();
    timings.lap("theme");
    (site, theme)
}

/// Builds (or checks) the site described by `options`.
pub fn build(options: &BuildOptions, mode: Mode) -> Result<BuildReport, Errors> {
    let started = Instant::now();
    let mut timings = Timings::start();
    let config = config::load(&options.root, options.base_url.as_deref())?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    if mode == Mode::Build {
        output::check_target(&output, &options.root, options.force)?;
    }
    let now = build_time(options.source_date_epoch.as_deref(), &config)?;
    timings.lap("config");
    let switches = (config.base_url.absolute(), options.drafts, options.future);
    let inputs = match mode {
        Mode::Build => freshness::fingerprint(&config, &switches),
        Mode::Check => None,
    };
    if let Some(inputs) = inputs {
        let unchanged = freshness::read_stamp(&options.root, &output).is_some_and(|stamp| {
            freshness::output_fingerprint(&output).is_some_and(|out| stamp.holds(inputs, out, now))
        });
        if unchanged {
            timings.lap("compare");
            return Ok(BuildReport::up_to_date(output, started.elapsed(), timings));
        }
    }
    // Each stage goes as far as it can, so one run reports every problem.
    let (sources, mut errors) = content::discover(&options.root);
    timings.lap("read");
    let (mut docs, parse_errors) = content::parse_all(sources, &config);
    errors.extend(parse_errors);
    let mut warnings = std::mem::take(&mut docs.warnings);
    timings.lap("parse");
    let (mut site, theme) =
        relate_and_load_theme(docs, options, &config, now, &mut errors, &mut timings);
    let Some(theme) = theme else {
        return Err(errors.sorted());
    };
    if !errors.is_empty() {
        // Render anyway, writing nothing, to report link and template errors too.
        if let Err(more) = render::site(&config, &mut site, theme, &output::Discard) {
            errors.extend(more);
        }
        return Err(errors.sorted());
    }
    let static_dirs = theme.static_dirs.clone();
    let staging = match mode {
        Mode::Build => Some(output::Staging::begin(
            &output,
            &options.root,
            options.force,
            options.lang,
        )?),
        Mode::Check => None,
    };
    let sink: &dyn output::Sink = match &staging {
        Some(staging) => staging,
        None => &output::Discard,
    };
    let rendered = render::site(&config, &mut site, theme, sink)?;
    timings.laps(&rendered.stages);
    let copies: Vec<(String, PathBuf)> = rendered
        .copies
        .iter()
        .map(|c| (c.to.clone(), c.from.clone()))
        .collect();
    let finished = match staging {
        Some(staging) => Some(staging.finish(&copies, &static_dirs)?),
        None => None,
    };
    let files_written = finished.map_or(0, |f| f.files);
    if let (Mode::Build, Some(inputs), Some(finished)) = (mode, inputs, finished) {
        let until = site.valid_until(config.timezone);
        let root = &options.root;
        freshness::write_stamp(root, &output, inputs, finished.fingerprint, now, until);
    }
    timings.lap("write");
    warnings.extend(rendered.warnings);
    let report = BuildReport {
        timings,
        templates: rendered.templates,
        ..BuildReport::of(
            &site,
            output,
            files_written,
            [config.warnings.clone(), warnings].concat(),
            started,
        )
    };
    render::free_later(site);
    Ok(report)
}

/// A built site held in memory: everything needed to render any of its
/// files when it is asked for (the dev server's build).
pub struct Snapshot {
    /// The configuration it was built with.
    pub config: crate::config::Config,
    /// The site model.
    pub site: Site,
    /// Rendered bodies, cards and the compiled theme.
    pub model: render::Model,
    /// Generated files by output path.
    pub index: std::collections::HashMap<String, render::Resource>,
    /// Bundle files by output path.
    pub bundles: std::collections::HashMap<String, PathBuf>,
    /// Static folders, highest precedence first (site, then theme).
    pub static_dirs: Vec<output::StaticDir>,
    /// What the build did.
    pub report: BuildReport,
}

impl Snapshot {
    /// Renders (or finds on disk) the file at an output path such as
    /// `stories/a/index.html`; `None` when the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<FileBody, Error>> {
        if let Some(dir) = self.static_dirs.first() {
            if let Some(found) = dir.find(path) {
                return Some(Ok(found.into()));
            }
        }
        if let Some(from) = self.bundles.get(path) {
            return Some(Ok(FileBody::Disk(from.clone())));
        }
        if let Some(resource) = self.index.get(path) {
            return Some(
                self.model
                    .render(&self.config, &self.site, resource)
                    .map(FileBody::Bytes),
            );
        }
        self.static_dirs
            .iter()
            .skip(1)
            .find_map(|dir| dir.find(path))
            .map(|found| Ok(found.into()))
    }

    /// Whether the site has a file at an output path (without rendering it).
    pub fn has(&self, path: &str) -> bool {
        self.index.contains_key(path)
            || self.bundles.contains_key(path)
            || self.static_dirs.iter().any(|dir| dir.find(path).is_some())
    }

    /// The site's 404 page.
    pub fn not_found(&self) -> Result<Vec<u8>, Error> {
        match self.index.get("404.html") {
            Some(resource) => self.model.render(&self.config, &self.site, resource),
            None => Ok(b"404".to_vec()),
        }
    }
}

/// The contents of a served file: generated, or a file on disk.
pub enum FileBody {
    /// Generated bytes.
    Bytes(Vec<u8>),
    /// A file to read.
    Disk(PathBuf),
    /// A file of the built-in theme.
    Builtin(&'static [u8]),
}

impl From<output::StaticFile> for FileBody {
    fn from(file: output::StaticFile) -> Self {
        match file {
            output::StaticFile::Disk(path) => FileBody::Disk(path),
            output::StaticFile::Builtin(bytes) => FileBody::Builtin(bytes),
        }
    }
}

/// Builds kept warm between edits: unchanged files are not parsed again and
/// unchanged bodies not rendered again; pages are rendered on request.
pub struct Session {
    options: BuildOptions,
    config_text: Option<Vec<u8>>,
    parse: content::cache::ParseCache,
    bodies: render::BodyCache,
}

impl Session {
    /// A session for the site `options` describe.
    pub fn new(options: BuildOptions) -> Self {
        Session {
            options,
            config_text: None,
            parse: Default::default(),
            bodies: Default::default(),
        }
    }

    /// Builds the site in memory, reusing what did not change; `changed`
    /// (paths below the site root, from the watcher) spares a walk of the tree.
    pub fn build(&mut self, changed: Option<&[PathBuf]>) -> Result<Snapshot, Errors> {
        let started = Instant::now();
        let mut timings = Timings::start();
        let options = &self.options;
        let config_text = std::fs::read(options.root.join(config::CONFIG_FILE)).ok();
        if config_text != self.config_text {
            self.parse = Default::default();
            self.bodies = Default::default();
            self.config_text = config_text;
        }
        let config = config::load(&options.root, options.base_url.as_deref())?;
        let now = build_time(options.source_date_epoch.as_deref(), &config)?;
        timings.lap("config");
        let (mut docs, mut errors) = match changed {
            Some(paths) => self.parse.load_changed(&options.root, &config, paths),
            None => self.parse.load(&options.root, &config),
        };
        let mut warnings = std::mem::take(&mut docs.warnings);
        timings.lap("parse");
        let (site, theme) =
            relate_and_load_theme(docs, options, &config, now, &mut errors, &mut timings);
        let mut static_dirs = Vec::new();
        let prepared = theme.and_then(|theme| {
            static_dirs = theme.static_dirs.iter().rev().cloned().collect();
            render::prepare(&config, &site, theme, Some(&self.bodies))
                .map_err(|e| errors.extend(e))
                .ok()
        });
        let (model, bodies) = match prepared {
            Some(p) if errors.is_empty() => p,
            _ => return Err(errors.sorted()),
        };
        self.bodies = bodies;
        timings.lap("prepare");
        let index = model.index(&config, &site);
        let bundles = render::Model::bundle_files(&config, &site);
        timings.lap("index");
        warnings.extend(model.warnings.iter().cloned());
        let report = BuildReport {
            timings,
            ..BuildReport::of(
                &site,
                PathBuf::new(),
                0,
                [config.warnings.clone(), warnings].concat(),
                started,
            )
        };
        Ok(Snapshot {
            config,
            site,
            model,
            index,
            bundles,
            static_dirs,
            report,
        })
    }
}
