//! URL names: the [`Slug`] type (`[a-z0-9-]+`) and the pinyin transliteration
//! that turns a Chinese file name or tag into one (`雷锋在辽宁` →
//! `lei-feng-zai-liao-ning`), read by phrase (see [`transliterate`]).

mod transliterate;

use std::fmt;

/// A URL name made only of `a-z`, `0-9` and single inner `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The URL name a content file gets from its name, as the build gives
    /// it: the file's stem (the bundle folder's name for an `index.md`), as
    /// it is when already a slug, else its pinyin; `None` for a file that
    /// is not Markdown.
    pub fn of_file(path: &std::path::Path) -> Option<Slug> {
        if path.extension().is_none_or(|ext| ext != "md") {
            return None;
        }
        let stem = path.file_stem()?.to_str()?;
        let stem = if stem == "index" {
            path.parent()?.file_name()?.to_str()?
        } else {
            stem
        };
        Slug::parse(stem).or_else(|| Slug::from_text(stem))
    }

    /// Accepts `text` only if it already is a valid slug.
    pub fn parse(text: &str) -> Option<Slug> {
        let valid = !text.is_empty()
            && text.len() <= 200
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        valid.then(|| Slug(text.to_string()))
    }

    /// Makes a slug from any text: Han characters become their pinyin, read
    /// by phrase (长沙 → `chang-sha`, 银行 → `yin-hang`), letters and digits
    /// are kept (lowercased), everything else separates words. Returns `None`
    /// when nothing usable is left.
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut slug = String::with_capacity(text.len() * 2);
        let mut push = |word: &str| {
            if !word.is_empty() {
                if !slug.is_empty() {
                    slug.push('-');
                }
                slug.push_str(word);
            }
        };
        let mut rest = text;
        while let Some(first) = rest.chars().next() {
            let run_kind = kind(first);
            let end = rest
                .char_indices()
                .find(|&(_, ch)| kind(ch) != run_kind)
                .map_or(rest.len(), |(i, _)| i);
            let (run, after) = rest.split_at(end);
            match run_kind {
                Kind::Ascii => push(&run.to_ascii_lowercase()),
                Kind::Han => transliterate::read_run(run, &mut push),
                Kind::Separator => {}
            }
            rest = after;
        }
        slug.truncate(120);
        Slug::parse(slug.trim_end_matches('-'))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This slug with `-n` appended, to tell apart two that collide.
    pub fn numbered(&self, n: usize) -> Slug {
        Slug(format!("{}-{n}", self.0))
    }
}

/// What a character is to [`Slug::from_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An ASCII letter or digit, kept.
    Ascii,
    /// A character read as pinyin.
    Han,
    /// Anything else: it separates words.
    Separator,
}

