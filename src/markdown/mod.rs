//! Markdown rendering and text utilities.
//!
//! This module is pure text in, text out: it knows nothing about pages or
//! sites. `render` turns Markdown into HTML through pulldown-cmark,
//! transforming the event stream on the way (heading ids, link resolution,
//! raw-HTML filtering, dangerous-scheme neutralisation) and collecting
//! headings, broken links and images without alt text. The remaining
//! functions derive plain text, word counts, reading times and summaries.
//! Chinese typography (emphasis beside Chinese punctuation, line breaks
//! inside Chinese text) is [`cjk`]'s: both the HTML and the plain text read
//! the events through it.

mod cjk;

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, LinkType, OffsetIter, Options, Parser, Tag, TagEnd,
};

use crate::i18n::catalogue::markdown as msg;
use crate::i18n::Text;

/// Options for rendering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Pass raw HTML (and any URL scheme) through untouched when `true`.
    pub unsafe_html: bool,
}

/// Decides what a link or image destination becomes.
pub trait LinkResolver {
    /// `dest` is the destination as written (without any `#fragment`),
    /// `fragment` the part after `#` if any, `is_image` for images.
    /// Return Ok(Some(new_url)) to replace the whole destination (the resolver
    /// re-attaches the fragment itself), Ok(None) to keep it as written,
    /// Err(problem) for a broken link.
    fn resolve(
        &self,
        dest: &str,
        fragment: Option<&str>,
        is_image: bool,
    ) -> Result<Option<String>, LinkError>;
}

/// What is wrong with a link, and how to fix it, in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    pub hint: Option<Text>,
}

/// A heading found while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Heading level, 1 to 6.
    pub level: u8,
    /// The (deduplicated) `id` attribute given to the heading.
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// A link or image whose destination the resolver rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// 1-based line in the source text passed to [`render`].
    pub line: usize,
    /// 1-based column, counted in characters, where the link starts.
    pub column: usize,
    /// What is wrong: the resolver's message, or the catalogue's for a
    /// same-page `#anchor`.
    pub message: Text,
    /// How to fix it, when the resolver or the catalogue says.
    pub hint: Option<Text>,
}

/// The result of [`render`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML output.
    pub html: String,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Broken links in document order.
    pub problems: Vec<LinkProblem>,
    /// Destinations (as written) of images with empty alt text.
    pub images_without_alt: Vec<String>,
    /// The plain text, as [`plain_text`] gives it, from the same pass.
    pub text: String,
}

/// Renders Markdown to HTML, resolving links and collecting metadata.
pub fn render(source: &str, options: &MarkdownOptions, resolver: &dyn LinkResolver) -> Rendered {
    let prepared = cjk::prepare(source);
    let mut events = Transformer::new(source, events(&prepared), options, resolver);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, &mut events);
    // Kept until the page is written: no spare capacity.
    html.shrink_to_fit();
    events.check_local_anchors();
    let trimmed_len = events.plain.trim_end().len();
    events.plain.truncate(trimmed_len);
    Rendered {
        text: events.plain,
        html,
        headings: events.headings,
        problems: events.problems,
        images_without_alt: events.images_without_alt,
    }
}

/// Plain text of a Markdown source (no markup, no raw HTML; code text kept; blocks separated by a newline).
pub fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let prepared = cjk::prepare(source);
    for (event, _) in events(&prepared) {
        push_plain(&mut out, &event);
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out
}

/// Counts words the Chinese way: each CJK character (Han, kana, hangul, CJK punctuation NOT counted) counts one; each run of other letters/digits counts one word.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // Most of a page: decided without decoding or Unicode tables.
            if b.is_ascii_alphanumeric() {
                count += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
            }
            i += 1;
            continue;
        }
        if (0xE4..=0xE9).contains(&b) {
            // U+4000..U+9FFF: CJK unified ideographs, three bytes each; a
            // run of them is counted in a loop of its own.
            i += 3;
            count += 1;
            while bytes.get(i).is_some_and(|b| (0xE4..=0xE9).contains(b)) {
                i += 3;
                count += 1;
            }
            in_word = false;
            continue;
        }
        if is_common_punctuation_utf8(b, bytes.get(i + 1), bytes.get(i + 2)) {
            // ，。“”、： — a tenth of Chinese text: no decoding either.
            in_word = false;
            i += 3;
            continue;
        }
        let width = match b {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        let c = text
            .get(i..i + width)
            .and_then(|s| s.chars().next())
            .unwrap_or(' ');
        if is_common_ideograph(c) || (!is_common_punctuation(c) && c.is_alphanumeric() && is_cjk(c))
        {
            count += 1;
            in_word = false;
        } else if is_common_punctuation(c) || !c.is_alphanumeric() {
            in_word = false;
        } else {
            count += usize::from(!in_word);
            in_word = true;
        }
        i += width;
    }
    count
}

/// Reading time in minutes: ceil(words / 300), at least 1.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(300).max(1)
}

