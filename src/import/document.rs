//! What every reader turns a legacy file into: an [`Article`] of [`Block`]s
//! (paragraphs, headings, list items, tables, images) and the facts the
//! file's own structure gave ([`Hints`]: a page's `<title>`, a WeChat
//! account's name, a Word file's creation date). Knows no format.

use std::path::PathBuf;

/// One piece of an article, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(String),
    /// A heading the source marked as one (level 2 to 4 in Markdown).
    Heading(u8, String),
    /// An item of a list.
    Item {
        /// Numbered (1. 2. 3.) rather than bulleted.
        ordered: bool,
        /// The item's text.
        text: String,
    },
    /// A table: rows of cells, the first row its header.
    Table(Vec<Vec<String>>),
    /// A picture with its caption.
    Image(Picture),
}

impl Block {
    /// The text of a paragraph, heading or item; `None` for tables and images.
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Paragraph(t) | Block::Heading(_, t) | Block::Item { text: t, .. } => Some(t),
            Block::Table(_) | Block::Image(_) => None,
        }
    }

    /// The same block with its texts passed through `change`.
    pub fn map_text(self, change: &dyn Fn(&str) -> String) -> Block {
        match self {
            Block::Paragraph(t) => Block::Paragraph(change(&t)),
            Block::Heading(l, t) => Block::Heading(l, change(&t)),
            Block::Item { ordered, text } => Block::Item {
                ordered,
                text: change(&text),
            },
            Block::Table(rows) => Block::Table(
                rows.into_iter()
                    .map(|row| row.iter().map(|c| change(c)).collect())
                    .collect(),
            ),
            Block::Image(p) => Block::Image(Picture {
                caption: change(&p.caption),
                ..p
            }),
        }
    }
}

/// A picture of the article: where its bytes are, and its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Where the picture comes from.
    pub source: PictureSource,
    /// The caption (图注), used as the alt text; may be empty.
    pub caption: String,
}

/// Where a picture's bytes are.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureSource {
    /// Read already (from inside a Word file), with the extension to save it under.
    Bytes {
        /// The picture's bytes.
        bytes: Vec<u8>,
        /// `jpg`, `png`, …
        extension: String,
    },
    /// A file beside the imported page (a saved page's `_files/` folder).
    File(PathBuf),
    /// Only an address on the web: not fetched (no network), reported.
    Remote(String),
}

/// Facts a file's structure states, beside its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    /// The title the file marks as such (`<h1>`, WeChat's title, Word's Title style).
    pub title: Option<String>,
    /// The WeChat account's name (`js_name`), the source of a WeChat post.
    pub account: Option<String>,
    /// A publication date the file marks as such, as written.
    pub date: Option<String>,
    /// Lines around the article (a CMS page's info bar) to read facts from.
    pub meta_lines: Vec<String>,
    /// The file's own date when the text gives none (a Word file's creation date).
    pub file_date: Option<String>,
}

/// A legacy file read into blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The article's blocks, in order.
    pub blocks: Vec<Block>,
    /// What the file's structure says beside its text.
    pub hints: Hints,
    /// Things left out by the reader itself (a page's navigation, footer), shown in the report.
    pub dropped: Vec<String>,
}
