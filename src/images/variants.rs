//! Resized copies of a photo: [`plan`] decides which (widths never above the
//! photo's own, a thumbnail, each in the photo's format and WebP), and
//! [`encode`] makes them — decode once (a JPEG at a reduced DCT scale,
//! 1/2, 1/4 or 1/8, when the largest variant fits in it: `jpeg-decoder`;
//! anything else in full: `image`), resize (`fast_image_resize`,
//! Catmull-Rom, each size from the smallest larger copy already made), turn
//! by the EXIF orientation, encode (`jpeg-encoder`, baseline with the
//! standard Huffman tables; `png`; libwebp through `webp`, at `method`
//! [`WEBP_METHOD`]). A variant of the same format and size as one already
//! made (the thumbnail at one of the widths) takes its bytes. The colour
//! profile is carried over; nothing else is: no output has EXIF, XMP or
//! comments.

use std::io::Cursor;

use fast_image_resize as fr;
use image::metadata::Orientation;
use image::{DynamicImage, ImageBuffer, ImageEncoder, ImageReader, Limits};
use img_parts::jpeg::Jpeg;
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageICC};

use super::probe::{Format, Probe};
use super::settings::{ImageSettings, OutputFormat};

/// The most bytes a decoded photo may take (about 8,000 × 8,000 pixels of
/// RGB); a larger one is refused rather than risking the memory budget.
pub const MAX_DECODED_BYTES: u64 = 200 * 1024 * 1024;

/// libwebp's effort, 0–6: 1 makes files 1–3 % larger than 2 for 15 %
/// fewer instructions a photo, and 2 files about 8 % larger than 4 in a
/// third of the time (bench/IMAGES.md); 3 and up take as long as 4, and 0
/// makes the 1600-px file 40 % larger.
pub const WEBP_METHOD: i32 = 1;

/// The widest `srcset` copy made in the photo's own format (JPEG, PNG)
/// when WebP copies are made beside it. Every browser that reads WebP takes
/// the `<source>` of WebP copies, at every width; the `<img>`'s copies
/// serve only browsers without WebP (Safari before 14, Internet Explorer),
/// for which 360 and 960 px do (its `src` is the 960-px copy anyway).
/// Encoding the 1600-px JPEG cost more than all the other JPEGs of a
/// photo together.
pub const FALLBACK_MAX_WIDTH: u32 = 960;

/// What a variant is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Purpose {
    /// One of the widths of `srcset`.
    Width,
    /// The small picture of list and home cards.
    Thumbnail,
    /// The photo as it is, without its metadata (see
    /// [`originals`](super::originals)): never planned, never resized.
    Original,
}

/// One resized copy: its purpose, format and pixel size (orientation
/// applied: the size it is seen at).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variant {
    /// What it is for.
    pub purpose: Purpose,
    /// Its format.
    pub format: Format,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

impl Variant {
    /// Whether `other` is the same picture for another purpose (the
    /// thumbnail at one of the widths): same format, same size, so the
    /// same bytes.
    pub fn same_picture(&self, other: &Variant) -> bool {
        (self.format, self.width, self.height) == (other.format, other.width, other.height)
    }

    /// Its file name in a cache entry: `960.jpg`, `thumb-360.webp`.
    pub fn file_name(&self) -> String {
        let prefix = match self.purpose {
            Purpose::Width => "",
            Purpose::Thumbnail => "thumb-",
            Purpose::Original => return format!("original.{}", self.format.extension()),
        };
        format!("{prefix}{}.{}", self.width, self.format.extension())
    }
}

/// Why variants could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantFailure {
    /// Decoded, the photo would exceed [`MAX_DECODED_BYTES`].
    TooLarge,
    /// The decoder refused the pixels (its own words, for the detail).
    Undecodable(String),
    /// An encoder failed (its own words).
    Unencodable(String),
}

