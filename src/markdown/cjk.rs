//! Chinese typography in Markdown: emphasis next to Chinese punctuation,
//! and line breaks inside Chinese text.
//!
//! **Emphasis.** CommonMark decides whether a run of `*` or `_` can open or
//! close emphasis from the characters on either side, and treats every
//! punctuation mark as a word boundary only when the other side is a space
//! or punctuation too. Chinese has no spaces, so the closing `**` in
//! `**“雷锋”**精神` (a quotation mark before it, a letter after it) cannot
//! close, and the bold is lost. This module follows the CommonMark
//! CJK-friendly amendment (github.com/tats-u/markdown-cjk-friendly): a run
//! next to a CJK character, or next to CJK punctuation (，。《》（）…), may
//! open and close as if a space were there. For `_` it goes one step
//! further, so that `__“学雷锋”__活动` works as well: a CJK character beside
//! the run counts like punctuation for the rule that keeps `_` inside
//! `snake_case_words` from making emphasis. Latin text keeps every rule of
//! CommonMark.
//!
//! pulldown-cmark has no option for this, so [`prepare`] finds the few runs
//! whose verdict changes (a byte scan when there are none) and puts an
//! invisible [`MARK`], a punctuation character pulldown-cmark respects, on
//! the side of the run that must count as a boundary; pulldown-cmark then
//! pairs the delimiters by all of CommonMark's other rules. [`Events`]
//! removes every mark from the events again and maps offsets back to the
//! source as written, so output and error positions are those of the source.
//!
//! **Line breaks.** A line break inside a paragraph is a space in HTML, and
//! a space between two Chinese characters is a visible gap. [`Events`] drops
//! the soft break between two CJK characters (or a CJK character and
//! Chinese punctuation), so pages, headings, summaries and plain text read
//! as the writer meant. Between Latin words, and in Korean, which spaces its
//! words, the break stays.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// The character put beside a delimiter run so that pulldown-cmark sees a
/// boundary there: PHOENICIAN WORD SEPARATOR, a punctuation mark (so that
/// CommonMark's flanking rules treat it as one) that Chinese, English or
/// Markdown text does not use. A source that holds it is left as written.
pub const MARK: char = '\u{1091F}';

/// The bytes [`MARK`] takes in UTF-8.
const MARK_LEN: usize = MARK.len_utf8();

/// A source ready for pulldown-cmark: the text with its marks, and where
/// the marks are.
#[derive(Debug)]
pub struct Prepared<'s> {
    /// The source, with a [`MARK`] beside each run that needed one.
    pub text: Cow<'s, str>,
    /// Where the marks are.
    pub marks: Marks,
}

/// Byte offsets, in the prepared text, of the marks [`prepare`] put in;
/// ascending.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks(Vec<usize>);

impl Marks {
    /// True when the text is the source as written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The offset in the source as written of `offset` in the prepared text.
    pub fn original(&self, offset: usize) -> usize {
        let before = self.0.partition_point(|&mark| mark < offset);
        offset - before * MARK_LEN
    }

    /// `text` without marks.
    fn strip<'a>(&self, text: CowStr<'a>) -> CowStr<'a> {
        if self.is_empty() || !text.contains(MARK) {
            return text;
        }
        CowStr::from(text.replace(MARK, ""))
    }
}

/// Puts a [`MARK`] beside each delimiter run of `*` or `_` whose power to
/// open or close emphasis differs between CommonMark and the CJK-friendly
/// rules. Borrows the source unchanged when there is none (the usual case).
pub fn prepare(source: &str) -> Prepared<'_> {
    let unchanged = || Prepared {
        text: Cow::Borrowed(source),
        marks: Marks::default(),
    };
    let places = mark_places(source);
    if places.is_empty() || source.contains(MARK) {
        return unchanged();
    }
    let mut text = String::with_capacity(source.len() + places.len() * MARK_LEN);
    let mut marks = Vec::with_capacity(places.len());
    let mut copied = 0;
    for place in places {
        text.push_str(&source[copied..place]);
        marks.push(text.len());
        text.push(MARK);
        copied = place;
    }
    text.push_str(&source[copied..]);
    Prepared {
        text: Cow::Owned(text),
        marks: Marks(marks),
    }
}

