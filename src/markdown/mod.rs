//! Markdown rendering and text measures.
//!
//! This module is pure text in, text out: it knows nothing about pages or
//! sites. [`render`] turns Markdown into HTML through pulldown-cmark,
//! transforming the event stream on the way (`transform`'s job: heading
//! ids, link resolution through a [`LinkResolver`] the caller gives,
//! raw-HTML filtering, dangerous-scheme neutralisation, images the caller
//! draws itself through [`LinkResolver::picture`]) and collecting
//! headings, broken links and images without alt text; this file owns the
//! public types, the pass, and the plain text read from it. `measure`
//! derives word counts, reading times, summaries and the `<!-- more -->`
//! split. `spaced` reads an image destination written with spaces
//! (`![挂牌现场](照片 1.JPG)`) as one. Chinese typography (emphasis beside
//! Chinese punctuation, line breaks inside Chinese text) is `cjk`'s: both
//! the HTML and the plain text read the events through it. What a URL is (dangerous, external) is
//! the `url` module's, below this one.

mod cjk;
mod measure;
mod spaced;
mod transform;

pub use measure::{reading_minutes, split_more, truncate_summary, word_count};
pub use transform::heading_id;

use pulldown_cmark::{Event, OffsetIter, Options, Parser, TagEnd};

use crate::i18n::Text;
use transform::Transformer;

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

    /// The HTML that stands for the image at `dest` (as written, without
    /// its `#fragment`) with `alt` text and `title`, when the caller draws
    /// it itself (a photo with sized copies); `None` keeps the `<img>`.
    /// `first` is true for the document's first image.
    fn picture(&self, dest: &str, alt: &str, title: &str, first: bool) -> Option<String> {
        let _ = (dest, alt, title, first);
        None
    }
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
    let spaced::Spaced { text, inserted } = spaced::prepare(source);
    let prepared = cjk::prepare(&text);
    let mut events =
        Transformer::new(source, events(&prepared), options, resolver).with_inserted(inserted);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, &mut events);
    events.finish(exact(html))
}

/// `html` in a block of its own size, since it is kept until its page is
/// drawn. A copy, not `shrink_to_fit`: the allocator leaves a block that is
/// shrunk by less than half where it is, so each body's HTML, written into
/// a buffer of one and a half times its Markdown, held about twice its
/// size (peak memory at 100,000 pages fell by about 290 MiB with the
/// copy, which costs under 0.1 s of CPU there).
fn exact(html: String) -> String {
    match html.capacity() == html.len() {
        true => html,
        false => String::from(html.as_str()),
    }
}

/// Plain text of a Markdown source (no markup, no raw HTML; code text kept; blocks separated by a newline).
pub fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let spaced = spaced::prepare(source);
    let prepared = cjk::prepare(&spaced.text);
    for (event, _) in events(&prepared) {
        push_plain(&mut out, &event);
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out
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

#[cfg(test)]
mod tests;
