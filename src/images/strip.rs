//! [`strip`]: the same picture without its metadata, and without
//! re-encoding a pixel — for originals published as they are.
//!
//! Removed: EXIF (with GPS), XMP, IPTC/Photoshop APP13, comments, PNG
//! `tEXt`/`zTXt`/`iTXt`/`tIME`/`eXIf`, WebP `EXIF`/`XMP `, maker segments,
//! unknown chunks, and anything after a JPEG's end (the second picture that
//! phones append, with its own EXIF). Kept: the picture and its ICC colour
//! profile.
//!
//! Orientation: a photo taken with the phone turned stores its pixels
//! sideways and an EXIF tag that says how to turn them. Turning the pixels
//! means re-encoding, which costs quality and time, so a stripped file keeps
//! a new EXIF block holding that one tag and nothing else (26 bytes, no
//! camera, no time, no place): browsers turn JPEGs by it (CSS
//! `image-orientation: from-image` is their default). The resized variants
//! ([`super::variants`]) are turned for real and carry no EXIF at all.

use img_parts::png::{Png, PngChunk};
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

use super::exif;
use super::parts::{self, Part};
use super::probe::{Format, Probe};

/// A stripped file.
#[derive(Debug, Clone)]
pub struct Stripped {
    /// Its bytes.
    pub bytes: Bytes,
    /// Whether anything was removed (when not, `bytes` is the original).
    pub changed: bool,
}

/// Removes every part of the file that is not picture or colour profile;
/// keeps the orientation as the only EXIF tag when it is not 1. `None` when
/// the file's structure is broken (the probe would have said so first).
pub fn strip(bytes: &Bytes, probe: &Probe) -> Option<Stripped> {
    if !probe.metadata.has_private() {
        return Some(Stripped {
            bytes: bytes.clone(),
            changed: false,
        });
    }
    let orientation = (probe.orientation != 1).then(|| exif::orientation_only(probe.orientation));
    let stripped = match probe.format {
        Format::Jpeg => strip_jpeg(bytes, orientation)?,
        Format::Png => strip_png(bytes, orientation)?,
        Format::Webp => strip_webp(bytes, orientation)?,
    };
    Some(Stripped {
        bytes: stripped,
        changed: true,
    })
}

fn strip_jpeg(bytes: &[u8], orientation: Option<Vec<u8>>) -> Option<Bytes> {
    let (segments, scans_start) = parts::jpeg_header(bytes)?;
    let scans = parts::jpeg_scans(&bytes[scans_start..])?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation = orientation;
    for segment in &segments {
        let part = parts::jpeg_segment(segment.marker, &bytes[segment.contents.clone()]);
        // The new EXIF goes after JFIF (APP0), before everything else.
        if segment.marker != 0xE0 {
            if let Some(tiff) = orientation.take() {
                push_exif_segment(&mut out, &tiff);
            }
        }
        if part.is_kept() {
            out.extend_from_slice(&bytes[segment.whole.clone()]);
        }
    }
    out.extend_from_slice(&scans.picture);
    Some(Bytes::from(out))
}

fn push_exif_segment(out: &mut Vec<u8>, tiff: &[u8]) {
    let length = u16::try_from(2 + 6 + tiff.len()).expect("a 26-byte block fits a segment");
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
}

fn strip_png(bytes: &Bytes, orientation: Option<Vec<u8>>) -> Option<Bytes> {
    let mut png = Png::from_bytes(bytes.clone()).ok()?;
    png.chunks_mut()
        .retain(|chunk| parts::png_chunk(chunk.kind()).is_kept());
    if let Some(tiff) = orientation {
        // eXIf must come before the image data: right after IHDR.
        let at = png.chunks().len().min(1);
        png.chunks_mut()
            .insert(at, PngChunk::new(*b"eXIf", Bytes::from(tiff)));
    }
    Some(png.encoder().bytes())
}

fn strip_webp(bytes: &Bytes, orientation: Option<Vec<u8>>) -> Option<Bytes> {
    let mut webp = WebP::from_bytes(bytes.clone()).ok()?;
    webp.chunks_mut().retain(|chunk| {
        parts::webp_chunk(chunk.id()) == Part::Picture
            || parts::webp_chunk(chunk.id()) == Part::ColourProfile
    });
    // set_exif also sets the VP8X flags to match what is left.
    webp.set_exif(orientation.map(Bytes::from));
    Some(webp.encoder().bytes())
}
