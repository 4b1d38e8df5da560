//! The statistics pages' data: which scopes have statistics (the site,
//! each year with reports, each campaign whose reports give figures), and
//! the views `stats.html`, `stats_year.html`, the home page and campaign
//! pages receive — tables of exact figures, charts (drawn by [`charts`])
//! with their data, the reports with the largest figures and the links to
//! the exports. Figures are shown the Chinese way where people read them
//! (`1.2万`) and exactly in tables. Reads the model; writes nothing.
//!
//! [`charts`]: super::charts

use std::collections::BTreeMap;

use serde::Serialize;

use super::charts::{self, Bar, BarChart};
use super::Prepared;
use crate::figure::Figure;
use crate::site::stats::{Breakdown, Row, Tally, Top, YearMonth};
use crate::site::{CampaignId, Site, SitePath};

/// A set of reports whose statistics are published together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every report: `/stats/`.
    Site,
    /// The reports of a year: `/stats/<year>/`.
    Year(i32),
    /// The reports of a campaign (by index): its page.
    Campaign(usize),
}

impl Scope {
    /// The folder its exports are in.
    pub fn folder(self, site: &Site) -> SitePath {
        match self {
            Scope::Campaign(i) => site.campaigns[i].path.clone(),
            other => other.page(site),
        }
    }

    /// The page its statistics are shown on.
    pub fn page(self, site: &Site) -> SitePath {
        match self {
            Scope::Site => SitePath::of(&["stats"]),
            Scope::Year(year) => SitePath::of(&["stats", &year.to_string()]),
            Scope::Campaign(i) => site.campaigns[i].path.clone(),
        }
    }

    /// Its reports, broken down.
    pub fn breakdown(self, site: &Site, metric_count: usize) -> Breakdown {
        let reports = match self {
            Scope::Site => site.reports().to_vec(),
            Scope::Year(year) => site.reports_of_year(year),
            Scope::Campaign(i) => site.reports_of_campaign(CampaignId(i)),
        };
        Breakdown::of(site, reports, metric_count)
    }
}

/// The templates of the statistics pages; a theme without them (one
/// ejected before they existed) gets the exports but no pages.
pub const TEMPLATES: [&str; 2] = ["stats.html", "stats_year.html"];

/// Every scope with statistics: none unless some report gives a figure;
/// then the site, each year with reports, and each campaign whose reports
/// give a figure.
pub fn scopes(site: &Site) -> Vec<Scope> {
    if !site.has_figures() {
        return Vec::new();
    }
    let mut scopes = vec![Scope::Site];
    scopes.extend(site.report_years().into_iter().map(Scope::Year));
    scopes.extend(
        (0..site.campaigns.len())
            .filter(|i| campaign_has_figures(site, *i))
            .map(Scope::Campaign),
    );
    scopes
}

/// Whether a report of the campaign at index `i` gives a figure.
fn campaign_has_figures(site: &Site, i: usize) -> bool {
    site.campaigns[i]
        .items
        .iter()
        .any(|id| !site.item(*id).doc.stats.is_empty())
}

/// The files of one scope's statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Export {
    /// `reports.csv`.
    ReportsCsv,
    /// `totals.csv`.
    TotalsCsv,
    /// `stats.json`.
    Json,
}

impl Export {
    /// Every export, in the order pages link them.
    pub const ALL: [Export; 3] = [Export::ReportsCsv, Export::TotalsCsv, Export::Json];

    /// Its file name inside the scope's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Export::ReportsCsv => "reports.csv",
            Export::TotalsCsv => "totals.csv",
            Export::Json => "stats.json",
        }
    }
}

/// The theme's interface strings, each falling back to its key.
#[derive(Clone, Copy)]
pub(super) struct Strings<'a>(pub &'a BTreeMap<String, String>);

impl Strings<'_> {
    /// The string `key`, or the key itself.
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

