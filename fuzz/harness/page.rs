//! The path the `page` fuzz target takes through the library, in one file
//! that the target and its regression test (`tests/testsuite/
//! fuzz_regressions.rs`) both include: `parse_source` on a story (and the
//! same text as a campaign and a column), then the Markdown renderer and the
//! text helpers on the body. Errors are expected; a panic is a bug.

use std::path::{Path, PathBuf};

use redvest::config::Config;
use redvest::content::parse::{parse_source, Parsed};
use redvest::content::{Kind, Source, SourceKind};
use redvest::i18n::Text;
use redvest::markdown::{self, LinkError, LinkResolver, MarkdownOptions};
use redvest::source::decode_text;

/// The `site.yaml` of the site the text is read in.
pub const SITE_YAML: &str = "\
title: 模糊测试
base_url: https://example.org/zyfw/
metrics:
  activities: { label: 开展活动, unit: 次 }
  volunteers: { label: 参与志愿者, unit: 人次 }
  hours: { label: 服务时长, unit: 小时 }
";

/// `.md` links are broken, root links are rewritten, the rest kept.
pub struct Resolver;

impl LinkResolver for Resolver {
    fn resolve(
        &self,
        dest: &str,
        fragment: Option<&str>,
        _is_image: bool,
    ) -> Result<Option<String>, LinkError> {
        if dest.ends_with(".md") {
            let said = format!("no such page: {dest}");
            Err(LinkError {
                message: Text::new(said.clone(), said),
                hint: None,
            })
        } else if dest.starts_with('/') {
            Ok(Some(match fragment {
                Some(f) => format!("/zyfw{dest}#{f}"),
                None => format!("/zyfw{dest}"),
            }))
        } else {
            Ok(None)
        }
    }
}

fn source(kind: SourceKind, rel: &str, stem: &str, text: &str) -> Source {
    Source {
        kind,
        rel: rel.to_string(),
        shown: PathBuf::from("content").join(rel),
        text: text.to_string(),
        assets: Vec::new(),
        stem: stem.to_string(),
    }
}

fn exercise_markdown(body: &str, summary_length: usize) {
    for unsafe_html in [false, true] {
        let rendered = markdown::render(body, &MarkdownOptions { unsafe_html }, &Resolver);
        for heading in &rendered.headings {
            assert!((1..=6).contains(&heading.level));
        }
        for problem in &rendered.problems {
            assert!(problem.line >= 1 && problem.column >= 1);
        }
    }
    // As the renderer does: the summary is the text before `<!-- more -->`
    // (uncut), or the whole text cut to the configured length.
    let (before, found) = markdown::split_more(body);
    assert!(body.starts_with(before));
    let plain = markdown::plain_text(body);
    let words = markdown::word_count(&plain);
    let _ = markdown::reading_minutes(words);
    if found {
        let _ = markdown::truncate_summary(&markdown::plain_text(before), usize::MAX);
    }
    for max in [0, 1, 7, summary_length, usize::MAX] {
        let summary = markdown::truncate_summary(&plain, max);
        // At most `max` chars, plus the "…" a cut adds.
        assert!(
            summary.chars().count() <= max.saturating_add(1),
            "{max}: {summary:?}"
        );
    }
    let _ = markdown::heading_id(&plain);
    let _ = markdown::heading_id(body);
}

/// Reads `bytes` as `content/stories/a.md` of the site of `config` and
/// takes it down every path.
pub fn exercise(bytes: &[u8], config: &Config) {
    let Ok(text) = decode_text(bytes, Path::new("content/stories/a.md")) else {
        return;
    };
    let story = source(SourceKind::Item(Kind::Story), "stories/a.md", "a", &text);
    if let Ok(Parsed::Item(item)) = parse_source(story, config) {
        exercise_markdown(item.body.markdown(), config.summary_length);
        if let Some(summary) = &item.summary {
            let _ = markdown::truncate_summary(summary, config.summary_length);
        }
    }
    // The same text as a campaign and as a column: other keys, other checks.
    let campaign = source(SourceKind::Campaign, "campaigns/c.md", "c", &text);
    let _ = parse_source(campaign, config);
    let column = source(SourceKind::Column, "columns/c.md", "c", &text);
    let _ = parse_source(column, config);
    // And the whole text as Markdown, front matter or not.
    let _ = markdown::render(&text, &MarkdownOptions::default(), &Resolver);
}
