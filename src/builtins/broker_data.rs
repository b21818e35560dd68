//! Broker's data model for scripts (Bro 2.6.4's `data.bif`): wrapping a
//! value as `Broker::Data`, asking its kind, and sets, tables, vectors
//! and records held in a `Broker::Data` that the calls change in place,
//! with iterators over a copy taken when the iterator is made.
//!
//! Sets and tables stay sorted by Broker's order ([`Data::total_cmp`]).
//! A `Broker::Data` given where a key or an element is expected stands
//! for the value it holds. Using a container of the wrong kind (or an
//! unset `Broker::Data`) is a run-time error that abandons the handler,
//! as Bro's `RuntimeError` does; values with no Broker form are a
//! `builtin_error` and the call returns its "nothing" answer.

use super::broker::{enum_value, to_data};
use super::broker_events::data_record;
use super::util::{builtin_error, count, make_record};
use super::Builtin;
use crate::broker::Data;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::{OpaqueData, OpaqueState, OpaqueVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Broker::__data", "function(d: any): Broker::Data", bi_data),
    b!("Broker::__data_type", "function(d: Broker::Data): Broker::DataType", bi_data_type),
    b!("Broker::__set_create", "function(): Broker::Data", |_, p, _, _| Ok(data_record(p, Data::Set(Vec::new())))),
    b!("Broker::__set_clear", "function(s: Broker::Data): bool", |m, _, a, s| clear(m, a, s, Kind::Set)),
    b!("Broker::__set_size", "function(s: Broker::Data): count", |m, _, a, s| size(m, a, s, Kind::Set)),
    b!("Broker::__set_contains", "function(s: Broker::Data, key: any): bool", bi_set_contains),
    b!("Broker::__set_insert", "function(s: Broker::Data, key: any): bool", bi_set_insert),
    b!("Broker::__set_remove", "function(s: Broker::Data, key: any): bool", bi_set_remove),
    b!("Broker::__set_iterator", "function(s: Broker::Data): opaque of Broker::SetIterator", |m, _, a, s| iterator(m, a, s, Kind::Set)),
    b!("Broker::__set_iterator_last", "function(it: opaque of Broker::SetIterator): bool", |_, _, a, _| Ok(iter_last(a))),
    b!("Broker::__set_iterator_next", "function(it: opaque of Broker::SetIterator): bool", |_, _, a, _| Ok(iter_next(a))),
    b!("Broker::__set_iterator_value", "function(it: opaque of Broker::SetIterator): Broker::Data", |m, p, a, s| iter_value(m, p, a, s, "set")),
    b!("Broker::__table_create", "function(): Broker::Data", |_, p, _, _| Ok(data_record(p, Data::Table(Vec::new())))),
    b!("Broker::__table_clear", "function(t: Broker::Data): bool", |m, _, a, s| clear(m, a, s, Kind::Table)),
    b!("Broker::__table_size", "function(t: Broker::Data): count", |m, _, a, s| size(m, a, s, Kind::Table)),
    b!("Broker::__table_contains", "function(t: Broker::Data, key: any): bool", bi_table_contains),
    b!("Broker::__table_insert", "function(t: Broker::Data, key: any, val: any): Broker::Data", bi_table_insert),
    b!("Broker::__table_remove", "function(t: Broker::Data, key: any): Broker::Data", bi_table_remove),
    b!("Broker::__table_lookup", "function(t: Broker::Data, key: any): Broker::Data", bi_table_lookup),
    b!("Broker::__table_iterator", "function(t: Broker::Data): opaque of Broker::TableIterator", |m, _, a, s| iterator(m, a, s, Kind::Table)),
    b!("Broker::__table_iterator_last", "function(it: opaque of Broker::TableIterator): bool", |_, _, a, _| Ok(iter_last(a))),
    b!("Broker::__table_iterator_next", "function(it: opaque of Broker::TableIterator): bool", |_, _, a, _| Ok(iter_next(a))),
    b!("Broker::__table_iterator_value", "function(it: opaque of Broker::TableIterator): Broker::TableItem", bi_table_iterator_value),
    b!("Broker::__vector_create", "function(): Broker::Data", |_, p, _, _| Ok(data_record(p, Data::Vector(Vec::new())))),
    b!("Broker::__vector_clear", "function(v: Broker::Data): bool", |m, _, a, s| clear(m, a, s, Kind::Vector)),
    b!("Broker::__vector_size", "function(v: Broker::Data): count", |m, _, a, s| size(m, a, s, Kind::Vector)),
    b!("Broker::__vector_insert", "function(v: Broker::Data, idx: count, d: any): bool", bi_vector_insert),
    b!("Broker::__vector_replace", "function(v: Broker::Data, idx: count, d: any): Broker::Data", bi_vector_replace),
    b!("Broker::__vector_remove", "function(v: Broker::Data, idx: count): Broker::Data", bi_vector_remove),
    b!("Broker::__vector_lookup", "function(v: Broker::Data, idx: count): Broker::Data", |m, p, a, s| lookup(m, p, a, s, Kind::Vector)),
    b!("Broker::__vector_iterator", "function(v: Broker::Data): opaque of Broker::VectorIterator", |m, _, a, s| iterator(m, a, s, Kind::Vector)),
    b!("Broker::__vector_iterator_last", "function(it: opaque of Broker::VectorIterator): bool", |_, _, a, _| Ok(iter_last(a))),
    b!("Broker::__vector_iterator_next", "function(it: opaque of Broker::VectorIterator): bool", |_, _, a, _| Ok(iter_next(a))),
    b!("Broker::__vector_iterator_value", "function(it: opaque of Broker::VectorIterator): Broker::Data", |m, p, a, s| iter_value(m, p, a, s, "vector")),
    b!("Broker::__record_create", "function(sz: count): Broker::Data", bi_record_create),
    b!("Broker::__record_size", "function(r: Broker::Data): count", |m, _, a, s| size(m, a, s, Kind::Record)),
    b!("Broker::__record_assign", "function(r: Broker::Data, idx: count, d: any): bool", bi_record_assign),
    b!("Broker::__record_lookup", "function(r: Broker::Data, idx: count): Broker::Data", |m, p, a, s| lookup(m, p, a, s, Kind::Record)),
    b!("Broker::__record_iterator", "function(r: Broker::Data): opaque of Broker::RecordIterator", |m, _, a, s| iterator(m, a, s, Kind::Record)),
    b!("Broker::__record_iterator_last", "function(it: opaque of Broker::RecordIterator): bool", |_, _, a, _| Ok(iter_last(a))),
    b!("Broker::__record_iterator_next", "function(it: opaque of Broker::RecordIterator): bool", |_, _, a, _| Ok(iter_next(a))),
    b!("Broker::__record_iterator_value", "function(it: opaque of Broker::RecordIterator): Broker::Data", |m, p, a, s| iter_value(m, p, a, s, "record")),
];

