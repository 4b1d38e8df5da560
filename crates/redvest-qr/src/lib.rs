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

mod bitmap;
mod ecc;
mod mask;
mod path;

pub use bitmap::QrPng;
use bitmap::*;
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

/// Error correction level L: 7 % of the code may be lost. Codes are read
/// from screens and fresh prints, not worn labels; at the size a page
/// gives a code, L's fewer modules are larger ones (a 47-byte URL is version
/// 3, 29 modules, where M needs version 4, 33), easier for a phone to read,
/// and 70 bytes fewer on each page.
const EC: EcLevel = EcLevel::L;

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
    /// Bits `8k` to `8k + 7`.
    fn byte(self, k: usize) -> u8;
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
            fn byte(self, k: usize) -> u8 {
                // Truncation is the point: the low eight bits after the shift.
                (self >> (8 * k)) as u8
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

    /// The modules of the QR code of `text` (error correction level L, the
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

impl Encoder {
    /// The QR code of `url` (see [`payload`]) as a one-bit PNG, one pixel
    /// a module, without the quiet zone; `None` if it is too long for any
    /// QR code.
    pub fn png(&self, url: &str) -> Option<QrPng> {
        let (rows, width) = self.rows(&payload(url))?;
        match &rows {
            Rows::Narrow(rows) => png_of(rows.iter().map(|&row| packed_word(row, width)), width),
            Rows::Wide(rows) => png_of(rows.iter().map(|&row| packed_word(row, width)), width),
            Rows::Modules(rows) => png_of(rows.iter().map(|row| packed_modules(row)), width),
        }
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
mod tests;
