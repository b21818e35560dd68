//! Broker's data stores for scripts (Bro 2.6.4's `store.bif`): masters
//! and clones behind `opaque of Broker::Store` handles, mutators that
//! return at once, and queries whose `Broker::QueryResult` comes
//! asynchronously — only inside a `when` condition with a `timeout`
//! block, answered on the main loop's next pass as Bro's are.
//!
//! The pairs live in [`crate::broker::store::Store`]. A clone talks to
//! its master over the peering core with messages on reserved topics
//! (see [`TOPIC_PREFIX`]): it asks for the master's contents when it is
//! made and at every new peering, sends its writes to the master, and
//! applies what the master sends back, so its own writes show after a
//! round trip.

use super::broker::enum_value;
use super::broker_data::{convert, data_value, empty_data};
use super::util::{builtin_error, make_record};
use super::Builtin;
use crate::broker::store::{Mutation, Query, Store};
use crate::broker::Data;
use crate::check::compile::Compiler;
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::{OpaqueData, OpaqueState, OpaqueVal, Value};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Broker::__create_master", "function(id: string, b: Broker::BackendType, options: Broker::BackendOptions): opaque of Broker::Store", bi_create_master),
    b!("Broker::__create_clone", "function(id: string, resync_interval: interval, stale_interval: interval, mutation_buffer_interval: interval): opaque of Broker::Store", bi_create_clone),
    b!("Broker::__is_closed", "function(h: opaque of Broker::Store): bool", bi_is_closed),
    b!("Broker::__close", "function(h: opaque of Broker::Store): bool", bi_close),
    b!("Broker::__store_name", "function(h: opaque of Broker::Store): string", bi_store_name),
    b!("Broker::__exists", "function(h: opaque of Broker::Store, k: any): Broker::QueryResult", |m, p, a, s| query(m, p, a, s, &["key"], |d| Ask::Local(Query::Exists(d[0].clone())))),
    b!("Broker::__get", "function(h: opaque of Broker::Store, k: any): Broker::QueryResult", |m, p, a, s| query(m, p, a, s, &["key"], |d| Ask::Local(Query::Get(d[0].clone())))),
    b!("Broker::__put_unique", "function(h: opaque of Broker::Store, k: any, v: any, e: interval): Broker::QueryResult", |m, p, a, s| {
        let e = expiry(a.get(3));
        query(m, p, a, s, &["key", "value"], move |d| Ask::PutUnique(d[0].clone(), d[1].clone(), e))
    }),
    b!("Broker::__get_index_from_value", "function(h: opaque of Broker::Store, k: any, i: any): Broker::QueryResult", |m, p, a, s| {
        query(m, p, a, s, &["key", "index"], |d| Ask::Local(Query::GetIndex(d[0].clone(), d[1].clone())))
    }),
    b!("Broker::__keys", "function(h: opaque of Broker::Store): Broker::QueryResult", |m, p, a, s| query(m, p, a, s, &[], |_| Ask::Local(Query::Keys))),
    b!("Broker::__put", "function(h: opaque of Broker::Store, k: any, v: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "value"], |d, e| Mutation::Put { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__erase", "function(h: opaque of Broker::Store, k: any): bool", |m, _, a, s| mutate(m, a, s, &["key"], |d, _| Mutation::Erase { key: d[0].clone() })),
    b!("Broker::__increment", "function(h: opaque of Broker::Store, k: any, a: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "amount"], |d, e| Mutation::Add { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__decrement", "function(h: opaque of Broker::Store, k: any, a: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "amount"], |d, e| Mutation::Subtract { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__append", "function(h: opaque of Broker::Store, k: any, s: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "str"], |d, e| Mutation::Add { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__insert_into_set", "function(h: opaque of Broker::Store, k: any, i: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "index"], |d, e| Mutation::Add { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__insert_into_table", "function(h: opaque of Broker::Store, k: any, i: any, v: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "index", "value"], |d, e| Mutation::Add { key: d[0].clone(), value: Data::Vector(vec![d[1].clone(), d[2].clone()]), expiry: e })
    }),
    b!("Broker::__remove_from", "function(h: opaque of Broker::Store, k: any, i: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "index"], |d, e| Mutation::Subtract { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__push", "function(h: opaque of Broker::Store, k: any, v: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key", "value"], |d, e| Mutation::Add { key: d[0].clone(), value: d[1].clone(), expiry: e })
    }),
    b!("Broker::__pop", "function(h: opaque of Broker::Store, k: any, e: interval): bool", |m, _, a, s| {
        mutate(m, a, s, &["key"], |d, e| Mutation::Subtract { key: d[0].clone(), value: Data::None, expiry: e })
    }),
    b!("Broker::__clear", "function(h: opaque of Broker::Store): bool", |m, _, a, s| mutate(m, a, s, &[], |_, _| Mutation::Clear)),
];

