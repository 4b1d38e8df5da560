//! Messages of `redvest import` (legacy articles → Markdown), in English
//! and Chinese: its errors, its report, and the comments it leaves in the
//! front matter for the author.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// A file or folder named on the command line is not there.
    input_missing(path) {
        en: "cannot find {path}",
        zh: "找不到“{path}”",
    }
    /// Hint under [`input_missing`].
    input_missing_hint() {
        en: "check the name; a folder imports every .txt, .html and .docx file in it",
        zh: "请核对文件名；也可以给一个文件夹，会导入其中所有 .txt、.html 和 .docx 文件",
    }
    /// A file named on the command line is of a kind import does not read.
    unsupported_file(path) {
        en: "{path}: redvest import reads .txt, .html and .docx files",
        zh: "“{path}”：redvest import 只能读取 .txt、.html 和 .docx 文件",
    }
    /// Hint under [`unsupported_file`].
    unsupported_file_hint() {
        en: "save it from its program as .docx (Word), .html (a web page) or .txt, then import that",
        zh: "请在原来的程序里把它另存为 .docx（Word）、.html（网页）或 .txt（纯文本），再导入",
    }
    /// A folder had no file import reads.
    nothing_to_import(path) {
        en: "{path} has no .txt, .html or .docx file to import",
        zh: "文件夹“{path}”里没有可导入的 .txt、.html 或 .docx 文件",
    }
    /// The encoding of a text file cannot be told with confidence.
    encoding_unsure(guess) {
        en: "cannot tell this file's encoding with confidence (it looks most like {guess}); it was not imported",
        zh: "无法确定这个文件的文字编码（看起来最像 {guess}），没有导入",
    }
    /// The bytes are not valid in the encoding they name.
    encoding_malformed(encoding) {
        en: "the file says it is {encoding} but has bytes that are not; it was not imported",
        zh: "这个文件标明是 {encoding} 编码，但其中有不符合该编码的内容，没有导入",
    }
    /// Hint under the encoding errors.
    encoding_hint() {
        en: "open it in Notepad or WPS and save it as UTF-8 (Save As → Encoding: UTF-8), then import it again",
        zh: "请用记事本或 WPS 打开，另存为 UTF-8 编码（“另存为”→“编码”选 UTF-8），再重新导入",
    }
    /// A Word file cannot be read.
    docx_unreadable(reason) {
        en: "cannot read this Word file: {reason}; it was not imported",
        zh: "无法读取这个 Word 文件：{reason}，没有导入",
    }
    /// Hint under [`docx_unreadable`].
    docx_unreadable_hint() {
        en: "open it in Word or WPS and save it again as .docx (an old .doc must be saved as .docx)",
        zh: "请用 Word 或 WPS 打开后重新保存为 .docx（旧的 .doc 文件也要另存为 .docx）",
    }
    /// What went wrong inside a Word file: a part is missing.
    docx_part_missing(part) {
        en: "it has no {part}",
        zh: "文件里缺少 {part}",
    }
    /// What went wrong inside a Word file: it is no zip archive.
    docx_not_zip() {
        en: "it is not a .docx archive",
        zh: "它不是 .docx 格式的文件",
    }
    /// What went wrong inside a Word file: its XML is broken.
    docx_bad_xml(part) {
        en: "{part} is damaged",
        zh: "其中的 {part} 已损坏",
    }
    /// A file with no text in it.
    empty_file() {
        en: "the file has no text; it was not imported",
        zh: "这个文件里没有文字，没有导入",
    }
    /// Hint under [`empty_file`].
    empty_file_hint() {
        en: "check that it is the article you meant (a saved page may need saving again as \"Web page, complete\")",
        zh: "请确认这是要导入的文章（网页可能需要重新“另存为→网页，全部”）",
    }
    /// The campaign given with --campaign does not exist.
    unknown_campaign(slug) {
        en: "there is no campaign `{slug}` (content/campaigns/{slug}.md)",
        zh: "没有名为“{slug}”的活动（content/campaigns/{slug}.md）",
    }
    /// The column given with --column does not exist.
    unknown_column(slug) {
        en: "there is no column `{slug}` (content/columns/{slug}.md)",
        zh: "没有名为“{slug}”的专栏（content/columns/{slug}.md）",
    }
    /// Hint under the unknown campaign or column.
    unknown_reference_hint(available) {
        en: "give one of: {available}; or make it first with redvest new",
        zh: "请从这些中选一个：{available}；或者先用 redvest new 新建",
    }
    /// Hint when there is none at all.
    unknown_reference_none() {
        en: "there is none yet: make it first with redvest new campaign (or column) TITLE",
        zh: "目前还没有：请先用 redvest new campaign（或 column）标题 新建",
    }
    /// The action of writing the imported file, for an I/O error.
    writing() {
        en: "write the imported article",
        zh: "写入导入的文章",
    }
    /// The action of reading the file to import, for an I/O error.
    reading() {
        en: "read the file to import",
        zh: "读取要导入的文件",
    }
    /// The first line of a file's report.
    imported(from, to, encoding) {
        en: "imported {from} → {to} ({encoding})",
        zh: "已导入 {from} → {to}（{encoding}）",
    }
    /// A file of a folder that was skipped.
    skipped(path) {
        en: "skipped {path}: not a .txt, .html or .docx file",
        zh: "已跳过 {path}：不是 .txt、.html 或 .docx 文件",
    }
    /// How many lines were removed.
    removed_lines(count) {
        en: "  removed lines ({count}):",
        zh: "  删去 {count} 行：",
    }
    /// One removed line.
    removed_line(reason, line) {
        en: "    {reason}: “{line}”",
        zh: "    {reason}：“{line}”",
    }
    /// Reason: moved into the front matter.
    reason_front_matter() { en: "into the front matter", zh: "已写入文章信息（front matter）" }
    /// Reason: share, print or font-size bar.
    reason_share_bar() { en: "share/print bar", zh: "分享、打印栏" }
    /// Reason: QR-code or follow prompt.
    reason_follow() { en: "QR/follow prompt", zh: "二维码、关注提示" }
    /// Reason: "阅读原文".
    reason_read_original() { en: "“read the original” link", zh: "“阅读原文”" }
    /// Reason: a site's header, navigation or footer.
    reason_chrome() { en: "site header/footer", zh: "网站页头页脚" }
    /// Reason: word count or reading time.
    reason_word_count() { en: "word count/reading time", zh: "字数、阅读时长" }
    /// Reason: greeting or sign-off.
    reason_greeting() { en: "greeting/sign-off", zh: "问候语、结束语" }
    /// Reason: nothing but punctuation.
    reason_stray() { en: "stray punctuation", zh: "多余的符号" }
    /// Reason: outside the article on the page (navigation, footer).
    reason_page() { en: "outside the article on the page", zh: "网页上正文以外的部分" }
    /// Pinyin annotations removed.
    pinyin_removed(count) {
        en: "  removed {count} pinyin annotations (進(jìn) → 進)",
        zh: "  删去 {count} 处拼音注音（進(jìn) → 進）",
    }
    /// Converted to simplified Chinese.
    simplified() {
        en: "  converted to simplified Chinese",
        zh: "  已转换为简体中文",
    }
    /// Pictures saved beside the article.
    pictures_saved(count) {
        en: "  {count} pictures saved beside it",
        zh: "  已保存 {count} 张图片",
    }
    /// The header of what to check.
    look_header() {
        en: "  needs a look:",
        zh: "  请人工核对：",
    }
    /// The title came from the file name.
    look_title_file_name(title) {
        en: "    the text has no title: the file name “{title}” is used",
        zh: "    原文没有标题，暂用文件名“{title}”作标题",
    }
    /// The title came from the subtitle.
    look_title_subtitle(title) {
        en: "    the text has only a subtitle: “{title}” is used as the title",
        zh: "    原文只有副标题，暂用“{title}”作标题",
    }
    /// The date came from the file.
    look_date_from_file(date) {
        en: "    the text gives no date: the file's date {date} is used, and the article is a draft until you check it",
        zh: "    原文没有日期，暂用文件的日期 {date}，核对前文章为草稿（draft），不会发布",
    }
    /// Neither the text nor the file has a date.
    look_no_date() {
        en: "    the text gives no date: fill in `date:` before building",
        zh: "    原文没有日期：请先填写“date:”再生成网站",
    }
    /// Front matter keys left empty.
    look_missing(keys) {
        en: "    not found in the text: {keys}",
        zh: "    原文里没有找到：{keys}",
    }
    /// The front matter key `author`, as the report names it.
    key_author() { en: "author", zh: "作者（author）" }
    /// The front matter key `source`.
    key_source() { en: "source", zh: "来源（source）" }
    /// The front matter key `editor`.
    key_editor() { en: "editor", zh: "责任编辑（editor）" }
    /// The front matter key `region`.
    key_region() { en: "region", zh: "地区（region）" }
    /// Figures were offered as stats.
    look_stats(count) {
        en: "    {count} figures offered as stats (commented out): check them",
        zh: "    从正文中找到 {count} 个数字，已作为 stats 写入（已注释），请核对",
    }
    /// A picture only on the web.
    look_picture_remote(address) {
        en: "    a picture is only on the web and was not saved: {address}",
        zh: "    有一张图片只在网上，没有保存：{address}",
    }
    /// A picture file that is not there.
    look_picture_missing(path) {
        en: "    a picture file is missing: {path}",
        zh: "    找不到图片文件：{path}",
    }
    /// The last line: how many were imported.
    summary(imported, failed) {
        en: "{imported} imported, {failed} not imported",
        zh: "已导入 {imported} 篇，未能导入 {failed} 篇",
    }
    /// What to do next.
    summary_next() {
        en: "check each article's front matter, then run redvest build",
        zh: "请逐篇核对文章开头的信息，然后运行 redvest build 生成网站",
    }
    /// Front matter comment: where the article came from.
    fm_imported_from(file) {
        en: "# imported from {file}",
        zh: "# 导入自 {file}",
    }
    /// Front matter comment: the title is the file name.
    fm_title_from_file() {
        en: "# the text has no title: this is the file name; write the article's title",
        zh: "# 原文没有标题，这里暂用文件名，请改为文章标题",
    }
    /// Front matter comment: the title is the subtitle.
    fm_title_from_subtitle() {
        en: "# the text has only a subtitle (——…): check the title",
        zh: "# 原文只有副标题（——…），请核对标题",
    }
    /// Front matter comment: the date is the file's.
    fm_date_from_file() {
        en: "# the text gives no date: this is the file's date; check it, then delete `draft: true`",
        zh: "# 原文没有日期，这里暂用文件的日期；核对后请删去“draft: true”",
    }
    /// Front matter comment: the date is missing.
    fm_no_date() {
        en: "# the text gives no date: write it here, e.g. date: 2023-03-05",
        zh: "# 原文没有日期，请在这里填写，例如：date: 2023-03-05",
    }
    /// Front matter comment: a key not found.
    fm_not_found(key) {
        en: "# {key}: not found in the text; fill it in if you know it",
        zh: "# {key}：原文里没有找到，知道的话请填写",
    }
    /// Front matter comment above the offered stats.
    fm_stats_intro() {
        en: "# figures stated in the text: check them, then remove the leading # of these lines",
        zh: "# 以下数字取自正文：核对后删去这几行开头的 #",
    }
    /// Front matter comment after one offered figure.
    fm_stats_from(phrase) {
        en: "from “{phrase}”",
        zh: "取自“{phrase}”",
    }
}
