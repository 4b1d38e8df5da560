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
    // pages, links and feeds
    /// A cover written `/x.jpg` that is in no static folder.
    cover_not_in_static(cover) {
        en: "cover `{cover}` not found in static/",
        zh: "在 static/ 里找不到封面图片“{cover}”",
    }
    /// A cover written `x.jpg` that is not beside the page.
    cover_not_beside_page(cover) {
        en: "cover `{cover}` not found beside the page",
        zh: "在页面旁边找不到封面图片“{cover}”",
    }
    /// Hint under a cover that is not found.
    cover_hint() {
        en: "give `cover` as a file beside the page's index.md, or a path in static/ starting with /",
        zh: "“cover”请写和页面的 index.md 放在同一个文件夹里的图片文件名，或者以“/”开头、放在 static/ 里的图片路径",
    }
    /// A link to a document this build leaves out.
    link_to_left_out(target, why) {
        en: "links to content/{target}, which is {why} and not published in this build",
        zh: "链接指向 content/{target}，它是{why}，这次没有发布",
    }
    /// Hint under a link to a draft.
    link_to_draft_hint() {
        en: "link to it once it is published (no `draft: true`), or build with --drafts to see it",
        zh: "请等它发布（去掉“draft: true”）后再链接；想先看看效果，可以加上 --drafts 生成",
    }
    /// Hint under a link to a scheduled item.
    link_to_scheduled_hint() {
        en: "link to it once its date has come, or build with --future to see it",
        zh: "请等它到了发布时间后再链接；想先看看效果，可以加上 --future 生成",
    }
    /// A link to a content file that does not exist.
    link_to_missing(target) {
        en: "links to content/{target}, which does not exist",
        zh: "链接指向 content/{target}，但这个文件不存在",
    }
    /// A link that climbs out of `content/`.
    link_leaves_content(dest) {
        en: "`{dest}` leaves the content folder",
        zh: "链接“{dest}”指到了 content 文件夹以外",
    }
    /// An image that is not in the page's bundle.
    image_not_beside_page(dest) {
        en: "image `{dest}` not found beside the page (a photo goes in the page's bundle folder, next to its index.md)",
        zh: "在页面旁边找不到图片“{dest}”（照片要放在页面自己的文件夹里，和 index.md 放在一起）",
    }
    /// Hint under an image not found beside the page.
    image_hint() {
        en: "put the photo in the page's folder beside its index.md, or link a file in static/ with a path starting with /",
        zh: "请把照片放进页面自己的文件夹（和 index.md 放在一起），或者用以“/”开头的路径引用 static/ 里的图片",
    }
    /// Hint under a broken link.
    link_hint() {
        en: "link to a content file by its path: relative to this file (../campaigns/a.md) or from the content root (@/campaigns/a.md)",
        zh: "请按路径链接到 content 里的文件：可以相对于本文件写（../campaigns/a.md），也可以从 content 文件夹算起写（@/campaigns/a.md）",
    }
    /// An image with no alt text (a warning).
    image_without_alt(image) {
        en: "image `{image}` has no alt text",
        zh: "图片“{image}”没有替代文字",
    }
    /// Hint under [`image_without_alt`].
    image_without_alt_hint() {
        en: "describe the photo for readers who cannot see it: ![志愿者为老人测量血压](photo.jpg)",
        zh: "请为看不见图片的读者写一句说明，写在方括号里，例如：![志愿者为老人测量血压](photo.jpg)",
    }
    /// A link to a heading the target page does not have.
    no_such_heading(target, fragment) {
        en: "link to `{target}#{fragment}`: no heading with that id",
        zh: "链接“{target}#{fragment}”：目标页面没有这个 id 的小标题",
    }
    /// Hint: the closest heading id.
    did_you_mean_heading(best) {
        en: "did you mean `#{best}`?",
        zh: "是不是想写“#{best}”？",
    }
    /// Hint: the target has no headings at all.
    target_has_no_headings() {
        en: "the target has no headings",
        zh: "目标页面没有小标题，请去掉“#”和后面的部分",
    }
    /// Hint: the target's headings.
    target_headings(list) {
        en: "its headings are: {list}",
        zh: "目标页面的小标题有：{list}",
    }
    /// A page that failed without saying why.
    could_not_render() {
        en: "could not render",
        zh: "无法生成这个页面",
    }
}
