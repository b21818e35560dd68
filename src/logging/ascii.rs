//! The ASCII writer: Bro's tab-separated log files with their `#` meta
//! lines, plain TSV (`$config["tsv"] = "T"`), or one JSON object per line
//! (`use_json`); optionally gzip-compressed, or on standard output.

use super::escape::{escaped, Escaper};
use super::json::{JsonFormat, TimeFormat};
use super::numfmt;
use super::timefmt::meta_stamp;
use super::{AsciiOptions, Column, LogValue, Rotated, Writer, WriterInfo};
use std::io::Write;

/// Where the rows go.
enum Output {
    /// Not open (before the first row, or after a rotation).
    Closed,
    /// The process's standard output.
    Stdout,
    /// A plain file, written row by row.
    File(std::fs::File),
    /// A gzip-compressed file.
    Gzip(flate2::write::GzEncoder<std::fs::File>),
}

/// The ASCII writer.
pub struct AsciiWriter {
    opts: AsciiOptions,
    tsv: bool,
    info: WriterInfo,
    columns: Vec<Column>,
    json: Option<JsonFormat>,
    output: Output,
    /// The file name, extension included.
    fname: String,
    /// A configuration error found at start-up; nothing is written.
    failed: bool,
}

/// The extension of log files: `BRO_LOG_SUFFIX`, or `log`.
fn log_ext() -> String {
    std::env::var("BRO_LOG_SUFFIX").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "log".into())
}

/// Paths under `/dev/` are used as they are, never rotated.
fn is_special(path: &str) -> bool {
    path.starts_with("/dev/")
}

/// An I/O error as `strerror` words it.
pub(crate) fn os_error(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "T" => Ok(true),
        "F" => Ok(false),
        _ => Err(format!("invalid value for '{key}', must be a string and either \"T\" or \"F\"")),
    }
}

impl AsciiWriter {
    /// A writer with the script-level options; the filter's `$config`
    /// is applied when it starts.
    pub fn new(opts: AsciiOptions) -> AsciiWriter {
        AsciiWriter {
            opts,
            tsv: false,
            info: WriterInfo::default(),
            columns: Vec::new(),
            json: None,
            output: Output::Closed,
            fname: String::new(),
            failed: false,
        }
    }

    /// Applies the filter's `$config` entries over the script options.
    fn configure(&mut self) -> Result<(), String> {
        for (key, value) in &self.info.config.clone() {
            match key.as_str() {
                "tsv" => self.tsv = flag(key, value)?,
                "use_json" => self.opts.use_json = flag(key, value)?,
                "output_to_stdout" => self.opts.output_to_stdout = flag(key, value)?,
                "gzip_level" => {
                    let level = atoi(value);
                    if !(0..=9).contains(&level) {
                        return Err("invalid value for 'gzip_level', must be a number between 0 and 9.".into());
                    }
                    self.opts.gzip_level = level;
                }
                "separator" => self.opts.separator = value.as_bytes().to_vec(),
                "set_separator" => self.opts.set_separator = value.as_bytes().to_vec(),
                "empty_field" => self.opts.empty_field = value.as_bytes().to_vec(),
                "unset_field" => self.opts.unset_field = value.as_bytes().to_vec(),
                "meta_prefix" => self.opts.meta_prefix = value.as_bytes().to_vec(),
                "json_timestamps" => self.opts.json_timestamps = value.clone(),
                _ => {}
            }
        }
        if self.opts.use_json {
            let tf = match self.opts.json_timestamps.as_str() {
                "JSON::TS_EPOCH" => TimeFormat::Epoch,
                "JSON::TS_MILLIS" => TimeFormat::Millis,
                "JSON::TS_ISO8601" => TimeFormat::Iso8601,
                other => return Err(format!("Invalid JSON timestamp format: {other}")),
            };
            self.json = Some(JsonFormat::new(tf));
            // JSON output has no meta lines.
            self.opts.include_meta = false;
        }
        Ok(())
    }

    /// The path the file is written under (the header's `#path`).
    fn target_path(&self) -> String {
        if self.opts.output_to_stdout {
            "/dev/stdout".into()
        } else {
            self.info.path.clone()
        }
    }

    fn extension(&self) -> String {
        let mut ext = log_ext();
        if self.opts.gzip_level > 0 {
            ext.push_str(".gz");
        }
        ext
    }