/// The variants of a photo, widest first for each purpose: every width of
/// the settings below the photo's own width, and the photo's own width in
/// place of all the larger ones (never upscaled); a thumbnail no wider than
/// the photo; each in every format of the settings, except that with WebP
/// beside it the photo's own format stops at [`FALLBACK_MAX_WIDTH`].
pub fn plan(probe: &Probe, settings: &ImageSettings) -> Vec<Variant> {
    let (width, height) = probe.display_size();
    let mut widths: Vec<u32> = settings
        .sorted_widths()
        .iter()
        .map(|&wanted| wanted.min(width))
        .collect();
    widths.dedup();
    let formats: Vec<Format> = settings
        .sorted_formats()
        .iter()
        .map(|format| match format {
            OutputFormat::Original => probe.format,
            OutputFormat::Webp => Format::Webp,
        })
        .fold(Vec::new(), |mut formats, format| {
            if !formats.contains(&format) {
                formats.push(format);
            }
            formats
        });
    let sizes = widths
        .iter()
        .rev()
        .map(|&w| (Purpose::Width, w))
        .chain([(Purpose::Thumbnail, settings.thumbnail.min(width))]);
    let fallback_widths = fallback_widths(&widths);
    let with_webp = formats.contains(&Format::Webp);
    let mut variants = Vec::new();
    for (purpose, w) in sizes {
        let h = scaled_height(width, height, w);
        for &format in &formats {
            let unused = purpose == Purpose::Width
                && format != Format::Webp
                && with_webp
                && !fallback_widths.contains(&w);
            if unused {
                continue;
            }
            variants.push(Variant {
                purpose,
                format,
                width: w,
                height: h,
            });
        }
    }
    variants
}

/// The widths (of `widths`, ascending) at which a photo's own format is
/// made when WebP copies are made too: those up to [`FALLBACK_MAX_WIDTH`],
/// or the narrowest when none is.
fn fallback_widths(widths: &[u32]) -> Vec<u32> {
    let mut kept: Vec<u32> = widths
        .iter()
        .copied()
        .filter(|&w| w <= FALLBACK_MAX_WIDTH)
        .collect();
    if kept.is_empty() {
        kept.extend(widths.first());
    }
    kept
}

/// The height of a `width`-wide copy of a `from_width` × `from_height` picture.
fn scaled_height(from_width: u32, from_height: u32, width: u32) -> u32 {
    let height = (u64::from(from_height) * u64::from(width) + u64::from(from_width) / 2)
        / u64::from(from_width.max(1));
    u32::try_from(height.max(1)).unwrap_or(u32::MAX)
}

/// The bytes a decoded copy of the photo takes, as the engine budgets them
/// (four per pixel, whatever the format).
pub fn decoded_bytes(probe: &Probe) -> u64 {
    u64::from(probe.width) * u64::from(probe.height) * 4
}

/// An encoded variant.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// Which variant.
    pub variant: Variant,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Pixels in memory, stored orientation, RGB or RGBA.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

impl Pixels {
    fn pixel_type(&self) -> fr::PixelType {
        if self.alpha {
            fr::PixelType::U8x4
        } else {
            fr::PixelType::U8x3
        }
    }
}

/// Makes every planned variant of a photo.
pub fn encode(
    bytes: &Bytes,
    probe: &Probe,
    settings: &ImageSettings,
    planned: &[Variant],
) -> Result<Vec<Encoded>, VariantFailure> {
    if decoded_bytes(probe) > MAX_DECODED_BYTES {
        return Err(VariantFailure::TooLarge);
    }
    let turned = probe.orientation >= 5;
    let largest = planned.iter().fold((0, 0), |(w, h), variant| {
        let (width, height) = if turned {
            (variant.height, variant.width)
        } else {
            (variant.width, variant.height)
        };
        (w.max(width), h.max(height))
    });
    let original = decode(bytes, probe, largest)?;
    let icc = colour_profile(bytes, probe.format);
    let mut made: Vec<Pixels> = Vec::new();
    let mut encoded = Vec::with_capacity(planned.len());
    for variant in planned {
        if let Some(same) = encoded
            .iter()
            .find(|e: &&Encoded| e.variant.same_picture(variant))
        {
            let bytes = same.bytes.clone();
            encoded.push(Encoded {
                variant: *variant,
                bytes,
            });
            continue;
        }
        let (width, height) = if turned {
            (variant.height, variant.width)
        } else {
            (variant.width, variant.height)
        };
        let same_as_original = width == original.width && height == original.height;
        let index = match made
            .iter()
            .position(|p| p.width == width && p.height == height)
        {
            _ if same_as_original => None,
            Some(index) => Some(index),
            None => {
                let source = made
                    .iter()
                    .filter(|p| f64::from(p.width) >= 1.5 * f64::from(width))
                    .min_by_key(|p| p.width)
                    .unwrap_or(&original);
                let resized = resize(source, width, height)?;
                made.push(resized);
                Some(made.len() - 1)
            }
        };
        let sized = index.map_or(&original, |index| &made[index]);
        let turned_copy = orient(sized, probe.orientation)?;
        let upright = turned_copy.as_ref().unwrap_or(sized);
        let mut bytes = encode_one(upright, variant.format, settings)?;
        if let Some(icc) = &icc {
            bytes = with_colour_profile(bytes, variant.format, icc.clone());
        }
        encoded.push(Encoded {
            variant: *variant,
            bytes,
        });
    }
    Ok(encoded)
}

