//! Messages of `markdown`, in English and Chinese: what the Markdown of a
//! page says that cannot be right.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// A `#anchor` link on a page that has no headings at all.
    anchor_without_headings(fragment) {
        en: "link to `#{fragment}` on this page, which has no headings",
        zh: "链接“#{fragment}”要跳到本页的一个标题，但本页没有任何标题",
    }
    /// A `#anchor` link that names none of the page's headings.
    anchor_not_found(fragment, headings) {
        en: "link to `#{fragment}`: no heading with that id on this page (its headings: {headings})",
        zh: "链接“#{fragment}”在本页找不到对应的标题（本页的标题有：{headings}）",
    }
    /// Hint under a `#anchor` link that finds no heading.
    anchor_hint() {
        en: "write the heading's id after `#` as the page lists it, or give the heading an id: `## 活动安排 {{#plan}}`",
        zh: "请在“#”后面写上本页某个标题的 id（见上面列出的标题），或者给标题指定 id，例如“## 活动安排 {{#plan}}”",
    }
}
