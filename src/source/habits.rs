//! Chinese typing habits in YAML: a full-width colon `：` after a key, tab
//! indentation, a hashtag ` #话题` that YAML reads as a comment, Chinese
//! commas `，` `、` between the items of a one-line list, quotes typed by a
//! Chinese input method (`"…”`, `“…”`, `"…` never closed).
//!
//! [`scan`] finds them in the source text, each at its line and column,
//! so that [`super::yaml`] can refuse, warn or explain at the very
//! character. It reads only lines that hold one of the bytes that start
//! these characters (`#`, and the lead bytes of `：，`, `“”‘’` and `、`), found
//! with `memchr`, so well-formed front matter with ASCII punctuation costs
//! one pass over its bytes; [`scan_all`], for text that could not be read,
//! reads every line. It knows nothing of serde or of the document's keys.

use std::borrow::Cow;

/// A habit found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Habit {
    /// `title：…`: a full-width colon where the key's colon belongs.
    FullWidthColon,
    /// A tab in a line's indentation.
    TabIndent,
    /// `title: 朗诵会 #惠民社区`: YAML drops everything from ` #` on.
    CommentCut {
        /// The text YAML drops, from `#` to the end of the line.
        cut: String,
        /// Whether nothing is left of the value.
        whole: bool,
    },
    /// `[学雷锋，志愿服务]` or `[学雷锋、志愿服务]`: a Chinese comma
    /// between list items.
    FullWidthComma {
        /// The comma typed: `，` or `、`.
        mark: char,
    },
    /// `"雷锋精神”`: opened with a straight quote, closed with a curly one
    /// (or the other way round).
    MismatchedQuote {
        /// The quote the value opens with.
        open: char,
        /// The quote it closes with.
        close: char,
    },
    /// `“雷锋精神”`: a value wrapped in curly quotes, which YAML keeps as
    /// part of the text.
    CurlyQuoted,
    /// `"雷锋精神`: a straight quote never closed on its line.
    Unclosed {
        /// The opening quote.
        open: char,
    },
}

impl Habit {
    /// Whether the habit is an error even when the YAML reads (a full-width
    /// colon in a one-line mapping reads as a key such as `volunteers：20`).
    pub fn always_an_error(&self) -> bool {
        matches!(
            self,
            Habit::MismatchedQuote { .. }
                | Habit::CommentCut { whole: true, .. }
                | Habit::FullWidthColon
        )
    }

    /// Whether a document that reads despite the habit gets a warning.
    pub fn warns(&self) -> bool {
        matches!(
            self,
            Habit::CommentCut { .. } | Habit::FullWidthComma { .. } | Habit::CurlyQuoted
        )
    }
}

/// A habit and where it is: line within the scanned text and column in
/// characters, both 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The line, counted from the first line of the scanned text.
    pub line: usize,
    /// The column of the offending character.
    pub column: usize,
    /// What was found.
    pub habit: Habit,
    /// Byte offset of the offending character in the scanned text.
    offset: usize,
}

/// The full-width colon.
const COLON: char = '：';
/// The full-width comma.
const COMMA: char = '，';
/// The enumeration comma (顿号), which Chinese puts between listed items.
const DUNHAO: char = '、';

/// The habits in `yaml` that can matter when it reads well — all but an
/// unclosed quote or bracket — in the order of the text. Text with none of
/// the bytes that start them is passed over in one branch-free pass, and
/// so is each line without one.
pub fn scan(yaml: &str) -> Vec<Finding> {
    if has_trigger(yaml.as_bytes()) {
        walk(yaml, true)
    } else {
        Vec::new()
    }
}

/// Every habit in `yaml`, in the order of the text (for text that could
/// not be read, to say why).
pub fn scan_all(yaml: &str) -> Vec<Finding> {
    walk(yaml, false)
}

