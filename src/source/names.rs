//! Which file names redvest reads and which it passes over: Markdown by its
//! extension, and the hidden files, drafts and traces of editors and file
//! managers that are never read, copied or watched.

/// Whether a file or folder name is ignored: hidden, `_`-prefixed, an
/// editor's temporary file (`a.md~`, `~$a.docx`) or a file manager's
/// (`Thumbs.db`, `desktop.ini`).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('_')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Whether a file name or content path is Markdown: `.md` or `.markdown`,
/// in any case.
pub fn is_markdown(name: &str) -> bool {
    markdown_stem(name).is_some()
}

/// The file name without its Markdown extension (`a.MD` → `a`); `None`
/// for other files.
pub fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    let markdown = ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown");
    (markdown && !stem.is_empty() && !stem.ends_with('/')).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".a.md",
            "_draft.md",
            "a.md~",
            ".a.md.swp",
            "#a.md#",
            "~$方案.docx",
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
        assert!(!is_ignored("方案.docx"));
    }

    #[test]
    fn markdown_is_md_or_markdown_in_any_case() {
        for (name, stem) in [
            ("a.md", "a"),
            ("a.MD", "a"),
            ("雷锋.Markdown", "雷锋"),
            ("stories/x.markdown", "stories/x"),
        ] {
            assert_eq!(markdown_stem(name), Some(stem), "{name}");
        }
        for name in ["a.txt", "a.mdx", "md", ".md", "stories/.md", "a.docx"] {
            assert!(!is_markdown(name), "{name}");
        }
    }
}
