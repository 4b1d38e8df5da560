//! QR codes of page URLs, made at build time as small inline SVG: no
//! network, no JavaScript. The dark modules are one stroked `<path>`, one
//! line per horizontal run (`m dx dy h n`, each move relative to the end of
//! the previous run), so a typical page URL costs about 2 KB of HTML.
//!
//! Speed: the `qrcode` crate's own mask choice scores its eight candidate
//! masks through a slow module accessor (about 1.2 ms a code); here the same
//! ISO/IEC 18004 penalty rules run over plain byte grids, about ten times
//! faster, which matters on sites of ten thousand pages.

use std::fmt::Write as _;

use qrcode::canvas::{Canvas, MaskPattern, Module};
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
    /// Path data of the dark modules, one unit per module, to be stroked
    /// with width 1: each horizontal run of dark modules in row `y` is a
    /// line along `y + 0.5` (`M4 4.5h7m2 0h1…`; after the first, every move
    /// is relative to the end of the previous run).
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
    let n = usize::try_from(version.width()).ok()?;
    let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec).ok()?;
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let mask = best_mask(&canvas, n);
    canvas.apply_mask(mask);
    let grid = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((grid, n))
}

/// The mask whose result scores the lowest penalty. The format information
/// (which names the mask) is scored as light; every mask is equally valid,
/// the penalty only steers away from patterns that confuse scanners.
fn best_mask(canvas: &Canvas, n: usize) -> MaskPattern {
    // Each module before masking: (dark, data).
    let mut modules = Vec::with_capacity(n * n);
    for y in 0..n {
        for x in 0..n {
            modules.push(match canvas.get(x as i16, y as i16) {
                Module::Unmasked(c) => (c == Color::Dark, true),
                Module::Masked(c) => (c == Color::Dark, false),
                Module::Empty => (false, false),
            });
        }
    }
    let scores = if n > BITS_MAX {
        slow_scores(&modules, n)
    } else {
        fast_scores(&modules, n)
    };
    let mut best = 0;
    for k in 1..MASKS.len() {
        if scores[k] < scores[best] {
            best = k;
        }
    }
    MASKS[best]
}

/// The widest symbol whose lines (with four light modules either side) fit
/// in a `u128`.
const BITS_MAX: usize = 120;

/// Every mask flips the same modules again every 12 rows and columns.
const PERIOD: usize = 12;

/// The penalty of each mask, with rows and columns as bit sets: a mask is
/// then one XOR a line, and each rule a few shifts and popcounts.
fn fast_scores(modules: &[(bool, bool)], n: usize) -> [u32; 8] {
    let mut base = (vec![0u128; n], vec![0u128; n]);
    let mut data = (vec![0u128; n], vec![0u128; n]);
    for (y, row) in modules.chunks(n).enumerate() {
        let y_bit = 1u128 << y;
        let mut x_bit = 1u128;
        for (x, &(dark, is_data)) in row.iter().enumerate() {
            if dark {
                base.0[y] |= x_bit;
                base.1[x] |= y_bit;
            }
            if is_data {
                data.0[y] |= x_bit;
                data.1[x] |= y_bit;
            }
            x_bit <<= 1;
        }
    }
    let mut rows = vec![0u128; n];
    let mut cols = vec![0u128; n];
    let mut scores = [0; 8];
    for (k, score) in scores.iter_mut().enumerate() {
        let (row_flips, col_flips) = &flip_lines()[k];
        for i in 0..n {
            rows[i] = base.0[i] ^ (data.0[i] & row_flips[i % PERIOD]);
            cols[i] = base.1[i] ^ (data.1[i] & col_flips[i % PERIOD]);
        }
        *score = penalty(&rows, &cols, n);
    }
    scores
}

/// For each mask, the modules it flips in rows 0–11 and in columns 0–11 as
/// bit sets (bit `j`: column or row `j`), worked out once.
#[allow(clippy::type_complexity)]
fn flip_lines() -> &'static [([u128; PERIOD], [u128; PERIOD]); 8] {
    static LINES: std::sync::OnceLock<[([u128; PERIOD], [u128; PERIOD]); 8]> =
        std::sync::OnceLock::new();
    LINES.get_or_init(|| {
        let mut lines = [([0; PERIOD], [0; PERIOD]); 8];
        for (k, (row_flips, col_flips)) in lines.iter_mut().enumerate() {
            for i in 0..PERIOD {
                for j in 0..128 {
                    row_flips[i] |= u128::from(flips(k, j, i)) << j;
                    col_flips[i] |= u128::from(flips(k, i, j)) << j;
                }
            }
        }
        lines
    })
}

/// The same, module by module, for symbols too wide for the bit sets.
fn slow_scores(modules: &[(bool, bool)], n: usize) -> [u32; 8] {
    let mut scores = [0; 8];
    for (k, score) in scores.iter_mut().enumerate() {
        let grid: Vec<bool> = modules
            .iter()
            .enumerate()
            .map(|(i, &(dark, data))| dark ^ (data && flips(k, i % n, i / n)))
            .collect();
        *score = slow_penalty(&grid, n);
    }
    scores
}

/// Whether mask `k` (0–7, ISO/IEC 18004 table 10) flips the module in
/// column `x`, row `y`. Written as the standard's table writes them.
#[allow(clippy::manual_is_multiple_of)]
fn flips(k: usize, x: usize, y: usize) -> bool {
    match k {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (y / 2 + x / 3) % 2 == 0,
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3) % 2 == 0,
        _ => ((x + y) % 2 + (x * y) % 3) % 2 == 0,
    }
}

