//! The dev server: builds the site in memory, serves it on loopback, watches
//! the sources and rebuilds what changed, and tells open browsers to reload
//! (server-sent events; a small script injected into pages in serve mode
//! only). It writes nothing to disk and never serves a file from outside the
//! built site.

mod http;
mod live;
pub mod session;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use self::http::{Header, Method, Request, Response, StatusCode};
use self::live::{Hub, Signal};

use self::session::{FileBody, Session, Snapshot};
use crate::confine::SiteRoot;
use crate::error::{Error, Errors};
use crate::escape;
use crate::i18n::catalogue::safety;
use crate::i18n::catalogue::serve as msg;
use crate::i18n::{Lang, Text};
use crate::pipeline::{BuildOptions, Ending};
use crate::watch::{Changes, SiteWatcher};

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and build switches; `base_url` is set to the local address.
    pub build: BuildOptions,
    /// The address to listen on (loopback by default).
    pub bind: IpAddr,
    /// The port.
    pub port: u16,
    /// Print the time each stage of every rebuild took.
    pub timings: bool,
    /// The language of the terminal lines and of the pages shown in the browser.
    pub lang: Lang,
}

/// The path of the reload script and of the event stream.
const LIVE_JS: &str = "/__redvest/live.js";
const EVENTS: &str = "/__redvest/events";

/// The latest build: a site, or the errors of a failed build.
enum Latest {
    Site(Arc<Snapshot>),
    Broken(Arc<Errors>),
}

/// State shared by the request threads and the rebuild thread.
struct Shared {
    latest: Mutex<Latest>,
    /// The open event streams.
    hub: Arc<Hub>,
    lang: Lang,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A request thread that panicked leaves the data as it was: keep serving.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn set(&self, latest: Latest) {
        *lock(&self.latest) = latest;
    }

    fn current(&self) -> Result<Arc<Snapshot>, Arc<Errors>> {
        match &*lock(&self.latest) {
            Latest::Site(s) => Ok(Arc::clone(s)),
            Latest::Broken(e) => Err(Arc::clone(e)),
        }
    }

    fn broadcast(&self, signal: Signal) {
        self.hub.send(signal);
    }
}

/// Builds, serves and watches until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), Errors> {
    let lang = options.lang;
    let listener = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::usage(msg::bound_address_unreadable(e)))?;
    let mut build = options.build.clone();
    build.base_url = Some(local_base_url(addr));
    let mut session = Session::new(build.clone());
    let shared = Arc::new(Shared {
        latest: Mutex::new(first_build(&mut session, lang)),
        hub: Hub::start(),
        lang,
    });
    let mut watcher = SiteWatcher::start(&build.root)?;
    println!("{}", msg::serving(local_base_url(addr)).get(lang));
    if !addr.ip().is_loopback() {
        let warning = Error::site(None, msg::reachable(addr.ip()));
        eprintln!("{}", warning.render_warning(lang));
    }
    let rebuild_shared = Arc::clone(&shared);
    let timings = options.timings;
    std::thread::spawn(move || {
        while let Some(changes) = watcher.wait() {
            rebuild(&mut session, &rebuild_shared, &changes, timings);
        }
    });
    let handler = Arc::clone(&shared);
    let stopped = http::serve(
        listener,
        move |request| handle(request, &handler),
        move || text(503, &msg::http_busy(), lang),
    );
    Err(Errors::from(Error::usage(msg::server_failed(stopped))))
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, Errors> {
    TcpListener::bind(SocketAddr::new(ip, port)).map_err(|e| {
        let error = if e.kind() == std::io::ErrorKind::AddrInUse {
            let free = (port.saturating_add(1)..port.saturating_add(50))
                .find(|p| TcpListener::bind(SocketAddr::new(ip, *p)).is_ok());
            let hint = match free {
                Some(p) => msg::port_in_use_try(p),
                None => msg::port_in_use_choose(),
            };
            Error::usage(msg::port_in_use(port, ip)).with_hint(hint)
        } else {
            Error::usage(msg::cannot_listen(ip, port, e)).with_hint(msg::cannot_listen_hint())
        };
        Errors::from(error)
    })
}

fn local_base_url(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
    }
}

fn first_build(session: &mut Session, lang: Lang) -> Latest {
    match session.build(None) {
        Ok(snapshot) => {
            report(&snapshot, lang);
            Latest::Site(Arc::new(snapshot))
        }
        Err(errors) => {
            eprintln!("{}", errors.render(lang));
            eprintln!("{}", msg::first_build_failed().get(lang));
            Latest::Broken(Arc::new(errors))
        }
    }
}

fn report(snapshot: &Snapshot, lang: Lang) {
    for warning in &snapshot.report.warnings {
        eprintln!("{}", warning.render_warning(lang));
    }
    println!("{}", snapshot.report.summary(Ending::InMemory, lang));
}

