//! A saved web page (`.html`) → an [`Article`], read with a real HTML
//! parser (`scraper`, on Servo's `html5ever`). A saved WeChat article is
//! read from its `#js_content`/`.rich_media_content`, its title from
//! `#activity-name`, its account from `#js_name`; a CMS page from the
//! element that holds the most paragraph text, its title from `<h1>`
//! (else `<title>`), the facts of its info bar (来源、发布时间、责任编辑)
//! from the lines around the article, and everything else on the page
//! (navigation, header, footer) left out and listed. Pictures keep the
//! address of the file beside the page (`src`, or WeChat's `data-src`).

use std::path::{Component, Path, PathBuf};

use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

use super::document::{Article, Block, Hints, Picture, PictureSource};

/// Words of an info bar whose facts go into the front matter.
const META_WORDS: &[&str] = &[
    "来源",
    "來源",
    "发布时间",
    "發布時間",
    "发布日期",
    "责任编辑",
    "責任編輯",
    "作者",
    "记者",
    "通讯员",
];

/// Outside lines longer than this are shown cut in the report.
const SHOWN: usize = 60;

/// Reads a page; pictures are looked for below `base`, the page's folder.
pub fn read(text: &str, base: &Path) -> Article {
    let page = Html::parse_document(text);
    let wechat = first(&page, "#js_content, .rich_media_content");
    let content = wechat.or_else(|| densest(&page));
    let mut hints = Hints::default();
    let mut blocks = Vec::new();
    if let Some(content) = content {
        walk(content, base, &mut blocks, &mut String::new());
    }
    attach_captions(&mut blocks);
    if wechat.is_some() {
        hints.title = text_of(&page, "#activity-name, .rich_media_title")
            .or_else(|| attribute_of(&page, "meta[property='og:title']", "content"));
        hints.account = text_of(&page, "#js_name, .rich_media_meta_nickname");
        hints.date = text_of(&page, "#publish_time, #post-date");
    } else {
        hints.title =
            text_of(&page, "h1").or_else(|| text_of(&page, "title").map(|t| site_suffix_cut(&t)));
    }
    let mut dropped = Vec::new();
    if let Some(body) = first(&page, "body") {
        let mut outside = Vec::new();
        walk_skipping(
            body,
            content.map(|c| c.id()),
            base,
            &mut outside,
            &mut String::new(),
        );
        for line in outside.iter().filter_map(Block::text) {
            if hints.title.as_deref() == Some(line) {
                continue;
            }
            if META_WORDS.iter().any(|w| line.contains(w)) && line.chars().count() <= 120 {
                hints.meta_lines.push(line.to_string());
            } else {
                dropped.push(shown(line));
            }
        }
    }
    Article {
        blocks,
        hints,
        dropped,
    }
}

fn first<'a>(page: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(selector).ok()?;
    page.select(&selector).next()
}

fn text_of(page: &Html, selector: &str) -> Option<String> {
    first(page, selector)
        .map(|e| squeeze(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

fn attribute_of(page: &Html, selector: &str, name: &str) -> Option<String> {
    first(page, selector)
        .and_then(|e| e.value().attr(name))
        .map(squeeze)
        .filter(|t| !t.is_empty())
}

/// `标题 - 某某县人民政府` → `标题`.
fn site_suffix_cut(title: &str) -> String {
    title
        .split([' ', '_', '|'])
        .find(|s| !s.is_empty() && *s != "-")
        .unwrap_or(title)
        .trim()
        .to_string()
}

fn shown(line: &str) -> String {
    if line.chars().count() <= SHOWN {
        line.to_string()
    } else {
        let cut: String = line.chars().take(SHOWN).collect();
        format!("{cut}…")
    }
}

/// The element whose own paragraphs hold the most text: a CMS page's article.
fn densest(page: &Html) -> Option<ElementRef<'_>> {
    let selector = Selector::parse("div, article, section, td, main").ok()?;
    page.select(&selector)
        .map(|e| (paragraph_text(e), e))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, e)| e)
}

