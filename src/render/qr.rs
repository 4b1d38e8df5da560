//! QR codes on pages: an `<img>` of the one-bit PNG that the `redvest-qr`
//! crate makes, inline as a `data:` URL (about 350 bytes of HTML for a page
//! URL), or the inline `<svg>` around its path data (about 2 KB); each with
//! its label escaped for HTML.

use std::fmt::Write as _;

use base64::Engine as _;

pub use redvest_qr::Encoder;

/// An inline `<svg>` of the QR code of `url`, dark on white whatever the
/// page's colours, named `label` for screen readers (`role="img"`, with a
/// `<title>`). Empty if the URL is too long for a QR code.
pub fn svg(encoder: &Encoder, url: &str, label: &str) -> String {
    let Some(qr) = encoder.path(url) else {
        return String::new();
    };
    let n = qr.size;
    let label = crate::escape::html(label);
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

/// Pixels a module in the `width` and `height` of [`image`], so that the
/// code has a scannable size even where no style sheet sizes it.
const IMAGE_SCALE: usize = 4;

/// An `<img class=qr>` of the QR code of `url` as a `data:` URL of its
/// PNG, one pixel a module and no quiet zone (the style sheet gives the
/// light margin and `image-rendering: pixelated`), with `label` as its
/// text alternative. Empty if the URL is too long for a QR code.
pub fn image(encoder: &Encoder, url: &str, label: &str) -> String {
    let Some(qr) = encoder.png(url) else {
        return String::new();
    };
    let label = crate::escape::html(label);
    let mut img = String::with_capacity(qr.bytes.len() * 4 / 3 + 160);
    img.push_str("<img class=qr src=\"data:image/png;base64,");
    base64::engine::general_purpose::STANDARD.encode_string(&qr.bytes, &mut img);
    let _ = write!(
        img,
        "\" width={w} height={w} alt=\"{label}\">",
        w = qr.size * IMAGE_SCALE
    );
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_labelled_and_escaped() {
        let svg = svg(
            &Encoder::new(),
            "https://example.org/",
            "扫码 <分享> & \"看\"",
        );
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"扫码 &lt;分享&gt; &amp; &quot;看&quot;\""));
        assert!(svg.contains("<title>扫码 &lt;分享&gt; &amp; &quot;看&quot;</title>"));
        assert_eq!(svg.matches("<path").count(), 2);
    }

    #[test]
    fn image_is_labelled_and_escaped() {
        let img = image(
            &Encoder::new(),
            "https://example.org/",
            "扫码 <分享> & \"看\"",
        );
        assert!(img.starts_with("<img class=qr src=\"data:image/png;base64,iVBORw0KGgo"));
        assert!(img.ends_with("alt=\"扫码 &lt;分享&gt; &amp; &quot;看&quot;\">"));
        // Version 2 at level L: 25 modules.
        assert!(img.contains("width=100 height=100"));
    }

    #[test]
    fn too_long_is_empty() {
        assert_eq!(svg(&Encoder::new(), &"x".repeat(5000), "qr"), "");
        assert_eq!(image(&Encoder::new(), &"x".repeat(5000), "qr"), "");
    }
}
