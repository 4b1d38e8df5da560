//! A fast reader for the plain, block-style YAML nearly all front matter is
//! written in: `key: value` lines, lists of `- value` or `- key: value`
//! entries, one-line `[a, b]` lists and `{a: 1, b: 2}` mappings, quoted and
//! plain scalars, comments.
//!
//! It reads a document only when it can read it exactly as the YAML crate
//! would, and gives up (`None`) on anything else — anchors, tags, block or
//! multi-line scalars, nested one-line collections, escapes, empty values,
//! numbers written otherwise than `123` or `12.5`, repeated keys, any
//! error. [`parse_yaml`] then hands the text to the YAML crate, so every error
//! message, and every document written in the rest of YAML, is still that
//! crate's. The gain is speed: reading a story's front matter into its
//! struct costs a third of the instructions libyaml's scanner and the
//! crate's event loader take; the parse stage of the 1,000-page benchmark
//! site takes half the instructions, and the whole build 9.5 % fewer.
//!
//! Scalars resolve as the YAML crate resolves them (the YAML 1.2 core
//! schema): a plain `true`/`false` (three spellings each) is a boolean, a
//! plain run of decimal digits an integer, `digits.digits` a float, any
//! other plain or quoted scalar text — and a plain scalar that might be a
//! number written some other way is not read. The tests hold this reader to
//! the crate on the demo site's front matter and on random documents.
//!
//! [`parse_yaml`]: super::parse_yaml

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

#[cfg(test)]
pub(crate) mod samples;
#[cfg(test)]
mod tests;

/// Reads `yaml` into `T` if it is plain YAML that reads into `T`; `None`
/// otherwise, for the YAML crate to read it or to say what is wrong.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let node = parse(yaml)?;
    T::deserialize(NodeDe(&node)).ok()
}

