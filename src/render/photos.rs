//! Photos as pages show them: which photos the site's pages use (a
//! bundle's JPEG, PNG and WebP files, and the covers and body images taken
//! from `static/`), their sized copies as URLs, and the HTML of a
//! `<picture>`. Processing the photos is the `images` module's; this one
//! only names and draws what it made.
//!
//! Sized copies are published under one folder, [`FOLDER`], each photo's
//! in a folder named by its cache key: `_photos/<key>/960.webp`. A key is a
//! hash of the photo's bytes and the image settings, so the URL of a copy
//! changes exactly when its bytes do; a photo used by many pages (a cover
//! from `static/`) is published once; names never collide with authors'
//! files (`a.jpg` beside `a.png`, `照片 1.JPG`), since no source file or
//! folder starting with `_` is published; and the URLs are plain ASCII,
//! which `srcset` needs (no spaces, no commas).

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use super::context::{CoverImage, Thumb, Urls};
use crate::config::Config;
use crate::content::discover::CONTENT_DIR;
use crate::escape::html as escape_html;
use crate::images::{CachedVariant, Format, Photo, Processed, Purpose};
use crate::site::{Site, SitePath};

/// The output folder of sized copies.
pub const FOLDER: &str = "_photos";

/// The folder of the site's own static files.
const STATIC_DIR: &str = "static";

/// The width (pixels) a body photo is shown at on a wide screen: the `src`
/// of its `<img>` is the widest copy not over it.
const SHOWN_WIDTH: u32 = 960;

/// How wide a body photo is drawn, for the browser to pick a copy: the
/// theme's text column (48rem less its padding).
pub const BODY_SIZES: &str = "(max-width: 48rem) 100vw, 46rem";

/// A photo a page uses: its file, and its key in [`Photos`] (its path
/// below the site root with `/`: `content/stories/a/照片 1.JPG`,
/// `static/img/banner.jpg`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wanted {
    /// Path below the site root, with `/`.
    pub key: String,
    /// The file.
    pub path: PathBuf,
}

impl Wanted {
    /// The photo to process.
    pub fn photo(&self) -> Photo {
        Photo {
            path: self.path.clone(),
            shown: PathBuf::from(&self.key),
        }
    }
}

/// The key of a bundle file `name` beside the document at content path
/// `rel` (`stories/a/index.md`).
pub fn bundle_key(rel: &str, name: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, _)) => format!("{CONTENT_DIR}/{dir}/{name}"),
        None => format!("{CONTENT_DIR}/{name}"),
    }
}

/// The key of `clean`, a path below `static/`.
pub fn static_key(clean: &str) -> String {
    format!("{STATIC_DIR}/{clean}")
}

/// Every photo the site's pages may show: each bundle file that is a JPEG,
/// PNG or WebP (told by its bytes), and each cover or body image written
/// `/…` that names one in `static/`. Sorted, each once.
pub fn wanted(config: &Config, site: &Site) -> Vec<Wanted> {
    let mut found = BTreeMap::new();
    for entry in &site.items {
        for asset in &entry.doc.assets {
            if !crate::url::is_plain_relative(asset) {
                continue;
            }
            let key = bundle_key(&entry.doc.rel, asset);
            let path = config.root.join(&key);
            if is_photo(&path) {
                found.insert(key, path);
            }
        }
    }
    let static_dir = config.root.join(STATIC_DIR);
    if static_dir.is_dir() {
        for written in static_references(site) {
            let Some(clean) = crate::url::normalize(&[], written) else {
                continue;
            };
            let path = static_dir.join(&clean);
            if is_photo(&path) {
                found.insert(static_key(&clean), path);
            }
        }
    }
    found
        .into_iter()
        .map(|(key, path)| Wanted { key, path })
        .collect()
}

