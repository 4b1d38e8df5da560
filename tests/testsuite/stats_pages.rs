//! The statistics pages (issue 16): `/stats/` and `/stats/<year>/` total
//! the reports' figures by year, campaign, region and month, with how many
//! reports each total is made of and how many gave no figure; the CSV and
//! JSON exports say the same. Every total is checked against sums worked
//! out here from the reports' data, not read back from redvest.

use std::collections::BTreeMap;

use crate::fixture::Site;

/// The metrics of the fixture's `site.yaml`, in order.
const METRICS: [&str; 3] = ["activities", "volunteers", "hours"];

/// A report of the fixture: its file, title, date, campaign, region and
/// figures as written (`None`: not given).
struct Report {
    file: &'static str,
    title: &'static str,
    date: &'static str,
    campaign: Option<&'static str>,
    region: Option<&'static str>,
    figures: [Option<&'static str>; 3],
}

/// Reports across two years, two campaigns and two regions, with gaps (a
/// report with no figure at all, metrics left out) and an approximate one.
const REPORTS: [Report; 5] = [
    Report {
        file: "a",
        title: "他说\"学雷锋, 做好事\"",
        date: "2025-03-05",
        campaign: Some("lf"),
        region: Some("甲镇"),
        figures: [Some("2"), Some("30"), None],
    },
    Report {
        file: "b",
        title: "乙镇义诊",
        date: "2025-03-20",
        campaign: Some("lf"),
        region: Some("乙镇"),
        figures: [None, Some("3500余"), Some("100")],
    },
    Report {
        file: "c",
        title: "敬老院包饺子",
        date: "2026-02-10",
        campaign: Some("jl"),
        region: Some("甲镇"),
        figures: [Some("1"), None, Some("12.5")],
    },
    Report {
        file: "d",
        title: "河道清洁",
        date: "2026-07-01",
        campaign: None,
        region: None,
        figures: [Some("5"), Some("40"), Some("80")],
    },
    Report {
        file: "e",
        title: "重阳探访",
        date: "2026-07-15",
        campaign: Some("jl"),
        region: Some("乙镇"),
        figures: [None, None, None],
    },
];

const CONFIG: &str = "\
title: 测试志愿服务
base_url: https://example.org/zyfw/
metrics:
  activities: { label: 开展活动, unit: 次 }
  volunteers: { label: 参与志愿者, unit: 人次 }
  hours: { label: 服务时长, unit: 小时 }
";

fn report_file(r: &Report) -> String {
    let mut text = format!("---\ntitle: '{}'\ndate: {}\n", r.title, r.date);
    if let Some(c) = r.campaign {
        text.push_str(&format!("campaign: {c}\n"));
    }
    if let Some(region) = r.region {
        text.push_str(&format!("region: {region}\n"));
    }
    if r.figures.iter().any(Option::is_some) {
        text.push_str("stats:\n");
        for (key, figure) in METRICS.iter().zip(r.figures) {
            if let Some(f) = figure {
                text.push_str(&format!("  {key}: {f}\n"));
            }
        }
    }
    text + "---\n正文。\n"
}

fn fixture() -> Site {
    let mut files: Vec<(String, String)> = vec![
        ("site.yaml".into(), CONFIG.into()),
        (
            "content/campaigns/lf.md".into(),
            "---\ntitle: 学雷锋月\nstart: 2025-03-01\nend: 2025-03-31\n---\n".into(),
        ),
        (
            "content/campaigns/jl.md".into(),
            "---\ntitle: 敬老月\nstart: 2026-01-01\n---\n".into(),
        ),
    ];
    for r in &REPORTS {
        files.push((format!("content/reports/{}.md", r.file), report_file(r)));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&borrowed);
    site.built();
    site
}

/// A sum worked out here: the number, whether a 余 figure is in it, how
/// many reports in the group, how many gave it, how many did not.
#[derive(Debug, Default, Clone, PartialEq)]
struct Sum {
    value: f64,
    approximate: bool,
    given: usize,
    missing: usize,
}

impl Sum {
    /// As the tables show it: `3530余`, `—` when no report gave it.
    fn shown(&self) -> String {
        if self.given == 0 {
            return "—".into();
        }
        let number = if self.value.fract() == 0.0 {
            format!("{}", self.value as i64)
        } else {
            format!("{}", self.value)
        };
        if self.approximate {
            number + "余"
        } else {
            number
        }
    }
}

/// The reports of a group and its three sums.
type Group = (usize, [Sum; 3]);

fn add(group: &mut Group, r: &Report) {
    group.0 += 1;
    for (sum, figure) in group.1.iter_mut().zip(r.figures) {
        match figure {
            Some(text) => {
                let approximate = text.ends_with('余');
                sum.value += text
                    .trim_end_matches('余')
                    .parse::<f64>()
                    .expect("a number");
                sum.approximate |= approximate;
                sum.given += 1;
            }
            None => sum.missing += 1,
        }
    }
}

/// The expected groups of `reports` by `key`.
fn expected(
    reports: &[&Report],
    key: impl Fn(&Report) -> Option<String>,
) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for r in reports {
        if let Some(k) = key(r) {
            add(groups.entry(k).or_default(), r);
        }
    }
    groups
}

