//! Scaffolding: `redvest new` writes one content file with the front matter
//! its kind takes ([`new_content`]); `redvest init` makes a new site that
//! builds as it is ([`init_site`]): `site.yaml` alone, or with one sample
//! item of each kind when asked (`--demo`); the theme stays built into
//! redvest. `redvest theme eject` writes the built-in theme into the site's
//! `themes/default/` for editing ([`eject_theme`]).
//!
//! This module only creates files: it never overwrites or deletes one (an
//! ejected theme already there is only ever renamed aside, on request).
//! It writes front matter as text and checks none of it; reading and checking
//! content stays with [`crate::content`].

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::content::discover::CONTENT_DIR;
use crate::content::slug::Slug;
use crate::date::DateTime;
use crate::error::{closest, Error};
use crate::i18n::catalogue::scaffold as msg;
use crate::render::builtin::BuiltinTheme;
use crate::source::is_ignored;

/// What `redvest new` can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NewKind {
    /// 先进典型: `content/stories/`.
    Story,
    /// 活动报道/总结: `content/reports/`.
    Report,
    /// 方案/通知/招募: `content/announcements/`.
    Announcement,
    /// 活动: `content/campaigns/`.
    Campaign,
    /// 专栏: `content/columns/`.
    Column,
    /// 关于我们, 联系我们: `content/pages/`.
    Page,
}

impl NewKind {
    /// Every kind, in the order [`NewKind::NAMES`] lists them.
    pub const ALL: [NewKind; 6] = [
        NewKind::Story,
        NewKind::Report,
        NewKind::Announcement,
        NewKind::Campaign,
        NewKind::Column,
        NewKind::Page,
    ];

    /// The names the command line takes, in [`NewKind::ALL`] order.
    pub const NAMES: [&'static str; 6] = [
        "story",
        "report",
        "announcement",
        "campaign",
        "column",
        "page",
    ];

    /// Reads a kind's name (`story`) or its folder's (`stories`), in any case;
    /// anything else is a usage error that lists the kinds.
    pub fn parse(text: &str) -> Result<NewKind, Error> {
        let wanted = text.trim().to_ascii_lowercase();
        NewKind::ALL
            .into_iter()
            .find(|kind| kind.name() == wanted || kind.folder() == wanted)
            .ok_or_else(|| unknown_kind(text))
    }

    /// The name the command line takes: `story`.
    pub fn name(self) -> &'static str {
        match self {
            NewKind::Story => "story",
            NewKind::Report => "report",
            NewKind::Announcement => "announcement",
            NewKind::Campaign => "campaign",
            NewKind::Column => "column",
            NewKind::Page => "page",
        }
    }

    /// The folder under `content/`: `stories`.
    pub fn folder(self) -> &'static str {
        match self {
            NewKind::Story => "stories",
            NewKind::Report => "reports",
            NewKind::Announcement => "announcements",
            NewKind::Campaign => "campaigns",
            NewKind::Column => "columns",
            NewKind::Page => "pages",
        }
    }
}

impl FromStr for NewKind {
    type Err = Error;

    fn from_str(text: &str) -> Result<NewKind, Error> {
        NewKind::parse(text)
    }
}

impl fmt::Display for NewKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn unknown_kind(text: &str) -> Error {
    let kinds = NewKind::NAMES.join(", ");
    let hint = match closest(&text.trim().to_ascii_lowercase(), NewKind::NAMES) {
        Some(best) => msg::unknown_kind_did_you_mean(best),
        None => msg::unknown_kind_example(),
    };
    Error::usage(msg::unknown_kind(text, kinds)).with_hint(hint)
}

/// Writes `content/<folder>/<slug>.md` under `root` with the front matter of
/// `kind`, dated `now` (pages get no date), and returns its path relative to
/// `root`, e.g. `content/stories/lei-feng-zai-liao-ning.md`.
///
/// The slug is `slug` when given (it must be valid), else the title's pinyin.
/// Never overwrites: a file already there, or another file of the kind with
/// the same URL name, is an error. Refuses a `root` without `site.yaml`.
pub fn new_content(
    root: &Path,
    kind: NewKind,
    title: &str,
    slug: Option<&str>,
    now: DateTime,
) -> Result<PathBuf, Error> {
    require_site(root)?;
    let title = checked_title(title)?;
    let slug = choose_slug(kind, title, slug)?;
    let rel: PathBuf = [CONTENT_DIR, kind.folder(), &format!("{slug}.md")]
        .iter()
        .collect();
    refuse_taken(root, kind, &slug, &rel)?;
    let text = render_new(kind, title, now);
    write_new(&root.join(&rel), &rel, text.as_bytes())?;
    Ok(rel)
}