    /// Opens the output and writes the header.
    fn open(&mut self, out: &mut dyn Write) -> Result<(), String> {
        let path = self.target_path();
        self.fname = if is_special(&path) { path.clone() } else { format!("{path}.{}", self.extension()) };
        self.output = if self.fname == "/dev/stdout" {
            Output::Stdout
        } else {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&self.fname)
                .map_err(|e| format!("cannot open {}: {}", self.fname, os_error(&e)))?;
            if self.opts.gzip_level > 0 && !is_special(&path) {
                let level = flate2::Compression::new(self.opts.gzip_level as u32);
                Output::Gzip(flate2::write::GzEncoder::new(file, level))
            } else {
                Output::File(file)
            }
        };
        let header = self.header(&path);
        self.emit(out, &header).map_err(|e| format!("error writing to {}: {}", self.fname, os_error(&e)))
    }

    /// The meta lines at the top of a file.
    fn header(&self, path: &str) -> Vec<u8> {
        let mut h = Vec::new();
        if !self.opts.include_meta {
            return h;
        }
        let sep = &self.opts.separator;
        let names: Vec<&[u8]> = self.columns.iter().map(|c| c.name.as_bytes()).collect();
        let names = names.join(sep.as_slice());
        if self.tsv {
            h.extend_from_slice(&names);
            h.push(b'\n');
            return h;
        }
        let types: Vec<Vec<u8>> = self.columns.iter().map(|c| c.type_name().into_bytes()).collect();
        let types = types.join(sep.as_slice());
        // The separator line itself always uses a space.
        h.extend_from_slice(&self.opts.meta_prefix);
        h.extend_from_slice(b"separator ");
        h.extend(escaped(sep, false));
        h.push(b'\n');
        let mut field = |key: &str, value: &[u8]| {
            h.extend_from_slice(&self.opts.meta_prefix);
            h.extend_from_slice(key.as_bytes());
            h.extend_from_slice(sep);
            h.extend_from_slice(value);
            h.push(b'\n');
        };
        field("set_separator", &escaped(&self.opts.set_separator, false));
        field("empty_field", &escaped(&self.opts.empty_field, false));
        field("unset_field", &escaped(&self.opts.unset_field, false));
        field("path", &escaped(path.as_bytes(), false));
        field("open", meta_stamp(0.0).as_bytes());
        field("fields", &names);
        field("types", &types);
        h
    }

    fn emit(&mut self, out: &mut dyn Write, data: &[u8]) -> std::io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        match &mut self.output {
            Output::Closed => Ok(()),
            Output::Stdout => out.write_all(data),
            Output::File(f) => f.write_all(data),
            Output::Gzip(g) => g.write_all(data),
        }
    }

    /// Writes the `#close` line and closes the output.
    fn close(&mut self, out: &mut dyn Write) -> Result<(), String> {
        if matches!(self.output, Output::Closed) {
            return Ok(());
        }
        let mut result = Ok(());
        if self.opts.include_meta && !self.tsv {
            let mut line = self.opts.meta_prefix.clone();
            line.extend_from_slice(b"close");
            line.extend_from_slice(&self.opts.separator);
            line.extend_from_slice(meta_stamp(0.0).as_bytes());
            line.push(b'\n');
            result = self.emit(out, &line).map_err(|e| format!("error writing to {}: {}", self.fname, os_error(&e)));
        }
        match std::mem::replace(&mut self.output, Output::Closed) {
            Output::Gzip(g) => {
                if let Err(e) = g.finish() {
                    result = result.and(Err(format!("error writing to {}: {}", self.fname, os_error(&e))));
                }
            }
            Output::Stdout => {
                let _ = out.flush();
            }
            _ => {}
        }
        result
    }

    /// One row in Bro's ASCII format.
    fn ascii_row(&self, values: &[LogValue]) -> Vec<u8> {
        let mut e = Escaper::new(&self.opts.separator);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                e.raw(&self.opts.separator);
            }
            self.ascii_value(&mut e, v);
        }
        e.buf
    }

    fn ascii_value(&self, e: &mut Escaper, v: &LogValue) {
        let o = &self.opts;
        match v {
            LogValue::Unset => e.add(&o.unset_field),
            LogValue::Bool(b) => e.add(if *b { b"T" } else { b"F" }),
            LogValue::Int(i) => e.add(i.to_string().as_bytes()),
            LogValue::Count(c) => e.add(c.to_string().as_bytes()),
            LogValue::Port(p) => e.add(p.to_string().as_bytes()),
            LogValue::Addr(a) => e.add(crate::text::addr_to_string(a).as_bytes()),
            LogValue::Subnet(a, w) => e.add(crate::text::subnet_to_string(a, *w).as_bytes()),
            LogValue::Double(d) => e.add(numfmt::double(*d, true).as_bytes()),
            LogValue::Time(d) | LogValue::Interval(d) => e.add(numfmt::fixed6(*d).as_bytes()),
            LogValue::Text(s) => {
                if s.is_empty() {
                    e.add(&o.empty_field);
                } else if *s == o.unset_field || *s == o.empty_field {
                    // A value that reads like a marker gets its first byte escaped.
                    e.add_marked(s);
                } else {
                    e.add(s);
                }
            }
            LogValue::Set(items) | LogValue::Vector(items) => {
                if items.is_empty() {
                    e.add(&o.empty_field);
                    return;
                }
                e.push_sequence(&o.set_separator);
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        e.raw(&o.set_separator);
                    }
                    self.ascii_value(e, item);
                }
                e.pop_sequence(&o.set_separator);
            }
        }
    }
}

