//! `redvest import`: legacy articles → Markdown. Each file is decoded
//! ([`decode`]), read into blocks ([`text`], [`html`], [`docx`]), stripped
//! of pinyin annotations ([`annotation`]), optionally simplified
//! ([`simplify`]), its front-matter facts found ([`facts`]), its
//! boilerplate removed ([`clean`]), its structure recognised
//! ([`structure`]), its figures offered ([`stats`]) and written into the
//! site ([`write`]). Nothing is overwritten; what was done to each file is
//! returned as an [`ImportReport`] for the command line to print.

pub mod annotation;
pub mod clean;
pub mod decode;
pub mod document;
pub mod docx;
pub mod facts;
pub mod front_matter;
pub mod html;
pub mod simplify;
pub mod stats;
pub mod structure;
pub mod text;
pub mod write;

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content::slug::Slug;
use crate::error::{Error, Errors};
use crate::i18n::catalogue::{import as msg, scaffold as scaffold_msg};
use crate::i18n::{Lang, Text};

use clean::{Reason, Removed};
use document::{Article, Block, PictureSource};
use facts::{DateFrom, Facts, TitleFrom};

/// What the imported articles are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 先进典型: `content/stories/`.
    Story,
    /// 活动报道: `content/reports/`, with figures offered as `stats:`.
    Report,
    /// 方案、通知: `content/announcements/`.
    Announcement,
}

impl Kind {
    /// The content folder of the kind.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Story => "stories",
            Kind::Report => "reports",
            Kind::Announcement => "announcements",
        }
    }
}

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// Files and folders to import.
    pub inputs: Vec<PathBuf>,
    /// What the articles are.
    pub kind: Kind,
    /// `campaign:` for every article.
    pub campaign: Option<String>,
    /// `column:` for every article.
    pub column: Option<String>,
    /// Convert traditional characters to simplified.
    pub to_simplified: bool,
    /// The language of the comments written into the front matter.
    pub lang: Lang,
}

/// What was done to one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file imported.
    pub from: PathBuf,
    /// The article written, relative to the site's folder.
    pub to: PathBuf,
    /// The encoding it was in.
    pub encoding: &'static str,
    /// Lines removed, and why.
    pub removed: Vec<Removed>,
    /// Pinyin annotations removed.
    pub pinyin: usize,
    /// Whether it was converted to simplified characters.
    pub simplified: bool,
    /// Pictures saved beside it.
    pub pictures: usize,
    /// What the author should check.
    pub looks: Vec<Text>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Files imported.
    pub files: Vec<FileReport>,
    /// Files of a folder that import does not read.
    pub skipped: Vec<PathBuf>,
    /// Files that could not be imported, each with its error.
    pub failed: Errors,
}

impl ImportReport {
    /// The report's lines, to print in the reader's language.
    pub fn lines(&self) -> Vec<Text> {
        let mut lines = Vec::new();
        for file in &self.files {
            lines.extend(file_lines(file));
        }
        for path in &self.skipped {
            lines.push(msg::skipped(path.display()));
        }
        lines.push(msg::summary(self.files.len(), self.failed.len()));
        if !self.files.is_empty() {
            lines.push(msg::summary_next());
        }
        lines
    }
}

fn file_lines(file: &FileReport) -> Vec<Text> {
    let mut lines = vec![msg::imported(
        file.from.display(),
        file.to.display(),
        file.encoding,
    )];
    if !file.removed.is_empty() {
        lines.push(msg::removed_lines(file.removed.len()));
        for removed in &file.removed {
            lines.push(msg::removed_line(
                reason_text(removed.reason),
                &removed.line,
            ));
        }
    }
    if file.pinyin > 0 {
        lines.push(msg::pinyin_removed(file.pinyin));
    }
    if file.simplified {
        lines.push(msg::simplified());
    }
    if file.pictures > 0 {
        lines.push(msg::pictures_saved(file.pictures));
    }
    if !file.looks.is_empty() {
        lines.push(msg::look_header());
        lines.extend(file.looks.iter().cloned());
    }
    lines
}