fn require_site(root: &Path) -> Result<(), Error> {
    if root.join(CONFIG_FILE).is_file() {
        return Ok(());
    }
    Err(
        Error::in_file(CONFIG_FILE, msg::no_site(CONFIG_FILE, root.display()))
            .with_hint(msg::no_site_hint()),
    )
}

fn checked_title(title: &str) -> Result<&str, Error> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::usage(msg::empty_title()).with_hint(msg::empty_title_hint()));
    }
    Ok(title)
}

/// The slug given with `--slug`, else the title's pinyin.
fn choose_slug(kind: NewKind, title: &str, given: Option<&str>) -> Result<Slug, Error> {
    let slug = match given {
        Some(text) => Slug::parse(text.trim()).ok_or_else(|| invalid_slug(text))?,
        None => Slug::from_text(title).ok_or_else(|| {
            Error::usage(msg::no_slug_from_title(title)).with_hint(msg::no_slug_from_title_hint())
        })?,
    };
    if slug.as_str() == "page" && kind != NewKind::Page {
        return Err(Error::usage(msg::reserved_slug()).with_hint(msg::choose_another_slug()));
    }
    Ok(slug)
}

fn invalid_slug(text: &str) -> Error {
    let example = Slug::from_text(text)
        .map(msg::slug_example)
        .unwrap_or_default();
    Error::usage(msg::invalid_slug(text)).with_hint(msg::invalid_slug_hint(example))
}

/// Refuses when `rel` exists, or another file of `kind` has the URL name `slug`.
fn refuse_taken(root: &Path, kind: NewKind, slug: &Slug, rel: &Path) -> Result<(), Error> {
    if root.join(rel).symlink_metadata().is_ok() {
        return Err(already_exists(rel));
    }
    match same_slug(&root.join(CONTENT_DIR).join(kind.folder()), slug) {
        Some(other) => {
            let other = Path::new(CONTENT_DIR).join(kind.folder()).join(other);
            Err(Error::in_file(rel, msg::slug_taken(slug, other.display()))
                .with_hint(msg::choose_another_slug()))
        }
        None => Ok(()),
    }
}

/// The first Markdown file below `folder` (relative to it) whose file name
/// (or bundle folder) gives `slug`; a `slug:` in front matter is not read.
fn same_slug(folder: &Path, slug: &Slug) -> Option<PathBuf> {
    WalkDir::new(folder)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .find(|e| Slug::of_file(e.path()).as_ref() == Some(slug))
        .and_then(|e| e.path().strip_prefix(folder).ok().map(Path::to_path_buf))
}

fn already_exists(shown: &Path) -> Error {
    Error::in_file(shown, msg::already_exists()).with_hint(msg::already_exists_hint())
}

/// Writes `bytes` to a new file at `path` (shown to the user as `shown`),
/// creating its folder; fails rather than replace a file already there.
fn write_new(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(shown, msg::create_folder(), e))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => already_exists(shown),
            _ => Error::io(shown, msg::create_file(), e),
        })?;
    file.write_all(bytes)
        .map_err(|e| Error::io(shown, msg::write_file(), e))
}

