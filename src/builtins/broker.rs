//! Bro 2.6's Broker builtins (`comm.bif`, `messaging.bif`): listening,
//! peering, the peer list, the node id and subscriptions, bound to the
//! peering core; and the one place where interpreter values and the
//! core's notifications meet (the runtime calls [`notification_event`]).

use super::util::{named_type, named_record};
use super::util::{bytes, error};
use super::Builtin;
use crate::broker::{Data, EndpointInfo, ErrorCode, Notification, PeerStatus, Protocol};
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use crate::check::types::{RecordType, Type};
use crate::eval::exec::{Machine, Res, RtError, Unwind};
use crate::eval::value::{Proto, RecordVal, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("Broker::__listen", "function(a: string, p: port): port", bi_listen),
    b!("Broker::__peer", "function(a: string, p: port, retry: interval): bool", bi_peer),
    b!("Broker::__unpeer", "function(a: string, p: port): bool", bi_unpeer),
    b!("Broker::__peers", "function(): Broker::PeerInfos", bi_peers),
    b!("Broker::__node_id", "function(): string", |_, _, _, _| Ok(Value::str(crate::broker::node_id()))),
    // Log writes are not forwarded to peers, so no batch ever waits.
    b!("Broker::__flush_logs", "function(): count", |_, _, _, _| Ok(Value::Count(0))),
    b!("Broker::__subscribe", "function(topic_prefix: string): bool", |m, _, a, s| subscribe(m, a, s, true)),
    b!("Broker::__forward", "function(topic_prefix: string): bool", |m, _, a, s| subscribe(m, a, s, true)),
    b!("Broker::__unsubscribe", "function(topic_prefix: string): bool", |m, _, a, s| subscribe(m, a, s, false)),
    b!("Broker::__auto_publish", "function(topic: string, ev: any): bool", |m, _, a, s| auto_publish(m, a, s, true)),
    b!("Broker::__auto_unpublish", "function(topic: string, ev: any): bool", |m, _, a, s| auto_publish(m, a, s, false)),
    b!("Broker::publish", "function(topic: string, ...): bool", publish_args, variadic),
    b!("Broker::__publish_id", "function(topic: string, id: string): bool", bi_publish_id),
    b!("is_remote_event", "function(): bool", |m, _, _, _| Ok(Value::Bool(m.broker.remote_event))),
];

/// The name of the event an argument names (`ev: any` holding an event).
fn event_name(v: &Value) -> Option<&str> {
    match v {
        Value::Func(f) if f.ty.flavor == crate::check::types::Flavor::Event => Some(&f.name),
        _ => None,
    }
}

fn auto_publish(m: &mut Machine, a: &[Value], span: Span, on: bool) -> Res<Value> {
    let topic = text(&a[0]);
    let Some(name) = event_name(&a[1]).map(str::to_string) else {
        m.report(&error("Broker::auto_publish must operate on an event", span));
        return Ok(Value::Bool(false));
    };
    let topics = m.broker.auto_publish.entry(name.clone()).or_default();
    if on {
        if topics.contains(&topic) {
            return Ok(Value::Bool(false));
        }
        topics.push(topic);
    } else {
        topics.retain(|t| *t != topic);
        if topics.is_empty() {
            m.broker.auto_publish.remove(&name);
        }
    }
    if m.broker.endpoint().is_none() {
        unavailable(m, span);
    }
    Ok(Value::Bool(true))
}

