//! Search that knows no page: text folded to one form ([`fold`]), cut into
//! terms ([`terms`]: pairs of adjacent Chinese characters, Latin words and
//! numbers; a text's distinct terms packed small, [`distinct`]), posting
//! lists filled page by page in their written encoding ([`postings`]),
//! joined and cut into shards by term ([`shards`]), and the inverted index
//! of those terms written as small script files a browser loads on demand
//! ([`index`]). The search page's
//! script (the theme's `js/search.js`) folds and cuts a query the same way,
//! reads the shards its terms fall in and ranks the pages.

pub mod distinct;
pub mod fold;
pub mod index;
pub mod postings;
pub mod shards;
pub mod terms;

pub use distinct::Terms;
pub use index::{Doc, Fields, IndexFiles};