/// C's `atoi`: leading blanks, a sign, digits; 0 when there are none.
fn atoi(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let n: i64 = digits.chars().take_while(|c| c.is_ascii_digit()).fold(0i64, |a, c| a.saturating_mul(10).saturating_add(i64::from(c as u8 - b'0')));
    if neg {
        -n
    } else {
        n
    }
}

impl Writer for AsciiWriter {
    fn init(&mut self, out: &mut dyn Write, info: &WriterInfo, columns: &[Column]) -> Result<(), String> {
        self.info = info.clone();
        self.columns = columns.to_vec();
        if let Err(e) = self.configure() {
            self.failed = true;
            return Err(e);
        }
        self.open(out)
    }

    fn write(&mut self, out: &mut dyn Write, values: &[LogValue]) -> Result<(), String> {
        if self.failed {
            return Ok(());
        }
        if matches!(self.output, Output::Closed) {
            self.open(out)?;
        }
        let mut line = match &self.json {
            Some(j) => j.row(&self.columns, values),
            None => self.ascii_row(values),
        };
        line.push(b'\n');
        // A row that would read as a meta line gets its first byte escaped.
        if !self.opts.meta_prefix.is_empty() && line.starts_with(&self.opts.meta_prefix) {
            let mut marked = Vec::with_capacity(line.len() + 3);
            marked.extend_from_slice(format!("\\x{:02x}", line[0]).as_bytes());
            marked.extend_from_slice(&line[1..]);
            line = marked;
        }
        self.emit(out, &line).map_err(|e| format!("error writing to {}: {}", self.fname, os_error(&e)))
    }

    fn set_buf(&mut self, _buffered: bool) {}

    fn flush(&mut self, out: &mut dyn Write) -> Result<(), String> {
        let r = match &mut self.output {
            Output::Stdout => out.flush(),
            Output::File(f) => f.flush(),
            Output::Gzip(g) => g.flush(),
            Output::Closed => Ok(()),
        };
        r.map_err(|e| format!("error writing to {}: {}", self.fname, os_error(&e)))
    }

    fn rotate(&mut self, out: &mut dyn Write, rotated_path: &str) -> Result<Option<Rotated>, String> {
        if matches!(self.output, Output::Closed) || is_special(&self.info.path) || self.fname == "/dev/stdout" {
            return Ok(None);
        }
        self.close(out)?;
        let new_name = format!("{rotated_path}.{}", self.extension());
        std::fs::rename(&self.fname, &new_name).map_err(|e| format!("failed to rename {} to {}: {}", self.fname, new_name, os_error(&e)))?;
        Ok(Some(Rotated { new_name, old_name: self.fname.clone() }))
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<(), String> {
        self.close(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logging::Tag;

    fn col(name: &str, tag: Tag, sub: Option<Tag>) -> Column {
        Column { name: name.into(), tag, sub, optional: false }
    }

    #[test]
    fn rows_escape_markers_and_separators() {
        let w = AsciiWriter::new(AsciiOptions::default());
        let row = w.ascii_row(&[
            LogValue::Text(b"-".to_vec()),
            LogValue::Unset,
            LogValue::Text(Vec::new()),
            LogValue::Set(vec![LogValue::Text(b",".to_vec()), LogValue::Text(b"AA".to_vec())]),
            LogValue::Vector(Vec::new()),
        ]);
        assert_eq!(row, b"\\x2d\t-\t(empty)\t\\x2c,AA\t(empty)");
    }

    #[test]
    fn header_lists_columns_and_types() {
        let mut w = AsciiWriter::new(AsciiOptions::default());
        w.columns = vec![col("t", Tag::Time, None), col("s", Tag::Set, Some(Tag::String))];
        let h = String::from_utf8(w.header("test")).unwrap();
        let lines: Vec<&str> = h.lines().collect();
        assert_eq!(lines[0], "#separator \\x09");
        assert_eq!(lines[1], "#set_separator\t,");
        assert_eq!(lines[4], "#path\ttest");
        assert!(lines[5].starts_with("#open\t"));
        assert_eq!(lines[6], "#fields\tt\ts");
        assert_eq!(lines[7], "#types\ttime\tset[string]");
    }

    #[test]
    fn atoi_reads_like_c() {
        assert_eq!(atoi(" 9x"), 9);
        assert_eq!(atoi("x"), 0);
        assert_eq!(atoi("-3"), -3);
    }
}
