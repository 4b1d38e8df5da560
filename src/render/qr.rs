//! QR codes on pages: the inline `<svg>` around the path data that the
//! `redvest-qr` crate makes, with its label escaped for HTML.

use std::fmt::Write as _;

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
    fn too_long_is_empty() {
        assert_eq!(svg(&Encoder::new(), &"x".repeat(5000), "qr"), "");
    }
}
