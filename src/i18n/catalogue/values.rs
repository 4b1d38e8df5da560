//! Messages of `values`: dates and figures as authors write them, in
//! English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// Text that is not written as a date.
    not_a_date(text) {
        en: "invalid date \"{text}\"",
        zh: "“{text}”不是日期",
    }
    /// Text under a key that is not written as a date.
    not_a_date_in(text, key) {
        en: "invalid date \"{text}\" in `{key}`",
        zh: "“{key}”的值“{text}”不是日期",
    }
    /// The forms a date may be written in.
    date_forms_hint() {
        en: "write a date as 2023-03-05, 2023-3-5, 2023/3/5, 2023.3.5 or 2023年3月5日, optionally with a time after a space: 2023-03-05 09:30",
        zh: "日期可以写成 2023-03-05、2023-3-5、2023/3/5、2023.3.5 或 2023年3月5日，后面可以空一格加上时间，如 2023年3月5日 9:30",
    }
    /// A date the calendar does not have.
    no_such_day(text) {
        en: "invalid date \"{text}\": there is no such day",
        zh: "日期“{text}”不存在",
    }
    /// A date under a key that the calendar does not have.
    no_such_day_in(text, key) {
        en: "invalid date \"{text}\" in `{key}`: there is no such day",
        zh: "“{key}”的日期“{text}”不存在",
    }
    /// Hint under a day that does not exist.
    no_such_day_hint() {
        en: "check the month (1–12) and the day: February has 28 days (29 in a leap year); April, June, September and November have 30",
        zh: "请核对月份（1～12）和日子：2月只有28天（闰年29天），4、6、9、11月只有30天",
    }
    /// A time of day that does not exist.
    no_such_time(text) {
        en: "invalid time in \"{text}\": there is no such time of day",
        zh: "“{text}”中的时间不存在",
    }
    /// A time of day under a key that does not exist.
    no_such_time_in(text, key) {
        en: "invalid time in \"{text}\" in `{key}`: there is no such time of day",
        zh: "“{key}”的值“{text}”中的时间不存在",
    }
    /// Hint under a time that does not exist.
    no_such_time_hint() {
        en: "write the time on a 24-hour clock, 0:00 to 23:59, e.g. 2023-03-05 14:30",
        zh: "时间请按24小时制写，从 0:00 到 23:59，如 2023年3月5日 14:30",
    }
    /// `SOURCE_DATE_EPOCH` is not a number.
    not_an_epoch(value) {
        en: "SOURCE_DATE_EPOCH is \"{value}\", not a number of seconds since 1970",
        zh: "环境变量 SOURCE_DATE_EPOCH 的值是“{value}”，不是从1970年起算的秒数",
    }
    /// Hint under a bad `SOURCE_DATE_EPOCH`.
    not_an_epoch_hint() {
        en: "unset it, or set it to a whole number of seconds",
        zh: "请删除这个环境变量，或把它设为一个整数秒数",
    }

    // ---- figures in a report's `stats` ----
    /// A figure that is not written as a number.
    not_a_figure(key, text) {
        en: "`{key}` in `stats` is \"{text}\", not a figure",
        zh: "“stats”中“{key}”的值“{text}”不是一个数字",
    }
    /// A figure below zero.
    negative_figure(key, text) {
        en: "`{key}` in `stats` is {text}, not a non-negative number",
        zh: "“stats”中“{key}”的值是 {text}，数字不能小于零",
    }
    /// A metric with no figure after it.
    missing_figure(key) {
        en: "`{key}` in `stats` has no figure",
        zh: "“stats”中“{key}”后面没有写数字",
    }
    /// The forms a figure may be written in.
    figure_forms_hint() {
        en: "write the figure as a number without its unit: 3500, 3,500, 3500余 (a little more than 3500), 1.2万 (12000) or 2.5亿; the unit is set in site.yaml's `metrics`",
        zh: "请只写数字、不带单位：3500、3,500、3500余（表示三千五百多）、1.2万（即12000）或 2.5亿；单位在 site.yaml 的 metrics 里设置",
    }
    /// A `stats` key that names no metric.
    unknown_metric(key) {
        en: "unknown metric `{key}` in `stats`",
        zh: "“stats”中的“{key}”不是网站设置的数据项",
    }
    /// A metric as listed in hints: its key and its label.
    metric_named(key, label) {
        en: "{key} ({label})",
        zh: "{key}（{label}）",
    }
    /// Between the metrics of a list.
    list_separator() {
        en: ", ",
        zh: "、",
    }
    /// Hint under an unknown metric close to a known one.
    unknown_metric_hint_closest(best, metrics) {
        en: "did you mean `{best}`? the metrics defined in site.yaml are: {metrics}",
        zh: "是不是想写“{best}”？site.yaml 里设置的数据项有：{metrics}",
    }
    /// Hint under an unknown metric.
    unknown_metric_hint(metrics) {
        en: "use one of the metrics defined in site.yaml, by key or by label: {metrics}; or add it to `metrics` in site.yaml",
        zh: "请使用 site.yaml 里设置的数据项（写键名或中文名称都可以）：{metrics}；或者先在 site.yaml 的 metrics 里添加它",
    }
    /// One metric given twice, by key and by label.
    metric_twice(key, first) {
        en: "`{key}` in `stats` is the same metric as `{first}`, already given",
        zh: "“stats”中的“{key}”和前面的“{first}”是同一个数据项，重复了",
    }
    /// Hint under a metric given twice.
    metric_twice_hint(first) {
        en: "give each figure once: keep `{first}` or this line, not both",
        zh: "每个数据项只写一次：保留“{first}”或这一行，删掉另一个",
    }
    /// `{volunteers: 3,500}`: the thousands comma ended the entry.
    figure_cut_by_comma(key) {
        en: "`{key}` in `stats` is not a metric: in a one-line list in braces a comma starts a new entry, so a figure such as 3,500 was cut in two",
        zh: "“stats”中的“{key}”不是数据项：在一行写的花括号列表里，逗号会分开数据项，像 3,500 这样的数字被断成了两半",
    }
    /// Hint under a figure cut by a comma.
    figure_cut_by_comma_hint() {
        en: "write the figure without the comma (3500), or in quotes (\"3,500\")",
        zh: "去掉数字里的逗号（写成 3500），或者给数字加上引号（\"3,500\"）",
    }

    // issue: safety
    /// A date outside the supported years.
    date_out_of_range(text, first, last) {
        en: "date \"{text}\" is outside the supported years {first} to {last}",
        zh: "日期“{text}”超出了支持的年份范围（{first}年至{last}年）",
    }
    /// A date under a key outside the supported years.
    date_out_of_range_in(text, key, first, last) {
        en: "date \"{text}\" in `{key}` is outside the supported years {first} to {last}",
        zh: "“{key}”的日期“{text}”超出了支持的年份范围（{first}年至{last}年）",
    }
    /// Hint under a date outside the supported years.
    date_out_of_range_hint() {
        en: "check the year: write it with four digits in the common era, e.g. 2023-03-05",
        zh: "请核对年份，写成四位数的公历年份，如 2023年3月5日",
    }
    /// `SOURCE_DATE_EPOCH` is a moment outside the supported years.
    epoch_out_of_range(value, utc, first, last) {
        en: "SOURCE_DATE_EPOCH is {value} ({utc} UTC), outside the supported years {first} to {last}",
        zh: "环境变量 SOURCE_DATE_EPOCH 的值 {value} 对应 {utc}（世界协调时），超出了支持的年份范围（{first}年至{last}年）",
    }
    /// Hint under a `SOURCE_DATE_EPOCH` outside the supported years.
    epoch_out_of_range_hint() {
        en: "unset it, or set it to the seconds since 1970 of a moment in those years (e.g. the last commit's: git log -1 --format=%ct)",
        zh: "请删除这个环境变量，或把它设为这些年份内某一时刻距1970年的秒数（例如最近一次提交的时间：git log -1 --format=%ct）",
    }
    /// A figure above the largest one accepted (10^15), or infinite.
    figure_too_large(key, text) {
        en: "`{key}` in `stats` is {text}, more than 10^15, the largest figure redvest accepts",
        zh: "“stats”中“{key}”的值 {text} 太大，超过了可以填写的上限 1000万亿（10的15次方）",
    }
    /// Hint under a figure that is too large.
    figure_too_large_hint() {
        en: "check the figure: an extra 0, a wrong 万 or 亿, or a number written in scientific notation (1e308)",
        zh: "请核对这个数字：是不是多打了几个0，或者把“万”“亿”写错了，或者写成了科学计数法（如 1e308）",
    }
    /// A cover whose URL can run script (`javascript:`, a `data:` URL
    /// that is no image).
    cover_can_run_script(cover) {
        en: "cover `{cover}` is a URL that can run script, so it cannot be used",
        zh: "封面“{cover}”的网址可能运行脚本，不能使用",
    }
    /// Hint under a cover whose URL can run script.
    cover_can_run_script_hint() {
        en: "give `cover` as an image: a file beside the page's index.md, a path in static/ starting with /, or an image address starting with https://",
        zh: "“cover”请写图片文件：和页面的 index.md 放在同一个文件夹里的图片文件名，或者以“/”开头、放在 static/ 里的图片路径，或者以 https:// 开头的图片网址",
    }
}
