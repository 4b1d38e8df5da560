//! The dev server rebuilds on every kind of save (editors' renames, new
//! folders and bundles, templates, site.yaml, stylesheets), shows a broken
//! build's error page and recovers, and tells open browsers to reload.

use std::time::Duration;

use crate::fixture::main_of;
use crate::serve::*;

// ---------------------------------------------------------------------------
// Rebuilds
// ---------------------------------------------------------------------------

#[test]
fn an_edit_is_served_and_open_browsers_are_told_to_reload() {
    let site = site();
    let server = Server::start(&site);
    let mut events = Events::connect(server.port);

    site.write(
        "content/stories/zhang-san.md",
        &STORY
            .replace("张三的故事", "张三的新故事")
            .replace("ORIGINAL-BODY-1", "EDITED-BODY-2"),
    );
    let page = server.get_until("/stories/zhang-san/", "edited", |r| {
        r.text().contains("EDITED-BODY-2")
    });
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        main_of(&text).contains("张三的新故事"),
        "the new title: {text}"
    );
    assert!(!text.contains("ORIGINAL-BODY-1"), "the old body is gone");
    assert!(
        events.read_until("event: reload", REBUILD),
        "no `event: reload` after the edit; the stream said: {:?}",
        events.seen
    );
    let list = server.get("/stories/").text();
    assert!(
        main_of(&list).contains("张三的新故事"),
        "the list too: {list}"
    );
}

#[test]
fn the_last_of_many_quick_saves_wins() {
    let site = site();
    let server = Server::start(&site);
    for n in 1..=30 {
        site.write(
            "content/stories/zhang-san.md",
            &STORY.replace("ORIGINAL-BODY-1", &format!("QUICK-SAVE-{n:02}-END")),
        );
        if n % 10 == 0 {
            std::thread::sleep(Duration::from_millis(15));
        }
    }
    server.get_until("/stories/zhang-san/", "the last save", |r| {
        r.text().contains("QUICK-SAVE-30-END")
    });
    // And it stays so once every rebuild is done.
    std::thread::sleep(Duration::from_millis(500));
    let page = server.get("/stories/zhang-san/").text();
    assert!(page.contains("QUICK-SAVE-30-END"), "{page}");
}

#[test]
fn a_stylesheet_edit_sends_a_styles_event() {
    let site = site();
    site.write("static/css/extra.css", "body { color: #111; }\n");
    let server = Server::start(&site);
    let mut events = Events::connect(server.port);

    site.write(
        "static/css/extra.css",
        "body { color: #222; } /* NEW-CSS */\n",
    );
    assert!(
        events.read_until("event: styles", REBUILD),
        "no `event: styles` after a CSS edit; the stream said: {:?}",
        events.seen
    );
    let css = server.get("/css/extra.css");
    assert_type(&css, "/css/extra.css", "text/css");
    assert!(css.text().contains("NEW-CSS"), "{}", css.text());
}

#[test]
fn a_site_yaml_edit_is_picked_up() {
    let site = site();
    let server = Server::start(&site);
    site.write(
        "site.yaml",
        &crate::fixture::CONFIG.replace("测试志愿服务", "改名后的志愿服务"),
    );
    server.get_until("/", "retitled", |r| {
        r.status == 200 && r.text().contains("改名后的志愿服务")
    });
}

#[test]
fn a_broken_edit_shows_the_error_and_the_next_good_save_recovers() {
    let site = site();
    let server = Server::start(&site);
    let mut events = Events::connect(server.port);

    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("date: 2023-03-05", "date: 2023-13-45"),
    );
    let broken = server.get_until("/stories/zhang-san/", "an error page", |r| r.status == 500);
    assert!(
        broken.content_type().starts_with("text/html"),
        "{:?}",
        broken.content_type()
    );
    let text = broken.text();
    assert!(
        text.contains("content/stories/zhang-san.md:3:7"),
        "the error page names the file, line and column: {text}"
    );
    assert!(text.contains("2023-13-45"), "and what is wrong: {text}");
    assert!(
        text.contains(LIVE_TAG),
        "the error page reloads itself: {text}"
    );
    let home = server.get("/");
    assert_eq!(
        home.status,
        500,
        "every page shows the error: {}",
        home.text()
    );
    assert!(home.text().contains("zhang-san.md:3:7"));
    server.stderr_until("content/stories/zhang-san.md:3:7");
    assert!(
        events.read_until("event: reload", REBUILD),
        "browsers reload to show the error: {:?}",
        events.seen
    );

    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("ORIGINAL-BODY-1", "FIXED-BODY-3"),
    );
    let fixed = server.get_until("/stories/zhang-san/", "fixed", |r| r.status == 200);
    assert!(fixed.text().contains("FIXED-BODY-3"), "{}", fixed.text());
    assert_eq!(server.get("/").status, 200);
    assert!(
        events.read_until("event: reload", REBUILD),
        "browsers reload after the fix: {:?}",
        events.seen
    );
}

