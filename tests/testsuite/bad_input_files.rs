//! Bad input in the files themselves: encodings, binary and empty files,
//! huge files, symbolic links that loop or lead nowhere, unreadable files,
//! and strange names. Each broken case checks the exit status, the message
//! and that the previous output is byte-for-byte unchanged; names with
//! spaces, Chinese and emoji, a BOM and CRLF line ends are fine.

use std::time::{Duration, Instant};

use crate::bad_input::{broken_build, expect_error, gbk_story, site, STORY};
use crate::fixture::{assert_same_files, is_root, snapshot};

/// A whole, valid 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

// ---- encodings and contents ----

#[test]
fn png_bytes_in_a_markdown_file_are_named_binary() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write_bytes("content/stories/x.md", PNG);
    });
    expect_error(&run, "content/stories/x.md", &["binary"]);
}

#[test]
fn bytes_with_nul_are_named_binary_not_gbk() {
    let site = site();
    let run = broken_build(&site, |site| {
        // A PNG cut short after its header: NUL bytes, and 0x89 0x50 ("\x89P")
        // that pairs up like a GBK character.
        site.write_bytes("content/stories/x.md", &PNG[..24]);
    });
    expect_error(&run, "content/stories/x.md", &["binary"]);
}

/// `text` as UTF-16, little or big endian, with or without a BOM.
fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom
        .then_some(0xFEFF_u16)
        .into_iter()
        .chain(text.encode_utf16());
    for unit in units {
        if big_endian {
            bytes.extend_from_slice(&unit.to_be_bytes());
        } else {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
    }
    bytes
}

#[test]
fn utf16_big_endian_file_is_named_as_utf16() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write_bytes("content/stories/a.md", &utf16(STORY, true, true));
    });
    expect_error(&run, "content/stories/a.md", &["UTF-16"]);
}

#[test]
fn utf16_file_without_bom_is_named_as_utf16() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write_bytes("content/stories/a.md", &utf16(STORY, false, false));
    });
    expect_error(&run, "content/stories/a.md", &["UTF-16"]);
}

#[test]
fn gb18030_four_byte_text_is_named() {
    let site = site();
    let run = broken_build(&site, |site| {
        // 志愿者😀加油 in GB18030: the emoji is a four-byte sequence.
        let gb18030 = [
            0xD6, 0xBE, 0xD4, 0xB8, 0xD5, 0xDF, 0x94, 0x39, 0xFC, 0x36, 0xBC, 0xD3, 0xD3, 0xCD,
        ];
        site.write_bytes("content/stories/a.md", &gbk_story(&gb18030));
    });
    expect_error(&run, "content/stories/a.md", &["GB18030"]);
}

#[test]
fn empty_file_does_not_start_with_front_matter() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write_bytes("content/stories/e.md", b"");
    });
    expect_error(
        &run,
        "content/stories/e.md:1:1: ",
        &["does not start with front matter"],
    );
}

#[test]
fn file_of_50_mb_is_refused_as_larger_than_8_mb() {
    let site = site();
    let started = Instant::now();
    let run = broken_build(&site, |site| {
        let mut text = STORY.as_bytes().to_vec();
        text.resize(50 * 1024 * 1024, b'a');
        site.write_bytes("content/stories/big.md", &text);
    });
    expect_error(&run, "content/stories/big.md", &["larger than 8 MB"]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}

// ---- symbolic links and unreadable files ----

#[cfg(unix)]
#[test]
fn symlink_loop_is_named_quickly() {
    let site = site();
    let started = Instant::now();
    let run = broken_build(&site, |site| {
        std::os::unix::fs::symlink("..", site.root().join("content/stories/loop"))
            .expect("make the symlink");
    });
    expect_error(&run, "content/stories/loop", &["symlink loop"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_reported_as_unreadable() {
    let site = site();
    let run = broken_build(&site, |site| {
        std::os::unix::fs::symlink(
            "/nonexistent/redvest-test/gone.md",
            site.root().join("content/stories/gone.md"),
        )
        .expect("make the symlink");
    });
    expect_error(&run, "content/stories/gone.md", &["could not read"]);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        eprintln!("skipped: file permissions do not stop root (see dangling_symlink_is_reported_as_unreadable)");
        return;
    }
    let site = site();
    let run = broken_build(&site, |site| {
        let path = site.root().join("content/stories/a.md");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    });
    expect_error(&run, "content/stories/a.md", &["could not read"]);
}

// ---- names ----

#[test]
fn file_name_of_only_emoji_cannot_make_a_url_name() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write("content/stories/🎉🎉.md", STORY);
    });
    expect_error(&run, "content/stories/🎉🎉.md", &["URL name"]);
}

