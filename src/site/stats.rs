//! The statistics of the figures reports give: for a set of reports (the
//! whole site, a year, a campaign) the totals by year, by campaign, by
//! region and by month, each with how many reports it is made of and how
//! many of them gave no figure for each metric, and the reports with the
//! largest figures. Pure: reads the site model, knows no HTML or file.
//!
//! A report named by two campaigns counts once in the total and once in
//! each campaign's row. Approximate figures (`3500余`) keep their 余 in
//! every sum they enter ([`Figure::plus`]).

use std::collections::BTreeMap;

use super::{CampaignId, ItemId, Site};
use crate::content::Kind;
use crate::figure::Figure;

/// How many reports with the largest figures [`Breakdown::top`] keeps per metric.
pub const TOP: usize = 5;

/// One metric summed over some reports.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cell {
    /// The sum of the figures given, or `None` when no report gave one.
    pub sum: Option<Figure>,
    /// Reports that gave a figure for the metric.
    pub given: usize,
    /// Reports that gave none.
    pub missing: usize,
}

/// Every metric summed over some reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// How many reports it is made of.
    pub reports: usize,
    /// One cell per configured metric, in `metrics` order.
    pub cells: Vec<Cell>,
}

impl Tally {
    /// An empty tally of `metric_count` metrics.
    pub fn new(metric_count: usize) -> Tally {
        Tally {
            reports: 0,
            cells: vec![Cell::default(); metric_count],
        }
    }

    /// Adds one report's figures.
    pub fn add(&mut self, stats: &[(usize, Figure)]) {
        self.reports += 1;
        for (metric, cell) in self.cells.iter_mut().enumerate() {
            match stats.iter().find(|(m, _)| *m == metric) {
                Some((_, figure)) => {
                    cell.sum = Some(cell.sum.unwrap_or_default().plus(*figure));
                    cell.given += 1;
                }
                None => cell.missing += 1,
            }
        }
    }

    /// Whether any report in it gave any figure.
    pub fn has_figures(&self) -> bool {
        self.cells.iter().any(|c| c.sum.is_some())
    }
}

/// A month: year and 1–12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

impl YearMonth {
    /// The month after this one.
    fn next(self) -> YearMonth {
        if self.month >= 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                month: self.month + 1,
                ..self
            }
        }
    }
}

/// A row of a table: what it groups by, and its tally.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<K> {
    /// The year, campaign, region or month.
    pub key: K,
    /// Its reports' figures.
    pub tally: Tally,
}

/// A report among those with the largest figures of a metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// The report.
    pub item: ItemId,
    /// Its figure.
    pub figure: Figure,
}

/// The reports with the largest figures of one metric, largest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Top {
    /// Index into the configured metrics.
    pub metric: usize,
    /// At most [`TOP`] reports.
    pub reports: Vec<Ranked>,
}

/// The figures of a set of reports, every way a department reports them.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// The reports, newest first.
    pub reports: Vec<ItemId>,
    /// All of them together.
    pub total: Tally,
    /// By year, newest first.
    pub by_year: Vec<Row<i32>>,
    /// By campaign, in the site's campaign order; reports of no campaign
    /// are in no row.
    pub by_campaign: Vec<Row<CampaignId>>,
    /// By region, by name; `None` for reports that name no region (last).
    pub by_region: Vec<Row<Option<String>>>,
    /// By month, every month from the first report's to the last's.
    pub by_month: Vec<Row<YearMonth>>,
    /// For each metric with figures, the reports with the largest ones.
    pub top: Vec<Top>,
}

impl Site {
    /// Every published report, newest first.
    pub fn reports(&self) -> &[ItemId] {
        self.of_kind(Kind::Report)
    }

    /// Whether any published report gives a figure: the statistics pages
    /// exist only then.
    pub fn has_figures(&self) -> bool {
        self.reports()
            .iter()
            .any(|id| !self.item(*id).doc.stats.is_empty())
    }

    /// The years that have reports, newest first.
    pub fn report_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .reports()
            .iter()
            .filter_map(|id| self.item(*id).doc.date.map(|d| d.year()))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }

    /// The reports of `year`, newest first.
    pub fn reports_of_year(&self, year: i32) -> Vec<ItemId> {
        self.reports()
            .iter()
            .copied()
            .filter(|id| self.item(*id).doc.date.map(|d| d.year()) == Some(year))
            .collect()
    }

    /// The reports of a campaign, newest first.
    pub fn reports_of_campaign(&self, campaign: CampaignId) -> Vec<ItemId> {
        self.campaigns[campaign.0]
            .items
            .iter()
            .copied()
            .filter(|id| self.item(*id).doc.kind == Kind::Report)
            .collect()
    }
}

impl Breakdown {
    /// The breakdown of `reports` (newest first) over `metric_count` metrics.
    pub fn of(site: &Site, reports: Vec<ItemId>, metric_count: usize) -> Breakdown {
        let mut total = Tally::new(metric_count);
        let mut years: BTreeMap<i32, Tally> = BTreeMap::new();
        let mut campaigns: BTreeMap<CampaignId, Tally> = BTreeMap::new();
        let mut regions: BTreeMap<Option<&str>, Tally> = BTreeMap::new();
        let mut months: BTreeMap<YearMonth, Tally> = BTreeMap::new();
        let fresh = || Tally::new(metric_count);
        for id in &reports {
            let entry = site.item(*id);
            let stats = &entry.doc.stats;
            total.add(stats);
            if let Some(date) = entry.doc.date {
                years.entry(date.year()).or_insert_with(fresh).add(stats);
                let month = YearMonth {
                    year: date.year(),
                    month: date.month(),
                };
                months.entry(month).or_insert_with(fresh).add(stats);
            }
            for c in &entry.campaigns {
                campaigns.entry(*c).or_insert_with(fresh).add(stats);
            }
            let region = entry.doc.region.as_deref().filter(|r| !r.trim().is_empty());
            regions.entry(region).or_insert_with(fresh).add(stats);
        }
        let top = top(site, &reports, metric_count);
        Breakdown {
            reports,
            total,
            by_year: years
                .into_iter()
                .rev()
                .map(|(key, tally)| Row { key, tally })
                .collect(),
            by_campaign: campaigns
                .into_iter()
                .map(|(key, tally)| Row { key, tally })
                .collect(),
            by_region: by_region(regions),
            by_month: contiguous(months, metric_count),
            top,
        }
    }

