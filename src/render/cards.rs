//! What many pages print the same: each item's card (the data lists show,
//! and its HTML drawn once by `partials/card.html`), and the header and
//! footer drawn once per menu entry; reused from the dev server's cache
//! when nothing they show changed.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::bodies::Body;
use super::context::{self, CampaignCard, Card, CardLinks, ColumnCard, ItemCard, Urls};
use super::BodyCache;
use crate::config::Config;
use crate::error::{guard, Errors};
use crate::site::Site;

/// The template an item's card is drawn with.
const CARD_TEMPLATE: &str = "partials/card.html";

/// The cards with `card` set to their HTML: the theme's card template
/// rendered once for each item (with `item` and the site-wide variables, at
/// its default heading level and with a lazy cover), so lists of many items
/// print it instead of drawing every card again on every page they are on.
/// A card the template cannot draw alone is left without, and lists draw it
/// themselves, reporting any error where it occurs.
pub(super) fn with_html(tera: &tera::Tera, cards: Vec<Arc<Card>>) -> Vec<Arc<Card>> {
    if !tera.get_template_names().any(|name| name == CARD_TEMPLATE) {
        return cards;
    }
    cards
        .into_par_iter()
        .map(|card| {
            let mut ctx = tera::Context::new();
            ctx.insert_value("item", card.value.clone());
            let html = drawn_alone(tera, CARD_TEMPLATE, &ctx);
            drop(ctx);
            let Some(html) = html else {
                return card;
            };
            // Taken apart in place when no one else holds the card.
            let Card { permalink, value } = Arc::try_unwrap(card).unwrap_or_else(|c| (*c).clone());
            if value.as_map().is_none() {
                return Arc::new(Card { permalink, value });
            }
            let mut map = value.into_map().unwrap_or_default();
            map.insert("card".into(), tera::Value::safe_string(&html));
            Arc::new(Card {
                permalink,
                value: tera::Value::from(map),
            })
        })
        .collect()
}

/// The parts of every page that show the same on every page of one menu
/// entry, and the variables they are drawn in (`chrome.header`, …).
const CHROME: [(&str, &str); 2] = [
    ("header", "partials/header.html"),
    ("footer", "partials/footer.html"),
];

/// The theme's site-wide parts (see [`CHROME`]) drawn once for each menu
/// key, with the site-wide variables and `current.nav_key` alone, so pages
/// print them (`chrome.header`) instead of drawing them again. A key whose
/// parts cannot all be drawn alone is left out: its pages draw them
/// themselves, reporting any error where it occurs.
pub(super) fn chrome(tera: &tera::Tera) -> HashMap<&'static str, tera::Value> {
    let names: HashSet<&str> = tera.get_template_names().collect();
    if !CHROME.iter().all(|(_, template)| names.contains(template)) {
        return HashMap::new();
    }
    context::NAV_KEYS
        .iter()
        .chain(&[""])
        .filter_map(|&key| {
            let mut ctx = tera::Context::new();
            ctx.insert("current", &context::NavKey { nav_key: key });
            let mut parts = tera::Map::new();
            for (name, template) in CHROME {
                let html = drawn_alone(tera, template, &ctx)?;
                parts.insert(name.into(), tera::Value::safe_string(&html));
            }
            Some((key, tera::Value::from(parts)))
        })
        .collect()
}

/// `template` drawn once for many pages, with `ctx` and the site-wide
/// variables only; `None` if it cannot be drawn so (it uses a page's own
/// variables), in which case the pages draw it themselves and report any
/// error where it occurs.
fn drawn_alone(tera: &tera::Tera, template: &str, ctx: &tera::Context) -> Option<String> {
    guard(std::path::Path::new(template), || {
        tera.render(template, ctx).map_err(|_| Errors::default())
    })
    .ok()
}

