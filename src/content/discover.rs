//! Walks `content/` and reads every source file as text: campaigns, columns,
//! items, and the images and files that sit beside a page bundle's `index.md`.
//! Markdown is any `.md` or `.markdown` file, in any case (`A.MD`).
//!
//! Parses nothing; an unreadable or non-UTF-8 file is an error naming it,
//! and so is a symbolic link whose target lies outside the site root (it is
//! not read, nor a folder it leads to walked).
//! Any other file that would not be published (a Word file, a `.txt`, a
//! photo outside a bundle) is a warning naming it and saying what to do;
//! hidden files and the traces of editors and file managers (`~$a.docx`,
//! `.DS_Store`, `Thumbs.db`) are passed over without a word.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::Kind;
use crate::confine::SiteRoot;
use crate::error::{Error, Errors};
use crate::i18n::catalogue::content as msg;
use crate::i18n::Text;
pub use crate::source::names::{is_markdown, markdown_stem};
use crate::source::{decode_text, is_ignored};

/// The folder under the site root that holds the content.
pub const CONTENT_DIR: &str = "content";

/// What a source file is, by the folder it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    /// `content/campaigns/<slug>.md`.
    Campaign,
    /// `content/columns/<slug>.md`.
    Column,
    /// A story, report, announcement or page.
    Item(Kind),
}

/// One Markdown source file, read.
#[derive(Debug, Clone)]
pub struct Source {
    /// What it is.
    pub kind: SourceKind,
    /// Its path below `content/`, with `/` separators (`stories/2023/a.md`).
    pub rel: String,
    /// Its path as shown to the user (`content/stories/2023/a.md`).
    pub shown: PathBuf,
    /// Its text, BOM removed.
    pub text: String,
    /// For a bundle's `index.md`: the other files of the bundle, relative to its folder.
    pub assets: Vec<String>,
    /// The file name without `.md` (or `.markdown`), or the bundle's folder
    /// name for `index.md`.
    pub stem: String,
}

/// Every source of a site.
#[derive(Debug, Default)]
pub struct Sources {
    /// The Markdown files, sorted by `rel`.
    pub files: Vec<Source>,
    /// Content paths of Markdown files that could not be read.
    pub failed: Vec<String>,
    /// Files under `content/` that will not be published, each a warning.
    pub warnings: Vec<Error>,
}

/// The folder of a page bundle whose `index.md` (or `index.markdown`,
/// any case) is at content path `rel`; `None` for other files.
pub fn bundle_of(rel: &str) -> Option<&str> {
    let (dir, file) = rel.rsplit_once('/')?;
    markdown_stem(file)
        .is_some_and(|stem| stem.eq_ignore_ascii_case("index"))
        .then_some(dir)
}

/// What a walk of `content/` found, before anything is read.
#[derive(Debug, Default)]
pub struct Walk {
    /// Markdown files: (path on disk, path below `content/`), sorted.
    pub markdown: Vec<(PathBuf, String)>,
    /// Every file below `content/`, for bundle assets.
    pub all_files: Vec<String>,
}

/// Lists the files under `<root>/content`, skipping ignored names.
pub fn walk(root: &Path) -> (Walk, Errors) {
    let dir = root.join(CONTENT_DIR);
    let mut found = Walk::default();
    let mut errors = Errors::new();
    if !dir.is_dir() {
        return (found, errors);
    }
    let site = SiteRoot::new(root);
    let mut walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(walk_error(root, &e));
                continue;
            }
        };
        if let Err(e) = site.check_link(entry.path(), entry.path_is_symlink(), entry.depth() == 0) {
            errors.push(e);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(rel) = relative(&dir, entry.path()) else {
            let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
            errors.push(
                Error::in_file(shown, msg::file_name_not_utf8())
                    .with_hint(msg::file_name_not_utf8_hint()),
            );
            continue;
        };
        if is_markdown(&rel) {
            found
                .markdown
                .push((entry.path().to_path_buf(), rel.clone()));
        }
        found.all_files.push(rel);
    }
    (found, errors)
}

