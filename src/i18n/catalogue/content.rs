//! Messages of `content`, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
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
    not_utf8(offset) {
        en: "the file is not UTF-8 text (bad byte at offset {offset})",
        zh: "这个文件不是 UTF-8 文本（第 {offset} 个字节处无法识别）",
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
