//! Turns each [`Source`] into a checked document: typed front matter (dates,
//! slugs, stats against the configured metrics, keys that belong to the kind)
//! and the Markdown body. Every file is parsed; every error is kept.
//!
//! References between files (campaign, column, links) are left to the site model.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::front_matter::{
    self, RawCampaign, RawColumn, RawItem, CAMPAIGN_KEYS, COLUMN_KEYS, ITEM_KEYS,
};
use super::slug::Slug;
use super::{Kind, Source, SourceKind, Sources};
use crate::config::Config;
use crate::date::{DateTime, Day};
use crate::error::{closest, guard, Error, Errors, Location};
use crate::figure::{Figure, FigureFault, RawFigure};
use crate::i18n::catalogue::{content as msg, values as value_msg};
use crate::i18n::Text;
use crate::source::{key_position, read_yaml, OneOrMany, Scalar};

/// A slug one file names in another, and where it named it.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The slug as written.
    pub slug: String,
    /// Where it was written.
    pub at: Location,
}

/// A volunteer or group a story is about.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Person {
    /// 姓名.
    pub name: String,
    /// 单位/队伍.
    pub org: Option<String>,
    /// 荣誉.
    pub honors: Vec<String>,
}

/// A deadline of an announcement.
#[derive(Debug, Clone)]
pub struct Deadline {
    /// The day.
    pub day: Day,
    /// What is due.
    pub what: String,
}

/// A Markdown body and where it starts in its file.
#[derive(Debug, Clone)]
pub struct Body {
    /// The file's whole text.
    text: std::sync::Arc<str>,
    /// Byte offset of the body in `text`.
    start: usize,
    /// The file line the body starts on.
    pub line: usize,
    /// What the file's front matter was warned about (typing habits that
    /// did not stop it from being read).
    pub warnings: Vec<Error>,
}

impl Body {
    /// The Markdown after the front matter.
    pub fn markdown(&self) -> &str {
        &self.text[self.start..]
    }

    /// The file's text, shared: two bodies with the same allocation are the
    /// same version of the file.
    pub fn shared_text(&self) -> &std::sync::Arc<str> {
        &self.text
    }

    /// Where the Markdown starts in [`Self::shared_text`].
    pub fn start(&self) -> usize {
        self.start
    }

    /// Hands over the text (for a build that renders it once and then lets
    /// go of it), leaving the body empty.
    pub fn take(&mut self, empty: &std::sync::Arc<str>) -> (std::sync::Arc<str>, usize) {
        let text = std::mem::replace(&mut self.text, std::sync::Arc::clone(empty));
        (text, std::mem::take(&mut self.start))
    }
}

/// A story, report, announcement or page.
#[derive(Debug, Clone)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Its path below `content/` (`stories/a.md`).
    pub rel: String,
    /// Its path as shown to the user.
    pub shown: PathBuf,
    /// 标题.
    pub title: String,
    /// URL name.
    pub slug: Slug,
    /// Where `slug:` was written, if it was.
    pub slug_at: Option<Location>,
    /// Publication date (none only for pages).
    pub date: Option<DateTime>,
    /// Last change.
    pub updated: Option<DateTime>,
    /// Explicit summary.
    pub summary: Option<String>,
    /// Campaigns named.
    pub campaigns: Vec<Reference>,
    /// Column named.
    pub column: Option<Reference>,
    /// Explicit 第N期.
    pub issue: Option<u32>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// 地区.
    pub region: Option<String>,
    /// 作者.
    pub authors: Vec<String>,
    /// 来源.
    pub source: Option<String>,
    /// 责任编辑.
    pub editor: Option<String>,
    /// Cover image as written.
    pub cover: Option<String>,
    /// Where `cover:` is written.
    pub cover_at: Location,
    /// 置顶.
    pub pinned: bool,
    /// Draft.
    pub draft: bool,
    /// Stories: the people.
    pub people: Vec<Person>,
    /// Reports: (metric index, figure).
    pub stats: Vec<(usize, Figure)>,
    /// Reports: 地点.
    pub location: Option<String>,
    /// Reports: organizers.
    pub organizers: Vec<String>,
    /// Announcements: deadlines.
    pub deadlines: Vec<Deadline>,
    /// The Markdown.
    pub body: Body,
    /// Bundle files beside `index.md`.
    pub assets: Vec<String>,
}

