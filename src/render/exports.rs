//! The statistics as files to take away: for the site, each year and each
//! campaign, `reports.csv` (one row per report: date, title, campaign,
//! region, URL and each metric), `totals.csv` (the totals, by year,
//! campaign, region and month, with how many reports each is made of and
//! how many gave no figure) and `stats.json` (all of it). CSV is UTF-8 with
//! a BOM, so Excel reads Chinese right, quoted as RFC 4180 says, with CRLF
//! line ends; a text cell that a spreadsheet would take for a formula
//! (`=`, `+`, `-`, `@` first) is written with a `'` before it. Rendered in
//! memory; `output` writes them.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::context::Figure as Number;
use super::stats::{month_name, region_name, Export, Scope, Strings};
use super::{File, Prepared};
use crate::figure::Figure;
use crate::site::stats::{Breakdown, Tally};

/// The byte order mark that tells Excel a CSV file is UTF-8.
const BOM: &str = "\u{feff}";

/// One export of `scope`, whose breakdown is `b`.
pub(super) fn file(p: &Prepared<'_>, scope: Scope, b: &Breakdown, export: Export) -> File {
    let contents = match export {
        Export::ReportsCsv => reports_csv(p, b),
        Export::TotalsCsv => totals_csv(p, b),
        Export::Json => json_file(p, scope, b),
    };
    File {
        path: format!("{}{}", scope.folder(p.site).as_str(), export.file_name()),
        contents: contents.into_bytes(),
    }
}

/// A figure as exports write it: exact, with 余 (or `+`) when approximate.
fn exact(p: &Prepared<'_>, figure: Option<Figure>) -> String {
    figure.map_or_else(String::new, |f| f.display(&p.config.language))
}

/// `label（unit）` of each metric.
fn metric_heads(p: &Prepared<'_>) -> Vec<String> {
    let s = Strings(p.strings);
    p.config
        .metrics
        .iter()
        .map(|m| {
            format!(
                "{}{}{}{}",
                m.label,
                s.get("unit_open"),
                m.unit,
                s.get("unit_close")
            )
        })
        .collect()
}

fn reports_csv(p: &Prepared<'_>, b: &Breakdown) -> String {
    let s = Strings(p.strings);
    let mut out = String::from(BOM);
    let mut head: Vec<String> = [
        "export_date",
        "export_title",
        "export_campaign",
        "export_region",
        "export_url",
    ]
    .iter()
    .map(|k| s.get(k))
    .collect();
    head.extend(metric_heads(p));
    push_row(&mut out, &head);
    for id in &b.reports {
        let entry = p.site.item(*id);
        let doc = &entry.doc;
        let campaigns: Vec<&str> = entry
            .campaigns
            .iter()
            .map(|c| p.site.campaigns[c.0].doc.title.as_str())
            .collect();
        let mut row = vec![
            doc.date.map(|d| d.day().iso()).unwrap_or_default(),
            doc.title.clone(),
            campaigns.join(&s.get("list_sep")),
            doc.region.clone().unwrap_or_default(),
            p.urls.permalink(&entry.path),
        ];
        for metric in 0..p.config.metrics.len() {
            let figure = doc
                .stats
                .iter()
                .find(|(m, _)| *m == metric)
                .map(|(_, f)| *f);
            row.push(exact(p, figure));
        }
        push_row(&mut out, &row);
    }
    out
}

