use super::*;

fn keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t| out.push(t.key()));
    out
}

/// The terms [`cut`] hands on, in order, as keys.
struct Keys(Vec<String>);

impl Sink for Keys {
    fn pair(&mut self, a: u32, b: u32) {
        let key = [a, b].iter().filter_map(|&c| char::from_u32(c)).collect();
        self.0.push(key);
    }
    fn word(&mut self, word: &str) {
        self.0.push(word.to_string());
    }
}

fn cut_keys(text: &str) -> Vec<String> {
    let mut keys = Keys(Vec::new());
    cut(text, &mut keys);
    keys.0
}

#[test]
fn chinese_runs_give_pairs_of_adjacent_characters() {
    assert_eq!(keys("王秀兰"), ["王秀", "秀兰"]);
    assert_eq!(keys("重阳节，敬老"), ["重阳", "阳节", "敬老"]);
    // A lone character between other text gives no term.
    assert_eq!(keys("第3期"), ["3"]);
}

#[test]
fn latin_words_and_numbers_are_whole_words_folded() {
    assert_eq!(keys("2023年Volunteer Day"), ["2023", "volunteer", "day"]);
    assert_eq!(keys("电话12345热线"), ["电话", "12345", "热线"]);
    assert_eq!(keys("２０２３"), ["2023"]);
}

#[test]
fn traditional_text_gives_the_terms_of_simplified_text() {
    assert_eq!(keys("重陽節"), keys("重阳节"));
}

#[test]
fn codes_pack_as_pairs_do() {
    for (a, b) in [('〇', '一'), ('王', '秀'), ('\u{FAFF}', '\u{3400}')] {
        let c = code(a as u32, b as u32).unwrap_or_default();
        assert_ne!(c, 0);
        assert_eq!(code_to_packed(c), pack(a, b));
    }
    assert_eq!(code('𠀀' as u32, '中' as u32), None);
}

#[test]
fn punctuation_told_without_tables_is_no_letter_or_digit() {
    for cp in (0x2000..=0x206F)
        .chain(0x3001..=0x3004)
        .chain(0x3008..=0x3020)
    {
        let c = char::from_u32(cp).unwrap_or('a');
        assert!(!c.is_alphanumeric(), "{cp:x}");
        assert!(is_punctuation(c));
    }
    for c in ['々', '〆', '〡', 'é', 'ж', '٣', 'ｱ'] {
        assert!(is_word_char(c), "{c}");
    }
}

#[test]
fn the_byte_cutter_gives_the_terms_of_the_character_cutter() {
    for text in [
        "",
        "王秀兰",
        "「重陽節」敬老：王秀蘭、李秀兰……Volunteer Day 2023年，ＡＢｃ 12345热线！",
        "𠀀𠀁中𠀀 々々 〡〢 café—ж “志愿服务”，志愿服务 day 2023",
        "ABC",
        "abc",
        "aBc",
        "Ab中",
        "中Ab",
        "a\u{3000}b",
        "a　中",
        "é",
        "Éa",
        "aé",
        "AÉ",
        "ab1２３ｃD",
        "x\u{4DC0}中",
        "中\u{4DFF}国",
        "〇一二",
        "豈更",
        "㐀㐁",
        "中😀国",
        "한국어 中国",
        "ｱｲｳ",
        "Σίσυφος",
        "İstanbul",
        "\u{0}a\u{0}",
        "a\nb\tc",
    ] {
        assert_eq!(cut_keys(text), keys(text), "{text:?}");
    }
}

/// Every code point, each between a letter and a Chinese character and
/// beside itself, cut both ways.
#[test]
fn every_character_is_cut_as_the_character_cutter_cuts_it() {
    let chars: Vec<char> = (0..=0x10_FFFF).filter_map(char::from_u32).collect();
    for chunk in chars.chunks(256) {
        let mut text = String::new();
        for &c in chunk {
            text.extend([c, '中', c, c, 'a', c, 'Z', '1', c, ' ']);
        }
        assert_eq!(cut_keys(&text), keys(&text), "{:x}", chunk[0] as u32);
    }
}

/// A small generator of numbers, the same every run.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn random_texts_of_mixed_scripts_are_cut_alike_both_ways() {
    let traditional: Vec<char> = fold::pairs().map(|(t, _)| t).take(200).collect();
    let mut alphabet: Vec<char> = "王秀兰重阳节志愿服务社区敬老中国一〇々〆〡ABCXYZabcxyz0189 \n\t.,;:!?\"'-_/\
         ，。、；：！？“”‘’《》「」【】（）…—　ＡＢＣａｂｃ０１９＿＠éÉçñßжЖΣσ٣ｱｲ한글\
         𠀀𠀁𪚥😀🙂\u{4DC0}\u{4DFF}\u{3400}\u{4DBF}\u{F900}\u{FAFF}\u{9FFF}\u{3007}\u{2060}\u{200B}\u{FEFF}"
        .chars()
        .collect();
    alphabet.extend(traditional);
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(40);
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        assert_eq!(cut_keys(&text), keys(&text), "{text:?}");
    }
}

#[test]
fn a_run_reads_over_punctuation_and_breaks_its_pairs_there() {
    let text = "王秀兰，李秀兰。“志愿” 服务\n敬老、院";
    let want = ["王秀", "秀兰", "李秀", "秀兰", "志愿", "服务", "敬老"];
    assert_eq!(cut_keys(text), want);
    assert_eq!(keys(text), want);
}

#[test]
fn gaps_are_the_marks_that_break_a_run() {
    let gaps = gaps();
    for cp in 0..0x1_0000u32 {
        if let (true, Some(c)) = (gaps.has(cp), char::from_u32(cp)) {
            let folded = fold::fold_char(c);
            assert!(!is_han(folded) && !is_word_char(folded), "{cp:x}");
        }
    }
    for c in [
        ' ', '\n', ',', '，', '。', '、', '“', '”', '《', '\u{3000}', '！',
    ] {
        assert!(gaps.has(c as u32), "{c}");
    }
    for c in ['a', 'Z', '1', 'Ａ', '０', '々', '〇', '中', 'é'] {
        assert!(!gaps.has(c as u32), "{c}");
    }
}