/// How often a column appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// 每周一期.
    Weekly,
    /// 每月一期.
    Monthly,
    /// 不定期.
    Irregular,
}

impl Frequency {
    /// The key templates see.
    pub fn key(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Irregular => "irregular",
        }
    }
}

/// A campaign (活动).
#[derive(Debug, Clone)]
pub struct Campaign {
    /// Path as shown.
    pub shown: PathBuf,
    /// The file name.
    pub slug: Slug,
    /// 活动名称.
    pub title: String,
    /// 主题口号.
    pub slogan: Option<String>,
    /// First day.
    pub start: Day,
    /// Last day; none for a long-running one.
    pub end: Option<Day>,
    /// 主办单位.
    pub organizers: Vec<String>,
    /// 地区.
    pub region: Option<String>,
    /// Cover as written.
    pub cover: Option<String>,
    /// Where `cover:` is written.
    pub cover_at: Location,
    /// 摘要.
    pub summary: Option<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// The Markdown.
    pub body: Body,
}

/// A column (专栏).
#[derive(Debug, Clone)]
pub struct Column {
    /// Path as shown.
    pub shown: PathBuf,
    /// The file name.
    pub slug: Slug,
    /// 专栏名称.
    pub title: String,
    /// 简介.
    pub description: Option<String>,
    /// How often.
    pub frequency: Option<Frequency>,
    /// 主办.
    pub host: Option<String>,
    /// First day.
    pub start: Option<Day>,
    /// Cover as written.
    pub cover: Option<String>,
    /// Where `cover:` is written.
    pub cover_at: Location,
    /// The Markdown.
    pub body: Body,
}

/// Every parsed document of a site, each list sorted by source path.
#[derive(Debug, Default)]
pub struct Documents {
    /// Stories, reports, announcements, pages.
    pub items: Vec<Arc<Item>>,
    /// Campaigns.
    pub campaigns: Vec<Campaign>,
    /// Columns.
    pub columns: Vec<Column>,
    /// Content paths of files that could not be read or parsed.
    pub failed: std::collections::HashSet<String>,
    /// What the build should tell but not stop for (files left unpublished).
    pub warnings: Vec<Error>,
}

/// One parsed document of any kind.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A story, report, announcement or page.
    Item(Arc<Item>),
    /// A campaign.
    Campaign(Box<Campaign>),
    /// A column.
    Column(Box<Column>),
}

/// Parses every source; returns what parsed and the errors of all files.
pub fn parse_all(mut sources: Sources, config: &Config) -> (Documents, Errors) {
    let warnings = std::mem::take(&mut sources.warnings);
    let results: Vec<(String, Result<Parsed, Errors>)> = sources
        .files
        .into_par_iter()
        .map(|source| {
            let shown = source.shown.clone();
            (
                source.rel.clone(),
                guard(&shown, || parse_source(source, config)),
            )
        })
        .collect();
    let (mut docs, errors) = gather(results, sources.failed);
    docs.warnings = warnings;
    (docs, errors)
}

/// Sorts parse results into documents and errors; `failed` names files
/// that could not even be read.
pub fn gather(
    results: impl IntoIterator<Item = (String, Result<Parsed, Errors>)>,
    failed: Vec<String>,
) -> (Documents, Errors) {
    let mut docs = Documents {
        failed: failed.into_iter().collect(),
        ..Documents::default()
    };
    let mut errors = Errors::new();
    for (rel, result) in results {
        match result {
            Ok(Parsed::Item(item)) => docs.items.push(item),
            Ok(Parsed::Campaign(c)) => docs.campaigns.push(*c),
            Ok(Parsed::Column(c)) => docs.columns.push(*c),
            Err(e) => {
                errors.extend(e);
                docs.failed.insert(rel);
            }
        }
    }
    (docs, errors)
}