/// The length of the text in an element's own `<p>` children and text nodes.
fn paragraph_text(element: ElementRef<'_>) -> usize {
    element
        .children()
        .map(|child| match child.value() {
            Node::Text(t) => t.trim().chars().count(),
            Node::Element(e) if e.name() == "p" => ElementRef::wrap(child)
                .map_or(0, |p| p.text().map(|t| t.trim().chars().count()).sum()),
            _ => 0,
        })
        .sum()
}

fn walk(element: ElementRef<'_>, base: &Path, out: &mut Vec<Block>, line: &mut String) {
    walk_skipping(element, None, base, out, line);
    flush(line, out);
}

/// Elements whose content is never text of the article.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "head",
    "iframe",
    "button",
    "svg",
    "template",
    "select",
    "input",
    "form",
    "mpvoice",
    "mpprofile",
];
/// Elements that are blocks: the text before and after them is another paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "center",
    "li",
    "dd",
    "dt",
    "figure",
    "pre",
    "address",
    "td",
    "th",
    "tr",
    "body",
];

/// Appends the blocks below `element`, leaving out the subtree `skip`.
fn walk_skipping(
    element: ElementRef<'_>,
    skip: Option<ego_tree::NodeId>,
    base: &Path,
    out: &mut Vec<Block>,
    line: &mut String,
) {
    for child in element.children() {
        if Some(child.id()) == skip {
            flush(line, out);
            continue;
        }
        match child.value() {
            Node::Text(text) => line.push_str(text),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    element_blocks(el, skip, base, out, line);
                }
            }
            _ => {}
        }
    }
}

fn element_blocks(
    el: ElementRef<'_>,
    skip: Option<ego_tree::NodeId>,
    base: &Path,
    out: &mut Vec<Block>,
    line: &mut String,
) {
    let name = el.value().name();
    match name {
        _ if SKIPPED.contains(&name) => {}
        "br" => flush(line, out),
        "img" => {
            flush(line, out);
            if let Some(source) = picture_source(el, base) {
                let caption = el
                    .value()
                    .attr("alt")
                    .or(el.value().attr("title"))
                    .map(squeeze)
                    .unwrap_or_default();
                out.push(Block::Image(Picture { source, caption }));
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush(line, out);
            let level = name[1..].parse::<u8>().unwrap_or(2).clamp(2, 4);
            let text = squeeze(&el.text().collect::<String>());
            if !text.is_empty() {
                out.push(Block::Heading(level, text));
            }
        }
        "ul" | "ol" => {
            flush(line, out);
            list_items(el, name == "ol", out);
        }
        "table" => {
            flush(line, out);
            out.push(Block::Table(table_rows(el)));
        }
        "figcaption" => {
            flush(line, out);
            let text = squeeze(&el.text().collect::<String>());
            match out.last_mut() {
                Some(Block::Image(p)) if p.caption.is_empty() => p.caption = text,
                _ if !text.is_empty() => out.push(Block::Paragraph(text)),
                _ => {}
            }
        }
        _ if BLOCKS.contains(&name) => {
            flush(line, out);
            walk_skipping(el, skip, base, out, line);
            flush(line, out);
        }
        _ => walk_skipping(el, skip, base, out, line),
    }
}

fn list_items(list: ElementRef<'_>, ordered: bool, out: &mut Vec<Block>) {
    for item in list
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "li")
    {
        let text = squeeze(&item.text().collect::<String>());
        if !text.is_empty() {
            out.push(Block::Item { ordered, text });
        }
    }
}

fn table_rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    let Ok(rows) = Selector::parse("tr") else {
        return Vec::new();
    };
    let Ok(cells) = Selector::parse("td, th") else {
        return Vec::new();
    };
    table
        .select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|c| squeeze(&c.text().collect::<String>()))
                .collect::<Vec<_>>()
        })
        .filter(|row: &Vec<String>| !row.is_empty())
        .collect()
}

/// Ends the paragraph being gathered.
fn flush(line: &mut String, out: &mut Vec<Block>) {
    let text = squeeze(line);
    if !text.is_empty() {
        out.push(Block::Paragraph(text));
    }
    line.clear();
}

