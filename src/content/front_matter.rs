//! Front matter: splits a content file into its YAML header and Markdown body,
//! and reads YAML into typed, raw structures with errors that point at the
//! file's own line and column.
//!
//! This is the only module that touches the YAML crate: [`read_yaml`] lets
//! [`super::plain_yaml`] read plain front matter first and the crate read
//! the rest, after [`super::habits`] has looked for Chinese typing habits
//! (a full-width colon, a hashtag after ` #`, …), which become errors or
//! warnings at their character. What the YAML crate says is put in plain
//! words, in English and Chinese, at the place of the value it is about;
//! [`key_position`] finds a key's or a nested value's place for the checks
//! that follow. `site.yaml` and the theme's string tables are read here
//! too.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::habits::{self, Finding, Habit};
use crate::error::{closest, Error, Errors, Location};
use crate::i18n::catalogue::front_matter as msg;
use crate::i18n::Text;

/// A content file cut in two.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The file line the YAML starts on (1-based).
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The file line the body starts on (1-based).
    pub body_line: usize,
}

/// Cuts `text` (BOM already removed, CRLF allowed) at its `---` fences.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Error> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Error::at(Location::at(path, 1, 1), msg::no_front_matter())
            .with_hint(msg::no_front_matter_hint()));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Error::at(Location::at(path, 1, 1), msg::never_closed())
        .with_hint(msg::never_closed_hint()))
}

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
/// every error, with serde_yaml.
fn parse_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    if text.trim().is_empty() {
        // An empty document is an empty mapping: let missing keys be reported.
        return serde_yaml::from_str::<T>("{}");
    }
    if let Some(value) = super::plain_yaml::from_str::<T>(text) {
        return Ok(value);
    }
    serde_yaml::from_str::<T>(text)
}

/// The file a YAML text is in, and the file line it starts on.
struct Place<'a> {
    path: &'a Path,
    first_line: usize,
}

impl Place<'_> {
    /// The file location of `line` and `column` of the YAML text.
    fn at(&self, line: usize, column: usize) -> Location {
        Location::at(self.path, self.first_line + line - 1, column)
    }

    /// Whether the text is front matter (not `site.yaml` or a theme file).
    fn is_content(&self) -> bool {
        self.path.starts_with(crate::content::discover::CONTENT_DIR)
    }
}

/// The habit that explains why the YAML could not be read: for a syntax
/// error, the last one at or before the line YAML stopped at; for a value of
/// the wrong shape, one on the value's own line.
fn explaining<'f>(findings: &'f [Finding], err: &serde_yaml::Error) -> Option<&'f Finding> {
    let explains = |f: &&Finding| !matches!(f.habit, Habit::FullWidthComma { .. });
    let Some(location) = err.location() else {
        return findings.iter().find(explains);
    };
    let line = location.line();
    if is_syntax_error(&err.to_string()) {
        findings.iter().filter(explains).rfind(|f| f.line <= line)
    } else {
        findings.iter().filter(explains).find(|f| f.line == line)
    }
}

