//! The ASCII reader: Bro's tab-separated log format. Columns are found
//! by the `#fields` header (other `#` lines are skipped), each field is
//! parsed by [`super::parse`]; lines that do not parse are skipped with a
//! warning (or fail the stream with `fail_on_invalid_lines`). REREAD
//! reads the whole file again when its inode or modification time
//! changes; STREAM reads what was appended since the last look.

use super::parse::{parse_proto, parse_value, Markers};
use super::{FieldSpec, InVal, Mode, Msg, Reader, ReaderInfo};
use std::io::{Read, Seek, SeekFrom};

/// Where each wanted field is found in a line.
#[derive(Clone, Debug)]
struct Column {
    /// Position in the line; `None` for an optional field the file lacks.
    position: Option<usize>,
    /// Position of a port's protocol column.
    secondary: Option<usize>,
}

/// The ASCII reader of one stream.
#[derive(Default)]
pub struct Ascii {
    info: Option<ReaderInfo>,
    fields: Vec<FieldSpec>,
    separator: u8,
    markers: Option<Markers>,
    fail_on_file_problem: bool,
    fail_on_invalid_lines: bool,
    /// The columns of the header last read.
    columns: Vec<Column>,
    /// Whether a file is open (read to `offset`).
    open: bool,
    offset: u64,
    /// The file's identity when last read (REREAD).
    stamp: Option<(u64, i64, i64, u64)>,
    /// A file problem was reported; the same one is not reported again.
    suppressed: bool,
}

fn stamp_of(path: &str) -> Option<(u64, i64, i64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let md = std::fs::metadata(path).ok()?;
    Some((md.ino(), md.mtime(), md.mtime_nsec(), md.size()))
}

/// The lines Bro's reader considers: non-empty, without a trailing CR;
/// `#fields` lines (without their keyword) and data lines, not other
/// comments.
fn wanted_line(raw: &[u8], sep: u8) -> Option<Vec<u8>> {
    let mut line = raw.to_vec();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    if line.is_empty() {
        return None;
    }
    if line[0] != b'#' {
        return Some(line);
    }
    if line.len() > 8 && line.starts_with(b"#fields") && line[7] == sep {
        return Some(line[8..].to_vec());
    }
    None
}

/// A line split at the separator as C++'s `getline` splits it: a
/// trailing separator adds no empty field.
fn split(line: &[u8], sep: u8) -> Vec<&[u8]> {
    let mut parts: Vec<&[u8]> = line.split(|&c| c == sep).collect();
    if parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
}

impl Ascii {
    fn source(&self) -> String {
        self.info.as_ref().map(|i| i.source.clone()).unwrap_or_default()
    }

    fn mode(&self) -> Mode {
        self.info.as_ref().map_or(Mode::Manual, |i| i.mode)
    }

    /// Bro's `FailWarn`: an error when `fail`, else a warning (said once
    /// until reading works again, when `suppress`).
    fn fail_warn(&mut self, fail: bool, msg: String, suppress: bool, out: &mut Vec<Msg>) {
        if fail {
            out.push(Msg::Error(msg));
        } else if !self.suppressed {
            out.push(Msg::Warning(msg));
            if suppress {
                self.suppressed = true;
            }
        }
    }

    /// Reads the header line (the first line that is not a comment) and
    /// maps the wanted fields to its columns.
    fn read_header(&mut self, header: &[u8], out: &mut Vec<Msg>) -> bool {
        let names: Vec<&[u8]> = split(header, self.separator);
        let find = |n: &str| names.iter().rposition(|c| *c == n.as_bytes());
        let mut columns = Vec::new();
        let source = self.source();
        for f in self.fields.clone() {
            let Some(pos) = find(&f.name) else {
                if f.optional {
                    columns.push(Column { position: None, secondary: None });
                    continue;
                }
                let msg = format!("Did not find requested field {} in input data file {}.", f.name, source);
                self.fail_warn(self.fail_on_file_problem, msg, true, out);
                return false;
            };
            let mut col = Column { position: Some(pos), secondary: None };
            if let Some(sec) = f.secondary.as_ref().filter(|s| !s.is_empty()) {
                let Some(p2) = find(sec) else {
                    let msg = format!("Could not find requested port type field {} in input data file {}.", sec, source);
                    self.fail_warn(self.fail_on_file_problem, msg, true, out);
                    return false;
                };
                col.secondary = Some(p2);
            }
            columns.push(col);
        }
        self.columns = columns;
        true
    }

    /// The file's bytes from `from` on, or why not.
    fn read_from(&self, from: u64) -> std::io::Result<Vec<u8>> {
        let mut f = std::fs::File::open(self.source())?;
        f.seek(SeekFrom::Start(from))?;
        let mut buf = Vec::new();
        f.read_to_end(&mut buf)?;
        Ok(buf)
    }

