//! Front matter: splits a content file into its YAML header and Markdown
//! body, and names the raw structures the header is read into (the keys
//! each kind of page may carry), for [`super::parse`] to check.
//!
//! The YAML itself is read by [`crate::source::read_yaml`], which places
//! every error at the file's own line and column.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location};
use crate::i18n::catalogue::front_matter as msg;
use crate::source::{OneOrMany, Scalar};

/// A content file cut in two.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The file line the YAML starts on (1-based).
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The file line the body starts on (1-based).
    pub body_line: usize,
}

/// Cuts `text` (BOM already removed, CRLF allowed) at its `---` fences.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Error> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Error::at(Location::at(path, 1, 1), msg::no_front_matter())
            .with_hint(msg::no_front_matter_hint()));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Error::at(Location::at(path, 1, 1), msg::never_closed())
        .with_hint(msg::never_closed_hint()))
}

/// A volunteer or group a story is about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    /// 姓名.
    pub name: String,
    /// 单位/队伍.
    #[serde(default)]
    pub org: Option<String>,
    /// 荣誉.
    #[serde(default)]
    pub honors: Vec<String>,
}

/// A deadline in an announcement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeadline {
    /// The day.
    pub date: Scalar,
    /// What is due.
    pub what: String,
}

/// The keys stories, reports, announcements and pages may carry.
pub const ITEM_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "slug",
    "summary",
    "campaign",
    "column",
    "issue",
    "tags",
    "region",
    "author",
    "source",
    "editor",
    "cover",
    "pinned",
    "draft",
    "people",
    "stats",
    "location",
    "organizer",
    "deadlines",
];

/// Front matter of a story, report, announcement or page, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// 标题.
    pub title: String,
    /// Publication date.
    pub date: Option<Scalar>,
    /// Last change.
    pub updated: Option<Scalar>,
    /// URL name.
    pub slug: Option<Scalar>,
    /// 摘要.
    pub summary: Option<String>,
    /// Campaign slug or slugs.
    pub campaign: Option<OneOrMany>,
    /// Column slug.
    pub column: Option<String>,
    /// 第N期.
    pub issue: Option<u32>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Scalar>,
    /// 地区.
    pub region: Option<String>,
    /// 作者.
    pub author: Option<OneOrMany>,
    /// 来源.
    pub source: Option<String>,
    /// 责任编辑.
    pub editor: Option<String>,
    /// Cover image.
    pub cover: Option<String>,
    /// 置顶.
    #[serde(default)]
    pub pinned: bool,
    /// Left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Stories: the people.
    pub people: Option<Vec<RawPerson>>,
    /// Reports: metric key → figure.
    pub stats: Option<BTreeMap<String, crate::figure::RawFigure>>,
    /// Reports: 地点.
    pub location: Option<String>,
    /// Reports: 主办/组织单位.
    pub organizer: Option<OneOrMany>,
    /// Announcements: deadlines.
    pub deadlines: Option<Vec<RawDeadline>>,
}

/// The keys a campaign may carry.
pub const CAMPAIGN_KEYS: &[&str] = &[
    "title",
    "slogan",
    "start",
    "end",
    "organizer",
    "region",
    "cover",
    "summary",
    "tags",
];

/// Front matter of a campaign, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCampaign {
    /// 活动名称.
    pub title: String,
    /// 主题口号.
    pub slogan: Option<String>,
    /// First day.
    pub start: Scalar,
    /// Last day.
    pub end: Option<Scalar>,
    /// 主办单位.
    pub organizer: Option<OneOrMany>,
    /// 地区.
    pub region: Option<String>,
    /// Cover image.
    pub cover: Option<String>,
    /// 摘要.
    pub summary: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Scalar>,
}

/// The keys a column may carry.
pub const COLUMN_KEYS: &[&str] = &[
    "title",
    "description",
    "frequency",
    "host",
    "start",
    "cover",
];