fn reason_text(reason: Reason) -> Text {
    match reason {
        Reason::FrontMatter => msg::reason_front_matter(),
        Reason::ShareBar => msg::reason_share_bar(),
        Reason::FollowPrompt => msg::reason_follow(),
        Reason::ReadOriginal => msg::reason_read_original(),
        Reason::SiteChrome => msg::reason_chrome(),
        Reason::WordCount => msg::reason_word_count(),
        Reason::Greeting => msg::reason_greeting(),
        Reason::Stray => msg::reason_stray(),
        Reason::OutsideArticle => msg::reason_page(),
    }
}

/// Imports every file of `options`; an error here (no site, an unknown
/// campaign, a missing input) stops before anything is written, while a
/// file that cannot be read is reported in [`ImportReport::failed`].
pub fn run(options: &ImportOptions) -> Result<ImportReport, Errors> {
    if !options.root.join("site.yaml").is_file() {
        let error = Error::in_file(
            "site.yaml",
            scaffold_msg::no_site("site.yaml", options.root.display()),
        )
        .with_hint(scaffold_msg::no_site_hint());
        return Err(error.into());
    }
    let config = config::load(&options.root, None)?;
    check_reference(&options.root, "campaigns", options.campaign.as_deref())?;
    check_reference(&options.root, "columns", options.column.as_deref())?;
    let (files, skipped) = gather(&options.inputs)?;
    let simplifier = if options.to_simplified {
        simplify::Simplifier::new()
    } else {
        None
    };
    let mut report = ImportReport {
        skipped,
        ..ImportReport::default()
    };
    for path in files {
        match import_file(&path, options, &config, simplifier.as_ref()) {
            Ok(file) => report.files.push(file),
            Err(error) => report.failed.push(error),
        }
    }
    Ok(report)
}

/// The files to import: those named, and the readable files of the folders
/// named (sorted); files of a folder that import does not read are skipped.
fn gather(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Errors> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut errors = Errors::new();
    for input in inputs {
        if input.is_dir() {
            let before = files.len();
            for entry in walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                let name = entry.file_name().to_string_lossy();
                if !entry.file_type().is_file() || name.starts_with(['.', '~']) {
                    continue;
                }
                if Format::of(entry.path()).is_some() {
                    files.push(entry.path().to_path_buf());
                } else if !is_page_resource(entry.path()) {
                    skipped.push(entry.path().to_path_buf());
                }
            }
            if files.len() == before {
                errors.push(Error::in_file(
                    input,
                    msg::nothing_to_import(input.display()),
                ));
            }
        } else if input.is_file() {
            match Format::of(input) {
                Some(_) => files.push(input.clone()),
                None => errors.push(
                    Error::in_file(input, msg::unsupported_file(input.display()))
                        .with_hint(msg::unsupported_file_hint()),
                ),
            }
        } else {
            errors.push(
                Error::usage(msg::input_missing(input.display()))
                    .with_hint(msg::input_missing_hint()),
            );
        }
    }
    errors.into_result((files, skipped))
}

/// A file of a saved page's own folder (`页面_files/`, `页面.files/`): a
/// picture or stylesheet of the page, not an article; not worth a line.
fn is_page_resource(path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .filter_map(|a| a.file_name()?.to_str())
        .any(|name| name.ends_with("_files") || name.ends_with(".files"))
}

/// A `--campaign` or `--column` must name a file of the site.
fn check_reference(root: &Path, folder: &str, slug: Option<&str>) -> Result<(), Error> {
    let Some(slug) = slug else { return Ok(()) };
    let dir = root.join("content").join(folder);
    if Slug::parse(slug).is_some() && dir.join(format!("{slug}.md")).is_file() {
        return Ok(());
    }
    let mut known: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    e.file_name()
                        .to_str()?
                        .strip_suffix(".md")
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    known.sort();
    let message = if folder == "campaigns" {
        msg::unknown_campaign(slug)
    } else {
        msg::unknown_column(slug)
    };
    let hint = if known.is_empty() {
        msg::unknown_reference_none()
    } else {
        msg::unknown_reference_hint(known.join(", "))
    };
    Err(Error::usage(message).with_hint(hint))
}

/// The formats import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Docx,
}

