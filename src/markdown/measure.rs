//! Text measures: words counted the Chinese way, reading time, the summary
//! cut to a length, and the split at `<!-- more -->`. Plain text in,
//! numbers and text out; knows no Markdown events.

/// Counts words the Chinese way: each CJK character (Han, kana, hangul, CJK punctuation NOT counted) counts one; each run of other letters/digits counts one word.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // Most of a page: decided without decoding or Unicode tables.
            if b.is_ascii_alphanumeric() {
                count += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
            }
            i += 1;
            continue;
        }
        if (0xE4..=0xE9).contains(&b) {
            // U+4000..U+9FFF: CJK unified ideographs, three bytes each; a
            // run of them is counted in a loop of its own.
            i += 3;
            count += 1;
            while bytes.get(i).is_some_and(|b| (0xE4..=0xE9).contains(b)) {
                i += 3;
                count += 1;
            }
            in_word = false;
            continue;
        }
        if is_common_punctuation_utf8(b, bytes.get(i + 1), bytes.get(i + 2)) {
            // ，。“”、： — a tenth of Chinese text: no decoding either.
            in_word = false;
            i += 3;
            continue;
        }
        let width = match b {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        let c = text
            .get(i..i + width)
            .and_then(|s| s.chars().next())
            .unwrap_or(' ');
        if is_common_ideograph(c) || (!is_common_punctuation(c) && c.is_alphanumeric() && is_cjk(c))
        {
            count += 1;
            in_word = false;
        } else if is_common_punctuation(c) || !c.is_alphanumeric() {
            in_word = false;
        } else {
            count += usize::from(!in_word);
            in_word = true;
        }
        i += width;
    }
    count
}

/// Reading time in minutes: ceil(words / 300), at least 1.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(300).max(1)
}

/// First `max_chars` characters (chars, not bytes) of `text` with whitespace runs collapsed to one space and trimmed; if cut, ends with "…". Never splits a char.
pub fn truncate_summary(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)) + 4);
    let mut used = 0;
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let sep = usize::from(used > 0);
        let room = max_chars.saturating_sub(used);
        // The word no longer fits once it has this many characters; a CJK
        // paragraph is one long "word", so count no further.
        let overflow = room.saturating_add(1).saturating_sub(sep);
        let mut count = 0;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if count >= overflow {
                break;
            }
            if c.is_whitespace() {
                end = i;
                break;
            }
            count += 1;
        }
        if count >= overflow {
            append_cut(&mut out, rest, room);
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(&rest[..end]);
        used += sep + count;
        rest = &rest[end..];
    }
}

/// Splits a source at the first line that is exactly `<!-- more -->` (trimmed); returns (before, true) or (source, false).
pub fn split_more(source: &str) -> (&str, bool) {
    if !source.contains("<!--") {
        return (source, false);
    }
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        if line.trim() == "<!-- more -->" {
            return (&source[..start], true);
        }
        start += line.len();
    }
    (source, false)
}
/// The CJK unified ideographs and extension A: letters, every one, so no
/// table lookup is needed for most Chinese text.
fn is_common_ideograph(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// General and CJK punctuation (“”、。《》，：) that Chinese text is full
/// of, decided without Unicode tables.
fn is_common_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F        // general punctuation: “ ” — …
        | 0x3000..=0x3004      // ideographic space, 、。〃
        | 0x3008..=0x303F      // 《》「」【】 and the like
        | 0xFF01..=0xFF0F      // ！＂＃ … ／
        | 0xFF1A..=0xFF20      // ：；＜＝＞？＠
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
    )
}

/// [`is_common_punctuation`] for the three UTF-8 bytes of a character,
/// for the ranges Chinese text uses most: general punctuation
/// (U+2000–U+206F), CJK punctuation (U+3000–U+3004, U+3008–U+303F) and the
/// full-width signs among U+FF00–U+FF3F.
fn is_common_punctuation_utf8(b0: u8, b1: Option<&u8>, b2: Option<&u8>) -> bool {
    match (b0, b1, b2) {
        (0xE2, Some(0x80), Some(_)) => true,
        (0xE2, Some(0x81), Some(&b2)) => b2 <= 0xAF,
        (0xE3, Some(0x80), Some(&b2)) => !(0x85..=0x87).contains(&b2),
        (0xEF, Some(0xBC), Some(&b2)) => {
            matches!(b2, 0x81..=0x8F | 0x9A..=0xA0 | 0xBB..=0xBF)
        }
        _ => false,
    }
}