/// The most fields `Broker::__record_create` makes (Bro would try to
/// allocate any size and die of it).
const MAX_RECORD_FIELDS: u64 = 1 << 20;

/// The container kind a call works on.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Set,
    Table,
    Vector,
    /// A record: Broker holds it as a vector.
    Record,
}

impl Kind {
    /// Bro's name for the type the call wants (sets are tables).
    fn wanted(self) -> &'static str {
        match self {
            Kind::Set | Kind::Table => "table",
            Kind::Vector => "vector",
            Kind::Record => "record",
        }
    }

    fn fits(self, d: &Data) -> bool {
        matches!((self, d), (Kind::Set, Data::Set(_)) | (Kind::Table, Data::Table(_)) | (Kind::Vector | Kind::Record, Data::Vector(_)))
    }
}

/// Bro's name for the kind of value `d` is.
fn kind_name(d: &Data) -> &'static str {
    match d {
        Data::None => "none",
        Data::Bool(_) => "bool",
        Data::Count(_) => "count",
        Data::Int(_) => "int",
        Data::Real(_) => "double",
        Data::String(_) => "string",
        Data::Address(_) => "addr",
        Data::Subnet(..) => "subnet",
        Data::Port(..) => "port",
        Data::Timestamp(_) => "time",
        Data::Timespan(_) => "interval",
        Data::Enum(_) => "enum",
        Data::Set(_) => "set",
        Data::Table(_) => "table",
        Data::Vector(_) => "vector",
    }
}