impl Format {
    fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "shtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Reads a file into an article, and names its encoding.
fn read_file(path: &Path) -> Result<(Article, &'static str), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, msg::reading(), e))?;
    let format = Format::of(path).unwrap_or(Format::Text);
    if format == Format::Docx {
        let article = docx::read(&bytes).map_err(|reason| {
            Error::in_file(path, msg::docx_unreadable(reason))
                .with_hint(msg::docx_unreadable_hint())
        })?;
        return Ok((article, "UTF-8"));
    }
    let decoded = decode::decode(&bytes).map_err(|why| {
        let message = match why {
            decode::Undecodable::Unsure { guess } => msg::encoding_unsure(guess),
            decode::Undecodable::Malformed { encoding } => msg::encoding_malformed(encoding),
        };
        Error::in_file(path, message).with_hint(msg::encoding_hint())
    })?;
    let article = match format {
        Format::Html => html::read(&decoded.text, path.parent().unwrap_or(Path::new("."))),
        _ => text::read(&decoded.text),
    };
    Ok((article, decoded.encoding))
}

fn import_file(
    path: &Path,
    options: &ImportOptions,
    config: &Config,
    simplifier: Option<&simplify::Simplifier>,
) -> Result<FileReport, Error> {
    let (mut article, encoding) = read_file(path)?;
    if article.blocks.is_empty() {
        return Err(Error::in_file(path, msg::empty_file()).with_hint(msg::empty_file_hint()));
    }
    let pinyin = strip_annotations(&mut article);
    let simplified = simplifier.is_some_and(|s| simplify_article(&mut article, s));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file_date = article
        .hints
        .file_date
        .clone()
        .or_else(|| modified_date(path, config));
    let facts = facts::find(&article.blocks, &article.hints, &stem, file_date);
    let (blocks, removed) = sweep(article, &facts);
    let from = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let composed = compose(&blocks, &facts, &from, options, config);
    let slug = Slug::from_text(&facts.title.0)
        .or_else(|| Slug::from_text(&stem))
        .unwrap_or_else(|| Slug::parse("imported").expect("a valid slug"));
    let to = write::write_article(
        &options.root,
        options.kind.section(),
        &slug,
        &composed.markdown,
        &composed.pictures,
    )?;
    Ok(FileReport {
        from: path.to_path_buf(),
        to,
        encoding,
        removed,
        pinyin,
        simplified,
        pictures: composed.pictures.len(),
        looks: composed.looks,
    })
}

/// The article's blocks without the lines its facts came from, its
/// boilerplate and (listed first) what its reader left out of the page.
fn sweep(article: Article, facts: &Facts) -> (Vec<Block>, Vec<Removed>) {
    let signature = article.hints.account.as_deref().or(facts.source.as_deref());
    let (blocks, swept) = clean::sweep(article.blocks, &facts.used, signature);
    let mut removed: Vec<Removed> = article
        .dropped
        .into_iter()
        .map(|line| Removed {
            line,
            reason: Reason::OutsideArticle,
        })
        .collect();
    removed.extend(swept);
    (blocks, removed)
}

/// An article ready to write.
struct Composed {
    markdown: String,
    pictures: Vec<write::PictureFile>,
    looks: Vec<Text>,
}

/// The Markdown (front matter and body) and pictures of the cleaned blocks.
fn compose(
    blocks: &[Block],
    facts: &Facts,
    from: &str,
    options: &ImportOptions,
    config: &Config,
) -> Composed {
    let blocks = structure::shape(blocks.to_vec());
    let offers = if options.kind == Kind::Report {
        let body: Vec<&str> = blocks.iter().filter_map(Block::text).collect();
        stats::offers(&body.join("\n"), &config.metrics)
    } else {
        Vec::new()
    };
    let mut looks = looks_of(facts, offers.len());
    let pictures = pictures_of(&blocks, &mut looks);
    let names: Vec<Option<String>> = pictures
        .iter()
        .map(|p| p.as_ref().map(|f| f.name.clone()))
        .collect();
    let extras = front_matter::Extras {
        from,
        campaign: options.campaign.as_deref(),
        column: options.column.as_deref(),
        stats: &offers,
        lang: options.lang,
    };
    let markdown = format!(
        "{}\n{}",
        front_matter::render(facts, &extras),
        structure::render(&blocks, &names)
    );
    Composed {
        markdown,
        pictures: pictures.into_iter().flatten().collect(),
        looks,
    }
}

fn strip_annotations(article: &mut Article) -> usize {
    let count = std::cell::Cell::new(0);
    let strip = |t: &str| {
        let (text, n) = annotation::strip(t);
        count.set(count.get() + n);
        text
    };
    article.blocks = std::mem::take(&mut article.blocks)
        .into_iter()
        .map(|b| b.map_text(&strip))
        .collect();
    article.hints.title = article.hints.title.as_deref().map(strip);
    count.get()
}

/// Converts the article to simplified characters if it is written in
/// traditional ones; says whether it did.
fn simplify_article(article: &mut Article, simplifier: &simplify::Simplifier) -> bool {
    let all_text: Vec<&str> = article.blocks.iter().filter_map(Block::text).collect();
    if !simplifier.is_traditional(&all_text.join("\n")) {
        return false;
    }
    let convert = |t: &str| simplifier.convert(t);
    article.blocks = std::mem::take(&mut article.blocks)
        .into_iter()
        .map(|b| b.map_text(&convert))
        .collect();
    let hints = &mut article.hints;
    for field in [&mut hints.title, &mut hints.account] {
        *field = field.as_deref().map(convert);
    }
    hints.meta_lines = hints.meta_lines.iter().map(|l| convert(l)).collect();
    true
}

/// The file's modification day in the site's time zone.
fn modified_date(path: &Path, config: &Config) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let at = time::OffsetDateTime::from(modified).to_offset(config.timezone);
    Some(format!(
        "{:04}-{:02}-{:02}",
        at.year(),
        u8::from(at.month()),
        at.day()
    ))
}