/// The habits of every line; with `quick`, lines without a trigger byte
/// are passed over (all of them at once when no `|` or `>` could start a
/// block of text whose lines must be skipped).
fn walk(yaml: &str, quick: bool) -> Vec<Finding> {
    let mut found = Vec::new();
    if quick && memchr::memchr2(b'|', b'>', yaml.as_bytes()).is_none() {
        for at in trigger_lines(yaml) {
            look(&at, &mut found);
        }
        return found;
    }
    let mut block: Option<usize> = None;
    let mut start = 0;
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let offset = start;
        start += line.len();
        if quick && block.is_none() && !has_trigger(line.as_bytes()) && !may_open_block(line) {
            continue;
        }
        let text = line.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
        if let Some(parent) = block {
            // Inside a `|` or `>` block: text, whatever it holds.
            if text.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let at = Line {
            number: i + 1,
            offset,
            text,
        };
        if look(&at, &mut found) {
            block = Some(indent);
        }
    }
    found
}

/// The lines of `yaml` that hold a byte that may start a habit of text
/// that reads (see [`next_trigger`]), each found with `memchr`.
fn trigger_lines(yaml: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = yaml.as_bytes();
    let (mut from, mut number) = (0usize, 1usize);
    std::iter::from_fn(move || {
        let hit = from + next_trigger(&bytes[from..])?;
        let start = memchr::memrchr(b'\n', &bytes[..hit]).map_or(0, |at| at + 1);
        number += memchr::memchr_iter(b'\n', &bytes[from..start]).count();
        let end = memchr::memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |at| hit + at);
        from = (end + 1).min(bytes.len());
        let line = Line {
            number,
            offset: start,
            text: yaml[start..end].trim_end_matches('\r'),
        };
        number += usize::from(end < bytes.len());
        Some(line)
    })
}

/// Where the first byte of `bytes` is that may start a habit of text that
/// reads: `#`, or the lead byte of `，：` (0xEF), of `“”‘’` (0xE2) or of
/// `、` (0xE3).
fn next_trigger(bytes: &[u8]) -> Option<usize> {
    let first = memchr::memchr3(b'#', 0xEF, 0xE2, bytes);
    memchr::memchr(0xE3, &bytes[..first.unwrap_or(bytes.len())]).or(first)
}

/// Looks at one line (not inside a block of text) for habits; whether its
/// value starts a `|` or `>` block.
fn look(at: &Line<'_>, found: &mut Vec<Finding>) -> bool {
    let line = at.text;
    let text = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - text.len();
    if text.is_empty() || text.starts_with('#') {
        return false;
    }
    if line[..indent].contains('\t') {
        let tab = line.find('\t').unwrap_or(0);
        found.push(at.finding(tab, Habit::TabIndent));
    }
    let (key_end, value) = split_line(line, indent);
    if key_end.is_none() {
        colon_after_key(at, indent, found);
    }
    match value {
        Some(value) if opens_block(&line[value..]) => true,
        Some(value) => {
            check_value(at, value, found);
            false
        }
        None => false,
    }
}

/// Whether a line may end in the `|` or `>` of a block (and at most two
/// indicators after it: `|-`, `>+2`); a comment after it holds a `#`.
fn may_open_block(line: &str) -> bool {
    let bytes = line.trim_end().as_bytes();
    bytes[bytes.len().saturating_sub(3)..]
        .iter()
        .any(|&b| b == b'|' || b == b'>')
}

/// Whether `bytes` holds a byte that may start a habit: a tab, `#`, or the
/// lead byte of `：，` (0xEF), of `“”‘’` (0xE2) or of `、` (0xE3).
fn has_trigger(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |seen, &b| seen | is_trigger(b))
}

/// Whether `b` may start a habit: see [`has_trigger`].
fn is_trigger(b: u8) -> bool {
    (b == b'\t') | (b == b'#') | (b == 0xEF) | (b == 0xE2) | (b == 0xE3)
}

/// One line of the scanned text.
struct Line<'a> {
    number: usize,
    offset: usize,
    text: &'a str,
}

impl Line<'_> {
    fn finding(&self, at: usize, habit: Habit) -> Finding {
        Finding {
            line: self.number,
            column: self.text[..at].chars().count() + 1,
            habit,
            offset: self.offset + at,
        }
    }
}