/// Bro's `RuntimeError`: reported at the call, abandons the handler.
fn runtime_error(msg: impl Into<String>, span: Span) -> Box<RtError> {
    Box::new(RtError { unwind: Unwind::Handler, kind: "runtime error", msg: msg.into(), span: Some(span) })
}

/// Where the script called the wrapper that called the builtin (Bro
/// reports run-time errors and iterator warnings at its frame's call).
fn caller(m: &Machine, span: Span) -> Span {
    m.triggers.call_sites.last().copied().unwrap_or(span)
}

/// The opaque inside a `Broker::Data` record, when it is set.
fn opaque_of(v: &Value) -> Option<Rc<OpaqueVal>> {
    let Value::Record(r) = v else { return None };
    match r.borrow().fields.first().cloned().flatten() {
        Some(Value::Opaque(o)) if matches!(&*o.state.borrow(), OpaqueState::BrokerData(_)) => Some(o),
        _ => None,
    }
}

/// Runs `f` on the container a `Broker::Data` argument holds, which must
/// be of kind `kind`.
fn with_container<T>(m: &Machine, v: Option<&Value>, span: Span, kind: Kind, f: impl FnOnce(&mut Data) -> T) -> Res<T> {
    let span = caller(m, span);
    let Some(o) = v.and_then(opaque_of) else {
        return Err(runtime_error("Broker::Data's opaque field is not set", span));
    };
    let mut state = o.state.borrow_mut();
    let OpaqueState::BrokerData(d) = &mut *state else {
        return Err(runtime_error("Broker::Data's opaque field is not set", span));
    };
    if !kind.fits(d) {
        return Err(runtime_error(format!("data is of type '{}' not of type '{}'", kind_name(d), kind.wanted()), span));
    }
    Ok(f(d))
}

/// A script value (of an `any` argument) in Broker's form, with sets and
/// tables sorted; a `Broker::Data` stands for what it holds.
pub(super) fn convert(v: &Value) -> Option<Data> {
    if let Value::Record(r) = v {
        if r.borrow().ty.name.as_deref() == Some("Broker::Data") {
            let o = opaque_of(v)?;
            let state = o.state.borrow();
            return match &*state {
                OpaqueState::BrokerData(d) => Some(d.clone()),
                _ => None,
            };
        }
    }
    to_data(v).ok().map(Data::normalized)
}

/// The argument at `i` in Broker's form, or a `builtin_error` naming it
/// (`what`: key, value, item) and `None`.
fn convert_arg(m: &mut Machine, a: &[Value], i: usize, what: &str, span: Span) -> Option<Data> {
    let d = a.get(i).and_then(convert);
    if d.is_none() {
        builtin_error(m, format!("invalid Broker data conversion for {what} argument"), span, None);
    }
    d
}

/// A `Broker::Data` with nothing in it.
fn empty(p: &Compiler) -> Value {
    make_record(p, "Broker::Data", vec![None])
}

/// A `Broker::Data` with nothing in it (for other Broker areas).
pub(super) fn empty_data(p: &Compiler) -> Value {
    empty(p)
}

/// A `Broker::Data` holding `d` (empty for Broker's nil).
pub(super) fn data_value(p: &Compiler, d: Data) -> Value {
    wrap(p, Some(d))
}

/// A `Broker::Data` holding `d`, or an empty one for Broker's nil.
fn wrap(p: &Compiler, d: Option<Data>) -> Value {
    match d {
        Some(Data::None) | None => empty(p),
        Some(d) => data_record(p, d),
    }
}

fn bi_data(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    match a.first().and_then(convert) {
        Some(d) => Ok(data_record(p, d)),
        None => {
            // Bro's reporter warns here without a place.
            let _ = span;
            m.report(&RtError { unwind: Unwind::Stmt, kind: "warning", msg: "did not get a value from val_to_data".into(), span: None });
            Ok(empty(p))
        }
    }
}

