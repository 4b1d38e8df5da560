//! Every message of the core goes through the catalogue: no error, hint or
//! printed line is written as a string literal or a `format!` at its call
//! site, where it could only ever be in one language. Reads the sources.

use std::path::Path;

/// The files held to it: every source file but the catalogue's own, and
/// tests inside them are skipped by [`code`].
fn files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found: Vec<String> = walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?.to_str()?.to_string();
            (!rel.starts_with("src/i18n/")).then_some(rel)
        })
        .collect();
    found.sort();
    found
}

/// Calls whose message is an argument, and which argument it is.
const MESSAGE_ARGUMENT: &[(&str, usize)] = &[
    ("Error::at(", 1),
    ("Error::site(", 1),
    ("Error::in_file(", 1),
    ("Error::io(", 1),
    ("Error::usage(", 0),
    (".with_hint(", 0),
    ("Text::new(", 0),
];

/// Macros whose first argument is the line printed.
const PRINTS: &[&str] = &["println!(", "eprintln!(", "print!(", "eprint!("];

/// The source before its unit tests.
fn code(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {rel}: {e}"));
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The length of the string or char literal starting at `s`, if one does.
fn literal_len(s: &str) -> Option<usize> {
    let hashes = s
        .strip_prefix('r')
        .map(|r| r.len() - r.trim_start_matches('#').len());
    if let Some(hashes) = hashes.filter(|_| s[1..].trim_start_matches('#').starts_with('"')) {
        let close = format!("\"{}", "#".repeat(hashes));
        let body = 2 + hashes;
        return s[body..].find(&close).map(|end| body + end + close.len());
    }
    let quote = s.chars().next()?;
    if quote == '\'' {
        // A char literal ('x', '\n'), not a lifetime.
        let rest = &s[1..];
        let end = if rest.starts_with('\\') {
            rest[2..].find('\'').map(|e| e + 2)
        } else {
            rest.char_indices()
                .nth(1)
                .filter(|(_, c)| *c == '\'')
                .map(|(i, _)| i)
        };
        return end.map(|e| e + 2);
    }
    if quote != '"' {
        return None;
    }
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The arguments of the call whose `(` ends `s`'s first `open` bytes,
/// split at top-level commas.
fn arguments(s: &str) -> Vec<String> {
    let mut args = vec![String::new()];
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(len) = literal_len(rest) {
            if let Some(last) = args.last_mut() {
                last.push_str(&rest[..len]);
            }
            i += len;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(String::new());
                i += 1;
                continue;
            }
            _ => {}
        }
        if let Some(last) = args.last_mut() {
            last.push(c);
        }
        i += c.len_utf8();
    }
    args.into_iter().map(|a| a.trim().to_string()).collect()
}

/// Whether an argument writes its words in place.
fn is_written_in_place(arg: &str) -> bool {
    let arg = arg.trim_start_matches('&');
    arg.starts_with('"')
        || arg.starts_with("r\"")
        || arg.starts_with("r#")
        || arg.starts_with("format!")
}

/// Whether a format string has words of its own (beyond `{placeholders}`).
fn has_words(literal: &str) -> bool {
    let mut depth = 0;
    literal.trim_matches('"').chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => return depth == 0 && c.is_alphabetic(),
        }
        false
    })
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// Every call in `rel` whose message is written in place.
fn written_in_place(rel: &str) -> Vec<String> {
    let text = code(rel);
    let mut found = Vec::new();
    let mut report = |at: usize, arg: &str| {
        found.push(format!("{rel}:{}: {arg}", line_of(&text, at)));
    };
    for (call, index) in MESSAGE_ARGUMENT {
        for (at, _) in text.match_indices(call) {
            let args = arguments(&text[at + call.len()..]);
            if let Some(arg) = args.get(*index).filter(|a| is_written_in_place(a)) {
                report(at, arg);
            }
        }
    }
    for print in PRINTS {
        for (at, _) in text.match_indices(print) {
            let preceded = text[..at].chars().next_back();
            if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let args = arguments(&text[at + print.len()..]);
            if let Some(first) = args.first().filter(|a| has_words(a)) {
                report(at, first);
            }
        }
    }
    found
}

#[test]
fn the_guard_finds_messages_written_in_place() {
    let args = arguments("shown, format!(\"no {x}, or y\"), &e)");
    assert_eq!(args, ["shown", "format!(\"no {x}, or y\")", "&e"]);
    assert!(is_written_in_place(&args[1]));
    assert!(is_written_in_place("\"a draft\""));
    assert!(!is_written_in_place("msg::left_out_draft()"));
    assert!(has_words("\"waiting {}\""));
    assert!(has_words("\"错误：{}\""));
    assert!(!has_words("\"{}\""));
    assert!(!has_words("\"{table}\""));
    assert_eq!(arguments("'(', x)"), ["'('", "x"]);
}

#[test]
fn every_message_of_the_core_is_a_catalogue_entry() {
    let files = files();
    assert!(files.len() > 30, "the sources are found: {files:?}");
    let found: Vec<String> = files.iter().flat_map(|f| written_in_place(f)).collect();
    assert!(
        found.is_empty(),
        "messages written in place instead of in the catalogue (src/i18n/catalogue/):\n{}",
        found.join("\n")
    );
}