/// The mask penalty of ISO/IEC 18004 §7.8.3 of a symbol given as its rows
/// and its columns (bit `i` of a line is module `i`): runs of five or more,
/// 2×2 blocks, finder-like 1:1:3:1:1 patterns, and the balance of dark
/// modules.
fn penalty(rows: &[u128], cols: &[u128], n: usize) -> u32 {
    let dark: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let percent = dark as usize * 100 / (n * n);
    let mut score = (percent.abs_diff(50) / 5) as u32 * 10;
    let full = (1u128 << n) - 1;
    // Bit x set where modules x and x+1 of a line agree.
    let agree = |r: u128| !(r ^ (r >> 1)) & (full >> 1);
    for &line in rows.iter().chain(cols) {
        // Runs of five or more score 3, plus 1 for each module past five:
        // (length − 4) window bits plus 2 a run.
        let a = agree(line);
        let five = a & (a >> 1) & (a >> 2) & (a >> 3);
        let starts = five & !(five << 1);
        score += five.count_ones() + 2 * starts.count_ones();
        score += line_finders(line, n);
    }
    for pair in rows.windows(2) {
        let same = agree(pair[0]) & agree(pair[1]) & !(pair[0] ^ pair[1]);
        score += 3 * same.count_ones();
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
        let mut hits = (1u128 << (width - 10)) - 1;
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

/// [`penalty`], module by module, for symbols too wide for the bit sets.
fn slow_penalty(grid: &[bool], n: usize) -> u32 {
    const CORE: [bool; 7] = [true, false, true, true, true, false, true];
    let at = |x: usize, y: usize| grid[y * n + x];
    let dark = grid.iter().filter(|&&d| d).count();
    let mut score = ((dark * 100 / grid.len()).abs_diff(50) / 5) as u32 * 10;
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
    let mut d = String::with_capacity(width * width / 3);
    // Where the pen is: the end of the previous run.
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
            match pen {
                None => {
                    d.push('M');
                    push_number(&mut d, rx);
                    d.push(' ');
                    push_number(&mut d, ry);
                    d.push_str(".5");
                }
                Some((px, py)) => {
                    d.push('m');
                    if rx < px {
                        d.push('-');
                    }
                    push_number(&mut d, rx.abs_diff(px));
                    d.push(' ');
                    push_number(&mut d, ry - py);
                }
            }
            d.push('h');
            push_number(&mut d, x - start);
            pen = Some((x + QUIET_ZONE, ry));
        }
    }
    Some(QrPath {
        size: width + 2 * QUIET_ZONE,
        d,
    })
}

/// Appends `n` in decimal (faster than `write!` for the few thousand small
/// numbers of a path).
fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &digits[i..] {
        out.push(b as char);
    }
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
         <path fill=\"#fff\" d=\"M0 0h{n}v{n}H0z\"/><path stroke=\"#000\" d=\"{d}\"/></svg>",
        w = n * 4,
        d = qr.d,
    );
    svg
}

fn escape(text: &str) -> String {
    super::feed::escaped(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules the path paints, read back by walking its runs.
    fn painted(qr: &QrPath) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; qr.size]; qr.size];
        let d = qr.d.as_str();
        assert!(d.starts_with('M'));
        let (mut x, mut y) = (0i64, 0i64);
        let mut rest = d;
        while !rest.is_empty() {
            let cmd = rest.as_bytes()[0];
            let end = rest[1..]
                .find(['M', 'm', 'h'])
                .map_or(rest.len(), |i| i + 1);
            let args = &rest[1..end];
            rest = &rest[end..];
            match cmd {
                b'M' => {
                    let (a, b) = args.split_once(' ').unwrap();
                    x = a.parse().unwrap();
                    y = b.strip_suffix(".5").unwrap().parse().unwrap();
                }
                b'm' => {
                    let (a, b) = args.split_once(' ').unwrap();
                    x += a.parse::<i64>().unwrap();
                    y += b.parse::<i64>().unwrap();
                }
                b'h' => {
                    let len: i64 = args.parse().unwrap();
                    assert!(len > 0);
                    for i in x..x + len {
                        grid[y as usize][i as usize] = true;
                    }
                    x += len;
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
            &format!("https://example.org/{}/", "a".repeat(200)),
        ] {
            let (grid, n) = super::modules(url).unwrap();
            let mut rows = vec![0u128; n];
            let mut cols = vec![0u128; n];
            for y in 0..n {
                for x in 0..n {
                    rows[y] |= u128::from(grid[y * n + x]) << x;
                    cols[x] |= u128::from(grid[y * n + x]) << y;
                }
            }
            assert_eq!(penalty(&rows, &cols, n), slow_penalty(&grid, n), "{url}");
            let before: Vec<(bool, bool)> = (0..n * n).map(|i| (grid[i], i % 3 == 0)).collect();
            assert_eq!(fast_scores(&before, n), slow_scores(&before, n), "{url}");
        }
    }

    #[test]
    fn mask_formulas_match_the_crate() {
        let bits = qrcode::bits::encode_auto(b"https://example.org/a/", EcLevel::M).unwrap();
        let version = bits.version();
        let n = version.width() as usize;
        let (data, ecc) =
            qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).unwrap();
        let mut canvas = Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ecc);
        for (k, mask) in MASKS.into_iter().enumerate() {
            let mut masked = canvas.clone();
            masked.apply_mask(mask);
            for y in 0..n {
                for x in 0..n {
                    if let Module::Unmasked(c) = canvas.get(x as i16, y as i16) {
                        let want = masked.get(x as i16, y as i16).is_dark();
                        assert_eq!(
                            (c == Color::Dark) ^ flips(k, x, y),
                            want,
                            "mask {k} {x},{y}"
                        );
                    }
                }
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