fn totals_csv(p: &Prepared<'_>, b: &Breakdown) -> String {
    let s = Strings(p.strings);
    let mut out = String::from(BOM);
    let mut head = vec![
        s.get("export_group"),
        s.get("export_name"),
        s.get("stats_reports"),
    ];
    for (metric, label) in p.config.metrics.iter().zip(metric_heads(p)) {
        head.push(label);
        head.push(format!("{}{}", metric.label, s.get("stats_missing_suffix")));
    }
    push_row(&mut out, &head);
    let mut add = |group: &str, name: String, tally: &Tally| {
        let mut row = vec![group.to_string(), name, tally.reports.to_string()];
        for cell in &tally.cells {
            row.push(exact(p, cell.sum));
            row.push(cell.missing.to_string());
        }
        push_row(&mut out, &row);
    };
    add(&s.get("stats_total"), String::new(), &b.total);
    for r in &b.by_year {
        add(&s.get("stats_by_year"), year_name(&s, r.key), &r.tally);
    }
    for r in &b.by_campaign {
        let title = p.site.campaigns[r.key.0].doc.title.clone();
        add(&s.get("stats_by_campaign"), title, &r.tally);
    }
    for r in &b.by_region {
        add(
            &s.get("stats_by_region"),
            region_name(&s, r.key.as_deref()),
            &r.tally,
        );
    }
    for r in &b.by_month {
        add(&s.get("stats_by_month"), month_name(p, r.key), &r.tally);
    }
    out
}

fn year_name(s: &Strings<'_>, year: i32) -> String {
    format!("{year}{}", s.get("year_suffix"))
}

/// One CSV record, CRLF-ended.
fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// One CSV field: quoted when it holds a comma, a quote, a line break or
/// outer spaces; a `'` before text a spreadsheet would run as a formula.
fn push_cell(out: &mut String, cell: &str) {
    let formula =
        cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err();
    let guarded;
    let cell = if formula {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    let quote =
        cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

fn json_file(p: &Prepared<'_>, scope: Scope, b: &Breakdown) -> String {
    let campaign = match scope {
        Scope::Campaign(i) => Some(CampaignRef::of(p, i)),
        _ => None,
    };
    let doc = JsonDoc {
        site: &p.config.title,
        url: p.urls.permalink(&scope.page(p.site)),
        year: match scope {
            Scope::Year(year) => Some(year),
            _ => None,
        },
        campaign,
        metrics: &p.config.metrics,
        total: Keyed::total(p, &b.total),
        by_year: b
            .by_year
            .iter()
            .map(|r| Keyed::new(p, "year", KeyJson::Year(r.key), &r.tally))
            .collect(),
        by_campaign: b
            .by_campaign
            .iter()
            .map(|r| {
                let key = KeyJson::Campaign(CampaignRef::of(p, r.key.0));
                Keyed::new(p, "campaign", key, &r.tally)
            })
            .collect(),
        by_region: b
            .by_region
            .iter()
            .map(|r| Keyed::new(p, "region", KeyJson::Region(r.key.as_deref()), &r.tally))
            .collect(),
        by_month: b
            .by_month
            .iter()
            .map(|r| {
                let month = format!("{}-{:02}", r.key.year, r.key.month);
                Keyed::new(p, "month", KeyJson::Month(month), &r.tally)
            })
            .collect(),
        reports: b.reports.iter().map(|id| ReportJson::of(p, *id)).collect(),
    };
    let mut text = serde_json::to_string(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// `stats.json`: written straight from these borrowed views, with no
/// tree of JSON values built first.
#[derive(Serialize)]
struct JsonDoc<'a> {
    site: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    campaign: Option<CampaignRef<'a>>,
    metrics: &'a [crate::config::Metric],
    total: Keyed<'a>,
    by_year: Vec<Keyed<'a>>,
    by_campaign: Vec<Keyed<'a>>,
    by_region: Vec<Keyed<'a>>,
    by_month: Vec<Keyed<'a>>,
    reports: Vec<ReportJson<'a>>,
}

/// A campaign as the JSON names it.
#[derive(Serialize)]
struct CampaignRef<'a> {
    slug: &'a str,
    title: &'a str,
}

impl<'a> CampaignRef<'a> {
    fn of(p: &Prepared<'a>, i: usize) -> CampaignRef<'a> {
        let c = &p.site.campaigns[i];
        CampaignRef {
            slug: c.doc.slug.as_str(),
            title: &c.doc.title,
        }
    }
}

/// What a row of totals is for.
enum KeyJson<'a> {
    Year(i32),
    Campaign(CampaignRef<'a>),
    Region(Option<&'a str>),
    Month(String),
}

/// A row of totals: its key (none for the total), `reports`, and
/// `figures` by metric key.
struct Keyed<'a> {
    name: &'static str,
    key: Option<KeyJson<'a>>,
    tally: &'a Tally,
    metrics: &'a [crate::config::Metric],
}

impl<'a> Keyed<'a> {
    fn new(p: &Prepared<'a>, name: &'static str, key: KeyJson<'a>, tally: &'a Tally) -> Keyed<'a> {
        Keyed {
            name,
            key: Some(key),
            tally,
            metrics: &p.config.metrics,
        }
    }

    fn total(p: &Prepared<'a>, tally: &'a Tally) -> Keyed<'a> {
        Keyed {
            name: "",
            key: None,
            tally,
            metrics: &p.config.metrics,
        }
    }
}

impl Serialize for Keyed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match &self.key {
            Some(KeyJson::Year(year)) => map.serialize_entry(self.name, year)?,
            Some(KeyJson::Campaign(c)) => map.serialize_entry(self.name, c)?,
            Some(KeyJson::Region(r)) => map.serialize_entry(self.name, r)?,
            Some(KeyJson::Month(m)) => map.serialize_entry(self.name, m)?,
            None => {}
        }
        map.serialize_entry("reports", &self.tally.reports)?;
        let figures: Vec<(&str, FigureJson)> = self
            .metrics
            .iter()
            .zip(&self.tally.cells)
            .map(|(m, cell)| {
                let figure = FigureJson {
                    value: cell.sum.map(|f| Number(f.value())),
                    approximate: cell.sum.is_some_and(Figure::is_approximate),
                    given: Some(cell.given),
                    missing: Some(cell.missing),
                };
                (m.key.as_str(), figure)
            })
            .collect();
        map.serialize_entry("figures", &Ordered(figures))?;
        map.end()
    }
}

