//! Masking: which modules each of the eight masks flips, and the four
//! penalty rules of ISO/IEC 18004 scored a line at a time on bit sets.

use super::*;

/// Whether mask `k` (0–7, ISO/IEC 18004 table 10) flips the module in
/// column `x`, row `y`. Written as the standard's table writes them.
#[allow(clippy::manual_is_multiple_of)]
pub(crate) fn flips(k: usize, x: usize, y: usize) -> bool {
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

// The mask penalty of ISO/IEC 18004 §7.8.3: runs of five or more and
// finder-like 1:1:3:1:1 patterns along every row and column, 2×2 blocks
// between neighbouring rows, and the balance of dark modules. Every rule
// but the balance scores a fixed amount per set bit of some word made from
// one or two lines, so the words are summed in carry-save counters
// ([`Tally`]) and their bits counted once at the end: a software popcount
// (baseline x86-64 has no instruction for it) costs about as much as all
// the rest of a line.

/// The mask penalty of a symbol `n` modules wide, given as its `rows` and
/// its `cols` (`n` of each).
pub(crate) fn penalty<W: Word>(
    rows: impl Iterator<Item = W>,
    cols: impl Iterator<Item = W>,
    n: usize,
) -> u32 {
    let pairs = W::low(n - 1);
    // Runs and blocks; finder patterns are rare enough to count directly.
    let (mut rules, mut finders) = (Tally::default(), 0);
    let mut dark = Tally::default();
    let mut quad = [W::default(); 4];
    // The row above and where its neighbours agree: none for the first.
    let (mut above, mut above_agree) = (W::default(), W::default());
    for (i, row) in rows.enumerate() {
        let scan = Scan::of(row, pairs);
        finders += scan.finders(row);
        rules.add_with_triple(scan.runs, blocks(above, above_agree, row, scan.agree));
        (above, above_agree) = (row, scan.agree);
        quad[i % 4] = row;
        if i % 4 == 3 {
            dark.add4(quad);
        }
    }
    for &row in quad.get(..n % 4).unwrap_or_default() {
        dark.add(row);
    }
    // Columns two by two into the tally, the odd one out at the end.
    let mut pending = None;
    for col in cols {
        let scan = Scan::of(col, pairs);
        finders += scan.finders(col);
        match pending.take() {
            None => pending = Some(scan.runs),
            Some(left) => rules.add2(left, scan.runs),
        }
    }
    if let Some(left) = pending {
        rules.add(left);
    }
    rules.total() + finders + balance(dark.total(), n)
}

/// What the rules read of one line, as bit sets over its modules.
pub(crate) struct Scan<W> {
    /// Bit x: modules x and x + 1 are of one colour.
    pub(crate) agree: W,
    /// As many bits as the line's runs of five or more score: a run of L
    /// modules, L − 2.
    pub(crate) runs: W,
    /// Bit x: `1011101` starts at module x.
    core: W,
}

impl<W: Word> Scan<W> {
    /// The scan of `line`, where `pairs` has the lowest n − 1 bits of a
    /// symbol n modules wide set.
    pub(crate) fn of(line: W, pairs: W) -> Scan<W> {
        let change = (line ^ (line >> 1)) & pairs;
        let agree = change ^ pairs;
        // Bit x: modules x to x + 2, then x to x + 4, of one colour.
        let three = agree & (agree >> 1);
        let five = three & (three >> 2);
        // A run of L ≥ 5 from x has five bits x to x + L − 5; the two
        // above them, up to x + L − 3, are below the next run's.
        let runs = five | (five << 1) | (five << 2);
        // Bit x: module x + 1 differs from both its neighbours.
        let spike = change & (change >> 1);
        // Dark at x, lone light at x + 1, three dark from x + 2, lone
        // light at x + 5 (so dark at x + 6).
        let core = line & spike & (spike >> 4) & (three >> 2);
        Scan { agree, runs, core }
    }

    /// 40 for each finder-like core of `line` (this scan's) with four
    /// light modules on one side or the other.
    pub(crate) fn finders(&self, line: W) -> u32 {
        if self.core == W::default() {
            0
        } else {
            finders(self.core, line)
        }
    }
}

/// 40 for each core of `line` in `core` with four light modules before it
/// or after it; outside the symbol counts as light.
pub(crate) fn finders<W: Word>(core: W, line: W) -> u32 {
    // Light modules, PAD places up so that those left of the symbol fit;
    // those right of it are the clear bits above the line.
    let light = (!line << PAD) | W::low(PAD);
    let two = light & (light >> 1);
    let four = two & (two >> 2);
    // For a core at x: bit x of `four` is modules x − 4 to x − 1, bit
    // x + 11 is modules x + 7 to x + 10.
    let found = core & (four | (four >> 11));
    40 * sparse_ones(found)
}

/// Set bits of `x`, one step a bit: cheaper than a software popcount for
/// the few a line has.
pub(crate) fn sparse_ones<W: Word>(mut x: W) -> u32 {
    let mut count = 0;
    while x != W::default() {
        x = x & x.minus_one();
        count += 1;
    }
    count
}

/// 2×2 blocks of one colour between two neighbouring rows, `above` and
/// `row`, whose neighbours agree at `above_agree` and `agree`: a bit at
/// the left column of each (they score 3).
pub(crate) fn blocks<W: Word>(above: W, above_agree: W, row: W, agree: W) -> W {
    above_agree & agree & !(above ^ row)
}

/// The balance of dark modules, `dark` of the `n` × `n`: 10 for each full
/// 5 % away from half.
pub(crate) fn balance(dark: u32, n: usize) -> u32 {
    let percent = dark as usize * 100 / (n * n);
    (percent.abs_diff(50) / 5) as u32 * 10
}

/// The number of set bits of the words added so far, kept as bit-sliced
/// counters: bit x of `ones`, `twos`, `fours`, `eights` and `sixteens`
/// are the five low binary digits of how many of the words had bit x set,
/// and what carries out of `sixteens` is counted at once. A symbol's
/// lines seldom carry that far: its rules score about 20 a column of bits.
/// A word costs a few logic operations (a carry-save adder); only
/// [`Tally::total`] counts bits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally<W> {
    ones: W,
    twos: W,
    fours: W,
    eights: W,
    sixteens: W,
    /// Thirty-twos carried out of `sixteens`.
    over: u32,
}

