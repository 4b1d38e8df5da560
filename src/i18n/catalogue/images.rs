//! Messages of `images`: photos that cannot be read, resized or cached,
//! and image settings out of range, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// Action: reading a photo.
    action_read() {
        en: "read this photo",
        zh: "读取这张照片",
    }
    /// Action: storing resized copies in the image cache.
    action_store() {
        en: "store the resized copies of a photo in the image cache",
        zh: "把照片缩小后的副本存入图片缓存",
    }
    /// A file that is none of the image formats redvest reads.
    unknown_format() {
        en: "this file is not a JPEG, PNG or WebP image (its contents say so, whatever its name)",
        zh: "这个文件不是 JPEG、PNG 或 WebP 图片（看的是文件内容，不是文件名）",
    }
    /// Hint under [`unknown_format`].
    unknown_format_hint() {
        en: "save it as JPEG, PNG or WebP (e.g. open it and use “Save as”), or remove it",
        zh: "请把它另存为 JPEG、PNG 或 WebP 格式（例如打开后用“另存为”），或者把它删掉。",
    }
    /// An image whose structure is broken.
    damaged(format) {
        en: "this {format} image is damaged or cut short",
        zh: "这张 {format} 图片已损坏或不完整",
    }
    /// An image the decoder refused.
    undecodable(detail) {
        en: "this image cannot be decoded: {detail}",
        zh: "这张图片无法解码：{detail}",
    }
    /// Hint under [`damaged`] and [`undecodable`].
    damaged_hint() {
        en: "copy the photo from the phone or camera again, or open it in a photo viewer and save it again",
        zh: "请从手机或相机重新复制这张照片，或者用看图软件打开后重新保存。",
    }
    /// A photo too large to decode within the memory budget.
    too_large(width, height) {
        en: "this photo is too large to resize ({width}×{height} pixels)",
        zh: "这张照片太大，无法缩小（{width}×{height} 像素）",
    }
    /// Hint under [`too_large`].
    too_large_hint() {
        en: "reduce it to at most 8,000 pixels a side in a photo editor, then build again",
        zh: "请用图片软件把它缩小到每边不超过 8000 像素，然后重新生成。",
    }
    /// An encoder failed on a photo.
    unencodable(detail) {
        en: "a resized copy of this photo could not be made: {detail}",
        zh: "无法生成这张照片的缩小副本：{detail}",
    }
    /// `images.widths` is empty.
    no_widths() {
        en: "`images.widths` lists no width",
        zh: "“images.widths”里没有任何宽度",
    }
    /// A width out of range.
    width_out_of_range(width, max) {
        en: "an image width must be between 1 and {max} pixels, not {width}",
        zh: "图片宽度必须在 1 到 {max} 像素之间，现在是 {width}。",
    }
    /// A quality out of range.
    quality_out_of_range(quality) {
        en: "an image quality must be between 1 and 100, not {quality}",
        zh: "图片质量必须在 1 到 100 之间，现在是 {quality}。",
    }
    /// `images.formats` is empty.
    no_formats() {
        en: "`images.formats` lists no format (use original, webp or both)",
        zh: "“images.formats”里没有任何格式（可以写 original、webp，或者两个都写）",
    }
    /// Warning: a photo file over 20 MB.
    many_bytes(megabytes) {
        en: "this photo is {megabytes} MB, over 20 MB: it is slow to process and to upload",
        zh: "这张照片有 {megabytes} MB，超过了 20 MB：处理和上传都很慢",
    }
    /// Warning: a photo over 8,000 pixels a side.
    many_pixels(width, height) {
        en: "this photo is {width}×{height} pixels, over 8,000 a side: it takes much memory to resize",
        zh: "这张照片有 {width}×{height} 像素，有一边超过 8000 像素：缩小时很占内存",
    }
    /// Hint under [`many_bytes`] and [`many_pixels`].
    big_photo_hint() {
        en: "export it from the camera or phone at a smaller size (e.g. 4,000 pixels wide), then build again",
        zh: "请在相机或手机里把它导出成小一些的尺寸（例如宽 4000 像素），然后重新生成。",
    }
}