/// The photo's pixels, stored orientation: a JPEG at the smallest DCT
/// scale that still covers `at_least` (width, height), anything else whole.
fn decode(bytes: &Bytes, probe: &Probe, at_least: (u32, u32)) -> Result<Pixels, VariantFailure> {
    if probe.format == Format::Jpeg {
        if let Some(pixels) = scaled::decode(bytes, probe, at_least) {
            return Ok(pixels);
        }
    }
    decode_whole(bytes, probe)
}

fn decode_whole(bytes: &Bytes, probe: &Probe) -> Result<Pixels, VariantFailure> {
    let format = match probe.format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes.as_ref()), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES + MAX_DECODED_BYTES / 4);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|err| VariantFailure::Undecodable(err.to_string()))?;
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let data = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

fn resize(source: &Pixels, width: u32, height: u32) -> Result<Pixels, VariantFailure> {
    let unresizable = |err: &dyn std::fmt::Display| VariantFailure::Unencodable(err.to_string());
    let from = fr::images::ImageRef::new(
        source.width,
        source.height,
        &source.data,
        source.pixel_type(),
    )
    .map_err(|err| unresizable(&err))?;
    let mut to = fr::images::Image::new(width, height, source.pixel_type());
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::CatmullRom));
    fr::Resizer::new()
        .resize(&from, &mut to, &options)
        .map_err(|err| unresizable(&err))?;
    Ok(Pixels {
        width,
        height,
        alpha: source.alpha,
        data: to.into_vec(),
    })
}

/// A copy turned upright by the EXIF orientation; `None` when the pixels
/// are upright already.
fn orient(pixels: &Pixels, orientation: u8) -> Result<Option<Pixels>, VariantFailure> {
    let orientation = Orientation::from_exif(orientation).unwrap_or(Orientation::NoTransforms);
    if orientation == Orientation::NoTransforms {
        return Ok(None);
    }
    const SIZED: &str = "a buffer of width × height pixels";
    let mut image = if pixels.alpha {
        DynamicImage::ImageRgba8(
            ImageBuffer::from_raw(pixels.width, pixels.height, pixels.data.clone()).expect(SIZED),
        )
    } else {
        DynamicImage::ImageRgb8(
            ImageBuffer::from_raw(pixels.width, pixels.height, pixels.data.clone()).expect(SIZED),
        )
    };
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let data = if pixels.alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Some(Pixels {
        width,
        height,
        alpha: pixels.alpha,
        data,
    }))
}

fn encode_one(
    pixels: &Pixels,
    format: Format,
    settings: &ImageSettings,
) -> Result<Vec<u8>, VariantFailure> {
    let failed = |err: &dyn std::fmt::Display| VariantFailure::Unencodable(err.to_string());
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let width = u16::try_from(pixels.width).map_err(|err| failed(&err))?;
            let height = u16::try_from(pixels.height).map_err(|err| failed(&err))?;
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, settings.jpeg_quality);
            // Baseline, standard tables: smaller than progressive with
            // optimised tables (bench/IMAGES.md) in half the time; with
            // optimised tables, `jpeg-encoder`'s baseline copies of
            // portrait photos did not decode right (the orientation tests).
            encoder.set_optimized_huffman_tables(false);
            let colour = if pixels.alpha {
                jpeg_encoder::ColorType::Rgba
            } else {
                jpeg_encoder::ColorType::Rgb
            };
            encoder
                .encode(&pixels.data, width, height, colour)
                .map_err(|err| failed(&err))?;
        }
        Format::Png => {
            let colour = if pixels.alpha {
                image::ExtendedColorType::Rgba8
            } else {
                image::ExtendedColorType::Rgb8
            };
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(&pixels.data, pixels.width, pixels.height, colour)
                .map_err(|err| failed(&err))?;
        }
        Format::Webp => {
            let encoder = if pixels.alpha {
                webp::Encoder::from_rgba(&pixels.data, pixels.width, pixels.height)
            } else {
                webp::Encoder::from_rgb(&pixels.data, pixels.width, pixels.height)
            };
            let mut config =
                webp::WebPConfig::new().map_err(|()| failed(&"libwebp configuration"))?;
            config.quality = f32::from(settings.webp_quality);
            config.method = WEBP_METHOD;
            let memory = encoder
                .encode_advanced(&config)
                .map_err(|err| failed(&format!("{err:?}")))?;
            out.extend_from_slice(&memory);
        }
    }
    Ok(out)
}

