//! The image benchmark: N phone-sized photos (4000 × 3000 JPEG, quality 93,
//! EXIF with GPS, photo-like content: about 5 MB each) processed by
//! `redvest::images::process_all` with the default settings, cold (empty
//! cache) and cached, each phase in its own process so that each has its
//! own peak memory.
//!
//!     cargo build --release --example image-bench
//!     target/release/examples/image-bench run 20 /dev/shm/redvest-photos
//!
//! Prints, per phase, wall time, time per photo, peak RSS (VmHWM), and the
//! size of the 960-px JPEG of the first photo.

#[path = "phone_photo.rs"]
mod phone_photo;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;
use redvest::images::{self, Cache, Format, ImageSettings, Photo, Purpose};

/// The allocator of the `redvest` binary, so that the figures are the
/// build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

/// The photos' JPEG quality: a phone's (about 5 MB a 12-megapixel photo
/// of this content, as issue 15's budget says).
const QUALITY: u8 = 93;

/// The file in DIR/photos that says how its photos were made: photos made
/// otherwise are made again.
const MADE_WITH: &str = ".made-with";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: image-bench run N DIR | generate N DIR | phase cold|cached DIR";
    match args.get(1..).unwrap_or_default() {
        [cmd, n, dir] if cmd == "run" => run(n.parse().expect(usage), Path::new(dir)),
        [cmd, n, dir] if cmd == "generate" => generate(n.parse().expect(usage), Path::new(dir)),
        [cmd, phase, dir] if cmd == "phase" => measure(phase, Path::new(dir)),
        _ => eprintln!("{usage}"),
    }
}

/// Generates the photos once, then runs the cold and the cached phase as
/// child processes.
fn run(count: usize, dir: &Path) {
    generate(count, dir);
    let cache = dir.join("cache");
    let _ = std::fs::remove_dir_all(&cache);
    let me = std::env::current_exe().expect("own path");
    for phase in ["cold", "cached"] {
        let status = Command::new(&me)
            .args(["phase", phase])
            .arg(dir)
            .status()
            .expect("run a phase");
        assert!(status.success(), "{phase} phase failed");
    }
}

fn photos_dir(dir: &Path) -> PathBuf {
    dir.join("photos")
}

/// The photos in DIR/photos, sorted.
fn photo_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(photos_dir(dir))
        .expect("photos folder")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "jpg"))
        .collect();
    paths.sort();
    paths
}

/// Writes `count` photos into DIR/photos (kept when already there).
fn generate(count: usize, dir: &Path) {
    let photos = photos_dir(dir);
    let made_with = format!("{WIDTH}x{HEIGHT} q{QUALITY}\n");
    if std::fs::read_to_string(photos.join(MADE_WITH))
        .ok()
        .as_ref()
        != Some(&made_with)
    {
        let _ = std::fs::remove_dir_all(&photos);
    }
    std::fs::create_dir_all(&photos).expect("photos folder");
    std::fs::write(photos.join(MADE_WITH), made_with).expect("write the photos' marker");
    let started = Instant::now();
    (0..count).into_par_iter().for_each(|index| {
        let path = photos.join(format!("photo-{index:04}.jpg"));
        if path.exists() {
            return;
        }
        let rgb = phone_photo::photo_pixels(WIDTH, HEIGHT, 100 + index as u64, 16.0);
        let jpeg = phone_photo::jpeg_with_metadata(&rgb, WIDTH, HEIGHT, QUALITY, 1);
        std::fs::write(&path, jpeg).expect("write photo");
    });
    let total: u64 = photo_paths(dir)
        .iter()
        .filter_map(|path| path.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "photos: {count} in {} ({:.1} MB each on average; made in {:.1} s)",
        photos.display(),
        total as f64 / count.max(1) as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}

/// One phase: process every photo, print the figures.
fn measure(phase: &str, dir: &Path) {
    let paths = photo_paths(dir);
    let photos: Vec<Photo> = paths
        .iter()
        .map(|path| Photo {
            path: path.clone(),
            shown: path.clone(),
        })
        .collect();
    let cache = Cache::new(dir.join("cache"));
    let started = Instant::now();
    let report = images::process_all(&photos, &ImageSettings::default(), &cache);
    let wall = started.elapsed().as_secs_f64();
    let failed = report.photos.iter().filter(|p| p.is_err()).count();
    println!(
        "{phase}: {} photos in {wall:.2} s ({:.0} ms per photo); encoded {}, cached {}, failed {failed}; peak RSS {} MiB",
        photos.len(),
        wall * 1000.0 / photos.len().max(1) as f64,
        report.encoded,
        report.cached,
        peak_rss_mib()
    );
    let lang = redvest::i18n::Lang::for_site(dir);
    for error in report.photos.iter().filter_map(|p| p.as_ref().err()) {
        eprintln!("{}", error.render(lang));
    }
    if let Some(Ok(first)) = report.photos.first() {
        let sizes: Vec<String> = first
            .variants
            .iter()
            .map(|v| {
                let purpose = match v.variant.purpose {
                    Purpose::Width => "",
                    Purpose::Thumbnail => "thumb ",
                    Purpose::Original => "original ",
                };
                format!(
                    "{purpose}{}w {}: {} KB",
                    v.variant.width,
                    v.variant.format.extension(),
                    v.byte_len / 1024
                )
            })
            .collect();
        let jpeg_960 = first
            .variants
            .iter()
            .find(|v| v.variant.width == 960 && v.variant.format == Format::Jpeg)
            .map_or(0, |v| v.byte_len / 1024);
        println!(
            "  first photo: {} KB source; 960-px JPEG {jpeg_960} KB",
            first.probe.byte_len / 1024
        );
        println!("  variants: {}", sizes.join(", "));
    }
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib / 1024)
}
