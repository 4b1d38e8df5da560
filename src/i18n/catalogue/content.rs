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
}
