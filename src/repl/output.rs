//! Where the interpreter's output goes while the REPL runs. While an
//! input runs no prompt is on the screen, and output goes straight to the
//! terminal. While the prompt waits, output (a handler's `print`, a
//! timer's event, a run-time error) goes through rustyline's external
//! printer, which prints it above the prompt and redraws the line being
//! typed. The printer may block until the line editor takes the text, so
//! a thread of its own feeds it and the interpreter never waits on it.

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::Rc;
use std::sync::mpsc::Sender;

/// The two output streams of the interpreter's thread and whether the
/// prompt is on the screen.
pub struct Terminal {
    prompt_shown: Cell<bool>,
    /// Text not yet handed to the printer: a line not yet ended.
    partial: RefCell<Vec<u8>>,
    printer: Sender<String>,
}

impl Terminal {
    /// Output goes to `printer` while the prompt is shown.
    pub fn new(printer: Sender<String>) -> Rc<Terminal> {
        Rc::new(Terminal { prompt_shown: Cell::new(false), partial: RefCell::new(Vec::new()), printer })
    }

    /// The prompt is (about to be) on the screen: from now on output goes
    /// through the printer.
    pub fn prompt_shown(&self) {
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        self.prompt_shown.set(true);
    }

    /// An input is running and the prompt is gone: output is written
    /// straight away, starting with any unfinished line.
    pub fn prompt_gone(&self) {
        if self.prompt_shown.replace(false) {
            let rest = std::mem::take(&mut *self.partial.borrow_mut());
            if !rest.is_empty() {
                let _ = std::io::stdout().write_all(&rest);
                let _ = std::io::stdout().flush();
            }
        }
    }

    fn write(&self, stream: Stream, buf: &[u8]) -> std::io::Result<()> {
        if !self.prompt_shown.get() {
            return match stream {
                Stream::Out => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(buf)?;
                    out.flush()
                }
                Stream::Err => std::io::stderr().write_all(buf),
            };
        }
        // Whole lines go to the printer; each one is redrawn above the prompt.
        let mut partial = self.partial.borrow_mut();
        partial.extend_from_slice(buf);
        if let Some(end) = partial.iter().rposition(|&b| b == b'\n') {
            let lines: Vec<u8> = partial.drain(..=end).collect();
            let _ = self.printer.send(String::from_utf8_lossy(&lines).into_owned());
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

/// One of the interpreter's output streams (see [`Terminal`]).
pub struct TermWriter {
    term: Rc<Terminal>,
    stream: Stream,
}

impl TermWriter {
    /// The stream for script output (`print`).
    pub fn stdout(term: &Rc<Terminal>) -> TermWriter {
        TermWriter { term: term.clone(), stream: Stream::Out }
    }

    /// The stream for errors and warnings.
    pub fn stderr(term: &Rc<Terminal>) -> TermWriter {
        TermWriter { term: term.clone(), stream: Stream::Err }
    }
}

impl Write for TermWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.term.write(self.stream, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts the thread that hands text to rustyline's external printer (or,
/// without one, writes it to stdout) and returns where to send the text.
pub fn spawn_printer<P: rustyline::ExternalPrinter + Send + 'static>(printer: Option<P>) -> Sender<String> {
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let spawned = std::thread::Builder::new().name("repl-printer".into()).spawn(move || {
        let mut printer = printer;
        for text in rx {
            let printed = printer.as_mut().is_some_and(|p| p.print(text.clone()).is_ok());
            if !printed {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
        }
    });
    if spawned.is_err() {
        // Without the thread nothing would print while the prompt waits;
        // a channel nobody reads drops the text instead of blocking.
        eprintln!("bro: cannot start the REPL's output thread; output while the prompt waits is lost");
    }
    tx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn while_the_prompt_waits_whole_lines_go_to_the_printer() {
        let (tx, rx) = std::sync::mpsc::channel();
        let term = Terminal::new(tx);
        term.prompt_shown();
        let mut out = TermWriter::stdout(&term);
        let mut err = TermWriter::stderr(&term);
        out.write_all(b"peer added, ").unwrap();
        assert!(rx.try_recv().is_err(), "half a line waits");
        out.write_all(b"handshake successful\nnext").unwrap();
        assert_eq!(rx.try_recv().unwrap(), "peer added, handshake successful\n");
        err.write_all(b" line\n").unwrap();
        // Both streams share one order.
        assert_eq!(rx.try_recv().unwrap(), "next line\n");
        term.prompt_gone();
        assert!(!term.prompt_shown.get());
        assert!(term.partial.borrow().is_empty());
    }
}
