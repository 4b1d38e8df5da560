//! PNG: a code as a one-bit greyscale image, one pixel a module, without
//! the quiet zone (the page's style gives the light margin). A page URL's
//! code is 21 to 41 modules wide, so its image is 100 to 300 bytes: stored,
//! not compressed. A QR code's modules are close to random: deflate at its
//! best level saves a median of 11 bytes of a 266-byte image (500 pages of
//! the benchmark corpus), not worth a compressor on every page.

use super::*;

/// A QR code as a PNG file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPng {
    /// Width and height in modules (and pixels), without quiet zone.
    pub size: usize,
    /// The PNG file.
    pub bytes: Vec<u8>,
}

/// The eight bytes every PNG file starts with.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// The most a stored deflate block holds.
const STORED_MAX: usize = 0xFFFF;

/// The PNG of a code `width` modules wide whose rows are given as packed
/// bytes (see [`packed_word`], [`packed_modules`]): each row is its
/// scanline, dark modules black.
pub(crate) fn png_of<R>(rows: impl Iterator<Item = R>, width: usize) -> Option<QrPng>
where
    R: Iterator<Item = u8>,
{
    let stride = width.div_ceil(8);
    let mut raw = Vec::with_capacity(width * (stride + 1));
    for row in rows {
        // Filter type 0 (none), then the row's bits.
        raw.push(0);
        raw.extend(row.take(stride));
    }
    let side = u32::try_from(width).ok()?;
    let mut bytes = Vec::with_capacity(raw.len() + 80);
    bytes.extend_from_slice(&SIGNATURE);
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    // Bit depth 1, greyscale, deflate, no filtering choice, no interlace.
    header.extend_from_slice(&[1, 0, 0, 0, 0]);
    chunk(&mut bytes, *b"IHDR", &header);
    chunk(&mut bytes, *b"IDAT", &zlib_stored(&raw));
    chunk(&mut bytes, *b"IEND", &[]);
    Some(QrPng { size: width, bytes })
}

/// Row `row` of `width` modules, bit `x` module `x`, as scanline bytes:
/// the leftmost module in the highest bit, 0 for dark.
pub(crate) fn packed_word<W: Word>(row: W, width: usize) -> impl Iterator<Item = u8> {
    (0..width.div_ceil(8)).map(move |k| !row.byte(k).reverse_bits())
}

/// A row of modules as scanline bytes (see [`packed_word`]).
pub(crate) fn packed_modules(row: &[bool]) -> impl Iterator<Item = u8> + '_ {
    row.chunks(8).map(|eight| {
        let dark = eight
            .iter()
            .enumerate()
            .fold(0u8, |bits, (i, &m)| bits | (u8::from(m) << (7 - i)));
        !dark
    })
}

/// Appends the chunk `kind` holding `data`, with its length and CRC.
fn chunk(out: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(&kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// `data` as a zlib stream of stored (uncompressed) deflate blocks.
pub(crate) fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let blocks = data.len().div_ceil(STORED_MAX).max(1);
    let mut out = Vec::with_capacity(data.len() + 5 * blocks + 6);
    // Deflate, 32 KiB window, no dictionary, fastest: 0x7801 is a multiple of 31.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut parts = data.chunks(STORED_MAX).peekable();
    if parts.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(part) = parts.next() {
        let last = u8::from(parts.peek().is_none());
        let len = u16::try_from(part.len()).unwrap_or(u16::MAX);
        out.push(last);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The Adler-32 checksum zlib ends a stream with.
pub(crate) fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5,552 bytes is the most that can be summed before `b` could overflow.
    for part in data.chunks(5552) {
        for &byte in part {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}
