//! Run-time values. Scalars live inline; strings are byte strings (Bro
//! strings are not UTF-8); records, tables, sets and vectors are shared
//! mutable aggregates (`Rc<RefCell<..>>`) because Bro gives them reference
//! semantics — assignment aliases, `copy()` deep-copies.

use crate::check::types::{EnumType, FuncType, RecordType, TableType, Type};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;

pub use crate::syntax::ast::Proto;

/// A byte string.
pub type Bytes = Rc<Vec<u8>>;

#[derive(Clone, Debug)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Count(u64),
    Double(f64),
    /// Seconds since the epoch.
    Time(f64),
    /// Seconds.
    Interval(f64),
    Str(Bytes),
    Pattern(Rc<PatternVal>),
    Port(u32, Proto),
    Addr(Rc<IpAddr>),
    Subnet(Rc<(IpAddr, u8)>),
    Enum(Rc<EnumType>, i64),
    Record(Rc<RefCell<RecordVal>>),
    Table(Rc<RefCell<TableVal>>),
    Vector(Rc<RefCell<VectorVal>>),
    Func(Rc<FuncVal>),
    File(Rc<RefCell<FileVal>>),
    Opaque(Rc<OpaqueVal>),
    /// A type used as a value (`type_name(R)`, `R` in `R($a=1)`).
    Type(Type),
    /// The elements of a composite index (`t[1, "a"]`).
    List(Rc<Vec<Value>>),
}

/// A compiled pattern: Bro's text (for printing) and the matcher.
#[derive(Debug)]
pub struct PatternVal {
    /// The text as Bro prints it, e.g. `^?(abc)$?`.
    pub text: String,
    /// The translated regular expression, for combining patterns.
    pub source: String,
    pub case_insensitive: bool,
    /// Matches the whole string (`==`).
    pub exact: regex::bytes::Regex,
    /// Matches anywhere (`in`).
    pub anywhere: regex::bytes::Regex,
}

#[derive(Debug)]
pub struct RecordVal {
    pub ty: Rc<RecordType>,
    /// One slot per field of the type; `None` is an unset optional field.
    pub fields: Vec<Option<Value>>,
}

/// A hashable image of an index value, used as the table key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Bool(bool),
    Int(i64),
    Count(u64),
    /// Doubles, times and intervals by their bits (tag distinguishes).
    Float(u8, u64),
    Str(Bytes),
    Port(u32, u8),
    Addr(IpAddr),
    Subnet(IpAddr, u8),
    Enum(i64),
    Pattern(String),
    List(Vec<Key>),
    Record(Vec<Option<Key>>),
    /// Aggregates used as indices are keyed by their printed form.
    Other(Vec<u8>),
}

#[derive(Debug)]
pub struct TableVal {
    pub ty: Rc<TableType>,
    /// Key -> (the index values as given, the yield; `None` for sets).
    pub entries: IndexMap<Key, (Vec<Value>, Option<Value>)>,
    /// `&default`: a constant or a function of the index.
    pub default: Option<Value>,
}

#[derive(Debug)]
pub struct VectorVal {
    pub yield_type: Type,
    /// `None` marks a hole left by assigning past the end.
    pub items: Vec<Option<Value>>,
}

#[derive(Debug)]
pub struct FileVal {
    pub name: String,
    pub open: bool,
}

#[derive(Debug)]
pub struct OpaqueVal {
    pub kind: String,
}

/// A function, event or hook value: its name, type and an index into
/// the function table (or the builtin table, for built-in functions).
#[derive(Debug)]
pub struct FuncVal {
    pub name: String,
    pub ty: Rc<FuncType>,
    pub id: usize,
    pub builtin: bool,
}

impl Value {
    pub fn str(s: impl Into<Vec<u8>>) -> Value {
        Value::Str(Rc::new(s.into()))
    }

    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// The key a table uses for this value.
    pub fn key(&self) -> Key {
        match self {
            Value::Bool(b) => Key::Bool(*b),
            Value::Int(i) => Key::Int(*i),
            Value::Count(c) => Key::Count(*c),
            Value::Double(d) => Key::Float(0, d.to_bits()),
            Value::Time(d) => Key::Float(1, d.to_bits()),
            Value::Interval(d) => Key::Float(2, d.to_bits()),
            Value::Str(s) => Key::Str(s.clone()),
            Value::Port(n, p) => Key::Port(*n, *p as u8),
            Value::Addr(a) => Key::Addr(**a),
            Value::Subnet(s) => Key::Subnet(s.0, s.1),
            Value::Enum(_, v) => Key::Enum(*v),
            Value::Pattern(p) => Key::Pattern(p.text.clone()),
            Value::List(items) => Key::List(items.iter().map(Value::key).collect()),
            Value::Record(r) => Key::Record(r.borrow().fields.iter().map(|f| f.as_ref().map(Value::key)).collect()),
            other => Key::Other(format!("{other:?}").into_bytes()),
        }
    }
}

/// Deep copy, as Bro's `copy()`: aggregates are duplicated recursively,
/// scalars (and functions) are shared.
pub fn deep_copy(v: &Value) -> Value {
    match v {
        Value::Record(r) => {
            let r = r.borrow();
            Value::Record(Rc::new(RefCell::new(RecordVal {
                ty: r.ty.clone(),
                fields: r.fields.iter().map(|f| f.as_ref().map(deep_copy)).collect(),
            })))
        }
        Value::Table(t) => {
            let t = t.borrow();
            Value::Table(Rc::new(RefCell::new(TableVal {
                ty: t.ty.clone(),
                entries: t
                    .entries
                    .iter()
                    .map(|(k, (idx, y))| (k.clone(), (idx.iter().map(deep_copy).collect(), y.as_ref().map(deep_copy))))
                    .collect(),
                default: t.default.clone(),
            })))
        }
        Value::Vector(vv) => {
            let vv = vv.borrow();
            Value::Vector(Rc::new(RefCell::new(VectorVal {
                yield_type: vv.yield_type.clone(),
                items: vv.items.iter().map(|i| i.as_ref().map(deep_copy)).collect(),
            })))
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_small() {
        assert!(std::mem::size_of::<Value>() <= 24, "Value is {} bytes", std::mem::size_of::<Value>());
    }
}
