//! Tests of the encoder against the `qrcode` crate and a decoder.
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

/// The pixels of a PNG as read by the `png` crate, `true` for dark, with
/// its width.
fn png_pixels(bytes: &[u8]) -> (Vec<bool>, usize) {
    let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let info = reader.info();
    assert_eq!(info.bit_depth, ::png::BitDepth::One);
    assert_eq!(info.color_type, ::png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    assert_eq!(w, h);
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let stride = frame.line_size;
    let pixels = (0..h)
        .flat_map(|y| (0..w).map(move |x| (y, x)))
        .map(|(y, x)| buf[y * stride + x / 8] & (0x80 >> (x % 8)) == 0)
        .collect();
    (pixels, w)
}

#[test]
fn png_shows_exactly_the_dark_modules() {
    let encoder = Encoder::new();
    for url in urls() {
        let png = encoder.png(&url).unwrap();
        let (code, w) = encoder.modules(&url).unwrap();
        assert_eq!(png.size, w, "{url}");
        let (pixels, side) = png_pixels(&png.bytes);
        assert_eq!(side, w, "{url}");
        assert_eq!(pixels, code, "{url}");
    }
}

#[test]
fn png_checksums_are_zlibs() {
    // Adler-32 of "Wikipedia", the usual worked example.
    assert_eq!(bitmap::adler32(b"Wikipedia"), 0x11E6_0398);
    let long: Vec<u8> = (0..150_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let stream = bitmap::zlib_stored(&long);
    // Three stored blocks: two full, one of the rest.
    assert_eq!(stream.len(), 2 + 3 * 5 + long.len() + 4);
    assert_eq!(stream[2], 0);
    assert_eq!(stream[2 + 5 + 0xFFFF], 0);
    assert_eq!(stream[2 + 2 * (5 + 0xFFFF)], 1);
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
            line = line & !(0xFFF << (seed as usize % n)) | 0b101_1101 << (seed as usize % (n - 6));
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