/// First `max_chars` characters (chars, not bytes) of `text` with whitespace runs collapsed to one space and trimmed; if cut, ends with "…". Never splits a char.
pub fn truncate_summary(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)) + 4);
    let mut used = 0;
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let sep = usize::from(used > 0);
        let room = max_chars.saturating_sub(used);
        // The word no longer fits once it has this many characters; a CJK
        // paragraph is one long "word", so count no further.
        let overflow = room.saturating_add(1).saturating_sub(sep);
        let mut count = 0;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if count >= overflow {
                break;
            }
            if c.is_whitespace() {
                end = i;
                break;
            }
            count += 1;
        }
        if count >= overflow {
            append_cut(&mut out, rest, room);
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(&rest[..end]);
        used += sep + count;
        rest = &rest[end..];
    }
}

/// Splits a source at the first line that is exactly `<!-- more -->` (trimmed); returns (before, true) or (source, false).
pub fn split_more(source: &str) -> (&str, bool) {
    if !source.contains("<!--") {
        return (source, false);
    }
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        if line.trim() == "<!-- more -->" {
            return (&source[..start], true);
        }
        start += line.len();
    }
    (source, false)
}

/// Heading id: lowercase; keep letters and digits of any script (CJK kept), `-` and `_`; whitespace runs become `-`; drop other punctuation (incl. full-width ，。、：“” etc.); empty result → "section".
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            pending_dash = true;
            continue;
        }
        if pending_dash {
            id.push('-');
            pending_dash = false;
        }
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if c == '-' || c == '_' {
            id.push(c);
        }
    }
    if id.is_empty() {
        id.push_str("section");
    }
    id
}

/// The pulldown-cmark extensions used by this module.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The events of a prepared source, with offsets in the source as written.
fn events<'a>(prepared: &'a cjk::Prepared<'_>) -> cjk::Events<'a, OffsetIter<'a>> {
    let parser = Parser::new_ext(&prepared.text, parser_options()).into_offset_iter();
    cjk::Events::new(parser, prepared.marks.clone())
}

/// Event-stream adapter that applies all rendering transformations.
struct Transformer<'a, 'r> {
    /// The source as written (event offsets are in it).
    source: &'a str,
    parser: cjk::Events<'a, OffsetIter<'a>>,
    unsafe_html: bool,
    resolver: &'r dyn LinkResolver,
    /// Events ready to be yielded (used to emit a buffered heading).
    queue: VecDeque<Event<'a>>,
    /// For each open image: its destination and whether alt text was seen.
    open_images: Vec<(CowStr<'a>, bool)>,
    /// Every heading id handed out so far.
    used_ids: HashSet<String>,
    /// Next suffix to try for each base id that was duplicated.
    next_suffix: HashMap<String, usize>,
    headings: Vec<Heading>,
    problems: Vec<LinkProblem>,
    images_without_alt: Vec<String>,
    /// Same-page `#anchor` links: (fragment, byte offset).
    local_anchors: Vec<(String, usize)>,
    /// The plain text seen so far.
    plain: String,
    /// Where the last problem was found.
    cursor: Cursor,
}

impl<'a, 'r> Transformer<'a, 'r> {
    /// Creates a transformer over `source`.
    fn new(
        source: &'a str,
        parser: cjk::Events<'a, OffsetIter<'a>>,
        options: &MarkdownOptions,
        resolver: &'r dyn LinkResolver,
    ) -> Self {
        Transformer {
            source,
            parser,
            unsafe_html: options.unsafe_html,
            resolver,
            queue: VecDeque::new(),
            open_images: Vec::new(),
            used_ids: HashSet::new(),
            next_suffix: HashMap::new(),
            headings: Vec::new(),
            problems: Vec::new(),
            images_without_alt: Vec::new(),
            local_anchors: Vec::new(),
            plain: String::with_capacity(source.len()),
            cursor: Cursor::START,
        }
    }

    /// Every `#anchor` link within the page must name one of its headings.
    fn check_local_anchors(&mut self) {
        let anchors = std::mem::take(&mut self.local_anchors);
        for (fragment, offset) in anchors {
            let decoded = crate::percent::decode(&fragment);
            if self.headings.iter().any(|h| h.id == decoded) {
                continue;
            }
            let message = if self.headings.is_empty() {
                msg::anchor_without_headings(&fragment)
            } else {
                let known: Vec<String> =
                    self.headings.iter().map(|h| format!("#{}", h.id)).collect();
                let list = Text::new(known.join(", "), known.join("、"));
                msg::anchor_not_found(&fragment, list)
            };
            let hint = Some(msg::anchor_hint());
            self.record_problem(offset, LinkError { message, hint });
        }
    }

    /// Next transformed event from the parser, skipping dropped events.
    fn pull(&mut self) -> Option<Event<'a>> {
        loop {
            let (event, range) = self.parser.next()?;
            push_plain(&mut self.plain, &event);
            if let Some(event) = self.transform(event, range) {
                return Some(event);
            }
        }
    }

