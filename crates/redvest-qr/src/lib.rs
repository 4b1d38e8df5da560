//! QR codes of page URLs as the path data of a small SVG, made at build
//! time: no network, no JavaScript. The dark modules are one stroked `<path>`, one
//! line per horizontal run (`m dx dy h n`, each move relative to the end of
//! the previous run), so a typical page URL costs about 2 KB of HTML.
//!
//! Speed: a site of ten thousand pages has ten thousand codes. The `qrcode`
//! crate encodes the text; what every code of one version shares — where
//! the data modules are and in which order they are filled, how the
//! codewords are split into blocks and interleaved, the function patterns
//! and the format information of each mask — is worked out once per version
//! by an [`Encoder`]. A code is then each block's Reed–Solomon remainder
//! (a table lookup and a few word shifts a data byte), its codewords dropped
//! into rows and columns kept as bit sets, a mask one XOR a line, and each
//! ISO/IEC 18004 penalty rule a few shifts and logic operations a line,
//! whose bits are summed in carry-save counters and counted once a mask.
//! Versions too wide for the bit sets are left to the crate.

use std::fmt::Write as _;
use std::sync::OnceLock;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{EcLevel, Version};

mod ecc;
mod mask;
mod path;

use ecc::*;
use mask::*;
use path::*;

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

/// Error correction level M: 15 % of the code may be lost.
const EC: EcLevel = EcLevel::M;

/// Light modules around the code, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

/// A line of modules as a bit set: bit `i` is module `i`. Symbols whose
/// lines (with four light modules either side) fit in a `u64` — version 9,
/// URLs of up to about 180 bytes, nearly every page — use that; wider ones
/// up to version 25 a `u128`.
trait Word:
    Copy
    + Default
    + std::fmt::Debug
    + Send
    + Sync
    + std::ops::BitAnd<Output = Self>
    + std::ops::BitOr<Output = Self>
    + std::ops::BitXor<Output = Self>
    + std::ops::BitOrAssign
    + std::ops::Not<Output = Self>
    + std::ops::Shl<usize, Output = Self>
    + std::ops::Shr<usize, Output = Self>
    + PartialEq
{
    /// The lowest `n` bits set (`n` ≥ 1).
    fn low(n: usize) -> Self;
    /// Set bits.
    fn ones(self) -> u32;
    /// Clear bits below the lowest set bit (the width for zero).
    fn trailing(self) -> u32;
    /// Minus one, wrapping.
    fn minus_one(self) -> Self;
    /// Plus its lowest set bit: the lowest run of set bits carries into
    /// the clear bit above it (wrapping to zero past the top).
    fn carry_lowest(self) -> Self;
}

/// [`Word`] for an unsigned integer type.
macro_rules! word {
    ($t:ty) => {
        impl Word for $t {
            fn low(n: usize) -> Self {
                <$t>::MAX >> (<$t>::BITS as usize - n)
            }
            fn ones(self) -> u32 {
                self.count_ones()
            }
            fn trailing(self) -> u32 {
                self.trailing_zeros()
            }
            fn minus_one(self) -> Self {
                self.wrapping_sub(1)
            }
            fn carry_lowest(self) -> Self {
                self.wrapping_add(self & self.wrapping_neg())
            }
        }
    };
}

word!(u64);
word!(u128);

/// Light modules below a line in [`finders`], so that those left of the
/// symbol fit in the word.
const PAD: usize = 4;

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

/// Makes QR codes, remembering the layout of each version it has used.
/// Share one between all pages of a build.
#[derive(Debug)]
pub struct Encoder {
    layouts: [OnceLock<Slot>; 40],
}

/// The layout of one version, in the narrowest word its lines fit.
#[derive(Debug)]
enum Slot {
    Narrow(Layout<u64>),
    Wide(Layout<u128>),
    /// Too wide for bit sets: the crate does it all.
    Plain,
}

impl Default for Encoder {
    fn default() -> Self {
        Encoder {
            layouts: std::array::from_fn(|_| OnceLock::new()),
        }
    }
}

