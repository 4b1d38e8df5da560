//! The live-reload channel of `redvest serve`: many open event streams
//! never take a page's place, a bound on streams gives the ones beyond it a
//! clear answer in the reader's language, streams whose browser has gone
//! free their place at once, and a save still reaches every open stream.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::fixture::Site;
use crate::serve::{Events, Server};

/// How many event streams the tests open at once.
const STREAMS: usize = 300;
/// A generous limit for anything the server should do at once; the margin is
/// for a loaded machine running many tests (it checks that an answer comes at
/// all, not how fast).
const PATIENCE: Duration = Duration::from_secs(10);

const STORY: &str = "\
---
title: 张三的故事
date: 2023-03-05
---
张三为老人测量血压。ORIGINAL-BODY-1
";

/// What a refused stream is told, in English.
const REFUSED_EN: &str = "too many pages are open for live reload";
/// What a refused stream is told, in Chinese.
const REFUSED_ZH: &str = "等待自动刷新的页面太多";

fn site() -> Site {
    Site::new(&[
        ("site.yaml", crate::fixture::CONFIG),
        ("content/stories/zhang-san.md", STORY),
    ])
}

/// The head and body of an answer to a request for events, as far as read.
struct Answer {
    status: u16,
    /// The head, header names lowercased.
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == name).then_some(value.trim())
        })
    }
}

/// Connects and asks for the event stream, without waiting for the answer.
#[track_caller]
fn ask_for_events(port: u16) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect for events");
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("set a read timeout");
    let request = format!(
        "GET /__redvest/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .expect("ask for events");
    stream
}

/// Reads the answer's head (and, for an answer with a length, its body);
/// `None` when nothing complete came within [`PATIENCE`].
fn read_answer(stream: &mut TcpStream) -> Option<Answer> {
    let deadline = Instant::now() + PATIENCE;
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(answer) = complete(&raw) {
            return Some(answer);
        }
        if Instant::now() > deadline {
            return None;
        }
        match stream.read(&mut buf) {
            Ok(0) => return complete(&raw),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return complete(&raw),
        }
    }
}

/// The answer in `raw` once its head and any announced body are there.
fn complete(raw: &[u8]) -> Option<Answer> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let body = &raw[end + 4..];
    let mut answer = Answer {
        status,
        head,
        body: String::new(),
    };
    if let Some(length) = answer.header("content-length") {
        let length: usize = length.parse().ok()?;
        answer.body = String::from_utf8_lossy(body.get(..length)?).into_owned();
    } else {
        answer.body = String::from_utf8_lossy(body).into_owned();
    }
    Some(answer)
}

/// Opens [`STREAMS`] event streams at once and reads every answer.
#[track_caller]
fn open_many(server: &Server) -> Vec<(TcpStream, Answer)> {
    let streams: Vec<TcpStream> = (0..STREAMS).map(|_| ask_for_events(server.port)).collect();
    streams
        .into_iter()
        .enumerate()
        .map(|(n, mut stream)| {
            let answer = read_answer(&mut stream).unwrap_or_else(|| {
                panic!(
                    "event stream {n} got no answer within {PATIENCE:?}\n--- server stderr\n{}",
                    server.stderr()
                )
            });
            (stream, answer)
        })
        .collect()
}

/// The streams answered 200, after checking every other answer is a clear
/// refusal containing `refused`, with a `Retry-After`.
#[track_caller]
fn accepted(answers: Vec<(TcpStream, Answer)>, refused: &str) -> Vec<TcpStream> {
    let mut open = Vec::new();
    for (n, (stream, answer)) in answers.into_iter().enumerate() {
        match answer.status {
            200 => {
                assert!(
                    answer.head.contains("content-type: text/event-stream"),
                    "stream {n}: {}",
                    answer.head
                );
                open.push(stream);
            }
            503 => {
                assert!(
                    answer.header("retry-after").is_some(),
                    "a refused stream is told when to try again: {}",
                    answer.head
                );
                assert!(
                    answer.body.contains(refused),
                    "a refused stream is told why ({refused:?}): {:?}",
                    answer.body
                );
            }
            other => panic!("stream {n}: answered {other}: {}", answer.head),
        }
    }
    open
}

