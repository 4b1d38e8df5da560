//! Times this crate against the `qrcode` crate on the QR codes of a
//! build: `cargo run --release -p redvest-qr --example versus_qrcode [N]`
//! encodes N page URLs (10,000 by default) both ways, checks that both give
//! codes of the same size, and prints the time of each.

use std::time::Instant;

use qrcode::{EcLevel, QrCode};
use redvest_qr::Encoder;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let urls: Vec<String> = (0..n)
        .map(|i| format!("https://example.gov.cn/zyfw/stories/story-{i:06}/"))
        .collect();

    // One encoder for the whole build, as redvest uses it.
    let encoder = Encoder::new();
    let started = Instant::now();
    let ours: Vec<(Vec<bool>, usize)> =
        urls.iter().filter_map(|url| encoder.modules(url)).collect();
    let ours_time = started.elapsed();
    let started = Instant::now();
    let paths = urls.iter().filter_map(|url| encoder.path(url)).count();
    let path_time = started.elapsed();

    let started = Instant::now();
    let theirs: Vec<Vec<bool>> = urls
        .iter()
        .filter_map(|url| QrCode::with_error_correction_level(url, EcLevel::M).ok())
        .map(|code| {
            code.to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect()
        })
        .collect();
    let theirs_time = started.elapsed();

    // Same version (size) for every code; the masks may differ, as this
    // crate scores them by the standard's penalty rules and the `qrcode`
    // crate by its own approximation (the tests hold each of our codes to
    // the crate's code with the mask of least penalty).
    let same = ours.len() == theirs.len()
        && ours
            .iter()
            .zip(&theirs)
            .all(|((mine, _), other)| mine.len() == other.len());
    println!(
        "{n} codes: redvest-qr {:.1} ms ({paths} as SVG path data: {:.1} ms), qrcode {:.1} ms ({:.1}×), same sizes: {same}",
        ours_time.as_secs_f64() * 1000.0,
        path_time.as_secs_f64() * 1000.0,
        theirs_time.as_secs_f64() * 1000.0,
        theirs_time.as_secs_f64() / ours_time.as_secs_f64().max(1e-9),
    );
}