/// What the author should check, from the facts found.
fn looks_of(facts: &Facts, offers: usize) -> Vec<Text> {
    let mut looks = Vec::new();
    match facts.title.1 {
        TitleFrom::Stated => {}
        TitleFrom::Subtitle => looks.push(msg::look_title_subtitle(&facts.title.0)),
        TitleFrom::FileName => looks.push(msg::look_title_file_name(&facts.title.0)),
    }
    match &facts.date {
        Some((date, DateFrom::File)) => looks.push(msg::look_date_from_file(date)),
        None => looks.push(msg::look_no_date()),
        Some((_, DateFrom::Stated)) => {}
    }
    let missing: Vec<Text> = [
        (msg::key_author(), facts.authors.is_empty()),
        (msg::key_source(), facts.source.is_none()),
        (msg::key_editor(), facts.editor.is_none()),
        (msg::key_region(), facts.region.is_none()),
    ]
    .into_iter()
    .filter(|(_, gone)| *gone)
    .map(|(key, _)| key)
    .collect();
    if !missing.is_empty() {
        let separator = crate::i18n::catalogue::cli::list_separator();
        looks.push(msg::look_missing(Text::join(&missing, &separator)));
    }
    if offers > 0 {
        looks.push(msg::look_stats(offers));
    }
    looks
}

/// The pictures of the blocks, in order, each read and named
/// `image-N.ext`; `None` (and a line to check) for one that cannot be saved.
fn pictures_of(blocks: &[Block], looks: &mut Vec<Text>) -> Vec<Option<write::PictureFile>> {
    let mut n = 0;
    let mut out = Vec::new();
    for block in blocks {
        let Block::Image(picture) = block else {
            continue;
        };
        let loaded = match &picture.source {
            PictureSource::Bytes { bytes, extension } => Some((bytes.clone(), extension.clone())),
            PictureSource::File(path) => match std::fs::read(path) {
                Ok(bytes) => Some((bytes, extension_of(path))),
                Err(_) => {
                    looks.push(msg::look_picture_missing(path.display()));
                    None
                }
            },
            PictureSource::Remote(address) => {
                looks.push(msg::look_picture_remote(address));
                None
            }
        };
        out.push(loaded.map(|(bytes, extension)| {
            n += 1;
            write::PictureFile {
                name: format!("image-{n}.{extension}"),
                bytes,
            }
        }));
    }
    out
}

/// A picture's extension, lowercased and only of the kinds a site shows.
fn extension_of(path: &Path) -> String {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" | "bmp" => ext,
        _ => "jpg".to_string(),
    }
}