/// Parses one source into its document.
pub fn parse_source(source: Source, config: &Config) -> Result<Parsed, Errors> {
    let split = front_matter::split(&source.text, &source.shown)?;
    let (yaml_line, body_line) = (split.yaml_line, split.body_line);
    let body_start = source.text.len() - split.body.len();
    let yaml = split.yaml.to_string();
    let ctx = FileCtx {
        shown: &source.shown,
        yaml: &yaml,
        yaml_line,
        config,
    };
    match source.kind {
        SourceKind::Item(kind) => {
            let known = ITEM_KEYS;
            let read = read_yaml::<RawItem>(&yaml, &source.shown, yaml_line, known)?;
            let (raw, warnings) = (read.value, read.warnings);
            let stem = source.stem.clone();
            let assets = source.assets.clone();
            let rel = source.rel.clone();
            let body = Body {
                text: source.text.into(),
                start: body_start,
                line: body_line,
                warnings,
            };
            check_item(&ctx, kind, raw, &stem, rel, assets, body).map(|i| Parsed::Item(Arc::new(i)))
        }
        SourceKind::Campaign => {
            let read = read_yaml::<RawCampaign>(&yaml, &source.shown, yaml_line, CAMPAIGN_KEYS)?;
            let (raw, warnings) = (read.value, read.warnings);
            let stem = source.stem.clone();
            let body = Body {
                text: source.text.into(),
                start: body_start,
                line: body_line,
                warnings,
            };
            check_campaign(&ctx, raw, &stem, body).map(|c| Parsed::Campaign(Box::new(c)))
        }
        SourceKind::Column => {
            let read = read_yaml::<RawColumn>(&yaml, &source.shown, yaml_line, COLUMN_KEYS)?;
            let (raw, warnings) = (read.value, read.warnings);
            let stem = source.stem.clone();
            let body = Body {
                text: source.text.into(),
                start: body_start,
                line: body_line,
                warnings,
            };
            check_column(&ctx, raw, &stem, body).map(|c| Parsed::Column(Box::new(c)))
        }
    }
}

/// What every check of one file needs to point at its keys.
struct FileCtx<'a> {
    shown: &'a Path,
    yaml: &'a str,
    yaml_line: usize,
    config: &'a Config,
}

impl FileCtx<'_> {
    /// Where `key:` is written (its value), or the file.
    fn at(&self, key: &str) -> Location {
        match key_position(self.yaml, key) {
            Some((line, col)) => Location::at(self.shown, self.yaml_line + line - 1, col),
            None => Location::file(self.shown),
        }
    }

    fn date(&self, key: &str, value: Scalar, errors: &mut Errors) -> Option<DateTime> {
        self.date_at(key, self.at(key), value, errors)
    }

    /// Reads the date written under `key` at `at`.
    fn date_at(
        &self,
        key: &str,
        at: Location,
        value: Scalar,
        errors: &mut Errors,
    ) -> Option<DateTime> {
        let text = value.into_text();
        DateTime::parse(&text, self.config.timezone)
            .map_err(|e| errors.push(Error::at(at, e.in_key(key)).with_hint(e.hint())))
            .ok()
    }

    fn day(&self, key: &str, value: Scalar, errors: &mut Errors) -> Option<Day> {
        self.date(key, value, errors).map(DateTime::day)
    }

    fn references(&self, key: &str, value: Option<OneOrMany>) -> Vec<Reference> {
        let at = self.at(key);
        value
            .map(OneOrMany::into_vec)
            .unwrap_or_default()
            .into_iter()
            .map(|slug| Reference {
                slug,
                at: at.clone(),
            })
            .collect()
    }

    fn slug_of_file(&self, stem: &str, errors: &mut Errors) -> Option<Slug> {
        let slug = Slug::parse(stem).or_else(|| Slug::from_text(stem));
        if slug.is_none() {
            errors.push(
                Error::in_file(self.shown, msg::no_slug_from_file_name(stem))
                    .with_hint(msg::no_slug_from_file_name_hint()),
            );
        }
        slug
    }
}

