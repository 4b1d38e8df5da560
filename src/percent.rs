//! Percent-encoding in URLs and link destinations (`%E5%9B%BE` → 图): the
//! one decoder the dev server, link resolution and anchor checks share.
//!
//! Decoding is the `percent-encoding` crate's; this module adds the strict
//! reading request paths need, which the crate does not offer (it keeps a
//! broken escape as written): an escape is `%` and exactly two hex digits.

use percent_encoding::percent_decode_str;

/// Decodes `%XX` escapes. Strict: a broken escape (`%2`, `%+1`, `%zz`) or
/// bytes that are not UTF-8 give `None` (for request paths).
pub fn decode_strict(text: &str) -> Option<String> {
    if !escapes_are_whole(text) {
        return None;
    }
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// Decodes `%XX` escapes, keeping a broken escape as written and replacing
/// bytes that are not UTF-8 (for what authors wrote).
pub fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Whether every `%` in `text` starts an escape: two hex digits follow it.
fn escapes_are_whole(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|pair| pair.iter().all(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_to_text() {
        assert_eq!(decode("%E5%9B%BE.png"), "图.png");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%e5%9b%be"), "图");
        assert_eq!(decode_strict("/a%20b"), Some("/a b".into()));
        assert_eq!(decode_strict("/a%2"), None);
        assert_eq!(decode_strict("/%FF"), None);
        assert_eq!(decode_strict("/%"), None);
        assert_eq!(decode_strict("/plain"), Some("/plain".into()));
    }

    #[test]
    fn a_sign_is_not_a_hex_digit() {
        assert_eq!(decode("%+1b"), "%+1b");
        assert_eq!(decode("%-1"), "%-1");
        assert_eq!(decode_strict("/%+1"), None);
        assert_eq!(decode_strict("/%+f"), None);
    }

    #[test]
    fn a_broken_escape_is_kept_as_written_for_authors() {
        assert_eq!(decode("50%off%2"), "50%off%2");
        assert_eq!(decode("%E5%9B"), "\u{FFFD}");
    }
}
