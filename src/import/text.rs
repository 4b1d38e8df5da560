//! A plain text file (`.txt`) → an [`Article`]: one paragraph per line,
//! bulleted lines (`- `, `• `, `· `) as list items. Structure (headings,
//! numbered lists) is found later from the text, as for every format.

use super::document::{Article, Block};

/// Reads decoded text into blocks.
pub fn read(text: &str) -> Article {
    let blocks = text
        .lines()
        .map(|line| line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .filter(|line| !line.is_empty())
        .map(block_of_line)
        .collect();
    Article {
        blocks,
        ..Article::default()
    }
}

fn block_of_line(line: &str) -> Block {
    for bullet in ["- ", "• ", "· ", "●", "■", "◆"] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Block::Item {
                ordered: false,
                text: rest.trim().to_string(),
            };
        }
    }
    Block::Paragraph(line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_and_bullets_items() {
        let article = read("标题\r\n\r\n  正文第一段。\n- 第一项\n");
        assert_eq!(
            article.blocks,
            vec![
                Block::Paragraph("标题".into()),
                Block::Paragraph("正文第一段。".into()),
                Block::Item {
                    ordered: false,
                    text: "第一项".into()
                },
            ]
        );
    }
}
