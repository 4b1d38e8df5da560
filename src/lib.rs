//! redvest (红马甲): a static site generator for volunteer publicity.
//!
//! Markdown stories, reports, announcements, campaigns and columns go in;
//! a static site with campaign pages, a columns index and RSS feeds comes
//! out. [`pipeline::build`] is the entry point; the binary is a thin shell
//! around it.

pub mod cli;
pub mod config;
pub mod confine;
pub mod content;
pub mod date;
pub mod error;
pub mod escape;
pub mod figure;
pub mod freshness;
pub mod i18n;
pub mod images;
pub mod import;
pub mod markdown;
pub mod output;
pub mod percent;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod url;
pub mod watch;

pub use error::{Error, Errors};
pub use pipeline::{build, BuildOptions, BuildReport, Mode};
