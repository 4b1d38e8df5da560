//! The YAML crate's complaints in plain words, in English and Chinese, at
//! the place of the value they are about: an unknown key with the closest
//! known one, a missing key, a value of the wrong shape, text that is not
//! YAML.

use std::path::Path;

use super::names::is_markdown;
use super::positions::key_position;
use super::values::{ONE_OR_MANY, SCALAR};
use crate::error::{closest, Error, Location};
use crate::i18n::catalogue::front_matter as msg;
use crate::i18n::Text;

/// What the YAML crate said about text it could not read into a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Complaint {
    /// Its message, as it words it (`people[1].name: invalid type: a
    /// sequence, expected a string at line 4 column 11`).
    pub(super) message: String,
    /// The line and column (1-based, within the text) it names, if any.
    pub(super) at: Option<(usize, usize)>,
}

/// The file a YAML text is in, and the file line it starts on.
pub(super) struct Place<'a> {
    /// The file as shown to the reader.
    pub(super) path: &'a Path,
    /// The file line the text starts on (1-based).
    pub(super) first_line: usize,
}

impl Place<'_> {
    /// The file location of `line` and `column` of the YAML text.
    pub(super) fn at(&self, line: usize, column: usize) -> Location {
        Location::at(self.path, self.first_line + line - 1, column)
    }

    /// Whether the text is a Markdown file's front matter (not `site.yaml`
    /// or a theme file).
    pub(super) fn is_front_matter(&self) -> bool {
        self.path
            .file_name()
            .is_some_and(|name| is_markdown(&name.to_string_lossy()))
    }
}

/// Whether a YAML crate's message is libyaml's (the text is not YAML) rather
/// than serde's (the YAML does not fit the type).
pub(super) fn is_syntax_error(message: &str) -> bool {
    let serde = [
        "invalid type",
        "invalid value",
        "unknown field",
        "missing field",
        "duplicate field",
        "data did not match",
        "invalid length",
        "unknown variant",
    ];
    !serde.iter().any(|s| message.contains(s))
}

/// What the YAML crate said, split into the path of the value it was about
/// (`people[1].honors`, empty for the document) and the complaint.
fn split_message(text: &str) -> (&str, &str) {
    let message = match text.find(" at line ") {
        Some(at) => &text[..at],
        None => text,
    };
    let message = message.trim_end_matches('.');
    if let Some((path, rest)) = message.split_once(": ") {
        if !path.is_empty() && !path.contains(' ') && !is_syntax_error(rest) {
            return (path, rest);
        }
    }
    ("", message)
}

/// the YAML crate's error in plain words, at the place it names.
pub(super) fn yaml_error(
    err: &Complaint,
    yaml: &str,
    place: &Place<'_>,
    known_keys: &[&str],
) -> Error {
    let (path, message) = split_message(&err.message);
    let location = match err.at {
        Some((line, column)) => place.at(line, column),
        // Limits hit while expanding aliases have no place: name the first alias.
        None => match yaml.lines().position(|l| l.contains('*')) {
            Some(line) => place.at(line + 1, 1),
            None => Location::file(place.path),
        },
    };
    if let Some(key) = quoted_name(message, "unknown field `") {
        return unknown_key(location, yaml, place, path, key, message, known_keys);
    }
    if let Some(key) = quoted_name(message, "missing field `") {
        let hint = if place.is_front_matter() {
            msg::missing_key_hint(key)
        } else {
            msg::missing_key_file_hint(key)
        };
        let message = if path.is_empty() {
            msg::missing_key(key)
        } else {
            msg::missing_key_in(key, describe_path(path))
        };
        return Error::at(location, message).with_hint(hint);
    }
    if let Some(key) = quoted_name(message, "duplicate field `")
        .or_else(|| quoted_name(message, "duplicate entry with key \""))
    {
        return Error::at(location, msg::duplicate_key(key)).with_hint(msg::duplicate_key_hint());
    }
    if let Some((found, expected)) = found_and_expected(message) {
        let found = describe_found(found);
        let expected = describe_expected(expected);
        let message = if path.is_empty() {
            msg::wrong_type_document(found, expected)
        } else {
            msg::wrong_type(describe_path(path), found, expected)
        };
        return Error::at(location, message).with_hint(msg::wrong_type_hint());
    }
    if let Some(name) = message.strip_prefix("data did not match any variant of untagged enum ") {
        let expected = describe_expected(name);
        let subject = if path.is_empty() {
            msg::place_key("?")
        } else {
            describe_path(path)
        };
        return Error::at(location, msg::not_one_of(subject, expected))
            .with_hint(msg::wrong_type_hint());
    }
    syntax_error(location, message)
}

