//! The site's source files: finding them ([`discover`]), reading them as
//! text, and parsing each into a checked document ([`parse_all`]).
//!
//! Nothing here relates one file to another; that is the site model's job.

pub mod cache;
pub mod discover;
pub mod front_matter;
pub mod parse;
pub mod slug;

pub use discover::{discover, Source, SourceKind, Sources};
pub use parse::{parse_all, Campaign, Column, Deadline, Documents, Item, Person};

/// What an item is: the four kinds of page authors write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// 先进典型.
    Story,
    /// 活动报道/总结.
    Report,
    /// 方案/通知/招募.
    Announcement,
    /// 关于我们, 联系我们.
    Page,
}

impl Kind {
    /// Every kind, in menu order.
    pub const ALL: [Kind; 4] = [Kind::Story, Kind::Report, Kind::Announcement, Kind::Page];

    /// The folder under `content/` and the URL section: `stories`.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Story => "stories",
            Kind::Report => "reports",
            Kind::Announcement => "announcements",
            Kind::Page => "pages",
        }
    }

    /// The singular name templates see: `story`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Story => "story",
            Kind::Report => "report",
            Kind::Announcement => "announcement",
            Kind::Page => "page",
        }
    }

    /// The kind whose folder is `section`.
    pub fn from_section(section: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.section() == section)
    }
}
