//! Run-time values. Scalars live inline; strings are byte strings (Bro
//! strings are not UTF-8); records, tables, sets and vectors are shared
//! mutable aggregates (`Rc<RefCell<..>>`) because Bro gives them reference
//! semantics — assignment aliases, `copy()` deep-copies.

use super::broorder::{hash_key, key_bytes, BroOrder};
use crate::check::types::{EnumType, FuncType, RecordType, TableType, Type};
use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;

pub use crate::syntax::ast::Proto;

/// A byte string.
pub type Bytes = Rc<Vec<u8>>;

/// A Bro value.
#[derive(Clone, Debug)]
pub enum Value {
    /// `bool`
    Bool(bool),
    /// `int`
    Int(i64),
    /// `count`
    Count(u64),
    /// `double`
    Double(f64),
    /// Seconds since the epoch.
    Time(f64),
    /// Seconds.
    Interval(f64),
    /// `string`: a byte string.
    Str(Bytes),
    /// `pattern`
    Pattern(Rc<PatternVal>),
    /// `port`: number and protocol.
    Port(u32, Proto),
    /// `addr`
    Addr(Rc<IpAddr>),
    /// `subnet`: network address and prefix length.
    Subnet(Rc<(IpAddr, u8)>),
    /// An `enum` value: its type and number. Enum numbers are small, and
    /// 32 bits of them keep every value within 16 bytes.
    Enum(Rc<EnumType>, i32),
    /// A `record`, shared by reference.
    Record(Rc<RefCell<RecordVal>>),
    /// A `table` or `set`, shared by reference.
    Table(Rc<RefCell<TableVal>>),
    /// A `vector`, shared by reference.
    Vector(Rc<RefCell<VectorVal>>),
    /// A function, event or hook.
    Func(Rc<FuncVal>),
    /// A `file`.
    File(Rc<RefCell<FileVal>>),
    /// An `opaque` handle, such as a hash state.
    Opaque(Rc<OpaqueVal>),
    /// A type used as a value (`type_name(R)`, `R` in `R($a=1)`).
    Type(Rc<Type>),
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
    /// Written with a trailing `i`.
    pub case_insensitive: bool,
    /// Matches the whole string (`==`).
    pub exact: regex::bytes::Regex,
    /// Matches anywhere (`in`).
    pub anywhere: regex::bytes::Regex,
}

/// A record value.
#[derive(Debug)]
pub struct RecordVal {
    /// The record's type.
    pub ty: Rc<RecordType>,
    /// One slot per field of the type; `None` is an unset optional field.
    pub fields: Vec<Option<Value>>,
}

/// A hashable image of an index value, used as the table key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// `bool`
    Bool(bool),
    /// `int`
    Int(i64),
    /// `count`
    Count(u64),
    /// Doubles, times and intervals by their bits (tag distinguishes).
    Float(u8, u64),
    /// `string`
    Str(Bytes),
    /// `port`: number and protocol tag.
    Port(u32, u8),
    /// `addr`
    Addr(IpAddr),
    /// `subnet`
    Subnet(IpAddr, u8),
    /// An enum value, by number.
    Enum(i64),
    /// A pattern, by its text.
    Pattern(String),
    /// A composite index, element by element.
    List(Vec<Key>),
    /// A record, field by field; `None` for unset fields.
    Record(Vec<Option<Key>>),
    /// Tables and vectors by Bro's key image of their content; other
    /// values that cannot really be indices by their debug form.
    Other(Vec<u8>),
}

/// One element of a table or set.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The index values as given.
    pub index: Vec<Value>,
    /// The yield; `None` for sets.
    pub value: Option<Value>,
    /// When the entry was created, or last written or read, as the
    /// table's expiration attribute counts (network time).
    pub time: f64,
    /// The key the entry is found by.
    key: Key,
    /// Bro's hash of the index, which places the entry in `BroOrder`.
    hash: u64,
}

/// A table's expiration attributes (`&create_expire`, `&read_expire`,
/// `&write_expire`, `&expire_func`), kept as expressions because Bro
/// evaluates them when entries are checked (they may name globals
/// redefined later).
#[derive(Debug)]
pub struct Expire {
    /// Which attribute decides when an entry expires.
    pub kind: crate::syntax::ast::AttrKind,
    /// The interval after which an entry expires.
    pub interval: crate::check::ir::Expr,
    /// Called with the table and the index before an entry goes; a
    /// positive interval it returns keeps the entry that much longer.
    pub func: Option<crate::check::ir::Expr>,
}