/// Whitespace runs as one space; none between two CJK characters (a line
/// break in the page's source is no space in Chinese text).
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' || c == '\u{a0}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let wide = |ch: char| ch as u32 >= 0x2E80;
            if !(out.chars().last().is_some_and(wide) && wide(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// A picture's file beside the page (`src`, `data-src`, `data-original`),
/// else its web address; a path leaving the page's folder is not followed.
fn picture_source(img: ElementRef<'_>, base: &Path) -> Option<PictureSource> {
    let mut remote = None;
    let mut missing = None;
    for name in ["data-src", "src", "data-original"] {
        let Some(value) = img
            .value()
            .attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        if value.starts_with("data:") {
            continue;
        }
        if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("//")
        {
            remote.get_or_insert_with(|| value.to_string());
            continue;
        }
        if let Some(path) = local_path(value, base) {
            if path.is_file() {
                return Some(PictureSource::File(path));
            }
            missing.get_or_insert(path);
        }
    }
    remote
        .map(PictureSource::Remote)
        .or(missing.map(PictureSource::File))
}

/// `post_files/640.jpeg?wx_fmt=jpeg` below `base`; `None` for a path that
/// is absolute or climbs out with `..`.
fn local_path(value: &str, base: &Path) -> Option<PathBuf> {
    let value = value.split(['?', '#']).next()?;
    let value = value.strip_prefix("file://").unwrap_or(value);
    let decoded = percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .ok()?;
    let relative = Path::new(decoded.as_ref());
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    plain.then(|| base.join(relative))
}

/// A short paragraph right after a picture that reads as its caption
/// (`图为…`, `▲…`) becomes the caption.
fn attach_captions(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i + 1 < blocks.len() {
        let caption = match (&blocks[i], &blocks[i + 1]) {
            (Block::Image(p), Block::Paragraph(t)) if p.caption.is_empty() && is_caption(t) => {
                Some(t.clone())
            }
            _ => None,
        };
        if let (Some(text), Block::Image(p)) = (caption, &mut blocks[i]) {
            p.caption = text.trim_start_matches(['▲', '△', '↑']).trim().to_string();
            blocks.remove(i + 1);
        }
        i += 1;
    }
}

fn is_caption(text: &str) -> bool {
    text.chars().count() <= 40
        && (text.starts_with("图为")
            || text.starts_with(['▲', '△', '↑'])
            || text.starts_with("（图"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wechat_post_is_read_from_its_content() {
        let page = r#"<html><head><title>x</title></head><body>
            <h1 class="rich_media_title" id="activity-name"> 乾安：践行志愿服务理念 </h1>
            <a id="js_name"> 乾安发布 </a>
            <div class="rich_media_content" id="js_content">
              <section><span>大家好</span></section>
              <p>乾安县坚持不断组织开展爱心帮扶活动，
                 扩大志愿服务的辐射面。</p>
              <p><img data-src="https://mmbiz.qpic.cn/a/640?wx_fmt=jpeg" src="data:image/svg+xml,x"></p>
              <p>▲志愿者入户走访</p>
            </div></body></html>"#;
        let article = read(page, Path::new("."));
        assert_eq!(
            article.hints.title.as_deref(),
            Some("乾安：践行志愿服务理念")
        );
        assert_eq!(article.hints.account.as_deref(), Some("乾安发布"));
        assert_eq!(
            article.blocks[1],
            Block::Paragraph("乾安县坚持不断组织开展爱心帮扶活动，扩大志愿服务的辐射面。".into())
        );
        assert_eq!(
            article.blocks[2],
            Block::Image(Picture {
                source: PictureSource::Remote("https://mmbiz.qpic.cn/a/640?wx_fmt=jpeg".into()),
                caption: "志愿者入户走访".into()
            })
        );
    }

    #[test]
    fn paths_out_of_the_page_folder_are_not_followed() {
        assert_eq!(local_path("../../etc/passwd", Path::new("/p")), None);
        assert_eq!(local_path("/etc/passwd", Path::new("/p")), None);
        assert_eq!(
            local_path("a_files/%E5%9B%BE.jpg?x=1", Path::new("/p")),
            Some(PathBuf::from("/p/a_files/图.jpg"))
        );
    }
}
