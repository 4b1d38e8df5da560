//! Hosting anywhere (issue 19): the demo site with file URLs served by a
//! plain static server that looks up no `index.html`, crawled link by link
//! from its home page; and what a crawl reads (pages, style sheets, feeds).
//! The `file://` and nginx checks are in `hosting_file` and `hosting_nginx`.

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::fixture::{copy_dir, Site};
use crate::search_browser::{percent_decode, serve_static};

/// The repository's demo site (its `site.yaml` and `content/`) in a
/// temporary folder.
pub(crate) fn demo() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = Site::new(&[]);
    let config = std::fs::read_to_string(repo.join("site.yaml")).expect("the demo's site.yaml");
    site.write("site.yaml", &config);
    copy_dir(&repo.join("content"), &site.root().join("content"));
    site
}

/// A free loopback port (free when this returns; the test binds it next).
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// Character references of HTML and XML text decoded, as far as links need.
fn unescape(text: &str) -> String {
    text.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every address a file links to: attributes of HTML (and of the HTML
/// inside a feed's escaped content), `url(…)` in style sheets, and a
/// feed's `<link>`s.
fn addresses_in(body: &str, content_type: &str) -> Vec<String> {
    let attribute =
        Regex::new(r#"(?i)\s(href|src|action|poster|srcset)\s*=\s*["']([^"']*)["']"#).expect("re");
    let css = Regex::new(r#"url\(\s*['"]?([^'")]+)"#).expect("re");
    let link = Regex::new(r"<link>([^<]+)</link>").expect("re");
    let mut found = Vec::new();
    if content_type.contains("css") {
        found.extend(css.captures_iter(body).map(|c| c[1].to_string()));
        return found;
    }
    let text = if content_type.contains("xml") {
        unescape(body)
    } else {
        body.to_string()
    };
    for c in attribute.captures_iter(&text) {
        let value = unescape(&c[2]);
        if c[1].eq_ignore_ascii_case("srcset") {
            for item in value.split(',') {
                if let Some(url) = item.split_whitespace().next() {
                    found.push(url.to_string());
                }
            }
        } else {
            found.push(value);
        }
    }
    found.extend(link.captures_iter(&text).map(|c| c[1].trim().to_string()));
    found
}

/// `href` of a page at `from` (a path on the server) as a path on the
/// server without query or fragment; `None` when it leads elsewhere.
fn resolve(from: &str, href: &str, origin: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap_or("");
    if href.is_empty() {
        return None;
    }
    let path = if let Some(rest) = href.strip_prefix(origin) {
        rest.to_string()
    } else if href.contains(':') || href.starts_with("//") {
        return None;
    } else if href.starts_with('/') {
        href.to_string()
    } else {
        let dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{href}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// `path` with its non-ASCII bytes and spaces percent-encoded.
fn encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b' ' | 0x80.. => format!("%{b:02X}"),
            b => (b as char).to_string(),
        })
        .collect()
}

/// `GET path` on the loopback server at `port`: the status, the content
/// type and the body.
pub(crate) fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let request = format!(
        "GET {} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n",
        encode(path)
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read the answer");
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let content_type = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default();
    (status, content_type, answer[end + 4..].to_vec())
}

/// What a crawl found: the paths fetched, and each broken link as
/// (the page it is on, its target, the status).
#[derive(Debug, Default)]
pub(crate) struct Crawl {
    pub fetched: BTreeSet<String>,
    pub broken: Vec<(String, String, u16)>,
}

/// Follows every link inside the site from `start` on the server at
/// `port`, whose absolute addresses start with `origin`: pages, style
/// sheets, scripts, pictures, feeds and the links in them.
pub(crate) fn crawl(port: u16, start: &str, origin: &str) -> Crawl {
    let mut crawl = Crawl::default();
    let mut queue = VecDeque::from([(String::from("(start)"), start.to_string())]);
    let mut seen = BTreeSet::from([start.to_string()]);
    while let Some((from, path)) = queue.pop_front() {
        let (status, content_type, body) = get(port, &path);
        if status != 200 {
            crawl.broken.push((from, path, status));
            continue;
        }
        crawl.fetched.insert(path.clone());
        let readable = ["html", "css", "xml"]
            .iter()
            .any(|t| content_type.contains(t));
        if !readable {
            continue;
        }
        let body = String::from_utf8_lossy(&body);
        for href in addresses_in(&body, &content_type) {
            let Some(target) = resolve(&path, &href, origin) else {
                continue;
            };
            let target = percent_decode(&target);
            if seen.insert(target.clone()) {
                queue.push_back((path.clone(), target));
            }
        }
    }
    crawl
}

/// Serves `folder` under the path `prefix` (`/zyfw/`) on `port` as the
/// plainest of static servers does: a file for its path, and no
/// `index.html` looked up for a folder (a folder is 404), for as long as
/// the test runs.
pub(crate) fn serve_files_only(folder: PathBuf, prefix: &'static str, port: u16) {
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("the port the build was told of");
    serve_static(listener, move |path| {
        path.strip_prefix(prefix)
            .filter(|rest| !rest.split('/').any(|p| p == ".."))
            .map(|rest| folder.join(rest))
            .filter(|f| f.is_file())
    });
}

/// A crawl that found no broken link and reached one page of each kind
/// (`mode` names the build in the message).
pub(crate) fn assert_whole(crawl: &Crawl, mode: &str, wanted: &[&str]) {
    assert!(
        crawl.broken.is_empty(),
        "broken links ({mode}): {:#?}",
        crawl.broken
    );
    for want in wanted {
        assert!(
            crawl.fetched.iter().any(|p| p.contains(want)),
            "no page like {want} reached: {:?}",
            crawl.fetched
        );
    }
    assert!(
        crawl.fetched.len() > 60,
        "too few files reached: {:?}",
        crawl.fetched
    );
}

#[test]
fn with_file_urls_a_server_that_looks_up_no_index_html_finds_every_link() {
    let site = demo();
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let base = format!("{origin}/zyfw/");
    site.build_with(&["--file-urls", "--base-url", &base])
        .success();
    assert!(
        site.has("stories.html"),
        "the stories list as a file of its own"
    );
    assert!(site.has("archive.html"), "archive as a file of its own");
    serve_files_only(site.out(), "/zyfw/", port);
    let crawl = crawl(port, "/zyfw/index.html", &origin);
    assert_whole(
        &crawl,
        "file URLs",
        &[
            "/zyfw/stories/",
            "/zyfw/reports/",
            "/zyfw/announcements/",
            "/zyfw/campaigns/",
            "/zyfw/columns/",
            "/zyfw/tags/",
            "/zyfw/archive.html",
            "/zyfw/stats",
            "/zyfw/search/index.html",
            "/zyfw/feed.xml",
            ".css",
            ".png",
        ],
    );
    // Feeds and the sitemap name pages by their files too.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/zyfw/archive.html</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/zyfw/archive/</loc>"), "{sitemap}");
    let feed = site.read("feed.xml");
    assert!(feed.contains(".html</link>"), "{feed}");
}

#[test]
fn links_are_resolved_as_a_browser_resolves_them() {
    let o = "http://127.0.0.1:1";
    assert_eq!(
        resolve("/zyfw/a/b.html", "../c/", o).as_deref(),
        Some("/zyfw/c/")
    );
    assert_eq!(
        resolve("/zyfw/a/", "x.png#y", o).as_deref(),
        Some("/zyfw/a/x.png")
    );
    assert_eq!(
        resolve("/zyfw/", "http://127.0.0.1:1/zyfw/feed.xml", o).as_deref(),
        Some("/zyfw/feed.xml")
    );
    assert_eq!(resolve("/zyfw/", "https://example.org/x", o), None);
    assert_eq!(resolve("/zyfw/", "#main", o), None);
}

const STORY: &str = "---\ntitle: 王秀兰\ndate: 2024-04-02\n---\n正文。\n";

#[test]
fn base_url_dot_slash_asks_for_relative_links_and_keeps_site_yamls_address() {
    let site = Site::new(&[("content/stories/wang.md", STORY)]);
    site.build_with(&["--base-url", "./"]).success();
    let page = site.read("stories/wang/index.html");
    assert!(page.contains(r#"href="../../css/site.css""#), "{page}");
    assert!(page.contains(r#"href="../index.html""#), "{page}");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://example.org/stories/wang/">"#),
        "{page}"
    );
    let feed = site.read("feed.xml");
    assert!(
        feed.contains("<link>https://example.org/stories/wang/</link>"),
        "{feed}"
    );
}

#[test]
fn a_base_url_flag_that_is_no_address_names_the_setting_for_relative_links() {
    let site = Site::new(&[("content/stories/wang.md", STORY)]);
    site.build_with(&["--base-url", "zyfw"])
        .status(2)
        .stderr_has(&["--base-url ./", "relative_links: true"]);
}

#[test]
fn a_hosting_setting_that_is_not_true_or_false_is_an_error_naming_its_line() {
    let site = Site::new(&[
        ("site.yaml", &crate::fixture::config_with("file_urls: 是\n")),
        ("content/stories/wang.md", STORY),
    ]);
    site.build()
        .status(1)
        .stderr_has(&["site.yaml:8:12:", "file_urls", "true or false"]);
}
