//! What each part of a JPEG, PNG or WebP file is: picture (kept), colour
//! profile (kept: colour is not private), or metadata of some kind (EXIF,
//! XMP, IPTC, comments, text; dropped). [`super::probe`] counts the parts
//! and [`super::strip`] keeps only the first two kinds.
//!
//! The lists are lists of what is kept: a part this module does not know is
//! metadata, so nothing new slips through.

/// What a part of an image file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Pixels, or what is needed to decode them.
    Picture,
    /// An ICC colour profile.
    ColourProfile,
    /// An EXIF block (camera, time, orientation, maybe GPS).
    Exif,
    /// An XMP packet.
    Xmp,
    /// IPTC data in a Photoshop APP13 segment.
    Iptc,
    /// A comment (JPEG COM).
    Comment,
    /// A PNG text chunk (`tEXt`, `zTXt`, `iTXt`) or time stamp (`tIME`).
    Text,
    /// Anything else: maker blocks, multi-picture indexes, unknown chunks.
    Other,
}

impl Part {
    /// Whether a stripped file keeps this part.
    pub fn is_kept(self) -> bool {
        matches!(self, Part::Picture | Part::ColourProfile)
    }
}

/// JPEG markers of the segments that hold metadata or pictures.
mod marker {
    pub const APP0: u8 = 0xE0;
    pub const APP1: u8 = 0xE1;
    pub const APP2: u8 = 0xE2;
    pub const APP13: u8 = 0xED;
    pub const APP14: u8 = 0xEE;
    pub const APP15: u8 = 0xEF;
    pub const COM: u8 = 0xFE;
}

/// The part a JPEG segment is, from its marker and contents.
pub fn jpeg_segment(marker: u8, contents: &[u8]) -> Part {
    match marker {
        marker::APP0 if contents.starts_with(b"JFIF\0") || contents.starts_with(b"JFXX\0") => {
            Part::Picture
        }
        marker::APP1 if contents.starts_with(b"Exif\0") => Part::Exif,
        marker::APP1 if contents.starts_with(b"http://ns.adobe.com/") => Part::Xmp,
        marker::APP2 if contents.starts_with(b"ICC_PROFILE\0") => Part::ColourProfile,
        marker::APP13 => Part::Iptc,
        // Adobe's APP14 says how colours are transformed: needed to decode.
        marker::APP14 if contents.starts_with(b"Adobe") => Part::Picture,
        marker::COM => Part::Comment,
        marker::APP0..=marker::APP15 => Part::Other,
        _ => Part::Picture,
    }
}

/// The part a PNG chunk is, from its type.
pub fn png_chunk(kind: [u8; 4]) -> Part {
    match &kind {
        b"IHDR" | b"PLTE" | b"IDAT" | b"IEND" | b"tRNS" | b"gAMA" | b"cHRM" | b"sRGB" | b"sBIT"
        | b"bKGD" | b"pHYs" | b"hIST" | b"sPLT" | b"acTL" | b"fcTL" | b"fdAT" | b"cICP"
        | b"mDCv" | b"cLLi" => Part::Picture,
        b"iCCP" => Part::ColourProfile,
        b"eXIf" => Part::Exif,
        b"tEXt" | b"zTXt" | b"tIME" => Part::Text,
        // XMP lives in an iTXt chunk under this keyword.
        b"iTXt" => Part::Text,
        _ => Part::Other,
    }
}

/// The part a PNG `iTXt` chunk is, looking at its keyword.
pub fn png_itxt(contents: &[u8]) -> Part {
    if contents.starts_with(b"XML:com.adobe.xmp\0") {
        Part::Xmp
    } else {
        Part::Text
    }
}

/// The part a WebP chunk is, from its id.
pub fn webp_chunk(id: [u8; 4]) -> Part {
    match &id {
        b"VP8 " | b"VP8L" | b"VP8X" | b"ALPH" | b"ANIM" | b"ANMF" => Part::Picture,
        b"ICCP" => Part::ColourProfile,
        b"EXIF" => Part::Exif,
        b"XMP " => Part::Xmp,
        _ => Part::Other,
    }
}

/// A JPEG segment before the first scan: its marker and where it lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JpegSegment {
    /// The marker byte (after 0xFF).
    pub marker: u8,
    /// The whole segment in the file: marker, length and contents.
    pub whole: std::ops::Range<usize>,
    /// The contents (after the two length bytes).
    pub contents: std::ops::Range<usize>,
}