fn all() -> Vec<&'static Report> {
    REPORTS.iter().collect()
}

fn total(reports: &[&Report]) -> Group {
    let mut group = Group::default();
    for r in reports {
        add(&mut group, r);
    }
    group
}

/// The text of an HTML fragment, tags and `<small>` notes left out.
fn text_of(html: &str) -> String {
    let html = match (html.find("<small"), html.find("</small>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b + 8..]),
        _ => html.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The rows of the table of class `table-<key>` in `html`: name → cells
/// (reports, then one per metric), and the "missing" notes per row.
fn table(html: &str, key: &str) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let start = html
        .find(&format!("stats-table table-{key}"))
        .unwrap_or_else(|| panic!("no table {key}"));
    let rest = &html[start..];
    let table = &rest[..rest.find("</table>").expect("a table's end")];
    table
        .split("<tr>")
        .skip(2) // before the head, and the head
        .map(|row| {
            let name = text_of(&row[..row.find("</th>").expect("a row head")]);
            let cells: Vec<&str> = row.split("<td class=\"num\">").skip(1).collect();
            let texts = cells
                .iter()
                .map(|c| text_of(&c[..c.find("</td>").unwrap_or(c.len())]))
                .collect();
            let notes = cells
                .iter()
                .map(|c| match c.find("<small class=\"missing\">") {
                    Some(i) => text_of(&c[i..c.find("</small>").unwrap_or(c.len())]),
                    None => String::new(),
                })
                .collect();
            (name, (texts, notes))
        })
        .collect()
}

/// The cells a table row should hold for `group`.
fn cells_of(group: &Group) -> (Vec<String>, Vec<String>) {
    let mut cells = vec![group.0.to_string()];
    cells.extend(group.1.iter().map(Sum::shown));
    let mut notes = vec![String::new()];
    notes.extend(group.1.iter().map(|s| {
        if s.missing > 0 && s.given > 0 {
            format!("（{}篇未填报）", s.missing)
        } else {
            String::new()
        }
    }));
    (cells, notes)
}

fn assert_table(html: &str, key: &str, groups: &BTreeMap<String, Group>, total: &Group) {
    let shown = table(html, key);
    for (name, group) in groups {
        assert_eq!(shown.get(name), Some(&cells_of(group)), "{key}: row {name}");
    }
    assert_eq!(shown.get("合计"), Some(&cells_of(total)), "{key}: total");
    assert_eq!(shown.len(), groups.len() + 1, "{key}: {shown:?}");
}

fn year(r: &Report) -> String {
    format!("{}年", &r.date[..4])
}

fn campaign_title(slug: &str) -> String {
    match slug {
        "lf" => "学雷锋月".into(),
        _ => "敬老月".into(),
    }
}

#[test]
fn stats_page_totals_every_figure_by_year_campaign_and_region() {
    let site = fixture();
    let html = site.read("stats/index.html");
    let reports = all();
    let total = total(&reports);
    assert_table(
        &html,
        "by_year",
        &expected(&reports, |r| Some(year(r))),
        &total,
    );
    let by_campaign = expected(&reports, |r| r.campaign.map(campaign_title));
    assert_table(&html, "by_campaign", &by_campaign, &total);
    let by_region = expected(&reports, |r| {
        Some(r.region.unwrap_or("未填写地区").to_string())
    });
    assert_table(&html, "by_region", &by_region, &total);
    // The approximate figure keeps its 余 in every total it enters.
    assert_eq!(total.1[1].shown(), "3570余");
    assert!(html.contains("<strong>3570余</strong> 人次"), "headline");
    // Years link to their pages, under the base URL's path.
    assert!(html.contains("<a href=\"/zyfw/stats/2025/\">2025年</a>"));
}

#[test]
fn stats_page_shows_the_build_year_by_month() {
    let site = fixture();
    let html = site.read("stats/index.html");
    let this_year: Vec<&Report> = all()
        .into_iter()
        .filter(|r| r.date.starts_with("2026"))
        .collect();
    let by_month = expected(&this_year, |r| {
        Some(format!("{}月", r.date[5..7].trim_start_matches('0')))
    });
    let shown = table(&html, "by_month");
    // Every month of the build's year, empty months too.
    assert_eq!(shown.len(), 12 + 1, "{shown:?}");
    for (name, group) in &by_month {
        assert_eq!(shown.get(name), Some(&cells_of(group)), "month {name}");
    }
    assert_eq!(shown.get("3月").map(|c| c.0[0].as_str()), Some("0"));
    assert_eq!(shown.get("合计"), Some(&cells_of(&total(&this_year))));
}

#[test]
fn a_year_page_is_the_annual_table_by_campaign_and_region() {
    let site = fixture();
    let html = site.read("stats/2025/index.html");
    let of_year: Vec<&Report> = all()
        .into_iter()
        .filter(|r| r.date.starts_with("2025"))
        .collect();
    let total = total(&of_year);
    assert!(html.contains("<h1>2025年度志愿服务数据</h1>"));
    let by_campaign = expected(&of_year, |r| r.campaign.map(campaign_title));
    assert_table(&html, "by_campaign", &by_campaign, &total);
    let by_region = expected(&of_year, |r| r.region.map(str::to_string));
    assert_table(&html, "by_region", &by_region, &total);
    assert!(
        !html.contains("table-by_year"),
        "a year has no table by year"
    );
    assert!(html.contains("href=\"/zyfw/stats/2025/totals.csv\""));
}

/// Reads RFC 4180 CSV: records of fields, quotes doubled inside quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

fn read_csv(site: &Site, rel: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.out().join(rel)).expect("the CSV file");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{rel} starts with a UTF-8 BOM"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(text.ends_with("\r\n") && text.matches('\n').count() == text.matches("\r\n").count());
    parse_csv(&text)
}

#[test]
fn reports_csv_has_a_row_per_report_with_each_figure() {
    let site = fixture();
    let rows = read_csv(&site, "stats/reports.csv");
    assert_eq!(
        rows[0],
        [
            "日期",
            "标题",
            "活动",
            "地区",
            "链接",
            "开展活动（次）",
            "参与志愿者（人次）",
            "服务时长（小时）"
        ]
    );
    assert_eq!(rows.len(), REPORTS.len() + 1);
    for r in &REPORTS {
        let row = rows
            .iter()
            .find(|row| row[0] == r.date)
            .unwrap_or_else(|| panic!("a row for {}", r.title));
        assert_eq!(
            row[1], r.title,
            "a title with a comma and quotes reads back whole"
        );
        assert_eq!(row[2], r.campaign.map(campaign_title).unwrap_or_default());
        assert_eq!(row[3], r.region.unwrap_or_default());
        assert_eq!(
            row[4],
            format!("https://example.org/zyfw/reports/{}/", r.file)
        );
        let figures: Vec<String> = r
            .figures
            .iter()
            .map(|f| f.unwrap_or_default().to_string())
            .collect();
        assert_eq!(row[5..], figures[..]);
    }
}

#[test]
fn totals_csv_and_json_say_what_the_pages_say() {
    let site = fixture();
    let reports = all();
    let total = total(&reports);
    let rows = read_csv(&site, "stats/totals.csv");
    assert_eq!(
        rows[0][..5],
        [
            "分组",
            "名称",
            "报道篇数",
            "开展活动（次）",
            "开展活动未填报篇数"
        ]
    );
    let csv_row = |group: &str, name: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == group && r[1] == name)
            .unwrap_or_else(|| panic!("no row {group} {name}"))[2..]
            .to_vec()
    };
    let expect = |g: &Group| -> Vec<String> {
        let mut cells = vec![g.0.to_string()];
        for s in &g.1 {
            cells.push(if s.given == 0 {
                String::new()
            } else {
                s.shown()
            });
            cells.push(s.missing.to_string());
        }
        cells
    };
    assert_eq!(csv_row("合计", ""), expect(&total));
    for (name, g) in expected(&reports, |r| Some(year(r))) {
        assert_eq!(csv_row("按年度", &name), expect(&g));
    }
    for (name, g) in expected(&reports, |r| r.campaign.map(campaign_title)) {
        assert_eq!(csv_row("按活动", &name), expect(&g));
    }

    let json: serde_json::Value =
        serde_json::from_str(&site.read("stats/stats.json")).expect("stats.json is JSON");
    let check = |value: &serde_json::Value, g: &Group| {
        assert_eq!(value["reports"], g.0);
        for (key, s) in METRICS.iter().zip(&g.1) {
            let f = &value["figures"][key];
            assert_eq!(f["given"], s.given, "{key}");
            assert_eq!(f["missing"], s.missing, "{key}");
            assert_eq!(f["approximate"], s.approximate, "{key}");
            if s.given == 0 {
                assert!(f["value"].is_null());
            } else {
                assert_eq!(f["value"].as_f64(), Some(s.value), "{key}");
            }
        }
    };
    check(&json["total"], &total);
    let by_region = expected(&reports, |r| r.region.map(str::to_string));
    for row in json["by_region"].as_array().expect("by_region") {
        match row["region"].as_str() {
            Some(name) => check(row, &by_region[name]),
            None => assert_eq!(row["reports"], 1),
        }
    }
    assert_eq!(
        json["reports"].as_array().map(Vec::len),
        Some(REPORTS.len())
    );
    assert_eq!(json["reports"][0]["title"], "重阳探访");
}

