//! The theme: its Tera templates (with the site's own `templates/` taking
//! precedence by file name), its string table for the site's language, and
//! the folders of static files to publish. The theme comes from the site's
//! `themes/<name>/` folder when it has one, else from the built-in theme of
//! that name ([`ThemeSource`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::builtin::{BuiltinTheme, BUILTIN_SHOWN};
use super::statics::{files_below, StaticDir};
use crate::config::Config;
use crate::confine::SiteRoot;
use crate::error::{Error, Errors, Location};
use crate::escape;
use crate::i18n::catalogue::render as msg;
use crate::source::{decode_text, is_ignored, key_position, parse_yaml};

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "campaigns.html",
    "campaign.html",
    "columns.html",
    "column.html",
    "list.html",
    "page.html",
    "tags.html",
    "tag.html",
    "archive.html",
    "404.html",
];

/// A loaded, compiled theme.
pub struct Theme {
    /// The compiled templates.
    pub tera: tera::Tera,
    /// Interface strings for the site's language.
    pub strings: BTreeMap<String, String>,
    /// Template name → the file it came from, for error messages.
    pub sources: BTreeMap<String, PathBuf>,
    /// Static folders, lowest precedence first (theme, then site).
    pub static_dirs: Vec<StaticDir>,
}

/// Where a site's theme comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeSource {
    /// The site's own folder `themes/<name>/` (absolute path).
    Folder(PathBuf),
    /// The theme of that name compiled into redvest.
    Builtin(BuiltinTheme),
    /// No theme: the site's `templates/` alone.
    None,
}

impl ThemeSource {
    /// The theme `config` names: the site's folder `themes/<name>/` when it
    /// has one, else the built-in theme of that name, else none.
    pub fn of(config: &Config) -> ThemeSource {
        let folder = config.root.join("themes").join(&config.theme);
        if folder.is_dir() {
            return ThemeSource::Folder(folder);
        }
        match BuiltinTheme::find(&config.theme) {
            Some(theme) => ThemeSource::Builtin(theme),
            None => ThemeSource::None,
        }
    }

    /// The theme's static files, published under the site's.
    pub fn static_dir(&self) -> Option<StaticDir> {
        match self {
            ThemeSource::Folder(dir) => Some(StaticDir::Disk(dir.join("static"))),
            ThemeSource::Builtin(theme) => Some(StaticDir::Builtin(*theme)),
            ThemeSource::None => None,
        }
    }
}

/// Loads the theme named in the configuration, compiling every template once.
pub fn load(config: &Config) -> Result<Theme, Errors> {
    let root = &config.root;
    let source = ThemeSource::of(config);
    let site_templates = root.join("templates");
    if source == ThemeSource::None && !site_templates.is_dir() {
        let names = BuiltinTheme::names().join(", ");
        return Err(
            Error::at(theme_key(root), msg::theme_not_found(&config.theme))
                .with_hint(msg::theme_not_found_hint(names))
                .into(),
        );
    }
    let mut errors = Errors::new();
    let mut files: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    match &source {
        ThemeSource::Folder(dir) => {
            collect_templates(root, &dir.join("templates"), &mut files, &mut errors);
        }
        ThemeSource::Builtin(theme) => builtin_templates(*theme, &mut files, &mut errors),
        ThemeSource::None => {}
    }
    collect_templates(root, &site_templates, &mut files, &mut errors);
    for name in REQUIRED_TEMPLATES {
        if !files.contains_key(*name) {
            errors.push(
                Error::in_file(
                    Path::new("themes")
                        .join(&config.theme)
                        .join("templates")
                        .join(name),
                    msg::missing_template(),
                )
                .with_hint(msg::missing_template_hint(name)),
            );
        }
    }
    let strings = load_strings(root, &source, &config.language, &mut errors);
    let sources: BTreeMap<String, PathBuf> = files
        .iter()
        .map(|(n, (p, _))| (n.clone(), p.clone()))
        .collect();
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    register_filters(&mut tera);
    let outdented: Vec<(&str, std::borrow::Cow<'_, str>)> = files
        .iter()
        .map(|(name, (_, text))| {
            let text = if name.ends_with(".html") || name.ends_with(".htm") {
                super::outdent::outdent(text)
            } else {
                std::borrow::Cow::Borrowed(text.as_str())
            };
            (name.as_str(), text)
        })
        .collect();
    let added = tera.add_raw_templates(outdented.iter().map(|(name, text)| (*name, text.as_ref())));
    if let Err(e) = added {
        errors.push(template_error(&e, &sources));
    }
    let static_dirs = source
        .static_dir()
        .into_iter()
        .chain([StaticDir::Disk(root.join("static"))])
        .collect::<Vec<_>>();
    let site = SiteRoot::new(root);
    for dir in &static_dirs {
        errors.extend(dir.links_out(&site));
    }
    errors.into_result(Theme {
        tera,
        strings,
        sources,
        static_dirs,
    })
}

/// Where `site.yaml` names the theme (its value), or the file when the
/// key is absent.
fn theme_key(root: &Path) -> Location {
    let shown = Path::new(crate::config::CONFIG_FILE);
    std::fs::read_to_string(root.join(shown))
        .ok()
        .and_then(|text| key_position(&text, "theme"))
        .map_or_else(
            || Location::file(shown),
            |(line, column)| Location::at(shown, line, column),
        )
}

/// How errors name a file of a built-in theme: `(built-in theme)/templates/page.html`.
fn builtin_shown(rel: &str) -> PathBuf {
    rel.split('/')
        .fold(PathBuf::from(BUILTIN_SHOWN), |path, part| path.join(part))
}

/// Adds the templates of a built-in theme, by name (`partials/card.html`).
fn builtin_templates(
    theme: BuiltinTheme,
    files: &mut BTreeMap<String, (PathBuf, String)>,
    errors: &mut Errors,
) {
    for (name, bytes) in theme.files_under("templates") {
        if name.split('/').any(is_ignored) {
            continue;
        }
        let shown = builtin_shown(&format!("templates/{name}"));
        match decode_text(bytes, &shown) {
            Ok(text) => {
                files.insert(name.to_string(), (shown, text));
            }
            Err(e) => errors.push(e),
        }
    }
}

/// The theme's own filters (docs/templates.md, "Filters"):
/// - `qr_image(label=…)`: a URL → an `<img>` of its QR code, the PNG inline
///   (safe HTML);
/// - `qr_svg(label=…)`: a URL → the inline SVG of its QR code (safe HTML);
/// - `json_encode`: any value → JSON that is safe inside `<script>`
///   (`<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`), marked safe.
fn register_filters(tera: &mut tera::Tera) {
    let qr = std::sync::Arc::new(super::qr::Encoder::new());
    let for_image = std::sync::Arc::clone(&qr);
    tera.register_filter(
        "qr_image",
        move |url: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let label = kwargs.get::<&str>("label")?.unwrap_or("QR code");
            Ok(tera::Value::safe_string(&super::qr::image(
                &for_image, url, label,
            )))
        },
    );
    tera.register_filter(
        "qr_svg",
        move |url: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let label = kwargs.get::<&str>("label")?.unwrap_or("QR code");
            Ok(tera::Value::safe_string(&super::qr::svg(&qr, url, label)))
        },
    );
    tera.register_filter(
        "json_encode",
        |value: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            if let Some(text) = value.as_str() {
                return Ok(tera::Value::safe_string(&escape::json_string(text)));
            }
            let json = serde_json::to_string(&value)
                .map_err(|e| tera::Error::message(format!("json_encode: {e}")))?;
            Ok(tera::Value::safe_string(&escape::json_for_script(&json)))
        },
    );
}

