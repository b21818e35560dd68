//! The input manager's state (its streams) and what a table stream does
//! with an entry: Bro's `SendEntryTable`/`PutTable` (the predicate asked
//! first, then the table written, then the stream's event queued with
//! the old value for a change) and `EndCurrentSend` (entries a complete
//! read did not send again are removed, the predicate permitting).

use super::convert;
use super::{enum_value, report};
use crate::check::compile::Compiler;
use crate::check::types::{RecordType, Type};
use crate::eval::exec::{Machine, Unwind};
use crate::eval::value::{index_key, Key, TableVal, Value};
use crate::input::{FieldSpec, InVal, Reader, ReaderInfo};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The streams there are.
#[derive(Default)]
pub struct InputManager {
    /// Every stream not yet removed, in creation order.
    pub streams: Vec<Stream>,
    /// When REREAD and STREAM sources are next looked at.
    pub next_heartbeat: f64,
    last_id: u64,
}

impl InputManager {
    /// A fresh stream id.
    pub fn next_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }
    /// The live stream of this name.
    pub fn find(&self, name: &str) -> Option<&Stream> {
        self.streams.iter().find(|s| s.name == name)
    }
    /// The live stream of this name, to change.
    pub fn find_mut(&mut self, name: &str) -> Option<&mut Stream> {
        self.streams.iter_mut().find(|s| s.name == name)
    }
}

/// One input stream.
pub struct Stream {
    /// Stays the same while names may be reused.
    pub id: u64,
    /// `$name`
    pub name: String,
    /// `$source`
    pub source: String,
    /// `Input::READER_ASCII` and the like, as messages name the reader.
    pub reader_label: String,
    /// The description the script gave, handed to its events.
    pub description: Value,
    /// The reader; `None` for a reader that is not available.
    pub reader: Option<Box<dyn Reader>>,
    /// What the reader reads.
    pub info: ReaderInfo,
    /// The fields the reader fills.
    pub fields: Vec<FieldSpec>,
    /// The reader has been started (its first read done).
    pub started: bool,
    /// The reader failed; nothing more comes.
    pub failed: bool,
    /// `Input::remove` was called.
    pub removed: bool,
    /// `Input::force_update` asked for a read.
    pub force: bool,
    /// Table or event stream.
    pub kind: StreamKind,
    /// `$error_ev`, by function-table entry.
    pub error_ev: Option<usize>,
}

/// What a stream feeds.
pub enum StreamKind {
    /// A table stream.
    Table(TableStream),
    /// An event stream.
    Event(EventStream),
}

/// An entry a table stream holds: the index's key in the destination
/// and everything the reader sent for it.
#[derive(Clone)]
pub struct Held {
    key: Key,
    vals: Vec<InVal>,
}

/// A table stream's destination and tracking.
pub struct TableStream {
    /// `$destination`
    pub dest: Rc<RefCell<TableVal>>,
    /// `$idx`
    pub itype: Rc<RecordType>,
    /// `$val`; `None` for a set.
    pub rtype: Option<Rc<RecordType>>,
    /// `$want_record`
    pub want_record: bool,
    /// How many reader fields make the index.
    pub num_idx: usize,
    /// `$pred`
    pub pred: Option<Value>,
    /// `$ev`, by function-table entry.
    pub ev: Option<usize>,
    /// Entries of the previous complete read, by the text of their index.
    pub last: HashMap<String, Held>,
    /// Entries of the read under way.
    pub curr: HashMap<String, Held>,
}

/// An event stream's event and fields.
pub struct EventStream {
    /// `$fields`
    pub fields: Rc<RecordType>,
    /// `$want_record`
    pub want_record: bool,
    /// `$ev`, by function-table entry.
    pub ev: usize,
}

