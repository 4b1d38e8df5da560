//! Totals of the figures reports give (服务人次, 志愿者人数 …): summed
//! over the whole site and over each campaign; approximate (`3700余`)
//! when any figure summed is.

use super::{Site, Total};
use crate::figure::Figure;

impl Site {
    /// Sums every published report's figures, for the site and for each
    /// campaign; `metric_count` is the number of configured metrics.
    pub(super) fn fill_totals(&mut self, metric_count: usize) {
        let mut site_sums = vec![None; metric_count];
        for entry in &self.items {
            add_stats(&mut site_sums, &entry.doc.stats);
        }
        self.totals = totals(&site_sums);
        for campaign in &mut self.campaigns {
            let mut sums = vec![None; metric_count];
            for id in &campaign.items {
                add_stats(&mut sums, &self.items[id.0].doc.stats);
            }
            campaign.totals = totals(&sums);
        }
    }
}

/// Adds one item's figures to the running sums, by metric index.
fn add_stats(sums: &mut [Option<Figure>], stats: &[(usize, Figure)]) {
    for (metric, value) in stats {
        if let Some(slot) = sums.get_mut(*metric) {
            *slot = Some(slot.unwrap_or_default().plus(*value));
        }
    }
}

/// The metrics that have a sum, with it.
fn totals(sums: &[Option<Figure>]) -> Vec<Total> {
    sums.iter()
        .enumerate()
        .filter_map(|(metric, v)| v.map(|value| Total { metric, value }))
        .collect()
}