/// Front matter of a column, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    /// 专栏名称.
    pub title: String,
    /// 简介.
    pub description: Option<String>,
    /// `weekly`, `monthly` or `irregular`.
    pub frequency: Option<String>,
    /// 主办.
    pub host: Option<String>,
    /// First issue's day.
    pub start: Option<Scalar>,
    /// Cover image.
    pub cover: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::plain_yaml::{
        self,
        samples::{agrees, document, Rng, SCALARS},
    };
    use crate::source::yaml::Value;
    use crate::source::{habits, key_position, parse_yaml};

    #[test]
    fn splits_at_fences_with_crlf() {
        let text = "---\r\ntitle: a\r\n---\r\nbody\r\n";
        let s = split(text, Path::new("a.md")).expect("split");
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let err = split("---\ntitle: a\n", Path::new("a.md")).expect_err("open");
        assert!(err.to_string().contains("never closed"));
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let yaml = "title: a\ndate: 2023-01-01\ntitel: b\n";
        let err =
            parse_yaml::<RawItem>(yaml, Path::new("a.md"), 2, ITEM_KEYS).expect_err("unknown");
        let text = err.to_string();
        assert!(text.starts_with("a.md:4:1: unknown key `titel`"), "{text}");
        assert!(text.contains("did you mean `title`"), "{text}");
    }

    #[test]
    fn yaml_syntax_error_points_at_file_line() {
        let yaml = "title: a\ntags: [a, b\n";
        let err = parse_yaml::<RawItem>(yaml, Path::new("a.md"), 2, ITEM_KEYS).expect_err("bad");
        assert!(
            err.location().and_then(|l| l.line).is_some_and(|l| l >= 3),
            "{err}"
        );
    }

    #[test]
    fn yaml_errors_read_in_plain_words_in_both_languages() {
        let yaml = "title: a\ndate: 2023-01-01\npeople:\n  - name: [a]\n";
        let err = parse_yaml::<RawItem>(yaml, Path::new("content/a.md"), 2, ITEM_KEYS)
            .expect_err("a list for a name");
        assert_eq!(
            err.message().en(),
            "`people` item 1 → `name` is a list, but should be text"
        );
        assert_eq!(
            err.message().zh(),
            "“people”第 1 项的“name”写的是一个列表，这里应该是文字"
        );
        assert_eq!(err.location().and_then(|l| l.line), Some(5));
        let err = parse_yaml::<RawItem>("title: [\n", Path::new("a.md"), 2, ITEM_KEYS)
            .expect_err("unclosed");
        assert!(err.message().zh().contains("没有结束"), "{err}");
    }

    #[test]
    fn habits_and_paths_never_panic_on_odd_text() {
        const PIECES: &[&str] = &[
            " ", "  ", "\t", "\n", "- ", ":", ": ", "：", "，", ",", " #", "#", "\"", "'", "“",
            "”", "‘", "’", "[", "]", "{", "}", "title", "people", "name", "志愿", "|", ">", "\\",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        };
        for _ in 0..5_000 {
            let yaml: String = (0..next(24)).map(|_| PIECES[next(PIECES.len())]).collect();
            let _ = parse_yaml::<RawItem>(&yaml, Path::new("a.md"), 2, ITEM_KEYS);
            let _ = habits::split_lists(&yaml, &habits::scan_all(&yaml));
            for path in ["people[0].name", "title.志愿", "people[1]", "title[0][1]"] {
                let _ = key_position(&yaml, path);
            }
        }
    }

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused_quickly() {
        let deep = format!(
            "title: a\ntags: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = parse_yaml::<RawItem>(&deep, Path::new("a.md"), 2, ITEM_KEYS).expect_err("deep");
        assert!(err.to_string().contains("nested too deeply"), "{err}");
        let mut bomb = String::from("title: a\ntags: &a0 [x, x]\n");
        for i in 1..100 {
            bomb.push_str(&format!("summary: &a{i} [*a{j}, *a{j}]\n", j = i - 1));
        }
        let err = parse_yaml::<RawItem>(&bomb, Path::new("a.md"), 2, ITEM_KEYS).expect_err("bomb");
        assert!(err.to_string().contains("aliases"), "{err}");
        let fine = "title: \"a [b] {c} *d\"\ntags: [x, y]  # *not* an alias\n";
        assert!(parse_yaml::<RawItem>(fine, Path::new("a.md"), 2, ITEM_KEYS).is_ok());
    }

    #[test]
    fn dates_and_numbers_read_as_scalars() {
        let yaml = "title: a\ndate: 2023-03-05\nslug: 2023\n";
        let raw: RawItem = parse_yaml(yaml, Path::new("a.md"), 2, ITEM_KEYS).expect("ok");
        assert_eq!(
            raw.date.map(Scalar::into_text).as_deref(),
            Some("2023-03-05")
        );
        assert_eq!(raw.slug.map(Scalar::into_text).as_deref(), Some("2023"));
    }

    #[test]
    fn the_plain_reader_reads_a_story_as_the_yaml_crate_does() {
        let yaml = "title: \"坚守19年，大学生志愿者张思敏的志愿路\"\n\
                    date: 2024-12-31T05:55:01+08:00\n\
                    campaign: anti-fraud   # 反诈\n\
                    tags:\n  - \"心理疏导\"\n  - 助盲\n\
                    region: '海淀区'\n\
                    people:\n  - name: \"黎涵海\"\n    org: 医护志愿服务小分队\n    honors: [\"海淀区优秀志愿者\", 'it''s']\n\
                    \n# 统计\nstats:\n  activities: 20\n  hours: 34114\n\
                    issue: 3\npinned: True\nslug: 2023\n";
        assert!(agrees::<RawItem>(yaml));
        assert!(agrees::<Value>(yaml));
        assert!(agrees::<RawItem>(&yaml.replace('\n', "\r\n")));
        let raw = plain_yaml::from_str::<RawItem>(yaml).expect("plain");
        assert_eq!(
            raw.people.map(|p| p[0].honors.clone()),
            Some(vec!["海淀区优秀志愿者".to_string(), "it's".to_string()])
        );
    }

    #[test]
    fn the_plain_reader_reads_every_front_matter_of_the_demo_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut read = 0;
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.expect("walk");
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("read");
            let yaml = split(&text, entry.path()).expect("split").yaml;
            let rel = entry.path().strip_prefix(&root).expect("under content");
            let plain = if rel.starts_with("campaigns") {
                agrees::<RawCampaign>(yaml)
            } else if rel.starts_with("columns") {
                agrees::<RawColumn>(yaml)
            } else {
                agrees::<RawItem>(yaml)
            };
            assert!(plain, "{} is not read here", rel.display());
            assert!(agrees::<Value>(yaml));
            read += 1;
        }
        assert!(read >= 30, "{read}");
    }

    /// Keys of front matter and of its nested mappings, and a few odd ones.
    fn keys() -> Vec<&'static str> {
        let nested = ["name", "org", "honors", "what", "hours"];
        let odd = ["true", "null", "x-y", "_k"];
        ITEM_KEYS.iter().copied().chain(nested).chain(odd).collect()
    }

    /// A random story, report or announcement front matter: the keys and
    /// shapes of [`RawItem`], each value drawn from [`SCALARS`] or from
    /// values of the right type.
    fn item_document(rng: &mut Rng) -> String {
        const TEXT: &[&str] = &["志愿服务", "\"坚守19年\"", "'it''s'", "2024年", "Ａ１"];
        const NUMBERS: &[&str] = &["20", "0", "5280.5", "34114", "12.50"];
        const FLAGS: &[&str] = &["true", "False", "TRUE"];
        let value = |rng: &mut Rng, typed: &[&'static str]| -> &'static str {
            if rng.below(4) == 0 {
                rng.pick(SCALARS)
            } else {
                rng.pick(typed)
            }
        };
        let mut out = format!("title: {}\n", value(rng, TEXT));
        let list = |rng: &mut Rng, out: &mut String, key: &str, items: &[&'static str]| {
            let picked: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(items)).collect();
            if rng.below(2) == 0 {
                out.push_str(&format!("{key}: [{}]\n", picked.join(", ")));
            } else {
                out.push_str(&format!("{key}:\n"));
                let pad = " ".repeat(2 * rng.below(2));
                for item in picked {
                    out.push_str(&format!("{pad}- {item}\n"));
                }
            }
        };
        for key in ["date", "slug", "region", "campaign", "cover"] {
            if rng.below(2) == 0 {
                out.push_str(&format!(
                    "{key}: {}\n",
                    value(
                        rng,
                        &[
                            "2024-05-01",
                            "2024-12-30T22:33:01+08:00",
                            "anti-fraud",
                            "2023"
                        ]
                    )
                ));
            }
        }
        if rng.below(2) == 0 {
            list(
                rng,
                &mut out,
                "tags",
                &["助老", "\"心理疏导\"", "2023", "a b"],
            );
        }
        if rng.below(2) == 0 {
            list(rng, &mut out, "author", &["通讯员 王佳", "'李'"]);
        }
        for key in ["pinned", "draft"] {
            if rng.below(3) == 0 {
                out.push_str(&format!("{key}: {}\n", value(rng, FLAGS)));
            }
        }
        if rng.below(3) == 0 {
            out.push_str(&format!("issue: {}\n", value(rng, NUMBERS)));
        }
        if rng.below(2) == 0 {
            let stats: Vec<String> = ["activities", "hours", "served"]
                .iter()
                .map(|k| format!("{k}: {}", value(rng, NUMBERS)))
                .collect();
            if rng.below(2) == 0 {
                out.push_str(&format!("stats: {{{}}}\n", stats.join(", ")));
            } else {
                out.push_str(&format!("stats:\n  {}\n", stats.join("\n  ")));
            }
        }
        if rng.below(2) == 0 {
            out.push_str("people:\n");
            for _ in 0..1 + rng.below(2) {
                out.push_str(&format!("  - name: {}\n", value(rng, TEXT)));
                if rng.below(2) == 0 {
                    out.push_str(&format!("    org: {}\n", value(rng, TEXT)));
                }
                if rng.below(2) == 0 {
                    out.push_str(&format!("    honors: [{}]\n", value(rng, TEXT)));
                }
            }
        }
        if rng.below(4) == 0 {
            out.push_str(&format!(
                "deadlines:\n- date: {}\n  what: {}\n",
                value(rng, &["2024-05-01"]),
                value(rng, TEXT)
            ));
        }
        out
    }

    #[test]
    fn random_front_matter_reads_as_the_yaml_crate_reads_it() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut read = 0;
        for _ in 0..20_000 {
            let yaml = item_document(&mut rng);
            read += usize::from(agrees::<RawItem>(&yaml));
        }
        assert!(read > 2_000, "{read}");
    }

    #[test]
    fn random_documents_read_as_items_as_the_yaml_crate_reads_them() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let keys = keys();
        for _ in 0..20_000 {
            agrees::<RawItem>(&document(&mut rng, &keys, 0, 0));
        }
    }
}
