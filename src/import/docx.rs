//! A Word file (`.docx`) → an [`Article`], read with `zip` and `quick-xml`
//! straight from its WordprocessingML: paragraphs with their styles
//! (Title, Heading 1–3 / 标题 1–3, Caption / 题注), numbered and bulleted
//! paragraphs (`w:numPr`, ordered unless `numbering.xml` says bullet) as
//! list items, tables (`w:tbl`) as tables, pictures (`a:blip r:embed`,
//! resolved through the document's relationships) with their alt text or
//! caption, and the file's creation date (`docProps/core.xml`).
//!
//! `zip` + `quick-xml` rather than a whole document model (`docx-rs`, made
//! first of all to write documents): the few elements read here (styles,
//! numbering, tables, drawings, relationships) are small and well specified,
//! and this reader needs nothing else.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use crate::i18n::catalogue::import as msg;
use crate::i18n::Text;

use super::document::{Article, Block, Picture, PictureSource};

const DOCUMENT: &str = "word/document.xml";

/// Reads a Word file; the error says what is wrong with it.
pub fn read(bytes: &[u8]) -> Result<Article, Text> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| msg::docx_not_zip())?;
    let document = part(&mut zip, DOCUMENT).ok_or_else(|| msg::docx_part_missing(DOCUMENT))?;
    let relations = part(&mut zip, "word/_rels/document.xml.rels")
        .map(|x| relations(&x))
        .unwrap_or_default();
    let bullets = part(&mut zip, "word/numbering.xml")
        .map(|x| bullet_numbers(&x))
        .unwrap_or_default();
    let styles = part(&mut zip, "word/styles.xml")
        .map(|x| style_names(&x))
        .unwrap_or_default();
    let created = part(&mut zip, "docProps/core.xml").and_then(|x| created_date(&x));
    let mut reader = BodyReader {
        styles,
        bullets,
        relations,
        ..BodyReader::default()
    };
    reader
        .read(&document)
        .map_err(|_| msg::docx_bad_xml(DOCUMENT))?;
    let mut article = Article::default();
    article.hints.title = reader.title;
    article.hints.file_date = created;
    article.blocks = reader
        .blocks
        .into_iter()
        .map(|b| match b {
            Found::Block(block) => block,
            Found::Picture { target, caption } => Block::Image(Picture {
                source: picture_bytes(&mut zip, &target),
                caption,
            }),
        })
        .collect();
    Ok(article)
}

/// A part of the archive as text; `None` when it is not there.
fn part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    Some(text)
}

fn picture_bytes(zip: &mut ZipArchive<Cursor<&[u8]>>, target: &str) -> PictureSource {
    let name = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else {
        format!("word/{target}")
    };
    let mut bytes = Vec::new();
    let read = zip
        .by_name(&name)
        .ok()
        .and_then(|mut f| f.read_to_end(&mut bytes).ok());
    let extension = name
        .rsplit('.')
        .next()
        .unwrap_or("png")
        .to_ascii_lowercase();
    match read {
        Some(_) => PictureSource::Bytes { bytes, extension },
        None => PictureSource::Remote(name),
    }
}

/// The value of attribute `key` (qualified, e.g. `w:val`), unescaped.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == key)
        .map(|a| {
            let raw = a.value.to_string();
            quick_xml::escape::unescape(&raw)
                .map(|c| c.into_owned())
                .unwrap_or(raw)
        })
}

/// `rId7` → `media/image1.png`.
fn relations(xml: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    each_start(xml, |e| {
        if e.local_name().as_ref() == "Relationship" {
            if let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target")) {
                map.insert(id, target);
            }
        }
    });
    map
}

/// The `w:numId`s whose first level is a bullet, not a number.
fn bullet_numbers(xml: &str) -> Vec<String> {
    let mut abstract_bullets = Vec::new();
    let mut current_abstract = None;
    let mut first_level = false;
    let mut num_to_abstract = Vec::new();
    let mut current_num = None;
    each_start(xml, |e| match e.name().as_ref() {
        "w:abstractNum" => current_abstract = attr(e, "w:abstractNumId"),
        "w:lvl" => first_level = attr(e, "w:ilvl").as_deref() == Some("0"),
        "w:numFmt" if first_level && attr(e, "w:val").as_deref() == Some("bullet") => {
            if let Some(a) = &current_abstract {
                abstract_bullets.push(a.clone());
            }
        }
        "w:num" => current_num = attr(e, "w:numId"),
        "w:abstractNumId" => {
            if let (Some(num), Some(a)) = (&current_num, attr(e, "w:val")) {
                num_to_abstract.push((num.clone(), a));
            }
        }
        _ => {}
    });
    num_to_abstract
        .into_iter()
        .filter(|(_, a)| abstract_bullets.contains(a))
        .map(|(n, _)| n)
        .collect()
}

/// Style id → style name (`a3` → `heading 1`), lowercased.
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut current = None;
    each_start(xml, |e| match e.name().as_ref() {
        "w:style" => current = attr(e, "w:styleId"),
        "w:name" => {
            if let (Some(id), Some(name)) = (current.take(), attr(e, "w:val")) {
                map.insert(id, name.to_lowercase());
            }
        }
        _ => {}
    });
    map
}

