//! What a build tells its reader: the report (counts, what was left out,
//! files written, warnings, time per stage and per template) and the one
//! summary line it ends with, in the reader's language.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::Mode;
use crate::config::Config;
use crate::content::Kind;
use crate::date;
use crate::error::Error;
use crate::i18n::catalogue::build as msg;
use crate::i18n::{Lang, Text};
use crate::render;
use crate::site::{Scheduled, Site};

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
    /// The report of a build of `site` that wrote `files_written` files to
    /// `output` and met `warnings` besides those of the site's documents.
    pub(crate) fn of(
        site: &Site,
        output: PathBuf,
        files_written: usize,
        config: &Config,
        warnings: Vec<Error>,
        timings: Timings,
    ) -> Self {
        let mut warnings = [config.warnings.clone(), warnings].concat();
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
            elapsed: timings.elapsed(),
            timings,
            up_to_date: false,
            templates: Vec::new(),
        }
    }

    /// The report, with the time each template took.
    pub(crate) fn with_templates(self, templates: Vec<render::TemplateTime>) -> Self {
        BuildReport { templates, ..self }
    }

    /// The report of a build that found its output up to date.
    pub(crate) fn up_to_date(output: PathBuf, timings: Timings) -> Self {
        BuildReport {
            counts: [0; 4],
            campaigns: 0,
            columns: 0,
            drafts_left_out: 0,
            scheduled: Vec::new(),
            files_written: 0,
            output,
            warnings: Vec::new(),
            elapsed: timings.elapsed(),
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
    started: Option<Instant>,
    last: Option<Instant>,
}

impl Timings {
    /// Starts the clock of a build.
    pub(crate) fn start() -> Self {
        let now = Instant::now();
        Timings {
            stages: Vec::new(),
            started: Some(now),
            last: Some(now),
        }
    }

    /// The time since the build started.
    pub fn elapsed(&self) -> Duration {
        self.started.map(|s| s.elapsed()).unwrap_or_default()
    }

    /// Records the time since the previous stage ended as `stage`.
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push((stage, now - last));
        }
        self.last = Some(now);
    }

    /// Records parts of one stage timed elsewhere, and starts the next
    /// stage now.
    pub(crate) fn laps(&mut self, parts: &[(&'static str, Duration)]) {
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
        "photos" => msg::stage_photos(),
        "bodies" => msg::stage_bodies(),
        "pages" => msg::stage_pages(),
        "write" => msg::stage_write(),
        "prepare" => msg::stage_prepare(),
        "index" => msg::stage_index(),
        other => Text::verbatim(other),
    }
}
