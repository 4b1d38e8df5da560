//! Messages of `scaffold` (`redvest new`, `redvest init`, `redvest theme
//! eject`), in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// `redvest new` was given a kind it does not make.
    unknown_kind(text, kinds) {
        en: "unknown kind \"{text}\"; redvest new makes: {kinds}",
        zh: "redvest new 不会写“{text}”这一类；它能写：{kinds}",
    }
    /// Hint under [`unknown_kind`] when a kind is close to what was typed.
    unknown_kind_did_you_mean(best) {
        en: "did you mean `{best}`? e.g. redvest new {best} 标题",
        zh: "是不是想写“{best}”？例如：redvest new {best} 标题",
    }
    /// Hint under [`unknown_kind`] otherwise.
    unknown_kind_example() {
        en: "e.g. redvest new story 坚守社区十年的红马甲",
        zh: "例如：redvest new story 坚守社区十年的红马甲",
    }
    /// The folder given is not a site.
    no_site(file, dir) {
        en: "no {file} in {dir}",
        zh: "{dir} 里没有 {file}，这不是一个站点文件夹",
    }
    /// Hint under [`no_site`].
    no_site_hint() {
        en: "run redvest in the site's folder, pass --root DIR, or make a new site with `redvest init DIR`",
        zh: "请在站点文件夹里运行 redvest，或用 --root 文件夹 指明站点，或用“redvest init 文件夹”新建一个站点",
    }
    /// `redvest new` got an empty title.
    empty_title() {
        en: "the title is empty",
        zh: "标题是空的",
    }
    /// Hint under [`empty_title`].
    empty_title_hint() {
        en: "give the title in quotes, e.g. redvest new story \"坚守社区十年的红马甲\"",
        zh: "请把标题放在英文引号里，例如：redvest new story \"坚守社区十年的红马甲\"",
    }
    /// No file name can be made from the title.
    no_slug_from_title(title) {
        en: "cannot make a file name from the title \"{title}\"",
        zh: "无法从标题“{title}”生成文件名",
    }
    /// Hint under [`no_slug_from_title`].
    no_slug_from_title_hint() {
        en: "give one with --slug, e.g. --slug spring-tree-planting",
        zh: "请用 --slug 指定文件名，例如：--slug spring-tree-planting",
    }
    /// The slug `page` is taken by list pages.
    reserved_slug() {
        en: "the slug `page` is reserved for the pages of lists",
        zh: "文件名“page”留给列表的分页使用，不能用作文章的文件名",
    }
    /// Hint: choose another slug.
    choose_another_slug() {
        en: "choose another --slug",
        zh: "请用 --slug 换一个文件名",
    }
    /// The `--slug` given is not a valid slug.
    invalid_slug(text) {
        en: "invalid slug \"{text}\"",
        zh: "文件名“{text}”不合规范",
    }
    /// Hint under [`invalid_slug`], with an example when one can be made.
    invalid_slug_hint(example) {
        en: "a slug uses only a-z, 0-9 and single `-`{example}",
        zh: "文件名只能用小写字母 a-z、数字 0-9 和单个“-”{example}",
    }
    /// The example in [`invalid_slug_hint`].
    slug_example(slug) {
        en: ", e.g. --slug {slug}",
        zh: "，例如：--slug {slug}",
    }
    /// Another file of the kind already has the URL name.
    slug_taken(slug, other) {
        en: "the URL name `{slug}` is already used by {other}",
        zh: "网址名“{slug}”已经被 {other} 使用",
    }
    /// The file to write is already there.
    already_exists() {
        en: "the file already exists; redvest never overwrites a file",
        zh: "这个文件已经存在；redvest 从不覆盖已有的文件",
    }
    /// Hint under [`already_exists`].
    already_exists_hint() {
        en: "choose another --slug, or edit the existing file",
        zh: "请用 --slug 换一个文件名，或者直接修改已有的文件",
    }
    /// The action in "could not …": make a file's folder.
    create_folder() {
        en: "create its folder",
        zh: "创建它所在的文件夹",
    }
    /// The action in "could not …": create a file.
    create_file() {
        en: "create the file",
        zh: "创建这个文件",
    }
    /// The action in "could not …": write a file.
    write_file() {
        en: "write the file",
        zh: "写入这个文件",
    }
    /// The action in "could not …": read a folder.
    read_folder() {
        en: "read the folder",
        zh: "读取这个文件夹",
    }
    /// `redvest init` was given a file.
    init_not_a_folder(dir) {
        en: "{dir} is a file, not a folder for a new site",
        zh: "{dir} 是一个文件，不能用来存放新站点",
    }
    /// `redvest init` was given a folder with something in it.
    init_not_empty(dir) {
        en: "{dir} is not empty; redvest init only makes a site in a new or empty folder",
        zh: "{dir} 不是空文件夹；redvest init 只在新的或空的文件夹里新建站点",
    }
    /// Hint under [`init_not_a_folder`] and [`init_not_empty`].
    init_folder_hint() {
        en: "give the name of a new folder, e.g. redvest init my-site",
        zh: "请给一个新文件夹的名字，例如：redvest init my-site",
    }
    /// What `redvest init` made (printed on success).
    init_done(dir) {
        en: "made a new site in {dir}:",
        zh: "已在 {dir} 新建站点：",
    }
    /// After the files of a plain `redvest init`.
    init_done_empty() {
        en: "the theme is built into redvest, so the site holds only what you write; nothing is published yet",
        zh: "网站主题已内置在 redvest 中，站点里只放您自己写的内容；现在还没有发布任何文章",
    }
    /// After the files of `redvest init --demo`.
    init_done_demo() {
        en: "the theme is built into redvest; the sample articles (a campaign, a column, a story, a report, an announcement and a page) are published like your own: replace or delete them before the site goes online",
        zh: "网站主题已内置在 redvest 中；示例文章（一个活动、一个专栏、一篇先进典型、一篇活动报道、一篇通知和一个页面）会和您的文章一样发布：网站上线前请替换或删除它们",
    }
    /// The next steps after `redvest init`.
    init_next(dir) {
        en: "next:\n  cd {dir}\n  edit site.yaml (the site's name and address)\n  redvest new story \"Title\"   write the first article\n  redvest serve               see the site at http://127.0.0.1:1111/ as you write\n  redvest build               write the site into public/",
        zh: "下一步：\n  cd {dir}\n  修改 site.yaml（网站名称和网址）\n  redvest new story \"标题\"    写第一篇文章\n  redvest serve               边写边在 http://127.0.0.1:1111/ 查看网站\n  redvest build               把网站生成到 public/ 文件夹",
    }
    /// `redvest theme eject` found the folder already there.
    eject_exists() {
        en: "this folder already exists; redvest theme eject does not overwrite it",
        zh: "这个文件夹已经存在；redvest theme eject 不会覆盖它",
    }
    /// Hint under [`eject_exists`].
    eject_exists_hint(aside) {
        en: "to start again from the built-in theme, run it with --force: the existing folder is kept as {aside}",
        zh: "如果要从内置主题重新开始，请加上 --force 再运行：现有的文件夹会改名保留为 {aside}",
    }
    /// The action in "could not …": move the old theme aside.
    move_aside(aside) {
        en: "move it aside to {aside}",
        zh: "把它改名为 {aside}",
    }
    /// What `redvest theme eject` wrote (printed on success).
    eject_done(dir, files) {
        en: "wrote the built-in theme into {dir} ({files} files)",
        zh: "已把内置主题复制到 {dir}（共 {files} 个文件）",
    }
    /// `redvest theme eject --force` kept the old folder.
    eject_moved_aside(aside) {
        en: "the previous folder is kept as {aside}",
        zh: "原来的文件夹已改名保留为 {aside}",
    }
    /// The site now uses the ejected copy.
    eject_in_use(dir) {
        en: "the site now uses this copy: edit the files in {dir}; delete the folder to go back to the built-in theme",
        zh: "站点现在使用这份副本：请修改 {dir} 里的文件；删除这个文件夹即可恢复使用内置主题",
    }
    /// The site's `theme:` names another theme than the one ejected.
    eject_other_theme(name, dir) {
        en: "site.yaml names the theme \"{name}\": set `theme: default` for the site to use {dir}",
        zh: "site.yaml 里的主题是“{name}”：要让站点使用 {dir}，请改为“theme: default”",
    }
}
