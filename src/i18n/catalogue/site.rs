//! Messages of `site`: how documents relate (campaigns, columns, slugs,
//! issues) and why one is not published, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// A column file named `page`.
    column_named_page() {
        en: "a column may not be named `page`",
        zh: "栏目不能叫“page”",
    }
    /// Hint under [`column_named_page`].
    column_named_page_hint() {
        en: "rename the file",
        zh: "请给这个文件改个名字（“page”留给列表分页使用）",
    }
    /// An item names a campaign that does not exist.
    unknown_campaign(slug) {
        en: "unknown campaign \"{slug}\" in `campaign`",
        zh: "“campaign”里写的活动专题“{slug}”不存在",
    }
    /// An item names a column that does not exist.
    unknown_column(slug) {
        en: "unknown column \"{slug}\" in `column`",
        zh: "“column”里写的栏目“{slug}”不存在",
    }
    /// Hint: the site has no campaign at all.
    no_campaign_yet(slug) {
        en: "there is no campaign yet: add content/campaigns/{slug}.md",
        zh: "网站还没有任何活动专题：请新建 content/campaigns/{slug}.md",
    }
    /// Hint: the site has no column at all.
    no_column_yet(slug) {
        en: "there is no column yet: add content/columns/{slug}.md",
        zh: "网站还没有任何栏目：请新建 content/columns/{slug}.md",
    }
    /// Hint: the campaigns there are.
    known_campaigns(suggestion) {
        en: "{suggestion} (files in content/campaigns/)",
        zh: "{suggestion}（活动专题就是 content/campaigns/ 里的文件名）",
    }
    /// Hint: the columns there are.
    known_columns(suggestion) {
        en: "{suggestion} (files in content/columns/)",
        zh: "{suggestion}（栏目就是 content/columns/ 里的文件名）",
    }
    /// An item's slug is `page`.
    slug_page_reserved() {
        en: "the slug `page` is reserved for list pages",
        zh: "“page”这个 slug 留给列表分页使用",
    }
    /// Hint under [`slug_page_reserved`].
    slug_page_reserved_hint() {
        en: "choose another slug",
        zh: "请换一个 slug",
    }
    /// Two items publish at the same address.
    slug_taken(slug, other) {
        en: "slug \"{slug}\" is already used by {other}",
        zh: "slug“{slug}”已经被 {other} 使用了",
    }
    /// Hint under [`slug_taken`].
    slug_taken_hint() {
        en: "give one of the two files another `slug:` or file name",
        zh: "请给这两个文件中的一个换一个“slug:”或文件名",
    }
    /// Two entries of a column have the same issue number.
    issue_taken(issue, other) {
        en: "issue 第{issue}期 is also {other}",
        zh: "第{issue}期已经是 {other}",
    }
    /// Hint under [`issue_taken`].
    issue_taken_hint() {
        en: "give each entry of a column its own `issue:` number, or leave `issue` out to number by date",
        zh: "请给栏目的每一篇写不同的“issue:”期号；或者都不写，按日期自动编号",
    }
    /// Why a document is not published: a draft.
    left_out_draft() {
        en: "a draft",
        zh: "草稿",
    }
    /// Why a document is not published: dated after the build.
    left_out_scheduled() {
        en: "scheduled for later",
        zh: "还没到发布时间的定时稿件",
    }
}
