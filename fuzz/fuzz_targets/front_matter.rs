//! Front matter: bytes → text → `---` fences → YAML into each raw type.
//! Errors are expected; a panic, hang or runaway allocation is a bug.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use redvest::content::front_matter::{
    self, RawCampaign, RawColumn, RawItem, CAMPAIGN_KEYS, COLUMN_KEYS, ITEM_KEYS,
};
use redvest::source::{decode_text, key_position, parse_yaml, plain_yaml};

fuzz_target!(|data: &[u8]| {
    let shown = Path::new("content/stories/a.md");
    let Ok(text) = decode_text(data, shown) else {
        return;
    };
    let Ok(split) = front_matter::split(&text, shown) else {
        return;
    };
    // The body must be a suffix of the text, the YAML a slice of it.
    assert!(text.ends_with(split.body));
    assert!(split.body_line >= 2);
    let line = split.yaml_line;
    let _ = parse_yaml::<RawItem>(split.yaml, shown, line, ITEM_KEYS)
        .map_err(|e| e.to_string());
    let _ = parse_yaml::<RawCampaign>(split.yaml, shown, line, CAMPAIGN_KEYS)
        .map_err(|e| e.to_string());
    let _ = parse_yaml::<RawColumn>(split.yaml, shown, line, COLUMN_KEYS)
        .map_err(|e| e.to_string());
    for key in ["title", "date", "tags"] {
        let _ = key_position(split.yaml, key);
    }
    agrees::<serde_norway::Value>(split.yaml);
    agrees::<RawItem>(split.yaml);
});

/// Whatever the plain reader reads, serde_norway reads the same.
fn agrees<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml: &str) {
    if let Some(ours) = plain_yaml::from_str::<T>(yaml) {
        match serde_norway::from_str::<T>(yaml) {
            Ok(theirs) => assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{yaml:?}"),
            Err(e) => panic!("plain_yaml read {yaml:?} as {ours:?}; serde_norway: {e}"),
        }
    }
}
