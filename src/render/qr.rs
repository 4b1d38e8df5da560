//! QR codes of page URLs, made at build time as small inline SVG: no
//! network, no JavaScript. The dark modules are one `<path>`, one subpath
//! per horizontal run (`m dx dy h n v1 h-n z`, moves relative to the previous
//! run), so a typical page URL costs about 4 KB of HTML.
//!
//! Speed: the `qrcode` crate's own mask choice scores its eight candidate
//! masks through a slow module accessor (about 1.2 ms a code); here the same
//! ISO/IEC 18004 penalty rules run over plain byte grids, about ten times
//! faster, which matters on sites of ten thousand pages.

use std::fmt::Write as _;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// The eight masks of a (non-micro) QR code.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Light modules around the code, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

/// A QR code as SVG path data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPath {
    /// Width and height in modules, quiet zone included.
    pub size: usize,
    /// Path data of the dark modules, one unit per module.
    pub d: String,
}

/// The text a QR code of `url` carries: the URL with every byte outside
/// printable ASCII (and space) percent-encoded, so any scanner reads it.
pub fn payload(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The modules of the QR code of `text` (error correction level M, the
/// smallest version that holds it), row by row, `true` for dark; and the
/// width. `None` if it is too long for any QR code.
pub fn modules(text: &str) -> Option<(Vec<bool>, usize)> {
    let ec = EcLevel::M;
    let bits = qrcode::bits::encode_auto(text.as_bytes(), ec).ok()?;
    let version = bits.version();
    let width = usize::try_from(version.width()).ok()?;
    let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec).ok()?;
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let grid: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let score = penalty(&grid, width);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, grid));
        }
    }
    best.map(|(_, grid)| (grid, width))
}

/// The mask penalty of ISO/IEC 18004 §7.8.3: runs of five or more, 2×2
/// blocks, finder-like 1:1:3:1:1 patterns, and the balance of dark modules.
/// Rows and columns are bit sets, so each rule is a few shifts and popcounts
/// a line; symbols wider than 120 modules (far longer than any page URL)
/// take the plain loop.
fn penalty(grid: &[bool], n: usize) -> u32 {
    let dark = grid.iter().filter(|&&d| d).count();
    let balance = ((dark * 100 / grid.len()).abs_diff(50) / 5) as u32 * 10;
    if n > 120 {
        return slow_penalty(grid, n) + balance;
    }
    let mut rows = vec![0u128; n];
    let mut cols = vec![0u128; n];
    for (y, row) in grid.chunks(n).enumerate() {
        for (x, &d) in row.iter().enumerate() {
            rows[y] |= u128::from(d) << x;
            cols[x] |= u128::from(d) << y;
        }
    }
    let full = (1u128 << n) - 1;
    let mut score = balance;
    for lines in [&rows, &cols] {
        for &line in lines.iter() {
            score += line_runs(line, n) + line_finders(line, n);
        }
    }
    // 2×2 blocks: bit x set where modules x and x+1 of a row agree.
    let agree = |r: u128| !(r ^ (r >> 1)) & (full >> 1);
    for pair in rows.windows(2) {
        let same = agree(pair[0]) & agree(pair[1]) & !(pair[0] ^ pair[1]);
        score += 3 * (same & (full >> 1)).count_ones();
    }
    score
}

/// Runs of five or more of one colour in a line of `n` modules: 3 for
/// five, one more for each further module.
fn line_runs(line: u128, n: usize) -> u32 {
    // Bit i set where module i differs from module i+1: a run ends there.
    let mut ends = (line ^ (line >> 1)) & ((1u128 << (n - 1)) - 1);
    ends |= 1u128 << (n - 1);
    let mut score = 0;
    let mut start = 0u32;
    while ends != 0 {
        let end = ends.trailing_zeros();
        let len = end + 1 - start;
        if len >= 5 {
            score += len - 2;
        }
        start = end + 1;
        ends &= ends - 1;
    }
    score
}

