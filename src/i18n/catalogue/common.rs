//! Messages shared by every part: the words around an error or a warning.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// Put before each error.
    error_label() {
        en: "error",
        zh: "错误",
    }
    /// Put before each warning.
    warning_label() {
        en: "warning",
        zh: "警告",
    }
    /// Put before the hint under an error.
    hint_label() {
        en: "hint",
        zh: "提示",
    }
    /// A file could not be read, written or otherwise used.
    io_failed(action, err) {
        en: "could not {action}: {err}",
        zh: "无法{action}：{err}",
    }
    /// Hint for a permission problem.
    io_hint_permission() {
        en: "redvest may not use this path: check its permissions (ls -l), or choose another place",
        zh: "redvest 无权使用这个路径：请检查它的权限（ls -l），或换一个位置",
    }
    /// Hint for a missing path.
    io_hint_not_found() {
        en: "check that the path exists and is spelt right; a symbolic link may point nowhere",
        zh: "请检查这个路径是否存在、是否拼写正确；符号链接可能指向了不存在的地方",
    }
    /// Hint for a full disk.
    io_hint_full() {
        en: "the disk is full: free some space, then build again",
        zh: "磁盘已满：请腾出一些空间，再重新生成",
    }
    /// Hint for a file where a folder should be, or the other way round.
    io_hint_file_or_folder() {
        en: "a file stands where a folder is needed, or the other way round: rename or move one of them",
        zh: "需要文件夹的地方是一个文件，或者反过来：请把其中一个改名或移走",
    }
    /// Hint for any other file-system failure.
    io_hint_other() {
        en: "check the path, its permissions and the free disk space, then try again",
        zh: "请检查路径、权限和磁盘剩余空间，然后再试一次",
    }
    /// A panic while one file was processed.
    internal_error(what) {
        en: "internal error while processing this file: {what}",
        zh: "处理这个文件时发生内部错误：{what}",
    }
    /// Hint under an internal error.
    internal_error_hint() {
        en: "this is a bug in redvest; please report it with this file attached",
        zh: "这是 redvest 的缺陷，请附上这个文件报告给我们",
    }
    /// A close match for a mistyped name.
    did_you_mean(best) {
        en: "did you mean `{best}`?",
        zh: "是不是想写“{best}”？",
    }
    /// No candidates to suggest.
    none_to_choose() {
        en: "there is none to choose from",
        zh: "没有可选的值",
    }
    /// The list of allowed values.
    expected_one_of(all) {
        en: "expected one of: {all}",
        zh: "可以是：{all}",
    }
}