/// The text of a new file of `kind`: front matter, then a placeholder line.
fn render_new(kind: NewKind, title: &str, now: DateTime) -> String {
    let title = yaml_quoted(title);
    let date = minute_text(now);
    let day = now.day().iso();
    let (keys, body) = match kind {
        NewKind::Story => (
            format!("date: {date}\n{STORY_KEYS}{ITEM_HINTS}"),
            "在这里讲述志愿者的故事：他们做了什么，为什么做，带来了什么变化。",
        ),
        NewKind::Report => (
            format!("date: {date}\n{REPORT_KEYS}{ITEM_HINTS}"),
            "在这里写活动报道：时间、地点、参与的志愿者，做了哪些事，取得了什么效果。",
        ),
        NewKind::Announcement => (
            format!("date: {date}\n{ANNOUNCEMENT_KEYS}{ITEM_HINTS}"),
            "在这里写通知或方案的正文：目的、时间安排、参与方式和联系人。",
        ),
        NewKind::Campaign => (
            campaign_keys(&day),
            "在这里介绍活动的背景、内容和参与方式。",
        ),
        NewKind::Column => (
            column_keys(&day),
            "在这里介绍这个专栏写什么、给谁看、如何投稿。",
        ),
        NewKind::Page => (PAGE_KEYS.to_string(), "在这里写页面的内容。"),
    };
    format!("---\ntitle: {title}\n{keys}---\n\n{body}\n")
}

const ITEM_HINTS: &str = "\
# campaign: 活动的文件名（content/campaigns/ 下，不带 .md）
# column: 专栏的文件名（content/columns/ 下，不带 .md）
# author: [记者 张三, 通讯员 李四]
# source: 来源单位
# region: 所在地区
";

const STORY_KEYS: &str = "\
tags: []
people: []  # 故事中的志愿者，如 [{name: 张三, org: 东湖社区志愿服务队, honors: [全省优秀志愿者]}]
";

const REPORT_KEYS: &str = "\
tags: []
stats: {}  # 活动数据，键见 site.yaml 的 metrics，如 {volunteers: 120, hours: 360}
# location: 活动地点
# organizer: 组织单位
";

const ANNOUNCEMENT_KEYS: &str = "\
tags: []
deadlines: []  # 时间节点，如 [{date: 2026-12-01, what: 报送项目表}]
";

const PAGE_KEYS: &str = "\
# summary: 一句话摘要
";

fn campaign_keys(day: &str) -> String {
    format!(
        "# slogan: 主题口号\n\
         start: {day}\n\
         # end: {day}  # 最后一天；不写即为常态化活动\n\
         # organizer: [主办单位, 承办单位]\n\
         # region: 所在地区\n\
         tags: []\n"
    )
}

fn column_keys(day: &str) -> String {
    format!(
        "description: 一句话介绍这个专栏\n\
         frequency: irregular  # weekly 每周一期，monthly 每月一期，irregular 不定期\n\
         # host: 主办单位\n\
         start: {day}\n"
    )
}

/// `now` as authors write it: `2026-11-22 09:30` (seconds dropped, so the
/// item is never dated after `now`).
fn minute_text(now: DateTime) -> String {
    let iso = now.iso();
    match iso.split_once('T') {
        Some((day, time)) => match time.get(..5) {
            Some(minutes) => format!("{day} {minutes}"),
            None => iso.clone(),
        },
        None => iso.clone(),
    }
}

/// `text` as a double-quoted YAML string: `\` and `"` escaped, and control
/// characters and line separators written as escapes.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Makes a new site in `dir`, which must not exist or be empty: its
/// `site.yaml` and an empty `content/`, so that it publishes nothing its
/// editor did not write; with `demo`, also a campaign, a column, a story, a
/// report, an announcement and a page to read and replace. The theme is not
/// copied: the site uses the built-in one. Returns the files written,
/// relative to `dir`, in the order written.
pub fn init_site(dir: &Path, demo: bool) -> Result<Vec<PathBuf>, Error> {
    require_empty(dir)?;
    let mut written = Vec::new();
    let files = if demo { STARTER } else { &STARTER[..1] };
    for (rel, text) in files {
        let rel = rel_path(&[rel]);
        let path = dir.join(&rel);
        write_new(&path, &path, text.as_bytes())?;
        written.push(rel);
    }
    let content = dir.join(CONTENT_DIR);
    fs::create_dir_all(&content).map_err(|e| Error::io(&content, msg::create_folder(), e))?;
    Ok(written)
}

/// Refuses a `dir` that is a file or a folder with anything in it.
fn require_empty(dir: &Path) -> Result<(), Error> {
    if dir.symlink_metadata().is_err() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(
            Error::usage(msg::init_not_a_folder(dir.display())).with_hint(msg::init_folder_hint())
        );
    }
    let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, msg::read_folder(), e))?;
    if entries.next().is_some() {
        return Err(
            Error::usage(msg::init_not_empty(dir.display())).with_hint(msg::init_folder_hint())
        );
    }
    Ok(())
}