/// Whether the site reads the Chinese (or Japanese) way.
fn cjk(p: &Prepared<'_>) -> bool {
    let language = p.config.language.as_str();
    language.starts_with("zh") || language.starts_with("ja")
}

/// `2026年3月` (`March 2026`).
pub(super) fn month_name(p: &Prepared<'_>, m: YearMonth) -> String {
    let s = Strings(p.strings);
    let month = s.get(&format!("month_{}", m.month));
    if cjk(p) {
        format!("{}{}{month}", m.year, s.get("year_suffix"))
    } else {
        format!("{month} {}", m.year)
    }
}

/// A region's name, or the words for reports that name none.
pub(super) fn region_name(s: &Strings<'_>, region: Option<&str>) -> String {
    region.map_or_else(|| s.get("stats_no_region"), str::to_string)
}

/// A figure as people read it: `1.2万`, `20万`, `3.5亿` in Chinese from
/// ten thousand up (`余` kept), else as [`Figure::display`]; `12,000` in
/// other languages.
pub fn reading(figure: Figure, language: &str) -> String {
    let value = figure.value();
    let chinese = language.starts_with("zh") || language.starts_with("ja");
    if !chinese {
        let whole = format_thousands(value);
        return if figure.is_approximate() {
            format!("{whole}+")
        } else {
            whole
        };
    }
    let (scaled, unit) = if value >= 1e8 {
        (value / 1e8, "亿")
    } else if value >= 1e4 {
        (value / 1e4, "万")
    } else {
        return figure.display(language);
    };
    // Cut, not rounded, to one decimal: what is cut off is the 余
    // (12345 reads 1.2万余, 10694.5 reads 1万余).
    let cut = (scaled * 10.0).floor() / 10.0;
    let number = if cut.fract() == 0.0 {
        format!("{}", cut as i64)
    } else {
        format!("{cut:.1}")
    };
    if figure.is_approximate() || cut < scaled {
        format!("{number}{unit}余")
    } else {
        format!("{number}{unit}")
    }
}

/// `12,000`; decimals kept as [`Figure::number`] writes them.
fn format_thousands(value: f64) -> String {
    let text = Figure::exact(value).number();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), format!(".{f}")),
        None => (text.clone(), String::new()),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + &fraction
}

/// A metric as tables head it.
#[derive(Serialize)]
pub struct MetricHead {
    key: String,
    label: String,
    unit: String,
}

/// One cell of a table: the exact figure (`3700余`, `—` for none) and how
/// many of its reports gave no figure.
#[derive(Serialize)]
pub struct CellView {
    display: String,
    approximate: bool,
    given: usize,
    missing: usize,
}

/// A row of a table.
#[derive(Serialize)]
pub struct RowView {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    reports: usize,
    cells: Vec<CellView>,
}

/// A table: by year, campaign, region or month, with its total row.
#[derive(Serialize)]
pub struct TableView {
    key: &'static str,
    title: String,
    name_head: String,
    rows: Vec<RowView>,
    total: RowView,
}

/// A chart, and the data it draws.
#[derive(Serialize)]
pub struct ChartView {
    id: String,
    title: String,
    svg: String,
    rows: Vec<ChartRow>,
}

/// A bar of a chart as its data table shows it.
#[derive(Serialize)]
pub struct ChartRow {
    label: String,
    display: String,
}

/// A group of charts: one per metric, over the same rows.
#[derive(Serialize)]
pub struct ChartGroup {
    key: &'static str,
    title: String,
    charts: Vec<ChartView>,
}

/// A total as the headline shows it.
#[derive(Serialize)]
pub struct Headline {
    key: String,
    label: String,
    unit: String,
    display: String,
    reading: String,
    approximate: bool,
    given: usize,
    missing: usize,
}

/// A report among the largest figures.
#[derive(Serialize)]
pub struct RankedView {
    title: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_display: Option<String>,
    display: String,
}

