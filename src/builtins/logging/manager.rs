//! The log manager's state: streams, their filters, and the writers the
//! filters opened (one per writer type and path). It holds no machine;
//! the builtins in `mod.rs` take what they need out of it, call script
//! functions with the borrow released, and put results back.

use super::convert::Selection;
use crate::eval::value::Value;
use crate::logging::{Tag, Writer, WriterInfo};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A filter of a stream, as `Log::__add_filter` set it up.
#[derive(Clone)]
pub struct Filter {
    /// The filter's name.
    pub name: String,
    /// The `Log::Writer` value.
    pub writer: Value,
    /// The writer's number (part of the writer map's key).
    pub writer_id: i64,
    /// `$pred`
    pub pred: Option<Value>,
    /// `$path_func`
    pub path_func: Option<Value>,
    /// The current path, once there is one (`$path`, or the first answer
    /// of the path function).
    pub path: Option<String>,
    /// `$config`
    pub config: Value,
    /// `$field_name_map`
    pub field_name_map: Value,
    /// `$ext_func`, when it returns a record.
    pub ext_func: Option<Value>,
    /// `$log_local`
    pub local: bool,
    /// `$interv`
    pub interval: f64,
    /// `$postprocessor`
    pub postprocessor: Option<Value>,
    /// The columns it writes.
    pub selection: Rc<Selection>,
}

/// A writer a filter opened.
pub struct WriterEntry {
    /// The writer itself; `None` for a filter that does not log locally.
    pub writer: Option<Box<dyn Writer>>,
    /// What it was started with.
    pub info: WriterInfo,
    /// The types of its columns, which every row must match.
    pub types: Vec<(Tag, Option<Tag>)>,
    /// The `Log::Writer` value.
    pub writer_type: Value,
    /// The filter that made it.
    pub filter: String,
    /// When its current file was opened.
    pub open_time: f64,
    /// Seconds between rotations; zero for none.
    pub interval: f64,
    /// When it rotates next.
    pub next_rotation: Option<f64>,
    /// The filter's postprocessor for rotated files.
    pub postprocessor: Option<Value>,
    /// Set after an error: it writes nothing more.
    pub disabled: bool,
}

/// A log stream.
pub struct Stream {
    /// The record type of its columns.
    pub columns: Rc<crate::check::types::RecordType>,
    /// The event raised for each record.
    pub event: Option<Value>,
    /// Whether it writes.
    pub enabled: bool,
    /// Its filters, in the order they were added.
    pub filters: Vec<Filter>,
    /// Its writers, by writer number and path.
    pub writers: BTreeMap<(i64, String), WriterEntry>,
}

/// Every stream, by the number of its `Log::ID`.
#[derive(Default)]
pub struct LogManager {
    /// The streams.
    pub streams: BTreeMap<i64, Stream>,
}

impl LogManager {
    /// The stream with this id number.
    pub fn stream(&mut self, id: i64) -> Option<&mut Stream> {
        self.streams.get_mut(&id)
    }
}
