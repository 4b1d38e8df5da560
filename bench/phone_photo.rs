//! Photos as phones make them, for tests and the image benchmark: photo-like
//! pixels (soft shapes, gradients and sensor grain, so that JPEG sizes are
//! realistic) and the metadata phones write — a real TIFF-structured EXIF
//! block with camera, time, orientation and a GPS IFD (N43°35′ E123°52′),
//! an XMP packet, IPTC, a comment, PNG text chunks.
//!
//! Shared by `scripts/make_test_photos.rs` and `bench/image_bench.rs`.

#![allow(dead_code)]

use img_parts::png::{Png, PngChunk};
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

/// A small deterministic random source (xorshift64*).
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Self {
        Noise(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in 0..1.
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// A grid of random values, one per `cell`×`cell` pixels, read back with
/// smooth interpolation: texture at one scale (leaves, gravel, cloth).
struct ValueNoise {
    cell: f32,
    columns: usize,
    values: Vec<f32>,
}

impl ValueNoise {
    fn new(width: u32, height: u32, cell: u32, noise: &mut Noise) -> Self {
        let columns = (width / cell + 2) as usize;
        let rows = (height / cell + 2) as usize;
        let values = (0..columns * rows).map(|_| noise.unit() - 0.5).collect();
        ValueNoise {
            cell: cell as f32,
            columns,
            values,
        }
    }

    fn at(&self, x: u32, y: u32) -> f32 {
        let fx = x as f32 / self.cell;
        let fy = y as f32 / self.cell;
        let (cx, cy) = (fx as usize, fy as usize);
        let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
        let (tx, ty) = (smooth(fx - cx as f32), smooth(fy - cy as f32));
        let v = |col: usize, row: usize| self.values[row * self.columns + col];
        let top = v(cx, cy) + (v(cx + 1, cy) - v(cx, cy)) * tx;
        let bottom = v(cx, cy + 1) + (v(cx + 1, cy + 1) - v(cx, cy + 1)) * tx;
        top + (bottom - top) * ty
    }
}

/// RGB pixels that compress like a photo: a sky-to-ground gradient, soft
/// blobs of colour, texture at two scales, and per-pixel sensor grain of
/// `grain` levels.
pub fn photo_pixels(width: u32, height: u32, seed: u64, grain: f32) -> Vec<u8> {
    let mut noise = Noise::new(seed);
    let blobs: Vec<[f32; 6]> = (0..24)
        .map(|_| {
            [
                noise.unit() * width as f32,
                noise.unit() * height as f32,
                (0.03 + noise.unit() * 0.25) * width as f32,
                noise.unit() * 160.0 - 80.0,
                noise.unit() * 160.0 - 80.0,
                noise.unit() * 160.0 - 80.0,
            ]
        })
        .collect();
    let fine = ValueNoise::new(width, height, 9, &mut noise);
    let coarse = ValueNoise::new(width, height, 31, &mut noise);
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 3);
    for y in 0..height {
        let fy = y as f32 / height as f32;
        for x in 0..width {
            let fx = x as f32 / width as f32;
            let mut rgb = [
                90.0 + 100.0 * fy,
                130.0 + 40.0 * (fx * 6.0).sin(),
                200.0 - 120.0 * fy,
            ];
            for blob in &blobs {
                let dx = x as f32 - blob[0];
                let dy = y as f32 - blob[1];
                let d2 = (dx * dx + dy * dy) / (blob[2] * blob[2]);
                if d2 < 4.0 {
                    let weight = (1.0 - d2 / 4.0).powi(2);
                    for (channel, value) in rgb.iter_mut().enumerate() {
                        *value += weight * blob[3 + channel];
                    }
                }
            }
            // Texture shows on the lower part (the ground), the sky stays smooth.
            let texture = fy * (36.0 * fine.at(x, y) + 60.0 * coarse.at(x, y));
            for value in rgb {
                let grain = (noise.unit() - 0.5) * grain;
                pixels.push((value + texture + grain).clamp(0.0, 255.0) as u8);
            }
        }
    }
    pixels
}

/// Draws a solid square of `rgb` with its top-left corner at (x, y).
pub fn paint_square(pixels: &mut [u8], width: u32, x: u32, y: u32, side: u32, rgb: [u8; 3]) {
    for row in y..y + side {
        for col in x..x + side {
            let at = (row as usize * width as usize + col as usize) * 3;
            pixels[at..at + 3].copy_from_slice(&rgb);
        }
    }
}

/// An IFD entry being written: tag, type, count, and the value bytes
/// (inline when four or fewer, else stored after the IFD).
struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    value: Vec<u8>,
}