fn check_item(
    ctx: &FileCtx<'_>,
    kind: Kind,
    raw: RawItem,
    stem: &str,
    rel: String,
    assets: Vec<String>,
    body: Body,
) -> Result<Item, Errors> {
    let mut errors = Errors::new();
    check_kind_keys(ctx, kind, &raw, &mut errors);
    let slug_at = raw.slug.as_ref().map(|_| ctx.at("slug"));
    let slug = match raw.slug.map(Scalar::into_text) {
        Some(text) => {
            let slug = Slug::parse(&text);
            if slug.is_none() {
                let hint = match Slug::from_text(&text) {
                    Some(s) => msg::invalid_slug_hint_like(s),
                    None => msg::invalid_slug_hint(),
                };
                errors.push(Error::at(ctx.at("slug"), msg::invalid_slug(text)).with_hint(hint));
            }
            slug
        }
        None => ctx.slug_of_file(stem, &mut errors),
    };
    let date = match raw.date {
        Some(value) => ctx.date("date", value, &mut errors),
        None if kind != Kind::Page => {
            errors.push(
                Error::at(
                    Location::at(ctx.shown, ctx.yaml_line, 1),
                    msg::missing_date(),
                )
                .with_hint(msg::missing_date_hint()),
            );
            None
        }
        None => None,
    };
    let updated = raw
        .updated
        .and_then(|v| ctx.date("updated", v, &mut errors));
    if raw.title.trim().is_empty() {
        errors.push(
            Error::at(ctx.at("title"), msg::empty_title()).with_hint(msg::empty_title_hint()),
        );
    }
    let stats = check_stats(ctx, raw.stats, &mut errors);
    let deadlines = raw
        .deadlines
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .filter_map(|(nth, d)| {
            let at = ctx.at(&format!("deadlines[{nth}].date"));
            let day = ctx.date_at("deadlines", at, d.date, &mut errors)?.day();
            Some(Deadline { day, what: d.what })
        })
        .collect();
    let item = Item {
        kind,
        rel,
        shown: ctx.shown.to_path_buf(),
        title: raw.title,
        slug: slug.unwrap_or_else(|| Slug::parse("invalid").expect("a valid literal slug")),
        slug_at,
        date: date.or(None),
        updated,
        summary: raw.summary,
        campaigns: ctx.references("campaign", raw.campaign),
        column: raw.column.map(|slug| Reference {
            slug,
            at: ctx.at("column"),
        }),
        issue: raw.issue,
        tags: raw.tags.into_iter().map(Scalar::into_text).collect(),
        region: raw.region,
        authors: raw.author.map(OneOrMany::into_vec).unwrap_or_default(),
        source: raw.source,
        editor: raw.editor,
        cover: raw.cover,
        cover_at: ctx.at("cover"),
        pinned: raw.pinned,
        draft: raw.draft,
        people: raw
            .people
            .unwrap_or_default()
            .into_iter()
            .map(|p| Person {
                name: p.name,
                org: p.org,
                honors: p.honors,
            })
            .collect(),
        stats,
        location: raw.location,
        organizers: raw.organizer.map(OneOrMany::into_vec).unwrap_or_default(),
        deadlines,
        body,
        assets,
    };
    errors.into_result(item)
}

