//! The themes compiled into redvest: `themes/default/` of the source tree,
//! embedded at compile time by `build.rs` (the one copy of the default
//! theme). A site without a `themes/<name>/` folder uses the built-in theme
//! of that name; `redvest theme eject` writes it out for editing.

/// How errors name the built-in theme's files (`(built-in theme)/static/x`).
pub const BUILTIN_SHOWN: &str = "(built-in theme)";

/// The files `build.rs` found in `themes/default/`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme compiled into redvest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinTheme {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
}

/// The name of the theme every new site uses.
pub const DEFAULT: &str = "default";

/// Every built-in theme.
const THEMES: &[BuiltinTheme] = &[BuiltinTheme {
    name: DEFAULT,
    files: embedded::DEFAULT_THEME,
}];

impl BuiltinTheme {
    /// The built-in theme called `name`, if there is one.
    pub fn find(name: &str) -> Option<BuiltinTheme> {
        THEMES.iter().copied().find(|theme| theme.name == name)
    }

    /// The built-in default theme.
    pub fn default_theme() -> BuiltinTheme {
        BuiltinTheme {
            name: DEFAULT,
            files: embedded::DEFAULT_THEME,
        }
    }

    /// The names of the built-in themes, for messages.
    pub fn names() -> Vec<&'static str> {
        THEMES.iter().map(|theme| theme.name).collect()
    }

    /// The theme's name, which is also its folder's under `themes/`.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// Every file: (path inside the theme with `/`, bytes), sorted by path.
    pub fn files(self) -> &'static [(&'static str, &'static [u8])] {
        self.files
    }

    /// The bytes of the file at `rel` (a `/` path inside the theme).
    pub fn file(self, rel: &str) -> Option<&'static [u8]> {
        self.files
            .binary_search_by(|(path, _)| (*path).cmp(rel))
            .ok()
            .map(|i| self.files[i].1)
    }

    /// The files below the folder `dir` (`templates`), with paths relative
    /// to it (`partials/card.html`), sorted.
    pub fn files_under(
        self,
        dir: &'static str,
    ) -> impl Iterator<Item = (&'static str, &'static [u8])> {
        self.files.iter().filter_map(move |(path, bytes)| {
            path.strip_prefix(dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(|rest| (rest, *bytes))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_embedded_sorted() {
        let theme = BuiltinTheme::find("default").expect("built in");
        let paths: Vec<&str> = theme.files().iter().map(|(p, _)| *p).collect();
        assert!(paths.contains(&"templates/base.html"), "{paths:?}");
        assert!(paths.contains(&"i18n/zh-CN.yaml"), "{paths:?}");
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted: {paths:?}");
        assert!(paths
            .iter()
            .all(|p| !p.split('/').any(|s| s.starts_with('.'))));
        assert_eq!(theme, BuiltinTheme::default_theme());
        assert!(BuiltinTheme::find("nope").is_none());
    }

    #[test]
    fn files_are_found_by_path_and_folder() {
        let theme = BuiltinTheme::default_theme();
        assert!(theme.file("static/css/site.css").is_some());
        assert!(theme.file("static/css").is_none());
        let css: Vec<&str> = theme.files_under("static").map(|(p, _)| p).collect();
        assert!(css.contains(&"css/site.css"), "{css:?}");
        assert!(theme.files_under("stat").next().is_none());
    }
}