/// `dcterms:created` → `YYYY-MM-DD`.
fn created_date(xml: &str) -> Option<String> {
    let start = xml.find("<dcterms:created")?;
    let open = xml[start..].find('>')? + start + 1;
    let value = xml.get(open..open + 10)?;
    super::facts::parse_date(value)
}

/// Calls `f` on every start or empty element of `xml`, until its end or an error.
fn each_start(xml: &str, mut f: impl FnMut(&BytesStart<'_>)) {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// What the body holds, before pictures are read from the archive.
enum Found {
    Block(Block),
    Picture { target: String, caption: String },
}

/// The paragraph being read.
#[derive(Default)]
struct Paragraph {
    style: Option<String>,
    numbered: Option<String>,
    text: String,
    pictures: Vec<(String, String)>,
}

/// Reads `word/document.xml`'s body.
#[derive(Default)]
struct BodyReader {
    styles: HashMap<String, String>,
    bullets: Vec<String>,
    relations: HashMap<String, String>,
    blocks: Vec<Found>,
    title: Option<String>,
    paragraph: Paragraph,
    in_text: bool,
    alt: String,
    table_depth: usize,
    rows: Vec<Vec<String>>,
    cell: String,
}

impl BodyReader {
    fn read(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event()? {
                Event::Start(e) => self.start(&e),
                Event::Empty(e) => {
                    self.start(&e);
                    self.end(e.name().as_ref());
                }
                Event::End(e) => self.end(e.name().as_ref()),
                Event::Text(t) if self.in_text => self.paragraph.text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if self.in_text => {
                    let name = r.xml10_content();
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        self.paragraph.text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        self.paragraph.text.push_str(s);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.name().as_ref() {
            "w:p" => self.paragraph = Paragraph::default(),
            "w:pStyle" => self.paragraph.style = attr(e, "w:val"),
            "w:numId" => self.paragraph.numbered = attr(e, "w:val").filter(|v| v != "0"),
            "w:t" => self.in_text = true,
            "w:ta" => self.paragraph.text.push(' '),
            "w:br" | "w:cr" => self.paragraph.text.push('\n'),
            "wp:docPr" => {
                self.alt = attr(e, "descr")
                    .or_else(|| attr(e, "title"))
                    .unwrap_or_default()
            }
            "a:blip" => {
                if let Some(target) =
                    attr(e, "r:embed").and_then(|id| self.relations.get(&id).cloned())
                {
                    let alt = std::mem::take(&mut self.alt);
                    self.paragraph.pictures.push((target, alt));
                }
            }
            "w:tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.rows.clear();
                }
            }
            "w:tr" if self.table_depth == 1 => self.rows.push(Vec::new()),
            "w:tc" if self.table_depth == 1 => self.cell.clear(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:t" => self.in_text = false,
            "w:p" => self.end_paragraph(),
            "w:tc" if self.table_depth == 1 => {
                let cell = self.cell.trim().to_string();
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell);
                }
            }
            "w:tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    let rows: Vec<Vec<String>> = std::mem::take(&mut self.rows)
                        .into_iter()
                        .filter(|r| !r.is_empty())
                        .collect();
                    if !rows.is_empty() {
                        self.blocks.push(Found::Block(Block::Table(rows)));
                    }
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        let text = paragraph.text.trim().to_string();
        if self.table_depth > 0 {
            if !self.cell.is_empty() && !text.is_empty() {
                self.cell.push(' ');
            }
            self.cell.push_str(&text);
            return;
        }
        for (target, caption) in paragraph.pictures {
            self.blocks.push(Found::Picture { target, caption });
        }
        if text.is_empty() {
            return;
        }
        let style = paragraph.style.as_ref().map(|id| {
            self.styles
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_lowercase())
        });
        let style = style.as_deref().unwrap_or("");
        if (style == "title" || style == "标题") && self.title.is_none() {
            self.title = Some(text);
            return;
        }
        if style == "caption" || style == "题注" {
            if let Some(Found::Picture { caption, .. }) = self.blocks.last_mut() {
                if caption.is_empty() {
                    *caption = text;
                    return;
                }
            }
        }
        let block = if let Some(level) = heading_level(style) {
            Block::Heading(level, text)
        } else if let Some(num) = paragraph.numbered {
            Block::Item {
                ordered: !self.bullets.contains(&num),
                text,
            }
        } else {
            Block::Paragraph(text)
        };
        self.blocks.push(Found::Block(block));
    }
}

/// `heading 1` / `标题 1` / `Heading1` → Markdown level 2 (the page's title is level 1).
fn heading_level(style: &str) -> Option<u8> {
    let rest = style
        .strip_prefix("heading")
        .or_else(|| style.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    Some((n + 1).clamp(2, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_styles_map_to_levels() {
        assert_eq!(heading_level("heading 1"), Some(2));
        assert_eq!(heading_level("标题 2"), Some(3));
        assert_eq!(heading_level("heading1"), Some(2));
        assert_eq!(heading_level("normal"), None);
    }

    #[test]
    fn a_file_that_is_no_archive_is_refused() {
        assert_eq!(read(b"not a zip").unwrap_err(), msg::docx_not_zip());
    }
}
