//! Messages of `confine`: symbolic links that leave the site, or that
//! cannot be followed, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// A symbolic link whose target lies outside the site root.
    link_out_of_site(target) {
        en: "the link points outside the site, to `{target}`; files outside the site are never published",
        zh: "这是一个链接，指向网站文件夹以外的“{target}”；网站文件夹以外的文件不会被发布",
    }
    /// Hint under a link out of the site.
    link_out_of_site_hint() {
        en: "copy the file into the site instead of linking it, or remove the link",
        zh: "请把文件复制到网站文件夹里，不要用链接指向它；或者删除这个链接",
    }
    /// A symbolic link whose target does not exist.
    link_broken() {
        en: "could not read the link: it points to a file or folder that does not exist",
        zh: "无法读取这个链接：它指向的文件或文件夹不存在",
    }
    /// A symbolic link that cannot be followed (a loop of links, or no access).
    link_unresolved(reason) {
        en: "the link cannot be followed: {reason}",
        zh: "无法打开这个链接指向的文件：{reason}",
    }
    /// A symbolic link that leads back to itself through other links.
    link_loop() {
        en: "the link cannot be followed: it leads back to itself through other links (a loop)",
        zh: "无法打开这个链接：它经过其他链接又指回了自己（链接形成了循环）",
    }
    /// Hint under a broken link or one that cannot be followed.
    link_broken_hint() {
        en: "copy the file into the site instead of linking it, or remove the link (links that point to each other form a loop)",
        zh: "请把文件复制到网站文件夹里，不要用链接指向它；或者删除这个链接（几个链接互相指向会形成循环）",
    }
    /// The dev server refuses a file that lies outside the site.
    http_outside_site() {
        en: "403 forbidden: this file lies outside the site (see the message in the terminal)",
        zh: "403 禁止访问：这个文件在网站文件夹以外（详见命令行窗口里的提示）",
    }
}