/// The largest figures of one metric.
#[derive(Serialize)]
pub struct TopView {
    key: String,
    label: String,
    unit: String,
    reports: Vec<RankedView>,
}

/// The exports of a scope.
#[derive(Serialize)]
pub struct ExportsView {
    reports_csv: String,
    totals_csv: String,
    json: String,
}

/// A year with a page.
#[derive(Serialize)]
pub struct YearLink {
    year: i32,
    url: String,
    current: bool,
}

/// `stats` on `stats.html` and `stats_year.html`.
#[derive(Serialize)]
pub struct StatsView {
    title: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    reports: usize,
    metrics: Vec<MetricHead>,
    headline: Vec<Headline>,
    tables: Vec<TableView>,
    charts: Vec<ChartGroup>,
    top: Vec<TopView>,
    years: Vec<YearLink>,
    exports: ExportsView,
}

/// `stats` on the home page and a campaign page: a chart or two, the
/// exports and the way to `/stats/`.
#[derive(Serialize)]
pub struct StatsBrief {
    url: String,
    charts: Vec<ChartView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exports: Option<ExportsView>,
}

/// The title of `/stats/` or of a year's page.
pub(super) fn title(p: &Prepared<'_>, scope: Scope) -> String {
    let s = Strings(p.strings);
    match scope {
        Scope::Year(year) => format!(
            "{}{year}{}",
            s.get("stats_year_prefix"),
            s.get("stats_year_suffix")
        ),
        _ => s.get("nav_stats"),
    }
}

/// The page `stats.html` (scope `Site`) or `stats_year.html` shows.
pub(super) fn page_view(p: &Prepared<'_>, scope: Scope) -> StatsView {
    let b = scope.breakdown(p.site, p.config.metrics.len());
    let mut sections = Sections::default();
    if scope == Scope::Site {
        sections.by_year(p, &b);
    }
    let months_year = match scope {
        Scope::Year(year) => Some(year),
        _ => shown_year(p.site),
    };
    if let Some(year) = months_year {
        sections.by_month(p, &b, year);
    }
    sections.by_campaign(p, &b);
    sections.by_region(p, &b);
    let Sections { tables, charts } = sections;
    let path = scope.page(p.site);
    StatsView {
        title: title(p, scope),
        url: p.urls.url(&path),
        year: match scope {
            Scope::Year(year) => Some(year),
            _ => None,
        },
        reports: b.total.reports,
        metrics: metric_heads(p),
        headline: headline(p, &b.total),
        tables,
        charts,
        top: b.top.iter().filter_map(|t| top_view(p, t)).collect(),
        years: p
            .site
            .report_years()
            .into_iter()
            .map(|year| YearLink {
                year,
                url: p.urls.url(&Scope::Year(year).page(p.site)),
                current: scope == Scope::Year(year),
            })
            .collect(),
        exports: exports(p, scope),
    }
}

/// The tables and charts of a statistics page, in the order it shows them.
#[derive(Default)]
struct Sections {
    tables: Vec<TableView>,
    charts: Vec<ChartGroup>,
}

impl Sections {
    /// By year, each year linked to its page.
    fn by_year(&mut self, p: &Prepared<'_>, b: &Breakdown) {
        let s = Strings(p.strings);
        let rows = b
            .by_year
            .iter()
            .map(|r| {
                let url = p.urls.url(&Scope::Year(r.key).page(p.site));
                row_view(p, year_label(&s, r.key), Some(url), &r.tally)
            })
            .collect();
        self.tables
            .push(table(p, b, "by_year", "stats_year_col", rows));
        let bars = |metric| bars_of(p, &b.by_year, metric, |y| year_label(&s, *y));
        self.charts.push(group(p, b, "by_year", &bars));
    }

