//! QR codes of page URLs, made at build time as small inline SVG: no
//! network, no JavaScript. The dark modules are one `<path>`, one subpath
//! per horizontal run (`m dx dy h n v1 h-n z`, moves relative to the previous
//! run), so a typical page URL costs about 3 KB of HTML.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

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

/// The QR code of `url` (error correction level M, the smallest version
/// that holds it), or `None` if it is too long for any QR code.
pub fn qr_path(url: &str) -> Option<QrPath> {
    let code = QrCode::with_error_correction_level(payload(url), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::with_capacity(width * width / 2);
    // The start of the previous run: after `z` the pen is back there.
    let mut pen: Option<(usize, usize)> = None;
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
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
        let code = QrCode::with_error_correction_level(url, EcLevel::M).unwrap();
        let w = code.width();
        assert_eq!(qr.size, w + 2 * QUIET_ZONE);
        let grid = modules(&qr);
        for y in 0..qr.size {
            for x in 0..qr.size {
                let inside = (QUIET_ZONE..QUIET_ZONE + w).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + w).contains(&y);
                let dark = inside && code[(x - QUIET_ZONE, y - QUIET_ZONE)] == Color::Dark;
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
