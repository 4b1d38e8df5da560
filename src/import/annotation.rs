//! Pinyin annotations in scraped text (`為進(jìn)一步`): removed only where
//! the annotation is a reading of the character before it, as the `pinyin`
//! crate knows that character's readings (heteronyms included). A year
//! `(2023)`, a number `(一)` or an English word in brackets stays.

use pinyin::ToPinyinMulti;

/// The text without its pinyin annotations, and how many were removed.
pub fn strip(text: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        if let Some(len) = annotation_after(c, &chars[i..]) {
            removed += 1;
            i += len;
        }
    }
    (out, removed)
}

/// The length (in chars) of a bracketed reading of `before` at the start
/// of `rest`, if there is one.
fn annotation_after(before: char, rest: &[char]) -> Option<usize> {
    let open = *rest.first()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let end = rest.iter().take(10).position(|&c| c == close)?;
    let reading: String = rest[1..end].iter().collect();
    is_reading_of(before, reading.trim()).then_some(end + 1)
}

/// Whether `reading` (with tone marks, tone numbers or plain) is one of
/// the readings of `han`.
fn is_reading_of(han: char, reading: &str) -> bool {
    if reading.is_empty() || !reading.chars().all(is_pinyin_char) {
        return false;
    }
    let reading = reading.to_lowercase().replace('v', "ü");
    let Some(readings) = han.to_pinyin_multi() else {
        return false;
    };
    readings.into_iter().any(|p| {
        reading == p.with_tone()
            || reading == p.with_tone_num_end()
            || reading == p.plain().replace('v', "ü")
            || reading == p.plain()
    })
}

fn is_pinyin_char(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('1'..='5').contains(&c)
        || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_the_character_before_are_removed() {
        let (text, n) = strip("為進(jìn)一步推進(jìn)志愿服務(wù)制度化");
        assert_eq!((text.as_str(), n), ("為進一步推進志愿服務制度化", 3));
        assert_eq!(strip("鄉(xiāng)鎮(zhèn)").0, "鄉鎮");
        assert_eq!(strip("服务（wu4）").0, "服务");
    }

    #[test]
    fn brackets_that_are_no_reading_stay() {
        for text in [
            "2023年(2023)",
            "(一)总体要求",
            "第(一)项",
            "志愿服务(volunteer)",
            "进(shi)行",
            "乡(镇、场、园区)",
        ] {
            assert_eq!(strip(text), (text.to_string(), 0), "{text}");
        }
    }
}