/// Byte offsets in `source`, ascending, where a mark must go.
fn mark_places(source: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    let mut places = Vec::new();
    let mut i = 0;
    while let Some(start) = next_delimiter(bytes, i) {
        i = start;
        let delim = bytes[i];
        if is_escaped(bytes, i) {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| b == delim).count();
        let before = source[..i].chars().next_back();
        let after = source[end..].chars().next();
        match boundary(delim, before, after) {
            Some(Side::Before) => places.push(i),
            Some(Side::After) => places.push(end),
            None => {}
        }
        i = end;
    }
    places
}

/// Where the next `*` or `_` is, from byte `from` on.
fn next_delimiter(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let is_delimiter = |b: u8| b == b'*' || b == b'_';
    // Thirty-two bytes at a time, with no branch per byte, so that the
    // compiler tests a chunk with vector instructions: most text has no
    // delimiter.
    let mut skipped = 0;
    for chunk in rest.chunks_exact(32) {
        let hits = chunk.iter().fold(0u8, |hits, &b| {
            hits | u8::from(b == b'*') | u8::from(b == b'_')
        });
        if hits != 0 {
            break;
        }
        skipped += 32;
    }
    rest[skipped..]
        .iter()
        .position(|&b| is_delimiter(b))
        .map(|at| from + skipped + at)
}

/// True when the byte at `i` follows an odd number of backslashes.
fn is_escaped(bytes: &[u8], i: usize) -> bool {
    bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// The side of a delimiter run where a mark goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// Where a run of `delim` between `before` and `after` needs a mark, if
/// anywhere (`None` for the start or end of the text).
///
/// With no space beside it, CommonMark refuses a run only one power:
/// punctuation before and a letter after make it unable to close; a
/// letter before and punctuation after make it unable to open. A mark on
/// the letter's side gives that power back, and only where the CJK-friendly
/// rules give it: a CJK character on the letter's side, or (for `*`) CJK
/// punctuation on the other.
fn boundary(delim: u8, before: Option<char>, after: Option<char>) -> Option<Side> {
    let (before, after) = (before?, after?);
    if before.is_whitespace() || after.is_whitespace() {
        return None;
    }
    let star = delim == b'*';
    match (is_punctuation(before), is_punctuation(after)) {
        (true, false) if is_cjk(after) || (star && is_cjk_punctuation(before)) => Some(Side::After),
        (false, true) if is_cjk(before) || (star && is_cjk_punctuation(after)) => {
            Some(Side::Before)
        }
        _ => None,
    }
}

/// Punctuation as CommonMark counts it (Unicode punctuation and symbols):
/// ASCII punctuation, and any other character that is neither a letter, a
/// digit, a space nor a combining mark.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    !c.is_alphanumeric() && !c.is_whitespace() && !is_mark_or_format(c)
}

/// Combining marks, variation selectors and invisible format characters,
/// which are neither letters nor punctuation.
fn is_mark_or_format(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x00AD
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x206F
        | 0xFEFF
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0x302A..=0x302F
        | 0x3099..=0x309A
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xE0100..=0xE01EF
    )
}

/// A CJK character: a wide or full-width character of East Asian text
/// (Han, kana, hangul, Yi, CJK and full-width punctuation), by the blocks
/// of Unicode's East Asian Width W, F and H.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF        // Hangul Jamo
        | 0x2E80..=0x303E      // CJK radicals, ideographic description, CJK punctuation
        | 0x3041..=0x33FF      // kana, bopomofo, hangul compatibility, enclosed CJK
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA000..=0xA4CF      // Yi
        | 0xA960..=0xA97F      // Hangul Jamo extended A
        | 0xAC00..=0xD7FF      // Hangul syllables, Jamo extended B
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE10..=0xFE1F      // vertical forms
        | 0xFE30..=0xFE6F      // CJK compatibility forms, small forms
        | 0xFF01..=0xFF60      // full-width forms
        | 0xFF61..=0xFFDC      // half-width forms
        | 0xFFE0..=0xFFEE      // full-width and half-width signs
        | 0x1B000..=0x1B16F    // kana supplement and extensions
        | 0x20000..=0x3FFFD    // CJK extensions B and later
    )
}

/// CJK punctuation: punctuation that is a CJK character (，。、《》（）：).
/// The curly quotation marks “” and the dash — are not: Latin text uses them
/// too.
fn is_cjk_punctuation(c: char) -> bool {
    is_cjk(c) && is_punctuation(c)
}