/// Where a line's key ends (at its `:`) and where its value starts, both
/// byte offsets in `line`; the value is the text after `- ` when the line
/// is a list entry without a key. `(None, None)` for a line that is
/// neither (a continuation, or a key typed with `：`).
fn split_line(line: &str, indent: usize) -> (Option<usize>, Option<usize>) {
    let mut at = indent;
    while line[at..].starts_with("- ") || &line[at..] == "-" {
        at += 1;
        at += line[at..].len() - line[at..].trim_start_matches(' ').len();
    }
    let rest = &line[at..];
    if let Some(colon) = key_colon(rest) {
        let value = at + colon + 1;
        let skipped = line[value..].len() - line[value..].trim_start_matches([' ', '\t']).len();
        return (Some(at + colon), Some(value + skipped));
    }
    if at > indent {
        (None, Some(at))
    } else {
        (None, None)
    }
}

/// The byte offset of the `:` that ends the key at the start of `text`: the
/// first `:` followed by a space, a tab or the end, outside quotes.
fn key_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (None, b'#') if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => return None,
            (None, b':') if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                return Some(i)
            }
            _ => {}
        }
    }
    None
}

/// A full-width colon after what looks like a key at the start of the line
/// (after any `- `): a run of text with no space, quote or ASCII colon.
fn colon_after_key(at: &Line<'_>, indent: usize, found: &mut Vec<Finding>) {
    let mut start = indent;
    while at.text[start..].starts_with("- ") {
        start += 2;
        start += at.text[start..].len() - at.text[start..].trim_start_matches(' ').len();
    }
    let rest = &at.text[start..];
    let Some(colon) = rest.find(COLON) else {
        return;
    };
    let key = &rest[..colon];
    let keyish =
        is_keyish(key) && !key.starts_with(['-', '?', '&', '*', '!', '|', '>', '%', '@', '`']);
    if keyish {
        found.push(at.finding(start + colon, Habit::FullWidthColon));
    }
}

/// Whether a value is `|` or `>` (with its indicators), starting a block of
/// text on the lines below.
fn opens_block(value: &str) -> bool {
    let value = match value.find(" #") {
        Some(at) => &value[..at],
        None => value,
    };
    let value = value.trim_end();
    value.starts_with(['|', '>'])
        && value[1..]
            .chars()
            .all(|c| matches!(c, '+' | '-' | '1'..='9'))
}

/// The habits in the value that starts at byte `value` of the line.
fn check_value(at: &Line<'_>, value: usize, found: &mut Vec<Finding>) {
    let text = &at.text[value..];
    let Some(first) = text.chars().next() else {
        return;
    };
    match first {
        '"' | '\'' => quoted(at, value, first, found),
        '“' | '‘' => curly(at, value, first, found),
        '[' => flow_list(at, value, found),
        '{' => flow_map(at, value, found),
        _ => comment_cut(at, value, found),
    }
}

/// A value that opens with a straight quote: closed on its line, closed by
/// a curly quote, or never closed.
fn quoted(at: &Line<'_>, value: usize, open: char, found: &mut Vec<Finding>) {
    let body = &at.text[value + 1..];
    if closing_quote(body, open).is_some() {
        return;
    }
    let curly = if open == '"' { '”' } else { '’' };
    let habit = if body.trim_end().contains(curly) {
        Habit::MismatchedQuote { open, close: curly }
    } else {
        Habit::Unclosed { open }
    };
    found.push(at.finding(value, habit));
}

/// The byte offset in `body` of the quote that closes a scalar opened with
/// `open`: `''` is a quote inside single quotes, `\"` inside double ones.
fn closing_quote(body: &str, open: char) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if open == '"' => i += 1,
            b'\'' if open == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if char::from(b) == open => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// A value that opens with a curly quote: wrapped in curly quotes, or
/// closed by a straight one.
fn curly(at: &Line<'_>, value: usize, open: char, found: &mut Vec<Finding>) {
    let text = at.text[value..].trim_end();
    let text = match comment_at(text) {
        Some(cut) => text[..cut].trim_end(),
        None => text,
    };
    let close = if open == '“' { '”' } else { '’' };
    let straight = if open == '“' { '"' } else { '\'' };
    if text.chars().count() > 1 && text.ends_with(close) {
        found.push(at.finding(value, Habit::CurlyQuoted));
    } else if text.ends_with(straight) {
        found.push(at.finding(
            value,
            Habit::MismatchedQuote {
                open,
                close: straight,
            },
        ));
    } else {
        comment_cut(at, value, found);
    }
}