/// The `/…` covers of every document, and the `](/…)` destinations of
/// their bodies (a quick look, not a parse: a photo found here and never
/// shown costs its processing only).
fn static_references(site: &Site) -> Vec<&str> {
    let covers = site
        .items
        .iter()
        .map(|e| e.doc.cover.as_deref())
        .chain(site.campaigns.iter().map(|c| c.doc.cover.as_deref()))
        .chain(site.columns.iter().map(|c| c.doc.cover.as_deref()))
        .flatten()
        .filter_map(|c| c.strip_prefix('/'));
    let texts = site
        .items
        .iter()
        .map(|e| e.doc.body.shared_text())
        .chain(site.campaigns.iter().map(|c| c.doc.body.shared_text()))
        .chain(site.columns.iter().map(|c| c.doc.body.shared_text()));
    let mut found: Vec<&str> = covers.collect();
    for text in texts {
        let mut rest: &str = text;
        while let Some(at) = rest.find("](/") {
            rest = &rest[at + 3..];
            let end = rest.find([')', ' ', '#', '\n']).unwrap_or(rest.len());
            found.push(&rest[..end]);
        }
    }
    found
}

/// Whether `path` is a JPEG, PNG or WebP file.
fn is_photo(path: &std::path::Path) -> bool {
    crate::images::is_picture_file(path).unwrap_or(false)
}

/// One sized copy as a page links it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rendition {
    /// Its URL, root-relative.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A photo's sized copies, as pages link them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Picture {
    /// The copies in the `<img>`'s format (the photo's own, unless only
    /// WebP is made), narrowest first.
    widths: Vec<Rendition>,
    /// WebP copies for a `<source>`, narrowest first; empty when the
    /// `<img>`'s are WebP already or none are made.
    webp: Vec<Rendition>,
    /// The card's copy in the `<img>`'s format, and in WebP.
    thumb: Option<Rendition>,
    thumb_webp: Option<Rendition>,
}

impl Picture {
    /// The picture of a processed photo, its copies published under
    /// [`FOLDER`].
    fn of(processed: &Processed, urls: &Urls<'_>) -> Picture {
        let folder = SitePath::of(&[FOLDER, processed.key.as_str()]);
        let copy = |v: &CachedVariant| Rendition {
            url: format!("{}{}", urls.folder(&folder), v.variant.file_name()),
            width: v.variant.width,
            height: v.variant.height,
        };
        let main = if processed
            .variants
            .iter()
            .any(|v| v.variant.format == processed.probe.format)
        {
            processed.probe.format
        } else {
            Format::Webp
        };
        let pick = |purpose: Purpose, format: Format| -> Vec<Rendition> {
            let mut copies: Vec<Rendition> = processed
                .variants
                .iter()
                .filter(|v| v.variant.purpose == purpose && v.variant.format == format)
                .map(copy)
                .collect();
            copies.sort_by_key(|c| c.width);
            copies
        };
        let beside = |purpose| {
            if main == Format::Webp {
                Vec::new()
            } else {
                pick(purpose, Format::Webp)
            }
        };
        Picture {
            widths: pick(Purpose::Width, main),
            webp: beside(Purpose::Width),
            thumb: pick(Purpose::Thumbnail, main).pop(),
            thumb_webp: beside(Purpose::Thumbnail).pop(),
        }
    }

    /// The copy `src` names: the widest not over [`SHOWN_WIDTH`], else the
    /// narrowest.
    fn shown(&self) -> Option<&Rendition> {
        self.widths
            .iter()
            .rev()
            .find(|c| c.width <= SHOWN_WIDTH)
            .or(self.widths.first())
    }

    /// The `<picture>` of a body image with `alt` (and `title`, when not
    /// empty); `eager` for the first image of a page, which may be above
    /// the fold, else it loads lazily.
    pub fn html(&self, alt: &str, title: &str, eager: bool) -> Option<String> {
        let shown = self.shown()?;
        let mut html = String::from("<picture>");
        if !self.webp.is_empty() {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{BODY_SIZES}\">",
                srcset(&self.webp)
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{BODY_SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
            escape_html(&shown.url),
            srcset(&self.widths),
            shown.width,
            shown.height,
            escape_html(alt),
        ));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape_html(title)));
        }
        html.push_str(if eager {
            " decoding=\"async\">"
        } else {
            " loading=\"lazy\" decoding=\"async\">"
        });
        html.push_str("</picture>");
        Some(html)
    }

    /// The picture as a cover's template value.
    pub fn cover(&self) -> Option<CoverImage> {
        let shown = self.shown()?;
        let thumb = self.thumb.as_ref()?;
        Some(CoverImage {
            src: shown.url.clone(),
            width: shown.width,
            height: shown.height,
            srcset: srcset(&self.widths),
            webp_srcset: srcset(&self.webp),
            thumb: Thumb {
                src: thumb.url.clone(),
                webp: self
                    .thumb_webp
                    .as_ref()
                    .map(|t| t.url.clone())
                    .unwrap_or_default(),
                width: thumb.width,
                height: thumb.height,
            },
        })
    }
}

