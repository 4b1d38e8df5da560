//! Messages in the reader's language: [`Lang`] (who reads), [`Text`] (one
//! message in every language redvest speaks) and the [`catalogue`], the one
//! place where every line redvest prints is written, in English and in
//! Chinese side by side.
//!
//! Library code never picks a language: it builds [`Text`] values from the
//! catalogue, and the command line shows them in the language the reader
//! wants ([`Lang::for_site`], [`Lang::from_env`]).

pub mod catalogue;

use std::fmt;
use std::path::Path;

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese (zh-CN).
    Zh,
}

/// The variable that overrides every other choice of language (`en` or `zh`).
pub const LANG_OVERRIDE: &str = "REDVEST_LANG";

impl Lang {
    /// The language of a language tag or locale (`zh-CN`, `zh_TW.UTF-8`,
    /// `en-US`): Chinese for every `zh` tag, English for the rest.
    pub fn from_tag(tag: &str) -> Lang {
        let tag = tag.trim().trim_matches(|c| c == '"' || c == '\'');
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if primary == "zh" {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language outside a site: `REDVEST_LANG`, else the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty.
    pub fn from_env() -> Lang {
        if let Some(lang) = Self::overridden() {
            return lang;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |value| Lang::from_tag(&value))
    }

    /// The language for a site at `root`: `REDVEST_LANG`, else the
    /// `language:` of its `site.yaml` (zh-CN when the key is absent, as for
    /// the build), else [`Lang::from_env`] when there is no `site.yaml`.
    ///
    /// Reads only the one key, so that even a `site.yaml` with errors gets
    /// its errors in the site's language.
    pub fn for_site(root: &Path) -> Lang {
        if let Some(lang) = Self::overridden() {
            return lang;
        }
        match std::fs::read_to_string(root.join("site.yaml")) {
            Ok(text) => Self::of_config(&text),
            Err(_) => Self::from_env(),
        }
    }

    /// The language a `site.yaml`'s top-level `language:` line names, or
    /// Chinese when it names none.
    pub fn of_config(text: &str) -> Lang {
        text.lines()
            .find_map(|line| line.strip_prefix("language"))
            .and_then(|rest| rest.trim_start().strip_prefix([':', '：']))
            .map(|value| value.split('#').next().unwrap_or(""))
            .filter(|value| !value.trim().is_empty())
            .map_or(Lang::Zh, Lang::from_tag)
    }

    fn overridden() -> Option<Lang> {
        std::env::var(LANG_OVERRIDE)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|v| Lang::from_tag(&v))
    }
}

/// One message in English and in Chinese (boxed, so that an error carrying
/// a message and a hint stays small).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(Box<Both>);

/// The two languages of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
struct Both {
    en: String,
    zh: String,
}

impl Text {
    /// A message written in both languages.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Text(Box::new(Both {
            en: en.into(),
            zh: zh.into(),
        }))
    }

    /// A text that reads the same in every language: a file name, a quoted
    /// line of the user's, a message of another program's.
    pub fn verbatim(text: impl Into<String>) -> Self {
        let text = text.into();
        Text::new(text.clone(), text)
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.0.en,
            Lang::Zh => &self.0.zh,
        }
    }

    /// The English message.
    pub fn en(&self) -> &str {
        &self.0.en
    }

    /// The Chinese message.
    pub fn zh(&self) -> &str {
        &self.0.zh
    }

    /// Whether either language's message contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.0.en.contains(needle) || self.0.zh.contains(needle)
    }

    /// Joins texts with a separator written in each language.
    pub fn join(parts: &[Text], separator: &Text) -> Text {
        let join = |lang| {
            parts
                .iter()
                .map(|p| p.get(lang))
                .collect::<Vec<_>>()
                .join(separator.get(lang))
        };
        Text::new(join(Lang::En), join(Lang::Zh))
    }
}

/// A catalogue argument: shown the same in every language (anything that
/// displays: a path, a number, a key), or in the message's own language
/// (a [`Text`], such as an action inside "could not {action}").
pub trait Arg {
    /// The argument as it reads in `lang`.
    fn show(&self, lang: Lang) -> String;
}

impl<T: fmt::Display + ?Sized> Arg for T {
    fn show(&self, _lang: Lang) -> String {
        self.to_string()
    }
}

impl Arg for Text {
    fn show(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

/// One entry of the catalogue, as the completeness test reads it.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The function that makes the message.
    pub name: &'static str,
    /// Its arguments' names, each a `{name}` in both languages.
    pub args: &'static [&'static str],
    /// The English pattern.
    pub en: &'static str,
    /// The Chinese pattern.
    pub zh: &'static str,
}

/// Writes catalogue entries: for each, a function taking the named
/// arguments (anything that displays, or a [`Text`]) and returning the [`Text`], and an
/// [`Entry`] in the section's `ENTRIES` for the completeness test.
///
/// ```ignore
/// catalogue_entries! {
///     /// A key the front matter does not know.
///     unknown_key(key) {
///         en: "unknown key `{key}`",
///         zh: "未知的键“{key}”",
///     }
/// }
/// ```
macro_rules! catalogue_entries {
    ($(
        $(#[$doc:meta])*
        $name:ident ( $($arg:ident),* $(,)? ) { en: $en:literal, zh: $zh:literal $(,)? }
    )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($arg: impl $crate::i18n::Arg),*) -> $crate::i18n::Text {
                let en = {
                    $(let $arg = $arg.show($crate::i18n::Lang::En);)*
                    format!($en)
                };
                let zh = {
                    $(let $arg = $arg.show($crate::i18n::Lang::Zh);)*
                    format!($zh)
                };
                $crate::i18n::Text::new(en, zh)
            }
        )*

        /// Every entry of this section, for the completeness test.
        pub const ENTRIES: &[$crate::i18n::Entry] = &[$(
            $crate::i18n::Entry {
                name: stringify!($name),
                args: &[$(stringify!($arg)),*],
                en: $en,
                zh: $zh,
            }
        ),*];
    };
}
pub(crate) use catalogue_entries;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_and_locales() {
        for tag in [
            "zh",
            "zh-CN",
            "zh-Hans",
            "zh_TW.UTF-8",
            "ZH-hk",
            "\"zh-CN\"",
        ] {
            assert_eq!(Lang::from_tag(tag), Lang::Zh, "{tag}");
        }
        for tag in ["en", "en-US", "C.UTF-8", "POSIX", "", "zha"] {
            assert_eq!(Lang::from_tag(tag), Lang::En, "{tag}");
        }
    }

    #[test]
    fn a_site_is_chinese_unless_it_says_otherwise() {
        assert_eq!(Lang::of_config("title: 测试\n"), Lang::Zh);
        assert_eq!(Lang::of_config("language: en\n"), Lang::En);
        assert_eq!(Lang::of_config("language: zh-TW # 繁体\n"), Lang::Zh);
        assert_eq!(Lang::of_config("language：en\n"), Lang::En);
        assert_eq!(Lang::of_config("language:\n"), Lang::Zh);
    }
}