/// Where a comment starts in plain text: a `#` after a space or a tab.
fn comment_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..bytes.len()).find(|&i| bytes[i] == b'#' && matches!(bytes[i - 1], b' ' | b'\t'))
}

/// A plain value cut by ` #` written as a hashtag (`#` followed by text,
/// not by a space: `# 说明` is taken for a comment the author meant).
fn comment_cut(at: &Line<'_>, value: usize, found: &mut Vec<Finding>) {
    let text = &at.text[value..];
    // A value that is only `#…` is a comment where the value should be.
    let hash = if text.starts_with('#') {
        Some(0)
    } else {
        comment_at(text)
    };
    let Some(hash) = hash else {
        return;
    };
    let cut = &text[hash..];
    if cut[1..].starts_with([' ', '\t']) || cut.len() == 1 {
        return;
    }
    found.push(at.finding(
        value + hash,
        Habit::CommentCut {
            cut: cut.trim_end().to_string(),
            whole: text[..hash].trim().is_empty(),
        },
    ));
}

/// A one-line list: full-width commas between plain items, a hashtag
/// inside, items opened with a straight quote and closed with a curly one.
fn flow_list(at: &Line<'_>, value: usize, found: &mut Vec<Finding>) {
    let text = &at.text[value..];
    let mut quote: Option<char> = None;
    let mut quote_at = 0;
    let mut previous = '[';
    // Where the current item starts.
    let mut item = 1;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '”') | (Some('\''), '’') => {
                let rest = &text[i + c.len_utf8()..];
                if rest.trim_start().starts_with([',', ']', '，']) {
                    let open = quote.unwrap_or('"');
                    found.push(
                        at.finding(value + quote_at, Habit::MismatchedQuote { open, close: c }),
                    );
                    return;
                }
            }
            (Some(_), _) => {}
            (None, '"' | '\'') if matches!(previous, '[' | ',' | ' ' | COMMA | DUNHAO) => {
                quote = Some(c);
                quote_at = i;
            }
            (None, ',') => {
                curly_item(at, value, item..i, found);
                item = i + 1;
            }
            (None, COMMA | DUNHAO) => {
                curly_item(at, value, item..i, found);
                found.push(at.finding(value + i, Habit::FullWidthComma { mark: c }));
                item = i + c.len_utf8();
            }
            (None, '#') if matches!(previous, ' ' | '\t') => {
                let cut = &text[i..];
                if !cut[1..].starts_with([' ', '\t']) && cut.len() > 1 {
                    found.push(at.finding(
                        value + i,
                        Habit::CommentCut {
                            cut: cut.trim_end().to_string(),
                            whole: false,
                        },
                    ));
                }
                return;
            }
            (None, ']') => {
                curly_item(at, value, item..i, found);
                return;
            }
            _ => {}
        }
        previous = c;
    }
    match quote {
        Some(open) => found.push(at.finding(value + quote_at, Habit::Unclosed { open })),
        None => found.push(at.finding(value, Habit::Unclosed { open: '[' })),
    }
}

/// An item of a one-line list (the bytes `span` of the value at byte
/// `value` of the line) wrapped in curly quotes, `[“学雷锋”, …]`.
fn curly_item(at: &Line<'_>, value: usize, span: std::ops::Range<usize>, found: &mut Vec<Finding>) {
    let item = &at.text[value..][span.clone()];
    let text = item.trim();
    if text.chars().count() > 1 && text.starts_with('“') && text.ends_with('”') {
        let lead = item.len() - item.trim_start().len();
        found.push(at.finding(value + span.start + lead, Habit::CurlyQuoted));
    }
}

