//! `--to-simplified`: traditional → simplified Chinese by OpenCC's `t2s`
//! dictionaries (phrases first, then characters), through the pure-Rust
//! `ferrous-opencc` crate (Apache-2.0), whose dictionaries are compiled in.

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// A converter, made once per import run.
pub struct Simplifier(OpenCC);

impl Simplifier {
    /// Loads the built-in `t2s` dictionaries; `None` if they cannot be read,
    /// which only a broken build of the crate could cause.
    pub fn new() -> Option<Simplifier> {
        OpenCC::from_config(BuiltinConfig::T2s).ok().map(Simplifier)
    }

    /// `text` in simplified characters.
    pub fn convert(&self, text: &str) -> String {
        self.0.convert(text)
    }

    /// Whether `text` is written in traditional characters: more than one
    /// Han character in twenty changes. A simplified text is left alone,
    /// so that the few characters `t2s` maps even in simplified text
    /// (乾安 → 干安) are not touched.
    pub fn is_traditional(&self, text: &str) -> bool {
        let converted = self.convert(text);
        let han = text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        let changed = text
            .chars()
            .zip(converted.chars())
            .filter(|(a, b)| a != b)
            .count();
        han > 0 && changed * 20 > han
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_becomes_simplified() {
        let s = Simplifier::new().expect("the built-in dictionaries");
        assert_eq!(
            s.convert("遼寧省民政廳決定在全省組織開展志願服務活動"),
            "辽宁省民政厅决定在全省组织开展志愿服务活动"
        );
        assert!(s.is_traditional("遼寧省民政廳決定在全省組織開展志願服務活動"));
        assert!(!s.is_traditional("乾安县志愿服务联合会曾获得全省优秀志愿服务组织标兵荣誉称号"));
    }
}