/// Decoding a JPEG at a reduced DCT scale.
mod scaled {
    use std::io::Cursor;

    use jpeg_decoder::{Decoder, PixelFormat};

    use super::super::parts;
    use super::super::probe::{is_frame_header, Probe};
    use super::Pixels;

    /// The JPEG's pixels at the smallest scale of 1/8, 1/4 or 1/2 whose
    /// width and height are both at least `at_least`; `None` when no scale
    /// is that small, when the JPEG is not an 8-bit three-component one of
    /// the Huffman processes `jpeg-decoder` reads, or when it fails (the
    /// whole decoder then has its say).
    pub(super) fn decode(bytes: &[u8], probe: &Probe, at_least: (u32, u32)) -> Option<Pixels> {
        let eighths = [1, 2, 4]
            .into_iter()
            .find(|&eighths| covers(probe, eighths, at_least))?;
        if !is_plain_colour(bytes) {
            return None;
        }
        let width = u16::try_from(scaled(probe.width, eighths)).ok()?;
        let height = u16::try_from(scaled(probe.height, eighths)).ok()?;
        let mut decoder = Decoder::new(Cursor::new(bytes));
        let (out_width, out_height) = decoder.scale(width, height).ok()?;
        if decoder.info()?.pixel_format != PixelFormat::RGB24
            || (out_width, out_height) != (width, height)
        {
            return None;
        }
        let data = decoder.decode().ok()?;
        let (width, height) = (u32::from(width), u32::from(height));
        if data.len() as u64 != u64::from(width) * u64::from(height) * 3 {
            return None;
        }
        Some(Pixels {
            width,
            height,
            alpha: false,
            data,
        })
    }

    /// A side's length at `eighths`/8 of the scale, as the IDCT makes it.
    fn scaled(side: u32, eighths: u32) -> u32 {
        (side * eighths).div_ceil(8)
    }

    fn covers(probe: &Probe, eighths: u32, (width, height): (u32, u32)) -> bool {
        scaled(probe.width, eighths) >= width && scaled(probe.height, eighths) >= height
    }

    /// Whether the frame header says 8 bits and three components, in a
    /// Huffman-coded baseline, extended or progressive JPEG.
    fn is_plain_colour(bytes: &[u8]) -> bool {
        let Some((segments, _)) = parts::jpeg_header(bytes) else {
            return false;
        };
        segments
            .iter()
            .find(|segment| is_frame_header(segment.marker))
            .is_some_and(|frame| {
                let contents = bytes.get(frame.contents.clone()).unwrap_or_default();
                matches!(frame.marker, 0xC0..=0xC2)
                    && contents.first() == Some(&8)
                    && contents.get(5) == Some(&3)
            })
    }
}

/// The source's ICC colour profile, when it has one.
fn colour_profile(bytes: &Bytes, format: Format) -> Option<Bytes> {
    match format {
        Format::Jpeg => Jpeg::from_bytes(bytes.clone()).ok()?.icc_profile(),
        Format::Png => Png::from_bytes(bytes.clone()).ok()?.icc_profile(),
        Format::Webp => WebP::from_bytes(bytes.clone()).ok()?.icc_profile(),
    }
}

/// The encoded bytes with the colour profile added (unchanged when the
/// encoder's own output cannot be read back, which would be its bug).
fn with_colour_profile(bytes: Vec<u8>, format: Format, icc: Bytes) -> Vec<u8> {
    let bytes = Bytes::from(bytes);
    let added = match format {
        Format::Jpeg => Jpeg::from_bytes(bytes.clone()).ok().map(|mut jpeg| {
            jpeg.set_icc_profile(Some(icc));
            jpeg.encoder().bytes()
        }),
        Format::Png => Png::from_bytes(bytes.clone()).ok().map(|mut png| {
            png.set_icc_profile(Some(icc));
            png.encoder().bytes()
        }),
        Format::Webp => WebP::from_bytes(bytes.clone()).ok().map(|mut webp| {
            webp.set_icc_profile(Some(icc));
            webp.encoder().bytes()
        }),
    };
    added.unwrap_or(bytes).to_vec()
}

/// The size [`encode`] decodes a photo at when its variants need
/// `at_least` (stored orientation): `Some` when at a reduced scale.
#[cfg(test)]
pub(super) fn decoded_size(
    bytes: &Bytes,
    probe: &Probe,
    at_least: (u32, u32),
) -> Option<(u32, u32)> {
    scaled::decode(bytes, probe, at_least).map(|pixels| (pixels.width, pixels.height))
}