/// A one-line mapping `{volunteers: 20, hours: 5}`: a full-width colon
/// after a key, a full-width comma before the next `key:`.
fn flow_map(at: &Line<'_>, value: usize, found: &mut Vec<Finding>) {
    let text = &at.text[value..];
    let mut quote: Option<char> = None;
    // Where the current entry starts, while its key is being read.
    let mut key_from: Option<usize> = Some(1);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ':') => key_from = None,
            (None, COLON) => {
                if let Some(from) = key_from.take() {
                    if is_keyish(text[from..i].trim()) {
                        found.push(at.finding(value + i, Habit::FullWidthColon));
                    }
                }
            }
            (None, ',') => key_from = Some(i + 1),
            (None, COMMA | DUNHAO)
                if key_from.is_none() && starts_entry(&text[i + c.len_utf8()..]) =>
            {
                found.push(at.finding(value + i, Habit::FullWidthComma { mark: c }));
                key_from = Some(i + c.len_utf8());
            }
            (None, '}') => return,
            _ => {}
        }
    }
}

/// Whether `text` starts with `key:` or `key：` (spaces before allowed).
fn starts_entry(text: &str) -> bool {
    let text = text.trim_start();
    text.find([':', COLON])
        .is_some_and(|at| is_keyish(text[..at].trim_end()))
}

/// Whether `key` looks like a key: some text without spaces, quotes,
/// colons or brackets, not too long.
fn is_keyish(key: &str) -> bool {
    !key.is_empty()
        && key.chars().count() <= 64
        && !key.contains([
            ' ', '\t', ':', '"', '\'', '#', '[', ']', '{', '}', ',', '“', '‘', '，', '。',
        ])
}

