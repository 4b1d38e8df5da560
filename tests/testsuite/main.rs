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
mod chinese_typography;
mod clerk_messages;
mod columns;
mod dates;
mod dates_range;
mod drafts;
mod encoding;
mod escaping;
mod feeds;
mod figures;
mod figures_bounded;
mod fuzz_regressions;
mod links;
mod live_reload;
mod messages;
mod messages_in_catalogue;
mod output;
mod percent_escapes;
mod phrase_pinyin;
mod reading;
mod reproducible;
mod scaffold;
mod serve;
mod skipped_files;
mod slugs;
mod summary_line;
mod tag_urls;
mod terminal_escapes;
mod theme;
mod typing_habits;
mod urls;
mod urls_filtered;