/// `Broker::publish(topic, event, args...)`: sends the event to the peers
/// subscribed to the topic (never to this process's own handlers).
pub(super) fn publish_args(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (Some(topic), Some(ev)) = (a.first(), a.get(1)) else {
        m.report(&error("Broker::publish requires a topic and an event", span));
        return Ok(Value::Bool(false));
    };
    // An event made by `Broker::make_event`.
    if a.len() == 2 && matches!(ev, Value::Record(_)) {
        // Without peers nothing is sent, so even a bad event succeeds.
        let no_peers = m.broker.endpoint.as_ref().is_none_or(|e| e.peers().is_empty());
        let Some((name, args)) = super::broker_events::event_of_record(ev) else { return Ok(Value::Bool(no_peers)) };
        let topic = text(topic);
        match m.broker.endpoint() {
            Some(endpoint) => endpoint.publish(&topic, &name, args),
            None => unavailable(m, span),
        }
        return Ok(Value::Bool(true));
    }
    let Some(name) = event_name(ev).map(str::to_string) else {
        m.report(&error("Broker::publish requires an event", span));
        return Ok(Value::Bool(false));
    };
    let params = match ev {
        Value::Func(f) => f.ty.params.len(),
        _ => 0,
    };
    if a.len() - 2 != params {
        m.report(&error(format!("bad # of arguments: got {}, expect {params}", a.len() - 2), span));
        return Ok(Value::Bool(false));
    }
    let mut args = Vec::with_capacity(a.len() - 2);
    for (i, v) in a[2..].iter().enumerate() {
        match to_data(v) {
            Ok(d) => args.push(d),
            Err(t) => {
                m.report(&error(format!("failed to convert argument #{} of type {t} to Broker data", i + 1), span));
                return Ok(Value::Bool(false));
            }
        }
    }
    let topic = text(topic);
    match m.broker.endpoint() {
        Some(endpoint) => endpoint.publish(&topic, &name, args),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

/// The event name that carries an identifier's new value (`publish_id`)
/// between peers; no script can name an event so.
pub const ID_UPDATE: &str = "\u{1}identifier-update";

/// `Broker::__publish_id(topic, id)`: sends the global's value to the
/// peers subscribed to the topic; false when there is no such global,
/// it has no value, or the value has no Broker form (Bro's error).
fn bi_publish_id(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (topic, id) = (a.first().map(text).unwrap_or_default(), a.get(1).map(text).unwrap_or_default());
    // Like Bro, nothing is looked at while no peer listens.
    if m.broker.endpoint.as_ref().is_none_or(|e| e.peers().is_empty()) {
        return Ok(Value::Bool(true));
    }
    let Some(g) = p.globals.lookup(GLOBAL_MODULE, &id) else { return Ok(Value::Bool(false)) };
    let Some(v) = m.globals.get(g).cloned().flatten() else { return Ok(Value::Bool(false)) };
    let data = match to_data(&v) {
        Ok(d) => d.normalized(),
        Err(t) => {
            let _ = span;
            let msg = format!("Failed to publish ID with unsupported type: {id} ({t})");
            m.report(&RtError { unwind: Unwind::Stmt, kind: "error", msg, span: None });
            return Ok(Value::Bool(false));
        }
    };
    if let Some(endpoint) = m.broker.endpoint.as_ref() {
        endpoint.publish(&topic, ID_UPDATE, vec![Data::String(id.into_bytes()), data]);
    }
    Ok(Value::Bool(true))
}

/// A peer's `publish_id`: the global takes the value, converted to its
/// type (Bro's warning for an unknown name, its error when the value
/// does not fit).
pub fn identifier_update(m: &mut Machine, p: &Compiler, args: &[Data]) {
    let [Data::String(name), value] = args else { return };
    let name = String::from_utf8_lossy(name).into_owned();
    let report = |m: &mut Machine, kind: &'static str, msg: String| m.report(&RtError { unwind: Unwind::Stmt, kind, msg, span: None });
    let Some(g) = p.globals.lookup(GLOBAL_MODULE, &name) else {
        report(m, "warning", format!("Received id-update request for unknown id: {name}"));
        return;
    };
    let ty = p.globals.get(g).ty.clone();
    match cast_data(value, &ty) {
        Some(v) => {
            if let Some(slot) = m.globals.get_mut(g) {
                *slot = Some(v);
            }
        }
        None => report(m, "error", format!("Failed to receive ID with unsupported type: {name} ({})", ty.tag_name())),
    }
}

/// Publishes a locally dispatched event on the topics `auto_publish`
/// registered for it.
pub fn auto_publish_dispatch(m: &mut Machine, p: &Compiler, func: usize, args: &[Value]) {
    let name = &p.funcs[func].name;
    let Some(topics) = m.broker.auto_publish.get(name).cloned() else { return };
    let Ok(data) = args.iter().map(to_data).collect::<Result<Vec<_>, _>>() else { return };
    if let Some(endpoint) = m.broker.endpoint.as_ref() {
        for topic in topics {
            endpoint.publish(&topic, name, data.clone());
        }
    }
}

/// A value as Broker data, or the name of the type that has no such form.
pub fn to_data(v: &Value) -> Result<Data, String> {
    Ok(match v {
        Value::Bool(b) => Data::Bool(*b),
        Value::Int(i) => Data::Int(*i),
        Value::Count(c) => Data::Count(*c),
        Value::Double(d) => Data::Real(*d),
        Value::Time(t) => Data::Timestamp(*t),
        Value::Interval(t) => Data::Timespan(*t),
        Value::Str(_) => Data::String(bytes(v).to_vec()),
        Value::Addr(a) => Data::Address(**a),
        Value::Subnet(s) => Data::Subnet(s.0, s.1),
        Value::Port(n, proto) => Data::Port(
            *n as u16,
            match proto {
                Proto::Tcp => Protocol::Tcp,
                Proto::Udp => Protocol::Udp,
                Proto::Icmp => Protocol::Icmp,
                Proto::Unknown => Protocol::Unknown,
            },
        ),
        Value::Enum(t, n) => Data::Enum(t.name_of(i64::from(*n)).unwrap_or_default()),
        Value::Func(f) => Data::String(f.name.clone().into_bytes()),
        Value::Vector(vec) => Data::Vector(vec.borrow().items.iter().flatten().map(to_data).collect::<Result<_, _>>()?),
        Value::Record(r) => Data::Vector(r.borrow().fields.iter().map(|f| f.as_ref().map_or(Ok(Data::None), to_data)).collect::<Result<_, _>>()?),
        Value::Table(t) => {
            let t = t.borrow();
            let key = |index: &[Value]| -> Result<Data, String> {
                match index {
                    [one] => to_data(one),
                    many => Ok(Data::Vector(many.iter().map(to_data).collect::<Result<_, _>>()?)),
                }
            };
            if t.ty.yield_type.is_none() {
                Data::Set(t.ordered().into_iter().map(|e| key(&e.index)).collect::<Result<_, _>>()?)
            } else {
                Data::Table(t.ordered().into_iter().map(|e| Ok((key(&e.index)?, e.value.as_ref().map_or(Ok(Data::None), to_data)?))).collect::<Result<_, String>>()?)
            }
        }
        Value::Pattern(_) => return Err("pattern".into()),
        Value::File(_) => return Err("file".into()),
        Value::Opaque(_) => return Err("opaque".into()),
        Value::Type(_) => return Err("type".into()),
        Value::List(_) => return Err("list".into()),
    })
}

/// Broker data as a value of the type `ty`, if it has that form.
pub fn from_data(d: &Data, ty: &Type) -> Option<Value> {
    convert_data(d, ty, false)
}

/// Broker data as a value of the type `ty` by the rules of Bro's
/// `data_to_val` (what an `as` cast uses): a count is never an int, and a
/// record takes exactly one item per field, `nil` leaving it unset.
pub fn cast_data(d: &Data, ty: &Type) -> Option<Value> {
    convert_data(d, ty, true)
}

fn convert_data(d: &Data, ty: &Type, strict: bool) -> Option<Value> {
    let from_data = |d: &Data, ty: &Type| convert_data(d, ty, strict);
    Some(match (ty, d) {
        (Type::TypeOf(t), _) => return from_data(d, t),
        (Type::Any, _) => return natural_value(d),
        (Type::Bool, Data::Bool(b)) => Value::Bool(*b),
        (Type::Int, Data::Int(i)) => Value::Int(*i),
        (Type::Int, Data::Count(c)) if !strict => Value::Int(i64::try_from(*c).ok()?),
        (Type::Count, Data::Count(c)) => Value::Count(*c),
        (Type::Double, Data::Real(r)) => Value::Double(*r),
        (Type::Time, Data::Timestamp(t)) => Value::Time(*t),
        (Type::Interval, Data::Timespan(t)) => Value::Interval(*t),
        (Type::String, Data::String(s)) => Value::str(s.clone()),
        (Type::Addr, Data::Address(a)) => Value::Addr(Rc::new(*a)),
        (Type::Subnet, Data::Subnet(a, w)) => Value::Subnet(Rc::new((*a, *w))),
        (Type::Port, Data::Port(n, p)) => Value::Port(u32::from(*n), proto(*p)),
        (Type::Enum(et), Data::Enum(name)) => {
            let v = et.names.borrow().iter().find(|(n, _)| n == name).map(|(_, v)| *v)?;
            Value::Enum(et.clone(), v as i32)
        }
        (Type::Vector(y), Data::Vector(items)) => {
            let items = items.iter().map(|i| from_data(i, y).map(Some)).collect::<Option<Vec<_>>>()?;
            Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: (**y).clone(), items })))
        }
        (Type::Record(rt), Data::Vector(items)) if strict => {
            let fields = rt.fields.borrow().clone();
            if items.len() < fields.len() {
                return None;
            }
            let mut vals = Vec::with_capacity(fields.len());
            for (f, item) in fields.iter().zip(items) {
                vals.push(match item {
                    Data::None => None,
                    item => Some(from_data(item, &f.ty)?),
                });
            }
            record(rt.clone(), vals)
        }
        (Type::Record(rt), Data::Vector(items)) => {
            let fields = rt.fields.borrow().clone();
            if items.len() > fields.len() {
                return None;
            }
            let mut vals = Vec::with_capacity(fields.len());
            for (i, f) in fields.iter().enumerate() {
                match items.get(i) {
                    None | Some(Data::None) if f.optional => vals.push(None),
                    None | Some(Data::None) => return None,
                    Some(item) => vals.push(Some(from_data(item, &f.ty)?)),
                }
            }
            record(rt.clone(), vals)
        }
        (Type::Table(tt), Data::Set(keys)) if tt.yield_type.is_none() => {
            let mut t = crate::eval::value::TableVal::new(tt.clone());
            for k in keys {
                t.insert(index_values(k, &tt.index, strict)?, None);
            }
            Value::Table(Rc::new(RefCell::new(t)))
        }
        (Type::Table(tt), Data::Table(pairs)) => {
            let y = tt.yield_type.as_ref()?;
            let mut t = crate::eval::value::TableVal::new(tt.clone());
            for (k, v) in pairs {
                t.insert(index_values(k, &tt.index, strict)?, Some(from_data(v, y)?));
            }
            Value::Table(Rc::new(RefCell::new(t)))
        }
        _ => return None,
    })
}

