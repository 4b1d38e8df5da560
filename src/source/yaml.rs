//! YAML read into typed values, with every problem at its file, line and
//! column, in plain words: the one place that names the YAML crate.
//!
//! [`read_yaml`] refuses text whose shape would make parsing slow or huge,
//! then looks for Chinese typing habits ([`super::habits`]: a full-width
//! colon, a hashtag after ` #`, …), which become errors or warnings at
//! their character; [`super::plain_yaml`] reads plain documents and the
//! crate reads the rest. When the text cannot be read, the habit that
//! explains why is the error, else the crate's complaint, put in plain
//! words by [`super::explain`]. It knows nothing of what the keys mean.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::explain::{is_syntax_error, yaml_error, Complaint, Place};
use super::habits::{self, Finding, Habit};
use crate::error::{Error, Errors};
use crate::i18n::catalogue::front_matter as msg;
use crate::i18n::Text;

/// A value read from YAML, and the warnings its text earned (typing habits
/// that did not stop it from being read, at their line and column).
#[derive(Debug)]
pub struct Read<T> {
    /// The value.
    pub value: T,
    /// Problems that do not stop the build.
    pub warnings: Vec<Error>,
}

/// Reads `yaml` (which starts on file line `first_line`) into `T`, naming the
/// file, line and column on failure; unknown keys get a "did you mean" hint.
/// Warnings are dropped: see [`read_yaml`] to keep them.
pub fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    path: &Path,
    first_line: usize,
    known_keys: &[&str],
) -> Result<T, Error> {
    read_yaml(yaml, path, first_line, known_keys)
        .map(|read| read.value)
        .map_err(|errors| {
            errors
                .into_iter()
                .next()
                .expect("a failed read has at least one error")
        })
}

/// Reads `yaml` (which starts on file line `first_line`) into `T`.
///
/// Chinese typing habits are caught first, at the offending character
/// ([`habits`]): quotes that do not match are errors; full-width commas in a
/// one-line list separate its items, with a warning; a hashtag cut by ` #`
/// and a value wrapped in “…” are warnings. When the YAML cannot be read,
/// the habits that explain why are the errors (every full-width colon and
/// tab, and the habit nearest the place YAML stopped at); otherwise YAML's
/// own complaint, in plain words.
pub fn read_yaml<T: DeserializeOwned>(
    yaml: &str,
    path: &Path,
    first_line: usize,
    known_keys: &[&str],
) -> Result<Read<T>, Errors> {
    let place = Place { path, first_line };
    check_shape(yaml).map_err(|(line, column, message)| {
        Error::at(place.at(line, column), message).with_hint(msg::shape_hint())
    })?;
    let findings = habits::scan(yaml);
    let wrong: Errors = findings
        .iter()
        .filter(|f| f.habit.always_an_error())
        .map(|f| habit_error(f, &place, yaml))
        .collect();
    if !wrong.is_empty() {
        return Err(wrong);
    }
    let text = habits::split_lists(yaml, &findings);
    match parse_text::<T>(&text) {
        Ok(value) => Ok(Read {
            value,
            warnings: findings
                .iter()
                .filter(|f| f.habit.warns())
                .map(|f| habit_warning(f, &place, yaml))
                .collect(),
        }),
        Err(err) => {
            let all = habits::scan_all(yaml);
            let nearest = explaining(&all, &err);
            let explained: Errors = all
                .iter()
                .filter(|f| {
                    matches!(f.habit, Habit::FullWidthColon | Habit::TabIndent)
                        || nearest.is_some_and(|n| std::ptr::eq(n, *f))
                })
                .map(|f| habit_error(f, &place, yaml))
                .collect();
            Err(if explained.is_empty() {
                yaml_error(&err, &text, &place, known_keys).into()
            } else {
                explained
            })
        }
    }
}

