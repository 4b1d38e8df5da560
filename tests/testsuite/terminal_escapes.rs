//! Control characters a user wrote (ESC sequences, DEL, C1 controls, bidi
//! overrides) are shown escaped, as `\u{1b}`, in every message: a front
//! matter value cannot recolour, clear or reorder the clerk's terminal.

use crate::fixture::{Run, Site};

fn story(front: &str) -> Site {
    Site::new(&[(
        "content/stories/a.md",
        &format!("---\ntitle: 好人好事\n{front}\n---\n正文。\n"),
    )])
}

fn built(site: &Site) -> (Run, Run) {
    let root = site.root().to_str().expect("a UTF-8 temp path");
    (site.build(), site.run_zh(&["build", "--root", root]))
}

/// Panics if `text` holds a character a terminal would act on.
#[track_caller]
fn assert_inert(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "raw controls {bad:?} in\n{text}");
}

#[test]
fn an_escape_sequence_in_an_unknown_key_is_shown_escaped() {
    let site = story("date: 2023-03-05\n\"bad\\e[31mkey\\u202e\": 1");
    let (en, zh) = built(&site);
    en.status(1)
        .stderr_has(&["error: content/stories/a.md:4:1: unknown key `bad\\u{1b}[31mkey\\u{202e}`"]);
    zh.status(1).stderr_has(&[
        "错误：content/stories/a.md:4:1: ",
        "bad\\u{1b}[31mkey\\u{202e}",
    ]);
    assert_inert(&en.stderr);
    assert_inert(&zh.stderr);
}

#[test]
fn an_escape_sequence_in_a_date_value_is_shown_escaped() {
    let site = story("date: \"2023\\e[2J\\x7f\\x9b-03-05\"");
    let (en, zh) = built(&site);
    en.status(1).stderr_has(&[
        "error: content/stories/a.md:3:7: invalid date \"2023\\u{1b}[2J\\u{7f}\\u{9b}-03-05\" in `date`",
    ]);
    zh.status(1).stderr_has(&[
        "错误：content/stories/a.md:3:7: “date”的值“2023\\u{1b}[2J\\u{7f}\\u{9b}-03-05”不是日期",
    ]);
    assert_inert(&en.stderr);
    assert_inert(&zh.stderr);
}