/// A node of a plain YAML document.
#[derive(Debug, PartialEq)]
enum Node<'a> {
    /// A plain scalar, resolved when it is read (see [`Resolved`]).
    Plain(&'a str),
    /// A single- or double-quoted scalar: always text.
    Quoted(Cow<'a, str>),
    /// A block or one-line list.
    Seq(Vec<Node<'a>>),
    /// A block mapping; each key is a [`Node::Plain`], and no key repeats.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

/// A line of the document that holds something: not blank, not a comment.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Leading spaces.
    indent: usize,
    /// The rest of the line, trailing spaces kept.
    text: &'a str,
}

/// The document's node, or `None` if it is not plain YAML.
fn parse(yaml: &str) -> Option<Node<'_>> {
    if !printable(yaml) {
        return None;
    }
    let lines = lines(yaml);
    let first = lines.first()?;
    let mut reader = Reader {
        lines: &lines,
        pos: 0,
    };
    let node = reader.block(first.indent)?;
    (reader.pos == lines.len()).then_some(node)
}

/// Whether every character of `yaml` is one libyaml reads without complaint
/// and this reader handles: no tabs, no control characters but line feeds
/// (and a carriage return before one), no C1 controls, no other line
/// breaks, no byte order mark, no U+FFFE or U+FFFF.
fn printable(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    // Most stretches of text hold none of the bytes worth a closer look;
    // a chunk is cleared by one branch-free pass.
    bytes.chunks(CHUNK).enumerate().all(|(c, chunk)| {
        let suspect = chunk.iter().fold(false, |suspect, &b| {
            suspect
                | (b < 0x20 && b != b'\n')
                | (b == 0x7F)
                | (b == 0xC2)
                | (b == 0xE2)
                | (b == 0xEF)
        });
        !suspect || (c * CHUNK..c * CHUNK + chunk.len()).all(|i| printable_at(bytes, i))
    })
}

/// Bytes [`printable`] clears at a time.
const CHUNK: usize = 32;

/// Whether the byte at `i` of `bytes` starts no character [`printable`]
/// refuses.
fn printable_at(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied();
    match bytes[i] {
        b'\n' => true,
        b'\r' => next(1) == Some(b'\n'),
        0..=0x1F | 0x7F => false,
        // C1 controls, U+0080–U+009F (U+0085 breaks lines for libyaml).
        0xC2 => !matches!(next(1), Some(0x80..=0x9F)),
        // U+2028 and U+2029, which break lines for libyaml too.
        0xE2 => !matches!((next(1), next(2)), (Some(0x80), Some(0xA8 | 0xA9))),
        // U+FEFF, U+FFFE, U+FFFF.
        0xEF => !matches!(
            (next(1), next(2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        _ => true,
    }
}

/// The lines that hold something (tabs were refused before).
fn lines(yaml: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(24);
    for line in yaml.lines() {
        let text = line.trim_start_matches(' ');
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        out.push(Line {
            indent: line.len() - text.len(),
            text,
        });
    }
    out
}

/// Reads nodes from the lines, front to back.
struct Reader<'l, 'a> {
    lines: &'l [Line<'a>],
    pos: usize,
}

impl<'a> Reader<'_, 'a> {
    /// The node whose first line is the current one, indented by `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        let line = self.lines.get(self.pos)?;
        if is_entry(line.text) {
            self.seq(indent)
        } else {
            self.map(indent, None)
        }
    }

    /// A block mapping whose keys are indented by `indent`. Its first
    /// entry is `first` when the mapping starts after a list entry's dash
    /// (`- key: value`), the current line otherwise.
    fn map(&mut self, indent: usize, mut first: Option<&'a str>) -> Option<Node<'a>> {
        let mut entries: Vec<(Node<'a>, Node<'a>)> = Vec::with_capacity(16);
        loop {
            let text = match first.take() {
                Some(text) => text,
                None => {
                    let Some(&line) = self.lines.get(self.pos) else {
                        break;
                    };
                    if line.indent < indent || (line.indent == indent && is_entry(line.text)) {
                        break;
                    }
                    if line.indent > indent {
                        return None;
                    }
                    line.text
                }
            };
            let (key, rest) = split_key(text)?;
            let key = Node::Plain(key);
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            self.pos += 1;
            let value = if rest.is_empty() {
                self.nested(indent)?
            } else {
                self.inline(rest, indent)?
            };
            entries.push((key, value));
        }
        Some(Node::Map(entries))
    }

    /// A block sequence whose `-` are indented by `indent`.
    fn seq(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut items = Vec::with_capacity(8);
        while let Some(&line) = self.lines.get(self.pos) {
            if line.indent < indent || (line.indent == indent && !is_entry(line.text)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            // What follows the dash and its spaces.
            let rest = line.text.get(1..)?.trim_start_matches(' ');
            if rest.trim_end_matches(' ').is_empty() || is_entry(rest) {
                return None;
            }
            if split_key(rest).is_some() {
                // `- key: value`: a mapping whose keys line up with `key`.
                let at = indent + line.text.len() - rest.len();
                items.push(self.map(at, Some(rest))?);
            } else {
                self.pos += 1;
                items.push(self.inline(rest.trim_end_matches(' '), indent)?);
            }
        }
        Some(Node::Seq(items))
    }

    /// The value of a key written alone on its line (keys at `indent`): a
    /// block indented further, or a list at the key's own indentation.
    fn nested(&mut self, indent: usize) -> Option<Node<'a>> {
        let next = self.lines.get(self.pos)?;
        if next.indent > indent || (next.indent == indent && is_entry(next.text)) {
            self.block(next.indent)
        } else {
            // An empty value is null: left to the YAML crate.
            None
        }
    }

    /// The one-line value `rest` of a key or list entry at `indent`; the
    /// next line must not continue it.
    fn inline(&mut self, rest: &'a str, indent: usize) -> Option<Node<'a>> {
        if self.lines.get(self.pos).is_some_and(|l| l.indent > indent) {
            return None;
        }
        scalar_or_list(rest)
    }
}

/// Whether `text` (a line after its indentation) is a list entry, `- x`.
fn is_entry(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The longest key read here: libyaml refuses keys of over 1,024
/// characters, and no front matter key is near this.
const MAX_KEY: usize = 64;

/// `key: rest` with a plain key — a letter or `_`, then letters, digits,
/// `_` and `-` — and what follows the colon and its spaces (empty when
/// only a comment follows). `None` for any other line.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if !bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return None;
    }
    let end = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')))?;
    if end > MAX_KEY {
        return None;
    }
    let after = text[end..].strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let rest = after.trim_matches(' ');
    let rest = if rest.starts_with('#') { "" } else { rest };
    Some((&text[..end], rest))
}

/// The scalar or one-line list `text` (trailing spaces trimmed), a
/// comment after it allowed.
fn scalar_or_list(text: &str) -> Option<Node<'_>> {
    match text.as_bytes().first()? {
        b'"' | b'\'' => {
            let (value, tail) = quoted(text)?;
            ends_line(tail).then_some(Node::Quoted(value))
        }
        b'[' => list(text),
        b'{' => flow_map(text),
        b if starts_indicator(*b) => None,
        _ => {
            let text = match comment_start(text) {
                Some(at) => text[..at].trim_end_matches(' '),
                None => text,
            };
            let value_indicator = text
                .bytes()
                .enumerate()
                .any(|(i, b)| b == b':' && text.as_bytes().get(i + 1).is_none_or(|&n| n == b' '));
            (!value_indicator && !is_null(text)).then_some(Node::Plain(text))
        }
    }
}

/// Where a comment starts in a plain scalar: at the first `#` after a
/// space.
fn comment_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..bytes.len())
        .find(|&i| bytes[i] == b'#' && bytes[i - 1] == b' ')
        .map(|i| i - 1)
}

