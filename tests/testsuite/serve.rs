//! The dev server: `redvest serve` run as a child process on a free port and
//! spoken to over plain HTTP/1.1 — pages and assets, rebuilds on every kind
//! of save, the error page of a broken build and the recovery, live-reload
//! events, traversal, a busy port, and stopping with Ctrl-C.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::fixture::{assert_same_files, main_of, snapshot, Site, EPOCH};

/// How long a server may take to build and start listening.
const START: Duration = Duration::from_secs(60);
/// How long a rebuild may take to show (debounce ~30 ms, builds of a few ms;
/// the margin is for a loaded machine running many tests at once).
const REBUILD: Duration = Duration::from_secs(10);
/// How often a rebuild is looked for.
const POLL: Duration = Duration::from_millis(20);
/// The tag every HTML response gets.
const LIVE_TAG: &str = "<script src=\"/__redvest/live.js\"></script>";

const STORY: &str = "\
---
title: 张三的故事
date: 2023-03-05
---
张三为老人测量血压。ORIGINAL-BODY-1
";

const BUNDLE_STORY: &str = "\
---
title: 李四的故事
date: 2023-03-04
---
![李四在社区服务](photo.png)
";

const ABOUT: &str = "\
---
title: 关于我们
---
我们是志愿服务队。
";

const REPORT: &str = "\
---
title: 社区义诊活动报道
date: 2023-03-02
---
义诊。
";

/// A file that must never be served: lies beside the site root.
const SECRET_MARKER: &str = "SECRET-OUTSIDE-THE-SITE-5b1f0c";
/// A comment in `site.yaml` that must never be served.
const SITE_YAML_MARKER: &str = "SITE-YAML-SECRET-93a7d2";

// Small files of each type (only their first bytes are real headers; the
// server does not look inside).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-test-png";
const JPG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0-test-jpg";
const GIF: &[u8] = b"GIF89a\x01\0\x01\0-test-gif";
const WEBP: &[u8] = b"RIFF\x1a\0\0\0WEBPVP8 -test-webp";
const ICO: &[u8] = b"\0\0\x01\0\x01\0\x10\x10-test-ico";
const WOFF2: &[u8] = b"wOF2\0\x01\0\0-test-woff2";
const JSON: &[u8] = b"{\"team\": \"\xe5\xbf\x97\xe6\x84\xbf\", \"n\": 1}\n";

/// A site with a story, a page bundle with a photo, a standalone page, a
/// report, static files of many types, and secrets beside and in site.yaml.
fn site() -> Site {
    let site = Site::new(&[
        (
            "site.yaml",
            &format!("{}# {SITE_YAML_MARKER}\n", crate::fixture::CONFIG),
        ),
        ("content/stories/zhang-san.md", STORY),
        ("content/stories/li-si/index.md", BUNDLE_STORY),
        ("content/pages/about.md", ABOUT),
        ("content/reports/yi-zhen.md", REPORT),
        ("static/data/team.json", std::str::from_utf8(JSON).unwrap()),
    ]);
    site.write_bytes("content/stories/li-si/photo.png", PNG);
    for (rel, bytes) in [
        ("static/img/logo.png", PNG),
        ("static/img/photo.jpg", JPG),
        ("static/img/anim.gif", GIF),
        ("static/img/pic.webp", WEBP),
        ("static/favicon.ico", ICO),
        ("static/fonts/kai.woff2", WOFF2),
    ] {
        site.write_bytes(rel, bytes);
    }
    std::fs::write(site.beside("secret.txt"), SECRET_MARKER).expect("write the secret");
    std::fs::write(site.beside("Cargo.toml"), SECRET_MARKER).expect("write the secret");
    std::fs::write(site.beside("passwd"), SECRET_MARKER).expect("write the secret");
    site
}

// ---------------------------------------------------------------------------
// The server process
// ---------------------------------------------------------------------------

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("the bound address").port()
}

/// A running `redvest serve`, killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copies a child's stream into `into`, line by line, and sends each line.
fn pump(stream: impl Read + Send + 'static, into: Arc<Mutex<String>>) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            {
                let mut all = into.lock().unwrap_or_else(|p| p.into_inner());
                all.push_str(&line);
                all.push('\n');
            }
            let _ = tx.send(line);
        }
    });
    rx
}

