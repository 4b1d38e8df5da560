//! Boilerplate out, article in: share and print bars, QR and follow
//! prompts, "阅读原文", site headers and footers, word-count and
//! reading-time lines, the greeting and sign-off lines of WeChat posts, and
//! lines of nothing but punctuation. Only short lines are ever removed, so
//! a sentence of the article is never lost; every removed line is kept in
//! [`Removed`] for the report.

use std::collections::BTreeSet;

use super::document::Block;

/// Lines longer than this (in characters) are never boilerplate.
const SHORT: usize = 40;

/// Why a line was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Its facts went into the front matter (title, date, author, source, editor).
    FrontMatter,
    /// A share, print or font-size bar.
    ShareBar,
    /// A QR-code or follow prompt.
    FollowPrompt,
    /// "阅读原文".
    ReadOriginal,
    /// A site's header, navigation or footer.
    SiteChrome,
    /// A word-count or reading-time line.
    WordCount,
    /// A greeting or sign-off of a WeChat post, or the account's signature.
    Greeting,
    /// A line of nothing but punctuation.
    Stray,
    /// Outside the article on its page (navigation, header, footer), left out by the reader.
    OutsideArticle,
}

/// A line removed from the article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The line as it was.
    pub line: String,
    /// Why it went.
    pub reason: Reason,
}

const SHARE: &[&str] = &[
    "分享到",
    "分享至",
    "【字号",
    "字号：",
    "字号:",
    "【打印",
    "打印本页",
    "【关闭",
    "关闭窗口",
    "【收藏",
    "加入收藏",
    "【大 中 小】",
    "返回顶部",
    "【返回",
    "打印此页",
    "【字體",
    "字體：",
];
const FOLLOW: &[&str] = &[
    "二维码",
    "二維碼",
    "长按",
    "長按",
    "关注我们",
    "點擊關注",
    "点击关注",
    "蓝字",
    "点击上方",
    "扫码",
    "扫一扫",
    "掃一掃",
    "关注公众号",
    "星标",
];
const CHROME: &[&str] = &[
    "我来说两句",
    "发表评论",
    "网友评论",
    "版权所有",
    "Copyright",
    "copyright",
    "©",
    "ICP备",
    "公网安备",
    "网站地图",
    "联系我们",
    "设为首页",
    "当前位置",
    "您现在的位置",
    "首页 >",
    "首页>",
    "上一篇",
    "下一篇",
    "相关阅读",
    "相关新闻",
    "浏览次数",
    "点击数",
    "阅读数",
    "访问量",
    "主办单位",
    "网站标识码",
    "技术支持",
    "无障碍",
    "适老化",
    "网站首页",
    "【评论",
];
const WORD_COUNT: &[&str] = &[
    "全文共",
    "本文共",
    "字数：",
    "阅读时间",
    "阅读时长",
    "预计阅读",
    "阅读需要",
    "分钟阅读",
    "阅读大约",
    "大约需要",
];
const GREETING_PARTS: &[&str] = &["的时间到啦", "的时间到了", "都快来", "小编", "么么哒"];
const GREETINGS: &[&str] = &[
    "hey",
    "hi",
    "hello",
    "bye",
    "byebye",
    "大家好",
    "哈喽",
    "嗨",
    "拜拜",
    "再见",
    "各位好",
    "亲爱的读者",
    "亲们",
    "朋友们好",
    "家人们",
];

/// The blocks without the lines at `used` (their facts are in the front
/// matter), without boilerplate, and what was removed. `signature` is the
/// post's account name, removed when it stands alone near the end.
pub fn sweep(
    blocks: Vec<Block>,
    used: &BTreeSet<usize>,
    signature: Option<&str>,
) -> (Vec<Block>, Vec<Removed>) {
    let count = blocks.len();
    let mut kept = Vec::with_capacity(count);
    let mut removed = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        let reason = if used.contains(&i) {
            Some(Reason::FrontMatter)
        } else {
            block.text().and_then(|t| {
                boilerplate(t).or_else(|| {
                    let near_end = i + 5 >= count;
                    (near_end && signature.is_some_and(|s| t.trim() == s))
                        .then_some(Reason::Greeting)
                })
            })
        };
        match (reason, block.text()) {
            (Some(reason), Some(text)) => removed.push(Removed {
                line: text.to_string(),
                reason,
            }),
            _ => kept.push(block),
        }
    }
    (kept, removed)
}

/// Why a line is boilerplate, if it is.
pub fn boilerplate(line: &str) -> Option<Reason> {
    let line = line.trim();
    if !line.chars().any(char::is_alphanumeric) {
        return Some(Reason::Stray);
    }
    if line.chars().count() > SHORT {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| line.contains(w));
    if line.contains("阅读原文") || line.contains("閱讀原文") {
        Some(Reason::ReadOriginal)
    } else if has(SHARE) {
        Some(Reason::ShareBar)
    } else if has(FOLLOW) {
        Some(Reason::FollowPrompt)
    } else if has(WORD_COUNT) || is_word_count(line) {
        Some(Reason::WordCount)
    } else if is_sentence(line) {
        None
    } else if has(CHROME) {
        Some(Reason::SiteChrome)
    } else if has(GREETING_PARTS) || is_greeting(line) {
        Some(Reason::Greeting)
    } else {
        None
    }
}

/// Whether a line ends as a sentence does (。！？, perhaps inside a quote):
/// site chrome and greetings never do.
fn is_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['”', '’', '"', '」', '）', ')']);
    end.ends_with(['。', '！', '？', '!', '?'])
}

/// `共2202字` or `2202字 8分钟`: a count of the text, not a sentence of it.
fn is_word_count(line: &str) -> bool {
    let bare: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let bare = bare.trim_start_matches(['共', '计', '全', '文']);
    let digits = bare.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && bare[digits..].starts_with('字') && bare.chars().count() <= 16
}

fn is_greeting(line: &str) -> bool {
    let bare: String = line
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    GREETINGS.contains(&bare.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_prompts_and_greetings_are_boilerplate() {
        for (line, reason) in [
            ("【字号 大 中 小】【打印】【关闭】", Reason::ShareBar),
            (
                "没时间解释了,快长按左边二维码关注我们~~",
                Reason::FollowPrompt,
            ),
            ("阅读原文", Reason::ReadOriginal),
            ("我来说两句", Reason::SiteChrome),
            ("全文共2202字，阅读大约需要8分钟", Reason::WordCount),
            ("hey~", Reason::Greeting),
            ("Bye", Reason::Greeting),
            ("阅读“乾安发布”的时间到啦~都快来~", Reason::Greeting),
            ("|", Reason::Stray),
        ] {
            assert_eq!(boilerplate(line), Some(reason), "{line}");
        }
    }

    #[test]
    fn sentences_of_the_article_are_not() {
        for line in [
            "发挥活动引领效应",
            "“群众在哪里,文明实践就延伸到哪里。”",
            "通过在“微视岭东”微信公众号上发布招募志愿者倡议书,岭东区组织开展志愿者招募活动进广场、进企业、进小区活动20余次,同时建立志愿服务奖励机制。",
        ] {
            assert_eq!(boilerplate(line), None, "{line}");
        }
    }
}