fn rebuild(session: &mut Session, shared: &Shared, changes: &Changes, timings: bool) {
    let lang = shared.lang;
    if !changes.needs_build() {
        let signal = if changes.only_styles() {
            Signal::Styles
        } else {
            Signal::Reload
        };
        shared.broadcast(signal);
        return;
    }
    let started = Instant::now();
    let paths: Vec<std::path::PathBuf> = changes.paths.iter().cloned().collect();
    match session.build(Some(&paths)) {
        Ok(snapshot) => {
            if timings {
                println!("{}", snapshot.report.timings.table(lang));
            }
            shared.set(Latest::Site(Arc::new(snapshot)));
            let ms = format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0);
            println!("{}", msg::rebuilt(describe(changes), ms).get(lang));
        }
        Err(errors) => {
            eprintln!("{}", errors.render(lang));
            eprintln!("{}", msg::rebuild_failed(describe(changes)).get(lang));
            shared.set(Latest::Broken(Arc::new(errors)));
        }
    }
    shared.broadcast(Signal::Reload);
}

/// The changed files, the first three by name.
fn describe(changes: &Changes) -> Text {
    let mut names: Vec<Text> = changes
        .paths
        .iter()
        .take(3)
        .map(|p| Text::verbatim(p.display().to_string()))
        .collect();
    if changes.paths.len() > 3 {
        names.push(msg::more_files(changes.paths.len() - 3));
    }
    Text::join(&names, &msg::file_separator())
}

/// What a request asks for, once its path is checked.
enum Target {
    Live,
    Events,
    File(String),
}

fn handle(request: Request, shared: &Shared) {
    let lang = shared.lang;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, &msg::http_method_not_allowed(), lang));
        return;
    }
    match target(request.url()) {
        Err(status) => {
            let _ = request.respond(text(status, &msg::http_forbidden(), lang));
        }
        Ok(Target::Live) => {
            let _ = request.respond(with_type(
                Response::from_string(LIVE_SCRIPT),
                "text/javascript; charset=utf-8",
            ));
        }
        Ok(Target::Events) => stream_events(request, shared),
        Ok(Target::File(path)) => serve_file(request, shared, &path),
    }
}

/// Checks a request path and maps it to an output path; refuses anything
/// that could name a file outside the site (`..`, encoded slashes,
/// backslashes, NUL).
fn target(url: &str) -> Result<Target, u16> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == LIVE_JS {
        return Ok(Target::Live);
    }
    if path == EVENTS {
        return Ok(Target::Events);
    }
    if !path.starts_with('/') {
        return Err(400);
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err(403);
    }
    let decoded = crate::percent::decode_strict(path).ok_or(400u16)?;
    if decoded.contains(['\\', '\0']) {
        return Err(403);
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return Err(403),
            other => parts.push(other),
        }
    }
    let mut rel = parts.join("/");
    if decoded.ends_with('/') {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Ok(Target::File(rel))
}

fn serve_file(request: Request, shared: &Shared, path: &str) {
    let lang = shared.lang;
    let snapshot = match shared.current() {
        Ok(snapshot) => snapshot,
        Err(errors) if is_page(path) => {
            let _ = request.respond(html(500, error_page(&errors, lang)));
            return;
        }
        Err(_) => {
            let _ = request.respond(text(503, &msg::http_site_has_errors(), lang));
            return;
        }
    };
    match snapshot.file(path) {
        Some(Ok(FileBody::Bytes(bytes))) => respond_bytes(request, path, bytes),
        Some(Ok(FileBody::Builtin(bytes))) => respond_bytes(request, path, bytes.to_vec()),
        Some(Ok(FileBody::Disk(file))) => serve_disk_file(request, &snapshot, path, &file, lang),
        Some(Err(error)) => {
            let _ = request.respond(html(500, error_page(&Errors::from(error), lang)));
        }
        None => not_found(request, &snapshot, path, lang),
    }
}

/// Answers with a file from disk (a static or bundle file) if it lies
/// inside the site root, a photo without its metadata as `build` publishes
/// it; a file reached through a link out of the site is refused (403) and
/// the error is shown in the terminal.
fn serve_disk_file(
    request: Request,
    snapshot: &Snapshot,
    path: &str,
    file: &std::path::Path,
    lang: Lang,
) {
    let real = match SiteRoot::new(&snapshot.config.root).resolve(file) {
        Ok(real) => real,
        Err(error) => {
            eprintln!("{}", error.render(lang));
            let _ = request.respond(text(403, &safety::http_outside_site(), lang));
            return;
        }
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let shown = file.strip_prefix(&snapshot.config.root).unwrap_or(file);
    let published = std::fs::read(real)
        .map(|bytes| crate::images::publishable(bytes, name, shown, &snapshot.config.images));
    match published {
        Ok(Ok(bytes)) => respond_bytes(request, path, bytes),
        Ok(Err(error)) => {
            let _ = request.respond(html(500, error_page(&Errors::from(error), lang)));
        }
        Err(_) => {
            let _ = request.respond(text(404, &msg::http_not_found(), lang));
        }
    }
}

fn not_found(request: Request, snapshot: &Snapshot, path: &str, lang: Lang) {
    let has_extension = path
        .rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'));
    if !has_extension {
        let with_index = format!("{path}/index.html");
        if snapshot.has(&with_index) {
            let location = format!("/{path}/");
            let response =
                text(301, &msg::http_moved(), lang).with_header(header("Location", &location));
            let _ = request.respond(response);
            return;
        }
    }
    let body = snapshot.not_found().unwrap_or_else(|_| b"404".to_vec());
    let _ = request.respond(html(404, inject(body)));
}

fn respond_bytes(request: Request, path: &str, bytes: Vec<u8>) {
    let bytes = if is_page(path) { inject(bytes) } else { bytes };
    let response =
        Response::from_data(bytes).with_header(header("Content-Type", content_type(path)));
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

/// Adds the reload script before `</body>`.
fn inject(mut page: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_JS}\"></script>");
    let at = page
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    page.splice(at..at, tag.into_bytes());
    page
}

