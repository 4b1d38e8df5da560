//! The front matter of an imported article, as YAML text: the facts found
//! (title, date, author, source, editor, region), `--campaign`/`--column`,
//! and for what was not found a comment for the author, in the site's
//! language; for reports the figures found, commented out. Every value is
//! written as a double-quoted YAML string, so no text can break the YAML.

use crate::i18n::catalogue::import as msg;
use crate::i18n::Lang;

use super::facts::{DateFrom, Facts, TitleFrom};
use super::stats::Offer;

/// What goes into the front matter beside the facts.
pub struct Extras<'a> {
    /// The file imported, named in the first comment.
    pub from: &'a str,
    /// `--campaign`.
    pub campaign: Option<&'a str>,
    /// `--column`.
    pub column: Option<&'a str>,
    /// Figures offered for `stats:` (reports only).
    pub stats: &'a [Offer],
    /// The language of the comments.
    pub lang: Lang,
}

/// The front matter, `---` lines included.
pub fn render(facts: &Facts, extras: &Extras<'_>) -> String {
    let lang = extras.lang;
    let mut out = String::from("---\n");
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(msg::fm_imported_from(extras.from).get(lang).to_string());
    match facts.title.1 {
        TitleFrom::Stated => {}
        TitleFrom::Subtitle => line(msg::fm_title_from_subtitle().get(lang).to_string()),
        TitleFrom::FileName => line(msg::fm_title_from_file().get(lang).to_string()),
    }
    line(format!("title: {}", quoted(&facts.title.0)));
    match &facts.date {
        Some((date, DateFrom::Stated)) => line(format!("date: {date}")),
        Some((date, DateFrom::File)) => {
            line(msg::fm_date_from_file().get(lang).to_string());
            line(format!("date: {date}"));
            line("draft: true".to_string());
        }
        None => line(msg::fm_no_date().get(lang).to_string()),
    }
    let optional = [
        ("author", author_value(&facts.authors)),
        ("source", facts.source.as_deref().map(quoted)),
        ("editor", facts.editor.as_deref().map(quoted)),
        ("region", facts.region.as_deref().map(quoted)),
    ];
    for (key, value) in optional {
        match value {
            Some(value) => line(format!("{key}: {value}")),
            None => line(msg::fm_not_found(key).get(lang).to_string()),
        }
    }
    if let Some(campaign) = extras.campaign {
        line(format!("campaign: {campaign}"));
    }
    if let Some(column) = extras.column {
        line(format!("column: {column}"));
    }
    if !extras.stats.is_empty() {
        line(msg::fm_stats_intro().get(lang).to_string());
        line("# stats:".to_string());
        for offer in extras.stats {
            let from = msg::fm_stats_from(&offer.phrase);
            line(format!(
                "#   {}: {}   # {}",
                offer.key,
                offer.value,
                from.get(lang)
            ));
        }
    }
    out.push_str("---\n");
    out
}

fn author_value(authors: &[String]) -> Option<String> {
    match authors {
        [] => None,
        [one] => Some(quoted(one)),
        many => Some(format!(
            "[{}]",
            many.iter()
                .map(|a| quoted(a))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A double-quoted YAML string (JSON's escapes are YAML's).
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text.trim()).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn found_facts_are_written_and_missing_ones_commented() {
        let facts = Facts {
            title: ("岭东区志愿服务\"工作\"".into(), TitleFrom::Stated),
            date: Some(("2023-03-05".into(), DateFrom::Stated)),
            authors: vec!["李莹莹".into(), "杨军".into()],
            source: None,
            editor: None,
            region: Some("岭东区".into()),
            used: BTreeSet::new(),
        };
        let extras = Extras {
            from: "a.txt",
            campaign: None,
            column: None,
            stats: &[],
            lang: Lang::En,
        };
        let yaml = render(&facts, &extras);
        assert!(
            yaml.contains("title: \"岭东区志愿服务\\\"工作\\\"\"\n"),
            "{yaml}"
        );
        assert!(
            yaml.contains("date: 2023-03-05\nauthor: [\"李莹莹\", \"杨军\"]\n# source: not found"),
            "{yaml}"
        );
        assert!(!yaml.contains("draft"));
    }
}