    /// Transforms one event; `None` drops it.
    fn transform(&mut self, event: Event<'a>, range: Range<usize>) -> Option<Event<'a>> {
        match event {
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => {
                self.unsafe_html.then_some(event)
            }
            Event::End(TagEnd::HtmlBlock) => self.unsafe_html.then_some(event),
            Event::Start(tag) => Some(Event::Start(self.transform_tag(tag, range.start))),
            Event::End(TagEnd::Image) => {
                self.close_image();
                Some(event)
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.note_alt_text(text);
                Some(event)
            }
            other => Some(other),
        }
    }

    /// Rewrites link and image destinations; other tags pass through.
    fn transform_tag(&mut self, tag: Tag<'a>, start: usize) -> Tag<'a> {
        match tag {
            Tag::Link {
                link_type: LinkType::Email,
                ..
            } => tag,
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                link_type,
                dest_url: self.rewrite_dest(dest_url, false, start),
                title,
                id,
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.open_images.push((dest_url.clone(), false));
                Tag::Image {
                    link_type,
                    dest_url: self.rewrite_dest(dest_url, true, start),
                    title,
                    id,
                }
            }
            other => other,
        }
    }

    /// Runs a destination through the resolver and the scheme filter.
    fn rewrite_dest(&mut self, dest: CowStr<'a>, is_image: bool, start: usize) -> CowStr<'a> {
        if let Some(fragment) = dest.strip_prefix('#').filter(|f| !f.is_empty()) {
            self.local_anchors.push((fragment.to_string(), start));
        }
        let resolved = match self.resolve(&dest, is_image) {
            Ok(Some(url)) => CowStr::from(url),
            Ok(None) => dest,
            Err(problem) => {
                self.record_problem(start, problem);
                dest
            }
        };
        if !self.unsafe_html && crate::render::links::is_dangerous_url(&resolved) {
            CowStr::Borrowed("#")
        } else {
            resolved
        }
    }

    /// Asks the resolver about `dest`, except for same-page anchors.
    fn resolve(&self, dest: &str, is_image: bool) -> Result<Option<String>, LinkError> {
        let (path, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        if path.is_empty() {
            return Ok(None);
        }
        self.resolver.resolve(path, fragment, is_image)
    }

    /// Records a broken link starting at byte `offset` of the source.
    fn record_problem(&mut self, offset: usize, problem: LinkError) {
        let (line, column) = self.cursor.move_to(self.source, offset);
        self.problems.push(LinkProblem {
            line,
            column,
            message: problem.message,
            hint: problem.hint,
        });
    }

    /// Marks open images as having alt text if `text` is not blank.
    fn note_alt_text(&mut self, text: &str) {
        if self.open_images.is_empty() || text.trim().is_empty() {
            return;
        }
        for image in &mut self.open_images {
            image.1 = true;
        }
    }

    /// Closes the innermost image, recording it if it had no alt text.
    fn close_image(&mut self) {
        if let Some((dest, false)) = self.open_images.pop() {
            self.images_without_alt.push(dest.into_string());
        }
    }

    /// Buffers a whole heading, assigns its id and queues its events.
    /// Only called while the queue is empty.
    fn queue_heading(&mut self, start: Tag<'a>) {
        let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = start
        else {
            self.queue.push_back(Event::Start(start));
            return;
        };
        let title = self.buffer_heading_body(level);
        let id = self.unique_id(id.as_deref(), &title);
        self.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            title,
        });
        let start = Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes,
            attrs: self.filter_attrs(attrs),
        };
        self.queue.push_front(Event::Start(start));
    }

    /// Queues a heading's events up to and including its end; returns the
    /// heading's trimmed plain text.
    fn buffer_heading_body(&mut self, level: HeadingLevel) -> String {
        let mut title = String::new();
        let mut end = Event::End(TagEnd::Heading(level));
        while let Some(event) = self.pull() {
            if let Event::End(TagEnd::Heading(_)) = event {
                end = event;
                break;
            }
            push_heading_text(&mut title, &event);
            self.queue.push_back(event);
        }
        self.queue.push_back(end);
        match title.trim() {
            trimmed if trimmed.len() == title.len() => title,
            trimmed => trimmed.to_owned(),
        }
    }

    /// Drops heading attributes that could run script (`{onclick=…}`)
    /// unless raw HTML is allowed.
    fn filter_attrs(&self, attrs: Vec<HeadingAttr<'a>>) -> Vec<HeadingAttr<'a>> {
        if self.unsafe_html {
            return attrs;
        }
        attrs
            .into_iter()
            .filter(|(name, _)| is_safe_attr_name(name))
            .collect()
    }

    /// Explicit id if given, else one derived from `title`; deduplicated.
    fn unique_id(&mut self, explicit: Option<&str>, title: &str) -> String {
        let base = match explicit {
            Some(id) if !id.is_empty() => id.to_owned(),
            _ => heading_id(title),
        };
        if self.used_ids.insert(base.clone()) {
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        let id = loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.used_ids.insert(candidate.clone()) {
                break candidate;
            }
        };
        self.next_suffix.insert(base, n);
        id
    }
}

impl<'a> Iterator for Transformer<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.queue.pop_front() {
            return Some(event);
        }
        match self.pull()? {
            Event::Start(tag @ Tag::Heading { .. }) => {
                self.queue_heading(tag);
                self.queue.pop_front()
            }
            event => Some(event),
        }
    }
}

/// A custom heading attribute: name and optional value.
type HeadingAttr<'a> = (CowStr<'a>, Option<CowStr<'a>>);

/// True for plain attribute names that are neither event handlers nor `style`.
fn is_safe_attr_name(name: &str) -> bool {
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let lower = name.get(..2).map(str::to_ascii_lowercase);
    plain && lower.as_deref() != Some("on") && !name.eq_ignore_ascii_case("style")
}

