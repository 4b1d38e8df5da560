//! Messages of `pipeline`: the summary line a build ends with, the
//! `--timings` tables and the build time, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// Published stories.
    count_stories(n) {
        en: "{n} stories",
        zh: "{n} 篇先进典型",
    }
    /// Published reports.
    count_reports(n) {
        en: "{n} reports",
        zh: "{n} 篇活动报道",
    }
    /// Published announcements.
    count_announcements(n) {
        en: "{n} announcements",
        zh: "{n} 条公告",
    }
    /// Published pages.
    count_pages(n) {
        en: "{n} pages",
        zh: "{n} 个页面",
    }
    /// Campaigns.
    count_campaigns(n) {
        en: "{n} campaigns",
        zh: "{n} 个活动专题",
    }
    /// Columns.
    count_columns(n) {
        en: "{n} columns",
        zh: "{n} 个栏目",
    }
    /// Between the counts.
    count_separator() {
        en: ", ",
        zh: "、",
    }
    /// Between the parts of the summary line.
    part_separator() {
        en: "; ",
        zh: "；",
    }
    /// Drafts left out, no scheduled items.
    left_out_drafts(drafts) {
        en: "left out {drafts} drafts",
        zh: "未发布 {drafts} 篇草稿",
    }
    /// Scheduled items left out, no drafts.
    left_out_scheduled(scheduled, items) {
        en: "left out {scheduled} scheduled: {items}",
        zh: "已暂缓发布 {scheduled} 篇定时稿件：{items}",
    }
    /// Drafts and scheduled items left out.
    left_out_both(drafts, scheduled, items) {
        en: "left out {drafts} drafts and {scheduled} scheduled: {items}",
        zh: "未发布 {drafts} 篇草稿；已暂缓发布 {scheduled} 篇定时稿件：{items}",
    }
    /// One scheduled item and when it comes out.
    scheduled_item(path, time) {
        en: "{path} (publishes {time})",
        zh: "{path}（{time} 发布）",
    }
    /// Between scheduled items.
    item_separator() {
        en: ", ",
        zh: "、",
    }
    /// The scheduled items not named.
    more_scheduled(n) {
        en: "and {n} more",
        zh: "另有 {n} 篇",
    }
    /// The end of a build's summary.
    written(files, output, secs) {
        en: "{files} files written to {output} in {secs} s",
        zh: "共写入 {files} 个文件到 {output}，用时 {secs} 秒",
    }
    /// The end of a check's summary.
    checked(secs) {
        en: "checked in {secs} s, nothing written",
        zh: "检查完毕，用时 {secs} 秒，没有写入任何文件",
    }
    /// The end of the dev server's summary (built in memory).
    built_in_memory(secs) {
        en: "built in {secs} s",
        zh: "已生成，用时 {secs} 秒",
    }
    /// A build that found nothing changed.
    up_to_date(output, secs) {
        en: "nothing changed since the last build; {output} is up to date ({secs} s)",
        zh: "自上次生成以来没有改动，{output} 已是最新（用时 {secs} 秒）",
    }
    /// Hint under a bad `SOURCE_DATE_EPOCH`.
    source_date_epoch_hint() {
        en: "unset it, or set it to a whole number of seconds",
        zh: "请取消这个环境变量，或者把它设为一个整数秒数",
    }
    /// `--timings`: the heading of the stages table.
    stages_heading() {
        en: "time per stage:",
        zh: "各阶段用时：",
    }
    /// `--timings`: one stage.
    stage_line(stage, ms) {
        en: "  {stage} {ms} ms",
        zh: "  {stage} {ms} 毫秒",
    }
    /// `--timings`: the heading of the templates table.
    templates_heading() {
        en: "templates, slowest first:",
        zh: "各模板用时（最慢的在前）：",
    }
    /// `--timings`: one template.
    template_line(name, pages, total, slowest) {
        en: "  {name} {pages} pages {total} ms in all, slowest {slowest} ms",
        zh: "  {name} {pages} 页，共 {total} 毫秒，最慢一页 {slowest} 毫秒",
    }
    /// Stage: reading `site.yaml`.
    stage_config() {
        en: "config",
        zh: "读取配置",
    }
    /// Stage: comparing with the last build.
    stage_compare() {
        en: "compare",
        zh: "比较改动",
    }
    /// Stage: reading the content files.
    stage_read() {
        en: "read",
        zh: "读取文件",
    }
    /// Stage: parsing them.
    stage_parse() {
        en: "parse",
        zh: "解析稿件",
    }
    /// Stage: relating documents.
    stage_relate() {
        en: "relate",
        zh: "建立关联",
    }
    /// Stage: loading the theme.
    stage_theme() {
        en: "theme",
        zh: "加载主题",
    }
    /// Stage: processing photos (sized copies, from the cache when unchanged).
    stage_photos() {
        en: "photos",
        zh: "处理照片",
    }
    /// Stage: rendering Markdown bodies.
    stage_bodies() {
        en: "bodies",
        zh: "转换正文",
    }
    /// Stage: rendering pages.
    stage_pages() {
        en: "pages",
        zh: "生成页面",
    }
    /// Stage: writing files.
    stage_write() {
        en: "write",
        zh: "写入文件",
    }
    /// Stage: preparing the in-memory site.
    stage_prepare() {
        en: "prepare",
        zh: "准备页面",
    }
    /// Stage: indexing the in-memory site's files.
    stage_index() {
        en: "index",
        zh: "建立索引",
    }
}
