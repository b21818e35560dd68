//! Log writers: the output half of the logging framework. A writer gets
//! a path, its options and a list of columns once, then rows of plain
//! values, and turns them into files (or nothing). Like the peering core
//! it knows nothing of the interpreter: `builtins/logging/` converts
//! script values into [`LogValue`]s and drives the writers.

pub mod ascii;
mod escape;
pub mod json;
pub mod none;
pub mod numfmt;
pub mod timefmt;

use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;

/// The type of a column, as Bro names it in `#types` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `count`
    Count,
    /// `port`
    Port,
    /// `addr`
    Addr,
    /// `subnet`
    Subnet,
    /// `double`
    Double,
    /// `time`
    Time,
    /// `interval`
    Interval,
    /// `enum`
    Enum,
    /// `string`
    String,
    /// `file`
    File,
    /// A function.
    Func,
    /// A set; the element type is the column's `sub` tag.
    Set,
    /// A vector; the element type is the column's `sub` tag.
    Vector,
}

impl Tag {
    /// Bro's name of the type (`type_name` of its tag): sets are `table`.
    pub fn name(self) -> &'static str {
        match self {
            Tag::Bool => "bool",
            Tag::Int => "int",
            Tag::Count => "count",
            Tag::Port => "port",
            Tag::Addr => "addr",
            Tag::Subnet => "subnet",
            Tag::Double => "double",
            Tag::Time => "time",
            Tag::Interval => "interval",
            Tag::Enum => "enum",
            Tag::String => "string",
            Tag::File => "file",
            Tag::Func => "func",
            Tag::Set => "table",
            Tag::Vector => "vector",
        }
    }
}

/// One column of a log.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The column's name (`id.orig_h`), after any renaming.
    pub name: String,
    /// Its type.
    pub tag: Tag,
    /// The element type of a set or vector column.
    pub sub: Option<Tag>,
    /// Whether the field may be unset.
    pub optional: bool,
}