/// 1-based line and column (in chars) of byte `offset` in `source`.
/// A place in the source, moved forward from problem to problem so that
/// many problems cost one pass over the text, not one pass each.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    const START: Cursor = Cursor {
        offset: 0,
        line: 1,
        column: 1,
    };

    /// The 1-based line and column (in characters) of byte `offset`.
    fn move_to(&mut self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        if offset < self.offset {
            *self = Cursor::START;
        }
        let between = source.get(self.offset..offset).unwrap_or("");
        for ch in between.chars() {
            if ch == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// Appends the text a heading event contributes to the heading's title.
fn push_heading_text(title: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(text) | Event::Code(text) => title.push_str(text),
        Event::SoftBreak | Event::HardBreak => title.push(' '),
        _ => {}
    }
}

/// The CJK unified ideographs and extension A: letters, every one, so no
/// table lookup is needed for most Chinese text.
fn is_common_ideograph(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// General and CJK punctuation (“”、。《》，：) that Chinese text is full
/// of, decided without Unicode tables.
fn is_common_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F        // general punctuation: “ ” — …
        | 0x3000..=0x3004      // ideographic space, 、。〃
        | 0x3008..=0x303F      // 《》「」【】 and the like
        | 0xFF01..=0xFF0F      // ！＂＃ … ／
        | 0xFF1A..=0xFF20      // ：；＜＝＞？＠
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
    )
}

/// [`is_common_punctuation`] for the three UTF-8 bytes of a character,
/// for the ranges Chinese text uses most: general punctuation
/// (U+2000–U+206F), CJK punctuation (U+3000–U+3004, U+3008–U+303F) and the
/// full-width signs among U+FF00–U+FF3F.
fn is_common_punctuation_utf8(b0: u8, b1: Option<&u8>, b2: Option<&u8>) -> bool {
    match (b0, b1, b2) {
        (0xE2, Some(0x80), Some(_)) => true,
        (0xE2, Some(0x81), Some(&b2)) => b2 <= 0xAF,
        (0xE3, Some(0x80), Some(&b2)) => !(0x85..=0x87).contains(&b2),
        (0xEF, Some(0xBC), Some(&b2)) => {
            matches!(b2, 0x81..=0x8F | 0x9A..=0xA0 | 0xBB..=0xBF)
        }
        _ => false,
    }
}

/// True for Han, kana and hangul letters (not punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF     // Hangul Jamo
        | 0x2E80..=0x2FDF   // CJK radicals, Kangxi radicals
        | 0x3000..=0x303F   // CJK symbols (only letters like 々〇 pass the caller)
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3130..=0x318F   // Hangul compatibility Jamo
        | 0x31F0..=0x31FF   // Katakana phonetic extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xA960..=0xA97F   // Hangul Jamo extended A
        | 0xAC00..=0xD7FF   // Hangul syllables, Jamo extended B
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFFDC   // Half-width katakana and hangul
        | 0x20000..=0x3FFFF // CJK extensions B and later
    ) && c.is_alphanumeric()
}

/// Appends the plain-text contribution of one event.
fn push_plain(out: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(text) | Event::Code(text) => out.push_str(text),
        Event::SoftBreak => out.push(' '),
        Event::HardBreak => out.push('\n'),
        Event::End(TagEnd::TableCell) => out.push(' '),
        Event::Start(tag) if is_block(tag.to_end()) => end_line(out),
        Event::End(tag) if is_block(*tag) => end_line(out),
        _ => {}
    }
}

/// True for block-level elements (separated by newlines in plain text):
/// not the inline ones, images and table cells.
fn is_block(tag: TagEnd) -> bool {
    !(cjk::is_inline(tag) || matches!(tag, TagEnd::Image | TagEnd::TableCell))
}