/// The `Content-Type` of a file by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// A header; a value that would break the answer's head (a line break from
/// a file name) is sent with its control characters percent-encoded.
fn header(name: &str, value: &str) -> Header {
    Header::new(name, value).unwrap_or_else(|| Header::lossy(name, value))
}

fn with_type(response: Response, kind: &str) -> Response {
    response.with_header(header("Content-Type", kind))
}

/// A plain-text answer in `lang`.
fn text(status: u16, body: &Text, lang: Lang) -> Response {
    with_type(
        Response::from_string(body.get(lang)).with_status_code(StatusCode(status)),
        "text/plain; charset=utf-8",
    )
}

fn html(status: u16, body: Vec<u8>) -> Response {
    let response = Response::from_data(body).with_status_code(StatusCode(status));
    with_type(response, "text/html; charset=utf-8").with_header(header("Cache-Control", "no-store"))
}

/// The page a browser shows while the site has errors, in `lang`.
fn error_page(errors: &Errors, lang: Lang) -> Vec<u8> {
    let mut items = String::new();
    for error in errors.iter() {
        items.push_str("<li><pre>");
        items.push_str(&escape::html(&error.render(lang)));
        items.push_str("</pre></li>");
    }
    let html_lang = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    let title = escape::html(msg::error_page_title().get(lang));
    let heading = escape::html(msg::error_page_heading(errors.len()).get(lang));
    let advice = escape::html(msg::error_page_advice().get(lang));
    let page = format!(
        "<!DOCTYPE html><html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>\
<style>body{{font:16px/1.6 system-ui,sans-serif;margin:2rem;color:#1a1a1a}}h1{{color:#b71c1c}}pre{{white-space:pre-wrap;background:#fff3f3;border-left:4px solid #b71c1c;padding:.75rem}}</style></head>\
<body><h1>{heading}</h1><p>{advice}</p><ol>{items}</ol></body></html>"
    );
    inject(page.into_bytes())
}

/// Holds the connection open as an event stream in the hub, which writes an
/// event for every build; beyond the hub's bound, a clear refusal.
fn stream_events(request: Request, shared: &Shared) {
    let lang = shared.lang;
    let place = match shared.hub.reserve() {
        Ok(place) => place,
        Err(full) => {
            let max = live::MAX_STREAMS;
            if full.first {
                let warning = Error::site(None, msg::live_reload_full_warning(max));
                eprintln!("{}", warning.render_warning(lang));
            }
            let retry = live::RETRY_AFTER_SECONDS.to_string();
            let answer = text(503, &msg::live_reload_full(max), lang)
                .with_header(header("Retry-After", &retry))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond_and_close(answer);
            return;
        }
    };
    if *request.method() == Method::Head {
        shared.hub.leave(place);
        let head = with_type(Response::from_data(Vec::new()), "text/event-stream");
        let _ = request.respond(head.with_header(header("Cache-Control", "no-store")));
        return;
    }
    let hub = Arc::clone(&shared.hub);
    match request.hold(move || hub.leave(place)) {
        Ok(socket) => shared.hub.attach(place, socket),
        Err(_) => shared.hub.leave(place),
    }
}

/// Reloads the page on `reload`; swaps stylesheets in place on `styles`.
const LIVE_SCRIPT: &str = r#"(function () {
  if (!window.EventSource) return;
  var source = new EventSource("/__redvest/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("styles", function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("reload", Date.now());
      links[i].href = url.href;
    }
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn file(url: &str) -> Option<String> {
        match target(url) {
            Ok(Target::File(f)) => Some(f),
            _ => None,
        }
    }

    #[test]
    fn paths_map_to_output_files() {
        assert_eq!(file("/").as_deref(), Some("index.html"));
        assert_eq!(
            file("/stories/a/?x=1").as_deref(),
            Some("stories/a/index.html")
        );
        assert_eq!(file("/css/site.css").as_deref(), Some("css/site.css"));
        assert_eq!(
            file("/tags/%E5%BF%97/").as_deref(),
            Some("tags/志/index.html")
        );
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/etc/passwd",
            "/a%2f..%2fb",
            "/a\\..\\b",
            "/%00",
            "/./x",
        ] {
            assert!(target(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn script_goes_before_body_end() {
        let page = inject(b"<html><body><p>x</p></body></html>".to_vec());
        let text = String::from_utf8(page).expect("utf-8");
        assert!(text.contains("<script src=\"/__redvest/live.js\"></script></body>"));
    }
}