/// The [`Kind`] of `ch`.
fn kind(ch: char) -> Kind {
    if ch.is_ascii_alphanumeric() {
        Kind::Ascii
    } else if transliterate::has_reading(ch) {
        Kind::Han
    } else {
        Kind::Separator
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_become_pinyin() {
        let slug = Slug::from_text("雷锋在辽宁").expect("slug");
        assert_eq!(slug.as_str(), "lei-feng-zai-liao-ning");
    }

    #[test]
    fn mixed_text_keeps_ascii_words() {
        let slug = Slug::from_text("2023年 Spring 植树").expect("slug");
        assert_eq!(slug.as_str(), "2023-nian-spring-zhi-shu");
    }

    /// Polyphonic words and place names, each with the reading it must get.
    const READINGS: &[(&str, &str)] = &[
        // Place names.
        ("长沙", "chang-sha"),
        ("厦门", "xia-men"),
        ("重庆", "chong-qing"),
        ("蚌埠", "beng-bu"),
        ("六安", "lu-an"),
        ("乐清", "yue-qing"),
        ("单县", "shan-xian"),
        ("长春", "chang-chun"),
        ("长治", "chang-zhi"),
        ("大同", "da-tong"),
        ("东莞", "dong-guan"),
        ("番禺", "pan-yu"),
        ("丽水", "li-shui"),
        ("台州", "tai-zhou"),
        ("铅山", "yan-shan"),
        ("瑷珲", "ai-hui"),
        ("岭东", "ling-dong"),
        ("沈阳", "shen-yang"),
        ("辽宁", "liao-ning"),
        ("阜新", "fu-xin"),
        ("乐亭", "lao-ting"),
        ("洪洞", "hong-tong"),
        ("成都", "cheng-du"),
        ("闵行", "min-hang"),
        ("喀什", "ka-shi"),
        ("朝阳", "chao-yang"),
        ("长城", "chang-cheng"),
        // Words.
        ("银行", "yin-hang"),
        ("志愿服务", "zhi-yuan-fu-wu"),
        ("重阳节", "chong-yang-jie"),
        ("长者", "zhang-zhe"),
        ("还书", "huan-shu"),
        ("还款", "huan-kuan"),
        ("还是", "hai-shi"),
        ("行业", "hang-ye"),
        ("行动", "xing-dong"),
        ("了解", "liao-jie"),
        ("好了", "hao-le"),
        ("地方", "di-fang"),
        ("默默地", "mo-mo-de"),
        ("的确", "di-que"),
        ("我的", "wo-de"),
        ("首都", "shou-du"),
        ("都是", "dou-shi"),
        ("调查", "diao-cha"),
        ("下降", "xia-jiang"),
        ("投降", "tou-xiang"),
        ("参加", "can-jia"),
        ("人参", "ren-shen"),
        ("便民", "bian-min"),
        ("便宜", "pian-yi"),
        ("音乐", "yin-yue"),
        ("快乐", "kuai-le"),
        ("单位", "dan-wei"),
        ("会计", "kuai-ji"),
        ("尽管", "jin-guan"),
        ("曾经", "ceng-jing"),
        ("曾小燕", "zeng-xiao-yan"),
        ("解放", "jie-fang"),
        ("着急", "zhao-ji"),
        ("看着", "kan-zhe"),
        ("大夫", "dai-fu"),
        ("长大", "zhang-da"),
        ("成长", "cheng-zhang"),
        ("社区", "she-qu"),
        ("干部", "gan-bu"),
        ("干净", "gan-jing"),
        ("好学", "hao-xue"),
        ("爱好", "ai-hao"),
        ("中华", "zhong-hua"),
        ("校长", "xiao-zhang"),
        ("重新", "chong-xin"),
        ("佛教", "fo-jiao"),
        ("妇女", "fu-nv"),
        // Longer titles: the longest phrase wins.
        ("家长期望", "jia-zhang-qi-wang"),
        ("首都是北京", "shou-du-shi-bei-jing"),
        (
            "长沙银行志愿服务队",
            "chang-sha-yin-hang-zhi-yuan-fu-wu-dui",
        ),
        (
            "重阳节走进长者之家",
            "chong-yang-jie-zou-jin-zhang-zhe-zhi-jia",
        ),
        ("他们都是好样的", "ta-men-dou-shi-hao-yang-de"),
        ("志愿者在行动", "zhi-yuan-zhe-zai-xing-dong"),
        ("项目的意义", "xiang-mu-de-yi-yi"),
        ("音乐会", "yin-yue-hui"),
        ("一路同行", "yi-lu-tong-xing"),
    ];

    #[test]
    fn polyphonic_words_and_place_names_are_read_right() {
        let wrong: Vec<String> = READINGS
            .iter()
            .filter_map(|(text, want)| {
                let got = Slug::from_text(text).map(|s| s.0).unwrap_or_default();
                (got != *want).then(|| format!("{text}: got {got}, want {want}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn invalid_slugs_are_refused() {
        assert!(Slug::parse("../etc").is_none());
        assert!(Slug::parse("A-b").is_none());
        assert!(Slug::parse("a--b").is_none());
        assert!(Slug::parse("ok-1").is_some());
        assert!(Slug::from_text("！！").is_none());
    }
}