fn index_values(key: &Data, types: &[Type], strict: bool) -> Option<Vec<Value>> {
    match (types, key) {
        ([one], k) => Some(vec![convert_data(k, one, strict)?]),
        (many, Data::Vector(items)) if items.len() == many.len() => items.iter().zip(many).map(|(i, t)| convert_data(i, t, strict)).collect(),
        _ => None,
    }
}

fn proto(p: Protocol) -> Proto {
    match p {
        Protocol::Tcp => Proto::Tcp,
        Protocol::Udp => Proto::Udp,
        Protocol::Icmp => Proto::Icmp,
        Protocol::Unknown => Proto::Unknown,
    }
}

/// Data as the value it most naturally is (for `any` parameters).
fn natural_value(d: &Data) -> Option<Value> {
    Some(match d {
        Data::Bool(b) => Value::Bool(*b),
        Data::Count(c) => Value::Count(*c),
        Data::Int(i) => Value::Int(*i),
        Data::Real(r) => Value::Double(*r),
        Data::String(s) => Value::str(s.clone()),
        Data::Address(a) => Value::Addr(Rc::new(*a)),
        Data::Subnet(a, w) => Value::Subnet(Rc::new((*a, *w))),
        Data::Port(n, p) => Value::Port(u32::from(*n), proto(*p)),
        Data::Timestamp(t) => Value::Time(*t),
        Data::Timespan(t) => Value::Interval(*t),
        _ => return None,
    })
}

