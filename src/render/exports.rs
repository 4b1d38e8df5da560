//! The statistics as files to take away: for the site, each year and each
//! campaign, `reports.csv` (one row per report: date, title, campaign,
//! region, URL and each metric), `totals.csv` (the totals, by year,
//! campaign, region and month, with how many reports each is made of and
//! how many gave no figure) and `stats.json` (all of it). CSV is UTF-8 with
//! a BOM, so Excel reads Chinese right, quoted as RFC 4180 says, with CRLF
//! line ends; a text cell that a spreadsheet would take for a formula
//! (`=`, `+`, `-`, `@` first) is written with a `'` before it. Rendered in
//! memory; `output` writes them.

use serde_json::{json, Map, Value};

use super::stats::{month_name, region_name, Scope, Strings};
use super::{File, Prepared};
use crate::figure::Figure;
use crate::site::stats::{Breakdown, Tally};

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
    let metrics: Vec<Value> = p
        .config
        .metrics
        .iter()
        .map(|m| json!({"key": m.key, "label": m.label, "unit": m.unit}))
        .collect();
    let mut doc = Map::new();
    doc.insert("site".into(), json!(p.config.title));
    doc.insert("url".into(), json!(p.urls.permalink(&scope.page(p.site))));
    match scope {
        Scope::Site => {}
        Scope::Year(year) => {
            doc.insert("year".into(), json!(year));
        }
        Scope::Campaign(i) => {
            let c = &p.site.campaigns[i];
            doc.insert(
                "campaign".into(),
                json!({"slug": c.doc.slug.as_str(), "title": c.doc.title}),
            );
        }
    }
    doc.insert("metrics".into(), Value::Array(metrics));
    doc.insert("total".into(), tally_json(p, &b.total, Map::new()));
    let rows = |key: &str, name: Value, tally: &Tally| {
        let mut m = Map::new();
        m.insert(key.into(), name);
        tally_json(p, tally, m)
    };
    let by_year: Vec<Value> = b
        .by_year
        .iter()
        .map(|r| rows("year", json!(r.key), &r.tally))
        .collect();
    let by_campaign: Vec<Value> = b
        .by_campaign
        .iter()
        .map(|r| {
            let c = &p.site.campaigns[r.key.0];
            let name = json!({"slug": c.doc.slug.as_str(), "title": c.doc.title});
            rows("campaign", name, &r.tally)
        })
        .collect();
    let by_region: Vec<Value> = b
        .by_region
        .iter()
        .map(|r| rows("region", json!(r.key), &r.tally))
        .collect();
    let by_month: Vec<Value> = b
        .by_month
        .iter()
        .map(|r| {
            rows(
                "month",
                json!(format!("{}-{:02}", r.key.year, r.key.month)),
                &r.tally,
            )
        })
        .collect();
    doc.insert("by_year".into(), Value::Array(by_year));
    doc.insert("by_campaign".into(), Value::Array(by_campaign));
    doc.insert("by_region".into(), Value::Array(by_region));
    doc.insert("by_month".into(), Value::Array(by_month));
    let reports: Vec<Value> = b.reports.iter().map(|id| report_json(p, *id)).collect();
    doc.insert("reports".into(), Value::Array(reports));
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}

/// A figure in JSON: its number, and whether it is approximate.
fn figure_json(figure: Figure) -> Value {
    let value = figure.value();
    let number = if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    };
    json!({"value": number, "approximate": figure.is_approximate()})
}

/// `tally` into `m`: `reports`, and for each metric its sum (or null),
/// how many reports gave it and how many did not.
fn tally_json(p: &Prepared<'_>, tally: &Tally, mut m: Map<String, Value>) -> Value {
    m.insert("reports".into(), json!(tally.reports));
    let mut figures = Map::new();
    for (metric, cell) in p.config.metrics.iter().zip(&tally.cells) {
        let mut f = match cell.sum {
            Some(sum) => figure_json(sum),
            None => json!({"value": null, "approximate": false}),
        };
        if let Some(obj) = f.as_object_mut() {
            obj.insert("given".into(), json!(cell.given));
            obj.insert("missing".into(), json!(cell.missing));
        }
        figures.insert(metric.key.clone(), f);
    }
    m.insert("figures".into(), Value::Object(figures));
    Value::Object(m)
}

fn report_json(p: &Prepared<'_>, id: crate::site::ItemId) -> Value {
    let entry = p.site.item(id);
    let doc = &entry.doc;
    let mut figures = Map::new();
    for (metric, figure) in &doc.stats {
        if let Some(m) = p.config.metrics.get(*metric) {
            figures.insert(m.key.clone(), figure_json(*figure));
        }
    }
    let campaigns: Vec<&str> = entry
        .campaigns
        .iter()
        .map(|c| p.site.campaigns[c.0].doc.slug.as_str())
        .collect();
    json!({
        "date": doc.date.map(|d| d.day().iso()),
        "title": doc.title,
        "url": p.urls.permalink(&entry.path),
        "campaigns": campaigns,
        "region": doc.region,
        "figures": figures,
    })
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
