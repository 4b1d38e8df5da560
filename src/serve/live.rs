//! The live-reload channel: the open event streams of the browsers showing
//! the site, at most [`MAX_STREAMS`] of them. Every stream gets every event
//! in order; a stream whose browser has gone leaves at once (its connection
//! reports the close) or at the next heartbeat that cannot be written; a
//! stream that cannot take a write within [`WRITE`] is dropped rather than
//! hold up the others. Streams never take a page's place: pages are served
//! by their own connections whatever the streams do.

use std::io::Write;
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// At most this many event streams are open at once; a browser allows only
/// a few connections per server, so this is many browsers' worth.
pub const MAX_STREAMS: usize = 64;
/// How often an idle stream is written a comment, to find streams whose
/// browser has gone without closing the connection.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// The longest a write to one stream may block.
const WRITE: Duration = Duration::from_secs(2);
/// How long a refused browser is asked to wait before trying again.
pub const RETRY_AFTER_SECONDS: u64 = 5;

/// The head of every event stream, and how soon a browser reconnects.
const START: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
const PING: &[u8] = b": ping\n\n";

/// What browsers are told after a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Reload the page.
    Reload,
    /// Reload the stylesheets only.
    Styles,
}

impl Signal {
    fn frame(self) -> &'static [u8] {
        match self {
            Signal::Reload => b"event: reload\ndata: 1\n\n",
            Signal::Styles => b"event: styles\ndata: 1\n\n",
        }
    }
}

/// A place in the hub, taken before the stream's connection is held open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place(u64);

/// The hub is full: no new stream until one leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full {
    /// The first refusal since the hub last had room (worth telling the
    /// terminal about).
    pub first: bool,
}

/// One stream: its place and, once its head is written, its socket.
struct Stream {
    place: Place,
    socket: Option<TcpStream>,
}

#[derive(Default)]
struct State {
    streams: Vec<Stream>,
    next: u64,
    refused: bool,
}

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    state: Mutex<State>,
}

impl Hub {
    /// A hub whose heartbeat runs for as long as the hub lives.
    pub fn start() -> Arc<Hub> {
        let hub = Arc::new(Hub::default());
        let weak = Arc::downgrade(&hub);
        std::thread::spawn(move || loop {
            std::thread::sleep(HEARTBEAT);
            match weak.upgrade() {
                Some(hub) => hub.write_all(PING),
                None => return,
            }
        });
        hub
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A thread that panicked leaves the list as it was: keep going.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes a place for a new stream, or says the hub is full.
    pub fn reserve(&self) -> Result<Place, Full> {
        let mut state = self.state();
        if state.streams.len() >= MAX_STREAMS {
            let first = !state.refused;
            state.refused = true;
            return Err(Full { first });
        }
        let place = Place(state.next);
        state.next += 1;
        state.streams.push(Stream {
            place,
            socket: None,
        });
        Ok(place)
    }

    /// Writes the stream's head to `socket` and adds it, so it gets every
    /// event from now on; the place is given up if the head cannot be
    /// written.
    pub fn attach(&self, place: Place, mut socket: TcpStream) {
        let _ = socket.set_write_timeout(Some(WRITE));
        let mut state = self.state();
        let Some(at) = state.streams.iter().position(|s| s.place == place) else {
            let _ = socket.shutdown(Shutdown::Both);
            return;
        };
        if socket
            .write_all(START)
            .and_then(|()| socket.flush())
            .is_ok()
        {
            state.streams[at].socket = Some(socket);
        } else {
            let _ = socket.shutdown(Shutdown::Both);
            state.streams.remove(at);
            state.refused = false;
        }
    }

    /// Gives up a place (the browser has gone); nothing if already gone.
    pub fn leave(&self, place: Place) {
        let mut state = self.state();
        let before = state.streams.len();
        state.streams.retain(|s| s.place != place);
        if state.streams.len() < before {
            state.refused = false;
        }
    }

    /// Tells every open stream.
    pub fn send(&self, signal: Signal) {
        self.write_all(signal.frame());
    }

    /// How many places are taken.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.state().streams.len()
    }

    /// Writes `frame` to every stream, dropping those that fail (their
    /// connection is shut down, which ends its thread).
    fn write_all(&self, frame: &[u8]) {
        let mut state = self.state();
        let before = state.streams.len();
        state.streams.retain_mut(|stream| {
            let Some(socket) = stream.socket.as_mut() else {
                return true;
            };
            let written = socket.write_all(frame).and_then(|()| socket.flush());
            if written.is_err() {
                let _ = socket.shutdown(Shutdown::Both);
            }
            written.is_ok()
        });
        if state.streams.len() < before {
            state.refused = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hub_is_bounded_and_a_place_given_up_is_free_again() {
        let hub = Hub::default();
        let places: Vec<Place> = (0..MAX_STREAMS)
            .map(|_| hub.reserve().expect("room"))
            .collect();
        assert_eq!(hub.reserve(), Err(Full { first: true }));
        assert_eq!(hub.reserve(), Err(Full { first: false }));
        hub.leave(places[3]);
        hub.leave(places[3]);
        assert_eq!(hub.len(), MAX_STREAMS - 1);
        assert!(hub.reserve().is_ok());
        assert_eq!(hub.reserve(), Err(Full { first: true }));
    }
}