fn check_kind_keys(ctx: &FileCtx<'_>, kind: Kind, raw: &RawItem, errors: &mut Errors) {
    let only = [
        ("people", raw.people.is_some(), Kind::Story),
        ("stats", raw.stats.is_some(), Kind::Report),
        ("location", raw.location.is_some(), Kind::Report),
        ("organizer", raw.organizer.is_some(), Kind::Report),
        ("deadlines", raw.deadlines.is_some(), Kind::Announcement),
    ];
    for (key, present, owner) in only {
        if present && kind != owner {
            errors.push(
                Error::at(ctx.at(key), msg::key_only_for(key, owner.section()))
                    .with_hint(msg::key_only_for_hint(key, owner.section())),
            );
        }
    }
}

fn check_stats(
    ctx: &FileCtx<'_>,
    stats: Option<std::collections::BTreeMap<String, RawFigure>>,
    errors: &mut Errors,
) -> Vec<(usize, Figure)> {
    let metrics = &ctx.config.metrics;
    let mut out: Vec<(usize, Figure)> = Vec::new();
    let mut written: Vec<(usize, String)> = Vec::new();
    for (key, raw) in stats.unwrap_or_default() {
        let at = ctx.at(&format!("stats.{key}"));
        let name = key.trim();
        let Some(index) = metrics
            .iter()
            .position(|m| m.key == name || m.label == name)
        else {
            errors.push(unknown_metric(ctx, &key, &raw, at));
            continue;
        };
        if let Some((_, first)) = written.iter().find(|(i, _)| *i == index) {
            errors.push(
                Error::at(at, value_msg::metric_twice(&key, first))
                    .with_hint(value_msg::metric_twice_hint(first)),
            );
            continue;
        }
        written.push((index, key.clone()));
        match raw.read() {
            Ok(figure) => out.push((index, figure)),
            Err(fault) => errors.push(bad_figure(&key, &raw, fault, at)),
        }
    }
    out.sort_by_key(|(index, _)| *index);
    out
}

/// The error for a `stats` key that names no metric.
fn unknown_metric(ctx: &FileCtx<'_>, key: &str, raw: &RawFigure, at: Location) -> Error {
    let metrics = &ctx.config.metrics;
    if *raw == RawFigure::Missing && key.bytes().all(|b| b.is_ascii_digit()) {
        // `{volunteers: 3,500}`: the comma ended the entry.
        let at = match cut_figure_position(ctx.yaml, "stats", key) {
            Some((line, col)) => Location::at(ctx.shown, ctx.yaml_line + line - 1, col),
            None => at,
        };
        return Error::at(at, value_msg::figure_cut_by_comma(key))
            .with_hint(value_msg::figure_cut_by_comma_hint());
    }
    let listed: Vec<Text> = metrics
        .iter()
        .map(|m| value_msg::metric_named(&m.key, &m.label))
        .collect();
    let listed = Text::join(&listed, &value_msg::list_separator());
    let names = metrics
        .iter()
        .flat_map(|m| [m.key.as_str(), m.label.as_str()]);
    let hint = match closest(key, names) {
        Some(best) => value_msg::unknown_metric_hint_closest(best, listed),
        None => value_msg::unknown_metric_hint(listed),
    };
    Error::at(at, value_msg::unknown_metric(key)).with_hint(hint)
}

/// The error for a figure that cannot be read.
fn bad_figure(key: &str, raw: &RawFigure, fault: FigureFault, at: Location) -> Error {
    match (raw, fault) {
        (RawFigure::Missing, _) => {
            Error::at(at, value_msg::missing_figure(key)).with_hint(value_msg::figure_forms_hint())
        }
        (_, FigureFault::Negative) => Error::at(at, value_msg::negative_figure(key, raw.written()))
            .with_hint(value_msg::figure_forms_hint()),
        (_, FigureFault::NotAFigure) => Error::at(at, value_msg::not_a_figure(key, raw.written()))
            .with_hint(value_msg::figure_forms_hint()),
        (_, FigureFault::TooLarge) => {
            Error::at(at, value_msg::figure_too_large(key, raw.written()))
                .with_hint(value_msg::figure_too_large_hint())
        }
    }
}

