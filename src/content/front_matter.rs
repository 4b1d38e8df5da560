//! Front matter: splits a content file into its YAML header and Markdown body,
//! and reads YAML into typed, raw structures with errors that point at the
//! file's own line and column.
//!
//! This is the only module that touches the YAML crate: [`parse_yaml`] lets
//! [`super::plain_yaml`] read plain front matter first and the crate read
//! the rest. `site.yaml` and the theme's string tables are read through
//! [`parse_yaml`] too.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{closest, Error, Location};

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
        return Err(Error::at(Location::at(path, 1, 1), "the file does not start with front matter")
            .with_hint("begin the file with a line `---`, then `title: …` and the other keys, then a closing line `---`"));
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
    Err(
        Error::at(Location::at(path, 1, 1), "the front matter is never closed")
            .with_hint("add a line `---` after the last front matter key, before the text"),
    )
}

/// Reads `yaml` (which starts on file line `first_line`) into `T`, naming the
/// file, line and column on failure; unknown keys get a "did you mean" hint.
pub fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    path: &Path,
    first_line: usize,
    known_keys: &[&str],
) -> Result<T, Error> {
    check_shape(yaml).map_err(|(line, column, message)| {
        Error::at(Location::at(path, first_line + line - 1, column), message).with_hint(
            "front matter holds a few plain keys; write long text in the body and lists one level deep",
        )
    })?;
    if yaml.trim().is_empty() {
        // An empty document is an empty mapping: let missing keys be reported.
        return serde_yaml::from_str::<T>("{}")
            .map_err(|e| yaml_error(&e, yaml, path, first_line, known_keys));
    }
    // Plain front matter is read without libyaml; anything else, and
    // every error, is serde_yaml's.
    if let Some(value) = super::plain_yaml::from_str::<T>(yaml) {
        return Ok(value);
    }
    serde_yaml::from_str::<T>(yaml).map_err(|e| yaml_error(&e, yaml, path, first_line, known_keys))
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
fn check_shape(yaml: &str) -> Result<(), (usize, usize, String)> {
    if yaml.len() > MAX_YAML_BYTES {
        return Err((
            1,
            1,
            format!(
                "the front matter is {} KB; at most {} KB is allowed",
                yaml.len() / 1024,
                MAX_YAML_BYTES / 1024
            ),
        ));
    }
    let (mut depth, mut aliases) = (0usize, 0usize);
    for (i, line) in yaml.lines().enumerate() {
        let mut quote: Option<u8> = None;
        let mut previous = b' ';
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent / 2 > MAX_DEPTH {
            return Err((i + 1, 1, "the front matter is nested too deeply".into()));
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
                        return Err((
                            i + 1,
                            column(at),
                            "the front matter is nested too deeply".into(),
                        ));
                    }
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                (None, b'*') if matches!(previous, b' ' | b'[' | b',' | b'-') => {
                    aliases += 1;
                    if aliases > MAX_ALIASES {
                        return Err((i + 1, column(at), format!("the front matter uses more than {MAX_ALIASES} YAML aliases (`*name`)")));
                    }
                }
                _ => {}
            }
            previous = b;
        }
    }
    Ok(())
}

fn yaml_error(
    err: &serde_yaml::Error,
    yaml: &str,
    path: &Path,
    first_line: usize,
    known_keys: &[&str],
) -> Error {
    let text = err.to_string();
    let message = text
        .split(" at line ")
        .next()
        .unwrap_or(&text)
        .trim_end_matches('.')
        .to_string();
    let unknown = unknown_field(&message);
    let location = match (err.location(), unknown) {
        (_, Some(key)) if key_position(yaml, key).is_some() => {
            let (line, _) = key_position(yaml, key).unwrap_or((1, 1));
            Location::at(path, first_line + line - 1, 1)
        }
        (Some(loc), _) => Location::at(path, first_line + loc.line() - 1, loc.column()),
        // Limits hit while expanding aliases have no place: name the first alias.
        (None, _) => match yaml.lines().position(|l| l.contains('*')) {
            Some(line) => Location::at(path, first_line + line, 1),
            None => Location::file(path),
        },
    };
    match unknown {
        Some(key) => {
            let hint = match closest(key, known_keys.iter().copied()) {
                Some(best) => format!(
                    "did you mean `{best}`? known keys: {}",
                    known_keys.join(", ")
                ),
                None => format!("remove it; known keys: {}", known_keys.join(", ")),
            };
            Error::at(location, format!("unknown key `{key}`")).with_hint(hint)
        }
        None => {
            let content = path.starts_with(crate::content::discover::CONTENT_DIR);
            Error::at(location, plain_yaml_message(&message, content))
                .with_hint(yaml_hint(&message, content))
        }
    }
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

fn plain_yaml_message(message: &str, content: bool) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return format!("missing required key `{key}`");
    }
    if content {
        format!("front matter: {message}")
    } else {
        format!("YAML: {message}")
    }
}

fn yaml_hint(message: &str, content: bool) -> String {
    let place = if content {
        "the front matter"
    } else {
        "the file"
    };
    if message.contains("missing field") {
        format!("add the key to {place}")
    } else if message.contains("invalid type") {
        "check the value's type: text, a number, true/false, or a list `[a, b]`".to_string()
    } else if message.contains("repetition limit") || message.contains("recursion limit") {
        "write the values out plainly instead of nesting them or repeating them with `&name`/`*name`".to_string()
    } else {
        "check the YAML: `key: value` one a line, quotes around text with `:` or `#`, lists indented under their key".to_string()
    }
}

/// The line (1-based, within `yaml`) and the column of the value of a
/// top-level `key`, when the key is written plainly at the start of a line
/// (or in double quotes).
pub fn key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
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
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
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
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
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
    fn shape_errors_count_columns_in_characters() {
        let deep = format!("title: 乾安{}", "[".repeat(MAX_DEPTH + 1));
        let (line, column, _) = check_shape(&deep).unwrap_err();
        assert_eq!((line, column), (1, 10 + MAX_DEPTH));
        let aliases = format!("a: 志愿 [{}]", vec!["*x"; MAX_ALIASES + 1].join(", "));
        let (_, column, message) = check_shape(&aliases).unwrap_err();
        assert!(message.contains("aliases"), "{message}");
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
