//! Error correction: Reed–Solomon over GF(256) with the QR standard's
//! polynomial, and how each version splits its codewords into blocks and
//! interleaves them (read once from the `qrcode` crate).

use super::*;

/// Powers of α, the generator of GF(256) with the primitive polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) of the QR standard: `EXP[i]` is α^i, for
/// two periods, so that the sum of two logarithms needs no modulo.
pub(crate) const EXP: [u8; 512] = exp_table();

/// Discrete logarithms in GF(256): `EXP[LOG[a]] == a` for `a` ≠ 0.
pub(crate) const LOG: [u8; 256] = log_table();

/// The most error correction codewords a block of any QR code has.
pub(crate) const MAX_ECC: usize = 32;

/// [`EXP`], computed at compile time: each power is the one before times
/// x, reduced by 0x11D when it overflows a byte.
pub(crate) const fn exp_table() -> [u8; 512] {
    let mut table = [0u8; 512];
    let mut power: u16 = 1;
    let mut i = 0;
    while i < table.len() {
        table[i] = power as u8;
        power <<= 1;
        if power & 0x100 != 0 {
            power ^= 0x11D;
        }
        i += 1;
    }
    table
}

/// [`LOG`], computed at compile time from [`EXP`]'s first period.
pub(crate) const fn log_table() -> [u8; 256] {
    let exp = exp_table();
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 255 {
        table[exp[i] as usize] = i as u8;
        i += 1;
    }
    table
}

/// The product of `a` and `b` in GF(256).
pub(crate) fn gf_mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        EXP[usize::from(LOG[usize::from(a)]) + usize::from(LOG[usize::from(b)])]
    }
}

/// The Reed–Solomon generator polynomial of degree `len`, ∏(x − α^i) for
/// i in 0..len, its coefficients highest degree first (the first is 1).
pub(crate) fn generator(len: usize) -> Vec<u8> {
    let mut poly = vec![1u8];
    for &root in EXP.iter().take(len) {
        // Times (x − root), which is x + root in GF(256): each coefficient
        // gains the one above it times root.
        let mut next = poly.clone();
        next.push(0);
        for (j, &c) in poly.iter().enumerate() {
            next[j + 1] ^= gf_mul(c, root);
        }
        poly = next;
    }
    poly
}

/// Reed–Solomon error correction codewords of one length, `len` ≤
/// [`MAX_ECC`]. The remainder of a block by the generator polynomial is
/// kept as a 256-bit shift register, four big-endian words with the
/// highest coefficient in the top byte; every data byte shifts it one byte
/// and XORs in a row of `products`.
#[derive(Debug)]
pub(crate) struct ReedSolomon {
    /// Error correction codewords per block.
    pub(crate) len: usize,
    /// For each byte c: c times the generator's coefficients after the
    /// leading 1, as a register.
    products: Box<[[u64; 4]; 256]>,
}

impl ReedSolomon {
    /// The code with `len` error correction codewords, or `None` if `len`
    /// is more than [`MAX_ECC`].
    pub(crate) fn new(len: usize) -> Option<ReedSolomon> {
        if len > MAX_ECC {
            return None;
        }
        let tail = generator(len).split_off(1);
        let mut products = Box::new([[0u64; 4]; 256]);
        for (c, row) in (0..=u8::MAX).zip(products.iter_mut()) {
            let mut bytes = [0u8; MAX_ECC];
            for (b, &g) in bytes.iter_mut().zip(&tail) {
                *b = gf_mul(c, g);
            }
            *row = register(&bytes);
        }
        Some(ReedSolomon { len, products })
    }

    /// The error correction codewords of `block`: the first [`Self::len`]
    /// bytes of the result.
    pub(crate) fn remainder(&self, block: &[u8]) -> [u8; MAX_ECC] {
        let mut r = [0u64; 4];
        for &byte in block {
            let lead = byte ^ r[0].to_be_bytes()[0];
            r = [
                r[0] << 8 | r[1] >> 56,
                r[1] << 8 | r[2] >> 56,
                r[2] << 8 | r[3] >> 56,
                r[3] << 8,
            ];
            let row = &self.products[usize::from(lead)];
            for (w, p) in r.iter_mut().zip(row) {
                *w ^= p;
            }
        }
        let mut out = [0u8; MAX_ECC];
        for (chunk, w) in out.chunks_exact_mut(8).zip(r) {
            chunk.copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

/// `bytes` as a [`ReedSolomon`] register: four big-endian words.
pub(crate) fn register(bytes: &[u8; MAX_ECC]) -> [u64; 4] {
    let mut words = [0u64; 4];
    for (w, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut be = [0u8; 8];
        be.copy_from_slice(chunk);
        *w = u64::from_be_bytes(be);
    }
    words
}

/// How the data codewords of `version` are split into blocks and
/// interleaved: the blocks as ranges of the data, the error correction
/// codewords per block, and the place in the interleaved sequence of each
/// codeword (the data, then each block's error correction). Read once from
/// the crate: it interleaves probe data whose bytes name their own index
/// (low byte in one probe, high byte in the other), and the first entry of
/// each block leads the interleaved data. `None` if the crate's codewords
/// do not come out as this reading expects.
pub(crate) fn block_structure(
    version: Version,
) -> Option<(Vec<std::ops::Range<usize>>, usize, Vec<usize>)> {
    let data_len = qrcode::bits::Bits::new(version).max_len(EC).ok()? / 8;
    let probe = |byte: fn(usize) -> u8| {
        let data: Vec<u8> = (0..data_len).map(byte).collect();
        qrcode::ec::construct_codewords(&data, version, EC).ok()
    };
    let (low, ecc) = probe(|i| i.to_le_bytes()[0])?;
    let (high, _) = probe(|i| i.to_le_bytes()[1])?;
    // The data index at each interleaved place.
    let read: Vec<usize> = low
        .iter()
        .zip(&high)
        .map(|(&l, &h)| usize::from(l) | usize::from(h) << 8)
        .collect();
    let count = read.iter().position(|&i| i == 1).unwrap_or(1);
    let starts = read.get(..count)?;
    let blocks: Vec<_> = starts
        .iter()
        .zip(starts.iter().skip(1).chain([&data_len]))
        .map(|(&start, &end)| start..end)
        .collect();
    if ecc.len() % count != 0 || interleaved(&blocks) != read {
        return None;
    }
    let ecc_len = ecc.len() / count;
    let mut slots = vec![0; data_len + ecc.len()];
    for (place, &i) in read.iter().enumerate() {
        *slots.get_mut(i)? = place;
    }
    // Error correction codeword k of block b is the (k·blocks + b)th.
    for (b, block_slots) in slots[data_len..].chunks_mut(ecc_len.max(1)).enumerate() {
        for (k, slot) in block_slots.iter_mut().enumerate() {
            *slot = data_len + k * count + b;
        }
    }
    Some((blocks, ecc_len, slots))
}

/// The data indices of `blocks` interleaved: the first of each block, then
/// the second of each, and so on, skipping blocks that have run out.
pub(crate) fn interleaved(blocks: &[std::ops::Range<usize>]) -> Vec<usize> {
    let longest = blocks.iter().map(ExactSizeIterator::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|k| blocks.iter().filter_map(move |b| b.clone().nth(k)))
        .collect()
}