/// What an item's card is made from, compared by identity where it is shared.
#[derive(Debug, Clone)]
pub(super) struct CardKey {
    doc: Arc<crate::content::Item>,
    body: Arc<Body>,
    issue: Option<u32>,
    tags: Vec<crate::site::TagId>,
    campaigns: Vec<crate::site::CampaignId>,
    column: Option<crate::site::ColumnId>,
}

impl CardKey {
    pub(super) fn of(entry: &crate::site::Entry, body: &Arc<Body>) -> CardKey {
        CardKey {
            doc: Arc::clone(&entry.doc),
            body: Arc::clone(body),
            issue: entry.issue,
            tags: entry.tags.clone(),
            campaigns: entry.campaigns.clone(),
            column: entry.column,
        }
    }

    pub(super) fn matches(&self, other: &CardKey) -> bool {
        Arc::ptr_eq(&self.doc, &other.doc)
            && Arc::ptr_eq(&self.body, &other.body)
            && (self.issue, &self.tags, &self.campaigns, self.column)
                == (other.issue, &other.tags, &other.campaigns, other.column)
    }
}

/// The cards of all items, reusing cached ones whose inputs did not change.
pub(super) fn build(
    config: &Config,
    site: &Site,
    urls: &Urls<'_>,
    bodies: &[Arc<Body>],
    cache: Option<&BodyCache>,
    next: Option<&mut BodyCache>,
) -> Vec<Arc<Card>> {
    let names = names_fingerprint(site);
    let cache = cache.filter(|c| c.names == names);
    let links = CardLinks::of(site, urls);
    let cards: Vec<(CardKey, Arc<Card>)> = site
        .items
        .par_iter()
        .zip(bodies)
        .map(|(entry, body)| {
            let key = CardKey::of(entry, body);
            let cached = cache
                .and_then(|c| c.cards.get(&entry.doc.rel))
                .filter(|(k, _)| k.matches(&key));
            let card = match cached {
                Some((_, card)) => Arc::clone(card),
                None => Arc::new(Card::new(
                    &ItemCard::new(entry, body.facts(), urls, &config.language),
                    &links,
                )),
            };
            (key, card)
        })
        .collect();
    if let Some(next) = next {
        next.names = names;
        next.cards = site
            .items
            .iter()
            .zip(&cards)
            .map(|(entry, (key, card))| (entry.doc.rel.clone(), (key.clone(), Arc::clone(card))))
            .collect();
    }
    cards.into_iter().map(|(_, card)| card).collect()
}

/// A hash of the names cards show for tags, campaigns and columns.
fn names_fingerprint(site: &Site) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for tag in &site.tags {
        (&tag.name, &tag.slug).hash(&mut hasher);
    }
    for c in &site.campaigns {
        (&c.doc.slug, &c.doc.title).hash(&mut hasher);
    }
    for c in &site.columns {
        (&c.doc.slug, &c.doc.title).hash(&mut hasher);
    }
    hasher.finish()
}

/// The cards of the site's campaigns, with their bodies.
pub(super) fn campaign_cards(
    config: &Config,
    site: &Site,
    urls: &Urls<'_>,
    bodies: &[Arc<Body>],
) -> Vec<CampaignCard> {
    site.campaigns
        .iter()
        .zip(bodies)
        .map(|(c, b)| CampaignCard::new(site, c, b.html.clone(), b.facts(), urls, &config.language))
        .collect()
}

/// The cards of the site's columns, with their bodies and the card of
/// each one's latest item.
pub(super) fn column_cards(
    config: &Config,
    site: &Site,
    urls: &Urls<'_>,
    bodies: &[Arc<Body>],
    cards: &[Arc<Card>],
) -> Vec<ColumnCard> {
    site.columns
        .iter()
        .zip(bodies)
        .map(|(c, b)| {
            let latest = c.items.first().map(|id| cards[id.0].value.clone());
            ColumnCard::new(c, b.html.clone(), b.facts(), latest, urls, &config.language)
        })
        .collect()
}
