//! Source files as text: bytes decoded to UTF-8, with a file written in
//! another encoding (UTF-16, GBK) named as such and invalid UTF-8 placed at
//! its line and column.

use std::path::Path;

use crate::error::{Error, Location};
use crate::i18n::catalogue::content as msg;

/// Whether `bytes` holds a NUL byte: every byte is looked at, with no early
/// exit, so the compiler can look at many at once (text has none).
fn has_nul(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |seen, &b| seen | (b == 0))
}

/// Reads bytes as UTF-8 text (a BOM is dropped); any other encoding is an
/// error naming the encoding it looks like.
pub fn decode_text(bytes: &[u8], shown: &Path) -> Result<String, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let convert = msg::convert_to_utf8;
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::in_file(shown, msg::utf16()).with_hint(convert()));
    }
    let binary = || Error::in_file(shown, msg::binary()).with_hint(msg::binary_hint());
    if looks_like_utf16(bytes) {
        return Err(Error::in_file(shown, msg::utf16_without_bom()).with_hint(convert()));
    }
    // A fast check first; the standard one only to find where it fails.
    let valid = simdutf8::basic::from_utf8(bytes).ok();
    match valid.map_or_else(|| std::str::from_utf8(bytes), Ok) {
        Ok(_) if has_nul(bytes) => Err(binary()),
        Ok(text) if reads_as_gbk(text, bytes) => {
            Err(Error::in_file(shown, msg::gbk()).with_hint(convert()))
        }
        Ok(text) => Ok(text.to_string()),
        Err(_) if bytes.contains(&0) => Err(binary()),
        Err(_) if looks_like_gbk(bytes) => {
            Err(Error::in_file(shown, msg::gbk()).with_hint(convert()))
        }
        Err(e) => {
            let (line, column) = line_and_column(bytes, e.valid_up_to());
            Err(Error::at(Location::at(shown, line, column), msg::not_utf8()).with_hint(convert()))
        }
    }
}

/// The line and column (both from 1; the column in characters) of the
/// byte at `offset`, where every byte before it is valid UTF-8.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    // Bytes before `offset` are UTF-8: count the bytes that start a character.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line, column)
}

/// Whether text is UTF-16 without a byte order mark: ASCII letters with a
/// NUL byte beside each (`-\0-\0-\0`).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64)];
    if sample.len() < 8 {
        return false;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = sample.len() / 2;
    zeros_at(0) * 4 >= half * 3 || zeros_at(1) * 4 >= half * 3
}

/// Whether valid UTF-8 is more likely GBK: short GBK Chinese can decode as
/// UTF-8, but then only as Armenian, Hebrew or Arabic letters, which a
/// Chinese publicity site does not write.
fn reads_as_gbk(text: &str, bytes: &[u8]) -> bool {
    let mut non_ascii = text.chars().filter(|c| !c.is_ascii()).peekable();
    non_ascii.peek().is_some()
        && non_ascii.all(|c| ('\u{0530}'..='\u{07FF}').contains(&c))
        && looks_like_gbk(bytes)
}

/// Whether the non-ASCII bytes pair up as GBK/GB18030 double-byte characters.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let Some(&next) = bytes.get(i + 1) else {
            return false;
        };
        if !(0x81..=0xFE).contains(&b) || !(0x30..=0xFE).contains(&next) || next == 0x7F {
            return false;
        }
        pairs += 1;
        i += 2;
    }
    pairs > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let text = decode_text(b"\xEF\xBB\xBF---\n", Path::new("a.md")).expect("utf-8");
        assert_eq!(text, "---\n");
    }

    #[test]
    fn short_gbk_that_is_valid_utf8_is_named() {
        let err = decode_text(&[0xD6, 0xBE, 0xD4, 0xB8], Path::new("a.md")).expect_err("gbk");
        assert!(err.to_string().contains("GBK"), "{err}");
        assert!(decode_text("Привет 志愿".as_bytes(), Path::new("a.md")).is_ok());
    }

    #[test]
    fn gbk_is_named() {
        // 志愿服务 in GBK.
        let gbk = [0xD6, 0xBE, 0xD4, 0xB8, 0xB7, 0xFE, 0xCE, 0xF1];
        let err = decode_text(&gbk, Path::new("a.md")).expect_err("gbk");
        assert!(err.to_string().contains("GBK"), "{err}");
    }

    #[test]
    fn invalid_utf8_is_placed_by_line_and_column() {
        let bytes = "ab\n志愿".bytes().chain([0xFF]).collect::<Vec<u8>>();
        let err = decode_text(&bytes, Path::new("a.md")).expect_err("not utf-8");
        let location = err.location().expect("a location");
        assert_eq!((location.line, location.column), (Some(2), Some(3)));
        assert_eq!(line_and_column(b"\x80", 0), (1, 1));
        assert_eq!(line_and_column(b"a\r\nb\x80", 4), (2, 2));
    }

    #[test]
    fn utf16_is_named() {
        let err = decode_text(&[0xFF, 0xFE, 0x2D, 0x00], Path::new("a.md")).expect_err("utf16");
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }
}