#[test]
fn campaign_and_year_exports_hold_only_their_reports() {
    let site = fixture();
    let rows = read_csv(&site, "campaigns/jl/reports.csv");
    let titles: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(titles, ["重阳探访", "敬老院包饺子"]);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("stats/2025/stats.json")).expect("JSON");
    assert_eq!(json["year"], 2025);
    assert_eq!(json["total"]["reports"], 2);
    assert_eq!(json["total"]["figures"]["volunteers"]["value"], 3530);
    assert_eq!(json["total"]["figures"]["volunteers"]["approximate"], true);
}

#[test]
fn home_and_campaign_pages_carry_an_accessible_chart_and_the_exports() {
    let site = fixture();
    let home = site.read("index.html");
    assert!(home.contains("role=\"img\" aria-labelledby=\"home-year-t home-year-d\""));
    assert!(home.contains("<title id=\"home-year-t\">开展活动（次），按年度</title>"));
    assert!(home.contains("<a href=\"/zyfw/stats/\">查看全部数据统计</a>"));
    assert!(home.contains("<link rel=\"stylesheet\" href=\"/zyfw/css/stats.css\">"));
    let campaign = site.read("campaigns/lf/index.html");
    assert!(campaign.contains(
        "<desc id=\"campaign-month-d\">最高为2025年3月 2次。图下的表格列出全部数据。</desc>"
    ));
    assert!(campaign.contains("<a href=\"/zyfw/campaigns/lf/reports.csv\" download>"));
    assert!(campaign.contains("<a href=\"/zyfw/campaigns/lf/stats.json\" download>"));
    // The chart's data is in a table beside it.
    assert!(campaign.contains("<tr><th scope=\"row\">2025年3月</th><td class=\"num\">2</td></tr>"));
}