impl Column {
    /// The type as a `#types` line writes it: `set[string]`, `vector[count]`.
    pub fn type_name(&self) -> String {
        match (self.tag, self.sub) {
            (Tag::Set, Some(s)) => format!("set[{}]", s.name()),
            (Tag::Vector, Some(s)) => format!("vector[{}]", s.name()),
            (Tag::Set, None) => "set".to_string(),
            (t, _) => t.name().to_string(),
        }
    }
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum LogValue {
    /// An unset optional field (or a field inside an unset record).
    Unset,
    /// `bool`
    Bool(bool),
    /// `int`
    Int(i64),
    /// `count`
    Count(u64),
    /// A port's number (the protocol is not written).
    Port(u32),
    /// `addr`
    Addr(IpAddr),
    /// A subnet: its prefix and width.
    Subnet(IpAddr, u8),
    /// `double`
    Double(f64),
    /// `time`, in seconds since the epoch
    Time(f64),
    /// `interval`, in seconds
    Interval(f64),
    /// Strings, and enums, files and functions as their names.
    Text(Vec<u8>),
    /// A set's elements, in the order they are written.
    Set(Vec<LogValue>),
    /// A vector's elements.
    Vector(Vec<LogValue>),
}

/// What a writer is told when it starts.
#[derive(Clone, Debug, Default)]
pub struct WriterInfo {
    /// The path to write to, without extension.
    pub path: String,
    /// Seconds between rotations; zero for none.
    pub rotation_interval: f64,
    /// Seconds after midnight that rotations are counted from.
    pub rotation_base: f64,
    /// Network time when the writer was made.
    pub network_time: f64,
    /// The filter's `$config`, sorted by key.
    pub config: BTreeMap<String, String>,
}

/// The script-level options of the ASCII writer (`LogAscii::*`), which
/// a filter's `$config` can override.
#[derive(Clone, Debug)]
pub struct AsciiOptions {
    /// `LogAscii::output_to_stdout`
    pub output_to_stdout: bool,
    /// `LogAscii::use_json`
    pub use_json: bool,
    /// `LogAscii::gzip_level`
    pub gzip_level: i64,
    /// `LogAscii::json_timestamps`, by enum name (`JSON::TS_EPOCH`).
    pub json_timestamps: String,
    /// `LogAscii::include_meta`
    pub include_meta: bool,
    /// `LogAscii::meta_prefix`
    pub meta_prefix: Vec<u8>,
    /// `LogAscii::separator`
    pub separator: Vec<u8>,
    /// `LogAscii::set_separator`
    pub set_separator: Vec<u8>,
    /// `LogAscii::empty_field`
    pub empty_field: Vec<u8>,
    /// `LogAscii::unset_field`
    pub unset_field: Vec<u8>,
}

impl Default for AsciiOptions {
    fn default() -> Self {
        AsciiOptions {
            output_to_stdout: false,
            use_json: false,
            gzip_level: 0,
            json_timestamps: "JSON::TS_EPOCH".into(),
            include_meta: true,
            meta_prefix: b"#".to_vec(),
            separator: b"\t".to_vec(),
            set_separator: b",".to_vec(),
            empty_field: b"(empty)".to_vec(),
            unset_field: b"-".to_vec(),
        }
    }
}

/// Which writer to make, with its script-level options.
#[derive(Clone, Debug)]
pub enum WriterKind {
    /// `Log::WRITER_ASCII`
    Ascii(AsciiOptions),
    /// `Log::WRITER_NONE`.
    None {
        /// `LogNone::debug`
        debug: bool,
    },
}

/// A file a writer closed and renamed for rotation.
#[derive(Clone, Debug)]
pub struct Rotated {
    /// Its name now.
    pub new_name: String,
    /// The name it was written under.
    pub old_name: String,
}

/// What every writer does. `out` is the process's standard output, for
/// writers that write there (so their lines keep their place among the
/// script's own prints). Errors are messages for the reporter; a writer
/// that failed writes nothing more.
pub trait Writer {
    /// Starts writing: opens the output and writes any header.
    fn init(&mut self, out: &mut dyn Write, info: &WriterInfo, columns: &[Column]) -> Result<(), String>;
    /// Writes one row, a value per column.
    fn write(&mut self, out: &mut dyn Write, values: &[LogValue]) -> Result<(), String>;
    /// Turns buffering on or off.
    fn set_buf(&mut self, buffered: bool);
    /// Writes out what is buffered.
    fn flush(&mut self, out: &mut dyn Write) -> Result<(), String>;
    /// Closes the current file and moves it to `rotated_path` (plus the
    /// writer's extension); the next row opens a new file. `None` when
    /// there was nothing to rotate.
    fn rotate(&mut self, out: &mut dyn Write, rotated_path: &str) -> Result<Option<Rotated>, String>;
    /// Finishes: writes any footer and closes the output.
    fn finish(&mut self, out: &mut dyn Write) -> Result<(), String>;
}

/// A new writer of the given kind.
pub fn create(kind: &WriterKind) -> Box<dyn Writer> {
    match kind {
        WriterKind::Ascii(opts) => Box::new(ascii::AsciiWriter::new(opts.clone())),
        WriterKind::None { debug } => Box::new(none::NoneWriter::new(*debug)),
    }
}

/// Seconds after midnight for a `log_rotate_base_time` of `"HH:MM"`, as
/// Bro reads it: -1 (no base) for an empty string, `Err` when it does not
/// parse.
pub fn parse_rotate_base_time(s: &str) -> Result<f64, ()> {
    if s.is_empty() {
        return Ok(-1.0);
    }
    let (h, rest) = s.split_once(':').ok_or(())?;
    let num = |t: &str| -> Option<u32> {
        let digits: String = t.trim_start().chars().take_while(|c| c.is_ascii_digit()).take(2).collect();
        digits.parse().ok()
    };
    match (num(h), num(rest)) {
        (Some(h), Some(m)) if h < 24 && m < 60 => Ok(f64::from(h * 3600 + m * 60)),
        _ => Err(()),
    }
}

/// Seconds from `now` to the next rotation: with a `base` (seconds after
/// local midnight) the next moment `base + k * interval` after midnight;
/// without one (negative) the next multiple of `interval`.
pub fn next_rotation(now: f64, interval: f64, base: f64) -> f64 {
    let interval = if interval > 0.0 { interval } else { 86400.0 };
    if base < 0.0 {
        return (now / interval).floor() * interval + interval - now;
    }
    let start_of_day = timefmt::local_midnight(now);
    start_of_day + base + ((now - start_of_day - base) / interval).ceil() * interval - now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_type_names_follow_bro() {
        let set = Column { name: "s".into(), tag: Tag::Set, sub: Some(Tag::String), optional: false };
        let vec = Column { name: "v".into(), tag: Tag::Vector, sub: Some(Tag::Count), optional: false };
        let func = Column { name: "f".into(), tag: Tag::Func, sub: None, optional: false };
        assert_eq!(set.type_name(), "set[string]");
        assert_eq!(vec.type_name(), "vector[count]");
        assert_eq!(func.type_name(), "func");
    }

    #[test]
    fn rotate_base_time_parses_hours_and_minutes() {
        assert_eq!(parse_rotate_base_time("00:05"), Ok(300.0));
        assert_eq!(parse_rotate_base_time("0:00"), Ok(0.0));
        assert_eq!(parse_rotate_base_time("1:30"), Ok(5400.0));
        assert_eq!(parse_rotate_base_time(""), Ok(-1.0));
        assert_eq!(parse_rotate_base_time("junk"), Err(()));
    }
}