/// Finds and reads every content file under `<root>/content`; what cannot
/// be read is reported in the errors and named in [`Sources::failed`].
pub fn discover(root: &Path) -> (Sources, Errors) {
    let (found, mut errors) = walk(root);
    let assets = BundleAssets::of(&found.all_files);
    let warnings = unpublished(&found.all_files);
    let read: Vec<Result<Source, Error>> = found
        .markdown
        .par_iter()
        .map_init(Vec::new, |scratch, (path, rel)| {
            read_source(path, rel, &assets, scratch)
        })
        .collect();
    let mut sources = Sources {
        files: Vec::with_capacity(read.len()),
        failed: Vec::new(),
        warnings,
    };
    for (result, (_, rel)) in read.into_iter().zip(&found.markdown) {
        match result {
            Ok(source) => sources.files.push(source),
            Err(e) => {
                errors.push(e);
                sources.failed.push(rel.clone());
            }
        }
    }
    (sources, errors)
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Error {
    let path = e
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    if e.loop_ancestor().is_some() {
        return Error::in_file(path, msg::symlink_loop()).with_hint(msg::symlink_loop_hint());
    }
    // A link that cannot be followed (broken, or a loop of links) is
    // named as a link.
    let link = e.path().filter(|p| {
        p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    });
    if let Some(Err(error)) = link.map(|p| SiteRoot::new(root).resolve(p)) {
        return error;
    }
    let reason = e
        .io_error()
        .map_or_else(|| e.to_string(), std::io::Error::to_string);
    Error::in_file(path, msg::walk_failed(reason)).with_hint(msg::walk_failed_hint())
}

/// `path` below `dir` with `/` separators, if it is made of plain UTF-8 names.
fn relative(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    let mut parts = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Reads one Markdown file as a [`Source`].
///
/// `scratch` is a buffer for the file's bytes, to be used again for the
/// next file (the text is copied out of it).
pub fn read_source(
    path: &Path,
    rel: &str,
    bundles: &BundleAssets,
    scratch: &mut Vec<u8>,
) -> Result<Source, Error> {
    let shown = Path::new(CONTENT_DIR).join(rel);
    let kind = classify(rel, &shown)?;
    confined(path, rel)?;
    read_limited(path, &shown, scratch)?;
    let text = decode_text(scratch, &shown)?;
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let is_bundle =
        bundle_of(rel).is_some() && matches!(kind, SourceKind::Item(_)) && dir.contains('/');
    let stem = if is_bundle {
        dir.rsplit('/').next().unwrap_or(dir)
    } else {
        markdown_stem(file).unwrap_or(file)
    }
    .to_string();
    let assets = if is_bundle {
        bundles.of_bundle(dir)
    } else {
        Vec::new()
    };
    if assets.iter().any(|a| a == "index.html") {
        return Err(Error::in_file(
            Path::new(CONTENT_DIR).join(dir).join("index.html"),
            msg::index_html_in_bundle(),
        )
        .with_hint(msg::index_html_in_bundle_hint()));
    }
    Ok(Source {
        kind,
        rel: rel.to_string(),
        shown,
        text,
        assets,
        stem,
    })
}

/// Refuses a Markdown file that is a symbolic link out of the site, for
/// callers that read a file the walk did not list (a file the watcher saw
/// appear). Costs one `lstat` for a plain file.
fn confined(path: &Path, rel: &str) -> Result<(), Error> {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    // `path` is `<root>/content/<rel>`.
    let depth = rel.split('/').count() + 1;
    let root = path.ancestors().nth(depth).unwrap_or(path);
    SiteRoot::new(root).resolve(path).map(|_| ())
}

/// The largest content file redvest reads.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file of at most [`MAX_FILE_BYTES`] into `bytes` (emptied
/// first), without reading more of a larger one than the limit. Asks for
/// no metadata: a buffer used again has room for most files already.
fn read_limited(path: &Path, shown: &Path, bytes: &mut Vec<u8>) -> Result<(), Error> {
    use std::io::Read;
    bytes.clear();
    if bytes.capacity() == 0 {
        bytes.reserve(64 * 1024);
    }
    let file =
        std::fs::File::open(path).map_err(|e| Error::io(shown, msg::action_read_file(), e))?;
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(|e| Error::io(shown, msg::action_read_file(), e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(
            Error::in_file(shown, msg::file_too_large(MAX_FILE_BYTES / 1024 / 1024))
                .with_hint(msg::file_too_large_hint()),
        );
    }
    Ok(())
}

fn classify(rel: &str, shown: &Path) -> Result<SourceKind, Error> {
    let (section, rest) = rel.split_once('/').unwrap_or(("", rel));
    let kind = match section {
        "campaigns" | "columns" if rest.contains('/') => {
            return Err(Error::in_file(shown, msg::no_subfolders(section))
                .with_hint(msg::no_subfolders_hint(section)));
        }
        "campaigns" => SourceKind::Campaign,
        "columns" => SourceKind::Column,
        other => match Kind::from_section(other) {
            Some(kind) => SourceKind::Item(kind),
            None => {
                return Err(Error::in_file(shown, msg::not_in_a_content_folder())
                    .with_hint(msg::not_in_a_content_folder_hint()))
            }
        },
    };
    Ok(kind)
}

/// The assets of every page bundle — the non-Markdown files in the folder
/// of an `index.md` and its subfolders, relative to that folder, in the
/// order the files were listed — found in one pass over the files, so that
/// a site of many bundles costs no more per bundle than a site of few.
#[derive(Debug, Default)]
pub struct BundleAssets(HashMap<String, Vec<String>>);

impl BundleAssets {
    /// The assets of the bundles among `all_files` (paths below `content/`).
    pub fn of(all_files: &[String]) -> BundleAssets {
        let bundles = bundle_dirs(all_files);
        let mut assets: HashMap<String, Vec<String>> = HashMap::new();
        if bundles.is_empty() {
            return BundleAssets(assets);
        }
        for file in all_files.iter().filter(|f| !is_markdown(f)) {
            // Every folder above the file that is a bundle has it.
            let mut end = file.len();
            while let Some(slash) = file[..end].rfind('/') {
                let dir = &file[..slash];
                if bundles.contains(dir) {
                    assets
                        .entry(dir.to_string())
                        .or_default()
                        .push(file[slash + 1..].to_string());
                }
                end = slash;
            }
        }
        BundleAssets(assets)
    }

    /// The assets of the bundle in folder `dir`.
    pub fn of_bundle(&self, dir: &str) -> Vec<String> {
        self.0.get(dir).cloned().unwrap_or_default()
    }
}

/// The folders of every page bundle among `all_files`.
fn bundle_dirs(all_files: &[String]) -> HashSet<&str> {
    all_files.iter().filter_map(|f| bundle_of(f)).collect()
}

/// A warning for each file among `all_files` (paths below `content/`)
/// that no page publishes: neither Markdown nor inside a page bundle.
pub fn unpublished(all_files: &[String]) -> Vec<Error> {
    // `stories/index.md` is a page of its own, not a bundle.
    let mut bundles = bundle_dirs(all_files);
    bundles.retain(|dir| dir.contains('/'));
    let in_bundle = |file: &str| {
        let mut end = file.len();
        while let Some(slash) = file[..end].rfind('/') {
            if bundles.contains(&file[..slash]) {
                return true;
            }
            end = slash;
        }
        false
    };
    all_files
        .iter()
        .filter(|f| !is_markdown(f) && !in_bundle(f))
        .map(|f| {
            let stray = Stray::of(f);
            Error::in_file(Path::new(CONTENT_DIR).join(f), stray.message()).with_hint(stray.hint())
        })
        .collect()
}

/// What kind of file lies unpublished under `content/`, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stray {
    /// `.docx`, `.doc`, `.wps`, `.rtf`, `.odt`.
    Word,
    /// `.txt`.
    Text,
    /// `.html`, `.htm`.
    Html,
    /// A spreadsheet, slides or a PDF: a document to offer for download.
    Document,
    /// A photo or picture.
    Image,
    /// Anything else.
    Other,
}

impl Stray {
    fn of(path: &str) -> Stray {
        let name = path.rsplit('/').next().unwrap_or(path);
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "docx" | "doc" | "wps" | "rtf" | "odt" | "docm" | "dot" | "dotx" => Stray::Word,
            "txt" | "text" => Stray::Text,
            "html" | "htm" | "xhtml" => Stray::Html,
            "xlsx" | "xls" | "et" | "csv" | "ods" | "pptx" | "ppt" | "dps" | "odp" | "pdf" => {
                Stray::Document
            }
            "jpg" | "jpeg" | "png" | "gif" | "webp" | "bmp" | "svg" | "tif" | "tiff" | "heic" => {
                Stray::Image
            }
            _ => Stray::Other,
        }
    }

    fn message(self) -> Text {
        match self {
            Stray::Word => msg::word_not_published(),
            Stray::Text => msg::text_not_published(),
            Stray::Html => msg::html_not_published(),
            Stray::Document => msg::document_not_published(),
            Stray::Image => msg::image_not_published(),
            Stray::Other => msg::file_not_published(),
        }
    }

    fn hint(self) -> Text {
        match self {
            Stray::Word => msg::word_not_published_hint(),
            Stray::Text => msg::text_not_published_hint(),
            Stray::Html => msg::html_not_published_hint(),
            Stray::Document | Stray::Image | Stray::Other => msg::file_not_published_hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_is_the_folder_of_an_index_file() {
        assert_eq!(bundle_of("stories/a/INDEX.MD"), Some("stories/a"));
        assert_eq!(bundle_of("stories/a/index.markdown"), Some("stories/a"));
        assert_eq!(bundle_of("stories/a/indexes.md"), None);
    }

    /// The assets of one bundle as first written: every file tried
    /// against the folder's prefix.
    fn assets_oracle(dir: &str, all_files: &[String]) -> Vec<String> {
        let prefix = format!("{dir}/");
        all_files
            .iter()
            .filter_map(|f| f.strip_prefix(&prefix))
            .filter(|f| !is_markdown(f))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn bundle_assets_are_the_files_below_each_index() {
        let all: Vec<String> = [
            "stories/a/index.md",
            "stories/a/photo.jpg",
            "stories/a/b/index.md",
            "stories/a/b/c.png",
            "stories/a/notes.md",
            "stories/a-b/index.md",
            "stories/a-b/x.pdf",
            "stories/ab.jpg",
            "stories/index.md",
            "stories/z/photo.jpg",
            "reports/2024/r/index.md",
            "reports/2024/r/表格.xlsx",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let assets = BundleAssets::of(&all);
        for dir in [
            "stories/a",
            "stories/a/b",
            "stories/a-b",
            "stories",
            "stories/z",
            "reports/2024/r",
            "reports",
        ] {
            let expected = if all.contains(&format!("{dir}/index.md")) {
                assets_oracle(dir, &all)
            } else {
                Vec::new()
            };
            assert_eq!(assets.of_bundle(dir), expected, "{dir}");
        }
        assert_eq!(assets.of_bundle("stories/a"), ["photo.jpg", "b/c.png"]);
    }

    #[test]
    fn files_outside_bundles_are_unpublished() {
        let all: Vec<String> = [
            "stories/a/index.md",
            "stories/a/photo.jpg",
            "stories/b/INDEX.MD",
            "stories/b/表格.xlsx",
            "stories/方案.docx",
            "stories/c.md",
            "stories/c.jpg",
            "notes.txt",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let warned: Vec<String> = unpublished(&all)
            .iter()
            .filter_map(|w| w.location().map(|l| l.path.display().to_string()))
            .collect();
        assert_eq!(
            warned,
            [
                "content/stories/方案.docx",
                "content/stories/c.jpg",
                "content/notes.txt"
            ]
        );
    }
}