    /// The twelve months of `year`, each with a row even when no report
    /// was made in it (so the table does not depend on the build's month).
    pub fn months_of(&self, year: i32, metric_count: usize) -> Vec<Row<YearMonth>> {
        (1..=12)
            .map(|month| {
                let key = YearMonth { year, month };
                let tally = self
                    .by_month
                    .iter()
                    .find(|r| r.key == key)
                    .map_or_else(|| Tally::new(metric_count), |r| r.tally.clone());
                Row { key, tally }
            })
            .collect()
    }
}

/// Rows by region name, the reports without a region last.
fn by_region(regions: BTreeMap<Option<&str>, Tally>) -> Vec<Row<Option<String>>> {
    let mut rows: Vec<Row<Option<String>>> = regions
        .into_iter()
        .map(|(key, tally)| Row {
            key: key.map(str::to_string),
            tally,
        })
        .collect();
    // `None` sorts first in a BTreeMap; readers look for it last.
    rows.sort_by(|a, b| match (&a.key, &b.key) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(x), Some(y)) => x.cmp(y),
    });
    rows
}

/// Every month from the first of `months` to the last, oldest first,
/// with an empty tally where no report was made.
fn contiguous(months: BTreeMap<YearMonth, Tally>, metric_count: usize) -> Vec<Row<YearMonth>> {
    let (Some(first), Some(last)) = (
        months.keys().next().copied(),
        months.keys().next_back().copied(),
    ) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut month = first;
    while month <= last {
        let tally = months
            .get(&month)
            .cloned()
            .unwrap_or_else(|| Tally::new(metric_count));
        rows.push(Row { key: month, tally });
        month = month.next();
    }
    rows
}

/// For each metric with figures, the [`TOP`] reports with the largest
/// ones (ties: the newer first).
fn top(site: &Site, reports: &[ItemId], metric_count: usize) -> Vec<Top> {
    (0..metric_count)
        .filter_map(|metric| {
            let mut ranked: Vec<Ranked> = reports
                .iter()
                .filter_map(|id| {
                    let stats = &site.item(*id).doc.stats;
                    let (_, figure) = stats.iter().find(|(m, _)| *m == metric)?;
                    Some(Ranked {
                        item: *id,
                        figure: *figure,
                    })
                })
                .collect();
            // Stable: reports come newest first, so ties keep the newer first.
            ranked.sort_by(|a, b| b.figure.value().total_cmp(&a.figure.value()));
            ranked.truncate(TOP);
            (!ranked.is_empty()).then_some(Top {
                metric,
                reports: ranked,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(v: f64) -> Figure {
        Figure::exact(v)
    }

    #[test]
    fn a_tally_counts_reports_with_and_without_each_figure() {
        let mut tally = Tally::new(2);
        tally.add(&[(0, figure(3.0))]);
        tally.add(&[
            (0, Figure::parse("10余").unwrap_or_default()),
            (1, figure(4.0)),
        ]);
        tally.add(&[]);
        assert_eq!(tally.reports, 3);
        let first = tally.cells[0];
        assert_eq!(first.given, 2);
        assert_eq!(first.missing, 1);
        let sum = first.sum.unwrap_or_default();
        assert_eq!(sum.value(), 13.0);
        assert!(sum.is_approximate(), "a 余 figure keeps its 余 in the sum");
        assert_eq!(tally.cells[1].given, 1);
        assert_eq!(tally.cells[1].missing, 2);
        assert!(tally.has_figures());
        assert!(!Tally::new(2).has_figures());
    }

    #[test]
    fn months_run_without_gaps_from_the_first_to_the_last() {
        let mut months = BTreeMap::new();
        let mut one = Tally::new(1);
        one.add(&[(0, figure(1.0))]);
        months.insert(
            YearMonth {
                year: 2022,
                month: 11,
            },
            one.clone(),
        );
        months.insert(
            YearMonth {
                year: 2023,
                month: 2,
            },
            one,
        );
        let rows = contiguous(months, 1);
        let keys: Vec<(i32, u8)> = rows.iter().map(|r| (r.key.year, r.key.month)).collect();
        assert_eq!(keys, [(2022, 11), (2022, 12), (2023, 1), (2023, 2)]);
        assert_eq!(rows[1].tally.reports, 0);
        assert_eq!(rows[1].tally.cells[0].sum, None);
    }

    #[test]
    fn reports_without_a_region_come_last() {
        let mut regions = BTreeMap::new();
        regions.insert(None, Tally::new(0));
        regions.insert(Some("乙"), Tally::new(0));
        regions.insert(Some("甲"), Tally::new(0));
        let keys: Vec<Option<String>> = by_region(regions).into_iter().map(|r| r.key).collect();
        assert_eq!(keys, [Some("乙".into()), Some("甲".into()), None]);
    }
}