fn bi_data_type(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(o) = a.first().and_then(opaque_of) else {
        return Err(runtime_error("Broker::Data's opaque field is not set", caller(m, span)));
    };
    let item = match &*o.state.borrow() {
        OpaqueState::BrokerData(d) => match d {
            Data::None => "NONE",
            Data::Bool(_) => "BOOL",
            Data::Count(_) => "COUNT",
            Data::Int(_) => "INT",
            Data::Real(_) => "DOUBLE",
            Data::String(_) => "STRING",
            Data::Address(_) => "ADDR",
            Data::Subnet(..) => "SUBNET",
            Data::Port(..) => "PORT",
            Data::Timestamp(_) => "TIME",
            Data::Timespan(_) => "INTERVAL",
            Data::Enum(_) => "ENUM",
            Data::Set(_) => "SET",
            Data::Table(_) => "TABLE",
            Data::Vector(_) => "VECTOR",
        },
        _ => "NONE",
    };
    Ok(enum_value(p, "Broker::DataType", item).unwrap_or(Value::Bool(false)))
}

fn clear(m: &mut Machine, a: &[Value], span: Span, kind: Kind) -> Res<Value> {
    with_container(m, a.first(), span, kind, |d| match d {
        Data::Set(v) | Data::Vector(v) => v.clear(),
        Data::Table(t) => t.clear(),
        _ => {}
    })?;
    Ok(Value::Bool(true))
}

fn size(m: &mut Machine, a: &[Value], span: Span, kind: Kind) -> Res<Value> {
    let n = with_container(m, a.first(), span, kind, |d| match d {
        Data::Set(v) | Data::Vector(v) => v.len(),
        Data::Table(t) => t.len(),
        _ => 0,
    })?;
    Ok(Value::Count(n as u64))
}

/// Where `key` is (or would go) among sorted set elements.
fn find_in_set(items: &[Data], key: &Data) -> Result<usize, usize> {
    items.binary_search_by(|e| e.total_cmp(key))
}

/// Where `key` is (or would go) among sorted table entries.
fn find_in_table(pairs: &[(Data, Data)], key: &Data) -> Result<usize, usize> {
    pairs.binary_search_by(|(k, _)| k.total_cmp(key))
}

/// The elements of a set (the kind was checked before; anything else is
/// made an empty set rather than a panic).
fn set_items(d: &mut Data) -> &mut Vec<Data> {
    if !matches!(d, Data::Set(_)) {
        *d = Data::Set(Vec::new());
    }
    match d {
        Data::Set(v) => v,
        _ => unreachable!("just made a set"),
    }
}

fn table_pairs(d: &mut Data) -> &mut Vec<(Data, Data)> {
    if !matches!(d, Data::Table(_)) {
        *d = Data::Table(Vec::new());
    }
    match d {
        Data::Table(t) => t,
        _ => unreachable!("just made a table"),
    }
}

fn vector_items(d: &mut Data) -> &mut Vec<Data> {
    if !matches!(d, Data::Vector(_)) {
        *d = Data::Vector(Vec::new());
    }
    match d {
        Data::Vector(v) => v,
        _ => unreachable!("just made a vector"),
    }
}

/// Checks the set, then converts the key (the order Bro does them in).
fn set_op(m: &mut Machine, a: &[Value], span: Span, f: impl FnOnce(&mut Vec<Data>, Data) -> bool) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Set, |_| ())?;
    let Some(key) = convert_arg(m, a, 1, "key", span) else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(with_container(m, a.first(), span, Kind::Set, |d| f(set_items(d), key))?))
}

fn bi_set_contains(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    set_op(m, a, span, |items, key| find_in_set(items, &key).is_ok())
}

fn bi_set_insert(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    set_op(m, a, span, |items, key| match find_in_set(items, &key) {
        Ok(_) => false,
        Err(at) => {
            items.insert(at, key);
            true
        }
    })
}

fn bi_set_remove(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    set_op(m, a, span, |items, key| match find_in_set(items, &key) {
        Ok(at) => {
            items.remove(at);
            true
        }
        Err(_) => false,
    })
}