    /// The twelve months of `year`, with their own total.
    fn by_month(&mut self, p: &Prepared<'_>, b: &Breakdown, year: i32) {
        let s = Strings(p.strings);
        let n = p.config.metrics.len();
        let months = b.months_of(year, n);
        let name = |m: &YearMonth| s.get(&format!("month_{}", m.month));
        let rows = months
            .iter()
            .map(|r| row_view(p, name(&r.key), None, &r.tally))
            .collect();
        let title = format!(
            "{}{year}{}",
            s.get("stats_months_prefix"),
            s.get("stats_months_suffix")
        );
        let mut t = table(p, b, "by_month", "stats_month_col", rows);
        let total = months.iter().fold(Tally::new(n), |mut acc, r| {
            merge(&mut acc, &r.tally);
            acc
        });
        t.total = row_view(p, s.get("stats_total"), None, &total);
        t.title.clone_from(&title);
        self.tables.push(t);
        let bars = |metric| bars_of(p, &months, metric, name);
        let mut g = group(p, b, "by_month", &bars);
        g.title = title;
        self.charts.push(g);
    }

    /// By campaign, each linked to its page; nothing when no report names one.
    fn by_campaign(&mut self, p: &Prepared<'_>, b: &Breakdown) {
        if b.by_campaign.is_empty() {
            return;
        }
        let rows = b
            .by_campaign
            .iter()
            .map(|r| {
                let c = &p.site.campaigns[r.key.0];
                row_view(p, c.doc.title.clone(), Some(p.urls.url(&c.path)), &r.tally)
            })
            .collect();
        self.tables
            .push(table(p, b, "by_campaign", "stats_campaign_col", rows));
        let title = |c: &CampaignId| p.site.campaigns[c.0].doc.title.clone();
        let bars = |metric| bars_of(p, &b.by_campaign, metric, title);
        self.charts.push(group(p, b, "by_campaign", &bars));
    }

    /// By region, the reports that name none last.
    fn by_region(&mut self, p: &Prepared<'_>, b: &Breakdown) {
        let s = Strings(p.strings);
        let rows = b
            .by_region
            .iter()
            .map(|r| row_view(p, region_name(&s, r.key.as_deref()), None, &r.tally))
            .collect();
        self.tables
            .push(table(p, b, "by_region", "stats_region_col", rows));
    }
}

/// The home page's `stats`: the site by year (when it spans more than
/// one) and the shown year by month, of the first metric with figures.
pub(super) fn home_brief(p: &Prepared<'_>) -> Option<StatsBrief> {
    if !p.site.has_figures() {
        return None;
    }
    let n = p.config.metrics.len();
    let b = Scope::Site.breakdown(p.site, n);
    let metric = first_metric(&b.total)?;
    let s = Strings(p.strings);
    let mut charts = Vec::new();
    if b.by_year.len() > 1 {
        let bars = bars_of(p, &b.by_year, metric, |y| year_label(&s, *y));
        charts.push(chart(
            p,
            "home-year",
            &s.get("stats_by_year"),
            metric,
            &bars,
        ));
    }
    if let Some(year) = shown_year(p.site) {
        let months = b.months_of(year, n);
        let bars = bars_of(p, &months, metric, |m| s.get(&format!("month_{}", m.month)));
        let dimension = format!(
            "{}{year}{}",
            s.get("stats_months_prefix"),
            s.get("stats_months_suffix")
        );
        charts.push(chart(p, "home-month", &dimension, metric, &bars));
    }
    Some(StatsBrief {
        url: p.urls.url(&Scope::Site.page(p.site)),
        charts,
        exports: None,
    })
}

/// A campaign page's `stats`: its reports by month, of the first metric
/// with figures, and its exports.
pub(super) fn campaign_brief(p: &Prepared<'_>, i: usize) -> Option<StatsBrief> {
    let scope = Scope::Campaign(i);
    if !campaign_has_figures(p.site, i) {
        return None;
    }
    let b = scope.breakdown(p.site, p.config.metrics.len());
    let metric = first_metric(&b.total)?;
    let bars = bars_of(p, &b.by_month, metric, |m| month_name(p, *m));
    let s = Strings(p.strings);
    Some(StatsBrief {
        url: p.urls.url(&Scope::Site.page(p.site)),
        charts: vec![chart(
            p,
            "campaign-month",
            &s.get("stats_by_month"),
            metric,
            &bars,
        )],
        exports: Some(exports(p, scope)),
    })
}