/// Korean, whose words are separated by spaces, so that a line break in it
/// is a space.
fn is_hangul(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xFFA0..=0xFFDC
    )
}

/// True for a character that a line break beside Chinese text may join
/// without a space: a CJK character other than hangul, or the punctuation
/// Chinese shares with Latin text (“” ‘’ — …).
fn joins(c: char) -> bool {
    (is_cjk(c) && !is_hangul(c)) || matches!(c as u32, 0x2010..=0x205E)
}

/// True when a line break between `before` and `after` is no space: both
/// join, and at least one is a CJK character (so that “quoted” English
/// text keeps its space).
fn break_joins(before: char, after: char) -> bool {
    joins(before) && joins(after) && (is_cjk(before) || is_cjk(after))
}

/// One event with its range in the source as written.
type Item<'a> = (Event<'a>, Range<usize>);

/// The events of a prepared text, as if the source had been parsed as
/// written: marks removed, offsets those of the source, and no soft break
/// between two Chinese characters.
pub struct Events<'a, I> {
    inner: I,
    marks: Marks,
    /// Events read ahead to decide on a soft break, in order.
    ready: VecDeque<Item<'a>>,
    /// The last character of text seen in the current block, if the text
    /// continues there (no break or block boundary since).
    last: Option<char>,
}

impl<'a, I: Iterator<Item = Item<'a>>> Events<'a, I> {
    /// Wraps pulldown-cmark's events (with offsets) of a text [`prepare`]d
    /// with `marks`.
    pub fn new(inner: I, marks: Marks) -> Self {
        Events {
            inner,
            marks,
            ready: VecDeque::new(),
            last: None,
        }
    }

    /// The next event of the parser, without marks, noted as the last seen.
    fn pull(&mut self) -> Option<Item<'a>> {
        let (event, range) = self.inner.next()?;
        let item = if self.marks.is_empty() {
            (event, range)
        } else {
            let range = self.marks.original(range.start)..self.marks.original(range.end);
            (strip_event(&self.marks, event), range)
        };
        self.last = match &item.0 {
            Event::Text(text) | Event::Code(text) => text.chars().next_back().or(self.last),
            Event::SoftBreak | Event::InlineHtml(_) => self.last,
            Event::Start(tag) if is_inline(tag.to_end()) => self.last,
            Event::End(tag) if is_inline(*tag) => self.last,
            _ => None,
        };
        Some(item)
    }

    /// Reads ahead to the first character after a soft break; true when the
    /// break joins `before` to it. The events read wait in `ready`.
    fn joins_next(&mut self, before: char) -> bool {
        while let Some(item) = self.pull() {
            let next = match &item.0 {
                Event::Text(text) | Event::Code(text) => text.chars().next().map(Some),
                Event::InlineHtml(_) => None,
                Event::Start(tag) if is_inline(tag.to_end()) => None,
                Event::End(tag) if is_inline(*tag) => None,
                _ => Some(None),
            };
            self.ready.push_back(item);
            if let Some(after) = next {
                return after.is_some_and(|after| break_joins(before, after));
            }
        }
        false
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Events<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        let before = self.last;
        let item = self.pull()?;
        if !matches!(item.0, Event::SoftBreak) {
            return Some(item);
        }
        let Some(before) = before.filter(|&c| joins(c)) else {
            return Some(item);
        };
        if !self.joins_next(before) {
            self.ready.push_front(item);
        }
        self.ready.pop_front()
    }
}

/// True for the inline elements a line of text runs through (emphasis,
/// links); not images, whose text is not beside the text around them.
pub(super) fn is_inline(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

/// `event` with every mark removed from its text, code, HTML, labels and
/// destinations.
fn strip_event<'a>(marks: &Marks, event: Event<'a>) -> Event<'a> {
    let strip = |text| marks.strip(text);
    match event {
        Event::Text(text) => Event::Text(strip(text)),
        Event::Code(text) => Event::Code(strip(text)),
        Event::Html(text) => Event::Html(strip(text)),
        Event::InlineHtml(text) => Event::InlineHtml(strip(text)),
        Event::InlineMath(text) => Event::InlineMath(strip(text)),
        Event::DisplayMath(text) => Event::DisplayMath(strip(text)),
        Event::FootnoteReference(label) => Event::FootnoteReference(strip(label)),
        Event::Start(tag) => Event::Start(strip_tag(marks, tag)),
        other => other,
    }
}

