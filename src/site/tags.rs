//! Tags: gathered from items and campaigns, case variants of one tag
//! made one (shown in their most used spelling), each given a URL name
//! that depends on the tag alone, and handed back to the items that carry
//! them.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{ItemId, Site, SitePath, Tag, TagId};
use crate::content::slug::Slug;

impl Site {
    /// Gathers the tags of items and campaigns, in slug order, and gives
    /// each item and campaign the ids of its own.
    pub(super) fn fill_tags(&mut self) {
        // Gathered by hash (a few hundred thousand lookups on a big site),
        // by the tag's key (its case variants are one tag), then put in
        // name order.
        let mut by_key: HashMap<String, TagGroup> = HashMap::new();
        for (i, entry) in self.items.iter().enumerate() {
            for tag in &entry.doc.tags {
                by_key
                    .entry(tag_key(tag))
                    .or_default()
                    .add(tag.trim(), Some(ItemId(i)));
            }
        }
        for campaign in &self.campaigns {
            for tag in &campaign.doc.tags {
                by_key
                    .entry(tag_key(tag))
                    .or_default()
                    .add(tag.trim(), None);
            }
        }
        by_key.remove("");
        let names: BTreeMap<String, TagGroup> = by_key.into_iter().collect();
        let mut used: HashMap<Slug, usize> = HashMap::new();
        let mut index_of: HashMap<String, TagId> = HashMap::new();
        for (key, group) in names {
            let base = tag_slug(&key);
            // Only two keys whose slugs also share their hash land here.
            let count = used.entry(base.clone()).or_insert(0);
            let slug = if *count == 0 {
                base.clone()
            } else {
                base.numbered(*count + 1)
            };
            *count += 1;
            let path = SitePath::of(&["tags", slug.as_str()]);
            let name = group.shown_name();
            index_of.insert(key, TagId(self.tags.len()));
            self.tags.push(Tag {
                name,
                slug,
                path,
                items: group.items,
            });
        }
        self.tags.sort_by(|a, b| a.slug.cmp(&b.slug));
        for (i, tag) in self.tags.iter().enumerate() {
            index_of.insert(tag_key(&tag.name), TagId(i));
        }
        self.items
            .par_iter_mut()
            .for_each(|entry| entry.tags = tag_ids(&entry.doc.tags, &index_of));
        for campaign in &mut self.campaigns {
            campaign.tags = tag_ids(&campaign.doc.tags, &index_of);
        }
    }
}

/// The items of one tag and how often each spelling of it is written.
#[derive(Debug, Default)]
struct TagGroup {
    items: Vec<ItemId>,
    spellings: BTreeMap<String, usize>,
}

impl TagGroup {
    /// One more use of the tag, written `name`, by `item` (none for a campaign).
    fn add(&mut self, name: &str, item: Option<ItemId>) {
        *self.spellings.entry(name.to_string()).or_default() += 1;
        if let Some(id) = item {
            if self.items.last() != Some(&id) {
                self.items.push(id);
            }
        }
    }

    /// The spelling shown: the most used, the first in text order on a tie.
    fn shown_name(&self) -> String {
        self.spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    }
}

/// What makes two written tags the same tag: the text, trimmed and in
/// lower case (`Volunteer` and `volunteer` are one tag, as in Hugo).
fn tag_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A tag's URL name, made from its key alone, so that it never depends on
/// which other tags the site has: the key itself when it already is a slug
/// (`volunteer`, `2023`), else its pinyin with six hex digits of a hash of
/// its characters (`公益` → `gong-yi-` and the hash), since homophones
/// (公益, 工艺, 功益) share their pinyin and nothing but the characters
/// tells them apart.
pub fn tag_slug(key: &str) -> Slug {
    if key != "page" {
        if let Some(plain) = Slug::parse(key) {
            return plain;
        }
    }
    let base = Slug::from_text(key).map_or_else(|| "tag".to_string(), |s| s.as_str().to_string());
    let hashed = format!("{base}-{:06x}", fnv1a(key.as_bytes()) & 0xFF_FFFF);
    Slug::parse(&hashed).unwrap_or_else(|| Slug::parse("tag").expect("a valid literal slug"))
}

/// The 32-bit FNV-1a hash: the same on every machine and in every version.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash: u32, b| {
        (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// The ids of the tags written `names`, each once, in written order.
fn tag_ids(names: &[String], index_of: &HashMap<String, TagId>) -> Vec<TagId> {
    let mut ids: Vec<TagId> = names
        .iter()
        .filter_map(|n| index_of.get(&tag_key(n)).copied())
        .collect();
    // A handful of tags: a quadratic pass is cheaper than a set.
    let mut unique: Vec<TagId> = Vec::with_capacity(ids.len());
    for id in ids.drain(..) {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_slug_is_a_function_of_the_tag_alone() {
        // Pinned: a published tag URL must never change between versions.
        assert_eq!(tag_slug("公益").as_str(), "gong-yi-7c9dab");
        assert_eq!(tag_slug("志愿服务").as_str(), "zhi-yuan-fu-wu-4026a4");
        let homophones = ["公益", "工艺", "功益"].map(|t| tag_slug(t).as_str().to_string());
        assert!(homophones.iter().all(|s| s.starts_with("gong-yi-")));
        assert!(homophones[0] != homophones[1] && homophones[1] != homophones[2]);
        assert_eq!(tag_slug("volunteer").as_str(), "volunteer");
        assert_eq!(tag_slug("2023").as_str(), "2023");
        assert_ne!(tag_slug("page").as_str(), "page", "not a pagination folder");
        assert!(tag_slug("！？").as_str().starts_with("tag-"));
    }

    #[test]
    fn case_variants_share_a_key_and_the_most_used_spelling_is_shown() {
        assert_eq!(tag_key(" Volunteer "), tag_key("volunteer"));
        let mut group = TagGroup::default();
        group.add("Volunteer", Some(ItemId(0)));
        group.add("volunteer", Some(ItemId(1)));
        group.add("volunteer", Some(ItemId(2)));
        assert_eq!(group.shown_name(), "volunteer");
        assert_eq!(group.items.len(), 3);
    }
}
