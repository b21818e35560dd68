//! The raw reader: each record (line, by `InputRaw::record_separator`)
//! of a file, or of a command's output when the source ends in `|`, as
//! one string field (and, with `read_stderr`, a bool saying it came from
//! the command's standard error). A command gets the `stdin` option's
//! text on its standard input; when it exits, `InputRaw::process_finished`
//! follows. Pipes are drained by threads of their own, so a slow command
//! never holds up the main loop.

use super::{FieldSpec, InVal, Kind, Mode, Msg, Reader, ReaderInfo};
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::mpsc::{channel, Receiver, TryRecvError};

/// One pipe of a running command: what has arrived and whether it ended.
struct Pipe {
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    done: bool,
}

impl Pipe {
    fn spawn(mut from: impl Read + Send + 'static) -> Pipe {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut chunk = vec![0u8; 65536];
            loop {
                match from.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(chunk[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Pipe { rx, buf: Vec::new(), done: false }
    }

    /// Takes what has arrived; with `wait`, everything until the end.
    fn drain(&mut self, wait: bool) {
        while !self.done {
            let got = if wait { self.rx.recv().map_err(|_| TryRecvError::Disconnected) } else { self.rx.try_recv() };
            match got {
                Ok(data) => self.buf.extend_from_slice(&data),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.done = true,
            }
        }
    }
}

/// A command the reader runs.
struct Child {
    process: std::process::Child,
    stdout: Pipe,
    stderr: Option<Pipe>,
    finished: bool,
}

/// The raw reader of one stream.
#[derive(Default)]
pub struct Raw {
    info: Option<ReaderInfo>,
    separator: Vec<u8>,
    use_stderr: bool,
    /// A file: its bytes read so far and not yet cut into records.
    offset: u64,
    pending: Vec<u8>,
    file_open: bool,
    stamp: Option<(u64, i64, i64)>,
    child: Option<Child>,
}

fn stamp_of(path: &str) -> Option<(u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let md = std::fs::metadata(path).ok()?;
    Some((md.ino(), md.mtime(), md.mtime_nsec()))
}

/// Cuts the complete records off the front of `buf`; with `at_end`, the
/// rest too (a last record without separator).
fn records(buf: &mut Vec<u8>, sep: &[u8], at_end: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let sep = if sep.is_empty() { b"\n".as_slice() } else { sep };
    let mut start = 0;
    let mut i = 0;
    while i + sep.len() <= buf.len() {
        if &buf[i..i + sep.len()] == sep {
            out.push(buf[start..i].to_vec());
            i += sep.len();
            start = i;
        } else {
            i += 1;
        }
    }
    let rest = buf.split_off(start);
    *buf = rest;
    if at_end && !buf.is_empty() {
        out.push(std::mem::take(buf));
    }
    out
}

impl Raw {
    fn info(&self) -> &ReaderInfo {
        static EMPTY: std::sync::OnceLock<ReaderInfo> = std::sync::OnceLock::new();
        self.info.as_ref().unwrap_or_else(|| {
            EMPTY.get_or_init(|| ReaderInfo { source: String::new(), mode: Mode::Manual, options: Default::default(), option_types: Default::default() })
        })
    }

    fn line_vals(&self, line: Vec<u8>, from_stderr: bool) -> Vec<InVal> {
        let mut vals = vec![InVal::Str(line)];
        if self.use_stderr {
            vals.push(InVal::Bool(from_stderr));
        }
        vals
    }

    fn start_command(&mut self, out: &mut Vec<Msg>) -> bool {
        let source = self.info().source.clone();
        let command = source.trim_end().trim_end_matches('|').to_string();
        let stdin_text = self.info().options.get("stdin").cloned();
        let mut cmd = std::process::Command::new("/bin/sh");
        cmd.arg("-c").arg(&command).stdout(std::process::Stdio::piped());
        cmd.stdin(if stdin_text.is_some() { std::process::Stdio::piped() } else { std::process::Stdio::null() });
        if self.use_stderr {
            cmd.stderr(std::process::Stdio::piped());
        }
        let mut process = match cmd.spawn() {
            Ok(p) => p,
            Err(e) => {
                out.push(Msg::Error(format!("Could not execute {command}: {e}")));
                return false;
            }
        };
        if let (Some(text), Some(mut stdin)) = (stdin_text, process.stdin.take()) {
            std::thread::spawn(move || {
                let _ = stdin.write_all(&text);
            });
        }
        let Some(stdout) = process.stdout.take() else { return false };
        let stderr = process.stderr.take().map(Pipe::spawn);
        self.child = Some(Child { process, stdout: Pipe::spawn(stdout), stderr, finished: false });
        true
    }

    /// Reads what the command wrote since the last look (all of it in
    /// MANUAL mode, once it has ended), and reports its end.
    fn update_command(&mut self, out: &mut Vec<Msg>) -> bool {
        let mode = self.info().mode;
        let sep = self.separator.clone();
        let Some(child) = self.child.as_mut() else { return true };
        if child.finished {
            return true;
        }
        child.stdout.drain(false);
        if let Some(e) = child.stderr.as_mut() {
            e.drain(false);
        }
        let ended = child.stdout.done && child.stderr.as_ref().is_none_or(|e| e.done);
        if mode != Mode::Stream && !ended {
            // Bro reads a command's whole output before it reports it.
            return true;
        }
        let lines = records(&mut child.stdout.buf, &sep, child.stdout.done);
        let errs = match child.stderr.as_mut() {
            Some(e) => records(&mut e.buf, &sep, e.done),
            None => Vec::new(),
        };
        let status = if ended { child.process.wait().ok() } else { None };
        if status.is_some() {
            child.finished = true;
        }
        for l in lines {
            let v = self.line_vals(l, false);
            out.push(Msg::Put(v));
        }
        for l in errs {
            let v = self.line_vals(l, true);
            out.push(Msg::Put(v));
        }
        if mode != Mode::Stream {
            out.push(Msg::EndCurrentSend);
        }
        if let Some(status) = status {
            use std::os::unix::process::ExitStatusExt;
            let (code, signal) = match (status.code(), status.signal()) {
                (Some(c), _) => (c as u64, false),
                (None, Some(s)) => (s as u64, false),
                _ => (0, false),
            };
            if status.code().is_some_and(|c| c != 0) {
                out.push(Msg::Error(format!("Child process exited with non-zero return code {code}")));
            } else if status.code().is_none() {
                out.push(Msg::Error(format!("Child process exited due to signal {code}")));
            }
            if mode == Mode::Stream {
                out.push(Msg::EndCurrentSend);
            }
            out.push(Msg::ProcessFinished(code, signal));
        }
        true
    }

    fn open_file(&mut self, out: &mut Vec<Msg>) -> bool {
        let source = self.info().source.clone();
        let md = match std::fs::metadata(&source) {
            Ok(md) if md.is_file() || source.starts_with("/dev/") => md,
            _ => {
                out.push(Msg::Error(format!("Init: cannot open {source}")));
                return false;
            }
        };
        self.file_open = true;
        self.pending.clear();
        self.offset = 0;
        if let Some(off) = self.info().options.get("offset").and_then(|o| String::from_utf8_lossy(o).trim().parse::<i64>().ok()) {
            let len = md.len() as i64;
            self.offset = if off >= 0 { off.min(len) } else { (len + off + 1).max(0) } as u64;
        }
        true
    }

    fn read_file(&mut self, out: &mut Vec<Msg>) -> bool {
        let source = self.info().source.clone();
        let mode = self.info().mode;
        let data = (|| -> std::io::Result<Vec<u8>> {
            let mut f = std::fs::File::open(&source)?;
            if self.offset > 0 {
                f.seek(SeekFrom::Start(self.offset))?;
            }
            let mut buf = Vec::new();
            f.read_to_end(&mut buf)?;
            Ok(buf)
        })();
        let Ok(data) = data else {
            out.push(Msg::Error(format!("Init: cannot open {source}")));
            return false;
        };
        self.offset += data.len() as u64;
        self.pending.extend_from_slice(&data);
        let sep = self.separator.clone();
        for l in records(&mut self.pending, &sep, true) {
            let v = self.line_vals(l, false);
            out.push(Msg::Put(v));
        }
        if mode != Mode::Stream {
            out.push(Msg::EndCurrentSend);
        }
        true
    }

    fn do_update(&mut self, first: bool, out: &mut Vec<Msg>) -> bool {
        if self.child.is_some() {
            return self.update_command(out);
        }
        let source = self.info().source.clone();
        let mode = self.info().mode;
        if !first {
            match mode {
                Mode::Reread => {
                    let Some(now) = stamp_of(&source) else {
                        out.push(Msg::Error(format!("Could not get stat for {source}")));
                        return false;
                    };
                    if self.stamp == Some(now) {
                        return true;
                    }
                    self.stamp = Some(now);
                    self.offset = 0;
                    self.pending.clear();
                }
                Mode::Manual => {
                    self.offset = 0;
                    self.pending.clear();
                }
                Mode::Stream => {}
            }
        }
        self.read_file(out)
    }
}

impl Reader for Raw {
    fn init(&mut self, info: &ReaderInfo, fields: &[FieldSpec], out: &mut Vec<Msg>) -> bool {
        self.info = Some(info.clone());
        self.separator = info.text("record_separator");
        let read_stderr = info.options.get("read_stderr").is_some_and(|v| v == b"1" || v == b"T");
        let executable = info.source.trim_end().ends_with('|');
        if read_stderr && !executable {
            out.push(Msg::Warning("Option read_stderr is ignored when reading from a file".to_string()));
        }
        self.use_stderr = read_stderr && executable;
        let want = if self.use_stderr { 2 } else { 1 };
        if fields.len() != want {
            out.push(Msg::Error(format!(
                "Filter for raw reader contains wrong number of fields -- got {}, expected {}. Filters for the raw reader contain one string field when used in normal mode and one string and one bool fields when using execute mode with stderr capuring. Filter ignored.",
                fields.len(),
                want
            )));
            return false;
        }
        if fields[0].kind != Kind::String {
            out.push(Msg::Error("First field for raw reader always has to be of type string.".to_string()));
            return false;
        }
        if self.use_stderr && fields[1].kind != Kind::Bool {
            out.push(Msg::Error("Second field for raw reader always has to be of type bool.".to_string()));
            return false;
        }
        if executable {
            if info.mode == Mode::Reread {
                out.push(Msg::Error("Unsupported read mode for executable input".to_string()));
                return false;
            }
            if !self.start_command(out) {
                return false;
            }
            return self.update_command(out);
        }
        if !self.open_file(out) {
            return false;
        }
        self.stamp = stamp_of(&info.source);
        self.do_update(true, out)
    }

    fn update(&mut self, out: &mut Vec<Msg>) -> bool {
        if self.file_open && self.info().mode == Mode::Reread {
            self.stamp = None;
        }
        self.do_update(false, out)
    }

    fn heartbeat(&mut self, out: &mut Vec<Msg>) -> bool {
        if self.child.is_some() {
            return self.update_command(out);
        }
        match self.info().mode {
            Mode::Manual => true,
            Mode::Reread | Mode::Stream => self.do_update(false, out),
        }
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            if !child.finished {
                let _ = child.process.kill();
                let _ = child.process.wait();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::records;

    #[test]
    fn records_keep_empty_lines_and_a_last_partial_one() {
        let mut buf = b"a\n\nb\nc".to_vec();
        assert_eq!(records(&mut buf, b"\n", false), vec![b"a".to_vec(), b"".to_vec(), b"b".to_vec()]);
        assert_eq!(buf, b"c".to_vec());
        assert_eq!(records(&mut buf, b"\n", true), vec![b"c".to_vec()]);
    }
}