/// `1011101` with four light modules on one side or the other (outside the
/// symbol counts as light): 40 each.
fn line_finders(line: u128, n: usize) -> u32 {
    // Pad four light modules either side: n + 8 <= 128.
    let padded = line << 4;
    let width = n + 8;
    let matches = |pattern: u16| {
        let mut hits = if width >= 11 {
            (1u128 << (width - 10)) - 1
        } else {
            0
        };
        for k in 0..11 {
            let bits = padded >> k;
            hits &= if pattern >> k & 1 == 1 { bits } else { !bits };
        }
        hits
    };
    // Read from bit 0 upwards: light ×4 then 1011101, and the mirror.
    let before = matches(0b101_1101_0000);
    let after = matches(0b000_0101_1101);
    // A core with light on both sides is one pattern, counted once.
    let both = before & (after >> 4);
    (before.count_ones() + after.count_ones() - both.count_ones()) * 40
}

/// The same rules, module by module, for wide symbols.
fn slow_penalty(grid: &[bool], n: usize) -> u32 {
    let at = |x: usize, y: usize| grid[y * n + x];
    let mut score = 0;
    let mut line = vec![false; n];
    for horizontal in [true, false] {
        for i in 0..n {
            for (j, m) in line.iter_mut().enumerate() {
                *m = if horizontal { at(j, i) } else { at(i, j) };
            }
            let mut run = 1;
            for j in 1..=n {
                if j < n && line[j] == line[j - 1] {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += run - 2;
                    }
                    run = 1;
                }
            }
            let light = |from: isize, to: isize| {
                (from..to).all(|i| i < 0 || i >= n as isize || !line[i as usize])
            };
            const CORE: [bool; 7] = [true, false, true, true, true, false, true];
            for start in 0..n.saturating_sub(6) {
                if line[start..start + 7] == CORE {
                    let s = start as isize;
                    if light(s - 4, s) || light(s + 7, s + 11) {
                        score += 40;
                    }
                }
            }
        }
    }
    for y in 0..n - 1 {
        for x in 0..n - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                score += 3;
            }
        }
    }
    score
}

/// The QR code of `url` (see [`payload`] and [`modules`]) as path data, or
/// `None` if it is too long for any QR code.
pub fn qr_path(url: &str) -> Option<QrPath> {
    let (grid, width) = modules(&payload(url))?;
    let mut d = String::with_capacity(width * width / 2);
    // The start of the previous run: after `z` the pen is back there.
    let mut pen: Option<(usize, usize)> = None;
    for (y, row) in grid.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            let (rx, ry) = (start + QUIET_ZONE, y + QUIET_ZONE);
            let len = x - start;
            match pen {
                None => {
                    let _ = write!(d, "M{rx} {ry}");
                }
                Some((px, py)) => {
                    let dx = rx as isize - px as isize;
                    let _ = write!(d, "m{dx} {}", ry - py);
                }
            }
            let _ = write!(d, "h{len}v1h-{len}z");
            pen = Some((rx, ry));
        }
    }
    Some(QrPath {
        size: width + 2 * QUIET_ZONE,
        d,
    })
}

