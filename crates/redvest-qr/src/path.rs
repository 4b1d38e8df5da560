//! SVG path data: the dark runs of each row as `m dx dy h n` moves, the
//! numbers written without formatting machinery.

use super::*;

/// The runs of dark modules of a row of bits, as `(start, end)`, left to
/// right; each is found with two counts of trailing zeros, the bits taken
/// off by one carry.
pub(crate) struct BitRuns<W>(pub(crate) W);

impl<W: Word> Iterator for BitRuns<W> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let rest = self.0;
        if rest == W::default() {
            return None;
        }
        let carried = rest.carry_lowest();
        self.0 = rest & carried;
        Some((rest.trailing() as usize, carried.trailing() as usize))
    }
}

/// The runs of dark modules of a row of modules, as `(start, end)`, left
/// to right, from `x` on.
pub(crate) struct ModuleRuns<'a> {
    pub(crate) row: &'a [bool],
    pub(crate) x: usize,
}

impl Iterator for ModuleRuns<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let start = self.x + self.row.get(self.x..)?.iter().position(|&m| m)?;
        let len = self.row[start..].iter().take_while(|&&m| m).count();
        self.x = start + len;
        Some((start, self.x))
    }
}

/// The path data ([`QrPath::d`]) of a code `width` modules wide given as
/// the runs of each of its rows. The first run of a row moves the pen from
/// wherever the last row left it; the others of the row move it on along
/// the row, nearly always by fewer than ten modules to a run of fewer than
/// ten, written as one six-byte slice.
pub(crate) fn path_data<R>(rows: impl Iterator<Item = R>, width: usize) -> Vec<u8>
where
    R: Iterator<Item = (usize, usize)>,
{
    // About nine bytes a run and a run for every four modules.
    let mut d = Vec::with_capacity(width * width * 9 / 4);
    // Where the pen is: the end of the previous run.
    let mut pen: Option<(usize, usize)> = None;
    for (y, mut runs) in rows.enumerate() {
        let Some((start, mut end)) = runs.next() else {
            continue;
        };
        move_to(&mut d, pen, (start, y), end - start);
        for (start, next) in runs {
            let (gap, len) = (start - end, next - start);
            if gap < 10 && len < 10 {
                d.extend_from_slice(&[b'm', b'0' + gap as u8, b' ', b'0', b'h', b'0' + len as u8]);
            } else {
                d.push(b'm');
                push_number(&mut d, gap);
                d.extend_from_slice(b" 0h");
                push_number(&mut d, len);
            }
            end = next;
        }
        pen = Some((end, y));
    }
    d
}

/// Appends the first run of a row, at `(x, y)` and `len` modules long, the
/// pen being at `pen` (nowhere yet for the first run of the code): `M` to
/// where it starts, quiet zone included, or `m` from the pen.
pub(crate) fn move_to(
    d: &mut Vec<u8>,
    pen: Option<(usize, usize)>,
    (x, y): (usize, usize),
    len: usize,
) {
    match pen {
        None => {
            d.push(b'M');
            push_number(d, x + QUIET_ZONE);
            d.push(b' ');
            push_number(d, y + QUIET_ZONE);
            d.extend_from_slice(b".5h");
        }
        Some((px, py)) => {
            d.push(b'm');
            if x < px {
                d.push(b'-');
            }
            push_number(d, x.abs_diff(px));
            d.push(b' ');
            push_number(d, y - py);
            d.push(b'h');
        }
    }
    push_number(d, len);
}

/// The ASCII digit of `n`'s last decimal place.
pub(crate) fn digit(n: usize) -> u8 {
    b'0' + (n % 10) as u8
}

/// Appends `n` in decimal: a code's path has a thousand small numbers
/// (QR codes are at most 185 modules wide), so the usual cases are written
/// directly.
pub(crate) fn push_number(out: &mut Vec<u8>, n: usize) {
    match n {
        0..=9 => out.push(digit(n)),
        10..=99 => out.extend_from_slice(&[digit(n / 10), digit(n)]),
        100..=999 => out.extend_from_slice(&[digit(n / 100), digit(n / 10), digit(n)]),
        _ => out.extend_from_slice(n.to_string().as_bytes()),
    }
}
