//! The text of source files: bytes decoded to text ([`decode_text`]), YAML
//! read into typed values with every problem at its file, line and column
//! ([`read_yaml`]), the places of keys and values in YAML text
//! ([`key_position`]), and which file names are never read
//! ([`is_ignored`]).
//!
//! It knows no file's meaning: what a key of the front matter or of
//! `site.yaml` stands for is for `content` and `config`, which both read
//! through it. It is the only module that names the YAML crate.

mod explain;
pub mod habits;
pub mod names;
pub mod plain_yaml;
pub mod positions;
pub mod text;
pub mod values;
pub mod yaml;

pub use names::is_ignored;
pub use positions::{key_position, value_position};
pub use text::decode_text;
pub use values::{OneOrMany, Ordered, Scalar};
pub use yaml::{parse_yaml, read_yaml, Read, MAX_YAML_BYTES};