/// Whether a serde_yaml message is libyaml's (the text is not YAML) rather
/// than serde's (the YAML does not fit the type).
fn is_syntax_error(message: &str) -> bool {
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
const MAX_DEPTH: usize = 32;
/// The most aliases (`*name`) front matter may use.
const MAX_ALIASES: usize = 64;

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

/// What serde_yaml said, split into the path of the value it was about
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

/// serde_yaml's error in plain words, at the place it names.
fn yaml_error(
    err: &serde_yaml::Error,
    yaml: &str,
    place: &Place<'_>,
    known_keys: &[&str],
) -> Error {
    let text = err.to_string();
    let (path, message) = split_message(&text);
    let location = match err.location() {
        Some(loc) => place.at(loc.line(), loc.column()),
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
        let hint = if place.is_content() {
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

/// A place in the document, from serde_yaml's path (`people[1].honors`).
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

/// What serde_yaml found, in plain words.
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

/// What serde_yaml expected, in plain words.
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

/// The line (1-based, within `yaml`) and the column of the value of a
/// top-level `key`, when the key is written plainly at the start of a line
/// (or in double quotes).
///
/// A path names a nested value: `deadlines[1].date` is the `date` of the
/// second deadline, `stats.hours` the figure under `stats`; see
/// [`value_position`].
pub fn key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
    if key.contains(['[', '.']) {
        return value_position(yaml, key);
    }
    top_key_position(yaml, key)
}

/// [`key_position`] of a top-level key.
fn top_key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
    let first = key.as_bytes().first().copied();
    for (i, line) in yaml.lines().enumerate() {
        // Most lines start with another key: one byte tells.
        let rest = match line.as_bytes().first().copied() {
            Some(b'"') => line[1..]
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix('"')),
            b if b == first => line.strip_prefix(key),
            _ => None,
        };
        if let Some(rest) = rest {
            if let Some(after) = rest.trim_start().strip_prefix(':') {
                let skipped = line.chars().count() - after.trim_start().chars().count();
                return Some((i + 1, skipped + 1));
            }
        }
    }
    None
}

/// One step of a path into the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    /// A key of a mapping.
    Key(&'a str),
    /// An entry of a list, from 0.
    Index(usize),
}

/// The steps of `deadlines[1].date`, or `None` if the path is malformed.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut indexes) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some(rest) = indexes.strip_prefix('[') {
            let (n, after) = rest.split_once(']')?;
            out.push(Step::Index(n.parse().ok()?));
            indexes = after;
        }
    }
    Some(out)
}

/// The line (1-based, within `yaml`) and column of the value a path such
/// as `deadlines[1].date` or `stats.hours` names, in block style (`key:`
/// lines, `- ` entries) or one-line `[a, b]` lists and `{a: 1}` mappings.
/// Where the text cannot be followed to the end of the path (a key
/// written in a way not read here), the place of the nearest value on the
/// way; `None` when not even the top-level key is found.
pub fn value_position(yaml: &str, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path)?;
    let (Step::Key(first), rest) = steps.split_first()? else {
        return None;
    };
    let lines: Vec<&str> = yaml.lines().collect();
    let (line, column) = top_key_position(yaml, first)?;
    let text = lines.get(line - 1)?;
    let at = text
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(at, _)| at);
    let mut node = Node {
        line: line - 1,
        at,
        owner: 0,
    };
    for step in rest {
        match node.child(&lines, *step) {
            Some(child) => node = child,
            None => break,
        }
    }
    let text = lines.get(node.line)?;
    Some((node.line + 1, text[..node.at].chars().count() + 1))
}

/// Where a value starts: its line (0-based), its byte offset in the line,
/// and the indentation of the key or `-` it belongs to.
#[derive(Debug, Clone, Copy)]
struct Node {
    line: usize,
    at: usize,
    owner: usize,
}

impl Node {
    /// The value that `step` names inside this one.
    fn child(self, lines: &[&str], step: Step<'_>) -> Option<Node> {
        let text = &lines.get(self.line)?[self.at..];
        let value = text.split(" #").next().unwrap_or("").trim_end();
        match (value.as_bytes().first(), step) {
            (None, _) => self.below(lines, step),
            (Some(b'['), Step::Index(n)) => self.flow_item(lines, n, None),
            (Some(b'{'), Step::Key(key)) => self.flow_item(lines, 0, Some(key)),
            (Some(b'-'), Step::Index(n)) if is_dash(value) => self.entries(lines, self.at, n),
            (Some(_), Step::Key(key)) => self.keys(lines, self.line, self.at, key),
            _ => None,
        }
    }