fn bi_table_contains(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Table, |_| ())?;
    let Some(key) = convert_arg(m, a, 1, "key", span) else { return Ok(Value::Bool(false)) };
    Ok(Value::Bool(with_container(m, a.first(), span, Kind::Table, |d| find_in_table(table_pairs(d), &key).is_ok())?))
}

fn bi_table_insert(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Table, |_| ())?;
    let Some(key) = convert_arg(m, a, 1, "key", span) else { return Ok(empty(p)) };
    let Some(val) = convert_arg(m, a, 2, "value", span) else { return Ok(empty(p)) };
    let old = with_container(m, a.first(), span, Kind::Table, |d| {
        let pairs = table_pairs(d);
        match find_in_table(pairs, &key) {
            Ok(at) => Some(std::mem::replace(&mut pairs[at].1, val)),
            Err(at) => {
                pairs.insert(at, (key, val));
                None
            }
        }
    })?;
    Ok(wrap(p, old))
}

fn bi_table_remove(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Table, |_| ())?;
    let Some(key) = convert_arg(m, a, 1, "key", span) else { return Ok(empty(p)) };
    let old = with_container(m, a.first(), span, Kind::Table, |d| {
        let pairs = table_pairs(d);
        find_in_table(pairs, &key).ok().map(|at| pairs.remove(at).1)
    })?;
    Ok(wrap(p, old))
}

fn bi_table_lookup(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Table, |_| ())?;
    let Some(key) = convert_arg(m, a, 1, "key", span) else { return Ok(empty(p)) };
    let found = with_container(m, a.first(), span, Kind::Table, |d| {
        let pairs = table_pairs(d);
        find_in_table(pairs, &key).ok().map(|at| pairs[at].1.clone())
    })?;
    Ok(wrap(p, found))
}

/// An index argument, clamped into `usize`.
fn index(a: &[Value], i: usize) -> usize {
    usize::try_from(a.get(i).map_or(0, count)).unwrap_or(usize::MAX)
}

fn bi_vector_insert(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Vector, |_| ())?;
    let Some(item) = convert_arg(m, a, 2, "item", span) else { return Ok(Value::Bool(false)) };
    let idx = index(a, 1);
    with_container(m, a.first(), span, Kind::Vector, |d| {
        let items = vector_items(d);
        let at = idx.min(items.len());
        items.insert(at, item);
    })?;
    Ok(Value::Bool(true))
}

fn bi_vector_replace(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    with_container(m, a.first(), span, Kind::Vector, |_| ())?;
    let Some(item) = convert_arg(m, a, 2, "item", span) else { return Ok(empty(p)) };
    let idx = index(a, 1);
    let old = with_container(m, a.first(), span, Kind::Vector, |d| vector_items(d).get_mut(idx).map(|slot| std::mem::replace(slot, item)))?;
    Ok(wrap(p, old))
}

fn bi_vector_remove(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let idx = index(a, 1);
    let old = with_container(m, a.first(), span, Kind::Vector, |d| {
        let items = vector_items(d);
        (idx < items.len()).then(|| items.remove(idx))
    })?;
    Ok(wrap(p, old))
}

/// `vector_lookup` and `record_lookup`: the element at an index, or an
/// empty `Broker::Data` when out of range (or, for records, unset).
fn lookup(m: &mut Machine, p: &Compiler, a: &[Value], span: Span, kind: Kind) -> Res<Value> {
    let idx = index(a, 1);
    let found = with_container(m, a.first(), span, kind, |d| vector_items(d).get(idx).cloned())?;
    Ok(wrap(p, found))
}

fn bi_record_create(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let n = a.first().map_or(0, count);
    if n > MAX_RECORD_FIELDS {
        builtin_error(m, format!("record size {n} is too large (at most {MAX_RECORD_FIELDS} fields)"), span, None);
        return Ok(empty(p));
    }
    Ok(data_record(p, Data::Vector(vec![Data::None; n as usize])))
}

