//! [`probe`]: what a photo is — format (from its bytes, never its name),
//! pixel size, orientation, which metadata it carries, and whether it is big
//! enough to warn about — read from the file's structure without decoding a
//! pixel.

use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::Bytes;

use super::exif;
use super::parts::{self, Part};

/// A photo over this many bytes is worth a warning.
pub const WARN_BYTES: u64 = 20 * 1024 * 1024;
/// A photo over this many pixels on a side is worth a warning.
pub const WARN_SIDE: u32 = 8000;

/// An image format the engine reads and writes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Format {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
}

impl Format {
    /// Recognises a format from the first bytes of a file.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Format::Webp)
        } else {
            None
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The media type, for `<source type="…">`.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// Which kinds of metadata a file carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Metadata {
    /// An EXIF block.
    pub exif: bool,
    /// A GPS block inside the EXIF (a place: never published).
    pub gps: bool,
    /// An XMP packet.
    pub xmp: bool,
    /// IPTC (Photoshop APP13).
    pub iptc: bool,
    /// A JPEG comment.
    pub comment: bool,
    /// PNG text chunks or time stamps.
    pub text: bool,
    /// An ICC colour profile (kept when stripping).
    pub icc: bool,
    /// Other parts: maker blocks, unknown chunks, data after the image.
    pub other: bool,
}

impl Metadata {
    /// Whether anything but the colour profile is there, i.e. whether
    /// stripping changes the file.
    pub fn has_private(&self) -> bool {
        self.exif || self.gps || self.xmp || self.iptc || self.comment || self.text || self.other
    }

    fn note(&mut self, part: Part) {
        match part {
            Part::Picture => {}
            Part::ColourProfile => self.icc = true,
            Part::Exif => self.exif = true,
            Part::Xmp => self.xmp = true,
            Part::Iptc => self.iptc = true,
            Part::Comment => self.comment = true,
            Part::Text => self.text = true,
            Part::Other => self.other = true,
        }
    }

    fn note_exif(&mut self, block: &[u8]) -> exif::ExifFacts {
        let facts = exif::read_facts(block);
        self.gps |= facts.has_gps;
        facts
    }
}

/// What [`probe`] found out about a photo (serialisable: the memo of
/// sources keeps it, see [`memo`](super::memo)).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Probe {
    /// The format, from the bytes.
    pub format: Format,
    /// Width of the stored pixels.
    pub width: u32,
    /// Height of the stored pixels.
    pub height: u32,
    /// The EXIF orientation (1 = as stored; 5–8 swap width and height).
    pub orientation: u8,
    /// The metadata it carries.
    pub metadata: Metadata,
    /// The size of the file in bytes.
    pub byte_len: u64,
}

/// Something about a photo the caller should warn of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeWarning {
    /// The file is over [`WARN_BYTES`].
    ManyBytes {
        /// Its size in bytes.
        bytes: u64,
    },
    /// A side is over [`WARN_SIDE`] pixels.
    ManyPixels {
        /// Displayed width.
        width: u32,
        /// Displayed height.
        height: u32,
    },
}

/// Why a file could not be probed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeFailure {
    /// Not a JPEG, PNG or WebP.
    UnknownFormat,
    /// The format is known but its structure is broken or cut short.
    Damaged(Format),
}

impl Probe {
    /// Width and height as the photo is seen, orientation applied.
    pub fn display_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// What the caller should warn of (empty for an ordinary photo).
    pub fn warnings(&self) -> Vec<ProbeWarning> {
        let mut warnings = Vec::new();
        if self.byte_len > WARN_BYTES {
            warnings.push(ProbeWarning::ManyBytes {
                bytes: self.byte_len,
            });
        }
        let (width, height) = self.display_size();
        if width > WARN_SIDE || height > WARN_SIDE {
            warnings.push(ProbeWarning::ManyPixels { width, height });
        }
        warnings
    }
}

/// Reads a photo's format, size, orientation and metadata from its bytes.
/// Only the file's structure is read: no pixel is decoded.
pub fn probe(bytes: &Bytes) -> Result<Probe, ProbeFailure> {
    let format = Format::sniff(bytes).ok_or(ProbeFailure::UnknownFormat)?;
    let damaged = ProbeFailure::Damaged(format);
    let (width, height, orientation, metadata) = match format {
        Format::Jpeg => probe_jpeg(bytes).ok_or(damaged)?,
        Format::Png => probe_png(bytes.clone()).ok_or(damaged)?,
        Format::Webp => probe_webp(bytes.clone()).ok_or(damaged)?,
    };
    if width == 0 || height == 0 {
        return Err(damaged);
    }
    Ok(Probe {
        format,
        width,
        height,
        orientation,
        metadata,
        byte_len: bytes.len() as u64,
    })
}

type Facts = (u32, u32, u8, Metadata);

fn probe_jpeg(bytes: &[u8]) -> Option<Facts> {
    let (segments, scans_start) = parts::jpeg_header(bytes)?;
    let mut metadata = Metadata::default();
    let mut orientation = None;
    let mut size = None;
    for segment in &segments {
        let contents = &bytes[segment.contents.clone()];
        let part = parts::jpeg_segment(segment.marker, contents);
        metadata.note(part);
        if part == Part::Exif && orientation.is_none() {
            orientation = metadata.note_exif(contents).orientation;
        }
        if is_frame_header(segment.marker) && size.is_none() {
            let height = u16::from_be_bytes([*contents.get(1)?, *contents.get(2)?]);
            let width = u16::from_be_bytes([*contents.get(3)?, *contents.get(4)?]);
            size = Some((u32::from(width), u32::from(height)));
        }
    }
    let scans = parts::jpeg_scans(&bytes[scans_start..])?;
    metadata.other |= scans.dropped_segments || scans.trailing;
    let (width, height) = size?;
    Some((width, height, orientation.unwrap_or(1), metadata))
}

/// Whether a marker starts a frame header (SOF0–SOF15 but DHT, JPG, DAC).
pub(super) fn is_frame_header(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

fn probe_png(bytes: Bytes) -> Option<Facts> {
    let png = Png::from_bytes(bytes).ok()?;
    let mut metadata = Metadata::default();
    let mut orientation = None;
    for chunk in png.chunks() {
        let part = match parts::png_chunk(chunk.kind()) {
            Part::Text if &chunk.kind() == b"iTXt" => parts::png_itxt(chunk.contents()),
            part => part,
        };
        metadata.note(part);
        if part == Part::Exif && orientation.is_none() {
            orientation = metadata.note_exif(chunk.contents()).orientation;
        }
    }
    let (width, height) = png.dimensions()?;
    Some((width, height, orientation.unwrap_or(1), metadata))
}

fn probe_webp(bytes: Bytes) -> Option<Facts> {
    let webp = WebP::from_bytes(bytes).ok()?;
    let mut metadata = Metadata::default();
    let mut orientation = None;
    for chunk in webp.chunks() {
        let part = parts::webp_chunk(chunk.id());
        metadata.note(part);
        if part == Part::Exif && orientation.is_none() {
            let data = chunk.content().data()?;
            orientation = metadata.note_exif(data).orientation;
        }
    }
    let (width, height) = webp.dimensions()?;
    Some((width, height, orientation.unwrap_or(1), metadata))
}