/// A remote event ready to dispatch: its function index and arguments
/// converted to the local declaration's types. `Ok(None)` when no
/// handler exists here; `Err` with Bro's warning when the arguments do
/// not fit.
pub fn remote_event(p: &Compiler, name: &str, args: &[Data]) -> Result<Option<(usize, Vec<Value>)>, String> {
    let Some(func) = handled_event(p, name) else { return Ok(None) };
    let params = &p.funcs[func].ty.params;
    if params.len() != args.len() {
        return Err(format!("got event message '{name}' with invalid # of args, got {}, expected {}", args.len(), params.len()));
    }
    let mut vals = Vec::with_capacity(args.len());
    for (i, (d, param)) in args.iter().zip(params.iter()).enumerate() {
        match from_data(d, &param.ty) {
            Some(v) => vals.push(v),
            None => return Err(format!("failed to convert remote event '{name}' arg #{}, expected {}", i + 1, param.ty)),
        }
    }
    Ok(Some((func, vals)))
}

fn text(v: &Value) -> String {
    String::from_utf8_lossy(bytes(v)).into_owned()
}

/// A `port` argument's number, or `None` (after Bro's error) when it is not TCP.
fn tcp_port(m: &mut Machine, v: &Value, complaint: &str, span: Span) -> Option<u16> {
    match v {
        Value::Port(n, Proto::Tcp) => Some(*n as u16),
        _ => {
            m.report(&error(complaint, span));
            None
        }
    }
}

