//! Messages of front matter and of the YAML reader below it
//! (`source::yaml`, with the typing habits it catches), in English and
//! Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    // ---- the fences ----

    /// A content file without `---` on its first line.
    no_front_matter() {
        en: "the file does not start with front matter",
        zh: "文件开头没有前言（front matter）",
    }
    /// Hint for a file without front matter.
    no_front_matter_hint() {
        en: "begin the file with a line `---`, then `title: …` and the other keys, then a closing line `---`",
        zh: "请在文件第一行写“---”，接着写“title: …”等键，再用一行“---”结束",
    }
    /// Front matter without its closing `---`.
    never_closed() {
        en: "the front matter is never closed",
        zh: "前言（front matter）没有结束",
    }
    /// Hint for front matter without its closing `---`.
    never_closed_hint() {
        en: "add a line `---` after the last front matter key, before the text",
        zh: "请在最后一个键的下一行、正文之前加一行“---”",
    }

    // ---- shape limits ----

    /// Front matter over the size limit.
    too_large(kb, max) {
        en: "the front matter is {kb} KB; at most {max} KB is allowed",
        zh: "前言（front matter）有 {kb} KB，最多只能有 {max} KB",
    }
    /// Front matter nested too deeply.
    too_deep() {
        en: "the front matter is nested too deeply",
        zh: "前言（front matter）嵌套的层次太深",
    }
    /// Front matter with too many aliases.
    too_many_aliases(max) {
        en: "the front matter uses more than {max} YAML aliases (`*name`)",
        zh: "前言（front matter）用了超过 {max} 个 YAML 别名（“*名称”）",
    }
    /// Hint under a shape limit.
    shape_hint() {
        en: "front matter holds a few plain keys; write long text in the body and lists one level deep",
        zh: "前言只放几个简单的键；长段文字请写在正文里，列表只用一层",
    }
    /// Hint when YAML hit its own limits.
    limits_hint() {
        en: "write the values out plainly instead of nesting them or repeating them with `&name`/`*name`",
        zh: "请把值直接写出来，不要层层嵌套，也不要用“&名称”“*名称”重复引用",
    }

    // ---- Chinese typing habits ----

    /// `title：…`
    full_width_colon(key) {
        en: "a full-width colon `：` after `{key}`; YAML reads only the ASCII colon `:`",
        zh: "“{key}”后面用了全角冒号“：”，YAML 只认半角冒号“:”",
    }
    /// Hint for a full-width colon.
    full_width_colon_hint(key) {
        en: "change the full-width colon `：` to an ASCII colon `:` with a space after it: `{key}: …`",
        zh: "把全角冒号“：”改成半角冒号“:”，冒号后面加一个空格，例如“{key}: …”",
    }
    /// A tab in the indentation.
    tab_indent() {
        en: "this line is indented with a tab; YAML allows only spaces for indentation",
        zh: "这一行用 Tab 键缩进，YAML 只能用空格缩进",
    }
    /// Hint for a tab in the indentation.
    tab_indent_hint() {
        en: "replace the tab with spaces: two spaces for each level, lined up with the other keys of the same level",
        zh: "请把 Tab 换成空格：每一级缩进两个空格，和同一级的其他键对齐",
    }
    /// ` #话题` cut from a value.
    comment_cut(cut) {
        en: "`{cut}` is read as a comment and left out of the value: in YAML, `#` after a space starts a comment",
        zh: "“{cut}”被当作注释，没有算进这个值：在 YAML 里，空格后面的“#”表示注释，这一行“#”以后的文字都不算",
    }
    /// `title: #话题`: nothing left of the value.
    comment_cut_empty(cut) {
        en: "`{cut}` is read as a comment, so the value is empty: in YAML, `#` after a space starts a comment",
        zh: "“{cut}”被当作注释，这个值就成了空的：在 YAML 里，空格后面的“#”表示注释，这一行“#”以后的文字都不算",
    }
    /// Hint for a value cut at ` #`.
    comment_cut_hint(quoted) {
        en: "to keep it, put the whole value in ASCII quotes: {quoted}",
        zh: "要保留这段文字，请把整个值放进半角引号：{quoted}",
    }
    /// `[学雷锋，志愿服务]` or `[学雷锋、志愿服务]`, read as two items.
    full_width_comma(mark) {
        en: "a Chinese comma `{mark}` between items; read as separate items",
        zh: "各项之间用了中文标点“{mark}”，已按分开的几项读取",
    }
    /// Hint for a Chinese comma in a list.
    full_width_comma_hint(mark) {
        en: "separate items with an ASCII comma: [学雷锋, 志愿服务]; if the `{mark}` belongs inside one item, put that item in ASCII quotes",
        zh: "各项之间请用半角逗号“,”分隔，例如 [学雷锋, 志愿服务]；如果“{mark}”本来就是某一项里的文字，请把这一项放进半角引号",
    }
    /// `"雷锋精神”`
    mismatched_quote(open, close) {
        en: "the quotes do not match: the value opens with {open} and closes with {close}",
        zh: "引号不配对：这个值用 {open} 开头，却用 {close} 结尾",
    }
    /// Hint for mismatched quotes.
    mismatched_quote_hint() {
        en: "YAML reads only ASCII quotes: write \"…\" with the same straight quote on both sides (switch the input method to English punctuation to type it)",
        zh: "YAML 只认半角引号：请在值的两边都用半角双引号 \"…\"（把输入法切换到英文标点再输入）",
    }
    /// `“雷锋精神”`, read with the quotes.
    curly_quoted() {
        en: "the value is wrapped in Chinese quotes “…”, which stay part of the text",
        zh: "这个值用中文引号“”括了起来，引号会作为文字的一部分显示在网页上",
    }
    /// Hint for a value wrapped in Chinese quotes.
    curly_quoted_hint() {
        en: "to quote the value for YAML, use ASCII quotes \"…\"; if the Chinese quotes belong to the text, wrap the whole in ASCII quotes as well: \"“…”\"",
        zh: "如果是想给值加引号，请改用半角双引号 \"…\"；如果中文引号本来就是文字的一部分，请在外面再加一对半角双引号，例如 \"“我为群众办实事”\"",
    }
    /// `“雷锋精神：代代传”` that YAML cannot read.
    curly_quoted_breaks() {
        en: "the value is wrapped in Chinese quotes “…”, which YAML does not read as quotes",
        zh: "这个值用的是中文引号“”，YAML 不把它们当作引号",
    }
    /// Hint for a value in Chinese quotes that YAML cannot read.
    curly_quoted_breaks_hint() {
        en: "put the value in ASCII quotes instead: \"…\" (switch the input method to English punctuation to type them)",
        zh: "请改用半角双引号把值括起来：\"…\"（把输入法切换到英文标点再输入）",
    }
    /// `"雷锋精神` never closed.
    unclosed(open) {
        en: "{open} opened here is never closed",
        zh: "这里开始的 {open} 没有结束",
    }
    /// Hint for an unclosed quote or bracket.
    unclosed_hint(open, close) {
        en: "end the value with {close} on the same line, or remove the {open}",
        zh: "请在这一行的值末尾加上 {close}，或者删掉开头的 {open}",
    }

    // ---- what YAML and the keys say, in plain words ----

    /// A key no document of this kind has.
    unknown_key(key) {
        en: "unknown key `{key}`",
        zh: "未知的键“{key}”",
    }
    /// A key unknown inside a nested value.
    unknown_key_in(key, place) {
        en: "unknown key `{key}` in {place}",
        zh: "{place}里有未知的键“{key}”",
    }
    /// Hint naming the closest known key.
    unknown_key_closest(best, known) {
        en: "did you mean `{best}`? known keys: {known}",
        zh: "是不是想写“{best}”？可以用的键：{known}",
    }
    /// Hint listing the known keys.
    unknown_key_remove(known) {
        en: "remove it; known keys: {known}",
        zh: "请删掉它；可以用的键：{known}",
    }
    /// A required key is missing.
    missing_key(key) {
        en: "missing required key `{key}`",
        zh: "缺少必填的键“{key}”",
    }
    /// A required key is missing inside a nested value.
    missing_key_in(key, place) {
        en: "missing required key `{key}` in {place}",
        zh: "{place}缺少必填的键“{key}”",
    }
    /// Hint for a missing key in front matter.
    missing_key_hint(key) {
        en: "add a line `{key}: …` to the front matter",
        zh: "请在前言（front matter）里加上一行“{key}: …”",
    }
    /// Hint for a missing key in a file such as site.yaml.
    missing_key_file_hint(key) {
        en: "add a line `{key}: …` to the file",
        zh: "请在这个文件里加上一行“{key}: …”",
    }
    /// A key written twice.
    duplicate_key(key) {
        en: "`{key}` is written twice",
        zh: "键“{key}”写了两次",
    }
    /// Hint for a key written twice.
    duplicate_key_hint() {
        en: "keep one of the two lines and delete the other",
        zh: "请保留其中一行，删掉另一行",
    }
    /// A value of the wrong type.
    wrong_type(place, found, expected) {
        en: "{place} is {found}, but should be {expected}",
        zh: "{place}写的是{found}，这里应该是{expected}",
    }
    /// A value of the wrong type, where the whole document is meant.
    wrong_type_document(found, expected) {
        en: "the front matter is {found}, but should be {expected}",
        zh: "前言（front matter）读出来是{found}，应该是{expected}",
    }
    /// Hint for a value of the wrong type.
    wrong_type_hint() {
        en: "write text as it is (in ASCII quotes if it holds `: ` or ` #`), numbers in digits, yes/no as true or false, lists as [a, b] or one `- item` a line",
        zh: "文字直接写（含有“: ”或“ #”时放进半角引号），数字用阿拉伯数字，是/否写 true 或 false，列表写成 [甲, 乙] 或每行一个“- 项”",
    }
    /// A value YAML could read but is not one of the allowed forms.
    not_one_of(place, expected) {
        en: "{place} should be {expected}",
        zh: "{place}应该是{expected}",
    }

    /// A key, naming a place in the document.
    place_key(key) {
        en: "`{key}`",
        zh: "“{key}”",
    }
    /// An entry of a list, naming a place in the document.
    place_entry(parent, n) {
        en: "{parent} item {n}",
        zh: "{parent}第 {n} 项",
    }
    /// A key inside a nested value, naming a place in the document.
    place_child(parent, key) {
        en: "{parent} → `{key}`",
        zh: "{parent}的“{key}”",
    }

    /// Found: text.
    found_text(text) {
        en: "the text \"{text}\"",
        zh: "文字“{text}”",
    }
    /// Found: a number.
    found_number(n) {
        en: "the number {n}",
        zh: "数字 {n}",
    }
    /// Found: true or false.
    found_bool(b) {
        en: "{b}",
        zh: "真假值 {b}",
    }
    /// Found: a list.
    found_list() {
        en: "a list",
        zh: "一个列表",
    }
    /// Found: keys and values.
    found_mapping() {
        en: "a set of keys and values",
        zh: "一组“键: 值”",
    }
    /// Found: nothing after the colon.
    found_empty() {
        en: "empty",
        zh: "空的（冒号后面什么也没写）",
    }
    /// Found: a line of text (a key typed without its colon, usually).
    found_line(text) {
        en: "the line \"{text}\"",
        zh: "一行文字“{text}”",
    }

    /// Expected: text.
    expected_text() {
        en: "text",
        zh: "文字",
    }
    /// Expected: a list.
    expected_list() {
        en: "a list, e.g. [a, b]",
        zh: "一个列表，例如 [甲, 乙]",
    }
    /// Expected: keys and values.
    expected_mapping() {
        en: "keys and values, one `key: value` a line",
        zh: "一组“键: 值”，每行一个",
    }
    /// Expected: a number.
    expected_number() {
        en: "a number, e.g. 2600",
        zh: "一个数字，例如 2600",
    }
    /// Expected: a whole number.
    expected_whole() {
        en: "a whole number of 0 or more, e.g. 3",
        zh: "一个不小于 0 的整数，例如 3",
    }
    /// Expected: true or false.
    expected_bool() {
        en: "true or false",
        zh: "“true”或“false”",
    }
    /// Expected: text, a number or a date.
    expected_scalar() {
        en: "text, a number or a date",
        zh: "文字、数字或日期",
    }
    /// Expected: one value or a list.
    expected_one_or_many() {
        en: "one value, or a list [a, b]",
        zh: "一个值，或一个列表 [甲, 乙]",
    }

    // ---- YAML that cannot be read ----

    /// A line that is not `key: value`.
    syntax_line() {
        en: "YAML cannot read this line as `key: value`",
        zh: "YAML 无法把这一行读成“键: 值”",
    }
    /// Hint for a line that is not `key: value`.
    syntax_line_hint() {
        en: "write `key: value` with an ASCII colon and a space after it; keys of the same level start at the same column; put a value that holds `: ` in ASCII quotes",
        zh: "请写成“键: 值”：用半角冒号，冒号后面加一个空格；同一级的键要从同一列开始；值里有“: ”的，请把整个值放进半角引号",
    }
    /// A character that cannot start a value.
    syntax_character() {
        en: "YAML cannot start a value with this character",
        zh: "YAML 不能用这个字符作为值的开头",
    }
    /// Hint for a character that cannot start a value.
    syntax_character_hint() {
        en: "put the whole value in ASCII quotes: \"…\"; values may not start with `@` or a backquote, and lines may not be indented with tabs",
        zh: "请把整个值放进半角双引号 \"…\"；值不能以“@”或反引号开头，行首也不能用 Tab 缩进",
    }
    /// A quote or bracket never closed.
    syntax_unclosed() {
        en: "a quote or bracket is never closed; YAML read to the end of the front matter looking for it",
        zh: "有引号或括号没有结束，YAML 一直找到了前言的末尾",
    }
    /// Hint for a quote or bracket never closed.
    syntax_unclosed_hint() {
        en: "close every \" ' [ and {{ on the line it opens on, with the same ASCII character",
        zh: "每个 \" ' [ {{ 都要在同一行用对应的半角符号结束",
    }
    /// An unknown escape in double quotes.
    syntax_escape() {
        en: "a backslash `\\` in double quotes is followed by a character YAML does not know",
        zh: "半角双引号里的反斜杠“\\”后面跟了 YAML 不认识的字符",
    }
    /// Hint for an unknown escape.
    syntax_escape_hint() {
        en: "put the value in single quotes '…' instead, or write the backslash twice: \\\\",
        zh: "请改用半角单引号 '…' 括起这个值，或把反斜杠写两次：\\\\",
    }
    /// An alias to an anchor not defined.
    syntax_alias() {
        en: "`*name` refers to an anchor `&name` that is not defined before it",
        zh: "“*名称”引用的“&名称”在它前面没有定义",
    }
    /// Hint for an alias to an anchor not defined.
    syntax_alias_hint() {
        en: "write the value out instead, or put it in ASCII quotes if the `*` belongs to the text",
        zh: "请直接写出这个值；如果“*”本来就是文字的一部分，请把整个值放进半角引号",
    }
    /// Any other YAML error, with the parser's own words.
    syntax_other(detail) {
        en: "YAML cannot read this ({detail})",
        zh: "YAML 无法读取这里（{detail}）",
    }
    /// Hint under any other YAML error.
    syntax_other_hint() {
        en: "check the YAML: `key: value` one a line, quotes around text with `: ` or ` #`, lists indented under their key",
        zh: "请检查 YAML 格式：每行一个“键: 值”，含有“: ”或“ #”的文字放进半角引号，列表缩进写在它的键下面",
    }
}