#[test]
fn a_new_page_is_served_and_listed_and_gone_once_deleted() {
    let site = site();
    let server = Server::start(&site);
    assert_eq!(server.get("/stories/wang-wu/").status, 404);

    site.write(
        "content/stories/wang-wu.md",
        "---\ntitle: 王五的新故事\ndate: 2023-03-07\n---\nNEW-PAGE-BODY\n",
    );
    let page = server.get_until("/stories/wang-wu/", "served", |r| r.status == 200);
    assert!(page.text().contains("NEW-PAGE-BODY"), "{}", page.text());
    let list = server.get("/stories/").text();
    assert!(main_of(&list).contains("王五的新故事"), "listed: {list}");
    assert!(
        main_of(&list).contains("/stories/wang-wu/"),
        "linked: {list}"
    );
    assert!(server
        .get("/sitemap.xml")
        .text()
        .contains("/stories/wang-wu/"));

    site.remove("content/stories/wang-wu.md");
    let gone = server.get_until("/stories/wang-wu/", "gone", |r| r.status == 404);
    assert!(gone.text().contains("tpl-404"), "{}", gone.text());
    let list = server.get("/stories/").text();
    assert!(!list.contains("王五的新故事"), "no longer listed: {list}");
}

#[test]
fn a_template_override_is_picked_up() {
    let site = site();
    site.local_theme();
    let server = Server::start(&site);
    let theme_page =
        std::fs::read_to_string(site.root().join("themes/default/templates/page.html"))
            .expect("the theme's page.html");
    let anchor = "<article class=article>";
    assert!(theme_page.contains(anchor), "the theme's page.html changed");

    // templates/ does not exist yet: the server must notice the new folder.
    site.write(
        "templates/page.html",
        &theme_page.replacen(anchor, &format!("{anchor}<p>TEMPLATE-MARKER-1</p>"), 1),
    );
    let page = server.get_until("/stories/zhang-san/", "overridden", |r| {
        r.text().contains("TEMPLATE-MARKER-1")
    });
    assert!(page.text().contains("ORIGINAL-BODY-1"), "{}", page.text());

    // And a later edit of the override.
    site.write(
        "templates/page.html",
        &theme_page.replacen(anchor, &format!("{anchor}<p>TEMPLATE-MARKER-2</p>"), 1),
    );
    server.get_until("/pages/about/", "overridden again", |r| {
        r.text().contains("TEMPLATE-MARKER-2") && !r.text().contains("TEMPLATE-MARKER-1")
    });

    // An edit of the theme's own template does not beat the override.
    std::fs::write(
        site.root().join("themes/default/templates/page.html"),
        theme_page.replacen(anchor, &format!("{anchor}<p>THEME-MARKER</p>"), 1),
    )
    .expect("edit the theme");
    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("ORIGINAL-BODY-1", "AFTER-THEME-EDIT"),
    );
    let page = server.get_until("/stories/zhang-san/", "rebuilt", |r| {
        r.text().contains("AFTER-THEME-EDIT")
    });
    assert!(page.text().contains("TEMPLATE-MARKER-2"), "{}", page.text());
    assert!(!page.text().contains("THEME-MARKER"), "{}", page.text());
}

