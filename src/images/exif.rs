//! The little of EXIF the engine needs: read the orientation and whether a
//! GPS block is present from a TIFF-structured EXIF block, and write the one
//! EXIF block redvest ever publishes — the orientation tag and nothing else.
//!
//! It reads the first IFD only (where orientation and the GPS pointer live)
//! and never follows offsets outside the block, so a damaged block reads as
//! "nothing found", never as a panic.

/// The tag of the orientation in IFD0.
const TAG_ORIENTATION: u16 = 0x0112;
/// The tag of the pointer to the GPS IFD in IFD0.
const TAG_GPS_IFD: u16 = 0x8825;
/// TIFF type SHORT (16-bit unsigned).
const TYPE_SHORT: u16 = 3;

/// What the engine learns from an EXIF block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExifFacts {
    /// The orientation tag (1–8), when present and valid.
    pub orientation: Option<u8>,
    /// Whether IFD0 points to a GPS IFD.
    pub has_gps: bool,
}

/// Byte order of a TIFF block.
#[derive(Clone, Copy)]
enum Order {
    Little,
    Big,
}

impl Order {
    fn u16(self, bytes: &[u8], at: usize) -> Option<u16> {
        let pair: [u8; 2] = bytes.get(at..at + 2)?.try_into().ok()?;
        Some(match self {
            Order::Little => u16::from_le_bytes(pair),
            Order::Big => u16::from_be_bytes(pair),
        })
    }

    fn u32(self, bytes: &[u8], at: usize) -> Option<u32> {
        let quad: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(match self {
            Order::Little => u32::from_le_bytes(quad),
            Order::Big => u32::from_be_bytes(quad),
        })
    }
}

/// Strips the `Exif\0\0` prefix JPEG (and some WebP writers) put before the
/// TIFF header.
pub fn tiff_part(block: &[u8]) -> &[u8] {
    block.strip_prefix(b"Exif\0\0").unwrap_or(block)
}

/// Reads orientation and GPS presence from an EXIF block (with or without
/// the `Exif\0\0` prefix).
pub fn read_facts(block: &[u8]) -> ExifFacts {
    read_ifd0(tiff_part(block)).unwrap_or_default()
}

fn read_ifd0(tiff: &[u8]) -> Option<ExifFacts> {
    let order = match tiff.get(0..4)? {
        b"II*\0" => Order::Little,
        b"MM\0*" => Order::Big,
        _ => return None,
    };
    let ifd = order.u32(tiff, 4)? as usize;
    let count = order.u16(tiff, ifd)? as usize;
    let mut facts = ExifFacts::default();
    for index in 0..count {
        let entry = ifd + 2 + index * 12;
        let tag = order.u16(tiff, entry)?;
        match tag {
            TAG_ORIENTATION if order.u16(tiff, entry + 2)? == TYPE_SHORT => {
                let value = order.u16(tiff, entry + 8)?;
                facts.orientation = u8::try_from(value).ok().filter(|v| (1..=8).contains(v));
            }
            TAG_GPS_IFD => facts.has_gps = true,
            _ => {}
        }
    }
    Some(facts)
}

/// A TIFF block (no `Exif\0\0` prefix) whose only tag is the orientation:
/// what a JPEG keeps so that browsers still turn it the right way up.
pub fn orientation_only(orientation: u8) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0*");
    tiff.extend_from_slice(&8u32.to_be_bytes()); // IFD0 right after the header
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&TAG_ORIENTATION.to_be_bytes());
    tiff.extend_from_slice(&TYPE_SHORT.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&u16::from(orientation).to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // value padded to four bytes
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    tiff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orientation_only_block_reads_back_with_no_gps() {
        for orientation in 1..=8 {
            let facts = read_facts(&orientation_only(orientation));
            assert_eq!(facts.orientation, Some(orientation));
            assert!(!facts.has_gps);
        }
    }

    #[test]
    fn a_damaged_block_reads_as_nothing() {
        assert_eq!(read_facts(b"Exif\0\0II*\0\xff\xff"), ExifFacts::default());
        assert_eq!(read_facts(b""), ExifFacts::default());
        let mut cut = orientation_only(6);
        cut.truncate(14);
        assert_eq!(read_facts(&cut), ExifFacts::default());
    }
}
