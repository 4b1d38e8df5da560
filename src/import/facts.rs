//! The front matter's facts, found in the article's own words: title (a
//! short first line, a marked title, a 副题 `——…`), date (发布时间, a line
//! that is a date), authors (记者, 通讯员, 图文), source (来源, a WeChat
//! account, `（根据…整理）`), editor (责任编辑) and region (a 区/县/市 the
//! title names). What is not found stays `None`, never a guess; the lines
//! whose facts were taken are marked for removal from the body.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::document::{Block, Hints};

/// Where the title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleFrom {
    /// A title the text or file states.
    Stated,
    /// The subtitle (`——…`), for want of a title.
    Subtitle,
    /// The file's name, for want of anything in the text.
    FileName,
}

/// Where the date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFrom {
    /// The text states it.
    Stated,
    /// The text gives none: the file's own date.
    File,
}

/// The facts found for the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The title and where it came from.
    pub title: (String, TitleFrom),
    /// `YYYY-MM-DD`, and where it came from; `None` when there is nothing.
    pub date: Option<(String, DateFrom)>,
    /// 记者, 通讯员, 作者, 图文.
    pub authors: Vec<String>,
    /// 来源.
    pub source: Option<String>,
    /// 责任编辑.
    pub editor: Option<String>,
    /// The 区/县/市 the title plainly names.
    pub region: Option<String>,
    /// The blocks whose facts were taken, to leave out of the body.
    pub used: BTreeSet<usize>,
}

/// Lines longer than this (in characters) are never read as a meta line.
const META_LINE: usize = 80;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
        .expect("a valid pattern")
});
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(来源|來源|责任编辑|責任編輯|编辑|作者|记者|通讯员|發布時間|发布时间|发布日期|發布日期|图文|圖文|摄影)\s*[:：]\s*")
        .expect("a valid pattern")
});
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(本报|本台|本刊|首席|实习|特约)*(记者|記者|通讯员|通訊員|作者|撰稿|图文|圖文|文/图|文图|摄影)$")
        .expect("a valid pattern")
});
static GREETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^阅读[“"「]([^”"」]{2,20})[”"」]的时间"#).expect("a valid pattern")
});
static COMPILED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(](?:根据|根據|据|據|来源[:：]?|來源[:：]?)\s*([^()（）]{2,30}?)(?:信息|消息|资料|資料|材料|报道|報道)?(?:整理|改编|改編)?[)）]\s*$")
        .expect("a valid pattern")
});

/// Finds the facts in `blocks` and `hints`; `file_stem` names the file,
/// `file_date` is its own date, used only when the text has none.
pub fn find(blocks: &[Block], hints: &Hints, file_stem: &str, file_date: Option<String>) -> Facts {
    let mut facts = Facts {
        title: (String::new(), TitleFrom::FileName),
        date: None,
        authors: Vec::new(),
        source: None,
        editor: None,
        region: None,
        used: BTreeSet::new(),
    };
    facts.title = find_title(blocks, hints, file_stem, &mut facts.used);
    for line in &hints.meta_lines {
        read_meta_line(line, &mut facts);
    }
    let edge = |i: usize| i < 5 || i + 5 >= blocks.len();
    for (i, block) in blocks.iter().enumerate().filter(|(i, _)| edge(*i)) {
        let Some(text) = meta_candidate(block) else {
            continue;
        };
        if read_meta_line(text, &mut facts) || read_author_line(text, &mut facts) {
            facts.used.insert(i);
        }
    }
    if facts.source.is_none() {
        facts.source = hints
            .account
            .clone()
            .or_else(|| greeted_account(blocks))
            .or_else(|| compiled_from(blocks));
    }
    if facts.date.is_none() {
        facts.date = hints
            .date
            .as_deref()
            .and_then(parse_date)
            .map(|d| (d, DateFrom::Stated));
    }
    if facts.date.is_none() {
        facts.date = file_date.map(|d| (d, DateFrom::File));
    }
    facts.region = find_region(&facts.title.0, blocks);
    facts
}

fn meta_candidate(block: &Block) -> Option<&str> {
    match block {
        Block::Paragraph(t) if t.chars().count() <= META_LINE => Some(t),
        _ => None,
    }
}