/// What [`eject_theme`] did, with paths relative to the site's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ejected {
    /// The theme's folder: `themes/default`.
    pub dir: PathBuf,
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Where the folder that was there before now is (with `force`).
    pub moved_aside: Option<PathBuf>,
}

/// Writes the built-in default theme into `themes/default/` of the site at
/// `root`, which the site then uses instead of the built-in one. Refuses
/// when that folder exists, unless `force`: then the folder is renamed to
/// `themes/default.old` (or `.old-2`, …) first, so no edit is lost.
pub fn eject_theme(root: &Path, force: bool) -> Result<Ejected, Error> {
    require_site(root)?;
    let theme = BuiltinTheme::default_theme();
    let dir = rel_path(&["themes", theme.name()]);
    let target = root.join(&dir);
    let mut moved_aside = None;
    if target.symlink_metadata().is_ok() {
        let aside = free_aside(root, &dir);
        if !force {
            return Err(Error::in_file(&dir, msg::eject_exists())
                .with_hint(msg::eject_exists_hint(aside.display())));
        }
        fs::rename(&target, root.join(&aside))
            .map_err(|e| Error::io(&dir, msg::move_aside(aside.display()), e))?;
        moved_aside = Some(aside);
    }
    let mut written = Vec::new();
    for (rel, bytes) in theme.files() {
        let rel = dir.join(rel_path(&[rel]));
        write_new(&root.join(&rel), &rel, bytes)?;
        written.push(rel);
    }
    Ok(Ejected {
        dir,
        written,
        moved_aside,
    })
}

/// The first of `<dir>.old`, `<dir>.old-2`, … that does not exist below `root`.
fn free_aside(root: &Path, dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "theme".to_string(), |n| n.to_string_lossy().into_owned());
    (1u32..)
        .map(|n| match n {
            1 => dir.with_file_name(format!("{name}.old")),
            n => dir.with_file_name(format!("{name}.old-{n}")),
        })
        .find(|aside| root.join(aside).symlink_metadata().is_err())
        .unwrap_or_else(|| dir.with_file_name(format!("{name}.old")))
}

/// A relative path from `/`-separated parts, with the platform's separators.
fn rel_path(parts: &[&str]) -> PathBuf {
    parts.iter().flat_map(|part| part.split('/')).collect()
}

/// The starter site's own files: (path, text).
const STARTER: &[(&str, &str)] = &[
    ("site.yaml", SITE_YAML),
    ("content/campaigns/lin-li-shou-wang.md", STARTER_CAMPAIGN),
    ("content/columns/volunteer-faces.md", STARTER_COLUMN),
    ("content/stories/wang-xiulan.md", STARTER_STORY),
    ("content/reports/free-clinic.md", STARTER_REPORT),
    (
        "content/announcements/recruit-volunteers.md",
        STARTER_ANNOUNCEMENT,
    ),
    ("content/pages/about.md", STARTER_PAGE),
];

const SITE_YAML: &str = r#"# 站点配置。改好后运行 redvest build 生成网站，或 redvest serve 边改边看。
title: 红马甲志愿服务              # 站点名称（必填）
base_url: https://example.org/     # 网站发布的地址（必填），如 https://example.gov.cn/zyfw/；构建时可用 --base-url 覆盖
language: zh-CN                    # 界面语言：zh-CN 或 en
description: 记录身边的志愿者，传播志愿服务的好故事、好做法
timezone: "+08:00"                 # 不带时区的日期按这个时区理解
theme: default                     # 主题：default 是内置主题；要修改它，运行 redvest theme eject
paginate: 20                       # 列表每页条数
feed_limit: 50                     # RSS 订阅的条数
summary_length: 120                # 自动摘要的字数
metrics:                           # 活动报道 stats 可用的数据项，按显示顺序
  activities: { label: 开展活动, unit: 次 }
  volunteers: { label: 参与志愿者, unit: 人次 }
  hours: { label: 服务时长, unit: 小时 }
  served: { label: 服务群众, unit: 人次 }