    /// The value of `step` in a block on the lines below this value's key.
    fn below(self, lines: &[&str], step: Step<'_>) -> Option<Node> {
        let (line, indent) = (self.line + 1..lines.len())
            .map(|i| (i, lines[i]))
            .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(|(i, l)| (i, l.len() - l.trim_start_matches(' ').len()))?;
        if indent < self.owner {
            return None;
        }
        match step {
            Step::Index(n) => self.entries(lines, indent, n),
            Step::Key(key) => self.keys(lines, line, indent, key),
        }
    }

    /// Entry `n` of a block list whose `-` are at `indent`, from this line.
    fn entries(self, lines: &[&str], indent: usize, n: usize) -> Option<Node> {
        let mut seen = 0;
        for (i, line) in lines.iter().enumerate().skip(self.line) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let content = line.get(indent..).unwrap_or("");
            if !line
                .get(..indent)
                .is_some_and(|lead| lead.trim().is_empty())
            {
                // A line indented less ends the list (the first line may
                // hold the key before it).
                if i == self.line {
                    continue;
                }
                return None;
            }
            if i > self.line && !is_dash(content) && !content.starts_with(' ') {
                return None;
            }
            if is_dash(content) {
                if seen == n {
                    let after = &content[1..];
                    let skip = after.len() - after.trim_start_matches(' ').len();
                    return Some(Node {
                        line: i,
                        at: indent + 1 + skip,
                        owner: indent,
                    });
                }
                seen += 1;
            }
        }
        None
    }

    /// The value of `key` in a block mapping whose keys are at byte
    /// `indent`, the first on line `first`.
    fn keys(self, lines: &[&str], first: usize, indent: usize, key: &str) -> Option<Node> {
        for (i, line) in lines.iter().enumerate().skip(first) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(' ').len();
            let at = if i == first { indent } else { lead };
            if i > first && lead < indent {
                return None;
            }
            if at != indent {
                continue;
            }
            let Some(rest) = line.get(at..) else {
                continue;
            };
            let rest = rest
                .strip_prefix(key)
                .or_else(|| rest.strip_prefix('"')?.strip_prefix(key)?.strip_prefix('"'));
            if let Some(after) = rest.and_then(|r| r.trim_start().strip_prefix(':')) {
                let value = line.len() - after.trim_start().len();
                return Some(Node {
                    line: i,
                    at: value,
                    owner: indent,
                });
            }
        }
        None
    }

    /// Item `n` of a one-line `[…]`, or the value of `key` in a one-line
    /// `{…}`, on this value's line.
    fn flow_item(self, lines: &[&str], n: usize, key: Option<&str>) -> Option<Node> {
        let line = lines.get(self.line)?;
        let bytes = line.as_bytes();
        let (mut depth, mut item, mut quote) = (0usize, 0usize, None::<u8>);
        let mut start = self.at + 1;
        for (i, &b) in bytes.iter().enumerate().skip(self.at) {
            match (quote, b) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'[' | b'{') => depth += 1,
                (None, b']' | b'}') | (None, b',') if depth == 1 => {
                    if let Some(found) = self.flow_match(line, start, i, item, n, key) {
                        return Some(found);
                    }
                    if b != b',' {
                        return None;
                    }
                    item += 1;
                    start = i + 1;
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    /// Whether the flow entry `line[start..end]`, number `item`, is the
    /// one wanted; its value's place if so.
    fn flow_match(
        self,
        line: &str,
        start: usize,
        end: usize,
        item: usize,
        n: usize,
        key: Option<&str>,
    ) -> Option<Node> {
        let entry = &line[start..end];
        let lead = entry.len() - entry.trim_start().len();
        let found = |at: usize| {
            Some(Node {
                line: self.line,
                at,
                owner: self.owner,
            })
        };
        match key {
            None if item == n => found(start + lead),
            Some(key) => {
                let rest = entry.trim_start().strip_prefix(key)?;
                let after = rest.trim_start().strip_prefix(':')?;
                found(end - after.trim_start().len())
            }
            None => None,
        }
    }
}

/// Whether `text` (after indentation) is a list entry, `- x` or `-`.
fn is_dash(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// A mapping read in the order it was written (for `metrics`).
#[derive(Debug, Clone)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    entries.push((key, value));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A value written either alone or as a list.
#[derive(Debug, Clone)]
pub enum OneOrMany {
    /// `key: a`
    One(String),
    /// `key: [a, b]`
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values as a list.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A scalar that authors may write as text or as a number (a slug `2023`, a
/// site code `2207230001`).
#[derive(Debug, Clone)]
pub enum Scalar {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// true/false.
    Bool(bool),
}

impl Scalar {
    /// The value as text.
    pub fn into_text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// What [`OneOrMany`] tells serde it wants, and errors name.
const ONE_OR_MANY: &str = "one value or a list";
/// What [`Scalar`] tells serde it wants, and errors name.
const SCALAR: &str = "text, a number or a date";

// Read by hand rather than `#[serde(untagged)]`, whose error names neither
// the key nor its line: a value of the wrong shape is then reported at
// its own place, like any other.
impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(ONE_OR_MANY)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(2));
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(SCALAR)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                // As the untagged enum read it: an integer if it fits.
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A volunteer or group a story is about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    /// 姓名.
    pub name: String,
    /// 单位/队伍.
    #[serde(default)]
    pub org: Option<String>,
    /// 荣誉.
    #[serde(default)]
    pub honors: Vec<String>,
}

/// A deadline in an announcement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeadline {
    /// The day.
    pub date: Scalar,
    /// What is due.
    pub what: String,
}

/// The keys stories, reports, announcements and pages may carry.
pub const ITEM_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "slug",
    "summary",
    "campaign",
    "column",
    "issue",
    "tags",
    "region",
    "author",
    "source",
    "editor",
    "cover",
    "pinned",
    "draft",
    "people",
    "stats",
    "location",
    "organizer",
    "deadlines",
];

/// Front matter of a story, report, announcement or page, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// 标题.
    pub title: String,
    /// Publication date.
    pub date: Option<Scalar>,
    /// Last change.
    pub updated: Option<Scalar>,
    /// URL name.
    pub slug: Option<Scalar>,
    /// 摘要.
    pub summary: Option<String>,
    /// Campaign slug or slugs.
    pub campaign: Option<OneOrMany>,
    /// Column slug.
    pub column: Option<String>,
    /// 第N期.
    pub issue: Option<u32>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Scalar>,
    /// 地区.
    pub region: Option<String>,
    /// 作者.
    pub author: Option<OneOrMany>,
    /// 来源.
    pub source: Option<String>,
    /// 责任编辑.
    pub editor: Option<String>,
    /// Cover image.
    pub cover: Option<String>,
    /// 置顶.
    #[serde(default)]
    pub pinned: bool,
    /// Left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Stories: the people.
    pub people: Option<Vec<RawPerson>>,
    /// Reports: metric key → figure.
    pub stats: Option<BTreeMap<String, crate::figure::RawFigure>>,
    /// Reports: 地点.
    pub location: Option<String>,
    /// Reports: 主办/组织单位.
    pub organizer: Option<OneOrMany>,
    /// Announcements: deadlines.
    pub deadlines: Option<Vec<RawDeadline>>,
}