/// What every code of one version has in common.
#[derive(Debug)]
struct Layout<W> {
    /// Width in modules.
    n: usize,
    /// The data modules in the order codeword bits fill them.
    order: Vec<(u8, u8)>,
    /// The blocks of the data codewords, as ranges of the data.
    blocks: Vec<std::ops::Range<usize>>,
    /// The error correction of each block.
    rs: ReedSolomon,
    /// For each codeword — the data in order, then each block's error
    /// correction codewords — its place in the interleaved sequence, which
    /// is the order the symbol is filled in.
    slots: Vec<usize>,
    /// For each mask: the function patterns with that mask's format
    /// information, as rows and columns (data modules light).
    fixed: Vec<Lines<W>>,
    /// For each mask: the data modules it flips, as rows and columns.
    flips: Vec<Lines<W>>,
}

/// A symbol as bit sets: `rows[y]` bit `x`, and `cols[x]` bit `y`.
#[derive(Debug, Clone)]
struct Lines<W> {
    rows: Vec<W>,
    cols: Vec<W>,
}

impl<W: Word> Lines<W> {
    fn empty(n: usize) -> Lines<W> {
        Lines {
            rows: vec![W::default(); n],
            cols: vec![W::default(); n],
        }
    }

    fn set(&mut self, x: usize, y: usize) {
        self.rows[y] |= W::low(1) << x;
        self.cols[x] |= W::low(1) << y;
    }
}

impl Slot {
    /// The layout of `version`, the crate's to make if it has none.
    fn new(version: Version) -> Slot {
        let n = usize::try_from(version.width()).unwrap_or(usize::MAX);
        if n + 2 * PAD <= u64::BITS as usize {
            Layout::new(version).map_or(Slot::Plain, Slot::Narrow)
        } else if n + 2 * PAD <= u128::BITS as usize {
            Layout::new(version).map_or(Slot::Plain, Slot::Wide)
        } else {
            Slot::Plain
        }
    }
}

impl<W: Word> Layout<W> {
    /// Works out the layout of `version` (its lines with [`PAD`] light
    /// modules either side must fit in `W`); `None` if its blocks are not
    /// as expected, in which case the crate makes its codes.
    fn new(version: Version) -> Option<Layout<W>> {
        let n = usize::try_from(version.width()).unwrap_or(0);
        let mut canvas = Canvas::new(version, EC);
        canvas.draw_all_functional_patterns();
        let is_data = |x: usize, y: usize| canvas.get(x as i16, y as i16) == Module::Empty;
        let order: Vec<(u8, u8)> = placement_order(n)
            .filter(|&(x, y)| is_data(x, y))
            .map(|(x, y)| (x as u8, y as u8))
            .collect();
        let (blocks, ecc_len, slots) = block_structure(version)?;
        if slots.len() != order.len() / 8 {
            return None;
        }
        let rs = ReedSolomon::new(ecc_len)?;
        let fixed = MASKS
            .iter()
            .map(|&mask| {
                let mut masked = canvas.clone();
                masked.apply_mask(mask);
                let mut lines = Lines::empty(n);
                for y in 0..n {
                    for x in 0..n {
                        if !is_data(x, y) && masked.get(x as i16, y as i16).is_dark() {
                            lines.set(x, y);
                        }
                    }
                }
                lines
            })
            .collect();
        let flipped = (0..MASKS.len())
            .map(|k| {
                let mut lines = Lines::empty(n);
                for y in 0..n {
                    for x in (0..n).filter(|&x| is_data(x, y) && flips(k, x, y)) {
                        lines.set(x, y);
                    }
                }
                lines
            })
            .collect();
        let layout = Layout {
            n,
            order,
            blocks,
            rs,
            slots,
            fixed,
            flips: flipped,
        };
        layout.checks_out(version).then_some(layout)
    }

    /// Whether this layout's codewords of some probe data are the crate's
    /// for `version`.
    fn checks_out(&self, version: Version) -> bool {
        let data_len = self.blocks.last().map_or(0, |b| b.end);
        let data: Vec<u8> = (0..data_len)
            .map(|i| (i * 37 + 11).to_le_bytes()[0])
            .collect();
        let mut ours = vec![0; self.slots.len()];
        self.codewords(&data, |slot, byte| ours[slot] = byte);
        qrcode::ec::construct_codewords(&data, version, EC)
            .is_ok_and(|(d, e)| d.iter().chain(&e).eq(ours.iter()))
    }

