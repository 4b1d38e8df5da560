//! Messages of `config`: reading and checking `site.yaml`, in English and
//! Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// `base_url` has no `scheme://`.
    base_url_not_absolute(url) {
        en: "base_url \"{url}\" is not an absolute URL",
        zh: "base_url“{url}”不是完整的网址",
    }
    /// `base_url` is not http or https.
    base_url_scheme(url) {
        en: "base_url \"{url}\" must start with http:// or https://",
        zh: "base_url“{url}”必须以 http:// 或 https:// 开头",
    }
    /// `base_url` has a query, a fragment, a space or a quote.
    base_url_characters(url) {
        en: "base_url \"{url}\" may not contain a query, a fragment, spaces or quotes",
        zh: "base_url“{url}”不能包含“?”“#”、空格或引号",
    }
    /// `base_url` has no host.
    base_url_no_host(url) {
        en: "base_url \"{url}\" has no host name",
        zh: "base_url“{url}”缺少域名",
    }
    /// `base_url` has `.` or `..` in its path.
    base_url_dot_segments(url) {
        en: "base_url \"{url}\" may not contain `.` or `..` segments",
        zh: "base_url“{url}”的路径里不能有“.”或“..”",
    }
    /// A bad `--base-url` on the command line.
    base_url_flag(problem) {
        en: "--base-url: {problem}",
        zh: "--base-url 参数有误：{problem}",
    }
    /// Hint under [`base_url_flag`].
    base_url_flag_hint() {
        en: "give the full address, e.g. --base-url https://example.gov.cn/zyfw/; for a site that opens from a folder or any sub-path, use --base-url ./ (or --relative-links, or relative_links: true in site.yaml)",
        zh: "请写完整的网址，例如 --base-url https://example.gov.cn/zyfw/；要让网站在文件夹里或任意子路径下都能打开，请用 --base-url ./（或 --relative-links，或在 site.yaml 里写 relative_links: true）",
    }
    /// Hint under a bad `base_url` in `site.yaml`.
    base_url_hint() {
        en: "write the address the site is published at, e.g. https://example.gov.cn/zyfw/; for links that work from a folder or any sub-path, keep that address and add relative_links: true",
        zh: "请写网站发布后的网址，例如 https://example.gov.cn/zyfw/；要让链接在文件夹里或任意子路径下都能用，请保留这个网址，另加一行 relative_links: true",
    }
    /// No `site.yaml` in the folder.
    no_config(file, root) {
        en: "no {file} in {root}",
        zh: "“{root}”里没有 {file}",
    }
    /// Hint under [`no_config`].
    no_config_hint() {
        en: "run redvest in the site's folder, pass --root DIR, or make a new site with `redvest init DIR`",
        zh: "请在站点文件夹里运行 redvest，或者用 --root 指定站点文件夹；还没有站点的话，可以用“redvest init 文件夹名”新建一个",
    }
    /// Action: reading `site.yaml`.
    action_read_config() {
        en: "read the configuration",
        zh: "读取配置文件",
    }
    /// A `timezone` that is not an offset.
    invalid_timezone(zone) {
        en: "invalid timezone \"{zone}\"",
        zh: "时区“{zone}”写得不对",
    }
    /// Hint under [`invalid_timezone`].
    invalid_timezone_hint() {
        en: "write an offset from UTC in quotes, e.g. timezone: \"+08:00\"",
        zh: "请用引号写出与 UTC 的时差，例如北京时间写 timezone: \"+08:00\"",
    }
    /// `paginate`, `feed_limit` or `summary_length` is 0.
    at_least_one(key) {
        en: "`{key}` must be at least 1",
        zh: "“{key}”至少要是 1",
    }
    /// Hint under [`at_least_one`].
    at_least_one_hint(key) {
        en: "write a whole number from 1 up, or remove the `{key}` line to use the default",
        zh: "请写一个不小于 1 的整数，或者删掉“{key}”这一行，使用默认值",
    }
    /// A theme name that is not a plain folder name.
    invalid_theme(theme) {
        en: "invalid theme name \"{theme}\"",
        zh: "主题名“{theme}”无效",
    }
    /// Hint under [`invalid_theme`].
    invalid_theme_hint() {
        en: "name a folder under themes/",
        zh: "请写 themes/ 下某个文件夹的名字",
    }
    /// A metric key with characters other than a-z, 0-9 and `_`.
    invalid_metric_key(key) {
        en: "invalid metric key \"{key}\"",
        zh: "统计指标的键“{key}”无效",
    }
    /// Hint under [`invalid_metric_key`].
    invalid_metric_key_hint() {
        en: "use lowercase letters, digits and `_`, e.g. volunteers",
        zh: "只能用小写英文字母、数字和“_”，例如 volunteers",
    }
    /// The same metric twice.
    metric_twice(key) {
        en: "metric \"{key}\" is defined twice",
        zh: "统计指标“{key}”定义了两次",
    }
    /// Hint under [`metric_twice`].
    metric_twice_hint() {
        en: "keep one of the two and remove the other",
        zh: "请保留其中一个，删掉另一个",
    }
}