/// The marked title, else a short first line (or its `——` subtitle), else the file's name.
fn find_title(
    blocks: &[Block],
    hints: &Hints,
    stem: &str,
    used: &mut BTreeSet<usize>,
) -> (String, TitleFrom) {
    let first = blocks.iter().position(|b| b.text().is_some());
    let first_text = first.and_then(|i| blocks[i].text()).map(str::trim);
    if let Some(title) = hints
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if let (Some(i), Some(text)) = (first, first_text) {
            if text == title {
                used.insert(i);
            }
        }
        return (title.to_string(), TitleFrom::Stated);
    }
    if let (Some(i), Some(text)) = (first, first_text) {
        let short = text.chars().count() <= 40 && !text.contains(['。', '！', '？']);
        if short && matches!(blocks[i], Block::Paragraph(_) | Block::Heading(..)) {
            used.insert(i);
            return match text.strip_prefix(['—', '-']) {
                Some(sub) => (
                    sub.trim_start_matches(['—', '-', ' ']).to_string(),
                    TitleFrom::Subtitle,
                ),
                None => (text.to_string(), TitleFrom::Stated),
            };
        }
    }
    (stem.to_string(), TitleFrom::FileName)
}

/// Reads `来源：… 发布时间：… 责任编辑：…`; true when the line is such a line.
fn read_meta_line(line: &str, facts: &mut Facts) -> bool {
    let keys: Vec<_> = KEY.captures_iter(line).collect();
    if keys.is_empty() || line.chars().count() > META_LINE {
        return false;
    }
    for (n, key) in keys.iter().enumerate() {
        let whole = key.get(0).expect("group 0 is the match");
        let end = keys
            .get(n + 1)
            .map_or(line.len(), |k| k.get(0).expect("a match").start());
        let value = line[whole.end()..end]
            .split(['【', '[', '|', '\u{3000}'])
            .next()
            .unwrap_or("")
            .split("  ")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if value.is_empty() {
            continue;
        }
        match &key[1] {
            "来源" | "來源" => facts.source = facts.source.take().or(Some(value)),
            "责任编辑" | "責任編輯" | "编辑" => {
                facts.editor = facts.editor.take().or(Some(value))
            }
            "作者" | "记者" | "通讯员" | "图文" | "圖文" | "摄影" => {
                push_names(&value, facts)
            }
            _ => {
                if facts.date.is_none() {
                    facts.date = parse_date(&value).map(|d| (d, DateFrom::Stated));
                }
            }
        }
    }
    true
}

/// `记者 李莹莹 首席记者 杨军`: role words and names, nothing else.
fn read_author_line(line: &str, facts: &mut Facts) -> bool {
    let tokens: Vec<&str> = line
        .split([' ', '\u{3000}', '、', ',', '，'])
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = tokens.first() else {
        return false;
    };
    if !ROLE.is_match(first) || tokens.len() < 2 {
        return false;
    }
    let names: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|t| !ROLE.is_match(t))
        .collect();
    let all_names = names
        .iter()
        .all(|n| (2..=6).contains(&n.chars().count()) && n.chars().all(char::is_alphabetic));
    if names.is_empty() || !all_names {
        return false;
    }
    for name in names {
        push_names(name, facts);
    }
    true
}

fn push_names(value: &str, facts: &mut Facts) {
    for name in value
        .split([' ', '\u{3000}', '、', ',', '，'])
        .filter(|n| !n.is_empty())
    {
        if !ROLE.is_match(name) && !facts.authors.iter().any(|a| a == name) {
            facts.authors.push(name.to_string());
        }
    }
}

/// The account a WeChat greeting names: `阅读“乾安发布”的时间到啦`.
fn greeted_account(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .take(6)
        .filter_map(Block::text)
        .find_map(|t| GREETED.captures(t).map(|c| c[1].trim().to_string()))
}

/// The source of a closing `（根据遼寧省民政廳信息整理）`.
fn compiled_from(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .rev()
        .take(3)
        .filter_map(Block::text)
        .find_map(|t| {
            COMPILED_FROM
                .captures(t.trim())
                .map(|c| c[1].trim().to_string())
        })
}

