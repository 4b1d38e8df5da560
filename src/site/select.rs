//! Which documents this build publishes: drafts only when asked for,
//! items dated after the build time (定时发布) only when asked for; the
//! rest are remembered as left out, so links to them can say why.

use std::collections::HashMap;
use std::sync::Arc;

use super::{LeftOut, Scheduled, Selection};
use crate::content::{Item, Kind};
use crate::date::DateTime;

/// The items a build publishes, and what it leaves out.
pub(super) struct Selected {
    /// Published items, newest first (pages last, by path).
    pub items: Vec<Arc<Item>>,
    /// Content paths of documents left out, and why.
    pub left_out: HashMap<String, LeftOut>,
    /// Drafts left out.
    pub drafts_left_out: usize,
    /// Scheduled items left out, soonest first.
    pub scheduled: Vec<Scheduled>,
    /// The earliest date of a scheduled item left out.
    pub next_scheduled: Option<DateTime>,
}

/// Sorts `docs` into what `selection` publishes and what it leaves out.
pub(super) fn select(docs: Vec<Arc<Item>>, selection: Selection) -> Selected {
    let mut left_out = HashMap::new();
    let mut drafts_left_out = 0;
    let mut scheduled = Vec::new();
    let mut next_scheduled: Option<DateTime> = None;
    let mut items: Vec<Arc<Item>> = Vec::with_capacity(docs.len());
    for item in docs {
        if item.draft && !selection.drafts {
            drafts_left_out += 1;
            left_out.insert(item.rel.clone(), LeftOut::Draft);
        } else if let Some(date) = item
            .date
            .filter(|d| *d > selection.now && !selection.future)
        {
            scheduled.push(Scheduled {
                shown: item.shown.clone(),
                date,
            });
            next_scheduled = next_scheduled.min(item.date).or(item.date);
            left_out.insert(item.rel.clone(), LeftOut::Scheduled);
        } else {
            items.push(item);
        }
    }
    scheduled.sort();
    sort_newest_first(&mut items);
    Selected {
        items,
        left_out,
        drafts_left_out,
        scheduled,
        next_scheduled,
    }
}

/// Newest first; pages (no date) last by path; ties by path.
fn sort_newest_first(items: &mut [Arc<Item>]) {
    items.sort_by(|a, b| {
        let key = |i: &Arc<Item>| (i.kind == Kind::Page, std::cmp::Reverse(i.date));
        key(a).cmp(&key(b)).then_with(|| a.rel.cmp(&b.rel))
    });
}