/// The year the month table and chart show: the build's year when it has
/// reports, else the newest year that has.
fn shown_year(site: &Site) -> Option<i32> {
    let years = site.report_years();
    let now = site.now.year();
    years
        .iter()
        .copied()
        .find(|y| *y == now)
        .or(years.first().copied())
}

fn first_metric(total: &Tally) -> Option<usize> {
    total.cells.iter().position(|c| c.sum.is_some())
}

fn merge(acc: &mut Tally, other: &Tally) {
    acc.reports += other.reports;
    for (a, o) in acc.cells.iter_mut().zip(&other.cells) {
        a.given += o.given;
        a.missing += o.missing;
        a.sum = match (a.sum, o.sum) {
            (Some(x), Some(y)) => Some(x.plus(y)),
            (x, y) => x.or(y),
        };
    }
}

fn year_label(s: &Strings<'_>, year: i32) -> String {
    format!("{year}{}", s.get("year_suffix"))
}

fn metric_heads(p: &Prepared<'_>) -> Vec<MetricHead> {
    p.config
        .metrics
        .iter()
        .map(|m| MetricHead {
            key: m.key.clone(),
            label: m.label.clone(),
            unit: m.unit.clone(),
        })
        .collect()
}

fn cell_view(p: &Prepared<'_>, cell: &crate::site::stats::Cell) -> CellView {
    CellView {
        display: cell
            .sum
            .map_or_else(|| "—".to_string(), |f| f.display(&p.config.language)),
        approximate: cell.sum.is_some_and(Figure::is_approximate),
        given: cell.given,
        missing: cell.missing,
    }
}

fn row_view(p: &Prepared<'_>, name: String, url: Option<String>, tally: &Tally) -> RowView {
    RowView {
        name,
        url,
        reports: tally.reports,
        cells: tally.cells.iter().map(|c| cell_view(p, c)).collect(),
    }
}

fn table(
    p: &Prepared<'_>,
    b: &Breakdown,
    key: &'static str,
    name_head: &str,
    rows: Vec<RowView>,
) -> TableView {
    let s = Strings(p.strings);
    TableView {
        key,
        title: s.get(&format!("stats_{key}")),
        name_head: s.get(name_head),
        rows,
        total: row_view(p, s.get("stats_total"), None, &b.total),
    }
}

fn headline(p: &Prepared<'_>, total: &Tally) -> Vec<Headline> {
    p.config
        .metrics
        .iter()
        .zip(&total.cells)
        .filter_map(|(m, cell)| {
            let sum = cell.sum?;
            Some(Headline {
                key: m.key.clone(),
                label: m.label.clone(),
                unit: m.unit.clone(),
                display: sum.display(&p.config.language),
                reading: reading(sum, &p.config.language),
                approximate: sum.is_approximate(),
                given: cell.given,
                missing: cell.missing,
            })
        })
        .collect()
}

fn top_view(p: &Prepared<'_>, top: &Top) -> Option<TopView> {
    let m = p.config.metrics.get(top.metric)?;
    let language = p.config.language.as_str();
    Some(TopView {
        key: m.key.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        reports: top
            .reports
            .iter()
            .map(|r| {
                let entry = p.site.item(r.item);
                RankedView {
                    title: entry.doc.title.clone(),
                    url: p.urls.url(&entry.path),
                    date: entry.doc.date.map(crate::date::DateTime::iso),
                    date_display: entry.doc.date.map(|d| d.display(language)),
                    display: r.figure.display(language),
                }
            })
            .collect(),
    })
}

