//! Image destinations written with spaces, as photos are named on phones
//! and desktops: `![挂牌现场](照片 1.JPG)`. CommonMark reads a destination
//! with a space as no image at all, so the text as typed would reach the
//! page. [`prepare`] puts such a destination in `<…>`, CommonMark's own way
//! of writing one with spaces (`![挂牌现场](<照片 1.JPG>)`), before the
//! parser reads it; a title after it (`"…"` or `'…'`) stays a title.
//! [`Inserted::original`] maps an offset in the prepared text back to the
//! source as written, so error positions are the author's.
//!
//! Code is left alone: fenced code blocks, and an image after an odd
//! number of backticks on its line (inside a code span).

use std::borrow::Cow;

/// A source ready for the parser.
#[derive(Debug)]
pub struct Spaced<'s> {
    /// The source, with `<` and `>` around destinations with spaces.
    pub text: Cow<'s, str>,
    /// Where the inserted bytes are.
    pub inserted: Inserted,
}

/// Offsets, in the prepared text, of the bytes [`prepare`] inserted
/// (one byte each); ascending.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inserted(Vec<usize>);

impl Inserted {
    /// The offset in the source as written of `offset` in the prepared text.
    pub fn original(&self, offset: usize) -> usize {
        offset - self.0.partition_point(|&at| at < offset)
    }
}

/// Puts each image destination written with a space in `<…>`; borrows
/// the source unchanged when there is none (the usual case).
pub fn prepare(source: &str) -> Spaced<'_> {
    let unchanged = || Spaced {
        text: Cow::Borrowed(source),
        inserted: Inserted::default(),
    };
    // A quick search first: most texts have no image.
    if memchr::memmem::find(source.as_bytes(), b"![").is_none() {
        return unchanged();
    }
    let places = places(source);
    if places.is_empty() {
        return unchanged();
    }
    let mut text = String::with_capacity(source.len() + places.len() * 2);
    let mut inserted = Vec::with_capacity(places.len() * 2);
    let mut copied = 0;
    for (start, end) in places {
        text.push_str(&source[copied..start]);
        inserted.push(text.len());
        text.push('<');
        text.push_str(&source[start..end]);
        inserted.push(text.len());
        text.push('>');
        copied = end;
    }
    text.push_str(&source[copied..]);
    Spaced {
        text: Cow::Owned(text),
        inserted: Inserted(inserted),
    }
}

/// The byte ranges of destinations with spaces, ascending.
fn places(source: &str) -> Vec<(usize, usize)> {
    let mut places = Vec::new();
    let mut fence: Option<&str> = None;
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let opens = ["```", "~~~"]
            .into_iter()
            .find(|f| line.len() - trimmed.len() < 4 && trimmed.starts_with(f));
        match (fence, opens) {
            (Some(open), Some(f)) if f == open => fence = None,
            (None, Some(f)) => fence = Some(f),
            (None, None) => places.extend(
                in_line(line)
                    .into_iter()
                    .map(|(s, e)| (line_start + s, line_start + e)),
            ),
            _ => {}
        }
        line_start += line.len();
    }
    places
}

/// The destinations with spaces of the images of one line.
fn in_line(line: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find("![").map(|i| from + i) {
        from = at + 2;
        let before = &line[..at];
        let backslashes = before.len() - before.trim_end_matches('\\').len();
        if backslashes % 2 == 1 || before.matches('`').count() % 2 == 1 {
            continue;
        }
        let Some(open) = line[from..].find("](").map(|i| from + i + 2) else {
            break;
        };
        let Some(close) = line[open..].find(')').map(|i| open + i) else {
            break;
        };
        from = close;
        if let Some((start, end)) = spaced_destination(&line[open..close]) {
            found.push((open + start, open + end));
        }
    }
    found
}

/// The range of the destination in `inner` (what is between `(` and
/// `)`), when it holds a space and is not already in `<…>`.
fn spaced_destination(inner: &str) -> Option<(usize, usize)> {
    let start = inner.len() - inner.trim_start().len();
    let rest = &inner[start..];
    if rest.starts_with('<') || rest.is_empty() {
        return None;
    }
    let body = rest.trim_end();
    let dest = ['"', '\'']
        .into_iter()
        .filter(|q| body.len() > 1 && body.ends_with(*q))
        .find_map(|q| body[..body.len() - 1].rfind(&format!(" {q}")))
        .map_or(body, |title| body[..title].trim_end());
    if !dest.contains(' ') || dest.contains(['<', '>', '\n']) {
        return None;
    }
    Some((start, start + dest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(source: &str) -> String {
        prepare(source).text.into_owned()
    }

    #[test]
    fn a_destination_with_a_space_is_put_in_angle_brackets() {
        assert_eq!(
            prepared("![挂牌现场](照片 1.JPG)"),
            "![挂牌现场](<照片 1.JPG>)"
        );
        assert_eq!(
            prepared("前 ![a](my photo.jpg \"标题\") 后"),
            "前 ![a](<my photo.jpg> \"标题\") 后"
        );
    }

    #[test]
    fn other_images_and_code_are_left_as_written() {
        for source in [
            "![a](photo.jpg)",
            "![a](photo.jpg \"a title\")",
            "![a](<照片 1.JPG>)",
            "`![a](照片 1.JPG)`",
            "\\![a](照片 1.JPG)",
            "```\n![a](照片 1.JPG)\n```\n",
            "纯文字",
        ] {
            assert_eq!(prepared(source), source);
        }
    }

    #[test]
    fn offsets_map_back_to_the_source_as_written() {
        let spaced = prepare("![a](b c.jpg) [x](#y)");
        let at = spaced.text.find("[x]").unwrap();
        assert_eq!(spaced.inserted.original(at), 14);
    }
}