# footer:                          # 页脚，设置了的才显示
#   organization: 某某县文明办        # 主办单位
#   contact: 0000-0000000           # 联系电话
#   icp: 某ICP备00000000号-1         # ICP 备案号，链接到工信部备案网站
#   police: 某公网安备00000000000000号  # 公安备案号，链接到公安备案网站
#   site_code: "0000000000"         # 政府网站标识码
markdown:
  unsafe_html: false               # 是否保留正文中的 HTML
extra: {}                          # 自定义数据，模板中为 site.extra
"#;

const STARTER_CAMPAIGN: &str = "\
---
title: 邻里守望志愿服务活动
slogan: 邻里守望、温暖你我
start: 2026-01-01
organizer: [县文明办, 县志愿服务联合会]
tags: [邻里守望, 助老]
---

“邻里守望”是常态化开展的志愿服务活动，不设截止日期。社区志愿者结对帮扶独居老人、
困难家庭和留守儿童，定期上门探访，帮忙解决买菜、就医、维修等生活中的难事。

## 怎样参加

各社区志愿服务站常年接受报名。报名方式见[招募通知](@/announcements/recruit-volunteers.md)。
";

const STARTER_COLUMN: &str = "\
---
title: 志愿者风采
description: 每月讲述一位身边志愿者的故事，看见红马甲背后的普通人。
frequency: monthly
host: 编辑部
start: 2026-01-01
---

“志愿者风采”专栏每月一期，记录活跃在社区、乡村、学校和医院的志愿者。
欢迎各志愿服务组织推荐身边的典型，来稿请附人物照片和服务经历。
";

const STARTER_STORY: &str = "\
---
title: 王秀兰：楼道里的“红马甲”
date: 2026-01-05 09:00
campaign: lin-li-shou-wang
column: volunteer-faces
tags: [邻里守望, 助老]
author: 通讯员 李明
people:
  - {name: 王秀兰, org: 东湖社区志愿服务队, honors: [优秀志愿者]}
---

退休教师王秀兰在东湖社区住了三十年。六年前，她穿上红马甲，成了楼道里的“热心人”。

<!-- more -->

每周二和周五，她都会去看望楼里的三位独居老人，帮他们量血压、取药、读报纸。
哪家水管漏了、灯泡坏了，她就找来社区的维修志愿者。

“都是邻居，搭把手的事。”王秀兰说。如今，她所在的楼道已有十二位居民加入了
[邻里守望志愿服务活动](@/campaigns/lin-li-shou-wang.md)。
";

const STARTER_REPORT: &str = "\
---
title: 社区义诊进小区，百余位居民家门口看病
date: 2026-01-10 17:30
campaign: lin-li-shou-wang
tags: [义诊, 助老]
location: 东湖社区广场
organizer: 东湖社区志愿服务队
stats: {activities: 1, volunteers: 24, hours: 96, served: 130}
---

1月10日上午，24名医护志愿者来到东湖社区广场，为居民免费量血压、测血糖，提供健康咨询。

## 服务内容

1. 测量血压、血糖，建立健康档案；
2. 讲解冬季常见病的预防；
3. 为行动不便的老人上门服务。

活动共服务居民130人次。
";

const STARTER_ANNOUNCEMENT: &str = "\
---
title: 关于招募“邻里守望”志愿者的通知
date: 2026-01-02 10:00
campaign: lin-li-shou-wang
tags: [招募]
deadlines: [{date: 2026-01-20, what: 报名截止}]
---

为深入开展邻里守望志愿服务活动，现面向社会招募志愿者。

## 招募条件

年满18周岁，身体健康，热心公益，每月能参加不少于两次志愿服务。

## 报名方式

请到所在社区志愿服务站报名，或拨打社区服务电话。
";

const STARTER_PAGE: &str = "\
---
title: 关于我们
summary: 本站记录身边的志愿者，传播志愿服务的好故事、好做法。
---

本站记录身边的志愿者，传播志愿服务的好故事、好做法。这里有先进典型的故事、
活动报道和总结，也有活动方案、通知和招募信息。