/// An unknown key, at its own line, with the keys its place allows.
fn unknown_key(
    location: Location,
    yaml: &str,
    place: &Place<'_>,
    path: &str,
    key: &str,
    message: &str,
    known_keys: &[&str],
) -> Error {
    // The keys serde names (`expected one of `a`, `b``), else the caller's.
    let named: Vec<&str> = message
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    let known: Vec<&str> = if named.is_empty() {
        known_keys.to_vec()
    } else {
        named
    };
    let location = match (path.is_empty(), key_position(yaml, key)) {
        (true, Some((line, _))) => place.at(line, 1),
        _ => location,
    };
    let hint = match closest(key, known.iter().copied()) {
        Some(best) => msg::unknown_key_closest(best, known.join(", ")),
        None => msg::unknown_key_remove(known.join(", ")),
    };
    let message = if path.is_empty() {
        msg::unknown_key(key)
    } else {
        msg::unknown_key_in(key, describe_path(path))
    };
    Error::at(location, message).with_hint(hint)
}

/// The name in backquotes (or quotes) after `prefix` in `message`.
fn quoted_name<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let close = if prefix.ends_with('"') { '"' } else { '`' };
    let rest = message.split(prefix).nth(1)?;
    rest.split(close).next()
}

/// `invalid type: X, expected Y` (or `invalid value`): X and Y.
fn found_and_expected(message: &str) -> Option<(&str, &str)> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    let at = rest.rfind(", expected ")?;
    Some((&rest[..at], &rest[at + ", expected ".len()..]))
}

/// A place in the document, from the YAML crate's path (`people[1].honors`).
fn describe_path(path: &str) -> Text {
    let mut described: Option<Text> = None;
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            described = Some(match described {
                None => msg::place_key(key),
                Some(parent) => msg::place_child(parent, key),
            });
        }
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            let n = index
                .parse::<usize>()
                .map_or(index.to_string(), |n| (n + 1).to_string());
            let parent = described.unwrap_or_else(|| msg::place_key("?"));
            described = Some(msg::place_entry(parent, n));
        }
    }
    described.unwrap_or_else(|| msg::place_key(path))
}

/// What the YAML crate found, in plain words.
fn describe_found(found: &str) -> Text {
    let inner = |prefix: &str, close: char| {
        found
            .strip_prefix(prefix)
            .map(|rest| rest.strip_suffix(close).unwrap_or(rest).to_string())
    };
    if let Some(text) = inner("string \"", '"') {
        // A document read whole as text is a key typed without its colon.
        return msg::found_text(text);
    }
    if let Some(n) = inner("integer `", '`').or_else(|| inner("floating point `", '`')) {
        return msg::found_number(n);
    }
    if let Some(b) = inner("boolean `", '`') {
        return msg::found_bool(b);
    }
    match found {
        "sequence" => msg::found_list(),
        "map" => msg::found_mapping(),
        "unit value" => msg::found_empty(),
        other => Text::verbatim(other),
    }
}

/// What the YAML crate expected, in plain words.
fn describe_expected(expected: &str) -> Text {
    match expected {
        "a string" | "a character" => msg::expected_text(),
        "a sequence" => msg::expected_list(),
        "f64" | "f32" => msg::expected_number(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => msg::expected_whole(),
        "a boolean" => msg::expected_bool(),
        "Scalar" | SCALAR => msg::expected_scalar(),
        "OneOrMany" | ONE_OR_MANY => msg::expected_one_or_many(),
        other if other.starts_with("struct ") || other.starts_with("a map") => {
            msg::expected_mapping()
        }
        other => Text::verbatim(other),
    }
}

/// libyaml's complaint about text that is not YAML, in plain words.
fn syntax_error(location: Location, message: &str) -> Error {
    let (text, hint) =
        if message.contains("recursion limit") || message.contains("repetition limit") {
            (msg::too_deep(), msg::limits_hint())
        } else if [
            "did not find expected key",
            "could not find expected ':'",
            "mapping values are not allowed",
            "block sequence entries are not allowed",
            "did not find expected '-' indicator",
        ]
        .iter()
        .any(|m| message.contains(m))
        {
            (msg::syntax_line(), msg::syntax_line_hint())
        } else if message.contains("cannot start any token") {
            (msg::syntax_character(), msg::syntax_character_hint())
        } else if message.contains("tab character") {
            (msg::tab_indent(), msg::tab_indent_hint())
        } else if message.contains("unexpected end of stream")
            || message.contains("did not find expected ',' or")
        {
            (msg::syntax_unclosed(), msg::syntax_unclosed_hint())
        } else if message.contains("unknown escape") {
            (msg::syntax_escape(), msg::syntax_escape_hint())
        } else if message.contains("unknown anchor") {
            (msg::syntax_alias(), msg::syntax_alias_hint())
        } else {
            let detail = message.split(", while ").next().unwrap_or(message);
            (msg::syntax_other(detail), msg::syntax_other_hint())
        };
    Error::at(location, text).with_hint(hint)
}