thread_local! {
    static CLOCK: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Sets the network time that table entries are stamped with.
pub fn set_clock(now: f64) {
    CLOCK.with(|c| c.set(now));
}

fn clock() -> f64 {
    CLOCK.with(|c| c.get())
}

/// A table or set. Elements are found by key; they are iterated (and
/// printed) in the order Bro 2.6's hash dictionary gives them, which
/// [`BroOrder`] reproduces.
#[derive(Debug)]
pub struct TableVal {
    /// The table's type.
    pub ty: Rc<TableType>,
    /// Where each key's entry lives in `slots`: slot numbers only, hashed
    /// by their entry's key, so probing stays within a small array.
    index: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    /// The entries; a slot's number is the entry's id in `order`. Removed
    /// entries leave a hole that `free` hands out again.
    slots: super::slots::Slots<Entry>,
    free: Vec<u32>,
    /// Bro's iteration order, brought up to date when it is read.
    order: RefCell<BroOrder>,
    /// `&default`: a constant or a function of the index.
    pub default: Option<Value>,
    /// Expiration of entries, if the table has such attributes.
    pub expire: Option<Rc<Expire>>,
}

/// The position hash of a key in a table's index. Numbers that are close
/// together land in the same block of 64 buckets (a seeded hash of the
/// number without its low six bits picks the block), so walking a range of
/// numbers walks memory in order, while keys cannot be made to collide
/// beyond a block.
fn map_hash(hasher: &foldhash::fast::RandomState, key: &Key) -> u64 {
    use std::hash::BuildHasher;
    match key {
        Key::Count(n) => (hasher.hash_one(n >> 6) & !63) | (n & 63),
        Key::Int(n) => (hasher.hash_one(n >> 6) & !63) | (*n as u64 & 63),
        _ => hasher.hash_one(key),
    }
}

/// The key of an index (one value, or several for `[a, b]` indices).
pub fn index_key(index: &[Value]) -> Key {
    if index.len() == 1 {
        index[0].key()
    } else {
        Key::List(index.iter().map(Value::key).collect())
    }
}

impl TableVal {
    /// An empty table of the given type.
    pub fn new(ty: Rc<TableType>) -> TableVal {
        TableVal {
            ty,
            index: hashbrown::HashTable::new(),
            hasher: Default::default(),
            slots: Default::default(),
            free: Vec::new(),
            order: RefCell::new(BroOrder::new()),
            default: None,
            expire: None,
        }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when the table has no elements.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// True when an element has the given key.
    pub fn contains(&self, key: &Key) -> bool {
        self.slot(key).is_some()
    }

    fn map_hash(&self, key: &Key) -> u64 {
        map_hash(&self.hasher, key)
    }

    fn slot(&self, key: &Key) -> Option<u32> {
        let slots = &self.slots;
        let found = self.index.find(self.map_hash(key), |&s| slots.get(s).is_some_and(|e| &e.key == key));
        found.copied()
    }

    fn entry_mut(&mut self, key: &Key) -> Option<&mut Entry> {
        let slot = self.slot(key)?;
        self.slots.get_mut(slot)
    }

    /// The element with the given key, if any.
    pub fn get(&self, key: &Key) -> Option<&Entry> {
        let slot = self.slot(key)?;
        self.slots.get(slot)
    }

    /// Adds or replaces an element.
    pub fn insert(&mut self, index: Vec<Value>, value: Option<Value>) {
        let key = index_key(&index);
        let touch_on_write = self.expire.as_ref().is_some_and(|x| x.kind != crate::syntax::ast::AttrKind::CreateExpire);
        if let Some(slot) = self.slot(&key) {
            if let Some(e) = self.slots.get_mut(slot) {
                e.value = value;
                if touch_on_write {
                    e.time = clock();
                }
                let hash = e.hash;
                self.order.get_mut().insert(hash, slot);
            }
            return;
        }
        let hash = hash_key(&key_bytes(&index));
        let position = self.map_hash(&key);
        let entry = Entry { index, value, time: clock(), key, hash };
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots.put(slot, entry);
                slot
            }
            None => {
                self.slots.push(entry)
            }
        };
        self.order.get_mut().insert_new(hash, slot);
        let (slots, hasher) = (&self.slots, &self.hasher);
        self.index.insert_unique(position, slot, |&s| slots.get(s).map_or(0, |e| map_hash(hasher, &e.key)));
    }

    /// Removes and returns the element with the given key.
    pub fn remove(&mut self, key: &Key) -> Option<Entry> {
        let slots = &self.slots;
        let found = self.index.find_entry(self.map_hash(key), |&s| slots.get(s).is_some_and(|e| &e.key == key));
        let slot = found.ok()?.remove().0;
        let e = self.slots.take(slot)?;
        self.order.get_mut().remove(e.hash, slot);
        self.free.push(slot);
        Some(e)
    }

    /// Notes a read of an entry, for `&read_expire`.
    pub fn touch(&mut self, key: &Key) {
        if self.expire.as_ref().is_some_and(|x| x.kind == crate::syntax::ast::AttrKind::ReadExpire) {
            if let Some(e) = self.entry_mut(key) {
                e.time = clock();
            }
        }
    }

    /// Sets an entry's time stamp (an `&expire_func` extending it).
    pub fn set_time(&mut self, key: &Key, time: f64) {
        if let Some(e) = self.entry_mut(key) {
            e.time = time;
        }
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        self.index.clear();
        self.slots.clear();
        self.free.clear();
        self.order.get_mut().clear();
    }

    /// The keys, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.slots.iter().map(|e| &e.key)
    }

    /// The elements in Bro's iteration order.
    pub fn ordered(&self) -> Vec<&Entry> {
        self.order.borrow_mut().order().into_iter().filter_map(|slot| self.slots.get(slot)).collect()
    }

    /// Marks a loop over the table: Bro does not resize meanwhile.
    pub fn begin_iteration(&mut self) {
        self.order.get_mut().begin_iteration();
    }

    /// Ends a loop begun with [`begin_iteration`](Self::begin_iteration).
    pub fn end_iteration(&mut self) {
        self.order.get_mut().end_iteration();
    }

    /// A new table of the same type with the elements that pass `keep`.
    pub fn filtered(&self, keep: impl Fn(&Key) -> bool) -> TableVal {
        let mut t = TableVal::new(self.ty.clone());
        for e in self.ordered() {
            let k = index_key(&e.index);
            if keep(&k) {
                t.insert(e.index.clone(), e.value.clone());
            }
        }
        t
    }
}