fn unavailable(m: &mut Machine, span: Span) {
    m.report(&error("the peering core could not be started", span));
}

fn bi_listen(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(port) = tcp_port(m, &a[1], "listen port must use tcp", span) else {
        return Ok(Value::Port(0, Proto::Unknown));
    };
    let addr = text(&a[0]);
    let Some(endpoint) = m.broker.endpoint() else {
        unavailable(m, span);
        return Ok(Value::Port(0, Proto::Tcp));
    };
    match endpoint.listen(&addr, port) {
        Ok(bound) => Ok(Value::Port(u32::from(bound), Proto::Tcp)),
        Err(msg) => {
            m.report(&error(msg, span));
            Ok(Value::Port(0, Proto::Tcp))
        }
    }
}

/// The retry interval Bro uses: `BRO_DEFAULT_CONNECT_RETRY` (whole
/// seconds) overrides the script's; a fraction of a second becomes one
/// second; other values are truncated to whole seconds.
fn retry_interval(script: f64) -> Duration {
    let seconds = match std::env::var("BRO_DEFAULT_CONNECT_RETRY") {
        Ok(v) => atoi(&v) as f64,
        Err(_) => script,
    };
    if seconds > 0.0 && seconds < 1.0 {
        Duration::from_secs(1)
    } else if seconds >= 1.0 {
        Duration::from_secs(seconds.min(u32::MAX as f64) as u64)
    } else {
        Duration::ZERO
    }
}

/// C's `atoi`: leading blanks, a sign, digits; 0 when there are none.
fn atoi(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits.bytes().take_while(u8::is_ascii_digit).fold(0i64, |n, d| n.saturating_mul(10).saturating_add(i64::from(d - b'0')));
    if neg {
        -n
    } else {
        n
    }
}

fn bi_peer(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(port) = tcp_port(m, &a[1], "remote connection port must use tcp", span) else {
        return Ok(Value::Bool(false));
    };
    let retry = match &a[2] {
        Value::Interval(s) => *s,
        _ => 0.0,
    };
    let addr = text(&a[0]);
    match m.broker.endpoint() {
        Some(endpoint) => endpoint.peer(&addr, port, retry_interval(retry)),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

fn bi_unpeer(m: &mut Machine, _: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let Some(port) = tcp_port(m, &a[1], "remote connection port must use tcp", span) else {
        return Ok(Value::Bool(false));
    };
    let addr = text(&a[0]);
    match m.broker.endpoint() {
        Some(endpoint) => endpoint.unpeer(&addr, port),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

fn subscribe(m: &mut Machine, a: &[Value], span: Span, on: bool) -> Res<Value> {
    let prefix = text(&a[0]);
    match m.broker.endpoint() {
        Some(endpoint) if on => endpoint.subscribe(&prefix),
        Some(endpoint) => endpoint.unsubscribe(&prefix),
        None => unavailable(m, span),
    }
    Ok(Value::Bool(true))
}

fn record(rt: Rc<RecordType>, fields: Vec<Option<Value>>) -> Value {
    Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt, fields })))
}

