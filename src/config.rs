//! `site.yaml`: the raw keys as written, checked once into a [`Config`] that
//! nothing downstream has to re-check (a parsed base URL, a time zone offset,
//! metrics in display order).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::parse_offset;
use crate::error::{Error, Errors, Location};
use crate::i18n::catalogue::config as msg;
use crate::i18n::Text;
use crate::images::ImageSettings;
use crate::source::{decode_text, key_position, read_yaml, Ordered, Scalar};
use crate::url::PageUrls;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// A metric reports may give figures for (`volunteers: 2600`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Metric {
    /// The key used in `stats:`.
    pub key: String,
    /// 开展活动.
    pub label: String,
    /// 次.
    pub unit: String,
}

/// What the theme's footer shows, each only when set.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Footer {
    /// 主办单位.
    pub organization: Option<String>,
    /// 联系方式.
    pub contact: Option<String>,
    /// ICP 备案号.
    pub icp: Option<String>,
    /// 公网安备号.
    pub police: Option<String>,
    /// 网站标识码.
    pub site_code: Option<String>,
}

/// The site's address: absolute, always ending with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Reads `https://host[:port]/path/`; the trailing `/` may be left out.
    /// The error says what is wrong with it.
    pub fn parse(text: &str) -> Result<BaseUrl, Text> {
        let text = text.trim();
        let (scheme, rest) = text
            .split_once("://")
            .ok_or_else(|| msg::base_url_not_absolute(text))?;
        if scheme != "http" && scheme != "https" {
            return Err(msg::base_url_scheme(text));
        }
        if rest.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
            return Err(msg::base_url_characters(text));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.starts_with(':') {
            return Err(msg::base_url_no_host(text));
        }
        if path.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(msg::base_url_dot_segments(text));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}://{host}"),
            path,
        })
    }

    /// The path part, starting and ending with `/` (`/zyfw/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The scheme and host (and port): `https://example.org`, no `/`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The whole address, ending with `/`.
    pub fn absolute(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    /// The absolute form of a site path that already starts with [`Self::path`].
    pub fn absolute_of(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, site_path)
    }
}

/// The checked configuration of a site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root folder (where `site.yaml` is).
    pub root: PathBuf,
    /// 站点名称.
    pub title: String,
    /// The published address.
    pub base_url: BaseUrl,
    /// A BCP 47 tag, e.g. `zh-CN`.
    pub language: String,
    /// One line about the site.
    pub description: String,
    /// The offset dates without one are read in.
    pub timezone: time::UtcOffset,
    /// The theme's name: a folder under `themes/`, else a theme built into redvest.
    pub theme: String,
    /// Items per list page.
    pub paginate: usize,
    /// Items per feed.
    pub feed_limit: usize,
    /// Characters of an automatic summary.
    pub summary_length: usize,
    /// The metrics reports may use, in display order.
    pub metrics: Vec<Metric>,
    /// What the footer shows.
    pub footer: Footer,
    /// Whether raw HTML in Markdown is kept.
    pub unsafe_html: bool,
    /// How photos are published (`images:`): stripped of their metadata,
    /// unless named in `keep_metadata`.
    pub images: ImageSettings,
    /// Whether every link of a page is written relative to it
    /// (`relative_links: true`), so the site opens from a folder and from
    /// any sub-path; feeds, the sitemap and sharing keep absolute URLs.
    pub relative_links: bool,
    /// How pages' addresses are written (`file_urls: true` for
    /// `stories/a.html`).
    pub page_urls: PageUrls,
    /// Free-form values for templates.
    pub extra: serde_json::Value,
    /// What `site.yaml` was warned about (typing habits that did not stop
    /// it from being read).
    pub warnings: Vec<Error>,
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "description",
    "timezone",
    "theme",
    "paginate",
    "feed_limit",
    "summary_length",
    "metrics",
    "footer",
    "markdown",
    "images",
    "relative_links",
    "file_urls",
    "extra",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    language: Option<String>,
    description: Option<String>,
    timezone: Option<Scalar>,
    theme: Option<String>,
    paginate: Option<usize>,
    feed_limit: Option<usize>,
    summary_length: Option<usize>,
    #[serde(default)]
    metrics: Option<Ordered<RawMetric>>,
    #[serde(default)]
    footer: Option<RawFooter>,
    #[serde(default)]
    markdown: Option<RawMarkdown>,
    #[serde(default)]
    images: Option<ImageSettings>,
    relative_links: Option<bool>,
    file_urls: Option<bool>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    label: String,
    #[serde(default)]
    unit: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFooter {
    organization: Option<String>,
    contact: Option<Scalar>,
    icp: Option<String>,
    police: Option<String>,
    site_code: Option<Scalar>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    unsafe_html: bool,
}

/// What the command line sets over `site.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Overrides {
    /// `--base-url`: replaces `base_url`; `./` asks for relative links
    /// and keeps `base_url` for feeds.
    pub base_url: Option<String>,
    /// `--relative-links`.
    pub relative_links: bool,
    /// `--file-urls`.
    pub file_urls: bool,
}

/// What `--base-url` may say instead of an address: links relative to
/// each page, the absolute address still taken from `site.yaml`.
const RELATIVE_BASE: [&str; 2] = ["./", "."];

/// Reads and checks `<root>/site.yaml`; `base_url` replaces the configured one.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Errors> {
    let overrides = Overrides {
        base_url: base_url.map(str::to_string),
        ..Overrides::default()
    };
    load_with(root, &overrides)
}