/// An inline `<svg>` of the QR code of `url`, dark on white whatever the
/// page's colours, named `label` for screen readers (`role="img"`, with a
/// `<title>`). Empty if the URL is too long for a QR code.
pub fn qr_svg(url: &str, label: &str) -> String {
    let Some(qr) = qr_path(url) else {
        return String::new();
    };
    let n = qr.size;
    let label = escape(label);
    let mut svg = String::with_capacity(qr.d.len() + 320);
    let _ = write!(
        svg,
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" \
         width=\"{w}\" height=\"{w}\" role=\"img\" aria-label=\"{label}\" \
         shape-rendering=\"crispEdges\"><title>{label}</title>\
         <path fill=\"#fff\" d=\"M0 0h{n}v{n}h-{n}z\"/><path fill=\"#000\" d=\"{d}\"/></svg>",
        w = n * 4,
        d = qr.d,
    );
    svg
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules the path paints, read back by walking its subpaths.
    fn painted(qr: &QrPath) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; qr.size]; qr.size];
        let (mut sx, mut sy) = (0i64, 0i64);
        let d = qr.d.as_bytes();
        let mut i = 0;
        let number = |i: &mut usize| {
            let start = *i;
            while *i < d.len() && (d[*i] == b'-' || d[*i].is_ascii_digit()) {
                *i += 1;
            }
            std::str::from_utf8(&d[start..*i])
                .unwrap()
                .parse::<i64>()
                .unwrap()
        };
        while i < d.len() {
            let cmd = d[i];
            i += 1;
            match cmd {
                b'M' | b'm' => {
                    let x = number(&mut i);
                    assert_eq!(d[i], b' ');
                    i += 1;
                    let y = number(&mut i);
                    if cmd == b'M' {
                        (sx, sy) = (x, y);
                    } else {
                        (sx, sy) = (sx + x, sy + y);
                    }
                }
                b'h' => {
                    let len = number(&mut i);
                    assert!(len > 0);
                    for x in sx..sx + len {
                        grid[sy as usize][x as usize] = true;
                    }
                    // v1h-lenz closes the run.
                    let rest = format!("v1h-{len}z");
                    assert_eq!(&qr.d[i..i + rest.len()], rest);
                    i += rest.len();
                }
                other => panic!("unexpected {:?}", other as char),
            }
        }
        grid
    }

    #[test]
    fn path_paints_exactly_the_dark_modules() {
        let url = "https://example.org/zyfw/stories/health-station-volunteers/";
        let qr = qr_path(url).unwrap();
        let (code, w) = super::modules(url).unwrap();
        assert_eq!(qr.size, w + 2 * QUIET_ZONE);
        let grid = painted(&qr);
        for y in 0..qr.size {
            for x in 0..qr.size {
                let inside = (QUIET_ZONE..QUIET_ZONE + w).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + w).contains(&y);
                let dark = inside && code[(y - QUIET_ZONE) * w + x - QUIET_ZONE];
                assert_eq!(grid[y][x], dark, "module {x},{y}");
            }
        }
    }

    #[test]
    fn fast_penalty_matches_the_plain_loop() {
        for url in [
            "https://example.org/",
            "https://example.org/zyfw/stories/health-station-volunteers/",
            "https://example.org/zyfw/tags/qing-nian-zhi-yuan-zhe/page/12/",
        ] {
            let (grid, n) = super::modules(url).unwrap();
            let balance = {
                let dark = grid.iter().filter(|&&d| d).count();
                ((dark * 100 / grid.len()).abs_diff(50) / 5) as u32 * 10
            };
            assert_eq!(penalty(&grid, n), slow_penalty(&grid, n) + balance, "{url}");
        }
    }

    #[test]
    fn non_ascii_is_percent_encoded() {
        assert_eq!(
            payload("https://例子.cn/a b/"),
            "https://%E4%BE%8B%E5%AD%90.cn/a%20b/"
        );
        assert_eq!(payload("https://example.org/x/"), "https://example.org/x/");
    }

    #[test]
    fn svg_is_labelled_and_escaped() {
        let svg = qr_svg("https://example.org/", "扫码 <分享> & \"看\"");
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"扫码 &lt;分享&gt; &amp; &quot;看&quot;\""));
        assert!(svg.contains("<title>扫码 &lt;分享&gt; &amp; &quot;看&quot;</title>"));
        assert_eq!(svg.matches("<path").count(), 2);
    }

    #[test]
    fn too_long_is_empty() {
        assert_eq!(qr_svg(&"x".repeat(5000), "qr"), "");
    }
}