/// A vector value.
#[derive(Debug)]
pub struct VectorVal {
    /// The element type.
    pub yield_type: Type,
    /// `None` marks a hole left by assigning past the end.
    pub items: Vec<Option<Value>>,
}

/// A file value.
#[derive(Debug)]
pub struct FileVal {
    /// The file's name.
    pub name: String,
    /// Whether the file is open.
    pub open: bool,
    /// The operating-system file while open.
    pub handle: Option<std::fs::File>,
    /// Whether writes are held in `buf` until flushed (`set_buf(f, T)`).
    pub buffered: bool,
    /// Bytes written but not yet flushed.
    pub buf: Vec<u8>,
    /// Raw output (`enable_raw_output`): `print` writes values without
    /// separators, escapes or the trailing newline.
    pub raw: bool,
}

impl FileVal {
    /// A file value named `name` over an optional open handle.
    pub fn new(name: impl Into<String>, handle: Option<std::fs::File>) -> FileVal {
        FileVal { name: name.into(), open: handle.is_some(), handle, buffered: false, buf: Vec::new(), raw: false }
    }

    /// Writes `data` (or buffers it); false when the file is not open.
    pub fn write(&mut self, data: &[u8]) -> bool {
        use std::io::Write;
        if !self.open {
            return false;
        }
        if self.buffered {
            self.buf.extend_from_slice(data);
            if self.buf.len() >= 4096 {
                self.flush();
            }
            return true;
        }
        match &mut self.handle {
            Some(h) => h.write_all(data).is_ok(),
            None => false,
        }
    }

    /// Writes out buffered bytes.
    pub fn flush(&mut self) {
        use std::io::Write;
        if self.buf.is_empty() {
            return;
        }
        let buf = std::mem::take(&mut self.buf);
        if let Some(h) = &mut self.handle {
            let _ = h.write_all(&buf);
        }
    }

    /// Flushes and gives up the operating-system handle, leaving the file
    /// open for the script (the file cache makes room this way).
    pub fn release_handle(&mut self) {
        self.flush();
        self.handle = None;
    }

    /// The size of the file so far, pending bytes included.
    pub fn size(&self) -> u64 {
        let on_disk = match &self.handle {
            Some(h) => h.metadata().map(|m| m.len()),
            None => std::fs::metadata(&self.name).map(|m| m.len()),
        };
        on_disk.unwrap_or(0) + self.buf.len() as u64
    }

    /// Flushes and closes the file.
    pub fn close(&mut self) {
        self.flush();
        self.handle = None;
        self.open = false;
    }
}

impl Drop for FileVal {
    fn drop(&mut self) {
        self.flush();
    }
}