/// The segments of a JPEG up to and including its first scan header, and
/// where the entropy-coded data after that header starts. `None` when the
/// file is not a JPEG or is cut short.
pub fn jpeg_header(bytes: &[u8]) -> Option<(Vec<JpegSegment>, usize)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut segments = Vec::new();
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            0xFF => at += 1,               // fill byte
            0x01 | 0xD0..=0xD7 => at += 2, // no length
            0xD8 | 0xD9 => return None,
            _ => {
                let length = usize::from(u16::from_be_bytes([
                    *bytes.get(at + 2)?,
                    *bytes.get(at + 3)?,
                ]));
                if length < 2 || at + 2 + length > bytes.len() {
                    return None;
                }
                let whole = at..at + 2 + length;
                segments.push(JpegSegment {
                    marker,
                    whole: whole.clone(),
                    contents: at + 4..whole.end,
                });
                at = whole.end;
                if marker == 0xDA {
                    return Some((segments, at));
                }
            }
        }
    }
}

/// How the entropy-coded data after a JPEG's first scan header ends.
pub struct ScanEnd {
    /// The bytes of the picture up to and including its end marker, with any
    /// metadata segments between progressive scans left out.
    pub picture: Vec<u8>,
    /// Whether metadata segments between scans were left out.
    pub dropped_segments: bool,
    /// Whether bytes followed the end marker (phones append a second,
    /// multi-picture image there, with its own EXIF).
    pub trailing: bool,
}

/// Walks the entropy-coded data after the first scan header: keeps scans and the tables between them, drops application
/// segments and comments between scans, and stops at the end marker.
/// Returns `None` when the data is cut short.
pub fn jpeg_scans(entropy: &[u8]) -> Option<ScanEnd> {
    let mut picture = Vec::with_capacity(entropy.len());
    let mut dropped_segments = false;
    let mut at = 0;
    loop {
        let rest = entropy.get(at..)?;
        let ff = memchr::memchr(0xFF, rest)?;
        picture.extend_from_slice(&rest[..ff]);
        at += ff;
        let next = *entropy.get(at + 1)?;
        match next {
            // Stuffed byte, restart marker: data. A fill byte: look again.
            0x00 | 0xD0..=0xD7 => {
                picture.extend_from_slice(&[0xFF, next]);
                at += 2;
            }
            0xFF => {
                at += 1;
            }
            0xD9 => {
                picture.extend_from_slice(&[0xFF, 0xD9]);
                let trailing = entropy.len() > at + 2;
                return Some(ScanEnd {
                    picture,
                    dropped_segments,
                    trailing,
                });
            }
            marker => {
                let length = usize::from(u16::from_be_bytes([
                    *entropy.get(at + 2)?,
                    *entropy.get(at + 3)?,
                ]));
                let segment = entropy.get(at..at + 2 + length)?;
                if jpeg_segment(marker, segment.get(4..)?).is_kept() {
                    picture.extend_from_slice(segment);
                } else {
                    dropped_segments = true;
                }
                at += 2 + length;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_parts_are_metadata() {
        assert_eq!(png_chunk(*b"prVt"), Part::Other);
        assert_eq!(webp_chunk(*b"ABCD"), Part::Other);
        assert_eq!(jpeg_segment(0xE5, b"anything"), Part::Other);
        assert!(!Part::Other.is_kept());
    }

    #[test]
    fn scans_stop_at_the_end_marker_and_drop_segments_between_scans() {
        let mut entropy = vec![1, 2, 0xFF, 0x00, 3, 0xFF, 0xD0, 4];
        entropy.extend_from_slice(&[0xFF, 0xFE, 0, 5, b'h', b'i', b'!']); // COM
        entropy.extend_from_slice(&[0xFF, 0xC4, 0, 3, 9]); // DHT
        entropy.extend_from_slice(&[5, 0xFF, 0xD9, 0xFF, 0xD8, 7]);
        let end = jpeg_scans(&entropy).expect("complete");
        assert_eq!(
            end.picture,
            vec![1, 2, 0xFF, 0x00, 3, 0xFF, 0xD0, 4, 0xFF, 0xC4, 0, 3, 9, 5, 0xFF, 0xD9]
        );
        assert!(end.dropped_segments);
        assert!(end.trailing);
    }

    #[test]
    fn scans_cut_short_are_refused() {
        assert!(jpeg_scans(&[1, 2, 3]).is_none());
        assert!(jpeg_scans(&[1, 0xFF, 0xC4, 0, 9, 1]).is_none());
    }
}