本站设有[志愿者风采](@/columns/volunteer-faces.md)专栏，欢迎投稿。
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{
        split, RawCampaign, RawColumn, RawItem, CAMPAIGN_KEYS, COLUMN_KEYS, ITEM_KEYS,
    };
    use crate::date::parse_offset;
    use crate::source::{parse_yaml, Scalar};

    fn now() -> DateTime {
        let zone = parse_offset("+08:00").expect("a valid offset");
        DateTime::parse("2026-11-22 09:30:45", zone).expect("a valid date")
    }

    #[test]
    fn kinds_parse_by_name_and_folder() {
        for (kind, name) in NewKind::ALL.into_iter().zip(NewKind::NAMES) {
            assert_eq!(NewKind::parse(name).expect(name), kind);
            assert_eq!(NewKind::parse(kind.folder()).expect(name), kind);
            assert_eq!(kind.to_string(), name);
        }
        assert_eq!(NewKind::parse(" Story ").ok(), Some(NewKind::Story));
    }

    #[test]
    fn unknown_kind_lists_the_kinds() {
        let err = NewKind::parse("storey").expect_err("unknown");
        assert_eq!(err.kind(), crate::error::ErrorKind::Usage);
        let text = err.to_string();
        assert!(
            text.contains("story, report, announcement, campaign, column, page"),
            "{text}"
        );
        assert!(text.contains("did you mean `story`"), "{text}");
    }

    /// Front matter with a title alone.
    #[derive(serde::Deserialize)]
    struct Title {
        title: String,
    }

    #[test]
    fn quoted_titles_read_back_as_written() {
        for title in [
            "雷锋在辽宁",
            "关于: 招募 # 志愿者",
            "[置顶] 通知",
            "他说\"好\"",
            "a\\b",
            "两行\n标题\t",
            "- 开头是横线",
            "'单引号'",
            "null",
        ] {
            let yaml = format!("title: {}\n", yaml_quoted(title));
            let read: Title = parse_yaml(&yaml, Path::new("a.md"), 2, &["title"]).expect(&yaml);
            assert_eq!(read.title, title, "{yaml}");
        }
    }

    #[test]
    fn dates_are_written_to_the_minute() {
        assert_eq!(minute_text(now()), "2026-11-22 09:30");
    }

    #[test]
    fn every_kind_writes_front_matter_the_build_accepts() {
        for kind in NewKind::ALL {
            let text = render_new(kind, "测试: \"标题\"", now());
            let parts = split(&text, Path::new("a.md")).expect("front matter");
            let path = Path::new("a.md");
            let title = match kind {
                NewKind::Campaign => {
                    let raw: RawCampaign =
                        parse_yaml(parts.yaml, path, 2, CAMPAIGN_KEYS).expect(&text);
                    assert_eq!(raw.start.into_text(), "2026-11-22");
                    raw.title
                }
                NewKind::Column => {
                    let raw: RawColumn = parse_yaml(parts.yaml, path, 2, COLUMN_KEYS).expect(&text);
                    assert_eq!(raw.frequency.as_deref(), Some("irregular"));
                    raw.title
                }
                _ => {
                    let raw: RawItem = parse_yaml(parts.yaml, path, 2, ITEM_KEYS).expect(&text);
                    let date = raw.date.map(Scalar::into_text);
                    let expected = (kind != NewKind::Page).then(|| "2026-11-22 09:30".to_string());
                    assert_eq!(date, expected, "{text}");
                    assert!(raw.campaign.is_none(), "no campaign reference: {text}");
                    raw.title
                }
            };
            assert_eq!(title, "测试: \"标题\"");
            assert!(!parts.body.trim().is_empty(), "a placeholder body");
        }
    }

    #[test]
    fn slug_comes_from_the_title_unless_given() {
        let slug = choose_slug(NewKind::Story, "雷锋在辽宁", None).expect("pinyin");
        assert_eq!(slug.as_str(), "lei-feng-zai-liao-ning");
        let slug = choose_slug(NewKind::Story, "雷锋在辽宁", Some("leifeng")).expect("given");
        assert_eq!(slug.as_str(), "leifeng");
        let err = choose_slug(NewKind::Story, "x", Some("Lei Feng")).expect_err("invalid");
        assert!(err.to_string().contains("--slug lei-feng"), "{err}");
        assert!(choose_slug(NewKind::Story, "！！", None).is_err());
        assert!(choose_slug(NewKind::Story, "Page", None).is_err());
        assert!(choose_slug(NewKind::Page, "Page", None).is_ok());
    }
}
