//! The template variables: the one place their names live, and
//! `docs/templates.md` documents them (a test holds the two together).
//!
//! Every template receives the site-wide variables ([`GLOBALS`]: set once
//! per build) and the page's frame ([`FRAME`]); each template then has one
//! typed context ([`Home`], [`Campaigns`], …, [`PageOf`]) holding its own
//! variables, and [`CONTEXTS`] lists them all. The objects they hold are
//! the views of [`views`].

mod cover;
mod views;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::date::DateTime;
pub use cover::{share_image, CoverImage, Thumb};
pub use views::*;

/// The variables every template receives from the site, set once per build.
pub const GLOBALS: [&str; 3] = ["site", "t", "build"];

/// The variables every page's template receives about the page itself
/// (`chrome` only when the theme's header and footer can be drawn alone).
pub const FRAME: [&str; 2] = ["current", "chrome"];

/// Sets the site-wide variables ([`GLOBALS`]) of every template.
pub fn set_globals(
    tera: &mut tera::Tera,
    config: &Config,
    strings: &BTreeMap<String, String>,
    now: DateTime,
) {
    let globals = tera.global_context();
    globals.insert(GLOBALS[0], &SiteView::new(config, strings));
    globals.insert(GLOBALS[1], strings);
    globals.insert(GLOBALS[2], &BuildView::new(now));
}

/// How a context's variable goes into Tera's context: `serialized` (the
/// default), a ready `value` moved in as it is, or an `optional` value left
/// out when absent (so templates can test it with `is defined`).
macro_rules! insert_variable {
    ($ctx:ident, $name:expr, $value:expr) => {
        $ctx.insert($name, &$value)
    };
    ($ctx:ident, $name:expr, $value:expr, value) => {
        $ctx.insert_value($name, $value)
    };
    ($ctx:ident, $name:expr, $value:expr, optional) => {
        if let Some(value) = $value {
            $ctx.insert_value($name, value)
        }
    };
}

