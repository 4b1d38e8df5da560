//! Messages of `cli`: the lines the command line prints around a build
//! (the error count, a crash), after `new`, and about a command line clap
//! could not read, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// After the errors of a failed build: one error.
    one_error_found() {
        en: "1 error found; nothing was written",
        zh: "发现 1 处错误，没有写入任何文件",
    }
    /// After the errors of a failed build: several.
    errors_found(n) {
        en: "{n} errors found; nothing was written",
        zh: "共发现 {n} 处错误，没有写入任何文件",
    }
    /// A panic, with the place in redvest's source.
    internal_error_at(place) {
        en: "internal error at {place} (a bug in redvest; please report it)",
        zh: "redvest 内部出错（位置：{place}）。这是 redvest 的缺陷，请报告给我们",
    }
    /// A panic with no place.
    internal_error() {
        en: "internal error (a bug in redvest; please report it)",
        zh: "redvest 内部出错。这是 redvest 的缺陷，请报告给我们",
    }
    /// After `new` printed the path of the file it wrote.
    new_written() {
        en: "open it in a text editor and write the text; `redvest serve` shows the site as you save",
        zh: "已新建上面这个文件：请用文本编辑器打开它，写好正文；运行“redvest serve”可以边改边预览",
    }
    /// What is wrong with the command line, and where to read more.
    usage_line(what, help) {
        en: "the command line is not right: {what}\n  {help}",
        zh: "命令行写得不对：{what}\n  {help}",
    }
    /// A subcommand redvest does not have.
    usage_unknown_command(name, commands) {
        en: "there is no command `{name}`; the commands are: {commands}",
        zh: "没有“{name}”这个命令，可用的命令有：{commands}",
    }
    /// No subcommand at all.
    usage_no_command(commands) {
        en: "say what to do: {commands}",
        zh: "请写出要做什么，可用的命令有：{commands}",
    }
    /// An option this command does not have.
    usage_unknown_option(arg) {
        en: "there is no option `{arg}` here",
        zh: "这里没有“{arg}”这个选项",
    }
    /// A value an option does not take.
    usage_bad_value(value, arg) {
        en: "`{value}` is not a value {arg} takes",
        zh: "“{value}”不是 {arg} 能用的值",
    }
    /// A required argument left out.
    usage_missing(args) {
        en: "missing: {args}",
        zh: "缺少必须写的内容：{args}",
    }
    /// More arguments than the command takes.
    usage_extra(arg) {
        en: "`{arg}` is one argument too many",
        zh: "多了一个用不上的参数“{arg}”",
    }
    /// A mistake and the closest right word.
    usage_with_suggestion(what, suggestion) {
        en: "{what} {suggestion}",
        zh: "{what}。{suggestion}",
    }
    /// Any other mistake clap found.
    usage_see_above() {
        en: "see the line above",
        zh: "请看上面英文说明指出的问题",
    }
    /// Separator between listed commands or arguments.
    list_separator() {
        en: ", ",
        zh: "、",
    }
    /// Where to read how the command line is written.
    usage_help() {
        en: "`redvest --help` lists the commands; `redvest COMMAND --help` the options of one",
        zh: "运行“redvest --help”可以查看所有命令，“redvest 命令 --help”可以查看某个命令的选项（说明为英文）",
    }
}
