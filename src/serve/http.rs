//! The dev server's HTTP/1.1 layer: accepts connections, gives each its own
//! thread (so a long-lived event stream never holds up a page, and no
//! connection waits in a queue behind others), reads `GET`/`HEAD` request
//! heads, writes answers of known length, keeps connections alive between
//! requests, and closes idle, slow or malformed ones. Request bodies are
//! never read: a request that has one is answered and its connection closed.

use std::cell::RefCell;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// At most this many connections are open at once (pages and event streams
/// together; event streams have their own, smaller bound).
pub const MAX_CONNECTIONS: usize = 512;
/// The longest request head read.
const MAX_HEAD: u64 = 16 * 1024;
/// A connection that sends nothing for this long is closed.
const IDLE: Duration = Duration::from_secs(30);
/// A write that cannot go on for this long closes the connection.
const WRITE: Duration = Duration::from_secs(10);

/// The request methods the server tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`: the answer's head only.
    Head,
    /// Any other method.
    Other,
}

/// An HTTP status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCode(pub u16);

/// A response header whose name and value cannot break the answer's head.
#[derive(Debug, Clone)]
pub struct Header {
    name: String,
    value: String,
}

impl Header {
    /// A header; `None` if the name is not a token or the value holds a
    /// control character (a line break would start a new header).
    pub fn new(name: &str, value: &str) -> Option<Header> {
        let name_ok = !name.is_empty() && name.chars().all(is_token);
        let value_ok = !value.chars().any(|c| c.is_control() && c != '\t');
        (name_ok && value_ok).then(|| Header {
            name: name.to_string(),
            value: value.to_string(),
        })
    }

    /// A header always: characters of the name that are not allowed are
    /// left out, and control characters of the value percent-encoded.
    pub fn lossy(name: &str, value: &str) -> Header {
        let name: String = name.chars().filter(|&c| is_token(c)).collect();
        let value: String = value
            .chars()
            .map(|c| {
                if c.is_control() {
                    format!("%{:02X}", u32::from(c) & 0xff)
                } else {
                    c.to_string()
                }
            })
            .collect();
        Header {
            name: if name.is_empty() {
                "X-Invalid".into()
            } else {
                name
            },
            value,
        }
    }
}

