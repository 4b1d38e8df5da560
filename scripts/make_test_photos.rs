//! Makes the test photos under `tests/fixtures/photos/`: small real JPEG,
//! PNG and WebP files carrying the metadata phones write (EXIF with a GPS
//! position, XMP, IPTC, comments, PNG text), and one JPEG stored sideways
//! with EXIF orientation 6, as a phone held upright saves it.
//!
//!     cargo run --example make-test-photos [-- OUTPUT_DIR]
//!
//! The output is deterministic; the files are committed, each under 100 KB.

#[path = "../bench/phone_photo.rs"]
mod phone_photo;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("tests/fixtures/photos"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;

    let (w, h) = (640, 480);
    let rgb = phone_photo::photo_pixels(w, h, 1, 4.0);
    let jpeg = phone_photo::jpeg_with_metadata(&rgb, w, h, 75, 1);
    std::fs::write(dir.join("gps.jpg"), jpeg)?;

    // Stored sideways (640 × 480); orientation 6 says "turn 90° clockwise",
    // so it is seen as 480 × 640. The red square at the stored top-left
    // corner is seen at the top-right corner, the blue one at the stored
    // bottom-left is seen at the top-left.
    let mut sideways = phone_photo::photo_pixels(w, h, 2, 4.0);
    phone_photo::paint_square(&mut sideways, w, 0, 0, 96, [230, 20, 20]);
    phone_photo::paint_square(&mut sideways, w, 0, h - 96, 96, [20, 20, 230]);
    let rotated = phone_photo::jpeg_with_metadata(&sideways, w, h, 75, 6);
    std::fs::write(dir.join("rotated.jpg"), rotated)?;

    let (pw, ph) = (320, 240);
    let smooth = phone_photo::photo_pixels(pw, ph, 3, 0.0);
    std::fs::write(
        dir.join("gps.png"),
        phone_photo::png_with_metadata(&smooth, pw, ph),
    )?;

    let webp = phone_photo::webp_with_metadata(&rgb, w, h, 70.0);
    std::fs::write(dir.join("gps.webp"), webp)?;

    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        println!(
            "{} {} bytes",
            entry.path().display(),
            entry.metadata()?.len()
        );
    }
    Ok(())
}
