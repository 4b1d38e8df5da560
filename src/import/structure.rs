//! The article's structure from its text, and its Markdown: `一、` heads a
//! section (`##`), `（一）` a subsection (`###`), a short `1.` line heading
//! text (`####`); numbered and bulleted runs are lists; a short line with
//! no sentence punctuation before a paragraph (a WeChat or news subhead)
//! is a heading. Text is escaped so Markdown reads it as the same text.

use super::document::Block;

/// Headings never run longer than this, in characters.
const HEADING: usize = 30;

/// The blocks with headings and numbered items recognised.
pub fn shape(blocks: Vec<Block>) -> Vec<Block> {
    let numbered: Vec<bool> = blocks
        .iter()
        .map(|b| b.text().is_some_and(|t| arabic_number(t).is_some()))
        .collect();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut subhead: Vec<String> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        let Block::Paragraph(text) = block else {
            flush_subhead(&mut subhead, &mut out);
            out.push(block.clone());
            continue;
        };
        let text = text.trim();
        if let Some(title) = numbered_heading(text, &["、"], is_chinese_numeral) {
            give_back(&mut subhead, &mut out);
            out.push(Block::Heading(2, title));
        } else if let Some(title) = bracketed_heading(text) {
            give_back(&mut subhead, &mut out);
            out.push(Block::Heading(3, title));
        } else if let Some(rest) = arabic_number(text) {
            give_back(&mut subhead, &mut out);
            let next_numbered = numbered.get(i + 1).copied().unwrap_or(false);
            if is_short_title(rest) && !next_numbered && next.is_some() {
                out.push(Block::Heading(4, rest.to_string()));
            } else {
                out.push(Block::Item {
                    ordered: true,
                    text: rest.to_string(),
                });
            }
        } else if is_short_title(text) && next.is_some_and(|n| is_body(n) || is_plain_short(n)) {
            subhead.push(text.to_string());
            if next.is_some_and(is_body) {
                flush_subhead(&mut subhead, &mut out);
            }
        } else {
            give_back(&mut subhead, &mut out);
            out.push(Block::Paragraph(text.to_string()));
        }
    }
    give_back(&mut subhead, &mut out);
    out
}

/// Subhead lines read so far become one heading (a two-line WeChat subhead reads as one).
fn flush_subhead(lines: &mut Vec<String>, out: &mut Vec<Block>) {
    if !lines.is_empty() {
        out.push(Block::Heading(2, lines.join(" ")));
        lines.clear();
    }
}

/// Short lines that no paragraph followed were no subhead: paragraphs again.
fn give_back(lines: &mut Vec<String>, out: &mut Vec<Block>) {
    out.extend(lines.drain(..).map(Block::Paragraph));
}

/// A plain short line: maybe the first line of a two-line subhead.
fn is_plain_short(block: &Block) -> bool {
    matches!(block, Block::Paragraph(t) if is_short_title(t.trim()) && arabic_number(t.trim()).is_none())
}

/// A paragraph of running text (longer than a heading, or ending as a sentence).
fn is_body(block: &Block) -> bool {
    match block {
        Block::Paragraph(t) => !is_short_title(t.trim()),
        Block::Item { .. } | Block::Table(_) | Block::Image(_) => true,
        Block::Heading(..) => false,
    }
}

/// Short, and without the punctuation of a sentence or of a line leading into a list.
fn is_short_title(text: &str) -> bool {
    let n = text.chars().count();
    (2..=HEADING).contains(&n)
        && !text.contains(['。', '！', '？', '；', '，', ',', ';', '!', '?'])
        && !text.ends_with([':', '：', '…', '、'])
        && !is_quotation(text)
        && text.chars().any(|c| c.is_alphabetic())
}

/// A line that is one quotation from end to end (“…”), never a heading.
fn is_quotation(text: &str) -> bool {
    text.starts_with(['“', '"']) && text.ends_with(['”', '"'])
}

/// `一、总体要求` → `总体要求`, when short.
fn numbered_heading(text: &str, marks: &[&str], numeral: fn(char) -> bool) -> Option<String> {
    let digits = text.chars().take_while(|c| numeral(*c)).count();
    if digits == 0 {
        return None;
    }
    let at = text.char_indices().nth(digits).map(|(i, _)| i)?;
    let rest = marks
        .iter()
        .find_map(|m| text[at..].strip_prefix(m))?
        .trim();
    is_short_title(rest).then(|| rest.to_string())
}

/// `（一）工作目标` or `(一)工作目标` → `工作目标`, when short.
fn bracketed_heading(text: &str) -> Option<String> {
    let inner = text.strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let number = &inner[..close];
    if number.is_empty() || !number.chars().all(is_chinese_numeral) {
        return None;
    }
    let rest = inner[close..].trim_start_matches(['）', ')']).trim();
    is_short_title(rest).then(|| rest.to_string())
}