/// GET `path` answers 200 (at all, within the client's 10 s read timeout).
#[track_caller]
fn assert_served(server: &Server, path: &str) {
    let response = server.get(path);
    assert_eq!(
        response.status,
        200,
        "GET {path} while many event streams are open: {}",
        response.text()
    );
}

#[test]
fn pages_are_served_while_300_event_streams_are_open() {
    let site = site();
    let server = Server::start(&site);
    let open = accepted(open_many(&server), REFUSED_EN);
    assert!(
        !open.is_empty() && open.len() < STREAMS,
        "some streams are open and the rest refused: {} of {STREAMS} open",
        open.len()
    );

    for path in [
        "/",
        "/css/site.css",
        "/stories/zhang-san/",
        "/__redvest/live.js",
    ] {
        assert_served(&server, path);
    }
    let page = server.get("/stories/zhang-san/").text();
    assert!(page.contains("ORIGINAL-BODY-1"), "{page}");
    let warning = server.stderr();
    assert!(
        warning.contains(&format!(
            "{} pages already wait for live reload",
            open.len()
        )),
        "the terminal says why pages beyond the bound do not reload: {warning}"
    );
}

#[test]
fn a_save_reaches_every_open_event_stream() {
    let site = site();
    let server = Server::start(&site);
    let open = accepted(open_many(&server), REFUSED_EN);
    site.write(
        "content/stories/zhang-san.md",
        &STORY.replace("ORIGINAL-BODY-1", "EDITED-BODY-2"),
    );
    for (n, stream) in open.into_iter().enumerate() {
        let mut events = Events::from_stream(stream);
        assert!(
            events.read_until("event: reload", PATIENCE),
            "open stream {n} got no `event: reload` after a save; it said {:?}",
            events.seen
        );
    }
    let page = server.get("/stories/zhang-san/").text();
    assert!(page.contains("EDITED-BODY-2"), "{page}");
}

#[test]
fn closed_event_streams_free_their_places_at_once() {
    let site = site();
    let server = Server::start(&site);
    let bound = accepted(open_many(&server), REFUSED_EN).len();
    // Every browser goes away (the sockets are closed here).

    // As many new streams as the bound allows are open within the patience
    // limit, and pages are served meanwhile.
    let deadline = Instant::now() + PATIENCE;
    let mut reopened = Vec::new();
    while reopened.len() < bound {
        let mut stream = ask_for_events(server.port);
        let answer = read_answer(&mut stream).expect("an answer to a new stream");
        match answer.status {
            200 => reopened.push(stream),
            503 => {
                assert!(
                    Instant::now() < deadline,
                    "{} of {bound} places free {PATIENCE:?} after every stream closed",
                    reopened.len()
                );
                assert_served(&server, "/");
                std::thread::sleep(Duration::from_millis(50));
            }
            other => panic!("a new stream answered {other}: {}", answer.head),
        }
    }
    assert_served(&server, "/");
    assert_served(&server, "/css/site.css");
}

#[test]
fn a_refused_event_stream_is_told_why_in_chinese() {
    let site = site();
    let server = Server::start_zh(&site);
    let open = accepted(open_many(&server), REFUSED_ZH);
    assert!(open.len() < STREAMS, "some streams are refused");
    assert_served(&server, "/");
    let answers = accepted(open_many(&server), REFUSED_ZH);
    assert!(
        answers.is_empty(),
        "the bound holds: {} more open",
        answers.len()
    );
    let mut stream = ask_for_events(server.port);
    let answer = read_answer(&mut stream).expect("an answer");
    assert_eq!(answer.status, 503);
    assert_eq!(
        answer.body,
        format!(
            "同时打开、等待自动刷新的页面太多（最多 {} 个）：请关掉一些浏览器标签页，再刷新这个页面。",
            open.len()
        )
    );
    let terminal = server.stderr();
    assert!(
        terminal.contains(&format!(
            "已有 {} 个页面在等待自动刷新：之后打开的页面照常显示，但不会自动刷新，关掉一些页面后恢复",
            open.len()
        )),
        "{terminal}"
    );
}