/// Whether a plain scalar may not start with byte `b` (or is best left to
/// the YAML crate when it does): YAML's indicators.
fn starts_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Whether what follows a value on its line is nothing, or spaces and a
/// comment.
fn ends_line(tail: &str) -> bool {
    tail.is_empty()
        || (tail.starts_with(' ') && {
            let rest = tail.trim_start_matches(' ');
            rest.is_empty() || rest.starts_with('#')
        })
}

/// The quoted scalar at the start of `text` (its first byte a quote) and
/// what follows its closing quote. Double quotes only without backslash
/// escapes; single quotes with `''` for a quote.
fn quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let quote = *text.as_bytes().first()?;
    let body = &text[1..];
    if quote == b'"' {
        let end = body.find('"')?;
        let value = &body[..end];
        return (!value.contains('\\')).then_some((Cow::Borrowed(value), &body[end + 1..]));
    }
    let mut value: Cow<'_, str> = Cow::Borrowed("");
    let mut rest = body;
    loop {
        let end = rest.find('\'')?;
        let after = &rest[end + 1..];
        if let Some(more) = after.strip_prefix('\'') {
            // `''` is one quote.
            value.to_mut().push_str(&rest[..=end]);
            rest = more;
        } else {
            if value.is_empty() {
                value = Cow::Borrowed(&rest[..end]);
            } else {
                value.to_mut().push_str(&rest[..end]);
            }
            return Some((value, after));
        }
    }
}

/// A one-line list `[a, "b", 'c']` of scalars, a comment after it allowed.
fn list(text: &str) -> Option<Node<'_>> {
    let mut items = Vec::new();
    let mut rest = text.get(1..)?.trim_start_matches(' ');
    if let Some(tail) = rest.strip_prefix(']') {
        return ends_line(tail).then_some(Node::Seq(items));
    }
    loop {
        let (item, tail) = list_item(rest, b']')?;
        items.push(item);
        let tail = tail.trim_start_matches(' ');
        if let Some(tail) = tail.strip_prefix(']') {
            return ends_line(tail).then_some(Node::Seq(items));
        }
        rest = tail.strip_prefix(',')?.trim_start_matches(' ');
    }
}

/// A one-line mapping `{a: 1, b: "x"}` of plain keys to scalars, a
/// comment after it allowed.
fn flow_map(text: &str) -> Option<Node<'_>> {
    let mut entries: Vec<(Node<'_>, Node<'_>)> = Vec::new();
    let mut rest = text.get(1..)?.trim_start_matches(' ');
    if let Some(tail) = rest.strip_prefix('}') {
        return ends_line(tail).then_some(Node::Map(entries));
    }
    loop {
        let end = rest.find(':')?;
        let key = &rest[..end];
        let (plain_key, _) = split_key(&rest[..=end])?;
        if plain_key != key {
            return None;
        }
        let key = Node::Plain(key);
        if entries.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let value = rest[end + 1..].strip_prefix(' ')?.trim_start_matches(' ');
        let (value, tail) = list_item(value, b'}')?;
        entries.push((key, value));
        let tail = tail.trim_start_matches(' ');
        if let Some(tail) = tail.strip_prefix('}') {
            return ends_line(tail).then_some(Node::Map(entries));
        }
        rest = tail.strip_prefix(',')?.trim_start_matches(' ');
    }
}

/// One scalar of a one-line list or mapping (which `close` ends) and what
/// follows it.
fn list_item(text: &str, close: u8) -> Option<(Node<'_>, &str)> {
    match text.as_bytes().first()? {
        b'"' | b'\'' => quoted(text).map(|(value, tail)| (Node::Quoted(value), tail)),
        b if starts_indicator(*b) => None,
        _ => {
            let end = text.find([',', char::from(close)])?;
            let item = text[..end].trim_end_matches(' ');
            let plain = !item.is_empty()
                && !is_null(item)
                && !item.contains(['[', ']', '{', '}', ':', '#']);
            plain.then_some((Node::Plain(item), &text[end..]))
        }
    }
}