/// What `put_table` needs of a stream, copied out so the predicate can
/// run without the manager borrowed.
struct TableView {
    dest: Rc<RefCell<TableVal>>,
    itype: Rc<RecordType>,
    rtype: Option<Rc<RecordType>>,
    want_record: bool,
    num_idx: usize,
    pred: Option<Value>,
    ev: Option<usize>,
    name: String,
}

fn view(mgr: &RefCell<InputManager>, id: u64) -> Option<TableView> {
    let g = mgr.borrow();
    let s = g.streams.iter().find(|s| s.id == id)?;
    let StreamKind::Table(t) = &s.kind else { return None };
    Some(TableView {
        dest: t.dest.clone(),
        itype: t.itype.clone(),
        rtype: t.rtype.clone(),
        want_record: t.want_record,
        num_idx: t.num_idx,
        pred: t.pred.clone(),
        ev: t.ev,
        name: s.name.clone(),
    })
}

fn with_table<R>(mgr: &RefCell<InputManager>, id: u64, f: impl FnOnce(&mut TableStream) -> R) -> Option<R> {
    let mut g = mgr.borrow_mut();
    let s = g.streams.iter_mut().find(|s| s.id == id)?;
    match &mut s.kind {
        StreamKind::Table(t) => Some(f(t)),
        StreamKind::Event(_) => None,
    }
}

/// Calls the predicate; an error in it counts as "no".
fn call_pred(m: &mut Machine, p: &Compiler, pred: &Value, args: Vec<Value>) -> bool {
    match m.call(p, pred, args, Span::default()) {
        Ok(v) => v.as_bool(),
        Err(e) => {
            if !matches!(e.unwind, Unwind::Exit(_)) {
                m.report(&e);
            }
            false
        }
    }
}

/// The value a table entry gets from the reader's value fields.
fn entry_value(m: &mut Machine, p: &Compiler, t: &TableView, vals: &[InVal]) -> Result<Option<Value>, String> {
    let Some(rt) = &t.rtype else { return Ok(None) };
    if !t.want_record {
        let ty = rt.fields.borrow().first().map(|f| f.ty.clone()).unwrap_or(Type::Any);
        return convert::to_value(vals.get(t.num_idx).unwrap_or(&InVal::Unset), &ty, &t.name);
    }
    let mut pos = t.num_idx;
    convert::to_record(m, p, vals, rt, &mut pos, &t.name).map(Some)
}