/// `redvest serve --root <root> --port <port> <extra>`, run from the folder
/// beside the site, with `SOURCE_DATE_EPOCH` fixed.
fn serve_command(site: &Site, port: u16, extra: &[&str]) -> Command {
    let root = site.root().to_str().expect("a UTF-8 temp path");
    let mut command = Command::new(env!("CARGO_BIN_EXE_redvest"));
    command
        .args(["serve", "--root", root, "--port", &port.to_string()])
        .args(extra)
        .current_dir(site.root().parent().expect("the temp folder"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("REDVEST_LANG", "en")
        .env_remove("RUST_LOG")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

impl Server {
    /// Starts a server on a free port and waits until it says it listens.
    pub(crate) fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts a server as a clerk runs it: messages in the site's language
    /// (Chinese for the fixture's `site.yaml`).
    pub(crate) fn start_zh(site: &Site) -> Server {
        Server::start_in(site, &[], false)
    }

    fn start_with(site: &Site, extra: &[&str]) -> Server {
        Server::start_in(site, extra, true)
    }

    fn start_in(site: &Site, extra: &[&str], english: bool) -> Server {
        // The free port can be taken by someone else before the server binds
        // it: then try another.
        for _ in 0..3 {
            let port = free_port();
            if let Some(server) = Server::try_start(site, port, extra, english) {
                return server;
            }
        }
        panic!("the server could not find a free port in three tries");
    }

    /// `None` when the port turned out to be taken.
    fn try_start(site: &Site, port: u16, extra: &[&str], english: bool) -> Option<Server> {
        let mut command = serve_command(site, port, extra);
        if !english {
            command.env_remove("REDVEST_LANG").env("LANG", "C.UTF-8");
        }
        let mut child = command.spawn().expect("start redvest serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let lines = pump(child.stdout.take().expect("stdout"), Arc::clone(&stdout));
        pump(child.stderr.take().expect("stderr"), Arc::clone(&stderr));
        let mut server = Server {
            child,
            port,
            stdout,
            stderr,
        };
        let deadline = Instant::now() + START;
        loop {
            if let Ok(line) = lines.recv_timeout(POLL) {
                if line.contains("serving the site at") || line.contains("正在本机预览网站")
                {
                    assert!(
                        line.contains(&format!("http://127.0.0.1:{port}/")),
                        "the ready line names the address: {line}"
                    );
                    return Some(server);
                }
                continue;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                // Let the readers finish.
                std::thread::sleep(Duration::from_millis(100));
                let err = server.stderr();
                if status.code() == Some(2) && err.contains("already in use") {
                    return None;
                }
                panic!(
                    "redvest serve exited ({status}) before it was ready\n--- stdout\n{}\n--- stderr\n{err}",
                    server.stdout()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "redvest serve did not say it was ready within {START:?}\n--- stdout\n{}\n--- stderr\n{}",
                    server.stdout(),
                    server.stderr()
                );
            }
        }
    }

    pub(crate) fn stdout(&self) -> String {
        self.stdout
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// GET `path` (sent exactly as given).
    #[track_caller]
    pub(crate) fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Polls GET `path` until `done` holds, or panics after [`REBUILD`].
    #[track_caller]
    pub(crate) fn get_until(
        &self,
        path: &str,
        what: &str,
        done: impl Fn(&Response) -> bool,
    ) -> Response {
        let deadline = Instant::now() + REBUILD;
        loop {
            let response = self.get(path);
            if done(&response) {
                return response;
            }
            if Instant::now() > deadline {
                panic!(
                    "GET {path}: still not {what} after {REBUILD:?}; last answer {} \n{}\n--- server stdout\n{}\n--- server stderr\n{}",
                    response.status,
                    response.text(),
                    self.stdout(),
                    self.stderr()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Polls until the server's stderr contains `needle`.
    #[track_caller]
    fn stderr_until(&self, needle: &str) {
        let deadline = Instant::now() + REBUILD;
        while !self.stderr().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "the terminal never showed {needle:?}\n--- stderr\n{}",
                self.stderr()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Sends a signal with `kill` and waits for the process to end.
    #[track_caller]
    fn signal(&mut self, name: &str) -> ExitStatus {
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{name} failed");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server still runs 10 s after SIG{name}"
            );
            std::thread::sleep(POLL);
        }
    }
}

// ---------------------------------------------------------------------------
// A tiny HTTP client
// ---------------------------------------------------------------------------

/// An HTTP response.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    /// Header names lowercased.
    headers: BTreeMap<String, String>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    fn content_type(&self) -> &str {
        self.header("content-type")
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// GET `path` over a new connection with `Connection: close`.
#[track_caller]
fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("connect to port {port}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("set a read timeout");
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("send GET {path:?}: {e}"));
    let mut raw = Vec::new();
    if let Err(e) = stream.read_to_end(&mut raw) {
        // A reset after a complete answer is fine; a timeout is not.
        assert!(
            find(&raw, b"\r\n\r\n").is_some(),
            "read the answer to GET {path:?}: {e}"
        );
    }
    parse_response(&raw).unwrap_or_else(|| {
        panic!(
            "GET {path:?}: not an HTTP response: {:?}",
            String::from_utf8_lossy(&raw)
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<Response> {
    let end = find(raw, b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let status = status_line.split(' ').nth(1)?.parse().ok()?;
    let headers: BTreeMap<String, String> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        body = unchunk(&body)?;
    } else if let Some(len) = headers.get("content-length") {
        body.truncate(len.parse().ok()?);
    }
    Some(Response {
        status,
        headers,
        body,
    })
}

fn unchunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// A client of `/__redvest/events`, holding the stream open.
pub(crate) struct Events {
    stream: TcpStream,
    pub(crate) seen: String,
    /// Where the text not yet matched starts.
    from: usize,
}

impl Events {
    /// Connects and waits until the stream's head has arrived (the server
    /// subscribes before it sends the head, so later builds are seen).
    #[track_caller]
    pub(crate) fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect for events");
        stream
            .set_read_timeout(Some(POLL * 5))
            .expect("set a read timeout");
        let request = format!(
            "GET /__redvest/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream
            .write_all(request.as_bytes())
            .expect("ask for events");
        let mut events = Events {
            stream,
            seen: String::new(),
            from: 0,
        };
        assert!(
            events.read_until("\r\n\r\n", REBUILD),
            "no event-stream head: {:?}",
            events.seen
        );
        let head = events.seen[..events.from].to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200"), "events head: {head}");
        assert!(
            head.contains("content-type: text/event-stream"),
            "events head: {head}"
        );
        events
    }

    /// Reads the events of a stream whose head was already read.
    pub(crate) fn from_stream(stream: TcpStream) -> Events {
        stream
            .set_read_timeout(Some(POLL * 5))
            .expect("set a read timeout");
        Events {
            stream,
            seen: String::new(),
            from: 0,
        }
    }

    /// Reads until the unread text contains `needle`; false after `timeout`.
    pub(crate) fn read_until(&mut self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut buf = [0u8; 4096];
        loop {
            if let Some(at) = self.seen[self.from..].find(needle) {
                self.from += at + needle.len();
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            match self.stream.read(&mut buf) {
                Ok(0) => return false,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return false,
            }
        }
    }
}

/// Writes `text` to a temporary name beside `rel`, then renames it over `rel`,
/// as editors save.
fn save_by_rename(site: &Site, temp: &str, rel: &str, text: &str) {
    site.write(temp, text);
    std::fs::rename(site.root().join(temp), site.root().join(rel)).expect("rename over");
}

#[track_caller]
fn assert_type(response: &Response, path: &str, kind: &str) {
    assert_eq!(response.status, 200, "GET {path}: {}", response.text());
    assert!(
        response.content_type().starts_with(kind),
        "GET {path}: Content-Type {:?}, expected {kind}",
        response.content_type()
    );
}

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
    assert_eq!(photo.body, PNG, "the bundle photo, byte for byte");

    for (path, bytes, kind) in [
        ("/data/team.json", JSON, "application/json"),
        ("/img/logo.png", PNG, "image/png"),
        ("/img/photo.jpg", JPG, "image/jpeg"),
        ("/img/anim.gif", GIF, "image/gif"),
        ("/img/pic.webp", WEBP, "image/webp"),
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
    let anchor = "<article class=\"article\">";
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

    site.write_bytes("content/stories/li-si/second.png", PNG);
    site.write(
        "content/stories/li-si/index.md",
        &format!("{BUNDLE_STORY}![第二张](second.png)\n"),
    );
    let photo = server.get_until("/stories/li-si/second.png", "served", |r| r.status == 200);
    assert_type(&photo, "/stories/li-si/second.png", "image/png");
    assert_eq!(photo.body, PNG);

    // A static file added while serving needs no rebuild.
    site.write("static/docs/new.txt", "NEW-STATIC-FILE\n");
    let file = server.get_until("/docs/new.txt", "served", |r| r.status == 200);
    assert_type(&file, "/docs/new.txt", "text/plain");
    assert_eq!(file.text(), "NEW-STATIC-FILE\n");
}

#[test]
fn names_in_chinese_and_query_strings_are_served() {
    let site = site();
    site.write_bytes("content/stories/li-si/照片 一.png", PNG);
    site.write("static/files/活动 方案.txt", "方案正文\n");
    let server = Server::start(&site);

    let photo = server.get("/stories/li-si/%E7%85%A7%E7%89%87%20%E4%B8%80.png");
    assert_type(&photo, "bundle photo with a Chinese name", "image/png");
    assert_eq!(photo.body, PNG);
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

// ---------------------------------------------------------------------------
// The process
// ---------------------------------------------------------------------------

#[test]
fn a_busy_port_is_a_usage_error_naming_the_port() {
    let site = site();
    let first = Server::start(&site);
    let port = first.port;

    let mut second = serve_command(&site, port, &[])
        .stdout(Stdio::null())
        .spawn()
        .expect("start a second server");
    let mut stderr = second.stderr.take().expect("stderr");
    let deadline = Instant::now() + START;
    let status = loop {
        if let Some(status) = second.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            let _ = second.wait();
            panic!("a second server on a busy port {port} did not exit");
        }
        std::thread::sleep(POLL);
    };
    let mut err = String::new();
    stderr.read_to_string(&mut err).expect("read stderr");
    assert_eq!(
        status.code(),
        Some(2),
        "exit status 2 (bad usage); stderr:\n{err}"
    );
    assert!(
        err.contains(&port.to_string()),
        "stderr names the port:\n{err}"
    );
    assert!(err.contains("--port"), "stderr suggests --port:\n{err}");
    assert_eq!(first.get("/").status, 200, "the first server still serves");
}

/// The signal mask bit of SIGINT in `/proc/<pid>/status` `SigIgn`.
#[cfg(target_os = "linux")]
fn ignores_sigint(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
}

#[cfg(unix)]
fn stops_and_leaves_no_files(signal: &str) {
    let site = site();
    let folder = site.root().parent().expect("the temp folder").to_path_buf();
    let before = snapshot(&folder);
    let mut server = Server::start(&site);
    let mut events = Events::connect(server.port);
    for path in [
        "/",
        "/stories/zhang-san/",
        "/css/site.css",
        "/feed.xml",
        "/nope/",
    ] {
        server.get(path);
    }
    let mut signal = signal;
    #[cfg(target_os = "linux")]
    if signal == "INT" && ignores_sigint(server.child.id()) {
        // Started from a shell that ignores SIGINT in background jobs: the
        // child inherited that, and no program can undo it for Ctrl-C.
        eprintln!("SIGINT is ignored in this environment; sending SIGTERM instead");
        signal = "TERM";
    }
    let status = server.signal(signal);
    assert!(
        status.code() != Some(1) && status.code() != Some(2),
        "stopped with a failure status {status}\n--- stderr\n{}",
        server.stderr()
    );
    assert!(
        !events.read_until("event: reload", Duration::from_millis(200)),
        "no reload event when the server stops"
    );
    assert_same_files(&before, &snapshot(&folder), "the site folder after serve");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_leaves_no_files() {
    stops_and_leaves_no_files("INT");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_and_leaves_no_files() {
    stops_and_leaves_no_files("TERM");
}