/// Reads YAML text: plain front matter without libyaml, anything else, and
/// every error, with serde_norway.
fn parse_text<T: DeserializeOwned>(text: &str) -> Result<T, Complaint> {
    if text.trim().is_empty() {
        // An empty document is an empty mapping: let missing keys be reported.
        return serde_norway::from_str::<T>("{}").map_err(Complaint::from);
    }
    if let Some(value) = super::plain_yaml::from_str::<T>(text) {
        return Ok(value);
    }
    serde_norway::from_str::<T>(text).map_err(Complaint::from)
}

/// Reads `text` into `T` with the YAML crate alone, bypassing the plain
/// reader, to hold that reader to the crate.
#[cfg(test)]
pub(crate) fn read_by_crate<T: DeserializeOwned>(text: &str) -> Result<T, Complaint> {
    serde_norway::from_str::<T>(text).map_err(Complaint::from)
}

/// A YAML value of any shape, as the YAML crate reads it.
#[cfg(test)]
pub(crate) type Value = serde_norway::Value;

impl From<serde_norway::Error> for Complaint {
    fn from(err: serde_norway::Error) -> Self {
        Complaint {
            at: err.location().map(|at| (at.line(), at.column())),
            message: err.to_string(),
        }
    }
}

/// The habit that explains why the YAML could not be read: for a syntax
/// error, the last one at or before the line YAML stopped at; for a value of
/// the wrong shape, one on the value's own line.
fn explaining<'f>(findings: &'f [Finding], err: &Complaint) -> Option<&'f Finding> {
    let explains = |f: &&Finding| !matches!(f.habit, Habit::FullWidthComma { .. });
    let Some((line, _)) = err.at else {
        return findings.iter().find(explains);
    };
    if is_syntax_error(&err.message) {
        findings.iter().filter(explains).rfind(|f| f.line <= line)
    } else {
        findings.iter().filter(explains).find(|f| f.line == line)
    }
}

/// The line of `yaml` that `finding` is on.
fn line_of<'y>(yaml: &'y str, finding: &Finding) -> &'y str {
    yaml.lines().nth(finding.line - 1).unwrap_or("")
}

/// A habit as an error, at its character.
fn habit_error(finding: &Finding, place: &Place<'_>, yaml: &str) -> Error {
    let at = place.at(finding.line, finding.column);
    let line = line_of(yaml, finding);
    match &finding.habit {
        Habit::FullWidthColon => {
            let key = key_before(line, finding.column);
            Error::at(at, msg::full_width_colon(&key)).with_hint(msg::full_width_colon_hint(&key))
        }
        Habit::TabIndent => Error::at(at, msg::tab_indent()).with_hint(msg::tab_indent_hint()),
        Habit::CommentCut { cut, whole } => {
            let message = if *whole {
                msg::comment_cut_empty(cut)
            } else {
                msg::comment_cut(cut)
            };
            Error::at(at, message)
                .with_hint(msg::comment_cut_hint(quoted_value(line, finding.column)))
        }
        Habit::FullWidthComma { mark } => {
            Error::at(at, msg::full_width_comma(mark)).with_hint(msg::full_width_comma_hint(mark))
        }
        Habit::MismatchedQuote { open, close } => Error::at(at, msg::mismatched_quote(open, close))
            .with_hint(msg::mismatched_quote_hint()),
        Habit::CurlyQuoted => {
            Error::at(at, msg::curly_quoted_breaks()).with_hint(msg::curly_quoted_breaks_hint())
        }
        Habit::Unclosed { open } => {
            let close = match open {
                '[' => ']',
                '{' => '}',
                other => *other,
            };
            Error::at(at, msg::unclosed(open)).with_hint(msg::unclosed_hint(open, close))
        }
    }
}

/// A habit that did not stop the YAML from being read, as a warning.
fn habit_warning(finding: &Finding, place: &Place<'_>, yaml: &str) -> Error {
    let at = place.at(finding.line, finding.column);
    match &finding.habit {
        Habit::CurlyQuoted => {
            Error::at(at, msg::curly_quoted()).with_hint(msg::curly_quoted_hint())
        }
        _ => habit_error(finding, place, yaml),
    }
}

