//! Where a key or a nested value is written in YAML text: its line and
//! column, for errors about a value that reads but means nothing (a date
//! that is not a day, a campaign that does not exist) and for keys the
//! YAML crate names without a place.

/// The line (1-based, within `yaml`) and the column of the value of a
/// top-level `key`, when the key is written plainly at the start of a line
/// (or in double quotes).
///
/// A path names a nested value: `deadlines[1].date` is the `date` of the
/// second deadline, `stats.hours` the figure under `stats`; see
/// [`value_position`].
pub fn key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
    if key.contains(['[', '.']) {
        return value_position(yaml, key);
    }
    top_key_position(yaml, key)
}

/// [`key_position`] of a top-level key.
fn top_key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
    let first = key.as_bytes().first().copied();
    for (i, line) in yaml.lines().enumerate() {
        // Most lines start with another key: one byte tells.
        let rest = match line.as_bytes().first().copied() {
            Some(b'"') => line[1..]
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix('"')),
            b if b == first => line.strip_prefix(key),
            _ => None,
        };
        if let Some(rest) = rest {
            if let Some(after) = rest.trim_start().strip_prefix(':') {
                let skipped = line.chars().count() - after.trim_start().chars().count();
                return Some((i + 1, skipped + 1));
            }
        }
    }
    None
}

/// One step of a path into the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    /// A key of a mapping.
    Key(&'a str),
    /// An entry of a list, from 0.
    Index(usize),
}

/// The steps of `deadlines[1].date`, or `None` if the path is malformed.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut indexes) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some(rest) = indexes.strip_prefix('[') {
            let (n, after) = rest.split_once(']')?;
            out.push(Step::Index(n.parse().ok()?));
            indexes = after;
        }
    }
    Some(out)
}

/// The line (1-based, within `yaml`) and column of the value a path such
/// as `deadlines[1].date` or `stats.hours` names, in block style (`key:`
/// lines, `- ` entries) or one-line `[a, b]` lists and `{a: 1}` mappings.
/// Where the text cannot be followed to the end of the path (a key
/// written in a way not read here), the place of the nearest value on the
/// way; `None` when not even the top-level key is found.
pub fn value_position(yaml: &str, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path)?;
    let (Step::Key(first), rest) = steps.split_first()? else {
        return None;
    };
    let lines: Vec<&str> = yaml.lines().collect();
    let (line, column) = top_key_position(yaml, first)?;
    let text = lines.get(line - 1)?;
    let at = text
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(at, _)| at);
    let mut node = Node {
        line: line - 1,
        at,
        owner: 0,
    };
    for step in rest {
        match node.child(&lines, *step) {
            Some(child) => node = child,
            None => break,
        }
    }
    let text = lines.get(node.line)?;
    Some((node.line + 1, text[..node.at].chars().count() + 1))
}

/// Where a value starts: its line (0-based), its byte offset in the line,
/// and the indentation of the key or `-` it belongs to.
#[derive(Debug, Clone, Copy)]
struct Node {
    line: usize,
    at: usize,
    owner: usize,
}

impl Node {
    /// The value that `step` names inside this one.
    fn child(self, lines: &[&str], step: Step<'_>) -> Option<Node> {
        let text = &lines.get(self.line)?[self.at..];
        let value = text.split(" #").next().unwrap_or("").trim_end();
        match (value.as_bytes().first(), step) {
            (None, _) => self.below(lines, step),
            (Some(b'['), Step::Index(n)) => self.flow_item(lines, n, None),
            (Some(b'{'), Step::Key(key)) => self.flow_item(lines, 0, Some(key)),
            (Some(b'-'), Step::Index(n)) if is_dash(value) => self.entries(lines, self.at, n),
            (Some(_), Step::Key(key)) => self.keys(lines, self.line, self.at, key),
            _ => None,
        }
    }

    /// The value of `step` in a block on the lines below this value's key.
    fn below(self, lines: &[&str], step: Step<'_>) -> Option<Node> {
        let (line, indent) = (self.line + 1..lines.len())
            .map(|i| (i, lines[i]))
            .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(|(i, l)| (i, l.len() - l.trim_start_matches(' ').len()))?;
        if indent < self.owner {
            return None;
        }
        match step {
            Step::Index(n) => self.entries(lines, indent, n),
            Step::Key(key) => self.keys(lines, line, indent, key),
        }
    }

