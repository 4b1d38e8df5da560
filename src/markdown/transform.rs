//! The event-stream transformation behind [`super::render`]: headings get
//! unique ids, link and image destinations go through the caller's
//! [`LinkResolver`], raw HTML and script-running attributes and URLs are
//! dropped unless the site allows them, and broken links are recorded with
//! their line and column. Knows no page or site: the resolver does.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, OffsetIter, Tag, TagEnd};

use super::{
    cjk, push_plain, spaced, Heading, LinkError, LinkProblem, LinkResolver, MarkdownOptions,
    Rendered,
};
use crate::i18n::catalogue::markdown as msg;
use crate::i18n::Text;
use crate::url::is_dangerous_url;

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
/// Event-stream adapter that applies all rendering transformations.
pub(super) struct Transformer<'a, 'r> {
    /// The source as written (event offsets are in it).
    source: &'a str,
    parser: cjk::Events<'a, OffsetIter<'a>>,
    unsafe_html: bool,
    resolver: &'r dyn LinkResolver,
    /// Events ready to be yielded (used to emit a buffered heading).
    queue: VecDeque<Event<'a>>,
    /// Transformed events to read before the parser's (an image's, when
    /// the resolver left it as it was).
    pending: VecDeque<Event<'a>>,
    /// Images seen so far.
    images_seen: usize,
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
    /// Bytes put in before parsing (see `spaced`), to map offsets back.
    inserted: spaced::Inserted,
}

impl<'a, 'r> Transformer<'a, 'r> {
    /// Creates a transformer over `source`.
    pub(super) fn new(
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
            pending: VecDeque::new(),
            images_seen: 0,
            open_images: Vec::new(),
            used_ids: HashSet::new(),
            next_suffix: HashMap::new(),
            headings: Vec::new(),
            problems: Vec::new(),
            images_without_alt: Vec::new(),
            local_anchors: Vec::new(),
            plain: String::with_capacity(source.len()),
            cursor: Cursor::START,
            inserted: spaced::Inserted::default(),
        }
    }

    /// Maps offsets back to the source as written past `inserted`, the
    /// bytes put in before parsing.
    pub(super) fn with_inserted(mut self, inserted: spaced::Inserted) -> Self {
        self.inserted = inserted;
        self
    }

    /// What the pass found, with `html`, the HTML it gave: called once
    /// every event has been read.
    pub(super) fn finish(mut self, html: String) -> Rendered {
        self.check_local_anchors();
        let trimmed_len = self.plain.trim_end().len();
        self.plain.truncate(trimmed_len);
        Rendered {
            text: self.plain,
            html,
            headings: self.headings,
            problems: self.problems,
            images_without_alt: self.images_without_alt,
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

    /// Next transformed event, skipping dropped events; an image comes
    /// whole, as the resolver's picture or as its own events.
    fn pull(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.pop_front() {
            return Some(event);
        }
        loop {
            let (event, range) = self.parser.next()?;
            push_plain(&mut self.plain, &event);
            match self.transform(event, range) {
                Some(start @ Event::Start(Tag::Image { .. })) => return Some(self.image(start)),
                Some(event) => return Some(event),
                None => {}
            }
        }
    }

    /// Next transformed event from the parser, skipping dropped events,
    /// images left as events (for what an image holds).
    fn pull_flat(&mut self) -> Option<Event<'a>> {
        loop {
            let (event, range) = self.parser.next()?;
            push_plain(&mut self.plain, &event);
            if let Some(event) = self.transform(event, range) {
                return Some(event);
            }
        }
    }

    /// An image whose start is `start`: the resolver's picture in its place, or the image's own
    /// events (kept in `pending`). Images inside its alt text are read
    /// flat, in one loop, however deep they nest.
    fn image(&mut self, start: Event<'a>) -> Event<'a> {
        // The destination as written, kept by `transform_tag`.
        let written = match self.open_images.last() {
            Some((dest, _)) => dest.clone(),
            None => return start,
        };
        let mut inner = Vec::new();
        let mut alt = String::new();
        let mut depth = 0usize;
        while let Some(event) = self.pull_flat() {
            match &event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => {
                    inner.push(event);
                    break;
                }
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(text) | Event::Code(text) => alt.push_str(text),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
            inner.push(event);
        }
        let first = self.images_seen == 0;
        self.images_seen += 1;
        let title = match &start {
            Event::Start(Tag::Image { title, .. }) => title.to_string(),
            _ => String::new(),
        };
        let written: &str = &written;
        let path = written.split_once('#').map_or(written, |(path, _)| path);
        let drawn = (!path.is_empty())
            .then(|| self.resolver.picture(path, &alt, &title, first))
            .flatten();
        match drawn {
            Some(html) => Event::InlineHtml(CowStr::from(html)),
            None => {
                self.pending.extend(inner);
                start
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
        if !self.unsafe_html && is_dangerous_url(&resolved) {
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
        let offset = self.inserted.original(offset);
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