/// Ends the current line (dropping trailing spaces) unless already ended.
fn end_line(out: &mut String) {
    let trimmed_len = out.trim_end_matches(' ').len();
    out.truncate(trimmed_len);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Appends as much of `word` as fits in `room` chars (after a separating
/// space if `out` is not empty), then the ellipsis.
fn append_cut(out: &mut String, word: &str, room: usize) {
    // The first `n` characters of the word, copied as one slice.
    let first = |n: usize| word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i]);
    if !out.is_empty() && room > 1 {
        out.push(' ');
        out.push_str(first(room - 1));
    } else if out.is_empty() {
        out.push_str(first(room));
    }
    out.push('…');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test resolver: `*.md` pages map to pretty URLs, `missing*` is broken,
    /// everything else is kept.
    struct TestResolver;

    impl LinkResolver for TestResolver {
        fn resolve(
            &self,
            dest: &str,
            fragment: Option<&str>,
            _is_image: bool,
        ) -> Result<Option<String>, LinkError> {
            if dest.starts_with("missing") {
                let said = format!("no such page: {dest}");
                return Err(LinkError {
                    message: Text::new(said.clone(), said),
                    hint: None,
                });
            }
            let Some(stem) = dest.strip_suffix(".md") else {
                return Ok(None);
            };
            Ok(Some(match fragment {
                Some(f) => format!("/{stem}/#{f}"),
                None => format!("/{stem}/"),
            }))
        }
    }

    /// Resolver that panics: proves a destination was never sent.
    struct NeverCalled;

    impl LinkResolver for NeverCalled {
        fn resolve(
            &self,
            dest: &str,
            _: Option<&str>,
            _: bool,
        ) -> Result<Option<String>, LinkError> {
            panic!("resolver called with {dest:?}");
        }
    }

    fn safe(source: &str) -> Rendered {
        render(source, &MarkdownOptions::default(), &TestResolver)
    }

    fn unsafe_render(source: &str) -> Rendered {
        render(
            source,
            &MarkdownOptions { unsafe_html: true },
            &TestResolver,
        )
    }

    fn ids(rendered: &Rendered) -> Vec<&str> {
        rendered.headings.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn heading_id_cjk_and_punctuation() {
        assert_eq!(heading_id("Hello, World!"), "hello-world");
        assert_eq!(heading_id("志愿服务：简介"), "志愿服务简介");
        assert_eq!(heading_id("“引号”，句号。顿号、"), "引号句号顿号");
        assert_eq!(heading_id("  Rust  与   Go  "), "rust-与-go");
        assert_eq!(heading_id("snake_case and-dash"), "snake_case-and-dash");
        assert_eq!(heading_id("Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(heading_id("A & B"), "a--b");
        assert_eq!(heading_id("？！。"), "section");
        assert_eq!(heading_id(""), "section");
    }

    #[test]
    fn headings_get_ids_and_titles() {
        let r = safe("# 第一章 `代码` *强调*\n\n## Hello, World!\n");
        assert_eq!(ids(&r), ["第一章-代码-强调", "hello-world"]);
        assert_eq!(r.headings[0].title, "第一章 代码 强调");
        assert_eq!(r.headings[0].level, 1);
        assert_eq!(r.headings[1].level, 2);
        assert!(r
            .html
            .contains("<h1 id=\"第一章-代码-强调\">第一章 <code>代码</code> <em>强调</em></h1>"));
        assert!(r.html.contains("<h2 id=\"hello-world\">Hello, World!</h2>"));
    }

    #[test]
    fn duplicate_heading_ids_get_suffixes() {
        let r = safe("# 简介\n\n## 简介\n\n### 简介\n\n## Intro\n\n## Intro-1\n\n## Intro\n");
        assert_eq!(
            ids(&r),
            ["简介", "简介-1", "简介-2", "intro", "intro-1", "intro-2"]
        );
        assert!(r.html.contains("<h3 id=\"简介-2\">"));
    }

    #[test]
    fn explicit_heading_id_is_used() {
        let r = safe("## 标题 {#custom}\n\n## 标题\n\n## 其他 {#custom}\n");
        assert_eq!(ids(&r), ["custom", "标题", "custom-1"]);
        assert_eq!(r.headings[0].title, "标题");
        assert!(r.html.contains("<h2 id=\"custom\">标题</h2>"));
    }

    #[test]
    fn heading_attributes_filtered_when_safe() {
        let source = "## x {onclick=alert(1) ONload=y style=z data-n=1 .c}\n";
        let r = safe(source);
        assert!(
            r.html
                .contains("<h2 id=\"x\" class=\"c\" data-n=\"1\">x</h2>"),
            "{}",
            r.html
        );
        let r = unsafe_render(source);
        assert!(r.html.contains("onclick=\"alert(1)\""), "{}", r.html);
    }

    #[test]
    fn setext_and_linked_headings() {
        let r = safe("Title [page](a.md)\n===\n");
        assert_eq!(ids(&r), ["title-page"]);
        assert!(r
            .html
            .contains("<h1 id=\"title-page\">Title <a href=\"/a/\">page</a></h1>"));
    }

    #[test]
    fn raw_html_dropped_by_default() {
        let source = "<div class=\"x\">block</div>\n\nText <span>inline</span> here.\n\n<!-- more -->\n\nAfter.\n";
        let r = safe(source);
        assert!(!r.html.contains("<div"), "{}", r.html);
        assert!(!r.html.contains("<span"), "{}", r.html);
        assert!(!r.html.contains("<!--"), "{}", r.html);
        assert!(r.html.contains("<p>Text inline here.</p>"), "{}", r.html);
        assert!(r.html.contains("<p>After.</p>"));
    }

    #[test]
    fn raw_html_kept_when_unsafe() {
        let source = "<div class=\"x\">block</div>\n\nText <span>inline</span>.\n\n<!-- more -->\n";
        let r = unsafe_render(source);
        assert!(
            r.html.contains("<div class=\"x\">block</div>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>Text <span>inline</span>.</p>"));
        assert!(r.html.contains("<!-- more -->"));
    }

    #[test]
    fn script_is_dropped() {
        let r = safe("Hi\n\n<script>alert('x')</script>\n\nand <script>evil()</script> inline\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("alert"), "{}", r.html);
        let r = unsafe_render("<script>alert('x')</script>\n");
        assert!(r.html.contains("<script>alert('x')</script>"));
    }

    #[test]
    fn links_are_rewritten_with_fragment() {
        let r = safe("[a](other.md#part) [b](other.md) [c](https://example.com/x#y)\n");
        assert!(
            r.html.contains("<a href=\"/other/#part\">a</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a href=\"/other/\">b</a>"));
        assert!(r.html.contains("<a href=\"https://example.com/x#y\">c</a>"));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn reference_links_and_images_are_rewritten() {
        let r = safe("[ref][r] ![pic](shot.md)\n\n[r]: page.md#top\n");
        assert!(
            r.html.contains("<a href=\"/page/#top\">ref</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<img src=\"/shot/\" alt=\"pic\" />"),
            "{}",
            r.html
        );
    }

    #[test]
    fn same_page_anchor_untouched() {
        let r = render(
            "[top](#顶部) [x](#a.md)\n",
            &MarkdownOptions::default(),
            &NeverCalled,
        );
        assert!(
            r.html.contains("href=\"#%E9%A1%B6%E9%83%A8\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"#a.md\""));
    }

    #[test]
    fn email_autolink_not_resolved() {
        let r = render(
            "<me@example.com>\n",
            &MarkdownOptions::default(),
            &NeverCalled,
        );
        assert!(
            r.html.contains("href=\"mailto:me@example.com\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn broken_link_line_and_column() {
        let source = "# Title\n\nFirst paragraph.\nSome text and [bad](missing.md) here.\n\n中文 ![图](missing-img.png)\n";
        let r = safe(source);
        assert_eq!(r.problems.len(), 2);
        assert_eq!((r.problems[0].line, r.problems[0].column), (4, 15));
        assert_eq!(r.problems[0].message.en(), "no such page: missing.md");
        assert_eq!((r.problems[1].line, r.problems[1].column), (6, 4));
        assert!(
            r.html.contains("<a href=\"missing.md\">bad</a>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn broken_reference_link_position() {
        let r = safe("x\n\n  see [it][r]\n\n[r]: missing.md\n");
        assert_eq!(r.problems.len(), 1);
        assert_eq!((r.problems[0].line, r.problems[0].column), (3, 7));
    }

    #[test]
    fn images_without_alt_are_listed() {
        let r = safe("![](a.png) ![ ](b.png) ![ok](c.png) ![*emph*](d.png) [![](e.png)](f.md)\n");
        assert_eq!(r.images_without_alt, ["a.png", "b.png", "e.png"]);
        assert!(r.html.contains("<img src=\"a.png\" alt=\"\" />"));
    }

    #[test]
    fn dangerous_schemes_neutralised() {
        let source = "[a](javascript:alert(1)) [b](JavaScript:x) [c](vbscript:x) \
                      [d](data:text/html;base64,xx) ![e](data:image/png;base64,xx) \
                      [f](&#106;avascript:alert(1)) [g](https://ok.example/)\n";
        let r = safe(source);
        assert_eq!(r.html.matches("href=\"#\"").count(), 5, "{}", r.html);
        assert!(r.html.contains("src=\"data:image/png;base64,xx\""));
        assert!(r.html.contains("href=\"https://ok.example/\""));
        let r = unsafe_render("[a](javascript:alert(1))\n");
        assert!(r.html.contains("href=\"javascript:alert(1)\""));
    }

    #[test]
    fn dangerous_url_detection() {
        use crate::render::links::is_dangerous_url;
        assert!(is_dangerous_url(" \tJAVA\tSCRIPT:x"));
        assert!(is_dangerous_url("data:"));
        assert!(!is_dangerous_url("DATA:Image/png,x"));
        assert!(!is_dangerous_url("page/javascript:x"));
        assert!(!is_dangerous_url("javascript"));
        assert!(!is_dangerous_url(""));
    }

    #[test]
    fn extensions_enabled() {
        let r = safe(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: Foot.\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>gone</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn render_is_deterministic() {
        let source = "# A\n\n# A\n\n[x](missing.md) ![](p.png)\n";
        assert_eq!(safe(source), safe(source));
    }

    #[test]
    fn punctuation_read_from_bytes_is_punctuation() {
        let mut fast = 0;
        for c in (0x800..=0xFFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if is_common_punctuation_utf8(bytes[0], bytes.get(1), bytes.get(2)) {
                assert!(is_common_punctuation(c), "{c:?}");
                fast += 1;
            }
        }
        assert!(fast > 150, "{fast}");
        assert_eq!(word_count("志愿者，服务。“好”、Ａ１：　々"), 8);
    }

    #[test]
    fn word_count_chinese_way() {
        assert_eq!(word_count("志愿服务 hello world 123"), 7);
        assert_eq!(word_count("共计2202字"), 4);
        assert_eq!(word_count("你好，世界。"), 4);
        assert_eq!(word_count("ひらがな カタカナ 한국어"), 11);
        assert_eq!(word_count("  "), 0);
        assert_eq!(word_count("e-mail, x_y"), 4);
    }

    #[test]
    fn reading_minutes_rounds_up() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(300), 1);
        assert_eq!(reading_minutes(301), 2);
        assert_eq!(reading_minutes(2202), 8);
    }

    /// The summary as first written: whole words, then the cut.
    fn truncate_summary_by_words(text: &str, max_chars: usize) -> String {
        let mut out = String::new();
        let mut used = 0;
        for word in text.split_whitespace() {
            let needed = usize::from(used > 0) + word.chars().count();
            if used + needed > max_chars {
                append_cut(&mut out, word, max_chars - used);
                return out;
            }
            if used > 0 {
                out.push(' ');
            }
            out.push_str(word);
            used += needed;
        }
        out
    }

    #[test]
    fn truncate_summary_matches_word_by_word() {
        let texts = [
            "",
            "   ",
            "志愿者",
            "社区志愿服务站的退休医生，每周为老人测量血压。\n\n第二段文字。",
            "one two  three\tfour\nfive",
            "  lead and trail  ",
            "ab cd",
            "a\u{3000}b\u{a0}c 志愿 服务 12345 x",
            "word",
        ];
        for text in texts {
            for max in 0..30 {
                assert_eq!(
                    truncate_summary(text, max),
                    truncate_summary_by_words(text, max),
                    "{text:?} at {max}"
                );
            }
            assert_eq!(
                truncate_summary(text, usize::MAX),
                truncate_summary_by_words(text, usize::MAX)
            );
        }
    }

    #[test]
    fn truncate_summary_multibyte() {
        assert_eq!(truncate_summary("志愿服务是一种美德", 4), "志愿服务…");
        assert_eq!(truncate_summary("  短  文\n本 ", 10), "短 文 本");
        assert_eq!(truncate_summary("hello   wide\tworld", 8), "hello wi…");
        assert_eq!(truncate_summary("hello world", 5), "hello…");
        assert_eq!(truncate_summary("hello world", 6), "hello…");
        assert_eq!(truncate_summary("hello world", 11), "hello world");
        assert_eq!(truncate_summary("ab", 0), "…");
        assert_eq!(truncate_summary("", 3), "");
    }

    #[test]
    fn split_more_variants() {
        assert_eq!(
            split_more("intro\n<!-- more -->\nrest\n"),
            ("intro\n", true)
        );
        assert_eq!(
            split_more("intro\r\n  <!-- more -->  \r\nrest"),
            ("intro\r\n", true)
        );
        assert_eq!(
            split_more("a <!-- more --> b\n"),
            ("a <!-- more --> b\n", false)
        );
        assert_eq!(split_more("<!-- more -->"), ("", true));
        assert_eq!(split_more("none"), ("none", false));
    }

    #[test]
    fn plain_text_of_blocks() {
        let source = "# Title\n\n- one\n- two *em*\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n<div>raw</div>\n\nPara with `code` and <b>html</b>\nsoft break.\n";
        assert_eq!(
            plain_text(source),
            "Title\none\ntwo em\nnested\na b\n1 2\nfn main() {}\nPara with code and html soft break."
        );
    }

    #[test]
    fn render_gives_the_same_plain_text_in_one_pass() {
        let source =
            "# 标题\n\n正文，**加粗** `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- 一\n- 二\n";
        let rendered = safe(source);
        assert_eq!(rendered.text, plain_text(source));
    }

    /// The HTML pulldown-cmark gives on its own, with this module's options.
    fn commonmark(source: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(source, parser_options()));
        html
    }

    #[test]
    fn emphasis_beside_chinese_punctuation() {
        let cases = [
            ("**“雷锋”**精神", "<p><strong>“雷锋”</strong>精神</p>\n"),
            ("*《志愿服务条例》*规定", "<p><em>《志愿服务条例》</em>规定</p>\n"),
            ("__“学雷锋”__活动", "<p><strong>“学雷锋”</strong>活动</p>\n"),
            ("**雷锋精神**，", "<p><strong>雷锋精神</strong>，</p>\n"),
            ("（**重要**）", "<p>（<strong>重要</strong>）</p>\n"),
            ("“**重要**”", "<p>“<strong>重要</strong>”</p>\n"),
            ("学习**“雷锋”**精神", "<p>学习<strong>“雷锋”</strong>精神</p>\n"),
            ("开展**（第三次）**活动", "<p>开展<strong>（第三次）</strong>活动</p>\n"),
            ("我们**“学雷锋”**，", "<p>我们<strong>“学雷锋”</strong>，</p>\n"),
            ("活动__“学雷锋”__", "<p>活动<strong>“学雷锋”</strong></p>\n"),
            (
                "学习**“雷锋”**精神，**弘扬**“志愿”**精神**",
                "<p>学习<strong>“雷锋”</strong>精神，<strong>弘扬</strong>“志愿”<strong>精神</strong></p>\n",
            ),
            (
                "***“雷锋”***精神和*“志愿”*服务",
                "<p><em><strong>“雷锋”</strong></em>精神和<em>“志愿”</em>服务</p>\n",
            ),
        ];
        for (source, html) in cases {
            assert_eq!(safe(source).html, html, "{source}");
        }
        // What CommonMark alone makes of the first.
        assert_eq!(commonmark("**“雷锋”**精神"), "<p>**“雷锋”**精神</p>\n");
    }

    #[test]
    fn emphasis_marks_never_reach_the_output() {
        let r = safe("# **“标题”**内容 {#id_“x”**y}\n\n`**“代码”**精神` [链接](“a”**精.md \"“t”**题\")\n\n```\n**“块”**内\n```\n");
        assert!(!r.html.contains(cjk::MARK), "{}", r.html);
        assert!(!r.text.contains(cjk::MARK), "{}", r.text);
        assert!(r.html.contains("<code>**“代码”**精神</code>"), "{}", r.html);
        assert!(
            r.html.contains("<pre><code>**“块”**内\n</code></pre>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("title=\"“t”**题\""), "{}", r.html);
        assert_eq!(r.headings[0].title, "“标题”内容");
        assert_eq!(r.headings[0].id, "id_“x”**y");
        let r = unsafe_render("<span title=\"“a”**精\">x</span> **“雷锋”**精神\n");
        assert!(r.html.contains("<span title=\"“a”**精\">"), "{}", r.html);
    }

    #[test]
    fn escaped_and_unpaired_runs_stay_literal() {
        assert_eq!(safe("\\*\\*“雷锋”**精神").html, "<p>**“雷锋”**精神</p>\n");
        assert_eq!(safe("**“雷锋”\\**精神").html, "<p>**“雷锋”**精神</p>\n");
        assert_eq!(safe("“雷锋”**精神").html, "<p>“雷锋”**精神</p>\n");
        assert_eq!(safe("精神**“雷锋”").html, "<p>精神**“雷锋”</p>\n");
    }

    #[test]
    fn latin_emphasis_keeps_commonmark_rules() {
        let sources = [
            "snake_case_words and __init__ and foo_bar_",
            "2*3*4 and 2 * 3 * 4",
            "*a*b **c**d _e_f __g__h",
            "\"*quoted*\" and *\"quoted\"*word and (_x_)y",
            "“*curly*”word and word*“curly”*",
            "**bold**, *em*; _u_. __s__!",
            "a **b *c* d** e ***f*** g",
            "*not closed and _not either",
            "x_“y”_z and “y”_z_",
        ];
        for source in sources {
            assert_eq!(safe(source).html, commonmark(source), "{source}");
        }
    }

    #[test]
    fn broken_link_after_added_emphasis_keeps_its_column() {
        let source = "**“雷锋”**精神，*《条例》*规定 [坏](missing.md)\n";
        let r = safe(source);
        assert_eq!(r.problems.len(), 1);
        assert_eq!((r.problems[0].line, r.problems[0].column), (1, 21));
    }

    #[test]
    fn line_break_between_chinese_characters_is_no_space() {
        let r = safe(
            "志愿\n服务，“雷锋”\n精神\n**学习**\n*弘扬*。\nOpen\nsource 开源\n社区\n한국어\n문장\n",
        );
        assert_eq!(
            r.html,
            "<p>志愿服务，“雷锋”精神<strong>学习</strong><em>弘扬</em>。\nOpen\nsource 开源社区\n한국어\n문장</p>\n"
        );
        assert_eq!(
            r.text,
            "志愿服务，“雷锋”精神学习弘扬。 Open source 开源社区 한국어 문장"
        );
        assert_eq!(
            plain_text("志愿\n服务\n\nnext\nline"),
            "志愿服务\nnext line"
        );
        let r = safe("第一\n章\n---\n\n> 引用\n> 文字\n");
        assert_eq!(r.headings[0].title, "第一章");
        assert!(r.html.contains("<p>引用文字</p>"), "{}", r.html);
        assert_eq!(safe("the “x”\nspirit").html, "<p>the “x”\nspirit</p>\n");
    }

    #[test]
    fn anchor_messages_in_both_languages() {
        let r = safe("## 简介\n\n[去](#活动)\n");
        let message = &r.problems[0].message;
        assert_eq!(
            message.en(),
            "link to `#活动`: no heading with that id on this page (its headings: #简介)"
        );
        assert_eq!(
            message.zh(),
            "链接“#活动”在本页找不到对应的标题（本页的标题有：#简介）"
        );
        let r = safe("[去](#活动)\n");
        assert_eq!(
            r.problems[0].message.zh(),
            "链接“#活动”要跳到本页的一个标题，但本页没有任何标题"
        );
    }

    /// The characters of text: everything but the delimiters and spaces.
    fn letters(text: &str) -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '*' && *c != '_')
            .collect()
    }

    #[test]
    fn chinese_emphasis_changes_markup_never_text() {
        const PIECES: [&str; 24] = [
            "*", "**", "_", "__", "***", "“", "”", "《", "》", "，", "。", "（", "）", "雷锋",
            "精神", "a", "b c", "\n", "\\", "`", "[", "](x.md)", "<b>", "2",
        ];
        // A fixed linear congruential sequence: the same sources every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        for _ in 0..3000 {
            let len = 1 + next() % 14;
            let source: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            let ours = unsafe_render(&source);
            assert!(!ours.html.contains(cjk::MARK), "{source:?}");
            assert!(!ours.text.contains(cjk::MARK), "{source:?}");
            let plain = |html: &str| {
                let mut text = String::new();
                let mut in_tag = false;
                for c in html.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' if in_tag => in_tag = false,
                        c if !in_tag => text.push(c),
                        _ => {}
                    }
                }
                letters(&text)
            };
            assert_eq!(
                plain(&ours.html),
                plain(&commonmark(&source)),
                "{source:?}\n{}\n{}",
                ours.html,
                commonmark(&source)
            );
        }
    }
}