/// The keys a campaign may carry.
pub const CAMPAIGN_KEYS: &[&str] = &[
    "title",
    "slogan",
    "start",
    "end",
    "organizer",
    "region",
    "cover",
    "summary",
    "tags",
];

/// Front matter of a campaign, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCampaign {
    /// 活动名称.
    pub title: String,
    /// 主题口号.
    pub slogan: Option<String>,
    /// First day.
    pub start: Scalar,
    /// Last day.
    pub end: Option<Scalar>,
    /// 主办单位.
    pub organizer: Option<OneOrMany>,
    /// 地区.
    pub region: Option<String>,
    /// Cover image.
    pub cover: Option<String>,
    /// 摘要.
    pub summary: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Scalar>,
}

/// The keys a column may carry.
pub const COLUMN_KEYS: &[&str] = &[
    "title",
    "description",
    "frequency",
    "host",
    "start",
    "cover",
];

/// Front matter of a column, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    /// 专栏名称.
    pub title: String,
    /// 简介.
    pub description: Option<String>,
    /// `weekly`, `monthly` or `irregular`.
    pub frequency: Option<String>,
    /// 主办.
    pub host: Option<String>,
    /// First issue's day.
    pub start: Option<Scalar>,
    /// Cover image.
    pub cover: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_fences_with_crlf() {
        let text = "---\r\ntitle: a\r\n---\r\nbody\r\n";
        let s = split(text, Path::new("a.md")).expect("split");
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let err = split("---\ntitle: a\n", Path::new("a.md")).expect_err("open");
        assert!(err.to_string().contains("never closed"));
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let yaml = "title: a\ndate: 2023-01-01\ntitel: b\n";
        let err =
            parse_yaml::<RawItem>(yaml, Path::new("a.md"), 2, ITEM_KEYS).expect_err("unknown");
        let text = err.to_string();
        assert!(text.starts_with("a.md:4:1: unknown key `titel`"), "{text}");
        assert!(text.contains("did you mean `title`"), "{text}");
    }

    #[test]
    fn yaml_syntax_error_points_at_file_line() {
        let yaml = "title: a\ntags: [a, b\n";
        let err = parse_yaml::<RawItem>(yaml, Path::new("a.md"), 2, ITEM_KEYS).expect_err("bad");
        assert!(
            err.location().and_then(|l| l.line).is_some_and(|l| l >= 3),
            "{err}"
        );
    }

    /// `key_position` as first written: every line tried against the plain
    /// and the quoted key.
    fn key_position_oracle(yaml: &str, key: &str) -> Option<(usize, usize)> {
        let quoted = format!("\"{key}\"");
        for (i, line) in yaml.lines().enumerate() {
            let rest = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(quoted.as_str()));
            if let Some(rest) = rest {
                if let Some(after) = rest.trim_start().strip_prefix(':') {
                    let skipped = line.chars().count() - after.trim_start().chars().count();
                    return Some((i + 1, skipped + 1));
                }
            }
        }
        None
    }

    #[test]
    fn key_positions_agree_with_the_line_by_line_oracle() {
        let yaml = "title: \"志愿\"\n\"date\" :  2026-01-01\ntags:\n  - 助老\ntag: x\n\
                    campaigns : [a, b]\n\"cover\"\n# title: no\n titles: no\ncolumn:\u{3000}值\n\
                    \"column\": later\n\"\"\n\"tags: odd\n";
        for key in [
            "title",
            "date",
            "tags",
            "tag",
            "campaigns",
            "cover",
            "column",
            "columns",
            "t",
            "x",
            "no",
            "titles",
            "\"",
        ] {
            assert_eq!(
                key_position(yaml, key),
                key_position_oracle(yaml, key),
                "{key}"
            );
        }
    }

    #[test]
    fn paths_find_nested_values_at_their_own_line_and_column() {
        let yaml = "title: 通知\ndeadlines:\n  - date: 2023-03-10\n    what: 报名\n\
                    # 第二项\n  - what: 截止\n    date: 2023-13-10\nstats:\n  志愿者: 20\n  hours: 5\n\
                    people:\n- name: 张三\n  honors: [优秀, \"最美\", 先进]\n\
                    figures: {a: 1, bb: 2}\n";
        for (path, at) in [
            ("deadlines[0].date", (3, 11)),
            ("deadlines[0].what", (4, 11)),
            ("deadlines[1].date", (7, 11)),
            ("deadlines[1]", (6, 5)),
            ("stats.hours", (10, 10)),
            ("stats.志愿者", (9, 8)),
            ("people[0].name", (12, 9)),
            ("people[0].honors[2]", (13, 22)),
            ("figures.bb", (14, 21)),
            // Not to be found: the nearest value on the way.
            ("stats.nothing", (8, 7)),
            ("deadlines[5].date", (2, 11)),
        ] {
            assert_eq!(key_position(yaml, path), Some(at), "{path}");
        }
        assert_eq!(key_position(yaml, "nothing.a"), None);
        assert_eq!(key_position(yaml, "title"), Some((1, 8)));
    }

    #[test]
    fn yaml_errors_read_in_plain_words_in_both_languages() {
        let yaml = "title: a\ndate: 2023-01-01\npeople:\n  - name: [a]\n";
        let err = parse_yaml::<RawItem>(yaml, Path::new("content/a.md"), 2, ITEM_KEYS)
            .expect_err("a list for a name");
        assert_eq!(
            err.message().en(),
            "`people` item 1 → `name` is a list, but should be text"
        );
        assert_eq!(
            err.message().zh(),
            "“people”第 1 项的“name”写的是一个列表，这里应该是文字"
        );
        assert_eq!(err.location().and_then(|l| l.line), Some(5));
        let err = parse_yaml::<RawItem>("title: [\n", Path::new("a.md"), 2, ITEM_KEYS)
            .expect_err("unclosed");
        assert!(err.message().zh().contains("没有结束"), "{err}");
    }

    #[test]
    fn habits_and_paths_never_panic_on_odd_text() {
        const PIECES: &[&str] = &[
            " ", "  ", "\t", "\n", "- ", ":", ": ", "：", "，", ",", " #", "#", "\"", "'", "“",
            "”", "‘", "’", "[", "]", "{", "}", "title", "people", "name", "志愿", "|", ">", "\\",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        };
        for _ in 0..5_000 {
            let yaml: String = (0..next(24)).map(|_| PIECES[next(PIECES.len())]).collect();
            let _ = parse_yaml::<RawItem>(&yaml, Path::new("a.md"), 2, ITEM_KEYS);
            let _ = habits::split_lists(&yaml, &habits::scan_all(&yaml));
            for path in ["people[0].name", "title.志愿", "people[1]", "title[0][1]"] {
                let _ = key_position(&yaml, path);
            }
        }
    }

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

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused_quickly() {
        let deep = format!(
            "title: a\ntags: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = parse_yaml::<RawItem>(&deep, Path::new("a.md"), 2, ITEM_KEYS).expect_err("deep");
        assert!(err.to_string().contains("nested too deeply"), "{err}");
        let mut bomb = String::from("title: a\ntags: &a0 [x, x]\n");
        for i in 1..100 {
            bomb.push_str(&format!("summary: &a{i} [*a{j}, *a{j}]\n", j = i - 1));
        }
        let err = parse_yaml::<RawItem>(&bomb, Path::new("a.md"), 2, ITEM_KEYS).expect_err("bomb");
        assert!(err.to_string().contains("aliases"), "{err}");
        let fine = "title: \"a [b] {c} *d\"\ntags: [x, y]  # *not* an alias\n";
        assert!(parse_yaml::<RawItem>(fine, Path::new("a.md"), 2, ITEM_KEYS).is_ok());
    }

    #[test]
    fn dates_and_numbers_read_as_scalars() {
        let yaml = "title: a\ndate: 2023-03-05\nslug: 2023\n";
        let raw: RawItem = parse_yaml(yaml, Path::new("a.md"), 2, ITEM_KEYS).expect("ok");
        assert_eq!(
            raw.date.map(Scalar::into_text).as_deref(),
            Some("2023-03-05")
        );
        assert_eq!(raw.slug.map(Scalar::into_text).as_deref(), Some("2023"));
    }
}