    /// One data line turned into values, or `None` when it is skipped.
    fn convert_line(&mut self, line: &[u8], out: &mut Vec<Msg>) -> Option<Option<Vec<InVal>>> {
        let parts = split(line, self.separator);
        let markers = self.markers.clone()?;
        let mut vals = Vec::with_capacity(self.fields.len());
        for (f, col) in self.fields.clone().iter().zip(self.columns.clone()) {
            let Some(pos) = col.position else {
                vals.push(InVal::Unset);
                continue;
            };
            let max = parts.len().saturating_sub(1);
            if pos > max || col.secondary.is_some_and(|s| s > max) {
                let msg = format!(
                    "Not enough fields in line '{}' of {}. Found {} fields, want positions {} and {}",
                    String::from_utf8_lossy(line),
                    self.source(),
                    max,
                    pos,
                    col.secondary.map_or(-1, |s| s as i64)
                );
                self.fail_warn(self.fail_on_invalid_lines, msg, false, out);
                return if self.fail_on_invalid_lines { None } else { Some(None) };
            }
            let mut warns = Vec::new();
            let parsed = parse_value(parts[pos], &f.name, &f.kind, &markers, &mut warns);
            out.extend(warns.into_iter().map(Msg::Warning));
            let Some(mut v) = parsed else {
                let msg = format!("Could not convert line '{}' to Val. Ignoring line.", String::from_utf8_lossy(line));
                out.push(Msg::Warning(msg));
                return Some(None);
            };
            if let (Some(sec), InVal::Port(n, _)) = (col.secondary, &v) {
                v = InVal::Port(*n, parse_proto(parts[sec]).unwrap_or(super::PortProto::Unknown));
            }
            vals.push(v);
        }
        Some(Some(vals))
    }

    /// Reads (again) as the mode says. `false` when the stream fails.
    fn do_update(&mut self, out: &mut Vec<Msg>) -> bool {
        let source = self.source();
        let mode = self.mode();
        if mode == Mode::Reread {
            let Some(now) = stamp_of(&source) else {
                let msg = format!("Could not get stat for {source}");
                self.fail_warn(self.fail_on_file_problem, msg, true, out);
                self.open = false;
                return !self.fail_on_file_problem;
            };
            if self.stamp == Some(now) && self.open {
                return true;
            }
            self.stamp = Some(now);
        }
        let streaming_on = mode == Mode::Stream && self.open;
        let data = match self.read_from(if streaming_on { self.offset } else { 0 }) {
            Ok(d) => d,
            Err(_) => {
                self.open = false;
                let msg = format!("Init: cannot open {source}");
                self.fail_warn(self.fail_on_file_problem, msg, true, out);
                return !self.fail_on_file_problem;
            }
        };
        // Only whole lines; a line still being written waits.
        let complete = match data.iter().rposition(|&c| c == b'\n') {
            Some(p) if mode == Mode::Stream => p + 1,
            None if mode == Mode::Stream => 0,
            _ => data.len(),
        };
        let body = &data[..complete];
        let sep = self.separator;
        let mut lines = body.split(|&c| c == b'\n').filter_map(|l| wanted_line(l, sep));
        if !streaming_on {
            let Some(header) = lines.next() else {
                let msg = format!("Init: cannot open {source}; problem reading file header");
                self.fail_warn(self.fail_on_file_problem, msg, true, out);
                return !self.fail_on_file_problem;
            };
            if !self.read_header(&header, out) {
                return !self.fail_on_file_problem;
            }
            self.open = true;
            self.offset = 0;
            self.suppressed = false;
        }
        self.offset += complete as u64;
        let lines: Vec<Vec<u8>> = lines.collect();
        for line in lines {
            match self.convert_line(&line, out) {
                None => return false,
                Some(None) => {}
                Some(Some(vals)) => out.push(if mode == Mode::Stream { Msg::Put(vals) } else { Msg::SendEntry(vals) }),
            }
        }
        if mode != Mode::Stream {
            out.push(Msg::EndCurrentSend);
        }
        true
    }
}

impl Reader for Ascii {
    fn init(&mut self, info: &ReaderInfo, fields: &[FieldSpec], out: &mut Vec<Msg>) -> bool {
        self.separator = info.text("separator").first().copied().unwrap_or(b'\t');
        self.markers = Some(Markers {
            set_separator: info.text("set_separator"),
            empty_field: info.text("empty_field"),
            unset_field: info.text("unset_field"),
        });
        self.fail_on_file_problem = info.flag("fail_on_file_problem");
        self.fail_on_invalid_lines = info.flag("fail_on_invalid_lines");
        self.info = Some(info.clone());
        self.fields = fields.to_vec();
        self.do_update(out)
    }

    fn update(&mut self, out: &mut Vec<Msg>) -> bool {
        if self.mode() == Mode::Reread {
            // A forced update reads even an unchanged file.
            self.stamp = None;
        }
        self.do_update(out)
    }

    fn heartbeat(&mut self, out: &mut Vec<Msg>) -> bool {
        match self.mode() {
            Mode::Manual => true,
            Mode::Reread | Mode::Stream => self.do_update(out),
        }
    }
}