#[test]
fn the_sitemap_lists_the_stats_pages() {
    let site = fixture();
    let sitemap = site.read("sitemap.xml");
    for page in ["stats/", "stats/2025/", "stats/2026/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/zyfw/{page}</loc>")),
            "{page}"
        );
    }
}

#[test]
fn an_english_site_reads_its_statistics_in_english() {
    let site = fixture();
    site.write("site.yaml", &format!("{CONFIG}language: en\n"));
    site.built();
    let html = site.read("stats/index.html");
    assert!(html.contains("<caption>By campaign</caption>"));
    assert!(
        html.contains("<strong>3,570+</strong> 人次"),
        "a total read the English way"
    );
    let rows = read_csv(&site, "stats/reports.csv");
    assert_eq!(rows[0][..5], ["Date", "Title", "Campaign", "Region", "URL"]);
}

#[test]
fn a_site_whose_reports_give_no_figure_has_no_statistics() {
    let site = Site::new(&[(
        "content/reports/r.md",
        "---\ntitle: 报道\ndate: 2026-01-02\n---\n正文。\n",
    )]);
    site.built();
    assert!(!site.has("stats/index.html"));
    assert!(!site.has("stats/reports.csv"));
    assert!(!site.read("index.html").contains("stats.css"));
    assert!(!site.read("sitemap.xml").contains("/stats/"));
}

#[test]
fn a_theme_from_before_the_statistics_pages_still_builds() {
    let site = fixture();
    site.local_theme();
    for template in ["stats.html", "stats_year.html"] {
        site.remove(&format!("themes/default/templates/{template}"));
    }
    site.built();
    assert!(
        !site.has("stats/index.html"),
        "no page its theme cannot draw"
    );
    assert!(!site.read("sitemap.xml").contains("/stats/"));
    assert!(
        site.has("stats/reports.csv"),
        "the exports need no template"
    );
}
