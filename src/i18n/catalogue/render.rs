//! Messages of `render`, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    // theme
    /// `theme:` names no folder under `themes/` and no built-in theme.
    theme_not_found(name) {
        en: "theme \"{name}\" not found: there is no folder themes/{name}/ and no built-in theme of that name",
        zh: "找不到主题“{name}”：既没有 themes/{name}/ 文件夹，也没有这个名字的内置主题",
    }
    /// Hint under [`theme_not_found`].
    theme_not_found_hint(names) {
        en: "set `theme:` in site.yaml to a built-in theme ({names}) or to a folder under themes/",
        zh: "请把 site.yaml 里的“theme:”改成内置主题（{names}），或改成 themes/ 下的一个文件夹名",
    }
    /// A template every theme must have is missing.
    missing_template() {
        en: "missing template",
        zh: "缺少模板",
    }
    /// Hint under [`missing_template`].
    missing_template_hint(name) {
        en: "add {name} to the theme, or to the site's templates/ folder",
        zh: "请把 {name} 加到主题里，或加到站点的 templates/ 文件夹里",
    }
    /// The action in "could not …" when a template cannot be read.
    read_template() {
        en: "read the template",
        zh: "读取模板",
    }
    /// Tera found an error in a template (its message is Tera's own).
    template_error(message) {
        en: "template error: {message}",
        zh: "模板有错误：{message}",
    }
    /// Hint under [`template_error`].
    template_error_hint() {
        en: "fix the template; docs/templates.md lists the templates and the variables each receives",
        zh: "请修改这个模板；docs/templates.md 列出了所有模板和每个模板能用的变量",
    }
}
