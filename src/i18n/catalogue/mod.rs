//! The catalogue: every message redvest prints, in English and Chinese,
//! one section per part of the program. A message is a function of its
//! arguments (`catalogue::front_matter::unknown_key(key)`) that returns a
//! [`Text`](super::Text) holding both languages.
//!
//! Sections are separate files only so that each stays short; together they
//! are one catalogue, and [`all`] lists every entry for the test that holds
//! both languages to the same messages.

pub mod build;
pub mod cli;
pub mod common;
pub mod config;
pub mod content;
pub mod front_matter;
pub mod images;
pub mod import;
pub mod markdown;
pub mod output;
pub mod render;
pub mod safety;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod values;

use super::Entry;

/// Every section's entries, with the section's name.
pub fn all() -> Vec<(&'static str, &'static [Entry])> {
    vec![
        ("build", build::ENTRIES),
        ("cli", cli::ENTRIES),
        ("common", common::ENTRIES),
        ("config", config::ENTRIES),
        ("content", content::ENTRIES),
        ("front_matter", front_matter::ENTRIES),
        ("images", images::ENTRIES),
        ("import", import::ENTRIES),
        ("markdown", markdown::ENTRIES),
        ("output", output::ENTRIES),
        ("render", render::ENTRIES),
        ("safety", safety::ENTRIES),
        ("scaffold", scaffold::ENTRIES),
        ("serve", serve::ENTRIES),
        ("site", site::ENTRIES),
        ("values", values::ENTRIES),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}` placeholders of a pattern. Arguments reach the pattern
    /// as text, so a format spec (`{n:.2}`) would cut them: the test finds
    /// such a placeholder as a name no argument has.
    fn placeholders(pattern: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            if rest[start..].starts_with("{{") {
                rest = &rest[start + 2..];
                continue;
            }
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            found.insert(rest[start + 1..start + len].to_string());
            rest = &rest[start + len + 1..];
        }
        found
    }

    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
        })
    }

    #[test]
    fn every_message_is_in_both_languages_with_the_same_arguments() {
        let mut problems = Vec::new();
        for (section, entries) in all() {
            for entry in entries {
                let name = format!("{section}::{}", entry.name);
                let args: BTreeSet<String> = entry.args.iter().map(|a| a.to_string()).collect();
                if entry.en.trim().is_empty() {
                    problems.push(format!("{name}: no English"));
                }
                if entry.zh.trim().is_empty() {
                    problems.push(format!("{name}: no Chinese"));
                }
                let en_words = placeholders(entry.en)
                    .iter()
                    .fold(entry.en.to_string(), |text, p| text.replace(p.as_str(), ""));
                if en_words.chars().any(|c| c.is_ascii_alphabetic()) && !has_cjk(entry.zh) {
                    problems.push(format!(
                        "{name}: the Chinese is not Chinese: {:?}",
                        entry.zh
                    ));
                }
                if placeholders(entry.en) != args {
                    problems.push(format!(
                        "{name}: English uses {:?}, arguments are {args:?}",
                        placeholders(entry.en)
                    ));
                }
                if placeholders(entry.zh) != args {
                    problems.push(format!(
                        "{name}: Chinese uses {:?}, arguments are {args:?}",
                        placeholders(entry.zh)
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn messages_fill_in_their_arguments() {
        let text = common::error_label();
        assert_eq!(text.en(), "error");
        assert_eq!(text.zh(), "错误");
    }
}