impl<W: Word> Tally<W> {
    /// Counts the bits of `x`.
    pub(crate) fn add(&mut self, x: W) {
        let carry = self.ones & x;
        self.ones = self.ones ^ x;
        self.add_twos(carry);
    }

    /// Counts the bits of `a` and `b`.
    pub(crate) fn add2(&mut self, a: W, b: W) {
        let (carry, ones) = full_add(self.ones, a, b);
        self.ones = ones;
        self.add_twos(carry);
    }

    /// Counts the bits of four words.
    pub(crate) fn add4(&mut self, [a, b, c, d]: [W; 4]) {
        let (low, ones) = full_add(self.ones, a, b);
        let (high, ones) = full_add(ones, c, d);
        self.ones = ones;
        let (carry, twos) = full_add(self.twos, low, high);
        self.twos = twos;
        self.add_fours(carry);
    }

    /// Counts the bits of `x` once and those of `y` three times.
    pub(crate) fn add_with_triple(&mut self, x: W, y: W) {
        let (carry, ones) = full_add(self.ones, x, y);
        self.ones = ones;
        let (carry, twos) = full_add(self.twos, carry, y);
        self.twos = twos;
        self.add_fours(carry);
    }

    /// Counts the bits of `x` twice.
    fn add_twos(&mut self, x: W) {
        let carry = self.twos & x;
        self.twos = self.twos ^ x;
        self.add_fours(carry);
    }

    /// Counts the bits of `x` four times.
    fn add_fours(&mut self, x: W) {
        let carry = self.fours & x;
        self.fours = self.fours ^ x;
        let up = self.eights & carry;
        self.eights = self.eights ^ carry;
        let over = self.sixteens & up;
        self.sixteens = self.sixteens ^ up;
        if over != W::default() {
            self.over += over.ones();
        }
    }

    /// The number of bits counted.
    pub(crate) fn total(&self) -> u32 {
        let low = self.ones.ones() + 2 * self.twos.ones();
        let high = 4 * self.fours.ones() + 8 * self.eights.ones() + 16 * self.sixteens.ones();
        low + high + 32 * self.over
    }
}

/// A full adder on every bit of three words: the carries and the sums.
pub(crate) fn full_add<W: Word>(a: W, b: W, c: W) -> (W, W) {
    let half = a ^ b;
    ((a & b) | (half & c), half ^ c)
}