/// Topics of the messages between masters and clones start with this
/// (a byte no script topic has), then the store's name and `/master`
/// or `/clone`, for whom the message is.
pub const TOPIC_PREFIX: &str = "\u{1}broker-store/";

fn topic(name: &str, to_master: bool) -> String {
    format!("{TOPIC_PREFIX}{name}/{}", if to_master { "master" } else { "clone" })
}

/// A store this endpoint has open.
struct Open {
    name: String,
    /// A master holds the truth; a clone mirrors one.
    master: bool,
    data: Store,
}

type Shared = Rc<RefCell<Open>>;

/// The state behind an `opaque of Broker::Store`: the store it was made
/// for. It stays usable after `close`, as Bro's handle keeps its store.
#[derive(Clone)]
struct Handle(Shared);

impl OpaqueData for Handle {
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

/// A query result waiting for the main loop's next pass: the trigger
/// whose condition asked, the call it answers, the `QueryResult`.
struct Answer {
    trigger: u64,
    site: Span,
    value: Value,
}

/// The stores' state between calls.
#[derive(Default)]
struct Stores {
    inner: RefCell<StoresInner>,
}

#[derive(Default)]
struct StoresInner {
    open: HashMap<String, Shared>,
    answers: Vec<Answer>,
    /// Queries a clone sent on to its master (`put_unique`): request
    /// number -> who waits.
    remote: HashMap<u64, (u64, Span)>,
    next_request: u64,
}

/// The seconds until a mutation's pair expires, when the `e` argument
/// is positive.
fn expiry(v: Option<&Value>) -> Option<f64> {
    match v {
        Some(Value::Interval(s)) if *s > 0.0 => Some(*s),
        _ => None,
    }
}

fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

fn handle_of(v: Option<&Value>) -> Option<Shared> {
    let Some(Value::Opaque(o)) = v else { return None };
    match &*o.state.borrow() {
        OpaqueState::Ext(b) => b.as_any().downcast_ref::<Handle>().map(|h| h.0.clone()),
        _ => None,
    }
}

fn handle_value(s: Shared) -> Value {
    Value::Opaque(Rc::new(OpaqueVal { kind: "Broker::Store".into(), state: RefCell::new(OpaqueState::Ext(Box::new(Handle(s)))) }))
}

/// What a failed `create_master`/`create_clone` gives: a handle to no
/// store, which every store call refuses as an invalid handle.
fn no_store() -> Value {
    Value::Opaque(Rc::new(OpaqueVal { kind: "Broker::Store".into(), state: RefCell::new(OpaqueState::None) }))
}

fn text(v: Option<&Value>) -> String {
    String::from_utf8_lossy(v.map(super::util::bytes).unwrap_or_default()).into_owned()
}

/// The name of an enum argument's value without its module.
fn enum_item(v: Option<&Value>) -> String {
    match v {
        Some(Value::Enum(t, n)) => t.name_of(i64::from(*n)).unwrap_or_default().rsplit("::").next().unwrap_or_default().to_string(),
        _ => String::new(),
    }
}

/// The file a SQLite master uses: `$sqlite$path` of the options, or the
/// store's name with `.sqlite` when that is empty.
fn sqlite_path(options: Option<&Value>, name: &str) -> String {
    let path = match options {
        Some(Value::Record(r)) => match r.borrow().fields.first().cloned().flatten() {
            Some(Value::Record(s)) => s.borrow().fields.first().cloned().flatten().map(|p| text(Some(&p))).unwrap_or_default(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    if path.is_empty() {
        format!("{name}.sqlite")
    } else {
        path
    }
}

fn bi_create_master(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let name = text(a.first());
    let stores = m.state.get::<Stores>();
    if let Some(s) = stores.inner.borrow().open.get(&name) {
        return Ok(handle_value(s.clone()));
    }
    let data = match enum_item(a.get(1)).as_str() {
        "MEMORY" => Ok(Store::new()),
        "SQLITE" => sqlite_store(&sqlite_path(a.get(2), &name)),
        other => Err(format!("no {other} backend in this build")),
    };
    let data = match data {
        Ok(d) => d,
        Err(why) => {
            builtin_error(m, format!("Could not create Broker master store '{name}' ({why})"), span, None);
            return Ok(no_store());
        }
    };
    let open = Rc::new(RefCell::new(Open { name: name.clone(), master: true, data }));
    stores.inner.borrow_mut().open.insert(name.clone(), open.clone());
    if let Some(e) = m.broker.endpoint() {
        e.subscribe(&topic(&name, true));
    }
    Ok(handle_value(open))
}

fn sqlite_store(path: &str) -> Result<Store, String> {
    Store::with_persist(Box::new(super::broker_sqlite::Sqlite::open(path)?))
}

fn bi_create_clone(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let name = text(a.first());
    let stores = m.state.get::<Stores>();
    if let Some(s) = stores.inner.borrow().open.get(&name) {
        return Ok(handle_value(s.clone()));
    }
    let Some(endpoint) = m.broker.endpoint() else {
        builtin_error(m, format!("Could not create clone of Broker store '{name}'"), span, None);
        return Ok(no_store());
    };
    endpoint.subscribe(&topic(&name, false));
    endpoint.publish(&topic(&name, true), "sync", Vec::new());
    let open = Rc::new(RefCell::new(Open { name: name.clone(), master: false, data: Store::new() }));
    stores.inner.borrow_mut().open.insert(name, open.clone());
    Ok(handle_value(open))
}

/// Bro 2.6 answers whether the store is still *open* under this name
/// (its `__is_closed` returns the lookup's success); kept as it is.
fn bi_is_closed(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(h) = handle_of(a.first()) else {
        builtin_error(m, "invalid Broker store handle", span, None);
        return Ok(Value::Bool(false));
    };
    let stores = m.state.get::<Stores>();
    let name = h.borrow().name.clone();
    let open = stores.inner.borrow().open.get(&name).is_some_and(|s| Rc::ptr_eq(s, &h));
    Ok(Value::Bool(open))
}

fn bi_close(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(h) = handle_of(a.first()) else {
        builtin_error(m, "invalid Broker store handle", span, None);
        return Ok(Value::Bool(false));
    };
    let stores = m.state.get::<Stores>();
    let (name, master) = {
        let h = h.borrow();
        (h.name.clone(), h.master)
    };
    let mut inner = stores.inner.borrow_mut();
    if !inner.open.get(&name).is_some_and(|s| Rc::ptr_eq(s, &h)) {
        return Ok(Value::Bool(false));
    }
    inner.open.remove(&name);
    drop(inner);
    if let Some(e) = m.broker.endpoint.as_ref() {
        e.unsubscribe(&topic(&name, master));
    }
    Ok(Value::Bool(true))
}

fn bi_store_name(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    match handle_of(a.first()) {
        Some(h) => Ok(Value::str(h.borrow().name.clone())),
        None => {
            builtin_error(m, "invalid Broker store handle", span, None);
            Ok(Value::str(""))
        }
    }
}

/// Converts the arguments after the handle; reports the first that has
/// no Broker form (named as Bro names it) and gives `None`.
fn args(m: &mut Machine, a: &[Value], span: Span, names: &[&str]) -> Option<Vec<Data>> {
    let mut out = Vec::with_capacity(names.len());
    for (i, what) in names.iter().enumerate() {
        match a.get(i + 1).and_then(convert) {
            Some(d) => out.push(d),
            None => {
                builtin_error(m, format!("invalid Broker data conversion for {what} argument"), span, a.get(i + 1));
                return None;
            }
        }
    }
    Some(out)
}

/// A change through a handle: a master applies it (Broker's failures,
/// such as a missing key or a type clash, change nothing and are not
/// reported to scripts) and passes it to its clones; a clone sends it
/// to its master.
fn mutate(m: &mut Machine, a: &[Value], span: Span, names: &[&str], make: impl FnOnce(&[Data], Option<f64>) -> Mutation) -> Res<Value> {
    let Some(h) = handle_of(a.first()) else {
        builtin_error(m, "invalid Broker store handle", span, None);
        return Ok(Value::Bool(false));
    };
    let Some(d) = args(m, a, span, names) else { return Ok(Value::Bool(false)) };
    let mutation = make(&d, expiry(a.get(names.len() + 1)));
    let (name, master) = {
        let h = h.borrow();
        (h.name.clone(), h.master)
    };
    if master {
        let applied = h.borrow_mut().data.apply(&mutation, now()).is_ok();
        if applied {
            tell_clones(m, &name, &mutation);
        }
    } else if let Some(e) = m.broker.endpoint.as_ref() {
        e.publish(&topic(&name, true), "mutate", vec![encode(&mutation)]);
    }
    Ok(Value::Bool(true))
}

fn encode(mutation: &Mutation) -> Data {
    Data::String(postcard::to_stdvec(mutation).unwrap_or_default())
}

fn decode(d: Option<&Data>) -> Option<Mutation> {
    match d {
        Some(Data::String(b)) => postcard::from_bytes(b).ok(),
        _ => None,
    }
}

fn tell_clones(m: &mut Machine, name: &str, mutation: &Mutation) {
    if let Some(e) = m.broker.endpoint.as_ref() {
        e.publish(&topic(name, false), "mutate", vec![encode(mutation)]);
    }
}

/// What a query asks of the store.
enum Ask {
    /// Answered by whichever store the handle names.
    Local(Query),
    /// `put_unique`: a master's decision.
    PutUnique(Data, Data, Option<f64>),
}

fn query_result(p: &Compiler, ok: bool, d: Option<Data>) -> Value {
    let status = enum_value(p, "Broker::QueryStatus", if ok { "SUCCESS" } else { "FAILURE" });
    let result = match d {
        Some(d) if ok => data_value(p, d),
        _ => empty_data(p),
    };
    make_record(p, "Broker::QueryResult", vec![status, Some(result)])
}

fn failed(p: &Compiler) -> Value {
    query_result(p, false, None)
}

/// A query: checks the handle, the arguments and that a `when`
/// condition with a timeout asks; works the answer out now and hands it
/// to the condition on the main loop's next pass (a clone's
/// `put_unique` when its master answers).
fn query(m: &mut Machine, p: &Compiler, a: &[Value], span: Span, names: &[&str], ask: impl FnOnce(&[Data]) -> Ask) -> Res<Value> {
    let Some(h) = handle_of(a.first()) else {
        builtin_error(m, "invalid Broker store handle", span, None);
        return Ok(failed(p));
    };
    let Some(d) = args(m, a, span, names) else { return Ok(failed(p)) };
    let Some(trigger) = m.triggers.current else {
        builtin_error(m, "Broker queries can only be called inside when-condition", span, None);
        return Ok(failed(p));
    };
    if !m.triggers.current_has_timeout {
        builtin_error(m, "Broker queries must specify a timeout block", span, None);
        return Ok(failed(p));
    }
    // Called by a script function (the wrappers): its call is what the
    // answer stands for; called in the condition itself: this call.
    let wrapped = !m.triggers.call_sites.is_empty();
    let site = m.triggers.call_sites.last().copied().unwrap_or(span);
    if let Some(v) = m.triggers.results.get(&(trigger, site)) {
        return Ok(v.clone());
    }
    let stores = m.state.get::<Stores>();
    let (name, master) = {
        let h = h.borrow();
        (h.name.clone(), h.master)
    };
    let answer = match ask(&d) {
        Ask::Local(q) => Some(match h.borrow().data.query(&q) {
            Ok(d) => query_result(p, true, Some(d)),
            Err(_) => failed(p),
        }),
        Ask::PutUnique(key, value, e) if master => {
            let fresh = !h.borrow().data.exists(&key);
            if fresh {
                let mutation = Mutation::Put { key, value, expiry: e };
                if h.borrow_mut().data.apply(&mutation, now()).is_ok() {
                    tell_clones(m, &name, &mutation);
                }
            }
            Some(query_result(p, true, Some(Data::Bool(fresh))))
        }
        Ask::PutUnique(key, value, e) => {
            let mut inner = stores.inner.borrow_mut();
            let id = inner.next_request;
            inner.next_request += 1;
            inner.remote.insert(id, (trigger, site));
            drop(inner);
            let args = vec![Data::Count(id), Data::String(crate::broker::node_id().into_bytes()), key, value, e.map_or(Data::None, Data::Timespan)];
            if let Some(ep) = m.broker.endpoint.as_ref() {
                ep.publish(&topic(&name, true), "put_unique", args);
            }
            None
        }
    };
    if let Some(value) = answer {
        stores.inner.borrow_mut().answers.push(Answer { trigger, site, value });
    }
    m.triggers.delayed.insert(trigger);
    if wrapped {
        m.triggers.delayed_call = true;
        Ok(failed(p))
    } else {
        Err(Box::new(RtError { unwind: Unwind::Delay, kind: "", msg: String::new(), span: Some(span) }))
    }
}

/// The main loop's pass: hands the waiting answers to their `when`
/// conditions and lets pairs whose time has come expire. True when an
/// answer was handed over (the conditions are to be checked).
pub fn deliver(m: &mut Machine) -> bool {
    let Some(stores) = m.state.peek::<Stores>() else { return false };
    let answers = std::mem::take(&mut stores.inner.borrow_mut().answers);
    let any = !answers.is_empty();
    for a in answers {
        if m.whens.iter().any(|w| w.id == a.trigger) {
            m.triggers.results.insert((a.trigger, a.site), a.value);
            m.triggers.delayed.remove(&a.trigger);
        }
    }
    let t = now();
    let masters: Vec<Shared> = stores.inner.borrow().open.values().filter(|s| s.borrow().master).cloned().collect();
    for s in masters {
        if s.borrow().data.next_expiry().is_some_and(|e| e <= t) {
            let gone = s.borrow_mut().data.expire(t);
            let name = s.borrow().name.clone();
            for key in gone {
                tell_clones(m, &name, &Mutation::Erase { key });
            }
        }
    }
    any
}

/// When the main loop has store work without outside help: now for
/// waiting answers, else the earliest expiry of a master's pair.
pub fn next_deadline(m: &Machine) -> Option<f64> {
    let stores = m.state.peek::<Stores>()?;
    let inner = stores.inner.borrow();
    if !inner.answers.is_empty() {
        return Some(0.0);
    }
    inner.open.values().filter(|s| s.borrow().master).filter_map(|s| s.borrow().data.next_expiry()).reduce(f64::min)
}

/// A new peering: every clone asks for its master's contents again (the
/// master may be the new peer, or have come back).
pub fn peer_added(m: &mut Machine) {
    let Some(stores) = m.state.peek::<Stores>() else { return };
    let waiting: Vec<String> = stores.inner.borrow().open.values().filter(|s| !s.borrow().master).map(|s| s.borrow().name.clone()).collect();
    if let Some(e) = m.broker.endpoint.as_ref() {
        for name in waiting {
            e.publish(&topic(&name, true), "sync", Vec::new());
        }
    }
}

/// A message between a master and its clones (its topic starts with
/// [`TOPIC_PREFIX`]).
pub fn message(m: &mut Machine, p: &Compiler, topic_name: &str, kind: &str, args: &[Data]) {
    let Some(rest) = topic_name.strip_prefix(TOPIC_PREFIX) else { return };
    let Some((name, to)) = rest.rsplit_once('/') else { return };
    let Some(stores) = m.state.peek::<Stores>() else { return };
    let Some(s) = stores.inner.borrow().open.get(name).cloned() else { return };
    let master = s.borrow().master;
    match (to, master, kind) {
        ("master", true, "sync") => {
            let pairs = Data::Table(s.borrow().data.snapshot());
            if let Some(e) = m.broker.endpoint.as_ref() {
                e.publish(&topic(name, false), "snapshot", vec![pairs]);
            }
        }
        ("master", true, "mutate") => {
            if let Some(mutation) = decode(args.first()) {
                let applied = s.borrow_mut().data.apply(&mutation, now()).is_ok();
                if applied {
                    tell_clones(m, name, &mutation);
                }
            }
        }
        ("master", true, "put_unique") => {
            let [id, node, key, value, e] = args else { return };
            let expiry = match e {
                Data::Timespan(t) => Some(*t),
                _ => None,
            };
            let fresh = !s.borrow().data.exists(key);
            if fresh {
                let mutation = Mutation::Put { key: key.clone(), value: value.clone(), expiry };
                if s.borrow_mut().data.apply(&mutation, now()).is_ok() {
                    tell_clones(m, name, &mutation);
                }
            }
            if let Some(ep) = m.broker.endpoint.as_ref() {
                ep.publish(&topic(name, false), "answer", vec![id.clone(), node.clone(), Data::Bool(fresh)]);
            }
        }
        ("clone", false, "snapshot") => {
            if let Some(Data::Table(pairs)) = args.first() {
                s.borrow_mut().data.replace(pairs.clone());
            }
        }
        ("clone", false, "mutate") => {
            if let Some(mutation) = decode(args.first()) {
                let _ = s.borrow_mut().data.apply(&mutation, now());
            }
        }
        ("clone", false, "answer") => {
            let [Data::Count(id), Data::String(node), fresh] = args else { return };
            if *node != crate::broker::node_id().into_bytes() {
                return;
            }
            let Some((trigger, site)) = stores.inner.borrow_mut().remote.remove(id) else { return };
            let value = query_result(p, true, Some(fresh.clone()));
            stores.inner.borrow_mut().answers.push(Answer { trigger, site, value });
        }
        _ => {}
    }
}
