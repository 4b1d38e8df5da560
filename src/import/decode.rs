//! Bytes of a legacy text file → text: the encoding is found from a byte
//! order mark, from UTF-8's own validity, from the zero bytes of UTF-16
//! without a mark, and else by `chardetng` among the Chinese encodings
//! (GB18030/GBK, Big5). A file that none of these reads with confidence is
//! refused, never decoded by a guess that could turn it into mojibake.

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a file, and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding's name as people know it (`UTF-8`, `GBK/GB18030`, `Big5`, `UTF-16LE`).
    pub encoding: &'static str,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// Nothing tells the encoding with confidence; the best guess is named.
    Unsure {
        /// The encoding it looks most like.
        guess: &'static str,
    },
    /// The bytes are not valid in the encoding they say they are in.
    Malformed {
        /// The encoding named by the bytes' mark or shape.
        encoding: &'static str,
    },
}

/// Decodes `bytes` as the encoding they are in; see the module's doc.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    if let Some((encoding, mark)) = Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[mark..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        });
    }
    if let Some(encoding) = utf16_without_mark(bytes) {
        return strict(encoding, bytes);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (guess, confident) = detector.guess_assess(None, false);
    let chinese = guess == GB18030 || guess == encoding_rs::GBK || guess == BIG5;
    if !confident || !chinese {
        return Err(Undecodable::Unsure { guess: name(guess) });
    }
    let encoding = if guess == BIG5 { BIG5 } else { GB18030 };
    strict(encoding, bytes)
}

/// Decodes without replacing anything: a malformed sequence refuses the file.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded, Undecodable> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Undecodable::Malformed {
            encoding: name(encoding),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name(encoding),
    })
}

/// UTF-16 without a byte order mark: text of ASCII (line ends, digits,
/// punctuation) has a zero byte in every other place, on one side only.
fn utf16_without_mark(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let many = |n: usize| n * 10 >= pairs;
    let few = |n: usize| n * 50 <= pairs;
    if many(odd) && few(even) {
        Some(UTF_16LE)
    } else if many(even) && few(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// An encoding's name as a clerk knows it.
fn name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 || encoding == encoding_rs::GBK {
        "GBK/GB18030"
    } else if encoding == UTF_8 {
        "UTF-8"
    } else {
        encoding.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "乾安县坚持不断组织开展爱心帮扶活动，扩大志愿服务的辐射面，每年平均开展志愿服务活动200余次，参加人数2600余人次。";

    #[test]
    fn utf8_with_and_without_a_mark() {
        let plain = decode(TEXT.as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), (TEXT, "UTF-8"));
        let marked = decode(&[b"\xEF\xBB\xBF", TEXT.as_bytes()].concat()).unwrap();
        assert_eq!(marked.text, TEXT);
    }

    #[test]
    fn gbk_and_big5_are_told_apart() {
        let (gbk, _, _) = GB18030.encode(TEXT);
        let found = decode(&gbk).unwrap();
        assert_eq!((found.text.as_str(), found.encoding), (TEXT, "GBK/GB18030"));
        let traditional = "為進一步推進志愿服務制度化常態化，努力打造接地氣聚人氣的志愿服務項目，不斷增強志愿服務的影響力和吸引力。";
        let (big5, _, _) = BIG5.encode(traditional);
        let found = decode(&big5).unwrap();
        assert_eq!((found.text.as_str(), found.encoding), (traditional, "Big5"));
    }

    #[test]
    fn utf16_with_and_without_a_mark() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            decode(&[&[0xFF, 0xFE], &le[..]].concat()).unwrap().text,
            TEXT
        );
        let ascii = "2023年3月5日\r\n来源：县文明办\r\n";
        let le: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let found = decode(&le).unwrap();
        assert_eq!((found.text.as_str(), found.encoding), (ascii, "UTF-16LE"));
    }

    #[test]
    fn bytes_that_are_no_chinese_text_are_refused() {
        let noise: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8 | 0x80).collect();
        assert!(decode(&noise).is_err());
    }
}
