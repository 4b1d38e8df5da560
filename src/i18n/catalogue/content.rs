//! Messages of `content`, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    // ---- parse.rs: checks of one document ----
    /// A file name no URL name can be made from.
    no_slug_from_file_name(stem) {
        en: "cannot make a URL name from the file name \"{stem}\"",
        zh: "无法用文件名“{stem}”生成网址",
    }
    /// Hint under a file name no URL name can be made from.
    no_slug_from_file_name_hint() {
        en: "rename the file using letters, digits, `-` or Chinese characters",
        zh: "请把文件改名，只用字母、数字、“-”或汉字",
    }
    /// A `slug:` that is not a slug.
    invalid_slug(text) {
        en: "invalid slug \"{text}\"",
        zh: "网址名（slug）“{text}”不合格",
    }
    /// Hint under an invalid slug, with a slug made from it.
    invalid_slug_hint_like(slug) {
        en: "a slug uses only a-z, 0-9 and single `-`, e.g. `{slug}`",
        zh: "网址名只能用小写字母 a-z、数字 0-9 和单个“-”，例如“{slug}”",
    }
    /// Hint under an invalid slug.
    invalid_slug_hint() {
        en: "a slug uses only a-z, 0-9 and single `-`",
        zh: "网址名只能用小写字母 a-z、数字 0-9 和单个“-”",
    }
    /// A dated item without `date:`.
    missing_date() {
        en: "missing required key `date`",
        zh: "缺少必填的“date”（发布日期）",
    }
    /// Hint under a missing date.
    missing_date_hint() {
        en: "add e.g. `date: 2023-03-05` to the front matter",
        zh: "请在文件开头的信息区加一行，例如“date: 2023-03-05”",
    }
    /// An empty title.
    empty_title() {
        en: "the title is empty",
        zh: "标题是空的",
    }
    /// Hint under an empty title.
    empty_title_hint() {
        en: "write the title after `title:`",
        zh: "请在“title:”后面写上标题",
    }
    /// A key only one kind of item may carry.
    key_only_for(key, section) {
        en: "`{key}` is only for {section}",
        zh: "“{key}”只能用在 {section} 文件夹里的文章中",
    }
    /// Hint under a key of another kind.
    key_only_for_hint(key, section) {
        en: "remove `{key}`, or move the file to content/{section}/",
        zh: "请删掉“{key}”，或者把文件移到 content/{section}/ 里",
    }
    /// A campaign that ends before it starts.
    end_before_start(end, start) {
        en: "`end` ({end}) is before `start` ({start})",
        zh: "结束日期“end”（{end}）早于开始日期“start”（{start}）",
    }
    /// Hint under a campaign that ends before it starts.
    end_before_start_hint() {
        en: "swap the two dates, or correct the year",
        zh: "请把两个日期对调，或者改正年份",
    }
    /// A column frequency redvest does not know.
    unknown_frequency(value) {
        en: "unknown frequency \"{value}\"",
        zh: "不认识的更新频率“{value}”",
    }
    /// Hint under an unknown frequency.
    unknown_frequency_hint() {
        en: "use weekly (每周一期), monthly (每月一期) or irregular (不定期)",
        zh: "请写 weekly（每周一期）、monthly（每月一期）或 irregular（不定期）",
    }

    // ---- discover.rs: the files under content/ ----
    /// A file name that is not UTF-8.
    file_name_not_utf8() {
        en: "the file name is not UTF-8 (it may come from an old zip or a Windows share)",
        zh: "文件名的编码不是 UTF-8（可能来自旧的压缩包或 Windows 共享文件夹）",
    }
    /// Hint under a file name that is not UTF-8.
    file_name_not_utf8_hint() {
        en: "rename the file, e.g. with its title in pinyin or in Chinese typed again",
        zh: "请给文件重新起名，例如用拼音，或重新输入中文标题",
    }
    /// A folder that links back to a parent.
    symlink_loop() {
        en: "this folder links back to one of its parents (a symlink loop)",
        zh: "这个文件夹链接回了它的上级文件夹（符号链接形成了循环）",
    }
    /// Hint under a symlink loop.
    symlink_loop_hint() {
        en: "remove the symbolic link",
        zh: "请删除这个符号链接",
    }
    /// A file or folder the walk could not read.
    walk_failed(reason) {
        en: "could not read: {reason}",
        zh: "无法读取：{reason}",
    }
    /// Hint under a file or folder the walk could not read.
    walk_failed_hint() {
        en: "check that the file exists and is readable",
        zh: "请检查这个文件是否存在、是否有权限读取",
    }
    /// The action of reading a content file, for `could not {action}`.
    action_read_file() {
        en: "read the file",
        zh: "读取文件",
    }
    /// An `index.html` beside a bundle's `index.md`.
    index_html_in_bundle() {
        en: "this file would replace the page made from the index.md beside it",
        zh: "这个文件会覆盖旁边 index.md 生成的页面",
    }
    /// Hint under an `index.html` in a bundle.
    index_html_in_bundle_hint() {
        en: "rename or remove it; the page is written as index.html",
        zh: "请把它改名或删除；页面本身就会生成为 index.html",
    }
    /// A content file larger than the limit.
    file_too_large(megabytes) {
        en: "the file is larger than {megabytes} MB",
        zh: "文件超过了 {megabytes} MB",
    }
    /// Hint under a content file that is too large.
    file_too_large_hint() {
        en: "a page's text is far smaller: split it into several pages, and put photos and documents beside it or in static/",
        zh: "一篇文章的文字远没有这么大：请把它拆成几篇，照片和附件放在文章旁边或 static/ 里",
    }
    /// A subfolder where none is allowed.
    no_subfolders(section) {
        en: "{section} may not have subfolders",
        zh: "{section} 文件夹里不能再建子文件夹",
    }
    /// Hint under a file in a subfolder where none is allowed.
    no_subfolders_hint(section) {
        en: "put the file directly in content/{section}/",
        zh: "请把文件直接放在 content/{section}/ 里",
    }
    /// A Markdown file outside the content folders.
    not_in_a_content_folder() {
        en: "this file is not in a content folder",
        zh: "这个文件不在任何内容文件夹里",
    }
    /// Hint under a Markdown file outside the content folders.
    not_in_a_content_folder_hint() {
        en: "move it into content/stories, reports, announcements, pages, campaigns or columns",
        zh: "请把它移到 content/ 下的 stories（先进典型）、reports（活动报道）、announcements（通知公告）、pages（页面）、campaigns（活动）或 columns（专栏）文件夹里",
    }
    /// A Word file under content/.
    word_not_published() {
        en: "Word and WPS documents are not published",
        zh: "Word 或 WPS 文件不会发布",
    }
    /// Hint under a Word file under content/.
    word_not_published_hint() {
        en: "copy its text into a .md file, and put its pictures in a page bundle (a folder with the page's index.md)",
        zh: "把它的文字复制到一个 .md 文件里，图片放进页面包（page bundle，即放 index.md 的文件夹）",
    }
    /// A text file under content/.
    text_not_published() {
        en: "text files (.txt) are not published",
        zh: "文本文件（.txt）不会发布",
    }
    /// Hint under a text file under content/.
    text_not_published_hint() {
        en: "rename it to .md and add front matter at its top: a line ---, then title: and date:, then a line ---",
        zh: "把它改名为 .md，并在开头加上信息区：一行 ---，再写 title:（标题）和 date:（日期），再一行 ---",
    }
    /// An HTML file under content/.
    html_not_published() {
        en: "HTML files under content/ are not published",
        zh: "content/ 里的 HTML 文件不会发布",
    }
    /// Hint under an HTML file under content/.
    html_not_published_hint() {
        en: "copy its text into a .md file; or, to publish the page as it is, move it into static/",
        zh: "把它的文字复制到一个 .md 文件里；如果要原样发布这个网页，请把它移到 static/ 文件夹",
    }
    /// A spreadsheet, slides or PDF outside a page bundle.
    document_not_published() {
        en: "this document is not published: it is not beside any page",
        zh: "这个文档不会发布：它不在任何文章旁边",
    }
    /// A picture outside a page bundle.
    image_not_published() {
        en: "this picture is not published: it is not beside any page",
        zh: "这张图片不会发布：它不在任何文章旁边",
    }
    /// Any other file redvest does not publish.
    file_not_published() {
        en: "this file is not published",
        zh: "这个文件不会发布",
    }
    /// Hint under a picture or a file outside a page bundle.
    file_not_published_hint() {
        en: "put it in a page bundle (a folder with the page's index.md) and link to it from the page, or move it into static/",
        zh: "把它放进页面包（page bundle，即放 index.md 的文件夹）并在文章里链接它，或者把它移到 static/ 文件夹",
    }
    // reading a file as text (content/mod.rs)
    /// A UTF-16 file with a byte order mark.
    utf16() {
        en: "the file is UTF-16 text, not UTF-8",
        zh: "这个文件是 UTF-16 编码，不是 UTF-8",
    }
    /// A UTF-16 file without a byte order mark.
    utf16_without_bom() {
        en: "the file is UTF-16 text (without a byte order mark), not UTF-8",
        zh: "这个文件是 UTF-16 编码（没有字节顺序标记），不是 UTF-8",
    }
    /// A file in the GBK family of encodings.
    gbk() {
        en: "the file looks like GBK/GB18030 text, not UTF-8",
        zh: "这个文件看起来是 GBK/GB18030 编码，不是 UTF-8",
    }
    /// A file that is not UTF-8, encoding unknown.
    not_utf8() {
        en: "the file is not UTF-8 text: this character cannot be read",
        zh: "这个文件不是 UTF-8 文本，这里的字符无法识别",
    }
    /// Hint under an encoding error.
    convert_to_utf8() {
        en: "convert it to UTF-8 (in Notepad or WPS: 另存为 → 编码 UTF-8; or `iconv -f GB18030 -t UTF-8`)",
        zh: "请把它转换成 UTF-8 编码：在记事本或 WPS 里选择“另存为”，编码选“UTF-8”；或者用命令 iconv -f GB18030 -t UTF-8",
    }
    /// A binary file where text is expected.
    binary() {
        en: "the file is binary, not text",
        zh: "这个文件是二进制文件，不是文本",
    }
    /// Hint under [`binary`].
    binary_hint() {
        en: "content files must be Markdown text; put images beside an index.md or in static/",
        zh: "content 里的稿件必须是 Markdown 文本；图片请放在 index.md 旁边或者 static/ 里",
    }
}
