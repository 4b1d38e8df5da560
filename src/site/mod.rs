//! The site model: the published items in one arena (addressed by
//! [`ItemId`]), with their campaigns, columns (第N期), tags, prev/next and
//! stats totals worked out once. Pure: no I/O, no HTML.
//!
//! [`Site::assemble`] reads like its steps: `select` decides what this
//! build publishes (drafts, scheduled items), `relate` ties items to their
//! campaigns and columns and orders them, `tags` gathers the tags, and
//! `totals` sums the reported figures. The types are `model`'s.

mod model;
mod relate;
mod select;
pub mod stats;
mod tags;
mod totals;

pub use model::{
    CampaignEntry, CampaignId, ColumnEntry, ColumnId, Entry, ItemId, LeftOut, Scheduled, Selection,
    Site, SitePath, Status, Tag, TagId, Total,
};
pub use tags::tag_slug;

use crate::content::Documents;
use crate::error::Errors;

impl Site {
    /// Relates the documents: selects what is published, checks references,
    /// numbers column issues, builds tags, prev/next and totals. Returns the
    /// site and the problems found; references to files that failed to parse
    /// are not reported again.
    pub fn assemble(docs: Documents, selection: Selection, metric_count: usize) -> (Site, Errors) {
        let mut errors = Errors::new();
        let failed = docs.failed;
        let selected = select::select(docs.items, selection);
        let campaigns = relate::assemble_campaigns(docs.campaigns, selection.now);
        let columns = relate::assemble_columns(docs.columns, &mut errors);
        let mut entries =
            relate::relate_items(selected.items, &campaigns, &columns, &failed, &mut errors);
        // Both only read the entries: side by side.
        let ((), paths_by_source) = rayon::join(
            || relate::check_item_slugs(&entries, &mut errors),
            || relate::paths_by_source(&entries, &campaigns, &columns),
        );
        let mut site = Site {
            items: Vec::new(),
            campaigns,
            columns,
            tags: Vec::new(),
            by_kind: Default::default(),
            listed: Default::default(),
            totals: Vec::new(),
            drafts_left_out: selected.drafts_left_out,
            scheduled: selected.scheduled,
            next_scheduled: selected.next_scheduled,
            paths_by_source,
            left_out: selected.left_out,
            failed,
            now: selection.now,
        };
        relate::number_issues(&mut entries, &mut site.columns, &mut errors);
        site.items = entries;
        site.fill_lists();
        site.fill_totals(metric_count);
        site.fill_tags();
        site.fill_neighbours();
        (site, errors)
    }
}