/// Reads and checks `<root>/site.yaml`, with the command line's `overrides`.
pub fn load_with(root: &Path, overrides: &Overrides) -> Result<Config, Errors> {
    let path = root.join(CONFIG_FILE);
    let shown = PathBuf::from(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        let error = if e.kind() == std::io::ErrorKind::NotFound {
            Error::in_file(&shown, msg::no_config(CONFIG_FILE, root.display()))
                .with_hint(msg::no_config_hint())
        } else {
            Error::io(&shown, msg::action_read_config(), e)
        };
        Errors::from(error)
    })?;
    let text = decode_text(&bytes, &shown)?;
    let read = read_yaml::<RawConfig>(&text, &shown, 1, CONFIG_KEYS)?;
    let relative_flag = overrides
        .base_url
        .as_deref()
        .is_some_and(|b| RELATIVE_BASE.contains(&b.trim()));
    let base_url = overrides.base_url.as_deref().filter(|_| !relative_flag);
    let config = check(root, read.value, &text, base_url)?;
    let page_urls = match overrides.file_urls {
        true => PageUrls::Files,
        false => config.page_urls,
    };
    Ok(Config {
        warnings: read.warnings,
        relative_links: config.relative_links || overrides.relative_links || relative_flag,
        page_urls,
        ..config
    })
}

fn check(
    root: &Path,
    raw: RawConfig,
    text: &str,
    base_url: Option<&str>,
) -> Result<Config, Errors> {
    let shown = Path::new(CONFIG_FILE);
    let at = |key: &str| match key_position(text, key) {
        Some((line, col)) => Location::at(shown, line, col),
        None => Location::file(shown),
    };
    let mut errors = Errors::new();
    let base = BaseUrl::parse(base_url.unwrap_or(&raw.base_url)).map_err(|m| {
        if base_url.is_some() {
            return Error::usage(msg::base_url_flag(m)).with_hint(msg::base_url_flag_hint());
        }
        Error::at(at("base_url"), m).with_hint(msg::base_url_hint())
    });
    let zone_text = raw
        .timezone
        .map(Scalar::into_text)
        .unwrap_or_else(|| "+08:00".into());
    let zone = parse_offset(&zone_text).ok_or_else(|| {
        Error::at(at("timezone"), msg::invalid_timezone(&zone_text))
            .with_hint(msg::invalid_timezone_hint())
    });
    for (key, value) in [
        ("paginate", raw.paginate),
        ("feed_limit", raw.feed_limit),
        ("summary_length", raw.summary_length),
    ] {
        if value == Some(0) {
            errors.push(
                Error::at(at(key), msg::at_least_one(key)).with_hint(msg::at_least_one_hint(key)),
            );
        }
    }
    let metrics = check_metrics(raw.metrics, &at, &mut errors);
    let images = raw.images.unwrap_or_default();
    for problem in images.problems() {
        errors.push(Error::at(at("images"), problem));
    }
    let theme = raw.theme.unwrap_or_else(|| "default".into());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        errors.push(
            Error::at(at("theme"), msg::invalid_theme(&theme)).with_hint(msg::invalid_theme_hint()),
        );
    }
    let base = base.map_err(|e| errors.push(e)).ok();
    let zone = zone.map_err(|e| errors.push(e)).ok();
    let (Some(base), Some(zone)) = (base, zone) else {
        return Err(errors.sorted());
    };
    let footer = raw.footer.map(|f| Footer {
        organization: f.organization,
        contact: f.contact.map(Scalar::into_text),
        icp: f.icp,
        police: f.police,
        site_code: f.site_code.map(Scalar::into_text),
    });
    errors.into_result(Config {
        root: root.to_path_buf(),
        title: raw.title,
        base_url: base,
        language: raw.language.unwrap_or_else(|| "zh-CN".into()),
        description: raw.description.unwrap_or_default(),
        timezone: zone,
        theme,
        paginate: raw.paginate.unwrap_or(20),
        feed_limit: raw.feed_limit.unwrap_or(50),
        summary_length: raw.summary_length.unwrap_or(120),
        metrics,
        footer: footer.unwrap_or_default(),
        unsafe_html: raw.markdown.is_some_and(|m| m.unsafe_html),
        images,
        relative_links: raw.relative_links.unwrap_or(false),
        page_urls: match raw.file_urls {
            Some(true) => PageUrls::Files,
            _ => PageUrls::Folders,
        },
        extra: raw
            .extra
            .unwrap_or(serde_json::Value::Object(Default::default())),
        warnings: Vec::new(),
    })
}

fn check_metrics(
    raw: Option<Ordered<RawMetric>>,
    at: &dyn Fn(&str) -> Location,
    errors: &mut Errors,
) -> Vec<Metric> {
    let mut metrics: Vec<Metric> = Vec::new();
    for (key, metric) in raw.map(|o| o.0).unwrap_or_default() {
        let valid = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid {
            errors.push(
                Error::at(at("metrics"), msg::invalid_metric_key(&key))
                    .with_hint(msg::invalid_metric_key_hint()),
            );
        } else if metrics.iter().any(|m| m.key == key) {
            errors.push(
                Error::at(at("metrics"), msg::metric_twice(&key))
                    .with_hint(msg::metric_twice_hint()),
            );
        } else {
            metrics.push(Metric {
                key,
                label: metric.label,
                unit: metric.unit,
            });
        }
    }
    metrics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path() {
        let b = BaseUrl::parse("https://example.org/zyfw").expect("valid");
        assert_eq!(b.path(), "/zyfw/");
        assert_eq!(b.absolute(), "https://example.org/zyfw/");
        assert_eq!(b.absolute_of("/zyfw/a/"), "https://example.org/zyfw/a/");
    }

    #[test]
    fn bad_base_urls_are_refused() {
        for bad in [
            "example.org",
            "ftp://x/",
            "https:///a",
            "https://x/a?b",
            "https://x/../",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
