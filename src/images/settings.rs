//! [`ImageSettings`]: the widths, qualities and formats photos are published
//! at, and the files that keep their metadata. Deserializable, so that the
//! `images:` section of `site.yaml` can be read straight into it; the keys
//! are listed in the module documentation of [`crate::images`].

use serde::Deserialize;

use crate::i18n::catalogue::images as msg;
use crate::i18n::Text;

/// The widest variant redvest makes, in pixels.
pub const MAX_WIDTH: u32 = 8192;

/// How photos are resized, encoded and stripped.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImageSettings {
    /// The widths (pixels) a photo is published at; a width above the
    /// photo's own is replaced by the photo's own width (never upscaled).
    pub widths: Vec<u32>,
    /// The width of the small variant used by list and home cards.
    pub thumbnail: u32,
    /// JPEG quality, 1–100.
    pub jpeg_quality: u8,
    /// Lossy WebP quality, 1–100.
    pub webp_quality: u8,
    /// The formats every width is encoded in.
    pub formats: Vec<OutputFormat>,
    /// File names (as written, e.g. `证书.jpg`) published with their
    /// metadata as they are: the opt-out from stripping.
    pub keep_metadata: Vec<String>,
}

/// A format variants are encoded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// The photo's own format (JPEG stays JPEG, PNG stays PNG).
    Original,
    /// Lossy WebP.
    Webp,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![360, 960, 1600],
            thumbnail: 360,
            jpeg_quality: 80,
            webp_quality: 75,
            formats: vec![OutputFormat::Original, OutputFormat::Webp],
            keep_metadata: Vec::new(),
        }
    }
}

impl ImageSettings {
    /// What is wrong with these settings, as messages for the reader
    /// (empty when they can be used). The caller adds the location.
    pub fn problems(&self) -> Vec<Text> {
        let mut problems = Vec::new();
        if self.widths.is_empty() {
            problems.push(msg::no_widths());
        }
        for &width in self.widths.iter().chain([&self.thumbnail]) {
            if width == 0 || width > MAX_WIDTH {
                problems.push(msg::width_out_of_range(width, MAX_WIDTH));
            }
        }
        for quality in [self.jpeg_quality, self.webp_quality] {
            if !(1..=100).contains(&quality) {
                problems.push(msg::quality_out_of_range(quality));
            }
        }
        if self.formats.is_empty() {
            problems.push(msg::no_formats());
        }
        problems
    }

    /// Whether the file called `name` is published with its metadata.
    pub fn keeps_metadata(&self, name: &str) -> bool {
        self.keep_metadata.iter().any(|kept| kept == name)
    }

    /// The widths sorted and without repeats.
    pub(crate) fn sorted_widths(&self) -> Vec<u32> {
        let mut widths = self.widths.clone();
        widths.sort_unstable();
        widths.dedup();
        widths
    }

    /// The formats without repeats, in a fixed order.
    pub(crate) fn sorted_formats(&self) -> Vec<OutputFormat> {
        let mut formats = self.formats.clone();
        formats.sort_unstable();
        formats.dedup();
        formats
    }

    /// The settings that change the pixels or bytes of a variant, as text:
    /// part of the cache key. `keep_metadata` is left out (it touches no
    /// variant), so opting a file out re-encodes nothing.
    pub(crate) fn cache_key_part(&self) -> String {
        let widths: Vec<String> = self.sorted_widths().iter().map(u32::to_string).collect();
        let formats: Vec<&str> = self
            .sorted_formats()
            .iter()
            .map(|format| match format {
                OutputFormat::Original => "original",
                OutputFormat::Webp => "webp",
            })
            .collect();
        format!(
            "widths={};thumbnail={};jpeg={};webp={};formats={}",
            widths.join(","),
            self.thumbnail,
            self.jpeg_quality,
            self.webp_quality,
            formats.join(",")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_yaml;
    use std::path::Path;

    #[test]
    fn defaults_are_usable() {
        assert!(ImageSettings::default().problems().is_empty());
    }

    #[test]
    fn yaml_keys_read_into_settings_and_missing_keys_keep_defaults() {
        let yaml = "widths: [400, 800]\njpeg_quality: 85\nformats: [original]\nkeep_metadata: [证书.jpg]\n";
        let settings: ImageSettings =
            parse_yaml(yaml, Path::new("site.yaml"), 1, &[]).expect("valid yaml");
        assert_eq!(settings.widths, vec![400, 800]);
        assert_eq!(settings.jpeg_quality, 85);
        assert_eq!(settings.webp_quality, 75);
        assert_eq!(settings.formats, vec![OutputFormat::Original]);
        assert!(settings.keeps_metadata("证书.jpg"));
        assert!(!settings.keeps_metadata("other.jpg"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(
            parse_yaml::<ImageSettings>("width: [400]", Path::new("site.yaml"), 1, &[]).is_err()
        );
    }

    #[test]
    fn out_of_range_values_are_problems_in_both_languages() {
        let settings = ImageSettings {
            widths: vec![0],
            jpeg_quality: 0,
            webp_quality: 101,
            formats: vec![],
            ..ImageSettings::default()
        };
        let problems = settings.problems();
        assert_eq!(problems.len(), 4);
        assert_eq!(
            problems[0].en(),
            "an image width must be between 1 and 8192 pixels, not 0"
        );
        assert_eq!(
            problems[0].zh(),
            "图片宽度必须在 1 到 8192 像素之间，现在是 0。"
        );
    }

    #[test]
    fn the_cache_key_ignores_order_and_opt_outs() {
        let a = ImageSettings {
            widths: vec![960, 480],
            ..ImageSettings::default()
        };
        let b = ImageSettings {
            widths: vec![480, 960, 480],
            keep_metadata: vec!["a.jpg".into()],
            ..ImageSettings::default()
        };
        assert_eq!(a.cache_key_part(), b.cache_key_part());
    }
}