/// `yaml` with every full-width comma `findings` name replaced by `,` (the
/// column of everything after stays the same), or `yaml` itself when there
/// is none.
pub fn split_lists<'a>(yaml: &'a str, findings: &[Finding]) -> Cow<'a, str> {
    let commas: Vec<usize> = findings
        .iter()
        .filter(|f| matches!(f.habit, Habit::FullWidthComma { .. }))
        .map(|f| f.offset)
        .collect();
    if commas.is_empty() {
        return Cow::Borrowed(yaml);
    }
    let mut out = String::with_capacity(yaml.len());
    let mut from = 0;
    for at in commas {
        out.push_str(&yaml[from..at]);
        out.push(',');
        // `，` and `、` are both three bytes long.
        from = at + COMMA.len_utf8();
    }
    out.push_str(&yaml[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn habits(yaml: &str) -> Vec<(usize, usize, Habit)> {
        scan_all(yaml)
            .into_iter()
            .map(|f| (f.line, f.column, f.habit))
            .collect()
    }

    #[test]
    fn plain_front_matter_has_no_habits() {
        let yaml =
            "title: \"坚守19年，大学生志愿者\"\ndate: 2023-03-05\ncampaign: anti-fraud   # 反诈\n\
                    tags: [学雷锋, \"志愿，服务\"]\nsummary: 时间：3月5日，地点：社区\n\
                    people:\n  - name: 张三\n    honors: [优秀志愿者]\ntitle2: “五个一”工程\n\
                    body: |\n  说明：#话题\n  \"未闭合\nnext: a#b\n";
        assert_eq!(habits(yaml), vec![]);
    }

    #[test]
    fn text_without_trigger_bytes_is_passed_over() {
        assert!(scan("title: \"雷锋精神\ndate: 2023-03-05\n").is_empty());
        assert_eq!(scan("title: 朗诵会 #惠民社区\n").len(), 1);
    }

    #[test]
    fn the_quick_scan_finds_what_the_full_one_finds_of_text_that_reads() {
        const PIECES: &[&str] = &[
            "\n",
            "\r\n",
            "  ",
            "- ",
            "title: ",
            "tags: ",
            "志愿",
            "，",
            "、",
            "《》",
            "：",
            " #话题",
            " # 注释",
            "\"",
            "“",
            "”",
            "[",
            "]",
            "{",
            "}",
            "a: ",
            "|",
            "\t",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        };
        let matters = |f: &Finding| f.habit.warns() || f.habit.always_an_error();
        let mut with_findings = 0;
        for _ in 0..20_000 {
            let yaml: String = (0..next(30)).map(|_| PIECES[next(PIECES.len())]).collect();
            let quick: Vec<Finding> = scan(&yaml).into_iter().filter(matters).collect();
            let all: Vec<Finding> = scan_all(&yaml).into_iter().filter(matters).collect();
            assert_eq!(quick, all, "{yaml:?}");
            with_findings += usize::from(!all.is_empty() && all.iter().any(|f| f.line > 1));
        }
        assert!(with_findings > 1_000, "{with_findings}");
    }

    #[test]
    fn finds_a_full_width_colon_after_a_key() {
        assert_eq!(
            habits("title：雷锋精神代代传\n"),
            vec![(1, 6, Habit::FullWidthColon)]
        );
        assert_eq!(
            habits("people:\n  - name：张三\nstats:\n  服务时长：20\n"),
            vec![(2, 9, Habit::FullWidthColon), (4, 7, Habit::FullWidthColon)]
        );
    }

    #[test]
    fn finds_tabs_in_indentation_only() {
        assert_eq!(
            habits("title: a\n\tdate: b\nx: a\tb\n"),
            vec![(2, 1, Habit::TabIndent)]
        );
    }

    #[test]
    fn finds_hashtags_that_cut_values() {
        assert_eq!(
            habits("title: 朗诵会 #惠民社区\n"),
            vec![(
                1,
                12,
                Habit::CommentCut {
                    cut: "#惠民社区".into(),
                    whole: false
                }
            )]
        );
        assert_eq!(
            habits("title: #惠民社区\n")[0].2,
            Habit::CommentCut {
                cut: "#惠民社区".into(),
                whole: true
            }
        );
        assert_eq!(
            habits("tags: [学雷锋 #志愿]\n")[0].0,
            1,
            "inside a one-line list"
        );
    }

    #[test]
    fn finds_full_width_commas_in_one_line_lists() {
        let yaml = "tags: [学雷锋，志愿服务，助老]\n";
        let found = scan(yaml);
        assert_eq!(
            found.iter().map(|f| f.column).collect::<Vec<_>>(),
            vec![11, 16]
        );
        assert_eq!(split_lists(yaml, &found), "tags: [学雷锋,志愿服务,助老]\n");
    }

    #[test]
    fn finds_full_width_colons_and_commas_in_one_line_mappings() {
        assert_eq!(
            habits("stats: {volunteers：20, hours: 5}\n"),
            vec![(1, 19, Habit::FullWidthColon)]
        );
        let yaml = "stats: {volunteers: 20，hours: 5}\nfooter: {contact: 电话，传真}\n";
        let found = scan(yaml);
        assert_eq!(
            habits(yaml),
            vec![(1, 23, Habit::FullWidthComma { mark: '，' })],
            "a comma inside a value stays"
        );
        assert_eq!(
            split_lists(yaml, &found),
            "stats: {volunteers: 20,hours: 5}\nfooter: {contact: 电话，传真}\n"
        );
    }

    #[test]
    fn finds_quotes_typed_by_an_input_method() {
        assert_eq!(
            habits("title: \"雷锋精神”\n"),
            vec![(
                1,
                8,
                Habit::MismatchedQuote {
                    open: '"',
                    close: '”'
                }
            )]
        );
        assert_eq!(
            habits("title: “雷锋精神”\n"),
            vec![(1, 8, Habit::CurlyQuoted)]
        );
        assert_eq!(
            habits("title: \"雷锋精神\n"),
            vec![(1, 8, Habit::Unclosed { open: '"' })]
        );
        assert_eq!(
            habits("title: “雷锋精神\"\n")[0].2,
            Habit::MismatchedQuote {
                open: '“',
                close: '"'
            }
        );
        assert_eq!(
            habits("tags: [“学雷锋”, 志愿，“助老”]\n"),
            vec![
                (1, 8, Habit::CurlyQuoted),
                (1, 17, Habit::FullWidthComma { mark: '，' }),
                (1, 18, Habit::CurlyQuoted)
            ]
        );
        assert_eq!(
            habits("tags: [\"学雷锋”, 志愿]\n")[0].2,
            Habit::MismatchedQuote {
                open: '"',
                close: '”'
            }
        );
    }
}