fn exports(p: &Prepared<'_>, scope: Scope) -> ExportsView {
    let folder = scope.folder(p.site);
    let url = |e: Export| format!("{}{}", p.urls.folder(&folder), e.file_name());
    ExportsView {
        reports_csv: url(Export::ReportsCsv),
        totals_csv: url(Export::TotalsCsv),
        json: url(Export::Json),
    }
}

/// The bars of `metric` over `rows`, labelled by `label`.
fn bars_of<K>(
    p: &Prepared<'_>,
    rows: &[Row<K>],
    metric: usize,
    label: impl Fn(&K) -> String,
) -> Vec<Bar> {
    let language = p.config.language.as_str();
    rows.iter()
        .map(|r| {
            let sum = r.tally.cells.get(metric).and_then(|c| c.sum);
            Bar {
                label: label(&r.key),
                value: sum.map_or(0.0, Figure::value),
                display: sum.map_or_else(|| "0".to_string(), |f| reading(f, language)),
            }
        })
        .collect()
}

/// One chart per metric with figures in `b`, over the bars `bars` gives.
fn group(
    p: &Prepared<'_>,
    b: &Breakdown,
    key: &'static str,
    bars: &dyn Fn(usize) -> Vec<Bar>,
) -> ChartGroup {
    let s = Strings(p.strings);
    let dimension = s.get(&format!("stats_{key}"));
    let charts = (0..p.config.metrics.len())
        .filter(|m| b.total.cells.get(*m).is_some_and(|c| c.sum.is_some()))
        .map(|m| chart(p, &format!("chart-{key}-{m}"), &dimension, m, &bars(m)))
        .collect();
    ChartGroup {
        key,
        title: dimension,
        charts,
    }
}

/// The chart of `metric` over `bars`, titled by the metric and `dimension`.
fn chart(p: &Prepared<'_>, id: &str, dimension: &str, metric: usize, bars: &[Bar]) -> ChartView {
    let s = Strings(p.strings);
    let (label, unit) = p
        .config
        .metrics
        .get(metric)
        .map_or(("", ""), |m| (m.label.as_str(), m.unit.as_str()));
    let title = format!(
        "{label}{}{unit}{}{}{dimension}",
        s.get("unit_open"),
        s.get("unit_close"),
        s.get("chart_title_sep")
    );
    let highest = bars
        .iter()
        .filter(|b| b.value > 0.0)
        .max_by(|a, b| a.value.total_cmp(&b.value));
    let desc = match highest {
        Some(bar) => format!(
            "{}{} {}{unit}{}",
            s.get("chart_highest"),
            bar.label,
            bar.display,
            s.get("chart_desc_end")
        ),
        None => s.get("chart_desc_end"),
    };
    ChartView {
        id: id.to_string(),
        svg: charts::svg(&BarChart {
            id,
            title: &title,
            desc: &desc,
            bars,
        }),
        title,
        rows: bars
            .iter()
            .map(|b| ChartRow {
                label: b.label.clone(),
                display: b.display.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_the_chinese_way_from_ten_thousand() {
        let read = |text: &str| reading(Figure::parse(text).unwrap_or_default(), "zh-CN");
        assert_eq!(read("12000"), "1.2万");
        assert_eq!(read("200000"), "20万");
        assert_eq!(read("12345"), "1.2万余");
        assert_eq!(read("3500余"), "3500余");
        assert_eq!(read("9999"), "9999");
        assert_eq!(read("250000000"), "2.5亿");
        assert_eq!(read("1万余"), "1万余");
        assert_eq!(read("10694.5"), "1万余");
        assert_eq!(read("19999"), "1.9万余");
        assert_eq!(reading(Figure::exact(1_234_567.0), "en"), "1,234,567");
        assert_eq!(reading(Figure::exact(12.5), "en"), "12.5");
    }
}