fn collect_templates(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, (PathBuf, String)>,
    errors: &mut Errors,
) {
    if !dir.is_dir() {
        return;
    }
    let site = SiteRoot::new(root);
    let found = match files_below(dir, Some(&site)) {
        Ok(found) => found,
        Err(more) => return errors.extend(more),
    };
    for (name, path) in found {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match std::fs::read(&path) {
            Ok(bytes) => match decode_text(&bytes, &shown) {
                Ok(text) => {
                    files.insert(name, (shown, text));
                }
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(Error::io(&shown, msg::read_template(), e)),
        }
    }
}

fn load_strings(
    root: &Path,
    source: &ThemeSource,
    language: &str,
    errors: &mut Errors,
) -> BTreeMap<String, String> {
    let mut strings = BTreeMap::new();
    // The Chinese table is the fallback; the site's language overrides it.
    for lang in ["zh-CN", language] {
        let rel = format!("i18n/{lang}.yaml");
        let (bytes, shown) = match source {
            ThemeSource::Folder(dir) => {
                let path = dir.join(&rel);
                if path.symlink_metadata().is_ok() {
                    if let Err(e) = SiteRoot::new(root).resolve(&path) {
                        errors.push(e);
                        continue;
                    }
                }
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                (std::borrow::Cow::Owned(bytes), shown)
            }
            ThemeSource::Builtin(theme) => match theme.file(&rel) {
                Some(bytes) => (std::borrow::Cow::Borrowed(bytes), builtin_shown(&rel)),
                None => continue,
            },
            ThemeSource::None => continue,
        };
        let table = decode_text(&bytes, &shown)
            .and_then(|text| parse_yaml::<BTreeMap<String, String>>(&text, &shown, 1, &[]));
        match table {
            Ok(table) => strings.extend(table),
            Err(e) => errors.push(e),
        }
    }
    strings
}

/// Turns a Tera error into one naming the template file and line.
pub fn template_error(err: &tera::Error, sources: &BTreeMap<String, PathBuf>) -> Error {
    use std::error::Error as _;
    let (name, span, message) = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => (
            report.filename().to_string(),
            Some(report.span().clone()),
            report.message().to_string(),
        ),
        _ => {
            let mut message = err.to_string();
            let mut source = err.source();
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            (String::new(), None, message)
        }
    };
    let path = sources
        .get(&name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(if name.is_empty() { "templates" } else { &name }));
    let location = match span {
        Some(span) => Location::at(path, span.start_line, span.start_col + 1),
        None => Location::file(path),
    };
    Error::at(location, msg::template_error(message)).with_hint(msg::template_error_hint())
}