/// Where a figure such as `3,500` that a one-line `{…}` cut at its comma
/// starts, given the part after the comma (`500`, read as a key).
fn cut_figure_position(yaml: &str, parent: &str, tail: &str) -> Option<(usize, usize)> {
    block_of(yaml, parent)?.find_map(|(line_no, line, start)| {
        let text = &line[start..];
        let (at, _) = text
            .match_indices(&format!(",{tail}"))
            .find(|(at, _)| text[..*at].ends_with(|c: char| c.is_ascii_digit()))?;
        let begin = text[..at]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
        Some((line_no, line[..start + begin].chars().count() + 1))
    })
}

/// The lines of the top-level key `parent`'s value: (line number within
/// `yaml`, the line, the byte where its part of the value starts).
fn block_of<'a>(
    yaml: &'a str,
    parent: &str,
) -> Option<impl Iterator<Item = (usize, &'a str, usize)> + 'a> {
    let (parent_line, parent_col) = key_position(yaml, parent)?;
    let lines = yaml.lines().enumerate().skip(parent_line - 1);
    Some(lines.map_while(move |(i, line)| {
        let skip = if i + 1 == parent_line {
            parent_col - 1
        } else if line.starts_with([' ', '-', '\t', '#']) || line.trim().is_empty() {
            0
        } else {
            return None; // the next top-level key
        };
        let start = line.char_indices().nth(skip).map_or(line.len(), |(b, _)| b);
        Some((i + 1, line, start))
    }))
}

fn check_campaign(
    ctx: &FileCtx<'_>,
    raw: RawCampaign,
    stem: &str,
    body: Body,
) -> Result<Campaign, Errors> {
    let mut errors = Errors::new();
    let slug = ctx.slug_of_file(stem, &mut errors);
    let start = ctx.day("start", raw.start, &mut errors);
    let end = raw.end.and_then(|v| ctx.day("end", v, &mut errors));
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            errors.push(
                Error::at(ctx.at("end"), msg::end_before_start(end.iso(), start.iso()))
                    .with_hint(msg::end_before_start_hint()),
            );
        }
    }
    let (Some(slug), Some(start)) = (slug, start) else {
        return Err(errors.sorted());
    };
    errors.into_result(Campaign {
        shown: ctx.shown.to_path_buf(),
        slug,
        title: raw.title,
        slogan: raw.slogan,
        start,
        end,
        organizers: raw.organizer.map(OneOrMany::into_vec).unwrap_or_default(),
        region: raw.region,
        cover: raw.cover,
        cover_at: ctx.at("cover"),
        summary: raw.summary,
        tags: raw.tags.into_iter().map(Scalar::into_text).collect(),
        body,
    })
}

fn check_column(
    ctx: &FileCtx<'_>,
    raw: RawColumn,
    stem: &str,
    body: Body,
) -> Result<Column, Errors> {
    let mut errors = Errors::new();
    let slug = ctx.slug_of_file(stem, &mut errors);
    let frequency = raw.frequency.as_deref().and_then(|f| match f {
        "weekly" => Some(Frequency::Weekly),
        "monthly" => Some(Frequency::Monthly),
        "irregular" => Some(Frequency::Irregular),
        other => {
            errors.push(
                Error::at(ctx.at("frequency"), msg::unknown_frequency(other))
                    .with_hint(msg::unknown_frequency_hint()),
            );
            None
        }
    });
    let start = raw.start.and_then(|v| ctx.day("start", v, &mut errors));
    let Some(slug) = slug else {
        return Err(errors.sorted());
    };
    errors.into_result(Column {
        shown: ctx.shown.to_path_buf(),
        slug,
        title: raw.title,
        description: raw.description,
        frequency,
        host: raw.host,
        start,
        cover: raw.cover,
        cover_at: ctx.at("cover"),
        body,
    })
}
