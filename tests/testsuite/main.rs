//! Integration tests: each module builds tiny sites with the real `redvest`
//! binary and checks what it wrote, printed and returned.

mod fixture;

mod bad_input;
mod bad_input_config;
mod bad_input_files;
mod bad_input_front_matter;
mod bad_input_output;
mod base_url;
mod builtin_theme;
mod bundles;
mod campaigns;
mod check;
mod clerk_messages;
mod columns;
mod dates;
mod drafts;
mod encoding;
mod escaping;
mod feeds;
mod figures;
mod fuzz_regressions;
mod links;
mod links_out_of_site;
mod messages;
mod messages_in_catalogue;
mod output;
mod phrase_pinyin;
mod reading;
mod reproducible;
mod scaffold;
mod serve;
mod skipped_files;
mod slugs;
mod summary_line;
mod theme;
mod urls;
