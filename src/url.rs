//! What a URL an author writes is (in a Markdown link or image, or a
//! `cover`): one with a scheme or a host (external), one that can run
//! script (dangerous), a plain relative path, and the path a relative
//! destination comes to once `.` and `..` are resolved.
//!
//! Pure text rules: this module knows no page, site or renderer, so the
//! Markdown renderer and the link resolver can both stand on it.

/// Whether a destination starts with a URL scheme (`https:`, `mailto:`).
pub fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Whether a destination leads off the site: it has a scheme
/// (`https://…`, `mailto:`) or names a host (`//cdn.example/…`).
pub fn is_external(dest: &str) -> bool {
    has_scheme(dest) || dest.starts_with("//")
}

/// The one rule for every URL an author writes (Markdown links and images,
/// `cover`): true for URLs whose scheme can run script — `javascript:`,
/// `vbscript:`, and `data:` unless `data:image/` — however they are
/// spaced or cased (browsers skip leading blanks and tabs or line breaks
/// inside the scheme). Markdown turns such a URL into `#`; a cover that is
/// one is an error.
pub fn is_dangerous_url(url: &str) -> bool {
    let mut chars = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    match read_scheme(&mut chars).as_deref() {
        Some("javascript" | "vbscript") => true,
        Some("data") => !starts_with_ignore_case(chars, "image/"),
        _ => false,
    }
}

/// Reads a lowercased URL scheme up to its `:`; `None` if there is none.
fn read_scheme(chars: &mut impl Iterator<Item = char>) -> Option<String> {
    let mut scheme = String::with_capacity(12);
    for c in chars {
        if c == ':' {
            return Some(scheme);
        }
        let valid = c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.');
        if !valid || scheme.len() == 12 {
            return None;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    None
}

/// Case-insensitive ASCII prefix test on a char iterator.
fn starts_with_ignore_case(mut chars: impl Iterator<Item = char>, prefix: &str) -> bool {
    prefix
        .chars()
        .all(|p| chars.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

/// Joins `rel` onto the folder `dir` and resolves `.` and `..`; `None` when it
/// would climb above the root. Percent-escapes are decoded (`%20` → space).
pub fn normalize(dir: &[&str], rel: &str) -> Option<String> {
    let decoded = crate::percent::decode(rel);
    let mut parts: Vec<String> = dir.iter().map(|s| s.to_string()).collect();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other.to_string()),
        }
    }
    Some(parts.join("/"))
}

/// Whether a bundle file name is safe to publish under its page's folder:
/// not empty, and no part of it empty, `.`, `..` or holding a `\`.
pub fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'))
}

/// How a page's address is written: as its folder (`stories/a/`, the
/// server finds `index.html` in it) or as a file of its own
/// (`stories/a.html`, for servers that look up no `index.html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PageUrls {
    /// `stories/a/`, written to `stories/a/index.html`.
    #[default]
    Folders,
    /// `stories/a.html`; the home page is `index.html`.
    Files,
}

/// Pages whose scripts load files beside them by relative paths (the
/// search page and its index): with file URLs they are addressed as
/// `search/index.html`, which needs no server to look up `index.html` either.
pub const FOLDER_PAGES: [&str; 1] = ["search/"];

impl PageUrls {
    /// The address below the base path of the page whose folder is `dir`
    /// (`stories/a/`, or `` for the home page).
    pub fn address(self, dir: &str) -> String {
        match self {
            PageUrls::Folders => dir.to_string(),
            PageUrls::Files => self.file(dir),
        }
    }

    /// The output file of the page whose folder is `dir`. The pages of
    /// [`FOLDER_PAGES`] keep `index.html` in their folder either way.
    pub fn file(self, dir: &str) -> String {
        match (self, dir.strip_suffix('/')) {
            (PageUrls::Files, Some(stem)) if !stem.is_empty() && !FOLDER_PAGES.contains(&dir) => {
                format!("{stem}.html")
            }
            _ => format!("{dir}index.html"),
        }
    }
}