/// `tag` with every mark removed from its strings.
fn strip_tag<'a>(marks: &Marks, tag: Tag<'a>) -> Tag<'a> {
    let strip = |text| marks.strip(text);
    match tag {
        Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
            Tag::CodeBlock(CodeBlockKind::Fenced(strip(info)))
        }
        Tag::FootnoteDefinition(label) => Tag::FootnoteDefinition(strip(label)),
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: strip(dest_url),
            title: strip(title),
            id: strip(id),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: strip(dest_url),
            title: strip(title),
            id: strip(id),
        },
        Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } => Tag::Heading {
            level,
            id: id.map(strip),
            classes: classes.into_iter().map(strip).collect(),
            attrs: attrs
                .into_iter()
                .map(|(name, value)| (strip(name), value.map(strip)))
                .collect(),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_without_cjk_runs_is_borrowed() {
        for source in [
            "纯文字，没有强调。",
            "**bold** and _em_",
            "**雷锋**精神",
            "snake_case",
            "",
        ] {
            let prepared = prepare(source);
            assert!(matches!(prepared.text, Cow::Borrowed(_)), "{source}");
            assert!(prepared.marks.is_empty());
        }
    }

    #[test]
    fn marks_go_on_the_letter_side_of_the_run() {
        let prepared = prepare("**“雷锋”**精神，精神*《条例》*");
        let m = MARK.to_string();
        assert_eq!(
            prepared.text,
            format!("**“雷锋”**{m}精神，精神{m}*《条例》*")
        );
        // A mark after the `**` that ends at byte 16, and one before the
        // `*` at byte 31 of the source (35 once the first mark is in).
        assert_eq!(prepared.marks, Marks(vec![16, 35]));
        assert_eq!(prepared.marks.original(16), 16);
        assert_eq!(prepared.marks.original(20), 16);
        assert_eq!(prepared.marks.original(35), 31);
        assert_eq!(prepared.marks.original(40), 32);
    }

    #[test]
    fn a_source_that_holds_the_mark_is_left_as_written() {
        let source = format!("**“雷锋”**精神{MARK}");
        assert!(prepare(&source).marks.is_empty());
    }

    #[test]
    fn underscore_needs_a_cjk_character_beside_it() {
        assert_eq!(boundary(b'_', Some('”'), Some('活')), Some(Side::After));
        assert_eq!(boundary(b'_', Some('。'), Some('w')), None);
        assert_eq!(boundary(b'*', Some('。'), Some('w')), Some(Side::After));
        assert_eq!(boundary(b'_', Some('动'), Some('“')), Some(Side::Before));
        assert_eq!(boundary(b'_', Some('w'), Some('（')), None);
        assert_eq!(boundary(b'*', Some('w'), Some('（')), Some(Side::Before));
        assert_eq!(boundary(b'*', Some('"'), Some('w')), None);
        assert_eq!(boundary(b'*', Some('锋'), Some('精')), None);
        assert_eq!(boundary(b'*', None, Some('“')), None);
        assert_eq!(boundary(b'*', Some(' '), Some('精')), None);
    }

    #[test]
    fn line_breaks_join_chinese_but_not_latin_or_korean() {
        assert!(break_joins('锋', '精'));
        assert!(break_joins('”', '精'));
        assert!(break_joins('。', '“'));
        assert!(!break_joins('”', '“'));
        assert!(!break_joins('a', '精'));
        assert!(!break_joins('국', '문'));
        assert!(!break_joins('x', 'y'));
    }

    #[test]
    fn delimiters_are_found_in_and_across_chunks() {
        let text = format!("{}*{}_", "a".repeat(40), "雷".repeat(9));
        let bytes = text.as_bytes();
        assert_eq!(next_delimiter(bytes, 0), Some(40));
        assert_eq!(next_delimiter(bytes, 41), Some(68));
        assert_eq!(next_delimiter(bytes, 69), None);
        assert_eq!(next_delimiter(b"", 0), None);
        assert_eq!(next_delimiter(b"abc", 5), None);
    }
}