/// A character allowed in a header name (RFC 9110, 5.6.2).
fn is_token(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// An answer: a status, headers and a body of known length.
#[derive(Debug, Clone)]
pub struct Response {
    status: StatusCode,
    headers: Vec<Header>,
    body: Vec<u8>,
}

impl Response {
    /// A `200` answer with `body`.
    pub fn from_data(body: Vec<u8>) -> Response {
        Response {
            status: StatusCode(200),
            headers: Vec::new(),
            body,
        }
    }

    /// A `200` answer with a text body.
    pub fn from_string(body: impl Into<String>) -> Response {
        Response::from_data(body.into().into_bytes())
    }

    /// The same answer with another status.
    pub fn with_status_code(mut self, status: StatusCode) -> Response {
        self.status = status;
        self
    }

    /// The same answer with one more header (a header of the same name is
    /// replaced).
    pub fn with_header(mut self, header: Header) -> Response {
        self.headers
            .retain(|h| !h.name.eq_ignore_ascii_case(&header.name));
        self.headers.push(header);
        self
    }

    /// The answer's head: status line and headers.
    fn head(&self, keep_alive: bool) -> Vec<u8> {
        let code = self.status.0;
        let mut out = format!("HTTP/1.1 {code} {}\r\n", reason(code)).into_bytes();
        for header in &self.headers {
            out.extend_from_slice(format!("{}: {}\r\n", header.name, header.value).as_bytes());
        }
        let connection = if keep_alive { "keep-alive" } else { "close" };
        let length = self.body.len();
        out.extend_from_slice(
            format!("Content-Length: {length}\r\nConnection: {connection}\r\n\r\n").as_bytes(),
        );
        out
    }

    /// Whether the body is sent: never for `HEAD` nor for 1xx, 204 and 304.
    fn has_body(&self, head_only: bool) -> bool {
        !head_only && !matches!(self.status.0, 100..=199 | 204 | 304)
    }

    /// Writes the head and, unless `head_only`, the body (not copied: files
    /// can be large).
    fn write_to(&self, mut out: impl Write, head_only: bool, keep_alive: bool) -> io::Result<()> {
        out.write_all(&self.head(keep_alive))?;
        if self.has_body(head_only) {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The reason phrase of a status code.
fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

/// What the connection does once a request is handled.
enum Outcome {
    /// Read the next request.
    KeepAlive,
    /// Close the connection.
    Close,
    /// The connection became a stream: wait until the client goes, then run
    /// the callback.
    Hold(Box<dyn FnOnce()>),
}

/// One request, answered once with [`Request::respond`] or held open as a
/// stream with [`Request::hold`]. Dropped unanswered, its connection closes.
pub struct Request {
    method: Method,
    url: String,
    keep_alive: bool,
    socket: TcpStream,
    outcome: Rc<RefCell<Outcome>>,
}

impl Request {
    /// The request's method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The request target as sent (path and query).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Sends `response`; the connection stays open for the next request if
    /// the client wants it.
    pub fn respond(self, response: Response) -> io::Result<()> {
        let keep_alive = self.keep_alive;
        self.send(response, keep_alive)
    }

    /// Sends `response` and closes the connection.
    pub fn respond_and_close(self, response: Response) -> io::Result<()> {
        self.send(response, false)
    }

    fn send(self, response: Response, keep_alive: bool) -> io::Result<()> {
        response.write_to(&self.socket, self.method == Method::Head, keep_alive)?;
        if keep_alive {
            *self.outcome.borrow_mut() = Outcome::KeepAlive;
        }
        Ok(())
    }

    /// Keeps the connection open as a stream the caller writes to (its
    /// head included), and runs `on_close` as soon as the client closes it
    /// or the socket is shut down.
    pub fn hold(self, on_close: impl FnOnce() + 'static) -> io::Result<TcpStream> {
        let writer = self.socket.try_clone()?;
        *self.outcome.borrow_mut() = Outcome::Hold(Box::new(on_close));
        Ok(writer)
    }
}

/// A request's head, once read and checked.
#[derive(Debug)]
struct Head {
    method: Method,
    url: String,
    keep_alive: bool,
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    /// The client closed the connection, went quiet or failed.
    Gone,
    /// A malformed request: answer with this status and close.
    Bad(u16),
}

/// Accepts connections for ever, one thread each, and hands every request
/// to `handle`; connections beyond [`MAX_CONNECTIONS`] get `busy()` and are
/// closed. Returns only when accepting fails.
pub fn serve<H, B>(listener: TcpListener, handle: H, busy: B) -> io::Error
where
    H: Fn(Request) + Send + Sync + 'static,
    B: Fn() -> Response,
{
    let handle = Arc::new(handle);
    let open = Arc::new(AtomicUsize::new(0));
    for socket in listener.incoming() {
        let socket = match socket {
            Ok(socket) => socket,
            Err(e) if transient(&e) => continue,
            Err(e) => return e,
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = socket.set_write_timeout(Some(WRITE));
            let _ = busy().write_to(&socket, false, false);
            continue;
        }
        let handle = Arc::clone(&handle);
        let counter = Arc::clone(&open);
        let spawned = std::thread::Builder::new()
            .name("redvest-connection".into())
            .spawn(move || {
                connection(socket, &*handle);
                counter.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // No thread to be had: the socket went with the closure.
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
    io::Error::other("the listener stopped")
}

/// Accept errors that concern one connection, not the listener.
fn transient(error: &io::Error) -> bool {
    use io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock | TimedOut
    ) || error
        .raw_os_error()
        .is_some_and(|code| code == 24 || code == 23) // EMFILE, ENFILE
}

/// Serves the requests of one connection in turn.
fn connection(socket: TcpStream, handle: &dyn Fn(Request)) {
    let _ = socket.set_write_timeout(Some(WRITE));
    let _ = socket.set_nodelay(true);
    let Ok(read_half) = socket.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    loop {
        let _ = socket.set_read_timeout(Some(IDLE));
        let head = match read_head(&mut reader) {
            Ok(head) => head,
            Err(HeadError::Gone) => return,
            Err(HeadError::Bad(code)) => {
                let answer = Response::from_string(reason(code)).with_status_code(StatusCode(code));
                let _ = answer.write_to(&socket, false, false);
                return;
            }
        };
        let Ok(writer) = socket.try_clone() else {
            return;
        };
        let outcome = Rc::new(RefCell::new(Outcome::Close));
        handle(Request {
            method: head.method,
            url: head.url,
            keep_alive: head.keep_alive,
            socket: writer,
            outcome: Rc::clone(&outcome),
        });
        let next = outcome.replace(Outcome::Close);
        match next {
            Outcome::KeepAlive => {}
            Outcome::Close => return,
            Outcome::Hold(on_close) => {
                wait_until_closed(&mut reader);
                on_close();
                let _ = socket.shutdown(std::net::Shutdown::Both);
                return;
            }
        }
    }
}

/// Reads and drops whatever the client sends until it closes the
/// connection or the socket is shut down.
fn wait_until_closed(reader: &mut BufReader<TcpStream>) {
    let _ = reader.get_ref().set_read_timeout(None);
    let mut buf = [0u8; 512];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// Reads one request head: the request line and the headers.
fn read_head(reader: &mut impl BufRead) -> Result<Head, HeadError> {
    let mut budget = MAX_HEAD;
    // Empty lines before a request line are allowed (RFC 9112, 2.2).
    let line = loop {
        let line = read_line(reader, &mut budget)?.ok_or(HeadError::Gone)?;
        if !line.is_empty() {
            break line;
        }
    };
    let line = String::from_utf8(line).map_err(|_| HeadError::Bad(400))?;
    let mut parts = line.split(' ');
    let (Some(method), Some(url), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Bad(400));
    };
    let mut keep_alive = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ if version.starts_with("HTTP/") => return Err(HeadError::Bad(505)),
        _ => return Err(HeadError::Bad(400)),
    };
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    let mut has_body = false;
    loop {
        let header = read_line(reader, &mut budget)?.ok_or(HeadError::Gone)?;
        if header.is_empty() {
            break;
        }
        let header = String::from_utf8_lossy(&header);
        let (name, value) = header.split_once(':').ok_or(HeadError::Bad(400))?;
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" if value.split(',').any(|t| t.trim() == "close") => keep_alive = false,
            "connection" if value.split(',').any(|t| t.trim() == "keep-alive") => {
                keep_alive = true;
            }
            "content-length" => has_body |= value != "0",
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    Ok(Head {
        method,
        url: url.to_string(),
        // The body is never read: the connection cannot carry another request.
        keep_alive: keep_alive && !has_body,
    })
}

/// One line without its `\r\n` (or `\n`); `None` at the end of the stream.
fn read_line(reader: &mut impl BufRead, budget: &mut u64) -> Result<Option<Vec<u8>>, HeadError> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(*budget)
        .read_until(b'\n', &mut line)
        .map_err(|_| HeadError::Gone)?;
    *budget -= read as u64;
    if read == 0 {
        return if *budget == 0 {
            Err(HeadError::Bad(431))
        } else {
            Ok(None)
        };
    }
    if line.last() != Some(&b'\n') {
        return Err(if *budget == 0 {
            HeadError::Bad(431)
        } else {
            HeadError::Gone
        });
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> Result<Head, HeadError> {
        read_head(&mut raw.as_bytes())
    }

    #[test]
    fn request_heads_are_read_and_checked() {
        let get = head("\r\nGET /a/?x=1 HTTP/1.1\r\nHost: h\r\n\r\n").expect("a head");
        assert_eq!(
            (get.method, get.url.as_str(), get.keep_alive),
            (Method::Get, "/a/?x=1", true)
        );
        let close = head("HEAD / HTTP/1.1\r\nConnection: Close\r\n\r\n").expect("a head");
        assert_eq!((close.method, close.keep_alive), (Method::Head, false));
        let old = head("GET / HTTP/1.0\n\n").expect("a head");
        assert!(!old.keep_alive);
        let kept = head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").expect("a head");
        assert!(kept.keep_alive);
        let post = head("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").expect("a head");
        assert_eq!((post.method, post.keep_alive), (Method::Other, false));
        assert_eq!(head("").unwrap_err(), HeadError::Gone);
        assert_eq!(head("GET / HTTP/1.1\r\nHost").unwrap_err(), HeadError::Gone);
        assert_eq!(head("GET /\r\n\r\n").unwrap_err(), HeadError::Bad(400));
        assert_eq!(
            head("GET / HTTP/2.0\r\n\r\n").unwrap_err(),
            HeadError::Bad(505)
        );
        assert_eq!(
            head("GET / HTTP/1.1\r\nNoColon\r\n\r\n").unwrap_err(),
            HeadError::Bad(400)
        );
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
        assert_eq!(head(&long).unwrap_err(), HeadError::Bad(431));
    }

    #[test]
    fn headers_that_would_break_the_head_are_refused() {
        assert!(Header::new("Location", "/a/").is_some());
        assert!(Header::new("Location", "/a/\r\nSet-Cookie: x=1").is_none());
        assert!(Header::new("Bad Name", "x").is_none());
        assert!(Header::new("", "x").is_none());
        let lossy = Header::lossy("Location", "/a\r\nb/");
        assert_eq!(lossy.value, "/a%0D%0Ab/");
    }

    #[test]
    fn an_answer_has_its_length_and_no_body_for_head() {
        let answer = Response::from_string("hello")
            .with_status_code(StatusCode(404))
            .with_header(Header::new("Content-Type", "text/plain").expect("a header"));
        let mut full = Vec::new();
        answer.write_to(&mut full, false, true).expect("written");
        let full = String::from_utf8(full).expect("utf-8");
        assert!(full.starts_with("HTTP/1.1 404 Not Found\r\n"), "{full}");
        assert!(full.contains("Content-Length: 5\r\n"), "{full}");
        assert!(full.contains("Connection: keep-alive\r\n"), "{full}");
        assert!(full.ends_with("\r\n\r\nhello"), "{full}");
        let mut head = Vec::new();
        answer.write_to(&mut head, true, false).expect("written");
        let head = String::from_utf8(head).expect("utf-8");
        assert!(head.ends_with("Connection: close\r\n\r\n"), "{head}");
    }
}