/// Declares the typed context of templates: a struct whose fields are the
/// template's own variables, the template it belongs to, the names of its
/// variables, and its conversion into Tera's context.
macro_rules! template_contexts {
    ($(
        $(#[$meta:meta])*
        $name:ident $(<$lt:lifetime>)? for $template:literal {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty $(=> $how:ident)? ),* $(,)?
        }
    )*) => {
        $(
            $(#[$meta])*
            pub struct $name $(<$lt>)? {
                $( $(#[$fmeta])* pub $field: $ty, )*
            }

            impl $(<$lt>)? $name $(<$lt>)? {
                /// The template this context is for.
                pub const TEMPLATE: &'static str = $template;
                /// The names of its variables, as templates write them.
                pub const VARIABLES: &'static [&'static str] = &[$(stringify!($field)),*];

                /// Tera's context holding these variables.
                #[allow(unused_mut)]
                pub fn into_context(self) -> tera::Context {
                    let mut ctx = tera::Context::new();
                    $( insert_variable!(ctx, stringify!($field), self.$field $(, $how)?); )*
                    ctx
                }
            }
        )*

        /// Every template that has a context, and its own variables.
        pub const CONTEXTS: &[(&str, &[&str])] = &[$(($template, $name::VARIABLES)),*];
    };
}

template_contexts! {
    /// `index.html`, the home page.
    Home<'a> for "index.html" {
        /// Pinned items.
        pinned: Vec<&'a tera::Value>,
        /// The newest items that are not pinned.
        latest: Vec<&'a tera::Value>,
        /// Ongoing campaigns.
        ongoing: Vec<&'a CampaignCard>,
        /// Every column.
        columns: &'a [ColumnCard],
        /// The stats of all reports.
        totals: Vec<StatView<'a>>,
        /// Charts of the figures and the way to `/stats/`; absent when no
        /// report gives a figure.
        statistics: Option<tera::Value> => optional,
        /// The site's organization as JSON-LD, with its address and logo
        /// (articles name it and refer to it by its `@id`).
        json_ld: &'a str,
    }

    /// `campaigns.html`, the campaigns by status.
    Campaigns<'a> for "campaigns.html" {
        /// Ongoing campaigns.
        ongoing: Vec<&'a CampaignCard>,
        /// Campaigns still to start.
        upcoming: Vec<&'a CampaignCard>,
        /// Campaigns that ended.
        ended: Vec<&'a CampaignCard>,
    }

    /// `campaign.html`, one campaign.
    Campaign<'a> for "campaign.html" {
        /// The campaign.
        campaign: &'a CampaignCard,
        /// The stats of its reports.
        totals: Vec<StatView<'a>>,
        /// Its figures by month as a chart, and its exports; absent when
        /// its reports give no figure.
        statistics: Option<tera::Value> => optional,
        /// Its announcements, newest first.
        announcements: Vec<&'a tera::Value>,
        /// Its reports, newest first.
        reports: Vec<&'a tera::Value>,
        /// Its stories, newest first.
        stories: Vec<&'a tera::Value>,
    }

    /// `columns.html`, every column.
    Columns<'a> for "columns.html" {
        /// Every column.
        columns: &'a [ColumnCard],
    }

    /// `column.html`, one page of a column's entries.
    Column<'a> for "column.html" {
        /// The column.
        column: &'a ColumnCard,
        /// This page of its entries.
        paginator: PaginatorView<'a>,
    }

    /// `list.html`, one page of the stories, reports or announcements.
    List<'a> for "list.html" {
        /// Which list.
        section: SectionView,
        /// This page of it.
        paginator: PaginatorView<'a>,
    }

    /// `page.html`, one item.
    PageOf for "page.html" {
        /// The item, with its body.
        page: tera::Value => value,
        /// The item before it (within its column, else its kind).
        prev: Option<tera::Value> => optional,
        /// The item after it.
        next: Option<tera::Value> => optional,
    }

    /// `tags.html`, every tag.
    Tags<'a> for "tags.html" {
        /// Every tag, by name.
        tags: Vec<TagView<'a>>,
    }

    /// `tag.html`, one page of a tag's items.
    TagPage<'a> for "tag.html" {
        /// The tag.
        tag: TagView<'a>,
        /// This page of its items.
        paginator: PaginatorView<'a>,
    }

    /// `archive.html`, every dated item by year and month.
    Archive<'a> for "archive.html" {
        /// The years, newest first.
        years: Vec<YearView<'a>>,
    }

    /// `stats.html`, `/stats/`: the site's figures.
    Stats for "stats.html" {
        /// Its tables, charts, largest figures and exports.
        stats: crate::render::stats::StatsView,
    }

    /// `stats_year.html`, `/stats/<year>/`: the year's figures.
    StatsYear for "stats_year.html" {
        /// Its tables, charts, largest figures and exports.
        stats: crate::render::stats::StatsView,
    }

    /// `search.html`, the search page (`/search/`).
    Search for "search.html" {
        /// The kinds of item the site has, to filter by.
        kinds: Vec<FilterOption>,
        /// The campaigns with items, to filter by.
        campaigns: Vec<FilterOption>,
        /// The years with items, newest first, to filter by.
        years: Vec<FilterOption>,
        /// The search index's version (changes with the index).
        index_version: String,
    }

    /// `404.html`, the page for a missing address.
    NotFound for "404.html" {}

    /// `partials/card.html` drawn alone, once per item.
    CardAlone for "partials/card.html" {
        /// The item.
        item: tera::Value => value,
    }

    /// The header and footer partials drawn alone, once per menu entry.
    ChromeAlone<'a> for "partials/header.html" {
        /// The page as far as they see it: its menu entry.
        current: NavKey<'a>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// `docs/templates.md`, the theme author's reference.
    fn templates_doc() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/templates.md");
        std::fs::read_to_string(path).expect("docs/templates.md")
    }

    /// The names in backticks of `text`.
    fn backticked(text: &str) -> BTreeSet<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    /// The rows of the table under "## The templates": each template and
    /// the own variables it documents.
    fn documented_templates(doc: &str) -> BTreeMap<String, BTreeSet<String>> {
        let section = doc
            .split("\n## ")
            .find(|s| s.starts_with("The templates"))
            .expect("a section \"The templates\"");
        section
            .lines()
            .filter(|line| line.starts_with("| `"))
            .map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let template = backticked(cells[1]).into_iter().next().expect("a name");
                (template, backticked(cells[3]))
            })
            .collect()
    }

    #[test]
    fn the_templates_table_documents_every_context_and_its_variables() {
        let documented = documented_templates(&templates_doc());
        let pages: BTreeMap<String, BTreeSet<String>> = CONTEXTS
            .iter()
            .filter(|(template, _)| !template.starts_with("partials/"))
            .map(|(template, vars)| {
                let vars = vars.iter().map(|v| v.to_string()).collect();
                (template.to_string(), vars)
            })
            .collect();
        let frame_only: BTreeSet<String> = documented
            .iter()
            .filter(|(template, vars)| !pages.contains_key(*template) && vars.is_empty())
            .map(|(template, _)| template.clone())
            .collect();
        // `base.html` is extended, never rendered: it has no context.
        assert_eq!(frame_only, BTreeSet::from(["base.html".to_string()]));
        for (template, vars) in &pages {
            assert_eq!(
                documented.get(template),
                Some(vars),
                "docs/templates.md documents {template} with other variables than its context"
            );
        }
    }

    #[test]
    fn the_variables_every_template_receives_are_documented() {
        let doc = templates_doc();
        let section = doc
            .split("\n## ")
            .find(|s| s.starts_with("Variables every template receives"))
            .expect("a section \"Variables every template receives\"");
        let documented: BTreeSet<String> = section
            .lines()
            .filter_map(|line| line.strip_prefix("- `"))
            .filter_map(|rest| rest.split('`').next())
            .map(str::to_string)
            .collect();
        let given: BTreeSet<String> = GLOBALS
            .iter()
            .chain(FRAME.iter())
            .map(|v| v.to_string())
            .collect();
        assert_eq!(documented, given);
    }

    #[test]
    fn a_context_holds_its_variables_and_leaves_out_absent_ones() {
        let ctx = PageOf {
            page: tera::Value::from("the page"),
            prev: None,
            next: Some(tera::Value::from("the next")),
        }
        .into_context();
        assert_eq!(PageOf::VARIABLES, ["page", "prev", "next"]);
        assert!(ctx.get("page").is_some());
        assert!(ctx.get("prev").is_none(), "an absent item is left out");
        assert!(ctx.get("next").is_some());
    }
}
