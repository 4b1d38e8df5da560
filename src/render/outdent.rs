//! Template indentation, not published: the spaces and tabs that begin a
//! line of an HTML template are there for whoever edits it, and a page
//! would otherwise carry them (about 400 bytes of a story page). They are
//! taken off once, when the templates are loaded, except inside `<pre>`
//! and `<textarea>`, where they are the text.

use std::borrow::Cow;

/// Elements whose text keeps its leading spaces.
const KEEPS_SPACES: [&str; 2] = ["pre", "textarea"];

/// `template` with the indentation of each line removed, outside `<pre>`
/// and `<textarea>` (names matched in any case). Borrowed when there is
/// nothing to remove.
pub fn outdent(template: &str) -> Cow<'_, str> {
    if !template.contains("\n ") && !template.contains("\n\t") {
        return Cow::Borrowed(template);
    }
    let mut out = String::with_capacity(template.len());
    let mut inside: Option<&str> = None;
    for (i, line) in template.split_inclusive('\n').enumerate() {
        let line = if i == 0 || inside.is_some() {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        out.push_str(line);
        inside = still_inside(line, inside);
    }
    Cow::Owned(out)
}

/// Which element that keeps spaces is open after `line`, given the one
/// open before it.
fn still_inside<'a>(line: &str, mut open: Option<&'a str>) -> Option<&'a str> {
    let lower = line.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        match open {
            Some(name) => {
                if rest.strip_prefix('/').is_some_and(|r| starts_tag(r, name)) {
                    open = None;
                }
            }
            None => open = KEEPS_SPACES.into_iter().find(|name| starts_tag(rest, name)),
        }
    }
    open
}

/// Whether `text` begins with the tag name `name`, whole.
fn starts_tag(text: &str, name: &str) -> bool {
    text.strip_prefix(name).is_some_and(|r| {
        r.is_empty() || r.starts_with(|c: char| c == '>' || c.is_whitespace() || c == '/')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_goes_and_lines_stay() {
        let t = "<ul>\n  <li>a</li>\n\t<li>b</li>\n</ul>\n";
        assert_eq!(outdent(t), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert!(matches!(outdent("<p>a</p>\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn pre_and_textarea_keep_their_spaces() {
        let t = "<div>\n  <PRE class=x>\n    code\n  </pre>\n  <p>x\n  <textarea>\n  a\n  </textarea>\n  y\n";
        assert_eq!(
            outdent(t),
            "<div>\n<PRE class=x>\n    code\n  </pre>\n<p>x\n<textarea>\n  a\n  </textarea>\n y\n"
                .replace("\n y", "\ny")
        );
    }

    #[test]
    fn words_that_begin_like_pre_are_not_pre() {
        let t = "<preview>\n  a\n<prefix/>\n  b\n";
        assert_eq!(outdent(t), "<preview>\na\n<prefix/>\nb\n");
    }
}