const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;

fn ascii(tag: u16, text: &str) -> Entry {
    let mut value = text.as_bytes().to_vec();
    value.push(0);
    Entry {
        tag,
        kind: ASCII,
        count: value.len() as u32,
        value,
    }
}

fn short(tag: u16, v: u16) -> Entry {
    Entry {
        tag,
        kind: SHORT,
        count: 1,
        value: v.to_be_bytes().to_vec(),
    }
}

fn long(tag: u16, v: u32) -> Entry {
    Entry {
        tag,
        kind: LONG,
        count: 1,
        value: v.to_be_bytes().to_vec(),
    }
}

fn rationals(tag: u16, values: &[(u32, u32)]) -> Entry {
    let mut value = Vec::new();
    for (n, d) in values {
        value.extend_from_slice(&n.to_be_bytes());
        value.extend_from_slice(&d.to_be_bytes());
    }
    Entry {
        tag,
        kind: RATIONAL,
        count: values.len() as u32,
        value,
    }
}

/// Writes an IFD at `at` (an offset in `tiff`, which must be its length),
/// big-endian, its long values after it; `next` is the next IFD's offset.
fn write_ifd(tiff: &mut Vec<u8>, entries: &[Entry], next: u32) {
    let start = tiff.len();
    let mut data_at = start + 2 + entries.len() * 12 + 4;
    let mut data = Vec::new();
    tiff.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    for entry in entries {
        tiff.extend_from_slice(&entry.tag.to_be_bytes());
        tiff.extend_from_slice(&entry.kind.to_be_bytes());
        tiff.extend_from_slice(&entry.count.to_be_bytes());
        if entry.value.len() <= 4 {
            let mut inline = entry.value.clone();
            inline.resize(4, 0);
            tiff.extend_from_slice(&inline);
        } else {
            tiff.extend_from_slice(&(data_at as u32).to_be_bytes());
            data.extend_from_slice(&entry.value);
            if entry.value.len() % 2 == 1 {
                data.push(0);
            }
            data_at = start + 2 + entries.len() * 12 + 4 + data.len();
        }
    }
    tiff.extend_from_slice(&next.to_be_bytes());
    tiff.extend_from_slice(&data);
}

/// The size an IFD takes when written by [`write_ifd`].
fn ifd_len(entries: &[Entry]) -> usize {
    2 + entries.len() * 12
        + 4
        + entries
            .iter()
            .filter(|e| e.value.len() > 4)
            .map(|e| e.value.len() + e.value.len() % 2)
            .sum::<usize>()
}

/// A TIFF-structured EXIF block (no `Exif\0\0` prefix) as a phone writes
/// it: IFD0 with make, model, orientation, date and pointers to an EXIF IFD
/// and a GPS IFD holding latitude N43°35′12″ and longitude E123°52′30″.
pub fn exif_with_gps(orientation: u16) -> Vec<u8> {
    let ifd0_at = 8u32;
    // IFD0's size does not depend on the pointer values, so lay out with 0s.
    let ifd0 = |exif_at: u32, gps_at: u32| {
        vec![
            ascii(0x010F, "HUAWEI"),
            ascii(0x0110, "ELE-AL00"),
            short(0x0112, orientation),
            ascii(0x0132, "2024:05:18 09:30:12"),
            long(0x8769, exif_at),
            long(0x8825, gps_at),
        ]
    };
    let exif_ifd = vec![
        ascii(0x9003, "2024:05:18 09:30:12"),
        ascii(0xA420, "a1b2c3d4e5f60718293a4b5c6d7e8f90"), // ImageUniqueID
    ];
    let gps_ifd = vec![
        Entry {
            tag: 0x0000,
            kind: 1,
            count: 4,
            value: vec![2, 3, 0, 0],
        },
        ascii(0x0001, "N"),
        rationals(0x0002, &[(43, 1), (35, 1), (1200, 100)]),
        ascii(0x0003, "E"),
        rationals(0x0004, &[(123, 1), (52, 1), (3000, 100)]),
    ];
    let exif_at = ifd0_at + ifd_len(&ifd0(0, 0)) as u32;
    let gps_at = exif_at + ifd_len(&exif_ifd) as u32;
    let mut tiff = b"MM\0*".to_vec();
    tiff.extend_from_slice(&ifd0_at.to_be_bytes());
    write_ifd(&mut tiff, &ifd0(exif_at, gps_at), 0);
    write_ifd(&mut tiff, &exif_ifd, 0);
    write_ifd(&mut tiff, &gps_ifd, 0);
    tiff
}