    /// Entry `n` of a block list whose `-` are at `indent`, from this line.
    fn entries(self, lines: &[&str], indent: usize, n: usize) -> Option<Node> {
        let mut seen = 0;
        for (i, line) in lines.iter().enumerate().skip(self.line) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let content = line.get(indent..).unwrap_or("");
            if !line
                .get(..indent)
                .is_some_and(|lead| lead.trim().is_empty())
            {
                // A line indented less ends the list (the first line may
                // hold the key before it).
                if i == self.line {
                    continue;
                }
                return None;
            }
            if i > self.line && !is_dash(content) && !content.starts_with(' ') {
                return None;
            }
            if is_dash(content) {
                if seen == n {
                    let after = &content[1..];
                    let skip = after.len() - after.trim_start_matches(' ').len();
                    return Some(Node {
                        line: i,
                        at: indent + 1 + skip,
                        owner: indent,
                    });
                }
                seen += 1;
            }
        }
        None
    }

    /// The value of `key` in a block mapping whose keys are at byte
    /// `indent`, the first on line `first`.
    fn keys(self, lines: &[&str], first: usize, indent: usize, key: &str) -> Option<Node> {
        for (i, line) in lines.iter().enumerate().skip(first) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(' ').len();
            let at = if i == first { indent } else { lead };
            if i > first && lead < indent {
                return None;
            }
            if at != indent {
                continue;
            }
            let Some(rest) = line.get(at..) else {
                continue;
            };
            let rest = rest
                .strip_prefix(key)
                .or_else(|| rest.strip_prefix('"')?.strip_prefix(key)?.strip_prefix('"'));
            if let Some(after) = rest.and_then(|r| r.trim_start().strip_prefix(':')) {
                let value = line.len() - after.trim_start().len();
                return Some(Node {
                    line: i,
                    at: value,
                    owner: indent,
                });
            }
        }
        None
    }

    /// Item `n` of a one-line `[…]`, or the value of `key` in a one-line
    /// `{…}`, on this value's line.
    fn flow_item(self, lines: &[&str], n: usize, key: Option<&str>) -> Option<Node> {
        let line = lines.get(self.line)?;
        let bytes = line.as_bytes();
        let (mut depth, mut item, mut quote) = (0usize, 0usize, None::<u8>);
        let mut start = self.at + 1;
        for (i, &b) in bytes.iter().enumerate().skip(self.at) {
            match (quote, b) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'[' | b'{') => depth += 1,
                (None, b']' | b'}') | (None, b',') if depth == 1 => {
                    if let Some(found) = self.flow_match(line, start, i, item, n, key) {
                        return Some(found);
                    }
                    if b != b',' {
                        return None;
                    }
                    item += 1;
                    start = i + 1;
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    /// Whether the flow entry `line[start..end]`, number `item`, is the
    /// one wanted; its value's place if so.
    fn flow_match(
        self,
        line: &str,
        start: usize,
        end: usize,
        item: usize,
        n: usize,
        key: Option<&str>,
    ) -> Option<Node> {
        let entry = &line[start..end];
        let lead = entry.len() - entry.trim_start().len();
        let found = |at: usize| {
            Some(Node {
                line: self.line,
                at,
                owner: self.owner,
            })
        };
        match key {
            None if item == n => found(start + lead),
            Some(key) => {
                let rest = entry.trim_start().strip_prefix(key)?;
                let after = rest.trim_start().strip_prefix(':')?;
                found(end - after.trim_start().len())
            }
            None => None,
        }
    }
}

/// Whether `text` (after indentation) is a list entry, `- x` or `-`.
fn is_dash(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `key_position` as first written: every line tried against the plain
    /// and the quoted key.
    fn key_position_oracle(yaml: &str, key: &str) -> Option<(usize, usize)> {
        let quoted = format!("\"{key}\"");
        for (i, line) in yaml.lines().enumerate() {
            let rest = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(quoted.as_str()));
            if let Some(rest) = rest {
                if let Some(after) = rest.trim_start().strip_prefix(':') {
                    let skipped = line.chars().count() - after.trim_start().chars().count();
                    return Some((i + 1, skipped + 1));
                }
            }
        }
        None
    }

    #[test]
    fn key_positions_agree_with_the_line_by_line_oracle() {
        let yaml = "title: \"志愿\"\n\"date\" :  2026-01-01\ntags:\n  - 助老\ntag: x\n\
                    campaigns : [a, b]\n\"cover\"\n# title: no\n titles: no\ncolumn:\u{3000}值\n\
                    \"column\": later\n\"\"\n\"tags: odd\n";
        for key in [
            "title",
            "date",
            "tags",
            "tag",
            "campaigns",
            "cover",
            "column",
            "columns",
            "t",
            "x",
            "no",
            "titles",
            "\"",
        ] {
            assert_eq!(
                key_position(yaml, key),
                key_position_oracle(yaml, key),
                "{key}"
            );
        }
    }

    #[test]
    fn paths_find_nested_values_at_their_own_line_and_column() {
        let yaml = "title: 通知\ndeadlines:\n  - date: 2023-03-10\n    what: 报名\n\
                    # 第二项\n  - what: 截止\n    date: 2023-13-10\nstats:\n  志愿者: 20\n  hours: 5\n\
                    people:\n- name: 张三\n  honors: [优秀, \"最美\", 先进]\n\
                    figures: {a: 1, bb: 2}\n";
        for (path, at) in [
            ("deadlines[0].date", (3, 11)),
            ("deadlines[0].what", (4, 11)),
            ("deadlines[1].date", (7, 11)),
            ("deadlines[1]", (6, 5)),
            ("stats.hours", (10, 10)),
            ("stats.志愿者", (9, 8)),
            ("people[0].name", (12, 9)),
            ("people[0].honors[2]", (13, 22)),
            ("figures.bb", (14, 21)),
            // Not to be found: the nearest value on the way.
            ("stats.nothing", (8, 7)),
            ("deadlines[5].date", (2, 11)),
        ] {
            assert_eq!(key_position(yaml, path), Some(at), "{path}");
        }
        assert_eq!(key_position(yaml, "nothing.a"), None);
        assert_eq!(key_position(yaml, "title"), Some((1, 8)));
    }
}
