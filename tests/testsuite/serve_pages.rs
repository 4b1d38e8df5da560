//! The dev server serves pages and assets with their types, the 404 page,
//! drafts only when asked, Chinese names, and nothing from outside the site.

use crate::fixture::main_of;
use crate::serve::*;

// ---------------------------------------------------------------------------
// Pages and assets
// ---------------------------------------------------------------------------

#[test]
fn pages_and_assets_are_served_with_their_types() {
    let site = site();
    let server = Server::start(&site);
    let port = server.port;

    for path in [
        "/",
        "/stories/zhang-san/",
        "/stories/li-si/",
        "/stories/",
        "/pages/about/",
        "/reports/yi-zhen/",
        "/archive/",
    ] {
        let page = server.get(path);
        assert_type(&page, path, "text/html");
        let text = page.text();
        assert!(text.contains("<html"), "GET {path} is a page: {text}");
        assert_eq!(
            text.matches(LIVE_TAG).count(),
            1,
            "GET {path}: the live script once: {text}"
        );
        let body_end = text.rfind("</body>").expect("</body>");
        assert!(
            text.find(LIVE_TAG).expect("live tag") < body_end,
            "the live script is inside <body>"
        );
        assert!(
            !text.contains("example.org"),
            "GET {path}: base URL switched"
        );
    }

    let story = server.get("/stories/zhang-san/").text();
    assert!(main_of(&story).contains("张三的故事"), "{story}");
    assert!(main_of(&story).contains("ORIGINAL-BODY-1"), "{story}");
    assert!(
        story.contains(&format!("http://127.0.0.1:{port}/stories/zhang-san/")),
        "absolute links use the local address: {story}"
    );

    let css = server.get("/css/site.css");
    assert_type(&css, "/css/site.css", "text/css");
    assert_eq!(
        css.body,
        std::fs::read(crate::fixture::repo_theme().join("static/css/site.css")).unwrap(),
        "the built-in theme's stylesheet, unchanged (no script injected)"
    );
    assert_type(&server.get("/js/site.js"), "/js/site.js", "text/javascript");
    assert_type(&server.get("/favicon.svg"), "/favicon.svg", "image/svg+xml");

    for path in ["/feed.xml", "/sitemap.xml"] {
        let xml = server.get(path);
        assert_eq!(xml.status, 200, "GET {path}");
        assert!(
            xml.content_type().contains("xml"),
            "GET {path}: Content-Type {:?}",
            xml.content_type()
        );
        let text = xml.text();
        assert!(!text.contains(LIVE_TAG), "no script in {path}: {text}");
        assert!(
            text.contains(&format!("http://127.0.0.1:{port}/stories/zhang-san/")),
            "{path} links to the local address: {text}"
        );
        roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}\n{text}"));
    }

    let robots = server.get("/robots.txt");
    assert_type(&robots, "/robots.txt", "text/plain");
    assert!(
        robots
            .text()
            .contains(&format!("http://127.0.0.1:{port}/sitemap.xml")),
        "{}",
        robots.text()
    );

    let photo = server.get("/stories/li-si/photo.png");
    assert_type(&photo, "/stories/li-si/photo.png", "image/png");
    assert_eq!(photo.body, &PNG[..], "the bundle photo, byte for byte");

    for (path, bytes, kind) in [
        ("/data/team.json", JSON, "application/json"),
        ("/img/logo.png", &PNG[..], "image/png"),
        ("/img/photo.jpg", &JPG[..], "image/jpeg"),
        ("/img/anim.gif", GIF, "image/gif"),
        ("/img/pic.webp", &WEBP[..], "image/webp"),
        ("/favicon.ico", ICO, "image/"),
        ("/fonts/kai.woff2", WOFF2, "font/woff2"),
    ] {
        let file = server.get(path);
        assert_type(&file, path, kind);
        assert_eq!(file.body, bytes, "GET {path}: the file, byte for byte");
    }

    let live = server.get("/__redvest/live.js");
    assert_type(&live, "/__redvest/live.js", "text/javascript");
    assert!(
        live.text().contains("/__redvest/events"),
        "the live script listens to the events: {}",
        live.text()
    );

    assert!(!site.out().exists(), "serve writes no public/ folder");
}

#[test]
fn missing_paths_get_the_404_page_and_folders_a_redirect() {
    let site = site();
    let server = Server::start(&site);

    for path in [
        "/no-such-page/",
        "/stories/nobody/",
        "/img/none.png",
        "/x.html",
    ] {
        let missing = server.get(path);
        assert_eq!(missing.status, 404, "GET {path}: {}", missing.text());
        assert!(
            missing.content_type().starts_with("text/html"),
            "GET {path}: the 404 page is HTML: {:?}",
            missing.content_type()
        );
        let text = missing.text();
        assert!(
            text.contains("tpl-404"),
            "GET {path}: the site's 404 page: {text}"
        );
        assert!(
            text.contains(LIVE_TAG),
            "GET {path}: live script on the 404 page"
        );
    }

    for (path, location) in [
        ("/stories/zhang-san", "/stories/zhang-san/"),
        ("/stories", "/stories/"),
        ("/pages/about", "/pages/about/"),
    ] {
        let moved = server.get(path);
        assert_eq!(moved.status, 301, "GET {path}: {}", moved.text());
        assert_eq!(moved.header("location"), location, "GET {path}");
    }
}

#[test]
fn drafts_are_served_only_with_the_drafts_switch() {
    let site = site();
    site.write(
        "content/stories/cao-gao.md",
        "---\ntitle: 草稿故事\ndate: 2023-03-06\ndraft: true\n---\n草稿。\n",
    );
    {
        let server = Server::start(&site);
        assert_eq!(server.get("/stories/cao-gao/").status, 404);
    }
    let server = Server::start_with(&site, &["--drafts"]);
    let draft = server.get("/stories/cao-gao/");
    assert_eq!(draft.status, 200, "{}", draft.text());
    assert!(main_of(&draft.text()).contains("草稿故事"));
}

// ---------------------------------------------------------------------------
// Nothing outside the site
// ---------------------------------------------------------------------------

#[test]
fn traversal_is_refused_and_secrets_are_never_served() {
    let site = site();
    site.local_theme();
    // Symbolic links out of the site: links_out_of_site.rs (an error in
    // build, check and serve alike).
    let server = Server::start(&site);
    assert_eq!(server.get("/").status, 200, "the site is up");

    let attempts = [
        "/../Cargo.toml",
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/passwd",
        "/%2E%2E/secret.txt",
        "/css/..%2f..%2fsite.yaml",
        "/css/%2e%2e%2f%2e%2e%2fsite.yaml",
        "/static/../site.yaml",
        "/css/../../site.yaml",
        "/..\\site.yaml",
        "/css/..%5c..%5csite.yaml",
        "/%00",
        "/site.yaml%00.html",
        "/./site.yaml",
        "/site.yaml",
        "/content/stories/zhang-san.md",
        "/themes/default/templates/page.html",
    ];
    for path in attempts {
        let answer = server.get(path);
        assert!(
            matches!(answer.status, 403 | 404),
            "GET {path}: status {}, expected 403 or 404: {}",
            answer.status,
            answer.text()
        );
        let text = answer.text();
        assert!(
            !text.contains(SECRET_MARKER),
            "GET {path} leaked the secret"
        );
        assert!(
            !text.contains(SITE_YAML_MARKER),
            "GET {path} leaked site.yaml"
        );
    }

    assert_eq!(server.get("/").status, 200, "the server still runs");
}
