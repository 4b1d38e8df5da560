//! Integration tests: each module builds tiny sites with the real `redvest`
//! binary and checks what it wrote, printed and returned.

mod fixture;

mod bad_input;
mod bad_input_config;
mod bad_input_files;
mod bad_input_front_matter;
mod bad_input_output;
mod base_url;
mod bundles;
mod campaigns;
mod check;
mod chinese_typography;
mod columns;
mod drafts;
mod encoding;
mod escaping;
mod feeds;
mod fuzz_regressions;
mod links;
mod messages;
mod output;
mod reading;
mod reproducible;
mod scaffold;
mod serve;
mod slugs;
mod theme;
mod urls;