    /// Calls `put` with each codeword of the code of `data` (which must be
    /// as long as the version holds) and its place in the interleaved
    /// sequence: the data bytes, then each block's error correction.
    fn codewords(&self, data: &[u8], mut put: impl FnMut(usize, u8)) {
        for (&byte, &slot) in data.iter().zip(&self.slots) {
            put(slot, byte);
        }
        let ecc_slots = self.slots.get(data.len()..).unwrap_or_default();
        for (block, slots) in self.blocks.iter().zip(ecc_slots.chunks(self.rs.len.max(1))) {
            let ecc = self
                .rs
                .remainder(data.get(block.clone()).unwrap_or_default());
            for (&byte, &slot) in ecc.iter().zip(slots) {
                put(slot, byte);
            }
        }
    }

    /// The code of the data codewords `data`, with the mask of least
    /// penalty, as rows; `None` if `data` is not as long as the version
    /// holds.
    fn code(&self, data: &[u8]) -> Option<Vec<W>> {
        if Some(data.len()) != self.blocks.last().map(|b| b.end) {
            return None;
        }
        let n = self.n;
        let mut raw = Lines::<W>::empty(n);
        // Each codeword fills eight places, its highest bit first; only its
        // set bits are visited.
        self.codewords(data, |slot, byte| {
            let places = self.order.get(slot * 8..slot * 8 + 8).unwrap_or_default();
            let mut rest = byte;
            while rest != 0 {
                let i = rest.leading_zeros() as usize;
                if let Some(&(x, y)) = places.get(i) {
                    raw.set(usize::from(x), usize::from(y));
                }
                rest &= !(0x80 >> i);
            }
        });
        // The first mask of least penalty. Every mask is scored in full:
        // a losing one is seldom clear before its last columns, and
        // checking costs more than it would spare.
        let k = (0..MASKS.len())
            .min_by_key(|&k| (self.penalty(&raw, k), k))
            .unwrap_or(0);
        Some(masked(&raw.rows, &self.fixed[k].rows, &self.flips[k].rows).collect())
    }

    /// The penalty of `raw` (data modules only) with mask `k` and its
    /// function patterns. The mask is applied line by line as the rules
    /// read it, not written out first.
    fn penalty(&self, raw: &Lines<W>, k: usize) -> u32 {
        let (fixed, flips) = (&self.fixed[k], &self.flips[k]);
        penalty(
            masked(&raw.rows, &fixed.rows, &flips.rows),
            masked(&raw.cols, &fixed.cols, &flips.cols),
            self.n,
        )
    }
}

/// Lines of a masked symbol: the data modules `raw` flipped by the mask's
/// `flips`, with the function patterns `fixed`.
fn masked<'a, W: Word>(
    raw: &'a [W],
    fixed: &'a [W],
    flips: &'a [W],
) -> impl Iterator<Item = W> + 'a {
    raw.iter()
        .zip(fixed)
        .zip(flips)
        .map(|((&raw, &fixed), &flips)| fixed | (raw ^ flips))
}

/// Module positions in the order of ISO/IEC 18004 §7.7.3: two columns at a
/// time from the right, upwards then downwards, stepping over the vertical
/// timing pattern; function modules included (the caller skips them).
fn placement_order(n: usize) -> impl Iterator<Item = (usize, usize)> {
    let rights = (1..n)
        .rev()
        .step_by(2)
        .map(|r| if r <= 6 { r - 1 } else { r });
    rights.flat_map(move |right| {
        let upward = (right + 1) & 2 == 0;
        (0..n).flat_map(move |i| {
            let y = if upward { n - 1 - i } else { i };
            [(right, y), (right - 1, y)]
        })
    })
}