#[test]
fn an_editor_save_by_rename_is_served_and_temp_files_are_not_pages() {
    let site = site();
    let server = Server::start(&site);
    let temp_story =
        |title: &str, body: &str| format!("---\ntitle: {title}\ndate: 2023-03-08\n---\n{body}\n");

    // vim: `.name.md.swp`, renamed over the original.
    save_by_rename(
        &site,
        "content/stories/.zhang-san.md.swp",
        "content/stories/zhang-san.md",
        &STORY.replace("ORIGINAL-BODY-1", "SAVED-BY-RENAME-1"),
    );
    server.get_until("/stories/zhang-san/", "saved", |r| {
        r.status == 200 && r.text().contains("SAVED-BY-RENAME-1")
    });

    // `name.md~`, renamed over the original.
    save_by_rename(
        &site,
        "content/stories/zhang-san.md~",
        "content/stories/zhang-san.md",
        &STORY.replace("ORIGINAL-BODY-1", "SAVED-BY-RENAME-2"),
    );
    server.get_until("/stories/zhang-san/", "saved again", |r| {
        r.status == 200 && r.text().contains("SAVED-BY-RENAME-2")
    });

    // Temp files left lying about, some with an `.md` name, then a real
    // edit: none of them becomes a page.
    for temp in [
        "content/stories/.zhang-san.md.swp",
        "content/stories/zhang-san.md~",
        "content/stories/#zhang-san.md#",
        "content/stories/.#zhang-san.md",
        "content/stories/.hidden.md",
        "content/stories/_partial.md",
    ] {
        site.write(temp, &temp_story("TEMP-FILE-TITLE", "TEMP-FILE-BODY"));
    }
    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("ORIGINAL-BODY-1", "SAVED-3"),
    );
    server.get_until("/stories/zhang-san/", "edited", |r| {
        r.status == 200 && r.text().contains("SAVED-3")
    });
    for path in ["/", "/stories/", "/archive/", "/sitemap.xml", "/feed.xml"] {
        let text = server.get(path).text();
        assert!(
            !text.contains("TEMP-FILE"),
            "GET {path} shows a temp file: {text}"
        );
    }
    let list = server.get("/stories/").text();
    assert_eq!(
        main_of(&list).matches("张三的故事").count(),
        main_of(&list).matches("李四的故事").count(),
        "zhang-san listed once, as li-si is: {list}"
    );
    assert!(server.get("/").status == 200, "the site still builds");
}

#[test]
fn a_page_in_a_new_subfolder_and_a_new_bundle_photo_are_served() {
    let site = site();
    let server = Server::start(&site);

    site.write(
        "content/stories/2024/zhao-liu.md",
        "---\ntitle: 赵六的故事\ndate: 2024-01-02\n---\nIN-NEW-FOLDER\n",
    );
    let page = server.get_until("/stories/zhao-liu/", "served", |r| r.status == 200);
    assert!(page.text().contains("IN-NEW-FOLDER"), "{}", page.text());

    // A later edit inside the new folder is seen too.
    site.write(
        "content/stories/2024/zhao-liu.md",
        "---\ntitle: 赵六的故事\ndate: 2024-01-02\n---\nIN-NEW-FOLDER-EDITED\n",
    );
    server.get_until("/stories/zhao-liu/", "edited", |r| {
        r.text().contains("IN-NEW-FOLDER-EDITED")
    });

    site.write_bytes("content/stories/li-si/second.png", &PNG[..]);
    site.write(
        "content/stories/li-si/index.md",
        &format!("{BUNDLE_STORY}![第二张](second.png)\n"),
    );
    let photo = server.get_until("/stories/li-si/second.png", "served", |r| r.status == 200);
    assert_type(&photo, "/stories/li-si/second.png", "image/png");
    assert_eq!(photo.body, &PNG[..]);

    // A static file added while serving needs no rebuild.
    site.write("static/docs/new.txt", "NEW-STATIC-FILE\n");
    let file = server.get_until("/docs/new.txt", "served", |r| r.status == 200);
    assert_type(&file, "/docs/new.txt", "text/plain");
    assert_eq!(file.text(), "NEW-STATIC-FILE\n");
}