/// `1.`, `1、`, `1．`, `1)` at the start: the text after it.
fn arabic_number(text: &str) -> Option<&str> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = text[digits..].strip_prefix(['.', '、', '．', ')', '）'])?;
    // `1.5万` is a number, not an item.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// The Markdown of `blocks`; `pictures` are the file names of the images,
/// in order (`None` for one that could not be saved: left out).
pub fn render(blocks: &[Block], pictures: &[Option<String>]) -> String {
    let mut out = String::new();
    let mut pictures = pictures.iter();
    let mut number = 0;
    for (i, block) in blocks.iter().enumerate() {
        let in_list = matches!(block, Block::Item { .. });
        if !in_list {
            number = 0;
        }
        match block {
            Block::Paragraph(t) => push_block(&mut out, &escape(t)),
            Block::Heading(level, t) => {
                let hashes = "#".repeat(usize::from(*level));
                push_block(&mut out, &format!("{hashes} {}", escape(&one_line(t))));
            }
            Block::Item { ordered, text } => {
                number += 1;
                let mark = if *ordered {
                    format!("{number}.")
                } else {
                    "-".to_string()
                };
                out.push_str(&format!("{mark} {}\n", escape(&one_line(text))));
                if !matches!(blocks.get(i + 1), Some(Block::Item { .. })) {
                    out.push('\n');
                }
            }
            Block::Table(rows) => push_block(&mut out, &table(rows)),
            Block::Image(picture) => {
                if let Some(Some(name)) = pictures.next() {
                    push_block(
                        &mut out,
                        &format!("![{}]({name})", escape(&one_line(&picture.caption))),
                    );
                }
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Line breaks as spaces: a heading or list item is one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_block(out: &mut String, text: &str) {
    out.push_str(text);
    out.push_str("\n\n");
}

/// A pipe table, the first row its header, every row as wide as the widest.
fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..width)
            .map(|i| {
                row.get(i)
                    .map_or(String::new(), |c| escape(&c.replace(['\n', '\r'], " ")))
            })
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    let empty = Vec::new();
    lines.push(line(rows.first().unwrap_or(&empty)));
    lines.push(format!("|{}", " --- |".repeat(width)));
    for row in rows.iter().skip(1) {
        lines.push(line(row));
    }
    lines.join("\n")
}

/// The text with every character Markdown could read as markup escaped;
/// each line of it, so a line break inside a paragraph starts no list.
pub fn escape(text: &str) -> String {
    text.trim()
        .lines()
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of [`escape`].
fn escape_line(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\`*_[]<>|~{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_block = out.starts_with(['#', '-', '+', '=', '>'])
        || out.chars().take_while(char::is_ascii_digit).count() > 0
            && out
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['.', ')']);
    if starts_block {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            out.insert(digits, '\\');
        } else {
            out.insert(0, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Block {
        Block::Paragraph(t.into())
    }

    #[test]
    fn numbered_lines_head_sections_and_runs_are_lists() {
        let blocks = shape(vec![
            p("一、总体要求"),
            p("坚持以人民为中心的发展思想，广泛开展志愿服务活动。"),
            p("（一）工作目标"),
            p("到年底，注册志愿者占常住人口比例达到百分之十五。"),
            p("1.建立活动站，定期开展关爱服务。"),
            p("2.捐赠心愿包和学习用品。"),
        ]);
        let md = render(&blocks, &[]);
        assert_eq!(
            md,
            "## 总体要求\n\n坚持以人民为中心的发展思想，广泛开展志愿服务活动。\n\n### 工作目标\n\n到年底，注册志愿者占常住人口比例达到百分之十五。\n\n1. 建立活动站，定期开展关爱服务。\n2. 捐赠心愿包和学习用品。\n"
        );
    }

    #[test]
    fn a_two_line_subhead_is_one_heading() {
        let blocks = shape(vec![
            p("几年来，乾安县全面贯彻落实各项要求和部署。"),
            p("发挥活动引领效应"),
            p("完善网格化志愿服务体系"),
            p("乾安县坚持不断组织开展爱心帮扶活动，扩大志愿服务的辐射面。"),
        ]);
        assert_eq!(
            blocks[1],
            Block::Heading(2, "发挥活动引领效应 完善网格化志愿服务体系".into())
        );
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn markup_characters_stay_text() {
        assert_eq!(
            escape("1. 不是列表 *也不* 强调 <b>"),
            "1\\. 不是列表 \\*也不\\* 强调 \\<b\\>"
        );
        assert_eq!(escape("#话题#"), "\\#话题#");
        assert_eq!(escape("第一行\n2. 第二行"), "第一行\n2\\. 第二行");
    }

    #[test]
    fn tables_are_pipe_tables() {
        let rows = vec![
            vec!["项目".to_string(), "人数".to_string()],
            vec!["义诊".to_string(), "80".to_string()],
        ];
        assert_eq!(
            table(&rows),
            "| 项目 | 人数 |\n| --- | --- |\n| 义诊 | 80 |"
        );
    }
}