/// An XMP packet with a place and a creator, as editing apps write it.
pub fn xmp_packet() -> Vec<u8> {
    concat!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
        "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " exif:GPSLatitude=\"43,35.2N\" exif:GPSLongitude=\"123,52.5E\" dc:creator=\"张志愿\"/>",
        "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    )
    .as_bytes()
    .to_vec()
}

fn jpeg_segment(marker: u8, contents: &[u8]) -> Vec<u8> {
    let mut segment = vec![0xFF, marker];
    segment.extend_from_slice(&((contents.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(contents);
    segment
}

/// A JPEG of `rgb` with EXIF (GPS, the given orientation), XMP, IPTC and a
/// comment, in the order phones and editors write them.
pub fn jpeg_with_metadata(
    rgb: &[u8],
    width: u32,
    height: u32,
    quality: u8,
    orientation: u16,
) -> Vec<u8> {
    let mut plain = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut plain, quality);
    encoder
        .encode(
            rgb,
            width as u16,
            height as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("pixels match the size");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_with_gps(orientation));
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(&xmp_packet());
    let mut iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0c".to_vec();
    iptc.extend_from_slice(b"\x1c\x02\x5a\0\x06\xe6\xb2\x88\xe9\x98\xb3"); // City: 沈阳
    let mut out = vec![0xFF, 0xD8];
    out.extend(jpeg_segment(0xE1, &exif));
    out.extend(jpeg_segment(0xE1, &xmp));
    out.extend(jpeg_segment(0xED, &iptc));
    out.extend(jpeg_segment(0xFE, "拍摄于志愿服务站".as_bytes()));
    // The encoder's own output after its SOI.
    out.extend_from_slice(&plain[2..]);
    out
}

/// A PNG of `rgb` with an eXIf chunk (GPS), tEXt, zTXt, an XMP iTXt and tIME.
pub fn png_with_metadata(rgb: &[u8], width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let mut plain = Vec::new();
    image::codecs::png::PngEncoder::new(&mut plain)
        .write_image(rgb, width, height, image::ExtendedColorType::Rgb8)
        .expect("pixels match the size");
    let mut png = Png::from_bytes(Bytes::from(plain)).expect("own PNG");
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend_from_slice(&xmp_packet());
    let chunks = [
        (*b"eXIf", exif_with_gps(1)),
        (*b"tEXt", b"Comment\0GPS 43.5867N 123.875E".to_vec()),
        (
            *b"zTXt",
            b"Author\0\0\x78\x9c\x4b\x4c\x4a\x06\x00\x02\x4d\x01\x27".to_vec(),
        ),
        (*b"iTXt", itxt),
        (*b"tIME", vec![0x07, 0xE8, 5, 18, 9, 30, 12]),
    ];
    for (at, (kind, contents)) in chunks.into_iter().enumerate() {
        png.chunks_mut()
            .insert(1 + at, PngChunk::new(kind, Bytes::from(contents)));
    }
    png.encoder().bytes().to_vec()
}

/// A lossy WebP of `rgb` with an EXIF chunk (GPS) and an XMP chunk.
pub fn webp_with_metadata(rgb: &[u8], width: u32, height: u32, quality: f32) -> Vec<u8> {
    let plain = webp::Encoder::from_rgb(rgb, width, height).encode(quality);
    let mut webp = WebP::from_bytes(Bytes::copy_from_slice(&plain)).expect("own WebP");
    webp.chunks_mut().push(img_parts::riff::RiffChunk::new(
        *b"XMP ",
        img_parts::riff::RiffContent::Data(Bytes::from(xmp_packet())),
    ));
    // Sets the VP8X flags for both chunks.
    webp.set_exif(Some(Bytes::from(exif_with_gps(1))));
    webp.encoder().bytes().to_vec()
}