/// `URL 480w, URL 960w` (the URLs are ASCII paths of [`FOLDER`]: no space
/// or comma in them).
fn srcset(copies: &[Rendition]) -> String {
    copies
        .iter()
        .map(|c| format!("{} {}w", escape_html(&c.url), c.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The photos of a build: each wanted photo's picture by key, and the
/// files to publish.
#[derive(Debug, Default, Clone)]
pub struct Photos {
    pictures: HashMap<String, Arc<Picture>>,
    /// Output path (`_photos/<key>/960.webp`) → file in the cache.
    files: BTreeMap<String, PathBuf>,
    fingerprint: u64,
}

impl Photos {
    /// The photos of `wanted`, processed as `processed` (in the same
    /// order; a photo that failed is left out).
    pub fn new(config: &Config, wanted: &[Wanted], processed: &[Option<Processed>]) -> Photos {
        let urls = Urls::new(config);
        let mut photos = Photos::default();
        for (wanted, processed) in wanted.iter().zip(processed) {
            let Some(processed) = processed else { continue };
            for v in &processed.variants {
                let to = format!(
                    "{FOLDER}/{}/{}",
                    processed.key.as_str(),
                    v.variant.file_name()
                );
                photos.files.insert(to, v.path.clone());
            }
            let picture = Picture::of(processed, &urls);
            photos
                .pictures
                .insert(wanted.key.clone(), Arc::new(picture));
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut pictures: Vec<(&String, &Arc<Picture>)> = photos.pictures.iter().collect();
        pictures.sort_unstable_by(|a, b| a.0.cmp(b.0));
        pictures.hash(&mut hasher);
        photos.fingerprint = hasher.finish();
        photos
    }

    /// The picture of the photo at `key`.
    pub fn get(&self, key: &str) -> Option<&Picture> {
        self.pictures.get(key).map(Arc::as_ref)
    }

    /// The sized copies to publish: output path → file in the cache.
    pub fn files(&self) -> &BTreeMap<String, PathBuf> {
        &self.files
    }

    /// A hash of every picture: bodies depend on it.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(url: &str, width: u32) -> Rendition {
        Rendition {
            url: url.into(),
            width,
            height: width * 3 / 4,
        }
    }

    #[test]
    fn a_body_picture_has_webp_beside_and_the_copy_nearest_960_as_src() {
        let picture = Picture {
            widths: vec![
                copy("/p/480.jpg", 480),
                copy("/p/960.jpg", 960),
                copy("/p/1600.jpg", 1600),
            ],
            webp: vec![copy("/p/480.webp", 480)],
            thumb: None,
            thumb_webp: None,
        };
        let html = picture.html("挂牌\"现场\"", "", false).unwrap();
        assert!(
            html.starts_with("<picture><source type=\"image/webp\" srcset=\"/p/480.webp 480w\"")
        );
        assert!(html.contains("<img src=\"/p/960.jpg\" srcset=\"/p/480.jpg 480w, /p/960.jpg 960w, /p/1600.jpg 1600w\""));
        assert!(html.contains(
            "width=\"960\" height=\"720\" alt=\"挂牌&quot;现场&quot;\" loading=\"lazy\""
        ));
        assert!(!picture.html("", "", true).unwrap().contains("lazy"));
    }

    #[test]
    fn keys_are_paths_below_the_root() {
        assert_eq!(
            bundle_key("stories/a/index.md", "照片 1.JPG"),
            "content/stories/a/照片 1.JPG"
        );
        assert_eq!(static_key("img/x.jpg"), "static/img/x.jpg");
    }
}
