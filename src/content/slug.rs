//! URL names: the [`Slug`] type (`[a-z0-9-]+`) and the pinyin transliteration
//! that turns a Chinese file name or tag into one (`雷锋在辽宁` →
//! `lei-feng-zai-liao-ning`).

use std::fmt;

use pinyin::ToPinyin;

/// A URL name made only of `a-z`, `0-9` and single inner `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
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

    /// Makes a slug from any text: Han characters become their pinyin, letters
    /// and digits are kept (lowercased), everything else separates words.
    /// Returns `None` when nothing usable is left.
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        for ch in text.chars() {
            if ch.is_ascii_alphanumeric() {
                current.push(ch.to_ascii_lowercase());
                continue;
            }
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            if let Some(py) = ch.to_pinyin() {
                words.push(py.plain().to_string());
            }
        }
        if !current.is_empty() {
            words.push(current);
        }
        let mut slug = words.join("-");
        slug.truncate(120);
        let slug = slug.trim_end_matches('-').to_string();
        Slug::parse(&slug)
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

    #[test]
    fn invalid_slugs_are_refused() {
        assert!(Slug::parse("../etc").is_none());
        assert!(Slug::parse("A-b").is_none());
        assert!(Slug::parse("a--b").is_none());
        assert!(Slug::parse("ok-1").is_some());
        assert!(Slug::from_text("！！").is_none());
    }
}
