//! Percent-encoding in URLs and link destinations (`%E5%9B%BE` → 图): the
//! one decoder the dev server, link resolution and anchor checks share.

/// Decodes `%XX` escapes. Strict: a broken escape or bytes that are not
/// UTF-8 give `None` (for request paths).
pub fn decode_strict(text: &str) -> Option<String> {
    String::from_utf8(decode_bytes(text, true)?).ok()
}

/// Decodes `%XX` escapes, keeping a broken escape as written and replacing
/// bytes that are not UTF-8 (for what authors wrote).
pub fn decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = decode_bytes(text, false).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn decode_bytes(text: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escaped = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match escaped {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_to_text() {
        assert_eq!(decode("%E5%9B%BE.png"), "图.png");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode_strict("/a%20b"), Some("/a b".into()));
        assert_eq!(decode_strict("/a%2"), None);
        assert_eq!(decode_strict("/%FF"), None);
    }
}