/// The key written before the character at `column` of `line`: the text
/// after the indentation and any `- `, or after the `{` or `,` of a
/// one-line mapping.
fn key_before(line: &str, column: usize) -> String {
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    let key = match before.rfind(['{', ',']) {
        Some(at) => &before[at + 1..],
        None => before.trim_start().trim_start_matches(['-', ' ']),
    };
    key.trim().to_string()
}

/// The value on `line` that a ` #` at `column` cut, whole and in quotes, as
/// the author should write it: `title: "朗诵会 #惠民社区"`.
fn quoted_value(line: &str, column: usize) -> String {
    let hash = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(at, _)| at);
    let start = line[..hash]
        .rfind(": ")
        .map(|at| at + 2)
        .or_else(|| line[..hash].rfind("- ").map(|at| at + 2))
        .unwrap_or(0);
    let (before, value) = line.split_at(start);
    let value = value.trim().replace('\\', "\\\\").replace('"', "\\\"");
    format!("{}\"{value}\"", before.trim_start())
}

/// The most front matter a file may have.
pub const MAX_YAML_BYTES: usize = 256 * 1024;
/// The deepest nesting of `[` and `{` front matter may have.
pub(super) const MAX_DEPTH: usize = 32;
/// The most aliases (`*name`) front matter may use.
pub(super) const MAX_ALIASES: usize = 64;

/// Refuses YAML whose shape would make parsing slow or huge — very deep
/// nesting, alias bombs, a megabyte of front matter — before the parser
/// sees it. Returns (line, column, message) of the first problem.
fn check_shape(yaml: &str) -> Result<(), (usize, usize, Text)> {
    if yaml.len() > MAX_YAML_BYTES {
        return Err((
            1,
            1,
            msg::too_large(yaml.len() / 1024, MAX_YAML_BYTES / 1024),
        ));
    }
    let (mut depth, mut aliases) = (0usize, 0usize);
    for (i, line) in yaml.lines().enumerate() {
        let mut quote: Option<u8> = None;
        let mut previous = b' ';
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent / 2 > MAX_DEPTH {
            return Err((i + 1, 1, msg::too_deep()));
        }
        // Byte by byte: everything that matters is ASCII, and the bytes of
        // other characters never equal it. Columns count characters.
        let column = |at: usize| line[..at].chars().count() + 1;
        for (at, &b) in line.as_bytes().iter().enumerate() {
            match (quote, b) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') if matches!(previous, b' ' | b'[' | b'{' | b',' | b':') => {
                    quote = Some(b)
                }
                (None, b'#') if previous == b' ' => break,
                (None, b'[' | b'{') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err((i + 1, column(at), msg::too_deep()));
                    }
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                (None, b'*') if matches!(previous, b' ' | b'[' | b',' | b'-') => {
                    aliases += 1;
                    if aliases > MAX_ALIASES {
                        return Err((i + 1, column(at), msg::too_many_aliases(MAX_ALIASES)));
                    }
                }
                _ => {}
            }
            previous = b;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_errors_count_columns_in_characters() {
        let deep = format!("title: 乾安{}", "[".repeat(MAX_DEPTH + 1));
        let (line, column, _) = check_shape(&deep).unwrap_err();
        assert_eq!((line, column), (1, 10 + MAX_DEPTH));
        let aliases = format!("a: 志愿 [{}]", vec!["*x"; MAX_ALIASES + 1].join(", "));
        let (_, column, message) = check_shape(&aliases).unwrap_err();
        assert!(message.contains("aliases"), "{message:?}");
        let at = aliases
            .char_indices()
            .filter(|&(_, c)| c == '*')
            .nth(MAX_ALIASES)
            .unwrap()
            .0;
        assert_eq!(column, aliases[..at].chars().count() + 1);
    }
}