#[test]
fn names_in_chinese_and_query_strings_are_served() {
    let site = site();
    site.write_bytes("content/stories/li-si/照片 一.png", &PNG[..]);
    site.write("static/files/活动 方案.txt", "方案正文\n");
    let server = Server::start(&site);

    let photo = server.get("/stories/li-si/%E7%85%A7%E7%89%87%20%E4%B8%80.png");
    assert_type(&photo, "bundle photo with a Chinese name", "image/png");
    assert_eq!(photo.body, &PNG[..]);
    let file = server.get("/files/%E6%B4%BB%E5%8A%A8%20%E6%96%B9%E6%A1%88.txt");
    assert_type(&file, "static file with a Chinese name", "text/plain");
    assert_eq!(file.text(), "方案正文\n");

    // WeChat adds `?from=timeline` and the like to shared links.
    for path in [
        "/stories/zhang-san/?from=timeline&isappinstalled=0",
        "/?from=singlemessage",
        "/css/site.css?reload=1700000000000",
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, 200, "GET {path}: {}", answer.text());
    }
    assert!(server
        .get("/stories/zhang-san/?from=timeline")
        .text()
        .contains("ORIGINAL-BODY-1"));
}

#[test]
fn a_static_folder_without_its_slash_is_redirected() {
    let site = site();
    site.write(
        "static/guide/index.html",
        "<html><body>GUIDE</body></html>\n",
    );
    let server = Server::start(&site);

    let page = server.get("/guide/");
    assert_type(&page, "/guide/", "text/html");
    assert!(page.text().contains("GUIDE"));
    let moved = server.get("/guide");
    assert_eq!(moved.status, 301, "GET /guide: {}", moved.text());
    assert_eq!(moved.header("location"), "/guide/");
}

#[test]
fn links_between_pages_follow_a_changed_slug() {
    let site = site();
    site.write(
        "content/reports/yi-zhen.md",
        "---\ntitle: 社区义诊活动报道\ndate: 2023-03-02\n---\n见[张三的故事](../stories/zhang-san.md)。\n",
    );
    let server = Server::start(&site);
    let report = server.get("/reports/yi-zhen/").text();
    assert!(report.contains("/stories/zhang-san/\""), "{report}");

    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("date: 2023-03-05", "date: 2023-03-05\nslug: zhang-san-2023"),
    );
    server.get_until("/stories/zhang-san-2023/", "moved", |r| r.status == 200);
    let report = server.get("/reports/yi-zhen/").text();
    assert!(
        report.contains("/stories/zhang-san-2023/\""),
        "the link follows the new slug: {report}"
    );
    assert_eq!(server.get("/stories/zhang-san/").status, 404);

    // The target deleted: the link is an error naming the linking file.
    site.remove("content/stories/zhang-san.md");
    let broken = server.get_until("/reports/yi-zhen/", "an error page", |r| r.status == 500);
    assert!(
        broken.text().contains("content/reports/yi-zhen.md:5"),
        "{}",
        broken.text()
    );
    site.write("content/stories/zhang-san.md", STORY);
    let fixed = server.get_until("/reports/yi-zhen/", "fixed", |r| r.status == 200);
    assert!(
        fixed.text().contains("/stories/zhang-san/\""),
        "{}",
        fixed.text()
    );
}

#[test]
fn a_broken_site_yaml_or_template_shows_the_error_and_recovers() {
    let site = site();
    let server = Server::start(&site);

    site.write(
        "site.yaml",
        &format!("{}paginat: 10\n", crate::fixture::CONFIG),
    );
    let broken = server.get_until("/", "an error page", |r| r.status == 500);
    let text = broken.text();
    assert!(text.contains("site.yaml"), "names site.yaml: {text}");
    assert!(text.contains("paginat"), "names the key: {text}");
    assert!(text.contains(LIVE_TAG), "reloads itself: {text}");
    site.write("site.yaml", crate::fixture::CONFIG);
    server.get_until("/", "fixed", |r| r.status == 200);

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.title }{% endblock main %}",
    );
    let broken = server.get_until("/stories/zhang-san/", "an error page", |r| r.status == 500);
    assert!(
        broken.text().contains("page.html"),
        "names the template: {}",
        broken.text()
    );
    site.remove("templates/page.html");
    let fixed = server.get_until("/stories/zhang-san/", "fixed", |r| r.status == 200);
    assert!(fixed.text().contains("ORIGINAL-BODY-1"));
}
