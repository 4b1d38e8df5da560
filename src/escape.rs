//! Text escaped where it lands: HTML and XML text and attribute values,
//! XML CDATA sections, and JSON string literals safe inside `<script>`.
//! The one place redvest writes `&amp;` or `\u003c`; every page, feed,
//! sitemap, QR label, JSON-LD block and dev-server error page escapes
//! through it.
//!
//! Each escaper copies runs of plain text whole, finding their ends with
//! one table lookup per byte ([`byte_table`]). Terminal escaping of error
//! messages is not here: it is part of how `error` shows an error.

use std::fmt::Write as _;

/// The bytes an escaping loop has to look at, as a table: the ASCII control
/// characters but those in `controls_kept`, and the bytes in `marked`;
/// every other byte is copied as it is.
const fn byte_table(controls_kept: &[u8], marked: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let mut i = 0;
    while i < controls_kept.len() {
        table[controls_kept[i] as usize] = false;
        i += 1;
    }
    let mut i = 0;
    while i < marked.len() {
        table[marked[i] as usize] = true;
        i += 1;
    }
    table
}

/// Bytes [`xml_into`] has to look at: markup characters, control
/// characters, and 0xEF (the lead byte of U+FFFE and U+FFFF).
const XML_SPECIAL: [bool; 256] = byte_table(b"\t\n\r", b"&<>\"'\xEF");

/// Appends `text` escaped for XML content and attribute values to `out`
/// (`&<>"'` as entities); drops the characters XML 1.0 does not allow.
pub fn xml_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    out.reserve(text.len() + text.len() / 8);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !XML_SPECIAL[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (replacement, skip) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not allowed.
            0xEF => {
                if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                {
                    ("", 3)
                } else {
                    i += 1;
                    continue;
                }
            }
            _ => ("", 1),
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        i += skip;
        start = i;
    }
    out.push_str(&text[start..]);
}

/// `text` escaped for XML, as a new string: see [`xml_into`].
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_into(text, &mut out);
    out
}

/// `text` escaped for HTML text and double- or single-quoted attribute
/// values: the XML rules, which HTML reads the same way (`&apos;` is an
/// HTML entity too), so one text can go into a page and a feed alike.
pub fn html(text: &str) -> String {
    xml(text)
}

/// Appends `text` as XML CDATA: copied as it is but for `]]>` (split
/// across two sections) and the characters XML 1.0 does not allow
/// (dropped, as [`xml_into`] drops them). A feed carries whole page
/// bodies this way, which spares them a pass of escaping.
pub fn cdata_into(text: &str, out: &mut String) {
    out.push_str("<![CDATA[");
    let text = if xml_allows(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|&c| xml_allows_char(c)).collect())
    };
    let mut rest = text.as_ref();
    while let Some(at) = cdata_end(rest) {
        out.push_str(&rest[..at + 2]);
        out.push_str("]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out.push_str("]]>");
}

/// Where `]]>` first occurs in `text`: found by its `]`, which HTML text
/// rarely has, with the quick search for one byte.
fn cdata_end(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(']') {
        let at = from + found;
        if text[at..].starts_with("]]>") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether every character of `text` is allowed in XML 1.0.
fn xml_allows(text: &str) -> bool {
    // No early exit, so the compiler can look at many bytes at once.
    let control = text.bytes().fold(false, |seen, b| {
        seen | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
    });
    // As strings, not characters: their last bytes are common in Chinese.
    !control && !text.contains("\u{FFFE}") && !text.contains("\u{FFFF}")
}

/// Whether `c` is allowed in XML 1.0 (surrogates cannot be in a `str`).
fn xml_allows_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{FFFE}' | '\u{FFFF}')
}

/// A string as a JSON string literal that is safe inside `<script>`,
/// escaped as serde_json and [`json_for_script`] together would, in one
/// pass (JSON-LD prints a dozen strings on every page).
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_json_string(&mut out, text);
    out
}

/// Bytes [`push_json_string`] has to look at: ASCII controls, `"`, `\\`,
/// `<`, `>`, `&` and the lead byte of U+2028/U+2029 (E2 80 A8/A9); all
/// others are copied as they are.
const JSON_SPECIAL: [bool; 256] = byte_table(b"", b"\"\\<>&\xE2");

/// Appends [`json_string`] of `text` to `out`.
pub fn push_json_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !JSON_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => "\\u2028",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => "\\u2029",
            0xE2 => {
                i += 1;
                continue;
            }
            _ => {
                out.push_str(&text[start..i]);
                let _ = write!(out, "\\u{:04x}", b);
                i += 1;
                start = i;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(escape);
        i += if b == 0xE2 { 3 } else { 1 };
        start = i;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// JSON text made safe to place inside a `<script>` element: no `</script>`
/// or `<!--` can appear, whatever the strings hold.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        let mut out = String::new();
        xml_into(
            "<script>&\"'\u{1}志\u{FFFE}愿\u{FFFF}，\u{FFFD}\t",
            &mut out,
        );
        assert_eq!(out, "&lt;script&gt;&amp;&quot;&apos;志愿，\u{FFFD}\t");
        assert_eq!(
            html("扫码 <分享> & \"看\""),
            "扫码 &lt;分享&gt; &amp; &quot;看&quot;"
        );
    }

    #[test]
    fn html_goes_into_cdata_that_no_text_can_close() {
        let mut out = String::from("<d>");
        cdata_into("<p>a]]>b]]]>c</p>", &mut out);
        out.push_str("</d>");
        assert_eq!(
            out,
            "<d><![CDATA[<p>a]]]]><![CDATA[>b]]]]]><![CDATA[>c</p>]]></d>"
        );
        let doc = roxmltree::Document::parse(&out).unwrap();
        let text: String = doc
            .root_element()
            .children()
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(text, "<p>a]]>b]]]>c</p>");
    }

    #[test]
    fn cdata_loses_only_what_xml_does_not_allow() {
        let mut out = String::new();
        cdata_into(
            "<p>\u{1}志\u{FFFE}愿\u{FFFF}，\u{FFFD}\t\u{b}</p>",
            &mut out,
        );
        assert_eq!(out, "<![CDATA[<p>志愿，\u{FFFD}\t</p>]]>");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(xml_allows(&text), xml_allows_char(c), "{c:?}");
            let mut escaped = String::new();
            xml_into(&text, &mut escaped);
            assert_eq!(escaped.is_empty(), !xml_allows_char(c), "{c:?}");
        }
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_and_for_script() {
        for text in [
            "乾安 \"志愿\" <script>&</script>",
            "\\ \n \r \t \u{8} \u{c} \u{1} \u{1f} \u{7f} \u{2028} \u{2029} é",
            "",
            "\u{2028}\u{2029}\u{2027}\u{202a}\u{20ac}€“”…\u{2028}",
            "a\u{0}b\u{1b}c<",
        ] {
            let slow = json_for_script(&serde_json::to_string(text).unwrap());
            assert_eq!(json_string(text), slow, "{text:?}");
        }
    }

    #[test]
    fn json_strings_agree_with_serde_json_on_every_character_of_the_first_planes() {
        let chars: Vec<char> = (0..0x3_0000).filter_map(char::from_u32).collect();
        for chunk in chars.chunks(61) {
            let text: String = chunk.iter().collect();
            let slow = json_for_script(&serde_json::to_string(&text).unwrap());
            assert_eq!(json_string(&text), slow, "{text:?}");
        }
    }
}