impl Encoder {
    /// A new encoder; layouts are worked out as versions are first used.
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// The modules of the QR code of `text` (error correction level M, the
    /// smallest version that holds it), row by row, `true` for dark; and
    /// the width. `None` if it is too long for any QR code.
    pub fn modules(&self, text: &str) -> Option<(Vec<bool>, usize)> {
        let (rows, n) = self.rows(text)?;
        let grid = match rows {
            Rows::Narrow(rows) => bit_grid(&rows, n),
            Rows::Wide(rows) => bit_grid(&rows, n),
            Rows::Modules(rows) => rows.concat(),
        };
        Some((grid, n))
    }

    /// The code of `text` as rows of modules, and its width.
    fn rows(&self, text: &str) -> Option<(Rows, usize)> {
        let bits = qrcode::bits::encode_auto(text.as_bytes(), EC).ok()?;
        let version = bits.version();
        let data = bits.into_bytes();
        let n = usize::try_from(version.width()).ok()?;
        let Version::Normal(v) = version else {
            return None;
        };
        let slot = self
            .layouts
            .get(usize::try_from(v - 1).ok()?)?
            .get_or_init(|| Slot::new(version));
        let rows = match slot {
            Slot::Narrow(layout) => layout.code(&data).map(Rows::Narrow),
            Slot::Wide(layout) => layout.code(&data).map(Rows::Wide),
            Slot::Plain => None,
        };
        let rows = match rows {
            Some(rows) => rows,
            None => plain_rows(version, &data)?,
        };
        Some((rows, n))
    }

    /// The QR code of `url` (see [`payload`]) as path data, or `None` if
    /// it is too long for any QR code.
    pub fn path(&self, url: &str) -> Option<QrPath> {
        let (rows, width) = self.rows(&payload(url))?;
        let d = match &rows {
            Rows::Narrow(rows) => path_data(rows.iter().map(|&row| BitRuns(row)), width),
            Rows::Wide(rows) => path_data(rows.iter().map(|&row| BitRuns(row)), width),
            Rows::Modules(rows) => {
                path_data(rows.iter().map(|row| ModuleRuns { row, x: 0 }), width)
            }
        };
        // Only ASCII digits, letters, spaces, dots and minus signs.
        let d = String::from_utf8(d).ok()?;
        Some(QrPath {
            size: width + 2 * QUIET_ZONE,
            d,
        })
    }
}

/// The rows of a finished code.
enum Rows {
    /// Bit `x` of row `y` is module (`x`, `y`), for codes whose lines fit
    /// in a `u64`.
    Narrow(Vec<u64>),
    /// The same in `u128`s, for wider codes.
    Wide(Vec<u128>),
    /// For codes too wide for bit sets.
    Modules(Vec<Vec<bool>>),
}

/// Rows of bits `rows`, `n` modules wide, as one module after another,
/// `true` for dark.
fn bit_grid<W: Word>(rows: &[W], n: usize) -> Vec<bool> {
    rows.iter()
        .flat_map(|&row| (0..n).map(move |x| row & (W::low(1) << x) != W::default()))
        .collect()
}