/// The address of `target` (a path below the base path, with any `?query`
/// or `#fragment`) as seen from a page written to `page` (an output path,
/// `stories/a/index.html`): `../b/index.html`. A folder's address names its
/// `index.html`, so it opens from a folder on disk as on a server.
pub fn relative_to(page: &str, target: &str) -> String {
    let split = target.find(['?', '#']).unwrap_or(target.len());
    let (path, tail) = target.split_at(split);
    let from: Vec<&str> = page.split('/').collect();
    let from = &from[..from.len() - 1];
    let to: Vec<&str> = path.split('/').collect();
    let (to_dirs, name) = to.split_at(to.len() - 1);
    let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    for dir in &to_dirs[common..] {
        out.push_str(dir);
        out.push('/');
    }
    match name[0] {
        "" => out.push_str("index.html"),
        file => out.push_str(file),
    }
    out.push_str(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_and_refuses_escape() {
        assert_eq!(
            normalize(&["stories", "2023"], "../../campaigns/a.md").as_deref(),
            Some("campaigns/a.md")
        );
        assert_eq!(normalize(&["stories"], "../../../etc/passwd"), None);
        assert_eq!(normalize(&[], "%E5%9B%BE.png").as_deref(), Some("图.png"));
    }

    #[test]
    fn script_urls_are_dangerous_however_written() {
        for url in [
            "javascript:alert(1)",
            " JaVa\tScript:alert(1)",
            "java\nscript:x",
            "vbscript:msgbox",
            "data:text/html,x",
            "DATA:,x",
            " \tJAVA\tSCRIPT:x",
            "data:",
        ] {
            assert!(is_dangerous_url(url), "{url:?}");
        }
        for url in [
            "data:image/png;base64,xx",
            "DATA:Image/png,x",
            "https://example.org/a.jpg",
            "/images/a.jpg",
            "a.jpg",
            "photos/javascript:x",
            "page/javascript:x",
            "javascript",
            "",
        ] {
            assert!(!is_dangerous_url(url), "{url:?}");
        }
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b:c.md"));
        assert!(!has_scheme("photo.jpg"));
        assert!(is_external("//cdn.example/x.js"));
        assert!(!is_external("/images/x.png"));
    }

    #[test]
    fn plain_relative_paths_stay_below_their_folder() {
        assert!(is_plain_relative("photo.jpg"));
        assert!(is_plain_relative("images/photo.jpg"));
        for path in ["", "/abs.jpg", "a//b", "./a", "../a", "a/..", "a\\b"] {
            assert!(!is_plain_relative(path), "{path:?}");
        }
    }
    #[test]
    fn page_urls_name_folders_or_files() {
        assert_eq!(PageUrls::Folders.address("stories/a/"), "stories/a/");
        assert_eq!(PageUrls::Files.address("stories/a/"), "stories/a.html");
        assert_eq!(PageUrls::Files.address(""), "index.html");
        assert_eq!(PageUrls::Folders.file(""), "index.html");
        assert_eq!(PageUrls::Folders.file("tags/a/"), "tags/a/index.html");
        assert_eq!(PageUrls::Files.file("tags/page/2/"), "tags/page/2.html");
        assert_eq!(PageUrls::Files.address("search/"), "search/index.html");
    }

    #[test]
    fn addresses_are_made_relative_to_the_page() {
        let cases = [
            ("index.html", "", "index.html"),
            ("index.html", "css/site.css", "css/site.css"),
            ("index.html", "stories/", "stories/index.html"),
            ("stories/a/index.html", "", "../../index.html"),
            ("stories/a/index.html", "stories/b/#x", "../b/index.html#x"),
            ("stories/a/index.html", "stories/a/p.jpg", "p.jpg"),
            ("stories/a.html", "stories/b.html", "b.html"),
            ("stories/a.html", "search/?q=1", "../search/index.html?q=1"),
            ("tags/page/2.html", "css/site.css", "../../css/site.css"),
            ("404.html", "archive/", "archive/index.html"),
        ];
        for (page, target, want) in cases {
            assert_eq!(relative_to(page, target), want, "{page} -> {target}");
        }
    }
}