fn bi_record_assign(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let idx = index(a, 1);
    let len = with_container(m, a.first(), span, Kind::Record, |d| vector_items(d).len())?;
    if idx >= len {
        return Ok(Value::Bool(false));
    }
    let Some(item) = convert_arg(m, a, 2, "item", span) else { return Ok(Value::Bool(false)) };
    let done = with_container(m, a.first(), span, Kind::Record, |d| match vector_items(d).get_mut(idx) {
        Some(slot) => {
            *slot = item;
            true
        }
        None => false,
    })?;
    Ok(Value::Bool(done))
}

/// An iterator's state: a copy of the container's elements (table
/// entries as key and value) and the position.
#[derive(Clone)]
struct DataIter {
    items: Vec<(Data, Option<Data>)>,
    pos: usize,
}

impl OpaqueData for DataIter {
    fn clone_box(&self) -> Box<dyn OpaqueData> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn iterator(m: &mut Machine, a: &[Value], span: Span, kind: Kind) -> Res<Value> {
    let items = with_container(m, a.first(), span, kind, |d| match d {
        Data::Set(v) | Data::Vector(v) => v.iter().map(|e| (e.clone(), None)).collect(),
        Data::Table(t) => t.iter().map(|(k, v)| (k.clone(), Some(v.clone()))).collect(),
        _ => Vec::new(),
    })?;
    let name = match kind {
        Kind::Set => "Broker::SetIterator",
        Kind::Table => "Broker::TableIterator",
        Kind::Vector => "Broker::VectorIterator",
        Kind::Record => "Broker::RecordIterator",
    };
    let o = OpaqueVal { kind: name.into(), state: RefCell::new(OpaqueState::Ext(Box::new(DataIter { items, pos: 0 }))) };
    Ok(Value::Opaque(Rc::new(o)))
}

/// Runs `f` on an iterator argument's state (`None` when it has none).
fn with_iter<T>(a: &[Value], f: impl FnOnce(&mut DataIter) -> T) -> Option<T> {
    let Some(Value::Opaque(o)) = a.first() else { return None };
    let mut state = o.state.borrow_mut();
    match &mut *state {
        OpaqueState::Ext(b) => b.as_any_mut().downcast_mut::<DataIter>().map(f),
        _ => None,
    }
}

fn iter_last(a: &[Value]) -> Value {
    Value::Bool(with_iter(a, |it| it.pos >= it.items.len()).unwrap_or(true))
}

fn iter_next(a: &[Value]) -> Value {
    Value::Bool(
        with_iter(a, |it| {
            if it.pos >= it.items.len() {
                return false;
            }
            it.pos += 1;
            it.pos < it.items.len()
        })
        .unwrap_or(false),
    )
}

/// Bro's warning for reading an iterator that is past its end.
fn invalid_iterator(m: &mut Machine, what: &str, span: Span) {
    let msg = format!("attempt to retrieve value of invalid {what} iterator");
    let at = caller(m, span);
    m.report(&RtError { unwind: Unwind::Stmt, kind: "warning", msg, span: Some(at) });
}

fn iter_value(m: &mut Machine, p: &Compiler, a: &[Value], span: Span, what: &str) -> Res<Value> {
    match with_iter(a, |it| it.items.get(it.pos).map(|(d, _)| d.clone())).flatten() {
        Some(d) => Ok(wrap(p, Some(d))),
        None => {
            invalid_iterator(m, what, span);
            Ok(empty(p))
        }
    }
}

fn bi_table_iterator_value(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let entry = with_iter(a, |it| it.items.get(it.pos).cloned()).flatten();
    let (key, val) = match entry {
        Some((k, v)) => (wrap(p, Some(k)), wrap(p, v)),
        None => {
            invalid_iterator(m, "table", span);
            (empty(p), empty(p))
        }
    };
    Ok(make_record(p, "Broker::TableItem", vec![Some(key), Some(val)]))
}


/// The `as` cast of a `Broker::Data` (or an `any` holding one) to the
/// script type `ty`: what it holds converted by Broker's rules, `None`
/// when it is unset or does not have that form.
pub fn cast(v: &Value, ty: &crate::check::types::Type) -> Option<Value> {
    let o = opaque_of(v)?;
    let state = o.state.borrow();
    match &*state {
        OpaqueState::BrokerData(d) => super::broker::cast_data(d, ty),
        _ => None,
    }
}