/// An opaque value.
#[derive(Debug)]
pub struct OpaqueVal {
    /// What it holds, e.g. `md5` or `topk`.
    pub kind: String,
    /// The state behind the handle (hash contexts); `None` for kinds
    /// that carry no state here.
    pub state: RefCell<OpaqueState>,
}

impl OpaqueVal {
    /// An opaque value of `kind` without state.
    pub fn new(kind: impl Into<String>) -> OpaqueVal {
        OpaqueVal { kind: kind.into(), state: RefCell::new(OpaqueState::None) }
    }
}

/// The state an opaque value carries.
#[derive(Clone, Default)]
pub enum OpaqueState {
    /// No state.
    #[default]
    None,
    /// An MD5 computation in progress.
    Md5(md5::Md5),
    /// A SHA-1 computation in progress.
    Sha1(sha1::Sha1),
    /// A SHA-256 computation in progress.
    Sha256(sha2::Sha256),
    /// A hash whose result has been taken; further use is invalid.
    Finished,
    /// State of a kind defined by a builtin area (Bloom filters,
    /// cardinality counters, top-k, entropy tests).
    Ext(Box<dyn OpaqueData>),
    /// A value of Broker's data model (`opaque of Broker::Data`).
    BrokerData(crate::broker::Data),
}

/// The state of an opaque kind that a builtin file defines itself.
pub trait OpaqueData: std::any::Any {
    /// A deep copy, for `copy()` and cloning the state.
    fn clone_box(&self) -> Box<dyn OpaqueData>;
    /// For downcasting to the concrete state.
    fn as_any(&self) -> &dyn std::any::Any;
    /// For downcasting to the concrete state, mutably.
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
}

impl Clone for Box<dyn OpaqueData> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl std::fmt::Debug for OpaqueState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OpaqueState::None => "None",
            OpaqueState::Md5(_) => "Md5",
            OpaqueState::Sha1(_) => "Sha1",
            OpaqueState::Sha256(_) => "Sha256",
            OpaqueState::Finished => "Finished",
            OpaqueState::Ext(_) => "Ext",
            OpaqueState::BrokerData(_) => "BrokerData",
        })
    }
}

/// A function, event or hook value: its name, type and an index into
/// the function table (or the builtin table, for built-in functions).
#[derive(Debug)]
pub struct FuncVal {
    /// The function's name.
    pub name: String,
    /// The function's type.
    pub ty: Rc<FuncType>,
    /// Index into the function table, or the builtin table when `builtin`.
    pub id: usize,
    /// A built-in function rather than a script one.
    pub builtin: bool,
}

impl Value {
    /// A copy of the value: numbers and booleans without the general clone.
    #[inline(always)]
    pub fn quick_clone(&self) -> Value {
        match self {
            Value::Count(c) => Value::Count(*c),
            Value::Int(i) => Value::Int(*i),
            Value::Double(d) => Value::Double(*d),
            Value::Bool(b) => Value::Bool(*b),
            v => v.clone(),
        }
    }

    /// Lets go of the value; numbers and booleans, which own nothing, skip
    /// the general drop.
    #[inline(always)]
    pub fn discard(self) {
        match self {
            Value::Count(_) | Value::Int(_) | Value::Double(_) | Value::Bool(_) | Value::Time(_) | Value::Interval(_) => std::mem::forget(self),
            v => drop(v),
        }
    }

    /// A `string` value from bytes.
    pub fn str(s: impl Into<Vec<u8>>) -> Value {
        Value::Str(Rc::new(s.into()))
    }

    /// True only for `T`.
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
            Value::Enum(_, v) => Key::Enum(i64::from(*v)),
            Value::Pattern(p) => Key::Pattern(p.text.clone()),
            Value::List(items) => Key::List(items.iter().map(Value::key).collect()),
            Value::Record(r) => Key::Record(r.borrow().fields.iter().map(|f| f.as_ref().map(Value::key)).collect()),
            // Tables and vectors by their content, as Bro hashes them
            // (table elements sorted, so equal tables key alike).
            Value::Table(_) | Value::Vector(_) => Key::Other(key_bytes(std::slice::from_ref(self))),
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
            let mut copy = TableVal::new(t.ty.clone());
            copy.default = t.default.clone();
            copy.expire = t.expire.clone();
            for e in t.ordered() {
                copy.insert(e.index.iter().map(deep_copy).collect(), e.value.as_ref().map(deep_copy));
            }
            Value::Table(Rc::new(RefCell::new(copy)))
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

// Values are passed and returned everywhere; at 16 bytes a `Res<Value>`
// comes back in registers.
const _: () = assert!(std::mem::size_of::<Value>() == 16);