#[cfg(unix)]
#[test]
fn file_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let site = site();
    let run = broken_build(&site, |site| {
        // 志愿服务队.md with a GBK-encoded name.
        let name = std::ffi::OsStr::from_bytes(b"\xD6\xBE\xD4\xB8\xB7\xFE\xCE\xF1\xB6\xD3.md");
        let path = site.root().join("content/stories").join(name);
        std::fs::write(path, STORY).expect("write the file");
    });
    expect_error(&run, "content/stories/", &["UTF-8"]);
}

#[test]
fn markdown_outside_the_content_folders_is_refused() {
    let site = site();
    let run = broken_build(&site, |site| site.write("content/x.md", STORY));
    expect_error(&run, "content/x.md", &["content folder"]);
}

#[test]
fn subfolder_of_campaigns_is_refused() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/campaigns/2023/autumn.md",
            "---\ntitle: 秋季行动\nstart: 2023-09-01\n---\n",
        );
    });
    expect_error(&run, "content/campaigns/2023/autumn.md", &["subfolders"]);
}

#[test]
fn bundle_file_named_index_html_collides_with_the_page() {
    let site = site();
    let run = broken_build(&site, |site| {
        site.write(
            "content/stories/b/index.md",
            "---\ntitle: 合影\ndate: 2023-03-05\n---\n正文。\n",
        );
        site.write("content/stories/b/index.html", "<p>not the page</p>\n");
    });
    expect_error(&run, "content/stories/b/index.html", &["index.html"]);
}

// ---- fine: names with spaces, Chinese and emoji; a BOM and CRLF ----

/// Whether every byte of a URL path is one a URL may hold unescaped.
fn is_plain_url_path(url: &str) -> bool {
    url.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b))
}

#[test]
fn names_with_spaces_chinese_and_emoji_build_fine() {
    let site = site();
    let story = |title: &str| format!("---\ntitle: {title}\ndate: 2023-03-05\n---\n正文。\n");
    site.write("content/stories/my story.md", &story("空格"));
    site.write("content/stories/雷锋在辽宁.md", &story("中文"));
    site.write("content/stories/志愿者🎉加油.md", &story("表情"));
    site.write(
        "content/stories/合影 集/index.md",
        "---\ntitle: 合影集\ndate: 2023-03-05\n---\n![合影](<合影 1.png>)\n",
    );
    site.write_bytes("content/stories/合影 集/合影 1.png", PNG);
    let run = site.build();
    run.success();
    assert_clean_stderr(&run.stderr);
    for (slug, title) in [
        ("my-story", "空格"),
        ("lei-feng-zai-liao-ning", "中文"),
        ("zhi-yuan-zhe-jia-you", "表情"),
        ("he-ying-ji", "合影集"),
    ] {
        let url = format!("/stories/{slug}/");
        assert!(is_plain_url_path(&url), "{url}");
        let page = site.read(&format!("stories/{slug}/index.html"));
        assert!(page.contains(title), "{slug} shows {title}");
        assert!(
            site.read("stories/index.html")
                .contains(&format!("href=\"{url}\"")),
            "the list links {url}"
        );
    }
    assert!(site.has("stories/he-ying-ji/合影 1.png"));
    let bundle = site.read("stories/he-ying-ji/index.html");
    let src = bundle
        .split("src=\"")
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|s| s.ends_with(".png"))
        .unwrap_or_else(|| panic!("an <img> for the photo:\n{bundle}"));
    assert!(is_plain_url_path(src), "escaped image URL: {src}");
    assert!(
        src.starts_with("/_photos/") && site.has(&src[1..]),
        "the photo's sized copy: {src}"
    );
}

fn assert_clean_stderr(stderr: &str) {
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bom_and_crlf_build_the_same_site_as_plain_utf8() {
    let text = "---\ntitle: 好人好事\ndate: 2023-03-05 08:30\ncampaign: spring-drive\ntags: [助老, 社区]\n---\n正文第一段。\n\n## 小节\n\n- 一\n- 二\n";
    let plain = site();
    plain.write("content/stories/a.md", text);
    plain.built();
    let windows = site();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    windows.write_bytes("content/stories/a.md", &bytes);
    let run = windows.built();
    assert_clean_stderr(&run.stderr);
    assert_same_files(
        &snapshot(&plain.out()),
        &snapshot(&windows.out()),
        "a BOM and CRLF against plain UTF-8",
    );
}
