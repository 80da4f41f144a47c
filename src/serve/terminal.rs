//! One desk's terminal over SSH: the screen drawn into the channel, the keys
//! read from it.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use tokio::sync::mpsc::UnboundedSender;

use super::input::InputParser;
use crate::tui::{AppEvent, EventSource};

/// What a session's thread sends towards its SSH channel.
#[derive(Debug)]
pub enum Output {
    Data(Vec<u8>),
    /// The session is over: the channel is closed.
    Close,
}

/// What reaches a session's thread from its SSH channel.
#[derive(Debug)]
pub enum Input {
    /// Bytes of one packet, with when they arrived.
    Bytes(Vec<u8>, Instant),
    Resize(u16, u16),
    /// The server is closing, or the client went away.
    Close,
}

/// Bytes for the channel, collected until a flush (one frame, one packet).
pub struct ChannelWriter {
    out: UnboundedSender<Output>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    pub fn new(out: UnboundedSender<Output>) -> ChannelWriter {
        ChannelWriter {
            out,
            buf: Vec::new(),
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.out
            .send(Output::Data(std::mem::take(&mut self.buf)))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "postazione scollegata"))
    }
}

/// The size the desk's terminal has (from the pty request and each window
/// change), shared between the connection and the session's thread.
pub type SharedSize = Arc<Mutex<(u16, u16)>>;

/// crossterm's escape sequences into the channel; the size is the desk's,
/// not the server's console.
pub struct SshBackend {
    inner: CrosstermBackend<ChannelWriter>,
    size: SharedSize,
}

impl SshBackend {
    pub fn new(writer: ChannelWriter, size: SharedSize) -> SshBackend {
        SshBackend {
            inner: CrosstermBackend::new(writer),
            size,
        }
    }

    /// Writes raw bytes (the screen modes) and sends them.
    pub fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)?;
        Write::flush(&mut self.inner)
    }
}

/// The alternate screen, bracketed paste on, cursor hidden.
pub const ENTER_SCREEN: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l";
/// Their reverse.
pub const LEAVE_SCREEN: &[u8] = b"\x1b[0m\x1b[?2004l\x1b[?1049l\x1b[?25h";

impl Backend for SshBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Asking the terminal would need a reply on the input: the
        // application's viewport is the full screen and never needs it.
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        let (w, h) = *self.size.lock().map_err(|_| io::Error::other("size"))?;
        Ok(Size::new(w, h))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// How often the source reports that nothing happened (the idle lock, the
/// refresh of screens whose data another desk changed).
use crate::tui::kit::event::TICK;

/// How long an ESC waits for the rest of its sequence before it is the Esc
/// key. Terminals send a sequence in one write: the rest comes in the same
/// packet or right after it.
const ESC_WAIT: Duration = Duration::from_millis(40);

/// A desk's keys, from the bytes its SSH client sends. Keys that arrive in
/// one packet came together (a card scanner's burst, a paste without
/// bracketed paste): they are reported with no gap between them.
pub struct SshEvents {
    input: Receiver<Input>,
    parser: InputParser,
    queue: VecDeque<(AppEvent, Option<Duration>)>,
    last_packet: Option<Instant>,
    gap: Option<Duration>,
    closed: bool,
}

impl SshEvents {
    pub fn new(input: Receiver<Input>) -> SshEvents {
        SshEvents {
            input,
            parser: InputParser::new(),
            queue: VecDeque::new(),
            last_packet: None,
            gap: None,
            closed: false,
        }
    }

    fn take(&mut self, input: Input) {
        match input {
            Input::Bytes(bytes, at) => {
                let first_gap = self.last_packet.map(|l| at.saturating_duration_since(l));
                self.last_packet = Some(at);
                let mut events = Vec::new();
                self.parser.feed(&bytes, &mut events);
                self.push_events(events, first_gap);
            }
            Input::Resize(w, h) => self.queue.push_back((AppEvent::Resize(w, h), None)),
            Input::Close => self.closed = true,
        }
    }

    fn push_events(&mut self, events: Vec<AppEvent>, first_gap: Option<Duration>) {
        for (i, e) in events.into_iter().enumerate() {
            let gap = if i == 0 {
                first_gap
            } else {
                Some(Duration::ZERO)
            };
            self.queue.push_back((e, gap));
        }
    }
}

impl EventSource for SshEvents {
    fn next_event(&mut self) -> io::Result<Option<AppEvent>> {
        let quiet_since = Instant::now();
        loop {
            if let Some((event, gap)) = self.queue.pop_front() {
                self.gap = gap;
                return Ok(Some(event));
            }
            if self.closed {
                return Ok(None);
            }
            let wait = if self.parser.has_pending() {
                ESC_WAIT
            } else {
                TICK.saturating_sub(quiet_since.elapsed())
            };
            match self.input.recv_timeout(wait) {
                Ok(input) => self.take(input),
                Err(RecvTimeoutError::Disconnected) => self.closed = true,
                Err(RecvTimeoutError::Timeout) if self.parser.has_pending() => {
                    let mut events = Vec::new();
                    self.parser.flush(&mut events);
                    self.push_events(events, Some(ESC_WAIT));
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.gap = None;
                    return Ok(Some(AppEvent::Tick));
                }
            }
        }
    }

    fn has_pending(&mut self) -> io::Result<bool> {
        while let Ok(input) = self.input.try_recv() {
            self.take(input);
        }
        Ok(!self.queue.is_empty())
    }

    fn key_gap(&self) -> Option<Duration> {
        self.gap
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn keys_of_one_packet_come_without_a_gap_and_a_lone_esc_after_a_wait() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut events = SshEvents::new(rx);
        let t0 = Instant::now();
        tx.send(Input::Bytes(b"a".to_vec(), t0)).unwrap();
        tx.send(Input::Bytes(
            b"RSSMRA80A01F205X".to_vec(),
            t0 + Duration::from_millis(500),
        ))
        .unwrap();
        tx.send(Input::Bytes(b"\x1b".to_vec(), t0 + Duration::from_secs(1)))
            .unwrap();
        assert_eq!(
            events.next_event().unwrap(),
            Some(AppEvent::Key(KeyEvent::new(
                KeyCode::Char('a'),
                KeyModifiers::NONE
            )))
        );
        assert_eq!(events.key_gap(), None);
        events.next_event().unwrap();
        assert_eq!(events.key_gap(), Some(Duration::from_millis(500)));
        for _ in 1..16 {
            events.next_event().unwrap();
            assert_eq!(events.key_gap(), Some(Duration::ZERO));
        }
        assert_eq!(
            events.next_event().unwrap(),
            Some(AppEvent::Key(KeyEvent::new(
                KeyCode::Esc,
                KeyModifiers::NONE
            )))
        );
        tx.send(Input::Resize(100, 30)).unwrap();
        tx.send(Input::Close).unwrap();
        assert_eq!(
            events.next_event().unwrap(),
            Some(AppEvent::Resize(100, 30))
        );
        assert_eq!(events.next_event().unwrap(), None);
    }
}