/// The plain spellings of null (an empty value is caught before).
fn is_null(text: &str) -> bool {
    matches!(text, "~" | "null" | "Null" | "NULL")
}

/// What a plain scalar is.
#[derive(Debug, PartialEq)]
enum Resolved<'a> {
    Bool(bool),
    Int(u64),
    Float(f64),
    Text(&'a str),
}

/// A plain scalar resolved as the YAML crate resolves it, or `None` if it is
/// null or might be a number written otherwise than `123` or `12.5`.
fn resolve(text: &str) -> Option<Resolved<'_>> {
    match text {
        "true" | "True" | "TRUE" => return Some(Resolved::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Resolved::Bool(false)),
        _ if is_null(text) || text.is_empty() => return None,
        _ => {}
    }
    let bytes = text.as_bytes();
    if !matches!(bytes[0], b'0'..=b'9' | b'+' | b'-' | b'.') {
        // Neither integers (in any base) nor finite floats start so; `inf`
        // and `nan` are text to the YAML crate.
        return Some(Resolved::Text(text));
    }
    if let Some(float) = decimal(text) {
        return Some(Resolved::Float(float));
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        // `0123` is text to the YAML crate, `0` a number: leave the former.
        return if bytes.len() > 1 && bytes[0] == b'0' {
            None
        } else {
            text.parse().ok().map(Resolved::Int)
        };
    }
    never_a_number(bytes).then_some(Resolved::Text(text))
}

/// A decimal fraction written `digits.digits`, which the YAML crate reads with
/// the same `str::parse` as here.
fn decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(whole) && digits(fraction)) {
        return None;
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Whether `bytes` cannot be read as an integer in any base or as a float:
/// a byte no number has (`:`, `_`, a space, any non-ASCII), two dots, or a
/// sign anywhere but first or after an exponent's `e`. Dates and times
/// (`2024-05-01`, `2024-05-01T09:00:00+08:00`) are text so.
fn never_a_number(bytes: &[u8]) -> bool {
    let foreign = bytes
        .iter()
        .any(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    let dots = bytes.iter().filter(|&&b| b == b'.').count();
    let inner_sign = bytes
        .windows(2)
        .any(|w| matches!(w[1], b'+' | b'-') && !matches!(w[0], b'e' | b'E'));
    foreign || dots > 1 || inner_sign
}

/// Why a document was not read here: the caller only needs to know that it
/// was not.
#[derive(Debug)]
pub struct Unreadable;

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain YAML")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unreadable
    }
}

/// A node as a serde deserializer, read as the YAML crate reads the same text.
struct NodeDe<'de>(&'de Node<'de>);

impl<'de> NodeDe<'de> {
    /// Text as text: quoted scalars always, plain ones whatever they look
    /// like (the YAML crate reads a plain `20` into a string field as "20").
    fn text<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self.0 {
            Node::Plain(text) => visitor.visit_borrowed_str(text),
            Node::Quoted(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Node::Quoted(Cow::Owned(text)) => visitor.visit_str(text),
            Node::Seq(_) | Node::Map(_) => Err(Unreadable),
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self.0 {
            Node::Plain(text) => match resolve(text).ok_or(Unreadable)? {
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Int(n) => visitor.visit_u64(n),
                Resolved::Float(f) => visitor.visit_f64(f),
                Resolved::Text(text) => visitor.visit_borrowed_str(text),
            },
            Node::Quoted(_) => self.text(visitor),
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Node::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.text(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.text(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        self.text(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        // Null is never read here, so every value is `Some`.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self.0 {
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(Unreadable),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        // Not `deserialize_any`: a derived struct would take a list too,
        // where the YAML crate wants a mapping.
        match self.0 {
            Node::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            _ => Err(Unreadable),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        visitor.visit_unit()
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Unreadable> {
        Err(Unreadable)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Unreadable> {
        Err(Unreadable)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Unreadable> {
        Err(Unreadable)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Unreadable> {
        Err(Unreadable)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Unreadable> {
        Err(Unreadable)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64
    }
}

/// A list's items, for serde.
struct Items<'de>(std::slice::Iter<'de, Node<'de>>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Unreadable;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unreadable> {
        self.0
            .next()
            .map(|item| seed.deserialize(NodeDe(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A mapping's entries, for serde.
struct Entries<'de> {
    entries: std::slice::Iter<'de, (Node<'de>, Node<'de>)>,
    /// The value of the key read last.
    value: Option<&'de Node<'de>>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Unreadable;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unreadable> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(NodeDe(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unreadable> {
        let value = self.value.take().ok_or(Unreadable)?;
        seed.deserialize(NodeDe(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