/// A code too wide for the bit sets (a URL of more than about a thousand
/// bytes), made by the crate alone from the data codewords `data`, with
/// its own error correction and mask choice.
fn plain_rows(version: Version, data: &[u8]) -> Option<Rows> {
    let (data, ecc) = qrcode::ec::construct_codewords(data, version, EC).ok()?;
    let n = usize::try_from(version.width()).ok()?;
    let mut canvas = Canvas::new(version, EC);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let colors = canvas.apply_best_mask().into_colors();
    let rows = colors
        .chunks(n.max(1))
        .map(|row| row.iter().map(|&c| c == qrcode::Color::Dark).collect())
        .collect();
    Some(Rows::Modules(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::Color;

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

    /// URLs of many lengths: versions 2 to 40, with and without version
    /// information, narrow enough for bit sets and not.
    fn urls() -> Vec<String> {
        let mut urls: Vec<String> = [
            "https://example.org/",
            "https://example.org/zyfw/stories/health-station-volunteers/",
            "https://example.org/zyfw/tags/qing-nian-zhi-yuan-zhe/page/12/",
        ]
        .map(String::from)
        .to_vec();
        for len in [90, 150, 230, 400, 700, 1000, 1300, 2000] {
            urls.push(format!("https://example.org/{}/", "a1-".repeat(len / 3)));
        }
        urls
    }

    /// The mask penalty of a whole symbol given as its rows and columns.
    fn symbol_penalty<W: Word>(rows: &[W], cols: &[W], n: usize) -> u32 {
        penalty(rows.iter().copied(), cols.iter().copied(), n)
    }

    /// ISO/IEC 18004 §7.8.3, module by module, as the standard words it.
    fn plain_penalty(grid: &[bool], n: usize) -> u32 {
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

    /// The crate's code of `text` with each of the eight masks.
    fn crate_codes(text: &str) -> (Vec<Vec<bool>>, usize) {
        let (canvas, n) = crate_canvas(text);
        let codes = MASKS
            .iter()
            .map(|&mask| {
                let mut masked = canvas.clone();
                masked.apply_mask(mask);
                masked
                    .into_colors()
                    .into_iter()
                    .map(|c| c == Color::Dark)
                    .collect()
            })
            .collect();
        (codes, n)
    }

    /// The crate's code of `text`, data drawn, not masked yet; and its width.
    fn crate_canvas(text: &str) -> (Canvas, usize) {
        let bits = qrcode::bits::encode_auto(text.as_bytes(), EC).unwrap();
        let version = bits.version();
        let n = version.width() as usize;
        let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EC).unwrap();
        let mut canvas = Canvas::new(version, EC);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ecc);
        (canvas, n)
    }

    #[test]
    fn codes_are_the_crates_with_the_mask_of_least_penalty() {
        let encoder = Encoder::new();
        for url in urls() {
            let (ours, n) = encoder.modules(&url).unwrap();
            let (codes, width) = crate_codes(&url);
            assert_eq!(n, width, "{url}");
            if n + 2 * PAD > 128 {
                // The crate's own mask choice.
                assert!(codes.contains(&ours), "{url}");
                continue;
            }
            let scores: Vec<u32> = codes.iter().map(|c| plain_penalty(c, n)).collect();
            let best = (0..8).min_by_key(|&k| (scores[k], k)).unwrap();
            assert_eq!(ours, codes[best], "{url}: mask {best} of {scores:?}");
        }
    }

    #[test]
    fn bit_set_penalty_matches_the_plain_loop() {
        let encoder = Encoder::new();
        for url in urls() {
            let (codes, n) = crate_codes(&url);
            if n + 2 * PAD > 128 {
                continue;
            }
            for grid in codes.iter().chain([&encoder.modules(&url).unwrap().0]) {
                let mut lines = Lines::<u128>::empty(n);
                for y in 0..n {
                    for x in (0..n).filter(|&x| grid[y * n + x]) {
                        lines.set(x, y);
                    }
                }
                let want = plain_penalty(grid, n);
                assert_eq!(symbol_penalty(&lines.rows, &lines.cols, n), want, "{url}");
                if n + 2 * PAD <= 64 {
                    let narrow = |l: &[u128]| l.iter().map(|&w| w as u64).collect::<Vec<_>>();
                    let (rows, cols) = (narrow(&lines.rows), narrow(&lines.cols));
                    assert_eq!(symbol_penalty(&rows, &cols, n), want, "{url}");
                }
            }
        }
    }

    #[test]
    fn codes_decode_to_their_text() {
        let encoder = Encoder::new();
        for url in urls() {
            let (grid, n) = encoder.modules(&payload(&url)).unwrap();
            let scale = 4;
            let px = (n + 2 * QUIET_ZONE) * scale;
            let mut image = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
                let (mx, my) = (x / scale, y / scale);
                let inside = (QUIET_ZONE..QUIET_ZONE + n).contains(&mx)
                    && (QUIET_ZONE..QUIET_ZONE + n).contains(&my);
                if inside && grid[(my - QUIET_ZONE) * n + mx - QUIET_ZONE] {
                    0
                } else {
                    255
                }
            });
            let found = image.detect_grids();
            assert_eq!(found.len(), 1, "{url}");
            assert_eq!(found[0].decode().unwrap().1, url);
        }
    }

    #[test]
    fn path_paints_exactly_the_dark_modules() {
        let encoder = Encoder::new();
        for url in urls() {
            let qr = encoder.path(&url).unwrap();
            let (code, w) = encoder.modules(&url).unwrap();
            assert_eq!(qr.size, w + 2 * QUIET_ZONE);
            let grid = painted(&qr);
            for y in 0..qr.size {
                for x in 0..qr.size {
                    let inside = (QUIET_ZONE..QUIET_ZONE + w).contains(&x)
                        && (QUIET_ZONE..QUIET_ZONE + w).contains(&y);
                    let dark = inside && code[(y - QUIET_ZONE) * w + x - QUIET_ZONE];
                    assert_eq!(grid[y][x], dark, "module {x},{y} of {url}");
                }
            }
        }
    }

    #[test]
    fn mask_formulas_match_the_crate() {
        let (canvas, n) = crate_canvas("https://example.org/a/");
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

    /// Deterministic bytes that look random enough: a linear congruential
    /// generator's high bytes.
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 56) as u8
            })
            .collect()
    }

    /// Our interleaved codewords of `data` for `layout`.
    fn our_codewords<W: Word>(layout: &Layout<W>, data: &[u8]) -> Vec<u8> {
        let mut out = vec![0; layout.slots.len()];
        layout.codewords(data, |slot, byte| out[slot] = byte);
        out
    }

    /// Our interleaved codewords of versions 1 to 26 against the crate's,
    /// for a few data patterns each; every version whose lines fit a
    /// `u128` gets a bit-set layout.
    #[test]
    fn error_correction_matches_the_crate() {
        for v in 1..=26 {
            let version = Version::Normal(v);
            let data_len = qrcode::bits::Bits::new(version).max_len(EC).unwrap() / 8;
            let layout = Layout::<u128>::new(version).unwrap();
            if version.width() as usize + 2 * PAD <= 128 {
                assert!(
                    matches!(Slot::new(version), Slot::Narrow(_) | Slot::Wide(_)),
                    "version {v}"
                );
            }
            for seed in 0..4 {
                let data = match seed {
                    0 => vec![0; data_len],
                    1 => vec![0xFF; data_len],
                    _ => noise(data_len, seed),
                };
                let (d, e) = qrcode::ec::construct_codewords(&data, version, EC).unwrap();
                let want = [d, e].concat();
                assert_eq!(our_codewords(&layout, &data), want, "version {v}");
            }
        }
    }

    #[test]
    fn reed_solomon_matches_the_crate_for_every_length() {
        for len in [7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30] {
            let rs = ReedSolomon::new(len).unwrap();
            for seed in 0..3 {
                let block = noise(20 + 41 * seed as usize, seed);
                let want = qrcode::ec::create_error_correction_code(&block, len);
                assert_eq!(rs.remainder(&block)[..len], want[..], "{len}");
            }
        }
    }

    #[test]
    fn gf_tables_are_inverse() {
        for a in 1..=255u8 {
            assert_eq!(EXP[usize::from(LOG[usize::from(a)])], a);
        }
        assert_eq!(EXP[..255], EXP[255..510]);
        assert_eq!(gf_mul(0x80, 2), 0x1D);
    }

    #[test]
    fn bit_runs_are_the_module_runs() {
        let rows: [u64; 6] = [
            0,
            1,
            0b1011_0111_0000,
            u64::MAX,
            1 << 63,
            0xF0F0_0000_0000_00FF,
        ];
        for bits in rows {
            let modules: Vec<bool> = (0..64).map(|x| bits >> x & 1 == 1).collect();
            let want: Vec<_> = ModuleRuns {
                row: &modules,
                x: 0,
            }
            .collect();
            assert_eq!(BitRuns(bits).collect::<Vec<_>>(), want, "{bits:b}");
            let wide: Vec<_> = BitRuns(u128::from(bits)).collect();
            assert_eq!(wide, want, "{bits:b}");
        }
        let runs: Vec<_> = BitRuns(0b1011_0111_0000u64).collect();
        assert_eq!(runs, [(4, 7), (8, 10), (11, 12)]);
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 100, 185, 999, 1000, 123_456] {
            let mut out = b"x".to_vec();
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}").as_bytes());
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
    fn too_long_is_none() {
        assert!(Encoder::new().path(&"x".repeat(5000)).is_none());
    }

    /// Runs of five or more and finder-like patterns along `line`, `n`
    /// modules long, module by module as the standard words them.
    fn plain_line(line: u64, n: usize) -> (u32, u32) {
        const CORE: [bool; 7] = [true, false, true, true, true, false, true];
        let m: Vec<bool> = (0..n).map(|x| line >> x & 1 == 1).collect();
        let mut runs = 0;
        let mut run = 1;
        for j in 1..=n {
            if j < n && m[j] == m[j - 1] {
                run += 1;
            } else {
                if run >= 5 {
                    runs += run - 2;
                }
                run = 1;
            }
        }
        let light = |a: isize| a < 0 || a >= n as isize || !m[a as usize];
        let mut finds = 0;
        for s in 0..n.saturating_sub(6) {
            if m[s..s + 7] == CORE {
                let s = s as isize;
                if (s - 4..s).all(light) || (s + 7..s + 11).all(light) {
                    finds += 40;
                }
            }
        }
        (runs, finds)
    }

    /// Lines that have runs and finder patterns at their ends and in their
    /// middles: noise, with cores and long runs written in.
    fn test_lines(n: usize) -> Vec<u64> {
        let mut lines = vec![0, u64::low(n), 0b101_1101, 0b101_1101 << (n - 7)];
        for seed in 0..300u64 {
            let bytes = noise(8, seed);
            let mut line = u64::from_le_bytes(bytes.try_into().unwrap()) & u64::low(n);
            if seed % 3 == 0 {
                line = line & !(0xFFF << (seed as usize % n))
                    | 0b101_1101 << (seed as usize % (n - 6));
            }
            if seed % 5 == 0 {
                line |= 0x3FF << (seed as usize % (n - 9));
            }
            lines.push(line & u64::low(n));
        }
        lines
    }

    #[test]
    fn scans_score_lines_as_the_standard() {
        for n in [21, 25, 33, 45, 56] {
            let pairs = u64::low(n - 1);
            for line in test_lines(n) {
                let scan = Scan::of(line, pairs);
                let (runs, finds) = plain_line(line, n);
                assert_eq!(scan.runs.ones(), runs, "{n} {line:b}");
                assert_eq!(scan.finders(line), finds, "{n} {line:b}");
                let wide = Scan::of(u128::from(line), u128::low(n - 1));
                assert_eq!(wide.runs.ones(), runs, "{n} {line:b}");
                assert_eq!(wide.finders(u128::from(line)), finds, "{n} {line:b}");
                let agree = (0..n - 1).filter(|&x| (line >> x & 1) == (line >> (x + 1) & 1));
                assert_eq!(scan.agree, agree.fold(0, |a, x| a | 1 << x));
            }
        }
    }

    #[test]
    fn sparse_ones_are_ones() {
        for x in [0u64, 1, 1 << 63, 0b1011, u64::MAX] {
            assert_eq!(sparse_ones(x), x.count_ones());
            assert_eq!(sparse_ones(u128::from(x) << 60), x.count_ones());
        }
    }

    #[test]
    fn tallies_count_bits() {
        let words: Vec<u64> = (0..200)
            .map(|seed| {
                let bytes = noise(8, seed);
                u64::from_le_bytes(bytes.try_into().unwrap()) >> (seed % 64)
            })
            .collect();
        let mut tally = Tally::default();
        let mut want = 0;
        for (i, chunk) in words.chunks_exact(4).enumerate() {
            let [a, b, c, d] = [chunk[0], chunk[1], chunk[2], chunk[3]];
            match i % 4 {
                0 => tally.add(a),
                1 => tally.add2(a, b),
                2 => tally.add4([a, b, c, d]),
                _ => tally.add_with_triple(a, b),
            }
            want += match i % 4 {
                0 => a.ones(),
                1 => a.ones() + b.ones(),
                2 => a.ones() + b.ones() + c.ones() + d.ones(),
                _ => a.ones() + 3 * b.ones(),
            };
            assert_eq!(tally.total(), want, "after {i}");
        }
    }
}