/// `2023年3月5日`, `2023-03-05`, `2023/3/5` → `2023-03-05`.
pub fn parse_date(text: &str) -> Option<String> {
    let c = DATE.captures(text)?;
    let (y, m, d): (u32, u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A 区/县/旗 that starts the title (`岭东区…`), or the place that starts
/// it before a colon (`乾安：…`) when the text names it with its 县/区/市/旗;
/// either only when the text names it at least twice. A 社区, 小区 or 园区
/// is no region, and a 市 only counts after a colon (`文明城市` is none).
fn find_region(title: &str, blocks: &[Block]) -> Option<String> {
    let text: String = blocks.iter().filter_map(Block::text).collect();
    let named = |name: &str| text.matches(name).count();
    let chars: Vec<char> = title.chars().collect();
    for end in 2..=3 {
        let (Some(suffix), Some(before)) = (chars.get(end), chars.get(end - 1)) else {
            break;
        };
        let name: String = chars[..=end].iter().collect();
        let place = "区县旗區縣".contains(*suffix) && !"社小园園景校街营".contains(*before);
        if place && name.chars().all(is_han) && named(&name) >= 2 {
            return Some(name);
        }
    }
    let lead: String = chars.iter().take_while(|c| is_han(**c)).collect();
    if !(2..=4).contains(&lead.chars().count()) || !title[lead.len()..].starts_with([':', '：']) {
        return None;
    }
    ["县", "区", "市", "旗"]
        .iter()
        .map(|suffix| format!("{lead}{suffix}"))
        .filter(|name| named(name) >= 2)
        .max_by_key(|name| named(name))
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block::Paragraph(l.to_string()))
            .collect()
    }

    #[test]
    fn a_cms_info_bar_gives_source_date_and_editor() {
        let blocks = paragraphs(&[
            "东湖社区志愿者开展义诊",
            "来源：县文明办  发布时间：2023-03-05 08:30  责任编辑：王芳 【字号 大 中 小】",
            "正文。",
        ]);
        let facts = find(&blocks, &Hints::default(), "a", None);
        assert_eq!(
            facts.title,
            ("东湖社区志愿者开展义诊".into(), TitleFrom::Stated)
        );
        assert_eq!(facts.source.as_deref(), Some("县文明办"));
        assert_eq!(facts.editor.as_deref(), Some("王芳"));
        assert_eq!(facts.date, Some(("2023-03-05".into(), DateFrom::Stated)));
        assert_eq!(facts.used, BTreeSet::from([0, 1]));
    }

    #[test]
    fn reporters_are_authors_and_a_subtitle_is_a_title_for_want_of_one() {
        let blocks = paragraphs(&[
            "——岭东区志愿服务工作成效显著",
            "记者 李莹莹 首席记者 杨军",
            "岭东区正文。岭东区又一句。",
        ]);
        let facts = find(&blocks, &Hints::default(), "a", Some("2026-01-02".into()));
        assert_eq!(
            facts.title,
            ("岭东区志愿服务工作成效显著".into(), TitleFrom::Subtitle)
        );
        assert_eq!(facts.authors, ["李莹莹", "杨军"]);
        assert_eq!(facts.date, Some(("2026-01-02".into(), DateFrom::File)));
        assert_eq!(facts.region.as_deref(), Some("岭东区"));
    }

    #[test]
    fn nothing_found_is_nothing_invented() {
        let blocks = paragraphs(&["一段很长的正文，没有标题，也没有日期，没有作者，只是在讲志愿服务的事情，讲了很久很久很久。"]);
        let facts = find(&blocks, &Hints::default(), "旧文章", None);
        assert_eq!(facts.title, ("旧文章".into(), TitleFrom::FileName));
        assert_eq!((facts.date, facts.source, facts.region), (None, None, None));
        assert!(facts.authors.is_empty() && facts.used.is_empty());
    }

    #[test]
    fn a_region_is_only_a_plain_one() {
        let text =
            paragraphs(&["东湖社区在文明城市创建中，东湖社区和文明城市都出了力。岭东区、岭东区。"]);
        assert_eq!(find_region("东湖社区开展义诊", &text), None);
        assert_eq!(find_region("文明城市创建再上台阶", &text), None);
        assert_eq!(find_region("岭东区开展义诊", &text), Some("岭东区".into()));
    }

    #[test]
    fn a_closing_compiled_from_line_names_the_source() {
        let blocks = paragraphs(&["正文。(根據遼寧省民政廳信息整理)"]);
        let facts = find(&blocks, &Hints::default(), "a", None);
        assert_eq!(facts.source.as_deref(), Some("遼寧省民政廳"));
    }
}