/// Pairs as a JSON object, in their order.
struct Ordered<'a, V>(Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A figure or a sum: its number (null for none), whether it is
/// approximate, and for sums how many reports gave it and did not.
#[derive(Serialize)]
struct FigureJson {
    value: Option<Number>,
    approximate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<usize>,
}

/// A report in the JSON.
#[derive(Serialize)]
struct ReportJson<'a> {
    date: Option<String>,
    title: &'a str,
    url: String,
    campaigns: Vec<&'a str>,
    region: Option<&'a str>,
    figures: Ordered<'a, FigureJson>,
}

impl<'a> ReportJson<'a> {
    fn of(p: &Prepared<'a>, id: crate::site::ItemId) -> ReportJson<'a> {
        let entry = p.site.item(id);
        let doc = &entry.doc;
        ReportJson {
            date: doc.date.map(|d| d.day().iso()),
            title: &doc.title,
            url: p.urls.permalink(&entry.path),
            campaigns: entry
                .campaigns
                .iter()
                .map(|c| p.site.campaigns[c.0].doc.slug.as_str())
                .collect(),
            region: doc.region.as_deref(),
            figures: Ordered(
                doc.stats
                    .iter()
                    .filter_map(|(metric, figure)| {
                        let m = p.config.metrics.get(*metric)?;
                        Some((
                            m.key.as_str(),
                            FigureJson {
                                value: Some(Number(figure.value())),
                                approximate: figure.is_approximate(),
                                given: None,
                                missing: None,
                            },
                        ))
                    })
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> String {
        let mut out = String::new();
        push_row(
            &mut out,
            &cells.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        );
        out
    }

    #[test]
    fn cells_with_commas_quotes_or_breaks_are_quoted() {
        assert_eq!(
            row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(
            row(&["two\nlines", " padded"]),
            "\"two\nlines\",\" padded\"\r\n"
        );
        assert_eq!(row(&["雷锋，在身边", "3500余"]), "雷锋，在身边,3500余\r\n");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_not_a_formula() {
        assert_eq!(row(&["=SUM(A1)", "-12", "@x"]), "'=SUM(A1),-12,'@x\r\n");
    }
}