/// A value of a `Broker::` enum type by item name.
pub(super) fn enum_value(p: &Compiler, ty: &str, item: &str) -> Option<Value> {
    match named_type(p, ty)? {
        Type::Enum(et) => {
            let full = format!("Broker::{item}");
            let v = et.names.borrow().iter().find(|(n, _)| *n == full).map(|(_, v)| *v)?;
            Some(Value::Enum(et, v as i32))
        }
        _ => None,
    }
}

/// `Broker::EndpointInfo` for a peer; `address` is given as the field's value.
fn endpoint_info(p: &Compiler, info: &EndpointInfo, address: Value) -> Option<Value> {
    let network = record(named_record(p, "Broker::NetworkInfo")?, vec![Some(address), Some(Value::Port(u32::from(info.port), Proto::Tcp))]);
    Some(record(named_record(p, "Broker::EndpointInfo")?, vec![Some(Value::str(info.id.clone())), Some(network)]))
}

fn bi_peers(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let peers = m.broker.endpoint.as_ref().map(|e| e.peers()).unwrap_or_default();
    let mut items = Vec::new();
    for peer in peers {
        // Bro 2.6 fills the string field `address` with an address value
        // (a host name is an error and becomes `::`).
        let address = match peer.peer.address.parse::<std::net::IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => {
                m.report(&crate::eval::exec::RtError { unwind: crate::eval::exec::Unwind::Stmt, kind: "error", msg: format!("Bad IP address: {}", peer.peer.address), span: None });
                "::".to_string()
            }
        };
        let status = match peer.status {
            PeerStatus::Connecting => "CONNECTING",
            PeerStatus::Peered => "PEERED",
        };
        let (Some(info), Some(status), Some(rt)) = (endpoint_info(p, &peer.peer, Value::str(address)), enum_value(p, "Broker::PeerStatus", status), named_record(p, "Broker::PeerInfo")) else {
            continue;
        };
        items.push(Some(record(rt, vec![Some(info), Some(status)])));
    }
    let yield_type = named_type(p, "Broker::PeerInfo").unwrap_or(Type::Any);
    Ok(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type, items }))))
}

/// The event a notification raises and its arguments, if the script
/// has handlers for it.
pub fn notification_event(p: &Compiler, n: &Notification) -> Option<(usize, Vec<Value>)> {
    let (name, args) = match n {
        Notification::PeerAdded(info, msg) => ("Broker::peer_added", vec![endpoint_info(p, info, Value::str(info.address.clone()))?, Value::str(msg.clone())]),
        Notification::PeerLost(info, msg) => ("Broker::peer_lost", vec![endpoint_info(p, info, Value::str(info.address.clone()))?, Value::str(msg.clone())]),
        Notification::PeerRemoved(info, msg) => ("Broker::peer_removed", vec![endpoint_info(p, info, Value::str(info.address.clone()))?, Value::str(msg.clone())]),
        Notification::Error(code, msg) => ("Broker::error", vec![error_code(p, *code)?, Value::str(msg.clone())]),
        Notification::Event { .. } => return None,
    };
    Some((handled_event(p, name)?, args))
}

fn error_code(p: &Compiler, code: ErrorCode) -> Option<Value> {
    enum_value(p, "Broker::ErrorCode", code.name())
}

/// The function-table index of an event that has at least one handler.
fn handled_event(p: &Compiler, name: &str) -> Option<usize> {
    let g = p.globals.lookup(GLOBAL_MODULE, name)?;
    p.globals.get(g).func.filter(|f| !p.funcs[*f].bodies.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_follows_bro() {
        std::env::remove_var("BRO_DEFAULT_CONNECT_RETRY");
        assert_eq!(retry_interval(0.0), Duration::ZERO);
        assert_eq!(retry_interval(0.2), Duration::from_secs(1));
        assert_eq!(retry_interval(2.7), Duration::from_secs(2));
        assert_eq!(atoi(" 12abc"), 12);
        assert_eq!(atoi("x"), 0);
        assert_eq!(atoi("-3"), -3);
    }
}
