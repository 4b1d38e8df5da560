//! The dev server: `redvest serve` run as a child process on a free port and
//! spoken to over plain HTTP/1.1 — pages and assets, rebuilds on every kind
//! of save, the error page of a broken build and the recovery, live-reload
//! events, traversal, a busy port, and stopping with Ctrl-C.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use crate::fixture::{assert_same_files, snapshot, Site, EPOCH};

/// How long a server may take to build and start listening.
pub(crate) const START: Duration = Duration::from_secs(60);
/// How long a rebuild may take to show (debounce ~30 ms, builds of a few ms;
/// the margin is for a loaded machine running many tests at once).
pub(crate) const REBUILD: Duration = Duration::from_secs(10);
/// How often a rebuild is looked for.
pub(crate) const POLL: Duration = Duration::from_millis(20);
/// The tag every HTML response gets.
pub(crate) const LIVE_TAG: &str = "<script src=\"/__redvest/live.js\"></script>";

pub(crate) const STORY: &str = "\
---
title: 张三的故事
date: 2023-03-05
---
张三为老人测量血压。ORIGINAL-BODY-1
";

pub(crate) const BUNDLE_STORY: &str = "\
---
title: 李四的故事
date: 2023-03-04
---
![李四在社区服务](photo.png)
";

pub(crate) const ABOUT: &str = "\
---
title: 关于我们
---
我们是志愿服务队。
";

pub(crate) const REPORT: &str = "\
---
title: 社区义诊活动报道
date: 2023-03-02
---
义诊。
";

/// A file that must never be served: lies beside the site root.
pub(crate) const SECRET_MARKER: &str = "SECRET-OUTSIDE-THE-SITE-5b1f0c";
/// A comment in `site.yaml` that must never be served.
pub(crate) const SITE_YAML_MARKER: &str = "SITE-YAML-SECRET-93a7d2";

/// A real 2×2 picture in `format`, without metadata (so that publishing
/// leaves it as it is: photos are stripped of theirs).
fn picture(format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(2, 2, image::Rgb([200, 30, 30]))
        .write_to(&mut bytes, format)
        .expect("encode a picture");
    bytes.into_inner()
}

// Small files of each type: real pictures (the build and the server read
// them to strip their metadata), and files of other types whose first
// bytes only are real headers (the server does not look inside).
pub(crate) static PNG: LazyLock<Vec<u8>> = LazyLock::new(|| picture(image::ImageFormat::Png));
pub(crate) static JPG: LazyLock<Vec<u8>> = LazyLock::new(|| picture(image::ImageFormat::Jpeg));
pub(crate) const GIF: &[u8] = b"GIF89a\x01\0\x01\0-test-gif";
pub(crate) static WEBP: LazyLock<Vec<u8>> = LazyLock::new(|| picture(image::ImageFormat::WebP));
pub(crate) const ICO: &[u8] = b"\0\0\x01\0\x01\0\x10\x10-test-ico";
pub(crate) const WOFF2: &[u8] = b"wOF2\0\x01\0\0-test-woff2";
pub(crate) const JSON: &[u8] = b"{\"team\": \"\xe5\xbf\x97\xe6\x84\xbf\", \"n\": 1}\n";

/// A site with a story, a page bundle with a photo, a standalone page, a
/// report, static files of many types, and secrets beside and in site.yaml.
pub(crate) fn site() -> Site {
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
    site.write_bytes("content/stories/li-si/photo.png", &PNG);
    for (rel, bytes) in [
        ("static/img/logo.png", &PNG[..]),
        ("static/img/photo.jpg", &JPG[..]),
        ("static/img/anim.gif", GIF),
        ("static/img/pic.webp", &WEBP[..]),
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
pub(crate) fn free_port() -> u16 {
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
pub(crate) fn pump(
    stream: impl Read + Send + 'static,
    into: Arc<Mutex<String>>,
) -> Receiver<String> {
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
pub(crate) fn serve_command(site: &Site, port: u16, extra: &[&str]) -> Command {
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

    pub(crate) fn start_with(site: &Site, extra: &[&str]) -> Server {
        Server::start_in(site, extra, true)
    }

    pub(crate) fn start_in(site: &Site, extra: &[&str], english: bool) -> Server {
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
    pub(crate) fn try_start(
        site: &Site,
        port: u16,
        extra: &[&str],
        english: bool,
    ) -> Option<Server> {
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
    pub(crate) fn stderr_until(&self, needle: &str) {
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
    pub(crate) fn signal(&mut self, name: &str) -> ExitStatus {
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

    pub(crate) fn content_type(&self) -> &str {
        self.header("content-type")
    }
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// GET `path` over a new connection with `Connection: close`.
#[track_caller]
pub(crate) fn get(port: u16, path: &str) -> Response {
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

pub(crate) fn parse_response(raw: &[u8]) -> Option<Response> {
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

pub(crate) fn unchunk(mut data: &[u8]) -> Option<Vec<u8>> {
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
pub(crate) fn save_by_rename(site: &Site, temp: &str, rel: &str, text: &str) {
    site.write(temp, text);
    std::fs::rename(site.root().join(temp), site.root().join(rel)).expect("rename over");
}

#[track_caller]
pub(crate) fn assert_type(response: &Response, path: &str, kind: &str) {
    assert_eq!(response.status, 200, "GET {path}: {}", response.text());
    assert!(
        response.content_type().starts_with(kind),
        "GET {path}: Content-Type {:?}, expected {kind}",
        response.content_type()
    );
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
    // The image cache, shared with build (`.redvest-cache/images/`, safe to
    // delete), is the one folder serve may fill: with the bundle's photo.
    let mut after = snapshot(&folder);
    after.retain(|path, _| !path.starts_with("site/.redvest-cache/images/"));
    assert_same_files(&before, &after, "the site folder after serve");
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