/// True for Han, kana and hangul letters (not punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF     // Hangul Jamo
        | 0x2E80..=0x2FDF   // CJK radicals, Kangxi radicals
        | 0x3000..=0x303F   // CJK symbols (only letters like 々〇 pass the caller)
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3130..=0x318F   // Hangul compatibility Jamo
        | 0x31F0..=0x31FF   // Katakana phonetic extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xA960..=0xA97F   // Hangul Jamo extended A
        | 0xAC00..=0xD7FF   // Hangul syllables, Jamo extended B
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFFDC   // Half-width katakana and hangul
        | 0x20000..=0x3FFFF // CJK extensions B and later
    ) && c.is_alphanumeric()
}
/// Appends as much of `word` as fits in `room` chars (after a separating
/// space if `out` is not empty), then the ellipsis.
fn append_cut(out: &mut String, word: &str, room: usize) {
    // The first `n` characters of the word, copied as one slice.
    let first = |n: usize| word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i]);
    if !out.is_empty() && room > 1 {
        out.push(' ');
        out.push_str(first(room - 1));
    } else if out.is_empty() {
        out.push_str(first(room));
    }
    out.push('…');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_read_from_bytes_is_punctuation() {
        let mut fast = 0;
        for c in (0x800..=0xFFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if is_common_punctuation_utf8(bytes[0], bytes.get(1), bytes.get(2)) {
                assert!(is_common_punctuation(c), "{c:?}");
                fast += 1;
            }
        }
        assert!(fast > 150, "{fast}");
        assert_eq!(word_count("志愿者，服务。“好”、Ａ１：　々"), 8);
    }

    #[test]
    fn word_count_chinese_way() {
        assert_eq!(word_count("志愿服务 hello world 123"), 7);
        assert_eq!(word_count("共计2202字"), 4);
        assert_eq!(word_count("你好，世界。"), 4);
        assert_eq!(word_count("ひらがな カタカナ 한국어"), 11);
        assert_eq!(word_count("  "), 0);
        assert_eq!(word_count("e-mail, x_y"), 4);
    }

    #[test]
    fn reading_minutes_rounds_up() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(300), 1);
        assert_eq!(reading_minutes(301), 2);
        assert_eq!(reading_minutes(2202), 8);
    }

    /// The summary as first written: whole words, then the cut.
    fn truncate_summary_by_words(text: &str, max_chars: usize) -> String {
        let mut out = String::new();
        let mut used = 0;
        for word in text.split_whitespace() {
            let needed = usize::from(used > 0) + word.chars().count();
            if used + needed > max_chars {
                append_cut(&mut out, word, max_chars - used);
                return out;
            }
            if used > 0 {
                out.push(' ');
            }
            out.push_str(word);
            used += needed;
        }
        out
    }

    #[test]
    fn truncate_summary_matches_word_by_word() {
        let texts = [
            "",
            "   ",
            "志愿者",
            "社区志愿服务站的退休医生，每周为老人测量血压。\n\n第二段文字。",
            "one two  three\tfour\nfive",
            "  lead and trail  ",
            "ab cd",
            "a\u{3000}b\u{a0}c 志愿 服务 12345 x",
            "word",
        ];
        for text in texts {
            for max in 0..30 {
                assert_eq!(
                    truncate_summary(text, max),
                    truncate_summary_by_words(text, max),
                    "{text:?} at {max}"
                );
            }
            assert_eq!(
                truncate_summary(text, usize::MAX),
                truncate_summary_by_words(text, usize::MAX)
            );
        }
    }

    #[test]
    fn truncate_summary_multibyte() {
        assert_eq!(truncate_summary("志愿服务是一种美德", 4), "志愿服务…");
        assert_eq!(truncate_summary("  短  文\n本 ", 10), "短 文 本");
        assert_eq!(truncate_summary("hello   wide\tworld", 8), "hello wi…");
        assert_eq!(truncate_summary("hello world", 5), "hello…");
        assert_eq!(truncate_summary("hello world", 6), "hello…");
        assert_eq!(truncate_summary("hello world", 11), "hello world");
        assert_eq!(truncate_summary("ab", 0), "…");
        assert_eq!(truncate_summary("", 3), "");
    }

    #[test]
    fn split_more_variants() {
        assert_eq!(
            split_more("intro\n<!-- more -->\nrest\n"),
            ("intro\n", true)
        );
        assert_eq!(
            split_more("intro\r\n  <!-- more -->  \r\nrest"),
            ("intro\r\n", true)
        );
        assert_eq!(
            split_more("a <!-- more --> b\n"),
            ("a <!-- more --> b\n", false)
        );
        assert_eq!(split_more("<!-- more -->"), ("", true));
        assert_eq!(split_more("none"), ("none", false));
    }
}
