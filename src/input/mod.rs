//! Input readers: the reading half of the input framework. A reader gets
//! its source, mode, options and the fields wanted once, then is asked
//! to update (first read, `force_update`, heartbeats); it answers with
//! [`Msg`]s of plain values. Like the log writers it knows nothing of the
//! interpreter: `builtins/input/` turns script types into [`FieldSpec`]s,
//! drives the readers from the main loop and turns their values into
//! script values.

pub mod ascii;
pub mod config;
pub mod parse;
pub mod raw;

use std::collections::BTreeMap;
use std::net::IpAddr;

/// The type of a field a reader fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `count`
    Count,
    /// `double`
    Double,
    /// `time`
    Time,
    /// `interval`
    Interval,
    /// `string`
    String,
    /// `enum`, read as the item's full name.
    Enum,
    /// `pattern`, read as its text.
    Pattern,
    /// `port`
    Port,
    /// `addr`
    Addr,
    /// `subnet`
    Subnet,
    /// `set[T]` of an atomic `T`.
    Set(Box<Kind>),
    /// `vector of T` of an atomic `T`.
    Vector(Box<Kind>),
}

impl Kind {
    /// Bro's name of the type, as messages give it.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Count => "count",
            Kind::Double => "double",
            Kind::Time => "time",
            Kind::Interval => "interval",
            Kind::String => "string",
            Kind::Enum => "enum",
            Kind::Pattern => "pattern",
            Kind::Port => "port",
            Kind::Addr => "addr",
            Kind::Subnet => "subnet",
            Kind::Set(_) => "table",
            Kind::Vector(_) => "vector",
        }
    }
}

/// One field a stream wants: its (dotted, for nested records) name and type.
#[derive(Clone, Debug)]
pub struct FieldSpec {
    /// `a` or `rec.a`.
    pub name: String,
    /// The field's type.
    pub kind: Kind,
    /// `&optional`: a column the source lacks leaves it unset.
    pub optional: bool,
    /// A port's `&type_column`: the column holding its protocol.
    pub secondary: Option<String>,
}

/// The transport protocol of a port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortProto {
    /// `unknown`
    Unknown,
    /// `tcp`
    Tcp,
    /// `udp`
    Udp,
    /// `icmp`
    Icmp,
}

/// A value a reader read.
#[derive(Clone, Debug, PartialEq)]
pub enum InVal {
    /// An unset field.
    Unset,
    /// `bool`
    Bool(bool),
    /// `int`
    Int(i64),
    /// `count`
    Count(u64),
    /// `double`
    Double(f64),
    /// `time`
    Time(f64),
    /// `interval`
    Interval(f64),
    /// `string`
    Str(Vec<u8>),
    /// An enum item's full name.
    Enum(String),
    /// A pattern's text.
    Pattern(String),
    /// `port`
    Port(u32, PortProto),
    /// `addr`
    Addr(IpAddr),
    /// `subnet`
    Subnet(IpAddr, u8),
    /// The elements of a set.
    Set(Vec<InVal>),
    /// The elements of a vector.
    Vector(Vec<InVal>),
}

/// How a stream follows its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Read once (again on `force_update`).
    Manual,
    /// Read again whenever the file changes.
    Reread,
    /// Keep reading what is appended.
    Stream,
}

/// Settings of a reader that the script has (`InputAscii::separator`
/// and the like), already merged with the stream's `$config`.
pub type Options = BTreeMap<String, Vec<u8>>;

/// What a reader is asked to read.
#[derive(Clone, Debug)]
pub struct ReaderInfo {
    /// The description's `$source`.
    pub source: String,
    /// The stream's mode.
    pub mode: Mode,
    /// The reader's options: its script settings, then `$config`.
    pub options: Options,
    /// The config reader's view of the script's options: each option's
    /// type, or the name of a type it cannot read.
    pub option_types: BTreeMap<String, Result<Kind, String>>,
}

impl ReaderInfo {
    /// An option's text.
    pub fn text(&self, key: &str) -> Vec<u8> {
        self.options.get(key).cloned().unwrap_or_default()
    }
    /// An option read as a Bro bool (`T`).
    pub fn flag(&self, key: &str) -> bool {
        self.options.get(key).is_some_and(|v| v == b"T")
    }
}

/// What a reader tells the input manager.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// An entry of a stream that streams (no tracking of removals).
    Put(Vec<InVal>),
    /// An entry of a complete send (removals are found at its end).
    SendEntry(Vec<InVal>),
    /// A complete send ends: entries not sent again are gone.
    EndCurrentSend,
    /// All there is for now has been read (stream mode).
    EndOfData,
    /// A warning, reported with the source and reader.
    Warning(String),
    /// An error, reported with the source and reader.
    Error(String),
    /// A message reported without the source (`Value ... is not a valid enum`).
    PlainWarning(String),
    /// A config line's option and its value (the config reader).
    ConfigValue(String, InVal),
    /// A command the raw reader ran has exited: its code, whether by signal.
    ProcessFinished(u64, bool),
}

/// A reader of one stream's source.
pub trait Reader {
    /// Starts reading: the first update. `false` when the reader failed
    /// (it has said why); the stream then ends.
    fn init(&mut self, info: &ReaderInfo, fields: &[FieldSpec], out: &mut Vec<Msg>) -> bool;
    /// Reads again now (`force_update`). `false` when the reader failed.
    fn update(&mut self, out: &mut Vec<Msg>) -> bool;
    /// The periodic check: rereads or streams as the mode says.
    fn heartbeat(&mut self, out: &mut Vec<Msg>) -> bool;
}

/// The reader of a kind (`Input::READER_ASCII` is `"ASCII"`), if there is one.
pub fn make(kind: &str) -> Option<Box<dyn Reader>> {
    match kind {
        "ASCII" => Some(Box::new(ascii::Ascii::default())),
        "RAW" => Some(Box::new(raw::Raw::default())),
        "CONFIG" => Some(Box::new(config::Config::default())),
        _ => None,
    }
}