/// An entry for a table stream (`tracked`: part of a complete read).
#[allow(clippy::too_many_arguments)]
pub fn put_table(
    m: &mut Machine,
    p: &Compiler,
    mgr: &RefCell<InputManager>,
    id: u64,
    vals: &[InVal],
    desc: &Value,
    tracked: bool,
    raise: &dyn Fn(&mut Machine, &str, &str),
) {
    let Some(t) = view(mgr, id) else { return };
    let has_val = t.rtype.is_some();
    let hkey = format!("{:?}", &vals[..t.num_idx.min(vals.len())]);
    let mut updated = false;
    let mut previous = None;
    if tracked {
        let prev = with_table(mgr, id, |ts| ts.last.remove(&hkey)).flatten();
        if let Some(prev) = prev {
            if !has_val || prev.vals[t.num_idx.min(prev.vals.len())..] == vals[t.num_idx.min(vals.len())..] {
                with_table(mgr, id, |ts| ts.curr.insert(hkey, prev));
                return;
            }
            updated = true;
            previous = Some(prev);
        }
    }
    let warn = |m: &mut Machine, w: String| {
        report(m, "warning", w.clone());
        raise(m, &w, "Reporter::WARNING");
    };
    let value = match entry_value(m, p, &t, vals) {
        Ok(v) => v,
        Err(w) => return warn(m, w),
    };
    if has_val && value.is_none() {
        // A lone value field that is unset gives the entry nothing to hold.
        return;
    }
    let mut index = match convert::to_index(m, p, vals, &t.itype, &t.name) {
        Ok(i) => i,
        Err(w) => return warn(m, w),
    };
    let mut key = index_key(&index);
    if !tracked && has_val {
        updated = t.dest.borrow().contains(&key);
    }
    let idx_record = |m: &mut Machine| {
        let mut pos = 0;
        convert::to_record(m, p, vals, &t.itype, &mut pos, &t.name).ok()
    };
    if let Some(pred) = &t.pred {
        if let Some(rec) = idx_record(m) {
            let ev = enum_value(p, "Input::Event", if updated { "Input::EVENT_CHANGED" } else { "Input::EVENT_NEW" });
            let mut args = vec![ev, rec];
            if let Some(v) = &value {
                args.push(v.clone());
            }
            if !call_pred(m, p, pred, args.clone()) {
                if let Some(prev) = previous {
                    with_table(mgr, id, |ts| ts.curr.insert(hkey, prev));
                }
                return;
            }
            // The entry goes in under the index the predicate left.
            if let Some(rec) = args.get(1) {
                if t.itype.fields.borrow().iter().all(|f| !matches!(f.ty, Type::Record(_))) {
                    index = convert::record_to_index(rec);
                    key = index_key(&index);
                }
            }
        }
    }
    let old = if updated { t.dest.borrow().get(&key).and_then(|e| e.value.clone()) } else { None };
    t.dest.borrow_mut().insert(index, value.clone());
    if tracked {
        with_table(mgr, id, |ts| ts.curr.insert(hkey, Held { key, vals: vals.to_vec() }));
    }
    let rec = if t.ev.is_some() { idx_record(m) } else { None };
    if let (Some(ev), Some(rec)) = (t.ev, rec) {
        let mut args = vec![desc.clone()];
        if updated {
            args.push(enum_value(p, "Input::Event", "Input::EVENT_CHANGED"));
            args.push(rec);
            args.extend(old);
        } else {
            args.push(enum_value(p, "Input::Event", "Input::EVENT_NEW"));
            args.push(rec);
            args.extend(value);
        }
        m.queue.push_back((ev, args));
    }
}

/// The end of a complete read: what it did not send again goes.
pub fn end_current_send(m: &mut Machine, p: &Compiler, mgr: &RefCell<InputManager>, id: u64, desc: &Value) {
    let Some(t) = view(mgr, id) else { return };
    let Some(last) = with_table(mgr, id, |ts| std::mem::take(&mut ts.last)) else { return };
    // Gone entries in the table's own order.
    let mut by_key: HashMap<Key, (String, Held)> = last.into_iter().map(|(h, held)| (held.key.clone(), (h, held))).collect();
    let order: Vec<Key> = t.dest.borrow().ordered().iter().map(|e| index_key(&e.index)).collect();
    let mut gone = Vec::new();
    for k in order {
        if let Some(item) = by_key.remove(&k) {
            gone.push(item);
        }
    }
    // Entries the script already deleted from the table are just forgotten.
    for (hkey, held) in gone {
        let current = t.dest.borrow().get(&held.key).and_then(|e| e.value.clone());
        let rec = if t.pred.is_some() || t.ev.is_some() {
            let mut pos = 0;
            convert::to_record(m, p, &held.vals, &t.itype, &mut pos, &t.name).ok()
        } else {
            None
        };
        let removed = enum_value(p, "Input::Event", "Input::EVENT_REMOVED");
        if let (Some(pred), Some(rec)) = (&t.pred, &rec) {
            let mut args = vec![removed.clone(), rec.clone()];
            args.extend(current.clone());
            if !call_pred(m, p, pred, args) {
                with_table(mgr, id, |ts| ts.curr.insert(hkey, held));
                continue;
            }
        }
        if let (Some(ev), Some(rec)) = (t.ev, rec) {
            let mut args = vec![desc.clone(), removed, rec];
            args.extend(current);
            m.queue.push_back((ev, args));
        }
        t.dest.borrow_mut().remove(&held.key);
    }
    with_table(mgr, id, |ts| ts.last = std::mem::take(&mut ts.curr));
}
