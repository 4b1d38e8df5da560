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
fn penalty(grid: &[bool], n: usize) -> u32 {
    let at = |x: usize, y: usize| grid[y * n + x];
    let mut score = 0u32;
    let mut line = vec![false; n];
    for horizontal in [true, false] {
        for i in 0..n {
            for (j, m) in line.iter_mut().enumerate() {
                *m = if horizontal { at(j, i) } else { at(i, j) };
            }
            score += runs_penalty(&line) + finder_penalty(&line);
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
    let dark = grid.iter().filter(|&&d| d).count();
    let percent = dark * 100 / grid.len();
    score + (percent.abs_diff(50) / 5) as u32 * 10
}

fn runs_penalty(line: &[bool]) -> u32 {
    let mut score = 0;
    let mut run = 1;
    for i in 1..=line.len() {
        if i < line.len() && line[i] == line[i - 1] {
            run += 1;
        } else {
            if run >= 5 {
                score += run - 2;
            }
            run = 1;
        }
    }
    score
}

/// `1011101` with four light modules on either side (outside the symbol
/// counts as light).
fn finder_penalty(line: &[bool]) -> u32 {
    const CORE: [bool; 7] = [true, false, true, true, true, false, true];
    let n = line.len();
    let light = |from: isize, to: isize| (from..to).all(|i| i < 0 || i >= n as isize || !line[i as usize]);
    let mut score = 0;
    for start in 0..n.saturating_sub(6) {
        if line[start..start + 7] == CORE {
            let s = start as isize;
            if light(s - 4, s) || light(s + 7, s + 11) {
                score += 40;
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
    fn modules(qr: &QrPath) -> Vec<Vec<bool>> {
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
        let (code, w) = modules(url).unwrap();
        assert_eq!(qr.size, w + 2 * QUIET_ZONE);
        let grid = modules(&qr);
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
